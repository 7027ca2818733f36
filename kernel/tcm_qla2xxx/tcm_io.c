// SPDX-License-Identifier: GPL-2.0
/*
 * Sessions and commands: the target engine's callbacks (qla_tgt_ops) turn
 * logins into LIO sessions and ATIOs into se_cmds; LIO's fabric callbacks
 * (write_pending, queue_data_in, queue_status, release_cmd) become the
 * engine's CTIOs.
 *
 * Lifetimes: a tcm_qla_sess lives from sess_new (target_setup_session) to
 * sess_gone, which stops the session, waits for its commands and removes
 * it. A tcm_qla_cmd is the engine command's private area: it lives until
 * LIO releases the se_cmd (release_cmd -> qla_tgt_cmd_free). The engine's
 * xmit_done for the response that carried status drops the fabric's
 * acknowledgment reference (transport_generic_free_cmd).
 */
#include <linux/module.h>
#include <linux/slab.h>
#include <scsi/scsi_proto.h>
#include <target/target_core_base.h>
#include <target/target_core_fabric.h>

#include "qla_tgt.h"
#include "tcm_qla2xxx.h"

static struct tcm_qla_cmd *to_tcm_cmd(struct se_cmd *se_cmd)
{
	return container_of(se_cmd, struct tcm_qla_cmd, se_cmd);
}

/* ---- sessions ---- */

static atomic_t tcm_qla_next_sid = ATOMIC_INIT(0);

static void tcm_qla_nl_fill(struct tcm_qla_nl_info *i,
			    const struct tcm_qla_lport *lport,
			    const struct qla_tgt_sess_info *info)
{
	memset(i, 0, sizeof(*i));
	i->tgt_wwpn = lport->wwpn;
	i->host_no = lport->host_no;
	i->ini_wwpn = info->wwpn;
	i->ini_wwnn = info->wwnn;
	i->port_id = info->port_id;
}

static void *tcm_qla_sess_new(void *fabric, struct qla_tgt_sess *qsess,
			      const struct qla_tgt_sess_info *info)
{
	struct tcm_qla_lport *lport = fabric;
	char name[TCM_QLA2XXX_NAMELEN];
	struct se_node_acl *se_nacl;
	struct se_session *se_sess;
	struct tcm_qla_sess *ts;

	if (!lport->tpg)
		return NULL;
	ts = kzalloc(sizeof(*ts), GFP_KERNEL);
	if (!ts)
		return NULL;
	ts->qsess = qsess;
	ts->wwpn = info->wwpn;
	ts->sid = atomic_inc_return(&tcm_qla_next_sid);
	tcm_qla_nl_fill(&ts->nl, lport, info);
	tcm_qla_format_wwn(name, sizeof(name), info->wwpn);
	se_sess = target_setup_session(&lport->tpg->se_tpg, 0, 0,
				       TARGET_PROT_NORMAL, name, ts, NULL);
	if (IS_ERR(se_sess)) {
		int err = PTR_ERR(se_sess);

		if (info->first_offer) {
			pr_info("tcm_qla2xxx: %s: initiator %s has no ACL: %s\n",
				lport->name, name, info->can_refuse ?
				"login refused (PRLI rejected)" :
				"its commands get BUSY");
			tcm_qla_nl_denied(&ts->nl, err);
		}
		kfree(ts);
		/* without an ACL (no demo mode): the login is refused */
		return err == -EACCES ? ERR_PTR(-EACCES) : NULL;
	}
	ts->se_sess = se_sess;
	se_nacl = se_sess->se_node_acl;
	ts->nl.has_acl = true;
	ts->nl.dynamic = se_nacl->dynamic_node_acl;
	ts->nl.acl_wwpn = ts->nl.dynamic ? info->wwpn :
			  container_of(se_nacl, struct tcm_qla_nacl,
				       se_nacl)->wwpn;
	tcm_qla_nl_login(ts);
	return ts;
}

static void tcm_qla_sess_gone(void *fabric, void *fabric_sess,
			      enum qla_tgt_gone_reason reason)
{
	struct tcm_qla_sess *ts = fabric_sess;

	target_stop_session(ts->se_sess);
	target_wait_for_sess_cmds(ts->se_sess);
	target_remove_session(ts->se_sess);
	tcm_qla_nl_logout(ts, reason);
	kfree(ts);
}

/*
 * LIO ends the session (its node ACL is being removed): the engine takes
 * it away from its workqueue, and sess_gone follows there.
 */
void tcm_qla_close_session(struct se_session *se_sess)
{
	struct tcm_qla_sess *ts = se_sess->fabric_sess_ptr;

	qla_tgt_sess_close(ts->qsess, QLA_TGT_GONE_ACL_REMOVED);
}

/* ---- commands ---- */

