// SPDX-License-Identifier: GPL-2.0
/*
 * qla_hw.c: the hardware layer: mailbox engine, request/response/ATIO rings,
 * the interrupt handler and firmware start/stop, written against the ISP24xx
 * register interface and reaching the card only through qla_hw_ops.
 *
 * It is the only code that builds or parses the firmware's formats: the
 * fc layer's requests (link info, login, CT, port database, LIP, role),
 * the initiator's commands, aborts and task management, and the target
 * engine's CTIOs and ABTS answers come as host-order descriptions and
 * become mailbox commands and IOCBs here. Each IOCB posted with a
 * completion carries a handle naming its request slot (ha->reqs: the
 * parser of its completion, the requester's callback and argument). The
 * firmware's reports (asynchronous events, immediate notify, ATIO, ABTS,
 * status continuations) go, parsed, to the clients registered at probe
 * (qla_hw_register_*); this file names no layer above it.
 *
 * Locking: ha->hw_lock (irqsave) covers every register sequence, the rings'
 * host indices, the request slots and the current mailbox command;
 * ha->mbx_mutex keeps one mailbox command in flight. The ISR takes hw_lock
 * and calls the clients with it held: they only take their own spinlocks
 * (tgt->lock, fc.evt_lock), post, and queue work.
 */
#include <linux/module.h>
#include <linux/dma-mapping.h>
#include <linux/delay.h>

#include "qla_def.h"
#include "qla_iocb.h"
#include "qla_trace.h"

u32 qla_rd(struct qla_hw *ha, u32 off)
{
	return ha->ops->rd_reg(ha, qla_hw_family(ha)->reg_bar, off);
}

void qla_wr(struct qla_hw *ha, u32 off, u32 val)
{
	ha->ops->wr_reg(ha, qla_hw_family(ha)->reg_bar, off, val);
}

u16 qla_rd16(struct qla_hw *ha, u32 off)
{
	return ha->ops->rd_reg16(ha, qla_hw_family(ha)->reg_bar, off);
}

void qla_wr16(struct qla_hw *ha, u32 off, u16 val)
{
	ha->ops->wr_reg16(ha, qla_hw_family(ha)->reg_bar, off, val);
}

/* The base queue's in/out pointers: BAR 4 on 83xx and later. */
u32 qla_q_rd(struct qla_hw *ha, enum qla_qreg q)
{
	const struct qla_family_info *fi = qla_hw_family(ha);

	return ha->ops->rd_reg(ha, fi->q_bar, fi->q_off[q]);
}

void qla_q_wr(struct qla_hw *ha, enum qla_qreg q, u32 val)
{
	const struct qla_family_info *fi = qla_hw_family(ha);

	ha->ops->wr_reg(ha, fi->q_bar, fi->q_off[q], val);
}

/* ---- mailbox ---- */

int qla_hw_mbx(struct qla_hw *ha, struct qla_mbx *m)
{
	u16 cmd = m->mb[0];
	unsigned long flags;
	int i, err = 0;

	mutex_lock(&ha->mbx_mutex);
	reinit_completion(&ha->mbx_done);
	spin_lock_irqsave(&ha->hw_lock, flags);
	if (ha->fw_dead) {
		/* a crashed RISC answers nothing until the ISP reset */
		spin_unlock_irqrestore(&ha->hw_lock, flags);
		mutex_unlock(&ha->mbx_mutex);
		return -EIO;
	}
	ha->mbx_cur = m;
	for (i = 0; i < QLA_MBX_COUNT; i++)
		if (m->out_mask & BIT(i))
			qla_wr16(ha, QLA_REG_MAILBOX(i), m->mb[i]);
	qla_wr(ha, QLA_REG_HCCR, QLA_HCCR_SET_HOST_INT);
	spin_unlock_irqrestore(&ha->hw_lock, flags);

	if (!wait_for_completion_timeout(&ha->mbx_done,
					 msecs_to_jiffies(QLA_MBX_TIMEOUT_MS))) {
		spin_lock_irqsave(&ha->hw_lock, flags);
		ha->mbx_cur = NULL;
		spin_unlock_irqrestore(&ha->hw_lock, flags);
		err = -ETIMEDOUT;
	} else if (m->mb[0] != MBS_COMMAND_COMPLETE) {
		err = -EIO;
	}
	trace_qla_mbx(dev_name(ha->dev), cmd, m->mb[0], m->mb[1], m->mb[2],
		      err);
	mutex_unlock(&ha->mbx_mutex);
	return err;
}

static void qla_hw_mbx_done(struct qla_hw *ha, u16 mb0)
{
	struct qla_mbx *m = ha->mbx_cur;
	int i;

	lockdep_assert_held(&ha->hw_lock);
	if (!m)
		return;
	for (i = 1; i < QLA_MBX_COUNT; i++)
		if (m->in_mask & BIT(i))
			m->mb[i] = qla_rd16(ha, QLA_REG_MAILBOX(i));
	m->mb[0] = mb0;
	ha->mbx_cur = NULL;
	complete(&ha->mbx_done);
}

/* ---- request ring ---- */

/*
 * Post a command or CTIO and the continuation entries for its segments
 * (seg[0] is the one in the entry itself): all of them or none, with one
 * doorbell, so that no other entry comes between them. The entries wrap at
 * the ring's end; one stays free so that a full ring is not an empty one.
 */
static int qla_hw_post_segs_locked(struct qla_hw *ha, const void *iocb,
				   const struct qla_seg *seg, u32 nseg)
{
	struct qla_ring *r = &ha->req;
	u32 n = qla_iocb_entries(nseg);
	u32 out, room;

	lockdep_assert_held(&ha->hw_lock);
	if (!ha->fw_started)
		return -ENODEV;
	out = qla_q_rd(ha, QLA_QREG_REQ_OUT);
	if (out >= r->entries)
		return -EBUSY;
	room = (out + r->entries - r->index - 1) % r->entries;
	if (n > room)
		return -EBUSY;
	qla_ring_put(r->base, r->entries, r->index, iocb, seg, nseg);
	trace_qla_iocb_post(dev_name(ha->dev), 0, qla_iocb_type(iocb),
			    le32_to_cpu(((const __le32 *)iocb)[1]), r->index);
	r->index = (r->index + n) % r->entries;
	wmb();	/* the entries are in memory before the firmware sees the index */
	qla_q_wr(ha, QLA_QREG_REQ_IN, r->index);
	return 0;
}

static int qla_hw_post_locked(struct qla_hw *ha, const void *iocb)
{
	return qla_hw_post_segs_locked(ha, iocb, NULL, 0);
}

typedef void (*qla_hw_fw_done_t)(struct qla_hw *ha, struct qla_hw_req *r,
				 const void *pkt);

/*
 * Post an IOCB with a handle of its own (its second word) that names the
 * request slot holding its completion: fw_done parses the entry the
 * firmware returns and calls done(arg) with the result. The handle's upper
 * half is a generation, so that a late completion of an ended request
 * never reaches the next one in its slot.
 */
static int qla_hw_post_req_locked(struct qla_hw *ha, void *iocb,
				  const struct qla_seg *seg, u32 nseg,
				  qla_hw_fw_done_t fw_done, qla_hw_done_t done,
				  void *arg, u32 *handle)
{
	struct qla_hw_req *r;
	u32 i, slot;
	int err;

	lockdep_assert_held(&ha->hw_lock);
	for (i = 0; i < QLA_HW_REQS; i++) {
		slot = (ha->next_req + i) % QLA_HW_REQS;
		if (!ha->reqs[slot].handle)
			break;
	}
	if (i == QLA_HW_REQS)
		return -EBUSY;
	if (!++ha->req_gen)
		ha->req_gen = 1;
	r = &ha->reqs[slot];
	r->handle = (u32)ha->req_gen << 16 | slot;
	r->fw_done = fw_done;
	r->done = done;
	r->arg = arg;
	((__le32 *)iocb)[1] = cpu_to_le32(r->handle);
	err = qla_hw_post_segs_locked(ha, iocb, seg, nseg);
	if (err) {
		r->handle = 0;
		return err;
	}
	ha->next_req = slot + 1;
	if (handle)
		*handle = r->handle;
	return 0;
}

/* A request waiting for its completion IOCB (the caller sleeps on it). */
struct qla_iocb_wait {
	struct completion done;
	u8 iocb[QLA_IOCB_SIZE];
};

static void qla_hw_wait_fw_done(struct qla_hw *ha, struct qla_hw_req *r,
				const void *pkt)
{
	struct qla_iocb_wait *w = r->arg;

	memcpy(w->iocb, pkt, QLA_IOCB_SIZE);
	complete(&w->done);
}

/*
 * Post an IOCB and sleep until the firmware returns it on the response
 * ring; the completion replaces *iocb.
 */
