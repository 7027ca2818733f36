// SPDX-License-Identifier: GPL-2.0
/*
 * qla_tgt.c: the target engine. ATIOs become commands handed to the bound
 * fabric (tcm_qla2xxx) through its ops table; the fabric's answers become
 * CTIOs whose data segment descriptors point at its scatterlists; CTIO
 * completions go back to the fabric. Sessions follow the initiators'
 * logins as the fc layer sees them. See qla_tgt.h for the interface and
 * the lifetimes of sessions and commands.
 *
 * Objects and locks:
 *  - struct qla_tgt, one per local port, kref'd: the port holds one
 *    reference, each binding one. tgt->mutex (mutex) serialises binding,
 *    enable/disable and session creation/removal, all in process context,
 *    and is held while the fabric's sess_new/sess_gone run.
 *  - tgt->lock (spinlock, irqsave) protects the session list, each
 *    session's fabric pointer and the command table; the ISR takes it
 *    (inside ha->hw_lock) to find a session and a command.
 *  - struct qla_tgt_sess, kref'd: the list holds one reference, each
 *    command one.
 *  - struct qla_tgt_xcmd: owned by the engine until cmd_new, then by the
 *    fabric until qla_tgt_cmd_free; at most one CTIO in flight; every
 *    call of the fabric's runs from the command's work item.
 */
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/dma-mapping.h>
#include <linux/wait.h>
#include <scsi/scsi_common.h>
#include <scsi/scsi_proto.h>

#include "qla_def.h"
#include "qla_tgt.h"
#include "qla_trace.h"

#define QLA_TGT_MAX_CMDS	128
#define QLA_TGT_MAX_SG		256
/*
 * How long the firmware waits for a CTIO's data-out before it completes the
 * CTIO with CTIO_TIMEOUT, in seconds: the initiator's ABTS normally ends the
 * wait first; this ends it when the ABTS is lost too, so that a LUN reset
 * waiting on the command can finish.
 */
#define QLA_TGT_CTIO_TIMEOUT	10

struct qla_tgt {
	struct kref kref;
	struct mutex mutex;		/* see above */
	struct qla_hw *ha;		/* NULL once the port is gone */
	const struct qla_tgt_ops *ops;	/* under mutex; NULL: unbound */
	void *fabric;
	bool enabled;			/* under lock and mutex */
	spinlock_t lock;
	struct list_head sessions;
	struct qla_tgt_xcmd *cmds[QLA_TGT_MAX_CMDS];	/* under lock */
	u32 next_slot;
	struct qla_seg *seg;		/* QLA_TGT_MAX_SG per slot */
	struct workqueue_struct *wq;
	wait_queue_head_t idle;		/* a session's last command freed */
	struct work_struct offer_work;	/* retry refused sessions */
};

struct qla_tgt_sess {
	struct list_head node;		/* tgt->sessions, under lock */
	struct kref kref;
	struct qla_tgt *tgt;
	u64 wwpn, wwnn;
	u32 port_id;
	u16 nport_handle;
	bool logged_in;
	void *fabric_sess;		/* under lock */
	atomic_t outstanding;
	unsigned int offers;		/* under mutex */
	unsigned long last_offer;	/* jiffies; under mutex */
};

enum qla_tgt_evt {
	QLA_TGT_EVT_NEW,
	QLA_TGT_EVT_DATA,
	QLA_TGT_EVT_XMIT,
};

struct qla_tgt_xcmd {
	struct qla_tgt *tgt;
	struct work_struct work;
	enum qla_tgt_evt evt;
	int status;
	u32 slot;
	u32 s_id;
	u16 ox_id;
	bool inflight;			/* a CTIO is posted; under lock */
	bool abts;			/* ABTS received; under lock */
	bool ended;			/* the firmware ended the exchange */
	bool is_abts;			/* ABORT TASK for an ABTS: */
	struct qla_hw_abts abts_in;	/* the ABTS received */
	struct scatterlist *sg;		/* mapped for the CTIO in flight */
	unsigned int sg_cnt;
	enum dma_data_direction sg_dir;
	struct qla_tgt_cmd pub;		/* last: its priv[] follows */
};

