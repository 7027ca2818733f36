/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Tracepoints of qla2xxx: mailbox commands, IOCBs posted and
 * completed, asynchronous events and remote-port state transitions (the
 * emulated fabric's frames are qla2xxx_emu's). Enable with:
 * echo 1 > /sys/kernel/tracing/events/qla2xxx/enable
 */
#undef TRACE_SYSTEM
#define TRACE_SYSTEM qla2xxx

#if !defined(QLA_TRACE_H) || defined(TRACE_HEADER_MULTI_READ)
#define QLA_TRACE_H

#include <linux/tracepoint.h>

/* asynchronous event codes of qla_fw.h (MBA_*) */
#define qla_show_async(code)					\
	__print_symbolic(code,					\
		{ 0x8002, "SYSTEM_ERR" },		\
		{ 0x8003, "REQ_TRANSFER_ERR" },		\
		{ 0x8004, "RSP_TRANSFER_ERR" },		\
		{ 0x8010, "LIP" },			\
		{ 0x8011, "LOOP_UP" },			\
		{ 0x8012, "LOOP_DOWN" },			\
		{ 0x8013, "LIP_RESET" },			\
		{ 0x8014, "PORT_UPDATE" },		\
		{ 0x8015, "RSCN" })

#define qla_show_ring(r)					\
	__print_symbolic(r, { 0, "req" }, { 1, "rsp" }, { 2, "atio" })

TRACE_EVENT(qla_mbx,
	    TP_PROTO(const char *dev, u16 cmd, u16 status, u16 mb1, u16 mb2,
		     int err),
	    TP_ARGS(dev, cmd, status, mb1, mb2, err),
	    TP_STRUCT__entry(__string(dev, dev)
			     __field(u16, cmd)
			     __field(u16, status)
			     __field(u16, mb1)
			     __field(u16, mb2)
			     __field(int, err)),
	    TP_fast_assign(__assign_str(dev, dev);
			   __entry->cmd = cmd;
			   __entry->status = status;
			   __entry->mb1 = mb1;
			   __entry->mb2 = mb2;
			   __entry->err = err;),
	    TP_printk("%s cmd=0x%04x status=0x%04x mb1=0x%04x mb2=0x%04x err=%d",
		      __get_str(dev), __entry->cmd, __entry->status,
		      __entry->mb1, __entry->mb2, __entry->err)
);

DECLARE_EVENT_CLASS(qla_iocb_class,
		    TP_PROTO(const char *dev, int ring, u8 type, u32 handle,
			     u16 index),
		    TP_ARGS(dev, ring, type, handle, index),
		    TP_STRUCT__entry(__string(dev, dev)
				     __field(int, ring)
				     __field(u8, type)
				     __field(u32, handle)
				     __field(u16, index)),
		    TP_fast_assign(__assign_str(dev, dev);
				   __entry->ring = ring;
				   __entry->type = type;
				   __entry->handle = handle;
				   __entry->index = index;),
		    TP_printk("%s ring=%s type=0x%02x handle=0x%x index=%u",
			      __get_str(dev), qla_show_ring(__entry->ring),
			      __entry->type, __entry->handle, __entry->index)
);

DEFINE_EVENT(qla_iocb_class, qla_iocb_post,
	     TP_PROTO(const char *dev, int ring, u8 type, u32 handle,
		      u16 index),
	     TP_ARGS(dev, ring, type, handle, index)
);

DEFINE_EVENT(qla_iocb_class, qla_iocb_done,
	     TP_PROTO(const char *dev, int ring, u8 type, u32 handle,
		      u16 index),
	     TP_ARGS(dev, ring, type, handle, index)
);

TRACE_EVENT(qla_async,
	    TP_PROTO(const char *dev, u16 code, u16 mb1, u16 mb2),
	    TP_ARGS(dev, code, mb1, mb2),
	    TP_STRUCT__entry(__string(dev, dev)
			     __field(u16, code)
			     __field(u16, mb1)
			     __field(u16, mb2)),
	    TP_fast_assign(__assign_str(dev, dev);
			   __entry->code = code;
			   __entry->mb1 = mb1;
			   __entry->mb2 = mb2;),
	    TP_printk("%s event=%s mb1=0x%04x mb2=0x%04x", __get_str(dev),
		      qla_show_async(__entry->code), __entry->mb1,
		      __entry->mb2)
);

TRACE_EVENT(qla_rport_state,
	    TP_PROTO(const char *dev, u64 wwpn, u32 port_id, const char *from,
		     const char *to, const char *event),
	    TP_ARGS(dev, wwpn, port_id, from, to, event),
	    TP_STRUCT__entry(__string(dev, dev)
			     __field(u64, wwpn)
			     __field(u32, port_id)
			     __string(from, from)
			     __string(to, to)
			     __string(event, event)),
	    TP_fast_assign(__assign_str(dev, dev);
			   __entry->wwpn = wwpn;
			   __entry->port_id = port_id;
			   __assign_str(from, from);
			   __assign_str(to, to);
			   __assign_str(event, event);),
	    TP_printk("%s rport=0x%016llx port_id=%06x %s -> %s on %s",
		      __get_str(dev), __entry->wwpn, __entry->port_id,
		      __get_str(from), __get_str(to), __get_str(event))
);

/*
 * A Login/Logout Port IOCB's completion: comp_status and, when it failed,
 * the firmware's reason (io_parameter[0], LSC_SCODE_*) and detail ([1]).
 */
