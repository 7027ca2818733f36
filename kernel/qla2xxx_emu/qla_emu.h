/* SPDX-License-Identifier: GPL-2.0 */
/*
 * qla_emu.h: the emulated ISP and FC switch, private to qla2xxx_emu.ko.
 * The driver never includes this header: it reaches an emulated port only
 * through the bus of qla_emu_bus.h (registers, one interrupt line) and
 * ring memory, as it reaches a card.
 *
 * Execution model: every piece of firmware and switch behaviour runs as a
 * work item on the per-CPU workqueue fab->wq holding fab->fw_mutex ("fw
 * context" below), so firmware state has one owner at a time and no port
 * ever calls into another: a frame is queued on the fabric and delivered by
 * the deliver work. The work runs on the CPU that rang the doorbell (or
 * posted the frame), so a command's hops stay on one CPU without cross-CPU
 * wakeups. Raising an interrupt queues irq_work, which calls the driver's
 * handler without fw_mutex (the handler rings doorbells, and may run while
 * another CPU runs firmware, as on a card).
 *
 * Locks, outermost first (the one list of both modules' locks, in order,
 * is docs/architecture.md's "Locking rules"):
 *  - fab->ctl_mutex (mutex): serialises control-file operations (add,
 *    remove, link), qla2xxx_emu_bus_add/_del and module exit; held across
 *    a port's device add/del, so the driver's probe/remove run inside it.
 *  - fab->fw_mutex (mutex): fw context; taken by every firmware work item
 *    except irq_work. No driver lock is held when it is taken.
 *  - fab->lock (mutex): the port list and the switch's port table.
 *    Never held while waiting for the workqueue or the driver.
 *  - port->reg_lock (spinlock, irqsave): the register file, the queue
 *    of pending interrupts and the connected handler. Taken inside the
 *    driver's hw_lock and inside fw_mutex; takes no other lock.
 *  - fab->frame_lock (spinlock, irqsave): frames waiting for delivery.
 *  - fab->fault_lock (spinlock): the fault-injection table.
 */
#ifndef QLA_EMU_H
#define QLA_EMU_H

#include <linux/device.h>
#include <linux/platform_device.h>
#include <linux/workqueue.h>
#include <linux/interrupt.h>

#include "qla_fw.h"
#include "qla_iocb.h"
#include "qla_emu_bus.h"

#define QLA_EMU_MAX_PORTS	64
#define QLA_EMU_ELS_TMO_MS	1000
/* how long an ABTS waits for BA_ACC/BA_RJT (a card: 2 x R_A_TOV, 20 s) */
#define QLA_EMU_ABTS_TMO_MS	2000
#define QLA_EMU_MAX_INTS	32
/* the most entries one IOCB can take (its entry_count is 8 bits) */
#define QLA_EMU_REQ_ENTRIES	255
#define QLA_EMU_MAX_FAULTS	16
#define QLA_EMU_DOMAIN		0x01
#define QLA_EMU_FW_HANDLE_BASE	0x400	/* for ports that log in to one */
#define QLA_EMU_FW_HANDLES	0x300
#define QLA_EMU_CT_BUF_SIZE	8192	/* the name server's answers */

/* the firmware the emulated RISC runs */
#define QLA_EMU_FW_MAJOR	9
#define QLA_EMU_FW_MINOR	6
#define QLA_EMU_FW_SUB		1
#define QLA_EMU_RISC_ADDR	0x00100000	/* the image's two segments */
#define QLA_EMU_RISC_ADDR2	0x00200000
#define QLA_EMU_LOAD_MAX_WORDS	0x10000
#define QLA_EMU_EXEC_SEMAPHORE	0x0080	/* EXECUTE_FIRMWARE mailbox 11 */
/* where the emulated firmware says it stopped, in MBA_SYSTEM_ERR */
#define QLA_EMU_CRASH_MB1	0x0bad
#define QLA_EMU_CRASH_MB2	0x0001
#define QLA_EMU_CRASH_MB3	0x0000

