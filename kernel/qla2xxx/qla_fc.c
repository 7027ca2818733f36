// SPDX-License-Identifier: GPL-2.0
/*
 * qla_fc.c: FC protocol state of one port: link up/down, name-server
 * registration and discovery, and the remote-port login state machine.
 *
 * The firmware performs the fabric protocol (FLOGI, PLOGI, PRLI, LOGO) when
 * asked, and reports what happens by asynchronous events and Immediate
 * Notify IOCBs; qla_hw.c speaks those formats, this file speaks FC only
 * (qla_fcproto.h) through the qla_hw_*() requests. Reports arrive in
 * interrupt context and become struct qla_fc_evt on fc->evts; one work item
 * per port (on the ordered ha->wq) consumes them under fc->lock, so the
 * state machine runs in one thread per port and may sleep on the firmware.
 *
 * Remote ports have ONE state field. qla_fc_rp_event() looks the next state
 * up in the transition table (qla_pure.c), and qla_fc_rp_set() is the only
 * place that changes it; it emits the qla_rport_state trace event and runs
 * the new state's function (one per state), which may return a follow-up
 * event.
 */
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/dma-mapping.h>
#include <scsi/scsi_transport_fc.h>

#include "qla_def.h"
#include "qla_trace.h"

#define QLA_RPE_NONE	QLA_RPE_NR_EVENTS

/* logins again at once after the firmware named a handle collision */
#define QLA_LOGIN_HANDLE_TRIES	4

/* ---- events in from interrupt context and the transport ---- */

static void qla_fc_queue_evt(struct qla_hw *ha, struct qla_fc_evt *e)
{
	struct qla_fc *fc = &ha->fc;
	unsigned long flags;

	spin_lock_irqsave(&fc->evt_lock, flags);
	if (fc->stopping) {
		spin_unlock_irqrestore(&fc->evt_lock, flags);
		kfree(e);
		return;
	}
	list_add_tail(&e->node, &fc->evts);
	queue_work(ha->wq, &fc->work);
	spin_unlock_irqrestore(&fc->evt_lock, flags);
}

static struct qla_fc_evt *qla_fc_evt_new(enum qla_fc_evt_type type)
{
	struct qla_fc_evt *e = kzalloc(sizeof(*e), GFP_ATOMIC);

	if (e)
		e->type = type;
	return e;
}

static void qla_fc_event_isr(struct qla_hw *ha, enum qla_fc_evt_type type,
			     u32 port_id)
{
	struct qla_fc_evt *e = qla_fc_evt_new(type);

	if (!e) {
		dev_err_ratelimited(ha->dev, "no memory for fc event %d\n",
				    type);
		return;
	}
	e->port_id = port_id;
	qla_fc_queue_evt(ha, e);
}

/* An RSCN the firmware relayed: port_id and its address format. */
static void qla_fc_rscn_isr(struct qla_hw *ha, u32 port_id, u8 format)
{
	struct qla_fc_evt *e = qla_fc_evt_new(QLA_FCE_RSCN);

	if (!e) {
		dev_err_ratelimited(ha->dev, "no memory for RSCN\n");
		return;
	}
	e->port_id = port_id;
	e->rscn_format = format;
	qla_fc_queue_evt(ha, e);
}

static void qla_fc_peer_els_isr(struct qla_hw *ha,
				const struct qla_fc_peer_els *els)
{
	struct qla_fc_evt *e = qla_fc_evt_new(QLA_FCE_PEER_ELS);

	if (!e) {
		dev_err_ratelimited(ha->dev, "no memory for ELS 0x%02x\n",
				    els->els);
		return;
	}
	e->els = *els;
	qla_fc_queue_evt(ha, e);
}

/*
 * The transport's dev_loss_tmo ran out for rport, whose link to rp is
 * already cleared (qla_scsi.c): the fc work may free rp. Only compared,
 * never dereferenced, until the work finds rp in its list.
 */
