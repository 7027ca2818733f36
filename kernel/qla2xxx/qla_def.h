/* SPDX-License-Identifier: GPL-2.0 */
/*
 * qla_def.h: the driver's own objects (one struct qla_hw per ISP port), the
 * hardware-access ops table and the interfaces between the layers:
 *
 *   qla_probe.c    probe/remove of one port, either backend
 *   qla_tgt*.c     the target engine (sessions; the command path)
 *   qla_scsi.c     SCSI host, fc_host, fc_rport glue, role attribute
 *   qla_ini.c      initiator I/O
 *   qla_fc.c       FC protocol state: link, fabric login, name server, rports
 *   qla_hw.c       mailbox engine, rings, ISR, firmware start/stop; the only
 *                  builder and parser of firmware formats
 *   backends       bus glue: qla_pci.c (a card), qla_emubus.c (an emulated
 *                  ISP of qla2xxx_emu.ko, a platform device)
 *
 * The layers above qla_hw.c hand it host-order descriptions and get their
 * results through callbacks: each request's own, and those each client
 * registered at probe. The hardware layer reaches a backend only through
 * struct qla_hw_ops; the backend reaches the driver only through the
 * interrupt handler it was given.
 */
#ifndef QLA_DEF_H
#define QLA_DEF_H

#include <linux/types.h>
#include <linux/device.h>
#include <linux/mutex.h>
#include <linux/spinlock.h>
#include <linux/completion.h>
#include <linux/workqueue.h>
#include <linux/interrupt.h>
#include <linux/list.h>
#include <linux/rcupdate.h>

#include <linux/dma-direction.h>

#include "qla_fcproto.h"
#include "qla_tgt.h"
#include "qla_pure.h"
#include "qla_seg.h"

#define QLA_DRIVER_VERSION	"0.2.0-qlat"
/*
 * Ring sizes as upstream gives a 24xx-family port: a 1 MiB command or CTIO
 * takes 52 request entries (one DSD inline, five per continuation), so the
 * request ring must hold many of them at once.
 */
#define QLA_REQ_ENTRIES		2048
#define QLA_RSP_ENTRIES		512
#define QLA_ATIO_ENTRIES	4096
/* requests in flight with a completion: commands, CTIOs, waiters */
#define QLA_HW_REQS		512
/* an ATIO's ring entries, in one piece (qla_hw.c checks the size) */
#define QLA_ATIO_BUF_SIZE	(5 * 64)
#define QLA_MBX_TIMEOUT_MS	5000
#define QLA_FW_READY_MS		20000	/* as upstream's minimum wait */
#define QLA_FW_LINK_WAIT_MS	2000	/* link down: start without it */
#define QLA_IOCB_TIMEOUT_MS	10000
#define QLA_LOGIN_RETRIES	8
#define QLA_LOGIN_RETRY_MS	200
#define QLA_MAX_DISC_PORTS	256
#define QLA_CT_BUF_SIZE		8192

struct qla_hw;
struct qla_mbx;
struct fc_rport;
struct qla_tgt;
struct scsi_cmnd;
struct scsi_device;
struct Scsi_Host;

/* Port roles, settable per port at run time. */
enum qla_role {
	QLA_ROLE_NONE,
	QLA_ROLE_INITIATOR,
	QLA_ROLE_TARGET,
	QLA_ROLE_BOTH,
};

static inline bool qla_role_ini(enum qla_role r)
{
	return r == QLA_ROLE_INITIATOR || r == QLA_ROLE_BOTH;
}

static inline bool qla_role_tgt(enum qla_role r)
{
	return r == QLA_ROLE_TARGET || r == QLA_ROLE_BOTH;
}

/*
 * ISP families of the 24xx..28xx interface, derived from the PCI device id
 * as upstream's IS_QLAxxx; what the driver does differently per family is
 * in qla_chip.c's family table (room for 22xx/23xx).
 */
