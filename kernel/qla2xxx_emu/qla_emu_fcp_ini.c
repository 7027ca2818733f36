// SPDX-License-Identifier: GPL-2.0
/*
 * qla_emu_fcp_ini.c: the emulated firmware's FCP initiator, in fw context:
 * command type 7 -> an exchange and FCP_CMND; FCP_DATA written and
 * XFER_RDY answered through the command's data segments; FCP_RSP -> status
 * type 0 (and status continuations); the abort IOCB -> ABTS, completed at
 * BA_ACC/BA_RJT or timeout; the task management IOCB -> FCP_CMND with the
 * TMF flag, completed from its FCP_RSP; TMFs the tmf control file injects.
 */
#include <linux/slab.h>
#include <linux/dma-direct.h>
#include <scsi/scsi_common.h>

#include "qla_iocb.h"
#include "qla_emu.h"

/*
 * A command's status entry. The FCP_RSP's response information and sense
 * go in its data area, in that order; sense that does not fit follows in
 * status continuation entries, and sense_len counts all of it.
 */
static void qla_emu_sts(struct qla_emu_port *p, u32 handle, u16 comp,
			const struct qla_fcp_rsp_iu *r, u32 resid)
{
	struct qla_sts_desc d = {
		.handle = handle,
		.comp_status = comp,
		.residual = resid,
	};
	struct qla_sts_cont cont;
	struct qla_sts24 sts;
	u32 info = 0, off = 0, n;

	if (r) {
		d.scsi_status = r->scsi_status;
		if (r->flags & FCP_RESID_UNDER)
			d.scsi_status |= STS24_RESID_UNDER;
		if (r->flags & FCP_RESID_OVER)
			d.scsi_status |= STS24_RESID_OVER;
		d.rsp_residual = r->resid;
		if (r->flags & FCP_RSP_LEN_VAL) {
			info = FCP_RSP_INFO_LEN;
			d.scsi_status |= STS24_RSP_LEN_VALID;
			d.rsp_data_len = info;
			d.data[3] = r->rsp_code;
		}
		if ((r->flags & FCP_SNS_LEN_VAL) && r->sense_len) {
			d.scsi_status |= STS24_SENSE_LEN_VALID;
			d.sense_len = r->sense_len;
			off = min_t(u32, r->sense_len, sizeof(d.data) - info);
			memcpy(d.data + info, r->sense, off);
		}
	}
	qla_build_sts24(&sts, &d);
	qla_emu_rsp_post(p, &sts);
	for (; r && off < r->sense_len; off += n) {
		n = min_t(u32, r->sense_len - off, sizeof(cont.data));
		qla_build_sts_cont(&cont, r->sense + off, n);
		qla_emu_rsp_post(p, &cont);
	}
}

static struct qla_emu_iox *qla_emu_iox_find(struct qla_emu_port *p,
					    u32 d_id, u16 ox_id)
{
	struct qla_emu_iox *x;

	list_for_each_entry(x, &p->ioxs, node)
		if (x->ox_id == ox_id && x->d_id == d_id)
			return x;
	return NULL;
}

/* The exchange timer (qla_emu_fcp_expire) runs within 100 ms. */
void qla_emu_timer_arm(struct qla_emu_port *p)
{
	/* not mod_delayed_work: a steady stream of CTIOs would defer it */
	queue_delayed_work(p->fab->wq, &p->xchg_work, msecs_to_jiffies(100));
}

void qla_emu_iox_end(struct qla_emu_iox *x)
{
	list_del(&x->node);
	qla_emu_sgl_free(&x->sgl);
	kfree(x);
}

/* The tmf control file's line for an injected function: what became of it. */
static void qla_emu_tmf_note(struct qla_emu_port *p,
			     const struct qla_emu_iox *x, const char *what)
{
	snprintf(p->fab->tmf_result, sizeof(p->fab->tmf_result),
		 "flags=0x%02x lun=%llu to=%06x: %s\n", x->tmf_flag,
		 scsilun_to_int((struct scsi_lun *)x->tmf.lun), x->d_id, what);
}

