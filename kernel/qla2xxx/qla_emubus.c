// SPDX-License-Identifier: GPL-2.0
/*
 * qla_emubus.c: the backend of an emulated ISP, bus glue only, as qla_pci.c
 * is a card's. qla2xxx_emu.ko creates a platform device per emulated ISP
 * (qla2xxx_emu.N) whose platform data is the bus of qla_emu_bus.h: register
 * access by (BAR, offset), the PCI device id and function, one interrupt
 * line. The platform driver "qla2xxx" binds it and forwards struct
 * qla_hw_ops to that bus; everything above (qla_chip.c, qla_hw.c and up)
 * runs as on a card.
 *
 * emu_ports= and emu_model= (the way users load the emulation with the
 * driver): at init, after the platform driver is registered, this loads
 * qla2xxx_emu.ko (request_module) and creates the ports through its
 * qla2xxx_emu_bus_add(), taken with symbol_get(), so that neither module
 * links against the other; each port is probed before modprobe returns. At
 * exit it removes the emulated ports (qla2xxx_emu_bus_del()) and lets the
 * emulation go (symbol_put()); qla2xxx_emu.ko itself stays loaded until
 * `modprobe -r qla2xxx_emu`. Without emu_ports= nothing is removed: devices
 * of an emulation loaded on its own stay, unbound, as a card does.
 */
#include <linux/module.h>
#include <linux/kmod.h>
#include <linux/mod_devicetable.h>
#include <linux/platform_device.h>
#include <linux/dma-mapping.h>

#include "qla_def.h"
#include "qla_emu_bus.h"

static unsigned int emu_ports;
module_param(emu_ports, uint, 0444);
MODULE_PARM_DESC(emu_ports, "number of emulated ISPs to create at load, in qla2xxx_emu.ko (default 0)");
static char *emu_model;
module_param(emu_model, charp, 0444);
MODULE_PARM_DESC(emu_model, "models of the emulated ISPs in port order, e.g. 2432,2532,2722,2812 (default 2722: an ISP2261, QLE2692)");

struct qla_emubus {
	struct qla_emu_bus bus;		/* the device's platform data */
	struct qla_hw *ha;
};

/* qla2xxx_emu_bus_del(), held from init to exit when emu_ports= is set */
static void (*qla_emubus_del)(void);

static struct qla_emubus *ha_to_emubus(struct qla_hw *ha)
{
	return ha->priv;
}

static void qla_emubus_bus_info(struct qla_hw *ha, u16 *device_id, u8 *func)
{
	struct qla_emu_bus *bus = &ha_to_emubus(ha)->bus;

	bus->ops->bus_info(bus->ctx, device_id, func);
}

static u32 qla_emubus_rd_reg(struct qla_hw *ha, u8 bar, u32 off)
{
	struct qla_emu_bus *bus = &ha_to_emubus(ha)->bus;

	return bus->ops->rd32(bus->ctx, bar, off);
}

static void qla_emubus_wr_reg(struct qla_hw *ha, u8 bar, u32 off, u32 val)
{
	struct qla_emu_bus *bus = &ha_to_emubus(ha)->bus;

	bus->ops->wr32(bus->ctx, bar, off, val);
}

static u16 qla_emubus_rd_reg16(struct qla_hw *ha, u8 bar, u32 off)
{
	struct qla_emu_bus *bus = &ha_to_emubus(ha)->bus;

	return bus->ops->rd16(bus->ctx, bar, off);
}

static void qla_emubus_wr_reg16(struct qla_hw *ha, u8 bar, u32 off, u16 val)
{
	struct qla_emu_bus *bus = &ha_to_emubus(ha)->bus;

	bus->ops->wr16(bus->ctx, bar, off, val);
}

