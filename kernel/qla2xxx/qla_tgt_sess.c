// SPDX-License-Identifier: GPL-2.0
/*
 * qla_tgt_sess.c: the target engine's sessions: a fabric's binding to a
 * port and its enable state, the sessions that follow the initiators'
 * logins as the fc layer sees them (offered to the fabric, withdrawn when
 * they log out), and the engine's part of a port. Objects and locks: see
 * qla_tgt_priv.h.
 */
#include <linux/module.h>
#include <linux/slab.h>
#include <scsi/scsi_transport_fc.h>

#include "qla_tgt_priv.h"

void qla_tgt_free(struct kref *kref)
{
	struct qla_tgt *tgt = container_of(kref, struct qla_tgt, kref);

	kfree(tgt);
}

void qla_tgt_sess_free(struct kref *kref)
{
	struct qla_tgt_sess *s = container_of(kref, struct qla_tgt_sess, kref);

	kfree(s);
}

/* ---- sessions ---- */

struct qla_tgt_sess *qla_tgt_sess_find(struct qla_tgt *tgt, u32 port_id)
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

/*
 * Offer a logged-in initiator to the fabric; true when the fabric says it
 * may not log in at all (no ACL) and can_refuse allowed it to say so.
 */
static bool qla_tgt_sess_offer(struct qla_tgt *tgt, struct qla_tgt_sess *s,
			       bool can_refuse)
{
	struct qla_tgt_sess_info info;
	bool refused = false;
	unsigned long flags;
	void *fs;

	lockdep_assert_held(&tgt->mutex);
	if (!tgt->ops || !tgt->enabled || s->fabric_sess)
		return false;
	qla_tgt_sess_get_info(s, &info);
	info.first_offer = !s->offers++;
	info.can_refuse = can_refuse;
	s->last_offer = jiffies;
	fs = tgt->ops->sess_new(tgt->fabric, s, &info);
	if (IS_ERR(fs)) {
		refused = can_refuse && PTR_ERR(fs) == -EACCES;
		fs = NULL;
	}
	spin_lock_irqsave(&tgt->lock, flags);
	s->fabric_sess = fs;
	spin_unlock_irqrestore(&tgt->lock, flags);
	if (fs && tgt->ha)
		fc_host_post_event(tgt->ha->shost, fc_get_event_number(),
				   FCH_EVT_PORT_ONLINE, s->port_id);
	return refused;
}

/* Take the fabric's session away; returns once its commands are freed. */
static void qla_tgt_sess_withdraw(struct qla_tgt *tgt, struct qla_tgt_sess *s,
				  enum qla_tgt_gone_reason reason)
{
	unsigned long flags;
	void *fs;

	lockdep_assert_held(&tgt->mutex);
	spin_lock_irqsave(&tgt->lock, flags);
	fs = s->fabric_sess;
	s->fabric_sess = NULL;
	spin_unlock_irqrestore(&tgt->lock, flags);
	if (fs && tgt->ops) {
		tgt->ops->sess_gone(tgt->fabric, fs, reason);
		if (tgt->ha)
			fc_host_post_event(tgt->ha->shost,
					   fc_get_event_number(),
					   FCH_EVT_PORT_OFFLINE, s->port_id);
	}
	wait_event(tgt->idle, !atomic_read(&s->outstanding));
}

static void qla_tgt_sess_end(struct qla_tgt *tgt, struct qla_tgt_sess *s,
			     enum qla_tgt_gone_reason reason)
{
	unsigned long flags;

	lockdep_assert_held(&tgt->mutex);
	WRITE_ONCE(s->logged_in, false);
	spin_lock_irqsave(&tgt->lock, flags);
	list_del_init(&s->node);
	spin_unlock_irqrestore(&tgt->lock, flags);
	qla_tgt_sess_withdraw(tgt, s, reason);
	kref_put(&s->kref, qla_tgt_sess_free);
}

/* Remember a refused initiator, to log it out when invited; under mutex. */
static void qla_tgt_refuse(struct qla_tgt *tgt, const struct qla_tgt_sevt *e)
{
	struct qla_tgt_refused *r;

	lockdep_assert_held(&tgt->mutex);
	list_for_each_entry(r, &tgt->refused, node)
		if (r->wwpn == e->wwpn)
			goto found;
	if (tgt->nr_refused >= QLA_TGT_MAX_REFUSED)
		return;		/* they log in again at the next link up */
	r = kzalloc(sizeof(*r), GFP_KERNEL);
	if (!r)
		return;
	r->wwpn = e->wwpn;
	list_add_tail(&r->node, &tgt->refused);
	tgt->nr_refused++;
found:
	r->port_id = e->port_id;
	r->nport_handle = e->nport_handle;
}