static int qla_hw_iocb_sync(struct qla_hw *ha, void *iocb, u32 timeout_ms)
{
	struct qla_iocb_wait *w;
	unsigned long flags;
	u32 h, slot;
	int err;

	w = kzalloc(sizeof(*w), GFP_KERNEL);
	if (!w)
		return -ENOMEM;
	init_completion(&w->done);

	spin_lock_irqsave(&ha->hw_lock, flags);
	err = qla_hw_post_req_locked(ha, iocb, NULL, 0, qla_hw_wait_fw_done,
				     NULL, w, &h);
	spin_unlock_irqrestore(&ha->hw_lock, flags);
	if (err)
		goto free;

	if (!wait_for_completion_timeout(&w->done,
					 msecs_to_jiffies(timeout_ms))) {
		slot = h & 0xffff;
		spin_lock_irqsave(&ha->hw_lock, flags);
		if (ha->reqs[slot].handle == h) {
			ha->reqs[slot].handle = 0;
			err = -ETIMEDOUT;
		}
		spin_unlock_irqrestore(&ha->hw_lock, flags);
		if (err)
			goto free;
		/* completed while we gave up: take it */
		wait_for_completion(&w->done);
	}
	memcpy(iocb, w->iocb, QLA_IOCB_SIZE);
	/* the firmware rejected the entry itself (type, parameters) */
	if (((struct qla_iocb_hdr *)iocb)->entry_status & QLA_ES_MASK)
		err = -EIO;
free:
	kfree(w);
	return err;
}

/* ---- the clients' requests ---- */

void qla_hw_register_fc(struct qla_hw *ha, const struct qla_hw_fc_ops *ops)
{
	ha->fc_ops = ops;
}

void qla_hw_register_ini(struct qla_hw *ha, const struct qla_hw_ini_ops *ops)
{
	ha->ini_ops = ops;
}

void qla_hw_register_tgt(struct qla_hw *ha, const struct qla_hw_tgt_ops *ops)
{
	ha->tgt_ops = ops;
}

/* A status entry's completion status in the hardware layer's terms. */
static enum qla_hw_cs qla_hw_cs_of(u16 cs)
{
	switch (cs) {
	case CS_COMPLETE:
		return QLA_CS_OK;
	case CS_DATA_UNDERRUN:
		return QLA_CS_UNDERRUN;
	case CS_DATA_OVERRUN:
		return QLA_CS_OVERRUN;
	case CS_ABORTED:
		return QLA_CS_ABORTED;
	case CS_RESET:
		return QLA_CS_RESET;
	case CS_TIMEOUT:
		return QLA_CS_TIMEOUT;
	case CS_PORT_LOGGED_OUT:
	case CS_PORT_UNAVAILABLE:
	case CS_PORT_CONFIG_CHG:
		return QLA_CS_PORT_GONE;
	default:
		return QLA_CS_ERROR;
	}
}

/*
 * A command's completion: its status entry, or the command type 7 itself
 * given back with entry_status set (the firmware found it bad and did not
 * start it).
 */
static void qla_hw_cmd_fw_done(struct qla_hw *ha, struct qla_hw_req *r,
			       const void *pkt)
{
	struct qla_hw_status *st;
	struct qla_hw_done res;
	struct qla_sts_desc d;

	lockdep_assert_held(&ha->hw_lock);
	memset(&res, 0, sizeof(res));
	res.entry_status = ((const struct qla_iocb_hdr *)pkt)->entry_status;
	if (qla_iocb_type(pkt) == COMMAND_TYPE_7) {
		res.cs = QLA_CS_REJECTED;
		r->done(ha, r->arg, &res);
		return;
	}
	if (qla_parse_sts24(pkt, &d))
		return;
	st = &res.sts;
	res.cs = qla_hw_cs_of(d.comp_status);
	st->scsi_status = d.scsi_status & STS24_SCSI_STATUS_MASK;
	st->resid_under = d.scsi_status & STS24_RESID_UNDER;
	st->resid_over = d.scsi_status & STS24_RESID_OVER;
	st->fw_resid = d.residual;
	st->tgt_resid = d.rsp_residual;
	st->rsp_info = d.scsi_status & STS24_RSP_LEN_VALID;
	st->rsp_info_len = d.rsp_data_len;
	st->sense = d.scsi_status & STS24_SENSE_LEN_VALID;
	st->sense_len = d.sense_len;
	static_assert(sizeof(st->data) == sizeof(d.data));
	memcpy(st->data, d.data, sizeof(st->data));
	/* status continuations may follow: the next other entry ends them */
	ha->sense_pending = st->sense;
	r->done(ha, r->arg, &res);
}

/*
 * Post a command type 7 for c (hw_lock held): done(arg) gets its status;
 * *handle names it to qla_hw_abort_cmd.
 */
int qla_hw_cmd_post_locked(struct qla_hw *ha, const struct qla_hw_cmd *c,
			   qla_hw_done_t done, void *arg, u32 *handle)
{
	struct qla_cmd7_desc d = { 0 };
	struct qla_cmd7 iocb;

	lockdep_assert_held(&ha->hw_lock);
	d.nport_handle = c->nport_handle;
	d.port_id = c->port_id;
	d.timeout = 0;
	memcpy(d.lun, c->lun, sizeof(d.lun));
	memcpy(d.cdb, c->cdb, sizeof(d.cdb));
	d.task = CMD7_TASK_SIMPLE;
	d.byte_count = c->len;
	if (c->dir == DMA_FROM_DEVICE)
		d.tmf_flags = CMD7_TMF_READ_DATA;
	else if (c->dir == DMA_TO_DEVICE)
		d.tmf_flags = CMD7_TMF_WRITE_DATA;
	/* the first segment in the command, the rest in continuations */
	d.dseg_count = c->nseg;
	if (c->nseg) {
		d.dsd_addr = c->seg[0].addr;
		d.dsd_len = c->seg[0].len;
	}
	qla_build_cmd7(&iocb, &d);
	return qla_hw_post_req_locked(ha, &iocb, c->seg, c->nseg,
				      qla_hw_cmd_fw_done, done, arg, handle);
}

/* The abort IOCB for the command posted as handle (see qla_hw_abort_cmd). */
static void qla_hw_build_abort(struct qla_abort24 *iocb, u16 nport_handle,
			       u32 port_id, u32 handle, bool abts)
{
	struct qla_abort_desc d = {
		.nport_handle = nport_handle,
		.options = abts ? 0 : AOF_NO_ABTS,
		.handle_to_abort = handle,
		.port_id = port_id,
	};

	qla_build_abort(iocb, &d);
}

/*
 * Abort the command posted as handle (an abort IOCB: the firmware sends
 * ABTS and returns the command first; without @abts, to a port that is
 * gone, it ends the exchange without a frame). *cs says how the abort
 * ended.
 */
int qla_hw_abort_cmd(struct qla_hw *ha, u16 nport_handle, u32 port_id,
		     u32 handle, bool abts, enum qla_hw_cs *cs)
{
	struct qla_abort_desc d;
	struct qla_abort24 iocb;
	int err;

	qla_hw_build_abort(&iocb, nport_handle, port_id, handle, abts);
	err = qla_hw_iocb_sync(ha, &iocb, QLA_IOCB_TIMEOUT_MS);
	if (err || qla_parse_abort(&iocb, &d))
		return err ? err : -EIO;
	/* on completion nport_handle carries the completion status */
	*cs = qla_hw_cs_of(d.nport_handle);
	return 0;
}

/* An abort IOCB posted with a callback: its completion. */
static void qla_hw_abort_fw_done(struct qla_hw *ha, struct qla_hw_req *r,
				 const void *pkt)
{
	struct qla_hw_done res = { .cs = QLA_CS_ERROR };
	struct qla_abort_desc d;

	lockdep_assert_held(&ha->hw_lock);
	res.entry_status = ((const struct qla_iocb_hdr *)pkt)->entry_status;
	if (res.entry_status & QLA_ES_MASK)
		res.cs = QLA_CS_REJECTED;
	else if (!qla_parse_abort(pkt, &d))
		res.cs = qla_hw_cs_of(d.nport_handle);
	r->done(ha, r->arg, &res);
}

/*
 * Post an abort IOCB for the command posted as handle, as qla_hw_abort_cmd
 * does, without waiting (hw_lock held): done(arg) gets how the abort
 * ended, QLA_CS_RESET if the firmware stopped first. *abort_handle names
 * the abort to qla_hw_req_cancel_locked.
 */
int qla_hw_abort_post_locked(struct qla_hw *ha, u16 nport_handle, u32 port_id,
			     u32 handle, bool abts, qla_hw_done_t done,
			     void *arg, u32 *abort_handle)
{
	struct qla_abort24 iocb;

	lockdep_assert_held(&ha->hw_lock);
	qla_hw_build_abort(&iocb, nport_handle, port_id, handle, abts);
	return qla_hw_post_req_locked(ha, &iocb, NULL, 0, qla_hw_abort_fw_done,
				      done, arg, abort_handle);
}

/*
 * Forget a request still in flight (hw_lock held): its completion, should
 * the firmware return it after all, is dropped. False when it already
 * completed.
 */
bool qla_hw_req_cancel_locked(struct qla_hw *ha, u32 handle)
{
	struct qla_hw_req *r = &ha->reqs[(handle & 0xffff) % QLA_HW_REQS];

	lockdep_assert_held(&ha->hw_lock);
	if (r->handle != handle)
		return false;
	r->handle = 0;
	return true;
}

