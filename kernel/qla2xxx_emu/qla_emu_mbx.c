// SPDX-License-Identifier: GPL-2.0
/*
 * qla_emu_mbx.c: the emulated firmware's mailbox commands, in fw context,
 * and the RISC's life: the soft reset, the ROM's LOAD_RISC_RAM_EXTENDED and
 * VERIFY_CHECKSUM, EXECUTE_FIRMWARE, INITIALIZE_FIRMWARE with its control
 * block, the firmware state, the port database query, SCR, STOP_FIRMWARE,
 * and a firmware crash (MBA_SYSTEM_ERR).
 */
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/dma-direct.h>

#include "qla_iocb.h"
#include "qla_emu.h"

/* ---- mailbox commands ---- */

/* A 64-bit address in mailboxes 3 (bits 15:0), 2, 7 and 6 (bits 63:48). */
static u64 qla_emu_mbx_dma(const u16 *mb)
{
	return (u64)mb[6] << 48 | (u64)mb[7] << 32 | (u32)mb[2] << 16 | mb[3];
}

static u16 qla_emu_mbx_init_fw(struct qla_emu_port *p, u16 *mb)
{
	u64 dma = qla_emu_mbx_dma(mb);
	struct qla_icb_desc d;
	unsigned long flags;

	if (p->fw_running)
		return MBS_COMMAND_ERROR;	/* once per firmware start */
	qla_parse_icb(qla_emu_dma(p, dma), &d);
	if (!d.req_len || !d.rsp_len || !d.atio_len || !d.port_name ||
	    (d.fo1 & FO1_RSVD_15))
		return MBS_COMMAND_PARAMETER_ERROR;
	spin_lock_irqsave(&p->reg_lock, flags);
	p->req_ring = qla_emu_dma(p, d.req_dma);
	p->rsp_ring = qla_emu_dma(p, d.rsp_dma);
	p->atio_ring = qla_emu_dma(p, d.atio_dma);
	p->req_len = d.req_len;
	p->rsp_len = d.rsp_len;
	p->atio_len = d.atio_len;
	qla_emu_queues_reset(p);
	p->fw_running = true;
	spin_unlock_irqrestore(&p->reg_lock, flags);
	/* the role and the names are the driver's, as on a card */
	p->fo1 = d.fo1;
	p->fo2 = d.fo2;
	p->fw_wwpn = d.port_name;
	p->fw_wwnn = d.node_name;
	qla_emu_link_start(p);
	return MBS_COMMAND_COMPLETE;
}

/*
 * The firmware stops (STOP_FIRMWARE, a reset or a crash): the rings go
 * first, so that nothing it ends on the way reaches the driver; the link
 * drops without a LOOP DOWN.
 */
static void qla_emu_fw_stop(struct qla_emu_port *p)
{
	unsigned long flags;

	spin_lock_irqsave(&p->reg_lock, flags);
	p->fw_running = false;
	p->req_ring = NULL;
	p->rsp_ring = NULL;
	p->atio_ring = NULL;
	spin_unlock_irqrestore(&p->reg_lock, flags);
	qla_emu_link_stop(p, false);
}

/*
 * GET_FIRMWARE_STATE: config wait until INITIALIZE_FIRMWARE, loss of sync
 * without a cable, wait login while the fabric login (FLOGI) is under
 * way, ready once the port has its N_Port ID.
 */
static u16 qla_emu_fw_state(struct qla_emu_port *p)
{
	if (!p->fw_running)
		return FSTATE_CONFIG_WAIT;
	if (p->link_up)
		return FSTATE_READY;
	if (!READ_ONCE(p->link_enabled))
		return FSTATE_LOSS_OF_SYNC;
	return FSTATE_WAIT_LOGIN;
}

/*
 * The firmware crashes (the fw_crash control file): it stops where it is,
 * the link goes dark (the switch logs the port out) and it reports
 * MBA_SYSTEM_ERR with the place it stopped in mailboxes 1..3. It answers
 * nothing more until the driver resets the ISP.
 */
