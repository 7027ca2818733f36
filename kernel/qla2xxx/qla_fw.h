/* SPDX-License-Identifier: GPL-2.0 */
/*
 * qla_fw.h: the ISP24xx-family firmware interface as data.
 *
 * Register offsets, mailbox command and status codes, asynchronous event
 * codes and the 64-byte IOCBs of the request, response and ATIO rings, for
 * the 24xx/25xx/26xx/27xx/28xx family. Every wire struct is little-endian
 * (FC frame headers and payloads embedded in IOCBs stay big-endian, as on
 * the wire, except the FCP fields marked "in FCP words": those are kept as
 * little-endian 32-bit words of the wire's, each four bytes reversed, and
 * qla_iocb.c converts them), uses named masks instead of bitfields, names
 * reserved fields by their byte offset and is followed by a static_assert
 * on its size.
 *
 * The older 22xx/23xx family uses other register offsets and other IOCB
 * layouts; it will get its own qla_fw2x.h next to this file.
 *
 * This header is pure data: it is included by the user-space unit tests.
 */
#ifndef QLA_FW_H
#define QLA_FW_H

#include <linux/types.h>
#include <linux/build_bug.h>

#include "qla_fcproto.h"

/* ---- Registers (BAR 0 of an ISP24xx-family function) ---- */
#define QLA_REG_FLASH_ADDR	0x00
#define QLA_REG_FLASH_DATA	0x04
#define QLA_REG_CTRL_STATUS	0x08
#define  QLA_CSR_ISP_SOFT_RESET	0x00000001
#define  QLA_CSR_DMA_ACTIVE	0x00020000
#define  QLA_CSR_DMA_SHUTDOWN	0x00010000
#define  QLA_CSR_MWB_4096	0x00000030	/* max write burst 4096 bytes */
#define QLA_REG_ICTRL		0x0c
#define  QLA_ICTRL_EN_RISC_INT	0x00000008
#define QLA_REG_ISTATUS		0x10
#define  QLA_ISTATUS_RISC_INT	0x00000008
#define QLA_REG_REQ_Q_IN	0x1c
#define QLA_REG_REQ_Q_OUT	0x20
#define QLA_REG_RSP_Q_IN	0x24
#define QLA_REG_RSP_Q_OUT	0x28
#define QLA_REG_ATIO_Q_IN	0x3c
#define QLA_REG_ATIO_Q_OUT	0x40
#define QLA_REG_HOST_STATUS	0x44
#define  QLA_HSR_RISC_INT	0x00008000
#define  QLA_HSR_RISC_PAUSED	0x00000100
#define  QLA_HSR_INT_TYPE_MASK	0x000000ff
#define  QLA_HSR_MB0_SHIFT	16
#define QLA_REG_HCCR		0x48
#define  QLA_HCCR_HOST_INT	0x00000040	/* status: host-to-RISC int */
#define  QLA_HCCR_RISC_RESET	0x00000020	/* status: RISC in reset */
#define  QLA_HCCR_SET_RISC_RESET	0x10000000
#define  QLA_HCCR_CLR_RISC_RESET	0x20000000
#define  QLA_HCCR_SET_RISC_PAUSE	0x30000000
#define  QLA_HCCR_REL_RISC_PAUSE	0x40000000
#define  QLA_HCCR_SET_HOST_INT		0x50000000
#define  QLA_HCCR_CLR_HOST_INT		0x60000000
#define  QLA_HCCR_CLR_RISC_INT		0xa0000000
#define  QLA_HCCR_CMD_MASK		0xf0000000
#define QLA_REG_MAILBOX(n)	(0x80 + 2 * (n))	/* 16-bit each */
#define QLA_MBX_COUNT		32
#define QLA_REG_SIZE		0x100

/*
 * The base queue's in/out pointers of an 83xx/27xx/28xx: in the multiqueue
 * window of BAR 4, not in the register file.
 */
#define QLA_MQ_REQ_Q_IN		0x00
#define QLA_MQ_REQ_Q_OUT	0x04
#define QLA_MQ_RSP_Q_IN		0x08
#define QLA_MQ_RSP_Q_OUT	0x0c
#define QLA_MQ_ATIO_Q_IN	0x10
#define QLA_MQ_ATIO_Q_OUT	0x14
#define QLA_MQ_SIZE		0x18

/*
 * Flash and NVRAM through QLA_REG_FLASH_ADDR/DATA: write the dword address
 * with the access window in bits 30:16 and bit 31 clear; the chip sets bit
 * 31 when FLASH_DATA holds the dword.
 */
#define QLA_FARX_DATA_FLAG		0x80000000
#define QLA_FARX_FLASH_DATA		0x7ff00000	/* 24xx, 25xx */
#define QLA_FARX_NVRAM_DATA		0x7ffe0000	/* 24xx, 25xx */
#define QLA_FARX_FLASH_DATA_81XX	0x7f800000	/* 81xx, 83xx, 27xx */
#define QLA_FARX_FLASH_DATA_28XX	0x7f7d0000
/* dword addresses: a function's NVRAM, the 25xx flash region holding it */
#define QLA_FA_NVRAM_FUNC0	0x80
#define QLA_FA_NVRAM_FUNC1	0x180
#define QLA_FA_VPD_NVRAM	0x48000
/* the flash layout table of 83xx/27xx and of 28xx (dword addresses) */
#define QLA_FA_FLT_83XX		(0x3f1000 / 4)
#define QLA_FA_FLT_28XX		(0x11000 / 4)
#define QLA_FA_FW_25XX		0x20000		/* firmware region, 24xx/25xx */