void qla_fc_dev_loss(struct qla_hw *ha, struct fc_rport *rport,
		     struct qla_fc_rport *rp)
{
	struct qla_fc_evt *e = qla_fc_evt_new(QLA_FCE_DEV_LOSS);

	if (!e) {
		dev_err_ratelimited(ha->dev, "no memory for dev_loss\n");
		return;
	}
	e->rport = rport;
	e->rp = rp;
	qla_fc_queue_evt(ha, e);
}

/* ---- the remote-port state machine ---- */

static void qla_fc_rp_event(struct qla_fc_rport *rp, enum qla_rp_event ev);

static struct qla_fc_rport *qla_fc_rp_find(struct qla_hw *ha, u32 port_id,
					   u64 wwpn)
{
	struct qla_fc_rport *rp;

	lockdep_assert_held(&ha->fc.lock);
	list_for_each_entry(rp, &ha->fc.rports, node)
		if ((port_id && rp->port_id == port_id) ||
		    (wwpn && rp->wwpn == wwpn))
			return rp;
	return NULL;
}

static struct qla_fc_rport *qla_fc_rp_new(struct qla_hw *ha, u32 port_id,
					  u64 wwpn)
{
	struct qla_fc_rport *rp = kzalloc(sizeof(*rp), GFP_KERNEL);

	lockdep_assert_held(&ha->fc.lock);
	if (!rp)
		return NULL;
	rp->ha = ha;
	rp->state = QLA_RP_NEW;
	rp->port_id = port_id;
	rp->wwpn = wwpn;
	rp->nport_handle = 0xffff;
	list_add_tail(&rp->node, &ha->fc.rports);
	return rp;
}

static int qla_fc_handle_get(struct qla_hw *ha, struct qla_fc_rport *rp)
{
	struct qla_fc *fc = &ha->fc;
	unsigned long h;

	lockdep_assert_held(&fc->lock);
	if (rp->nport_handle != 0xffff)
		return 0;
	/*
	 * The driver picks from 0x80..0x3ff; the firmware gives handles of
	 * its own to ports that log in to this one, and says so when one
	 * the driver picked is taken (handle_busy).
	 */
	for (h = 0x80; h < 0x400; h++) {
		h = find_next_zero_bit(fc->handle_map, 0x400, h);
		if (h >= 0x400 || !test_bit(h, fc->handle_busy))
			break;
	}
	if (h >= 0x400)
		return -ENOSPC;
	set_bit(h, fc->handle_map);
	rp->nport_handle = h;
	return 0;
}

static void qla_fc_handle_put(struct qla_hw *ha, struct qla_fc_rport *rp)
{
	if (rp->nport_handle >= 0x80 && rp->nport_handle < 0x400)
		clear_bit(rp->nport_handle, ha->fc.handle_map);
	rp->nport_handle = 0xffff;
}

/* The rport uses the handle the firmware gave it; none held before. */
static void qla_fc_handle_take(struct qla_hw *ha, struct qla_fc_rport *rp,
			       u16 h)
{
	struct qla_fc_rport *o;

	lockdep_assert_held(&ha->fc.lock);
	/* an rport that still holds it lost that login */
	list_for_each_entry(o, &ha->fc.rports, node)
		if (o != rp && o->nport_handle == h)
			o->nport_handle = 0xffff;
	if (h >= 0x80 && h < 0x400) {
		set_bit(h, ha->fc.handle_map);
		clear_bit(h, ha->fc.handle_busy);
	}
	rp->nport_handle = h;
}

static enum qla_rp_event qla_rp_new_state(struct qla_fc_rport *rp)
{
	return QLA_RPE_NONE;
}

/*
 * Log in with the rport's handle. When the firmware has the port under
 * another handle, take that one; when the handle is another port's, mark
 * it busy and pick the next; either way log in again at once.
 */
static enum qla_rp_event qla_rp_login(struct qla_fc_rport *rp)
{
	struct qla_hw *ha = rp->ha;
	struct qla_login_res res;
	int tries, err;

