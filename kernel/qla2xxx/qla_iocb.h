/* SPDX-License-Identifier: GPL-2.0 */
/*
 * qla_iocb.h: pure builders and parsers of the ISP24xx firmware formats.
 *
 * Builders fill a caller's 64-byte IOCB (or payload buffer) from a host-order
 * description; parsers do the reverse. None of them touch hardware, locks or
 * memory they were not given: the driver (request side) and the emulated
 * firmware (completion side) both use them, and so do the user-space tests.
 */
#ifndef QLA_IOCB_H
#define QLA_IOCB_H

#include "qla_fw.h"
#include "qla_seg.h"

/* ---- small helpers ---- */
u32 qla_le_id_get(const struct qla_le_id *id);
void qla_le_id_set(struct qla_le_id *id, u32 port_id);
u32 qla_be24_get(const u8 *b);
void qla_be24_set(u8 *b, u32 v);
u32 qla_els_s_id_get(const struct qla_els_s_id *id);
void qla_els_s_id_set(struct qla_els_s_id *id, u32 port_id);
u64 qla_wwn_get(const u8 *b);
void qla_wwn_set(u8 *b, u64 wwn);
void qla_dsd_set(struct qla_dsd64 *dsd, u64 addr, u32 len);
u64 qla_dsd_addr(const struct qla_dsd64 *dsd);
u8 qla_iocb_type(const void *iocb);

/* ---- mailbox commands ---- */
struct qla_mbx {
	u16 mb[QLA_MBX_COUNT];
	u32 out_mask;		/* registers the host writes */
	u32 in_mask;		/* registers the host reads back */
};

void qla_mbx_exec_fw(struct qla_mbx *m, u32 risc_addr);
void qla_mbx_load_ram(struct qla_mbx *m, u64 dma, u32 risc_addr, u32 words);
void qla_mbx_verify_checksum(struct qla_mbx *m, u32 risc_addr);
void qla_mbx_fw_version(struct qla_mbx *m);
void qla_mbx_stop_fw(struct qla_mbx *m);
void qla_mbx_init_fw(struct qla_mbx *m, u64 icb_dma, u32 icb_len);
void qla_mbx_get_id(struct qla_mbx *m);
void qla_mbx_get_port_db(struct qla_mbx *m, u16 nport_handle, u64 dma);
void qla_mbx_get_fw_state(struct qla_mbx *m);
void qla_mbx_send_change_request(struct qla_mbx *m, u16 format, u8 vp_index);
void qla_async_rscn_build(u16 *mb, u32 port_id, u8 format, u8 vp_index);
void qla_async_rscn_parse(const u16 *mb, u32 *port_id, u8 *format,
			  u8 *vp_index);
void qla_mbx_lip_full_login(struct qla_mbx *m);
#define QLA_FW_OPTS_WORDS	16
void qla_mbx_set_fw_options(struct qla_mbx *m, const u16 *opts);

struct qla_mbx_id {
	u32 port_id;
	u16 topology;			/* QLA_TOPO_* */
	u16 sw_cap;			/* the switch's capabilities */
};

int qla_mbx_parse_get_id(const struct qla_mbx *m, struct qla_mbx_id *id);

struct qla_fw_version {
	u16 major, minor, subminor, attributes;
};

int qla_mbx_parse_fw_version(const struct qla_mbx *m, struct qla_fw_version *v);
u32 qla_mbx_u32(const struct qla_mbx *m, int lo, int hi);
u64 qla_mbx_u64(const struct qla_mbx *m, int w0, int w1, int w2, int w3);

/* ---- INIT_FIRMWARE control block and port database ---- */
struct qla_icb_desc {
	u64 port_name, node_name;
	u64 req_dma, rsp_dma, atio_dma;
	u16 req_len, rsp_len, atio_len;	/* in entries */
	u16 frame_size;
	u16 exchange_count;		/* 0: the firmware's default */
	u16 msix, msix_atio;		/* MSI-X entries, 0: none */
	u32 fo1, fo2, fo3;
};

void qla_build_icb(struct qla_init_cb *cb, const struct qla_icb_desc *d);
void qla_parse_icb(const struct qla_init_cb *cb, struct qla_icb_desc *d);