enum qla_family {
	QLA_FAM_24XX,		/* ISP2422/2432/5422/5432, ISP8432 (84xx) */
	QLA_FAM_25XX,		/* ISP2532 */
	QLA_FAM_83XX,		/* ISP2031: QLE267x */
	QLA_FAM_27XX,		/* ISP2071/2271/2261/2061 */
	QLA_FAM_28XX,		/* ISP2081/2281/2089/2289 */
	QLA_FAM_NR,
};

/* The base queue's in/out pointers, wherever a family keeps them. */
enum qla_qreg {
	QLA_QREG_REQ_IN,
	QLA_QREG_REQ_OUT,
	QLA_QREG_RSP_IN,
	QLA_QREG_RSP_OUT,
	QLA_QREG_ATIO_IN,
	QLA_QREG_ATIO_OUT,
	QLA_QREG_NR,
};

/* How a family keeps its NVRAM. */
enum qla_nv_kind {
	QLA_NV_NVRAM,		/* 24xx: the NVRAM window of the flash regs */
	QLA_NV_FLASH_VPD,	/* 25xx: the VPD/NVRAM region of the flash */
	QLA_NV_FLASH_FLT,	/* 83xx and later: by the flash layout table */
};

struct qla_family_info {
	const char *name;
	u8 reg_bar;		/* BAR of the register file (qla_fw.h QLA_REG_*) */
	u8 q_bar;		/* BAR of the base queue's in/out pointers */
	u32 q_off[QLA_QREG_NR];	/* their offsets in q_bar */
	u8 msix_vectors;	/* default, response queue[, ATIO queue] */
	bool atio_msix;		/* an MSI-X vector of its own for the ATIO queue */
	const char *fw_name;	/* request_firmware() name */
	bool fw_flash_first;	/* the flash's image before the file */
	enum qla_nv_kind nv;
	u32 flash_data_off;	/* the flash window of QLA_REG_FLASH_ADDR */
	u32 flt_addr;		/* dword address of the layout table, or 0 */
};

/* qla_chip.c: the family table, the NVRAM/flash reader */
int qla_chip_family(u16 device_id);
const struct qla_family_info *qla_chip_info(enum qla_family fam);
int qla_chip_probe(struct qla_hw *ha);
int qla_chip_load_fw(struct qla_hw *ha, u32 *risc_addr);

int qla_role_parse(const char *s, enum qla_role *role);
const char *qla_role_name(enum qla_role role);

/*
 * The bus glue: all a backend gives the driver. Registers are read and
 * written by (BAR, offset): the family table says which BAR holds what.
 * Everything else (register windows, NVRAM/flash, firmware load, reset) is
 * the driver's chip logic, the same for a card and the emulated one.
 */
struct qla_hw_ops {
	const char *name;
	/* The PCI device id and function number of the port. */
	void (*bus_info)(struct qla_hw *ha, u16 *device_id, u8 *func);
	u32 (*rd_reg)(struct qla_hw *ha, u8 bar, u32 off);
	void (*wr_reg)(struct qla_hw *ha, u8 bar, u32 off, u32 val);
	u16 (*rd_reg16)(struct qla_hw *ha, u8 bar, u32 off);
	void (*wr_reg16)(struct qla_hw *ha, u8 bar, u32 off, u16 val);
	/* Connect/disconnect the interrupt line to qla_hw_isr(). */
	int (*irq_setup)(struct qla_hw *ha, irq_handler_t isr);
	void (*irq_teardown)(struct qla_hw *ha);
};

/* One ring of 64-byte entries in host memory, shared with the firmware. */
struct qla_ring {
	void *base;
	dma_addr_t dma;
	u16 entries;
	u16 index;		/* host's producer (req) or consumer index */
};

/* ---- FC protocol state (qla_fc.c) ---- */

