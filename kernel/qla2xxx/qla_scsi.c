// SPDX-License-Identifier: GPL-2.0
/*
 * qla_scsi.c: the SCSI host and fc transport glue: the Scsi_Host template
 * (its I/O entry points are qla_ini.c's), the fc transport template, the
 * fc_host attributes and fc_rports, and the per-port role attribute.
 */
#include <linux/module.h>
#include <linux/slab.h>
#include <scsi/scsi.h>
#include <scsi/scsi_cmnd.h>
#include <scsi/scsi_host.h>
#include <scsi/scsi_transport_fc.h>

#include "qla_def.h"

static struct scsi_transport_template *qla_fc_transport;

static struct qla_hw *shost_to_ha(struct Scsi_Host *shost)
{
	return shost_priv(shost);
}

/* ---- role attribute on the scsi_host ---- */

static ssize_t role_show(struct device *dev, struct device_attribute *attr,
			 char *buf)
{
	struct qla_hw *ha = shost_to_ha(class_to_shost(dev));

	return sysfs_emit(buf, "%s\n", qla_role_name(READ_ONCE(ha->role)));
}

static ssize_t role_store(struct device *dev, struct device_attribute *attr,
			  const char *buf, size_t count)
{
	struct qla_hw *ha = shost_to_ha(class_to_shost(dev));
	enum qla_role role;
	int err;

	if (qla_role_parse(buf, &role)) {
		dev_err(ha->dev, "role: expected none, initiator, target or both\n");
		return -EINVAL;
	}
	mutex_lock(&ha->role_lock);
	/* the firmware takes the role at its initialisation: ISP reset */
	err = role == ha->role ? 0 : qla_hw_set_role(ha, role);
	mutex_unlock(&ha->role_lock);
	return err ? err : count;
}
static DEVICE_ATTR_RW(role);

static ssize_t fw_version_show(struct device *dev,
			       struct device_attribute *attr, char *buf)
{
	struct qla_hw *ha = shost_to_ha(class_to_shost(dev));

	return sysfs_emit(buf, "%s\n", ha->fw_version);
}
static DEVICE_ATTR_RO(fw_version);

static ssize_t model_name_show(struct device *dev,
			       struct device_attribute *attr, char *buf)
{
	struct qla_hw *ha = shost_to_ha(class_to_shost(dev));

	return sysfs_emit(buf, "%s\n", ha->model);
}
static DEVICE_ATTR_RO(model_name);

static struct attribute *qla_host_attrs[] = {
	&dev_attr_role.attr,
	&dev_attr_fw_version.attr,
	&dev_attr_model_name.attr,
	NULL,
};

static const struct attribute_group qla_host_attr_group = {
	.attrs = qla_host_attrs,
};

static const struct attribute_group *qla_host_groups[] = {
	&qla_host_attr_group,
	NULL,
};

/* ---- SCSI host template ---- */

static struct scsi_host_template qla_sht = {
	.module = THIS_MODULE,
	.name = "qla2xxx",
	.proc_name = "qla2xxx",
	.queuecommand = qla_queuecommand,
	.eh_abort_handler = qla_eh_abort,
	.eh_device_reset_handler = qla_eh_device_reset,
	.eh_target_reset_handler = qla_eh_target_reset,
	.eh_host_reset_handler = qla_eh_host_reset,
	.slave_configure = qla_slave_configure,
	.change_queue_depth = scsi_change_queue_depth,
	.this_id = -1,
	.can_queue = QLA_INI_CMDS,
	.sg_tablesize = QLA_INI_SG,
	.dma_boundary = PAGE_SIZE - 1,
	.max_sectors = 2048,
	.cmd_per_lun = 8,
	.cmd_size = sizeof(struct qla_scsi_priv),
	.shost_groups = qla_host_groups,
};

/* ---- fc transport ---- */

/*
 * An fc_rport's link to the driver's rport, its dd_data: the rule is
 * beside struct qla_fc_rport (qla_def.h).
 */
static struct qla_fc_rport __rcu **qla_rport_link(struct fc_rport *rport)
{
	return rport->dd_data;
}

static bool qla_rport_online(struct fc_rport *rport)
{
	return rport->port_state == FC_PORTSTATE_ONLINE ||
	       rport->port_state == FC_PORTSTATE_MARGINAL;
}

/*
 * The N_Port handle of the port behind @rport, for a command
 * (queuecommand: the fc_rport was found ready); false when the driver's
 * rport is gone.
 */