/*
 * A task management function (LUN reset with lun, target reset without):
 * 0 when the firmware completed it, with *rsp_code the target's RSP_CODE
 * (-1: no FCP_RSP_INFO, which counts as done).
 */
int qla_hw_tmf(struct qla_hw *ha, u16 nport_handle, u32 port_id,
	       enum qla_hw_tmf fn, const u8 *lun, int *rsp_code)
{
	struct qla_tmf_desc d = {
		.nport_handle = nport_handle,
		.timeout = 10,
		.port_id = port_id,
	};
	struct qla_tmf_done done;
	union {
		struct qla_tsk_mgmt req;
		struct qla_sts24 sts;
	} iocb;
	int err;

	d.control_flags = fn == QLA_HW_TMF_LUN_RESET ? TCF_LUN_RESET :
			  TCF_TARGET_RESET;
	if (lun)
		memcpy(d.lun, lun, sizeof(d.lun));
	qla_build_tsk_mgmt(&iocb.req, &d);
	err = qla_hw_iocb_sync(ha, &iocb, QLA_IOCB_TIMEOUT_MS);
	/* it completes as a status entry (or comes back rejected) */
	if (err)
		return err;
	if (qla_parse_tmf_done(&iocb, &done) || done.entry_status ||
	    done.comp_status != CS_COMPLETE)
		return -EIO;
	*rsp_code = done.rsp_code;
	return 0;
}

/* A CTIO's completion status in the hardware layer's terms. */
static enum qla_hw_cs qla_hw_ctio_cs(u16 status)
{
	switch (status) {
	case CTIO_SUCCESS:
		return QLA_CS_OK;
	case CTIO_ABORTED:
		return QLA_CS_ABORTED;
	case CTIO_INVALID_RX_ID:
		return QLA_CS_INVALID_RX_ID;
	case CTIO_TIMEOUT:
		return QLA_CS_TIMEOUT;
	case CTIO_PORT_LOGGED_OUT:
		return QLA_CS_PORT_GONE;
	default:
		return QLA_CS_ERROR;
	}
}

static void qla_hw_ctio_fw_done(struct qla_hw *ha, struct qla_hw_req *r,
				const void *pkt)
{
	struct qla_ctio7_done_desc d;
	struct qla_hw_done res;

	lockdep_assert_held(&ha->hw_lock);
	if (qla_parse_ctio7_done(pkt, &d))
		return;
	memset(&res, 0, sizeof(res));
	res.entry_status = ((const struct qla_iocb_hdr *)pkt)->entry_status;
	/* given back with entry_status: the firmware did nothing */
	if (res.entry_status & QLA_ES_MASK)
		res.cs = QLA_CS_REJECTED;
	else
		res.cs = qla_hw_ctio_cs(d.status);
	res.status_sent = d.flags & CTIO7_FLAGS_SEND_STATUS;
	r->done(ha, r->arg, &res);
}

/*
 * Post a CTIO type 7 for c (hw_lock held); done(arg) gets its completion,
 * or with done NULL the completion is ignored.
 */
int qla_hw_ctio_post_locked(struct qla_hw *ha, const struct qla_hw_ctio *c,
			    qla_hw_done_t done, void *arg)
{
	struct qla_ctio7_desc d = { 0 };
	struct qla_ctio7 ctio;
	u16 st = c->scsi_status;

	lockdep_assert_held(&ha->hw_lock);
	d.nport_handle = c->nport_handle;
	d.initiator_id = c->initiator_id;
	d.exchange_addr = c->exchange_addr;
	d.ox_id = c->ox_id;
	d.timeout = c->timeout;
	d.residual = c->residual;
	d.relative_offset = c->relative_offset;
	d.transfer_length = c->transfer_length;
	if (c->resid_under)
		st |= STS24_RESID_UNDER;
	if (c->resid_over)
		st |= STS24_RESID_OVER;
	switch (c->kind) {
	case QLA_CTIO_DATA_IN:
		d.flags = CTIO7_FLAGS_DATA_IN | CTIO7_FLAGS_STATUS_MODE_0;
		if (c->send_status) {
			d.flags |= CTIO7_FLAGS_SEND_STATUS;
			d.scsi_status = st;
		}
		break;
	case QLA_CTIO_DATA_OUT:
		d.flags = CTIO7_FLAGS_DATA_OUT | CTIO7_FLAGS_STATUS_MODE_0;
		break;
	case QLA_CTIO_STATUS:
		d.flags = CTIO7_FLAGS_STATUS_MODE_1 | CTIO7_FLAGS_SEND_STATUS;
		if (c->sense && c->sense_len) {
			d.sense_len = min_t(u32, c->sense_len, sizeof(d.sense));
			memcpy(d.sense, c->sense, d.sense_len);
			st |= STS24_SENSE_LEN_VALID;
		}
		if (c->rsp_info) {
			/* FCP_RSP_INFO, RSP_CODE in its fourth byte */
			st |= STS24_RSP_LEN_VALID;
			d.rsp_len = FCP_RSP_INFO_LEN;
			d.sense[3] = c->rsp_code;
		}
		d.scsi_status = st;
		break;
	case QLA_CTIO_TERMINATE:
		d.flags = CTIO7_FLAGS_TERMINATE | CTIO7_FLAGS_STATUS_MODE_1;
		break;
	}
	if (c->kind == QLA_CTIO_DATA_IN || c->kind == QLA_CTIO_DATA_OUT) {
		d.dseg_count = c->nseg;
		if (c->nseg) {
			d.dsd_addr = c->seg[0].addr;
			d.dsd_len = c->seg[0].len;
		}
	}
	qla_build_ctio7(&ctio, &d);
	if (!done)
		return qla_hw_post_locked(ha, &ctio);
	return qla_hw_post_req_locked(ha, &ctio, c->seg, d.dseg_count,
				      qla_hw_ctio_fw_done, done, arg, NULL);
}

/*
 * Answer an ABTS: BA_ACC, or BA_RJT; the firmware ends the exchange. The
 * response is the ABTS's header turned around (S_ID and D_ID swapped, the
 * rest as received) with R_CTL and F_CTL of a last-sequence answer from
 * the exchange's responder, and its SOF type, exchange and N_Port handle.
 */
static void qla_hw_abts_resp_post(struct qla_hw *ha,
				  const struct qla_abts_desc *in, bool reject,
				  bool retry);

static void qla_hw_abts_resp_done(struct qla_hw *ha, const void *pkt,
				  bool retry)
{
	struct qla_abts_desc d, in;
	struct qla_ctio7_desc t = {
		.flags = CTIO7_FLAGS_STATUS_MODE_1 | CTIO7_FLAGS_TERMINATE,
	};
	struct qla_ctio7 ctio;

	lockdep_assert_held(&ha->hw_lock);
	if (((const struct qla_iocb_hdr *)pkt)->entry_status) {
		dev_warn_ratelimited(ha->dev, "ABTS response rejected: entry status 0x%x\n",
				     ((const struct qla_iocb_hdr *)pkt)->entry_status);
		return;
	}
	if (qla_parse_abts_resp_done(pkt, &d) ||
	    d.comp_status == ABTS_RESP_COMPL_SUCCESS)
		return;
	if (d.comp_status != ABTS_RESP_COMPL_SUBCODE_ERROR ||
	    d.subcode1 != ABTS_RESP_SUBCODE_EXCH_NOT_TERM || d.subcode2 ||
	    retry) {
		dev_warn_ratelimited(ha->dev, "ABTS response to %06x failed: 0x%x (0x%x 0x%x)\n",
				     d.d_id, d.comp_status, d.subcode1,
				     d.subcode2);
		return;
	}
	/*
	 * The aborted exchange was not terminated: terminate it (a CTIO) and
	 * answer once more. The completion carries the response's header:
	 * IDs turned.
	 */
	t.nport_handle = d.nport_handle;
	t.initiator_id = d.d_id;
	t.exchange_addr = d.exchange_addr_to_abort;
	t.ox_id = d.ox_id;
	qla_build_ctio7(&ctio, &t);
	if (qla_hw_post_locked(ha, &ctio))
		dev_warn_ratelimited(ha->dev, "terminate CTIO not posted\n");
	in = d;
	in.s_id = d.d_id;
	in.d_id = d.s_id;
	in.r_ctl = FC_RCTL_BA_ABTS;
	qla_hw_abts_resp_post(ha, &in, d.reject, true);
}

static void qla_hw_abts_resp_fw_done(struct qla_hw *ha, struct qla_hw_req *r,
				     const void *pkt)
{
	qla_hw_abts_resp_done(ha, pkt, false);
}

static void qla_hw_abts_retry_fw_done(struct qla_hw *ha, struct qla_hw_req *r,
				      const void *pkt)
{
	qla_hw_abts_resp_done(ha, pkt, true);
}

