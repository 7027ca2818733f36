// SPDX-License-Identifier: GPL-2.0
/*
 * qla_chip.c: the chip logic of each ISP family, part of the hardware
 * layer and the same for a card and the emulated ISP: the family of a PCI
 * device id (upstream's IS_QLAxxx), which BAR holds the register file and
 * which the base queue's in/out pointers (upstream's iospace_config), the
 * MSI-X vectors, the firmware file, and the port's names and model read
 * from NVRAM or flash through the flash address/data registers (upstream's
 * qla_sup.c). A 22xx/23xx family would get its row here.
 */
#include <linux/delay.h>
#include <linux/slab.h>
#include <linux/firmware.h>
#include <linux/dma-mapping.h>

#include "qla_def.h"
#include "qla_iocb.h"

#define QLA_Q_REGS_24XX { QLA_REG_REQ_Q_IN, QLA_REG_REQ_Q_OUT, \
			  QLA_REG_RSP_Q_IN, QLA_REG_RSP_Q_OUT, \
			  QLA_REG_ATIO_Q_IN, QLA_REG_ATIO_Q_OUT }
#define QLA_Q_REGS_MQ   { QLA_MQ_REQ_Q_IN, QLA_MQ_REQ_Q_OUT, \
			  QLA_MQ_RSP_Q_IN, QLA_MQ_RSP_Q_OUT, \
			  QLA_MQ_ATIO_Q_IN, QLA_MQ_ATIO_Q_OUT }

static const struct qla_family_info qla_families[QLA_FAM_NR] = {
	/* 24xx/25xx: registers in BAR 1 (MMIO; BAR 0 is I/O space) */
	[QLA_FAM_24XX] = {
		.name = "ISP24xx", .reg_bar = 1, .q_bar = 1,
		.q_off = QLA_Q_REGS_24XX, .msix_vectors = 2,
		.fw_name = "ql2400_fw.bin", .nv = QLA_NV_NVRAM,
		.flash_data_off = QLA_FARX_FLASH_DATA,
	},
	[QLA_FAM_25XX] = {
		.name = "ISP25xx", .reg_bar = 1, .q_bar = 1,
		.q_off = QLA_Q_REGS_24XX, .msix_vectors = 2,
		.fw_name = "ql2500_fw.bin", .nv = QLA_NV_FLASH_VPD,
		.flash_data_off = QLA_FARX_FLASH_DATA,
	},
	/* 83xx and later: registers in BAR 0, queue pointers in BAR 4 */
	[QLA_FAM_83XX] = {
		.name = "ISP83xx", .reg_bar = 0, .q_bar = 4,
		.q_off = QLA_Q_REGS_MQ, .msix_vectors = 3, .atio_msix = true,
		.fw_name = "ql2600_fw.bin", .fw_flash_first = true,
		.nv = QLA_NV_FLASH_FLT,
		.flash_data_off = QLA_FARX_FLASH_DATA_81XX,
		.flt_addr = QLA_FA_FLT_83XX,
	},
	[QLA_FAM_27XX] = {
		.name = "ISP27xx", .reg_bar = 0, .q_bar = 4,
		.q_off = QLA_Q_REGS_MQ, .msix_vectors = 3, .atio_msix = true,
		.fw_name = "ql2700_fw.bin", .fw_flash_first = true,
		.nv = QLA_NV_FLASH_FLT,
		.flash_data_off = QLA_FARX_FLASH_DATA_81XX,
		.flt_addr = QLA_FA_FLT_83XX,
	},
	[QLA_FAM_28XX] = {
		.name = "ISP28xx", .reg_bar = 0, .q_bar = 4,
		.q_off = QLA_Q_REGS_MQ, .msix_vectors = 3, .atio_msix = true,
		.fw_name = "ql2800_fw.bin", .fw_flash_first = true,
		.nv = QLA_NV_FLASH_FLT,
		.flash_data_off = QLA_FARX_FLASH_DATA_28XX,
		.flt_addr = QLA_FA_FLT_28XX,
	},
};

