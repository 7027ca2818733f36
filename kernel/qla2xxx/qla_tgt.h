/* SPDX-License-Identifier: GPL-2.0 */
/*
 * qla_tgt.h: what qla2xxx.ko offers tcm_qla2xxx.ko: local port lookup,
 * the WWN parser, and the target engine (qla_tgt.c). No LIO type appears
 * here or anywhere in qla2xxx.ko.
 *
 * The engine, per local port in target or dual role:
 *
 *  - A fabric binds to the port by WWPN (qla_tgt_bind) with an ops table and
 *    gets a reference on the port's engine (struct qla_tgt), dropped by
 *    qla_tgt_unbind. The port may go away while bound: the engine then ends
 *    every session and calls nothing of the fabric's any more.
 *  - qla_tgt_enable(tgt, true) lets the fabric see sessions and commands;
 *    false ends every session (waiting for the fabric to finish their
 *    commands) and the port answers later commands with BUSY. Only this
 *    port's target role is affected.
 *  - A session is one initiator port logged in (PRLI, in either direction)
 *    with this port. The engine calls sess_new in process context when the
 *    initiator's PRLI has been accepted or this port's login to it is done
 *    (or when the port is enabled with initiators logged in), and
 *    sess_gone, in process context, on LOGO, link loss, disable or unbind,
 *    with the reason. sess_gone returns after the fabric finished every
 *    command of the session. Both run from the engine's own ordered
 *    workqueue (one per port), never under the fc layer's lock, in the
 *    order the logins and logouts happened. qla_tgt_sess_close asks the
 *    engine to take a session away from the fabric (its ACL was
 *    removed): sess_gone follows from that workqueue. With no fabric
 *    session (sess_new returned NULL), the initiator's commands get BUSY;
 *    a PRLI the fabric refuses (ERR_PTR(-EACCES): no ACL) is rejected.
 *  - A command is one exchange opened by an FCP_CMND (an ATIO). The engine
 *    allocates it with ops->cmd_priv_size bytes for the fabric
 *    (qla_tgt_cmd_priv) and calls cmd_new in process context. The fabric
 *    then calls qla_tgt_xmit (data-in and/or status) or qla_tgt_recv (ask
 *    for data-out into a scatterlist) any number of times, one at a time;
 *    each completes once with data_done (after recv) or xmit_done (after
 *    xmit), in process context, status 0 or -errno (the exchange was
 *    aborted or the initiator is gone). After the xmit that carried status
 *    completes, the fabric calls qla_tgt_cmd_free exactly once. Freed
 *    before its status was sent (LIO aborted it), the command's exchange
 *    is terminated in the firmware.
 *  - Task management comes as commands too (cmd->tmf): an FCP_CMND with a
 *    task management flag, or an ABTS from the initiator, which becomes
 *    ABORT TASK naming the aborted command's tag. The engine answers the
 *    first with FCP_RSP_INFO, the second with BA_ACC (the exchange is gone
 *    either way); an ABTS for an exchange it does not know gets BA_RJT
 *    without the fabric. After an ABTS nothing more is sent on the
 *    aborted command's exchange: its CTIOs fail with -ECANCELED.
 *
 * Locking: the fabric's callbacks are called with no engine lock held and
 * may sleep (except where noted). qla_tgt_xmit/qla_tgt_recv may be called
 * from any context.
 */
#ifndef QLA_TGT_H
#define QLA_TGT_H

#include <linux/types.h>
#include <linux/scatterlist.h>
#include <linux/dma-direction.h>

enum qla_tgt_role {
	QLA_TGT_ROLE_NONE,
	QLA_TGT_ROLE_INITIATOR,
	QLA_TGT_ROLE_TARGET,
	QLA_TGT_ROLE_BOTH,
};

struct qla_tgt_port_info {
	u64 wwpn;
	u64 wwnn;
	enum qla_tgt_role role;
	u32 port_id;		/* 0 while the link is down */
	unsigned int host_no;
};

/* Look a local port up by WWPN; 0 and *info filled, or -ENODEV. */
int qla_tgt_port_lookup(u64 wwpn, struct qla_tgt_port_info *info);

/* The driver's one WWN parser (0x-hex, colon, naa. or bare hex forms). */
int qla_tgt_parse_wwn(const char *s, size_t len, u64 *wwn);

struct qla_tgt;
struct qla_tgt_sess;

/* SAM task attributes, as the FCP_CMND carries them. */
enum qla_tgt_task_attr {
	QLA_TGT_TASK_SIMPLE,
	QLA_TGT_TASK_HEAD_OF_QUEUE,
	QLA_TGT_TASK_ORDERED,
	QLA_TGT_TASK_ACA,
};

/*
 * Task management functions: FCP_CMND flags, and ABORT TASK for an ABTS
 * on a command's exchange.
 */
enum qla_tgt_tmf {
	QLA_TGT_TMF_NONE,
	QLA_TGT_TMF_ABORT_TASK,
	QLA_TGT_TMF_ABORT_TASK_SET,
	QLA_TGT_TMF_CLEAR_TASK_SET,
	QLA_TGT_TMF_LUN_RESET,
	QLA_TGT_TMF_TARGET_RESET,
	QLA_TGT_TMF_CLEAR_ACA,
};

/* The fabric's answer to a task management function. */
enum qla_tgt_tmf_rsp {
	QLA_TGT_TMF_RSP_COMPLETE,
	QLA_TGT_TMF_RSP_NOT_SUPPORTED,
	QLA_TGT_TMF_RSP_FAILED,
	QLA_TGT_TMF_RSP_BAD_LUN,
};

