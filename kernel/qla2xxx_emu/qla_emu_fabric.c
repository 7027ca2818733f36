// SPDX-License-Identifier: GPL-2.0
/*
 * qla_emu_fabric.c: the emulated FC switch.
 *
 * The switch assigns N_Port IDs at FLOGI (domain 1, area = slot + 1),
 * keeps the name server (RFT_ID, RFF_ID, GPN_FT), sends RSCNs when a port
 * registers or leaves (to the ports that registered for them with SCR),
 * and delivers frames between ports. Every frame goes
 * through qla_emu_send(): fault injection (drop or delay the next K frames
 * of a kind, or rewrite an FCP_RSP as other targets send them, or with
 * another SCSI status) is decided there, then the frame waits on
 * fab->frames until the fw context that sent it ends (qla_emu_fw_unlock),
 * or, delayed, for the deliver work; either routes it by D_ID in fw
 * context. No port ever calls another port's code directly.
 */
#include <linux/module.h>
#include <linux/slab.h>
#include <scsi/scsi_common.h>

#include "qla_iocb.h"
#include "qla_emu.h"
#include "qla_emu_trace.h"

struct qla_emu_fabric qla_emu_fab;

static const char * const qla_emu_kind_names[QLA_FK_NR] = {
	[QLA_FK_FCP_CMND] = "fcp_cmnd",
	[QLA_FK_DATA] = "data",
	[QLA_FK_RSP] = "rsp",
	[QLA_FK_ABTS] = "abts",
	[QLA_FK_PLOGI] = "plogi",
	[QLA_FK_PRLI] = "prli",
	[QLA_FK_LOGO] = "logo",
	[QLA_FK_FLOGI] = "flogi",
	[QLA_FK_CT] = "ct",
	[QLA_FK_RSCN] = "rscn",
	[QLA_FK_SCR] = "scr",
	[QLA_FK_ELS_RSP] = "els_rsp",
	[QLA_FK_OTHER] = "other",
};

static const char * const qla_emu_action_names[QLA_FAULT_NR] = {
	[QLA_FAULT_DROP] = "drop",
	[QLA_FAULT_DELAY] = "delay",
	[QLA_FAULT_LONG_SENSE] = "long_sense",
	[QLA_FAULT_RSP_INFO] = "rsp_info",
	[QLA_FAULT_STATUS] = "status",
};

const char *qla_emu_fault_action_name(enum qla_emu_fault_action a)
{
	return a < QLA_FAULT_NR ? qla_emu_action_names[a] : "?";
}

/* The action named @s, or -EINVAL. */
int qla_emu_fault_action_parse(const char *s)
{
	return match_string(qla_emu_action_names, QLA_FAULT_NR, s);
}

const char *qla_emu_kind_name(enum qla_emu_kind k)
{
	return k < QLA_FK_NR ? qla_emu_kind_names[k] : "?";
}

/* The kind of frame named @s, or -EINVAL. */
int qla_emu_kind_parse(const char *s)
{
	return match_string(qla_emu_kind_names, QLA_FK_NR, s);
}

enum qla_emu_kind qla_emu_classify(const struct qla_emu_frame *f)
{
	switch (f->r_ctl) {
	case FC_RCTL_ELS_REQ:
		switch (f->len ? f->payload[0] : 0) {
		case ELS_PLOGI:
			return QLA_FK_PLOGI;
		case ELS_PRLI:
			return QLA_FK_PRLI;
		case ELS_LOGO:
			return QLA_FK_LOGO;
		case ELS_FLOGI:
			return QLA_FK_FLOGI;
		case ELS_RSCN:
			return QLA_FK_RSCN;
		case ELS_SCR:
			return QLA_FK_SCR;
		default:
			return QLA_FK_OTHER;
		}
	case FC_RCTL_ELS_REP:
		return QLA_FK_ELS_RSP;
	case FC_RCTL_DD_UNSOL_CTL:
	case FC_RCTL_DD_SOL_CTL:
		return QLA_FK_CT;
	case FC_RCTL_DD_UNSOL_CMD:
		return QLA_FK_FCP_CMND;
	case FC_RCTL_DD_SOL_DATA:
	case FC_RCTL_DD_DATA_DESC:
		return QLA_FK_DATA;
	case FC_RCTL_DD_CMD_STATUS:
		return QLA_FK_RSP;
	case FC_RCTL_BA_ABTS:
		return QLA_FK_ABTS;
	default:
		return QLA_FK_OTHER;
	}
}

