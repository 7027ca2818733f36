// SPDX-License-Identifier: GPL-2.0
/*
 * qla_emu_flash.c: the emulated models (PCI device id, register and queue
 * BARs, where NVRAM lives, model name) and each port's flash as the card's
 * flash address/data registers read it: the NVRAM image with its names,
 * the flash layout table of 83xx and later, the firmware image.
 */
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/dma-direct.h>

#include "qla_iocb.h"
#include "qla_emu.h"

/* ---- the models, their BARs and their flash ---- */

#define QLA_EMU_FLT_NVRAM	0x200000	/* byte address of NVRAM 0 */
#define QLA_EMU_FLT_NVRAM_STEP	0x1000
#define QLA_EMU_FLT_FW		0x100000	/* byte address of the image */

static const struct qla_emu_model qla_emu_models[] = {
	{ "2432", 0x2432, "QLE2462", 1, 1, QLA_EMU_NV_NVRAM,
	  QLA_FARX_FLASH_DATA, 0 },
	{ "2532", 0x2532, "QLE2562", 1, 1, QLA_EMU_NV_VPD,
	  QLA_FARX_FLASH_DATA, 0 },
	{ "2031", 0x2031, "QLE2672", 0, 4, QLA_EMU_NV_FLT,
	  QLA_FARX_FLASH_DATA_81XX, QLA_FA_FLT_83XX },
	{ "2722", 0x2261, "QLE2692", 0, 4, QLA_EMU_NV_FLT,
	  QLA_FARX_FLASH_DATA_81XX, QLA_FA_FLT_83XX },
	{ "2071", 0x2071, "QLE2742", 0, 4, QLA_EMU_NV_FLT,
	  QLA_FARX_FLASH_DATA_81XX, QLA_FA_FLT_83XX },
	{ "2812", 0x2281, "QLE2772", 0, 4, QLA_EMU_NV_FLT,
	  QLA_FARX_FLASH_DATA_28XX, QLA_FA_FLT_28XX },
	{ "2081", 0x2081, "QLE2782", 0, 4, QLA_EMU_NV_FLT,
	  QLA_FARX_FLASH_DATA_28XX, QLA_FA_FLT_28XX },
};

/* an ISP2261 (27xx, QLE2692): the model of ports given no other */
const struct qla_emu_model *qla_emu_model_default = &qla_emu_models[3];

/* A model by its key, or by its PCI device id in hex. */
const struct qla_emu_model *qla_emu_model_find(const char *key)
{
	unsigned int i;
	u16 id;

	for (i = 0; i < ARRAY_SIZE(qla_emu_models); i++)
		if (!strcmp(key, qla_emu_models[i].key))
			return &qla_emu_models[i];
	if (kstrtou16(key, 16, &id))
		return NULL;
	for (i = 0; i < ARRAY_SIZE(qla_emu_models); i++)
		if (qla_emu_models[i].device_id == id)
			return &qla_emu_models[i];
	return NULL;
}

/* The flash as the card ships it: NVRAM with the port's names, the FLT. */
void qla_emu_port_flash_init(struct qla_emu_port *p)
{
	struct qla_nvram_desc d = { .wwpn = p->wwpn, .wwnn = p->wwnn };
	static const u16 codes[QLA_EMU_FLT_REGIONS - 1] = {
		QLA_FLT_REG_NVRAM_0, QLA_FLT_REG_NVRAM_1,
		QLA_FLT_REG_NVRAM_2, QLA_FLT_REG_NVRAM_3,
	};
	static const struct qla_fw_seg segs[QLA_FW_SEGMENTS] = {
		{ QLA_EMU_RISC_ADDR, 64 },
		{ QLA_EMU_RISC_ADDR2, QLA_EMU_FW_WORDS - 64 },
	};
	static const u16 version[] = {
		QLA_EMU_FW_MAJOR, QLA_EMU_FW_MINOR, QLA_EMU_FW_SUB,
	};
	struct qla_flt_desc r[QLA_EMU_FLT_REGIONS];
	int i;

	strscpy(d.model, p->model->model, sizeof(d.model));
	qla_build_nvram(p->nvram, &d);
	for (i = 0; i < QLA_EMU_FLT_REGIONS - 1; i++) {
		r[i].code = codes[i];
		r[i].start = QLA_EMU_FLT_NVRAM + i * QLA_EMU_FLT_NVRAM_STEP;
		r[i].size = QLA_NV_SIZE;
	}
	r[i].code = QLA_FLT_REG_FW;
	r[i].start = QLA_EMU_FLT_FW;
	r[i].size = sizeof(p->fw_image);
	qla_build_flt(p->flt, sizeof(p->flt), r, QLA_EMU_FLT_REGIONS);
	qla_build_fw_image(p->fw_image, QLA_EMU_FW_WORDS, segs,
			   QLA_FW_SEGMENTS, version);
}

static u32 qla_emu_dword(const u8 *b, u32 i)
{
	__le32 w;

	memcpy(&w, b + 4 * i, 4);
	return le32_to_cpu(w);
}

/*
 * A dword of flash or NVRAM at a QLA_REG_FLASH_ADDR address; erased flash
 * (all ones) where the model keeps nothing. The NVRAM is this function's
 * only, at the place its family keeps it.
 */
u32 qla_emu_flash_rd(struct qla_emu_port *p, u32 addr)
{
	const struct qla_emu_model *m = p->model;
	u32 nv_dw = QLA_NV_SIZE / 4, nv, faddr, fw;

	lockdep_assert_held(&p->reg_lock);
	nv = p->func ? QLA_FA_NVRAM_FUNC1 : QLA_FA_NVRAM_FUNC0;
	if (m->nv == QLA_EMU_NV_NVRAM && (addr & 0xffff0000) ==
	    QLA_FARX_NVRAM_DATA)
		return (addr & 0xffff) - nv < nv_dw ?
		       qla_emu_dword(p->nvram, (addr & 0xffff) - nv) : ~0U;
	if (addr < m->flash_data_off || addr - m->flash_data_off >= 0x100000)
		return ~0U;
	faddr = addr - m->flash_data_off;
	/* the image's bytes are the file's: big-endian words */
	fw = m->nv == QLA_EMU_NV_FLT ? QLA_EMU_FLT_FW / 4 : QLA_FA_FW_25XX;
	if (faddr - fw < QLA_EMU_FW_WORDS)
		return swab32(p->fw_image[faddr - fw]);
	if (m->nv == QLA_EMU_NV_VPD) {
		nv |= QLA_FA_VPD_NVRAM;
		return faddr - nv < nv_dw ?
		       qla_emu_dword(p->nvram, faddr - nv) : ~0U;
	}
	if (m->nv != QLA_EMU_NV_FLT)
		return ~0U;
	if (faddr - m->flt_addr < sizeof(p->flt) / 4)
		return qla_emu_dword(p->flt, faddr - m->flt_addr);
	nv = (QLA_EMU_FLT_NVRAM + p->func * QLA_EMU_FLT_NVRAM_STEP) / 4;
	return faddr - nv < nv_dw ? qla_emu_dword(p->nvram, faddr - nv) : ~0U;
}

/* ctl fw_corrupt: one word of the flash's firmware image goes bad. */
void qla_emu_port_fw_corrupt(struct qla_emu_port *p)
{
	unsigned long flags;

	spin_lock_irqsave(&p->reg_lock, flags);
	p->fw_image[QLA_EMU_FW_WORDS / 2] ^= 0x00010000;
	spin_unlock_irqrestore(&p->reg_lock, flags);
}
