// SPDX-License-Identifier: GPL-2.0
/*
 * qla_emu_els.c: the emulated firmware's login engine, in fw context: the
 * port database, ELS and CT exchanges it originates (FLOGI at link up,
 * PLOGI then PRLI and LOGO for the driver's login/logout IOCBs, CT
 * pass-through to the name server) and their timeouts, the link, and the
 * ELS it answers as responder (PLOGI, PRLI, LOGO; in target mode held as an
 * immediate notify until the driver's notify acknowledge).
 */
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/dma-direct.h>

#include "qla_iocb.h"
#include "qla_emu.h"

/* ---- port database ---- */

struct qla_emu_pdb *qla_emu_pdb_find(struct qla_emu_port *p, u32 port_id,
				     u16 handle)
{
	struct qla_emu_pdb *e;

	list_for_each_entry(e, &p->pdb, node)
		if ((port_id && e->port_id == port_id) ||
		    (!port_id && e->handle == handle))
			return e;
	return NULL;
}

/* A handle for a port that logs in to this one: the next free of its own. */
static u16 qla_emu_pdb_free_handle(struct qla_emu_port *p)
{
	unsigned int i;
	u16 h;

	for (i = 0; i < QLA_EMU_FW_HANDLES; i++) {
		h = QLA_EMU_FW_HANDLE_BASE +
		    (p->next_handle++ % QLA_EMU_FW_HANDLES);
		if (!qla_emu_pdb_find(p, 0, h))
			return h;
	}
	return 0xffff;
}

static struct qla_emu_pdb *qla_emu_pdb_get(struct qla_emu_port *p,
					   u32 port_id, u16 handle)
{
	struct qla_emu_pdb *e = qla_emu_pdb_find(p, port_id, 0);

	if (e) {
		if (handle != 0xffff)
			e->handle = handle;
		return e;
	}
	if (handle == 0xffff) {
		handle = qla_emu_pdb_free_handle(p);
		if (handle == 0xffff)
			return NULL;
	}
	e = kzalloc(sizeof(*e), GFP_KERNEL);
	if (!e)
		return NULL;
	e->port_id = port_id;
	e->handle = handle;
	list_add_tail(&e->node, &p->pdb);
	return e;
}

/*
 * The nport_handle control file: the port database gets an entry for
 * port_id under handle, as a login the firmware keeps (one from before, or
 * a port that logged in at that address), so that the driver's next login
 * meets a handle or port id already in use. Until the link goes down.
 */
int qla_emu_pdb_bind(struct qla_emu_port *p, u16 handle, u32 port_id)
{
	struct qla_emu_pdb *e;
	int err = 0;

	if (handle >= QLA_NPH_SNS || !port_id || port_id > 0xffffff)
		return -EINVAL;
	mutex_lock(&p->fab->fw_mutex);
	if (!p->link_up) {
		err = -ENOLINK;
	} else if (qla_emu_pdb_find(p, port_id, 0) ||
		   qla_emu_pdb_find(p, 0, handle)) {
		err = -EBUSY;
	} else {
		e = kzalloc(sizeof(*e), GFP_KERNEL);
		if (e) {
			e->port_id = port_id;
			e->handle = handle;
			e->state = PDS_PLOGI_COMPLETE;
			list_add_tail(&e->node, &p->pdb);
		} else {
			err = -ENOMEM;
		}
	}
	qla_emu_fw_unlock(p->fab);
	return err;
}

static void qla_emu_pdb_del(struct qla_emu_port *p, struct qla_emu_pdb *e)
{
	list_del(&e->node);
	kfree(e);
}

void qla_emu_pdb_clear(struct qla_emu_port *p)
{
	struct qla_emu_pdb *e, *t;

	list_for_each_entry_safe(e, t, &p->pdb, node)
		qla_emu_pdb_del(p, e);
}

