// SPDX-License-Identifier: GPL-2.0
/*
 * qla_ini.c: initiator I/O: a SCSI command becomes a command the hardware
 * layer posts (queuecommand), its status a scsi_cmnd's result, residual
 * and sense, handed to the midlayer after the ISR drops hw_lock; error
 * handling through the firmware's abort and task management IOCBs.
 */
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/wait_bit.h>
#include <scsi/scsi.h>
#include <scsi/scsi_cmnd.h>
#include <scsi/scsi_host.h>
#include <scsi/scsi_transport_fc.h>

#include "qla_def.h"
#include "qla_trace.h"

#define QLA_INI_QDEPTH		64	/* per LUN, as upstream's ql2xmaxqdepth */

static struct qla_hw *shost_to_ha(struct Scsi_Host *shost)
{
	return shost_priv(shost);
}

static struct fc_rport *qla_cmd_rport(struct scsi_cmnd *cmd)
{
	return starget_to_rport(scsi_target(cmd->device));
}

static u32 qla_cmd_tag(struct scsi_cmnd *cmd)
{
	return blk_mq_unique_tag_to_tag(blk_mq_unique_tag(scsi_cmd_to_rq(cmd)));
}

static void qla_scsi_cmd_done(struct qla_hw *ha, void *arg,
			      const struct qla_hw_done *d);

/* Post cmd to the firmware (the hardware layer builds its IOCBs). */
int qla_queuecommand(struct Scsi_Host *shost, struct scsi_cmnd *cmd)
{
	struct fc_rport *rport = starget_to_rport(scsi_target(cmd->device));
	struct qla_scsi_priv *priv = scsi_cmd_priv(cmd);
	struct qla_hw *ha = shost_to_ha(shost);
	struct qla_hw_cmd c = { 0 };
	struct scatterlist *sg;
	struct qla_seg *seg;
	unsigned long flags;
	u32 tag = qla_cmd_tag(cmd);
	int nseg, i, err;

	err = fc_remote_port_chkready(rport);
	if (err) {
		cmd->result = err;
		scsi_done(cmd);
		return 0;
	}
	if (tag >= QLA_INI_CMDS) {
		cmd->result = DID_NO_CONNECT << 16;
		scsi_done(cmd);
		return 0;
	}
	if (!qla_scsi_rport_handle(rport, &c.nport_handle)) {
		/* a port coming back, its fc_rport not yet linked again */
		cmd->result = DID_IMM_RETRY << 16;
		scsi_done(cmd);
		return 0;
	}
	nseg = scsi_dma_map(cmd);
	if (nseg < 0)
		return SCSI_MLQUEUE_HOST_BUSY;
	seg = ha->ini_seg + tag * QLA_INI_SG;
	c.port_id = rport->port_id;
	priv->nport_handle = c.nport_handle;
	priv->port_id = c.port_id;
	priv->term_host = 0;
	int_to_scsilun(cmd->device->lun, (struct scsi_lun *)c.lun);
	memcpy(c.cdb, cmd->cmnd, min_t(u32, cmd->cmd_len, sizeof(c.cdb)));
	c.len = scsi_bufflen(cmd);
	c.dir = cmd->sc_data_direction;
	scsi_for_each_sg(cmd, sg, nseg, i) {
		seg[i].addr = sg_dma_address(sg);
		seg[i].len = sg_dma_len(sg);
	}
	c.seg = seg;
	c.nseg = nseg;

	spin_lock_irqsave(&ha->hw_lock, flags);
	ha->ini_cmds[tag] = cmd;
	err = qla_hw_cmd_post_locked(ha, &c, qla_scsi_cmd_done,
				     (void *)(uintptr_t)tag, &priv->handle);
	if (err)
		ha->ini_cmds[tag] = NULL;
	spin_unlock_irqrestore(&ha->hw_lock, flags);
	if (err) {
		scsi_dma_unmap(cmd);
		return SCSI_MLQUEUE_HOST_BUSY;
	}
	return 0;
}

/* The status of @cmd is complete: it goes to the midlayer after this run. */
static void qla_scsi_status_done(struct qla_hw *ha, struct scsi_cmnd *cmd)
{
	struct qla_scsi_priv *priv = scsi_cmd_priv(cmd);

	lockdep_assert_held(&ha->hw_lock);
	priv->cmd = cmd;
	list_add_tail(&priv->done, &ha->ini_done);
}