bool qla_scsi_rport_handle(struct fc_rport *rport, u16 *nport_handle)
{
	struct qla_fc_rport *rp;

	rcu_read_lock();
	rp = rcu_dereference(*qla_rport_link(rport));
	if (rp)
		*nport_handle = READ_ONCE(rp->nport_handle);
	rcu_read_unlock();
	return rp;
}

/*
 * For the error handlers: true when the port behind @rport is gone (no
 * longer online, or its driver rport freed after dev_loss_tmo), else its
 * N_Port handle in *nport_handle.
 */
bool qla_scsi_rport_gone(struct fc_rport *rport, u16 *nport_handle)
{
	struct Scsi_Host *shost = rport_to_shost(rport);
	struct qla_fc_rport *rp;
	unsigned long flags;
	bool gone;

	spin_lock_irqsave(shost->host_lock, flags);
	rp = rcu_dereference_protected(*qla_rport_link(rport),
				       lockdep_is_held(shost->host_lock));
	gone = !rp || !qla_rport_online(rport);
	if (!gone)
		*nport_handle = READ_ONCE(rp->nport_handle);
	spin_unlock_irqrestore(shost->host_lock, flags);
	return gone;
}

/*
 * dev_loss_tmo ran out: unless the port came back meanwhile, the fc_rport
 * (which may live on as a binding, with commands in error handling) lets
 * go of the driver's rport before the fc layer frees it.
 */
static void qla_fc_dev_loss_cb(struct fc_rport *rport)
{
	struct Scsi_Host *shost = rport_to_shost(rport);
	struct qla_fc_rport *rp = NULL;
	unsigned long flags;

	spin_lock_irqsave(shost->host_lock, flags);
	if (!qla_rport_online(rport)) {
		rp = rcu_dereference_protected(*qla_rport_link(rport),
					       lockdep_is_held(shost->host_lock));
		RCU_INIT_POINTER(*qla_rport_link(rport), NULL);
	}
	spin_unlock_irqrestore(shost->host_lock, flags);
	if (rp)
		qla_fc_dev_loss(shost_to_ha(shost), rport, rp);
}

static void qla_fc_set_dev_loss(struct fc_rport *rport, u32 timeout)
{
	rport->dev_loss_tmo = timeout ? timeout : 1;
}

static int qla_fc_issue_lip(struct Scsi_Host *shost)
{
	return qla_hw_lip(shost_to_ha(shost));
}

/*
 * fast_io_fail_tmo or dev_loss_tmo ran out, or the port is no longer a
 * target: end the commands still outstanding to it now rather than at
 * their timeout.
 */
static void qla_fc_terminate_io(struct fc_rport *rport)
{
	qla_ini_terminate(shost_to_ha(rport_to_shost(rport)), rport);
}

static struct fc_function_template qla_fc_template = {
	.show_host_node_name = 1,
	.show_host_port_name = 1,
	.show_host_supported_classes = 1,
	.show_host_supported_speeds = 1,
	.show_host_port_id = 1,
	.show_host_port_type = 1,
	.show_host_port_state = 1,
	.show_host_speed = 1,
	.show_host_symbolic_name = 1,
	.show_host_fabric_name = 1,
	.dd_fcrport_size = sizeof(struct qla_fc_rport *),
	.show_rport_supported_classes = 1,
	.show_rport_dev_loss_tmo = 1,
	.set_rport_dev_loss_tmo = qla_fc_set_dev_loss,
	.show_starget_node_name = 1,
	.show_starget_port_name = 1,
	.show_starget_port_id = 1,
	.issue_fc_host_lip = qla_fc_issue_lip,
	.dev_loss_tmo_callbk = qla_fc_dev_loss_cb,
	.terminate_rport_io = qla_fc_terminate_io,
};

static u32 qla_fc_speed(u16 gbit)
{
	switch (gbit) {
	case 4:
		return FC_PORTSPEED_4GBIT;
	case 8:
		return FC_PORTSPEED_8GBIT;
	case 16:
		return FC_PORTSPEED_16GBIT;
	case 32:
		return FC_PORTSPEED_32GBIT;
	default:
		return FC_PORTSPEED_UNKNOWN;
	}
}

