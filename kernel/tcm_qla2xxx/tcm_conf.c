// SPDX-License-Identifier: GPL-2.0
/*
 * The configfs face of the LIO fabric `qla2xxx`, drop-in for
 * upstream's tcm_qla2xxx: WWN directories in lowercase colon form that name a
 * local port in target or dual role, only tpgt_1, its attributes with
 * upstream's defaults, node ACLs with `tag` and `info`, and the module's
 * fabric ops.
 */
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/utsname.h>
#include <asm/unaligned.h>
#include <scsi/scsi_proto.h>
#include <target/target_core_base.h>
#include <target/target_core_fabric.h>

#include "qla_tgt.h"
#include "tcm_qla2xxx.h"

void tcm_qla_format_wwn(char *buf, size_t len, u64 wwn)
{
	u8 b[8];

	put_unaligned_be64(wwn, b);
	snprintf(buf, len, "%8phC", b);
}

/*
 * Directory names map one-to-one to WWPNs, so only the canonical spelling is
 * accepted: the one WWN parser reads the name, and formatting it back must
 * give the same string.
 */
static int tcm_qla_parse_name(const char *what, const char *name, u64 *wwn)
{
	char canon[TCM_QLA2XXX_NAMELEN];

	if (qla_tgt_parse_wwn(name, strlen(name), wwn)) {
		pr_err("tcm_qla2xxx: %s '%s' is not a WWPN (expected lowercase colon form, e.g. 21:00:00:24:ff:00:00:01)\n",
		       what, name);
		return -EINVAL;
	}
	tcm_qla_format_wwn(canon, sizeof(canon), *wwn);
	if (strcmp(canon, name)) {
		pr_err("tcm_qla2xxx: %s '%s' must be written in lowercase colon form: %s\n",
		       what, name, canon);
		return -EINVAL;
	}
	return 0;
}

/* The port behind @wwpn must exist and play the target role. */
static int tcm_qla_check_port(const char *name, u64 wwpn)
{
	struct qla_tgt_port_info info;

	if (qla_tgt_port_lookup(wwpn, &info)) {
		pr_err("tcm_qla2xxx: %s: no local qla2xxx port has this WWPN\n",
		       name);
		return -ENODEV;
	}
	if (info.role != QLA_TGT_ROLE_TARGET && info.role != QLA_TGT_ROLE_BOTH) {
		pr_err("tcm_qla2xxx: %s: port host%u is not in target or dual role\n",
		       name, info.host_no);
		return -ENODEV;
	}
	return 0;
}

/* ---- fabric ops that only read the TPG ---- */

static char *tcm_qla_get_fabric_wwn(struct se_portal_group *se_tpg)
{
	return to_tcm_qla_tpg(se_tpg)->lport->name;
}

static u16 tcm_qla_get_tag(struct se_portal_group *se_tpg)
{
	return 1;
}

static u32 tcm_qla_tpg_get_inst_index(struct se_portal_group *se_tpg)
{
	return 1;
}

static int tcm_qla_check_demo_mode(struct se_portal_group *se_tpg)
{
	return to_tcm_qla_tpg(se_tpg)->attrib.generate_node_acls;
}

static int tcm_qla_check_demo_mode_cache(struct se_portal_group *se_tpg)
{
	return to_tcm_qla_tpg(se_tpg)->attrib.cache_dynamic_acls;
}

static int tcm_qla_check_demo_write_protect(struct se_portal_group *se_tpg)
{
	return to_tcm_qla_tpg(se_tpg)->attrib.demo_mode_write_protect;
}

static int tcm_qla_check_prod_write_protect(struct se_portal_group *se_tpg)
{
	return to_tcm_qla_tpg(se_tpg)->attrib.prod_mode_write_protect;
}

static int tcm_qla_check_demo_login_only(struct se_portal_group *se_tpg)
{
	return to_tcm_qla_tpg(se_tpg)->attrib.demo_mode_login_only;
}

static int tcm_qla_check_prot_fabric_only(struct se_portal_group *se_tpg)
{
	return to_tcm_qla_tpg(se_tpg)->attrib.fabric_prot_type;
}

static void tcm_qla_set_default_node_attrs(struct se_node_acl *se_nacl)
{
}

