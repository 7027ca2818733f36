// SPDX-License-Identifier: GPL-2.0
/*
 * qla_iocb.c: pure builders and parsers of the ISP24xx firmware formats.
 *
 * No hardware access, no locks, no allocation: every function reads or
 * writes only the buffer it is given. Parsers return -EINVAL when the entry
 * type does not match, so a caller can dispatch on qla_iocb_type() first.
 */
#include <linux/bits.h>
#include <linux/types.h>
#include <linux/errno.h>
#include <linux/string.h>
#include <asm/byteorder.h>

#include "qla_iocb.h"

u32 qla_le_id_get(const struct qla_le_id *id)
{
	return (u32)id->domain << 16 | (u32)id->area << 8 | id->al_pa;
}

void qla_le_id_set(struct qla_le_id *id, u32 port_id)
{
	id->domain = (port_id >> 16) & 0xff;
	id->area = (port_id >> 8) & 0xff;
	id->al_pa = port_id & 0xff;
}

u32 qla_be24_get(const u8 *b)
{
	return (u32)b[0] << 16 | (u32)b[1] << 8 | b[2];
}

void qla_be24_set(u8 *b, u32 v)
{
	b[0] = (v >> 16) & 0xff;
	b[1] = (v >> 8) & 0xff;
	b[2] = v & 0xff;
}

u32 qla_els_s_id_get(const struct qla_els_s_id *id)
{
	return (u32)id->domain << 16 | (u32)id->area << 8 | id->al_pa;
}

void qla_els_s_id_set(struct qla_els_s_id *id, u32 port_id)
{
	id->domain = (port_id >> 16) & 0xff;
	id->area = (port_id >> 8) & 0xff;
	id->al_pa = port_id & 0xff;
}

static u16 qla_be16_get(const u8 *b)
{
	return (u16)(b[0] << 8 | b[1]);
}

static void qla_be16_set(u8 *b, u16 v)
{
	b[0] = v >> 8;
	b[1] = v & 0xff;
}

static u32 qla_be32_get(const u8 *b)
{
	return (u32)b[0] << 24 | qla_be24_get(b + 1);
}

static void qla_be32_set(u8 *b, u32 v)
{
	b[0] = v >> 24;
	qla_be24_set(b + 1, v);
}

/*
 * ISP24xx and later firmware keeps the FCP fields it passes through as they
 * are (a command's LUN and CDB, a status's FCP_RSP_INFO and sense, a status
 * CTIO's sense) in little-endian 32-bit words of the wire's big-endian
 * words: each group of four bytes reversed. Builders and parsers convert;
 * descriptors hold wire order. @len is a multiple of 4; dst may be src.
 */
static void qla_fcp_swap(u8 *dst, const u8 *src, size_t len)
{
	size_t i;
	u32 v;

	for (i = 0; i + 4 <= len; i += 4) {
		v = qla_be32_get(src + i);
		dst[i] = v & 0xff;
		dst[i + 1] = (v >> 8) & 0xff;
		dst[i + 2] = (v >> 16) & 0xff;
		dst[i + 3] = v >> 24;
	}
}

u64 qla_wwn_get(const u8 *b)
{
	return (u64)qla_be32_get(b) << 32 | qla_be32_get(b + 4);
}

void qla_wwn_set(u8 *b, u64 wwn)
{
	qla_be32_set(b, wwn >> 32);
	qla_be32_set(b + 4, wwn & 0xffffffff);
}

void qla_dsd_set(struct qla_dsd64 *dsd, u64 addr, u32 len)
{
	dsd->address_lo = cpu_to_le32(addr & 0xffffffff);
	dsd->address_hi = cpu_to_le32(addr >> 32);
	dsd->length = cpu_to_le32(len);
}

u64 qla_dsd_addr(const struct qla_dsd64 *dsd)
{
	return (u64)le32_to_cpu(dsd->address_hi) << 32 |
	       le32_to_cpu(dsd->address_lo);
}

u8 qla_iocb_type(const void *iocb)
{
	return ((const struct qla_iocb_hdr *)iocb)->entry_type;
}

static void qla_hdr_set(void *iocb, u8 type)
{
	struct qla_iocb_hdr *h = iocb;

	memset(iocb, 0, QLA_IOCB_SIZE);
	h->entry_type = type;
	h->entry_count = 1;
}

/* ---- mailbox commands ---- */

static void qla_mbx_start(struct qla_mbx *m, u16 cmd)
{
	memset(m, 0, sizeof(*m));
	m->mb[0] = cmd;
	m->out_mask = 0x1;
	m->in_mask = 0x1;
}

static void qla_mbx_set64(struct qla_mbx *m, u64 v, int w0, int w1, int w2,
			  int w3)
{
	m->mb[w0] = v & 0xffff;
	m->mb[w1] = (v >> 16) & 0xffff;
	m->mb[w2] = (v >> 32) & 0xffff;
	m->mb[w3] = (v >> 48) & 0xffff;
	m->out_mask |= 1u << w0 | 1u << w1 | 1u << w2 | 1u << w3;
}

u32 qla_mbx_u32(const struct qla_mbx *m, int lo, int hi)
{
	return (u32)m->mb[hi] << 16 | m->mb[lo];
}

u64 qla_mbx_u64(const struct qla_mbx *m, int w0, int w1, int w2, int w3)
{
	return (u64)m->mb[w3] << 48 | (u64)m->mb[w2] << 32 |
	       (u64)m->mb[w1] << 16 | m->mb[w0];
}

/*
 * 24xx..28xx: start address in 1 (high) and 2 (low); 3 zero; 4 the options
 * (none: no long-range BPM, NVMe, extended logins or exchange offload);
 * 11 zero (no minimum speed, no forced semaphore). Mailboxes 1, 2, 3 and
 * 5 come back.
 */
void qla_mbx_exec_fw(struct qla_mbx *m, u32 risc_addr)
{
	qla_mbx_start(m, MBC_EXECUTE_FIRMWARE);
	m->mb[1] = risc_addr >> 16;
	m->mb[2] = risc_addr & 0xffff;
	m->mb[3] = 0;
	m->mb[4] = 0;
	m->mb[11] = 0;
	m->out_mask |= BIT(1) | BIT(2) | BIT(3) | BIT(4) | BIT(11);
	m->in_mask |= BIT(1) | BIT(2) | BIT(3) | BIT(5);
}

void qla_mbx_load_ram(struct qla_mbx *m, u64 dma, u32 risc_addr, u32 words)
{
	qla_mbx_start(m, MBC_LOAD_RISC_RAM_EXTENDED);
	m->mb[1] = risc_addr & 0xffff;
	m->mb[8] = risc_addr >> 16;
	m->mb[4] = words >> 16;
	m->mb[5] = words & 0xffff;
	m->out_mask |= 0x132;
	qla_mbx_set64(m, dma, 3, 2, 7, 6);
}

void qla_mbx_verify_checksum(struct qla_mbx *m, u32 risc_addr)
{
	qla_mbx_start(m, MBC_VERIFY_CHECKSUM);
	m->mb[1] = risc_addr >> 16;
	m->mb[2] = risc_addr & 0xffff;
	m->out_mask |= 0x6;
	m->in_mask |= 0x6;
}

void qla_mbx_fw_version(struct qla_mbx *m)
{
	qla_mbx_start(m, MBC_GET_FIRMWARE_VERSION);
	m->in_mask |= 0x7e;
}

void qla_mbx_stop_fw(struct qla_mbx *m)
{
	qla_mbx_start(m, MBC_STOP_FIRMWARE);
}

void qla_mbx_init_fw(struct qla_mbx *m, u64 icb_dma, u32 icb_len)
{
	qla_mbx_start(m, MBC_INITIALIZE_FIRMWARE);
	m->mb[1] = 0;
	m->mb[4] = 0;
	m->mb[5] = 0;
	m->mb[10] = icb_len & 0xffff;
	m->out_mask |= 0x2 | 0x30 | 0x400;
	qla_mbx_set64(m, icb_dma, 3, 2, 7, 6);
	m->in_mask |= 0x6;
}

void qla_mbx_get_id(struct qla_mbx *m)
{
	qla_mbx_start(m, MBC_GET_ADAPTER_LOOP_ID);
	m->in_mask |= 0x7ce;	/* 1, 2, 3, 6, 7, 8, 9, 10 */
}

void qla_mbx_get_port_db(struct qla_mbx *m, u16 nport_handle, u64 dma)
{
	qla_mbx_start(m, MBC_GET_PORT_DATABASE);
	m->mb[1] = nport_handle;
	m->mb[9] = 0;		/* vp index */
	m->mb[10] = 0;		/* options */
	m->out_mask |= 0x602;
	qla_mbx_set64(m, dma, 3, 2, 7, 6);
}

void qla_mbx_send_change_request(struct qla_mbx *m, u16 format, u8 vp_index)
{
	qla_mbx_start(m, MBC_SEND_CHANGE_REQUEST);
	m->mb[1] = format;
	m->mb[9] = vp_index;
	m->out_mask |= 0x202;
	m->in_mask |= 0x2;
}

void qla_async_rscn_build(u16 *mb, u32 port_id, u8 format, u8 vp_index)
{
	mb[0] = MBA_RSCN_UPDATE;
	mb[1] = ((port_id >> 16) & RSCN_MB1_DOMAIN_MASK) |
		(((u16)format << RSCN_MB1_FMT_SHIFT) & RSCN_MB1_FMT_MASK);
	mb[2] = port_id & 0xffff;
	mb[3] = vp_index;
}

void qla_async_rscn_parse(const u16 *mb, u32 *port_id, u8 *format,
			  u8 *vp_index)
{
	*port_id = (u32)(mb[1] & RSCN_MB1_DOMAIN_MASK) << 16 | mb[2];
	*format = (mb[1] & RSCN_MB1_FMT_MASK) >> RSCN_MB1_FMT_SHIFT;
	*vp_index = mb[3] & RSCN_MB3_VP_MASK;
}