void qla_emu_crash_work(struct work_struct *work)
{
	struct qla_emu_port *p = container_of(work, struct qla_emu_port,
					      crash_work);
	u16 mb[4] = { MBA_SYSTEM_ERR, QLA_EMU_CRASH_MB1, QLA_EMU_CRASH_MB2,
		      QLA_EMU_CRASH_MB3 };

	mutex_lock(&p->fab->fw_mutex);
	if (p->fw_exec && !p->fw_crashed) {
		dev_info(qla_emu_dev(p), "firmware crash\n");
		p->fw_crashed = true;
		qla_emu_fw_stop(p);
		qla_emu_raise(p, QLA_INT_ASYNC, mb, ARRAY_SIZE(mb));
	}
	qla_emu_fw_unlock(p->fab);
}

void qla_emu_port_crash(struct qla_emu_port *p)
{
	queue_work(p->fab->wq, &p->crash_work);
}

/*
 * A soft reset stops the firmware before anything the driver asks after it.
 * The register write only marks it: the work items may run on other CPUs
 * in another order (the driver's next mailbox command, queued from another
 * CPU, before reset_work), so both apply a pending reset first. Ring entries
 * come only after INITIALIZE_FIRMWARE, a mailbox command.
 */
static void qla_emu_reset_apply(struct qla_emu_port *p)
{
	unsigned long flags;
	bool pending;

	lockdep_assert_held(&p->fab->fw_mutex);
	spin_lock_irqsave(&p->reg_lock, flags);
	pending = p->reset_pending;
	p->reset_pending = false;
	spin_unlock_irqrestore(&p->reg_lock, flags);
	if (!pending)
		return;
	if (p->fw_running)
		qla_emu_fw_stop(p);
	/* back in ROM: the firmware must be loaded and started again */
	p->fw_exec = false;
	p->ram_loaded = false;
	p->fw_verified = false;
	p->ram_sum = 0;
	p->fw_crashed = false;
	memset(p->fw_opts, 0, sizeof(p->fw_opts));
}

void qla_emu_reset_work(struct work_struct *work)
{
	struct qla_emu_port *p = container_of(work, struct qla_emu_port,
					      reset_work);

	mutex_lock(&p->fab->fw_mutex);
	qla_emu_reset_apply(p);
	qla_emu_fw_unlock(p->fab);
}

/*
 * LOAD_RISC_RAM_EXTENDED: mailboxes 8:1 the RISC address, 4:5 the words,
 * 3, 2, 7, 6 the DMA address. The ROM copies the words into RISC RAM; the
 * model keeps their sum and the first load's address, where the image
 * starts.
 */
static u16 qla_emu_mbx_load_ram(struct qla_emu_port *p, u16 *mb)
{
	u32 addr = (u32)mb[8] << 16 | mb[1];
	u32 words = (u32)mb[4] << 16 | mb[5], i;
	const __le32 *w;

	if (p->fw_exec || !words || words > QLA_EMU_LOAD_MAX_WORDS)
		return MBS_COMMAND_PARAMETER_ERROR;
	w = qla_emu_dma(p, qla_emu_mbx_dma(mb));
	if (!p->ram_loaded) {
		p->ram_loaded = true;
		p->ram_start = addr;
	}
	for (i = 0; i < words; i++)
		p->ram_sum += le32_to_cpu(w[i]);
	p->fw_verified = false;
	return MBS_COMMAND_COMPLETE;
}

/*
 * VERIFY_CHECKSUM: mailboxes 1 (high) and 2 (low) the image's start. The
 * words loaded must sum to 0; else the command fails with the sum in
 * mailboxes 1 (high) and 2 (low), and EXECUTE_FIRMWARE is refused.
 */
