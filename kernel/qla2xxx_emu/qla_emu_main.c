// SPDX-License-Identifier: GPL-2.0
/*
 * qla_emu_main.c: qla2xxx_emu.ko's module init/exit, its parameters ports=
 * and model=, the ports as devices, and the two functions qla2xxx.ko's
 * emu_ports= takes with symbol_get().
 *
 * Each emulated ISP is a platform device, qla2xxx_emu.N under the root
 * device /sys/devices/qla2xxx_emu, whose platform data is the bus of
 * qla_emu_bus.h; qla2xxx.ko's platform driver "qla2xxx" (the driver name
 * rtslib-fb checks) binds it as its PCI driver binds a card. This module
 * never calls the driver: the driver calls the bus, and the emulated ISP
 * calls the interrupt handler the driver connected.
 */
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/dma-mapping.h>

#include "qla_iocb.h"
#include "qla_emu.h"

#define CREATE_TRACE_POINTS
#include "qla_emu_trace.h"

static unsigned int ports;
module_param(ports, uint, 0444);
MODULE_PARM_DESC(ports, "number of emulated ISPs to create at load (default 0)");
static char *model;
module_param(model, charp, 0444);
MODULE_PARM_DESC(model, "models of the emulated ISPs in port order, e.g. 2432,2532,2722,2812 (default 2722: an ISP2261, QLE2692)");

/* ---- ports as devices ---- */

struct qla_emu_port *qla_emu_port_find(u64 wwpn)
{
	struct qla_emu_port *p, *found = NULL;

	mutex_lock(&qla_emu_fab.lock);
	list_for_each_entry(p, &qla_emu_fab.ports, node) {
		if (p->wwpn == wwpn) {
			found = p;
			break;
		}
	}
	mutex_unlock(&qla_emu_fab.lock);
	return found;
}

/*
 * The platform device of a port: qla2xxx_emu.<index>, its platform data the
 * bus, DMA to all of memory. Adding it offers it to the drivers: one that is
 * registered probes it before this returns.
 */
static int qla_emu_port_device(struct qla_emu_port *p)
{
	struct qla_emu_bus bus = { .ops = &qla_emu_bus_ops, .ctx = p };
	struct platform_device *pdev;
	int err;

	pdev = platform_device_alloc(QLA_EMU_BUS_DEV_NAME, p->index);
	if (!pdev)
		return -ENOMEM;
	pdev->dev.parent = p->fab->root;
	err = platform_device_add_data(pdev, &bus, sizeof(bus));
	if (err)
		goto err_put;
	err = dma_coerce_mask_and_coherent(&pdev->dev, DMA_BIT_MASK(64));
	if (err)
		goto err_put;
	p->pdev = pdev;
	err = platform_device_add(pdev);
	if (err)
		goto err_add;
	return 0;

err_add:
	p->pdev = NULL;
err_put:
	platform_device_put(pdev);
	return err;
}

/*
 * Create a port; wwpn 0 picks the next stable name. Under ctl_mutex. The
 * port exists whether or not a driver binds it, as a card does.
 */
int qla_emu_port_add(u64 wwpn, u64 wwnn, const struct qla_emu_model *m,
		     struct qla_emu_port **out)
{
	struct qla_emu_fabric *fab = &qla_emu_fab;
	struct qla_emu_port *p, *q;
	unsigned long used = 0;
	int index, err;

	lockdep_assert_held(&fab->ctl_mutex);
	p = kzalloc(sizeof(*p), GFP_KERNEL);
	if (!p)
		return -ENOMEM;
	mutex_lock(&fab->lock);
	list_for_each_entry(q, &fab->ports, node) {
		if (q->index < BITS_PER_LONG)
			__set_bit(q->index, &used);
		if (wwpn && q->wwpn == wwpn) {
			mutex_unlock(&fab->lock);
			kfree(p);
			return -EEXIST;
		}
	}
	index = find_first_zero_bit(&used, BITS_PER_LONG);
	if (index >= QLA_EMU_MAX_PORTS) {
		mutex_unlock(&fab->lock);
		kfree(p);
		return -ENOSPC;
	}
	p->index = index;
	p->wwpn = wwpn ? wwpn : 0x21000024ff000000ULL + index + 1;
	p->wwnn = wwnn ? wwnn : (p->wwpn & ~(0xfULL << 60)) | (0x2ULL << 60);
	if (p->wwnn == p->wwpn)
		p->wwnn ^= 1ULL << 56;
	p->model = m ? m : qla_emu_model_default;
	p->func = index & 1;
	p->fab = fab;
	qla_emu_port_init(p);
	qla_emu_port_flash_init(p);
	list_add_tail(&p->node, &fab->ports);
	mutex_unlock(&fab->lock);

	err = qla_emu_port_device(p);
	if (err)
		goto err_dev;
	if (out)
		*out = p;
	return 0;

err_dev:
	mutex_lock(&fab->lock);
	list_del(&p->node);
	mutex_unlock(&fab->lock);
	qla_emu_port_quiesce(p);
	kfree(p);
	return err;
}

/* Remove a port: its device (the driver unbinds), then the ISP. Under ctl_mutex. */
void qla_emu_port_del(struct qla_emu_port *p)
{
	struct qla_emu_fabric *fab = &qla_emu_fab;

	lockdep_assert_held(&fab->ctl_mutex);
	platform_device_del(p->pdev);
	mutex_lock(&fab->lock);
	list_del(&p->node);
	mutex_unlock(&fab->lock);
	/* work that looked the port up before it left the list ends here */
	flush_workqueue(fab->wq);
	qla_emu_port_quiesce(p);
	platform_device_put(p->pdev);
	kfree(p);
}