static u32 qla_emu_wd3(struct qla_emu_port *p)
{
	u32 wd3 = PRLI_WD3_READ_XFER_RDY_DIS;

	if (p->fo1 & FO1_TARGET_MODE)
		wd3 |= PRLI_WD3_TARGET;
	if (!(p->fo1 & FO1_INITIATOR_DISABLE))
		wd3 |= PRLI_WD3_INITIATOR;
	return wd3;
}

/* ---- frames out ---- */

static int qla_emu_send_els_from(struct qla_emu_port *p, u32 s_id, u32 d_id,
				 u8 r_ctl, u16 ox_id, const u8 *pl, u32 len)
{
	struct qla_emu_frame *f = qla_emu_frame_new(len, GFP_KERNEL);

	if (!f)
		return -ENOMEM;
	f->s_id = s_id;
	f->d_id = d_id;
	f->r_ctl = r_ctl;
	f->type = FC_TYPE_ELS;
	f->ox_id = ox_id;
	f->rx_id = 0xffff;
	memcpy(f->payload, pl, len);
	qla_emu_send(p, f);
	return 0;
}

int qla_emu_send_els(struct qla_emu_port *p, u32 d_id, u8 r_ctl,
		     u16 ox_id, const u8 *pl, u32 len)
{
	return qla_emu_send_els_from(p, p->port_id, d_id, r_ctl, ox_id, pl,
				     len);
}

/* LS_ACC to the ELS req_els, or LS_RJT with reason rjt when it is not 0 */
static void qla_emu_ls_rsp(struct qla_emu_port *p, u32 d_id, u16 ox_id,
			   u8 req_els, u8 rjt)
{
	u8 buf[ELS_PLOGI_LEN];
	u32 len;

	if (rjt) {
		memset(buf, 0, 8);
		buf[0] = ELS_LS_RJT;
		buf[5] = rjt;
		len = 8;
	} else if (req_els == ELS_PLOGI) {
		len = qla_els_build_plogi(buf, sizeof(buf), ELS_LS_ACC,
					  p->fw_wwpn, p->fw_wwnn);
	} else if (req_els == ELS_PRLI) {
		len = qla_els_build_prli(buf, sizeof(buf), ELS_LS_ACC,
					 qla_emu_wd3(p));
	} else {
		memset(buf, 0, 4);
		buf[0] = ELS_LS_ACC;
		len = 4;
	}
	qla_emu_send_els(p, d_id, FC_RCTL_ELS_REP, ox_id, buf, len);
}

static struct qla_emu_xchg *qla_emu_xchg_new(struct qla_emu_port *p,
					     enum qla_emu_xop op, u32 d_id,
					     const void *iocb)
{
	struct qla_emu_xchg *x = kzalloc(sizeof(*x), GFP_KERNEL);

	if (!x)
		return NULL;
	x->op = op;
	x->d_id = d_id;
	x->ox_id = p->next_ox_id++;
	if (p->next_ox_id == 0xffff)
		p->next_ox_id = 1;
	x->deadline = jiffies + msecs_to_jiffies(QLA_EMU_ELS_TMO_MS);
	if (iocb) {
		memcpy(x->iocb, iocb, QLA_IOCB_SIZE);
		x->has_iocb = true;
	}
	list_add_tail(&x->node, &p->xchgs);
	mod_delayed_work(p->fab->wq, &p->xchg_work, msecs_to_jiffies(100));
	return x;
}

void qla_emu_xchg_free(struct qla_emu_xchg *x)
{
	list_del(&x->node);
	kfree(x);
}