/* NVRAM (24xx) and its flash copy (nvram_81xx layout, 81xx and later) */
#define QLA_NV_SIZE		512
#define QLA_NV_ID		0		/* "ISP " */
#define QLA_NV_VERSION		4
#define QLA_NV_PORT_NAME	20		/* big-endian WWN */
#define QLA_NV_NODE_NAME	28
#define QLA_NV24_MODEL_NAME	480		/* 16 bytes, space padded */
#define QLA_NV81_MODEL_NAME	480
#define QLA_NV_MODEL_LEN	16
#define QLA_NV_CHECKSUM		508		/* the dwords sum to 0 */

/* Flash layout table: a header and 16-byte region descriptors. */
struct qla_flt_header {
	__le16 version;			/* 1 */
	__le16 length;			/* bytes of regions that follow */
	__le16 checksum;		/* header + regions sum to 0 (16-bit) */
	__le16 rsvd_6;
};

static_assert(sizeof(struct qla_flt_header) == 8);

struct qla_flt_region {
	__le16 code;
	u8 attribute;
	u8 rsvd_3;
	__le32 size;			/* bytes */
	__le32 start;			/* byte address */
	__le32 end;
};

static_assert(sizeof(struct qla_flt_region) == 16);

#define QLA_FLT_VERSION		1
#define QLA_FLT_REG_FW		0x01
#define QLA_FLT_REG_NVRAM_0	0x15
#define QLA_FLT_REG_NVRAM_1	0x17
#define QLA_FLT_REG_NVRAM_2	0xd5
#define QLA_FLT_REG_NVRAM_3	0xd7
#define QLA_FLT_MAX_REGIONS	32

/* Interrupt types in host_status bits 7:0 while QLA_HSR_RISC_INT is set. */
#define QLA_INT_ROM_MBX_DONE	0x01
#define QLA_INT_ROM_MBX_ERR	0x02
#define QLA_INT_MBX_DONE	0x10
#define QLA_INT_MBX_ERR		0x11
#define QLA_INT_ASYNC		0x12
#define QLA_INT_RSP_Q		0x13
#define QLA_INT_RSP_Q2		0x14
#define QLA_INT_ATIO_Q		0x1c
#define QLA_INT_ATIO_RSP_Q	0x1d
#define QLA_INT_ATIO_Q_27XX	0x1e	/* 27xx/28xx: ATIO queue, INTx/MSI */

/* ---- Mailbox commands (mailbox 0 on the way in) ---- */
#define MBC_EXECUTE_FIRMWARE		0x0002
#define MBC_MAILBOX_REGISTER_TEST	0x0006
#define MBC_VERIFY_CHECKSUM		0x0007
#define MBC_GET_FIRMWARE_VERSION	0x0008
#define MBC_LOAD_RISC_RAM_EXTENDED	0x000b
#define MBC_STOP_FIRMWARE		0x0014
#define MBC_GET_ADAPTER_LOOP_ID		0x0020
#define MBC_SET_FIRMWARE_OPTION		0x0038
#define MBC_INITIALIZE_FIRMWARE		0x0060
#define MBC_GET_PORT_DATABASE		0x0064
#define MBC_GET_FIRMWARE_STATE		0x0069
#define MBC_SEND_CHANGE_REQUEST		0x0070	/* SCR: mb1 format, mb9 vp */
#define  SCR_FORMAT_FABRIC		0x0001
#define  SCR_FORMAT_NPORT		0x0002
#define  SCR_FORMAT_FULL		0x0003
#define MBC_LIP_FULL_LOGIN		0x0072

/* Mailbox completion status (mailbox 0 on the way out). */
#define MBS_COMMAND_COMPLETE		0x4000
#define MBS_INVALID_COMMAND		0x4001
#define MBS_COMMAND_ERROR		0x4005
#define MBS_COMMAND_PARAMETER_ERROR	0x4006

/* Asynchronous events (mailbox 0 with QLA_INT_ASYNC). */
#define MBA_SYSTEM_ERR			0x8002	/* firmware crashed */
#define MBA_REQ_TRANSFER_ERR		0x8003
#define MBA_RSP_TRANSFER_ERR		0x8004
#define MBA_LIP_OCCURRED		0x8010
#define MBA_LOOP_UP			0x8011
#define MBA_LOOP_DOWN			0x8012
#define MBA_LIP_RESET			0x8013
#define MBA_PORT_UPDATE			0x8014
#define MBA_RSCN_UPDATE			0x8015
/*
 * MBA_RSCN_UPDATE: mb1 bits 7:0 the affected domain, bits 9:8 the RSCN
 * page's address format; mb2 area (15:8) and AL_PA (7:0); mb3 bits 7:0
 * the virtual port index.
 */