void qla_mbx_get_fw_state(struct qla_mbx *m)
{
	qla_mbx_start(m, MBC_GET_FIRMWARE_STATE);
	m->in_mask |= 0x3e;
}

void qla_mbx_lip_full_login(struct qla_mbx *m)
{
	qla_mbx_start(m, MBC_LIP_FULL_LOGIN);
	m->mb[1] = 0x10;	/* initiate LIP */
	m->out_mask |= 0xe;
}

/*
 * The additional firmware options, words 1, 2, 3 and 10 of the firmware's
 * option table (not the init control block's firmware_options_*, which
 * take effect only at INITIALIZE_FIRMWARE).
 */
void qla_mbx_set_fw_options(struct qla_mbx *m, const u16 *opts)
{
	qla_mbx_start(m, MBC_SET_FIRMWARE_OPTION);
	m->mb[1] = opts[1];
	m->mb[2] = opts[2];
	m->mb[3] = opts[3];
	m->mb[10] = opts[10];
	m->out_mask |= BIT(1) | BIT(2) | BIT(3) | BIT(10);
	m->in_mask |= BIT(1);
}

int qla_mbx_parse_get_id(const struct qla_mbx *m, struct qla_mbx_id *id)
{
	if (m->mb[0] != MBS_COMMAND_COMPLETE)
		return -EIO;
	id->port_id = (u32)(m->mb[3] & 0xff) << 16 | m->mb[2];
	id->topology = m->mb[6];
	id->sw_cap = m->mb[7];
	return 0;
}

int qla_mbx_parse_fw_version(const struct qla_mbx *m, struct qla_fw_version *v)
{
	if (m->mb[0] != MBS_COMMAND_COMPLETE)
		return -EIO;
	v->major = m->mb[1];
	v->minor = m->mb[2];
	v->subminor = m->mb[3];
	v->attributes = m->mb[6];
	return 0;
}

/* ---- INIT_FIRMWARE control block and port database ---- */

void qla_build_icb(struct qla_init_cb *cb, const struct qla_icb_desc *d)
{
	memset(cb, 0, sizeof(*cb));
	cb->version = cpu_to_le16(1);
	cb->frame_payload_size = cpu_to_le16(d->frame_size);
	cb->execution_throttle = cpu_to_le16(0xffff);
	cb->exchange_count = cpu_to_le16(d->exchange_count);
	qla_wwn_set(cb->port_name, d->port_name);
	qla_wwn_set(cb->node_name, d->node_name);
	cb->login_retry_count = cpu_to_le16(8);
	cb->request_q_length = cpu_to_le16(d->req_len);
	cb->response_q_length = cpu_to_le16(d->rsp_len);
	cb->atio_q_length = cpu_to_le16(d->atio_len);
	cb->request_q_address_lo = cpu_to_le32(d->req_dma & 0xffffffff);
	cb->request_q_address_hi = cpu_to_le32(d->req_dma >> 32);
	cb->response_q_address_lo = cpu_to_le32(d->rsp_dma & 0xffffffff);
	cb->response_q_address_hi = cpu_to_le32(d->rsp_dma >> 32);
	cb->atio_q_address_lo = cpu_to_le32(d->atio_dma & 0xffffffff);
	cb->atio_q_address_hi = cpu_to_le32(d->atio_dma >> 32);
	cb->msix = cpu_to_le16(d->msix);
	cb->msix_atio = cpu_to_le16(d->msix_atio);
	cb->firmware_options_1 = cpu_to_le32(d->fo1);
	cb->firmware_options_2 = cpu_to_le32(d->fo2);
	cb->firmware_options_3 = cpu_to_le32(d->fo3);
}

void qla_parse_icb(const struct qla_init_cb *cb, struct qla_icb_desc *d)
{
	memset(d, 0, sizeof(*d));
	d->port_name = qla_wwn_get(cb->port_name);
	d->node_name = qla_wwn_get(cb->node_name);
	d->frame_size = le16_to_cpu(cb->frame_payload_size);
	d->exchange_count = le16_to_cpu(cb->exchange_count);
	d->msix = le16_to_cpu(cb->msix);
	d->msix_atio = le16_to_cpu(cb->msix_atio);
	d->req_len = le16_to_cpu(cb->request_q_length);
	d->rsp_len = le16_to_cpu(cb->response_q_length);
	d->atio_len = le16_to_cpu(cb->atio_q_length);
	d->req_dma = (u64)le32_to_cpu(cb->request_q_address_hi) << 32 |
		     le32_to_cpu(cb->request_q_address_lo);
	d->rsp_dma = (u64)le32_to_cpu(cb->response_q_address_hi) << 32 |
		     le32_to_cpu(cb->response_q_address_lo);
	d->atio_dma = (u64)le32_to_cpu(cb->atio_q_address_hi) << 32 |
		      le32_to_cpu(cb->atio_q_address_lo);
	d->fo1 = le32_to_cpu(cb->firmware_options_1);
	d->fo2 = le32_to_cpu(cb->firmware_options_2);
	d->fo3 = le32_to_cpu(cb->firmware_options_3);
}

void qla_build_port_db(struct qla_port_db *pd, const struct qla_pdb_desc *d)
{
	memset(pd, 0, sizeof(*pd));
	pd->current_login_state = d->login_state;
	pd->last_login_state = d->last_login_state;
	qla_be24_set(pd->port_id, d->port_id);
	pd->nport_handle = cpu_to_le16(d->nport_handle);
	pd->prli_svc_param_word_3 = cpu_to_le16(d->prli_wd3);
	qla_wwn_set(pd->port_name, d->port_name);
	qla_wwn_set(pd->node_name, d->node_name);
}

void qla_parse_port_db(const struct qla_port_db *pd, struct qla_pdb_desc *d)
{
	memset(d, 0, sizeof(*d));
	d->login_state = pd->current_login_state & PDS_STATE_MASK;
	d->last_login_state = pd->last_login_state & PDS_STATE_MASK;
	d->port_id = qla_be24_get(pd->port_id);
	d->nport_handle = le16_to_cpu(pd->nport_handle);
	d->prli_wd3 = le16_to_cpu(pd->prli_svc_param_word_3);
	d->port_name = qla_wwn_get(pd->port_name);
	d->node_name = qla_wwn_get(pd->node_name);
}

/* ---- data segments: in-line, then continuation type 1 entries ---- */

/*
 * The request ring entries a command type 7 or CTIO type 7 with nseg data
 * segments takes: the command, whose one descriptor holds the first, and a
 * continuation for every QLA_CONT_DSDS of the rest.
 */
u32 qla_iocb_entries(u32 nseg)
{
	if (nseg <= 1)
		return 1;
	return 1 + (nseg - 1 + QLA_CONT_DSDS - 1) / QLA_CONT_DSDS;
}

/*
 * A continuation with n (at most QLA_CONT_DSDS) segments, the rest of its
 * descriptors zero. Its entry_count is 1, as for any entry: the firmware
 * goes by the command's.
 */
void qla_build_cont_a64(struct qla_cont_a64 *p, const struct qla_seg *seg,
			u32 n)
{
	u32 i;

	qla_hdr_set(p, CONTINUE_A64_TYPE);
	for (i = 0; i < n && i < QLA_CONT_DSDS; i++)
		qla_dsd_set(&p->dsd[i], seg[i].addr, seg[i].len);
}

int qla_parse_cont_a64(const struct qla_cont_a64 *p, struct qla_seg *seg,
		       u32 n)
{
	u32 i;

	if (p->hdr.entry_type != CONTINUE_A64_TYPE)
		return -EINVAL;
	for (i = 0; i < n && i < QLA_CONT_DSDS; i++) {
		seg[i].addr = qla_dsd_addr(&p->dsd[i]);
		seg[i].len = le32_to_cpu(p->dsd[i].length);
	}
	return 0;
}

/*
 * Write a command or CTIO entry (iocb, built for nseg segments: seg[0] is
 * its in-line one) and the continuations holding seg[1..nseg - 1] into a
 * ring of len entries from index, wrapping at the ring's end. Returns the
 * number of entries written; the caller has checked that they are free.
 */
u32 qla_ring_put(void *ring, u32 len, u32 index, const void *iocb,
		 const struct qla_seg *seg, u32 nseg)
{
	u32 n = qla_iocb_entries(nseg), i, done = 1;
	struct qla_cont_a64 *c;
	u8 *base = ring;

	memcpy(base + index * QLA_IOCB_SIZE, iocb, QLA_IOCB_SIZE);
	for (i = 1; i < n; i++, done += QLA_CONT_DSDS) {
		index = index + 1 == len ? 0 : index + 1;
		c = (struct qla_cont_a64 *)(base + index * QLA_IOCB_SIZE);
		qla_build_cont_a64(c, seg + done, nseg - done);
	}
	return n;
}

/* ---- command type 7 and status ---- */

void qla_build_cmd7(struct qla_cmd7 *p, const struct qla_cmd7_desc *d)
{
	qla_hdr_set(p, COMMAND_TYPE_7);
	p->handle = cpu_to_le32(d->handle);
	p->nport_handle = cpu_to_le16(d->nport_handle);
	p->timeout = cpu_to_le16(d->timeout);
	p->dseg_count = cpu_to_le16(d->dseg_count);
	qla_fcp_swap(p->lun, d->lun, sizeof(p->lun));
	p->task_mgmt_flags = cpu_to_le16(d->tmf_flags);
	p->task = d->task;
	qla_fcp_swap(p->cdb, d->cdb, sizeof(p->cdb));
	p->byte_count = cpu_to_le32(d->byte_count);
	qla_le_id_set(&p->port_id, d->port_id);
	p->hdr.entry_count = qla_iocb_entries(d->dseg_count);
	if (d->dseg_count)
		qla_dsd_set(&p->dsd, d->dsd_addr, d->dsd_len);
}