static struct qla_tgt_xcmd *to_xcmd(struct qla_tgt_cmd *cmd)
{
	return container_of(cmd, struct qla_tgt_xcmd, pub);
}

static void qla_tgt_free(struct kref *kref)
{
	struct qla_tgt *tgt = container_of(kref, struct qla_tgt, kref);

	kfree(tgt);
}

static void qla_tgt_sess_free(struct kref *kref)
{
	struct qla_tgt_sess *s = container_of(kref, struct qla_tgt_sess, kref);

	kfree(s);
}

/* ---- sessions ---- */

static struct qla_tgt_sess *qla_tgt_sess_find(struct qla_tgt *tgt,
					      u32 port_id)
{
	struct qla_tgt_sess *s;

	lockdep_assert_held(&tgt->lock);
	list_for_each_entry(s, &tgt->sessions, node)
		if (s->port_id == port_id)
			return s;
	return NULL;
}

void qla_tgt_sess_get_info(struct qla_tgt_sess *s,
			   struct qla_tgt_sess_info *info)
{
	info->wwpn = s->wwpn;
	info->wwnn = s->wwnn;
	info->port_id = s->port_id;
	info->logged_in = READ_ONCE(s->logged_in);
	info->first_offer = false;
	info->outstanding = atomic_read(&s->outstanding);
}
EXPORT_SYMBOL_GPL(qla_tgt_sess_get_info);

/* Offer a logged-in initiator to the fabric. */
static void qla_tgt_sess_offer(struct qla_tgt *tgt, struct qla_tgt_sess *s)
{
	struct qla_tgt_sess_info info;
	unsigned long flags;
	void *fs;

	lockdep_assert_held(&tgt->mutex);
	if (!tgt->ops || !tgt->enabled || s->fabric_sess)
		return;
	qla_tgt_sess_get_info(s, &info);
	info.first_offer = !s->offers++;
	s->last_offer = jiffies;
	fs = tgt->ops->sess_new(tgt->fabric, s, &info);
	spin_lock_irqsave(&tgt->lock, flags);
	s->fabric_sess = fs;
	spin_unlock_irqrestore(&tgt->lock, flags);
}

/* Take the fabric's session away; returns once its commands are freed. */
static void qla_tgt_sess_withdraw(struct qla_tgt *tgt, struct qla_tgt_sess *s)
{
	unsigned long flags;
	void *fs;

	lockdep_assert_held(&tgt->mutex);
	spin_lock_irqsave(&tgt->lock, flags);
	fs = s->fabric_sess;
	s->fabric_sess = NULL;
	spin_unlock_irqrestore(&tgt->lock, flags);
	if (fs && tgt->ops)
		tgt->ops->sess_gone(tgt->fabric, fs);
	wait_event(tgt->idle, !atomic_read(&s->outstanding));
}

static void qla_tgt_sess_end(struct qla_tgt *tgt, struct qla_tgt_sess *s)
{
	unsigned long flags;

	lockdep_assert_held(&tgt->mutex);
	WRITE_ONCE(s->logged_in, false);
	spin_lock_irqsave(&tgt->lock, flags);
	list_del(&s->node);
	spin_unlock_irqrestore(&tgt->lock, flags);
	qla_tgt_sess_withdraw(tgt, s);
	kref_put(&s->kref, qla_tgt_sess_free);
}

/* The fc layer: an initiator's PRLI to this port was accepted. */
void qla_tgt_peer_login(struct qla_hw *ha, u32 port_id, u64 wwpn, u64 wwnn,
			u16 nport_handle)
{
	struct qla_tgt *tgt = ha->tgt;
	struct qla_tgt_sess *s;
	unsigned long flags;

	mutex_lock(&tgt->mutex);
	spin_lock_irqsave(&tgt->lock, flags);
	s = qla_tgt_sess_find(tgt, port_id);
	spin_unlock_irqrestore(&tgt->lock, flags);
	if (s && s->wwpn != wwpn) {
		qla_tgt_sess_end(tgt, s);
		s = NULL;
	}
	if (!s) {
		s = kzalloc(sizeof(*s), GFP_KERNEL);
		if (!s)
			goto unlock;
		kref_init(&s->kref);
		s->tgt = tgt;
		s->wwpn = wwpn;
		s->port_id = port_id;
		atomic_set(&s->outstanding, 0);
		spin_lock_irqsave(&tgt->lock, flags);
		list_add_tail(&s->node, &tgt->sessions);
		spin_unlock_irqrestore(&tgt->lock, flags);
	}
	s->wwnn = wwnn;
	s->nport_handle = nport_handle;
	WRITE_ONCE(s->logged_in, true);
	qla_tgt_sess_offer(tgt, s);
unlock:
	mutex_unlock(&tgt->mutex);
}