/*
 * The command waiting for status continuations is done, with the sense it
 * has (hw_lock held): its last one came, or the firmware went on to
 * another entry.
 */
static void qla_scsi_sense_end(struct qla_hw *ha)
{
	lockdep_assert_held(&ha->hw_lock);
	if (!ha->sense_cmd)
		return;
	qla_scsi_status_done(ha, ha->sense_cmd);
	ha->sense_cmd = NULL;
}

/* A status continuation: the next sense bytes (hw_lock held). */
static void qla_scsi_sense_cont(struct qla_hw *ha, const u8 *data, u32 len)
{
	struct scsi_cmnd *cmd = ha->sense_cmd;

	lockdep_assert_held(&ha->hw_lock);
	if (!cmd)
		return;		/* its command was aborted meanwhile */
	len = min(len, ha->sense_want - ha->sense_got);
	memcpy(cmd->sense_buffer + ha->sense_got, data, len);
	ha->sense_got += len;
	if (ha->sense_got >= ha->sense_want)
		qla_scsi_sense_end(ha);
}

/*
 * FCP_RSP_INFO in a command's status: a response code other than 0 means
 * the target could not take the FCP_CMND, an error unless the firmware
 * already reported one. Returns the length of the information, which the
 * sense follows.
 */
static u32 qla_scsi_rsp_info(struct qla_hw *ha, struct scsi_cmnd *cmd,
			     const struct qla_hw_status *d, int *host)
{
	u32 len = d->rsp_info_len;

	if (!d->rsp_info)
		return 0;
	if (len < 4 || len > sizeof(d->data)) {
		dev_warn_ratelimited(ha->dev,
				     "status with FCP_RSP_INFO of %u bytes\n",
				     len);
		if (*host == DID_OK)
			*host = DID_ERROR;
		return len < 4 ? len : sizeof(d->data);
	}
	if (d->data[3] != FCP_RSP_TMF_COMPLETE) {
		dev_warn_ratelimited(ha->dev,
				     "%s: FCP response code %u for opcode 0x%02x\n",
				     dev_name(&cmd->device->sdev_gendev),
				     d->data[3], cmd->cmnd[0]);
		if (*host == DID_OK)
			*host = DID_ERROR;
	}
	return len;
}

/*
 * A command's completion (interrupt context, hw_lock held): its status, or
 * the command given back with entry_status set: the firmware found the
 * entry bad and did not start it; as upstream's qla2x00_error_entry, the
 * command fails with DID_ERROR.
 */
