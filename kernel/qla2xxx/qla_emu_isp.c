// SPDX-License-Identifier: GPL-2.0
/*
 * qla_emu_isp.c: an emulated ISP24xx: the register file the driver's
 * accessors read and write, and the firmware's behaviour behind it:
 * mailbox commands, the request/response rings in host memory (reached
 * through the DMA addresses the driver gave, as a DMA engine would),
 * fabric login, PLOGI/PRLI/LOGO as originator and responder, and the
 * asynchronous events and Immediate Notify IOCBs the firmware reports.
 *
 * Register writes only record values and queue work; everything else runs
 * in fw context (the fabric's per-CPU workqueue, holding fw_mutex);
 * interrupts are raised by calling the handler the driver connected, from a
 * work item, as a threaded interrupt handler (task context, bottom halves
 * disabled). See qla_emu.h for locking.
 */
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/dma-direct.h>
#include <linux/io.h>

#include "qla_def.h"
#include "qla_iocb.h"
#include "qla_emu.h"

#define QLA_EMU_FW_MAJOR	9
#define QLA_EMU_FW_MINOR	6
#define QLA_EMU_FW_SUB		1
#define QLA_EMU_RISC_ADDR	0x00100000	/* the image's two segments */
#define QLA_EMU_RISC_ADDR2	0x00200000
#define QLA_EMU_LOAD_MAX_WORDS	0x10000
#define QLA_EMU_EXEC_SEMAPHORE	0x0080	/* EXECUTE_FIRMWARE mailbox 11 */
/* where the emulated firmware says it stopped, in MBA_SYSTEM_ERR */
#define QLA_EMU_CRASH_MB1	0x0bad
#define QLA_EMU_CRASH_MB2	0x0001
#define QLA_EMU_CRASH_MB3	0x0000

static struct qla_emu_port *ha_to_emu(struct qla_hw *ha)
{
	return ha->priv;
}

void *qla_emu_dma(struct qla_emu_port *p, u64 dma)
{
	return phys_to_virt(dma_to_phys(&p->dev, dma));
}

/* ---- interrupts ---- */

static void qla_emu_int_load(struct qla_emu_port *p)
{
	struct qla_emu_int *in;

	lockdep_assert_held(&p->reg_lock);
	if ((p->host_status & QLA_HSR_RISC_INT) || !p->int_count)
		return;
	in = &p->ints[p->int_head];
	p->int_head = (p->int_head + 1) % QLA_EMU_MAX_INTS;
	p->int_count--;
	memcpy(&p->mbx_out[1], &in->mb[1], sizeof(p->mbx_out) - 2);
	p->mbx_out[0] = in->mb[0];
	p->host_status = QLA_HSR_RISC_INT | in->type |
			 (u32)in->mb[0] << QLA_HSR_MB0_SHIFT;
	queue_work(p->fab->wq, &p->irq_work);
}

static void qla_emu_raise(struct qla_emu_port *p, u8 type, const u16 *mb,
			  int nmb)
{
	struct qla_emu_int *in;
	unsigned long flags;
	unsigned int i;

	spin_lock_irqsave(&p->reg_lock, flags);
	if (type == QLA_INT_RSP_Q || type == QLA_INT_ATIO_Q ||
	    type == QLA_INT_ATIO_Q_27XX) {
		/* one pending queue update covers every new entry */
		if ((p->host_status & QLA_HSR_RISC_INT) &&
		    (p->host_status & QLA_HSR_INT_TYPE_MASK) == type)
			goto unlock;
		for (i = 0; i < p->int_count; i++)
			if (p->ints[(p->int_head + i) % QLA_EMU_MAX_INTS].type ==
			    type)
				goto unlock;
	}
	if (p->int_count == QLA_EMU_MAX_INTS) {
		dev_warn_ratelimited(&p->dev, "interrupt queue full\n");
		goto unlock;
	}
	in = &p->ints[(p->int_head + p->int_count) % QLA_EMU_MAX_INTS];
	memset(in, 0, sizeof(*in));
	in->type = type;
	if (mb)
		memcpy(in->mb, mb, nmb * sizeof(u16));
	p->int_count++;
	qla_emu_int_load(p);
unlock:
	spin_unlock_irqrestore(&p->reg_lock, flags);
}

static void qla_emu_async(struct qla_emu_port *p, u16 code, u16 mb1, u16 mb2)
{
	u16 mb[3] = { code, mb1, mb2 };

	qla_emu_raise(p, QLA_INT_ASYNC, mb, 3);
}

static void qla_emu_irq_work(struct work_struct *work)
{
	struct qla_emu_port *p = container_of(work, struct qla_emu_port,
					      irq_work);
	irq_handler_t isr;
	unsigned long flags;
	void *arg;

	spin_lock_irqsave(&p->reg_lock, flags);
	isr = p->isr;
	arg = p->isr_arg;
	if (!(p->host_status & QLA_HSR_RISC_INT) ||
	    !(p->ictrl & QLA_ICTRL_EN_RISC_INT))
		isr = NULL;
	spin_unlock_irqrestore(&p->reg_lock, flags);
	if (!isr)
		return;
	/*
	 * As a threaded interrupt handler, in task context on the CPU whose
	 * firmware work raised it, with bottom halves off as for a forced-
	 * threaded one: softirqs it raises run on its exit, here, rather than
	 * by waking ksoftirqd.
	 */
	local_bh_disable();
	isr(0, arg);
	local_bh_enable();
}

/* ---- response ring ---- */

/*
 * Copy one entry into a ring the driver consumes (response or ATIO), move its
 * in-pointer and raise @intr. A full or unset ring drops the entry, as a
 * card's firmware would stall; the driver sizes its rings to avoid that.
 */
/*
 * Post n consecutive entries (one IOCB and the entries it runs on into),
 * wrapping at the ring's end; the in-pointer moves once, past all of them.
 */
