// SPDX-License-Identifier: GPL-2.0
/*
 * qla_tgt.c: the target engine's command path. ATIOs become commands
 * handed to the bound fabric (tcm_qla2xxx) through its ops table; the
 * fabric's answers become CTIOs (described to the hardware layer in host
 * order) whose data segments point at its scatterlists; CTIO completions
 * go back to the fabric; an ABTS becomes an ABORT TASK, and LIO's answer
 * its BA_ACC. Objects and locks: see qla_tgt_priv.h.
 */
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/dma-mapping.h>
#include <scsi/scsi_common.h>
#include <scsi/scsi_proto.h>

#include "qla_tgt_priv.h"
#include "qla_trace.h"

/* ---- commands ---- */

static void qla_tgt_work(struct work_struct *work)
{
	struct qla_tgt_xcmd *x = container_of(work, struct qla_tgt_xcmd, work);
	const struct qla_tgt_ops *ops = READ_ONCE(x->tgt->ops);

	/* a bound fabric stays bound while it holds commands */
	switch (x->evt) {
	case QLA_TGT_EVT_NEW:
		ops->cmd_new(&x->pub);
		break;
	case QLA_TGT_EVT_DATA:
		ops->data_done(&x->pub, x->status);
		break;
	case QLA_TGT_EVT_XMIT:
		ops->xmit_done(&x->pub, x->status);
		break;
	}
}

/*
 * The fabric freed a command whose status was never sent (LIO aborted
 * it): the firmware ends the exchange without a frame. Its completion
 * carries no command's handle and is ignored.
 */
static void qla_tgt_terminate(struct qla_tgt_xcmd *x)
{
	struct qla_hw *ha = x->tgt->ha;
	struct qla_hw_ctio c = {
		.kind = QLA_CTIO_TERMINATE,
		.nport_handle = x->pub.sess->nport_handle,
		.initiator_id = x->s_id,
		.exchange_addr = x->pub.tag,
		.ox_id = x->ox_id,
	};
	unsigned long flags;

	if (!ha)
		return;
	spin_lock_irqsave(&ha->hw_lock, flags);
	if (qla_hw_ctio_post_locked(ha, &c, NULL, NULL))
		dev_warn_ratelimited(ha->dev, "terminate exchange not posted\n");
	spin_unlock_irqrestore(&ha->hw_lock, flags);
}

void qla_tgt_cmd_free(struct qla_tgt_cmd *cmd)
{
	struct qla_tgt_xcmd *x = to_xcmd(cmd);
	struct qla_tgt *tgt = x->tgt;
	struct qla_tgt_sess *s = cmd->sess;
	unsigned long flags;
	bool term;

	spin_lock_irqsave(&tgt->lock, flags);
	tgt->cmds[x->slot] = NULL;
	term = !x->ended && !x->abts;
	spin_unlock_irqrestore(&tgt->lock, flags);
	if (term)
		qla_tgt_terminate(x);
	kfree(x);
	if (atomic_dec_and_test(&s->outstanding))
		wake_up_all(&tgt->idle);
	kref_put(&s->kref, qla_tgt_sess_free);
}
EXPORT_SYMBOL_GPL(qla_tgt_cmd_free);

/*
 * Answer an FCP_CMND without a command: a SCSI status (BUSY, TASK SET
 * FULL), or with rsp_code >= 0 an FCP_RSP_INFO (a task management request
 * refused).
 */
static void qla_tgt_answer(struct qla_hw *ha, const struct qla_hw_atio *a,
			   u16 nport_handle, u8 status, int rsp_code)
{
	struct qla_hw_ctio c = {
		.kind = QLA_CTIO_STATUS,
		.nport_handle = nport_handle,
		.initiator_id = a->s_id,
		.exchange_addr = a->exchange_addr,
		.ox_id = a->ox_id,
		.scsi_status = status,
	};

	lockdep_assert_held(&ha->hw_lock);
	trace_qla_tgt_answer(dev_name(ha->dev), a->s_id, a->ox_id, status,
			     rsp_code);
	if (rsp_code >= 0) {
		c.rsp_info = true;
		c.rsp_code = rsp_code;
	}
	if (qla_hw_ctio_post_locked(ha, &c, NULL, NULL))
		dev_warn_ratelimited(ha->dev, "response without a command not posted\n");
}