/* ---- commands (the data path is in tcm_io.c) ---- */

static int tcm_qla_check_stop_free(struct se_cmd *se_cmd)
{
	return target_put_sess_cmd(se_cmd);
}

static u32 tcm_qla_sess_get_index(struct se_session *se_sess)
{
	struct tcm_qla_sess *ts = se_sess->fabric_sess_ptr;

	return ts ? ts->sid : 0;
}

static int tcm_qla_cmd_noop(struct se_cmd *se_cmd)
{
	return 0;
}

/* ---- tpgt_1/attrib/ ---- */

static ssize_t tcm_qla_attrib_show(struct config_item *item, char *page,
				   size_t off)
{
	struct tcm_qla_tpg *tpg = to_tcm_qla_tpg(attrib_to_tpg(item));

	return sysfs_emit(page, "%u\n", *((u8 *)&tpg->attrib + off));
}

static ssize_t tcm_qla_attrib_store(struct config_item *item, const char *page,
				    size_t count, size_t off, const char *name)
{
	struct tcm_qla_tpg *tpg = to_tcm_qla_tpg(attrib_to_tpg(item));
	u8 val;

	if (kstrtou8(page, 0, &val) || val > 1) {
		pr_err("tcm_qla2xxx: %s: attrib/%s: expected 0 or 1\n",
		       tpg->lport->name, name);
		return -EINVAL;
	}
	*((u8 *)&tpg->attrib + off) = val;
	return count;
}

#define TCM_QLA_ATTRIB_OFF(field) offsetof(struct tcm_qla_tpg_attrib, field)

static ssize_t tcm_qla_tpg_attrib_generate_node_acls_show(struct config_item *item,
							  char *page)
{
	return tcm_qla_attrib_show(item, page,
				   TCM_QLA_ATTRIB_OFF(generate_node_acls));
}

static ssize_t tcm_qla_tpg_attrib_generate_node_acls_store(struct config_item *item,
							   const char *page,
							   size_t count)
{
	return tcm_qla_attrib_store(item, page, count,
				    TCM_QLA_ATTRIB_OFF(generate_node_acls),
				    "generate_node_acls");
}

static ssize_t tcm_qla_tpg_attrib_cache_dynamic_acls_show(struct config_item *item,
							  char *page)
{
	return tcm_qla_attrib_show(item, page,
				   TCM_QLA_ATTRIB_OFF(cache_dynamic_acls));
}

static ssize_t tcm_qla_tpg_attrib_cache_dynamic_acls_store(struct config_item *item,
							   const char *page,
							   size_t count)
{
	return tcm_qla_attrib_store(item, page, count,
				    TCM_QLA_ATTRIB_OFF(cache_dynamic_acls),
				    "cache_dynamic_acls");
}

static ssize_t tcm_qla_tpg_attrib_demo_mode_write_protect_show(struct config_item *item,
							       char *page)
{
	return tcm_qla_attrib_show(item, page,
				   TCM_QLA_ATTRIB_OFF(demo_mode_write_protect));
}

static ssize_t tcm_qla_tpg_attrib_demo_mode_write_protect_store(struct config_item *item,
								const char *page,
								size_t count)
{
	return tcm_qla_attrib_store(item, page, count,
				    TCM_QLA_ATTRIB_OFF(demo_mode_write_protect),
				    "demo_mode_write_protect");
}

static ssize_t tcm_qla_tpg_attrib_prod_mode_write_protect_show(struct config_item *item,
							       char *page)
{
	return tcm_qla_attrib_show(item, page,
				   TCM_QLA_ATTRIB_OFF(prod_mode_write_protect));
}

static ssize_t tcm_qla_tpg_attrib_prod_mode_write_protect_store(struct config_item *item,
								const char *page,
								size_t count)
{
	return tcm_qla_attrib_store(item, page, count,
				    TCM_QLA_ATTRIB_OFF(prod_mode_write_protect),
				    "prod_mode_write_protect");
}

static ssize_t tcm_qla_tpg_attrib_demo_mode_login_only_show(struct config_item *item,
							    char *page)
{
	return tcm_qla_attrib_show(item, page,
				   TCM_QLA_ATTRIB_OFF(demo_mode_login_only));
}