static void qla_scsi_cmd_done(struct qla_hw *ha, void *arg,
			      const struct qla_hw_done *done)
{
	const struct qla_hw_status *d = &done->sts;
	u32 tag = (uintptr_t)arg;
	struct qla_scsi_priv *priv;
	struct scsi_cmnd *cmd;
	u32 info, sense_len, want, xferred, resid;
	u8 status;
	int host = DID_OK;

	lockdep_assert_held(&ha->hw_lock);
	if (tag >= QLA_INI_CMDS || !ha->ini_cmds[tag])
		return;		/* completed already (aborted) */
	cmd = ha->ini_cmds[tag];
	ha->ini_cmds[tag] = NULL;
	priv = scsi_cmd_priv(cmd);
	if (done->cs == QLA_CS_REJECTED) {
		dev_warn_ratelimited(ha->dev,
				     "command rejected by the firmware: entry status 0x%02x (opcode 0x%02x)\n",
				     done->entry_status, cmd->cmnd[0]);
		cmd->result = DID_ERROR << 16;
		scsi_dma_unmap(cmd);
		qla_scsi_status_done(ha, cmd);
		return;
	}
	status = d->scsi_status;
	resid = 0;
	switch (done->cs) {
	case QLA_CS_OK:
		break;
	case QLA_CS_UNDERRUN:
		resid = d->fw_resid;
		if (resid > scsi_bufflen(cmd)) {
			host = DID_ERROR;
			break;
		}
		xferred = scsi_bufflen(cmd) - resid;
		/* the target reported less than the firmware saw missing */
		if (!d->resid_under || d->tgt_resid != resid) {
			if (status != SAM_STAT_GOOD)
				break;
			dev_warn_ratelimited(ha->dev,
					     "frames lost: %u of %u bytes did not move, the target says %u (opcode 0x%02x)\n",
					     resid, scsi_bufflen(cmd),
					     d->resid_under ? d->tgt_resid : 0,
					     cmd->cmnd[0]);
			host = DID_ERROR;
			break;
		}
		if (status == SAM_STAT_GOOD && xferred < cmd->underflow)
			host = DID_ERROR;
		break;
	case QLA_CS_OVERRUN:
		/*
		 * The CDB asked more than FCP_DL (the buffer). With GOOD
		 * status the command did not do what its CDB says: failed,
		 * as other FC initiators do. Any other status already says
		 * it failed, and its sense why.
		 */
		resid = d->fw_resid;
		if (resid > scsi_bufflen(cmd)) {
			host = DID_ERROR;
			break;
		}
		if (status != SAM_STAT_GOOD)
			break;
		dev_warn_ratelimited(ha->dev,
				     "data overrun: the target had %u bytes more than the %u asked (opcode 0x%02x)\n",
				     d->tgt_resid, scsi_bufflen(cmd),
				     cmd->cmnd[0]);
		host = DID_ERROR;
		break;
	case QLA_CS_ABORTED:
		/* ended by terminate_rport_io: as the transport says */
		host = priv->term_host ? priv->term_host : DID_RESET;
		break;
	case QLA_CS_RESET:
		host = DID_RESET;
		break;
	case QLA_CS_TIMEOUT:
		host = DID_TIME_OUT;
		break;
	case QLA_CS_PORT_GONE:
		host = DID_TRANSPORT_DISRUPTED;
		break;
	default:
		host = DID_ERROR;
		break;
	}
	scsi_set_resid(cmd, resid);
	info = qla_scsi_rsp_info(ha, cmd, d, &host);
	sense_len = 0;
	want = 0;
	if (d->sense) {
		/* the rest of the sense follows in status continuations */
		want = min_t(u32, d->sense_len, SCSI_SENSE_BUFFERSIZE);
		sense_len = min_t(u32, want, sizeof(d->data) - info);
		memcpy(cmd->sense_buffer, d->data + info, sense_len);
	}
	cmd->result = host << 16 | status;
	scsi_dma_unmap(cmd);
	if (sense_len < want) {
		ha->sense_cmd = cmd;
		ha->sense_got = sense_len;
		ha->sense_want = want;
		return;
	}
	qla_scsi_status_done(ha, cmd);
}

/* Take the commands whose status was read (hw_lock held); 0: none. */
static u32 qla_scsi_take_done(struct qla_hw *ha, struct list_head *done)
{
	lockdep_assert_held(&ha->hw_lock);
	if (list_empty(&ha->ini_done))
		return 0;
	list_splice_init(&ha->ini_done, done);
	if (!++ha->ini_taken)
		ha->ini_taken = 1;
	return ha->ini_taken;
}

/*
 * Give the commands taken as @seq to the midlayer (hw_lock not held). A
 * hard interrupt completes them through the block softirq. A threaded
 * handler (task context: the emulated ISP's) completes them here: the
 * submitter, asleep on this CPU, is woken as by a per-CPU worker's I/O
 * completion and stays on it, where a wakeup from softirq context moves it
 * to any idle CPU (under emulation, an interprocessor wakeup per command).
 */
static void qla_scsi_hand_done(struct qla_hw *ha, struct list_head *done,
			       u32 seq)
{
	struct qla_scsi_priv *priv, *next;

	if (!seq)
		return;
	list_for_each_entry_safe(priv, next, done, done) {
		list_del(&priv->done);
		if (in_hardirq())
			scsi_done(priv->cmd);
		else
			scsi_done_direct(priv->cmd);
	}
	/* with the barrier a waiter needs between this store and its check */
	store_release_wake_up(&ha->ini_handed, seq);
}

/* Has the ISR run that took @seq (or a later one) handed its commands over? */
static bool qla_scsi_handed(struct qla_hw *ha, u32 seq)
{
	/* pairs with store_release_wake_up() in qla_scsi_hand_done() */
	return (s32)(smp_load_acquire(&ha->ini_handed) - seq) >= 0;
}

/*
 * Wait until every command whose status the ISR has read so far is the
 * midlayer's: error handling must not give a command back (to be retried)
 * while an ISR run may still complete it. ISR runs do not overlap.
 */
