/* SPDX-License-Identifier: GPL-2.0 */
/*
 * qla_fcproto.h: Fibre Channel itself, independent of any HBA: well-known
 * addresses, ELS and name-server (FC-GS) codes, the CT preamble, PRLI
 * service parameters, and the pure builders/parsers of those payloads
 * (implemented in qla_iocb.c, unit-tested in user space). The FC protocol
 * layer (qla_fc.c) uses this header and never the firmware's (qla_fw.h).
 */
#ifndef QLA_FCPROTO_H
#define QLA_FCPROTO_H

#include <linux/types.h>
#include <linux/build_bug.h>

#define FC_RCTL_BA_ACC		0x84
#define FC_RCTL_BA_RJT		0x85
#define FC_RCTL_BA_ABTS		0x81

#define FC_DID_FLOGI		0xfffffe
#define FC_DID_FCTRL		0xfffffd
#define FC_DID_DIR_SERV		0xfffffc

#define FC_TYPE_FCP		0x08

#define ELS_LS_RJT		0x01
#define ELS_LS_ACC		0x02
#define ELS_PLOGI		0x03
#define ELS_FLOGI		0x04
#define ELS_LOGO		0x05
#define ELS_PRLI		0x20
#define ELS_PRLO		0x21
#define ELS_SCR			0x62
#define ELS_RSCN		0x61

#define CT_REVISION		0x01
#define CT_GS_TYPE_DIR		0xfc
#define CT_GS_SUBTYPE_NS	0x02
#define CT_ACCEPT		0x8002
#define CT_REJECT		0x8001
#define CT_CMD_GPN_FT		0x0172
#define CT_CMD_GID_FT		0x0171
#define CT_CMD_RFT_ID		0x0217
#define CT_CMD_RFF_ID		0x021f
#define CT_CMD_RSPN_ID		0x0218

/* CT_IU preamble. */
struct qla_ct_hdr {
	u8 revision;
	u8 in_id[3];
	u8 gs_type;
	u8 gs_subtype;
	u8 options;
	u8 rsvd_7;
	__be16 cmd_rsp_code;
	__be16 max_residual_size;
	u8 fragment_id;
	u8 reason_code;
	u8 explanation;
	u8 vendor_unique;
};

static_assert(sizeof(struct qla_ct_hdr) == 16);

/* GPN_FT accept: one entry per port; control bit 7 marks the last. */
struct qla_gpn_ft_entry {
	u8 control;
#define GPN_FT_LAST_ENTRY	0x80
	u8 port_id[3];
	u8 rsvd_4[4];
	u8 port_name[8];
};

static_assert(sizeof(struct qla_gpn_ft_entry) == 16);

/* RFF_ID FC-4 features. */
#define FC4_FEATURE_TARGET	0x01
#define FC4_FEATURE_INITIATOR	0x02

/* PRLI word 3 (service parameters) bits in ELS payloads. */
#define PRLI_WD3_RETRY		0x00000100
#define PRLI_WD3_INITIATOR	0x00000020
#define PRLI_WD3_TARGET		0x00000010
#define PRLI_WD3_READ_XFER_RDY_DIS	0x00000002

#define ELS_PLOGI_LEN		116
#define ELS_PLOGI_PORT_NAME_OFF	20
#define ELS_PLOGI_NODE_NAME_OFF	28
#define ELS_PRLI_LEN		20
#define ELS_LOGO_LEN		16
#define ELS_RSCN_LEN		8
#define  RSCN_PAGE_FMT_MASK	0x03	/* page byte 0: address format */
#define  RSCN_FMT_PORT		0x00
#define  RSCN_FMT_AREA		0x01
#define  RSCN_FMT_DOMAIN	0x02
#define  RSCN_FMT_FABRIC	0x03
#define ELS_SCR_LEN		8
#define  SCR_FUNC_FABRIC	0x01	/* payload byte 7: what to register */
#define  SCR_FUNC_NPORT		0x02
#define  SCR_FUNC_FULL		0x03
#define  SCR_FUNC_CLEAR		0xff

/* ---- name server (CT) payloads ---- */
u32 qla_ct_build_gpn_ft(u8 *buf, u32 len, u8 fc4_type);
u32 qla_ct_build_rft_id(u8 *buf, u32 len, u32 port_id, u8 fc4_type);
u32 qla_ct_build_rff_id(u8 *buf, u32 len, u32 port_id, u8 features,
			u8 fc4_type);
int qla_ct_parse_req(const u8 *buf, u32 len, u16 *cmd, u32 *port_id,
		     u8 *fc4_type, u8 *features);
u32 qla_ct_build_rsp(u8 *buf, u32 len, u16 code, u8 reason);
int qla_ct_rsp_code(const u8 *buf, u32 len);

struct qla_gpn_ft_port {
	u32 port_id;
	u64 port_name;
};