static ssize_t tcm_qla_tpg_attrib_demo_mode_login_only_store(struct config_item *item,
							     const char *page,
							     size_t count)
{
	return tcm_qla_attrib_store(item, page, count,
				    TCM_QLA_ATTRIB_OFF(demo_mode_login_only),
				    "demo_mode_login_only");
}

CONFIGFS_ATTR(tcm_qla_tpg_attrib_, generate_node_acls);
CONFIGFS_ATTR(tcm_qla_tpg_attrib_, cache_dynamic_acls);
CONFIGFS_ATTR(tcm_qla_tpg_attrib_, demo_mode_write_protect);
CONFIGFS_ATTR(tcm_qla_tpg_attrib_, prod_mode_write_protect);
CONFIGFS_ATTR(tcm_qla_tpg_attrib_, demo_mode_login_only);

static struct configfs_attribute *tcm_qla_tpg_attrib_attrs[] = {
	&tcm_qla_tpg_attrib_attr_generate_node_acls,
	&tcm_qla_tpg_attrib_attr_cache_dynamic_acls,
	&tcm_qla_tpg_attrib_attr_demo_mode_write_protect,
	&tcm_qla_tpg_attrib_attr_prod_mode_write_protect,
	&tcm_qla_tpg_attrib_attr_demo_mode_login_only,
	NULL,
};

/* ---- tpgt_1/ ---- */

static ssize_t tcm_qla_tpg_dynamic_sessions_show(struct config_item *item,
						 char *page)
{
	return target_show_dynamic_sessions(to_tpg(item), page);
}

static ssize_t tcm_qla_tpg_fabric_prot_type_show(struct config_item *item,
						 char *page)
{
	return sysfs_emit(page, "%u\n",
			  to_tcm_qla_tpg(to_tpg(item))->attrib.fabric_prot_type);
}

static ssize_t tcm_qla_tpg_fabric_prot_type_store(struct config_item *item,
						  const char *page,
						  size_t count)
{
	struct tcm_qla_tpg *tpg = to_tcm_qla_tpg(to_tpg(item));
	u8 val;

	if (kstrtou8(page, 0, &val) || (val != 0 && val != 1 && val != 3)) {
		pr_err("tcm_qla2xxx: %s: fabric_prot_type: expected 0, 1 or 3\n",
		       tpg->lport->name);
		return -EINVAL;
	}
	tpg->attrib.fabric_prot_type = val;
	return count;
}

CONFIGFS_ATTR_RO(tcm_qla_tpg_, dynamic_sessions);
CONFIGFS_ATTR(tcm_qla_tpg_, fabric_prot_type);

static struct configfs_attribute *tcm_qla_tpg_attrs[] = {
	&tcm_qla_tpg_attr_dynamic_sessions,
	&tcm_qla_tpg_attr_fabric_prot_type,
	NULL,
};

static int tcm_qla_enable_tpg(struct se_portal_group *se_tpg, bool enable)
{
	struct tcm_qla_lport *lport = to_tcm_qla_tpg(se_tpg)->lport;
	int err;

	if (enable) {
		err = tcm_qla_check_port(lport->name, lport->wwpn);
		if (err)
			return err;
	}
	/* only this port's target role: sessions come and go */
	return qla_tgt_enable(lport->tgt, enable);
}

static struct se_portal_group *tcm_qla_make_tpg(struct se_wwn *se_wwn,
						const char *name)
{
	struct tcm_qla_lport *lport =
		container_of(se_wwn, struct tcm_qla_lport, se_wwn);
	struct tcm_qla_tpg *tpg;
	int err;

	if (strcmp(name, "tpgt_1")) {
		pr_err("tcm_qla2xxx: %s: '%s': a qla2xxx port has only tpgt_1\n",
		       lport->name, name);
		return ERR_PTR(-EINVAL);
	}
	tpg = kzalloc(sizeof(*tpg), GFP_KERNEL);
	if (!tpg)
		return ERR_PTR(-ENOMEM);
	tpg->lport = lport;
	tpg->attrib.generate_node_acls = 1;
	tpg->attrib.cache_dynamic_acls = 1;
	tpg->attrib.demo_mode_write_protect = 1;
	tpg->attrib.prod_mode_write_protect = 0;
	tpg->attrib.demo_mode_login_only = 1;

	err = core_tpg_register(se_wwn, &tpg->se_tpg, SCSI_PROTOCOL_FCP);
	if (err)
		goto err_register;
	lport->tpg = tpg;
	return &tpg->se_tpg;

err_register:
	kfree(tpg);
	return ERR_PTR(err);
}