/*
 * A frame; small payloads start zeroed, large ones (FCP data, always
 * written in full by the sender) are not, to spare a pass over them.
 */
struct qla_emu_frame *qla_emu_frame_new(u32 len, gfp_t gfp)
{
	size_t size = struct_size_t(struct qla_emu_frame, payload, len);
	struct qla_emu_frame *f = kvmalloc(size, gfp);

	if (f) {
		memset(f, 0, len <= 4096 ? size : sizeof(*f));
		f->len = len;
		INIT_LIST_HEAD(&f->node);
	}
	return f;
}

void qla_emu_frame_free(struct qla_emu_frame *f)
{
	if (f->src)
		qla_emu_dsrc_put(f->src, true);
	kvfree(f);
}

/*
 * A frame that will wait (delay fault) takes its data along, so that the
 * sender's CTIO completes now and no memory is read late. NULL: no memory.
 */
static struct qla_emu_frame *qla_emu_frame_own(struct qla_emu_frame *f)
{
	struct qla_emu_frame *g = qla_emu_frame_new(f->len, GFP_KERNEL);

	if (g) {
		memcpy(g, f, sizeof(*g));
		INIT_LIST_HEAD(&g->node);
		g->src = NULL;
		if (qla_emu_sgl_copy(f->src->p, &f->src->sgl, f->src_off,
				     g->payload, f->len, false)) {
			kvfree(g);
			g = NULL;
		}
	}
	qla_emu_frame_free(f);
	return g;
}

/*
 * Take back the frames p sent by reference (link down, firmware stop, port
 * removal): their data is never read; post says whether the CTIOs complete
 * (with the port logged out) or the driver is gone. fw context.
 */
void qla_emu_frames_cancel(struct qla_emu_port *p, bool post)
{
	struct qla_emu_fabric *fab = &qla_emu_fab;
	struct qla_emu_frame *f, *t;
	unsigned long flags;
	LIST_HEAD(gone);

	lockdep_assert_held(&fab->fw_mutex);
	spin_lock_irqsave(&fab->frame_lock, flags);
	list_for_each_entry_safe(f, t, &fab->frames, node)
		if (f->src && f->src->p == p)
			list_move_tail(&f->node, &gone);
	spin_unlock_irqrestore(&fab->frame_lock, flags);
	list_for_each_entry_safe(f, t, &gone, node) {
		list_del(&f->node);
		f->src->status = CTIO_PORT_LOGGED_OUT;
		qla_emu_dsrc_put(f->src, post);
		kvfree(f);
	}
}

/*
 * A frame the receiving port's firmware throws away, as a card does with
 * one it cannot take (class 3: no answer): counted, traced, and one
 * rate-limited log line. fw context.
 */
void qla_emu_discard(struct qla_emu_port *p, const struct qla_emu_frame *f,
		     const char *why)
{
	lockdep_assert_held(&p->fab->fw_mutex);
	WRITE_ONCE(p->rx_discards, p->rx_discards + 1);
	trace_qla_frame(5, qla_emu_kind_name(f->kind), f->s_id, f->d_id,
			f->ox_id, f->len);
	dev_info_ratelimited(qla_emu_dev(p),
			     "frame discarded (%s): s_id %06x r_ctl 0x%02x type 0x%02x ox_id 0x%04x len %u\n",
			     why, f->s_id, f->r_ctl, f->type, f->ox_id, f->len);
}

/* ---- fault injection ---- */

int qla_emu_fault_add(const struct qla_emu_fault *nf)
{
	struct qla_emu_fabric *fab = &qla_emu_fab;
	int i, err = -ENOSPC;

	spin_lock(&fab->fault_lock);
	for (i = 0; i < QLA_EMU_MAX_FAULTS; i++) {
		if (fab->faults[i].used)
			continue;
		fab->faults[i] = *nf;
		fab->faults[i].used = true;
		err = 0;
		break;
	}
	spin_unlock(&fab->fault_lock);
	return err;
}

void qla_emu_fault_clear(void)
{
	struct qla_emu_fabric *fab = &qla_emu_fab;

	spin_lock(&fab->fault_lock);
	memset(fab->faults, 0, sizeof(fab->faults));
	spin_unlock(&fab->fault_lock);
}

/*
 * The armed fault that takes this frame, used up by one: a copy of it.
 * Returns false when none does.
 */
