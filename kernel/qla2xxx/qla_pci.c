// SPDX-License-Identifier: GPL-2.0
/*
 * qla_pci.c: the PCI backend, bus glue only: an ISP24xx-family card's BARs
 * (those qla_chip.c's family table names: the register file in BAR 1 on
 * 24xx/25xx, BAR 0 and the queue pointers in BAR 4 on 83xx and later),
 * its PCI device id and function; interrupts come by MSI-X (the default vector,
 * the response queue's and, on 83xx/27xx/28xx, the ATIO queue's), or by
 * one MSI or INTx. The firmware load (request_firmware() of the names
 * Debian's firmware-qlogic installs, else the flash's image) is chip logic,
 * in qla_chip.c.
 *
 * Everything above the accessors is the code the emulated ISP runs.
 */
#include <linux/module.h>
#include <linux/pci.h>
#include <linux/dma-mapping.h>
#include <linux/io.h>

#include "qla_def.h"
#include "qla_fw.h"

struct qla_pci {
	struct pci_dev *pdev;
	void __iomem *bar[PCI_STD_NUM_BARS];	/* those the family uses */
	int nvec;			/* interrupt vectors connected */
	struct qla_hw *ha;
};

/* MSI-X vectors: 0 mailboxes and events, 1 the response queue, 2 ATIO. */
#define QLA_PCI_VEC_RSP		1
#define QLA_PCI_VEC_ATIO	2

/* upstream's ID table, 24xx and later; the family comes from qla_chip.c */
static const struct pci_device_id qla_pci_ids[] = {
	{ PCI_VDEVICE(QLOGIC, 0x2422) },
	{ PCI_VDEVICE(QLOGIC, 0x2432) },
	{ PCI_VDEVICE(QLOGIC, 0x8432) },
	{ PCI_VDEVICE(QLOGIC, 0x5422) },
	{ PCI_VDEVICE(QLOGIC, 0x5432) },
	{ PCI_VDEVICE(QLOGIC, 0x2532) },
	{ PCI_VDEVICE(QLOGIC, 0x2031) },
	{ PCI_VDEVICE(QLOGIC, 0x2071) },
	{ PCI_VDEVICE(QLOGIC, 0x2271) },
	{ PCI_VDEVICE(QLOGIC, 0x2261) },
	{ PCI_VDEVICE(QLOGIC, 0x2061) },
	{ PCI_VDEVICE(QLOGIC, 0x2081) },
	{ PCI_VDEVICE(QLOGIC, 0x2281) },
	{ PCI_VDEVICE(QLOGIC, 0x2089) },
	{ PCI_VDEVICE(QLOGIC, 0x2289) },
	{ }
};
MODULE_DEVICE_TABLE(pci, qla_pci_ids);

static struct qla_pci *ha_to_pci(struct qla_hw *ha)
{
	return ha->priv;
}

static void qla_pci_bus_info(struct qla_hw *ha, u16 *device_id, u8 *func)
{
	struct pci_dev *pdev = ha_to_pci(ha)->pdev;

	*device_id = pdev->device;
	*func = PCI_FUNC(pdev->devfn);
}

static u32 qla_pci_rd_reg(struct qla_hw *ha, u8 bar, u32 off)
{
	return readl(ha_to_pci(ha)->bar[bar] + off);
}

static void qla_pci_wr_reg(struct qla_hw *ha, u8 bar, u32 off, u32 val)
{
	struct qla_pci *qp = ha_to_pci(ha);

	writel(val, qp->bar[bar] + off);
	readl(qp->bar[bar] + off);	/* flush the posted write */
}

static u16 qla_pci_rd_reg16(struct qla_hw *ha, u8 bar, u32 off)
{
	return readw(ha_to_pci(ha)->bar[bar] + off);
}

static void qla_pci_wr_reg16(struct qla_hw *ha, u8 bar, u32 off, u16 val)
{
	writew(val, ha_to_pci(ha)->bar[bar] + off);
}

/*
 * MSI-X as upstream asks for it: the default and response-queue vectors,
 * and one for the ATIO queue on families that have it; else one MSI or
 * INTx vector for everything. The driver puts the vectors it got in the
 * init control block (msix, msix_atio).
 */