/*
 * Complete a task management IOCB and end its exchange. As a card does, it
 * completes with a status entry built from the target's FCP_RSP (r), as a
 * command's would be: its FCP_RSP_INFO, with the RSP_CODE, in the data
 * area; without an answer (r NULL), with comp alone.
 */
static void qla_emu_tmf_end(struct qla_emu_port *p, struct qla_emu_iox *x,
			    u16 comp, const struct qla_fcp_rsp_iu *r)
{
	char what[48];

	if (x->injected) {
		if (r && (r->flags & FCP_RSP_LEN_VAL))
			snprintf(what, sizeof(what), "rsp_code=%u",
				 r->rsp_code);
		else if (r)
			snprintf(what, sizeof(what),
				 "scsi_status=0x%02x without response info",
				 r->scsi_status);
		else
			snprintf(what, sizeof(what), "no answer (0x%x)", comp);
		qla_emu_tmf_note(p, x, what);
		qla_emu_iox_end(x);
		return;
	}
	qla_emu_sts(p, x->tmf.handle, comp, r, 0);
	qla_emu_iox_end(x);
}

/*
 * End an exchange the driver aborted with an ABTS: the command comes back
 * CS_ABORTED, then the abort IOCB with @comp: CS_COMPLETE once the target
 * answered (BA_ACC or BA_RJT: either way it holds no exchange), CS_TIMEOUT
 * when it did not, CS_PORT_LOGGED_OUT when the port went away.
 */
void qla_emu_abort_end(struct qla_emu_port *p, struct qla_emu_iox *x,
		       u16 comp)
{
	struct qla_abort24 done;

	qla_emu_sts(p, x->cmd.handle, CS_ABORTED, NULL, 0);
	/* on completion nport_handle carries the completion status */
	x->abort.nport_handle = comp;
	qla_build_abort(&done, &x->abort);
	qla_emu_rsp_post(p, &done);
	qla_emu_iox_end(x);
}

/* End an exchange without an answer from the target. */
void qla_emu_iox_fail(struct qla_emu_port *p, struct qla_emu_iox *x,
		      u16 comp)
{
	if (x->aborting) {
		/* a task management function that ended it ended the abort */
		qla_emu_abort_end(p, x, comp == CS_ABORTED ? CS_COMPLETE : comp);
		return;
	}
	if (x->is_tmf) {
		qla_emu_tmf_end(p, x, comp, NULL);
		return;
	}
	qla_emu_sts(p, x->cmd.handle, comp, NULL, 0);
	qla_emu_iox_end(x);
}

/*
 * Open an exchange with d_id as originator: an iox on p->ioxs with the
 * next OX_ID, and its FCP_CMND frame for the caller to fill and send.
 * NULL when out of memory.
 */
static struct qla_emu_iox *qla_emu_iox_open(struct qla_emu_port *p, u32 d_id,
					    struct qla_emu_frame **fp)
{
	struct qla_emu_iox *x = kzalloc(sizeof(*x), GFP_KERNEL);
	struct qla_emu_frame *f;

	if (!x)
		return NULL;
	f = qla_emu_fcp_frame(p, d_id, FC_RCTL_DD_UNSOL_CMD, 0, 0xffff,
			      FCP_CMND_LEN);
	if (!f) {
		kfree(x);
		return NULL;
	}
	x->d_id = d_id;
	x->ox_id = p->next_ox_id++;
	if (p->next_ox_id == 0xffff)
		p->next_ox_id = 1;
	x->rx_id = 0xffff;
	f->ox_id = x->ox_id;
	list_add_tail(&x->node, &p->ioxs);
	*fp = f;
	return x;
}

