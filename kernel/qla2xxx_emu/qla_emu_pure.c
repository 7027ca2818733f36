// SPDX-License-Identifier: GPL-2.0
/*
 * qla_emu_pure.c: the emulation's own copy of qla2xxx/qla_pure.c (the WWN
 * parser its control files use), so that qla2xxx_emu.ko links against
 * nothing of qla2xxx.ko.
 */
#include "qla_pure.c"
