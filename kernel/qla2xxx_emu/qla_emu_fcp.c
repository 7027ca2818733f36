// SPDX-License-Identifier: GPL-2.0
/*
 * qla_emu_fcp.c: the emulated firmware's FCP engines, in fw context (the
 * fabric's workqueue holding fw_mutex; see qla_emu.h).
 *
 * Initiator: a command type 7 opens an exchange and sends FCP_CMND; FCP_DATA
 * frames are written, and XFER_RDY requests are answered with data read,
 * through the IOCB's data segment descriptors, as the card's DMA engine
 * would; FCP_RSP becomes a status type 0 IOCB. An abort IOCB ends its
 * exchange with ABTS, and completes when BA_ACC or BA_RJT comes back or the
 * ABTS times out. A task management IOCB sends an FCP_CMND with the
 * task management flag; when the target's FCP_RSP says the function is
 * complete, the port's own exchanges in its scope end (the target ended
 * its side), and the IOCB completes with the target's RSP_CODE.
 *
 * Target: FCP_CMND becomes an ATIO type 7 (from a port not logged in, a
 * LOGO back); a CTIO type 7 sends data read through its descriptors, or
 * sends XFER_RDY and writes the data that comes back (or, when none comes
 * within the CTIO's timeout, completes with CTIO_TIMEOUT), and sends
 * FCP_RSP; each CTIO completes on the response ring. A CTIO
 * with the terminate flag ends the exchange without a frame. An ABTS
 * becomes an ABTS received IOCB (with the exchange's address, or unknown);
 * a data-out CTIO waiting on that exchange completes as aborted, later
 * CTIOs on it do nothing, and the driver's ABTS response IOCB sends BA_ACC
 * or BA_RJT and ends the exchange.
 *
 * Data moves only between the memory the descriptors address: the two ports
 * never share pages.
 */
#include <linux/slab.h>
#include <linux/dma-direct.h>
#include <scsi/scsi_common.h>

#include "qla_iocb.h"
#include "qla_emu.h"

#define QLA_EMU_DATA_CHUNK	65536

/* A position in the memory a list of data segments addresses. */
struct qla_emu_cur {
	struct qla_emu_port *p;
	const struct qla_emu_sgl *s;
	u32 i, off;			/* segment i, off bytes into it */
};

static void qla_emu_cur_init(struct qla_emu_cur *c, struct qla_emu_port *p,
			     const struct qla_emu_sgl *s, u32 offset)
{
	c->p = p;
	c->s = s;
	c->i = 0;
	c->off = offset;
}

/* The next contiguous piece, at most max bytes; 0 at the end. */
static u32 qla_emu_cur_next(struct qla_emu_cur *c, u32 max, u8 **mem)
{
	const struct qla_seg *seg;
	u32 n;

	while (c->i < c->s->count) {
		seg = qla_emu_sgl_at(c->s, c->i);
		if (c->off >= seg->len) {
			c->off -= seg->len;
			c->i++;
			continue;
		}
		n = min(seg->len - c->off, max);
		*mem = qla_emu_dma(c->p, seg->addr + c->off);
		c->off += n;
		return n;
	}
	return 0;
}

/*
 * Read the data segments of a command or CTIO (iocb, its first entry): the
 * one in the entry (addr, len), then those of the continuations that
 * follow it, which the request reader checked. They stay with the exchange
 * once the ring entries are given back. -ENOMEM when they cannot.
 */
static int qla_emu_sgl_read(struct qla_emu_sgl *s, const void *iocb,
			    u32 count, u64 addr, u32 len)
{
	const struct qla_cont_a64 *c = iocb;
	u32 i;

	s->count = count;
	s->one.addr = addr;
	s->one.len = len;
	s->seg = NULL;
	if (count <= 1)
		return 0;
	s->seg = kmalloc_array(count, sizeof(*s->seg), GFP_KERNEL);
	if (!s->seg) {
		s->count = 0;
		return -ENOMEM;
	}
	s->seg[0] = s->one;
	for (i = 1; i < count; i += QLA_CONT_DSDS)
		qla_parse_cont_a64(++c, s->seg + i, count - i);
	return 0;
}

void qla_emu_sgl_free(struct qla_emu_sgl *s)
{
	kfree(s->seg);
	s->seg = NULL;
	s->count = 0;
}