void qla_emu_req_cmd7(struct qla_emu_port *p, void *iocb)
{
	struct qla_fcp_cmnd_iu c = { 0 };
	struct qla_emu_frame *f;
	struct qla_emu_iox *x;
	struct qla_emu_pdb *e;
	struct qla_cmd7_desc d;
	struct qla_emu_sgl s;

	if (qla_parse_cmd7(iocb, &d) || qla_emu_dseg_bad(p, iocb, d.dseg_count))
		return;
	e = p->link_up ? qla_emu_pdb_find(p, 0, d.nport_handle) : NULL;
	if (!e || e->state != PDS_PRLI_COMPLETE || e->port_id != d.port_id) {
		qla_emu_sts(p, d.handle, CS_PORT_LOGGED_OUT, NULL, 0);
		return;
	}
	if (qla_emu_sgl_read(&s, iocb, d.dseg_count, d.dsd_addr, d.dsd_len)) {
		qla_emu_sts(p, d.handle, CS_RESET, NULL, 0);
		return;
	}
	x = qla_emu_iox_open(p, e->port_id, &f);
	if (!x) {
		qla_emu_sgl_free(&s);
		qla_emu_sts(p, d.handle, CS_RESET, NULL, 0);
		return;
	}
	x->cmd = d;
	x->sgl = s;

	memcpy(c.lun, d.lun, sizeof(c.lun));
	c.task_attr = d.task;
	memcpy(c.cdb, d.cdb, sizeof(d.cdb));
	c.fcp_dl = d.byte_count;
	if (d.tmf_flags & CMD7_TMF_READ_DATA)
		c.rw |= FCP_CMND_RDDATA;
	if (d.tmf_flags & CMD7_TMF_WRITE_DATA)
		c.rw |= FCP_CMND_WRDATA;
	qla_fcp_build_cmnd(f->payload, f->len, &c);
	qla_emu_send(p, f);
}

static void qla_emu_tmf_rsp(struct qla_emu_port *p, struct qla_emu_iox *x,
			    const struct qla_fcp_rsp_iu *r);

void qla_emu_ini_rx(struct qla_emu_port *p, struct qla_emu_frame *f)
{
	struct qla_emu_iox *x = qla_emu_iox_find(p, f->s_id, f->ox_id);
	struct qla_fcp_rsp_iu r;
	u32 off, burst, resid;
	u16 comp;

	if (!x) {
		qla_emu_discard(p, f, "for no exchange");
		return;
	}
	if (x->aborting)
		return;		/* late: the exchange is being aborted */
	x->rx_id = f->rx_id;
	switch (f->r_ctl) {
	case FC_RCTL_DD_SOL_DATA:
		if (!(x->cmd.tmf_flags & CMD7_TMF_READ_DATA) ||
		    f->param + f->len > x->cmd.byte_count ||
		    qla_emu_frame_data(p, &x->sgl, f->param, f))
			return;	/* a bad frame: the exchange will fail */
		x->moved += f->len;
		return;
	case FC_RCTL_DD_DATA_DESC:
		if (qla_fcp_parse_xfer_rdy(f->payload, f->len, &off, &burst) ||
		    !(x->cmd.tmf_flags & CMD7_TMF_WRITE_DATA) ||
		    off + burst > x->cmd.byte_count)
			return;
		if (!qla_emu_send_data(p, x->d_id, x->ox_id, x->rx_id, false,
				       &x->sgl, off, off, burst, NULL))
			x->moved += burst;
		return;
	case FC_RCTL_DD_CMD_STATUS:
		if (qla_fcp_parse_rsp(f->payload, f->len, &r))
			return;
		if (x->is_tmf) {
			qla_emu_tmf_rsp(p, x, &r);
			return;
		}
		/*
		 * The residual is the firmware's own count of the bytes not
		 * moved, either way; the target's (FCP_RSP) goes alongside,
		 * so that the driver sees frames that were lost.
		 */
		resid = x->cmd.byte_count - min(x->moved, x->cmd.byte_count);
		comp = CS_COMPLETE;
		if (r.flags & FCP_RESID_OVER)
			comp = CS_DATA_OVERRUN;
		else if ((r.flags & FCP_RESID_UNDER) || resid)
			comp = CS_DATA_UNDERRUN;
		qla_emu_sts(p, x->cmd.handle, comp, &r, resid);
		qla_emu_iox_end(x);
		return;
	default:
		return;
	}
}