static bool qla_emu_fault_check(struct qla_emu_port *from,
				const struct qla_emu_frame *f,
				struct qla_emu_fault *hit)
{
	struct qla_emu_fabric *fab = &qla_emu_fab;
	struct qla_emu_fault *ft;
	bool ret = false;
	int i;

	spin_lock(&fab->fault_lock);
	for (i = 0; i < QLA_EMU_MAX_FAULTS; i++) {
		ft = &fab->faults[i];
		if (!ft->used || ft->kind != f->kind ||
		    (ft->wwpn && (!from || from->wwpn != ft->wwpn)))
			continue;
		*hit = *ft;
		ret = true;
		if (--ft->count == 0)
			ft->used = false;
		break;
	}
	spin_unlock(&fab->fault_lock);
	return ret;
}

/*
 * Sense grown to 96 bytes: the additional sense length says so, and the
 * bytes added are a vendor-specific descriptor (descriptor format) or
 * additional sense bytes (fixed format), byte i holding i. False when the
 * response has no sense to grow.
 */
static bool qla_emu_long_sense(struct qla_fcp_rsp_iu *r)
{
	u32 i, start;

	if (!(r->flags & FCP_SNS_LEN_VAL) || r->sense_len < 8)
		return false;
	start = min_t(u32, 8 + r->sense[7], r->sense_len);
	if (start + 2 > FCP_RSP_MAX_SENSE)
		return false;
	for (i = start; i < FCP_RSP_MAX_SENSE; i++)
		r->sense[i] = i;
	if ((r->sense[0] & 0x7f) >= 0x72) {
		r->sense[start] = 0x80;
		r->sense[start + 1] = FCP_RSP_MAX_SENSE - start - 2;
	}
	r->sense[7] = FCP_RSP_MAX_SENSE - 8;
	r->sense_len = FCP_RSP_MAX_SENSE;
	return true;
}

/*
 * Another SCSI status: CHECK CONDITION with fixed-format sense of the
 * fault's key, ASC and ASCQ; any other status without sense. The
 * residual stays the target's.
 */
static void qla_emu_rsp_status(struct qla_fcp_rsp_iu *r,
			       const struct qla_emu_fault *ft)
{
	r->scsi_status = ft->status;
	r->flags &= ~FCP_SNS_LEN_VAL;
	r->sense_len = 0;
	if (ft->status != SAM_STAT_CHECK_CONDITION)
		return;
	memset(r->sense, 0, sizeof(r->sense));
	scsi_build_sense_buffer(0, r->sense, ft->sense[0], ft->sense[1],
				ft->sense[2]);
	r->sense_len = 8 + r->sense[7];	/* 8 + additional sense length */
	r->flags |= FCP_SNS_LEN_VAL;
}

/*
 * An FCP_RSP rebuilt as a rewriting fault says (long_sense, rsp_info,
 * status). Returns the frame to send; the old one is freed.
 */
static struct qla_emu_frame *qla_emu_rsp_rewrite(struct qla_emu_frame *f,
						 const struct qla_emu_fault *ft)
{
	struct qla_emu_frame *n;
	struct qla_fcp_rsp_iu r;
	u32 len;

	if (f->src || qla_fcp_parse_rsp(f->payload, f->len, &r))
		return f;
	if (ft->action == QLA_FAULT_LONG_SENSE && !qla_emu_long_sense(&r))
		return f;
	if (ft->action == QLA_FAULT_RSP_INFO) {
		r.flags |= FCP_RSP_LEN_VAL;
		r.rsp_code = ft->rsp_code;
	}
	if (ft->action == QLA_FAULT_STATUS)
		qla_emu_rsp_status(&r, ft);
	len = FCP_RSP_HDR_LEN + FCP_RSP_INFO_LEN + FCP_RSP_MAX_SENSE;
	n = qla_emu_frame_new(len, GFP_KERNEL);
	if (!n)
		return f;
	n->s_id = f->s_id;
	n->d_id = f->d_id;
	n->ox_id = f->ox_id;
	n->rx_id = f->rx_id;
	n->r_ctl = f->r_ctl;
	n->type = f->type;
	n->responder = f->responder;
	n->kind = f->kind;
	n->len = qla_fcp_build_rsp(n->payload, len, &r);
	trace_qla_frame(4, qla_emu_kind_name(n->kind), n->s_id, n->d_id,
			n->ox_id, n->len);
	qla_emu_frame_free(f);
	return n;
}