u32 qla_ct_gpn_ft_add(u8 *buf, u32 len, u32 index, u32 port_id,
		      u64 port_name, bool last);
int qla_ct_parse_gpn_ft(const u8 *buf, u32 len, struct qla_gpn_ft_port *out,
			u32 max);

/* ---- ELS payloads ---- */
u32 qla_els_build_plogi(u8 *buf, u32 len, u8 cmd, u64 wwpn, u64 wwnn);
int qla_els_parse_plogi(const u8 *buf, u32 len, u64 *wwpn, u64 *wwnn);
u32 qla_els_build_prli(u8 *buf, u32 len, u8 cmd, u32 wd3);
int qla_els_parse_prli(const u8 *buf, u32 len, u32 *wd3);
u32 qla_els_build_logo(u8 *buf, u32 len, u32 port_id, u64 wwpn);
int qla_els_parse_logo(const u8 *buf, u32 len, u32 *port_id, u64 *wwpn);
u32 qla_els_build_rscn(u8 *buf, u32 len, u32 port_id, u8 format);
int qla_els_parse_rscn(const u8 *buf, u32 len, u32 *port_id, u8 *format);
u32 qla_els_build_scr(u8 *buf, u32 len, u8 function);
int qla_els_parse_scr(const u8 *buf, u32 len, u8 *function);

/* ---- FCP information units (FCP-4) ---- */
#define FCP_CMND_LEN		32	/* with no additional CDB */
#define FCP_CDB_MAX		(16 + 4 * 63)	/* six-bit ADDITIONAL FCP_CDB LENGTH */
#define FCP_CMND_MAX_LEN	(FCP_CMND_LEN + FCP_CDB_MAX - 16)
#define FCP_XFER_RDY_LEN	12
#define FCP_RSP_HDR_LEN		24
#define FCP_RSP_MAX_SENSE	96
#define FCP_RSP_LEN_VAL		0x01
#define FCP_SNS_LEN_VAL		0x02
#define FCP_RESID_OVER		0x04
#define FCP_RESID_UNDER		0x08
#define FCP_CMND_WRDATA		0x01
#define FCP_CMND_RDDATA		0x02
/* FCP_CMND task management flags (one at most) */
#define FCP_TMF_ABORT_TASK_SET	0x02
#define FCP_TMF_CLEAR_TASK_SET	0x04
#define FCP_TMF_LUN_RESET	0x10
#define FCP_TMF_TARGET_RESET	0x20
#define FCP_TMF_CLEAR_ACA	0x40
/* FCP_RSP_INFO RSP_CODE */
#define FCP_RSP_INFO_LEN	8
#define FCP_RSP_TMF_COMPLETE	0x00
#define FCP_RSP_CMND_INVALID	0x02
#define FCP_RSP_TMF_REJECTED	0x04	/* function not supported */
#define FCP_RSP_TMF_FAILED	0x05
#define FCP_RSP_TMF_BAD_LUN	0x09
/* BA_RJT reason and explanation (FC-LS) */
#define BA_RJT_REASON_UNABLE	0x09
#define BA_RJT_EXPL_BAD_OXRX	0x03
#define BA_RJT_EXPL_NONE	0x00

struct qla_fcp_cmnd_iu {
	u8 lun[8];
	u8 task_attr;		/* SAM task attribute, 0..4 */
	u8 tmf;			/* FCP task management flags */
	u8 rw;			/* FCP_CMND_WRDATA / FCP_CMND_RDDATA */
	u8 add_cdb_len;		/* additional CDB, in 32-bit words */
	u8 cdb[FCP_CDB_MAX];	/* 16 + 4 * add_cdb_len bytes used */
	u32 fcp_dl;
};

struct qla_fcp_rsp_iu {
	u8 flags;		/* FCP_*_VAL, FCP_RESID_* */
	u8 scsi_status;
	u8 rsp_code;		/* with FCP_RSP_LEN_VAL */
	u32 resid;
	u32 sense_len;
	u8 sense[FCP_RSP_MAX_SENSE];
};

u32 qla_fcp_build_cmnd(u8 *buf, u32 len, const struct qla_fcp_cmnd_iu *c);
int qla_fcp_parse_cmnd(const u8 *buf, u32 len, struct qla_fcp_cmnd_iu *c);
u32 qla_fcp_build_rsp(u8 *buf, u32 len, const struct qla_fcp_rsp_iu *r);
int qla_fcp_parse_rsp(const u8 *buf, u32 len, struct qla_fcp_rsp_iu *r);
u32 qla_fcp_build_xfer_rdy(u8 *buf, u32 len, u32 offset, u32 burst);
int qla_fcp_parse_xfer_rdy(const u8 *buf, u32 len, u32 *offset, u32 *burst);

#endif /* QLA_FCPROTO_H */