/* R_CTL and TYPE of the frames the emulation exchanges. */
#define FC_RCTL_ELS_REQ		0x22
#define FC_RCTL_ELS_REP		0x23
#define FC_RCTL_DD_UNSOL_CTL	0x02
#define FC_RCTL_DD_SOL_CTL	0x03
#define FC_RCTL_DD_UNSOL_CMD	0x06
#define FC_RCTL_DD_SOL_DATA	0x01
#define FC_RCTL_DD_CMD_STATUS	0x07
#define FC_RCTL_DD_DATA_DESC	0x05
#define FC_TYPE_ELS		0x01
#define FC_TYPE_CT		0x20
#define FC_TYPE_BLS		0x00
/* F_CTL bit 23, exchange context: the frame is the responder's */
#define FC_FCTL_EXCH_RESP	0x800000

/* LS_RJT reason codes (FC-LS), byte 5 of its payload */
#define ELS_RJT_LOGICAL		0x03	/* logical error */
#define ELS_RJT_UNABLE		0x09	/* unable to perform command request */
#define ELS_RJT_UNSUPPORTED	0x0b	/* command not supported */

/* Frame kinds, for tracing and fault injection. */
enum qla_emu_kind {
	QLA_FK_FCP_CMND,
	QLA_FK_DATA,
	QLA_FK_RSP,
	QLA_FK_ABTS,
	QLA_FK_PLOGI,
	QLA_FK_PRLI,
	QLA_FK_LOGO,
	QLA_FK_FLOGI,
	QLA_FK_CT,
	QLA_FK_RSCN,
	QLA_FK_SCR,
	QLA_FK_ELS_RSP,
	QLA_FK_OTHER,
	QLA_FK_NR,
};

const char *qla_emu_kind_name(enum qla_emu_kind k);
int qla_emu_kind_parse(const char *s);

/*
 * Where the data of a command or CTIO lives: its data segments as the
 * firmware read them from the request ring (the entry's own descriptor and
 * its continuations'), kept after the ring entries are given back.
 */
struct qla_emu_sgl {
	u32 count;
	struct qla_seg one;		/* count <= 1 */
	struct qla_seg *seg;		/* count > 1: allocated, count of them */
};

static inline const struct qla_seg *
qla_emu_sgl_at(const struct qla_emu_sgl *s, u32 i)
{
	return s->seg ? &s->seg[i] : &s->one;
}

/*
 * Data-in of a CTIO, read by the ISP's DMA engine through the CTIO's
 * descriptors when each FCP_DATA frame reaches its receiver, which writes
 * it through its own descriptors: one copy, target memory to initiator
 * memory. The frames hold references (fw context); the CTIO completes when
 * the last frame is gone, delivered or dropped, so that the driver frees
 * its buffer only after the data left, as on a card.
 */
struct qla_emu_dsrc {
	unsigned int refs;		/* fw context */
	struct qla_emu_port *p;		/* the sending port */
	struct qla_emu_sgl sgl;
	struct qla_ctio7_desc ctio;	/* completed when refs drops to 0 */
	u16 status;			/* CTIO_SUCCESS unless cancelled */
};

struct qla_emu_frame {
	struct list_head node;
	unsigned long due;		/* jiffies */
	u32 s_id, d_id;
	u16 ox_id, rx_id;
	u8 r_ctl, type;
	u32 param;			/* relative offset of FCP data */
	bool responder;			/* F_CTL exchange context: sent by the
					 * exchange's responder (target)
					 */
	enum qla_emu_kind kind;
	struct qla_emu_dsrc *src;	/* FCP data by reference, or NULL */
	u32 src_off;			/* offset of the data in src->sgl */
	u32 len;
	u8 payload[];			/* the data unless src is set */
};

