/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The LIO fabric module's objects. tcm_qla2xxx.ko is the only
 * module of qlat that includes target-core headers; it reaches qla2xxx.ko only
 * through qla_tgt.h.
 */
#ifndef TCM_QLA2XXX_H
#define TCM_QLA2XXX_H

#include <linux/types.h>
#include <linux/stddef.h>
#include <linux/build_bug.h>
#include <target/target_core_base.h>

#include "qla_tgt.h"

#define TCM_QLA2XXX_VERSION	"0.2.0-qlat"
/* "21:00:00:24:ff:00:00:01" and its NUL */
#define TCM_QLA2XXX_NAMELEN	24

/* The attributes under tpgt_1/attrib/, with upstream's meanings. */
struct tcm_qla_tpg_attrib {
	u8 generate_node_acls;
	u8 cache_dynamic_acls;
	u8 demo_mode_write_protect;
	u8 prod_mode_write_protect;
	u8 demo_mode_login_only;
	u8 fabric_prot_type;	/* tpgt_1/fabric_prot_type: 0, 1 or 3 */
};

struct tcm_qla_tpg;

/*
 * One WWN directory: a local qla2xxx port in target or dual role, bound
 * to the port's target engine from mkdir to rmdir.
 */
struct tcm_qla_lport {
	u64 wwpn;
	unsigned int host_no;		/* its SCSI host */
	char name[TCM_QLA2XXX_NAMELEN];
	struct qla_tgt *tgt;
	struct tcm_qla_tpg *tpg;	/* tpgt_1 or NULL; configfs serialises */
	struct se_wwn se_wwn;
};

/* tpgt_1, the only TPG of an lport. */
struct tcm_qla_tpg {
	struct tcm_qla_lport *lport;
	struct tcm_qla_tpg_attrib attrib;
	struct se_portal_group se_tpg;
};

/*
 * A node ACL: one initiator port, by WWPN. LIO allocates node_acl_size
 * bytes and uses their start as the se_node_acl, so it must come first.
 */
struct tcm_qla_nacl {
	struct se_node_acl se_nacl;
	u64 wwpn;
};

static_assert(offsetof(struct tcm_qla_nacl, se_nacl) == 0);

/* What the qlat_sess netlink messages say of a session (tcm_nl.c). */
struct tcm_qla_nl_info {
	u64 tgt_wwpn;
	unsigned int host_no;
	u64 ini_wwpn, ini_wwnn;
	u32 port_id;
	bool has_acl;		/* acl_wwpn names its node ACL */
	bool dynamic;		/* a demo-mode (generated) ACL */
	u64 acl_wwpn;
};

/* The LIO session of one logged-in initiator port. */
struct tcm_qla_sess {
	struct qla_tgt_sess *qsess;
	struct se_session *se_sess;
	u64 wwpn;
	u32 sid;		/* "LIO Session ID", unique per module load */
	struct list_head nl_node;	/* live sessions; tcm_nl.c's mutex */
	struct tcm_qla_nl_info nl;
};

/* One command: the engine's (qla_tgt_cmd) carries this as its priv. */
struct tcm_qla_cmd {
	struct qla_tgt_cmd *qcmd;
	bool no_lio;		/* answered without LIO (session stopping) */
	bool data_sent;
	struct tcm_qla_buf *buf;	/* data buffer from tcm_buf.c, or NULL */
	struct se_cmd se_cmd;
	unsigned char sense[TRANSPORT_SENSE_BUFFER];
};

struct tcm_qla_buf;

extern const struct qla_tgt_ops tcm_qla_tgt_ops;
void tcm_qla_buf_init(void);
void tcm_qla_buf_exit(void);
void tcm_qla_buf_attach(struct tcm_qla_cmd *tc);
void tcm_qla_buf_detach(struct tcm_qla_cmd *tc);
void tcm_qla_format_wwn(char *buf, size_t len, u64 wwn);
int tcm_qla_write_pending(struct se_cmd *se_cmd);
int tcm_qla_queue_data_in(struct se_cmd *se_cmd);
int tcm_qla_queue_status(struct se_cmd *se_cmd);
void tcm_qla_queue_tm_rsp(struct se_cmd *se_cmd);
void tcm_qla_aborted_task(struct se_cmd *se_cmd);
void tcm_qla_release_cmd(struct se_cmd *se_cmd);
ssize_t tcm_qla_sess_info(struct se_node_acl *se_nacl, char *page);
void tcm_qla_close_session(struct se_session *se_sess);
int tcm_qla_nl_init(void);
void tcm_qla_nl_exit(void);
void tcm_qla_nl_login(struct tcm_qla_sess *ts);
void tcm_qla_nl_logout(struct tcm_qla_sess *ts, enum qla_tgt_gone_reason why);
void tcm_qla_nl_denied(const struct tcm_qla_nl_info *i, int err);

static inline struct tcm_qla_tpg *to_tcm_qla_tpg(struct se_portal_group *se_tpg)
{
	return container_of(se_tpg, struct tcm_qla_tpg, se_tpg);
}

#endif /* TCM_QLA2XXX_H */