static void qla_hw_abts_resp_post(struct qla_hw *ha,
				  const struct qla_abts_desc *in, bool reject,
				  bool retry)
{
	struct qla_abts_desc d = *in;
	struct qla_abts_resp iocb;

	lockdep_assert_held(&ha->hw_lock);
	d.s_id = in->d_id;
	d.d_id = in->s_id;
	d.f_ctl = QLA_FCTL_BA_RSP;
	d.reject = reject;
	d.terminate = false;
	trace_qla_tgt_tmf(dev_name(ha->dev), "answer", "ABTS", in->s_id, 0,
			  in->exchange_addr_to_abort, reject);
	qla_build_abts_resp(&iocb, &d);
	if (qla_hw_post_req_locked(ha, &iocb, NULL, 0,
				   retry ? qla_hw_abts_retry_fw_done :
				   qla_hw_abts_resp_fw_done, NULL, NULL, NULL))
		dev_warn_ratelimited(ha->dev, "ABTS response not posted\n");
}

static_assert(QLA_HW_EXCH_UNKNOWN == ATIO7_EXCHANGE_UNKNOWN);

/* Answer the ABTS in (hw_lock held): BA_ACC, or BA_RJT with reject. */
void qla_hw_abts_answer_locked(struct qla_hw *ha, const struct qla_hw_abts *in,
			       bool reject)
{
	struct qla_abts_desc d = {
		.nport_handle = in->nport_handle,
		.exchange_address = in->exchange_address,
		.exchange_addr_to_abort = in->exchange_to_abort,
		.s_id = in->s_id,
		.d_id = in->d_id,
		.ox_id = in->ox_id,
		.rx_id = in->rx_id,
		.r_ctl = in->r_ctl,
		.cs_ctl = in->cs_ctl,
		.type = in->type,
		.seq_id = in->seq_id,
		.df_ctl = in->df_ctl,
		.f_ctl = in->f_ctl,
		.seq_cnt = in->seq_cnt,
		.parameter = in->parameter,
		.sof_type = in->sof_type,
		.vp_index = in->vp_index,
	};

	qla_hw_abts_resp_post(ha, &d, reject, false);
}

/* An ABTS received IOCB, for the target (hw_lock held). */
static void qla_hw_abts_recv(struct qla_hw *ha, const void *pkt)
{
	struct qla_abts_desc d;
	struct qla_hw_abts a;

	lockdep_assert_held(&ha->hw_lock);
	if (qla_parse_abts_recv(pkt, &d))
		return;
	a.s_id = d.s_id;
	a.d_id = d.d_id;
	a.ox_id = d.ox_id;
	a.rx_id = d.rx_id;
	a.nport_handle = d.nport_handle;
	a.exchange_address = d.exchange_address;
	a.exchange_to_abort = d.exchange_addr_to_abort;
	a.r_ctl = d.r_ctl;
	a.cs_ctl = d.cs_ctl;
	a.type = d.type;
	a.seq_id = d.seq_id;
	a.df_ctl = d.df_ctl;
	a.sof_type = d.sof_type;
	a.vp_index = d.vp_index;
	a.f_ctl = d.f_ctl;
	a.seq_cnt = d.seq_cnt;
	a.parameter = d.parameter;
	ha->tgt_ops->abts(ha, &a);
}

/*
 * An ATIO whose FCP_CMND length, additional CDB length and entry count
 * disagree: its exchange is terminated without a frame (nothing in it can
 * be trusted to answer with).
 */
static void qla_hw_atio_bad(struct qla_hw *ha, const struct qla_atio7 *p)
{
	struct qla_ctio7_desc d = {
		.nport_handle = CTIO7_NHANDLE_UNRECOGNIZED,
		.initiator_id = qla_be24_get(p->fc_hdr.s_id),
		.exchange_addr = le32_to_cpu(p->exchange_addr),
		.flags = CTIO7_FLAGS_STATUS_MODE_1 | CTIO7_FLAGS_TERMINATE,
		.ox_id = be16_to_cpu(p->fc_hdr.ox_id),
	};
	struct qla_ctio7 ctio;

	lockdep_assert_held(&ha->hw_lock);
	dev_warn_ratelimited(ha->dev, "malformed ATIO from %06x: exchange terminated\n",
			     d.initiator_id);
	qla_build_ctio7(&ctio, &d);
	if (qla_hw_post_locked(ha, &ctio))
		dev_warn_ratelimited(ha->dev, "terminate CTIO not posted\n");
}

static_assert(QLA_HW_NPH_UNKNOWN == CTIO7_NHANDLE_UNRECOGNIZED);
static_assert(sizeof_field(struct qla_hw, atio_buf) ==
	      ATIO7_MAX_ENTRIES * QLA_IOCB_SIZE);

/* An ATIO, its len bytes of ring entries in one piece, for the target. */
static void qla_hw_atio(struct qla_hw *ha, const void *pkt, u32 len)
{
	struct qla_fcp_cmnd_desc d;
	struct qla_hw_atio a;

	lockdep_assert_held(&ha->hw_lock);
	if (qla_parse_atio7(pkt, len, &d)) {
		qla_hw_atio_bad(ha, pkt);
		return;
	}
	a.exchange_addr = d.exchange_addr;
	a.s_id = d.s_id;
	a.ox_id = d.ox_id;
	memcpy(a.lun, d.lun, sizeof(a.lun));
	a.task_attr = d.task_attr & ATIO7_TASK_ATTR_MASK;
	a.tmf = d.tmf;
	if (d.rw & ATIO7_WRDATA)
		a.dir = DMA_TO_DEVICE;
	else if (d.rw & ATIO7_RDDATA)
		a.dir = DMA_FROM_DEVICE;
	else
		a.dir = DMA_NONE;
	a.cdb = d.cdb;
	a.cdb_len = 16 + 4 * d.add_cdb_len;
	a.fcp_dl = d.fcp_dl;
	ha->tgt_ops->atio(ha, &a);
}

/* ---- response and ATIO rings ---- */

/* A returned entry: its request's completion (hw_lock held). */
static void qla_hw_complete_handle(struct qla_hw *ha, const void *pkt)
{
	u32 h = le32_to_cpu(((const __le32 *)pkt)[1]);
	struct qla_hw_req *r, req;

	lockdep_assert_held(&ha->hw_lock);
	if (!h)
		return;		/* posted without a completion */
	if ((h & 0xffff) >= QLA_HW_REQS) {
		dev_warn_ratelimited(ha->dev, "completion with bad handle 0x%x\n",
				     h);
		return;
	}
	r = &ha->reqs[h & 0xffff];
	if (r->handle != h)
		return;		/* ended already (timed out, reset) */
	req = *r;
	r->handle = 0;		/* its fw_done may post into the slot */
	req.fw_done(ha, &req, pkt);
}

/* LOOP UP mailbox 1: the link's data rate, in Gbit/s (0: unknown). */
static u16 qla_hw_speed_gbit(u16 code)
{
	switch (code) {
	case QLA_SPEED_1G:
		return 1;
	case QLA_SPEED_2G:
		return 2;
	case QLA_SPEED_4G:
		return 4;
	case QLA_SPEED_8G:
		return 8;
	case QLA_SPEED_16G:
		return 16;
	case QLA_SPEED_32G:
		return 32;
	case QLA_SPEED_64G:
		return 64;
	default:
		return 0;
	}
}

/*
 * The firmware stopped: forget every request in flight, failing the IOCB
 * waiters (their IOCBs died with it). The initiator and the target engine
 * end their own commands and CTIOs when told of the reset.
 */
static void qla_hw_fail_waiters(struct qla_hw *ha)
{
	struct qla_iocb_wait *w;
	int i;

	lockdep_assert_held(&ha->hw_lock);
	for (i = 0; i < QLA_HW_REQS; i++) {
		struct qla_hw_req *r = &ha->reqs[i];

		if (!r->handle)
			continue;
		r->handle = 0;
		if (r->fw_done == qla_hw_abort_fw_done) {
			struct qla_hw_done res = { .cs = QLA_CS_RESET };

			r->done(ha, r->arg, &res);
			continue;
		}
		if (r->fw_done != qla_hw_wait_fw_done)
			continue;
		w = r->arg;
		memset(w->iocb, 0, sizeof(w->iocb));
		w->iocb[8] = CS_RESET & 0xff;
		complete(&w->done);
	}
}

static void qla_hw_prli_forget(struct qla_hw *ha);

/*
 * The firmware stopped on an error (interrupt context): post nothing more,
 * send it no mailbox command, end the one in flight and every IOCB waiter,
 * and, unless the error is not recoverable, reset the ISP from the work.
 */
static void qla_hw_fw_died(struct qla_hw *ha, bool recover)
{
	struct qla_mbx *m = ha->mbx_cur;

	lockdep_assert_held(&ha->hw_lock);
	ha->fw_dead = true;
	ha->fw_started = false;
	if (m) {
		m->mb[0] = MBS_COMMAND_ERROR;
		ha->mbx_cur = NULL;
		complete(&ha->mbx_done);
	}
	qla_hw_fail_waiters(ha);
	qla_hw_prli_forget(ha);
	if (recover && !ha->no_reset)
		queue_work(ha->wq, &ha->reset_work);
}