void qla_emu_send(struct qla_emu_port *from, struct qla_emu_frame *f)
{
	struct qla_emu_fabric *fab = &qla_emu_fab;
	struct qla_emu_fault ft;
	unsigned long flags;
	u32 fault = 0;

	lockdep_assert_held(&fab->fw_mutex);
	f->kind = qla_emu_classify(f);
	trace_qla_frame(0, qla_emu_kind_name(f->kind), f->s_id, f->d_id,
			f->ox_id, f->len);
	if (qla_emu_fault_check(from, f, &ft)) {
		switch (ft.action) {
		case QLA_FAULT_DROP:
			trace_qla_frame(2, qla_emu_kind_name(f->kind), f->s_id,
					f->d_id, f->ox_id, f->len);
			qla_emu_frame_free(f);
			return;
		case QLA_FAULT_DELAY:
			fault = ft.delay_ms;
			break;
		default:
			f = qla_emu_rsp_rewrite(f, &ft);
			break;
		}
	}
	if (fault) {
		trace_qla_frame(3, qla_emu_kind_name(f->kind), f->s_id,
				f->d_id, f->ox_id, f->len);
		if (f->src) {
			f = qla_emu_frame_own(f);
			if (!f)
				return;
		}
	}
	f->due = jiffies + msecs_to_jiffies(fault);
	spin_lock_irqsave(&fab->frame_lock, flags);
	list_add_tail(&f->node, &fab->frames);
	spin_unlock_irqrestore(&fab->frame_lock, flags);
	/* an undelayed frame goes when this fw context ends (fw_unlock) */
	if (fault)
		mod_delayed_work(fab->wq, &fab->deliver_work,
				 msecs_to_jiffies(fault));
}

static struct qla_emu_port *qla_emu_route(u32 d_id)
{
	struct qla_emu_port *p, *found = NULL;

	mutex_lock(&qla_emu_fab.lock);
	list_for_each_entry(p, &qla_emu_fab.ports, node) {
		if (p->sw_port_id && p->sw_port_id == d_id) {
			found = p;
			break;
		}
	}
	mutex_unlock(&qla_emu_fab.lock);
	return found;
}

static void qla_emu_switch_reply(u32 s_id, const struct qla_emu_frame *req,
				 u8 r_ctl, const u8 *pl, u32 len, u32 d_id)
{
	struct qla_emu_frame *f = qla_emu_frame_new(len, GFP_KERNEL);

	if (!f)
		return;
	f->s_id = s_id;
	f->d_id = d_id;
	f->r_ctl = r_ctl;
	f->type = req->type;
	f->ox_id = req->ox_id;
	f->rx_id = 0x1000;
	memcpy(f->payload, pl, len);
	qla_emu_send(NULL, f);
}

static void qla_emu_rscn(u32 affected, struct qla_emu_port *except)
{
	struct qla_emu_port *p;
	struct qla_emu_frame *f;
	u32 ids[QLA_EMU_MAX_PORTS];
	int i, n = 0;

	mutex_lock(&qla_emu_fab.lock);
	list_for_each_entry(p, &qla_emu_fab.ports, node)
		if (p != except && p->sw_port_id && p->scr_function &&
		    n < QLA_EMU_MAX_PORTS)
			ids[n++] = p->sw_port_id;
	mutex_unlock(&qla_emu_fab.lock);
	for (i = 0; i < n; i++) {
		f = qla_emu_frame_new(ELS_RSCN_LEN, GFP_KERNEL);
		if (!f)
			return;
		f->s_id = FC_DID_FCTRL;
		f->d_id = ids[i];
		f->r_ctl = FC_RCTL_ELS_REQ;
		f->type = FC_TYPE_ELS;
		f->ox_id = 0x8000 | i;
		f->rx_id = 0xffff;
		qla_els_build_rscn(f->payload, f->len, affected,
				   RSCN_FMT_PORT);
		qla_emu_send(NULL, f);
	}
}

/* The port leaves the fabric (link down, reset, removal): fw context. */
void qla_emu_switch_logout(struct qla_emu_port *p)
{
	u32 old = p->sw_port_id;

	if (!old)
		return;
	mutex_lock(&qla_emu_fab.lock);
	p->sw_port_id = 0;
	p->ns_registered = false;
	p->ns_fc4_type = 0;
	p->ns_features = 0;
	p->scr_function = 0;
	mutex_unlock(&qla_emu_fab.lock);
	qla_emu_rscn(old, p);
}