struct qla_pdb_desc {
	u64 port_name, node_name;
	u32 port_id;
	u16 nport_handle;
	u16 prli_wd3;
	u8 login_state;		/* PDS_*, the FCP nibble */
	u8 last_login_state;
};

void qla_build_port_db(struct qla_port_db *pd, const struct qla_pdb_desc *d);
void qla_parse_port_db(const struct qla_port_db *pd, struct qla_pdb_desc *d);

/* ---- IOCBs ---- */

u32 qla_iocb_entries(u32 nseg);
void qla_build_cont_a64(struct qla_cont_a64 *p, const struct qla_seg *seg,
			u32 n);
int qla_parse_cont_a64(const struct qla_cont_a64 *p, struct qla_seg *seg,
		       u32 n);
u32 qla_ring_put(void *ring, u32 len, u32 index, const void *iocb,
		 const struct qla_seg *seg, u32 nseg);

struct qla_cmd7_desc {
	u32 handle;
	u16 nport_handle;
	u16 timeout;
	u32 port_id;
	u8 lun[8];
	u8 cdb[16];
	u16 tmf_flags;		/* CMD7_TMF_READ_DATA / WRITE_DATA */
	u8 task;
	u32 byte_count;
	u16 dseg_count;		/* sets entry_count */
	u64 dsd_addr;		/* the first segment, in-line */
	u32 dsd_len;
};

void qla_build_cmd7(struct qla_cmd7 *p, const struct qla_cmd7_desc *d);
int qla_parse_cmd7(const struct qla_cmd7 *p, struct qla_cmd7_desc *d);

struct qla_sts_desc {
	u32 handle;
	u16 comp_status;
	u16 ox_id;
	u16 scsi_status;	/* including the STS24_* flag bits */
	u32 residual;
	u32 rsp_residual;
	u32 sense_len;
	u32 rsp_data_len;
	u8 data[28];
};

void qla_build_sts24(struct qla_sts24 *p, const struct qla_sts_desc *d);
int qla_parse_sts24(const struct qla_sts24 *p, struct qla_sts_desc *d);
void qla_build_sts_cont(struct qla_sts_cont *p, const u8 *data, u32 len);
u32 qla_parse_sts_cont(const struct qla_sts_cont *p, u8 *data, u32 len);

void qla_build_marker(struct qla_marker24 *p, u32 handle, u8 modifier,
		      u16 nport_handle);
int qla_parse_marker(const struct qla_marker24 *p, u8 *modifier);

struct qla_fcp_cmnd_desc {
	u32 exchange_addr;
	u32 s_id, d_id;
	u16 ox_id, rx_id;
	u8 lun[8];
	u8 task_attr;
	u8 tmf;
	u8 rw;			/* ATIO7_WRDATA / ATIO7_RDDATA */
	u8 add_cdb_len;		/* additional CDB, in 32-bit words */
	u8 cdb[FCP_CDB_MAX];	/* 16 + 4 * add_cdb_len bytes used */
	u32 fcp_dl;
};

/*
 * An ATIO type 7 and the ring entries its FCP_CMND runs on into, as one
 * buffer of len bytes (a whole number of entries): the builder returns
 * the bytes it wrote (0 if len is too short), the parser checks the
 * firmware's FCP_CMND length and entry count against the additional CDB.
 */
u32 qla_build_atio7(void *buf, u32 len, const struct qla_fcp_cmnd_desc *d);
int qla_parse_atio7(const void *buf, u32 len, struct qla_fcp_cmnd_desc *d);
u32 qla_atio7_entries(const void *first);

struct qla_ctio7_desc {
	u32 handle;
	u16 nport_handle;
	u16 timeout;
	u32 initiator_id;
	u32 exchange_addr;
	u16 flags;		/* CTIO7_FLAGS_* */
	u16 ox_id;
	u16 scsi_status;
	u32 residual;
	u32 relative_offset;
	u32 transfer_length;
	u16 dseg_count;		/* sets entry_count */
	u64 dsd_addr;		/* the first segment, in-line */
	u32 dsd_len;
	u16 sense_len;		/* status mode 1 */
	u16 rsp_len;		/* status mode 1: FCP_RSP_INFO first in sense */
	u8 sense[24];
};

