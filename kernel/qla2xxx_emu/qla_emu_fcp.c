// SPDX-License-Identifier: GPL-2.0
/*
 * qla_emu_fcp.c: the emulated firmware's FCP engines, in fw context (the
 * fabric's workqueue holding fw_mutex; see qla_emu.h): what both sides
 * share (data moved through an IOCB's data segments, FCP frames), the
 * frames in, and the exchange timer's, link loss's and teardown's turn
 * over both sides' exchanges. The initiator side is qla_emu_fcp_ini.c,
 * the target side qla_emu_fcp_tgt.c.
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
 * LOGO back; cut short, with the length that came, for the driver to end
 * the exchange; on an exchange still open, discarded); a CTIO type 7
 * sends data read through its descriptors, or sends XFER_RDY and writes
 * the data that comes back (or, when none comes within the CTIO's
 * timeout, completes with CTIO_TIMEOUT), and sends FCP_RSP; each CTIO
 * completes on the response ring. A CTIO with the terminate flag ends the
 * exchange without a frame. An ABTS becomes an ABTS received IOCB (with
 * the exchange's address, or unknown); a data-out CTIO waiting on that
 * exchange completes as aborted, later CTIOs on it do nothing, and the
 * driver's ABTS response IOCB sends BA_ACC or BA_RJT and ends the
 * exchange.
 *
 * Data moves only between the memory the descriptors address: the two ports
 * never share pages.
 *
 * What the firmware cannot take it discards (qla_emu_discard: counted,
 * traced, one rate-limited log line), as a card does in class 3: FCP_DATA
 * for no data-out exchange or outside the burst asked for, an FCP_CMND on
 * an exchange still open, frames for no exchange, an ABTS from a port not
 * logged in, and (qla_emu_port_rx) an R_CTL or TYPE it does not know.
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
int qla_emu_sgl_read(struct qla_emu_sgl *s, const void *iocb,
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
bool qla_emu_dseg_bad(struct qla_emu_port *p, void *iocb, u32 count)
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
int qla_emu_frame_data(struct qla_emu_port *p,
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

struct qla_emu_frame *qla_emu_fcp_frame(struct qla_emu_port *p,
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
int qla_emu_send_data(struct qla_emu_port *p, u32 d_id, u16 ox_id,
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
