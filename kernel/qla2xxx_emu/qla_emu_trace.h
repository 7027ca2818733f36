/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Tracepoints of qla2xxx_emu: the emulated fabric's frames. Enable with:
 * echo 1 > /sys/kernel/tracing/events/qla2xxx_emu/enable
 */
#undef TRACE_SYSTEM
#define TRACE_SYSTEM qla2xxx_emu

#if !defined(QLA_EMU_TRACE_H) || defined(TRACE_HEADER_MULTI_READ)
#define QLA_EMU_TRACE_H

#include <linux/tracepoint.h>

/*
 * Fabric frames; dir: 0 sent, 1 delivered, 2 dropped, 3 delayed,
 * 4 rewritten by a fault, 5 discarded by the receiving port's firmware
 * (malformed, unknown, or for no exchange).
 */
#define qla_show_dir(d)							\
	__print_symbolic(d, { 0, "out" }, { 1, "in" }, { 2, "drop" },	\
			 { 3, "delay" }, { 4, "rewrite" }, { 5, "discard" })

TRACE_EVENT(qla_frame,
	    TP_PROTO(int dir, const char *kind, u32 s_id, u32 d_id, u16 ox_id,
		     u32 len),
	    TP_ARGS(dir, kind, s_id, d_id, ox_id, len),
	    TP_STRUCT__entry(__field(int, dir)
			     __string(kind, kind)
			     __field(u32, s_id)
			     __field(u32, d_id)
			     __field(u16, ox_id)
			     __field(u32, len)),
	    TP_fast_assign(__entry->dir = dir;
			   __assign_str(kind, kind);
			   __entry->s_id = s_id;
			   __entry->d_id = d_id;
			   __entry->ox_id = ox_id;
			   __entry->len = len;),
	    TP_printk("%s %s s_id=%06x d_id=%06x ox_id=0x%04x len=%u",
		      qla_show_dir(__entry->dir), __get_str(kind),
		      __entry->s_id, __entry->d_id, __entry->ox_id,
		      __entry->len)
);

#endif /* QLA_EMU_TRACE_H */

#undef TRACE_INCLUDE_PATH
#define TRACE_INCLUDE_PATH .
#undef TRACE_INCLUDE_FILE
#define TRACE_INCLUDE_FILE qla_emu_trace
#include <trace/define_trace.h>