/* The family of a PCI device id, or -ENODEV. */
int qla_chip_family(u16 device_id)
{
	switch (device_id) {
	case 0x2422:
	case 0x2432:
	case 0x5422:
	case 0x5432:
	case 0x8432:
		return QLA_FAM_24XX;
	case 0x2532:
		return QLA_FAM_25XX;
	case 0x2031:
		return QLA_FAM_83XX;
	case 0x2061:
	case 0x2071:
	case 0x2261:
	case 0x2271:
		return QLA_FAM_27XX;
	case 0x2081:
	case 0x2089:
	case 0x2281:
	case 0x2289:
		return QLA_FAM_28XX;
	default:
		return -ENODEV;
	}
}

const struct qla_family_info *qla_chip_info(enum qla_family fam)
{
	return &qla_families[fam < QLA_FAM_NR ? fam : 0];
}

const struct qla_family_info *qla_hw_family(struct qla_hw *ha)
{
	return qla_chip_info(ha->family);
}

/*
 * One dword through the flash address/data registers: write the address
 * with the data flag clear, wait for the chip to set it, read the data.
 */
static int qla_chip_flash_dword(struct qla_hw *ha, u32 addr, u32 *val)
{
	int t;

	qla_wr(ha, QLA_REG_FLASH_ADDR, addr & ~QLA_FARX_DATA_FLAG);
	for (t = 0; t < 3000; t++) {
		if (qla_rd(ha, QLA_REG_FLASH_ADDR) & QLA_FARX_DATA_FLAG) {
			*val = qla_rd(ha, QLA_REG_FLASH_DATA);
			return 0;
		}
		usleep_range(10, 20);
	}
	dev_err(ha->dev, "flash read at %#x timed out\n", addr);
	return -ETIMEDOUT;
}

/* dwords from window + dword address, little-endian into buf */
static int qla_chip_flash_read(struct qla_hw *ha, u32 addr, void *buf,
			       u32 dwords)
{
	__le32 *p = buf;
	u32 i, v;
	int err;

	for (i = 0; i < dwords; i++) {
		err = qla_chip_flash_dword(ha, addr + i, &v);
		if (err)
			return err;
		p[i] = cpu_to_le32(v);
	}
	return 0;
}

/* The byte address of a region of the flash layout table. */
static int qla_chip_flt_find(struct qla_hw *ha, u16 code, u32 *start)
{
	const struct qla_family_info *fi = qla_hw_family(ha);
	size_t len = sizeof(struct qla_flt_header) +
		     QLA_FLT_MAX_REGIONS * sizeof(struct qla_flt_region);
	void *flt;
	int err;

	flt = kmalloc(len, GFP_KERNEL);
	if (!flt)
		return -ENOMEM;
	err = qla_chip_flash_read(ha, fi->flash_data_off + fi->flt_addr, flt,
				  len / 4);
	if (!err)
		err = qla_flt_find(flt, len, code, start);
	kfree(flt);
	if (err)
		dev_err(ha->dev, "flash layout table: no region %#x (%d)\n",
			code, err);
	return err;
}

/* Where this function's NVRAM is: a window + dword address. */
static int qla_chip_nvram_addr(struct qla_hw *ha, u32 *addr)
{
	const struct qla_family_info *fi = qla_hw_family(ha);
	static const u16 nv_code[] = {
		QLA_FLT_REG_NVRAM_0, QLA_FLT_REG_NVRAM_1,
		QLA_FLT_REG_NVRAM_2, QLA_FLT_REG_NVRAM_3,
	};
	u32 base = ha->port_no & 1 ? QLA_FA_NVRAM_FUNC1 : QLA_FA_NVRAM_FUNC0;
	u32 start;
	int err;

	switch (fi->nv) {
	case QLA_NV_NVRAM:
		*addr = QLA_FARX_NVRAM_DATA + base;
		return 0;
	case QLA_NV_FLASH_VPD:
		*addr = fi->flash_data_off + (QLA_FA_VPD_NVRAM | base);
		return 0;
	case QLA_NV_FLASH_FLT:
		break;
	}
	if (ha->port_no >= ARRAY_SIZE(nv_code))
		return -ENODEV;
	err = qla_chip_flt_find(ha, nv_code[ha->port_no], &start);
	if (err)
		return err;
	*addr = fi->flash_data_off + start / 4;
	return 0;
}