/* One interrupt line for everything, as INTx: no MSI-X vectors. */
static int qla_emubus_irq_setup(struct qla_hw *ha, irq_handler_t isr)
{
	struct qla_emu_bus *bus = &ha_to_emubus(ha)->bus;

	return bus->ops->irq_connect(bus->ctx, isr, ha);
}

static void qla_emubus_irq_teardown(struct qla_hw *ha)
{
	struct qla_emu_bus *bus = &ha_to_emubus(ha)->bus;

	bus->ops->irq_disconnect(bus->ctx);
}

static const struct qla_hw_ops qla_emubus_hw_ops = {
	.name = "emulated ISP",
	.bus_info = qla_emubus_bus_info,
	.rd_reg = qla_emubus_rd_reg,
	.wr_reg = qla_emubus_wr_reg,
	.rd_reg16 = qla_emubus_rd_reg16,
	.wr_reg16 = qla_emubus_wr_reg16,
	.irq_setup = qla_emubus_irq_setup,
	.irq_teardown = qla_emubus_irq_teardown,
};

static int qla_emubus_probe(struct platform_device *pdev)
{
	const struct qla_emu_bus *bus = dev_get_platdata(&pdev->dev);
	struct qla_emubus *qe;
	int err;

	if (!bus || !bus->ops)
		return -ENODEV;
	qe = devm_kzalloc(&pdev->dev, sizeof(*qe), GFP_KERNEL);
	if (!qe)
		return -ENOMEM;
	qe->bus = *bus;
	err = dma_set_mask_and_coherent(&pdev->dev, DMA_BIT_MASK(64));
	if (err)
		return err;
	err = qla_port_probe(&pdev->dev, &qla_emubus_hw_ops, qe, &qe->ha);
	if (err)
		return err;
	platform_set_drvdata(pdev, qe);
	return 0;
}

static int qla_emubus_remove(struct platform_device *pdev)
{
	struct qla_emubus *qe = platform_get_drvdata(pdev);

	qla_port_remove(qe->ha);
	return 0;
}

static const struct platform_device_id qla_emubus_ids[] = {
	{ .name = QLA_EMU_BUS_DEV_NAME },
	{ }
};
MODULE_DEVICE_TABLE(platform, qla_emubus_ids);

static struct platform_driver qla_emubus_driver = {
	.driver = {
		.name = "qla2xxx",
		.suppress_bind_attrs = true,
	},
	.id_table = qla_emubus_ids,
	.probe = qla_emubus_probe,
	.remove = qla_emubus_remove,
};

/* emu_ports=: load the emulation and have it create the ports. */
static int qla_emubus_add_ports(void)
{
	int (*add)(unsigned int n, const char *models);
	int err;

	err = request_module(QLA_EMU_BUS_MODULE);
	add = symbol_get(qla2xxx_emu_bus_add);
	if (!add) {
		pr_err("qla2xxx: emu_ports=%u: %s.ko is not available (modprobe: %d)\n",
		       emu_ports, QLA_EMU_BUS_MODULE, err);
		return -ENOENT;
	}
	qla_emubus_del = symbol_get(qla2xxx_emu_bus_del);
	if (!qla_emubus_del) {
		err = -ENOENT;
		goto out;
	}
	err = add(emu_ports, emu_model);
	if (err) {
		symbol_put(qla2xxx_emu_bus_del);
		qla_emubus_del = NULL;
	}
out:
	symbol_put(qla2xxx_emu_bus_add);
	return err;
}

int qla_emubus_init(void)
{
	int err;

	err = platform_driver_register(&qla_emubus_driver);
	if (err || !emu_ports)
		return err;
	err = qla_emubus_add_ports();
	if (err)
		platform_driver_unregister(&qla_emubus_driver);
	return err;
}

void qla_emubus_exit(void)
{
	if (qla_emubus_del) {
		qla_emubus_del();
		symbol_put(qla2xxx_emu_bus_del);
		qla_emubus_del = NULL;
	}
	platform_driver_unregister(&qla_emubus_driver);
}
