// SPDX-License-Identifier: GPL-2.0
/*
 * qla_probe.c: probe and remove of one ISP port, shared by both backends
 * (qla_pci.c for a card, qla_emubus.c for an emulated ISP): the Scsi_Host,
 * the hardware layer, then its clients (the fc layer, the initiator, the
 * target engine, each registering with the hardware layer), the firmware
 * last; remove in the reverse order.
 */
#include <linux/module.h>
#include <scsi/scsi.h>
#include <scsi/scsi_host.h>
#include <scsi/scsi_transport_fc.h>

#include "qla_def.h"

int qla_port_probe(struct device *dev, const struct qla_hw_ops *ops,
		   void *priv, struct qla_hw **out)
{
	struct Scsi_Host *shost;
	struct qla_hw *ha;
	int err;

	shost = qla_scsi_host_alloc();
	if (!shost)
		return -ENOMEM;
	ha = shost_priv(shost);
	ha->dev = dev;
	ha->ops = ops;
	ha->priv = priv;
	ha->shost = shost;
	ha->role = qla_default_role;
	mutex_init(&ha->role_lock);
	INIT_LIST_HEAD(&ha->node);
	*out = ha;

	err = qla_chip_probe(ha);
	if (err)
		goto err_nvram;
	/*
	 * Not WQ_MEM_RECLAIM: the fc work flushes the fc transport's
	 * workqueue (fc_remote_port_add), which is not a reclaim queue.
	 */
	ha->wq = alloc_ordered_workqueue("qla2xxx_%s", 0,
					 dev_name(dev));
	if (!ha->wq) {
		err = -ENOMEM;
		goto err_wq;
	}
	err = qla_hw_init(ha);
	if (err)
		goto err_hw;
	err = qla_fc_init(ha);
	if (err)
		goto err_fc;
	err = qla_scsi_io_init(ha);
	if (err)
		goto err_io;
	err = qla_tgt_port_init(ha);
	if (err)
		goto err_tgt;
	err = scsi_add_host(shost, dev);
	if (err)
		goto err_add_host;

	qla_scsi_host_init(ha);

	err = qla_hw_start_fw(ha);
	if (err)
		goto err_start;
	qla_scsi_host_started(ha);
	qla_ports_add(ha);
	dev_info(dev, "%s host%u: wwpn %016llx wwnn %016llx fw %s\n",
		 ha->model, shost->host_no, ha->wwpn, ha->wwnn,
		 ha->fw_version);
	return 0;

err_start:
	qla_fc_stop(ha);
	qla_hw_stop_fw(ha);
	qla_scsi_fail_all(ha, DID_NO_CONNECT);
	fc_remove_host(shost);
	scsi_remove_host(shost);
err_add_host:
	qla_tgt_port_fini(ha);
err_tgt:
	qla_scsi_io_fini(ha);
err_io:
	qla_fc_fini(ha);
err_fc:
	qla_hw_fini(ha);
err_hw:
	destroy_workqueue(ha->wq);
err_wq:
err_nvram:
	scsi_host_put(shost);
	*out = NULL;
	return err;
}

void qla_port_remove(struct qla_hw *ha)
{
	struct Scsi_Host *shost = ha->shost;

	qla_ports_del(ha);
	qla_fc_stop(ha);
	qla_hw_stop_fw(ha);
	qla_scsi_fail_all(ha, DID_NO_CONNECT);
	fc_remove_host(shost);
	scsi_remove_host(shost);
	qla_tgt_port_fini(ha);
	qla_scsi_io_fini(ha);
	qla_fc_fini(ha);
	qla_hw_fini(ha);
	destroy_workqueue(ha->wq);
	scsi_host_put(shost);
}
