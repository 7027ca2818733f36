// SPDX-License-Identifier: GPL-2.0
/*
 * tcm_qla2xxx: the LIO fabric module for qla2xxx ports in target mode.
 * This file is the only one in qlat that includes target-core headers.
 */
#include <linux/module.h>
#include <linux/utsname.h>
#include <target/target_core_base.h>
#include <target/target_core_fabric.h>

#define TCM_QLA2XXX_VERSION "0.1.0-qlat"

static char *tcm_qla2xxx_get_fabric_wwn(struct se_portal_group *se_tpg)
{
	return "";
}

static u16 tcm_qla2xxx_get_tag(struct se_portal_group *se_tpg)
{
	return 1;
}

static int tcm_qla2xxx_check_false(struct se_portal_group *se_tpg)
{
	return 0;
}

static u32 tcm_qla2xxx_tpg_get_inst_index(struct se_portal_group *se_tpg)
{
	return 1;
}

static int tcm_qla2xxx_check_stop_free(struct se_cmd *se_cmd)
{
	return target_put_sess_cmd(se_cmd);
}

static void tcm_qla2xxx_release_cmd(struct se_cmd *se_cmd)
{
}

static u32 tcm_qla2xxx_sess_get_index(struct se_session *se_sess)
{
	return 0;
}

static int tcm_qla2xxx_cmd_noop(struct se_cmd *se_cmd)
{
	return 0;
}

static void tcm_qla2xxx_set_default_node_attrs(struct se_node_acl *nacl)
{
}

static void tcm_qla2xxx_cmd_void(struct se_cmd *se_cmd)
{
}

static struct se_wwn *tcm_qla2xxx_make_wwn(struct target_fabric_configfs *tf,
					   struct config_group *group,
					   const char *name)
{
	pr_err("tcm_qla2xxx: no local qla2xxx port has WWPN %s\n", name);
	return ERR_PTR(-EINVAL);
}

static void tcm_qla2xxx_drop_wwn(struct se_wwn *wwn)
{
}

static struct se_portal_group *tcm_qla2xxx_make_tpg(struct se_wwn *wwn,
						    const char *name)
{
	return ERR_PTR(-EINVAL);
}

static void tcm_qla2xxx_drop_tpg(struct se_portal_group *se_tpg)
{
}

static ssize_t tcm_qla2xxx_wwn_version_show(struct config_item *item,
					    char *page)
{
	return sprintf(page, "qlat tcm_qla2xxx %s on %s/%s on %s\n",
		       TCM_QLA2XXX_VERSION, utsname()->sysname,
		       utsname()->machine, utsname()->release);
}

CONFIGFS_ATTR_RO(tcm_qla2xxx_wwn_, version);

static struct configfs_attribute *tcm_qla2xxx_wwn_attrs[] = {
	&tcm_qla2xxx_wwn_attr_version,
	NULL,
};

static const struct target_core_fabric_ops tcm_qla2xxx_ops = {
	.module				= THIS_MODULE,
	.fabric_name			= "qla2xxx",
	.tpg_get_wwn			= tcm_qla2xxx_get_fabric_wwn,
	.tpg_get_tag			= tcm_qla2xxx_get_tag,
	.tpg_check_demo_mode		= tcm_qla2xxx_check_false,
	.tpg_check_demo_mode_cache	= tcm_qla2xxx_check_false,
	.tpg_check_demo_mode_write_protect = tcm_qla2xxx_check_false,
	.tpg_check_prod_mode_write_protect = tcm_qla2xxx_check_false,
	.tpg_get_inst_index		= tcm_qla2xxx_tpg_get_inst_index,
	.check_stop_free		= tcm_qla2xxx_check_stop_free,
	.release_cmd			= tcm_qla2xxx_release_cmd,
	.sess_get_index			= tcm_qla2xxx_sess_get_index,
	.write_pending			= tcm_qla2xxx_cmd_noop,
	.set_default_node_attributes	= tcm_qla2xxx_set_default_node_attrs,
	.get_cmd_state			= tcm_qla2xxx_cmd_noop,
	.queue_data_in			= tcm_qla2xxx_cmd_noop,
	.queue_status			= tcm_qla2xxx_cmd_noop,
	.queue_tm_rsp			= tcm_qla2xxx_cmd_void,
	.aborted_task			= tcm_qla2xxx_cmd_void,
	.fabric_make_wwn		= tcm_qla2xxx_make_wwn,
	.fabric_drop_wwn		= tcm_qla2xxx_drop_wwn,
	.fabric_make_tpg		= tcm_qla2xxx_make_tpg,
	.fabric_drop_tpg		= tcm_qla2xxx_drop_tpg,
	.tfc_wwn_attrs			= tcm_qla2xxx_wwn_attrs,
};

static int __init tcm_qla2xxx_init(void)
{
	return target_register_template(&tcm_qla2xxx_ops);
}

static void __exit tcm_qla2xxx_exit(void)
{
	target_unregister_template(&tcm_qla2xxx_ops);
}

module_init(tcm_qla2xxx_init);
module_exit(tcm_qla2xxx_exit);

MODULE_DESCRIPTION("LIO fabric module for qla2xxx target ports (qlat)");
MODULE_AUTHOR("qlat developers");
MODULE_LICENSE("GPL");
MODULE_VERSION(TCM_QLA2XXX_VERSION);