	/*
	 * A port without the initiator role logs in to no one: its peers log
	 * in to it (and one it refused must not get an FCP login this way).
	 */
	if (!qla_role_ini(ha->role)) {
		rp->retries = QLA_LOGIN_RETRIES;
		return QLA_RPE_LOGIN_FAIL;
	}
	for (tries = 0; tries < QLA_LOGIN_HANDLE_TRIES; tries++) {
		if (qla_fc_handle_get(ha, rp))
			return QLA_RPE_LOGIN_FAIL;
		err = qla_hw_login(ha, rp->port_id, rp->nport_handle, &res);
		if (!err) {
			rp->prli_wd3 = res.prli_wd3;
			return QLA_RPE_LOGIN_OK;
		}
		if (err == -ECONNREFUSED) {
			/*
			 * The port rejected our PLOGI or PRLI (a target that
			 * has no ACL for us): no retries; it logs us out
			 * when we may log in again, and the next discovery
			 * logs in.
			 */
			dev_info(ha->dev, "%06x (%016llx) refused our login\n",
				 rp->port_id, rp->wwpn);
			rp->retries = QLA_LOGIN_RETRIES;
			return QLA_RPE_LOGIN_FAIL;
		}
		if (err == -EADDRINUSE && res.nport_handle != rp->nport_handle) {
			dev_dbg(ha->dev, "%06x logged in as 0x%x, not 0x%x\n",
				rp->port_id, res.nport_handle,
				rp->nport_handle);
			qla_fc_handle_put(ha, rp);
			qla_fc_handle_take(ha, rp, res.nport_handle);
			continue;
		}
		if (err == -EBUSY) {
			dev_dbg(ha->dev, "handle 0x%x is %06x's\n",
				rp->nport_handle, res.other_port_id);
			if (rp->nport_handle < 0x400)
				set_bit(rp->nport_handle, ha->fc.handle_busy);
			qla_fc_handle_put(ha, rp);
			continue;
		}
		return QLA_RPE_LOGIN_FAIL;
	}
	return QLA_RPE_LOGIN_FAIL;
}

static enum qla_rp_event qla_rp_gpdb(struct qla_fc_rport *rp)
{
	struct qla_fw_port fp;

	if (rp->nport_handle == 0xffff ||
	    qla_hw_port_info(rp->ha, rp->nport_handle, &fp))
		return QLA_RPE_GPDB_FAIL;
	if (!fp.prli_done || fp.port_id != rp->port_id)
		return QLA_RPE_GPDB_FAIL;
	rp->wwpn = fp.wwpn;
	rp->wwnn = fp.wwnn;
	rp->prli_wd3 = fp.prli_wd3;
	return QLA_RPE_GPDB_OK;
}

static enum qla_rp_event qla_rp_online(struct qla_fc_rport *rp)
{
	rp->retries = 0;
	qla_scsi_rport_add(rp->ha, rp);
	/*
	 * One PRLI sets up the image pair both ways: when this port logged
	 * in to an initiator, that initiator may send this (target) port
	 * commands without a PRLI of its own.
	 */
	if (qla_role_tgt(rp->ha->role) && (rp->prli_wd3 & PRLI_WD3_INITIATOR))
		qla_tgt_peer_login(rp->ha, rp->port_id, rp->wwpn, rp->wwnn,
				   rp->nport_handle, 0);
	return QLA_RPE_NONE;
}

static enum qla_rp_event qla_rp_retry(struct qla_fc_rport *rp)
{
	struct qla_fc *fc = &rp->ha->fc;
	unsigned long flags;

	if (++rp->retries > QLA_LOGIN_RETRIES)
		return QLA_RPE_GIVE_UP;
	spin_lock_irqsave(&fc->evt_lock, flags);
	if (!fc->stopping)
		queue_delayed_work(rp->ha->wq, &fc->retry_work,
				   msecs_to_jiffies(QLA_LOGIN_RETRY_MS));
	spin_unlock_irqrestore(&fc->evt_lock, flags);
	return QLA_RPE_NONE;
}