static void qla_emu_switch_flogi(struct qla_emu_frame *f)
{
	struct qla_emu_port *p, *found = NULL;
	u8 buf[ELS_PLOGI_LEN];
	u64 wwpn, wwnn;
	u32 len, id = 0;

	if (qla_els_parse_plogi(f->payload, f->len, &wwpn, &wwnn) < 0)
		return;
	/* the port whose firmware logs in: by the name in its FLOGI */
	mutex_lock(&qla_emu_fab.lock);
	list_for_each_entry(p, &qla_emu_fab.ports, node) {
		if (p->fw_running && p->fw_wwpn == wwpn) {
			found = p;
			break;
		}
	}
	if (found) {
		id = QLA_EMU_DOMAIN << 16 | (found->index + 1) << 8;
		found->sw_port_id = id;
		found->sw_wwpn = wwpn;
		found->scr_function = 0;	/* a new login registers anew */
	}
	mutex_unlock(&qla_emu_fab.lock);
	if (!found)
		return;
	len = qla_els_build_plogi(buf, sizeof(buf), ELS_LS_ACC,
				  qla_emu_fab.switch_wwn,
				  qla_emu_fab.switch_wwn);
	qla_emu_switch_reply(FC_DID_FLOGI, f, FC_RCTL_ELS_REP, buf, len, id);
}

static void qla_emu_switch_ns(struct qla_emu_frame *f)
{
	struct qla_emu_port *p, *src = NULL;
	u8 *buf;
	u32 len = 0, port_id;
	u16 cmd;
	u8 type, feat;
	int n = 0, total = 0;
	bool rscn = false;

	buf = kzalloc(QLA_EMU_CT_BUF_SIZE, GFP_KERNEL);
	if (!buf)
		return;
	if (qla_ct_parse_req(f->payload, f->len, &cmd, &port_id, &type,
			     &feat)) {
		len = qla_ct_build_rsp(buf, QLA_EMU_CT_BUF_SIZE, CT_REJECT, 0x0b);
		goto reply;
	}
	mutex_lock(&qla_emu_fab.lock);
	list_for_each_entry(p, &qla_emu_fab.ports, node)
		if (p->sw_port_id == f->s_id)
			src = p;
	switch (cmd) {
	case CT_CMD_RFT_ID:
		if (!src || port_id != f->s_id)
			break;
		src->ns_fc4_type = type;
		src->ns_registered = true;
		len = qla_ct_build_rsp(buf, QLA_EMU_CT_BUF_SIZE, CT_ACCEPT, 0);
		break;
	case CT_CMD_RFF_ID:
		if (!src || port_id != f->s_id || !src->ns_registered)
			break;
		src->ns_features = feat;
		rscn = true;
		len = qla_ct_build_rsp(buf, QLA_EMU_CT_BUF_SIZE, CT_ACCEPT, 0);
		break;
	case CT_CMD_GPN_FT:
		list_for_each_entry(p, &qla_emu_fab.ports, node)
			if (p->sw_port_id && p->ns_registered &&
			    p->ns_fc4_type == type)
				total++;
		if (!total) {
			len = qla_ct_build_rsp(buf, QLA_EMU_CT_BUF_SIZE,
					       CT_REJECT, 0x09);
			break;
		}
		len = qla_ct_build_rsp(buf, QLA_EMU_CT_BUF_SIZE, CT_ACCEPT, 0);
		list_for_each_entry(p, &qla_emu_fab.ports, node) {
			if (!p->sw_port_id || !p->ns_registered ||
			    p->ns_fc4_type != type)
				continue;
			n++;
			len = qla_ct_gpn_ft_add(buf, QLA_EMU_CT_BUF_SIZE, n - 1,
						p->sw_port_id, p->sw_wwpn,
						n == total);
		}
		break;
	default:
		break;
	}
	mutex_unlock(&qla_emu_fab.lock);
	if (!len)
		len = qla_ct_build_rsp(buf, QLA_EMU_CT_BUF_SIZE, CT_REJECT, 0x09);
reply:
	qla_emu_switch_reply(FC_DID_DIR_SERV, f, FC_RCTL_DD_SOL_CTL, buf, len,
			     f->s_id);
	kfree(buf);
	if (rscn)
		qla_emu_rscn(f->s_id, src);
}

/*
 * SCR to the fabric controller: the sender gets RSCNs from now on (or, with
 * SCR_FUNC_CLEAR, no more). This switch does not tell fabric-detected
 * events from N_Port-detected ones: any registration gets them all.
 */
