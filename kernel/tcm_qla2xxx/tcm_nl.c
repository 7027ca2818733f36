// SPDX-License-Identifier: GPL-2.0
/*
 * The generic netlink family "qlat_sess" (kernel/include/uapi/qlat_nl.h):
 * target sessions as LIO sees them. Events (SESS_LOGIN, SESS_LOGOUT with
 * a reason, ACL_DENIED with an errno) go to the multicast group "events",
 * which only a process with CAP_NET_ADMIN may join; GET_SESSIONS dumps the
 * live sessions, each with the sequence number of the last event sent.
 *
 * tcm_qla_nl_mutex serialises the sequence counter, the list of live
 * sessions and the sending of events, so that events leave in the order of
 * their numbers and a dump sees the list as of the number it carries. It is
 * taken from the engine's session work (sess_new, sess_gone) and from the
 * dump, in process context, with no other lock of this module held.
 */
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/timekeeping.h>
#include <net/genetlink.h>
#include <target/target_core_base.h>

#include "qlat_nl.h"
#include "tcm_qla2xxx.h"

static_assert((int)QLA_TGT_GONE_LOGO == (int)QLAT_NL_REASON_LOGO);
static_assert((int)QLA_TGT_GONE_PRLO == (int)QLAT_NL_REASON_PRLO);
static_assert((int)QLA_TGT_GONE_LINK_DOWN == (int)QLAT_NL_REASON_LINK_DOWN);
static_assert((int)QLA_TGT_GONE_PORT_GONE == (int)QLAT_NL_REASON_PORT_GONE);
static_assert((int)QLA_TGT_GONE_TPG_DISABLED == (int)QLAT_NL_REASON_TPG_DISABLED);
static_assert((int)QLA_TGT_GONE_ACL_REMOVED == (int)QLAT_NL_REASON_ACL_REMOVED);
static_assert((int)QLA_TGT_GONE_ADMIN == (int)QLAT_NL_REASON_ADMIN);

static DEFINE_MUTEX(tcm_qla_nl_mutex);
static LIST_HEAD(tcm_qla_nl_sessions);	/* tcm_qla_sess.nl_node */
static u64 tcm_qla_nl_seq;		/* the last event's number */

static struct genl_family tcm_qla_nl_family;

/* The attributes every message carries, and a session's ACL. */
static int tcm_qla_nl_put(struct sk_buff *skb, const struct tcm_qla_nl_info *i,
			  u64 seq)
{
	char acl[24];

	if (nla_put_string(skb, QLAT_NL_A_FABRIC, "qla2xxx") ||
	    nla_put_u64_64bit(skb, QLAT_NL_A_TGT_WWPN, i->tgt_wwpn,
			      QLAT_NL_A_PAD) ||
	    nla_put_u16(skb, QLAT_NL_A_TPGT, 1) ||
	    nla_put_u64_64bit(skb, QLAT_NL_A_INI_WWPN, i->ini_wwpn,
			      QLAT_NL_A_PAD) ||
	    nla_put_u64_64bit(skb, QLAT_NL_A_INI_WWNN, i->ini_wwnn,
			      QLAT_NL_A_PAD) ||
	    nla_put_u32(skb, QLAT_NL_A_PORT_ID, i->port_id) ||
	    nla_put_u32(skb, QLAT_NL_A_HOST_NO, i->host_no) ||
	    nla_put_u64_64bit(skb, QLAT_NL_A_SEQ, seq, QLAT_NL_A_PAD) ||
	    nla_put_u64_64bit(skb, QLAT_NL_A_TIMESTAMP, ktime_get_real_ns(),
			      QLAT_NL_A_PAD))
		return -EMSGSIZE;
	if (i->has_acl) {
		snprintf(acl, sizeof(acl), "naa.%016llx", i->acl_wwpn);
		if (nla_put_string(skb, QLAT_NL_A_ACL, acl))
			return -EMSGSIZE;
	}
	if (i->dynamic && nla_put_flag(skb, QLAT_NL_A_DYNAMIC))
		return -EMSGSIZE;
	return 0;
}