/* Mirror the fc layer's link state into the fc_host (under fc.lock). */
void qla_scsi_link_state(struct qla_hw *ha)
{
	struct Scsi_Host *shost = ha->shost;

	lockdep_assert_held(&ha->fc.lock);
	if (ha->fc.link_up) {
		fc_host_port_id(shost) = ha->fc.port_id;
		fc_host_speed(shost) = qla_fc_speed(ha->fc.speed_gbit);
		fc_host_port_type(shost) = FC_PORTTYPE_NPORT;
		fc_host_fabric_name(shost) = 0x10000024ff000000ULL;
		fc_host_port_state(shost) = FC_PORTSTATE_ONLINE;
	} else {
		fc_host_port_id(shost) = 0;
		fc_host_speed(shost) = FC_PORTSPEED_UNKNOWN;
		fc_host_port_type(shost) = FC_PORTTYPE_UNKNOWN;
		fc_host_port_state(shost) = FC_PORTSTATE_LINKDOWN;
	}
}

struct fc_rport *qla_scsi_rport_add(struct qla_hw *ha, struct qla_fc_rport *rp)
{
	struct fc_rport_identifiers ids = {
		.node_name = rp->wwnn,
		.port_name = rp->wwpn,
		.port_id = rp->port_id,
		.roles = FC_RPORT_ROLE_UNKNOWN,
	};
	struct fc_rport *rport;
	unsigned long flags;
	u32 roles = 0;

	lockdep_assert_held(&ha->fc.lock);
	if (rp->prli_wd3 & PRLI_WD3_INITIATOR)
		roles |= FC_RPORT_ROLE_FCP_INITIATOR;
	if (rp->prli_wd3 & PRLI_WD3_TARGET)
		roles |= FC_RPORT_ROLE_FCP_TARGET;
	rport = fc_remote_port_add(ha->shost, 0, &ids);
	if (!rport) {
		dev_warn(ha->dev, "fc_remote_port_add failed for %016llx\n",
			 rp->wwpn);
		return NULL;
	}
	spin_lock_irqsave(ha->shost->host_lock, flags);
	rcu_assign_pointer(*qla_rport_link(rport), rp);
	spin_unlock_irqrestore(ha->shost->host_lock, flags);
	rport->supported_classes = FC_COS_CLASS3;
	rp->rport = rport;
	fc_remote_port_rolechg(rport, roles ? roles : FC_RPORT_ROLE_UNKNOWN);
	return rport;
}

void qla_scsi_rport_del(struct qla_fc_rport *rp)
{
	lockdep_assert_held(&rp->ha->fc.lock);
	if (rp->rport)
		fc_remote_port_delete(rp->rport);
	/* rp->rport and its link stay until the dev_loss callback */
}

/* ---- the Scsi_Host of one port ---- */

/* A port's Scsi_Host, its struct qla_hw (zeroed) as the private area. */
struct Scsi_Host *qla_scsi_host_alloc(void)
{
	struct Scsi_Host *shost;

	shost = scsi_host_alloc(&qla_sht, sizeof(struct qla_hw));
	if (!shost)
		return NULL;
	shost->transportt = qla_fc_transport;
	shost->max_id = 256;
	shost->max_lun = 0xffff;
	shost->max_channel = 0;
	shost->max_cmd_len = 16;
	return shost;
}

/* The fc_host's attributes before the firmware runs. */
void qla_scsi_host_init(struct qla_hw *ha)
{
	struct Scsi_Host *shost = ha->shost;

	fc_host_node_name(shost) = ha->wwnn;
	fc_host_port_name(shost) = ha->wwpn;
	fc_host_supported_classes(shost) = FC_COS_CLASS3;
	fc_host_supported_speeds(shost) = FC_PORTSPEED_4GBIT |
		FC_PORTSPEED_8GBIT | FC_PORTSPEED_16GBIT;
	fc_host_port_type(shost) = FC_PORTTYPE_UNKNOWN;
	fc_host_port_state(shost) = FC_PORTSTATE_LINKDOWN;
	fc_host_dev_loss_tmo(shost) = 30;
}

/* The symbolic name, once the firmware's version is known. */
void qla_scsi_host_started(struct qla_hw *ha)
{
	snprintf(fc_host_symbolic_name(ha->shost), FC_SYMBOLIC_NAME_SIZE,
		 "%s FW:v%s DVR:v%s", ha->model, ha->fw_version,
		 QLA_DRIVER_VERSION);
}

int qla_scsi_init(void)
{
	qla_fc_transport = fc_attach_transport(&qla_fc_template);
	return qla_fc_transport ? 0 : -ENOMEM;
}

void qla_scsi_exit(void)
{
	fc_release_transport(qla_fc_transport);
}