static void qla_emu_del_all(void)
{
	struct qla_emu_fabric *fab = &qla_emu_fab;
	struct qla_emu_port *p;

	mutex_lock(&fab->ctl_mutex);
	for (;;) {
		mutex_lock(&fab->lock);
		p = list_first_entry_or_null(&fab->ports, struct qla_emu_port,
					     node);
		mutex_unlock(&fab->lock);
		if (!p)
			break;
		qla_emu_port_del(p);
	}
	mutex_unlock(&fab->ctl_mutex);
}

/* @list: a model key per port, in port order; the rest default. */
static int qla_emu_models_parse(const char *list,
				const struct qla_emu_model **models,
				unsigned int n)
{
	char *buf, *s, *tok;
	unsigned int i = 0;
	int err = 0;

	if (!list)
		return 0;
	buf = kstrdup(list, GFP_KERNEL);
	if (!buf)
		return -ENOMEM;
	s = buf;
	while ((tok = strsep(&s, ",")) != NULL) {
		tok = strim(tok);
		if (i >= QLA_EMU_MAX_PORTS) {
			err = -EINVAL;
			break;
		}
		if (i < n)
			models[i] = qla_emu_model_find(tok);
		if (i < n && !models[i]) {
			pr_err("qla2xxx_emu: unknown model '%s'\n", tok);
			err = -EINVAL;
			break;
		}
		i++;
	}
	kfree(buf);
	return err;
}

/* Create @n ports of the models @list names; none if one fails. */
static int qla_emu_add_ports(unsigned int n, const char *list)
{
	struct qla_emu_fabric *fab = &qla_emu_fab;
	const struct qla_emu_model **models;
	struct qla_emu_port **added;
	unsigned int i;
	int err = 0;

	if (n > QLA_EMU_MAX_PORTS) {
		pr_err("qla2xxx_emu: %u ports: at most %d\n", n,
		       QLA_EMU_MAX_PORTS);
		return -EINVAL;
	}
	if (!n)
		return 0;
	models = kcalloc(n, sizeof(*models), GFP_KERNEL);
	added = kcalloc(n, sizeof(*added), GFP_KERNEL);
	if (!models || !added) {
		err = -ENOMEM;
		goto out;
	}
	err = qla_emu_models_parse(list, models, n);
	if (err)
		goto out;
	mutex_lock(&fab->ctl_mutex);
	for (i = 0; i < n; i++) {
		err = qla_emu_port_add(0, 0, models[i], &added[i]);
		if (err)
			break;
	}
	if (err)
		while (i--)
			qla_emu_port_del(added[i]);
	mutex_unlock(&fab->ctl_mutex);
out:
	kfree(added);
	kfree(models);
	return err;
}

int qla2xxx_emu_bus_add(unsigned int n, const char *models)
{
	return qla_emu_add_ports(n, models);
}
EXPORT_SYMBOL_GPL(qla2xxx_emu_bus_add);

void qla2xxx_emu_bus_del(void)
{
	qla_emu_del_all();
}
EXPORT_SYMBOL_GPL(qla2xxx_emu_bus_del);

static int __init qla_emu_init(void)
{
	struct qla_emu_fabric *fab = &qla_emu_fab;
	int err;

	mutex_init(&fab->lock);
	mutex_init(&fab->ctl_mutex);
	mutex_init(&fab->fw_mutex);
	INIT_LIST_HEAD(&fab->ports);
	spin_lock_init(&fab->frame_lock);
	INIT_LIST_HEAD(&fab->frames);
	spin_lock_init(&fab->fault_lock);
	INIT_DELAYED_WORK(&fab->deliver_work, qla_emu_deliver_work);
	fab->switch_wwn = 0x10000024ff000000ULL;

	/*
	 * Per-CPU: firmware work runs on the CPU that rang the doorbell,
	 * right after the driver's thread, with no cross-CPU wakeup;
	 * fw_mutex keeps firmware state single-threaded.
	 */
	fab->wq = alloc_workqueue("qla2xxx_emu", WQ_MEM_RECLAIM, 0);
	if (!fab->wq)
		return -ENOMEM;
	fab->root = root_device_register("qla2xxx_emu");
	if (IS_ERR(fab->root)) {
		err = PTR_ERR(fab->root);
		goto err_root;
	}
	err = qla_emu_ctl_init();
	if (err)
		goto err_ctl;
	err = qla_emu_add_ports(ports, model);
	if (err)
		goto err_ports;
	return 0;

err_ports:
	qla_emu_ctl_exit();
err_ctl:
	root_device_unregister(fab->root);
err_root:
	destroy_workqueue(fab->wq);
	return err;
}

static void __exit qla_emu_exit(void)
{
	struct qla_emu_fabric *fab = &qla_emu_fab;
	struct qla_emu_frame *f, *t;

	qla_emu_ctl_exit();
	qla_emu_del_all();
	cancel_delayed_work_sync(&fab->deliver_work);
	flush_workqueue(fab->wq);
	cancel_delayed_work_sync(&fab->deliver_work);
	list_for_each_entry_safe(f, t, &fab->frames, node) {
		list_del(&f->node);
		kvfree(f);
	}
	root_device_unregister(fab->root);
	destroy_workqueue(fab->wq);
}

module_init(qla_emu_init);
module_exit(qla_emu_exit);

MODULE_DESCRIPTION("Emulated QLogic ISP24xx-family HBAs and FC switch (qlat)");
MODULE_AUTHOR("qlat developers");
MODULE_LICENSE("GPL");
