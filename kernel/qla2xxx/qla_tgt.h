/* SPDX-License-Identifier: GPL-2.0 */
/*
 * qla_tgt.h: what qla2xxx.ko offers tcm_qla2xxx.ko. No LIO type appears
 * here or anywhere in qla2xxx.ko; the target engine's ops table (ATIO ->
 * command, CTIO out, sessions) joins this header with the next issue.
 */
#ifndef QLA_TGT_H
#define QLA_TGT_H

#include <linux/types.h>

enum qla_tgt_role {
	QLA_TGT_ROLE_NONE,
	QLA_TGT_ROLE_INITIATOR,
	QLA_TGT_ROLE_TARGET,
	QLA_TGT_ROLE_BOTH,
};

struct qla_tgt_port_info {
	u64 wwpn;
	u64 wwnn;
	enum qla_tgt_role role;
	u32 port_id;		/* 0 while the link is down */
	unsigned int host_no;
};

/* Look a local port up by WWPN; 0 and *info filled, or -ENODEV. */
int qla_tgt_port_lookup(u64 wwpn, struct qla_tgt_port_info *info);

/* The driver's one WWN parser (0x-hex, colon, naa. or bare hex forms). */
int qla_tgt_parse_wwn(const char *s, size_t len, u64 *wwn);

#endif /* QLA_TGT_H */