#define  RSCN_MB1_DOMAIN_MASK		0x00ff
#define  RSCN_MB1_FMT_SHIFT		8
#define  RSCN_MB1_FMT_MASK		0x0300
#define  RSCN_MB3_VP_MASK		0x00ff

/* Firmware state (GET_FIRMWARE_STATE mailbox 1). */
#define FSTATE_CONFIG_WAIT		0x0000	/* link down, or not set up */
#define FSTATE_WAIT_AL_PA		0x0001
#define FSTATE_WAIT_LOGIN		0x0002	/* fabric login under way */
#define FSTATE_READY			0x0003
#define FSTATE_LOSS_OF_SYNC		0x0004
#define FSTATE_ERROR			0x0005
#define FSTATE_REINIT			0x0006
#define FSTATE_NON_PART			0x0007

/* Link speed in LOOP_UP mailbox 1. */
#define QLA_SPEED_1G			0x0000
#define QLA_SPEED_2G			0x0001
#define QLA_SPEED_4G			0x0003
#define QLA_SPEED_8G			0x0004
#define QLA_SPEED_16G			0x0005
#define QLA_SPEED_32G			0x0006
#define QLA_SPEED_64G			0x0007
#define QLA_SPEED_UNKNOWN		0xffff

/*
 * Topology in GET_ADAPTER_LOOP_ID mailbox 6 (mailbox 7 is the switch's
 * capabilities, mailboxes 2 and 3 the N_Port ID).
 */
#define QLA_TOPO_LOOP			0x0000
#define QLA_TOPO_FL_PORT		0x0001
#define QLA_TOPO_N2N			0x0002
#define QLA_TOPO_FABRIC			0x0003	/* F_Port: attached to a switch */

/* ---- IOCB entry types ---- */
#define QLA_IOCB_SIZE			64
#define STATUS_TYPE			0x03
#define MARKER_TYPE			0x04
#define CONTINUE_A64_TYPE		0x0a
#define ATIO_TYPE7			0x06
#define IMMED_NOTIFY_TYPE		0x0d
#define NOTIFY_ACK_TYPE			0x0e
#define STATUS_CONT_TYPE		0x10
#define CTIO_TYPE7			0x12
#define TSK_MGMT_IOCB_TYPE		0x14
#define COMMAND_TYPE_7			0x18
#define CT_IOCB_TYPE			0x29
#define ABORT_IOCB_TYPE			0x33
#define LOGINOUT_PORT_IOCB_TYPE		0x52
#define ELS_IOCB_TYPE			0x53
#define ABTS_RECV_24XX			0x54
#define ABTS_RESP_24XX			0x55

/* entry_status bits set by the firmware on a rejected request. */
#define QLA_ES_MASK			0x3c
#define QLA_ES_INVALID_TYPE		0x04
#define QLA_ES_INVALID_PARAM		0x08
#define QLA_ES_INVALID_COUNT		0x10
#define QLA_ES_INVALID_ORDER		0x20

/* Completion status (comp_status of status and pass-through IOCBs). */
#define CS_COMPLETE			0x0000
#define CS_DMA				0x0002
#define CS_TRANSPORT			0x0003
#define CS_RESET			0x0004
#define CS_ABORTED			0x0005
#define CS_TIMEOUT			0x0006
#define CS_DATA_OVERRUN			0x0007
#define CS_DATA_UNDERRUN		0x0015
#define CS_PORT_UNAVAILABLE		0x0028
#define CS_PORT_LOGGED_OUT		0x0029
#define CS_PORT_CONFIG_CHG		0x002a
#define CS_LOGIO_ERROR			0x0031

/* A 24-bit FC port id in an IOCB: al_pa, area, domain (little-endian). */
struct qla_le_id {
	u8 al_pa;
	u8 area;
	u8 domain;
};

static_assert(sizeof(struct qla_le_id) == 3);

/* A 64-bit data segment descriptor. */
struct qla_dsd64 {
	__le32 address_lo;
	__le32 address_hi;
	__le32 length;
};

static_assert(sizeof(struct qla_dsd64) == 12);

/* The four bytes every IOCB starts with. */
struct qla_iocb_hdr {
	u8 entry_type;
	u8 entry_count;
	u8 sys_define;		/* handle_count in some IOCBs */
	u8 entry_status;
};

static_assert(sizeof(struct qla_iocb_hdr) == 4);

/* Command Type 7: an FCP command from the initiator. */
struct qla_cmd7 {
	struct qla_iocb_hdr hdr;
	__le32 handle;
	__le16 nport_handle;
	__le16 timeout;
	__le16 dseg_count;
	__le16 rsvd_14;
	u8 lun[8];			/* FCP LUN, in FCP words */
	__le16 task_mgmt_flags;
#define CMD7_TMF_LUN_RESET	0x1000
#define CMD7_TMF_READ_DATA	0x0002
#define CMD7_TMF_WRITE_DATA	0x0001
	u8 task;
#define CMD7_TASK_SIMPLE	0x00
#define CMD7_TASK_HEAD_OF_QUEUE	0x01
#define CMD7_TASK_ORDERED	0x02
	u8 crn;
	u8 cdb[16];			/* in FCP words */
	__le32 byte_count;
	struct qla_le_id port_id;
	u8 vp_index;
	struct qla_dsd64 dsd;
};

