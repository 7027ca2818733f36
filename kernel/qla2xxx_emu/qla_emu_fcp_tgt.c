// SPDX-License-Identifier: GPL-2.0
/*
 * qla_emu_fcp_tgt.c: the emulated firmware's FCP target, in fw context:
 * FCP_CMND -> ATIO type 7; CTIO type 7 -> FCP_DATA by reference, or
 * XFER_RDY and the data written through its segments, then FCP_RSP; the
 * CTIO's completion; ABTS -> ABTS received IOCB, and the driver's ABTS
 * response IOCB -> BA_ACC/BA_RJT.
 */
#include <linux/slab.h>
#include <linux/dma-direct.h>
#include <scsi/scsi_common.h>

#include "qla_iocb.h"
#include "qla_emu.h"

static struct qla_emu_tx *qla_emu_tx_find(struct qla_emu_port *p, u32 s_id,
					  u16 ox_id, u32 exchange)
{
	struct qla_emu_tx *t;

	list_for_each_entry(t, &p->txs, node)
		if (exchange ? t->exchange == exchange :
		    (t->s_id == s_id && t->ox_id == ox_id))
			return t;
	return NULL;
}

void qla_emu_ctio_done(struct qla_emu_port *p,
		       const struct qla_ctio7_desc *c, u16 status)
{
	struct qla_ctio7_done_desc d = {
		.handle = c->handle,
		.status = status,
		.exchange_addr = c->exchange_addr,
		.flags = c->flags,
		.ox_id = c->ox_id,
	};
	struct qla_ctio7_done done;

	qla_build_ctio7_done(&done, &d);
	qla_emu_rsp_post(p, &done);
}

void qla_emu_tx_end(struct qla_emu_port *p, struct qla_emu_tx *t,
		    u16 status)
{
	if (t->ctio_pending)
		qla_emu_ctio_done(p, &t->ctio, status);
	list_del(&t->node);
	qla_emu_sgl_free(&t->sgl);
	kfree(t);
}

/*
 * An FCP_CMND as the firmware reads it: the IU's fields from the frame,
 * bytes past its end read as 0. False when the frame is shorter than the
 * IU's fixed part and its additional CDB say: it goes up all the same,
 * with the length that came (the ATIO's FCP_CMND length), for the driver
 * to end the exchange, as upstream's qla_target.c does with a corrupted
 * one.
 */
static bool qla_emu_cmnd_read(const struct qla_emu_frame *f,
			      struct qla_fcp_cmnd_iu *c)
{
	u8 buf[FCP_CMND_MAX_LEN] = { 0 };

	if (!qla_fcp_parse_cmnd(f->payload, f->len, c))
		return true;
	memcpy(buf, f->payload, min_t(u32, f->len, sizeof(buf)));
	qla_fcp_parse_cmnd(buf, sizeof(buf), c);
	return false;
}

void qla_emu_tgt_cmnd(struct qla_emu_port *p, struct qla_emu_frame *f)
{
	struct qla_fcp_cmnd_desc a = { 0 };
	struct qla_fcp_cmnd_iu c;
	struct qla_emu_pdb *e;
	struct qla_emu_tx *t;
	u8 atio[ATIO7_MAX_ENTRIES * QLA_IOCB_SIZE];
	bool whole;
	u32 n;

	if (!(p->fo1 & FO1_TARGET_MODE)) {
		qla_emu_discard(p, f, "FCP_CMND, not in target mode");
		return;
	}
	e = qla_emu_pdb_find(p, f->s_id, 0);
	if (!e || e->state != PDS_PRLI_COMPLETE) {
		qla_emu_send_logo(p, f->s_id);	/* not logged in */
		return;
	}
	if (qla_emu_tx_find(p, f->s_id, f->ox_id, 0)) {
		qla_emu_discard(p, f, "FCP_CMND on an open exchange");
		return;
	}
	whole = qla_emu_cmnd_read(f, &c);
	t = kzalloc(sizeof(*t), GFP_KERNEL);
	if (!t)
		return;
	t->exchange = ++p->next_exchange;
	if (!t->exchange)
		t->exchange = ++p->next_exchange;
	t->s_id = f->s_id;
	t->ox_id = f->ox_id;
	list_add_tail(&t->node, &p->txs);

	a.exchange_addr = t->exchange;
	a.s_id = f->s_id;
	a.d_id = f->d_id;
	a.ox_id = f->ox_id;
	a.rx_id = 0xffff;
	memcpy(a.lun, c.lun, sizeof(a.lun));
	a.task_attr = c.task_attr;
	a.tmf = c.tmf;
	if (c.rw & FCP_CMND_WRDATA)
		a.rw |= ATIO7_WRDATA;
	if (c.rw & FCP_CMND_RDDATA)
		a.rw |= ATIO7_RDDATA;
	a.add_cdb_len = c.add_cdb_len;
	memcpy(a.cdb, c.cdb, 16 + 4 * c.add_cdb_len);
	a.fcp_dl = c.fcp_dl;
	/* an FCP_CMND with additional CDB runs on into more ring entries */
	n = qla_build_atio7(atio, sizeof(atio), &a);
	if (!whole)	/* the frame header and the bytes that came */
		((struct qla_atio7 *)atio)->attr_n_length =
			cpu_to_le16((sizeof(struct qla_fc_hdr_be) + f->len) &
				    ATIO7_FCP_LEN_MASK);
	qla_emu_atio_post(p, atio, n / QLA_IOCB_SIZE);
}