static void qla_emu_switch_scr(struct qla_emu_frame *f)
{
	struct qla_emu_port *p, *src = NULL;
	u8 buf[8] = { 0 };
	u8 fn;

	if (qla_els_parse_scr(f->payload, f->len, &fn))
		fn = 0;
	mutex_lock(&qla_emu_fab.lock);
	list_for_each_entry(p, &qla_emu_fab.ports, node)
		if (p->sw_port_id && p->sw_port_id == f->s_id)
			src = p;
	if (src && fn && (fn <= SCR_FUNC_FULL || fn == SCR_FUNC_CLEAR))
		src->scr_function = fn == SCR_FUNC_CLEAR ? 0 : fn;
	else
		src = NULL;
	mutex_unlock(&qla_emu_fab.lock);
	if (src) {
		buf[0] = ELS_LS_ACC;
		qla_emu_switch_reply(FC_DID_FCTRL, f, FC_RCTL_ELS_REP, buf, 4,
				     f->s_id);
	} else {
		buf[0] = ELS_LS_RJT;
		buf[5] = 0x09;		/* unable to perform command */
		qla_emu_switch_reply(FC_DID_FCTRL, f, FC_RCTL_ELS_REP, buf, 8,
				     f->s_id);
	}
}

static void qla_emu_switch_rx(struct qla_emu_frame *f)
{
	u8 buf[ELS_PLOGI_LEN];
	u32 len;

	if (f->d_id == FC_DID_FLOGI && f->kind == QLA_FK_FLOGI) {
		qla_emu_switch_flogi(f);
	} else if (f->d_id == FC_DID_DIR_SERV && f->kind == QLA_FK_PLOGI) {
		len = qla_els_build_plogi(buf, sizeof(buf), ELS_LS_ACC,
					  qla_emu_fab.switch_wwn | 0xfc,
					  qla_emu_fab.switch_wwn);
		qla_emu_switch_reply(FC_DID_DIR_SERV, f, FC_RCTL_ELS_REP, buf,
				     len, f->s_id);
	} else if (f->d_id == FC_DID_DIR_SERV && f->kind == QLA_FK_CT) {
		qla_emu_switch_ns(f);
	} else if (f->d_id == FC_DID_FCTRL && f->kind == QLA_FK_SCR) {
		qla_emu_switch_scr(f);
	}
	/* replies to the fabric controller (RSCN) need no action */
}

/*
 * Deliver every frame that is due, and those their receivers send in turn,
 * until none is left; frames held back by a delay fault wait for the
 * deliver work. fw context.
 */
static void qla_emu_deliver(struct qla_emu_fabric *fab)
{
	struct qla_emu_frame *f, *t;
	struct qla_emu_port *p;
	unsigned long flags, next;
	LIST_HEAD(due);

	lockdep_assert_held(&fab->fw_mutex);
	for (;;) {
		next = 0;
		spin_lock_irqsave(&fab->frame_lock, flags);
		list_for_each_entry_safe(f, t, &fab->frames, node) {
			if (time_after_eq(jiffies, f->due))
				list_move_tail(&f->node, &due);
			else if (!next || time_before(f->due, next))
				next = f->due;
		}
		spin_unlock_irqrestore(&fab->frame_lock, flags);
		if (next)
			mod_delayed_work(fab->wq, &fab->deliver_work,
					 time_after(next, jiffies) ?
					 next - jiffies : 1);
		if (list_empty(&due))
			return;

		list_for_each_entry_safe(f, t, &due, node) {
			list_del(&f->node);
			trace_qla_frame(1, qla_emu_kind_name(f->kind), f->s_id,
					f->d_id, f->ox_id, f->len);
			if ((f->d_id & 0xffff00) == 0xffff00) {
				qla_emu_switch_rx(f);
			} else if (fab->craft.n_sent &&
				   qla_emu_craft_answer(fab, f)) {
				/* an answer to a crafted frame: kept */
			} else {
				p = qla_emu_route(f->d_id);
				if (p)
					qla_emu_port_rx(p, f);
			}
			qla_emu_frame_free(f);
		}
	}
}

void qla_emu_deliver_work(struct work_struct *work)
{
	struct qla_emu_fabric *fab = &qla_emu_fab;

	mutex_lock(&fab->fw_mutex);
	qla_emu_fw_unlock(fab);
}

/*
 * End a run of fw context: the frames it sent are delivered first, in the
 * same run, rather than by another work item.
 */
void qla_emu_fw_unlock(struct qla_emu_fabric *fab)
{
	qla_emu_deliver(fab);
	mutex_unlock(&fab->fw_mutex);
}