enum qla_emu_fault_action {
	QLA_FAULT_DROP,
	QLA_FAULT_DELAY,
	QLA_FAULT_LONG_SENSE,		/* an FCP_RSP's sense grows to 96 bytes,
					 * as some arrays send
					 */
	QLA_FAULT_RSP_INFO,		/* an FCP_RSP gets FCP_RSP_INFO */
	QLA_FAULT_STATUS,		/* an FCP_RSP gets another SCSI status
					 * (and, for CHECK CONDITION, sense)
					 */
	QLA_FAULT_NR,
};

struct qla_emu_fault {
	bool used;
	enum qla_emu_kind kind;
	enum qla_emu_fault_action action;
	u32 count;			/* frames still to affect */
	u32 delay_ms;
	u8 rsp_code;			/* QLA_FAULT_RSP_INFO */
	u8 status;			/* QLA_FAULT_STATUS */
	u8 sense[3];			/* and its key, ASC, ASCQ */
	u64 wwpn;			/* sender; 0: any */
};

/* crafted frames (ctl frame, random): what was sent, what came back */
#define QLA_EMU_CRAFT_XCHGS	64	/* exchanges whose answers are kept */
#define QLA_EMU_CRAFT_ANSWERS	24	/* answers kept, the newest */
#define QLA_EMU_CRAFT_ANSWER_LEN 160	/* a line: the header, then */
#define QLA_EMU_CRAFT_SHOW_BYTES 40	/* the payload's first bytes */
#define QLA_EMU_CRAFT_MAX	2048	/* payload bytes of a crafted frame */

/* A frame to craft, as the frame control file gives it. */
struct qla_emu_craft_desc {
	u64 from, to;			/* source port; destination port or 0 */
	u32 d_id;			/* destination when to is 0 */
	u8 r_ctl, type;
	u32 f_ctl;			/* only exchange context is kept */
	u16 ox_id, rx_id;
	u32 param;
	u32 len;
	u8 payload[QLA_EMU_CRAFT_MAX];
};

/*
 * The exchanges of the last crafted frames (source, destination, OX_ID):
 * a frame back on one of them is an answer, kept for the frame control
 * file to read and not handed to the source port's firmware, which never
 * opened the exchange. fw context.
 */
struct qla_emu_craft {
	struct {
		u32 s_id, d_id;
		u16 ox_id;
	} sent[QLA_EMU_CRAFT_XCHGS];
	unsigned int n_sent, next_sent;
	char answers[QLA_EMU_CRAFT_ANSWERS][QLA_EMU_CRAFT_ANSWER_LEN];
	unsigned int n_ans, next_ans;
};

struct qla_emu_fabric {
	struct mutex lock;		/* ports */
	struct list_head ports;
	struct mutex ctl_mutex;		/* control operations */
	spinlock_t frame_lock;		/* frames */
	struct list_head frames;
	spinlock_t fault_lock;		/* faults */
	struct qla_emu_fault faults[QLA_EMU_MAX_FAULTS];
	struct mutex fw_mutex;		/* fw context */
	struct workqueue_struct *wq;	/* per-CPU: all firmware work */
	struct delayed_work deliver_work;
	struct device *root;
	u64 switch_wwn;
	char tmf_result[128];		/* the tmf control file; fw_mutex */
	struct qla_emu_craft craft;	/* fw_mutex */
};

/* Pending interrupt causes, raised one at a time as hardware does. */
struct qla_emu_int {
	u8 type;
	u16 mb[QLA_MBX_COUNT];
};

/* The firmware's port database: one entry per logged-in remote port. */
struct qla_emu_pdb {
	struct list_head node;
	u32 port_id;
	u16 handle;
	u64 wwpn, wwnn;
	u32 prli_wd3;
	u8 state;			/* PDS_* */
};