static void qla_emu_send_abts(struct qla_emu_port *p, struct qla_emu_iox *x)
{
	struct qla_emu_frame *f;

	f = qla_emu_fcp_frame(p, x->d_id, FC_RCTL_BA_ABTS, x->ox_id, x->rx_id,
			      0);
	if (f)
		qla_emu_send(p, f);
}

/*
 * An abort IOCB: the command's exchange ends, and with an ABTS (unless the
 * driver says not to send one) only once the target has answered it or the
 * ABTS timed out (qla_emu_ini_ba, qla_emu_fcp_expire); meanwhile frames on
 * the exchange are discarded. The command comes back before the abort IOCB.
 */
void qla_emu_req_abort(struct qla_emu_port *p, const void *iocb)
{
	struct qla_abort_desc d;
	struct qla_abort24 done;
	struct qla_emu_iox *x, *found = NULL;

	lockdep_assert_held(&p->fab->fw_mutex);
	if (qla_parse_abort(iocb, &d))
		return;
	list_for_each_entry(x, &p->ioxs, node)
		if (!x->is_tmf && !x->aborting &&
		    x->cmd.handle == d.handle_to_abort) {
			found = x;
			break;
		}
	if (!found) {
		/* no such command: it completed, or was never sent */
		d.nport_handle = CS_PORT_UNAVAILABLE;
		qla_build_abort(&done, &d);
		qla_emu_rsp_post(p, &done);
		return;
	}
	found->aborting = true;
	found->abort = d;
	if (d.options & AOF_NO_ABTS) {
		qla_emu_abort_end(p, found, CS_COMPLETE);
		return;
	}
	found->abts_deadline = jiffies + msecs_to_jiffies(QLA_EMU_ABTS_TMO_MS);
	qla_emu_send_abts(p, found);
	qla_emu_timer_arm(p);
}

/*
 * BA_ACC or BA_RJT: the target's answer to an ABTS of ours. A BA_ACC must
 * name the exchange (OX_ID, and RX_ID unless the target never assigned
 * one); one that does not is not an answer, and the ABTS times out.
 */
void qla_emu_ini_ba(struct qla_emu_port *p, struct qla_emu_frame *f)
{
	struct qla_emu_iox *x = qla_emu_iox_find(p, f->s_id, f->ox_id);
	u16 ox_id, rx_id;

	if (!x || !x->aborting) {
		qla_emu_discard(p, f, "BA_ACC/BA_RJT for no ABTS");
		return;
	}
	if (f->r_ctl == FC_RCTL_BA_ACC) {
		if (f->len < 12)
			return;
		ox_id = f->payload[4] << 8 | f->payload[5];
		rx_id = f->payload[6] << 8 | f->payload[7];
		if (ox_id != x->ox_id ||
		    (x->rx_id != 0xffff && rx_id != x->rx_id)) {
			dev_warn_ratelimited(qla_emu_dev(p), "BA_ACC for OX_ID 0x%x names 0x%x/0x%x\n",
					     x->ox_id, ox_id, rx_id);
			return;
		}
	} else if (f->len < 4) {
		return;
	}
	qla_emu_abort_end(p, x, CS_COMPLETE);
}

/* Which FCP_CMND task management flag a TMF IOCB's control flags ask. */
static u8 qla_emu_tmf_flag(u32 control_flags)
{
	if (control_flags & TCF_LUN_RESET)
		return FCP_TMF_LUN_RESET;
	if (control_flags & TCF_TARGET_RESET)
		return FCP_TMF_TARGET_RESET;
	if (control_flags & TCF_ABORT_TASK_SET)
		return FCP_TMF_ABORT_TASK_SET;
	if (control_flags & TCF_CLEAR_TASK_SET)
		return FCP_TMF_CLEAR_TASK_SET;
	if (control_flags & TCF_CLEAR_ACA)
		return FCP_TMF_CLEAR_ACA;
	return 0;
}

/*
 * Task management: an FCP_CMND with the function's flag on an exchange of
 * its own; the IOCB completes when the target answers (qla_emu_tmf_rsp),
 * or with CS_PORT_LOGGED_OUT when the exchanges with the target end.
 */