/* Asynchronous events, in interrupt context. */
static void qla_hw_async(struct qla_hw *ha, const u16 *mb)
{
	u32 port_id;
	u8 fmt, vp;

	lockdep_assert_held(&ha->hw_lock);
	switch (mb[0]) {
	case MBA_SYSTEM_ERR:
		/* mailboxes 1 and 2 both 0: the hardware, not the firmware */
		if (!mb[1] && !mb[2]) {
			dev_err(ha->dev, "ISP hardware error: port offline\n");
			qla_hw_fw_died(ha, false);
			break;
		}
		dev_err(ha->dev, "firmware crashed (ISP system error %04x %04x %04x): resetting the ISP\n",
			mb[1], mb[2], mb[3]);
		qla_hw_fw_died(ha, true);
		break;
	case MBA_REQ_TRANSFER_ERR:
	case MBA_RSP_TRANSFER_ERR:
		dev_err(ha->dev, "ISP %s transfer error %04x: resetting the ISP\n",
			mb[0] == MBA_REQ_TRANSFER_ERR ? "request" : "response",
			mb[1]);
		qla_hw_fw_died(ha, true);
		break;
	case MBA_LOOP_UP:
		ha->link_speed_gbit = qla_hw_speed_gbit(mb[1]);
		ha->fc_ops->event(ha, QLA_FCE_LOOP_UP, mb[1]);
		break;
	case MBA_LOOP_DOWN:
		ha->fc_ops->event(ha, QLA_FCE_LOOP_DOWN, 0);
		break;
	case MBA_LIP_OCCURRED:
		ha->fc_ops->event(ha, QLA_FCE_LIP, mb[1]);
		break;
	case MBA_LIP_RESET:
		ha->fc_ops->event(ha, QLA_FCE_LIP_RESET, mb[1]);
		break;
	case MBA_RSCN_UPDATE:
		qla_async_rscn_parse(mb, &port_id, &fmt, &vp);
		if (vp == 0)	/* the physical port's; no NPIV yet */
			ha->fc_ops->rscn(ha, port_id, fmt);
		break;
	case MBA_PORT_UPDATE:
		/*
		 * mb1: the N_Port handle of the port whose login changed,
		 * 0xffff for all; mb2 0x7: it logged out; mb3's low byte:
		 * the virtual port (0xff: all).
		 */
		if ((mb[3] & 0xff) != 0 && (mb[3] & 0xff) != 0xff)
			break;	/* another virtual port's; no NPIV yet */
		if (mb[1] != 0xffff && mb[2] == 0x7)
			ha->fc_ops->event(ha, QLA_FCE_PORT_LOGOUT, mb[1]);
		else
			ha->fc_ops->event(ha, QLA_FCE_PORT_UPDATE, 0);
		break;
	default:
		break;
	}
}

/* A PRLI notify kept until the target engine answers it. */
struct qla_hw_prli_ntfy {
	struct list_head node;		/* ha->prli_ntfys, under hw_lock */
	u32 id;
	struct qla_ntfy_desc n;
};

/* The firmware forgot its notifies (reset, crash, stop); under hw_lock. */
static void qla_hw_prli_forget(struct qla_hw *ha)
{
	struct qla_hw_prli_ntfy *p, *tmp;

	lockdep_assert_held(&ha->hw_lock);
	list_for_each_entry_safe(p, tmp, &ha->prli_ntfys, node) {
		list_del(&p->node);
		kfree(p);
	}
}

/*
 * An ELS the firmware received for a port in target mode (interrupt
 * context). It is acknowledged at once, so that the firmware answers the
 * peer without waiting for the fc work (which may itself be waiting for
 * that peer); the fc layer then updates the remote port. A PRLI from an
 * initiator is the exception: the target engine decides whether the port
 * accepts it (an initiator without an ACL is refused, as upstream refuses
 * a login by terminating the notify), from its own workqueue, which never
 * waits for the fc work; the notify is kept until qla_hw_prli_answer().
 */
static void qla_hw_imm_ntfy(struct qla_hw *ha, const struct qla_imm_ntfy *in)
{
	struct qla_fc_peer_els els = { 0 };
	struct qla_hw_prli_ntfy *pn = NULL;
	struct qla_ntfy_desc n, ack;
	struct qla_nack nack;

	lockdep_assert_held(&ha->hw_lock);
	if (qla_parse_imm_ntfy(in, &n))
		return;
	els.els = n.subcode;
	els.port_id = n.port_id;
	els.wwpn = n.port_name;
	els.wwnn = n.node_name;
	els.nport_handle = n.nport_handle;
	els.prli_wd3 = n.prli_wd3;
	if (in->status == cpu_to_le16(IMM_NTFY_ELS) && n.subcode == ELS_PRLI &&
	    (n.prli_wd3 & PRLI_WD3_INITIATOR) && qla_role_tgt(ha->role))
		pn = kzalloc(sizeof(*pn), GFP_ATOMIC);
	if (pn) {
		pn->n = n;
		pn->id = ++ha->next_ntfy_id ? : ++ha->next_ntfy_id;
		list_add_tail(&pn->node, &ha->prli_ntfys);
		els.ack_id = pn->id;
	} else {
		qla_nack_of_ntfy(&ack, &n, 0);
		qla_build_nack(&nack, &ack);
		if (qla_hw_post_locked(ha, &nack))
			dev_warn_ratelimited(ha->dev, "notify ack not posted\n");
	}
	if (in->status == cpu_to_le16(IMM_NTFY_ELS))
		ha->fc_ops->peer_els(ha, &els);
}

/*
 * The target engine's answer to a PRLI (process context): accept, or
 * refuse by a notify acknowledge with the terminate flag, after which the
 * firmware rejects the PRLI (LS_RJT) and the initiator's login fails.
 */
void qla_hw_prli_answer(struct qla_hw *ha, u32 ack_id, bool accept)
{
	struct qla_hw_prli_ntfy *p, *found = NULL;
	struct qla_ntfy_desc ack;
	struct qla_nack nack;
	unsigned long flags;

	spin_lock_irqsave(&ha->hw_lock, flags);
	list_for_each_entry(p, &ha->prli_ntfys, node) {
		if (p->id == ack_id) {
			found = p;
			list_del(&p->node);
			break;
		}
	}
	if (found) {
		qla_nack_of_ntfy(&ack, &found->n, 0);
		if (!accept)
			ack.flags |= NOTIFY_ACK_FLAGS_TERMINATE;
		qla_build_nack(&nack, &ack);
		if (qla_hw_post_locked(ha, &nack))
			dev_warn_ratelimited(ha->dev, "notify ack not posted\n");
	}
	spin_unlock_irqrestore(&ha->hw_lock, flags);
	kfree(found);
}

/* A status continuation: more of a command's sense, for the initiator. */
static void qla_hw_sts_cont(struct qla_hw *ha, const struct qla_sts_cont *p)
{
	u8 data[sizeof(p->data)];
	u32 len;

	lockdep_assert_held(&ha->hw_lock);
	len = qla_parse_sts_cont(p, data, sizeof(data));
	ha->ini_ops->sense_cont(ha, data, len);
}

static void qla_hw_process_rsp(struct qla_hw *ha)
{
	struct qla_ring *r = &ha->rsp;
	u32 in = qla_q_rd(ha, QLA_QREG_RSP_IN);
	const void *pkt;
	u8 type;

	lockdep_assert_held(&ha->hw_lock);
	rmb();	/* read entries after the index that covers them */
	while (r->index != in && in < r->entries) {
		pkt = r->base + r->index * QLA_IOCB_SIZE;
		type = qla_iocb_type(pkt);
		trace_qla_iocb_done(dev_name(ha->dev), 1, type,
				    le32_to_cpu(((const __le32 *)pkt)[1]),
				    r->index);
		if (unlikely(ha->sense_pending) && type != STATUS_CONT_TYPE) {
			ha->sense_pending = false;
			ha->ini_ops->sense_end(ha);
		}
		switch (type) {
		case LOGINOUT_PORT_IOCB_TYPE:
		case CT_IOCB_TYPE:
		case ELS_IOCB_TYPE:
		case ABORT_IOCB_TYPE:
		case TSK_MGMT_IOCB_TYPE:
		case STATUS_TYPE:
		case COMMAND_TYPE_7:	/* given back: the firmware found it bad */
		case CTIO_TYPE7:
		case ABTS_RESP_24XX:
			qla_hw_complete_handle(ha, pkt);
			break;
		case STATUS_CONT_TYPE:
			qla_hw_sts_cont(ha, pkt);
			break;
		case ABTS_RECV_24XX:
			qla_hw_abts_recv(ha, pkt);
			break;
		case IMMED_NOTIFY_TYPE:
			qla_hw_imm_ntfy(ha, pkt);
			break;
		case NOTIFY_ACK_TYPE:
			if (((const struct qla_iocb_hdr *)pkt)->entry_status ||
			    ((const struct qla_nack *)pkt)->status !=
			    cpu_to_le16(NOTIFY_ACK_SUCCESS))
				dev_warn_ratelimited(ha->dev,
						     "notify ack failed\n");
			break;
		default:
			/* marker completions: nothing to do */
			break;
		}
		r->index = (r->index + 1) % r->entries;
	}
	qla_q_wr(ha, QLA_QREG_RSP_OUT, r->index);
}