int qla_parse_cmd7(const struct qla_cmd7 *p, struct qla_cmd7_desc *d)
{
	if (p->hdr.entry_type != COMMAND_TYPE_7)
		return -EINVAL;
	memset(d, 0, sizeof(*d));
	d->handle = le32_to_cpu(p->handle);
	d->nport_handle = le16_to_cpu(p->nport_handle);
	d->timeout = le16_to_cpu(p->timeout);
	d->dseg_count = le16_to_cpu(p->dseg_count);
	qla_fcp_swap(d->lun, p->lun, sizeof(d->lun));
	d->tmf_flags = le16_to_cpu(p->task_mgmt_flags);
	d->task = p->task;
	qla_fcp_swap(d->cdb, p->cdb, sizeof(d->cdb));
	d->byte_count = le32_to_cpu(p->byte_count);
	d->port_id = qla_le_id_get(&p->port_id);
	d->dsd_addr = qla_dsd_addr(&p->dsd);
	d->dsd_len = le32_to_cpu(p->dsd.length);
	return 0;
}

void qla_build_sts24(struct qla_sts24 *p, const struct qla_sts_desc *d)
{
	qla_hdr_set(p, STATUS_TYPE);
	p->handle = cpu_to_le32(d->handle);
	p->comp_status = cpu_to_le16(d->comp_status);
	p->ox_id = cpu_to_le16(d->ox_id);
	p->residual_len = cpu_to_le32(d->residual);
	p->scsi_status = cpu_to_le16(d->scsi_status);
	p->rsp_residual_count = cpu_to_le32(d->rsp_residual);
	p->sense_len = cpu_to_le32(d->sense_len);
	p->rsp_data_len = cpu_to_le32(d->rsp_data_len);
	qla_fcp_swap(p->data, d->data, sizeof(p->data));
}

int qla_parse_sts24(const struct qla_sts24 *p, struct qla_sts_desc *d)
{
	if (p->hdr.entry_type != STATUS_TYPE)
		return -EINVAL;
	memset(d, 0, sizeof(*d));
	d->handle = le32_to_cpu(p->handle);
	d->comp_status = le16_to_cpu(p->comp_status);
	d->ox_id = le16_to_cpu(p->ox_id);
	d->residual = le32_to_cpu(p->residual_len);
	d->scsi_status = le16_to_cpu(p->scsi_status);
	d->rsp_residual = le32_to_cpu(p->rsp_residual_count);
	d->sense_len = le32_to_cpu(p->sense_len);
	d->rsp_data_len = le32_to_cpu(p->rsp_data_len);
	qla_fcp_swap(d->data, p->data, sizeof(d->data));
	return 0;
}

void qla_build_sts_cont(struct qla_sts_cont *p, const u8 *data, u32 len)
{
	qla_hdr_set(p, STATUS_CONT_TYPE);
	if (len > sizeof(p->data))
		len = sizeof(p->data);
	memcpy(p->data, data, len);
	qla_fcp_swap(p->data, p->data, sizeof(p->data));
}

u32 qla_parse_sts_cont(const struct qla_sts_cont *p, u8 *data, u32 len)
{
	u8 wire[sizeof(p->data)];

	if (p->hdr.entry_type != STATUS_CONT_TYPE)
		return 0;
	if (len > sizeof(p->data))
		len = sizeof(p->data);
	qla_fcp_swap(wire, p->data, sizeof(wire));
	memcpy(data, wire, len);
	return len;
}

void qla_build_marker(struct qla_marker24 *p, u32 handle, u8 modifier,
		      u16 nport_handle)
{
	qla_hdr_set(p, MARKER_TYPE);
	p->handle = cpu_to_le32(handle);
	p->modifier = modifier;
	p->nport_handle = cpu_to_le16(nport_handle);
}

int qla_parse_marker(const struct qla_marker24 *p, u8 *modifier)
{
	if (p->hdr.entry_type != MARKER_TYPE)
		return -EINVAL;
	*modifier = p->modifier;
	return 0;
}

/* ---- target mode: ATIO, CTIO ---- */

/* Bytes of an ATIO type 7 up to the end of FCP_DL, and its ring entries. */
static u32 qla_atio7_bytes(u8 add_cdb_len)
{
	return ATIO7_FCP_CMND_OFF + FCP_CMND_LEN + 4 * add_cdb_len;
}

u32 qla_build_atio7(void *buf, u32 len, const struct qla_fcp_cmnd_desc *d)
{
	struct qla_atio7 *p = buf;
	u8 add = d->add_cdb_len & ATIO7_MAX_ADD_CDB;
	u32 n = qla_atio7_bytes(add);
	u32 entries = (n + QLA_IOCB_SIZE - 1) / QLA_IOCB_SIZE;
	u8 *b = buf;

	if (len < entries * QLA_IOCB_SIZE)
		return 0;
	memset(buf, 0, entries * QLA_IOCB_SIZE);
	p->entry_type = ATIO_TYPE7;
	p->entry_count = entries;
	/* what follows the entry header: frame header and FCP_CMND, bytes */
	p->attr_n_length = cpu_to_le16((n - 8) & ATIO7_FCP_LEN_MASK);
	p->exchange_addr = cpu_to_le32(d->exchange_addr);
	p->fc_hdr.r_ctl = 0x06;		/* unsolicited command */
	qla_be24_set(p->fc_hdr.d_id, d->d_id);
	qla_be24_set(p->fc_hdr.s_id, d->s_id);
	p->fc_hdr.type = FC_TYPE_FCP;
	p->fc_hdr.f_ctl[0] = 0x29;	/* first seq, seq initiative */
	p->fc_hdr.ox_id = cpu_to_be16(d->ox_id);
	p->fc_hdr.rx_id = cpu_to_be16(d->rx_id);
	memcpy(p->lun, d->lun, sizeof(p->lun));
	p->task_attr = d->task_attr & ATIO7_TASK_ATTR_MASK;
	p->task_mgmt_flags = d->tmf;
	p->add_cdb_rw = add << ATIO7_ADD_CDB_SHIFT |
			(d->rw & (ATIO7_WRDATA | ATIO7_RDDATA));
	/* the additional CDB runs on past cdb[], into the next entries */
	memcpy(b + offsetof(struct qla_atio7, cdb), d->cdb, 16 + 4 * add);
	qla_be32_set(b + n - 4, d->fcp_dl);
	return entries * QLA_IOCB_SIZE;
}

/* How many ring entries the ATIO starting at first spans (at least 1). */
u32 qla_atio7_entries(const void *first)
{
	const struct qla_atio7 *p = first;

	return p->entry_count ? p->entry_count : 1;
}

int qla_parse_atio7(const void *buf, u32 len, struct qla_fcp_cmnd_desc *d)
{
	const struct qla_atio7 *p = buf;
	const u8 *b = buf;
	u8 add;
	u32 n;

	if (len < QLA_IOCB_SIZE || p->entry_type != ATIO_TYPE7)
		return -EINVAL;
	add = p->add_cdb_rw >> ATIO7_ADD_CDB_SHIFT;
	n = qla_atio7_bytes(add);
	/* the firmware's FCP_CMND length and the entries must hold it all */
	if ((le16_to_cpu(p->attr_n_length) & ATIO7_FCP_LEN_MASK) < n - 8 ||
	    p->entry_count * QLA_IOCB_SIZE < n || len < n)
		return -EINVAL;
	memset(d, 0, sizeof(*d));
	d->exchange_addr = le32_to_cpu(p->exchange_addr);
	d->d_id = qla_be24_get(p->fc_hdr.d_id);
	d->s_id = qla_be24_get(p->fc_hdr.s_id);
	d->ox_id = be16_to_cpu(p->fc_hdr.ox_id);
	d->rx_id = be16_to_cpu(p->fc_hdr.rx_id);
	memcpy(d->lun, p->lun, sizeof(d->lun));
	d->task_attr = p->task_attr & ATIO7_TASK_ATTR_MASK;
	d->tmf = p->task_mgmt_flags;
	d->rw = p->add_cdb_rw & (ATIO7_WRDATA | ATIO7_RDDATA);
	d->add_cdb_len = add;
	memcpy(d->cdb, p->cdb, 16 + 4 * add);
	d->fcp_dl = qla_be32_get(b + n - 4);
	return 0;
}

void qla_build_ctio7(struct qla_ctio7 *p, const struct qla_ctio7_desc *d)
{
	qla_hdr_set(p, CTIO_TYPE7);
	p->handle = cpu_to_le32(d->handle);
	p->nport_handle = cpu_to_le16(d->nport_handle);
	p->timeout = cpu_to_le16(d->timeout);
	p->dseg_count = cpu_to_le16(d->dseg_count);
	qla_le_id_set(&p->initiator_id, d->initiator_id);
	p->exchange_addr = cpu_to_le32(d->exchange_addr);
	if (d->flags & CTIO7_FLAGS_STATUS_MODE_1) {
		p->u.m1.flags = cpu_to_le16(d->flags);
		p->u.m1.sense_length = cpu_to_le16(d->sense_len);
		p->u.m1.response_len = cpu_to_le16(d->rsp_len);
		p->u.m1.residual = cpu_to_le32(d->residual);
		p->u.m1.ox_id = cpu_to_le16(d->ox_id);
		p->u.m1.scsi_status = cpu_to_le16(d->scsi_status);
		qla_fcp_swap(p->u.m1.sense_data, d->sense,
			     sizeof(p->u.m1.sense_data));
		return;
	}
	p->u.m0.flags = cpu_to_le16(d->flags);
	p->u.m0.residual = cpu_to_le32(d->residual);
	p->u.m0.ox_id = cpu_to_le16(d->ox_id);
	p->u.m0.scsi_status = cpu_to_le16(d->scsi_status);
	p->u.m0.relative_offset = cpu_to_le32(d->relative_offset);
	p->u.m0.transfer_length = cpu_to_le32(d->transfer_length);
	p->hdr.entry_count = qla_iocb_entries(d->dseg_count);
	if (d->dseg_count)
		qla_dsd_set(&p->u.m0.dsd, d->dsd_addr, d->dsd_len);
}