static bool qla_tgt_is_refused(struct qla_tgt *tgt, u64 wwpn)
{
	struct qla_tgt_refused *r;

	lockdep_assert_held(&tgt->mutex);
	list_for_each_entry(r, &tgt->refused, node)
		if (r->wwpn == wwpn)
			return true;
	return false;
}

static void qla_tgt_refused_clear(struct qla_tgt *tgt)
{
	struct qla_tgt_refused *r, *tmp;

	lockdep_assert_held(&tgt->mutex);
	list_for_each_entry_safe(r, tmp, &tgt->refused, node) {
		list_del(&r->node);
		kfree(r);
	}
	tgt->nr_refused = 0;
}

/*
 * An initiator's PRLI (or this port's own login to it) was done: a session,
 * offered to the fabric. A PRLI that awaits the answer (ack_id) is
 * accepted unless the fabric says the initiator may not log in (no ACL):
 * then it is rejected, and the initiator has no session here.
 */
static void qla_tgt_do_login(struct qla_tgt *tgt, const struct qla_tgt_sevt *e)
{
	struct qla_tgt_sess *s;
	unsigned long flags;
	bool refused;

	lockdep_assert_held(&tgt->mutex);
	if (!e->ack_id && qla_tgt_is_refused(tgt, e->wwpn))
		return;		/* this port's own login: no session either */
	spin_lock_irqsave(&tgt->lock, flags);
	s = qla_tgt_sess_find(tgt, e->port_id);
	spin_unlock_irqrestore(&tgt->lock, flags);
	if (s && s->wwpn != e->wwpn) {
		/* another port took the N_Port ID: the old one is gone */
		qla_tgt_sess_end(tgt, s, QLA_TGT_GONE_PORT_GONE);
		s = NULL;
	}
	if (!s) {
		s = kzalloc(sizeof(*s), GFP_KERNEL);
		if (!s)
			goto accept;
		kref_init(&s->kref);
		INIT_LIST_HEAD(&s->node);
		s->tgt = tgt;
		s->wwpn = e->wwpn;
		s->port_id = e->port_id;
		atomic_set(&s->outstanding, 0);
		spin_lock_irqsave(&tgt->lock, flags);
		list_add_tail(&s->node, &tgt->sessions);
		spin_unlock_irqrestore(&tgt->lock, flags);
	}
	s->wwnn = e->wwnn;
	s->nport_handle = e->nport_handle;
	WRITE_ONCE(s->logged_in, true);
	refused = qla_tgt_sess_offer(tgt, s, e->ack_id && !s->fabric_sess);
	if (refused) {
		qla_tgt_refuse(tgt, e);
		qla_tgt_sess_end(tgt, s, QLA_TGT_GONE_UNKNOWN);
		qla_hw_prli_answer(tgt->ha, e->ack_id, false);
		return;
	}
accept:
	if (e->ack_id)
		qla_hw_prli_answer(tgt->ha, e->ack_id, true);
}

/* The fabric invited a refused initiator: its LOGO is due in a while. */
static void qla_tgt_do_invite(struct qla_tgt *tgt, u64 wwpn)
{
	struct qla_tgt_refused *r;

	lockdep_assert_held(&tgt->mutex);
	list_for_each_entry(r, &tgt->refused, node) {
		if (r->wwpn != wwpn)
			continue;
		r->invited = true;
		mod_delayed_work(system_wq, &tgt->invite_work,
				 QLA_TGT_INVITE_DELAY);
		return;
	}
}

/* Log the invited initiators out: each logs in again. */
static void qla_tgt_do_invite_due(struct qla_tgt *tgt)
{
	struct qla_tgt_refused *r, *tmp;
	int err;

	lockdep_assert_held(&tgt->mutex);
	list_for_each_entry_safe(r, tmp, &tgt->refused, node) {
		if (!r->invited)
			continue;
		list_del(&r->node);
		tgt->nr_refused--;
		err = qla_hw_logout(tgt->ha, r->port_id, r->nport_handle);
		dev_info(tgt->ha->dev, "%06x (%016llx) may log in now: LOGO sent (%d)\n",
			 r->port_id, r->wwpn, err);
		kfree(r);
	}
}

/* An initiator logged out (port_id), or all of them (all). */
static void qla_tgt_do_gone(struct qla_tgt *tgt, u32 port_id, bool all,
			    enum qla_tgt_gone_reason reason)
{
	struct qla_tgt_sess *s;
	unsigned long flags;

	lockdep_assert_held(&tgt->mutex);
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
		qla_tgt_sess_end(tgt, s, reason);
	}
}

