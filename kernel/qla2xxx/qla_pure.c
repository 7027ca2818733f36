// SPDX-License-Identifier: GPL-2.0
/*
 * qla_pure.c: the WWN parser and the remote-port transition table.
 * Pure: no locks, no allocation, no hardware; built into the unit tests too.
 */
#include <linux/types.h>
#include <linux/errno.h>

#include "qla_pure.h"

static int qla_hex_val(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

int qla_parse_wwn(const char *s, size_t len, u64 *wwn)
{
	bool colons = false;
	u64 v = 0;
	size_t i, digits = 0;
	int h;

	if (len && s[len - 1] == '\n')
		len--;
	if (len > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		s += 2;
		len -= 2;
	} else if (len > 4 && (s[0] == 'n' || s[0] == 'N') &&
		   (s[1] == 'a' || s[1] == 'A') &&
		   (s[2] == 'a' || s[2] == 'A') && s[3] == '.') {
		s += 4;
		len -= 4;
	} else if (len == 23) {
		colons = true;
	}
	if (len != (colons ? 23 : 16))
		return -EINVAL;
	for (i = 0; i < len; i++) {
		if (colons && i % 3 == 2) {
			if (s[i] != ':')
				return -EINVAL;
			continue;
		}
		h = qla_hex_val(s[i]);
		if (h < 0)
			return -EINVAL;
		v = v << 4 | (u64)h;
		digits++;
	}
	if (digits != 16)
		return -EINVAL;
	*wwn = v;
	return 0;
}

#define T(from, ev, to) \
	[QLA_RP_##from][QLA_RPE_##ev] = QLA_RP_##to + 1

/*
 * The transition table. Entries hold (next state + 1) so that the zero of
 * an unlisted pair means "not allowed".
 */
static const u8 qla_rp_table[QLA_RP_NR_STATES][QLA_RPE_NR_EVENTS] = {
	T(NEW, FOUND, LOGIN),
	T(NEW, PEER_LOGIN, GPDB),
	T(NEW, GONE, DELETED),
	T(NEW, LINK_DOWN, DELETED),
	T(NEW, REMOVE, DELETED),

	T(LOGIN, LOGIN_OK, GPDB),
	T(LOGIN, LOGIN_FAIL, RETRY),
	T(LOGIN, LINK_DOWN, LOST),
	T(LOGIN, REMOVE, DELETED),

	T(GPDB, GPDB_OK, ONLINE),
	T(GPDB, GPDB_FAIL, RETRY),
	T(GPDB, LINK_DOWN, LOST),
	T(GPDB, REMOVE, DELETED),

	T(ONLINE, FOUND, ONLINE),
	T(ONLINE, PEER_LOGIN, ONLINE),
	T(ONLINE, GONE, LOST),
	T(ONLINE, PEER_LOGO, LOST),
	T(ONLINE, LINK_DOWN, LOST),
	T(ONLINE, REMOVE, DELETED),

	T(RETRY, RETRY_TIMER, LOGIN),
	T(RETRY, PEER_LOGIN, GPDB),
	T(RETRY, GIVE_UP, LOST),
	T(RETRY, GONE, LOST),
	T(RETRY, LINK_DOWN, LOST),
	T(RETRY, REMOVE, DELETED),

	T(LOST, FOUND, LOGIN),
	T(LOST, PEER_LOGIN, GPDB),
	T(LOST, GONE, LOST),
	T(LOST, PEER_LOGO, LOST),
	T(LOST, LINK_DOWN, LOST),
	T(LOST, DEV_LOSS, DELETED),
	T(LOST, REMOVE, DELETED),
};

#undef T

enum qla_rp_state qla_rp_next(enum qla_rp_state s, enum qla_rp_event e)
{
	if ((unsigned int)s >= QLA_RP_NR_STATES ||
	    (unsigned int)e >= QLA_RPE_NR_EVENTS || !qla_rp_table[s][e])
		return QLA_RP_INVALID;
	return (enum qla_rp_state)(qla_rp_table[s][e] - 1);
}

static const char * const qla_rp_state_names[] = {
	[QLA_RP_NEW] = "new",
	[QLA_RP_LOGIN] = "login",
	[QLA_RP_GPDB] = "gpdb",
	[QLA_RP_ONLINE] = "online",
	[QLA_RP_RETRY] = "retry",
	[QLA_RP_LOST] = "lost",
	[QLA_RP_DELETED] = "deleted",
	[QLA_RP_INVALID] = "invalid",
};

static const char * const qla_rp_event_names[] = {
	[QLA_RPE_FOUND] = "found",
	[QLA_RPE_PEER_LOGIN] = "peer_login",
	[QLA_RPE_LOGIN_OK] = "login_ok",
	[QLA_RPE_LOGIN_FAIL] = "login_fail",
	[QLA_RPE_GPDB_OK] = "gpdb_ok",
	[QLA_RPE_GPDB_FAIL] = "gpdb_fail",
	[QLA_RPE_RETRY_TIMER] = "retry_timer",
	[QLA_RPE_GIVE_UP] = "give_up",
	[QLA_RPE_GONE] = "gone",
	[QLA_RPE_PEER_LOGO] = "peer_logo",
	[QLA_RPE_LINK_DOWN] = "link_down",
	[QLA_RPE_DEV_LOSS] = "dev_loss",
	[QLA_RPE_REMOVE] = "remove",
};

const char *qla_rp_state_name(enum qla_rp_state s)
{
	if ((unsigned int)s > QLA_RP_INVALID)
		return "?";
	return qla_rp_state_names[s];
}

const char *qla_rp_event_name(enum qla_rp_event e)
{
	if ((unsigned int)e >= QLA_RPE_NR_EVENTS)
		return "?";
	return qla_rp_event_names[e];
}