static const char * const qla_tgt_tmf_names[] = {
	[QLA_TGT_TMF_NONE] = "NONE",
	[QLA_TGT_TMF_ABORT_TASK] = "ABORT_TASK",
	[QLA_TGT_TMF_ABORT_TASK_SET] = "ABORT_TASK_SET",
	[QLA_TGT_TMF_CLEAR_TASK_SET] = "CLEAR_TASK_SET",
	[QLA_TGT_TMF_LUN_RESET] = "LUN_RESET",
	[QLA_TGT_TMF_TARGET_RESET] = "TARGET_RESET",
	[QLA_TGT_TMF_CLEAR_ACA] = "CLEAR_ACA",
};

/* The function an FCP_CMND's task management flags ask; -1: malformed. */
static int qla_tgt_tmf_of(u8 flags)
{
	switch (flags) {
	case 0:
		return QLA_TGT_TMF_NONE;
	case FCP_TMF_ABORT_TASK_SET:
		return QLA_TGT_TMF_ABORT_TASK_SET;
	case FCP_TMF_CLEAR_TASK_SET:
		return QLA_TGT_TMF_CLEAR_TASK_SET;
	case FCP_TMF_LUN_RESET:
		return QLA_TGT_TMF_LUN_RESET;
	case FCP_TMF_TARGET_RESET:
		return QLA_TGT_TMF_TARGET_RESET;
	case FCP_TMF_CLEAR_ACA:
		return QLA_TGT_TMF_CLEAR_ACA;
	default:
		return -1;
	}
}

static const u8 qla_tgt_rsp_code[] = {
	[QLA_TGT_TMF_RSP_COMPLETE] = FCP_RSP_TMF_COMPLETE,
	[QLA_TGT_TMF_RSP_NOT_SUPPORTED] = FCP_RSP_TMF_REJECTED,
	[QLA_TGT_TMF_RSP_FAILED] = FCP_RSP_TMF_FAILED,
	[QLA_TGT_TMF_RSP_BAD_LUN] = FCP_RSP_TMF_BAD_LUN,
};

/* A free slot of the command table, or -1 (tgt->lock held). */
static int qla_tgt_slot_get(struct qla_tgt *tgt)
{
	u32 i, slot;

	lockdep_assert_held(&tgt->lock);
	for (i = 0; i < QLA_TGT_MAX_CMDS; i++) {
		slot = (tgt->next_slot + i) % QLA_TGT_MAX_CMDS;
		if (!tgt->cmds[slot])
			return slot;
	}
	return -1;
}

/* A new command in slot for session s (tgt->lock held). */
static struct qla_tgt_xcmd *qla_tgt_xcmd_new(struct qla_tgt *tgt,
					     struct qla_tgt_sess *s)
{
	struct qla_tgt_xcmd *x;
	int slot;

	lockdep_assert_held(&tgt->lock);
	slot = qla_tgt_slot_get(tgt);
	if (slot < 0)
		return NULL;
	x = kzalloc(sizeof(*x) + tgt->ops->cmd_priv_size, GFP_ATOMIC);
	if (!x)
		return NULL;
	tgt->next_slot = slot + 1;
	tgt->cmds[slot] = x;
	kref_get(&s->kref);
	atomic_inc(&s->outstanding);
	x->tgt = tgt;
	x->slot = slot;
	x->evt = QLA_TGT_EVT_NEW;
	INIT_WORK(&x->work, qla_tgt_work);
	x->pub.sess = s;
	x->pub.fabric_sess = s->fabric_sess;
	return x;
}

static const enum qla_tgt_task_attr qla_tgt_attr[8] = {
	[0] = QLA_TGT_TASK_SIMPLE,
	[1] = QLA_TGT_TASK_HEAD_OF_QUEUE,
	[2] = QLA_TGT_TASK_ORDERED,
	[4] = QLA_TGT_TASK_ACA,
};

static_assert(QLA_TGT_CDB_MAX == FCP_CDB_MAX);

/*
 * An ATIO from the firmware (interrupt context, hw_lock held). A CDB with
 * additional bytes goes to the fabric whole (LIO takes variable-length
 * CDBs up to 260 bytes and answers those it does not support itself); one
 * shorter than its operation code says is a malformed FCP_CMND: RSP_CODE 2.
 */