/*
 * A remote port as the fc layer knows it. Its fields are the fc work's,
 * under fc.lock. Its fc_rport (rport), while it has one, links back to it
 * through the fc_rport's dd_data (qla_scsi.c), which the initiator and the
 * error handlers read without fc.lock. The link's rule:
 *
 * - it is set (qla_scsi_rport_add) and cleared (the transport's dev_loss
 *   callback, which may not take fc.lock) under shost->host_lock, and
 *   cleared only while the fc_rport is not online;
 * - an rport is freed only after its link is cleared (the DEV_LOSS event
 *   the callback queues) or the fc_rport is gone (teardown), and through
 *   kfree_rcu;
 * - readers copy what they need (the N_Port handle) under rcu_read_lock()
 *   (queuecommand) or host_lock (the error handlers, which also read the
 *   fc_rport's state there) and never keep the pointer: a NULL link means
 *   the port is gone.
 */
struct qla_fc_rport {
	struct list_head node;		/* in qla_fc.rports */
	struct rcu_head rcu;		/* freed by kfree_rcu */
	struct qla_hw *ha;
	enum qla_rp_state state;	/* THE state; changed by qla_fc_rp_set() */
	u64 wwpn, wwnn;
	u32 port_id;
	u16 nport_handle;
	u32 prli_wd3;			/* the peer's PRLI service parameters */
	u8 retries;
	bool seen;			/* in the last name-server listing */
	struct fc_rport *rport;		/* the transport's object, or NULL */
};

enum qla_fc_evt_type {
	QLA_FCE_LOOP_UP,
	QLA_FCE_LOOP_DOWN,
	QLA_FCE_RSCN,
	QLA_FCE_PORT_UPDATE,
	QLA_FCE_PEER_ELS,
	QLA_FCE_DEV_LOSS,
	QLA_FCE_LIP,			/* port_id: the firmware's mailbox 1 */
	QLA_FCE_LIP_RESET,		/* port_id: the firmware's mailbox 1 */
	QLA_FCE_PORT_LOGOUT,		/* port_id: the N_Port handle of a port
					 * that logged this one out
					 */
};

/* An ELS a peer sent to a port in target mode, as the firmware reports it. */
struct qla_fc_peer_els {
	u8 els;				/* ELS_PLOGI, ELS_PRLI, ELS_LOGO */
	u32 port_id;
	u64 wwpn;
	u64 wwnn;			/* PLOGI */
	u16 nport_handle;
	u32 prli_wd3;
	/*
	 * A PRLI from an initiator to a target port is answered only when the
	 * target engine has decided (qla_hw_prli_answer(ack_id)): 0 for an
	 * ELS the hardware layer already acknowledged.
	 */
	u32 ack_id;
};

struct qla_fc_evt {
	struct list_head node;
	enum qla_fc_evt_type type;
	u32 port_id;			/* LOOP_UP: the data rate code */
	u8 rscn_format;			/* RSCN: RSCN_FMT_* of port_id */
	struct fc_rport *rport;		/* DEV_LOSS */
	struct qla_fc_rport *rp;	/* DEV_LOSS */
	struct qla_fc_peer_els els;	/* PEER_ELS */
};

struct qla_fc {
	/*
	 * lock protects the rport list, every rport's state and the link
	 * fields below; taken by the fc work only (and by teardown).
	 */
	struct mutex lock;
	struct list_head rports;
	bool link_up;
	bool registered;		/* with the name server */
	u32 port_id;
	u16 speed_gbit;
	u16 next_handle;
	unsigned long handle_map[BITS_TO_LONGS(0x400)];
	/* handles the firmware said another port holds; until link down */
	unsigned long handle_busy[BITS_TO_LONGS(0x400)];

	/* evt_lock protects evts and stopping; any context (ISR too). */
	spinlock_t evt_lock;
	struct list_head evts;
	bool stopping;
	bool rescan;			/* a discovery pass is due */
	struct work_struct work;
	struct delayed_work retry_work;

