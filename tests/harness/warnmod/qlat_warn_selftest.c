// SPDX-License-Identifier: GPL-2.0
/*
 * Built only for the VM harness self-test: loading it puts a kernel warning in
 * the guest log, which tests/vm/run must notice and report.
 */
#include <linux/module.h>

static int __init qlat_warn_selftest_init(void)
{
	WARN(1, "qlat harness self-test warning\n");
	return 0;
}

static void __exit qlat_warn_selftest_exit(void)
{
}

module_init(qlat_warn_selftest_init);
module_exit(qlat_warn_selftest_exit);

MODULE_DESCRIPTION("qlat VM harness self-test: emits one WARN on load");
MODULE_LICENSE("GPL");