static const int tcm_qla_task_attr[] = {
	[QLA_TGT_TASK_SIMPLE] = TCM_SIMPLE_TAG,
	[QLA_TGT_TASK_HEAD_OF_QUEUE] = TCM_HEAD_TAG,
	[QLA_TGT_TASK_ORDERED] = TCM_ORDERED_TAG,
	[QLA_TGT_TASK_ACA] = TCM_ACA_TAG,
};

static const int tcm_qla_tmr_fn[] = {
	[QLA_TGT_TMF_ABORT_TASK] = TMR_ABORT_TASK,
	[QLA_TGT_TMF_ABORT_TASK_SET] = TMR_ABORT_TASK_SET,
	[QLA_TGT_TMF_CLEAR_TASK_SET] = TMR_CLEAR_TASK_SET,
	[QLA_TGT_TMF_LUN_RESET] = TMR_LUN_RESET,
	[QLA_TGT_TMF_TARGET_RESET] = TMR_TARGET_WARM_RESET,
	[QLA_TGT_TMF_CLEAR_ACA] = TMR_CLEAR_ACA,
};

/* A task management request: LIO runs it and answers in queue_tm_rsp. */
static void tcm_qla_tmr_new(struct tcm_qla_cmd *tc, struct tcm_qla_sess *ts)
{
	struct qla_tgt_cmd *qcmd = tc->qcmd;
	struct qla_tgt_rsp rsp = {
		.tmf = true,
		.tmf_rsp = QLA_TGT_TMF_RSP_FAILED,
	};

	tc->se_cmd.tag = qcmd->tag;
	if (target_submit_tmr(&tc->se_cmd, ts->se_sess, tc->sense, qcmd->lun,
			      NULL, tcm_qla_tmr_fn[qcmd->tmf], GFP_KERNEL,
			      qcmd->ref_tag, TARGET_SCF_ACK_KREF)) {
		/* the session is stopping */
		tc->no_lio = true;
		qla_tgt_xmit(qcmd, &rsp);
	}
}

static void tcm_qla_cmd_new(struct qla_tgt_cmd *qcmd)
{
	struct tcm_qla_cmd *tc = qla_tgt_cmd_priv(qcmd);
	struct tcm_qla_sess *ts = qcmd->fabric_sess;
	struct qla_tgt_rsp rsp = {
		.send_status = true,
		.scsi_status = SAM_STAT_BUSY,
	};

	tc->qcmd = qcmd;
	if (qcmd->tmf) {
		tcm_qla_tmr_new(tc, ts);
		return;
	}
	tc->se_cmd.tag = qcmd->tag;
	if (target_init_cmd(&tc->se_cmd, ts->se_sess, tc->sense, qcmd->lun,
			    qcmd->data_len,
			    tcm_qla_task_attr[qcmd->task_attr], qcmd->dir,
			    TARGET_SCF_ACK_KREF)) {
		/* the session is stopping: LIO will not take the command */
		tc->no_lio = true;
		qla_tgt_xmit(qcmd, &rsp);
		return;
	}
	if (target_submit_prep(&tc->se_cmd, qcmd->cdb, NULL, 0, NULL, 0, NULL,
			       0, GFP_KERNEL))
		return;		/* LIO answers through queue_status */
	tcm_qla_buf_attach(tc);
	target_submit(&tc->se_cmd);
}

static void tcm_qla_data_done(struct qla_tgt_cmd *qcmd, int status)
{
	struct tcm_qla_cmd *tc = qla_tgt_cmd_priv(qcmd);

	if (status) {
		sense_reason_t r = TCM_CHECK_CONDITION_ABORT_CMD;

		transport_generic_request_failure(&tc->se_cmd, r);
		return;
	}
	target_execute_cmd(&tc->se_cmd);
}

static void tcm_qla_xmit_done(struct qla_tgt_cmd *qcmd, int status)
{
	struct tcm_qla_cmd *tc = qla_tgt_cmd_priv(qcmd);

	if (tc->no_lio) {
		qla_tgt_cmd_free(qcmd);
		return;
	}
	transport_generic_free_cmd(&tc->se_cmd, 0);
}

const struct qla_tgt_ops tcm_qla_tgt_ops = {
	.cmd_priv_size = sizeof(struct tcm_qla_cmd),
	.sess_new = tcm_qla_sess_new,
	.sess_gone = tcm_qla_sess_gone,
	.cmd_new = tcm_qla_cmd_new,
	.data_done = tcm_qla_data_done,
	.xmit_done = tcm_qla_xmit_done,
};

/* ---- LIO's fabric callbacks ---- */

int tcm_qla_write_pending(struct se_cmd *se_cmd)
{
	struct tcm_qla_cmd *tc = to_tcm_cmd(se_cmd);

	return qla_tgt_recv(tc->qcmd, se_cmd->t_data_sg, se_cmd->t_data_nents,
			    se_cmd->data_length, 0);
}

static void tcm_qla_resid(struct se_cmd *se_cmd, struct qla_tgt_rsp *rsp)
{
	if (se_cmd->se_cmd_flags & SCF_UNDERFLOW_BIT) {
		rsp->under = true;
		rsp->resid = se_cmd->residual_count;
	} else if (se_cmd->se_cmd_flags & SCF_OVERFLOW_BIT) {
		rsp->over = true;
		rsp->resid = se_cmd->residual_count;
	}
}

