/* SPDX-License-Identifier: GPL-2.0 */
/*
 * qla_tgt_priv.h: the target engine's own objects, shared by its session
 * half (qla_tgt_sess.c: binding, sessions, the port) and its command half
 * (qla_tgt.c: ATIO -> command, CTIO out, ABTS). See qla_tgt.h for the
 * interface and the lifetimes of sessions and commands.
 *
 * Objects and locks:
 *  - struct qla_tgt, one per local port, kref'd: the port holds one
 *    reference, each binding one. tgt->mutex (mutex) serialises binding,
 *    enable/disable and session creation/removal, all in process context,
 *    and is held while the fabric's sess_new/sess_gone run.
 *  - Logins and logouts come from the fc layer as struct qla_tgt_sevt on
 *    tgt->sess_wq, the engine's own ordered workqueue: they run one at a
 *    time in the order they happened, under tgt->mutex but never under
 *    the fc layer's fc.lock (a LOGO waits there for the fabric to finish
 *    the session's commands without stalling the port's logins).
 *  - tgt->lock (spinlock, irqsave) protects the session list, each
 *    session's fabric pointer and the command table; the ISR takes it
 *    (inside ha->hw_lock) to find a session and a command.
 *  - struct qla_tgt_sess, kref'd: the list holds one reference, each
 *    command one.
 *  - struct qla_tgt_xcmd: owned by the engine until cmd_new, then by the
 *    fabric until qla_tgt_cmd_free; at most one CTIO in flight; every
 *    call of the fabric's runs from the command's work item.
 */
#ifndef QLA_TGT_PRIV_H
#define QLA_TGT_PRIV_H

#include <linux/kref.h>
#include <linux/mutex.h>
#include <linux/spinlock.h>
#include <linux/wait.h>
#include <linux/workqueue.h>

#include "qla_def.h"
#include "qla_tgt.h"

#define QLA_TGT_MAX_CMDS	128
#define QLA_TGT_MAX_SG		256
/*
 * How long the firmware waits for a CTIO's data-out before it completes the
 * CTIO with CTIO_TIMEOUT, in seconds: the initiator's ABTS normally ends the
 * wait first; this ends it when the ABTS is lost too, so that a LUN reset
 * waiting on the command can finish.
 */
#define QLA_TGT_CTIO_TIMEOUT	10
/* refused initiators remembered for an invitation, per port */
#define QLA_TGT_MAX_REFUSED	256
/* from an invitation (an ACL created) to the LOGO that brings it in */
#define QLA_TGT_INVITE_DELAY	HZ

struct qla_tgt {
	struct kref kref;
	struct mutex mutex;		/* see above */
	struct qla_hw *ha;		/* NULL once the port is gone */
	const struct qla_tgt_ops *ops;	/* under mutex; NULL: unbound */
	void *fabric;
	bool enabled;			/* under lock and mutex */
	spinlock_t lock;
	struct list_head sessions;
	struct qla_tgt_xcmd *cmds[QLA_TGT_MAX_CMDS];	/* under lock */
	u32 next_slot;
	struct qla_seg *seg;		/* QLA_TGT_MAX_SG per slot */
	struct workqueue_struct *wq;
	/* ordered: session events; NULL once the port is gone (under lock) */
	struct workqueue_struct *sess_wq;
	wait_queue_head_t idle;		/* a session's last command freed */
	struct work_struct offer_work;	/* retry refused sessions */
	struct list_head refused;	/* struct qla_tgt_refused; mutex */
	struct delayed_work invite_work;	/* QLA_TGT_INVITE_DELAY after */
	unsigned int nr_refused;
};

struct qla_tgt_sess {
	struct list_head node;		/* tgt->sessions, under lock */
	struct kref kref;
	struct qla_tgt *tgt;
	u64 wwpn, wwnn;
	u32 port_id;
	u16 nport_handle;
	bool logged_in;
	void *fabric_sess;		/* under lock */
	atomic_t outstanding;
	unsigned int offers;		/* under mutex */
	unsigned long last_offer;	/* jiffies; under mutex */
};

/* A login or logout for the engine's ordered session workqueue. */
enum qla_tgt_sevt_type {
	QLA_TGT_SEVT_LOGIN,		/* PRLI accepted (either direction) */
	QLA_TGT_SEVT_GONE,		/* one initiator (port_id) */
	QLA_TGT_SEVT_GONE_ALL,		/* every initiator */
	QLA_TGT_SEVT_CLOSE,		/* the fabric asked: withdraw sess */
	QLA_TGT_SEVT_INVITE,		/* the fabric invites wwpn */
	QLA_TGT_SEVT_INVITE_DUE,	/* log the invited out (invite_work) */
};

/* An initiator whose PRLI the engine refused (no ACL); under mutex. */
struct qla_tgt_refused {
	struct list_head node;		/* tgt->refused */
	u64 wwpn;
	u32 port_id;
	u16 nport_handle;
	bool invited;			/* log it out at invite_work */
};

struct qla_tgt_sevt {
	struct work_struct work;
	struct qla_tgt *tgt;		/* referenced */
	enum qla_tgt_sevt_type type;
	u32 ack_id;			/* LOGIN: the PRLI awaits the answer */
	enum qla_tgt_gone_reason reason;
	u32 port_id;
	u64 wwpn, wwnn;
	u16 nport_handle;
	struct qla_tgt_sess *sess;	/* CLOSE: referenced */
};

enum qla_tgt_evt {
	QLA_TGT_EVT_NEW,
	QLA_TGT_EVT_DATA,
	QLA_TGT_EVT_XMIT,
};

struct qla_tgt_xcmd {
	struct qla_tgt *tgt;
	struct work_struct work;
	enum qla_tgt_evt evt;
	int status;
	u32 slot;
	u32 s_id;
	u16 ox_id;
	bool inflight;			/* a CTIO is posted; under lock */
	bool abts;			/* ABTS received; under lock */
	bool ended;			/* the firmware ended the exchange */
	bool is_abts;			/* ABORT TASK for an ABTS: */
	struct qla_hw_abts abts_in;	/* the ABTS received */
	struct scatterlist *sg;		/* mapped for the CTIO in flight */
	unsigned int sg_cnt;
	enum dma_data_direction sg_dir;
	struct qla_tgt_cmd pub;		/* last: its priv[] follows */
};

static inline struct qla_tgt_xcmd *to_xcmd(struct qla_tgt_cmd *cmd)
{
	return container_of(cmd, struct qla_tgt_xcmd, pub);
}

/* qla_tgt_sess.c */
void qla_tgt_free(struct kref *kref);
void qla_tgt_sess_free(struct kref *kref);
struct qla_tgt_sess *qla_tgt_sess_find(struct qla_tgt *tgt, u32 port_id);

/* qla_tgt.c */
void qla_tgt_fail_inflight(struct qla_tgt *tgt);
extern const struct qla_hw_tgt_ops qla_tgt_hw_ops;

#endif /* QLA_TGT_PRIV_H */