/*
 * The ATIO ring. An ATIO whose FCP_CMND does not fit one entry takes
 * entry_count entries, wrapping at the ring's end: they are copied into
 * one buffer (ha->atio_buf, under hw_lock) for the parser, and all of them
 * are consumed together once the firmware has posted the last.
 */
static void qla_hw_process_atio(struct qla_hw *ha)
{
	struct qla_ring *r = &ha->atio;
	u32 in = qla_q_rd(ha, QLA_QREG_ATIO_IN);
	u32 cnt, avail, i;
	const void *pkt;

	lockdep_assert_held(&ha->hw_lock);
	rmb();	/* read entries after the index that covers them */
	while (r->index != in && in < r->entries) {
		pkt = r->base + r->index * QLA_IOCB_SIZE;
		cnt = qla_atio7_entries(pkt);
		if (cnt > ATIO7_MAX_ENTRIES)
			cnt = 1;	/* not an ATIO of ours: skip the entry */
		avail = (in + r->entries - r->index) % r->entries;
		if (cnt > avail)
			break;	/* the rest is not posted yet */
		trace_qla_iocb_done(dev_name(ha->dev), 2, qla_iocb_type(pkt),
				    0, r->index);
		if (qla_iocb_type(pkt) == ATIO_TYPE7) {
			for (i = 0; i < cnt; i++)
				memcpy(ha->atio_buf + i * QLA_IOCB_SIZE,
				       r->base + ((r->index + i) % r->entries) *
				       QLA_IOCB_SIZE, QLA_IOCB_SIZE);
			qla_hw_atio(ha, ha->atio_buf, cnt * QLA_IOCB_SIZE);
		}
		r->index = (r->index + cnt) % r->entries;
	}
	qla_q_wr(ha, QLA_QREG_ATIO_OUT, r->index);
}

/*
 * The interrupt handler: a hard interrupt on a card, a threaded one (task
 * context, bottom halves off) on the emulated ISP. Finished initiator
 * commands reach the midlayer after hw_lock is dropped.
 */
irqreturn_t qla_hw_isr(int irq, void *arg)
{
	struct qla_hw *ha = arg;
	irqreturn_t ret = IRQ_NONE;
	unsigned long flags;
	LIST_HEAD(done);
	u32 seq;
	u16 mb[4];
	u32 stat;
	int n;

	spin_lock_irqsave(&ha->hw_lock, flags);
	for (n = 0; n < 64; n++) {
		stat = qla_rd(ha, QLA_REG_HOST_STATUS);
		if (!(stat & QLA_HSR_RISC_INT))
			break;
		ret = IRQ_HANDLED;
		mb[0] = stat >> QLA_HSR_MB0_SHIFT;
		switch (stat & QLA_HSR_INT_TYPE_MASK) {
		case QLA_INT_ROM_MBX_DONE:
		case QLA_INT_ROM_MBX_ERR:
		case QLA_INT_MBX_DONE:
		case QLA_INT_MBX_ERR:
			qla_hw_mbx_done(ha, mb[0]);
			break;
		case QLA_INT_ASYNC:
			mb[1] = qla_rd16(ha, QLA_REG_MAILBOX(1));
			mb[2] = qla_rd16(ha, QLA_REG_MAILBOX(2));
			mb[3] = qla_rd16(ha, QLA_REG_MAILBOX(3));
			trace_qla_async(dev_name(ha->dev), mb[0], mb[1], mb[2]);
			qla_hw_async(ha, mb);
			break;
		case QLA_INT_RSP_Q:
		case QLA_INT_RSP_Q2:
			qla_hw_process_rsp(ha);
			break;
		case QLA_INT_ATIO_Q:
		case QLA_INT_ATIO_Q_27XX:
			qla_hw_process_atio(ha);
			break;
		case QLA_INT_ATIO_RSP_Q:
			qla_hw_process_atio(ha);
			qla_hw_process_rsp(ha);
			break;
		default:
			break;
		}
		qla_wr(ha, QLA_REG_HCCR, QLA_HCCR_CLR_RISC_INT);
	}
	seq = ha->ini_ops->take_done(ha, &done);
	spin_unlock_irqrestore(&ha->hw_lock, flags);
	ha->ini_ops->hand_done(ha, &done, seq);
	return ret;
}

/*
 * The ATIO queue's own MSI-X vector (83xx, 27xx, 28xx): the firmware
 * raises it for new ATIO entries without setting a host status.
 */
irqreturn_t qla_hw_atio_isr(int irq, void *arg)
{
	struct qla_hw *ha = arg;
	unsigned long flags;

	spin_lock_irqsave(&ha->hw_lock, flags);
	qla_hw_process_atio(ha);
	spin_unlock_irqrestore(&ha->hw_lock, flags);
	return IRQ_HANDLED;
}

/* ---- requests of the fc layer ---- */

/*
 * The N_Port ID and topology (GET_ADAPTER_LOOP_ID) and the data rate the
 * last LOOP UP reported.
 */
int qla_hw_get_link(struct qla_hw *ha, struct qla_link_info *li)
{
	struct qla_mbx_id id;
	struct qla_mbx m;
	unsigned long flags;
	int err;

	qla_mbx_get_id(&m);
	err = qla_hw_mbx(ha, &m);
	if (err)
		return err;
	err = qla_mbx_parse_get_id(&m, &id);
	if (err)
		return err;
	li->port_id = id.port_id;
	spin_lock_irqsave(&ha->hw_lock, flags);
	li->speed_gbit = ha->link_speed_gbit;
	spin_unlock_irqrestore(&ha->hw_lock, flags);
	li->fabric = id.topology == QLA_TOPO_FABRIC;
	return 0;
}

/*
 * Log in to a port: the firmware sends PLOGI and, except to the name
 * server, PRLI. 0 with res->prli_wd3 the peer's PRLI service parameters;
 * -EADDRINUSE when the firmware already has the port under another handle
 * (res->nport_handle), -EBUSY when the handle is another port's
 * (res->other_port_id): log in again with the firmware's handle, or
 * another.
 */
int qla_hw_login(struct qla_hw *ha, u32 port_id, u16 nport_handle,
		 struct qla_login_res *res)
{
	struct qla_logio_desc d = {
		.nport_handle = nport_handle,
		.control_flags = LCF_COMMAND_PLOGI,
		.port_id = port_id,
	};
	struct qla_logio io;
	int err;

	if (port_id == FC_DID_DIR_SERV) {
		d.nport_handle = QLA_NPH_SNS;
		d.control_flags |= LCF_SKIP_PRLI;
	}
	qla_build_logio(&io, &d);
	err = qla_hw_iocb_sync(ha, &io, QLA_IOCB_TIMEOUT_MS);
	if (err)
		return err;
	if (qla_parse_logio(&io, &d))
		return -EIO;
	trace_qla_login(dev_name(ha->dev), port_id, nport_handle,
			d.comp_status, d.io_param[0], d.io_param[1]);
	memset(res, 0, sizeof(*res));
	if (d.comp_status == CS_COMPLETE) {
		res->prli_wd3 = d.io_param[0];
		return 0;
	}
	if (d.comp_status != CS_LOGIO_ERROR)
		return -EIO;
	switch (d.io_param[0]) {
	case LSC_SCODE_PORTID_USED:
		res->nport_handle = d.io_param[1] & 0xffff;
		return -EADDRINUSE;
	case LSC_SCODE_NPORT_USED:
		res->other_port_id = d.io_param[1] & 0xffffff;
		return -EBUSY;
	case LSC_SCODE_CMD_FAILED:
		/* the peer's own PLOGI and PRLI crossed ours: logged in */
		if (d.io_param[1] == LSC_CMD_FAILED_PEER_LOGIN)
			return 0;
		return -EIO;
	case LSC_SCODE_ELS_REJECT:
		/* the peer answered PLOGI or PRLI with LS_RJT */
		return -ECONNREFUSED;
	case LSC_SCODE_NOLINK:
	case LSC_SCODE_NOFABRIC:
	case LSC_SCODE_FW_NOT_READY:
		return -ENOLINK;
	case LSC_SCODE_NOIOCB:
	case LSC_SCODE_NOXCB:
	case LSC_SCODE_NOPCB:
		return -EAGAIN;
	default:
		return -EIO;
	}
}

/*
 * Explicit logout: the firmware sends the port a LOGO (which makes a Linux
 * initiator log in again) and forgets its login.
 */
int qla_hw_logout(struct qla_hw *ha, u32 port_id, u16 nport_handle)
{
	struct qla_logio_desc d = {
		.nport_handle = nport_handle,
		.control_flags = LCF_COMMAND_LOGO | LCF_EXPL_LOGO,
		.port_id = port_id,
	};
	struct qla_logio io;
	int err;

	qla_build_logio(&io, &d);
	err = qla_hw_iocb_sync(ha, &io, QLA_IOCB_TIMEOUT_MS);
	if (err)
		return err;
	if (qla_parse_logio(&io, &d))
		return -EIO;
	return d.comp_status == CS_COMPLETE ? 0 : -EIO;
}

/*
 * Register for RSCNs (SCR to the fabric controller): the fabric sends a
 * port none until it did.
 */