/* The fc layer: an initiator logged out (port_id), or all (link down). */
void qla_tgt_peer_gone(struct qla_hw *ha, u32 port_id, bool all)
{
	struct qla_tgt *tgt = ha->tgt;
	struct qla_tgt_sess *s;
	unsigned long flags;

	mutex_lock(&tgt->mutex);
	for (;;) {
		spin_lock_irqsave(&tgt->lock, flags);
		if (all)
			s = list_first_entry_or_null(&tgt->sessions,
						     struct qla_tgt_sess, node);
		else
			s = qla_tgt_sess_find(tgt, port_id);
		spin_unlock_irqrestore(&tgt->lock, flags);
		if (!s)
			break;
		qla_tgt_sess_end(tgt, s);
	}
	mutex_unlock(&tgt->mutex);
}

/* ---- binding ---- */

int qla_tgt_bind(u64 wwpn, const struct qla_tgt_ops *ops, void *fabric,
		 struct qla_tgt **out)
{
	struct qla_tgt *tgt;
	int err = -EBUSY;

	tgt = qla_ports_get_tgt(wwpn);
	if (!tgt)
		return -ENODEV;
	mutex_lock(&tgt->mutex);
	if (!tgt->ops && tgt->ha) {
		tgt->ops = ops;
		tgt->fabric = fabric;
		err = 0;
	}
	mutex_unlock(&tgt->mutex);
	if (err) {
		kref_put(&tgt->kref, qla_tgt_free);
		return err;
	}
	*out = tgt;
	return 0;
}
EXPORT_SYMBOL_GPL(qla_tgt_bind);

static void qla_tgt_withdraw_all(struct qla_tgt *tgt)
{
	struct qla_tgt_sess *s;
	unsigned long flags;

	lockdep_assert_held(&tgt->mutex);
	for (;;) {
		spin_lock_irqsave(&tgt->lock, flags);
		list_for_each_entry(s, &tgt->sessions, node)
			if (s->fabric_sess)
				goto found;
		s = NULL;
found:
		if (s)
			kref_get(&s->kref);
		spin_unlock_irqrestore(&tgt->lock, flags);
		if (!s)
			return;
		qla_tgt_sess_withdraw(tgt, s);
		kref_put(&s->kref, qla_tgt_sess_free);
	}
}

/*
 * A refused initiator's commands are answered BUSY, and its session is
 * offered again (at most once a second): an ACL may have been added.
 */
static void qla_tgt_offer_work(struct work_struct *work)
{
	struct qla_tgt *tgt = container_of(work, struct qla_tgt, offer_work);
	struct qla_tgt_sess *s, *found;
	unsigned long flags;

	mutex_lock(&tgt->mutex);
	for (;;) {
		found = NULL;
		spin_lock_irqsave(&tgt->lock, flags);
		list_for_each_entry(s, &tgt->sessions, node)
			if (!s->fabric_sess && s->logged_in &&
			    time_after(jiffies, s->last_offer + HZ)) {
				found = s;
				kref_get(&s->kref);
				break;
			}
		spin_unlock_irqrestore(&tgt->lock, flags);
		if (!found)
			break;
		qla_tgt_sess_offer(tgt, found);
		found->last_offer = jiffies;
		kref_put(&found->kref, qla_tgt_sess_free);
	}
	mutex_unlock(&tgt->mutex);
}