static void qla_emu_send_rsp(struct qla_emu_port *p, struct qla_emu_tx *t,
			     const struct qla_ctio7_desc *c)
{
	struct qla_fcp_rsp_iu r = { 0 };
	struct qla_emu_frame *f;
	u32 info = 0;

	r.scsi_status = c->scsi_status & STS24_SCSI_STATUS_MASK;
	if (c->scsi_status & STS24_RESID_UNDER)
		r.flags |= FCP_RESID_UNDER;
	if (c->scsi_status & STS24_RESID_OVER)
		r.flags |= FCP_RESID_OVER;
	r.resid = c->residual;
	if ((c->flags & CTIO7_FLAGS_STATUS_MODE_1) &&
	    (c->scsi_status & STS24_RSP_LEN_VALID) && c->rsp_len >= 4 &&
	    c->rsp_len <= sizeof(c->sense)) {
		/* FCP_RSP_INFO first in the IOCB's sense area */
		r.flags |= FCP_RSP_LEN_VAL;
		r.rsp_code = c->sense[3];
		info = c->rsp_len;
	}
	if ((c->flags & CTIO7_FLAGS_STATUS_MODE_1) &&
	    (c->scsi_status & STS24_SENSE_LEN_VALID) && c->sense_len) {
		r.flags |= FCP_SNS_LEN_VAL;
		r.sense_len = min_t(u32, c->sense_len, sizeof(c->sense) - info);
		memcpy(r.sense, c->sense + info, r.sense_len);
	}
	f = qla_emu_fcp_frame(p, t->s_id, FC_RCTL_DD_CMD_STATUS, t->ox_id,
			      t->exchange & 0xffff,
			      FCP_RSP_HDR_LEN + (info ? FCP_RSP_INFO_LEN : 0) +
			      r.sense_len);
	if (!f)
		return;
	f->responder = true;
	qla_fcp_build_rsp(f->payload, f->len, &r);
	qla_emu_send(p, f);
}