/* An exchange this port originated (ELS or CT), waiting for its reply. */
enum qla_emu_xop {
	QLA_XOP_FLOGI,
	QLA_XOP_PLOGI,
	QLA_XOP_PRLI,
	QLA_XOP_LOGO,
	QLA_XOP_CT,
};

struct qla_emu_xchg {
	struct list_head node;
	enum qla_emu_xop op;
	u16 ox_id;
	u32 d_id;
	u16 nport_handle;
	bool then_prli;
	unsigned long deadline;
	bool has_iocb;
	u8 iocb[QLA_IOCB_SIZE];		/* the request to complete */
};

/* An incoming ELS held until the driver's Notify Acknowledge. */
struct qla_emu_ntfy {
	struct list_head node;
	u32 exchange;
	u8 els;
	u32 s_id;
	u16 ox_id;
	struct qla_ntfy_desc in;	/* what the notify said: the ack echoes it */
};

/* An FCP exchange this port opened as initiator (command type 7). */
struct qla_emu_iox {
	struct list_head node;
	u16 ox_id, rx_id;
	u32 d_id;
	struct qla_cmd7_desc cmd;	/* a command IOCB's exchange, */
	struct qla_emu_sgl sgl;		/* its data segments, or */
	bool is_tmf;			/* a task management IOCB's */
	bool injected;			/* a TMF from the tmf control file */
	u8 tmf_flag;			/* FCP_TMF_* */
	struct qla_tmf_desc tmf;
	u32 moved;			/* data bytes received or sent */
	bool aborting;			/* ABTS sent, BA_ACC or BA_RJT due */
	unsigned long abts_deadline;	/* jiffies */
	struct qla_abort_desc abort;	/* the abort IOCB that asked */
};

/* An FCP exchange this port answers as target (ATIO posted). */
struct qla_emu_tx {
	struct list_head node;
	u32 exchange;
	u32 s_id;
	u16 ox_id;
	bool ctio_pending;		/* a data-out CTIO waits for data */
	unsigned long ctio_deadline;	/* jiffies, if ctio.timeout */
	bool abts;			/* ABTS received, ABTS response due */
	struct qla_ctio7_desc ctio;
	struct qla_emu_sgl sgl;		/* the data-out CTIO's segments */
	u32 received;
};

/* Where an emulated model keeps its NVRAM, as the card of that family. */
enum qla_emu_nv {
	QLA_EMU_NV_NVRAM,		/* 24xx: the NVRAM window */
	QLA_EMU_NV_VPD,			/* 25xx: flash VPD/NVRAM region */
	QLA_EMU_NV_FLT,			/* 83xx and later: regions in the FLT */
};

/*
 * One emulated ISP model, the card's own view of itself: its PCI device
 * id, the BAR that decodes its register file and the one that decodes its
 * queue pointers (the multiqueue window when they differ), its flash
 * windows and the model name its NVRAM holds.
 */
struct qla_emu_model {
	const char *key;		/* emu_model= and add_port model= */
	u16 device_id;
	const char *model;
	u8 reg_bar, q_bar;
	enum qla_emu_nv nv;
	u32 flash_data_off;		/* QLA_FARX_* window of the flash */
	u32 flt_addr;			/* dword address of its FLT, or 0 */
};

const struct qla_emu_model *qla_emu_model_find(const char *key);
extern const struct qla_emu_model *qla_emu_model_default;

#define QLA_EMU_FLT_REGIONS	5
#define QLA_EMU_FW_WORDS	96	/* its firmware image: two segments */

struct qla_emu_port {
	struct platform_device *pdev;	/* qla2xxx_emu.N, bound by "qla2xxx" */
	struct qla_emu_fabric *fab;
	struct list_head node;		/* fab->ports, under fab->lock */
	int index;
	u64 wwpn, wwnn;
	const struct qla_emu_model *model;
	u8 func;			/* PCI function: NVRAM 0 or 1 */
	/*
	 * the flash contents: this function's NVRAM, the FLT and the firmware
	 * image (host-order words); fw_image under reg_lock (fw_corrupt)
	 */
	u8 nvram[QLA_NV_SIZE];
	u32 fw_image[QLA_EMU_FW_WORDS];
	u8 flt[sizeof(struct qla_flt_header) +
	       QLA_EMU_FLT_REGIONS * sizeof(struct qla_flt_region)];
	bool link_enabled;		/* the cable; ctl, READ_ONCE */