	/* name-server DMA buffers, used by the fc work under lock */
	void *ct_req, *ct_rsp;
	dma_addr_t ct_req_dma, ct_rsp_dma;
	struct qla_gpn_ft_port *disc;	/* scratch: last listing */
};

/* ---- the hardware layer's requests and reports, host order ---- */

/* How a request ended, in the hardware layer's terms. */
enum qla_hw_cs {
	QLA_CS_OK,
	QLA_CS_UNDERRUN,	/* less data moved than the request asked */
	QLA_CS_OVERRUN,		/* the target had more than was asked */
	QLA_CS_ABORTED,
	QLA_CS_RESET,		/* the firmware was reset under it */
	QLA_CS_TIMEOUT,
	QLA_CS_PORT_GONE,	/* logged out, unavailable, configuration changed */
	QLA_CS_INVALID_RX_ID,	/* CTIO: the firmware has no such exchange */
	QLA_CS_REJECTED,	/* the firmware found the entry bad: not started */
	QLA_CS_ERROR,
};

/* A SCSI command to a remote port (an initiator's). */
struct qla_hw_cmd {
	u16 nport_handle;
	u32 port_id;
	u8 lun[8];		/* struct scsi_lun */
	u8 cdb[16];
	u32 len;
	enum dma_data_direction dir;
	const struct qla_seg *seg;	/* the data, nseg segments */
	u32 nseg;
};

/* A SCSI command's status (the FCP_RSP as the firmware reports it). */
struct qla_hw_status {
	u8 scsi_status;
	bool resid_under, resid_over;	/* the target's FCP_RESID_UNDER/OVER */
	u32 fw_resid;		/* the bytes the firmware did not move */
	u32 tgt_resid;		/* the residual the target reported */
	bool rsp_info;		/* FCP_RSP_INFO first in data */
	u32 rsp_info_len;
	bool sense;		/* sense after it, the rest in continuations */
	u32 sense_len;
	u8 data[28];		/* FCP_RSP_INFO, then sense, wire order */
};

/* A request's completion. */
struct qla_hw_done {
	enum qla_hw_cs cs;
	u8 entry_status;		/* QLA_CS_REJECTED: the firmware's reason */
	union {
		struct qla_hw_status sts;	/* a command */
		bool status_sent;		/* a CTIO: it sent the status */
	};
};

typedef void (*qla_hw_done_t)(struct qla_hw *ha, void *arg,
			      const struct qla_hw_done *d);

/*
 * One request in flight: its handle in the IOCB, and what to do when the
 * firmware returns it, as drivers/scsi/elx's hw_wq_callback: the hardware
 * layer's own parser of the completion entry (fw_done) and the requester's
 * callback and argument it hands the result to.
 */
struct qla_hw_req {
	u32 handle;		/* 0: free */
	void (*fw_done)(struct qla_hw *ha, struct qla_hw_req *r,
			const void *pkt);
	qla_hw_done_t done;
	void *arg;
};

/* A target's CTIO: data-in, data-out, status, or the exchange's end. */
enum qla_ctio_kind {
	QLA_CTIO_DATA_IN,	/* with the status if send_status */
	QLA_CTIO_DATA_OUT,
	QLA_CTIO_STATUS,	/* status, sense or FCP_RSP_INFO, no data */
	QLA_CTIO_TERMINATE,	/* end the exchange without a frame */
};

/* The firmware's N_Port handle for "no login known" */
#define QLA_HW_NPH_UNKNOWN	0xffff

struct qla_hw_ctio {
	enum qla_ctio_kind kind;
	bool send_status;
	u16 nport_handle;
	u32 initiator_id;
	u32 exchange_addr;
	u16 ox_id;
	u16 timeout;		/* seconds; 0: the firmware's */
	u8 scsi_status;
	bool resid_under, resid_over;
	u32 residual;
	u32 relative_offset;
	u32 transfer_length;
	const struct qla_seg *seg;	/* data-in/out: nseg segments */
	u32 nseg;
	const u8 *sense;		/* status: sense_len bytes */
	u32 sense_len;
	bool rsp_info;			/* status: FCP_RSP_INFO with rsp_code */
	u8 rsp_code;
};