int qla_hw_scr(struct qla_hw *ha)
{
	struct qla_mbx m;

	qla_mbx_send_change_request(&m, SCR_FORMAT_FULL, 0);
	return qla_hw_mbx(ha, &m);
}

/* A CT request to the name server, through the CT pass-through IOCB. */
int qla_hw_ct(struct qla_hw *ha, dma_addr_t req, u32 req_len,
	      dma_addr_t rsp, u32 rsp_len)
{
	struct qla_ct_desc d = {
		.nport_handle = QLA_NPH_SNS,
		.timeout = 10,
		.cmd_dma = req,
		.cmd_len = req_len,
		.rsp_dma = rsp,
		.rsp_len = rsp_len,
	};
	struct qla_ct_iocb ct;
	int err;

	if (!req_len)
		return -EINVAL;
	qla_build_ct(&ct, &d);
	err = qla_hw_iocb_sync(ha, &ct, QLA_IOCB_TIMEOUT_MS);
	if (err)
		return err;
	if (qla_parse_ct(&ct, &d) || d.comp_status != CS_COMPLETE)
		return -EIO;
	return 0;
}

/* What the firmware's port database says about a logged-in port. */
int qla_hw_port_info(struct qla_hw *ha, u16 nport_handle,
		     struct qla_fw_port *out)
{
	struct qla_pdb_desc d;
	struct qla_mbx m;
	int err;

	memset(ha->pdb, 0, sizeof(struct qla_port_db));
	qla_mbx_get_port_db(&m, nport_handle, ha->pdb_dma);
	err = qla_hw_mbx(ha, &m);
	if (err)
		return err;
	qla_parse_port_db(ha->pdb, &d);
	out->wwpn = d.port_name;
	out->wwnn = d.node_name;
	out->port_id = d.port_id;
	out->prli_wd3 = d.prli_wd3;
	/* the FCP login state; with none the firmware fails the command */
	out->prli_done = d.login_state == PDS_PRLI_COMPLETE;
	return 0;
}

/* LIP: the firmware drops and re-initialises the link (LOOP DOWN, UP). */
int qla_hw_lip(struct qla_hw *ha)
{
	struct qla_mbx m;

	qla_mbx_lip_full_login(&m);
	return qla_hw_mbx(ha, &m);
}

static int qla_hw_isp_reset(struct qla_hw *ha);

/*
 * Change the port's role as a card takes it: from the init control block's
 * firmware options at INITIALIZE_FIRMWARE, so through an ISP reset (the
 * firmware restarts; peers see the port leave and log in again).
 */
int qla_hw_set_role(struct qla_hw *ha, enum qla_role role)
{
	lockdep_assert_held(&ha->role_lock);
	WRITE_ONCE(ha->role, role);
	return qla_hw_isp_reset(ha);
}

/* ---- firmware start and stop ---- */

/*
 * The init control block's role-dependent part: target mode and initiator
 * disable in firmware options 1, target PRLI control in options 2 (the
 * driver answers PRLI), FC tape off, point-to-point only; exchanges for
 * the target (all of them, or upstream's default share when the port is
 * both); and the interrupt vectors of the response and ATIO queues.
 */
static void qla_hw_icb_options(struct qla_hw *ha, struct qla_icb_desc *d)
{
	enum qla_role role = READ_ONCE(ha->role);

	d->fo1 = FO1_NAME_OPTION;
	d->fo2 = FO2_CONN_P2P_ONLY;
	if (qla_role_tgt(role)) {
		d->fo1 |= FO1_TARGET_MODE;
		d->fo1 &= ~(FO1_FULL_LOGIN_LIP | FO1_RSVD_15);
		d->fo2 |= FO2_TGT_PRLI_CTRL;
		d->fo2 &= ~FO2_FC_TAPE;
		d->exchange_count = qla_role_ini(role) ? ICB_XCHG_DUAL :
				    ICB_XCHG_TARGET_ONLY;
	}
	if (!qla_role_ini(role))
		d->fo1 |= FO1_INITIATOR_DISABLE;
	d->msix = ha->msix_rsp;
	if (qla_hw_family(ha)->atio_msix) {
		d->msix_atio = ha->msix_atio;
		if (!ha->msix_atio)
			d->fo2 |= FO2_ATIO_ON_INTX;
	}
}

/* Poll mailbox 0 until the RISC clears it (tries x 100..200 us). */
static int qla_hw_mbx0_wait(struct qla_hw *ha, int tries)
{
	while (tries--) {
		if (!qla_rd16(ha, QLA_REG_MAILBOX(0)))
			return 0;
		usleep_range(100, 200);
	}
	return -ETIMEDOUT;
}

/*
 * The RISC reset of every 24xx..28xx family, in upstream's order: DMA
 * shutdown (with the 4096-byte maximum write burst), soft reset, wait for
 * the firmware to finish its NVRAM accesses (mailbox 0 clear) and for the
 * reset bit to drop, then RISC reset set, pause released, reset cleared,
 * and mailbox 0 clear again when the ROM is ready.
 */
static int qla_hw_reset_risc(struct qla_hw *ha)
{
	u32 csr = QLA_CSR_DMA_SHUTDOWN | QLA_CSR_MWB_4096;
	int i, err;

	qla_wr(ha, QLA_REG_CTRL_STATUS, csr);
	for (i = 0; i < 100; i++) {
		if (!(qla_rd(ha, QLA_REG_CTRL_STATUS) & QLA_CSR_DMA_ACTIVE))
			break;
		usleep_range(100, 200);
	}
	qla_wr(ha, QLA_REG_CTRL_STATUS, csr | QLA_CSR_ISP_SOFT_RESET);
	err = qla_hw_mbx0_wait(ha, 100);
	if (err)
		return err;
	for (i = 0; i < 100; i++) {
		if (!(qla_rd(ha, QLA_REG_CTRL_STATUS) & QLA_CSR_ISP_SOFT_RESET))
			break;
		usleep_range(100, 200);
	}
	if (i == 100)
		return -ETIMEDOUT;
	qla_wr(ha, QLA_REG_HCCR, QLA_HCCR_SET_RISC_RESET);
	qla_wr(ha, QLA_REG_HCCR, QLA_HCCR_REL_RISC_PAUSE);
	/* let the RISC run its ROM; it answers mailbox 0 with 0 when ready */
	qla_wr(ha, QLA_REG_HCCR, QLA_HCCR_CLR_RISC_RESET);
	err = qla_hw_mbx0_wait(ha, 100);
	qla_wr(ha, QLA_REG_HCCR, QLA_HCCR_CLR_RISC_INT);
	return err;
}

static int qla_hw_init_fw(struct qla_hw *ha)
{
	struct qla_icb_desc d = {
		.port_name = ha->wwpn,
		.node_name = ha->wwnn,
		.req_dma = ha->req.dma,
		.rsp_dma = ha->rsp.dma,
		.atio_dma = ha->atio.dma,
		.req_len = ha->req.entries,
		.rsp_len = ha->rsp.entries,
		.atio_len = ha->atio.entries,
		.frame_size = 2048,
	};
	struct qla_init_cb *icb;
	struct qla_mbx m;
	dma_addr_t dma;
	unsigned long flags;
	int err;

	qla_hw_icb_options(ha, &d);
	icb = dma_alloc_coherent(ha->dev, sizeof(*icb), &dma, GFP_KERNEL);
	if (!icb)
		return -ENOMEM;
	qla_build_icb(icb, &d);
	spin_lock_irqsave(&ha->hw_lock, flags);
	ha->req.index = 0;
	ha->rsp.index = 0;
	ha->atio.index = 0;
	qla_q_wr(ha, QLA_QREG_REQ_IN, 0);
	qla_q_wr(ha, QLA_QREG_REQ_OUT, 0);
	qla_q_wr(ha, QLA_QREG_RSP_IN, 0);
	qla_q_wr(ha, QLA_QREG_RSP_OUT, 0);
	qla_q_wr(ha, QLA_QREG_ATIO_IN, 0);
	qla_q_wr(ha, QLA_QREG_ATIO_OUT, 0);
	spin_unlock_irqrestore(&ha->hw_lock, flags);
	qla_mbx_init_fw(&m, dma, sizeof(*icb));
	err = qla_hw_mbx(ha, &m);
	dma_free_coherent(ha->dev, sizeof(*icb), icb, dma);
	return err;
}

static const char *qla_hw_fstate_name(u16 state)
{
	static const char * const names[] = {
		[FSTATE_CONFIG_WAIT] = "config wait",
		[FSTATE_WAIT_AL_PA] = "wait AL_PA",
		[FSTATE_WAIT_LOGIN] = "wait login",
		[FSTATE_READY] = "ready",
		[FSTATE_LOSS_OF_SYNC] = "loss of sync",
		[FSTATE_ERROR] = "error",
		[FSTATE_REINIT] = "reinit",
		[FSTATE_NON_PART] = "non-participating",
	};

	return state < ARRAY_SIZE(names) ? names[state] : "unknown";
}