	/* reg_lock protects the register file and ints[] */
	spinlock_t reg_lock;
	u32 ctrl_status, ictrl, host_status;
	u32 flash_addr, flash_data;
	bool reset_pending;		/* soft reset: firmware to stop first */
	u32 req_in, req_out, rsp_in, rsp_out, atio_in, atio_out;
	u16 mbx_in[QLA_MBX_COUNT], mbx_out[QLA_MBX_COUNT];
	struct qla_emu_int ints[QLA_EMU_MAX_INTS];
	unsigned int int_head, int_count;
	irq_handler_t isr;		/* the driver's, from irq_connect */
	void *isr_arg;

	struct work_struct mbx_work, req_work, irq_work, reset_work, link_work;
	struct work_struct crash_work;
	struct delayed_work xchg_work;

	/*
	 * firmware state: fw context only. fw_exec: EXECUTE_FIRMWARE ran
	 * (until a reset); fw_running: INITIALIZE_FIRMWARE set it up;
	 * fw_crashed: stopped on a system error, answers no mailbox.
	 */
	bool fw_exec, fw_running, fw_crashed, link_up;
	/*
	 * RISC RAM as the ROM fills it: the words loaded since the reset sum
	 * to ram_sum; ram_start is the first load's address; fw_verified:
	 * VERIFY_CHECKSUM found the sum 0 (fw context)
	 */
	bool ram_loaded, fw_verified;
	u32 ram_sum, ram_start;
	u32 port_id, fo1, fo2;
	u64 fw_wwpn, fw_wwnn;		/* from the init control block */
	u16 fw_opts[QLA_FW_OPTS_WORDS];	/* SET_FIRMWARE_OPTION's */
	void *req_ring, *rsp_ring, *atio_ring;
	/* the request ring entries of the IOCB being processed */
	u8 req_iocb[QLA_EMU_REQ_ENTRIES][QLA_IOCB_SIZE];
	u16 req_len, rsp_len, atio_len;
	struct list_head pdb, xchgs, ntfys;
	struct list_head ioxs, txs;	/* FCP exchanges */
	u16 next_ox_id, next_handle;
	u32 next_exchange;

	/* the switch's view of this port: fw context, read under fab->lock */
	u32 sw_port_id;
	u64 sw_wwpn;			/* the name it logged in (FLOGI) with */
	bool ns_registered;
	u8 ns_fc4_type, ns_features;
	u8 scr_function;		/* SCR_FUNC_*, 0: sends no RSCN */

	/* frames the firmware discarded (malformed, unknown): fw context */
	u32 rx_discards;
};

static inline struct device *qla_emu_dev(struct qla_emu_port *p)
{
	return &p->pdev->dev;
}

/* qla_emu_isp.c: the request ring, a port's firmware state */
void qla_emu_port_init(struct qla_emu_port *p);
void qla_emu_port_quiesce(struct qla_emu_port *p);
void qla_emu_req_reject(struct qla_emu_port *p, void *iocb, u8 status);

/* qla_emu_regs.c: the register file, the interrupt line, rings out */
extern const struct qla_emu_bus_ops qla_emu_bus_ops;
void *qla_emu_dma(struct qla_emu_port *p, u64 dma);
void qla_emu_irq_work(struct work_struct *work);
void qla_emu_raise(struct qla_emu_port *p, u8 type, const u16 *mb, int nmb);
void qla_emu_async(struct qla_emu_port *p, u16 code, u16 mb1, u16 mb2);
void qla_emu_port_logged_out(struct qla_emu_port *p, u16 handle);
void qla_emu_queues_reset(struct qla_emu_port *p);
void qla_emu_rsp_post(struct qla_emu_port *p, const void *iocb);
void qla_emu_atio_post(struct qla_emu_port *p, const void *entries, u32 n);