/* Send the request that opens (or continues) exchange x. */
static void qla_emu_els_start(struct qla_emu_port *p, struct qla_emu_xchg *x)
{
	u8 buf[ELS_PLOGI_LEN];
	u32 len = 0;
	u32 s_id = p->port_id;

	switch (x->op) {
	case QLA_XOP_FLOGI:
		len = qla_els_build_plogi(buf, sizeof(buf), ELS_FLOGI,
					  p->fw_wwpn, p->fw_wwnn);
		s_id = 0;
		break;
	case QLA_XOP_PLOGI:
		len = qla_els_build_plogi(buf, sizeof(buf), ELS_PLOGI,
					  p->fw_wwpn, p->fw_wwnn);
		break;
	case QLA_XOP_PRLI:
		len = qla_els_build_prli(buf, sizeof(buf), ELS_PRLI,
					 qla_emu_wd3(p));
		break;
	case QLA_XOP_LOGO:
		len = qla_els_build_logo(buf, sizeof(buf), p->port_id,
					 p->fw_wwpn);
		break;
	case QLA_XOP_CT:
		return;
	}
	/* on no memory the exchange times out like a lost frame */
	qla_emu_send_els_from(p, s_id, x->d_id, FC_RCTL_ELS_REQ, x->ox_id, buf,
			      len);
}

/*
 * A frame from a port that is not logged in (FC-LS): the firmware discards
 * it and sends that port a LOGO, once at a time, so that it logs in again
 * rather than wait for an answer that never comes.
 */
void qla_emu_send_logo(struct qla_emu_port *p, u32 d_id)
{
	struct qla_emu_xchg *x;

	lockdep_assert_held(&p->fab->fw_mutex);
	list_for_each_entry(x, &p->xchgs, node)
		if (x->op == QLA_XOP_LOGO && x->d_id == d_id)
			return;
	x = qla_emu_xchg_new(p, QLA_XOP_LOGO, d_id, NULL);
	if (x)
		qla_emu_els_start(p, x);
}

/* ---- completions of the driver's requests ---- */

static void qla_emu_logio_done(struct qla_emu_port *p, const void *req,
			       u16 comp, u32 p0, u32 p1)
{
	struct qla_logio_desc d;
	struct qla_logio io;

	qla_parse_logio(req, &d);
	d.comp_status = comp;
	d.io_param[0] = p0;
	d.io_param[1] = p1;
	qla_build_logio(&io, &d);
	qla_emu_rsp_post(p, &io);
}

static void qla_emu_ct_done(struct qla_emu_port *p, const void *req,
			    u16 comp, const u8 *rsp, u32 len)
{
	struct qla_ct_desc d;
	struct qla_ct_iocb ct;

	qla_parse_ct(req, &d);
	if (rsp && len) {
		if (len > d.rsp_len)
			len = d.rsp_len;
		memcpy(qla_emu_dma(p, d.rsp_dma), rsp, len);
	}
	d.comp_status = comp;
	d.rsp_len = rsp ? len : 0;
	qla_build_ct(&ct, &d);
	qla_emu_rsp_post(p, &ct);
}

static void qla_emu_xchg_fail(struct qla_emu_port *p, struct qla_emu_xchg *x,
			      u32 reason)
{
	switch (x->op) {
	case QLA_XOP_FLOGI:
		/* keep trying while the link is meant to be up */
		if (p->fw_running && READ_ONCE(p->link_enabled)) {
			x->deadline = jiffies +
				      msecs_to_jiffies(QLA_EMU_ELS_TMO_MS);
			x->ox_id = p->next_ox_id++;
			qla_emu_els_start(p, x);
			return;
		}
		break;
	case QLA_XOP_PLOGI:
	case QLA_XOP_PRLI:
	case QLA_XOP_LOGO:
		if (x->has_iocb)
			qla_emu_logio_done(p, x->iocb, CS_LOGIO_ERROR, reason,
					   0);
		break;
	case QLA_XOP_CT:
		if (x->has_iocb)
			qla_emu_ct_done(p, x->iocb, CS_TIMEOUT, NULL, 0);
		break;
	}
	qla_emu_xchg_free(x);
}

void qla_emu_xchg_work(struct work_struct *work)
{
	struct qla_emu_port *p = container_of(to_delayed_work(work),
					      struct qla_emu_port, xchg_work);
	struct qla_emu_xchg *x, *t;

	mutex_lock(&p->fab->fw_mutex);
	list_for_each_entry_safe(x, t, &p->xchgs, node)
		if (time_after_eq(jiffies, x->deadline))
			qla_emu_xchg_fail(p, x, LSC_SCODE_CMD_FAILED);
	if (qla_emu_fcp_expire(p) || !list_empty(&p->xchgs))
		mod_delayed_work(p->fab->wq, &p->xchg_work,
				 msecs_to_jiffies(100));
	qla_emu_fw_unlock(p->fab);
}

