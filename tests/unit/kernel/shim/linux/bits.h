/* SPDX-License-Identifier: GPL-2.0 */
/* User-space stand-in for <linux/bits.h>: what the pure firmware code uses. */
#ifndef QLAT_SHIM_LINUX_BITS_H
#define QLAT_SHIM_LINUX_BITS_H

#define BIT(nr) (1UL << (nr))

#endif