/* qla_emu_mbx.c: mailbox firmware, reset, crash */
void qla_emu_mbx_work(struct work_struct *work);
void qla_emu_reset_work(struct work_struct *work);
void qla_emu_crash_work(struct work_struct *work);
void qla_emu_port_crash(struct qla_emu_port *p);

/* qla_emu_flash.c: the models' flash (qla_emu_model_find above) */
void qla_emu_port_flash_init(struct qla_emu_port *p);
u32 qla_emu_flash_rd(struct qla_emu_port *p, u32 addr);
void qla_emu_port_fw_corrupt(struct qla_emu_port *p);

/* qla_emu_els.c: port database, ELS/CT exchanges, link, frames in */
struct qla_emu_pdb *qla_emu_pdb_find(struct qla_emu_port *p, u32 port_id,
				     u16 handle);
int qla_emu_pdb_bind(struct qla_emu_port *p, u16 handle, u32 port_id);
void qla_emu_pdb_clear(struct qla_emu_port *p);
int qla_emu_send_els(struct qla_emu_port *p, u32 d_id, u8 r_ctl, u16 ox_id,
		     const u8 *pl, u32 len);
void qla_emu_send_logo(struct qla_emu_port *p, u32 d_id);
void qla_emu_xchg_free(struct qla_emu_xchg *x);
void qla_emu_xchg_work(struct work_struct *work);
void qla_emu_link_start(struct qla_emu_port *p);
void qla_emu_link_stop(struct qla_emu_port *p, bool report);
void qla_emu_link_work(struct work_struct *work);
void qla_emu_port_link_changed(struct qla_emu_port *p);
void qla_emu_port_rx(struct qla_emu_port *p, struct qla_emu_frame *f);
void qla_emu_req_logio(struct qla_emu_port *p, const void *iocb);
void qla_emu_req_ct(struct qla_emu_port *p, const void *iocb);
void qla_emu_req_nack(struct qla_emu_port *p, const void *iocb);

/* qla_emu_fcp.c: what both FCP engines share; frames in; timer, purge */
void qla_emu_fcp_rx(struct qla_emu_port *p, struct qla_emu_frame *f);
void qla_emu_fcp_purge(struct qla_emu_port *p, u32 port_id);
bool qla_emu_fcp_expire(struct qla_emu_port *p);
void qla_emu_fcp_free(struct qla_emu_port *p);
int qla_emu_sgl_read(struct qla_emu_sgl *s, const void *iocb, u32 count,
		     u64 addr, u32 len);
void qla_emu_sgl_free(struct qla_emu_sgl *s);
bool qla_emu_dseg_bad(struct qla_emu_port *p, void *iocb, u32 count);
int qla_emu_sgl_copy(struct qla_emu_port *p, const struct qla_emu_sgl *s,
		     u32 offset, void *buf, u32 len, bool to_mem);
int qla_emu_frame_data(struct qla_emu_port *p, const struct qla_emu_sgl *s,
		       u32 offset, struct qla_emu_frame *f);
struct qla_emu_frame *qla_emu_fcp_frame(struct qla_emu_port *p, u32 d_id,
					u8 r_ctl, u16 ox_id, u16 rx_id,
					u32 len);
int qla_emu_send_data(struct qla_emu_port *p, u32 d_id, u16 ox_id, u16 rx_id,
		      bool responder, const struct qla_emu_sgl *s,
		      u32 sgl_off, u32 rel_off, u32 len,
		      struct qla_emu_dsrc *src);

