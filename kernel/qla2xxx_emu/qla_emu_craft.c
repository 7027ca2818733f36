// SPDX-License-Identifier: GPL-2.0
/*
 * qla_emu_craft.c: frames crafted by the frame and random control files.
 *
 * A crafted frame leaves its source port as any frame the port's firmware
 * sends: through qla_emu_send() (traced, subject to the armed faults), to
 * be delivered when the fw context ends, so that the receiving port's
 * firmware, and through it its driver, take it as a frame from the wire.
 * The source port's firmware never opened the exchange, so the frames
 * that come back on it (LS_RJT, BA_RJT, FCP_RSP, XFER_RDY, data) are kept
 * here, the last QLA_EMU_CRAFT_ANSWERS of them, for the frame file to
 * read, and go no further.
 *
 * The random stream draws every frame from a seed (prandom), so that a
 * failure can be replayed with the same seed: header fields, lengths and
 * payloads at random, within the limits below, which keep the stream from
 * doing what a well-formed frame would do to the SAN's data and logins:
 * FCP_CMNDs go to one LUN, with operation codes that read or move no
 * data, and no WRITE direction (its data would never come); ELS requests
 * are never those that log the source in or out (PLOGI, FLOGI, FDISC,
 * LOGO, PRLI, PRLO) or RSCN.
 */
#include <linux/slab.h>
#include <linux/delay.h>
#include <linux/prandom.h>
#include <scsi/scsi_proto.h>

#include "qla_iocb.h"
#include "qla_emu.h"

#define QLA_EMU_RANDOM_OX_ID	0xf000	/* the stream's OX_IDs: 0xf000.. */
#define QLA_EMU_RANDOM_MAX_LEN	300

static struct qla_emu_port *qla_emu_craft_port(u64 wwpn, u32 *port_id)
{
	struct qla_emu_port *p = qla_emu_port_find(wwpn);

	if (p) {
		mutex_lock(&qla_emu_fab.lock);
		*port_id = p->sw_port_id;
		mutex_unlock(&qla_emu_fab.lock);
	}
	return p;
}

/* Remember the exchange of a crafted frame, for its answers. fw context. */
static void qla_emu_craft_note(struct qla_emu_craft *c, u32 s_id, u32 d_id,
			       u16 ox_id)
{
	unsigned int i;

	for (i = 0; i < c->n_sent; i++)
		if (c->sent[i].s_id == s_id && c->sent[i].d_id == d_id &&
		    c->sent[i].ox_id == ox_id)
			return;
	i = c->next_sent;
	c->sent[i].s_id = s_id;
	c->sent[i].d_id = d_id;
	c->sent[i].ox_id = ox_id;
	c->next_sent = (i + 1) % QLA_EMU_CRAFT_XCHGS;
	if (c->n_sent < QLA_EMU_CRAFT_XCHGS)
		c->n_sent++;
}

/* Send one frame from p (fw context); the caller checked p is up. */
static int qla_emu_craft_one(struct qla_emu_port *p, u32 d_id, u8 r_ctl,
			     u8 type, u32 f_ctl, u16 ox_id, u16 rx_id,
			     u32 param, const u8 *payload, u32 len)
{
	struct qla_emu_frame *f = qla_emu_frame_new(len, GFP_KERNEL);

	lockdep_assert_held(&p->fab->fw_mutex);
	if (!f)
		return -ENOMEM;
	f->s_id = p->port_id;
	f->d_id = d_id;
	f->r_ctl = r_ctl;
	f->type = type;
	f->ox_id = ox_id;
	f->rx_id = rx_id;
	f->param = param;
	f->responder = f_ctl & FC_FCTL_EXCH_RESP;
	memcpy(f->payload, payload, len);
	qla_emu_craft_note(&p->fab->craft, p->port_id, d_id, ox_id);
	qla_emu_send(p, f);
	return 0;
}

/*
 * The source port, up and logged in to the fabric, with fw_mutex held and
 * its N_Port ID in *s_id; -ENODEV or -ENOLINK (fw_mutex not held) if not.
 * Under ctl_mutex, so that the port stays.
 */
static int qla_emu_craft_lock(u64 from, struct qla_emu_port **pp)
{
	struct qla_emu_port *p;
	u32 id;

	lockdep_assert_held(&qla_emu_fab.ctl_mutex);
	p = qla_emu_craft_port(from, &id);
	if (!p)
		return -ENODEV;
	mutex_lock(&qla_emu_fab.fw_mutex);
	if (!p->fw_running || !p->link_up || !p->port_id) {
		qla_emu_fw_unlock(&qla_emu_fab);
		return -ENOLINK;
	}
	*pp = p;
	return 0;
}

/* The destination: a port's N_Port ID, or d_id as given. */
static int qla_emu_craft_dest(u64 to, u32 d_id, u32 *out)
{
	if (!to) {
		*out = d_id;
		return 0;
	}
	if (!qla_emu_craft_port(to, out) || !*out)
		return -EHOSTUNREACH;
	return 0;
}