int qla_tgt_enable(struct qla_tgt *tgt, bool enable)
{
	struct qla_tgt_sess *s, **list = NULL;
	unsigned long flags;
	int i, n = 0, err = 0;

	mutex_lock(&tgt->mutex);
	if (!tgt->ha) {
		err = -ENODEV;
		goto unlock;
	}
	if (tgt->enabled == enable)
		goto unlock;
	if (!enable) {
		spin_lock_irqsave(&tgt->lock, flags);
		tgt->enabled = false;
		spin_unlock_irqrestore(&tgt->lock, flags);
		qla_tgt_withdraw_all(tgt);
		goto unlock;
	}
	spin_lock_irqsave(&tgt->lock, flags);
	tgt->enabled = true;
	list_for_each_entry(s, &tgt->sessions, node)
		n++;
	if (n)
		list = kcalloc(n, sizeof(*list), GFP_ATOMIC);
	i = 0;
	if (list)
		list_for_each_entry(s, &tgt->sessions, node) {
			kref_get(&s->kref);
			list[i++] = s;
		}
	spin_unlock_irqrestore(&tgt->lock, flags);
	for (n = 0; n < i; n++) {
		qla_tgt_sess_offer(tgt, list[n]);
		kref_put(&list[n]->kref, qla_tgt_sess_free);
	}
	kfree(list);
unlock:
	mutex_unlock(&tgt->mutex);
	return err;
}
EXPORT_SYMBOL_GPL(qla_tgt_enable);

void qla_tgt_unbind(struct qla_tgt *tgt)
{
	unsigned long flags;

	mutex_lock(&tgt->mutex);
	spin_lock_irqsave(&tgt->lock, flags);
	tgt->enabled = false;
	spin_unlock_irqrestore(&tgt->lock, flags);
	qla_tgt_withdraw_all(tgt);
	tgt->ops = NULL;
	tgt->fabric = NULL;
	mutex_unlock(&tgt->mutex);
	if (tgt->wq)
		flush_workqueue(tgt->wq);
	kref_put(&tgt->kref, qla_tgt_free);
}
EXPORT_SYMBOL_GPL(qla_tgt_unbind);

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
static void qla_tgt_fail_inflight(struct qla_tgt *tgt)
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

/* ---- one port ---- */

static const struct qla_hw_tgt_ops qla_tgt_hw_ops = {
	.atio = qla_tgt_atio,
	.abts = qla_tgt_abts,
	.fw_reset = qla_tgt_fw_reset,
};

int qla_tgt_port_init(struct qla_hw *ha)
{
	struct qla_tgt *tgt;

	tgt = kzalloc(sizeof(*tgt), GFP_KERNEL);
	if (!tgt)
		return -ENOMEM;
	kref_init(&tgt->kref);
	mutex_init(&tgt->mutex);
	spin_lock_init(&tgt->lock);
	INIT_LIST_HEAD(&tgt->sessions);
	init_waitqueue_head(&tgt->idle);
	INIT_WORK(&tgt->offer_work, qla_tgt_offer_work);
	tgt->ha = ha;
	tgt->seg = kvcalloc(QLA_TGT_MAX_CMDS * QLA_TGT_MAX_SG,
			    sizeof(*tgt->seg), GFP_KERNEL);
	if (!tgt->seg)
		goto err_seg;
	tgt->wq = alloc_workqueue("qla_tgt_%s", 0, 0,
				  dev_name(ha->dev));
	if (!tgt->wq)
		goto err_wq;
	ha->tgt = tgt;
	qla_hw_register_tgt(ha, &qla_tgt_hw_ops);
	return 0;

err_wq:
	kvfree(tgt->seg);
err_seg:
	kfree(tgt);
	return -ENOMEM;
}

/* The port goes away: end every session (the firmware is stopped). */
void qla_tgt_port_fini(struct qla_hw *ha)
{
	struct qla_tgt *tgt = ha->tgt;

	qla_tgt_fail_inflight(tgt);
	cancel_work_sync(&tgt->offer_work);
	qla_tgt_peer_gone(ha, 0, true);
	mutex_lock(&tgt->mutex);
	tgt->ha = NULL;
	tgt->enabled = false;
	mutex_unlock(&tgt->mutex);
	destroy_workqueue(tgt->wq);
	tgt->wq = NULL;
	kvfree(tgt->seg);
	ha->tgt = NULL;
	kref_put(&tgt->kref, qla_tgt_free);
}

struct qla_tgt *qla_tgt_get(struct qla_tgt *tgt)
{
	kref_get(&tgt->kref);
	return tgt;
}