static void qla_tgt_atio(struct qla_hw *ha, const struct qla_hw_atio *a)
{
	struct qla_tgt *tgt = ha->tgt;
	struct qla_tgt_xcmd *x;
	struct qla_tgt_sess *s;
	u16 handle = QLA_HW_NPH_UNKNOWN;
	u32 cdb_len;
	int tmf;

	lockdep_assert_held(&ha->hw_lock);
	cdb_len = a->cdb_len;
	spin_lock(&tgt->lock);
	s = qla_tgt_sess_find(tgt, a->s_id);
	if (s)
		handle = s->nport_handle;
	tmf = qla_tgt_tmf_of(a->tmf);
	if (tmf < 0 || (!tmf && scsi_command_size(a->cdb) > cdb_len)) {
		spin_unlock(&tgt->lock);
		qla_tgt_answer(ha, a, handle, 0, FCP_RSP_CMND_INVALID);
		return;
	}
	if (!s || !s->fabric_sess || !tgt->enabled) {
		if (s && tgt->enabled)
			queue_work(tgt->wq, &tgt->offer_work);
		spin_unlock(&tgt->lock);
		qla_tgt_answer(ha, a, handle, SAM_STAT_BUSY, -1);
		return;
	}
	x = qla_tgt_xcmd_new(tgt, s);
	spin_unlock(&tgt->lock);
	if (!x) {
		qla_tgt_answer(ha, a, handle, SAM_STAT_TASK_SET_FULL, -1);
		return;
	}
	x->s_id = a->s_id;
	x->ox_id = a->ox_id;
	x->pub.lun = scsilun_to_int((struct scsi_lun *)a->lun);
	x->pub.tag = a->exchange_addr;
	x->pub.tmf = tmf;
	if (tmf) {
		trace_qla_tgt_tmf(dev_name(ha->dev), "request",
				  qla_tgt_tmf_names[tmf], a->s_id, x->pub.lun,
				  a->exchange_addr, 0);
		x->pub.dir = DMA_NONE;
		queue_work(tgt->wq, &x->work);
		return;
	}
	memcpy(x->pub.cdb, a->cdb, cdb_len);
	x->pub.cdb_len = cdb_len;
	x->pub.data_len = a->fcp_dl;
	x->pub.dir = a->dir;
	x->pub.task_attr = qla_tgt_attr[a->task_attr];
	queue_work(tgt->wq, &x->work);
}

/*
 * An ABTS received IOCB (interrupt context, hw_lock held): the command
 * whose exchange it names is aborted; the fabric hears of it as ABORT
 * TASK, whose answer becomes BA_ACC (qla_tgt_xmit).
 */
static void qla_tgt_abts(struct qla_hw *ha, const struct qla_hw_abts *in)
{
	const struct qla_hw_abts d = *in;
	struct qla_tgt *tgt = ha->tgt;
	struct qla_tgt_xcmd *x = NULL, *y = NULL, *c;
	struct qla_tgt_sess *s;
	u32 i;

	lockdep_assert_held(&ha->hw_lock);
	trace_qla_tgt_tmf(dev_name(ha->dev), "request", "ABTS", d.s_id, 0,
			  d.exchange_to_abort, 0);
	spin_lock(&tgt->lock);
	s = qla_tgt_sess_find(tgt, d.s_id);
	for (i = 0; s && d.exchange_to_abort != QLA_HW_EXCH_UNKNOWN &&
	     i < QLA_TGT_MAX_CMDS; i++) {
		c = tgt->cmds[i];
		if (c && !c->is_abts && c->pub.tag == d.exchange_to_abort &&
		    c->s_id == d.s_id) {
			x = c;
			break;
		}
	}
	if (x) {
		x->abts = true;
		if (s->fabric_sess && tgt->enabled)
			y = qla_tgt_xcmd_new(tgt, s);
	}
	spin_unlock(&tgt->lock);
	if (!y) {
		/* unknown: BA_RJT; known but no room: its CTIOs fail */
		qla_hw_abts_answer_locked(ha, &d, !x);
		return;
	}
	y->is_abts = true;
	y->ended = true;	/* it has no exchange of its own */
	y->abts_in = d;
	y->s_id = d.s_id;
	y->ox_id = d.ox_id;
	y->pub.lun = x->pub.lun;
	y->pub.tag = d.exchange_address;
	y->pub.tmf = QLA_TGT_TMF_ABORT_TASK;
	y->pub.ref_tag = x->pub.tag;
	y->pub.dir = DMA_NONE;
	queue_work(tgt->wq, &y->work);
}