int qla_parse_ctio7(const struct qla_ctio7 *p, struct qla_ctio7_desc *d)
{
	if (p->hdr.entry_type != CTIO_TYPE7)
		return -EINVAL;
	memset(d, 0, sizeof(*d));
	d->handle = le32_to_cpu(p->handle);
	d->nport_handle = le16_to_cpu(p->nport_handle);
	d->timeout = le16_to_cpu(p->timeout);
	d->dseg_count = le16_to_cpu(p->dseg_count);
	d->initiator_id = qla_le_id_get(&p->initiator_id);
	d->exchange_addr = le32_to_cpu(p->exchange_addr);
	d->flags = le16_to_cpu(p->u.m0.flags);	/* same offset in both */
	d->residual = le32_to_cpu(p->u.m0.residual);
	d->ox_id = le16_to_cpu(p->u.m0.ox_id);
	d->scsi_status = le16_to_cpu(p->u.m0.scsi_status);
	if (d->flags & CTIO7_FLAGS_STATUS_MODE_1) {
		d->sense_len = le16_to_cpu(p->u.m1.sense_length);
		d->rsp_len = le16_to_cpu(p->u.m1.response_len);
		qla_fcp_swap(d->sense, p->u.m1.sense_data, sizeof(d->sense));
		return 0;
	}
	d->relative_offset = le32_to_cpu(p->u.m0.relative_offset);
	d->transfer_length = le32_to_cpu(p->u.m0.transfer_length);
	d->dsd_addr = qla_dsd_addr(&p->u.m0.dsd);
	d->dsd_len = le32_to_cpu(p->u.m0.dsd.length);
	return 0;
}

void qla_build_ctio7_done(struct qla_ctio7_done *p,
			  const struct qla_ctio7_done_desc *d)
{
	qla_hdr_set(p, CTIO_TYPE7);
	p->handle = cpu_to_le32(d->handle);
	p->status = cpu_to_le16(d->status);
	p->exchange_addr = cpu_to_le32(d->exchange_addr);
	p->flags = cpu_to_le16(d->flags);
	p->residual = cpu_to_le32(d->residual);
	p->ox_id = cpu_to_le16(d->ox_id);
}

int qla_parse_ctio7_done(const struct qla_ctio7_done *p,
			 struct qla_ctio7_done_desc *d)
{
	if (p->hdr.entry_type != CTIO_TYPE7)
		return -EINVAL;
	memset(d, 0, sizeof(*d));
	d->handle = le32_to_cpu(p->handle);
	d->status = le16_to_cpu(p->status);
	d->exchange_addr = le32_to_cpu(p->exchange_addr);
	d->flags = le16_to_cpu(p->flags);
	d->residual = le32_to_cpu(p->residual);
	d->ox_id = le16_to_cpu(p->ox_id);
	return 0;
}

/* ---- ABTS ---- */

/* The whole frame header, in the firmware's little-endian layout. */
static void qla_fc_hdr_le_set(struct qla_fc_hdr_le *h,
			      const struct qla_abts_desc *d)
{
	qla_le_id_set(&h->d_id, d->d_id);
	h->r_ctl = d->r_ctl;
	qla_le_id_set(&h->s_id, d->s_id);
	h->cs_ctl = d->cs_ctl;
	h->f_ctl[0] = d->f_ctl & 0xff;
	h->f_ctl[1] = (d->f_ctl >> 8) & 0xff;
	h->f_ctl[2] = (d->f_ctl >> 16) & 0xff;
	h->type = d->type;
	h->seq_cnt = cpu_to_le16(d->seq_cnt);
	h->df_ctl = d->df_ctl;
	h->seq_id = d->seq_id;
	h->rx_id = cpu_to_le16(d->rx_id);
	h->ox_id = cpu_to_le16(d->ox_id);
	h->parameter = cpu_to_le32(d->parameter);
}

static void qla_fc_hdr_le_get(const struct qla_fc_hdr_le *h,
			      struct qla_abts_desc *d)
{
	d->d_id = qla_le_id_get(&h->d_id);
	d->r_ctl = h->r_ctl;
	d->s_id = qla_le_id_get(&h->s_id);
	d->cs_ctl = h->cs_ctl;
	d->f_ctl = h->f_ctl[0] | h->f_ctl[1] << 8 | (u32)h->f_ctl[2] << 16;
	d->type = h->type;
	d->seq_cnt = le16_to_cpu(h->seq_cnt);
	d->df_ctl = h->df_ctl;
	d->seq_id = h->seq_id;
	d->rx_id = le16_to_cpu(h->rx_id);
	d->ox_id = le16_to_cpu(h->ox_id);
	d->parameter = le32_to_cpu(h->parameter);
}

void qla_build_abts_recv(struct qla_abts_recv *p, const struct qla_abts_desc *d)
{
	qla_hdr_set(p, ABTS_RECV_24XX);
	p->nport_handle = cpu_to_le16(d->nport_handle);
	p->vp_index = d->vp_index;
	p->sof_type = d->sof_type << ABTS_SOF_TYPE_SHIFT;
	p->exchange_address = cpu_to_le32(d->exchange_address);
	qla_fc_hdr_le_set(&p->fc_hdr, d);
	p->exchange_addr_to_abort = cpu_to_le32(d->exchange_addr_to_abort);
}

int qla_parse_abts_recv(const struct qla_abts_recv *p, struct qla_abts_desc *d)
{
	if (p->hdr.entry_type != ABTS_RECV_24XX)
		return -EINVAL;
	memset(d, 0, sizeof(*d));
	d->nport_handle = le16_to_cpu(p->nport_handle);
	d->vp_index = p->vp_index;
	d->sof_type = p->sof_type >> ABTS_SOF_TYPE_SHIFT;
	d->exchange_address = le32_to_cpu(p->exchange_address);
	qla_fc_hdr_le_get(&p->fc_hdr, d);
	d->exchange_addr_to_abort = le32_to_cpu(p->exchange_addr_to_abort);
	return 0;
}

static void qla_put_le16(u8 *b, u16 v)
{
	b[0] = v & 0xff;
	b[1] = v >> 8;
}

static u16 qla_get_le16(const u8 *b)
{
	return b[0] | b[1] << 8;
}

/*
 * An ABTS response: the header fields come from d as they are (the caller
 * turns the ABTS's header around); R_CTL and the payload follow d->reject.
 * BA_ACC names the aborted exchange by its OX_ID and RX_ID, with no last
 * sequence (SEQ_ID not valid) and the whole SEQ_CNT range (0 to 0xffff);
 * BA_RJT, sent only for an exchange the target does not know, says "unable
 * to perform", explanation "invalid OX_ID-RX_ID combination" (FC-LS; libfc
 * answers so, upstream's qla2xxx gives no explanation). The firmware ends
 * the aborted exchange itself: control_flags stays 0 unless d->terminate.
 */
void qla_build_abts_resp(struct qla_abts_resp *p, const struct qla_abts_desc *d)
{
	struct qla_abts_desc h = *d;

	qla_hdr_set(p, ABTS_RESP_24XX);
	p->handle = cpu_to_le32(d->handle);
	p->comp_status = cpu_to_le16(d->comp_status);
	p->nport_handle = cpu_to_le16(d->nport_handle);
	if (d->terminate)
		p->control_flags = cpu_to_le16(ABTS_CONTR_FLG_TERM_EXCHG);
	p->vp_index = d->vp_index;
	p->sof_type = d->sof_type << ABTS_SOF_TYPE_SHIFT;
	p->exchange_address = cpu_to_le32(d->exchange_address);
	h.r_ctl = d->reject ? FC_RCTL_BA_RJT : FC_RCTL_BA_ACC;
	qla_fc_hdr_le_set(&p->fc_hdr, &h);
	if (d->reject) {
		p->payload[BA_RJT_REASON_OFF] = BA_RJT_REASON_UNABLE;
		p->payload[BA_RJT_EXPL_OFF] = BA_RJT_EXPL_BAD_OXRX;
	} else {
		p->payload[BA_ACC_SEQ_ID_VALID_OFF] = BA_SEQ_ID_INVALID;
		qla_put_le16(&p->payload[BA_ACC_RX_ID_OFF], d->rx_id);
		qla_put_le16(&p->payload[BA_ACC_OX_ID_OFF], d->ox_id);
		qla_put_le16(&p->payload[BA_ACC_HIGH_SEQ_OFF], 0xffff);
		qla_put_le16(&p->payload[BA_ACC_LOW_SEQ_OFF], 0);
	}
	p->exchange_addr_to_abort = cpu_to_le32(d->exchange_addr_to_abort);
}