static_assert(sizeof(struct qla_cmd7) == QLA_IOCB_SIZE);

/*
 * Continuation Type 1: the data segments of a command type 7 or a CTIO type
 * 7 after its one in-line descriptor, five to an entry, in the request ring
 * entries that follow the command (whose entry_count counts them).
 */
#define QLA_CONT_DSDS		5

struct qla_cont_a64 {
	struct qla_iocb_hdr hdr;
	struct qla_dsd64 dsd[QLA_CONT_DSDS];
};

static_assert(sizeof(struct qla_cont_a64) == QLA_IOCB_SIZE);

/* Status Type 0: completion of a command type 7. */
struct qla_sts24 {
	struct qla_iocb_hdr hdr;
	__le32 handle;
	__le16 comp_status;
	__le16 ox_id;
	__le32 residual_len;
	__le16 rsvd_16;
	__le16 state_flags;
	__le16 retry_delay;
	__le16 scsi_status;
#define STS24_SCSI_STATUS_MASK	0x00ff
#define STS24_RSP_LEN_VALID	0x0100
#define STS24_SENSE_LEN_VALID	0x0200
#define STS24_RESID_OVER	0x0400
#define STS24_RESID_UNDER	0x0800
	__le32 rsp_residual_count;
	__le32 sense_len;
	__le32 rsp_data_len;
	u8 data[28];			/* FCP_RSP_INFO then sense, in FCP words */
};

static_assert(sizeof(struct qla_sts24) == QLA_IOCB_SIZE);

/* Status Continuation: more sense bytes. */
struct qla_sts_cont {
	struct qla_iocb_hdr hdr;
	u8 data[60];			/* in FCP words */
};

static_assert(sizeof(struct qla_sts_cont) == QLA_IOCB_SIZE);

/* Marker: resynchronise the firmware after a reset or a LIP. */
struct qla_marker24 {
	struct qla_iocb_hdr hdr;
	__le32 handle;
	__le16 nport_handle;
	u8 modifier;
#define MK_SYNC_ID_LUN		0
#define MK_SYNC_ID		1
#define MK_SYNC_ALL		2
	u8 rsvd_11;
	u8 rsvd_12;
	u8 vp_index;
	u8 rsvd_14[2];
	u8 lun[8];
	u8 rsvd_24[40];
};

static_assert(sizeof(struct qla_marker24) == QLA_IOCB_SIZE);

/* An FC frame header as the firmware copies it from the wire (big-endian). */
struct qla_fc_hdr_be {
	u8 r_ctl;
	u8 d_id[3];
	u8 cs_ctl;
	u8 s_id[3];
	u8 type;
	u8 f_ctl[3];
	u8 seq_id;
	u8 df_ctl;
	__be16 seq_cnt;
	__be16 ox_id;
	__be16 rx_id;
	__be32 parameter;
};

static_assert(sizeof(struct qla_fc_hdr_be) == 24);

/*
 * ATIO Type 7: an FCP_CMND received by a target-mode port. The frame's
 * header and FCP_CMND IU follow the 8-byte entry header as they came off
 * the wire; attr_n_length counts both in bytes (0x38 with no additional
 * CDB). Additional CDB bytes (add_cdb_len 32-bit words) sit between the
 * CDB and FCP_DL, so an FCP_CMND longer than 32 bytes runs on into the
 * next ring entries (entry_count of them in all, wrapping at the ring's
 * end like any entry); with no additional CDB, FCP_DL is add_cdb[].
 */
struct qla_atio7 {
	u8 entry_type;
	u8 entry_count;
	__le16 attr_n_length;
#define ATIO7_FCP_LEN_MASK	0x0fff
#define ATIO7_FCP_LEN_MIN	0x38	/* frame header + 32-byte FCP_CMND */
#define ATIO7_ATTR_SHIFT	12
	__le32 exchange_addr;
#define ATIO7_EXCHANGE_UNKNOWN	0xffffffff
	struct qla_fc_hdr_be fc_hdr;
	/* FCP_CMND IU (big-endian) */
	u8 lun[8];
	u8 cmnd_ref;
	u8 task_attr;
#define ATIO7_TASK_ATTR_MASK	0x07
	u8 task_mgmt_flags;
	u8 add_cdb_rw;
#define ATIO7_WRDATA		0x01
#define ATIO7_RDDATA		0x02
#define ATIO7_ADD_CDB_SHIFT	2	/* add_cdb_len, in 32-bit words */
	u8 cdb[16];
	u8 add_cdb[4];			/* or FCP_DL (big-endian) */
};

static_assert(sizeof(struct qla_atio7) == QLA_IOCB_SIZE);

/* Offset of the FCP_CMND IU in an ATIO type 7 (and in its frame image). */
#define ATIO7_FCP_CMND_OFF	32
#define ATIO7_MAX_ADD_CDB	63	/* words: six bits */
#define ATIO7_MAX_ENTRIES	5	/* 32 + 32 + 4 * 63 + 4 bytes */