void qla_emu_req_ctio7(struct qla_emu_port *p, void *iocb)
{
	struct qla_emu_dsrc *src = NULL;
	struct qla_emu_frame *f;
	struct qla_ctio7_desc c;
	struct qla_emu_sgl s;
	struct qla_emu_tx *t;

	if (qla_parse_ctio7(iocb, &c) || qla_emu_dseg_bad(p, iocb, c.dseg_count))
		return;
	t = p->link_up ? qla_emu_tx_find(p, 0, 0, c.exchange_addr) : NULL;
	if (!t) {
		qla_emu_ctio_done(p, &c, p->link_up ? CTIO_INVALID_RX_ID :
				  CTIO_PORT_LOGGED_OUT);
		return;
	}
	if (t->ctio_pending) {
		qla_emu_ctio_done(p, &c, CTIO_INVALID_RX_ID);
		return;
	}
	if (t->abts) {
		/* ABTS received: nothing more is sent on the exchange */
		qla_emu_ctio_done(p, &c, CTIO_ABORTED);
		return;
	}
	if (c.flags & CTIO7_FLAGS_TERMINATE) {
		list_del(&t->node);
		qla_emu_sgl_free(&t->sgl);
		kfree(t);
		qla_emu_ctio_done(p, &c, CTIO_SUCCESS);
		return;
	}
	if (!(c.flags & CTIO7_FLAGS_STATUS_MODE_1) &&
	    (c.flags & CTIO7_FLAGS_DATA_OUT) && c.transfer_length) {
		/* ask for the data; the CTIO completes when it is in */
		if (qla_emu_sgl_read(&s, iocb, c.dseg_count, c.dsd_addr,
				     c.dsd_len)) {
			qla_emu_ctio_done(p, &c, CTIO_TIMEOUT);
			return;
		}
		f = qla_emu_fcp_frame(p, t->s_id, FC_RCTL_DD_DATA_DESC,
				      t->ox_id, t->exchange & 0xffff,
				      FCP_XFER_RDY_LEN);
		if (!f) {
			qla_emu_sgl_free(&s);
			qla_emu_ctio_done(p, &c, CTIO_TIMEOUT);
			return;
		}
		f->responder = true;
		qla_fcp_build_xfer_rdy(f->payload, f->len, c.relative_offset,
				       c.transfer_length);
		qla_emu_sgl_free(&t->sgl);
		t->sgl = s;
		t->ctio = c;
		t->ctio_pending = true;
		t->received = 0;
		if (c.timeout) {
			t->ctio_deadline = jiffies + c.timeout * HZ;
			qla_emu_timer_arm(p);
		}
		qla_emu_send(p, f);
		return;
	}
	if (!(c.flags & CTIO7_FLAGS_STATUS_MODE_1) &&
	    (c.flags & CTIO7_FLAGS_DATA_IN) && c.transfer_length) {
		/* the frames read the data when delivered (see dsrc) */
		src = kzalloc(sizeof(*src), GFP_KERNEL);
		if (!src || qla_emu_sgl_read(&src->sgl, iocb, c.dseg_count,
					     c.dsd_addr, c.dsd_len)) {
			kfree(src);
			qla_emu_ctio_done(p, &c, CTIO_TIMEOUT);
			return;
		}
		src->refs = 1;
		src->p = p;
		src->ctio = c;
		src->status = CTIO_SUCCESS;
		if (qla_emu_send_data(p, t->s_id, t->ox_id,
				      t->exchange & 0xffff, true, &src->sgl, 0,
				      c.relative_offset, c.transfer_length,
				      src))
			src->status = CTIO_TIMEOUT;
	}
	if (c.flags & CTIO7_FLAGS_SEND_STATUS &&
	    (!src || src->status == CTIO_SUCCESS)) {
		qla_emu_send_rsp(p, t, &c);
		list_del(&t->node);
		qla_emu_sgl_free(&t->sgl);
		kfree(t);
	}
	if (src)
		qla_emu_dsrc_put(src, true);
	else
		qla_emu_ctio_done(p, &c, CTIO_SUCCESS);
}

/* Drop a reference to CTIO data; the last one completes the CTIO. */
void qla_emu_dsrc_put(struct qla_emu_dsrc *src, bool post)
{
	lockdep_assert_held(&src->p->fab->fw_mutex);
	if (--src->refs)
		return;
	if (post)
		qla_emu_ctio_done(src->p, &src->ctio, src->status);
	qla_emu_sgl_free(&src->sgl);
	kfree(src);
}

void qla_emu_tgt_data(struct qla_emu_port *p, struct qla_emu_frame *f)
{
	struct qla_emu_tx *t = qla_emu_tx_find(p, f->s_id, f->ox_id, 0);
	u32 off;

	if (!t || !t->ctio_pending) {
		qla_emu_discard(p, f, "FCP_DATA for no data-out exchange");
		return;
	}
	off = f->param - t->ctio.relative_offset;
	if (f->param < t->ctio.relative_offset ||
	    off + f->len > t->ctio.transfer_length) {
		qla_emu_discard(p, f, "FCP_DATA outside the burst");
		return;
	}
	if (qla_emu_frame_data(p, &t->sgl, off, f))
		return;
	t->received += f->len;
	if (t->received >= t->ctio.transfer_length) {
		t->ctio_pending = false;
		qla_emu_ctio_done(p, &t->ctio, CTIO_SUCCESS);
	}
}