/*
 * The fabric closed a session (its node ACL was removed): end it and log
 * the initiator out, as upstream does when it deletes a session. It logs
 * in again and meets the answer an initiator without an ACL gets (its PRLI
 * refused), instead of BUSY for every command of a session that has no
 * fabric side any more.
 */
static void qla_tgt_do_close(struct qla_tgt *tgt, struct qla_tgt_sess *s,
			     enum qla_tgt_gone_reason reason)
{
	u32 port_id = s->port_id;
	u16 handle = s->nport_handle;
	u64 wwpn = s->wwpn;
	int err;

	lockdep_assert_held(&tgt->mutex);
	qla_tgt_sess_end(tgt, s, reason);
	if (!tgt->ha)
		return;
	err = qla_hw_logout(tgt->ha, port_id, handle);
	dev_info(tgt->ha->dev, "%06x (%016llx): session closed, LOGO sent (%d)\n",
		 port_id, wwpn, err);
}

static void qla_tgt_sevt_work(struct work_struct *work)
{
	struct qla_tgt_sevt *e = container_of(work, struct qla_tgt_sevt, work);
	struct qla_tgt *tgt = e->tgt;
	unsigned long flags;
	bool listed;

	mutex_lock(&tgt->mutex);
	switch (e->type) {
	case QLA_TGT_SEVT_LOGIN:
		qla_tgt_do_login(tgt, e);
		break;
	case QLA_TGT_SEVT_GONE:
		qla_tgt_do_gone(tgt, e->port_id, false, e->reason);
		break;
	case QLA_TGT_SEVT_GONE_ALL:
		qla_tgt_do_gone(tgt, 0, true, e->reason);
		/* the refused log in again when the link comes back */
		qla_tgt_refused_clear(tgt);
		break;
	case QLA_TGT_SEVT_INVITE:
		qla_tgt_do_invite(tgt, e->wwpn);
		break;
	case QLA_TGT_SEVT_INVITE_DUE:
		qla_tgt_do_invite_due(tgt);
		break;
	case QLA_TGT_SEVT_CLOSE:
		spin_lock_irqsave(&tgt->lock, flags);
		listed = !list_empty(&e->sess->node);
		spin_unlock_irqrestore(&tgt->lock, flags);
		if (listed)
			qla_tgt_do_close(tgt, e->sess, e->reason);
		kref_put(&e->sess->kref, qla_tgt_sess_free);
		break;
	}
	mutex_unlock(&tgt->mutex);
	kref_put(&tgt->kref, qla_tgt_free);
	kfree(e);
}

/*
 * Queue a session event on the engine's ordered workqueue. Small and in
 * process context: a logout must not be lost, so the allocation waits.
 */
static void qla_tgt_sevt_queue(struct qla_tgt *tgt, struct qla_tgt_sevt *e)
{
	unsigned long flags;

	e->tgt = qla_tgt_get(tgt);
	INIT_WORK(&e->work, qla_tgt_sevt_work);
	spin_lock_irqsave(&tgt->lock, flags);
	if (tgt->sess_wq) {
		queue_work(tgt->sess_wq, &e->work);
		e = NULL;
	}
	spin_unlock_irqrestore(&tgt->lock, flags);
	if (e) {
		if (e->sess)
			kref_put(&e->sess->kref, qla_tgt_sess_free);
		kref_put(&tgt->kref, qla_tgt_free);
		kfree(e);
	}
}

/*
 * The fc layer (its work, under fc.lock): an initiator's PRLI to this port
 * was accepted, or this port's own login to an initiator is done.
 */
void qla_tgt_peer_login(struct qla_hw *ha, u32 port_id, u64 wwpn, u64 wwnn,
			u16 nport_handle, u32 ack_id)
{
	struct qla_tgt_sevt *e = kzalloc(sizeof(*e), GFP_KERNEL);

	if (!e) {
		if (ack_id)
			qla_hw_prli_answer(ha, ack_id, true);
		return;
	}
	e->type = QLA_TGT_SEVT_LOGIN;
	e->ack_id = ack_id;
	e->port_id = port_id;
	e->wwpn = wwpn;
	e->wwnn = wwnn;
	e->nport_handle = nport_handle;
	qla_tgt_sevt_queue(ha->tgt, e);
}

/* The fc layer: an initiator logged out (port_id), or all (link down). */
void qla_tgt_peer_gone(struct qla_hw *ha, u32 port_id, bool all,
		       enum qla_tgt_gone_reason reason)
{
	struct qla_tgt_sevt *e = kzalloc(sizeof(*e), GFP_KERNEL | __GFP_NOFAIL);

	e->type = all ? QLA_TGT_SEVT_GONE_ALL : QLA_TGT_SEVT_GONE;
	e->port_id = port_id;
	e->reason = reason;
	qla_tgt_sevt_queue(ha->tgt, e);
}