/*
 * At probe: the family from the PCI device id, then the port and node
 * names and the model from this function's NVRAM.
 */
int qla_chip_probe(struct qla_hw *ha)
{
	struct qla_nvram_desc d = { 0 };
	u32 addr;
	void *nv;
	int fam, err;

	ha->ops->bus_info(ha, &ha->device_id, &ha->port_no);
	fam = qla_chip_family(ha->device_id);
	if (fam < 0) {
		dev_err(ha->dev, "unknown ISP %04x\n", ha->device_id);
		return fam;
	}
	ha->family = fam;
	err = qla_chip_nvram_addr(ha, &addr);
	if (err)
		return err;
	nv = kmalloc(QLA_NV_SIZE, GFP_KERNEL);
	if (!nv)
		return -ENOMEM;
	err = qla_chip_flash_read(ha, addr, nv, QLA_NV_SIZE / 4);
	if (!err) {
		err = qla_parse_nvram(nv, &d);
		if (err)
			dev_err(ha->dev, "NVRAM at %#x: bad id or checksum\n",
				addr);
	}
	kfree(nv);
	if (err)
		return err;
	ha->wwpn = d.wwpn;
	ha->wwnn = d.wwnn;
	strscpy(ha->model, d.model[0] ? d.model : qla_hw_family(ha)->name,
		sizeof(ha->model));
	snprintf(ha->model_desc, sizeof(ha->model_desc),
		 "QLogic %s Fibre Channel HBA", qla_hw_family(ha)->name);
	return 0;
}

/* ---- firmware load ---- */

#define QLA_FW_CHUNK_WORDS	(16384 / 4)

/*
 * Where the image comes from: a file (request_firmware, big-endian words)
 * or, as upstream does when there is none, the flash's firmware region
 * (the file's bytes as little-endian dwords).
 */
struct qla_fw_src {
	const struct firmware *blob;
	u32 flash_addr;			/* window + dword address */
};

static int qla_fw_src_read(struct qla_hw *ha, const struct qla_fw_src *src,
			   u32 pos, u32 *w, u32 n)
{
	const __be32 *words;
	u32 i, v;
	int err;

	if (src->blob) {
		if (pos + n > src->blob->size / 4)
			return -EINVAL;
		words = (const __be32 *)src->blob->data;
		for (i = 0; i < n; i++)
			w[i] = be32_to_cpu(words[pos + i]);
		return 0;
	}
	for (i = 0; i < n; i++) {
		err = qla_chip_flash_dword(ha, src->flash_addr + pos + i, &v);
		if (err)
			return err;
		w[i] = swab32(v);
	}
	return 0;
}

static int qla_chip_fw_flash(struct qla_hw *ha, struct qla_fw_src *src)
{
	const struct qla_family_info *fi = qla_hw_family(ha);
	u32 start;
	int err;

	if (fi->nv != QLA_NV_FLASH_FLT) {
		src->flash_addr = fi->flash_data_off + QLA_FA_FW_25XX;
		return 0;
	}
	err = qla_chip_flt_find(ha, QLA_FLT_REG_FW, &start);
	if (!err)
		src->flash_addr = fi->flash_data_off + start / 4;
	return err;
}