/* An FCP_CMND the firmware received (an ATIO), for the target. */
struct qla_hw_atio {
	u32 exchange_addr;
	u32 s_id;
	u16 ox_id;
	u8 lun[8];
	u8 task_attr;		/* FCP task attribute, 0..7 */
	u8 tmf;			/* FCP_TMF_* flags */
	enum dma_data_direction dir;
	const u8 *cdb;		/* cdb_len bytes */
	u32 cdb_len;
	u32 fcp_dl;
};

/* An ABTS the firmware received, kept by the target for its answer. */
#define QLA_HW_EXCH_UNKNOWN	0xffffffff
struct qla_hw_abts {
	u32 s_id, d_id;
	u16 ox_id, rx_id;
	u16 nport_handle;
	u32 exchange_address;		/* the ABTS's own */
	u32 exchange_to_abort;		/* QLA_HW_EXCH_UNKNOWN: none known */
	/* the rest of the frame header, turned around in the answer */
	u8 r_ctl, cs_ctl, type, seq_id, df_ctl, sof_type, vp_index;
	u32 f_ctl;
	u16 seq_cnt;
	u32 parameter;
};

enum qla_hw_tmf {
	QLA_HW_TMF_LUN_RESET,
	QLA_HW_TMF_TARGET_RESET,
};

/*
 * The clients of the hardware layer, registered at probe: it names no
 * layer above it, it calls these. Called from the ISR with hw_lock held
 * unless said otherwise; they only take their own locks and queue work.
 */
struct qla_hw_fc_ops {
	void (*event)(struct qla_hw *ha, enum qla_fc_evt_type type,
		      u32 port_id);
	void (*rscn)(struct qla_hw *ha, u32 port_id, u8 format);
	void (*peer_els)(struct qla_hw *ha, const struct qla_fc_peer_els *els);
};

struct qla_hw_ini_ops {
	/* status continuation: len more sense bytes */
	void (*sense_cont)(struct qla_hw *ha, const u8 *data, u32 len);
	/* an entry of another kind came: no more sense follows */
	void (*sense_end)(struct qla_hw *ha);
	/* end of an ISR run: take what finished, hand it over unlocked */
	u32 (*take_done)(struct qla_hw *ha, struct list_head *done);
	void (*hand_done)(struct qla_hw *ha, struct list_head *done, u32 seq);
	/* the ISP was reset (process context, no lock): end every command */
	void (*fw_reset)(struct qla_hw *ha);
};

struct qla_hw_tgt_ops {
	void (*atio)(struct qla_hw *ha, const struct qla_hw_atio *a);
	void (*abts)(struct qla_hw *ha, const struct qla_hw_abts *a);
	/* the ISP was reset (process context, no lock): end every CTIO */
	void (*fw_reset)(struct qla_hw *ha);
};

/* ---- one ISP port ---- */
struct qla_hw {
	struct device *dev;		/* the card (PCI or emulated); logging */
	const struct qla_hw_ops *ops;
	void *priv;			/* the backend's */
	struct Scsi_Host *shost;
	struct list_head node;		/* in qla_ports, under qla_ports_lock */
	u64 wwpn, wwnn;
	char model[16];
	char model_desc[64];
	char fw_version[32];
	u32 risc_addr;
	enum qla_family family;		/* from the PCI device id */
	u16 device_id;
	u8 port_no;			/* PCI function: which NVRAM is ours */
	/*
	 * MSI-X vectors the backend connected: the response queue's (ICB
	 * msix) and the ATIO queue's (ICB msix_atio); 0 for none.
	 */
	u16 msix_rsp, msix_atio;