static void qla_emu_xchg_abort_all(struct qla_emu_port *p)
{
	struct qla_emu_xchg *x, *t;

	list_for_each_entry_safe(x, t, &p->xchgs, node) {
		if (x->op == QLA_XOP_FLOGI) {
			qla_emu_xchg_free(x);
			continue;
		}
		qla_emu_xchg_fail(p, x, LSC_SCODE_NOLINK);
	}
}

/* ---- link ---- */

void qla_emu_link_start(struct qla_emu_port *p)
{
	struct qla_emu_xchg *x;

	if (!p->fw_running || p->link_up || !READ_ONCE(p->link_enabled))
		return;
	list_for_each_entry(x, &p->xchgs, node)
		if (x->op == QLA_XOP_FLOGI)
			return;		/* already logging in */
	x = qla_emu_xchg_new(p, QLA_XOP_FLOGI, FC_DID_FLOGI, NULL);
	if (x)
		qla_emu_els_start(p, x);
}

void qla_emu_link_stop(struct qla_emu_port *p, bool report)
{
	struct qla_emu_ntfy *n, *t;
	bool was_up = p->link_up;

	qla_emu_frames_cancel(p, true);
	qla_emu_switch_logout(p);
	p->link_up = false;
	p->port_id = 0;
	qla_emu_xchg_abort_all(p);
	qla_emu_fcp_purge(p, 0);
	qla_emu_pdb_clear(p);
	list_for_each_entry_safe(n, t, &p->ntfys, node) {
		list_del(&n->node);
		kfree(n);
	}
	if (was_up && report)
		qla_emu_async(p, MBA_LOOP_DOWN, 0, 0);
}

void qla_emu_link_work(struct work_struct *work)
{
	struct qla_emu_port *p = container_of(work, struct qla_emu_port,
					      link_work);

	mutex_lock(&p->fab->fw_mutex);
	if (READ_ONCE(p->link_enabled))
		qla_emu_link_start(p);
	else
		qla_emu_link_stop(p, true);
	qla_emu_fw_unlock(p->fab);
}

void qla_emu_port_link_changed(struct qla_emu_port *p)
{
	queue_work(p->fab->wq, &p->link_work);
}

/* ---- frames in ---- */

static void qla_emu_imm_ntfy(struct qla_emu_port *p,
			     const struct qla_emu_frame *f, u8 els,
			     struct qla_emu_pdb *e)
{
	struct qla_ntfy_desc d = { 0 };
	struct qla_emu_ntfy *n;
	struct qla_imm_ntfy in;

	n = kzalloc(sizeof(*n), GFP_KERNEL);
	if (!n)
		return;
	n->exchange = ++p->next_exchange;
	n->els = els;
	n->s_id = f->s_id;
	n->ox_id = f->ox_id;
	list_add_tail(&n->node, &p->ntfys);

	d.status = IMM_NTFY_ELS;
	d.subcode = els;
	d.nport_handle = e ? e->handle : 0xffff;
	d.exchange_address = n->exchange;
	d.ox_id = f->ox_id;
	d.port_id = f->s_id;
	d.port_name = e ? e->wwpn : 0;
	d.node_name = e ? e->wwnn : 0;
	d.prli_wd3 = e ? e->prli_wd3 : 0;
	d.fw_handle = n->exchange & 0xff;
	n->in = d;
	qla_build_imm_ntfy(&in, &d);
	qla_emu_rsp_post(p, &in);
}

static void qla_emu_rx_els_req(struct qla_emu_port *p,
			       struct qla_emu_frame *f)
{
	bool tgt = p->fo1 & FO1_TARGET_MODE;
	u8 els, rjt = ELS_RJT_LOGICAL;
	struct qla_emu_pdb *e;
	u64 wwpn, wwnn;
	u32 wd3, pid;
	u16 mb[4];
	u8 fmt;