static enum qla_rp_event qla_rp_lost(struct qla_fc_rport *rp)
{
	rp->retries = 0;
	if (!rp->rport)
		return QLA_RPE_DEV_LOSS;	/* nothing for the transport */
	qla_scsi_rport_del(rp);
	return QLA_RPE_NONE;
}

static enum qla_rp_event qla_rp_deleted(struct qla_fc_rport *rp)
{
	return QLA_RPE_NONE;
}

static enum qla_rp_event (*const qla_rp_enter[QLA_RP_NR_STATES])
	(struct qla_fc_rport *rp) = {
	[QLA_RP_NEW] = qla_rp_new_state,
	[QLA_RP_LOGIN] = qla_rp_login,
	[QLA_RP_GPDB] = qla_rp_gpdb,
	[QLA_RP_ONLINE] = qla_rp_online,
	[QLA_RP_RETRY] = qla_rp_retry,
	[QLA_RP_LOST] = qla_rp_lost,
	[QLA_RP_DELETED] = qla_rp_deleted,
};

/* The one place a remote port's state changes. */
static enum qla_rp_event qla_fc_rp_set(struct qla_fc_rport *rp,
				       enum qla_rp_state next,
				       enum qla_rp_event why)
{
	lockdep_assert_held(&rp->ha->fc.lock);
	trace_qla_rport_state(dev_name(rp->ha->dev), rp->wwpn, rp->port_id,
			      qla_rp_state_name(rp->state),
			      qla_rp_state_name(next), qla_rp_event_name(why));
	rp->state = next;
	return qla_rp_enter[next](rp);
}

/* Its fc_rport's link is cleared, or it never had one (qla_def.h). */
static void qla_fc_rp_free(struct qla_fc_rport *rp)
{
	list_del(&rp->node);
	qla_fc_handle_put(rp->ha, rp);
	kfree_rcu(rp, rcu);
}

static void qla_fc_rp_event(struct qla_fc_rport *rp, enum qla_rp_event ev)
{
	enum qla_rp_state next;

	lockdep_assert_held(&rp->ha->fc.lock);
	while (ev != QLA_RPE_NONE) {
		next = qla_rp_next(rp->state, ev);
		if (next == QLA_RP_INVALID || next == rp->state)
			return;		/* not for this state, or no change */
		ev = qla_fc_rp_set(rp, next, ev);
		if (rp->state == QLA_RP_DELETED) {
			qla_fc_rp_free(rp);
			return;
		}
	}
}

static void qla_fc_all_event(struct qla_hw *ha, enum qla_rp_state only,
			     enum qla_rp_event ev)
{
	struct qla_fc_rport *rp, *tmp;

	list_for_each_entry_safe(rp, tmp, &ha->fc.rports, node)
		if (only == QLA_RP_INVALID || rp->state == only)
			qla_fc_rp_event(rp, ev);
}

static void qla_fc_register(struct qla_hw *ha);
static void qla_fc_discover(struct qla_hw *ha);

static void qla_fc_retry_work(struct work_struct *work)
{
	struct qla_fc *fc = container_of(to_delayed_work(work), struct qla_fc,
					 retry_work);
	struct qla_hw *ha = container_of(fc, struct qla_hw, fc);

	mutex_lock(&fc->lock);
	if (fc->link_up && !fc->registered)
		qla_fc_register(ha);
	if (fc->link_up && fc->registered && fc->rescan)
		qla_fc_discover(ha);
	if (fc->link_up)
		qla_fc_all_event(ha, QLA_RP_RETRY, QLA_RPE_RETRY_TIMER);
	mutex_unlock(&fc->lock);
}

/* ---- fabric services through the firmware ---- */