int qla_parse_abts_resp(const struct qla_abts_resp *p, struct qla_abts_desc *d)
{
	if (p->hdr.entry_type != ABTS_RESP_24XX)
		return -EINVAL;
	memset(d, 0, sizeof(*d));
	d->handle = le32_to_cpu(p->handle);
	d->comp_status = le16_to_cpu(p->comp_status);
	d->nport_handle = le16_to_cpu(p->nport_handle);
	d->terminate = le16_to_cpu(p->control_flags) & ABTS_CONTR_FLG_TERM_EXCHG;
	d->vp_index = p->vp_index;
	d->sof_type = p->sof_type >> ABTS_SOF_TYPE_SHIFT;
	d->exchange_address = le32_to_cpu(p->exchange_address);
	qla_fc_hdr_le_get(&p->fc_hdr, d);
	d->reject = p->fc_hdr.r_ctl == FC_RCTL_BA_RJT;
	d->ba_seq_id_valid = p->payload[BA_ACC_SEQ_ID_VALID_OFF];
	d->ba_rx_id = qla_get_le16(&p->payload[BA_ACC_RX_ID_OFF]);
	d->ba_ox_id = qla_get_le16(&p->payload[BA_ACC_OX_ID_OFF]);
	d->ba_high_seq_cnt = qla_get_le16(&p->payload[BA_ACC_HIGH_SEQ_OFF]);
	d->ba_low_seq_cnt = qla_get_le16(&p->payload[BA_ACC_LOW_SEQ_OFF]);
	d->rjt_reason = p->payload[BA_RJT_REASON_OFF];
	d->rjt_expl = p->payload[BA_RJT_EXPL_OFF];
	d->exchange_addr_to_abort = le32_to_cpu(p->exchange_addr_to_abort);
	return 0;
}

/*
 * The BA_ACC (12 bytes) or BA_RJT (4 bytes) payload an ABTS response puts
 * on the wire: its payload's little-endian words, in wire order. Returns
 * the length, 0 if buf is too short.
 */
u32 qla_abts_resp_wire(const struct qla_abts_resp *p, u8 *buf, u32 len)
{
	u32 n = p->fc_hdr.r_ctl == FC_RCTL_BA_RJT ? 4 : sizeof(p->payload);

	if (len < n)
		return 0;
	qla_fcp_swap(buf, p->payload, n);
	return n;
}

/* The firmware's completion: the response's header, status and subcodes. */
void qla_build_abts_resp_done(struct qla_abts_resp_done *p,
			      const struct qla_abts_desc *d)
{
	struct qla_abts_desc h = *d;

	qla_hdr_set(p, ABTS_RESP_24XX);
	p->handle = cpu_to_le32(d->handle);
	p->comp_status = cpu_to_le16(d->comp_status);
	p->nport_handle = cpu_to_le16(d->nport_handle);
	p->sof_type = d->sof_type << ABTS_SOF_TYPE_SHIFT;
	p->exchange_address = cpu_to_le32(d->exchange_address);
	h.r_ctl = d->reject ? FC_RCTL_BA_RJT : FC_RCTL_BA_ACC;
	qla_fc_hdr_le_set(&p->fc_hdr, &h);
	p->error_subcode1 = cpu_to_le32(d->subcode1);
	p->error_subcode2 = cpu_to_le32(d->subcode2);
	p->exchange_addr_to_abort = cpu_to_le32(d->exchange_addr_to_abort);
}

int qla_parse_abts_resp_done(const struct qla_abts_resp_done *p,
			     struct qla_abts_desc *d)
{
	if (p->hdr.entry_type != ABTS_RESP_24XX)
		return -EINVAL;
	memset(d, 0, sizeof(*d));
	d->handle = le32_to_cpu(p->handle);
	d->comp_status = le16_to_cpu(p->comp_status);
	d->nport_handle = le16_to_cpu(p->nport_handle);
	d->sof_type = p->sof_type >> ABTS_SOF_TYPE_SHIFT;
	d->exchange_address = le32_to_cpu(p->exchange_address);
	qla_fc_hdr_le_get(&p->fc_hdr, d);
	d->reject = p->fc_hdr.r_ctl == FC_RCTL_BA_RJT;
	d->subcode1 = le32_to_cpu(p->error_subcode1);
	d->subcode2 = le32_to_cpu(p->error_subcode2);
	d->exchange_addr_to_abort = le32_to_cpu(p->exchange_addr_to_abort);
	return 0;
}

/* ---- immediate notify and notify acknowledge ---- */

void qla_build_imm_ntfy(struct qla_imm_ntfy *p, const struct qla_ntfy_desc *d)
{
	__le16 wd3 = cpu_to_le16(d->prli_wd3);

	qla_hdr_set(p, IMMED_NOTIFY_TYPE);
	p->nport_handle = cpu_to_le16(d->nport_handle);
	p->flags = cpu_to_le16(d->flags);
	p->srr_rx_id = cpu_to_le16(d->srr_rx_id);
	p->status = cpu_to_le16(d->status);
	p->status_subcode = d->subcode;
	p->fw_handle = d->fw_handle;
	p->exchange_address = cpu_to_le32(d->exchange_address);
	p->srr_rel_offs = cpu_to_le32(d->srr_rel_offs);
	p->srr_ui = cpu_to_le16(d->srr_ui);
	p->vp_index = d->vp_index;
	if (d->subcode == ELS_PLOGI)
		qla_wwn_set(p->u, d->node_name);
	else if (d->subcode == ELS_PRLI)
		memcpy(&p->u[IMM_NTFY_PRLI_WD3_OFF], &wd3, sizeof(wd3));
	qla_wwn_set(p->port_name, d->port_name);
	qla_le_id_set(&p->port_id, d->port_id);
	p->ox_id = cpu_to_le16(d->ox_id);
}

int qla_parse_imm_ntfy(const struct qla_imm_ntfy *p, struct qla_ntfy_desc *d)
{
	__le16 wd3;

	if (p->hdr.entry_type != IMMED_NOTIFY_TYPE)
		return -EINVAL;
	memset(d, 0, sizeof(*d));
	d->nport_handle = le16_to_cpu(p->nport_handle);
	d->flags = le16_to_cpu(p->flags);
	d->srr_rx_id = le16_to_cpu(p->srr_rx_id);
	d->status = le16_to_cpu(p->status);
	d->subcode = p->status_subcode;
	d->fw_handle = p->fw_handle;
	d->exchange_address = le32_to_cpu(p->exchange_address);
	d->srr_rel_offs = le32_to_cpu(p->srr_rel_offs);
	d->srr_ui = le16_to_cpu(p->srr_ui);
	d->vp_index = p->vp_index;
	if (d->subcode == ELS_PLOGI) {
		d->node_name = qla_wwn_get(p->u);
	} else if (d->subcode == ELS_PRLI) {
		memcpy(&wd3, &p->u[IMM_NTFY_PRLI_WD3_OFF], sizeof(wd3));
		d->prli_wd3 = le16_to_cpu(wd3);
	}
	d->port_name = qla_wwn_get(p->port_name);
	d->port_id = qla_le_id_get(&p->port_id);
	d->ox_id = le16_to_cpu(p->ox_id);
	return 0;
}

void qla_build_nack(struct qla_nack *p, const struct qla_ntfy_desc *d)
{
	qla_hdr_set(p, NOTIFY_ACK_TYPE);
	p->handle = cpu_to_le32(d->handle);
	p->nport_handle = cpu_to_le16(d->nport_handle);
	p->flags = cpu_to_le16(d->flags);
	p->srr_rx_id = cpu_to_le16(d->srr_rx_id);
	p->status = cpu_to_le16(d->status);
	p->status_subcode = d->subcode;
	p->fw_handle = d->fw_handle;
	p->exchange_address = cpu_to_le32(d->exchange_address);
	p->srr_rel_offs = cpu_to_le32(d->srr_rel_offs);
	p->srr_ui = cpu_to_le16(d->srr_ui);
	p->vp_index = d->vp_index;
	p->ox_id = cpu_to_le16(d->ox_id);
}

int qla_parse_nack(const struct qla_nack *p, struct qla_ntfy_desc *d)
{
	if (p->hdr.entry_type != NOTIFY_ACK_TYPE)
		return -EINVAL;
	memset(d, 0, sizeof(*d));
	d->handle = le32_to_cpu(p->handle);
	d->nport_handle = le16_to_cpu(p->nport_handle);
	d->flags = le16_to_cpu(p->flags);
	d->srr_rx_id = le16_to_cpu(p->srr_rx_id);
	d->status = le16_to_cpu(p->status);
	d->subcode = p->status_subcode;
	d->fw_handle = p->fw_handle;
	d->exchange_address = le32_to_cpu(p->exchange_address);
	d->srr_rel_offs = le32_to_cpu(p->srr_rel_offs);
	d->srr_ui = le16_to_cpu(p->srr_ui);
	d->vp_index = p->vp_index;
	d->ox_id = le16_to_cpu(p->ox_id);
	return 0;
}

/*
 * The acknowledgment of an immediate notify: the notify's own fields
 * echoed (the firmware matches them), its status included; of its flags
 * only the PUREX bit, and only for an ELS.
 */
void qla_nack_of_ntfy(struct qla_ntfy_desc *ack, const struct qla_ntfy_desc *in,
		      u32 handle)
{
	memset(ack, 0, sizeof(*ack));
	ack->handle = handle;
	ack->nport_handle = in->nport_handle;
	if (in->status == IMM_NTFY_ELS)
		ack->flags = in->flags & IMM_NTFY_FLAGS_PUREX_IOCB;
	ack->srr_rx_id = in->srr_rx_id;
	ack->status = in->status;
	ack->subcode = in->subcode;
	ack->fw_handle = in->fw_handle;
	ack->exchange_address = in->exchange_address;
	ack->srr_rel_offs = in->srr_rel_offs;
	ack->srr_ui = in->srr_ui;
	ack->vp_index = in->vp_index;
	ack->ox_id = in->ox_id;
}

/* ---- abort and task management ---- */

void qla_build_abort(struct qla_abort24 *p, const struct qla_abort_desc *d)
{
	qla_hdr_set(p, ABORT_IOCB_TYPE);
	p->handle = cpu_to_le32(d->handle);
	p->nport_handle = cpu_to_le16(d->nport_handle);
	p->options = cpu_to_le16(d->options);
	p->handle_to_abort = cpu_to_le32(d->handle_to_abort);
	qla_le_id_set(&p->port_id, d->port_id);
}