/*
 * Why a session ended (sess_gone). The values are those of the qlat_sess
 * netlink family's enum qlat_nl_reason (kernel/include/uapi/qlat_nl.h).
 */
enum qla_tgt_gone_reason {
	QLA_TGT_GONE_UNKNOWN,
	QLA_TGT_GONE_LOGO,		/* the initiator sent LOGO */
	QLA_TGT_GONE_PRLO,		/* the initiator sent PRLO */
	QLA_TGT_GONE_LINK_DOWN,		/* this port's link went down */
	QLA_TGT_GONE_PORT_GONE,		/* the initiator left the fabric */
	QLA_TGT_GONE_TPG_DISABLED,	/* qla_tgt_enable(false) */
	QLA_TGT_GONE_ACL_REMOVED,	/* qla_tgt_sess_close: ACL removed */
	QLA_TGT_GONE_ADMIN,		/* role change, unbind, port removal */
};

/* What the fabric sees of an initiator's session. */
struct qla_tgt_sess_info {
	u64 wwpn;		/* initiator port */
	u64 wwnn;
	u32 port_id;		/* its N_Port ID */
	bool logged_in;
	bool first_offer;	/* sess_new: not offered before */
	bool can_refuse;	/* sess_new: its PRLI awaits the answer */
	unsigned int outstanding;	/* commands not yet freed */
};

/*
 * A CDB as the FCP_CMND carried it: 16 bytes and up to 63 words of
 * additional CDB (variable-length CDBs); the bytes past cdb_len are zero.
 */
#define QLA_TGT_CDB_MAX		(16 + 4 * 63)

/* One SCSI command received by the port; fields are read-only. */
struct qla_tgt_cmd {
	struct qla_tgt_sess *sess;
	void *fabric_sess;	/* what sess_new returned */
	u64 lun;		/* single-level LUN (SAM) */
	u8 cdb[QLA_TGT_CDB_MAX];
	u16 cdb_len;
	u32 data_len;		/* FCP_DL */
	enum dma_data_direction dir;
	enum qla_tgt_task_attr task_attr;
	u32 tag;		/* the exchange address */
	/*
	 * With tmf set, a task management request for lun (cdb, data_len
	 * and dir unused; ABORT TASK names the command by ref_tag). The
	 * fabric answers with one qla_tgt_xmit (rsp->tmf) and frees it as
	 * any command.
	 */
	enum qla_tgt_tmf tmf;
	u32 ref_tag;
	unsigned long priv[] __aligned(8);	/* the fabric's */
};

static inline void *qla_tgt_cmd_priv(struct qla_tgt_cmd *cmd)
{
	return cmd->priv;
}

/* What qla_tgt_xmit sends. */
struct qla_tgt_rsp {
	struct scatterlist *sg;	/* data-in, or NULL */
	unsigned int sg_cnt;
	u32 len;		/* data-in bytes */
	u32 offset;		/* relative offset of the data */
	bool send_status;
	u8 scsi_status;
	const u8 *sense;
	u32 sense_len;
	u32 resid;		/* with under or over */
	bool under, over;
	bool tmf;		/* the answer to a task management request */
	enum qla_tgt_tmf_rsp tmf_rsp;
};

struct qla_tgt_ops {
	size_t cmd_priv_size;
	/*
	 * An initiator logged in: return the fabric's session pointer, NULL
	 * when it cannot have one now (its commands then get BUSY and it is
	 * offered again), or ERR_PTR(-EACCES) when it may not log in (no
	 * ACL): with info->can_refuse its PRLI is then rejected, and the
	 * engine logs it out again when qla_tgt_invite() names it;
	 * otherwise as NULL. May sleep.
	 */
	void *(*sess_new)(void *fabric, struct qla_tgt_sess *sess,
			  const struct qla_tgt_sess_info *info);
	/*
	 * The session ended (why: reason); finish its commands, then
	 * return. May sleep.
	 */
	void (*sess_gone)(void *fabric, void *fabric_sess,
			  enum qla_tgt_gone_reason reason);
	void (*cmd_new)(struct qla_tgt_cmd *cmd);
	void (*data_done)(struct qla_tgt_cmd *cmd, int status);
	void (*xmit_done)(struct qla_tgt_cmd *cmd, int status);
};

int qla_tgt_bind(u64 wwpn, const struct qla_tgt_ops *ops, void *fabric,
		 struct qla_tgt **out);
void qla_tgt_unbind(struct qla_tgt *tgt);
int qla_tgt_enable(struct qla_tgt *tgt, bool enable);

int qla_tgt_xmit(struct qla_tgt_cmd *cmd, const struct qla_tgt_rsp *rsp);
int qla_tgt_recv(struct qla_tgt_cmd *cmd, struct scatterlist *sg,
		 unsigned int sg_cnt, u32 len, u32 offset);
void qla_tgt_cmd_free(struct qla_tgt_cmd *cmd);
void qla_tgt_sess_get_info(struct qla_tgt_sess *sess,
			   struct qla_tgt_sess_info *info);
void qla_tgt_sess_close(struct qla_tgt_sess *sess,
			enum qla_tgt_gone_reason reason);
void qla_tgt_invite(struct qla_tgt *tgt, u64 wwpn);

#endif /* QLA_TGT_H */