/* A name-server request built in ct_req; 0 when it was accepted. */
static int qla_fc_ct(struct qla_hw *ha, u32 req_len)
{
	struct qla_fc *fc = &ha->fc;
	int err;

	err = qla_hw_ct(ha, fc->ct_req_dma, req_len, fc->ct_rsp_dma,
			QLA_CT_BUF_SIZE);
	if (err)
		return err;
	return qla_ct_rsp_code(fc->ct_rsp, QLA_CT_BUF_SIZE) == CT_ACCEPT ?
	       0 : -EREMOTEIO;
}

static int qla_fc_ns_register(struct qla_hw *ha)
{
	struct qla_fc *fc = &ha->fc;
	struct qla_login_res res;
	u8 feat = 0;
	int err;

	lockdep_assert_held(&fc->lock);
	if (ha->role != QLA_ROLE_NONE) {
		/*
		 * As upstream orders fabric configuration: register for
		 * RSCNs before the name-server login and registrations, so
		 * that no change after the listing goes unreported.
		 */
		err = qla_hw_scr(ha);
		if (err)
			return err;
	}
	err = qla_hw_login(ha, FC_DID_DIR_SERV, 0, &res);
	if (err)
		return err;
	if (ha->role == QLA_ROLE_NONE)
		return 0;
	err = qla_fc_ct(ha, qla_ct_build_rft_id(fc->ct_req, QLA_CT_BUF_SIZE,
						fc->port_id, FC_TYPE_FCP));
	if (err)
		return err;
	if (qla_role_ini(ha->role))
		feat |= FC4_FEATURE_INITIATOR;
	if (qla_role_tgt(ha->role))
		feat |= FC4_FEATURE_TARGET;
	return qla_fc_ct(ha, qla_ct_build_rff_id(fc->ct_req, QLA_CT_BUF_SIZE,
						 fc->port_id, feat,
						 FC_TYPE_FCP));
}

static void qla_fc_discover(struct qla_hw *ha)
{
	struct qla_fc *fc = &ha->fc;
	struct qla_fc_rport *rp, *tmp;
	int i, n, err;

	lockdep_assert_held(&fc->lock);
	fc->rescan = false;
	if (ha->role == QLA_ROLE_NONE)
		return;
	err = qla_fc_ct(ha, qla_ct_build_gpn_ft(fc->ct_req, QLA_CT_BUF_SIZE,
						FC_TYPE_FCP));
	if (err) {
		dev_warn(ha->dev, "name server query failed: %d\n", err);
		return;
	}
	n = qla_ct_parse_gpn_ft(fc->ct_rsp, QLA_CT_BUF_SIZE, fc->disc,
				QLA_MAX_DISC_PORTS);
	if (n < 0)
		return;
	list_for_each_entry(rp, &fc->rports, node)
		rp->seen = false;
	for (i = 0; i < n; i++) {
		if (fc->disc[i].port_id == fc->port_id)
			continue;
		rp = qla_fc_rp_find(ha, fc->disc[i].port_id,
				    fc->disc[i].port_name);
		if (rp && rp->wwpn != fc->disc[i].port_name) {
			/* another port took this N_Port ID */
			qla_fc_rp_event(rp, QLA_RPE_GONE);
			rp = NULL;
		}
		if (!rp)
			rp = qla_fc_rp_new(ha, fc->disc[i].port_id,
					   fc->disc[i].port_name);
		if (!rp)
			continue;
		rp->port_id = fc->disc[i].port_id;
		rp->seen = true;
	}
	list_for_each_entry_safe(rp, tmp, &fc->rports, node) {
		if (!rp->seen)
			qla_tgt_peer_gone(ha, rp->port_id, false,
					  QLA_TGT_GONE_PORT_GONE);
		if (!rp->seen)
			qla_fc_rp_event(rp, QLA_RPE_GONE);
		else if (qla_role_ini(ha->role))
			qla_fc_rp_event(rp, QLA_RPE_FOUND);
	}
}

/* ---- link ---- */