int qla_parse_abort(const struct qla_abort24 *p, struct qla_abort_desc *d)
{
	if (p->hdr.entry_type != ABORT_IOCB_TYPE)
		return -EINVAL;
	memset(d, 0, sizeof(*d));
	d->handle = le32_to_cpu(p->handle);
	d->nport_handle = le16_to_cpu(p->nport_handle);
	d->options = le16_to_cpu(p->options);
	d->handle_to_abort = le32_to_cpu(p->handle_to_abort);
	d->port_id = qla_le_id_get(&p->port_id);
	return 0;
}

void qla_build_tsk_mgmt(struct qla_tsk_mgmt *p, const struct qla_tmf_desc *d)
{
	qla_hdr_set(p, TSK_MGMT_IOCB_TYPE);
	p->handle = cpu_to_le32(d->handle);
	p->nport_handle = cpu_to_le16(d->nport_handle);
	p->timeout = cpu_to_le16(d->timeout);
	qla_fcp_swap(p->lun, d->lun, sizeof(p->lun));
	p->control_flags = cpu_to_le32(d->control_flags);
	qla_le_id_set(&p->port_id, d->port_id);
}

int qla_parse_tsk_mgmt(const struct qla_tsk_mgmt *p, struct qla_tmf_desc *d)
{
	if (p->hdr.entry_type != TSK_MGMT_IOCB_TYPE)
		return -EINVAL;
	memset(d, 0, sizeof(*d));
	d->handle = le32_to_cpu(p->handle);
	d->nport_handle = le16_to_cpu(p->nport_handle);
	d->timeout = le16_to_cpu(p->timeout);
	qla_fcp_swap(d->lun, p->lun, sizeof(d->lun));
	d->control_flags = le32_to_cpu(p->control_flags);
	d->port_id = qla_le_id_get(&p->port_id);
	return 0;
}

/*
 * The status entry a task management IOCB completes with: rsp_code < 0
 * leaves out FCP_RSP_INFO (no answer, or one without it).
 */
void qla_build_tmf_done(struct qla_sts24 *p, u32 handle, u16 comp_status,
			int rsp_code)
{
	struct qla_sts_desc d = {
		.handle = handle,
		.comp_status = comp_status,
	};

	if (rsp_code >= 0) {
		d.scsi_status = STS24_RSP_LEN_VALID;
		d.rsp_data_len = FCP_RSP_INFO_LEN;
		d.data[3] = rsp_code;
	}
	qla_build_sts24(p, &d);
}

int qla_parse_tmf_done(const void *iocb, struct qla_tmf_done *d)
{
	const struct qla_iocb_hdr *h = iocb;
	struct qla_sts_desc s;

	memset(d, 0, sizeof(*d));
	d->rsp_code = -1;
	d->handle = le32_to_cpu(((const __le32 *)iocb)[1]);
	d->entry_status = h->entry_status;
	if (h->entry_type == TSK_MGMT_IOCB_TYPE && h->entry_status)
		return 0;	/* the request, returned as rejected */
	if (qla_parse_sts24(iocb, &s))
		return -EINVAL;
	d->comp_status = s.comp_status;
	/* RSP_CODE is the fourth byte of FCP_RSP_INFO, if there are four */
	if ((s.scsi_status & STS24_RSP_LEN_VALID) && s.rsp_data_len >= 4)
		d->rsp_code = s.data[3];
	return 0;
}

/* ---- CT and ELS pass-through, login/logout ---- */

void qla_build_ct(struct qla_ct_iocb *p, const struct qla_ct_desc *d)
{
	qla_hdr_set(p, CT_IOCB_TYPE);
	p->handle = cpu_to_le32(d->handle);
	p->comp_status = cpu_to_le16(d->comp_status);
	p->nport_handle = cpu_to_le16(d->nport_handle);
	p->timeout = cpu_to_le16(d->timeout);
	p->cmd_dsd_count = cpu_to_le16(1);
	p->rsp_dsd_count = cpu_to_le16(1);
	p->cmd_byte_count = cpu_to_le32(d->cmd_len);
	p->rsp_byte_count = cpu_to_le32(d->rsp_len);
	qla_dsd_set(&p->dsd[0], d->cmd_dma, d->cmd_len);
	qla_dsd_set(&p->dsd[1], d->rsp_dma, d->rsp_len);
}

int qla_parse_ct(const struct qla_ct_iocb *p, struct qla_ct_desc *d)
{
	if (p->hdr.entry_type != CT_IOCB_TYPE)
		return -EINVAL;
	memset(d, 0, sizeof(*d));
	d->handle = le32_to_cpu(p->handle);
	d->comp_status = le16_to_cpu(p->comp_status);
	d->nport_handle = le16_to_cpu(p->nport_handle);
	d->timeout = le16_to_cpu(p->timeout);
	d->cmd_len = le32_to_cpu(p->cmd_byte_count);
	d->rsp_len = le32_to_cpu(p->rsp_byte_count);
	d->cmd_dma = qla_dsd_addr(&p->dsd[0]);
	d->rsp_dma = qla_dsd_addr(&p->dsd[1]);
	return 0;
}

void qla_build_els(struct qla_els_iocb *p, const struct qla_els_desc *d)
{
	qla_hdr_set(p, ELS_IOCB_TYPE);
	p->handle = cpu_to_le32(d->handle);
	p->comp_status = cpu_to_le16(d->comp_status);
	p->nport_handle = cpu_to_le16(d->nport_handle);
	p->tx_dsd_count = cpu_to_le16(1);
	p->rx_dsd_count = cpu_to_le16(1);
	p->opcode = d->opcode;
	qla_le_id_set(&p->d_id, d->d_id);
	qla_els_s_id_set(&p->s_id, d->s_id);
	p->control_flags = cpu_to_le16(d->control_flags);
	p->tx_byte_count = cpu_to_le32(d->tx_len);
	p->rx_byte_count = cpu_to_le32(d->rx_len);
	qla_dsd_set(&p->tx_dsd, d->tx_dma, d->tx_len);
	qla_dsd_set(&p->rx_dsd, d->rx_dma, d->rx_len);
}

int qla_parse_els(const struct qla_els_iocb *p, struct qla_els_desc *d)
{
	if (p->hdr.entry_type != ELS_IOCB_TYPE)
		return -EINVAL;
	memset(d, 0, sizeof(*d));
	d->handle = le32_to_cpu(p->handle);
	d->comp_status = le16_to_cpu(p->comp_status);
	d->nport_handle = le16_to_cpu(p->nport_handle);
	d->opcode = p->opcode;
	d->d_id = qla_le_id_get(&p->d_id);
	d->s_id = qla_els_s_id_get(&p->s_id);
	d->control_flags = le16_to_cpu(p->control_flags);
	d->tx_len = le32_to_cpu(p->tx_byte_count);
	d->rx_len = le32_to_cpu(p->rx_byte_count);
	d->tx_dma = qla_dsd_addr(&p->tx_dsd);
	d->rx_dma = qla_dsd_addr(&p->rx_dsd);
	return 0;
}

void qla_build_logio(struct qla_logio *p, const struct qla_logio_desc *d)
{
	qla_hdr_set(p, LOGINOUT_PORT_IOCB_TYPE);
	p->handle = cpu_to_le32(d->handle);
	p->comp_status = cpu_to_le16(d->comp_status);
	p->nport_handle = cpu_to_le16(d->nport_handle);
	p->control_flags = cpu_to_le16(d->control_flags);
	qla_le_id_set(&p->port_id, d->port_id);
	p->io_parameter[0] = cpu_to_le32(d->io_param[0]);
	p->io_parameter[1] = cpu_to_le32(d->io_param[1]);
}

int qla_parse_logio(const struct qla_logio *p, struct qla_logio_desc *d)
{
	if (p->hdr.entry_type != LOGINOUT_PORT_IOCB_TYPE)
		return -EINVAL;
	memset(d, 0, sizeof(*d));
	d->handle = le32_to_cpu(p->handle);
	d->comp_status = le16_to_cpu(p->comp_status);
	d->nport_handle = le16_to_cpu(p->nport_handle);
	d->control_flags = le16_to_cpu(p->control_flags);
	d->port_id = qla_le_id_get(&p->port_id);
	d->io_param[0] = le32_to_cpu(p->io_parameter[0]);
	d->io_param[1] = le32_to_cpu(p->io_parameter[1]);
	return 0;
}

/* ---- name server (CT) payloads ---- */

static u32 qla_ct_hdr_set(u8 *buf, u32 len, u16 cmd, u32 body)
{
	struct qla_ct_hdr *h = (struct qla_ct_hdr *)buf;

	if (len < sizeof(*h) + body)
		return 0;
	memset(buf, 0, sizeof(*h) + body);
	h->revision = CT_REVISION;
	h->gs_type = CT_GS_TYPE_DIR;
	h->gs_subtype = CT_GS_SUBTYPE_NS;
	h->cmd_rsp_code = cpu_to_be16(cmd);
	return sizeof(*h) + body;
}

u32 qla_ct_build_gpn_ft(u8 *buf, u32 len, u8 fc4_type)
{
	u32 n = qla_ct_hdr_set(buf, len, CT_CMD_GPN_FT, 4);

	if (n)
		buf[sizeof(struct qla_ct_hdr) + 3] = fc4_type;
	return n;
}

u32 qla_ct_build_rft_id(u8 *buf, u32 len, u32 port_id, u8 fc4_type)
{
	u32 n = qla_ct_hdr_set(buf, len, CT_CMD_RFT_ID, 4 + 32);
	u8 *b = buf + sizeof(struct qla_ct_hdr);

	if (!n)
		return 0;
	qla_be24_set(b + 1, port_id);
	/* FC-4 types bitmap: 8 big-endian words, bit (type % 32) of word
	 * (type / 32)
	 */
	b[4 + (fc4_type / 32) * 4 + 3 - (fc4_type % 32) / 8] |=
		1 << (fc4_type % 8);
	return n;
}