int qla_emu_craft_send(const struct qla_emu_craft_desc *d)
{
	struct qla_emu_port *p;
	u32 d_id;
	int err;

	err = qla_emu_craft_dest(d->to, d->d_id, &d_id);
	if (err)
		return err;
	err = qla_emu_craft_lock(d->from, &p);
	if (err)
		return err;
	err = qla_emu_craft_one(p, d_id, d->r_ctl, d->type, d->f_ctl,
				d->ox_id, d->rx_id, d->param, d->payload,
				d->len);
	qla_emu_fw_unlock(&qla_emu_fab);
	return err;
}

static u32 qla_emu_rnd(struct rnd_state *st, u32 n)
{
	return prandom_u32_state(st) % n;
}

static void qla_emu_rnd_bytes(struct rnd_state *st, u8 *b, u32 n)
{
	prandom_bytes_state(st, b, n);
}

/* operation codes that move no data to the target */
static const u8 qla_emu_random_ops[] = {
	TEST_UNIT_READY, REQUEST_SENSE, INQUIRY, MODE_SENSE, READ_CAPACITY,
	READ_10, READ_16, SERVICE_ACTION_IN_16, REPORT_LUNS, MODE_SENSE_10,
};

/* ELS the stream leaves out (logins, logouts, RSCN) */
static bool qla_emu_random_els_ok(u8 els)
{
	switch (els) {
	case ELS_PLOGI:
	case ELS_FLOGI:
	case ELS_LOGO:
	case ELS_PRLI:
	case ELS_PRLO:
	case ELS_RSCN:
	case 0x51:	/* FDISC */
		return false;
	default:
		return true;
	}
}

/* A random FCP_CMND to lun; returns its length. */
static u32 qla_emu_random_cmnd(struct rnd_state *st, u8 *b, u32 lun)
{
	u32 add = 0, len, n;

	qla_emu_rnd_bytes(st, b, QLA_EMU_RANDOM_MAX_LEN);
	memset(b, 0, 8);
	b[0] = (lun >> 8) & 0x3f;	/* flat space addressing past 255 */
	if (lun > 255)
		b[0] |= 0x40;
	b[1] = lun & 0xff;
	b[8] = 0;				/* command reference number */
	b[9] &= 0x07;				/* task attribute */
	if (qla_emu_rnd(st, 8))			/* mostly no TMF */
		b[10] = 0;
	if (!qla_emu_rnd(st, 4))
		add = qla_emu_rnd(st, 4);
	/* read direction or none: a WRITE's data would never come */
	b[11] = add << 2 | (b[11] & FCP_CMND_RDDATA);
	b[12] = qla_emu_random_ops[qla_emu_rnd(st,
					       ARRAY_SIZE(qla_emu_random_ops))];
	n = FCP_CMND_LEN + 4 * add;
	/* FCP_DL at most 64 KiB */
	b[n - 4] = 0;
	b[n - 3] = 0;
	switch (qla_emu_rnd(st, 8)) {
	case 0:
		len = qla_emu_rnd(st, n);	/* cut short */
		break;
	case 1:
		len = n + qla_emu_rnd(st, 16);	/* bytes beyond */
		break;
	default:
		len = n;
		break;
	}
	return len;
}

/* One random frame from p to d_id (fw context). */
static int qla_emu_random_one(struct qla_emu_port *p, struct rnd_state *st,
			      u32 d_id, u32 lun, u8 *b)
{
	u16 ox_id = QLA_EMU_RANDOM_OX_ID | qla_emu_rnd(st, 64);
	u16 rx_id = qla_emu_rnd(st, 4) ? 0xffff : prandom_u32_state(st);
	u32 f_ctl = qla_emu_rnd(st, 4) ? 0 : FC_FCTL_EXCH_RESP;
	u32 param = qla_emu_rnd(st, 4) ? 0 : prandom_u32_state(st) & 0xffff;
	u32 len = qla_emu_rnd(st, 64);
	u32 kind = qla_emu_rnd(st, 10);
	u8 r_ctl, type;

	qla_emu_rnd_bytes(st, b, QLA_EMU_RANDOM_MAX_LEN);
	/* four in ten an FCP_CMND */
	if (kind < 4)
		kind = 3;
	switch (kind) {
	case 3:
		r_ctl = FC_RCTL_DD_UNSOL_CMD;
		type = FC_TYPE_FCP;
		len = qla_emu_random_cmnd(st, b, lun);
		break;
	case 4:
		r_ctl = FC_RCTL_DD_SOL_DATA;
		type = FC_TYPE_FCP;
		len = qla_emu_rnd(st, QLA_EMU_RANDOM_MAX_LEN);
		break;
	case 5:
		r_ctl = FC_RCTL_BA_ABTS;
		type = FC_TYPE_BLS;
		len = 0;
		break;
	case 6:
		r_ctl = FC_RCTL_ELS_REQ;
		type = FC_TYPE_ELS;
		while (!qla_emu_random_els_ok(b[0]))
			b[0] = prandom_u32_state(st);
		len = qla_emu_rnd(st, 2) ? len : 4 + qla_emu_rnd(st, 4);
		break;
	case 7:
		r_ctl = prandom_u32_state(st);
		type = prandom_u32_state(st);
		if (r_ctl == FC_RCTL_ELS_REQ && !qla_emu_random_els_ok(b[0]))
			b[0] = 0;
		break;
	case 8:
		r_ctl = qla_emu_rnd(st, 2) ? FC_RCTL_BA_ACC : FC_RCTL_BA_RJT;
		type = FC_TYPE_BLS;
		break;
	default:
		r_ctl = qla_emu_rnd(st, 2) ? FC_RCTL_ELS_REP :
					     FC_RCTL_DD_CMD_STATUS;
		type = r_ctl == FC_RCTL_ELS_REP ? FC_TYPE_ELS : FC_TYPE_FCP;
		break;
	}
	/* now and then, a TYPE of another FC-4 */
	if (!qla_emu_rnd(st, 16))
		type = prandom_u32_state(st);
	if (r_ctl == FC_RCTL_ELS_REQ && type == FC_TYPE_ELS &&
	    !qla_emu_random_els_ok(b[0]))
		b[0] = 0;
	return qla_emu_craft_one(p, d_id, r_ctl, type, f_ctl, ox_id, rx_id,
				 param, b, len);
}