void qla_emu_req_tmf(struct qla_emu_port *p, const void *iocb)
{
	struct qla_fcp_cmnd_iu c = { 0 };
	struct qla_emu_frame *f;
	struct qla_emu_iox *x;
	struct qla_emu_pdb *e;
	struct qla_tmf_desc d;

	if (qla_parse_tsk_mgmt(iocb, &d))
		return;
	e = p->link_up ? qla_emu_pdb_find(p, 0, d.nport_handle) : NULL;
	c.tmf = qla_emu_tmf_flag(d.control_flags);
	x = NULL;
	if (e && e->state == PDS_PRLI_COMPLETE && c.tmf)
		x = qla_emu_iox_open(p, e->port_id, &f);
	if (!x) {
		qla_emu_sts(p, d.handle, !c.tmf ? CS_TRANSPORT :
			    e ? CS_RESET : CS_PORT_LOGGED_OUT, NULL, 0);
		return;
	}
	x->is_tmf = true;
	x->tmf_flag = c.tmf;
	x->tmf = d;
	if (!(d.control_flags & TCF_TARGET_RESET))
		memcpy(c.lun, d.lun, sizeof(c.lun));
	qla_fcp_build_cmnd(f->payload, f->len, &c);
	qla_emu_send(p, f);
}

/* The target answered a task management function. */
static void qla_emu_tmf_rsp(struct qla_emu_port *p, struct qla_emu_iox *x,
			    const struct qla_fcp_rsp_iu *r)
{
	struct qla_emu_iox *o, *t;
	bool lun_scope = x->tmf_flag != FCP_TMF_TARGET_RESET;
	u8 code = FCP_RSP_TMF_FAILED;	/* an answer without RSP_INFO */

	if (r->flags & FCP_RSP_LEN_VAL)
		code = r->rsp_code;
	if (code == FCP_RSP_TMF_COMPLETE &&
	    (x->tmf_flag & (FCP_TMF_ABORT_TASK_SET | FCP_TMF_CLEAR_TASK_SET |
			    FCP_TMF_LUN_RESET | FCP_TMF_TARGET_RESET))) {
		/* the target ended its side of the tasks in scope */
		list_for_each_entry_safe(o, t, &p->ioxs, node) {
			if (o->is_tmf || o->d_id != x->d_id)
				continue;
			if (lun_scope && memcmp(o->cmd.lun, x->tmf.lun, 8))
				continue;
			qla_emu_iox_fail(p, o, CS_ABORTED);
		}
	}
	qla_emu_tmf_end(p, x, CS_COMPLETE, r);
}

/*
 * A task management function the port's firmware sends on its own (the
 * tmf control file): functions Linux initiators never send, and malformed
 * flags, for testing a target. The answer goes to fab->tmf_result, not to
 * the driver.
 */
int qla_emu_tmf_inject(struct qla_emu_port *p, u64 target, u64 lun, u8 flag)
{
	struct qla_fcp_cmnd_iu c = { 0 };
	struct qla_emu_frame *f;
	struct qla_emu_pdb *e;
	struct qla_emu_iox *x;
	bool found = false;

	lockdep_assert_held(&p->fab->fw_mutex);
	list_for_each_entry(e, &p->pdb, node)
		if (e->wwpn == target && e->state == PDS_PRLI_COMPLETE) {
			found = true;
			break;
		}
	if (!p->link_up || !found)
		return -ENOTCONN;
	x = qla_emu_iox_open(p, e->port_id, &f);
	if (!x)
		return -ENOMEM;
	x->is_tmf = true;
	x->injected = true;
	x->tmf_flag = flag;
	int_to_scsilun(lun, (struct scsi_lun *)x->tmf.lun);
	qla_emu_tmf_note(p, x, "pending");

	memcpy(c.lun, x->tmf.lun, sizeof(c.lun));
	c.tmf = flag;
	qla_fcp_build_cmnd(f->payload, f->len, &c);
	qla_emu_send(p, f);
	return 0;
}