u32 qla_ct_build_rff_id(u8 *buf, u32 len, u32 port_id, u8 features,
			u8 fc4_type)
{
	u32 n = qla_ct_hdr_set(buf, len, CT_CMD_RFF_ID, 8);
	u8 *b = buf + sizeof(struct qla_ct_hdr);

	if (!n)
		return 0;
	qla_be24_set(b + 1, port_id);
	b[6] = features;
	b[7] = fc4_type;
	return n;
}

int qla_ct_parse_req(const u8 *buf, u32 len, u16 *cmd, u32 *port_id,
		     u8 *fc4_type, u8 *features)
{
	const struct qla_ct_hdr *h = (const struct qla_ct_hdr *)buf;
	const u8 *b = buf + sizeof(*h);
	u32 i;

	if (len < sizeof(*h) + 4 || h->gs_type != CT_GS_TYPE_DIR)
		return -EINVAL;
	*cmd = be16_to_cpu(h->cmd_rsp_code);
	*port_id = 0;
	*fc4_type = 0;
	*features = 0;
	switch (*cmd) {
	case CT_CMD_GPN_FT:
	case CT_CMD_GID_FT:
		*fc4_type = b[3];
		return 0;
	case CT_CMD_RFT_ID:
		if (len < sizeof(*h) + 36)
			return -EINVAL;
		*port_id = qla_be24_get(b + 1);
		for (i = 0; i < 256; i++) {
			if (b[4 + (i / 32) * 4 + 3 - (i % 32) / 8] &
			    (1 << (i % 8))) {
				*fc4_type = i;
				break;
			}
		}
		return 0;
	case CT_CMD_RFF_ID:
		if (len < sizeof(*h) + 8)
			return -EINVAL;
		*port_id = qla_be24_get(b + 1);
		*features = b[6];
		*fc4_type = b[7];
		return 0;
	default:
		return -EOPNOTSUPP;
	}
}

u32 qla_ct_build_rsp(u8 *buf, u32 len, u16 code, u8 reason)
{
	u32 n = qla_ct_hdr_set(buf, len, code, 0);

	if (n)
		((struct qla_ct_hdr *)buf)->reason_code = reason;
	return n;
}

int qla_ct_rsp_code(const u8 *buf, u32 len)
{
	const struct qla_ct_hdr *h = (const struct qla_ct_hdr *)buf;

	if (len < sizeof(*h))
		return -EINVAL;
	return be16_to_cpu(h->cmd_rsp_code);
}

u32 qla_ct_gpn_ft_add(u8 *buf, u32 len, u32 index, u32 port_id,
		      u64 port_name, bool last)
{
	u32 off = sizeof(struct qla_ct_hdr) +
		  index * sizeof(struct qla_gpn_ft_entry);
	struct qla_gpn_ft_entry *e;

	if (len < off + sizeof(*e))
		return 0;
	e = (struct qla_gpn_ft_entry *)(buf + off);
	memset(e, 0, sizeof(*e));
	e->control = last ? GPN_FT_LAST_ENTRY : 0;
	qla_be24_set(e->port_id, port_id);
	qla_wwn_set(e->port_name, port_name);
	return off + sizeof(*e);
}

int qla_ct_parse_gpn_ft(const u8 *buf, u32 len, struct qla_gpn_ft_port *out,
			u32 max)
{
	const struct qla_gpn_ft_entry *e;
	u32 off = sizeof(struct qla_ct_hdr);
	u32 n = 0;

	if (qla_ct_rsp_code(buf, len) != CT_ACCEPT)
		return -EIO;
	while (off + sizeof(*e) <= len && n < max) {
		e = (const struct qla_gpn_ft_entry *)(buf + off);
		out[n].port_id = qla_be24_get(e->port_id);
		out[n].port_name = qla_wwn_get(e->port_name);
		n++;
		if (e->control & GPN_FT_LAST_ENTRY)
			return n;
		off += sizeof(*e);
	}
	return n < max ? -EINVAL : (int)n;
}

/* ---- ELS payloads ---- */

u32 qla_els_build_plogi(u8 *buf, u32 len, u8 cmd, u64 wwpn, u64 wwnn)
{
	if (len < ELS_PLOGI_LEN)
		return 0;
	memset(buf, 0, ELS_PLOGI_LEN);
	buf[0] = cmd;
	buf[4] = 0x20;			/* FC-PH version high */
	buf[5] = 0x20;			/* FC-PH version low */
	qla_be16_set(buf + 10, 2048);	/* receive data field size */
	qla_wwn_set(buf + ELS_PLOGI_PORT_NAME_OFF, wwpn);
	qla_wwn_set(buf + ELS_PLOGI_NODE_NAME_OFF, wwnn);
	buf[68] = 0x80;			/* class 3 valid */
	return ELS_PLOGI_LEN;
}

int qla_els_parse_plogi(const u8 *buf, u32 len, u64 *wwpn, u64 *wwnn)
{
	if (len < ELS_PLOGI_LEN)
		return -EINVAL;
	*wwpn = qla_wwn_get(buf + ELS_PLOGI_PORT_NAME_OFF);
	*wwnn = qla_wwn_get(buf + ELS_PLOGI_NODE_NAME_OFF);
	return buf[0];
}

u32 qla_els_build_prli(u8 *buf, u32 len, u8 cmd, u32 wd3)
{
	if (len < ELS_PRLI_LEN)
		return 0;
	memset(buf, 0, ELS_PRLI_LEN);
	buf[0] = cmd;
	buf[1] = 0x10;				/* page length */
	qla_be16_set(buf + 2, ELS_PRLI_LEN);	/* payload length */
	buf[4] = FC_TYPE_FCP;
	buf[6] = 0x20;				/* establish image pair */
	if (cmd == ELS_LS_ACC)
		buf[6] |= 0x01;			/* response code: accepted */
	qla_be32_set(buf + 16, wd3);
	return ELS_PRLI_LEN;
}

int qla_els_parse_prli(const u8 *buf, u32 len, u32 *wd3)
{
	if (len < ELS_PRLI_LEN || buf[4] != FC_TYPE_FCP)
		return -EINVAL;
	*wd3 = qla_be32_get(buf + 16);
	return buf[0];
}

u32 qla_els_build_logo(u8 *buf, u32 len, u32 port_id, u64 wwpn)
{
	if (len < ELS_LOGO_LEN)
		return 0;
	memset(buf, 0, ELS_LOGO_LEN);
	buf[0] = ELS_LOGO;
	qla_be24_set(buf + 5, port_id);
	qla_wwn_set(buf + 8, wwpn);
	return ELS_LOGO_LEN;
}

int qla_els_parse_logo(const u8 *buf, u32 len, u32 *port_id, u64 *wwpn)
{
	if (len < ELS_LOGO_LEN || buf[0] != ELS_LOGO)
		return -EINVAL;
	*port_id = qla_be24_get(buf + 5);
	*wwpn = qla_wwn_get(buf + 8);
	return 0;
}

u32 qla_els_build_rscn(u8 *buf, u32 len, u32 port_id, u8 format)
{
	if (len < ELS_RSCN_LEN)
		return 0;
	memset(buf, 0, ELS_RSCN_LEN);
	buf[0] = ELS_RSCN;
	buf[1] = 4;				/* page length */
	qla_be16_set(buf + 2, ELS_RSCN_LEN);
	buf[4] = format & RSCN_PAGE_FMT_MASK;
	qla_be24_set(buf + 5, port_id);
	return ELS_RSCN_LEN;
}

/* The first page of an RSCN: the affected address and its format. */
int qla_els_parse_rscn(const u8 *buf, u32 len, u32 *port_id, u8 *format)
{
	if (len < ELS_RSCN_LEN || buf[0] != ELS_RSCN ||
	    qla_be16_get(buf + 2) < ELS_RSCN_LEN)
		return -EINVAL;
	*format = buf[4] & RSCN_PAGE_FMT_MASK;
	*port_id = qla_be24_get(buf + 5);
	return 0;
}

u32 qla_els_build_scr(u8 *buf, u32 len, u8 function)
{
	if (len < ELS_SCR_LEN)
		return 0;
	memset(buf, 0, ELS_SCR_LEN);
	buf[0] = ELS_SCR;
	buf[7] = function;
	return ELS_SCR_LEN;
}

int qla_els_parse_scr(const u8 *buf, u32 len, u8 *function)
{
	if (len < ELS_SCR_LEN || buf[0] != ELS_SCR)
		return -EINVAL;
	*function = buf[7];
	return 0;
}

/* ---- FCP information units ---- */

/*
 * FCP_CMND: the ADDITIONAL FCP_CDB LENGTH (bits 7:2 of byte 11, in 32-bit
 * words) puts that many more CDB bytes between the CDB field and FCP_DL.
 */
u32 qla_fcp_build_cmnd(u8 *buf, u32 len, const struct qla_fcp_cmnd_iu *c)
{
	u32 add = c->add_cdb_len & 0x3f;
	u32 n = FCP_CMND_LEN + 4 * add;

	if (len < n)
		return 0;
	memset(buf, 0, n);
	memcpy(buf, c->lun, 8);
	buf[9] = c->task_attr & 0x07;
	buf[10] = c->tmf;
	buf[11] = add << 2 | (c->rw & (FCP_CMND_WRDATA | FCP_CMND_RDDATA));
	memcpy(buf + 12, c->cdb, 16 + 4 * add);
	qla_be32_set(buf + n - 4, c->fcp_dl);
	return n;
}

int qla_fcp_parse_cmnd(const u8 *buf, u32 len, struct qla_fcp_cmnd_iu *c)
{
	u32 add, n;

	if (len < FCP_CMND_LEN)
		return -EINVAL;
	add = buf[11] >> 2;
	n = FCP_CMND_LEN + 4 * add;
	if (len < n)
		return -EINVAL;
	memcpy(c->lun, buf, 8);
	c->task_attr = buf[9] & 0x07;
	c->tmf = buf[10];
	c->rw = buf[11] & (FCP_CMND_WRDATA | FCP_CMND_RDDATA);
	c->add_cdb_len = add;
	memcpy(c->cdb, buf + 12, 16 + 4 * add);
	c->fcp_dl = qla_be32_get(buf + n - 4);
	return 0;
}