/*
 * After INITIALIZE_FIRMWARE: poll GET_FIRMWARE_STATE until the firmware is
 * ready (link up, fabric login done). With the link down (config wait,
 * loss of sync) the port starts anyway after QLA_FW_LINK_WAIT_MS: LOOP UP
 * follows when a cable is plugged. A firmware stuck logging in, in error,
 * or not answering fails the start after QLA_FW_READY_MS.
 */
static int qla_hw_fw_ready(struct qla_hw *ha)
{
	unsigned long start = jiffies, waited;
	unsigned int step = 5;
	u16 state = 0xffff;
	struct qla_mbx m;
	int err;

	for (;;) {
		qla_mbx_get_fw_state(&m);
		err = qla_hw_mbx(ha, &m);
		if (!err) {
			state = m.mb[1];
			if (state == FSTATE_READY)
				return 0;
			if (state == FSTATE_ERROR) {
				dev_err(ha->dev, "firmware state: error\n");
				return -EIO;
			}
		}
		waited = jiffies_to_msecs(jiffies - start);
		if (!err && (state == FSTATE_CONFIG_WAIT ||
			     state == FSTATE_LOSS_OF_SYNC) &&
		    waited >= QLA_FW_LINK_WAIT_MS) {
			dev_info(ha->dev, "link down (firmware state: %s)\n",
				 qla_hw_fstate_name(state));
			return 0;
		}
		if (waited >= QLA_FW_READY_MS) {
			if (err)
				dev_err(ha->dev, "GET_FIRMWARE_STATE failed: %d\n",
					err);
			else
				dev_err(ha->dev, "firmware not ready after %u ms (state: %s)\n",
					QLA_FW_READY_MS,
					qla_hw_fstate_name(state));
			return err ? err : -ETIMEDOUT;
		}
		msleep(step);
		step = min(step * 2, 100u);
	}
}

/* Load, start and initialise the firmware of a RISC just reset. */
static int qla_hw_boot_fw(struct qla_hw *ha)
{
	struct qla_marker24 mk;
	struct qla_fw_version v;
	struct qla_mbx m;
	unsigned long flags;
	int err;

	qla_wr(ha, QLA_REG_ICTRL, QLA_ICTRL_EN_RISC_INT);
	err = qla_chip_load_fw(ha, &ha->risc_addr);
	if (err)
		return err;
	qla_mbx_exec_fw(&m, ha->risc_addr);
	err = qla_hw_mbx(ha, &m);
	if (err) {
		dev_err(ha->dev, "EXECUTE_FIRMWARE failed: %d\n", err);
		return err;
	}
	qla_mbx_fw_version(&m);
	err = qla_hw_mbx(ha, &m);
	if (!err && !qla_mbx_parse_fw_version(&m, &v))
		snprintf(ha->fw_version, sizeof(ha->fw_version),
			 "%u.%02u.%02u", v.major, v.minor, v.subminor);
	err = qla_hw_init_fw(ha);
	if (err) {
		dev_err(ha->dev, "INITIALIZE_FIRMWARE failed: %d\n", err);
		return err;
	}
	spin_lock_irqsave(&ha->hw_lock, flags);
	ha->fw_started = true;
	qla_build_marker(&mk, 0, MK_SYNC_ALL, 0);
	err = qla_hw_post_locked(ha, &mk);
	spin_unlock_irqrestore(&ha->hw_lock, flags);
	if (err)
		return err;
	return qla_hw_fw_ready(ha);
}

int qla_hw_start_fw(struct qla_hw *ha)
{
	int err;

	err = qla_hw_reset_risc(ha);
	if (err) {
		dev_err(ha->dev, "ISP reset failed: %d\n", err);
		return err;
	}
	return qla_hw_boot_fw(ha);
}

/*
 * The ISP reset (upstream's ISP abort): stop the RISC, end everything the
 * firmware held (IOCB waiters; the initiator's commands, which it ends
 * with DID_RESET so that the midlayer retries them; target CTIOs), tell the fc layer the link
 * went down, then load, start and initialise the firmware again with the
 * current role's init control block. LOOP UP follows, and with it the
 * fabric login and the remote ports' logins. Under role_lock.
 */
static int qla_hw_isp_reset(struct qla_hw *ha)
{
	unsigned long flags;
	int err;

	lockdep_assert_held(&ha->role_lock);
	spin_lock_irqsave(&ha->hw_lock, flags);
	if (ha->no_reset) {
		spin_unlock_irqrestore(&ha->hw_lock, flags);
		return -ENODEV;
	}
	ha->fw_started = false;
	spin_unlock_irqrestore(&ha->hw_lock, flags);
	ha->fc_ops->event(ha, QLA_FCE_LOOP_DOWN, 0);

	err = qla_hw_reset_risc(ha);
	spin_lock_irqsave(&ha->hw_lock, flags);
	ha->fw_dead = false;
	ha->link_speed_gbit = 0;
	qla_hw_fail_waiters(ha);
	qla_hw_prli_forget(ha);
	spin_unlock_irqrestore(&ha->hw_lock, flags);
	ha->ini_ops->fw_reset(ha);
	ha->tgt_ops->fw_reset(ha);
	if (err) {
		dev_err(ha->dev, "ISP reset failed: %d\n", err);
		return err;
	}
	err = qla_hw_boot_fw(ha);
	if (err) {
		dev_err(ha->dev, "firmware restart failed: %d\n", err);
		return err;
	}
	ha->isp_resets++;
	dev_info(ha->dev, "ISP reset done (%u), firmware %s restarted\n",
		 ha->isp_resets, ha->fw_version);
	return 0;
}

static void qla_hw_reset_work(struct work_struct *work)
{
	struct qla_hw *ha = container_of(work, struct qla_hw, reset_work);

	mutex_lock(&ha->role_lock);
	qla_hw_isp_reset(ha);
	mutex_unlock(&ha->role_lock);
}

void qla_hw_stop_fw(struct qla_hw *ha)
{
	struct qla_mbx m;
	unsigned long flags;

	spin_lock_irqsave(&ha->hw_lock, flags);
	ha->no_reset = true;
	spin_unlock_irqrestore(&ha->hw_lock, flags);
	cancel_work_sync(&ha->reset_work);
	qla_mbx_stop_fw(&m);
	qla_hw_mbx(ha, &m);
	spin_lock_irqsave(&ha->hw_lock, flags);
	ha->fw_started = false;
	qla_hw_fail_waiters(ha);
	qla_hw_prli_forget(ha);
	spin_unlock_irqrestore(&ha->hw_lock, flags);
}

static int qla_ring_alloc(struct qla_hw *ha, struct qla_ring *r, u16 entries)
{
	r->entries = entries;
	r->index = 0;
	r->base = dma_alloc_coherent(ha->dev, entries * QLA_IOCB_SIZE, &r->dma,
				     GFP_KERNEL);
	return r->base ? 0 : -ENOMEM;
}

static void qla_ring_free(struct qla_hw *ha, struct qla_ring *r)
{
	if (r->base)
		dma_free_coherent(ha->dev, r->entries * QLA_IOCB_SIZE, r->base,
				  r->dma);
	r->base = NULL;
}

/* Allocate the rings and connect the interrupt; the firmware is not run. */
int qla_hw_init(struct qla_hw *ha)
{
	int err;

	spin_lock_init(&ha->hw_lock);
	mutex_init(&ha->mbx_mutex);
	init_completion(&ha->mbx_done);
	INIT_WORK(&ha->reset_work, qla_hw_reset_work);
	INIT_LIST_HEAD(&ha->prli_ntfys);

	err = qla_ring_alloc(ha, &ha->req, QLA_REQ_ENTRIES);
	if (err)
		goto err_req;
	err = qla_ring_alloc(ha, &ha->rsp, QLA_RSP_ENTRIES);
	if (err)
		goto err_rsp;
	err = qla_ring_alloc(ha, &ha->atio, QLA_ATIO_ENTRIES);
	if (err)
		goto err_atio;
	ha->pdb = dma_alloc_coherent(ha->dev, sizeof(struct qla_port_db),
				     &ha->pdb_dma, GFP_KERNEL);
	if (!ha->pdb) {
		err = -ENOMEM;
		goto err_pdb;
	}
	err = ha->ops->irq_setup(ha, qla_hw_isr);
	if (err)
		goto err_irq;
	return 0;

err_irq:
	dma_free_coherent(ha->dev, sizeof(struct qla_port_db), ha->pdb,
			  ha->pdb_dma);
err_pdb:
	qla_ring_free(ha, &ha->atio);
err_atio:
	qla_ring_free(ha, &ha->rsp);
err_rsp:
	qla_ring_free(ha, &ha->req);
err_req:
	return err;
}

void qla_hw_fini(struct qla_hw *ha)
{
	unsigned long flags;

	ha->ops->irq_teardown(ha);
	spin_lock_irqsave(&ha->hw_lock, flags);
	qla_hw_prli_forget(ha);
	spin_unlock_irqrestore(&ha->hw_lock, flags);
	dma_free_coherent(ha->dev, sizeof(struct qla_port_db), ha->pdb,
			  ha->pdb_dma);
	qla_ring_free(ha, &ha->atio);
	qla_ring_free(ha, &ha->rsp);
	qla_ring_free(ha, &ha->req);
}