/*
 * A command or CTIO whose data segment count does not match the entries
 * it took (entry_count) is a bad entry: the firmware gives it back.
 */
static bool qla_emu_dseg_bad(struct qla_emu_port *p, void *iocb, u32 count)
{
	if (((struct qla_iocb_hdr *)iocb)->entry_count ==
	    qla_iocb_entries(count))
		return false;
	qla_emu_req_reject(p, iocb, QLA_ES_INVALID_COUNT);
	return true;
}

/*
 * The DMA engine's copy: 8-byte words when both ends are aligned (data
 * buffers are pages). The kernel's memcpy is one rep movsb, which QEMU's
 * TCG (the test bench) runs one byte per iteration; words move 8 at once.
 */
static void qla_emu_dma_copy(void *to, const void *from, u32 n)
{
	u64 *d = to;
	const u64 *s = from;
	u32 i, words;

	if (((unsigned long)to | (unsigned long)from) & 7) {
		memcpy(to, from, n);
		return;
	}
	words = n / 8;
	for (i = 0; i + 4 <= words; i += 4) {
		u64 a = s[i], b = s[i + 1], c = s[i + 2], e = s[i + 3];

		d[i] = a;
		d[i + 1] = b;
		d[i + 2] = c;
		d[i + 3] = e;
	}
	for (; i < words; i++)
		d[i] = s[i];
	if (n & 7)
		memcpy((u8 *)to + n - (n & 7), (const u8 *)from + n - (n & 7),
		       n & 7);
}

/* Copy between buf and the memory the descriptors address, from offset. */
int qla_emu_sgl_copy(struct qla_emu_port *p, const struct qla_emu_sgl *s,
		     u32 offset, void *buf, u32 len, bool to_mem)
{
	struct qla_emu_cur c;
	u32 n;
	u8 *mem;

	if (!s->count)
		return len ? -EINVAL : 0;
	qla_emu_cur_init(&c, p, s, offset);
	while (len) {
		n = qla_emu_cur_next(&c, len, &mem);
		if (!n)
			return -EINVAL;
		if (to_mem)
			qla_emu_dma_copy(mem, buf, n);
		else
			qla_emu_dma_copy(buf, mem, n);
		buf += n;
		len -= n;
	}
	return 0;
}

/*
 * Write the data of frame f through the descriptors s at offset: from its
 * payload, or straight from the sender's memory through the sender's
 * descriptors (the one copy of a data-in transfer).
 */
static int qla_emu_frame_data(struct qla_emu_port *p,
			      const struct qla_emu_sgl *s, u32 offset,
			      struct qla_emu_frame *f)
{
	struct qla_emu_cur dst, src;
	u32 len = f->len, n, m;
	u8 *from, *to;

	if (!f->src)
		return qla_emu_sgl_copy(p, s, offset, f->payload, f->len,
					true);
	if (!s->count || !f->src->sgl.count)
		return -EINVAL;
	qla_emu_cur_init(&dst, p, s, offset);
	qla_emu_cur_init(&src, f->src->p, &f->src->sgl, f->src_off);
	while (len) {
		n = qla_emu_cur_next(&src, len, &from);
		if (!n)
			return -EINVAL;
		len -= n;
		while (n) {
			m = qla_emu_cur_next(&dst, n, &to);
			if (!m)
				return -EINVAL;
			qla_emu_dma_copy(to, from, m);
			from += m;
			n -= m;
		}
	}
	return 0;
}

static struct qla_emu_frame *qla_emu_fcp_frame(struct qla_emu_port *p,
					       u32 d_id, u8 r_ctl, u16 ox_id,
					       u16 rx_id, u32 len)
{
	struct qla_emu_frame *f = qla_emu_frame_new(len, GFP_KERNEL);

	if (!f)
		return NULL;
	f->s_id = p->port_id;
	f->d_id = d_id;
	f->r_ctl = r_ctl;
	/* R_CTL 0x8x: basic link services (ABTS, BA_ACC, BA_RJT) */
	f->type = (r_ctl & 0xf0) == 0x80 ? FC_TYPE_BLS : FC_TYPE_FCP;
	f->ox_id = ox_id;
	f->rx_id = rx_id;
	return f;
}