static void tcm_qla_drop_tpg(struct se_portal_group *se_tpg)
{
	struct tcm_qla_tpg *tpg = to_tcm_qla_tpg(se_tpg);

	/* end every session before the TPG goes */
	qla_tgt_enable(tpg->lport->tgt, false);
	tpg->lport->tpg = NULL;
	core_tpg_deregister(se_tpg);
	kfree(tpg);
}

/* ---- node ACLs ---- */

static inline struct tcm_qla_nacl *to_tcm_qla_nacl(struct se_node_acl *se_nacl)
{
	return container_of(se_nacl, struct tcm_qla_nacl, se_nacl);
}

/*
 * A node ACL created: an initiator whose login the port refused for want
 * of one is invited to log in again (the engine sends it a LOGO).
 */
static int tcm_qla_init_nodeacl(struct se_node_acl *se_nacl, const char *name)
{
	struct tcm_qla_nacl *nacl = to_tcm_qla_nacl(se_nacl);
	int err;

	err = tcm_qla_parse_name("node ACL", name, &nacl->wwpn);
	if (err)
		return err;
	qla_tgt_invite(to_tcm_qla_tpg(se_nacl->se_tpg)->lport->tgt,
		       nacl->wwpn);
	return 0;
}

static ssize_t tcm_qla_nacl_tag_show(struct config_item *item, char *page)
{
	const char *tag = acl_to_nacl(item)->acl_tag;

	/* The tag is kept as written, with or without its newline. */
	return sysfs_emit(page, "%.*s\n", (int)strcspn(tag, "\n"), tag);
}

static ssize_t tcm_qla_nacl_tag_store(struct config_item *item,
				      const char *page, size_t count)
{
	struct se_node_acl *se_nacl = acl_to_nacl(item);
	int ret;

	ret = core_tpg_set_initiator_node_tag(se_nacl->se_tpg, se_nacl, page);
	return ret < 0 ? ret : count;
}

/*
 * The initiator's FC session in the form rtslib-fb's NodeACL.session parses
 * (targetcli `sessions`). With no target engine there is never one.
 */
static ssize_t tcm_qla_nacl_info_show(struct config_item *item, char *page)
{
	return tcm_qla_sess_info(acl_to_nacl(item), page);
}

CONFIGFS_ATTR(tcm_qla_nacl_, tag);
CONFIGFS_ATTR_RO(tcm_qla_nacl_, info);

static struct configfs_attribute *tcm_qla_nacl_base_attrs[] = {
	&tcm_qla_nacl_attr_tag,
	&tcm_qla_nacl_attr_info,
	NULL,
};

/* ---- WWN directories ---- */

static struct se_wwn *tcm_qla_make_wwn(struct target_fabric_configfs *tf,
				       struct config_group *group,
				       const char *name)
{
	struct qla_tgt_port_info info;
	struct tcm_qla_lport *lport;
	u64 wwpn;
	int err;

	err = tcm_qla_parse_name("WWN directory", name, &wwpn);
	if (err)
		return ERR_PTR(err);
	err = tcm_qla_check_port(name, wwpn);
	if (err)
		return ERR_PTR(err);

	lport = kzalloc(sizeof(*lport), GFP_KERNEL);
	if (!lport)
		return ERR_PTR(-ENOMEM);
	lport->wwpn = wwpn;
	if (!qla_tgt_port_lookup(wwpn, &info))
		lport->host_no = info.host_no;
	strscpy(lport->name, name, sizeof(lport->name));
	err = qla_tgt_bind(wwpn, &tcm_qla_tgt_ops, lport, &lport->tgt);
	if (err) {
		pr_err("tcm_qla2xxx: %s: cannot bind to the port's target engine: %d\n",
		       name, err);
		goto err_bind;
	}
	return &lport->se_wwn;

err_bind:
	kfree(lport);
	return ERR_PTR(err);
}

