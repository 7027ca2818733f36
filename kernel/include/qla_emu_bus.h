/* SPDX-License-Identifier: GPL-2.0 */
/*
 * qla_emu_bus.h: the bus between qla2xxx_emu.ko (emulated ISPs) and
 * qla2xxx.ko, the one header both include. It offers the driver what a
 * card's bus does and nothing more: register access by (BAR, offset), the
 * PCI device id and function, and one interrupt line.
 *
 * qla2xxx_emu.ko creates a platform device per emulated ISP, named
 * QLA_EMU_BUS_DEV_NAME.N, under /sys/devices/qla2xxx_emu, its platform data
 * a struct qla_emu_bus and its DMA mask 64 bits: the emulated firmware
 * reaches the rings and buffers the driver allocates for the device by DMA
 * address, as a card does. qla2xxx.ko's platform driver "qla2xxx" binds
 * these devices as its PCI driver binds a card.
 *
 * Neither module links against the other. qla2xxx.ko's emu_ports= loads the
 * emulation with request_module() and takes QLA_EMU_BUS_ADD and
 * QLA_EMU_BUS_DEL with symbol_get().
 */
#ifndef QLA_EMU_BUS_H
#define QLA_EMU_BUS_H

#include <linux/types.h>
#include <linux/interrupt.h>

#define QLA_EMU_BUS_DEV_NAME	"qla2xxx_emu"
#define QLA_EMU_BUS_MODULE	"qla2xxx_emu"

/*
 * What an emulated ISP offers its driver. @ctx is the device's own (struct
 * qla_emu_bus.ctx). The register calls may be made in any context, with
 * interrupts off; the handler given to irq_connect is called in task
 * context with bottom halves off (a threaded handler) until irq_disconnect
 * returns.
 */
struct qla_emu_bus_ops {
	void (*bus_info)(void *ctx, u16 *device_id, u8 *func);
	u32 (*rd32)(void *ctx, u8 bar, u32 off);
	void (*wr32)(void *ctx, u8 bar, u32 off, u32 val);
	u16 (*rd16)(void *ctx, u8 bar, u32 off);
	void (*wr16)(void *ctx, u8 bar, u32 off, u16 val);
	int (*irq_connect)(void *ctx, irq_handler_t handler, void *cookie);
	void (*irq_disconnect)(void *ctx);
};

/* The platform data of an emulated ISP's device. */
struct qla_emu_bus {
	const struct qla_emu_bus_ops *ops;
	void *ctx;
};

/*
 * Exported by qla2xxx_emu.ko, for symbol_get(): qla2xxx_emu_bus_add()
 * creates @n emulated ISPs, @models their emu_model= keys in port order
 * (NULL or fewer: the default model), and returns once each has been offered
 * to the drivers (a driver registered by then has probed it); 0 or a negative
 * errno, with none created. qla2xxx_emu_bus_del() removes every emulated ISP.
 */
int qla2xxx_emu_bus_add(unsigned int n, const char *models);
void qla2xxx_emu_bus_del(void);

#endif /* QLA_EMU_BUS_H */