TRACE_EVENT(qla_login,
	    TP_PROTO(const char *dev, u32 port_id, u16 nport_handle,
		     u16 comp_status, u32 iop0, u32 iop1),
	    TP_ARGS(dev, port_id, nport_handle, comp_status, iop0, iop1),
	    TP_STRUCT__entry(__string(dev, dev)
			     __field(u32, port_id)
			     __field(u16, nport_handle)
			     __field(u16, comp_status)
			     __field(u32, iop0)
			     __field(u32, iop1)),
	    TP_fast_assign(__assign_str(dev, dev);
			   __entry->port_id = port_id;
			   __entry->nport_handle = nport_handle;
			   __entry->comp_status = comp_status;
			   __entry->iop0 = iop0;
			   __entry->iop1 = iop1;),
	    TP_printk("%s port_id=%06x handle=0x%04x status=0x%04x iop0=0x%x iop1=0x%x",
		      __get_str(dev), __entry->port_id, __entry->nport_handle,
		      __entry->comp_status, __entry->iop0, __entry->iop1)
);

/*
 * The target engine and task management: a request arrives (TMF in an
 * FCP_CMND, or ABTS as ABORT_TASK) and is answered (rsp is the FCP
 * RSP_CODE, or for ABTS 0 for BA_ACC and 1 for BA_RJT).
 */
TRACE_EVENT(qla_tgt_tmf,
	    TP_PROTO(const char *dev, const char *event, const char *fn,
		     u32 s_id, u64 lun, u32 tag, int rsp),
	    TP_ARGS(dev, event, fn, s_id, lun, tag, rsp),
	    TP_STRUCT__entry(__string(dev, dev)
			     __string(event, event)
			     __string(fn, fn)
			     __field(u32, s_id)
			     __field(u64, lun)
			     __field(u32, tag)
			     __field(int, rsp)),
	    TP_fast_assign(__assign_str(dev, dev);
			   __assign_str(event, event);
			   __assign_str(fn, fn);
			   __entry->s_id = s_id;
			   __entry->lun = lun;
			   __entry->tag = tag;
			   __entry->rsp = rsp;),
	    TP_printk("%s %s %s from=%06x lun=%llu tag=0x%x rsp=%d",
		      __get_str(dev), __get_str(event), __get_str(fn),
		      __entry->s_id, __entry->lun, __entry->tag,
		      __entry->rsp)
);

/*
 * The target engine answers a command itself, the fabric never seeing it:
 * BUSY (no session, or the port disabled), TASK SET FULL (no command
 * slot), or RSP_CODE 2 for malformed task management flags (rsp_code -1:
 * none).
 */
TRACE_EVENT(qla_tgt_answer,
	    TP_PROTO(const char *dev, u32 s_id, u16 ox_id, u8 status,
		     int rsp_code),
	    TP_ARGS(dev, s_id, ox_id, status, rsp_code),
	    TP_STRUCT__entry(__string(dev, dev)
			     __field(u32, s_id)
			     __field(u16, ox_id)
			     __field(u8, status)
			     __field(int, rsp_code)),
	    TP_fast_assign(__assign_str(dev, dev);
			   __entry->s_id = s_id;
			   __entry->ox_id = ox_id;
			   __entry->status = status;
			   __entry->rsp_code = rsp_code;),
	    TP_printk("%s from=%06x ox_id=0x%04x status=0x%02x rsp_code=%d",
		      __get_str(dev), __entry->s_id, __entry->ox_id,
		      __entry->status, __entry->rsp_code)
);

/*
 * The transport's terminate_rport_io (fast_io_fail_tmo, dev_loss_tmo, a
 * port no longer a target): of the commands outstanding to port_id, how
 * many were found and how many the firmware returned; abts: an ABTS went
 * out for each (the port online), else their exchanges ended without a
 * frame; host: the host byte they complete with.
 */
TRACE_EVENT(qla_ini_terminate,
	    TP_PROTO(const char *dev, u32 port_id, u32 found, u32 ended,
		     bool abts, int host),
	    TP_ARGS(dev, port_id, found, ended, abts, host),
	    TP_STRUCT__entry(__string(dev, dev)
			     __field(u32, port_id)
			     __field(u32, found)
			     __field(u32, ended)
			     __field(bool, abts)
			     __field(int, host)),
	    TP_fast_assign(__assign_str(dev, dev);
			   __entry->port_id = port_id;
			   __entry->found = found;
			   __entry->ended = ended;
			   __entry->abts = abts;
			   __entry->host = host;),
	    TP_printk("%s port_id=%06x commands=%u ended=%u abts=%d host=0x%02x",
		      __get_str(dev), __entry->port_id, __entry->found,
		      __entry->ended, __entry->abts, __entry->host)
);

/*
 * An error handler (abort, lun_reset, target_reset) found its remote port
 * gone: no longer online, or its driver rport let go after dev_loss_tmo.
 */
TRACE_EVENT(qla_eh_rport_gone,
	    TP_PROTO(const char *dev, const char *eh, u32 port_id, u64 lun),
	    TP_ARGS(dev, eh, port_id, lun),
	    TP_STRUCT__entry(__string(dev, dev)
			     __string(eh, eh)
			     __field(u32, port_id)
			     __field(u64, lun)),
	    TP_fast_assign(__assign_str(dev, dev);
			   __assign_str(eh, eh);
			   __entry->port_id = port_id;
			   __entry->lun = lun;),
	    TP_printk("%s %s: rport %06x gone, lun=%llu", __get_str(dev),
		      __get_str(eh), __entry->port_id, __entry->lun)
);

#endif /* QLA_TRACE_H */

#undef TRACE_INCLUDE_PATH
#define TRACE_INCLUDE_PATH .
#undef TRACE_INCLUDE_FILE
#define TRACE_INCLUDE_FILE qla_trace
#include <trace/define_trace.h>