int tcm_qla_queue_data_in(struct se_cmd *se_cmd)
{
	struct tcm_qla_cmd *tc = to_tcm_cmd(se_cmd);
	struct qla_tgt_rsp rsp = {
		.sg = se_cmd->t_data_sg,
		.sg_cnt = se_cmd->t_data_nents,
		.len = se_cmd->data_length,
		.send_status = true,
		.scsi_status = se_cmd->scsi_status,
	};

	tc->data_sent = true;
	tcm_qla_resid(se_cmd, &rsp);
	return qla_tgt_xmit(tc->qcmd, &rsp);
}

int tcm_qla_queue_status(struct se_cmd *se_cmd)
{
	struct tcm_qla_cmd *tc = to_tcm_cmd(se_cmd);
	struct qla_tgt_rsp rsp = {
		.send_status = true,
		.scsi_status = se_cmd->scsi_status,
		.sense = se_cmd->sense_buffer,
		.sense_len = se_cmd->scsi_sense_length,
	};

	tcm_qla_resid(se_cmd, &rsp);
	/* a read answered with status alone moved no data */
	if (se_cmd->data_direction == DMA_FROM_DEVICE && !tc->data_sent &&
	    tc->qcmd->data_len && !rsp.over) {
		rsp.under = true;
		rsp.resid = tc->qcmd->data_len;
	}
	return qla_tgt_xmit(tc->qcmd, &rsp);
}

/* LIO's answer to a task management request. */
void tcm_qla_queue_tm_rsp(struct se_cmd *se_cmd)
{
	struct tcm_qla_cmd *tc = to_tcm_cmd(se_cmd);
	struct qla_tgt_rsp rsp = { .tmf = true };

	switch (se_cmd->se_tmr_req->response) {
	case TMR_FUNCTION_COMPLETE:
	case TMR_TASK_DOES_NOT_EXIST:	/* it completed meanwhile */
		rsp.tmf_rsp = QLA_TGT_TMF_RSP_COMPLETE;
		break;
	case TMR_LUN_DOES_NOT_EXIST:
		rsp.tmf_rsp = QLA_TGT_TMF_RSP_BAD_LUN;
		break;
	case TMR_TASK_MGMT_FUNCTION_NOT_SUPPORTED:
		rsp.tmf_rsp = QLA_TGT_TMF_RSP_NOT_SUPPORTED;
		break;
	default:
		rsp.tmf_rsp = QLA_TGT_TMF_RSP_FAILED;
		break;
	}
	qla_tgt_xmit(tc->qcmd, &rsp);
}

/*
 * LIO aborted the command and will release it without a response: the
 * engine terminates its exchange when it is freed (qla_tgt_cmd_free).
 */
void tcm_qla_aborted_task(struct se_cmd *se_cmd)
{
}

void tcm_qla_release_cmd(struct se_cmd *se_cmd)
{
	struct tcm_qla_cmd *tc = to_tcm_cmd(se_cmd);

	tcm_qla_buf_detach(tc);
	qla_tgt_cmd_free(tc->qcmd);
}

/*
 * The ACL's live session in the form rtslib-fb parses (InitiatorName:,
 * InitiatorAlias:, LIO Session ID: N SessionType: T, a TARG_SESS_STATE_
 * word), plus the FC view of it. rtslib keeps the alias up to its first
 * colon, so the alias is the initiator's WWPN in naa. form.
 */
ssize_t tcm_qla_sess_info(struct se_node_acl *se_nacl, char *page)
{
	struct qla_tgt_sess_info info;
	struct se_session *se_sess;
	struct tcm_qla_sess *ts;
	unsigned long flags;
	ssize_t n;

	spin_lock_irqsave(&se_nacl->nacl_sess_lock, flags);
	se_sess = se_nacl->nacl_sess;
	if (!se_sess) {
		spin_unlock_irqrestore(&se_nacl->nacl_sess_lock, flags);
		return sysfs_emit(page, "No active FC session for initiator %s\n",
				  se_nacl->initiatorname);
	}
	ts = se_sess->fabric_sess_ptr;
	qla_tgt_sess_get_info(ts->qsess, &info);
	n = sysfs_emit(page,
		       "InitiatorName: %s\nInitiatorAlias: naa.%016llx\nLIO Session ID: %u  SessionType: Normal\nSession State: TARG_SESS_STATE_LOGGED_IN\nFC N_Port ID: 0x%06x\nFC login state: %s\nOutstanding commands: %u\n",
		       se_nacl->initiatorname, ts->wwpn, ts->sid, info.port_id,
		       info.logged_in ? "logged in (PRLI complete)" :
		       "logged out", info.outstanding);
	spin_unlock_irqrestore(&se_nacl->nacl_sess_lock, flags);
	return n;
}