	/* not even a command code (its first word): nothing to answer */
	if (f->len < 4) {
		qla_emu_discard(p, f, "ELS without a command code");
		return;
	}
	els = f->payload[0];
	switch (els) {
	case ELS_PLOGI:
		if (qla_els_parse_plogi(f->payload, f->len, &wwpn, &wwnn) < 0)
			goto reject;
		e = qla_emu_pdb_get(p, f->s_id, 0xffff);
		rjt = ELS_RJT_UNABLE;
		if (!e)
			goto reject;
		e->wwpn = wwpn;
		e->wwnn = wwnn;
		if (e->state != PDS_PRLI_COMPLETE)
			e->state = PDS_PLOGI_COMPLETE;
		if (tgt) {
			qla_emu_imm_ntfy(p, f, ELS_PLOGI, e);
			return;
		}
		qla_emu_ls_rsp(p, f->s_id, f->ox_id, ELS_PLOGI, 0);
		return;
	case ELS_PRLI:
		if (qla_els_parse_prli(f->payload, f->len, &wd3) < 0)
			goto reject;
		e = qla_emu_pdb_find(p, f->s_id, 0);
		rjt = ELS_RJT_UNABLE;	/* not logged in */
		if (!e)
			goto reject;
		e->prli_wd3 = wd3;
		e->state = PDS_PRLI_COMPLETE;
		if (tgt) {
			qla_emu_imm_ntfy(p, f, ELS_PRLI, e);
			return;
		}
		qla_emu_ls_rsp(p, f->s_id, f->ox_id, ELS_PRLI, 0);
		return;
	case ELS_LOGO:
		if (qla_els_parse_logo(f->payload, f->len, &pid, &wwpn))
			goto reject;
		e = qla_emu_pdb_find(p, f->s_id, 0);
		qla_emu_fcp_purge(p, f->s_id);
		if (tgt && e) {
			qla_emu_imm_ntfy(p, f, ELS_LOGO, e);
			qla_emu_pdb_del(p, e);
			return;
		}
		qla_emu_ls_rsp(p, f->s_id, f->ox_id, ELS_LOGO, 0);
		if (e) {
			qla_emu_port_logged_out(p, e->handle);
			qla_emu_pdb_del(p, e);
		}
		return;
	case ELS_RSCN:
		/* the fabric sends RSCNs only to ports that sent it SCR */
		if (qla_els_parse_rscn(f->payload, f->len, &pid, &fmt))
			goto reject;
		qla_emu_ls_rsp(p, f->s_id, f->ox_id, ELS_RSCN, 0);
		qla_async_rscn_build(mb, pid, fmt, 0);
		qla_emu_raise(p, QLA_INT_ASYNC, mb, ARRAY_SIZE(mb));
		return;
	default:
		/* one the firmware does not implement, and not passed up */
		rjt = ELS_RJT_UNSUPPORTED;
		break;
	}
	/* a known command whose payload does not parse: logical error */
reject:
	dev_info_ratelimited(qla_emu_dev(p),
			     "ELS 0x%02x from %06x (%u bytes) rejected, reason 0x%02x\n",
			     els, f->s_id, f->len, rjt);
	qla_emu_ls_rsp(p, f->s_id, f->ox_id, els, rjt);
}