static void qla_scsi_sync_done(struct qla_hw *ha)
{
	unsigned long flags;
	u32 seq;

	spin_lock_irqsave(&ha->hw_lock, flags);
	seq = ha->ini_taken;
	spin_unlock_irqrestore(&ha->hw_lock, flags);
	wait_var_event(&ha->ini_handed, qla_scsi_handed(ha, seq));
}

/*
 * Fail the commands the firmware will never return (it stopped): with
 * DID_NO_CONNECT when the port goes away, DID_RESET (retried) at an ISP
 * reset.
 */
void qla_scsi_fail_all(struct qla_hw *ha, int host_byte)
{
	struct scsi_cmnd *cmd;
	unsigned long flags;
	int i;

	/* one that had its status and waited for more sense ends with it */
	spin_lock_irqsave(&ha->hw_lock, flags);
	cmd = ha->sense_cmd;
	ha->sense_cmd = NULL;
	spin_unlock_irqrestore(&ha->hw_lock, flags);
	if (cmd)
		scsi_done(cmd);
	for (i = 0; i < QLA_INI_CMDS; i++) {
		spin_lock_irqsave(&ha->hw_lock, flags);
		cmd = ha->ini_cmds[i];
		ha->ini_cmds[i] = NULL;
		spin_unlock_irqrestore(&ha->hw_lock, flags);
		if (!cmd)
			continue;
		cmd->result = host_byte << 16;
		scsi_dma_unmap(cmd);
		scsi_done(cmd);
	}
}

/* ---- error handling, through the firmware's abort and TMF IOCBs ---- */

/* terminate_rport_io's aborts in flight: left under hw_lock */
struct qla_ini_term {
	u32 left;
	struct completion done;
};

static void qla_ini_term_done(struct qla_hw *ha, void *arg,
			      const struct qla_hw_done *d)
{
	struct qla_ini_term *t = arg;

	lockdep_assert_held(&ha->hw_lock);
	if (!--t->left)
		complete(&t->done);
}

/* How many commands to @rport the firmware still holds (hw_lock held). */
static u32 qla_ini_outstanding(struct qla_hw *ha, struct fc_rport *rport)
{
	struct scsi_cmnd *cmd;
	u32 tag, n = 0;

	lockdep_assert_held(&ha->hw_lock);
	for (tag = 0; tag < QLA_INI_CMDS; tag++) {
		cmd = ha->ini_cmds[tag];
		if (cmd && qla_cmd_rport(cmd) == rport)
			n++;
	}
	return n;
}

/*
 * The transport's terminate_rport_io, and the error handlers when the port
 * is gone: end every command still outstanding to @rport through the
 * firmware, an abort IOCB each, posted together. To a port still online
 * (no longer a target) each sends an ABTS; to a port that is gone, whose
 * login the target dropped or will drop at our next PLOGI, the firmware
 * ends the exchange without a frame. The commands complete with the host
 * byte the transport gives the port's state (DID_TRANSPORT_FAILFAST after
 * fast_io_fail_tmo, DID_NO_CONNECT after dev_loss_tmo) and are the
 * midlayer's when this returns. Process context, no lock held.
 */