u32 qla_fcp_build_rsp(u8 *buf, u32 len, const struct qla_fcp_rsp_iu *r)
{
	u32 sense = r->flags & FCP_SNS_LEN_VAL ? r->sense_len : 0;
	u32 info = r->flags & FCP_RSP_LEN_VAL ? FCP_RSP_INFO_LEN : 0;

	if (sense > FCP_RSP_MAX_SENSE)
		sense = FCP_RSP_MAX_SENSE;
	if (len < FCP_RSP_HDR_LEN + info + sense)
		return 0;
	memset(buf, 0, FCP_RSP_HDR_LEN + info);
	buf[10] = r->flags;
	buf[11] = r->scsi_status;
	qla_be32_set(buf + 12, r->resid);
	qla_be32_set(buf + 16, sense);
	qla_be32_set(buf + 20, info);
	if (info)
		buf[FCP_RSP_HDR_LEN + 3] = r->rsp_code;
	memcpy(buf + FCP_RSP_HDR_LEN + info, r->sense, sense);
	return FCP_RSP_HDR_LEN + info + sense;
}

int qla_fcp_parse_rsp(const u8 *buf, u32 len, struct qla_fcp_rsp_iu *r)
{
	u32 rsp_len = 0;

	if (len < FCP_RSP_HDR_LEN)
		return -EINVAL;
	memset(r, 0, sizeof(*r));
	r->flags = buf[10];
	r->scsi_status = buf[11];
	r->resid = qla_be32_get(buf + 12);
	if (r->flags & FCP_RSP_LEN_VAL) {
		rsp_len = qla_be32_get(buf + 20);
		if (rsp_len > len - FCP_RSP_HDR_LEN)
			return -EINVAL;
		/* FCP-4: 4 or 8 bytes, RSP_CODE in the fourth */
		if (rsp_len < 4)
			return -EINVAL;
		r->rsp_code = buf[FCP_RSP_HDR_LEN + 3];
	}
	if (r->flags & FCP_SNS_LEN_VAL) {
		r->sense_len = qla_be32_get(buf + 16);
		if (r->sense_len > len - FCP_RSP_HDR_LEN - rsp_len)
			r->sense_len = len - FCP_RSP_HDR_LEN - rsp_len;
		if (r->sense_len > FCP_RSP_MAX_SENSE)
			r->sense_len = FCP_RSP_MAX_SENSE;
		memcpy(r->sense, buf + FCP_RSP_HDR_LEN + rsp_len,
		       r->sense_len);
	}
	return 0;
}

u32 qla_fcp_build_xfer_rdy(u8 *buf, u32 len, u32 offset, u32 burst)
{
	if (len < FCP_XFER_RDY_LEN)
		return 0;
	memset(buf, 0, FCP_XFER_RDY_LEN);
	qla_be32_set(buf, offset);
	qla_be32_set(buf + 4, burst);
	return FCP_XFER_RDY_LEN;
}

int qla_fcp_parse_xfer_rdy(const u8 *buf, u32 len, u32 *offset, u32 *burst)
{
	if (len < FCP_XFER_RDY_LEN)
		return -EINVAL;
	*offset = qla_be32_get(buf);
	*burst = qla_be32_get(buf + 4);
	return 0;
}

/* ---- NVRAM and the flash layout table ---- */

static u64 qla_be64_get(const u8 *b)
{
	return (u64)qla_be24_get(b) << 40 | (u64)qla_be24_get(b + 3) << 16 |
	       (u64)b[6] << 8 | b[7];
}

static void qla_be64_set(u8 *b, u64 v)
{
	int i;

	for (i = 7; i >= 0; i--, v >>= 8)
		b[i] = v & 0xff;
}

void qla_build_nvram(void *nv, const struct qla_nvram_desc *d)
{
	u8 *b = nv;
	__le32 w;
	u32 sum = 0;
	size_t i, n;

	memset(b, 0, QLA_NV_SIZE);
	memcpy(b + QLA_NV_ID, "ISP ", 4);
	b[QLA_NV_VERSION] = 1;
	qla_be64_set(b + QLA_NV_PORT_NAME, d->wwpn);
	qla_be64_set(b + QLA_NV_NODE_NAME, d->wwnn);
	n = strnlen(d->model, QLA_NV_MODEL_LEN);
	memset(b + QLA_NV24_MODEL_NAME, ' ', QLA_NV_MODEL_LEN);
	memcpy(b + QLA_NV24_MODEL_NAME, d->model, n);
	for (i = 0; i < QLA_NV_CHECKSUM; i += 4) {
		memcpy(&w, b + i, 4);
		sum += le32_to_cpu(w);
	}
	w = cpu_to_le32(-sum);
	memcpy(b + QLA_NV_CHECKSUM, &w, 4);
}

int qla_parse_nvram(const void *nv, struct qla_nvram_desc *d)
{
	const u8 *b = nv;
	__le32 w;
	u32 sum = 0;
	size_t i, n;

	for (i = 0; i < QLA_NV_SIZE; i += 4) {
		memcpy(&w, b + i, 4);
		sum += le32_to_cpu(w);
	}
	if (sum || memcmp(b + QLA_NV_ID, "ISP ", 4))
		return -EINVAL;
	d->wwpn = qla_be64_get(b + QLA_NV_PORT_NAME);
	d->wwnn = qla_be64_get(b + QLA_NV_NODE_NAME);
	n = QLA_NV_MODEL_LEN;
	while (n && (b[QLA_NV24_MODEL_NAME + n - 1] == ' ' ||
		     !b[QLA_NV24_MODEL_NAME + n - 1]))
		n--;
	memcpy(d->model, b + QLA_NV24_MODEL_NAME, n);
	d->model[n] = '\0';
	return d->wwpn ? 0 : -EINVAL;
}

static u16 qla_flt_sum(const u8 *b, size_t len)
{
	u16 sum = 0;
	__le16 w;
	size_t i;

	for (i = 0; i + 1 < len; i += 2) {
		memcpy(&w, b + i, 2);
		sum += le16_to_cpu(w);
	}
	return sum;
}

int qla_build_flt(void *buf, size_t len, const struct qla_flt_desc *r,
		  unsigned int n)
{
	struct qla_flt_header *h = buf;
	struct qla_flt_region *reg = (void *)(h + 1);
	size_t used = sizeof(*h) + n * sizeof(*reg);
	unsigned int i;

	if (used > len || n > QLA_FLT_MAX_REGIONS)
		return -EINVAL;
	memset(buf, 0, used);
	h->version = cpu_to_le16(QLA_FLT_VERSION);
	h->length = cpu_to_le16(n * sizeof(*reg));
	for (i = 0; i < n; i++) {
		reg[i].code = cpu_to_le16(r[i].code);
		reg[i].size = cpu_to_le32(r[i].size);
		reg[i].start = cpu_to_le32(r[i].start);
		reg[i].end = cpu_to_le32(r[i].start + r[i].size - 1);
	}
	h->checksum = cpu_to_le16(-qla_flt_sum(buf, used));
	return used;
}

int qla_flt_find(const void *buf, size_t len, u16 code, u32 *start)
{
	const struct qla_flt_header *h = buf;
	const struct qla_flt_region *reg = (const void *)(h + 1);
	size_t rlen;
	unsigned int i;

	if (len < sizeof(*h) || le16_to_cpu(h->version) != QLA_FLT_VERSION)
		return -EINVAL;
	rlen = le16_to_cpu(h->length);
	if (rlen % sizeof(*reg) || rlen > len - sizeof(*h) ||
	    qla_flt_sum(buf, sizeof(*h) + rlen))
		return -EINVAL;
	for (i = 0; i < rlen / sizeof(*reg); i++) {
		if (le16_to_cpu(reg[i].code) == code) {
			*start = le32_to_cpu(reg[i].start);
			return 0;
		}
	}
	return -ENOENT;
}

/* ---- firmware images ---- */

int qla_fw_seg_parse(const u32 *hdr, u32 avail, struct qla_fw_seg *seg)
{
	seg->risc_addr = hdr[2];
	seg->len = hdr[3];
	if (seg->len < QLA_FW_HDR_WORDS || seg->len > avail ||
	    seg->risc_addr == 0xffffffff)
		return -EINVAL;
	return 0;
}

u32 qla_fw_sum(const u32 *w, u32 n)
{
	u32 sum = 0;

	while (n--)
		sum += *w++;
	return sum;
}

int qla_build_fw_image(u32 *w, u32 nwords, const struct qla_fw_seg *segs,
		       unsigned int n, const u16 *version)
{
	u32 pos = 0, i;
	unsigned int s;

	for (s = 0; s < n; s++) {
		if (segs[s].len < QLA_FW_HDR_WORDS + 4 ||
		    segs[s].len > nwords - pos)
			return -EINVAL;
		w[pos] = 0;
		w[pos + 1] = 0;
		w[pos + 2] = segs[s].risc_addr;
		w[pos + 3] = segs[s].len;
		for (i = QLA_FW_HDR_WORDS; i < segs[s].len; i++)
			w[pos + i] = (pos + i) * 0x9e3779b9u;
		if (!s) {
			w[pos + 4] = version[0];
			w[pos + 5] = version[1];
			w[pos + 6] = version[2];
			w[pos + 7] = 0;		/* attributes */
		}
		pos += segs[s].len;
	}
	if (!pos)
		return -EINVAL;
	w[pos - 1] = 0;
	w[pos - 1] = -qla_fw_sum(w, pos);
	return pos;
}