/* CTIO Type 7, driver to firmware: move data and/or send status. */
struct qla_ctio7_mode0 {
	__le16 rsvd_24;
	__le16 flags;
	__le32 residual;
	__le16 ox_id;
	__le16 scsi_status;
	__le32 relative_offset;
	__le32 rsvd_40;
	__le32 transfer_length;
	__le32 rsvd_48;
	struct qla_dsd64 dsd;
};

static_assert(sizeof(struct qla_ctio7_mode0) == 40);

struct qla_ctio7_mode1 {
	__le16 sense_length;
	__le16 flags;
	__le32 residual;
	__le16 ox_id;
	__le16 scsi_status;
	__le16 response_len;
	__le16 rsvd_38;
	u8 sense_data[24];		/* in FCP words */
};

static_assert(sizeof(struct qla_ctio7_mode1) == 40);

struct qla_ctio7 {
	struct qla_iocb_hdr hdr;
	__le32 handle;
	__le16 nport_handle;
#define CTIO7_NHANDLE_UNRECOGNIZED	0xffff
	__le16 timeout;
	__le16 dseg_count;
	u8 vp_index;
	u8 add_flags;
	struct qla_le_id initiator_id;
	u8 rsvd_19;
	__le32 exchange_addr;
	union {
		struct qla_ctio7_mode0 m0;
		struct qla_ctio7_mode1 m1;
	} u;
};

static_assert(sizeof(struct qla_ctio7) == QLA_IOCB_SIZE);

#define CTIO7_FLAGS_DATA_OUT		0x0001	/* from the initiator */
#define CTIO7_FLAGS_DATA_IN		0x0002	/* to the initiator */
#define CTIO7_FLAGS_STATUS_MODE_0	0x0000
#define CTIO7_FLAGS_STATUS_MODE_1	0x0040
#define CTIO7_FLAGS_DONT_RET_CTIO	0x0100
#define CTIO7_FLAGS_CONFORM_REQ		0x2000
#define CTIO7_FLAGS_TERMINATE		0x4000
#define CTIO7_FLAGS_SEND_STATUS		0x8000

/* CTIO Type 7, firmware to driver: completion. */
struct qla_ctio7_done {
	struct qla_iocb_hdr hdr;
	__le32 handle;
	__le16 status;
	__le16 timeout;
	__le16 dseg_count;
	u8 vp_index;
	u8 rsvd_15[5];
	__le32 exchange_addr;
	__le16 rsvd_24;
	__le16 flags;
	__le32 residual;
	__le16 ox_id;
	__le16 rsvd_34;
	__le32 relative_offset;
	u8 rsvd_40[24];
};

static_assert(sizeof(struct qla_ctio7_done) == QLA_IOCB_SIZE);

#define CTIO_SUCCESS			0x0001
#define CTIO_ABORTED			0x0002
#define CTIO_INVALID_RX_ID		0x0008
#define CTIO_TIMEOUT			0x000b
#define CTIO_PORT_LOGGED_OUT		0x0029

/* An FC frame header as the firmware stores it in ABTS IOCBs (LE words). */
struct qla_fc_hdr_le {
	struct qla_le_id d_id;
	u8 r_ctl;
	struct qla_le_id s_id;
	u8 cs_ctl;
	u8 f_ctl[3];
	u8 type;
	__le16 seq_cnt;
	u8 df_ctl;
	u8 seq_id;
	__le16 rx_id;
	__le16 ox_id;
	__le32 parameter;
};

static_assert(sizeof(struct qla_fc_hdr_le) == 24);

/* ABTS received by a target-mode port. */
struct qla_abts_recv {
	struct qla_iocb_hdr hdr;
	u8 rsvd_4[6];
	__le16 nport_handle;
	u8 rsvd_12[2];
	u8 vp_index;
	u8 sof_type;
#define ABTS_SOF_TYPE_SHIFT	4
#define ABTS_SOF_I3		0x1	/* a single-frame class 3 sequence */
	__le32 exchange_address;
	struct qla_fc_hdr_le fc_hdr;
	u8 rsvd_44[16];
	__le32 exchange_addr_to_abort;
};

static_assert(sizeof(struct qla_abts_recv) == QLA_IOCB_SIZE);

/* ABTS response from a target-mode port (and its completion). */
struct qla_abts_resp {
	struct qla_iocb_hdr hdr;
	__le32 handle;
	__le16 comp_status;		/* firmware sets it on completion */
	__le16 nport_handle;
	__le16 control_flags;
#define ABTS_CONTR_FLG_TERM_EXCHG	0x0001
	u8 vp_index;
	u8 sof_type;
	__le32 exchange_address;
	struct qla_fc_hdr_le fc_hdr;
	u8 payload[12];			/* BA_ACC or BA_RJT, LE words */
	/* BA_ACC: byte offsets in payload[] */
#define BA_ACC_SEQ_ID_LAST_OFF	2
#define BA_ACC_SEQ_ID_VALID_OFF	3
#define BA_SEQ_ID_VALID		0x80
#define BA_SEQ_ID_INVALID	0x00
#define BA_ACC_RX_ID_OFF	4	/* __le16 */
#define BA_ACC_OX_ID_OFF	6	/* __le16 */
#define BA_ACC_HIGH_SEQ_OFF	8	/* __le16 */
#define BA_ACC_LOW_SEQ_OFF	10	/* __le16 */
	/* BA_RJT: byte offsets in payload[] */
#define BA_RJT_VENDOR_OFF	0
#define BA_RJT_EXPL_OFF		1
#define BA_RJT_REASON_OFF	2
	__le32 rsvd_56;
	__le32 exchange_addr_to_abort;
};