static u16 qla_emu_mbx_verify(struct qla_emu_port *p, u16 *mb)
{
	u32 addr = (u32)mb[1] << 16 | mb[2];

	if (p->fw_exec || !p->ram_loaded || addr != p->ram_start)
		return MBS_COMMAND_ERROR;
	if (p->ram_sum) {
		mb[1] = p->ram_sum >> 16;
		mb[2] = p->ram_sum & 0xffff;
		return MBS_COMMAND_ERROR;
	}
	p->fw_verified = true;
	return MBS_COMMAND_COMPLETE;
}

/*
 * EXECUTE_FIRMWARE (24xx..28xx): the start address in mailboxes 1 (high)
 * and 2 (low) must be the loaded image's; mailbox 3 is 0; mailbox 4's
 * options and mailbox 11 ask for features this firmware does not have
 * (BPM, NVMe, extended logins, exchange offload, a minimum speed), so they
 * must be 0 but for the forced semaphore (mailbox 11 bit 7). Answers with
 * the firmware's attributes in mailboxes 1, 2, 3 and 5 (none).
 */
static u16 qla_emu_mbx_exec_fw(struct qla_emu_port *p, u16 *mb)
{
	u32 addr = (u32)mb[1] << 16 | mb[2];

	if (p->fw_exec)
		return MBS_COMMAND_ERROR;
	if (!p->fw_verified || addr != p->ram_start || mb[3] || mb[4] ||
	    (mb[11] & ~QLA_EMU_EXEC_SEMAPHORE))
		return MBS_COMMAND_PARAMETER_ERROR;
	p->fw_exec = true;
	mb[1] = 0;
	mb[2] = 0;
	mb[3] = 0;
	mb[5] = 0;
	return MBS_COMMAND_COMPLETE;
}

static u16 qla_emu_mbx_gpdb(struct qla_emu_port *p, u16 *mb)
{
	u64 dma = qla_emu_mbx_dma(mb);
	struct qla_pdb_desc d = { 0 };
	struct qla_emu_pdb *e = qla_emu_pdb_find(p, 0, mb[1]);

	if (!e)
		return MBS_COMMAND_ERROR;
	d.port_name = e->wwpn;
	d.node_name = e->wwnn;
	d.port_id = e->port_id;
	d.nport_handle = e->handle;
	d.prli_wd3 = e->prli_wd3 & 0xffff;
	d.login_state = e->state;
	qla_build_port_db(qla_emu_dma(p, dma), &d);
	return MBS_COMMAND_COMPLETE;
}

/*
 * SEND_CHANGE_REQUEST: the firmware sends SCR to the fabric controller
 * with the registration function in mailbox 1 (vp index in 9: only the
 * physical port, 0, here).
 */
static u16 qla_emu_mbx_scr(struct qla_emu_port *p, u16 *mb)
{
	u8 buf[ELS_SCR_LEN];
	u32 len;

	if (!p->link_up || mb[9] != 0)
		return MBS_COMMAND_ERROR;
	if (!mb[1] || mb[1] > SCR_FORMAT_FULL)
		return MBS_COMMAND_PARAMETER_ERROR;
	len = qla_els_build_scr(buf, sizeof(buf), mb[1]);
	if (qla_emu_send_els(p, FC_DID_FCTRL, FC_RCTL_ELS_REQ,
			     p->next_ox_id++, buf, len))
		return MBS_COMMAND_ERROR;
	if (p->next_ox_id == 0xffff)
		p->next_ox_id = 1;
	return MBS_COMMAND_COMPLETE;
}