/* The segments into RISC RAM, a DMA buffer at a time. */
static int qla_chip_fw_segments(struct qla_hw *ha,
				const struct qla_fw_src *src, u32 *buf,
				dma_addr_t dma, u32 *risc_addr)
{
	u32 avail = src->blob ? src->blob->size / 4 : ~0U;
	u32 hdr[QLA_FW_HDR_WORDS], pos = 0, i, j, chunk;
	struct qla_fw_seg seg;
	struct qla_mbx m;
	int s, err;

	for (s = 0; s < QLA_FW_SEGMENTS; s++) {
		err = qla_fw_src_read(ha, src, pos, hdr, QLA_FW_HDR_WORDS);
		if (!err)
			err = qla_fw_seg_parse(hdr, avail - pos, &seg);
		if (err) {
			dev_err(ha->dev, "firmware segment %d: bad header\n", s);
			return err;
		}
		if (!s)
			*risc_addr = seg.risc_addr;
		for (i = 0; i < seg.len; i += chunk) {
			chunk = min_t(u32, seg.len - i, QLA_FW_CHUNK_WORDS);
			err = qla_fw_src_read(ha, src, pos + i, buf, chunk);
			if (err)
				return err;
			for (j = 0; j < chunk; j++)
				((__le32 *)buf)[j] = cpu_to_le32(buf[j]);
			qla_mbx_load_ram(&m, dma, seg.risc_addr + i, chunk);
			err = qla_hw_mbx(ha, &m);
			if (err) {
				dev_err(ha->dev, "LOAD_RISC_RAM_EXTENDED failed: %d\n",
					err);
				return err;
			}
		}
		pos += seg.len;
	}
	return 0;
}

/* The family's firmware file, if the system has it. */
static int qla_chip_fw_file(struct qla_hw *ha, struct qla_fw_src *src,
			    u32 *buf, dma_addr_t dma, u32 *risc_addr)
{
	int err;

	err = firmware_request_nowarn(&src->blob, qla_hw_family(ha)->fw_name,
				      ha->dev);
	if (err) {
		src->blob = NULL;
		return err;
	}
	return qla_chip_fw_segments(ha, src, buf, dma, risc_addr);
}

/* The image in the flash's firmware region. */
static int qla_chip_fw_in_flash(struct qla_hw *ha, struct qla_fw_src *src,
				u32 *buf, dma_addr_t dma, u32 *risc_addr)
{
	int err;

	release_firmware(src->blob);
	src->blob = NULL;
	err = qla_chip_fw_flash(ha, src);
	if (err)
		return err;
	return qla_chip_fw_segments(ha, src, buf, dma, risc_addr);
}

/*
 * Load the firmware into RISC RAM with LOAD_RISC_RAM_EXTENDED and have
 * the RISC check it (VERIFY_CHECKSUM); returns the start address for
 * EXECUTE_FIRMWARE. In upstream's order: 24xx/25xx take the family's file
 * and fall back to the flash's image; 83xx and later run the flash's image
 * and take the file only when that fails. The first source's error is the
 * one returned when neither loads.
 */
int qla_chip_load_fw(struct qla_hw *ha, u32 *risc_addr)
{
	const struct qla_family_info *fi = qla_hw_family(ha);
	struct qla_fw_src src = { 0 };
	struct qla_mbx m;
	dma_addr_t dma;
	u32 *buf;
	int err;

	buf = dma_alloc_coherent(ha->dev, QLA_FW_CHUNK_WORDS * 4, &dma,
				 GFP_KERNEL);
	if (!buf)
		return -ENOMEM;
	if (fi->fw_flash_first) {
		err = qla_chip_fw_in_flash(ha, &src, buf, dma, risc_addr);
		if (err && !qla_chip_fw_file(ha, &src, buf, dma, risc_addr))
			err = 0;
	} else {
		err = qla_chip_fw_file(ha, &src, buf, dma, risc_addr);
		if (err)
			err = qla_chip_fw_in_flash(ha, &src, buf, dma,
						   risc_addr);
	}
	if (err)
		goto err_load;
	qla_mbx_verify_checksum(&m, *risc_addr);
	err = qla_hw_mbx(ha, &m);
	if (err)
		dev_err(ha->dev, "firmware %s: VERIFY_CHECKSUM failed: %d\n",
			src.blob ? fi->fw_name : "in flash", err);
err_load:
	release_firmware(src.blob);
	dma_free_coherent(ha->dev, QLA_FW_CHUNK_WORDS * 4, buf, dma);
	return err;
}
