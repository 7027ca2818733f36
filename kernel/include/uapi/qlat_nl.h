/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * qlat_nl.h: the generic netlink family of tcm_qla2xxx.ko, "qlat_sess":
 * target sessions of qla2xxx ports as LIO sees them (node ACLs and TPGs
 * exist only there). Shared by the kernel module and user space
 * (qlatctl watch, qlatctl serve).
 *
 * Events go out on the multicast group "events", which only a process
 * with CAP_NET_ADMIN may join. QLAT_NL_CMD_GET_SESSIONS is a dump
 * (NLM_F_DUMP), open to everyone: one QLAT_NL_CMD_SESSION message per
 * session, each with the sequence number of the last event sent, so that a
 * listener that joined the group before dumping can tell the events that
 * the dump already reflects (seq <= the dump's) from newer ones.
 *
 * Versioning: QLAT_NL_VERSION is the family's version (genlmsghdr.version
 * and the family's version). A later version may add commands, attributes
 * and reasons; it changes or removes none without a new version, and a
 * reader must ignore what it does not know.
 */
#ifndef _UAPI_QLAT_NL_H
#define _UAPI_QLAT_NL_H

#define QLAT_NL_FAMILY_NAME	"qlat_sess"
#define QLAT_NL_VERSION		1
#define QLAT_NL_MCGRP_EVENTS	"events"

enum qlat_nl_cmd {
	QLAT_NL_CMD_UNSPEC,
	QLAT_NL_CMD_GET_SESSIONS,	/* request: dump the sessions */
	QLAT_NL_CMD_SESSION,		/* dump reply: one session */
	QLAT_NL_CMD_SESS_LOGIN,		/* event: a session started */
	QLAT_NL_CMD_SESS_LOGOUT,	/* event: a session ended (REASON) */
	QLAT_NL_CMD_ACL_DENIED,		/* event: an initiator without an ACL
					 * was refused (ERRNO)
					 */
	__QLAT_NL_CMD_MAX,
};

#define QLAT_NL_CMD_MAX (__QLAT_NL_CMD_MAX - 1)

enum qlat_nl_attr {
	QLAT_NL_A_UNSPEC,
	QLAT_NL_A_PAD,
	QLAT_NL_A_FABRIC,		/* string: "qla2xxx" */
	QLAT_NL_A_TGT_WWPN,		/* u64: the target port */
	QLAT_NL_A_TPGT,			/* u16: the TPG tag */
	QLAT_NL_A_INI_WWPN,		/* u64: the initiator port */
	QLAT_NL_A_INI_WWNN,		/* u64: the initiator node */
	QLAT_NL_A_PORT_ID,		/* u32: the initiator's N_Port ID */
	QLAT_NL_A_ACL,			/* string: the node ACL's name
					 * ("naa.<16 hex>"), absent without one
					 */
	QLAT_NL_A_DYNAMIC,		/* flag: a demo-mode (generated) ACL */
	QLAT_NL_A_REASON,		/* u32: enum qlat_nl_reason */
	QLAT_NL_A_ERRNO,		/* s32: why a login was refused */
	QLAT_NL_A_SEQ,			/* u64: event sequence number, from 1;
					 * in a dump, the last one sent
					 */
	QLAT_NL_A_TIMESTAMP,		/* u64: CLOCK_REALTIME, ns */
	QLAT_NL_A_HOST_NO,		/* u32: the target port's SCSI host */
	__QLAT_NL_A_MAX,
};

#define QLAT_NL_A_MAX (__QLAT_NL_A_MAX - 1)

/* Why a session ended (SESS_LOGOUT). */
enum qlat_nl_reason {
	QLAT_NL_REASON_UNKNOWN,
	QLAT_NL_REASON_LOGO,		/* the initiator sent LOGO */
	QLAT_NL_REASON_PRLO,		/* the initiator sent PRLO */
	QLAT_NL_REASON_LINK_DOWN,	/* the target port's link went down */
	QLAT_NL_REASON_PORT_GONE,	/* the initiator left the fabric (RSCN) */
	QLAT_NL_REASON_TPG_DISABLED,	/* the TPG was disabled or removed */
	QLAT_NL_REASON_ACL_REMOVED,	/* its node ACL was removed */
	QLAT_NL_REASON_ADMIN,		/* the port's role changed, the driver
					 * or the port went away
					 */
	__QLAT_NL_REASON_MAX,
};

#endif /* _UAPI_QLAT_NL_H */