static_assert(sizeof(struct qla_abts_resp) == QLA_IOCB_SIZE);

/* F_CTL of a BA_ACC/BA_RJT the responder sends (in the LE header). */
#define QLA_FCTL_EXCH_CONTEXT_RESP	0x800000
#define QLA_FCTL_LAST_SEQ		0x100000
#define QLA_FCTL_END_SEQ		0x080000
#define QLA_FCTL_SEQ_INITIATIVE		0x010000
#define QLA_FCTL_BA_RSP		(QLA_FCTL_EXCH_CONTEXT_RESP | \
				 QLA_FCTL_LAST_SEQ | QLA_FCTL_END_SEQ | \
				 QLA_FCTL_SEQ_INITIATIVE)

/* The firmware's completion of an ABTS response. */
struct qla_abts_resp_done {
	struct qla_iocb_hdr hdr;
	__le32 handle;
	__le16 comp_status;
#define ABTS_RESP_COMPL_SUCCESS		0x0000
#define ABTS_RESP_COMPL_SUBCODE_ERROR	0x0031
	__le16 nport_handle;
	__le16 rsvd_12;
	u8 rsvd_14;
	u8 sof_type;
	__le32 exchange_address;
	struct qla_fc_hdr_le fc_hdr;
	u8 rsvd_44[8];
	__le32 error_subcode1;
#define ABTS_RESP_SUBCODE_EXCH_NOT_TERM	0x1e	/* terminate it, resend */
	__le32 error_subcode2;
	__le32 exchange_addr_to_abort;
};

static_assert(sizeof(struct qla_abts_resp_done) == QLA_IOCB_SIZE);

/* Immediate Notify: an event for a target-mode port (ELS, LIP, abort). */
struct qla_imm_ntfy {
	struct qla_iocb_hdr hdr;
	__le32 rsvd_4;
	__le16 nport_handle;
	__le16 rsvd_10;
	__le16 flags;
#define IMM_NTFY_FLAGS_PUREX_IOCB	0x0001
	__le16 srr_rx_id;
	__le16 status;
#define IMM_NTFY_LIP_RESET		0x000e
#define IMM_NTFY_LIP_LINK_REINIT	0x000f
#define IMM_NTFY_ABORT_TASK		0x0020
#define IMM_NTFY_PORT_LOGOUT		0x0029
#define IMM_NTFY_PORT_CONFIG		0x002a
#define IMM_NTFY_ELS			0x0046
	u8 status_subcode;		/* ELS opcode with IMM_NTFY_ELS */
	u8 fw_handle;
	__le32 exchange_address;
	__le32 srr_rel_offs;
	__le16 srr_ui;
	__le16 srr_ox_id;
	u8 u[8];			/* PLOGI: node name; PRLI: word 3 */
#define IMM_NTFY_PRLI_WD3_OFF	0
	u8 port_name[8];
	u8 rsvd_48[3];
	u8 vp_index;
	__le32 rsvd_52;
	struct qla_le_id port_id;
	u8 rsvd_59;
	__le16 rsvd_60;
	__le16 ox_id;
};

static_assert(sizeof(struct qla_imm_ntfy) == QLA_IOCB_SIZE);

/*
 * Notify Acknowledge: the driver's answer to an Immediate Notify. It echoes
 * the notify's N_Port handle, status and subcode, firmware handle, exchange
 * address, SRR fields, VP index and OX_ID (and for an ELS, its flags' PUREX
 * bit); the firmware returns it with status NOTIFY_ACK_SUCCESS when done.
 */
struct qla_nack {
	struct qla_iocb_hdr hdr;
	__le32 handle;
	__le16 nport_handle;
	__le16 rsvd_10;
	__le16 flags;
#define NOTIFY_ACK_FLAGS_TERMINATE	0x0008
	__le16 srr_rx_id;
	__le16 status;
#define NOTIFY_ACK_SUCCESS		0x0001
	u8 status_subcode;
	u8 fw_handle;
	__le32 exchange_address;
	__le32 srr_rel_offs;
	__le16 srr_ui;
	__le16 srr_flags;
	u8 rsvd_32[19];
	u8 vp_index;
	u8 srr_reject_vendor_uniq;
	u8 srr_reject_code_expl;
	u8 srr_reject_code;
	u8 rsvd_55[5];
	__le16 rsvd_60;
	__le16 ox_id;
};

static_assert(sizeof(struct qla_nack) == QLA_IOCB_SIZE);