static int qla_pci_irq_setup(struct qla_hw *ha, irq_handler_t isr)
{
	struct qla_pci *qp = ha_to_pci(ha);
	int want = qla_hw_family(ha)->msix_vectors;
	int n, i, err;

	n = pci_alloc_irq_vectors(qp->pdev, want, want, PCI_IRQ_MSIX);
	if (n < 0)
		n = pci_alloc_irq_vectors(qp->pdev, 1, 1,
					  PCI_IRQ_MSI | PCI_IRQ_LEGACY);
	if (n < 0)
		return n;
	for (i = 0; i < n; i++) {
		err = request_irq(pci_irq_vector(qp->pdev, i),
				  i == QLA_PCI_VEC_ATIO ? qla_hw_atio_isr : isr,
				  n == 1 ? IRQF_SHARED : 0, "qla2xxx", ha);
		if (err)
			goto err_irq;
	}
	qp->nvec = n;
	ha->msix_rsp = n > 1 ? QLA_PCI_VEC_RSP : 0;
	ha->msix_atio = n > QLA_PCI_VEC_ATIO ? QLA_PCI_VEC_ATIO : 0;
	return 0;

err_irq:
	while (i--)
		free_irq(pci_irq_vector(qp->pdev, i), ha);
	pci_free_irq_vectors(qp->pdev);
	return err;
}

static void qla_pci_irq_teardown(struct qla_hw *ha)
{
	struct qla_pci *qp = ha_to_pci(ha);
	int i;

	for (i = 0; i < qp->nvec; i++)
		free_irq(pci_irq_vector(qp->pdev, i), ha);
	pci_free_irq_vectors(qp->pdev);
	qp->nvec = 0;
}

static const struct qla_hw_ops qla_pci_hw_ops = {
	.name = "pci",
	.bus_info = qla_pci_bus_info,
	.rd_reg = qla_pci_rd_reg,
	.wr_reg = qla_pci_wr_reg,
	.rd_reg16 = qla_pci_rd_reg16,
	.wr_reg16 = qla_pci_wr_reg16,
	.irq_setup = qla_pci_irq_setup,
	.irq_teardown = qla_pci_irq_teardown,
};

static void qla_pci_unmap(struct qla_pci *qp)
{
	int i;

	for (i = 0; i < PCI_STD_NUM_BARS; i++) {
		if (qp->bar[i])
			pci_iounmap(qp->pdev, qp->bar[i]);
		qp->bar[i] = NULL;
	}
}

/* The family's BARs: its register file and its queue pointers. */
static int qla_pci_map(struct qla_pci *qp, const struct qla_family_info *fi)
{
	qp->bar[fi->reg_bar] = pci_iomap(qp->pdev, fi->reg_bar, QLA_REG_SIZE);
	if (!qp->bar[fi->reg_bar])
		return -ENOMEM;
	if (fi->q_bar == fi->reg_bar)
		return 0;
	qp->bar[fi->q_bar] = pci_iomap(qp->pdev, fi->q_bar, QLA_MQ_SIZE);
	if (!qp->bar[fi->q_bar]) {
		qla_pci_unmap(qp);
		return -ENOMEM;
	}
	return 0;
}

static int qla_pci_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	struct qla_pci *qp;
	int fam, err;

	fam = qla_chip_family(pdev->device);
	if (fam < 0)
		return fam;
	qp = devm_kzalloc(&pdev->dev, sizeof(*qp), GFP_KERNEL);
	if (!qp)
		return -ENOMEM;
	qp->pdev = pdev;

	err = pci_enable_device_mem(pdev);
	if (err)
		return err;
	err = pci_request_mem_regions(pdev, "qla2xxx");
	if (err)
		goto err_regions;
	err = dma_set_mask_and_coherent(&pdev->dev, DMA_BIT_MASK(64));
	if (err)
		goto err_dma;
	err = qla_pci_map(qp, qla_chip_info(fam));
	if (err)
		goto err_iomap;
	pci_set_master(pdev);
	err = qla_port_probe(&pdev->dev, &qla_pci_hw_ops, qp, &qp->ha);
	if (err)
		goto err_port;
	pci_set_drvdata(pdev, qp);
	return 0;

err_port:
	pci_clear_master(pdev);
	qla_pci_unmap(qp);
err_iomap:
err_dma:
	pci_release_mem_regions(pdev);
err_regions:
	pci_disable_device(pdev);
	return err;
}

static void qla_pci_remove(struct pci_dev *pdev)
{
	struct qla_pci *qp = pci_get_drvdata(pdev);

	qla_port_remove(qp->ha);
	pci_clear_master(pdev);
	qla_pci_unmap(qp);
	pci_release_mem_regions(pdev);
	pci_disable_device(pdev);
}

static struct pci_driver qla_pci_driver = {
	.name = "qla2xxx",
	.id_table = qla_pci_ids,
	.probe = qla_pci_probe,
	.remove = qla_pci_remove,
};

int qla_pci_init(void)
{
	return pci_register_driver(&qla_pci_driver);
}

void qla_pci_exit(void)
{
	pci_unregister_driver(&qla_pci_driver);
}