/*
 * An ABTS from an initiator: the driver hears of it (ABTS received IOCB,
 * before the completion of a data-out CTIO it aborts) and answers with an
 * ABTS response IOCB (qla_emu_req_abts_resp).
 */
void qla_emu_tgt_abts(struct qla_emu_port *p, struct qla_emu_frame *f)
{
	struct qla_emu_tx *t = qla_emu_tx_find(p, f->s_id, f->ox_id, 0);
	struct qla_emu_pdb *e = qla_emu_pdb_find(p, f->s_id, 0);
	struct qla_abts_desc d = {
		.s_id = f->s_id,
		.d_id = f->d_id,
		.ox_id = f->ox_id,
		.rx_id = f->rx_id,
		.r_ctl = FC_RCTL_BA_ABTS,
		.type = FC_TYPE_BLS,
		/* the originator's last frame, passing sequence initiative */
		.f_ctl = QLA_FCTL_LAST_SEQ | QLA_FCTL_END_SEQ |
			 QLA_FCTL_SEQ_INITIATIVE,
		.sof_type = ABTS_SOF_I3,
		.exchange_addr_to_abort = ATIO7_EXCHANGE_UNKNOWN,
	};
	struct qla_abts_recv in;

	if (!(p->fo1 & FO1_TARGET_MODE) || !e) {
		qla_emu_discard(p, f, "ABTS from a port not logged in");
		return;
	}
	d.nport_handle = e->handle;
	if (t && !t->abts)
		d.exchange_addr_to_abort = t->exchange;
	d.exchange_address = d.exchange_addr_to_abort;
	qla_build_abts_recv(&in, &d);
	qla_emu_rsp_post(p, &in);
	if (!t || t->abts)
		return;
	t->abts = true;
	if (t->ctio_pending) {
		t->ctio_pending = false;
		qla_emu_ctio_done(p, &t->ctio, CTIO_ABORTED);
	}
}

/*
 * The driver's answer to an ABTS, as a card takes it: R_CTL must be BA_ACC
 * or BA_RJT and F_CTL that of the exchange's responder (else the IOCB comes
 * back rejected); the frame goes out with the header's IDs and the IOCB's
 * payload in wire order, and the exchange ends. The completion carries the
 * response's header, as the card's does.
 */
void qla_emu_req_abts_resp(struct qla_emu_port *p, const void *iocb)
{
	struct qla_abts_resp_done done;
	struct qla_abts_desc d;
	struct qla_emu_frame *f = NULL;
	struct qla_emu_tx *t = NULL;
	u8 pl[12];
	u32 n;

	if (qla_parse_abts_resp(iocb, &d))
		return;
	if ((d.r_ctl != FC_RCTL_BA_ACC && d.r_ctl != FC_RCTL_BA_RJT) ||
	    !(d.f_ctl & QLA_FCTL_EXCH_CONTEXT_RESP) ||
	    !(d.f_ctl & QLA_FCTL_LAST_SEQ)) {
		u8 bad[QLA_IOCB_SIZE];

		memcpy(bad, iocb, sizeof(bad));
		((struct qla_iocb_hdr *)bad)->entry_status =
			QLA_ES_INVALID_PARAM;
		qla_emu_rsp_post(p, bad);
		return;
	}
	if (p->link_up && d.exchange_addr_to_abort != ATIO7_EXCHANGE_UNKNOWN)
		t = qla_emu_tx_find(p, 0, 0, d.exchange_addr_to_abort);
	if (t && t->abts) {
		list_del(&t->node);
		qla_emu_sgl_free(&t->sgl);
		kfree(t);
	}
	/* the response goes back where the ABTS came from */
	n = qla_abts_resp_wire(iocb, pl, sizeof(pl));
	if (p->link_up)
		f = qla_emu_fcp_frame(p, d.d_id, d.r_ctl, d.ox_id, d.rx_id, n);
	if (f) {
		memcpy(f->payload, pl, n);
		f->responder = true;
		qla_emu_send(p, f);
	}
	d.comp_status = f ? ABTS_RESP_COMPL_SUCCESS : CS_PORT_LOGGED_OUT;
	qla_build_abts_resp_done(&done, &d);
	qla_emu_rsp_post(p, &done);
}