/* Whether the descriptors address at least offset + len bytes. */
static bool qla_emu_sgl_covers(struct qla_emu_port *p,
			       const struct qla_emu_sgl *s, u32 offset, u32 len)
{
	struct qla_emu_cur c;
	u32 n;
	u8 *mem;

	if (!s->count)
		return !len;
	qla_emu_cur_init(&c, p, s, offset);
	while (len) {
		n = qla_emu_cur_next(&c, len, &mem);
		if (!n)
			return false;
		len -= n;
	}
	return true;
}

/*
 * Send len bytes addressed by the descriptors as FCP_DATA frames: copied
 * into each frame, or, with src (whose sgl is s), by reference.
 */
static int qla_emu_send_data(struct qla_emu_port *p, u32 d_id, u16 ox_id,
			     u16 rx_id, bool responder,
			     const struct qla_emu_sgl *s, u32 sgl_off,
			     u32 rel_off, u32 len, struct qla_emu_dsrc *src)
{
	struct qla_emu_frame *f;
	u32 done, n;

	if (src && !qla_emu_sgl_covers(p, s, sgl_off, len))
		return -EINVAL;
	for (done = 0; done < len; done += n) {
		n = min_t(u32, len - done, QLA_EMU_DATA_CHUNK);
		f = qla_emu_fcp_frame(p, d_id, FC_RCTL_DD_SOL_DATA, ox_id,
				      rx_id, src ? 0 : n);
		if (!f)
			return -ENOMEM;
		f->param = rel_off + done;
		f->responder = responder;
		if (src) {
			src->refs++;
			f->src = src;
			f->src_off = sgl_off + done;
			f->len = n;
		} else if (qla_emu_sgl_copy(p, s, sgl_off + done, f->payload,
					    n, false)) {
			kvfree(f);
			return -EINVAL;
		}
		qla_emu_send(p, f);
	}
	return 0;
}

/* ---- initiator ---- */

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
static void qla_emu_timer_arm(struct qla_emu_port *p)
{
	/* not mod_delayed_work: a steady stream of CTIOs would defer it */
	queue_delayed_work(p->fab->wq, &p->xchg_work, msecs_to_jiffies(100));
}