void qla_ini_terminate(struct qla_hw *ha, struct fc_rport *rport)
{
	struct qla_ini_term t = { .left = 1 };
	struct qla_scsi_priv *priv;
	struct scsi_cmnd *cmd;
	u32 tag, i, n = 0, found = 0, still;
	unsigned long flags;
	u32 *aborts;
	int host;
	bool abts;
	u16 nph;

	host = (fc_remote_port_chkready(rport) >> 16) & 0xff;
	if (host == DID_OK || host == DID_IMM_RETRY)
		host = DID_NO_CONNECT;
	abts = !qla_scsi_rport_gone(rport, &nph);
	aborts = kmalloc_array(QLA_INI_CMDS, sizeof(*aborts), GFP_KERNEL);
	if (!aborts) {
		dev_warn(ha->dev, "no memory to end the commands to %06x\n",
			 rport->port_id);
		return;
	}
	init_completion(&t.done);

	mutex_lock(&ha->ini_abort_mutex);
	spin_lock_irqsave(&ha->hw_lock, flags);
	for (tag = 0; tag < QLA_INI_CMDS; tag++) {
		cmd = ha->ini_cmds[tag];
		if (!cmd || qla_cmd_rport(cmd) != rport)
			continue;
		found++;
		priv = scsi_cmd_priv(cmd);
		priv->term_host = host;
		if (qla_hw_abort_post_locked(ha, priv->nport_handle,
					     priv->port_id, priv->handle, abts,
					     qla_ini_term_done, &t, &aborts[n]))
			continue;	/* the ring is full: its timeout ends it */
		n++;
		t.left++;
	}
	if (!--t.left)
		complete(&t.done);
	spin_unlock_irqrestore(&ha->hw_lock, flags);

	if (n && !wait_for_completion_timeout(&t.done,
					      msecs_to_jiffies(QLA_IOCB_TIMEOUT_MS))) {
		/* those still out complete nowhere now: t is on our stack */
		spin_lock_irqsave(&ha->hw_lock, flags);
		for (i = 0; i < n; i++)
			if (qla_hw_req_cancel_locked(ha, aborts[i]))
				t.left--;
		spin_unlock_irqrestore(&ha->hw_lock, flags);
	}
	/* the firmware returned the commands before their aborts */
	qla_scsi_sync_done(ha);
	spin_lock_irqsave(&ha->hw_lock, flags);
	still = qla_ini_outstanding(ha, rport);
	spin_unlock_irqrestore(&ha->hw_lock, flags);
	mutex_unlock(&ha->ini_abort_mutex);
	kfree(aborts);

	trace_qla_ini_terminate(dev_name(ha->dev), rport->port_id, found,
				found > still ? found - still : 0, abts, host);
	if (still)
		dev_warn(ha->dev, "%u command(s) to %06x not returned by the firmware\n",
			 still, rport->port_id);
}

int qla_eh_abort(struct scsi_cmnd *cmd)
{
	struct qla_hw *ha = shost_to_ha(cmd->device->host);
	struct fc_rport *rport = starget_to_rport(scsi_target(cmd->device));
	struct qla_scsi_priv *priv = scsi_cmd_priv(cmd);
	unsigned long flags;
	u32 tag = qla_cmd_tag(cmd);
	enum qla_hw_cs cs;
	u32 handle, port_id;
	bool owned, abts;
	u16 nph, cur;
	int err;

	/* not beside terminate_rport_io ending it too */
	mutex_lock(&ha->ini_abort_mutex);
	spin_lock_irqsave(&ha->hw_lock, flags);
	owned = tag < QLA_INI_CMDS && ha->ini_cmds[tag] == cmd;
	handle = priv->handle;
	nph = priv->nport_handle;
	port_id = priv->port_id;
	/* its status came, its sense did not finish: the abort takes it */
	if (ha->sense_cmd == cmd)
		ha->sense_cmd = NULL;
	spin_unlock_irqrestore(&ha->hw_lock, flags);
	if (!owned) {
		mutex_unlock(&ha->ini_abort_mutex);
		qla_scsi_sync_done(ha);
		return SUCCESS;		/* it completed meanwhile */
	}
	/*
	 * The abort names the exchange as the command was sent (never the
	 * driver's rport, which dev_loss_tmo may have freed); to a port that
	 * is gone no ABTS goes out: the firmware only ends the exchange.
	 */
	abts = !qla_scsi_rport_gone(rport, &cur);
	if (!abts)
		trace_qla_eh_rport_gone(dev_name(ha->dev), "abort", port_id,
					cmd->device->lun);
	err = qla_hw_abort_cmd(ha, nph, port_id, handle, abts, &cs);
	/* the firmware returned the command (CS_ABORTED) before this */
	spin_lock_irqsave(&ha->hw_lock, flags);
	owned = ha->ini_cmds[tag] == cmd;
	spin_unlock_irqrestore(&ha->hw_lock, flags);
	mutex_unlock(&ha->ini_abort_mutex);
	if (err || owned)
		return FAILED;
	qla_scsi_sync_done(ha);
	if (abts && cs == QLA_CS_TIMEOUT) {
		/* the target may still hold the task: let a reset end it */
		dev_info(ha->dev, "abort of tag %u: no answer to ABTS from %06x\n",
			 tag, port_id);
		return FAILED;
	}
	return SUCCESS;
}