	/*
	 * hw_lock (irqsave) protects the rings' host indices, the handle
	 * table, the current mailbox command and every register access
	 * sequence that must not interleave (post, ISR).
	 */
	spinlock_t hw_lock;
	struct qla_ring req, rsp, atio;
	/* an ATIO's ring entries, in one piece for the parser; hw_lock */
	u8 atio_buf[QLA_ATIO_BUF_SIZE];
	/*
	 * Requests in flight and their completions, by handle (hw_lock);
	 * next_req and req_gen pick the next handle.
	 */
	struct qla_hw_req reqs[QLA_HW_REQS];
	u32 next_req;
	u16 req_gen;
	void *pdb;			/* GET_PORT_DATABASE buffer, */
	dma_addr_t pdb_dma;		/* used by the fc work only */
	/* the layers above, registered at probe (qla_hw_register_*) */
	const struct qla_hw_fc_ops *fc_ops;
	const struct qla_hw_ini_ops *ini_ops;
	const struct qla_hw_tgt_ops *tgt_ops;
	struct qla_mbx *mbx_cur;	/* under hw_lock */
	bool fw_started;
	/*
	 * The firmware crashed (MBA_SYSTEM_ERR): no mailbox command goes to
	 * it until the ISP reset has reset the RISC; under hw_lock.
	 */
	bool fw_dead;
	bool no_reset;			/* port going away; under hw_lock */
	/* a status said sense continuations may follow; under hw_lock */
	bool sense_pending;
	/* PRLI notifies awaiting the target engine's answer; under hw_lock */
	struct list_head prli_ntfys;
	u32 next_ntfy_id;
	u16 link_speed_gbit;		/* from LOOP UP; under hw_lock */
	unsigned int isp_resets;	/* done; under role_lock */
	struct work_struct reset_work;	/* on wq: the ISP reset */

	/* mbx_mutex serialises mailbox commands (one in flight). */
	struct mutex mbx_mutex;
	struct completion mbx_done;

	/* role_lock serialises role changes and firmware restarts. */
	struct mutex role_lock;
	enum qla_role role;

	struct workqueue_struct *wq;	/* ordered: the fc work */
	struct qla_fc fc;

	struct qla_tgt *tgt;		/* the target engine (qla_tgt.c) */

	/*
	 * Initiator I/O (qla_ini.c): the command of each block-layer tag
	 * with a command IOCB in flight, under hw_lock; each tag's data
	 * segments (QLA_INI_SG), which the command's continuations take.
	 */
	struct scsi_cmnd **ini_cmds;
	struct qla_seg *ini_seg;
	/*
	 * ini_abort_mutex serialises the initiator's aborts of its own
	 * commands: the abort handler and terminate_rport_io; held while
	 * they wait for the firmware's abort IOCBs.
	 */
	struct mutex ini_abort_mutex;
	/*
	 * Commands whose status the ISR has read (under hw_lock); the ISR
	 * hands them to the midlayer after dropping it. ini_taken counts the
	 * ISR runs that took some (under hw_lock), ini_handed the last of
	 * them to finish handing them over (qla_scsi_sync_done waits on it).
	 */
	struct list_head ini_done;
	u32 ini_taken;
	u32 ini_handed;			/* store_release_wake_up, load_acquire */
	/*
	 * The command whose status said more sense follows in status
	 * continuation entries, the sense bytes it has and those it waits
	 * for; under hw_lock. Done at its last continuation or at the first
	 * entry of another type.
	 */
	struct scsi_cmnd *sense_cmd;
	u32 sense_got;
	u32 sense_want;
};