/* Register with the name server; on failure retry from the retry work. */
static void qla_fc_register(struct qla_hw *ha)
{
	struct qla_fc *fc = &ha->fc;
	unsigned long flags;
	int err;

	lockdep_assert_held(&fc->lock);
	err = qla_fc_ns_register(ha);
	fc->registered = !err;
	if (!err)
		return;
	dev_dbg(ha->dev, "name server registration failed: %d\n", err);
	spin_lock_irqsave(&fc->evt_lock, flags);
	if (!fc->stopping)
		queue_delayed_work(ha->wq, &fc->retry_work,
				   msecs_to_jiffies(QLA_LOGIN_RETRY_MS));
	spin_unlock_irqrestore(&fc->evt_lock, flags);
}

static void qla_fc_link_up(struct qla_hw *ha)
{
	struct qla_fc *fc = &ha->fc;
	struct qla_link_info li;
	int err;

	lockdep_assert_held(&fc->lock);
	err = qla_hw_get_link(ha, &li);
	if (err) {
		dev_warn(ha->dev, "no N_Port ID after LOOP UP: %d\n", err);
		return;
	}
	fc->port_id = li.port_id;
	fc->speed_gbit = li.speed_gbit;
	fc->link_up = true;
	fc->rescan = true;
	qla_fc_register(ha);
	qla_scsi_link_state(ha);
}

static void qla_fc_link_down(struct qla_hw *ha)
{
	struct qla_fc *fc = &ha->fc;

	lockdep_assert_held(&fc->lock);
	fc->link_up = false;
	fc->registered = false;
	fc->port_id = 0;
	/* the firmware forgot every login, and whose handles were whose */
	bitmap_zero(fc->handle_busy, 0x400);
	qla_tgt_peer_gone(ha, 0, true, QLA_TGT_GONE_LINK_DOWN);
	qla_fc_all_event(ha, QLA_RP_INVALID, QLA_RPE_LINK_DOWN);
	qla_scsi_link_state(ha);
}

/* An ELS a peer sent us (target mode); the firmware has been answered. */
static void qla_fc_peer_els(struct qla_hw *ha, const struct qla_fc_peer_els *p)
{
	struct qla_fc_rport *rp;

	lockdep_assert_held(&ha->fc.lock);
	rp = qla_fc_rp_find(ha, p->port_id, 0);
	switch (p->els) {
	case ELS_PRLI:
		if (!rp)
			rp = qla_fc_rp_new(ha, p->port_id, p->wwpn);
		if (!rp) {
			if (p->ack_id)
				qla_hw_prli_answer(ha, p->ack_id, true);
			return;
		}
		if (rp->state != QLA_RP_ONLINE && rp->state != QLA_RP_LOGIN &&
		    rp->state != QLA_RP_GPDB) {
			/* the peer's login: use the firmware's handle */
			qla_fc_handle_put(ha, rp);
			rp->nport_handle = p->nport_handle;
		}
		rp->wwpn = p->wwpn;
		rp->prli_wd3 = p->prli_wd3;
		/* the engine answers a pending PRLI, whatever happens here */
		if (p->prli_wd3 & PRLI_WD3_INITIATOR)
			qla_tgt_peer_login(ha, p->port_id, p->wwpn, rp->wwnn,
					   p->nport_handle, p->ack_id);
		else if (p->ack_id)
			qla_hw_prli_answer(ha, p->ack_id, true);
		qla_fc_rp_event(rp, QLA_RPE_PEER_LOGIN);
		break;
	case ELS_LOGO:
		qla_tgt_peer_gone(ha, p->port_id, false, QLA_TGT_GONE_LOGO);
		if (rp)
			qla_fc_rp_event(rp, QLA_RPE_PEER_LOGO);
		break;
	case ELS_PRLO:
		/* the image pair is gone; the port login stays */
		qla_tgt_peer_gone(ha, p->port_id, false, QLA_TGT_GONE_PRLO);
		break;
	case ELS_PLOGI:
		/* its node name, for the session its PRLI will start */
		if (!rp)
			rp = qla_fc_rp_new(ha, p->port_id, p->wwpn);
		if (rp && p->wwnn)
			rp->wwnn = p->wwnn;
		break;
	default:
		break;
	}
}