static void qla_emu_rx_reply(struct qla_emu_port *p, struct qla_emu_frame *f)
{
	struct qla_emu_xchg *x, *found = NULL;
	struct qla_emu_pdb *e;
	u64 wwpn, wwnn;
	u32 wd3;
	bool acc;

	list_for_each_entry(x, &p->xchgs, node) {
		if (x->ox_id == f->ox_id && x->d_id == f->s_id) {
			found = x;
			break;
		}
	}
	if (!found)
		return;		/* late reply to a timed-out exchange */
	x = found;
	if (x->op == QLA_XOP_CT) {
		if (x->has_iocb)
			qla_emu_ct_done(p, x->iocb, CS_COMPLETE, f->payload,
					f->len);
		qla_emu_xchg_free(x);
		return;
	}
	acc = f->len && f->payload[0] == ELS_LS_ACC;
	if (!acc) {
		if (x->op == QLA_XOP_FLOGI) {
			qla_emu_xchg_fail(p, x, 0);
			return;
		}
		qla_emu_xchg_fail(p, x, LSC_SCODE_ELS_REJECT);
		return;
	}
	switch (x->op) {
	case QLA_XOP_FLOGI:
		p->port_id = f->d_id;
		p->link_up = true;
		qla_emu_xchg_free(x);
		qla_emu_async(p, MBA_LOOP_UP, QLA_SPEED_16G, 0);
		return;
	case QLA_XOP_PLOGI:
		if (x->d_id == FC_DID_DIR_SERV) {
			qla_emu_logio_done(p, x->iocb, CS_COMPLETE, 0, 0);
			qla_emu_xchg_free(x);
			return;
		}
		if (qla_els_parse_plogi(f->payload, f->len, &wwpn, &wwnn) < 0) {
			qla_emu_xchg_fail(p, x, LSC_SCODE_CMD_FAILED);
			return;
		}
		e = qla_emu_pdb_get(p, x->d_id, x->nport_handle);
		if (!e) {
			qla_emu_xchg_fail(p, x, LSC_SCODE_NOIOCB);
			return;
		}
		e->wwpn = wwpn;
		e->wwnn = wwnn;
		e->state = PDS_PLOGI_COMPLETE;
		if (x->then_prli) {
			e->state = PDS_PRLI_PENDING;
			x->op = QLA_XOP_PRLI;
			x->ox_id = p->next_ox_id++;
			x->deadline = jiffies +
				      msecs_to_jiffies(QLA_EMU_ELS_TMO_MS);
			qla_emu_els_start(p, x);
			return;
		}
		qla_emu_logio_done(p, x->iocb, CS_COMPLETE, 0, 0);
		qla_emu_xchg_free(x);
		return;
	case QLA_XOP_PRLI:
		e = qla_emu_pdb_find(p, x->d_id, 0);
		if (!e || qla_els_parse_prli(f->payload, f->len, &wd3) < 0) {
			qla_emu_xchg_fail(p, x, LSC_SCODE_CMD_FAILED);
			return;
		}
		e->prli_wd3 = wd3;
		e->state = PDS_PRLI_COMPLETE;
		qla_emu_logio_done(p, x->iocb, CS_COMPLETE, wd3, 0);
		qla_emu_xchg_free(x);
		return;
	case QLA_XOP_LOGO:
		e = qla_emu_pdb_find(p, x->d_id, 0);
		if (e)
			qla_emu_pdb_del(p, e);
		if (x->has_iocb)
			qla_emu_logio_done(p, x->iocb, CS_COMPLETE, 0, 0);
		qla_emu_xchg_free(x);
		return;
	case QLA_XOP_CT:
		return;
	}
}

/* A frame from the fabric for this port (fw context). */
/*
 * The TYPE a frame of this R_CTL must have for the firmware to take it, or
 * -1: extended link services, FCP information units, the name server's
 * replies and basic link services; anything else (unsolicited CT, other
 * FC-4s, unknown routing) it discards.
 */
static int qla_emu_rx_type(const struct qla_emu_frame *f)
{
	switch (f->r_ctl) {
	case FC_RCTL_ELS_REQ:
	case FC_RCTL_ELS_REP:
		return FC_TYPE_ELS;
	case FC_RCTL_DD_SOL_CTL:
		return FC_TYPE_CT;
	case FC_RCTL_DD_UNSOL_CMD:
	case FC_RCTL_DD_SOL_DATA:
	case FC_RCTL_DD_DATA_DESC:
	case FC_RCTL_DD_CMD_STATUS:
		return FC_TYPE_FCP;
	case FC_RCTL_BA_ABTS:
	case FC_RCTL_BA_ACC:
	case FC_RCTL_BA_RJT:
		return FC_TYPE_BLS;
	default:
		return -1;
	}
}

