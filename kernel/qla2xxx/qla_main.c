// SPDX-License-Identifier: GPL-2.0
/*
 * qla2xxx: QLogic ISP24xx-family Fibre Channel HBA driver, initiator and
 * target. It binds a card on PCI, or an emulated ISP of qla2xxx_emu.ko on
 * the platform bus (qla_emubus.c), the same way.
 *
 * Module init and exit, the role= parameter (emu_ports= and emu_model= are
 * qla_emubus.c's), and the registry of local ports that tcm_qla2xxx looks
 * ports up in.
 *
 * Locking: the driver's locks, outermost first, are listed once, in
 * docs/architecture.md (Locking rules); each is documented again next to
 * what it protects.
 */
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/string.h>
#include <scsi/scsi_host.h>

#include "qla_def.h"
#include "qla_tgt.h"

#define CREATE_TRACE_POINTS
#include "qla_trace.h"

static char *role = "initiator";
module_param(role, charp, 0444);
MODULE_PARM_DESC(role, "default role of new ports: none, initiator, target or both");

enum qla_role qla_default_role = QLA_ROLE_INITIATOR;

static const char * const qla_role_names[] = {
	[QLA_ROLE_NONE] = "none",
	[QLA_ROLE_INITIATOR] = "initiator",
	[QLA_ROLE_TARGET] = "target",
	[QLA_ROLE_BOTH] = "both",
};

int qla_role_parse(const char *s, enum qla_role *r)
{
	int i = sysfs_match_string(qla_role_names, s);

	if (i < 0)
		return -EINVAL;
	*r = i;
	return 0;
}

const char *qla_role_name(enum qla_role r)
{
	return r <= QLA_ROLE_BOTH ? qla_role_names[r] : "?";
}

/* qla_ports_lock protects qla_ports (every probed port, either backend). */
static DEFINE_MUTEX(qla_ports_lock);
static LIST_HEAD(qla_ports);

void qla_ports_add(struct qla_hw *ha)
{
	mutex_lock(&qla_ports_lock);
	list_add_tail(&ha->node, &qla_ports);
	mutex_unlock(&qla_ports_lock);
}

void qla_ports_del(struct qla_hw *ha)
{
	mutex_lock(&qla_ports_lock);
	list_del_init(&ha->node);
	mutex_unlock(&qla_ports_lock);
}

int qla_tgt_port_lookup(u64 wwpn, struct qla_tgt_port_info *info)
{
	struct qla_hw *ha;
	int err = -ENODEV;

	mutex_lock(&qla_ports_lock);
	list_for_each_entry(ha, &qla_ports, node) {
		if (ha->wwpn != wwpn)
			continue;
		info->wwpn = ha->wwpn;
		info->wwnn = ha->wwnn;
		info->role = (enum qla_tgt_role)READ_ONCE(ha->role);
		info->port_id = READ_ONCE(ha->fc.port_id);
		info->host_no = ha->shost->host_no;
		err = 0;
		break;
	}
	mutex_unlock(&qla_ports_lock);
	return err;
}
EXPORT_SYMBOL_GPL(qla_tgt_port_lookup);

/* The target engine of a port, with a reference, or NULL. */
struct qla_tgt *qla_ports_get_tgt(u64 wwpn)
{
	struct qla_tgt *tgt = NULL;
	struct qla_hw *ha;

	mutex_lock(&qla_ports_lock);
	list_for_each_entry(ha, &qla_ports, node)
		if (ha->wwpn == wwpn && ha->tgt) {
			tgt = qla_tgt_get(ha->tgt);
			break;
		}
	mutex_unlock(&qla_ports_lock);
	return tgt;
}

int qla_tgt_parse_wwn(const char *s, size_t len, u64 *wwn)
{
	return qla_parse_wwn(s, len, wwn);
}
EXPORT_SYMBOL_GPL(qla_tgt_parse_wwn);

static int __init qla_init(void)
{
	int err;

	if (qla_role_parse(role, &qla_default_role)) {
		pr_err("qla2xxx: role=%s: expected none, initiator, target or both\n",
		       role);
		return -EINVAL;
	}
	err = qla_scsi_init();
	if (err)
		goto err_scsi;
	err = qla_pci_init();
	if (err)
		goto err_pci;
	err = qla_emubus_init();
	if (err)
		goto err_emu;
	return 0;

err_emu:
	qla_pci_exit();
err_pci:
	qla_scsi_exit();
err_scsi:
	return err;
}

static void __exit qla_exit(void)
{
	qla_emubus_exit();
	qla_pci_exit();
	qla_scsi_exit();
}

module_init(qla_init);
module_exit(qla_exit);

MODULE_DESCRIPTION("QLogic Fibre Channel HBA driver (qlat)");
MODULE_AUTHOR("qlat developers");
MODULE_LICENSE("GPL");
MODULE_VERSION(QLA_DRIVER_VERSION);
MODULE_FIRMWARE("ql2400_fw.bin");
MODULE_FIRMWARE("ql2500_fw.bin");
MODULE_FIRMWARE("ql2600_fw.bin");
MODULE_FIRMWARE("ql2700_fw.bin");
MODULE_FIRMWARE("ql2800_fw.bin");
