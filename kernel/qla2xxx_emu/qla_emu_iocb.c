// SPDX-License-Identifier: GPL-2.0
/*
 * qla_emu_iocb.c: the emulation's own copy of the firmware formats' pure
 * builders and parsers (qla2xxx/qla_iocb.c), so that qla2xxx_emu.ko links
 * against nothing of qla2xxx.ko.
 */
#include "qla_iocb.c"