void qla_emu_port_rx(struct qla_emu_port *p, struct qla_emu_frame *f)
{
	lockdep_assert_held(&p->fab->fw_mutex);
	if (!p->fw_running)
		return;
	/* FLOGI replies arrive before the port knows its N_Port ID */
	if (!p->link_up && !(f->r_ctl == FC_RCTL_ELS_REP &&
			     f->s_id == FC_DID_FLOGI))
		return;
	if (qla_emu_rx_type(f) != f->type) {
		qla_emu_discard(p, f, "unknown R_CTL or TYPE");
		return;
	}
	switch (f->r_ctl) {
	case FC_RCTL_ELS_REQ:
		qla_emu_rx_els_req(p, f);
		break;
	case FC_RCTL_ELS_REP:
	case FC_RCTL_DD_SOL_CTL:
		qla_emu_rx_reply(p, f);
		break;
	default:
		qla_emu_fcp_rx(p, f);
		break;
	}
}

/* ---- requests from the driver ---- */

/*
 * A PLOGI request whose handle or port id the port database already has
 * otherwise: a handle bound to another port id fails with NPORT_USED
 * naming that port id; a port id logged in under another handle fails
 * with PORTID_USED naming that handle. The name server's fixed handle
 * is not in the database.
 */
static bool qla_emu_logio_collides(struct qla_emu_port *p, const void *iocb,
				   const struct qla_logio_desc *d)
{
	struct qla_emu_pdb *e;

	if (d->port_id == FC_DID_DIR_SERV)
		return false;
	e = qla_emu_pdb_find(p, 0, d->nport_handle);
	if (e && e->port_id != d->port_id) {
		qla_emu_logio_done(p, iocb, CS_LOGIO_ERROR,
				   LSC_SCODE_NPORT_USED, e->port_id);
		return true;
	}
	e = qla_emu_pdb_find(p, d->port_id, 0);
	if (e && e->handle != d->nport_handle) {
		qla_emu_logio_done(p, iocb, CS_LOGIO_ERROR,
				   LSC_SCODE_PORTID_USED, e->handle);
		return true;
	}
	return false;
}

void qla_emu_req_logio(struct qla_emu_port *p, const void *iocb)
{
	struct qla_logio_desc d;
	struct qla_emu_xchg *x;
	struct qla_emu_pdb *e;
	u16 cmd;

	qla_parse_logio(iocb, &d);
	if (!p->link_up) {
		qla_emu_logio_done(p, iocb, CS_LOGIO_ERROR, LSC_SCODE_NOLINK,
				   0);
		return;
	}
	cmd = d.control_flags & LCF_COMMAND_MASK;
	if (cmd == LCF_COMMAND_PLOGI && qla_emu_logio_collides(p, iocb, &d))
		return;
	if (cmd == LCF_COMMAND_PLOGI) {
		x = qla_emu_xchg_new(p, QLA_XOP_PLOGI, d.port_id, iocb);
		if (!x)
			goto fail;
		x->nport_handle = d.nport_handle;
		x->then_prli = !(d.control_flags & LCF_SKIP_PRLI) &&
			       d.port_id != FC_DID_DIR_SERV;
	} else if (cmd == LCF_COMMAND_PRLI) {
		x = qla_emu_xchg_new(p, QLA_XOP_PRLI, d.port_id, iocb);
		if (!x)
			goto fail;
	} else if (cmd == LCF_COMMAND_LOGO) {
		x = qla_emu_xchg_new(p, QLA_XOP_LOGO, d.port_id, iocb);
		if (!x)
			goto fail;
		e = qla_emu_pdb_find(p, d.port_id, 0);
		if (e)
			e->state = PDS_LOGO_PENDING;
	} else {
		qla_emu_logio_done(p, iocb, CS_LOGIO_ERROR,
				   LSC_SCODE_CMD_FAILED, 0);
		return;
	}
	qla_emu_els_start(p, x);
	return;
fail:
	qla_emu_logio_done(p, iocb, CS_LOGIO_ERROR, LSC_SCODE_NOIOCB, 0);
}