/*
 * An RSCN. One naming a port: that port re-validates its login. One naming
 * an area, a domain or the fabric: the listing that follows tells which
 * ports are gone. Either way the name server is asked again; one naming
 * this port itself changes nothing.
 */
static void qla_fc_rscn(struct qla_hw *ha, u32 port_id, u8 format)
{
	struct qla_fc *fc = &ha->fc;
	struct qla_fc_rport *rp;

	lockdep_assert_held(&fc->lock);
	if (format == RSCN_FMT_PORT) {
		if (port_id == fc->port_id)
			return;
		rp = qla_fc_rp_find(ha, port_id, 0);
		if (rp)
			qla_fc_rp_event(rp, QLA_RPE_GONE);
	}
	fc->rescan = true;
}

/*
 * The FC transport's host events (NETLINK_SCSITRANSPORT, group
 * SCSI_NL_GRP_FC_EVENTS), with upstream's data: LINKUP the firmware's data
 * rate code, LIP and LIPRESET its mailbox 1, RSCN the affected address with
 * its format in bits 25:24. Posted here, in process context.
 */
static void qla_fc_post(struct qla_hw *ha, enum fc_host_event_code code,
			u32 data)
{
	fc_host_post_event(ha->shost, fc_get_event_number(), code, data);
}

static void qla_fc_handle_evt(struct qla_hw *ha, struct qla_fc_evt *e)
{
	struct qla_fc *fc = &ha->fc;
	struct qla_fc_rport *rp;

	lockdep_assert_held(&fc->lock);
	switch (e->type) {
	case QLA_FCE_LOOP_UP:
		qla_fc_post(ha, FCH_EVT_LINKUP, e->port_id);
		qla_fc_link_up(ha);
		break;
	case QLA_FCE_LOOP_DOWN:
		qla_fc_post(ha, FCH_EVT_LINKDOWN, 0);
		qla_fc_link_down(ha);
		break;
	case QLA_FCE_LIP:
		qla_fc_post(ha, FCH_EVT_LIP, e->port_id);
		break;
	case QLA_FCE_LIP_RESET:
		qla_fc_post(ha, FCH_EVT_LIPRESET, e->port_id);
		break;
	case QLA_FCE_RSCN:
		/* as upstream: none for an RSCN naming this port */
		if (e->port_id != fc->port_id)
			qla_fc_post(ha, FCH_EVT_RSCN,
				    (u32)e->rscn_format << 24 | e->port_id);
		qla_fc_rscn(ha, e->port_id, e->rscn_format);
		break;
	case QLA_FCE_PORT_UPDATE:
		fc->rescan = true;
		break;
	case QLA_FCE_PORT_LOGOUT:
		/*
		 * A port logged us out (a target whose ACL for us went
		 * away, say): its login is lost; the rescan logs in again.
		 */
		list_for_each_entry(rp, &fc->rports, node) {
			if (rp->nport_handle != e->port_id ||
			    rp->state != QLA_RP_ONLINE)
				continue;
			qla_fc_rp_event(rp, QLA_RPE_PEER_LOGO);
			break;
		}
		fc->rescan = true;
		break;
	case QLA_FCE_PEER_ELS:
		qla_fc_peer_els(ha, &e->els);
		break;
	case QLA_FCE_DEV_LOSS:
		/*
		 * An rport online again registered again, and its fc_rport
		 * links to it anew; one still on its way back has lost the
		 * fc_rport it had.
		 */
		list_for_each_entry(rp, &fc->rports, node) {
			if (rp != e->rp || rp->rport != e->rport ||
			    rp->state == QLA_RP_ONLINE)
				continue;
			rp->rport = NULL;
			qla_fc_rp_event(rp, QLA_RPE_DEV_LOSS);
			break;
		}
		break;
	}
}