/* Abort IOCB: abort a command the driver issued. */
struct qla_abort24 {
	struct qla_iocb_hdr hdr;
	__le32 handle;
	__le16 nport_handle;		/* comp_status on completion */
	__le16 options;
#define AOF_NO_ABTS		0x0001
	__le32 handle_to_abort;
	__le16 req_que_no;
	u8 rsvd_18[30];
	struct qla_le_id port_id;
	u8 vp_index;
	u8 rsvd_52[12];
};

static_assert(sizeof(struct qla_abort24) == QLA_IOCB_SIZE);

/*
 * Task Management IOCB. The firmware completes it with a status entry
 * (struct qla_sts24, same handle): comp_status, and with STS24_RSP_LEN_VALID
 * in scsi_status and rsp_data_len of 4 or more, the target's FCP_RSP_INFO
 * in the data area (in FCP words: RSP_CODE in wire byte 3, data[0]).
 */
struct qla_tsk_mgmt {
	struct qla_iocb_hdr hdr;
	__le32 handle;
	__le16 nport_handle;		/* comp_status on completion */
	__le16 rsvd_10;
	__le16 delay;
	__le16 timeout;
	u8 lun[8];			/* in FCP words */
	__le32 control_flags;
#define TCF_CLEAR_ACA		0x00000001
#define TCF_TARGET_RESET	0x00000002
#define TCF_CLEAR_TASK_SET	0x00000004
#define TCF_ABORT_TASK_SET	0x00000008
#define TCF_LUN_RESET		0x00000010
	u8 rsvd_28[20];
	struct qla_le_id port_id;
	u8 vp_index;
	u8 rsvd_52[12];
};

static_assert(sizeof(struct qla_tsk_mgmt) == QLA_IOCB_SIZE);

/* CT Pass-Through: a request to the name server (or another FC service). */
struct qla_ct_iocb {
	struct qla_iocb_hdr hdr;
	__le32 handle;
	__le16 comp_status;
	__le16 nport_handle;
#define QLA_NPH_SNS		0x07fc	/* the name server's N_Port handle */
#define QLA_NPH_FABRIC		0x07fe
	__le16 cmd_dsd_count;
	u8 vp_index;
	u8 rsvd_15;
	__le16 timeout;
	__le16 rsvd_18;
	__le16 rsp_dsd_count;
	u8 rsvd_22[10];
	__le32 rsp_byte_count;
	__le32 cmd_byte_count;
	struct qla_dsd64 dsd[2];	/* command, response */
};

static_assert(sizeof(struct qla_ct_iocb) == QLA_IOCB_SIZE);

/*
 * The source port id of an ELS Pass-Through IOCB: unlike every other port
 * id in an IOCB, domain first, then AL_PA, then area.
 */
struct qla_els_s_id {
	u8 domain;
	u8 al_pa;
	u8 area;
};

static_assert(sizeof(struct qla_els_s_id) == 3);

/* ELS Pass-Through: send an ELS the firmware does not handle itself. */
struct qla_els_iocb {
	struct qla_iocb_hdr hdr;
	__le32 handle;
	__le16 comp_status;
	__le16 nport_handle;
	__le16 tx_dsd_count;
	u8 vp_index;
	u8 sof_type;
	__le32 rx_xchg_address;
	__le16 rx_dsd_count;
	u8 opcode;
	u8 rsvd_23;
	struct qla_le_id d_id;
	struct qla_els_s_id s_id;
	__le16 control_flags;
	__le32 rx_byte_count;
	__le32 tx_byte_count;
	struct qla_dsd64 tx_dsd;
	struct qla_dsd64 rx_dsd;
};

static_assert(sizeof(struct qla_els_iocb) == QLA_IOCB_SIZE);

/* Login/Logout Port: the firmware performs PLOGI (+PRLI), PRLI or LOGO. */
struct qla_logio {
	struct qla_iocb_hdr hdr;
	__le32 handle;
	__le16 comp_status;
	__le16 nport_handle;
	__le16 control_flags;
#define LCF_COMMAND_MASK	0x000f
#define LCF_COMMAND_PLOGI	0x0000
#define LCF_COMMAND_PRLI	0x0001
#define LCF_COMMAND_LOGO	0x0008
#define LCF_COND_PLOGI		0x0010
#define LCF_SKIP_PRLI		0x0020
#define LCF_EXPL_LOGO		0x0040
#define LCF_FREE_NPORT		0x0080
	u8 vp_index;
	u8 rsvd_15;
	struct qla_le_id port_id;
	u8 rsp_size;
	__le32 io_parameter[11];
	/*
	 * io_parameter[0] with comp_status CS_LOGIO_ERROR: why; [1]: a
	 * detail where the code says so.
	 */
#define LSC_SCODE_NOLINK	0x01
#define LSC_SCODE_NOIOCB	0x02
#define LSC_SCODE_NOXCB		0x03
#define LSC_SCODE_CMD_FAILED	0x04	/* [1] 0x0606: the peer's own PLOGI
					 * and PRLI completed the login
					 */
#define  LSC_CMD_FAILED_PEER_LOGIN	0x0606
#define LSC_SCODE_NOFABRIC	0x05
#define LSC_SCODE_FW_NOT_READY	0x07
#define LSC_SCODE_NOT_LOGGED_IN	0x09
#define LSC_SCODE_NOPCB		0x0a
#define LSC_SCODE_ELS_REJECT	0x18
#define LSC_SCODE_CMD_PARAM_ERR	0x19
#define LSC_SCODE_PORTID_USED	0x1a	/* [1] 15:0: the handle it has */
#define LSC_SCODE_NPORT_USED	0x1b	/* [1] 23:0: the port id holding it */
#define LSC_SCODE_NONPORT	0x1c
#define LSC_SCODE_LOGGED_IN	0x1d
#define LSC_SCODE_NOFLOGI_ACC	0x1f
	/* io_parameter[0] on success of PLOGI+PRLI: PRLI word 3 */
#define LIO_PRLI_WD3_INITIATOR	0x00000020
#define LIO_PRLI_WD3_TARGET	0x00000010
};