/* qla_emu_fcp_ini.c: the FCP initiator */
void qla_emu_req_cmd7(struct qla_emu_port *p, void *iocb);
void qla_emu_req_abort(struct qla_emu_port *p, const void *iocb);
void qla_emu_req_tmf(struct qla_emu_port *p, const void *iocb);
int qla_emu_tmf_inject(struct qla_emu_port *p, u64 target, u64 lun, u8 flag);
void qla_emu_ini_rx(struct qla_emu_port *p, struct qla_emu_frame *f);
void qla_emu_ini_ba(struct qla_emu_port *p, struct qla_emu_frame *f);
void qla_emu_timer_arm(struct qla_emu_port *p);
void qla_emu_iox_end(struct qla_emu_iox *x);
void qla_emu_iox_fail(struct qla_emu_port *p, struct qla_emu_iox *x, u16 comp);
void qla_emu_abort_end(struct qla_emu_port *p, struct qla_emu_iox *x,
		       u16 comp);

/* qla_emu_fcp_tgt.c: the FCP target */
void qla_emu_req_ctio7(struct qla_emu_port *p, void *iocb);
void qla_emu_req_abts_resp(struct qla_emu_port *p, const void *iocb);
void qla_emu_dsrc_put(struct qla_emu_dsrc *d, bool post);
void qla_emu_tgt_cmnd(struct qla_emu_port *p, struct qla_emu_frame *f);
void qla_emu_tgt_data(struct qla_emu_port *p, struct qla_emu_frame *f);
void qla_emu_tgt_abts(struct qla_emu_port *p, struct qla_emu_frame *f);
void qla_emu_ctio_done(struct qla_emu_port *p, const struct qla_ctio7_desc *c,
		       u16 status);
void qla_emu_tx_end(struct qla_emu_port *p, struct qla_emu_tx *t, u16 status);

/* qla_emu_fabric.c: the switch, frame delivery, fault injection */
extern struct qla_emu_fabric qla_emu_fab;
struct qla_emu_frame *qla_emu_frame_new(u32 len, gfp_t gfp);
void qla_emu_frame_free(struct qla_emu_frame *f);
void qla_emu_deliver_work(struct work_struct *work);
void qla_emu_fw_unlock(struct qla_emu_fabric *fab);
void qla_emu_frames_cancel(struct qla_emu_port *p, bool post);
void qla_emu_send(struct qla_emu_port *from, struct qla_emu_frame *f);
void qla_emu_switch_logout(struct qla_emu_port *p);
enum qla_emu_kind qla_emu_classify(const struct qla_emu_frame *f);
int qla_emu_fault_add(const struct qla_emu_fault *f);
const char *qla_emu_fault_action_name(enum qla_emu_fault_action a);
int qla_emu_fault_action_parse(const char *s);
void qla_emu_fault_clear(void);
void qla_emu_discard(struct qla_emu_port *p, const struct qla_emu_frame *f,
		     const char *why);

/* qla_emu_craft.c: crafted frames (frame, random control files) */
int qla_emu_craft_send(const struct qla_emu_craft_desc *d);
int qla_emu_craft_random(u64 from, u64 to, u64 seed, u32 count, u32 lun);
bool qla_emu_craft_answer(struct qla_emu_fabric *fab,
			  const struct qla_emu_frame *f);
ssize_t qla_emu_craft_show(char *buf);
void qla_emu_craft_clear(void);

/* qla_emu_main.c: the module, the ports as devices */
int qla_emu_port_add(u64 wwpn, u64 wwnn, const struct qla_emu_model *m,
		     struct qla_emu_port **out);
void qla_emu_port_del(struct qla_emu_port *p);
struct qla_emu_port *qla_emu_port_find(u64 wwpn);

/* qla_emu_ctl.c: the control files */
int qla_emu_ctl_init(void);
void qla_emu_ctl_exit(void);

#endif /* QLA_EMU_H */
