/* SPDX-License-Identifier: GPL-2.0 */
/*
 * qla_seg.h: a segment of a request's data, host order: what the layers
 * above hand the hardware layer, and what the IOCB builders put in data
 * segment descriptors (also in the unit tests).
 */
#ifndef QLA_SEG_H
#define QLA_SEG_H

#include <linux/types.h>

struct qla_seg {
	u64 addr;
	u32 len;
};

#endif /* QLA_SEG_H */