void qla_emu_mbx_work(struct work_struct *work)
{
	struct qla_emu_port *p = container_of(work, struct qla_emu_port,
					      mbx_work);
	u16 mb[QLA_MBX_COUNT];
	unsigned long flags;

	mutex_lock(&p->fab->fw_mutex);
	qla_emu_reset_apply(p);
	spin_lock_irqsave(&p->reg_lock, flags);
	memcpy(mb, p->mbx_in, sizeof(mb));
	spin_unlock_irqrestore(&p->reg_lock, flags);

	if (p->fw_crashed) {
		/* a stopped RISC: the command times out */
		qla_emu_fw_unlock(p->fab);
		return;
	}
	if (!p->fw_exec && mb[0] != MBC_EXECUTE_FIRMWARE &&
	    mb[0] != MBC_MAILBOX_REGISTER_TEST &&
	    mb[0] != MBC_VERIFY_CHECKSUM &&
	    mb[0] != MBC_LOAD_RISC_RAM_EXTENDED) {
		/* the ROM knows only how to load and start firmware */
		mb[0] = MBS_INVALID_COMMAND;
		goto answer;
	}
	switch (mb[0]) {
	case MBC_EXECUTE_FIRMWARE:
		mb[0] = qla_emu_mbx_exec_fw(p, mb);
		break;
	case MBC_MAILBOX_REGISTER_TEST:
		mb[0] = MBS_COMMAND_COMPLETE;
		break;
	case MBC_LOAD_RISC_RAM_EXTENDED:
		mb[0] = qla_emu_mbx_load_ram(p, mb);
		break;
	case MBC_VERIFY_CHECKSUM:
		mb[0] = qla_emu_mbx_verify(p, mb);
		break;
	case MBC_GET_FIRMWARE_VERSION:
		mb[0] = MBS_COMMAND_COMPLETE;
		mb[1] = QLA_EMU_FW_MAJOR;
		mb[2] = QLA_EMU_FW_MINOR;
		mb[3] = QLA_EMU_FW_SUB;
		mb[6] = 0;
		break;
	case MBC_INITIALIZE_FIRMWARE:
		mb[0] = qla_emu_mbx_init_fw(p, mb);
		break;
	case MBC_STOP_FIRMWARE:
		qla_emu_fw_stop(p);
		mb[0] = MBS_COMMAND_COMPLETE;
		break;
	case MBC_GET_ADAPTER_LOOP_ID:
		if (!p->link_up) {
			mb[0] = MBS_COMMAND_ERROR;
			break;
		}
		/* an N_Port on a switch's F_Port; no switch capabilities */
		mb[0] = MBS_COMMAND_COMPLETE;
		mb[1] = 0;
		mb[2] = p->port_id & 0xffff;
		mb[3] = p->port_id >> 16;
		mb[6] = QLA_TOPO_FABRIC;
		mb[7] = 0;
		break;
	case MBC_GET_PORT_DATABASE:
		mb[0] = qla_emu_mbx_gpdb(p, mb);
		break;
	case MBC_GET_FIRMWARE_STATE:
		mb[0] = MBS_COMMAND_COMPLETE;
		mb[1] = qla_emu_fw_state(p);
		break;
	case MBC_SET_FIRMWARE_OPTION:
		/*
		 * The additional firmware options (none of them the role,
		 * which comes from the init control block): kept, unused.
		 */
		p->fw_opts[1] = mb[1];
		p->fw_opts[2] = mb[2];
		p->fw_opts[3] = mb[3];
		p->fw_opts[10] = mb[10];
		mb[0] = MBS_COMMAND_COMPLETE;
		break;
	case MBC_SEND_CHANGE_REQUEST:
		mb[0] = qla_emu_mbx_scr(p, mb);
		break;
	case MBC_LIP_FULL_LOGIN:
		if (!p->fw_running) {
			mb[0] = MBS_COMMAND_ERROR;
			break;
		}
		qla_emu_link_stop(p, true);
		qla_emu_link_start(p);
		mb[0] = MBS_COMMAND_COMPLETE;
		break;
	default:
		mb[0] = MBS_INVALID_COMMAND;
		break;
	}
answer:
	qla_emu_raise(p, mb[0] == MBS_COMMAND_COMPLETE ? QLA_INT_MBX_DONE :
		      QLA_INT_MBX_ERR, mb, QLA_MBX_COUNT);
	qla_emu_fw_unlock(p->fab);
}