void qla_build_ctio7(struct qla_ctio7 *p, const struct qla_ctio7_desc *d);
int qla_parse_ctio7(const struct qla_ctio7 *p, struct qla_ctio7_desc *d);

struct qla_ctio7_done_desc {
	u32 handle;
	u16 status;
	u32 exchange_addr;
	u16 flags;
	u32 residual;
	u16 ox_id;
};

void qla_build_ctio7_done(struct qla_ctio7_done *p,
			  const struct qla_ctio7_done_desc *d);
int qla_parse_ctio7_done(const struct qla_ctio7_done *p,
			 struct qla_ctio7_done_desc *d);

struct qla_abts_desc {
	u32 handle;
	u16 nport_handle;
	u16 comp_status;
	u32 exchange_address;
	u32 exchange_addr_to_abort;
	u32 s_id, d_id;
	u16 ox_id, rx_id;
	u8 r_ctl;
	/* the rest of the frame header, as received (or to send) */
	u8 cs_ctl, type, seq_id, df_ctl;
	u32 f_ctl;
	u16 seq_cnt;
	u32 parameter;
	u8 sof_type;		/* bits 7:4 of the IOCB's byte 15 */
	u8 vp_index;
	bool reject;		/* response: BA_RJT instead of BA_ACC */
	bool terminate;		/* response: terminate the exchange */
	/* response: the payload (parsed back; built from ox_id/rx_id) */
	u8 ba_seq_id_valid;
	u16 ba_ox_id, ba_rx_id, ba_low_seq_cnt, ba_high_seq_cnt;
	u8 rjt_reason, rjt_expl;
	/* completion of a response */
	u32 subcode1, subcode2;
};

void qla_build_abts_recv(struct qla_abts_recv *p, const struct qla_abts_desc *d);
int qla_parse_abts_recv(const struct qla_abts_recv *p, struct qla_abts_desc *d);
void qla_build_abts_resp(struct qla_abts_resp *p, const struct qla_abts_desc *d);
int qla_parse_abts_resp(const struct qla_abts_resp *p, struct qla_abts_desc *d);
u32 qla_abts_resp_wire(const struct qla_abts_resp *p, u8 *buf, u32 len);
void qla_build_abts_resp_done(struct qla_abts_resp_done *p,
			      const struct qla_abts_desc *d);
int qla_parse_abts_resp_done(const struct qla_abts_resp_done *p,
			     struct qla_abts_desc *d);

struct qla_ntfy_desc {
	u16 nport_handle;
	u16 status;		/* IMM_NTFY_* / NOTIFY_ACK_SUCCESS */
	u8 subcode;		/* ELS opcode */
	u8 fw_handle;
	u16 flags;
	u16 srr_rx_id, srr_ui;
	u32 srr_rel_offs;
	u8 vp_index;
	u32 exchange_address;
	u16 ox_id;
	u32 port_id;
	u64 port_name;
	u64 node_name;		/* PLOGI */
	u16 prli_wd3;		/* PRLI */
	u32 handle;		/* notify ack */
};

void qla_build_imm_ntfy(struct qla_imm_ntfy *p, const struct qla_ntfy_desc *d);
int qla_parse_imm_ntfy(const struct qla_imm_ntfy *p, struct qla_ntfy_desc *d);
void qla_build_nack(struct qla_nack *p, const struct qla_ntfy_desc *d);
int qla_parse_nack(const struct qla_nack *p, struct qla_ntfy_desc *d);
void qla_nack_of_ntfy(struct qla_ntfy_desc *ack, const struct qla_ntfy_desc *in,
		      u32 handle);

struct qla_abort_desc {
	u32 handle;
	u16 nport_handle;	/* comp_status on completion */
	u16 options;
	u32 handle_to_abort;
	u32 port_id;
};

void qla_build_abort(struct qla_abort24 *p, const struct qla_abort_desc *d);
int qla_parse_abort(const struct qla_abort24 *p, struct qla_abort_desc *d);

struct qla_tmf_desc {
	u32 handle;
	u16 nport_handle;	/* comp_status on completion */
	u16 timeout;
	u8 lun[8];
	u32 control_flags;
	u32 port_id;
};

void qla_build_tsk_mgmt(struct qla_tsk_mgmt *p, const struct qla_tmf_desc *d);
int qla_parse_tsk_mgmt(const struct qla_tsk_mgmt *p, struct qla_tmf_desc *d);