static void qla_fc_work(struct work_struct *work)
{
	struct qla_fc *fc = container_of(work, struct qla_fc, work);
	struct qla_hw *ha = container_of(fc, struct qla_hw, fc);
	struct qla_fc_evt *e;
	unsigned long flags;

	mutex_lock(&fc->lock);
	for (;;) {
		spin_lock_irqsave(&fc->evt_lock, flags);
		e = list_first_entry_or_null(&fc->evts, struct qla_fc_evt,
					     node);
		if (e)
			list_del(&e->node);
		spin_unlock_irqrestore(&fc->evt_lock, flags);
		if (!e)
			break;
		qla_fc_handle_evt(ha, e);
		kfree(e);
	}
	if (fc->rescan && fc->link_up && fc->registered)
		qla_fc_discover(ha);
	mutex_unlock(&fc->lock);
}

/* ---- setup and teardown ---- */

/* What the hardware layer reports, as fc events (interrupt context). */
static const struct qla_hw_fc_ops qla_fc_hw_ops = {
	.event = qla_fc_event_isr,
	.rscn = qla_fc_rscn_isr,
	.peer_els = qla_fc_peer_els_isr,
};

int qla_fc_init(struct qla_hw *ha)
{
	struct qla_fc *fc = &ha->fc;

	mutex_init(&fc->lock);
	INIT_LIST_HEAD(&fc->rports);
	spin_lock_init(&fc->evt_lock);
	INIT_LIST_HEAD(&fc->evts);
	INIT_WORK(&fc->work, qla_fc_work);
	INIT_DELAYED_WORK(&fc->retry_work, qla_fc_retry_work);

	fc->disc = kcalloc(QLA_MAX_DISC_PORTS, sizeof(*fc->disc), GFP_KERNEL);
	if (!fc->disc)
		goto err_disc;
	fc->ct_req = dma_alloc_coherent(ha->dev, QLA_CT_BUF_SIZE,
					&fc->ct_req_dma, GFP_KERNEL);
	if (!fc->ct_req)
		goto err_ct_req;
	fc->ct_rsp = dma_alloc_coherent(ha->dev, QLA_CT_BUF_SIZE,
					&fc->ct_rsp_dma, GFP_KERNEL);
	if (!fc->ct_rsp)
		goto err_ct_rsp;
	qla_hw_register_fc(ha, &qla_fc_hw_ops);
	return 0;

err_ct_rsp:
	dma_free_coherent(ha->dev, QLA_CT_BUF_SIZE, fc->ct_req,
			  fc->ct_req_dma);
err_ct_req:
	kfree(fc->disc);
err_disc:
	return -ENOMEM;
}

/* Stop consuming events; after this no fc work runs. */
void qla_fc_stop(struct qla_hw *ha)
{
	struct qla_fc *fc = &ha->fc;
	unsigned long flags;

	spin_lock_irqsave(&fc->evt_lock, flags);
	fc->stopping = true;
	spin_unlock_irqrestore(&fc->evt_lock, flags);
	cancel_delayed_work_sync(&fc->retry_work);
	cancel_work_sync(&fc->work);
	cancel_delayed_work_sync(&fc->retry_work);
}

/* Free every rport and event; the transport's objects are already gone. */
void qla_fc_fini(struct qla_hw *ha)
{
	struct qla_fc *fc = &ha->fc;
	struct qla_fc_rport *rp, *rtmp;
	struct qla_fc_evt *e, *etmp;

	mutex_lock(&fc->lock);
	list_for_each_entry_safe(rp, rtmp, &fc->rports, node)
		qla_fc_rp_free(rp);
	mutex_unlock(&fc->lock);
	list_for_each_entry_safe(e, etmp, &fc->evts, node) {
		list_del(&e->node);
		kfree(e);
	}
	dma_free_coherent(ha->dev, QLA_CT_BUF_SIZE, fc->ct_rsp,
			  fc->ct_rsp_dma);
	dma_free_coherent(ha->dev, QLA_CT_BUF_SIZE, fc->ct_req,
			  fc->ct_req_dma);
	kfree(fc->disc);
}