static void qla_emu_iox_end(struct qla_emu_iox *x)
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
static void qla_emu_abort_end(struct qla_emu_port *p, struct qla_emu_iox *x,
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
static void qla_emu_iox_fail(struct qla_emu_port *p, struct qla_emu_iox *x,
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

static void qla_emu_ini_rx(struct qla_emu_port *p, struct qla_emu_frame *f)
{
	struct qla_emu_iox *x = qla_emu_iox_find(p, f->s_id, f->ox_id);
	struct qla_fcp_rsp_iu r;
	u32 off, burst, resid;
	u16 comp;

	if (!x || x->aborting)
		return;		/* an aborted or unknown exchange */
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
static void qla_emu_ini_ba(struct qla_emu_port *p, struct qla_emu_frame *f)
{
	struct qla_emu_iox *x = qla_emu_iox_find(p, f->s_id, f->ox_id);
	u16 ox_id, rx_id;

	if (!x || !x->aborting)
		return;
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

/* ---- target ---- */

static struct qla_emu_tx *qla_emu_tx_find(struct qla_emu_port *p, u32 s_id,
					  u16 ox_id, u32 exchange)
{
	struct qla_emu_tx *t;

	list_for_each_entry(t, &p->txs, node)
		if (exchange ? t->exchange == exchange :
		    (t->s_id == s_id && t->ox_id == ox_id))
			return t;
	return NULL;
}

static void qla_emu_ctio_done(struct qla_emu_port *p,
			      const struct qla_ctio7_desc *c, u16 status)
{
	struct qla_ctio7_done_desc d = {
		.handle = c->handle,
		.status = status,
		.exchange_addr = c->exchange_addr,
		.flags = c->flags,
		.ox_id = c->ox_id,
	};
	struct qla_ctio7_done done;

	qla_build_ctio7_done(&done, &d);
	qla_emu_rsp_post(p, &done);
}

static void qla_emu_tx_end(struct qla_emu_port *p, struct qla_emu_tx *t,
			   u16 status)
{
	if (t->ctio_pending)
		qla_emu_ctio_done(p, &t->ctio, status);
	list_del(&t->node);
	qla_emu_sgl_free(&t->sgl);
	kfree(t);
}

static void qla_emu_tgt_cmnd(struct qla_emu_port *p, struct qla_emu_frame *f)
{
	struct qla_fcp_cmnd_desc a = { 0 };
	struct qla_fcp_cmnd_iu c;
	struct qla_emu_pdb *e;
	struct qla_emu_tx *t;
	u8 atio[ATIO7_MAX_ENTRIES * QLA_IOCB_SIZE];
	u32 n;

	if (!(p->fo1 & FO1_TARGET_MODE))
		return;
	if (qla_fcp_parse_cmnd(f->payload, f->len, &c))
		return;		/* malformed: dropped */
	e = qla_emu_pdb_find(p, f->s_id, 0);
	if (!e || e->state != PDS_PRLI_COMPLETE) {
		qla_emu_send_logo(p, f->s_id);	/* not logged in */
		return;
	}
	if (qla_emu_tx_find(p, f->s_id, f->ox_id, 0))
		return;		/* OX_ID reuse while open: dropped */
	t = kzalloc(sizeof(*t), GFP_KERNEL);
	if (!t)
		return;
	t->exchange = ++p->next_exchange;
	if (!t->exchange)
		t->exchange = ++p->next_exchange;
	t->s_id = f->s_id;
	t->ox_id = f->ox_id;
	list_add_tail(&t->node, &p->txs);

	a.exchange_addr = t->exchange;
	a.s_id = f->s_id;
	a.d_id = f->d_id;
	a.ox_id = f->ox_id;
	a.rx_id = 0xffff;
	memcpy(a.lun, c.lun, sizeof(a.lun));
	a.task_attr = c.task_attr;
	a.tmf = c.tmf;
	if (c.rw & FCP_CMND_WRDATA)
		a.rw |= ATIO7_WRDATA;
	if (c.rw & FCP_CMND_RDDATA)
		a.rw |= ATIO7_RDDATA;
	a.add_cdb_len = c.add_cdb_len;
	memcpy(a.cdb, c.cdb, 16 + 4 * c.add_cdb_len);
	a.fcp_dl = c.fcp_dl;
	/* an FCP_CMND with additional CDB runs on into more ring entries */
	n = qla_build_atio7(atio, sizeof(atio), &a);
	qla_emu_atio_post(p, atio, n / QLA_IOCB_SIZE);
}

static void qla_emu_send_rsp(struct qla_emu_port *p, struct qla_emu_tx *t,
			     const struct qla_ctio7_desc *c)
{
	struct qla_fcp_rsp_iu r = { 0 };
	struct qla_emu_frame *f;
	u32 info = 0;

	r.scsi_status = c->scsi_status & STS24_SCSI_STATUS_MASK;
	if (c->scsi_status & STS24_RESID_UNDER)
		r.flags |= FCP_RESID_UNDER;
	if (c->scsi_status & STS24_RESID_OVER)
		r.flags |= FCP_RESID_OVER;
	r.resid = c->residual;
	if ((c->flags & CTIO7_FLAGS_STATUS_MODE_1) &&
	    (c->scsi_status & STS24_RSP_LEN_VALID) && c->rsp_len >= 4 &&
	    c->rsp_len <= sizeof(c->sense)) {
		/* FCP_RSP_INFO first in the IOCB's sense area */
		r.flags |= FCP_RSP_LEN_VAL;
		r.rsp_code = c->sense[3];
		info = c->rsp_len;
	}
	if ((c->flags & CTIO7_FLAGS_STATUS_MODE_1) &&
	    (c->scsi_status & STS24_SENSE_LEN_VALID) && c->sense_len) {
		r.flags |= FCP_SNS_LEN_VAL;
		r.sense_len = min_t(u32, c->sense_len, sizeof(c->sense) - info);
		memcpy(r.sense, c->sense + info, r.sense_len);
	}
	f = qla_emu_fcp_frame(p, t->s_id, FC_RCTL_DD_CMD_STATUS, t->ox_id,
			      t->exchange & 0xffff,
			      FCP_RSP_HDR_LEN + (info ? FCP_RSP_INFO_LEN : 0) +
			      r.sense_len);
	if (!f)
		return;
	f->responder = true;
	qla_fcp_build_rsp(f->payload, f->len, &r);
	qla_emu_send(p, f);
}

void qla_emu_req_ctio7(struct qla_emu_port *p, void *iocb)
{
	struct qla_emu_dsrc *src = NULL;
	struct qla_emu_frame *f;
	struct qla_ctio7_desc c;
	struct qla_emu_sgl s;
	struct qla_emu_tx *t;

	if (qla_parse_ctio7(iocb, &c) || qla_emu_dseg_bad(p, iocb, c.dseg_count))
		return;
	t = p->link_up ? qla_emu_tx_find(p, 0, 0, c.exchange_addr) : NULL;
	if (!t) {
		qla_emu_ctio_done(p, &c, p->link_up ? CTIO_INVALID_RX_ID :
				  CTIO_PORT_LOGGED_OUT);
		return;
	}
	if (t->ctio_pending) {
		qla_emu_ctio_done(p, &c, CTIO_INVALID_RX_ID);
		return;
	}
	if (t->abts) {
		/* ABTS received: nothing more is sent on the exchange */
		qla_emu_ctio_done(p, &c, CTIO_ABORTED);
		return;
	}
	if (c.flags & CTIO7_FLAGS_TERMINATE) {
		list_del(&t->node);
		qla_emu_sgl_free(&t->sgl);
		kfree(t);
		qla_emu_ctio_done(p, &c, CTIO_SUCCESS);
		return;
	}
	if (!(c.flags & CTIO7_FLAGS_STATUS_MODE_1) &&
	    (c.flags & CTIO7_FLAGS_DATA_OUT) && c.transfer_length) {
		/* ask for the data; the CTIO completes when it is in */
		if (qla_emu_sgl_read(&s, iocb, c.dseg_count, c.dsd_addr,
				     c.dsd_len)) {
			qla_emu_ctio_done(p, &c, CTIO_TIMEOUT);
			return;
		}
		f = qla_emu_fcp_frame(p, t->s_id, FC_RCTL_DD_DATA_DESC,
				      t->ox_id, t->exchange & 0xffff,
				      FCP_XFER_RDY_LEN);
		if (!f) {
			qla_emu_sgl_free(&s);
			qla_emu_ctio_done(p, &c, CTIO_TIMEOUT);
			return;
		}
		f->responder = true;
		qla_fcp_build_xfer_rdy(f->payload, f->len, c.relative_offset,
				       c.transfer_length);
		qla_emu_sgl_free(&t->sgl);
		t->sgl = s;
		t->ctio = c;
		t->ctio_pending = true;
		t->received = 0;
		if (c.timeout) {
			t->ctio_deadline = jiffies + c.timeout * HZ;
			qla_emu_timer_arm(p);
		}
		qla_emu_send(p, f);
		return;
	}
	if (!(c.flags & CTIO7_FLAGS_STATUS_MODE_1) &&
	    (c.flags & CTIO7_FLAGS_DATA_IN) && c.transfer_length) {
		/* the frames read the data when delivered (see dsrc) */
		src = kzalloc(sizeof(*src), GFP_KERNEL);
		if (!src || qla_emu_sgl_read(&src->sgl, iocb, c.dseg_count,
					     c.dsd_addr, c.dsd_len)) {
			kfree(src);
			qla_emu_ctio_done(p, &c, CTIO_TIMEOUT);
			return;
		}
		src->refs = 1;
		src->p = p;
		src->ctio = c;
		src->status = CTIO_SUCCESS;
		if (qla_emu_send_data(p, t->s_id, t->ox_id,
				      t->exchange & 0xffff, true, &src->sgl, 0,
				      c.relative_offset, c.transfer_length,
				      src))
			src->status = CTIO_TIMEOUT;
	}
	if (c.flags & CTIO7_FLAGS_SEND_STATUS &&
	    (!src || src->status == CTIO_SUCCESS)) {
		qla_emu_send_rsp(p, t, &c);
		list_del(&t->node);
		qla_emu_sgl_free(&t->sgl);
		kfree(t);
	}
	if (src)
		qla_emu_dsrc_put(src, true);
	else
		qla_emu_ctio_done(p, &c, CTIO_SUCCESS);
}

/* Drop a reference to CTIO data; the last one completes the CTIO. */
void qla_emu_dsrc_put(struct qla_emu_dsrc *src, bool post)
{
	lockdep_assert_held(&src->p->fab->fw_mutex);
	if (--src->refs)
		return;
	if (post)
		qla_emu_ctio_done(src->p, &src->ctio, src->status);
	qla_emu_sgl_free(&src->sgl);
	kfree(src);
}

static void qla_emu_tgt_data(struct qla_emu_port *p, struct qla_emu_frame *f)
{
	struct qla_emu_tx *t = qla_emu_tx_find(p, f->s_id, f->ox_id, 0);
	u32 off;

	if (!t || !t->ctio_pending || f->param < t->ctio.relative_offset)
		return;
	off = f->param - t->ctio.relative_offset;
	if (off + f->len > t->ctio.transfer_length)
		return;
	if (qla_emu_frame_data(p, &t->sgl, off, f))
		return;
	t->received += f->len;
	if (t->received >= t->ctio.transfer_length) {
		t->ctio_pending = false;
		qla_emu_ctio_done(p, &t->ctio, CTIO_SUCCESS);
	}
}

/*
 * An ABTS from an initiator: the driver hears of it (ABTS received IOCB,
 * before the completion of a data-out CTIO it aborts) and answers with an
 * ABTS response IOCB (qla_emu_req_abts_resp).
 */
static void qla_emu_tgt_abts(struct qla_emu_port *p, struct qla_emu_frame *f)
{
	struct qla_emu_tx *t = qla_emu_tx_find(p, f->s_id, f->ox_id, 0);
	struct qla_emu_pdb *e = qla_emu_pdb_find(p, f->s_id, 0);
	struct qla_abts_desc d = {
		.s_id = f->s_id,
		.d_id = f->d_id,
		.ox_id = f->ox_id,
		.rx_id = f->rx_id,
		.r_ctl = FC_RCTL_BA_ABTS,
		.type = FC_TYPE_BLS,
		/* the originator's last frame, passing sequence initiative */
		.f_ctl = QLA_FCTL_LAST_SEQ | QLA_FCTL_END_SEQ |
			 QLA_FCTL_SEQ_INITIATIVE,
		.sof_type = ABTS_SOF_I3,
		.exchange_addr_to_abort = ATIO7_EXCHANGE_UNKNOWN,
	};
	struct qla_abts_recv in;

	if (!(p->fo1 & FO1_TARGET_MODE) || !e)
		return;		/* not logged in: dropped */
	d.nport_handle = e->handle;
	if (t && !t->abts)
		d.exchange_addr_to_abort = t->exchange;
	d.exchange_address = d.exchange_addr_to_abort;
	qla_build_abts_recv(&in, &d);
	qla_emu_rsp_post(p, &in);
	if (!t || t->abts)
		return;
	t->abts = true;
	if (t->ctio_pending) {
		t->ctio_pending = false;
		qla_emu_ctio_done(p, &t->ctio, CTIO_ABORTED);
	}
}

/*
 * The driver's answer to an ABTS, as a card takes it: R_CTL must be BA_ACC
 * or BA_RJT and F_CTL that of the exchange's responder (else the IOCB comes
 * back rejected); the frame goes out with the header's IDs and the IOCB's
 * payload in wire order, and the exchange ends. The completion carries the
 * response's header, as the card's does.
 */
void qla_emu_req_abts_resp(struct qla_emu_port *p, const void *iocb)
{
	struct qla_abts_resp_done done;
	struct qla_abts_desc d;
	struct qla_emu_frame *f = NULL;
	struct qla_emu_tx *t = NULL;
	u8 pl[12];
	u32 n;

	if (qla_parse_abts_resp(iocb, &d))
		return;
	if ((d.r_ctl != FC_RCTL_BA_ACC && d.r_ctl != FC_RCTL_BA_RJT) ||
	    !(d.f_ctl & QLA_FCTL_EXCH_CONTEXT_RESP) ||
	    !(d.f_ctl & QLA_FCTL_LAST_SEQ)) {
		u8 bad[QLA_IOCB_SIZE];

		memcpy(bad, iocb, sizeof(bad));
		((struct qla_iocb_hdr *)bad)->entry_status =
			QLA_ES_INVALID_PARAM;
		qla_emu_rsp_post(p, bad);
		return;
	}
	if (p->link_up && d.exchange_addr_to_abort != ATIO7_EXCHANGE_UNKNOWN)
		t = qla_emu_tx_find(p, 0, 0, d.exchange_addr_to_abort);
	if (t && t->abts) {
		list_del(&t->node);
		qla_emu_sgl_free(&t->sgl);
		kfree(t);
	}
	/* the response goes back where the ABTS came from */
	n = qla_abts_resp_wire(iocb, pl, sizeof(pl));
	if (p->link_up)
		f = qla_emu_fcp_frame(p, d.d_id, d.r_ctl, d.ox_id, d.rx_id, n);
	if (f) {
		memcpy(f->payload, pl, n);
		f->responder = true;
		qla_emu_send(p, f);
	}
	d.comp_status = f ? ABTS_RESP_COMPL_SUCCESS : CS_PORT_LOGGED_OUT;
	qla_build_abts_resp_done(&done, &d);
	qla_emu_rsp_post(p, &done);
}

/* An FCP or BLS frame (fw context). */
void qla_emu_fcp_rx(struct qla_emu_port *p, struct qla_emu_frame *f)
{
	switch (f->r_ctl) {
	case FC_RCTL_DD_UNSOL_CMD:
		qla_emu_tgt_cmnd(p, f);
		break;
	case FC_RCTL_DD_SOL_DATA:
		/* F_CTL exchange context: whose exchange the data is for */
		if (f->responder)
			qla_emu_ini_rx(p, f);
		else
			qla_emu_tgt_data(p, f);
		break;
	case FC_RCTL_DD_DATA_DESC:
	case FC_RCTL_DD_CMD_STATUS:
		qla_emu_ini_rx(p, f);
		break;
	case FC_RCTL_BA_ABTS:
		qla_emu_tgt_abts(p, f);
		break;
	case FC_RCTL_BA_ACC:
	case FC_RCTL_BA_RJT:
		qla_emu_ini_ba(p, f);
		break;
	default:
		break;
	}
}

/*
 * The exchange timer's FCP part: end the aborts whose ABTS went unanswered,
 * and complete with CTIO_TIMEOUT the data-out CTIOs whose data did not come
 * within the CTIO's timeout (the exchange stays open for a status CTIO).
 * True while some still wait.
 */
bool qla_emu_fcp_expire(struct qla_emu_port *p)
{
	struct qla_emu_iox *x, *xt;
	struct qla_emu_tx *t;
	bool waiting = false;

	lockdep_assert_held(&p->fab->fw_mutex);
	list_for_each_entry_safe(x, xt, &p->ioxs, node) {
		if (!x->aborting)
			continue;
		if (time_after_eq(jiffies, x->abts_deadline))
			qla_emu_abort_end(p, x, CS_TIMEOUT);
		else
			waiting = true;
	}
	list_for_each_entry(t, &p->txs, node) {
		if (!t->ctio_pending || !t->ctio.timeout)
			continue;
		if (time_after_eq(jiffies, t->ctio_deadline)) {
			t->ctio_pending = false;
			qla_emu_ctio_done(p, &t->ctio, CTIO_TIMEOUT);
		} else {
			waiting = true;
		}
	}
	return waiting;
}

/* End the FCP exchanges with port_id (0: all): link loss, logout. */
void qla_emu_fcp_purge(struct qla_emu_port *p, u32 port_id)
{
	struct qla_emu_iox *x, *xt;
	struct qla_emu_tx *t, *tt;

	list_for_each_entry_safe(x, xt, &p->ioxs, node) {
		if (port_id && x->d_id != port_id)
			continue;
		qla_emu_iox_fail(p, x, CS_PORT_LOGGED_OUT);
	}
	list_for_each_entry_safe(t, tt, &p->txs, node) {
		if (port_id && t->s_id != port_id)
			continue;
		qla_emu_tx_end(p, t, CTIO_PORT_LOGGED_OUT);
	}
}

/* Free everything without completing (the driver is gone). */
void qla_emu_fcp_free(struct qla_emu_port *p)
{
	struct qla_emu_iox *x, *xt;
	struct qla_emu_tx *t, *tt;

	list_for_each_entry_safe(x, xt, &p->ioxs, node)
		qla_emu_iox_end(x);
	list_for_each_entry_safe(t, tt, &p->txs, node) {
		list_del(&t->node);
		qla_emu_sgl_free(&t->sgl);
		kfree(t);
	}
}
