/* User-space shim of <linux/build_bug.h>: one-argument static_assert. */
#ifndef QLAT_SHIM_LINUX_BUILD_BUG_H
#define QLAT_SHIM_LINUX_BUILD_BUG_H
#ifndef __cplusplus
#undef static_assert
#define static_assert(expr, ...) _Static_assert(expr, #expr)
#endif
#endif