/* qla_hw.c: the hardware layer */
u32 qla_rd(struct qla_hw *ha, u32 off);
void qla_wr(struct qla_hw *ha, u32 off, u32 val);
u16 qla_rd16(struct qla_hw *ha, u32 off);
void qla_wr16(struct qla_hw *ha, u32 off, u16 val);
u32 qla_q_rd(struct qla_hw *ha, enum qla_qreg q);
void qla_q_wr(struct qla_hw *ha, enum qla_qreg q, u32 val);
int qla_hw_init(struct qla_hw *ha);
void qla_hw_fini(struct qla_hw *ha);
int qla_hw_start_fw(struct qla_hw *ha);
void qla_hw_stop_fw(struct qla_hw *ha);
int qla_hw_mbx(struct qla_hw *ha, struct qla_mbx *m);
irqreturn_t qla_hw_isr(int irq, void *arg);
void qla_hw_schedule_reset(struct qla_hw *ha);
const struct qla_family_info *qla_hw_family(struct qla_hw *ha);
irqreturn_t qla_hw_atio_isr(int irq, void *arg);

/*
 * Requests of the firmware in FC terms, for the fc layer: qla_hw.c turns
 * them into mailbox commands and IOCBs, so that nothing above it knows a
 * firmware format.
 */
struct qla_link_info {
	u32 port_id;
	u16 speed_gbit;
	bool fabric;
};

struct qla_fw_port {
	u64 wwpn, wwnn;
	u32 port_id;
	u32 prli_wd3;
	bool prli_done;
};

/*
 * What a login left: the peer's PRLI word 3 on success; on -EADDRINUSE
 * (the firmware has the port logged in under another handle) that handle;
 * on -EBUSY (the handle belongs to another port) that port's id.
 */
struct qla_login_res {
	u32 prli_wd3;
	u16 nport_handle;
	u32 other_port_id;
};

int qla_hw_get_link(struct qla_hw *ha, struct qla_link_info *li);
int qla_hw_login(struct qla_hw *ha, u32 port_id, u16 nport_handle,
		 struct qla_login_res *res);
int qla_hw_scr(struct qla_hw *ha);
int qla_hw_logout(struct qla_hw *ha, u32 port_id, u16 nport_handle);
void qla_hw_prli_answer(struct qla_hw *ha, u32 ack_id, bool accept);
int qla_hw_ct(struct qla_hw *ha, dma_addr_t req, u32 req_len,
	      dma_addr_t rsp, u32 rsp_len);
int qla_hw_port_info(struct qla_hw *ha, u16 nport_handle,
		     struct qla_fw_port *out);
int qla_hw_lip(struct qla_hw *ha);
int qla_hw_set_role(struct qla_hw *ha, enum qla_role role);

/*
 * Requests of the initiator and the target engine: host-order descriptions
 * in, host-order completions back through the callback given with each.
 * The *_locked ones are called with hw_lock held (the ISR's callbacks may
 * call them); the others sleep.
 */
void qla_hw_register_fc(struct qla_hw *ha, const struct qla_hw_fc_ops *ops);
void qla_hw_register_ini(struct qla_hw *ha, const struct qla_hw_ini_ops *ops);
void qla_hw_register_tgt(struct qla_hw *ha, const struct qla_hw_tgt_ops *ops);
int qla_hw_cmd_post_locked(struct qla_hw *ha, const struct qla_hw_cmd *c,
			   qla_hw_done_t done, void *arg, u32 *handle);
int qla_hw_abort_cmd(struct qla_hw *ha, u16 nport_handle, u32 port_id,
		     u32 handle, bool abts, enum qla_hw_cs *cs);
int qla_hw_abort_post_locked(struct qla_hw *ha, u16 nport_handle, u32 port_id,
			     u32 handle, bool abts, qla_hw_done_t done,
			     void *arg, u32 *abort_handle);
bool qla_hw_req_cancel_locked(struct qla_hw *ha, u32 handle);
int qla_hw_tmf(struct qla_hw *ha, u16 nport_handle, u32 port_id,
	       enum qla_hw_tmf fn, const u8 *lun, int *rsp_code);
int qla_hw_ctio_post_locked(struct qla_hw *ha, const struct qla_hw_ctio *c,
			    qla_hw_done_t done, void *arg);
void qla_hw_abts_answer_locked(struct qla_hw *ha, const struct qla_hw_abts *in,
			       bool reject);

