/* User-space shim of <linux/string.h>. */
#ifndef QLAT_SHIM_LINUX_STRING_H
#define QLAT_SHIM_LINUX_STRING_H
#include <string.h>
#endif