/*
 * The fabric: take this session away from it (e.g. its node ACL was
 * removed); sess_gone follows from the engine's workqueue, and the
 * initiator is logged out (qla_tgt_do_close).
 */
void qla_tgt_sess_close(struct qla_tgt_sess *s,
			enum qla_tgt_gone_reason reason)
{
	struct qla_tgt_sevt *e = kzalloc(sizeof(*e), GFP_KERNEL | __GFP_NOFAIL);

	e->type = QLA_TGT_SEVT_CLOSE;
	e->reason = reason;
	kref_get(&s->kref);
	e->sess = s;
	qla_tgt_sevt_queue(s->tgt, e);
}
EXPORT_SYMBOL_GPL(qla_tgt_sess_close);

/*
 * The fabric: an initiator it refused may log in now (an ACL for it was
 * created). A second later, so that the admin's tool has mapped its LUNs
 * by the time it logs in, the engine logs it out (LOGO), and a Linux
 * initiator, as others, logs in again at once.
 */
void qla_tgt_invite(struct qla_tgt *tgt, u64 wwpn)
{
	struct qla_tgt_sevt *e = kzalloc(sizeof(*e), GFP_KERNEL);

	if (!e)
		return;
	e->type = QLA_TGT_SEVT_INVITE;
	e->wwpn = wwpn;
	qla_tgt_sevt_queue(tgt, e);
}
EXPORT_SYMBOL_GPL(qla_tgt_invite);

static void qla_tgt_invite_work(struct work_struct *work)
{
	struct qla_tgt *tgt = container_of(to_delayed_work(work),
					   struct qla_tgt, invite_work);
	struct qla_tgt_sevt *e = kzalloc(sizeof(*e), GFP_KERNEL);

	if (!e)
		return;
	e->type = QLA_TGT_SEVT_INVITE_DUE;
	qla_tgt_sevt_queue(tgt, e);
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

static void qla_tgt_withdraw_all(struct qla_tgt *tgt,
				 enum qla_tgt_gone_reason reason)
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
		qla_tgt_sess_withdraw(tgt, s, reason);
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
		qla_tgt_sess_offer(tgt, found, false);
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
		qla_tgt_withdraw_all(tgt, QLA_TGT_GONE_TPG_DISABLED);
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
		qla_tgt_sess_offer(tgt, list[n], false);
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
	qla_tgt_withdraw_all(tgt, QLA_TGT_GONE_ADMIN);
	tgt->ops = NULL;
	tgt->fabric = NULL;
	mutex_unlock(&tgt->mutex);
	if (tgt->wq)
		flush_workqueue(tgt->wq);
	kref_put(&tgt->kref, qla_tgt_free);
}
EXPORT_SYMBOL_GPL(qla_tgt_unbind);

/* ---- one port ---- */

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
	INIT_LIST_HEAD(&tgt->refused);
	INIT_DELAYED_WORK(&tgt->invite_work, qla_tgt_invite_work);
	tgt->ha = ha;
	tgt->seg = kvcalloc(QLA_TGT_MAX_CMDS * QLA_TGT_MAX_SG,
			    sizeof(*tgt->seg), GFP_KERNEL);
	if (!tgt->seg)
		goto err_seg;
	tgt->wq = alloc_workqueue("qla_tgt_%s", 0, 0,
				  dev_name(ha->dev));
	if (!tgt->wq)
		goto err_wq;
	tgt->sess_wq = alloc_ordered_workqueue("qla_tgt_sess_%s", 0,
					       dev_name(ha->dev));
	if (!tgt->sess_wq)
		goto err_sess_wq;
	ha->tgt = tgt;
	qla_hw_register_tgt(ha, &qla_tgt_hw_ops);
	return 0;

err_sess_wq:
	destroy_workqueue(tgt->wq);
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
	struct workqueue_struct *sess_wq;
	unsigned long flags;

	qla_tgt_fail_inflight(tgt);
	cancel_work_sync(&tgt->offer_work);
	/* the fc layer is stopped: this is the last session event */
	qla_tgt_peer_gone(ha, 0, true, QLA_TGT_GONE_ADMIN);
	spin_lock_irqsave(&tgt->lock, flags);
	sess_wq = tgt->sess_wq;
	tgt->sess_wq = NULL;
	spin_unlock_irqrestore(&tgt->lock, flags);
	destroy_workqueue(sess_wq);
	/* queues nothing more: sess_wq is gone */
	cancel_delayed_work_sync(&tgt->invite_work);
	mutex_lock(&tgt->mutex);
	qla_tgt_refused_clear(tgt);
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