static int qla_eh_tmf(struct scsi_cmnd *cmd, enum qla_hw_tmf fn)
{
	struct qla_hw *ha = shost_to_ha(cmd->device->host);
	struct fc_rport *rport = starget_to_rport(scsi_target(cmd->device));
	bool lun = fn == QLA_HW_TMF_LUN_RESET;
	struct scsi_lun sl = { 0 };
	int err, rsp_code;
	u16 nph;

	err = fc_block_rport(rport);
	if (!err && !qla_scsi_rport_gone(rport, &nph))
		goto send;
	/*
	 * fast_io_fail_tmo or dev_loss_tmo ran out: there is no one to reset.
	 * The commands the firmware still holds for the port end here (if
	 * terminate_rport_io has not ended them yet), and the midlayer fails
	 * its own without escalating to a host reset.
	 */
	trace_qla_eh_rport_gone(dev_name(ha->dev),
				lun ? "lun_reset" : "target_reset",
				rport->port_id, cmd->device->lun);
	qla_ini_terminate(ha, rport);
	return err ? err : FAST_IO_FAIL;

send:
	if (lun)
		int_to_scsilun(cmd->device->lun, &sl);
	err = qla_hw_tmf(ha, nph, rport->port_id, fn, lun ? sl.scsi_lun : NULL,
			 &rsp_code);
	if (err)
		return FAILED;
	if (rsp_code > 0) {
		/* the target answered: not supported (4), failed (5)... */
		dev_info(ha->dev, "%s reset refused by target %06x: RSP_CODE %d\n",
			 lun ? "LUN" : "target", rport->port_id, rsp_code);
		return FAILED;
	}
	/* the function ended the commands in its scope (CS_ABORTED) */
	qla_scsi_sync_done(ha);
	return SUCCESS;
}

int qla_eh_device_reset(struct scsi_cmnd *cmd)
{
	return qla_eh_tmf(cmd, QLA_HW_TMF_LUN_RESET);
}

int qla_eh_target_reset(struct scsi_cmnd *cmd)
{
	return qla_eh_tmf(cmd, QLA_HW_TMF_TARGET_RESET);
}

int qla_eh_host_reset(struct scsi_cmnd *cmd)
{
	struct qla_hw *ha = shost_to_ha(cmd->device->host);
	int err;

	/* a LIP: every exchange of the port ends, every login restarts */
	err = qla_hw_lip(ha);
	if (err)
		return FAILED;
	qla_scsi_sync_done(ha);
	return SUCCESS;
}

/*
 * The midlayer starts a LUN at cmd_per_lun; like upstream, give it the
 * depth the firmware's exchange resources allow (tunable through sysfs).
 */
int qla_slave_configure(struct scsi_device *sdev)
{
	scsi_change_queue_depth(sdev, QLA_INI_QDEPTH);
	return 0;
}

/* The ISP was reset: its firmware will return none of the commands. */
static void qla_scsi_fw_reset(struct qla_hw *ha)
{
	qla_scsi_fail_all(ha, DID_RESET);
}

static const struct qla_hw_ini_ops qla_scsi_hw_ops = {
	.sense_cont = qla_scsi_sense_cont,
	.sense_end = qla_scsi_sense_end,
	.take_done = qla_scsi_take_done,
	.hand_done = qla_scsi_hand_done,
	.fw_reset = qla_scsi_fw_reset,
};

int qla_scsi_io_init(struct qla_hw *ha)
{
	INIT_LIST_HEAD(&ha->ini_done);
	mutex_init(&ha->ini_abort_mutex);
	ha->ini_cmds = kcalloc(QLA_INI_CMDS, sizeof(*ha->ini_cmds),
			       GFP_KERNEL);
	if (!ha->ini_cmds)
		return -ENOMEM;
	ha->ini_seg = kvcalloc(QLA_INI_CMDS * QLA_INI_SG, sizeof(*ha->ini_seg),
			       GFP_KERNEL);
	if (!ha->ini_seg) {
		kfree(ha->ini_cmds);
		return -ENOMEM;
	}
	qla_hw_register_ini(ha, &qla_scsi_hw_ops);
	return 0;
}

void qla_scsi_io_fini(struct qla_hw *ha)
{
	kvfree(ha->ini_seg);
	kfree(ha->ini_cmds);
}
