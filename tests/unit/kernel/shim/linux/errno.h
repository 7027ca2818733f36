/* User-space shim of <linux/errno.h>: the same as the UAPI header, which the
 * C library's <errno.h> includes through this name too.
 */
#ifndef QLAT_SHIM_LINUX_ERRNO_H
#define QLAT_SHIM_LINUX_ERRNO_H
#include <asm/errno.h>
#endif