/* One event to the group: its number, then the message (under the mutex). */
static void tcm_qla_nl_event(u8 cmd, const struct tcm_qla_nl_info *i,
			     int attr, u32 val)
{
	struct sk_buff *skb;
	void *hdr;
	u64 seq;

	lockdep_assert_held(&tcm_qla_nl_mutex);
	seq = ++tcm_qla_nl_seq;
	if (!genl_has_listeners(&tcm_qla_nl_family, &init_net, 0))
		return;
	skb = genlmsg_new(NLMSG_DEFAULT_SIZE, GFP_KERNEL);
	if (!skb)
		return;
	hdr = genlmsg_put(skb, 0, 0, &tcm_qla_nl_family, 0, cmd);
	if (!hdr)
		goto err;
	if (tcm_qla_nl_put(skb, i, seq) ||
	    (attr && nla_put_u32(skb, attr, val)))
		goto err;
	genlmsg_end(skb, hdr);
	genlmsg_multicast(&tcm_qla_nl_family, skb, 0, 0, GFP_KERNEL);
	return;
err:
	nlmsg_free(skb);
}

void tcm_qla_nl_login(struct tcm_qla_sess *ts)
{
	mutex_lock(&tcm_qla_nl_mutex);
	list_add_tail(&ts->nl_node, &tcm_qla_nl_sessions);
	tcm_qla_nl_event(QLAT_NL_CMD_SESS_LOGIN, &ts->nl, 0, 0);
	mutex_unlock(&tcm_qla_nl_mutex);
}

void tcm_qla_nl_logout(struct tcm_qla_sess *ts, enum qla_tgt_gone_reason why)
{
	mutex_lock(&tcm_qla_nl_mutex);
	list_del(&ts->nl_node);
	ts->nl.has_acl = false;
	ts->nl.dynamic = false;
	tcm_qla_nl_event(QLAT_NL_CMD_SESS_LOGOUT, &ts->nl, QLAT_NL_A_REASON,
			 why);
	mutex_unlock(&tcm_qla_nl_mutex);
}

void tcm_qla_nl_denied(const struct tcm_qla_nl_info *i, int err)
{
	mutex_lock(&tcm_qla_nl_mutex);
	tcm_qla_nl_event(QLAT_NL_CMD_ACL_DENIED, i, QLAT_NL_A_ERRNO, (u32)err);
	mutex_unlock(&tcm_qla_nl_mutex);
}

/* GET_SESSIONS: one SESSION message per live session; args[0]: next. */
static int tcm_qla_nl_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct tcm_qla_sess *ts;
	long idx = 0;
	void *hdr;

	mutex_lock(&tcm_qla_nl_mutex);
	list_for_each_entry(ts, &tcm_qla_nl_sessions, nl_node) {
		if (idx++ < cb->args[0])
			continue;
		hdr = genlmsg_put(skb, NETLINK_CB(cb->skb).portid,
				  cb->nlh->nlmsg_seq, &tcm_qla_nl_family,
				  NLM_F_MULTI, QLAT_NL_CMD_SESSION);
		if (!hdr) {
			idx--;
			break;
		}
		if (tcm_qla_nl_put(skb, &ts->nl, tcm_qla_nl_seq)) {
			genlmsg_cancel(skb, hdr);
			idx--;
			break;
		}
		genlmsg_end(skb, hdr);
	}
	mutex_unlock(&tcm_qla_nl_mutex);
	cb->args[0] = idx;
	return skb->len;
}

static const struct genl_small_ops tcm_qla_nl_ops[] = {
	{
		.cmd = QLAT_NL_CMD_GET_SESSIONS,
		.validate = GENL_DONT_VALIDATE_STRICT | GENL_DONT_VALIDATE_DUMP,
		.dumpit = tcm_qla_nl_dump,
	},
};

static const struct genl_multicast_group tcm_qla_nl_mcgrps[] = {
	/*
	 * joining needs CAP_NET_ADMIN (6.1.y's genl_bind checks this flag;
	 * GENL_UNS_ADMIN_PERM is only for operations)
	 */
	{ .name = QLAT_NL_MCGRP_EVENTS, .flags = GENL_MCAST_CAP_NET_ADMIN },
};

static struct genl_family tcm_qla_nl_family __ro_after_init = {
	.name = QLAT_NL_FAMILY_NAME,
	.version = QLAT_NL_VERSION,
	.module = THIS_MODULE,
	.small_ops = tcm_qla_nl_ops,
	.n_small_ops = ARRAY_SIZE(tcm_qla_nl_ops),
	.resv_start_op = QLAT_NL_CMD_GET_SESSIONS + 1,
	.mcgrps = tcm_qla_nl_mcgrps,
	.n_mcgrps = ARRAY_SIZE(tcm_qla_nl_mcgrps),
};

int tcm_qla_nl_init(void)
{
	return genl_register_family(&tcm_qla_nl_family);
}

void tcm_qla_nl_exit(void)
{
	genl_unregister_family(&tcm_qla_nl_family);
}