/* qla_fc.c: the FC protocol layer; its hardware events only queue */
int qla_fc_init(struct qla_hw *ha);
void qla_fc_stop(struct qla_hw *ha);
void qla_fc_fini(struct qla_hw *ha);
void qla_fc_dev_loss(struct qla_hw *ha, struct fc_rport *rport,
		     struct qla_fc_rport *rp);

/* qla_probe.c: one port of either backend */
int qla_port_probe(struct device *dev, const struct qla_hw_ops *ops,
		   void *priv, struct qla_hw **out);
void qla_port_remove(struct qla_hw *ha);

/* qla_scsi.c: host and fc transport glue */
struct Scsi_Host *qla_scsi_host_alloc(void);
void qla_scsi_host_init(struct qla_hw *ha);
void qla_scsi_host_started(struct qla_hw *ha);
int qla_scsi_init(void);
void qla_scsi_exit(void);
void qla_scsi_link_state(struct qla_hw *ha);
struct fc_rport *qla_scsi_rport_add(struct qla_hw *ha,
				    struct qla_fc_rport *rp);
void qla_scsi_rport_del(struct qla_fc_rport *rp);
bool qla_scsi_rport_handle(struct fc_rport *rport, u16 *nport_handle);
bool qla_scsi_rport_gone(struct fc_rport *rport, u16 *nport_handle);

/* qla_ini.c: initiator I/O, and what the host template takes of it */
#define QLA_INI_CMDS		128
#define QLA_INI_SG		256

/* The driver's part of each scsi_cmnd (the host template's cmd_size). */
struct qla_scsi_priv {
	struct list_head done;		/* on ha->ini_done, under hw_lock */
	struct scsi_cmnd *cmd;
	u32 handle;			/* its IOCB's, under hw_lock */
	/* whom it was sent to: what an abort names, the rport or not */
	u16 nport_handle;
	u32 port_id;
	/*
	 * Ended by terminate_rport_io (under hw_lock): the host byte it
	 * completes with instead of DID_RESET for CS_ABORTED; 0: not.
	 */
	u8 term_host;
};

void qla_scsi_fail_all(struct qla_hw *ha, int host_byte);
int qla_scsi_io_init(struct qla_hw *ha);
void qla_scsi_io_fini(struct qla_hw *ha);
int qla_queuecommand(struct Scsi_Host *shost, struct scsi_cmnd *cmd);
int qla_eh_abort(struct scsi_cmnd *cmd);
int qla_eh_device_reset(struct scsi_cmnd *cmd);
int qla_eh_target_reset(struct scsi_cmnd *cmd);
int qla_eh_host_reset(struct scsi_cmnd *cmd);
void qla_ini_terminate(struct qla_hw *ha, struct fc_rport *rport);
int qla_slave_configure(struct scsi_device *sdev);

/* qla_tgt.c: the target engine */
int qla_tgt_port_init(struct qla_hw *ha);
void qla_tgt_port_fini(struct qla_hw *ha);
struct qla_tgt *qla_tgt_get(struct qla_tgt *tgt);
void qla_tgt_peer_login(struct qla_hw *ha, u32 port_id, u64 wwpn, u64 wwnn,
			u16 nport_handle, u32 ack_id);
void qla_tgt_peer_gone(struct qla_hw *ha, u32 port_id, bool all,
		       enum qla_tgt_gone_reason reason);

/* qla_main.c: the port registry tcm_qla2xxx looks ports up in */
void qla_ports_add(struct qla_hw *ha);
void qla_ports_del(struct qla_hw *ha);
struct qla_tgt *qla_ports_get_tgt(u64 wwpn);
extern enum qla_role qla_default_role;

/* backends: bus glue */
int qla_emubus_init(void);
void qla_emubus_exit(void);
int qla_pci_init(void);
void qla_pci_exit(void);

#endif /* QLA_DEF_H */