/*
 * A task management IOCB's completion: a status entry, or the request
 * itself returned with entry_status set. rsp_code is the target's
 * RSP_CODE, or -1 when the entry carries no usable FCP_RSP_INFO.
 */
struct qla_tmf_done {
	u32 handle;
	u8 entry_status;
	u16 comp_status;
	int rsp_code;
};

void qla_build_tmf_done(struct qla_sts24 *p, u32 handle, u16 comp_status,
			int rsp_code);
int qla_parse_tmf_done(const void *iocb, struct qla_tmf_done *d);

struct qla_ct_desc {
	u32 handle;
	u16 comp_status;
	u16 nport_handle;
	u16 timeout;
	u64 cmd_dma;
	u32 cmd_len;
	u64 rsp_dma;
	u32 rsp_len;
};

void qla_build_ct(struct qla_ct_iocb *p, const struct qla_ct_desc *d);
int qla_parse_ct(const struct qla_ct_iocb *p, struct qla_ct_desc *d);

struct qla_els_desc {
	u32 handle;
	u16 comp_status;
	u16 nport_handle;
	u8 opcode;
	u32 d_id, s_id;
	u16 control_flags;
	u64 tx_dma;
	u32 tx_len;
	u64 rx_dma;
	u32 rx_len;
};

void qla_build_els(struct qla_els_iocb *p, const struct qla_els_desc *d);
int qla_parse_els(const struct qla_els_iocb *p, struct qla_els_desc *d);

struct qla_logio_desc {
	u32 handle;
	u16 comp_status;
	u16 nport_handle;
	u16 control_flags;
	u32 port_id;
	u32 io_param[2];
};

void qla_build_logio(struct qla_logio *p, const struct qla_logio_desc *d);
int qla_parse_logio(const struct qla_logio *p, struct qla_logio_desc *d);

/*
 * NVRAM of a function (24xx NVRAM, or its copy in flash on 25xx and
 * later): QLA_NV_SIZE bytes whose little-endian dwords sum to 0, "ISP " at
 * the start. model holds the model name without its padding.
 */
struct qla_nvram_desc {
	u64 wwpn, wwnn;
	char model[QLA_NV_MODEL_LEN + 1];
};

void qla_build_nvram(void *nv, const struct qla_nvram_desc *d);
int qla_parse_nvram(const void *nv, struct qla_nvram_desc *d);

/*
 * Flash layout table: qla_build_flt writes the header and n regions into
 * buf (len bytes) and returns the bytes used or -EINVAL; qla_flt_find
 * checks the table (version, length, 16-bit checksum) and gives the byte
 * address of the region with that code: -EINVAL for a bad table, -ENOENT
 * when it has no such region.
 */
struct qla_flt_desc {
	u16 code;
	u32 start, size;		/* bytes */
};

int qla_build_flt(void *buf, size_t len, const struct qla_flt_desc *r,
		  unsigned int n);
int qla_flt_find(const void *buf, size_t len, u16 code, u32 *start);

/*
 * A firmware image in the 24xx format: segments of 32-bit words (big-endian
 * in a file, little-endian dwords of those bytes in flash), each opening
 * with a header whose word 2 is the segment's RISC address and word 3 its
 * length in words, the header included; the words of all the segments
 * sum to 0, which the RISC checks at VERIFY_CHECKSUM. Words here are in
 * host order. qla_fw_seg_parse checks a header against the words left
 * (avail); qla_build_fw_image writes the n segments (contents a fixed
 * pattern, the firmware version in words 4..6 of the first, the last word
 * making the sum 0) and returns the words used, or -EINVAL.
 */
#define QLA_FW_HDR_WORDS	4
#define QLA_FW_SEGMENTS		2

struct qla_fw_seg {
	u32 risc_addr;
	u32 len;			/* words, header included */
};

int qla_fw_seg_parse(const u32 *hdr, u32 avail, struct qla_fw_seg *seg);
u32 qla_fw_sum(const u32 *w, u32 n);
int qla_build_fw_image(u32 *w, u32 nwords, const struct qla_fw_seg *segs,
		       unsigned int n, const u16 *version);

#endif /* QLA_IOCB_H */