/* The CTIO in flight is over: unmap and tell the fabric (any context). */
static void qla_tgt_done(struct qla_tgt_xcmd *x, int status)
{
	if (x->sg_cnt)
		dma_unmap_sg(x->tgt->ha->dev, x->sg, x->sg_cnt, x->sg_dir);
	x->sg_cnt = 0;
	x->status = status;
	queue_work(x->tgt->wq, &x->work);
}

/*
 * A CTIO's completion (interrupt context, hw_lock held); arg is its
 * command's slot. One given back rejected (entry_status): the firmware
 * did nothing.
 */
static void qla_tgt_ctio_done(struct qla_hw *ha, void *arg,
			      const struct qla_hw_done *d)
{
	struct qla_tgt *tgt = ha->tgt;
	u32 slot = (uintptr_t)arg;
	struct qla_tgt_xcmd *x = NULL;

	lockdep_assert_held(&ha->hw_lock);
	spin_lock(&tgt->lock);
	if (slot < QLA_TGT_MAX_CMDS)
		x = tgt->cmds[slot];
	if (x && !x->inflight)
		x = NULL;
	if (x) {
		x->inflight = false;
		if ((d->cs == QLA_CS_OK && d->status_sent) ||
		    d->cs == QLA_CS_INVALID_RX_ID || d->cs == QLA_CS_PORT_GONE)
			x->ended = true;
	}
	spin_unlock(&tgt->lock);
	if (x)
		qla_tgt_done(x, d->cs == QLA_CS_OK ? 0 :
			     x->abts ? -ECANCELED : -EIO);
}

/* Fail every CTIO the stopped firmware will never return. */
void qla_tgt_fail_inflight(struct qla_tgt *tgt)
{
	struct qla_tgt_xcmd *x;
	unsigned long flags;
	int i;

	for (i = 0; i < QLA_TGT_MAX_CMDS; i++) {
		spin_lock_irqsave(&tgt->lock, flags);
		x = tgt->cmds[i];
		if (x && !x->inflight)
			x = NULL;
		if (x)
			x->inflight = false;
		spin_unlock_irqrestore(&tgt->lock, flags);
		if (x)
			qla_tgt_done(x, -ENODEV);
	}
}

/* The ISP was reset: its firmware will return no CTIO it had. */
static void qla_tgt_fw_reset(struct qla_hw *ha)
{
	qla_tgt_fail_inflight(ha->tgt);
}

/*
 * Map sg into the slot's segments: the CTIO holds the first, continuation
 * entries the rest (qla_tgt_post).
 */
static int qla_tgt_map(struct qla_tgt_xcmd *x, struct qla_hw_ctio *c,
		       struct scatterlist *sg, unsigned int cnt,
		       enum dma_data_direction dir)
{
	struct qla_hw *ha = x->tgt->ha;
	struct qla_seg *seg = x->tgt->seg + x->slot * QLA_TGT_MAX_SG;
	struct scatterlist *s;
	int n, i;

	n = dma_map_sg(ha->dev, sg, cnt, dir);
	if (!n)
		return -ENOMEM;
	if (n > QLA_TGT_MAX_SG) {
		dma_unmap_sg(ha->dev, sg, cnt, dir);
		return -EINVAL;
	}
	x->sg = sg;
	x->sg_cnt = cnt;
	x->sg_dir = dir;
	for_each_sg(sg, s, n, i) {
		seg[i].addr = sg_dma_address(s);
		seg[i].len = sg_dma_len(s);
	}
	c->seg = seg;
	c->nseg = n;
	return 0;
}

static int qla_tgt_post(struct qla_tgt_xcmd *x, struct qla_hw_ctio *c)
{
	struct qla_hw *ha = x->tgt->ha;
	unsigned long flags;
	int err;

	c->nport_handle = x->pub.sess->nport_handle;
	c->initiator_id = x->s_id;
	c->exchange_addr = x->pub.tag;
	c->ox_id = x->ox_id;
	c->timeout = QLA_TGT_CTIO_TIMEOUT;
	spin_lock_irqsave(&ha->hw_lock, flags);
	spin_lock(&x->tgt->lock);
	err = x->abts ? -ECANCELED : 0;
	if (!err)
		x->inflight = true;
	spin_unlock(&x->tgt->lock);
	if (!err)
		err = qla_hw_ctio_post_locked(ha, c, qla_tgt_ctio_done,
					      (void *)(uintptr_t)x->slot);
	if (err) {
		spin_lock(&x->tgt->lock);
		x->inflight = false;
		spin_unlock(&x->tgt->lock);
	}
	spin_unlock_irqrestore(&ha->hw_lock, flags);
	if (err && x->sg_cnt) {
		dma_unmap_sg(ha->dev, x->sg, x->sg_cnt, x->sg_dir);
		x->sg_cnt = 0;
	}
	return err;
}