int qla_emu_craft_random(u64 from, u64 to, u64 seed, u32 count, u32 lun)
{
	struct qla_emu_port *p;
	struct rnd_state st;
	u32 d_id, i;
	int err = 0;
	u8 *b;

	err = qla_emu_craft_dest(to, 0, &d_id);
	if (err)
		return err;
	b = kmalloc(QLA_EMU_RANDOM_MAX_LEN, GFP_KERNEL);
	if (!b)
		return -ENOMEM;
	prandom_seed_state(&st, seed);
	for (i = 0; i < count && !err; i++) {
		err = qla_emu_craft_lock(from, &p);
		if (err)
			break;
		err = qla_emu_random_one(p, &st, d_id, lun, b);
		qla_emu_fw_unlock(&qla_emu_fab);
		/* a frame at a time, as a port's link would carry them */
		usleep_range(500, 1000);
	}
	kfree(b);
	return err;
}

/*
 * A frame on the exchange of a crafted frame, coming back to its source:
 * kept as an answer (true), or not one (false). fw context.
 */
bool qla_emu_craft_answer(struct qla_emu_fabric *fab,
			  const struct qla_emu_frame *f)
{
	struct qla_emu_craft *c = &fab->craft;
	unsigned int i;
	u32 n;

	lockdep_assert_held(&fab->fw_mutex);
	for (i = 0; i < c->n_sent; i++)
		if (c->sent[i].s_id == f->d_id && c->sent[i].d_id == f->s_id &&
		    c->sent[i].ox_id == f->ox_id)
			break;
	if (i == c->n_sent)
		return false;
	/* data sent by reference is not read here: its length says enough */
	n = f->src ? 0 : min_t(u32, f->len, QLA_EMU_CRAFT_SHOW_BYTES);
	snprintf(c->answers[c->next_ans], QLA_EMU_CRAFT_ANSWER_LEN,
		 "ox_id=0x%04x rx_id=0x%04x s_id=%06x r_ctl=0x%02x type=0x%02x len=%u payload=%*phN",
		 f->ox_id, f->rx_id, f->s_id, f->r_ctl, f->type, f->len, n,
		 f->payload);
	c->next_ans = (c->next_ans + 1) % QLA_EMU_CRAFT_ANSWERS;
	if (c->n_ans < QLA_EMU_CRAFT_ANSWERS)
		c->n_ans++;
	return true;
}

/* The answers kept, oldest first, one a line. */
ssize_t qla_emu_craft_show(char *buf)
{
	struct qla_emu_craft *c = &qla_emu_fab.craft;
	unsigned int i, k;
	ssize_t n = 0;

	mutex_lock(&qla_emu_fab.fw_mutex);
	for (k = 0; k < c->n_ans &&
	     n + QLA_EMU_CRAFT_ANSWER_LEN < PAGE_SIZE; k++) {
		i = (c->next_ans + QLA_EMU_CRAFT_ANSWERS - c->n_ans + k) %
		    QLA_EMU_CRAFT_ANSWERS;
		n += sysfs_emit_at(buf, n, "%s\n", c->answers[i]);
	}
	mutex_unlock(&qla_emu_fab.fw_mutex);
	return n;
}

/* Forget the crafted exchanges and their answers. */
void qla_emu_craft_clear(void)
{
	mutex_lock(&qla_emu_fab.fw_mutex);
	memset(&qla_emu_fab.craft, 0, sizeof(qla_emu_fab.craft));
	mutex_unlock(&qla_emu_fab.fw_mutex);
}
