// SPDX-License-Identifier: GPL-2.0
/*
 * qla_emu_regs.c: an emulated ISP's register file, as the bus of
 * qla_emu_bus.h offers it to the driver: (BAR, offset) decoded per model
 * (the register file, or the multiqueue window's queue pointers), the
 * mailboxes, HCCR, host status, the flash address/data registers and the
 * ring pointers; the interrupt line (pending causes raised one at a time,
 * the driver's handler called from a work item); the response and ATIO
 * rings it posts to, and DMA addresses turned into memory.
 *
 * Register accesses take reg_lock (inside the driver's hw_lock) and only
 * record values and queue firmware work. See qla_emu.h for locking.
 */
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/dma-direct.h>

#include "qla_iocb.h"
#include "qla_emu.h"

void *qla_emu_dma(struct qla_emu_port *p, u64 dma)
{
	return phys_to_virt(dma_to_phys(qla_emu_dev(p), dma));
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

void qla_emu_raise(struct qla_emu_port *p, u8 type, const u16 *mb,
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
		dev_warn_ratelimited(qla_emu_dev(p), "interrupt queue full\n");
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

void qla_emu_async(struct qla_emu_port *p, u16 code, u16 mb1, u16 mb2)
{
	u16 mb[3] = { code, mb1, mb2 };

	qla_emu_raise(p, QLA_INT_ASYNC, mb, 3);
}

/* The base queues' in and out pointers back to 0; under reg_lock. */
void qla_emu_queues_reset(struct qla_emu_port *p)
{
	lockdep_assert_held(&p->reg_lock);
	p->req_in = 0;
	p->req_out = 0;
	p->rsp_in = 0;
	p->rsp_out = 0;
	p->atio_in = 0;
	p->atio_out = 0;
}

/*
 * A remote port's login is gone (it logged this port out): port database
 * update with its N_Port handle, login state 0x7 (logged out), for the
 * physical port (virtual port index 0), as the firmware reports it.
 */
void qla_emu_port_logged_out(struct qla_emu_port *p, u16 handle)
{
	u16 mb[4] = { MBA_PORT_UPDATE, handle, 0x7, 0 };

	qla_emu_raise(p, QLA_INT_ASYNC, mb, 4);
}

void qla_emu_irq_work(struct work_struct *work)
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
		dev_warn_ratelimited(qla_emu_dev(p), "%s ring full\n", name);
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

/* ---- the register file (the bus of qla_emu_bus.h) ---- */

static u32 qla_emu_rd32(void *ctx, u8 bar, u32 off)
{
	struct qla_emu_port *p = ctx;
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

static void qla_emu_wr32(void *ctx, u8 bar, u32 off, u32 val)
{
	struct qla_emu_port *p = ctx;
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
			qla_emu_queues_reset(p);
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

static u16 qla_emu_rd16(void *ctx, u8 bar, u32 off)
{
	struct qla_emu_port *p = ctx;
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

static void qla_emu_wr16(void *ctx, u8 bar, u32 off, u16 val)
{
	struct qla_emu_port *p = ctx;
	unsigned long flags;
	u32 i = (off - QLA_REG_MAILBOX(0)) / 2;

	if (bar != p->model->reg_bar || off < QLA_REG_MAILBOX(0) ||
	    i >= QLA_MBX_COUNT)
		return;
	spin_lock_irqsave(&p->reg_lock, flags);
	p->mbx_in[i] = val;
	spin_unlock_irqrestore(&p->reg_lock, flags);
}

static int qla_emu_irq_connect(void *ctx, irq_handler_t isr, void *cookie)
{
	struct qla_emu_port *p = ctx;
	unsigned long flags;

	spin_lock_irqsave(&p->reg_lock, flags);
	p->isr = isr;
	p->isr_arg = cookie;
	spin_unlock_irqrestore(&p->reg_lock, flags);
	return 0;
}

static void qla_emu_irq_disconnect(void *ctx)
{
	struct qla_emu_port *p = ctx;
	unsigned long flags;

	spin_lock_irqsave(&p->reg_lock, flags);
	p->isr = NULL;
	p->isr_arg = NULL;
	spin_unlock_irqrestore(&p->reg_lock, flags);
	cancel_work_sync(&p->irq_work);
}

static void qla_emu_bus_info(void *ctx, u16 *device_id, u8 *func)
{
	struct qla_emu_port *p = ctx;

	*device_id = p->model->device_id;
	*func = p->func;
}

const struct qla_emu_bus_ops qla_emu_bus_ops = {
	.bus_info = qla_emu_bus_info,
	.rd32 = qla_emu_rd32,
	.wr32 = qla_emu_wr32,
	.rd16 = qla_emu_rd16,
	.wr16 = qla_emu_wr16,
	.irq_connect = qla_emu_irq_connect,
	.irq_disconnect = qla_emu_irq_disconnect,
};
