/* SPDX-License-Identifier: GPL-2.0 */
/*
 * qla_pure.h: pure helpers shared by the driver and the user-space tests:
 * the one WWN parser for every input, and the remote-port state machine's
 * transition table.
 */
#ifndef QLA_PURE_H
#define QLA_PURE_H

#include <linux/types.h>

/*
 * Parse a WWN: "0x2100001b32000001", "21:00:00:1b:32:00:00:01",
 * "naa.2100001b32000001" or 16 bare hex digits; one trailing newline is
 * ignored. Returns 0 or -EINVAL.
 */
int qla_parse_wwn(const char *s, size_t len, u64 *wwn);

/* Remote-port login states: ONE state field per remote port. */
enum qla_rp_state {
	QLA_RP_NEW,		/* known, never logged in */
	QLA_RP_LOGIN,		/* Login IOCB (PLOGI+PRLI) outstanding */
	QLA_RP_GPDB,		/* reading the firmware's port database */
	QLA_RP_ONLINE,		/* registered with the FC transport */
	QLA_RP_RETRY,		/* waiting to retry the login */
	QLA_RP_LOST,		/* gone: transport rport blocked */
	QLA_RP_DELETED,		/* terminal: about to be freed */
	QLA_RP_NR_STATES,
	QLA_RP_INVALID = QLA_RP_NR_STATES,
};

enum qla_rp_event {
	QLA_RPE_FOUND,		/* seen in the name server */
	QLA_RPE_PEER_LOGIN,	/* it logged in to us (target mode) */
	QLA_RPE_LOGIN_OK,
	QLA_RPE_LOGIN_FAIL,
	QLA_RPE_GPDB_OK,
	QLA_RPE_GPDB_FAIL,
	QLA_RPE_RETRY_TIMER,
	QLA_RPE_GIVE_UP,
	QLA_RPE_GONE,		/* missing from the name server / RSCN */
	QLA_RPE_PEER_LOGO,
	QLA_RPE_LINK_DOWN,
	QLA_RPE_DEV_LOSS,	/* the transport's dev_loss_tmo fired */
	QLA_RPE_REMOVE,		/* host teardown */
	QLA_RPE_NR_EVENTS,
};

enum qla_rp_state qla_rp_next(enum qla_rp_state s, enum qla_rp_event e);
const char *qla_rp_state_name(enum qla_rp_state s);
const char *qla_rp_event_name(enum qla_rp_event e);

#endif /* QLA_PURE_H */