static void qla_emu_ring_post(struct qla_emu_port *p, void *const *ring,
			      const u16 *len, u32 *in, const u32 *out,
			      const void *iocb, u32 n, u32 intr,
			      const char *name)
{
	unsigned long flags;
	u32 i, used;

	spin_lock_irqsave(&p->reg_lock, flags);
	if (!*ring || !*len) {
		spin_unlock_irqrestore(&p->reg_lock, flags);
		return;
	}
	used = (*in + *len - *out) % *len;
	if (used + n >= *len) {
		spin_unlock_irqrestore(&p->reg_lock, flags);
		dev_warn_ratelimited(&p->dev, "%s ring full\n", name);
		return;
	}
	for (i = 0; i < n; i++)
		memcpy((u8 *)*ring + ((*in + i) % *len) * QLA_IOCB_SIZE,
		       (const u8 *)iocb + i * QLA_IOCB_SIZE, QLA_IOCB_SIZE);
	wmb();	/* the entries are in memory before the index moves */
	*in = (*in + n) % *len;
	spin_unlock_irqrestore(&p->reg_lock, flags);
	qla_emu_raise(p, intr, NULL, 0);
}

void qla_emu_rsp_post(struct qla_emu_port *p, const void *iocb)
{
	qla_emu_ring_post(p, &p->rsp_ring, &p->rsp_len, &p->rsp_in,
			  &p->rsp_out, iocb, 1, QLA_INT_RSP_Q, "response");
}

/*
 * An ISP27xx without an MSI-X vector for the ATIO queue (firmware options 2
 * bit 26) reports new ATIO entries with its own interrupt type.
 */
void qla_emu_atio_post(struct qla_emu_port *p, const void *entries, u32 n)
{
	u8 intr = p->fo2 & FO2_ATIO_ON_INTX ? QLA_INT_ATIO_Q_27XX :
		  QLA_INT_ATIO_Q;

	qla_emu_ring_post(p, &p->atio_ring, &p->atio_len, &p->atio_in,
			  &p->atio_out, entries, n, intr, "ATIO");
}

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

static void qla_emu_pdb_clear(struct qla_emu_port *p)
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

static int qla_emu_send_els(struct qla_emu_port *p, u32 d_id, u8 r_ctl,
			    u16 ox_id, const u8 *pl, u32 len)
{
	return qla_emu_send_els_from(p, p->port_id, d_id, r_ctl, ox_id, pl,
				     len);
}