/* Fail the CTIO that could not be posted as if the firmware had. */
static void qla_tgt_fail(struct qla_tgt_xcmd *x, int err)
{
	x->status = err;
	queue_work(x->tgt->wq, &x->work);
}

/* The fabric's answer to a task management request. */
static int qla_tgt_xmit_tmf(struct qla_tgt_xcmd *x, enum qla_tgt_tmf_rsp r)
{
	struct qla_hw *ha = x->tgt->ha;
	struct qla_hw_ctio c = {
		.kind = QLA_CTIO_STATUS,
		.rsp_info = true,
	};
	unsigned long flags;
	int err = 0;

	if (r >= ARRAY_SIZE(qla_tgt_rsp_code))
		r = QLA_TGT_TMF_RSP_FAILED;
	if (!x->is_abts) {
		trace_qla_tgt_tmf(dev_name(ha->dev), "answer",
				  qla_tgt_tmf_names[x->pub.tmf], x->s_id,
				  x->pub.lun, x->pub.tag, qla_tgt_rsp_code[r]);
		c.rsp_code = qla_tgt_rsp_code[r];
		err = qla_tgt_post(x, &c);
		if (err)
			qla_tgt_fail(x, err);
		return 0;
	}
	/* the aborted exchange is gone whatever the fabric found */
	spin_lock_irqsave(&ha->hw_lock, flags);
	qla_hw_abts_answer_locked(ha, &x->abts_in, false);
	spin_unlock_irqrestore(&ha->hw_lock, flags);
	qla_tgt_fail(x, 0);	/* done at once: no CTIO to wait for */
	return 0;
}

int qla_tgt_xmit(struct qla_tgt_cmd *cmd, const struct qla_tgt_rsp *rsp)
{
	struct qla_tgt_xcmd *x = to_xcmd(cmd);
	struct qla_hw_ctio c = {
		.scsi_status = rsp->scsi_status,
		.resid_under = rsp->under,
		.resid_over = rsp->over,
		.residual = rsp->resid,
	};
	int err;

	x->evt = QLA_TGT_EVT_XMIT;
	if (rsp->tmf)
		return qla_tgt_xmit_tmf(x, rsp->tmf_rsp);
	if (rsp->sg && rsp->len) {
		c.kind = QLA_CTIO_DATA_IN;
		c.relative_offset = rsp->offset;
		c.transfer_length = rsp->len;
		err = qla_tgt_map(x, &c, rsp->sg, rsp->sg_cnt, DMA_TO_DEVICE);
		if (err)
			goto fail;
		c.send_status = rsp->send_status;
	} else {
		c.kind = QLA_CTIO_STATUS;
		c.sense = rsp->sense;
		c.sense_len = rsp->sense ? rsp->sense_len : 0;
	}
	err = qla_tgt_post(x, &c);
	if (err)
		goto fail;
	return 0;
fail:
	qla_tgt_fail(x, err);
	return 0;
}
EXPORT_SYMBOL_GPL(qla_tgt_xmit);

int qla_tgt_recv(struct qla_tgt_cmd *cmd, struct scatterlist *sg,
		 unsigned int sg_cnt, u32 len, u32 offset)
{
	struct qla_tgt_xcmd *x = to_xcmd(cmd);
	struct qla_hw_ctio c = {
		.kind = QLA_CTIO_DATA_OUT,
		.relative_offset = offset,
		.transfer_length = len,
	};
	int err;

	x->evt = QLA_TGT_EVT_DATA;
	err = qla_tgt_map(x, &c, sg, sg_cnt, DMA_FROM_DEVICE);
	if (!err)
		err = qla_tgt_post(x, &c);
	if (err)
		qla_tgt_fail(x, err);
	return 0;
}
EXPORT_SYMBOL_GPL(qla_tgt_recv);

/* What the hardware layer reports to the engine. */
const struct qla_hw_tgt_ops qla_tgt_hw_ops = {
	.atio = qla_tgt_atio,
	.abts = qla_tgt_abts,
	.fw_reset = qla_tgt_fw_reset,
};