void qla_emu_req_ct(struct qla_emu_port *p, const void *iocb)
{
	struct qla_emu_frame *f;
	struct qla_emu_xchg *x;
	struct qla_ct_desc d;

	qla_parse_ct(iocb, &d);
	if (!p->link_up || !d.cmd_len || d.cmd_len > 4096) {
		qla_emu_ct_done(p, iocb, CS_PORT_UNAVAILABLE, NULL, 0);
		return;
	}
	x = qla_emu_xchg_new(p, QLA_XOP_CT, FC_DID_DIR_SERV, iocb);
	f = x ? qla_emu_frame_new(d.cmd_len, GFP_KERNEL) : NULL;
	if (!f) {
		if (x)
			qla_emu_xchg_free(x);
		qla_emu_ct_done(p, iocb, CS_RESET, NULL, 0);
		return;
	}
	f->s_id = p->port_id;
	f->d_id = FC_DID_DIR_SERV;
	f->r_ctl = FC_RCTL_DD_UNSOL_CTL;
	f->type = FC_TYPE_CT;
	f->ox_id = x->ox_id;
	f->rx_id = 0xffff;
	memcpy(f->payload, qla_emu_dma(p, d.cmd_dma), d.cmd_len);
	qla_emu_send(p, f);
}

/*
 * A notify acknowledge names its immediate notify by exchange address and
 * echoes the notify's fields; the card matches them. One that does not
 * echo them comes back rejected and the notify stays pending; one that
 * does has the ELS answered, and comes back with NOTIFY_ACK_SUCCESS.
 */
static bool qla_emu_nack_echoes(const struct qla_ntfy_desc *a,
				const struct qla_ntfy_desc *in)
{
	return a->nport_handle == in->nport_handle &&
	       a->status == in->status && a->subcode == in->subcode &&
	       a->fw_handle == in->fw_handle &&
	       a->srr_rx_id == in->srr_rx_id &&
	       a->srr_rel_offs == in->srr_rel_offs &&
	       a->srr_ui == in->srr_ui && a->vp_index == in->vp_index &&
	       a->ox_id == in->ox_id;
}

void qla_emu_req_nack(struct qla_emu_port *p, const void *iocb)
{
	struct qla_emu_ntfy *n, *found = NULL;
	struct qla_ntfy_desc d;
	struct qla_emu_pdb *e;
	struct qla_nack done;

	if (qla_parse_nack(iocb, &d))
		return;
	list_for_each_entry(n, &p->ntfys, node) {
		if (n->exchange == d.exchange_address) {
			found = n;
			break;
		}
	}
	memcpy(&done, iocb, sizeof(done));
	if (!found || !qla_emu_nack_echoes(&d, &found->in)) {
		dev_warn_ratelimited(qla_emu_dev(p), "notify ack for 0x%x does not match its notify\n",
				     d.exchange_address);
		done.hdr.entry_status = QLA_ES_INVALID_PARAM;
		qla_emu_rsp_post(p, &done);
		return;
	}
	list_del(&found->node);
	if (found->els == ELS_PRLI && (d.flags & NOTIFY_ACK_FLAGS_TERMINATE)) {
		/* a refused PRLI leaves the port logged in (PLOGI) only */
		e = qla_emu_pdb_find(p, found->s_id, 0);
		if (e && e->state == PDS_PRLI_COMPLETE)
			e->state = PDS_PLOGI_COMPLETE;
	}
	if (p->link_up)
		qla_emu_ls_rsp(p, found->s_id, found->ox_id, found->els,
			       d.flags & NOTIFY_ACK_FLAGS_TERMINATE ?
			       ELS_RJT_UNABLE : 0);
	kfree(found);
	done.status = cpu_to_le16(NOTIFY_ACK_SUCCESS);
	qla_emu_rsp_post(p, &done);
}
