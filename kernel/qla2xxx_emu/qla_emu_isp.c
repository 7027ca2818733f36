// SPDX-License-Identifier: GPL-2.0
/*
 * qla_emu_isp.c: an emulated ISP24xx, its core: the request ring the
 * firmware takes IOCBs from (an IOCB and its continuations together, handed
 * to the engine of its type: qla_emu_els.c, qla_emu_fcp_ini.c,
 * qla_emu_fcp_tgt.c), and a port's firmware state set up and torn down.
 * The rest of the ISP: qla_emu_regs.c (register file, interrupts, the rings
 * the driver consumes), qla_emu_mbx.c (mailbox firmware, reset, crash),
 * qla_emu_flash.c (models, flash, NVRAM), qla_emu_els.c (port database,
 * ELS/CT exchanges, link).
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

#include "qla_iocb.h"
#include "qla_emu.h"

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
