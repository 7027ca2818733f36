// SPDX-License-Identifier: GPL-2.0
/*
 * Built only for the debug kernel's self-test (tests/harness/debug-detectors): loading
 * it with fault=NAME commits one kind of bug that a detector of the debug kernel must
 * report, so that `make test-debug` shows each detector can fail a test.
 */
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/mutex.h>
#include <linux/list.h>
#include <linux/delay.h>
#include <linux/timer.h>

static char *fault = "none";
module_param(fault, charp, 0444);
MODULE_PARM_DESC(fault, "none, leak, uaf, lock, sleep, list or odebug");

/* Stored through WRITE_ONCE/READ_ONCE so the compiler keeps every access. */
static int *qlat_debug_ptr;

static void qlat_debug_leak(void)
{
	/* kmemleak: the only pointer to it is dropped. */
	WRITE_ONCE(qlat_debug_ptr, kmalloc(4096, GFP_KERNEL));
	WRITE_ONCE(qlat_debug_ptr, NULL);
}

static void qlat_debug_uaf(void)
{
	int *p = kmalloc(64, GFP_KERNEL);

	if (!p)
		return;
	WRITE_ONCE(qlat_debug_ptr, p);
	kfree(p);
	/* KASAN: use-after-free. */
	pr_info("qlat_debug_selftest: read %d after free\n", READ_ONCE(qlat_debug_ptr)[1]);
}

static DEFINE_MUTEX(qlat_debug_a);
static DEFINE_MUTEX(qlat_debug_b);

static void qlat_debug_lock(void)
{
	/* lockdep: a then b, later b then a (no deadlock here, an inversion all the same). */
	mutex_lock(&qlat_debug_a);
	mutex_lock(&qlat_debug_b);
	mutex_unlock(&qlat_debug_b);
	mutex_unlock(&qlat_debug_a);
	mutex_lock(&qlat_debug_b);
	mutex_lock(&qlat_debug_a);
	mutex_unlock(&qlat_debug_a);
	mutex_unlock(&qlat_debug_b);
}

static DEFINE_SPINLOCK(qlat_debug_spin);

static void qlat_debug_sleep(void)
{
	/*
	 * DEBUG_ATOMIC_SLEEP: a function that may sleep, called with a spinlock held. It
	 * is the might_sleep() in mutex_lock() that reports, whether or not it sleeps: msleep()
	 * has none, and would only show as "scheduling while atomic" once it schedules.
	 */
	spin_lock(&qlat_debug_spin);
	mutex_lock(&qlat_debug_a);
	mutex_unlock(&qlat_debug_a);
	spin_unlock(&qlat_debug_spin);
}

static void qlat_debug_list(void)
{
	LIST_HEAD(head);
	struct list_head entry;

	/*
	 * DEBUG_LIST: adding an entry that is already on the list. Debian's config makes
	 * this a BUG (BUG_ON_DATA_CORRUPTION), which the VM's oops=panic turns into a stop.
	 */
	list_add(&entry, &head);
	list_add(&entry, &head);
	INIT_LIST_HEAD(&head);
}

struct qlat_debug_obj {
	struct timer_list timer;
};

static void qlat_debug_timer_fn(struct timer_list *t)
{
}

static void qlat_debug_odebug(void)
{
	struct qlat_debug_obj *o = kmalloc(sizeof(*o), GFP_KERNEL);

	if (!o)
		return;
	timer_setup(&o->timer, qlat_debug_timer_fn, 0);
	mod_timer(&o->timer, jiffies + 60 * HZ);
	/*
	 * DEBUG_OBJECTS_TIMERS: freeing a pending timer. The report's fixup deletes the
	 * timer before the memory goes, so the guest lives on.
	 */
	kfree(o);
}

static int __init qlat_debug_selftest_init(void)
{
	static const struct {
		const char *name;
		void (*fn)(void);
	} faults[] = {
		{ "leak", qlat_debug_leak },
		{ "uaf", qlat_debug_uaf },
		{ "lock", qlat_debug_lock },
		{ "sleep", qlat_debug_sleep },
		{ "list", qlat_debug_list },
		{ "odebug", qlat_debug_odebug },
	};
	size_t i;

	if (!strcmp(fault, "none"))
		return 0;
	for (i = 0; i < ARRAY_SIZE(faults); i++) {
		if (!strcmp(fault, faults[i].name)) {
			faults[i].fn();
			return 0;
		}
	}
	pr_err("qlat_debug_selftest: unknown fault '%s'\n", fault);
	return -EINVAL;
}

static void __exit qlat_debug_selftest_exit(void)
{
}

module_init(qlat_debug_selftest_init);
module_exit(qlat_debug_selftest_exit);

MODULE_DESCRIPTION("qlat debug-kernel self-test: commits the bug named by fault=");
MODULE_LICENSE("GPL");