static_assert(sizeof(struct qla_logio) == QLA_IOCB_SIZE);

/* ---- Mailbox data structures (in host memory, pointed to by mailboxes) ---- */

/* INITIALIZE_FIRMWARE control block. */
struct qla_init_cb {
	__le16 version;
	__le16 rsvd_2;
	__le16 frame_payload_size;
	__le16 execution_throttle;
	__le16 exchange_count;
#define ICB_XCHG_TARGET_ONLY	0xffff
#define ICB_XCHG_DUAL		1024	/* upstream's ql2xexchoffld */
	__le16 hard_address;
	u8 port_name[8];
	u8 node_name[8];
	__le16 response_q_inpointer;
	__le16 request_q_outpointer;
	__le16 login_retry_count;
	__le16 prio_request_q_outpointer;
	__le16 response_q_length;
	__le16 request_q_length;
	__le16 link_down_on_nos;
	__le16 prio_request_q_length;
	__le32 request_q_address_lo;
	__le32 request_q_address_hi;
	__le32 response_q_address_lo;
	__le32 response_q_address_hi;
	__le32 prio_request_q_address_lo;
	__le32 prio_request_q_address_hi;
	__le16 msix;
	__le16 msix_atio;
	u8 rsvd_72[4];
	__le16 atio_q_inpointer;
	__le16 atio_q_length;
	__le32 atio_q_address_lo;
	__le32 atio_q_address_hi;
	__le16 interrupt_delay_timer;
	__le16 login_timeout;
	__le32 firmware_options_1;
#define FO1_HARD_ADDRESS	0x00000001
#define FO1_TARGET_MODE		0x00000010
#define FO1_INITIATOR_DISABLE	0x00000020
#define FO1_FULL_LOGIN_LIP	0x00002000
#define FO1_NAME_OPTION		0x00004000
#define FO1_RSVD_15		0x00008000	/* clear, or the firmware fails */
	__le32 firmware_options_2;
#define FO2_CONN_MASK		0x00000070
#define FO2_CONN_P2P_ONLY	0x00000010
#define FO2_FC_TAPE		0x00001000
#define FO2_TGT_PRLI_CTRL	0x00004000	/* target: driver answers PRLI */
#define FO2_ATIO_ON_INTX	0x04000000	/* 83xx..28xx: no ATIO vector */
	__le32 firmware_options_3;
#define FO3_DATA_RATE_SHIFT	13
#define FO3_DATA_RATE_MASK	0x0000e000
	__le16 qos;
	__le16 rid;
	u8 rsvd_108[20];
};

static_assert(sizeof(struct qla_init_cb) == 128);

/*
 * GET_PORT_DATABASE result. A handle the firmware has no login for fails
 * the mailbox command: after a LOGO (either side's) the entry is gone, and
 * there is no "logged out" state; while the LOGO is under way the entry
 * says PDS_LOGO_PENDING.
 */
struct qla_port_db {
	__le16 flags;
	u8 current_login_state;		/* bits 3:0 FCP, 7:4 NVMe */
#define PDS_PLOGI_PENDING	0x03
#define PDS_PLOGI_COMPLETE	0x04
#define PDS_PRLI_PENDING	0x05
#define PDS_PRLI_COMPLETE	0x06
#define PDS_PORT_UNAVAILABLE	0x07
#define PDS_PRLO_PENDING	0x09
#define PDS_LOGO_PENDING	0x11
#define PDS_PRLI2_PENDING	0x12
#define PDS_STATE_MASK		0x0f	/* the FCP state */
	u8 last_login_state;
	u8 hard_address[3];		/* domain, area, AL_PA */
	u8 rsvd_7;
	u8 port_id[3];			/* domain, area, AL_PA */
	u8 sequence_id;
	__le16 port_timer;
	__le16 nport_handle;
	__le16 receive_data_size;
	__le16 rsvd_18;
	__le16 prli_svc_param_word_0;
	__le16 prli_svc_param_word_3;	/* bits 15:0 of PRLI word 3 */
#define PDB_PRLI_TARGET		0x0010
#define PDB_PRLI_INITIATOR	0x0020
	u8 port_name[8];
	u8 node_name[8];
	u8 rsvd_40[24];
};

static_assert(sizeof(struct qla_port_db) == 64);

#endif /* QLA_FW_H */