static void qla_emu_ls_rsp(struct qla_emu_port *p, u32 d_id, u16 ox_id,
			   u8 req_els, bool accept)
{
	u8 buf[ELS_PLOGI_LEN];
	u32 len;

	if (!accept) {
		memset(buf, 0, 8);
		buf[0] = ELS_LS_RJT;
		buf[5] = 0x09;		/* unable to perform command */
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

static void qla_emu_xchg_free(struct qla_emu_xchg *x)
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

static void qla_emu_xchg_work(struct work_struct *work)
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

static void qla_emu_link_start(struct qla_emu_port *p)
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

static void qla_emu_link_stop(struct qla_emu_port *p, bool report)
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

static void qla_emu_link_work(struct work_struct *work)
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
	u8 els = f->len ? f->payload[0] : 0;
	struct qla_emu_pdb *e;
	u64 wwpn, wwnn;
	u32 wd3, pid;
	u16 mb[4];
	u8 fmt;

	switch (els) {
	case ELS_PLOGI:
		if (qla_els_parse_plogi(f->payload, f->len, &wwpn, &wwnn) < 0)
			goto reject;
		e = qla_emu_pdb_get(p, f->s_id, 0xffff);
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
		qla_emu_ls_rsp(p, f->s_id, f->ox_id, ELS_PLOGI, true);
		return;
	case ELS_PRLI:
		e = qla_emu_pdb_find(p, f->s_id, 0);
		if (!e || qla_els_parse_prli(f->payload, f->len, &wd3) < 0)
			goto reject;
		e->prli_wd3 = wd3;
		e->state = PDS_PRLI_COMPLETE;
		if (tgt) {
			qla_emu_imm_ntfy(p, f, ELS_PRLI, e);
			return;
		}
		qla_emu_ls_rsp(p, f->s_id, f->ox_id, ELS_PRLI, true);
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
		if (e)
			qla_emu_pdb_del(p, e);
		qla_emu_ls_rsp(p, f->s_id, f->ox_id, ELS_LOGO, true);
		qla_emu_async(p, MBA_PORT_UPDATE, 0, 0);
		return;
	case ELS_RSCN:
		/* the fabric sends RSCNs only to ports that sent it SCR */
		if (qla_els_parse_rscn(f->payload, f->len, &pid, &fmt))
			goto reject;
		qla_emu_ls_rsp(p, f->s_id, f->ox_id, ELS_RSCN, true);
		qla_async_rscn_build(mb, pid, fmt, 0);
		qla_emu_raise(p, QLA_INT_ASYNC, mb, ARRAY_SIZE(mb));
		return;
	default:
		break;
	}
reject:
	qla_emu_ls_rsp(p, f->s_id, f->ox_id, els, false);
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
void qla_emu_port_rx(struct qla_emu_port *p, struct qla_emu_frame *f)
{
	lockdep_assert_held(&p->fab->fw_mutex);
	if (!p->fw_running)
		return;
	/* FLOGI replies arrive before the port knows its N_Port ID */
	if (!p->link_up && !(f->r_ctl == FC_RCTL_ELS_REP &&
			     f->s_id == FC_DID_FLOGI))
		return;
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

static void qla_emu_req_logio(struct qla_emu_port *p, const void *iocb)
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

static void qla_emu_req_ct(struct qla_emu_port *p, const void *iocb)
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

static void qla_emu_req_nack(struct qla_emu_port *p, const void *iocb)
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
		dev_warn_ratelimited(&p->dev, "notify ack for 0x%x does not match its notify\n",
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
			       !(d.flags & NOTIFY_ACK_FLAGS_TERMINATE));
	kfree(found);
	done.status = cpu_to_le16(NOTIFY_ACK_SUCCESS);
	qla_emu_rsp_post(p, &done);
}

/* Give a request entry back with the error the firmware found in it. */
void qla_emu_req_reject(struct qla_emu_port *p, void *iocb, u8 status)
{
	((struct qla_iocb_hdr *)iocb)->entry_status = status;
	qla_emu_rsp_post(p, iocb);
}

/*
 * One IOCB: its entry_count entries, copied to p->req_iocb. Only command
 * type 7 and CTIO type 7 take continuations, and every entry after the
 * first must be one.
 */
static void qla_emu_req_one(struct qla_emu_port *p, u32 count)
{
	u8 *iocb = p->req_iocb[0];
	u8 type = qla_iocb_type(iocb);
	u32 i;

	lockdep_assert_held(&p->fab->fw_mutex);
	if (count > 1 && type != COMMAND_TYPE_7 && type != CTIO_TYPE7) {
		qla_emu_req_reject(p, iocb, QLA_ES_INVALID_COUNT);
		return;
	}
	for (i = 1; i < count; i++) {
		if (qla_iocb_type(p->req_iocb[i]) != CONTINUE_A64_TYPE) {
			qla_emu_req_reject(p, iocb, QLA_ES_INVALID_ORDER);
			return;
		}
	}
	switch (type) {
	case MARKER_TYPE:
		break;
	case LOGINOUT_PORT_IOCB_TYPE:
		qla_emu_req_logio(p, iocb);
		break;
	case CT_IOCB_TYPE:
		qla_emu_req_ct(p, iocb);
		break;
	case NOTIFY_ACK_TYPE:
		qla_emu_req_nack(p, iocb);
		break;
	case COMMAND_TYPE_7:
		qla_emu_req_cmd7(p, iocb);
		break;
	case CTIO_TYPE7:
		qla_emu_req_ctio7(p, iocb);
		break;
	case ABORT_IOCB_TYPE:
		qla_emu_req_abort(p, iocb);
		break;
	case TSK_MGMT_IOCB_TYPE:
		qla_emu_req_tmf(p, iocb);
		break;
	case ABTS_RESP_24XX:
		qla_emu_req_abts_resp(p, iocb);
		break;
	case CONTINUE_A64_TYPE:
		/* a continuation without its command */
		qla_emu_req_reject(p, iocb, QLA_ES_INVALID_ORDER);
		break;
	default:
		/* not implemented by this firmware (yet): bounce it */
		qla_emu_req_reject(p, iocb, QLA_ES_INVALID_TYPE);
		break;
	}
}

static void qla_emu_req_work(struct work_struct *work)
{
	struct qla_emu_port *p = container_of(work, struct qla_emu_port,
					      req_work);
	unsigned long flags;
	u32 in, out, avail, count, i;

	/* every entry the driver posted, however many doorbells it rang */
	mutex_lock(&p->fab->fw_mutex);
	for (;;) {
		spin_lock_irqsave(&p->reg_lock, flags);
		in = p->req_in;
		out = p->req_out;
		if (!p->fw_running || !p->req_ring || in == out ||
		    in >= p->req_len || out >= p->req_len) {
			spin_unlock_irqrestore(&p->reg_lock, flags);
			break;
		}
		rmb();	/* read the entries after the index that covers them */
		avail = (in + p->req_len - out) % p->req_len;
		memcpy(p->req_iocb[0], p->req_ring + out * QLA_IOCB_SIZE,
		       QLA_IOCB_SIZE);
		count = ((struct qla_iocb_hdr *)p->req_iocb[0])->entry_count;
		if (!count || count > avail) {
			/* the entry alone, rejected */
			p->req_out = (out + 1) % p->req_len;
			spin_unlock_irqrestore(&p->reg_lock, flags);
			qla_emu_req_reject(p, p->req_iocb[0],
					   QLA_ES_INVALID_COUNT);
			continue;
		}
		/* the firmware copies them all, then gives the entries back */
		for (i = 1; i < count; i++) {
			out = (out + 1) % p->req_len;
			memcpy(p->req_iocb[i],
			       p->req_ring + out * QLA_IOCB_SIZE, QLA_IOCB_SIZE);
		}
		p->req_out = (out + 1) % p->req_len;
		spin_unlock_irqrestore(&p->reg_lock, flags);
		qla_emu_req_one(p, count);
	}
	qla_emu_fw_unlock(p->fab);
}

/* ---- mailbox commands ---- */

/* A 64-bit address in mailboxes 3 (bits 15:0), 2, 7 and 6 (bits 63:48). */
static u64 qla_emu_mbx_dma(const u16 *mb)
{
	return (u64)mb[6] << 48 | (u64)mb[7] << 32 | (u32)mb[2] << 16 | mb[3];
}

static u16 qla_emu_mbx_init_fw(struct qla_emu_port *p, u16 *mb)
{
	u64 dma = qla_emu_mbx_dma(mb);
	struct qla_icb_desc d;
	unsigned long flags;

	if (p->fw_running)
		return MBS_COMMAND_ERROR;	/* once per firmware start */
	qla_parse_icb(qla_emu_dma(p, dma), &d);
	if (!d.req_len || !d.rsp_len || !d.atio_len || !d.port_name ||
	    (d.fo1 & FO1_RSVD_15))
		return MBS_COMMAND_PARAMETER_ERROR;
	spin_lock_irqsave(&p->reg_lock, flags);
	p->req_ring = qla_emu_dma(p, d.req_dma);
	p->rsp_ring = qla_emu_dma(p, d.rsp_dma);
	p->atio_ring = qla_emu_dma(p, d.atio_dma);
	p->req_len = d.req_len;
	p->rsp_len = d.rsp_len;
	p->atio_len = d.atio_len;
	p->req_in = 0;
	p->req_out = 0;
	p->rsp_in = 0;
	p->rsp_out = 0;
	p->atio_in = 0;
	p->atio_out = 0;
	p->fw_running = true;
	spin_unlock_irqrestore(&p->reg_lock, flags);
	/* the role and the names are the driver's, as on a card */
	p->fo1 = d.fo1;
	p->fo2 = d.fo2;
	p->fw_wwpn = d.port_name;
	p->fw_wwnn = d.node_name;
	qla_emu_link_start(p);
	return MBS_COMMAND_COMPLETE;
}

/*
 * The firmware stops (STOP_FIRMWARE, a reset or a crash): the rings go
 * first, so that nothing it ends on the way reaches the driver; the link
 * drops without a LOOP DOWN.
 */
static void qla_emu_fw_stop(struct qla_emu_port *p)
{
	unsigned long flags;

	spin_lock_irqsave(&p->reg_lock, flags);
	p->fw_running = false;
	p->req_ring = NULL;
	p->rsp_ring = NULL;
	p->atio_ring = NULL;
	spin_unlock_irqrestore(&p->reg_lock, flags);
	qla_emu_link_stop(p, false);
}

/*
 * GET_FIRMWARE_STATE: config wait until INITIALIZE_FIRMWARE, loss of sync
 * without a cable, wait login while the fabric login (FLOGI) is under
 * way, ready once the port has its N_Port ID.
 */
static u16 qla_emu_fw_state(struct qla_emu_port *p)
{
	if (!p->fw_running)
		return FSTATE_CONFIG_WAIT;
	if (p->link_up)
		return FSTATE_READY;
	if (!READ_ONCE(p->link_enabled))
		return FSTATE_LOSS_OF_SYNC;
	return FSTATE_WAIT_LOGIN;
}

/*
 * The firmware crashes (the fw_crash control file): it stops where it is,
 * the link goes dark (the switch logs the port out) and it reports
 * MBA_SYSTEM_ERR with the place it stopped in mailboxes 1..3. It answers
 * nothing more until the driver resets the ISP.
 */
static void qla_emu_crash_work(struct work_struct *work)
{
	struct qla_emu_port *p = container_of(work, struct qla_emu_port,
					      crash_work);
	u16 mb[4] = { MBA_SYSTEM_ERR, QLA_EMU_CRASH_MB1, QLA_EMU_CRASH_MB2,
		      QLA_EMU_CRASH_MB3 };

	mutex_lock(&p->fab->fw_mutex);
	if (p->fw_exec && !p->fw_crashed) {
		dev_info(&p->dev, "firmware crash\n");
		p->fw_crashed = true;
		qla_emu_fw_stop(p);
		qla_emu_raise(p, QLA_INT_ASYNC, mb, ARRAY_SIZE(mb));
	}
	qla_emu_fw_unlock(p->fab);
}

void qla_emu_port_crash(struct qla_emu_port *p)
{
	queue_work(p->fab->wq, &p->crash_work);
}

/*
 * A soft reset stops the firmware before anything the driver asks after it.
 * The register write only marks it: the work items may run on other CPUs
 * in another order (the driver's next mailbox command, queued from another
 * CPU, before reset_work), so both apply a pending reset first. Ring entries
 * come only after INITIALIZE_FIRMWARE, a mailbox command.
 */
static void qla_emu_reset_apply(struct qla_emu_port *p)
{
	unsigned long flags;
	bool pending;

	lockdep_assert_held(&p->fab->fw_mutex);
	spin_lock_irqsave(&p->reg_lock, flags);
	pending = p->reset_pending;
	p->reset_pending = false;
	spin_unlock_irqrestore(&p->reg_lock, flags);
	if (!pending)
		return;
	if (p->fw_running)
		qla_emu_fw_stop(p);
	/* back in ROM: the firmware must be loaded and started again */
	p->fw_exec = false;
	p->ram_loaded = false;
	p->fw_verified = false;
	p->ram_sum = 0;
	p->fw_crashed = false;
	memset(p->fw_opts, 0, sizeof(p->fw_opts));
}

static void qla_emu_reset_work(struct work_struct *work)
{
	struct qla_emu_port *p = container_of(work, struct qla_emu_port,
					      reset_work);

	mutex_lock(&p->fab->fw_mutex);
	qla_emu_reset_apply(p);
	qla_emu_fw_unlock(p->fab);
}

/*
 * LOAD_RISC_RAM_EXTENDED: mailboxes 8:1 the RISC address, 4:5 the words,
 * 3, 2, 7, 6 the DMA address. The ROM copies the words into RISC RAM; the
 * model keeps their sum and the first load's address, where the image
 * starts.
 */
static u16 qla_emu_mbx_load_ram(struct qla_emu_port *p, u16 *mb)
{
	u32 addr = (u32)mb[8] << 16 | mb[1];
	u32 words = (u32)mb[4] << 16 | mb[5], i;
	const __le32 *w;

	if (p->fw_exec || !words || words > QLA_EMU_LOAD_MAX_WORDS)
		return MBS_COMMAND_PARAMETER_ERROR;
	w = qla_emu_dma(p, qla_emu_mbx_dma(mb));
	if (!p->ram_loaded) {
		p->ram_loaded = true;
		p->ram_start = addr;
	}
	for (i = 0; i < words; i++)
		p->ram_sum += le32_to_cpu(w[i]);
	p->fw_verified = false;
	return MBS_COMMAND_COMPLETE;
}

/*
 * VERIFY_CHECKSUM: mailboxes 1 (high) and 2 (low) the image's start. The
 * words loaded must sum to 0; else the command fails with the sum in
 * mailboxes 1 (high) and 2 (low), and EXECUTE_FIRMWARE is refused.
 */
static u16 qla_emu_mbx_verify(struct qla_emu_port *p, u16 *mb)
{
	u32 addr = (u32)mb[1] << 16 | mb[2];

	if (p->fw_exec || !p->ram_loaded || addr != p->ram_start)
		return MBS_COMMAND_ERROR;
	if (p->ram_sum) {
		mb[1] = p->ram_sum >> 16;
		mb[2] = p->ram_sum & 0xffff;
		return MBS_COMMAND_ERROR;
	}
	p->fw_verified = true;
	return MBS_COMMAND_COMPLETE;
}

/*
 * EXECUTE_FIRMWARE (24xx..28xx): the start address in mailboxes 1 (high)
 * and 2 (low) must be the loaded image's; mailbox 3 is 0; mailbox 4's
 * options and mailbox 11 ask for features this firmware does not have
 * (BPM, NVMe, extended logins, exchange offload, a minimum speed), so they
 * must be 0 but for the forced semaphore (mailbox 11 bit 7). Answers with
 * the firmware's attributes in mailboxes 1, 2, 3 and 5 (none).
 */
static u16 qla_emu_mbx_exec_fw(struct qla_emu_port *p, u16 *mb)
{
	u32 addr = (u32)mb[1] << 16 | mb[2];

	if (p->fw_exec)
		return MBS_COMMAND_ERROR;
	if (!p->fw_verified || addr != p->ram_start || mb[3] || mb[4] ||
	    (mb[11] & ~QLA_EMU_EXEC_SEMAPHORE))
		return MBS_COMMAND_PARAMETER_ERROR;
	p->fw_exec = true;
	mb[1] = 0;
	mb[2] = 0;
	mb[3] = 0;
	mb[5] = 0;
	return MBS_COMMAND_COMPLETE;
}

static u16 qla_emu_mbx_gpdb(struct qla_emu_port *p, u16 *mb)
{
	u64 dma = qla_emu_mbx_dma(mb);
	struct qla_pdb_desc d = { 0 };
	struct qla_emu_pdb *e = qla_emu_pdb_find(p, 0, mb[1]);

	if (!e)
		return MBS_COMMAND_ERROR;
	d.port_name = e->wwpn;
	d.node_name = e->wwnn;
	d.port_id = e->port_id;
	d.nport_handle = e->handle;
	d.prli_wd3 = e->prli_wd3 & 0xffff;
	d.login_state = e->state;
	qla_build_port_db(qla_emu_dma(p, dma), &d);
	return MBS_COMMAND_COMPLETE;
}

/*
 * SEND_CHANGE_REQUEST: the firmware sends SCR to the fabric controller
 * with the registration function in mailbox 1 (vp index in 9: only the
 * physical port, 0, here).
 */
static u16 qla_emu_mbx_scr(struct qla_emu_port *p, u16 *mb)
{
	u8 buf[ELS_SCR_LEN];
	u32 len;

	if (!p->link_up || mb[9] != 0)
		return MBS_COMMAND_ERROR;
	if (!mb[1] || mb[1] > SCR_FORMAT_FULL)
		return MBS_COMMAND_PARAMETER_ERROR;
	len = qla_els_build_scr(buf, sizeof(buf), mb[1]);
	if (qla_emu_send_els(p, FC_DID_FCTRL, FC_RCTL_ELS_REQ,
			     p->next_ox_id++, buf, len))
		return MBS_COMMAND_ERROR;
	if (p->next_ox_id == 0xffff)
		p->next_ox_id = 1;
	return MBS_COMMAND_COMPLETE;
}

static void qla_emu_mbx_work(struct work_struct *work)
{
	struct qla_emu_port *p = container_of(work, struct qla_emu_port,
					      mbx_work);
	u16 mb[QLA_MBX_COUNT];
	unsigned long flags;

	mutex_lock(&p->fab->fw_mutex);
	qla_emu_reset_apply(p);
	spin_lock_irqsave(&p->reg_lock, flags);
	memcpy(mb, p->mbx_in, sizeof(mb));
	spin_unlock_irqrestore(&p->reg_lock, flags);

	if (p->fw_crashed) {
		/* a stopped RISC: the command times out */
		qla_emu_fw_unlock(p->fab);
		return;
	}
	if (!p->fw_exec && mb[0] != MBC_EXECUTE_FIRMWARE &&
	    mb[0] != MBC_MAILBOX_REGISTER_TEST &&
	    mb[0] != MBC_VERIFY_CHECKSUM &&
	    mb[0] != MBC_LOAD_RISC_RAM_EXTENDED) {
		/* the ROM knows only how to load and start firmware */
		mb[0] = MBS_INVALID_COMMAND;
		goto answer;
	}
	switch (mb[0]) {
	case MBC_EXECUTE_FIRMWARE:
		mb[0] = qla_emu_mbx_exec_fw(p, mb);
		break;
	case MBC_MAILBOX_REGISTER_TEST:
		mb[0] = MBS_COMMAND_COMPLETE;
		break;
	case MBC_LOAD_RISC_RAM_EXTENDED:
		mb[0] = qla_emu_mbx_load_ram(p, mb);
		break;
	case MBC_VERIFY_CHECKSUM:
		mb[0] = qla_emu_mbx_verify(p, mb);
		break;
	case MBC_GET_FIRMWARE_VERSION:
		mb[0] = MBS_COMMAND_COMPLETE;
		mb[1] = QLA_EMU_FW_MAJOR;
		mb[2] = QLA_EMU_FW_MINOR;
		mb[3] = QLA_EMU_FW_SUB;
		mb[6] = 0;
		break;
	case MBC_INITIALIZE_FIRMWARE:
		mb[0] = qla_emu_mbx_init_fw(p, mb);
		break;
	case MBC_STOP_FIRMWARE:
		qla_emu_fw_stop(p);
		mb[0] = MBS_COMMAND_COMPLETE;
		break;
	case MBC_GET_ADAPTER_LOOP_ID:
		if (!p->link_up) {
			mb[0] = MBS_COMMAND_ERROR;
			break;
		}
		/* an N_Port on a switch's F_Port; no switch capabilities */
		mb[0] = MBS_COMMAND_COMPLETE;
		mb[1] = 0;
		mb[2] = p->port_id & 0xffff;
		mb[3] = p->port_id >> 16;
		mb[6] = QLA_TOPO_FABRIC;
		mb[7] = 0;
		break;
	case MBC_GET_PORT_DATABASE:
		mb[0] = qla_emu_mbx_gpdb(p, mb);
		break;
	case MBC_GET_FIRMWARE_STATE:
		mb[0] = MBS_COMMAND_COMPLETE;
		mb[1] = qla_emu_fw_state(p);
		break;
	case MBC_SET_FIRMWARE_OPTION:
		/*
		 * The additional firmware options (none of them the role,
		 * which comes from the init control block): kept, unused.
		 */
		p->fw_opts[1] = mb[1];
		p->fw_opts[2] = mb[2];
		p->fw_opts[3] = mb[3];
		p->fw_opts[10] = mb[10];
		mb[0] = MBS_COMMAND_COMPLETE;
		break;
	case MBC_SEND_CHANGE_REQUEST:
		mb[0] = qla_emu_mbx_scr(p, mb);
		break;
	case MBC_LIP_FULL_LOGIN:
		if (!p->fw_running) {
			mb[0] = MBS_COMMAND_ERROR;
			break;
		}
		qla_emu_link_stop(p, true);
		qla_emu_link_start(p);
		mb[0] = MBS_COMMAND_COMPLETE;
		break;
	default:
		mb[0] = MBS_INVALID_COMMAND;
		break;
	}
answer:
	qla_emu_raise(p, mb[0] == MBS_COMMAND_COMPLETE ? QLA_INT_MBX_DONE :
		      QLA_INT_MBX_ERR, mb, QLA_MBX_COUNT);
	qla_emu_fw_unlock(p->fab);
}

/* ---- the models, their BARs and their flash ---- */

#define QLA_EMU_FLT_NVRAM	0x200000	/* byte address of NVRAM 0 */
#define QLA_EMU_FLT_NVRAM_STEP	0x1000
#define QLA_EMU_FLT_FW		0x100000	/* byte address of the image */

static const struct qla_emu_model qla_emu_models[] = {
	{ "2432", 0x2432, "QLE2462", 1, 1, QLA_EMU_NV_NVRAM,
	  QLA_FARX_FLASH_DATA, 0 },
	{ "2532", 0x2532, "QLE2562", 1, 1, QLA_EMU_NV_VPD,
	  QLA_FARX_FLASH_DATA, 0 },
	{ "2031", 0x2031, "QLE2672", 0, 4, QLA_EMU_NV_FLT,
	  QLA_FARX_FLASH_DATA_81XX, QLA_FA_FLT_83XX },
	{ "2722", 0x2261, "QLE2692", 0, 4, QLA_EMU_NV_FLT,
	  QLA_FARX_FLASH_DATA_81XX, QLA_FA_FLT_83XX },
	{ "2071", 0x2071, "QLE2742", 0, 4, QLA_EMU_NV_FLT,
	  QLA_FARX_FLASH_DATA_81XX, QLA_FA_FLT_83XX },
	{ "2812", 0x2281, "QLE2772", 0, 4, QLA_EMU_NV_FLT,
	  QLA_FARX_FLASH_DATA_28XX, QLA_FA_FLT_28XX },
	{ "2081", 0x2081, "QLE2782", 0, 4, QLA_EMU_NV_FLT,
	  QLA_FARX_FLASH_DATA_28XX, QLA_FA_FLT_28XX },
};

/* an ISP2261 (27xx, QLE2692): the model of ports given no other */
const struct qla_emu_model *qla_emu_model_default = &qla_emu_models[3];

/* A model by its key, or by its PCI device id in hex. */
const struct qla_emu_model *qla_emu_model_find(const char *key)
{
	unsigned int i;
	u16 id;

	for (i = 0; i < ARRAY_SIZE(qla_emu_models); i++)
		if (!strcmp(key, qla_emu_models[i].key))
			return &qla_emu_models[i];
	if (kstrtou16(key, 16, &id))
		return NULL;
	for (i = 0; i < ARRAY_SIZE(qla_emu_models); i++)
		if (qla_emu_models[i].device_id == id)
			return &qla_emu_models[i];
	return NULL;
}

/* The flash as the card ships it: NVRAM with the port's names, the FLT. */
void qla_emu_port_flash_init(struct qla_emu_port *p)
{
	struct qla_nvram_desc d = { .wwpn = p->wwpn, .wwnn = p->wwnn };
	static const u16 codes[QLA_EMU_FLT_REGIONS - 1] = {
		QLA_FLT_REG_NVRAM_0, QLA_FLT_REG_NVRAM_1,
		QLA_FLT_REG_NVRAM_2, QLA_FLT_REG_NVRAM_3,
	};
	static const struct qla_fw_seg segs[QLA_FW_SEGMENTS] = {
		{ QLA_EMU_RISC_ADDR, 64 },
		{ QLA_EMU_RISC_ADDR2, QLA_EMU_FW_WORDS - 64 },
	};
	static const u16 version[] = {
		QLA_EMU_FW_MAJOR, QLA_EMU_FW_MINOR, QLA_EMU_FW_SUB,
	};
	struct qla_flt_desc r[QLA_EMU_FLT_REGIONS];
	int i;

	strscpy(d.model, p->model->model, sizeof(d.model));
	qla_build_nvram(p->nvram, &d);
	for (i = 0; i < QLA_EMU_FLT_REGIONS - 1; i++) {
		r[i].code = codes[i];
		r[i].start = QLA_EMU_FLT_NVRAM + i * QLA_EMU_FLT_NVRAM_STEP;
		r[i].size = QLA_NV_SIZE;
	}
	r[i].code = QLA_FLT_REG_FW;
	r[i].start = QLA_EMU_FLT_FW;
	r[i].size = sizeof(p->fw_image);
	qla_build_flt(p->flt, sizeof(p->flt), r, QLA_EMU_FLT_REGIONS);
	qla_build_fw_image(p->fw_image, QLA_EMU_FW_WORDS, segs,
			   QLA_FW_SEGMENTS, version);
}

static u32 qla_emu_dword(const u8 *b, u32 i)
{
	__le32 w;

	memcpy(&w, b + 4 * i, 4);
	return le32_to_cpu(w);
}

/*
 * A dword of flash or NVRAM at a QLA_REG_FLASH_ADDR address; erased flash
 * (all ones) where the model keeps nothing. The NVRAM is this function's
 * only, at the place its family keeps it.
 */
static u32 qla_emu_flash_rd(struct qla_emu_port *p, u32 addr)
{
	const struct qla_emu_model *m = p->model;
	u32 nv_dw = QLA_NV_SIZE / 4, nv, faddr, fw;

	lockdep_assert_held(&p->reg_lock);
	nv = p->func ? QLA_FA_NVRAM_FUNC1 : QLA_FA_NVRAM_FUNC0;
	if (m->nv == QLA_EMU_NV_NVRAM && (addr & 0xffff0000) ==
	    QLA_FARX_NVRAM_DATA)
		return (addr & 0xffff) - nv < nv_dw ?
		       qla_emu_dword(p->nvram, (addr & 0xffff) - nv) : ~0U;
	if (addr < m->flash_data_off || addr - m->flash_data_off >= 0x100000)
		return ~0U;
	faddr = addr - m->flash_data_off;
	/* the image's bytes are the file's: big-endian words */
	fw = m->nv == QLA_EMU_NV_FLT ? QLA_EMU_FLT_FW / 4 : QLA_FA_FW_25XX;
	if (faddr - fw < QLA_EMU_FW_WORDS)
		return swab32(p->fw_image[faddr - fw]);
	if (m->nv == QLA_EMU_NV_VPD) {
		nv |= QLA_FA_VPD_NVRAM;
		return faddr - nv < nv_dw ?
		       qla_emu_dword(p->nvram, faddr - nv) : ~0U;
	}
	if (m->nv != QLA_EMU_NV_FLT)
		return ~0U;
	if (faddr - m->flt_addr < sizeof(p->flt) / 4)
		return qla_emu_dword(p->flt, faddr - m->flt_addr);
	nv = (QLA_EMU_FLT_NVRAM + p->func * QLA_EMU_FLT_NVRAM_STEP) / 4;
	return faddr - nv < nv_dw ? qla_emu_dword(p->nvram, faddr - nv) : ~0U;
}

/* ctl fw_corrupt: one word of the flash's firmware image goes bad. */
void qla_emu_port_fw_corrupt(struct qla_emu_port *p)
{
	unsigned long flags;

	spin_lock_irqsave(&p->reg_lock, flags);
	p->fw_image[QLA_EMU_FW_WORDS / 2] ^= 0x00010000;
	spin_unlock_irqrestore(&p->reg_lock, flags);
}

/*
 * (BAR, offset) -> the register-file offset it decodes to, or ~0U. A model
 * whose queue pointers live in the multiqueue window (q_bar) decodes
 * nothing at the register file's queue offsets.
 */
static u32 qla_emu_decode(struct qla_emu_port *p, u8 bar, u32 off)
{
	static const u32 mq[][2] = {
		{ QLA_MQ_REQ_Q_IN, QLA_REG_REQ_Q_IN },
		{ QLA_MQ_REQ_Q_OUT, QLA_REG_REQ_Q_OUT },
		{ QLA_MQ_RSP_Q_IN, QLA_REG_RSP_Q_IN },
		{ QLA_MQ_RSP_Q_OUT, QLA_REG_RSP_Q_OUT },
		{ QLA_MQ_ATIO_Q_IN, QLA_REG_ATIO_Q_IN },
		{ QLA_MQ_ATIO_Q_OUT, QLA_REG_ATIO_Q_OUT },
	};
	const struct qla_emu_model *m = p->model;
	unsigned int i;

	if (bar == m->reg_bar) {
		if (m->q_bar == m->reg_bar)
			return off;
		for (i = 0; i < ARRAY_SIZE(mq); i++)
			if (off == mq[i][1])
				return ~0U;
		return off;
	}
	if (bar == m->q_bar) {
		for (i = 0; i < ARRAY_SIZE(mq); i++)
			if (off == mq[i][0])
				return mq[i][1];
	}
	return ~0U;
}

/* ---- the register file (qla_hw_ops) ---- */

static u32 qla_emu_rd_reg(struct qla_hw *ha, u8 bar, u32 off)
{
	struct qla_emu_port *p = ha_to_emu(ha);
	unsigned long flags;
	u32 v = 0;

	off = qla_emu_decode(p, bar, off);
	if (off == ~0U)
		return ~0U;
	spin_lock_irqsave(&p->reg_lock, flags);
	switch (off) {
	case QLA_REG_FLASH_ADDR:
		v = p->flash_addr;
		break;
	case QLA_REG_FLASH_DATA:
		v = p->flash_data;
		break;
	case QLA_REG_CTRL_STATUS:
		v = p->ctrl_status;
		break;
	case QLA_REG_ICTRL:
		v = p->ictrl;
		break;
	case QLA_REG_ISTATUS:
		v = p->host_status & QLA_HSR_RISC_INT ? QLA_ISTATUS_RISC_INT : 0;
		break;
	case QLA_REG_REQ_Q_IN:
		v = p->req_in;
		break;
	case QLA_REG_REQ_Q_OUT:
		v = p->req_out;
		break;
	case QLA_REG_RSP_Q_IN:
		v = p->rsp_in;
		break;
	case QLA_REG_RSP_Q_OUT:
		v = p->rsp_out;
		break;
	case QLA_REG_ATIO_Q_IN:
		v = p->atio_in;
		break;
	case QLA_REG_ATIO_Q_OUT:
		v = p->atio_out;
		break;
	case QLA_REG_HOST_STATUS:
		v = p->host_status;
		break;
	default:
		break;
	}
	spin_unlock_irqrestore(&p->reg_lock, flags);
	return v;
}

static void qla_emu_wr_reg(struct qla_hw *ha, u8 bar, u32 off, u32 val)
{
	struct qla_emu_port *p = ha_to_emu(ha);
	struct workqueue_struct *wq = p->fab->wq;
	unsigned long flags;

	off = qla_emu_decode(p, bar, off);
	if (off == ~0U)
		return;
	spin_lock_irqsave(&p->reg_lock, flags);
	switch (off) {
	case QLA_REG_FLASH_ADDR:
		/* a read completes at once: data ready, flag set */
		p->flash_addr = val;
		if (!(val & QLA_FARX_DATA_FLAG)) {
			p->flash_data = qla_emu_flash_rd(p, val);
			p->flash_addr |= QLA_FARX_DATA_FLAG;
		}
		break;
	case QLA_REG_CTRL_STATUS:
		if (val & QLA_CSR_ISP_SOFT_RESET) {
			/* the reset completes at once: state is cleared */
			p->host_status = 0;
			p->int_count = 0;
			p->req_in = 0;
			p->req_out = 0;
			p->rsp_in = 0;
			p->rsp_out = 0;
			p->atio_in = 0;
			p->atio_out = 0;
			memset(p->mbx_out, 0, sizeof(p->mbx_out));
			p->reset_pending = true;
			queue_work(wq, &p->reset_work);
		}
		p->ctrl_status = 0;
		break;
	case QLA_REG_ICTRL:
		p->ictrl = val;
		break;
	case QLA_REG_REQ_Q_IN:
		p->req_in = val;
		queue_work(wq, &p->req_work);
		break;
	case QLA_REG_REQ_Q_OUT:
		p->req_out = val;
		break;
	case QLA_REG_RSP_Q_IN:
		p->rsp_in = val;
		break;
	case QLA_REG_RSP_Q_OUT:
		p->rsp_out = val;
		break;
	case QLA_REG_ATIO_Q_IN:
		p->atio_in = val;
		break;
	case QLA_REG_ATIO_Q_OUT:
		p->atio_out = val;
		break;
	case QLA_REG_HCCR:
		switch (val & QLA_HCCR_CMD_MASK) {
		case QLA_HCCR_SET_HOST_INT:
			queue_work(wq, &p->mbx_work);
			break;
		case QLA_HCCR_CLR_RISC_INT:
			p->host_status = 0;
			qla_emu_int_load(p);
			break;
		default:
			break;
		}
		break;
	default:
		break;
	}
	spin_unlock_irqrestore(&p->reg_lock, flags);
}

static u16 qla_emu_rd_reg16(struct qla_hw *ha, u8 bar, u32 off)
{
	struct qla_emu_port *p = ha_to_emu(ha);
	unsigned long flags;
	u32 i = (off - QLA_REG_MAILBOX(0)) / 2;
	u16 v = 0;

	if (bar != p->model->reg_bar || off < QLA_REG_MAILBOX(0) ||
	    i >= QLA_MBX_COUNT)
		return 0xffff;
	spin_lock_irqsave(&p->reg_lock, flags);
	v = p->mbx_out[i];
	spin_unlock_irqrestore(&p->reg_lock, flags);
	return v;
}

static void qla_emu_wr_reg16(struct qla_hw *ha, u8 bar, u32 off, u16 val)
{
	struct qla_emu_port *p = ha_to_emu(ha);
	unsigned long flags;
	u32 i = (off - QLA_REG_MAILBOX(0)) / 2;

	if (bar != p->model->reg_bar || off < QLA_REG_MAILBOX(0) ||
	    i >= QLA_MBX_COUNT)
		return;
	spin_lock_irqsave(&p->reg_lock, flags);
	p->mbx_in[i] = val;
	spin_unlock_irqrestore(&p->reg_lock, flags);
}

static int qla_emu_irq_setup(struct qla_hw *ha, irq_handler_t isr)
{
	struct qla_emu_port *p = ha_to_emu(ha);
	unsigned long flags;

	spin_lock_irqsave(&p->reg_lock, flags);
	p->isr = isr;
	p->isr_arg = ha;
	spin_unlock_irqrestore(&p->reg_lock, flags);
	return 0;
}

static void qla_emu_irq_teardown(struct qla_hw *ha)
{
	struct qla_emu_port *p = ha_to_emu(ha);
	unsigned long flags;

	spin_lock_irqsave(&p->reg_lock, flags);
	p->isr = NULL;
	p->isr_arg = NULL;
	spin_unlock_irqrestore(&p->reg_lock, flags);
	cancel_work_sync(&p->irq_work);
}

static void qla_emu_bus_info(struct qla_hw *ha, u16 *device_id, u8 *func)
{
	struct qla_emu_port *p = ha_to_emu(ha);

	*device_id = p->model->device_id;
	*func = p->func;
}

const struct qla_hw_ops qla_emu_hw_ops = {
	.name = "emulated ISP",
	.bus_info = qla_emu_bus_info,
	.rd_reg = qla_emu_rd_reg,
	.wr_reg = qla_emu_wr_reg,
	.rd_reg16 = qla_emu_rd_reg16,
	.wr_reg16 = qla_emu_wr_reg16,
	.irq_setup = qla_emu_irq_setup,
	.irq_teardown = qla_emu_irq_teardown,
};

void qla_emu_port_init(struct qla_emu_port *p)
{
	spin_lock_init(&p->reg_lock);
	INIT_LIST_HEAD(&p->pdb);
	INIT_LIST_HEAD(&p->xchgs);
	INIT_LIST_HEAD(&p->ntfys);
	INIT_LIST_HEAD(&p->ioxs);
	INIT_LIST_HEAD(&p->txs);
	INIT_WORK(&p->mbx_work, qla_emu_mbx_work);
	INIT_WORK(&p->req_work, qla_emu_req_work);
	INIT_WORK(&p->irq_work, qla_emu_irq_work);
	INIT_WORK(&p->reset_work, qla_emu_reset_work);
	INIT_WORK(&p->link_work, qla_emu_link_work);
	INIT_WORK(&p->crash_work, qla_emu_crash_work);
	INIT_DELAYED_WORK(&p->xchg_work, qla_emu_xchg_work);
	p->next_ox_id = 1;
	p->link_enabled = true;
}

/* After the driver let go: cancel the port's work, free firmware state. */
void qla_emu_port_quiesce(struct qla_emu_port *p)
{
	struct qla_emu_xchg *x, *t;
	struct qla_emu_ntfy *n, *nt;

	cancel_work_sync(&p->mbx_work);
	cancel_work_sync(&p->req_work);
	cancel_work_sync(&p->irq_work);
	cancel_work_sync(&p->reset_work);
	cancel_work_sync(&p->link_work);
	cancel_work_sync(&p->crash_work);
	cancel_delayed_work_sync(&p->xchg_work);
	mutex_lock(&p->fab->fw_mutex);
	qla_emu_frames_cancel(p, false);
	mutex_unlock(&p->fab->fw_mutex);
	list_for_each_entry_safe(x, t, &p->xchgs, node)
		qla_emu_xchg_free(x);
	list_for_each_entry_safe(n, nt, &p->ntfys, node) {
		list_del(&n->node);
		kfree(n);
	}
	qla_emu_fcp_free(p);
	qla_emu_pdb_clear(p);
}
