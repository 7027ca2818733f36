// SPDX-License-Identifier: GPL-2.0
/*
 * qla2xxx: QLogic ISP24xx-family Fibre Channel HBA driver, initiator and
 * target, with an emulated ISP and FC fabric below the register accessors.
 */
#include <linux/module.h>

#define QLA_DRIVER_VERSION "0.1.0-qlat"

static int __init qla_init(void)
{
	pr_info("qla2xxx: qlat driver %s loaded\n", QLA_DRIVER_VERSION);
	return 0;
}

static void __exit qla_exit(void)
{
}

module_init(qla_init);
module_exit(qla_exit);

MODULE_DESCRIPTION("QLogic Fibre Channel HBA driver (qlat)");
MODULE_AUTHOR("qlat developers");
MODULE_LICENSE("GPL");
MODULE_VERSION(QLA_DRIVER_VERSION);