static void tcm_qla_drop_wwn(struct se_wwn *se_wwn)
{
	struct tcm_qla_lport *lport =
		container_of(se_wwn, struct tcm_qla_lport, se_wwn);

	qla_tgt_unbind(lport->tgt);
	kfree(lport);
}

static ssize_t tcm_qla_wwn_version_show(struct config_item *item, char *page)
{
	return sysfs_emit(page, "qlat tcm_qla2xxx %s on %s/%s on %s\n",
			  TCM_QLA2XXX_VERSION, utsname()->sysname,
			  utsname()->machine, utsname()->release);
}

CONFIGFS_ATTR_RO(tcm_qla_wwn_, version);

static struct configfs_attribute *tcm_qla_wwn_attrs[] = {
	&tcm_qla_wwn_attr_version,
	NULL,
};

static const struct target_core_fabric_ops tcm_qla_ops = {
	.module				= THIS_MODULE,
	.fabric_name			= "qla2xxx",
	.node_acl_size			= sizeof(struct tcm_qla_nacl),
	.tpg_get_wwn			= tcm_qla_get_fabric_wwn,
	.tpg_get_tag			= tcm_qla_get_tag,
	.tpg_check_demo_mode		= tcm_qla_check_demo_mode,
	.tpg_check_demo_mode_cache	= tcm_qla_check_demo_mode_cache,
	.tpg_check_demo_mode_write_protect = tcm_qla_check_demo_write_protect,
	.tpg_check_prod_mode_write_protect = tcm_qla_check_prod_write_protect,
	.tpg_check_demo_mode_login_only	= tcm_qla_check_demo_login_only,
	.tpg_check_prot_fabric_only	= tcm_qla_check_prot_fabric_only,
	.tpg_get_inst_index		= tcm_qla_tpg_get_inst_index,
	.check_stop_free		= tcm_qla_check_stop_free,
	.release_cmd			= tcm_qla_release_cmd,
	.sess_get_index			= tcm_qla_sess_get_index,
	.close_session			= tcm_qla_close_session,
	.write_pending			= tcm_qla_write_pending,
	.set_default_node_attributes	= tcm_qla_set_default_node_attrs,
	.get_cmd_state			= tcm_qla_cmd_noop,
	.queue_data_in			= tcm_qla_queue_data_in,
	.queue_status			= tcm_qla_queue_status,
	.queue_tm_rsp			= tcm_qla_queue_tm_rsp,
	.aborted_task			= tcm_qla_aborted_task,
	.fabric_make_wwn		= tcm_qla_make_wwn,
	.fabric_drop_wwn		= tcm_qla_drop_wwn,
	.fabric_make_tpg		= tcm_qla_make_tpg,
	.fabric_enable_tpg		= tcm_qla_enable_tpg,
	.fabric_drop_tpg		= tcm_qla_drop_tpg,
	.fabric_init_nodeacl		= tcm_qla_init_nodeacl,
	.tfc_wwn_attrs			= tcm_qla_wwn_attrs,
	.tfc_tpg_base_attrs		= tcm_qla_tpg_attrs,
	.tfc_tpg_attrib_attrs		= tcm_qla_tpg_attrib_attrs,
	.tfc_tpg_nacl_base_attrs	= tcm_qla_nacl_base_attrs,
};

static int __init tcm_qla_init(void)
{
	int err;

	tcm_qla_buf_init();
	err = tcm_qla_nl_init();
	if (err)
		goto err_nl;
	err = target_register_template(&tcm_qla_ops);
	if (err)
		goto err_template;
	return 0;

err_template:
	tcm_qla_nl_exit();
err_nl:
	tcm_qla_buf_exit();
	return err;
}

static void __exit tcm_qla_exit(void)
{
	target_unregister_template(&tcm_qla_ops);
	tcm_qla_nl_exit();
	tcm_qla_buf_exit();
}

module_init(tcm_qla_init);
module_exit(tcm_qla_exit);

MODULE_DESCRIPTION("LIO fabric module for qla2xxx target ports (qlat)");
MODULE_AUTHOR("qlat developers");
MODULE_LICENSE("GPL");
MODULE_VERSION(TCM_QLA2XXX_VERSION);
