// SPDX-License-Identifier: GPL-2.0
/*
 * Data buffers for READ and WRITE commands, kept for reuse: a card's
 * target driver hands its DMA engine buffers it keeps mapped-ready, rather
 * than having the core allocate (and, with init_on_alloc, clear) fresh
 * pages for every command. LIO takes them as the command's scatterlist
 * (SCF_PASSTHROUGH_SG_TO_MEM_NOALLOC) and never frees them; release_cmd
 * gives them back.
 *
 * Only data CDBs with neither overflow nor underflow, no protection
 * information, no bidirectional or compare-and-write data use them: the
 * backstore or the initiator writes every byte the target sends, so no
 * stale data leaves the machine. Anything else keeps LIO's allocation.
 *
 * Free buffers wait in one list per capacity (1 << order pages) under
 * tcm_qla_bufs.lock; at most TCM_QLA_BUF_CACHE_PAGES pages stay cached.
 */
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/scatterlist.h>
#include <linux/log2.h>
#include <target/target_core_base.h>

#include "tcm_qla2xxx.h"

#define TCM_QLA_BUF_MAX_ORDER	8	/* 256 pages: 1 MiB, max_sectors */
#define TCM_QLA_BUF_CACHE_PAGES	4096	/* 16 MiB */

struct tcm_qla_buf {
	struct list_head node;
	unsigned int order;
	struct scatterlist sg[];
};

static struct {
	spinlock_t lock;		/* the lists and cached */
	struct list_head free[TCM_QLA_BUF_MAX_ORDER + 1];
	unsigned int cached;		/* pages */
} tcm_qla_bufs = {
	.lock = __SPIN_LOCK_UNLOCKED(tcm_qla_bufs.lock),
};

static void tcm_qla_buf_free(struct tcm_qla_buf *b)
{
	unsigned int i;

	for (i = 0; i < (1U << b->order); i++)
		if (sg_page(&b->sg[i]))
			__free_page(sg_page(&b->sg[i]));
	kfree(b);
}

static struct tcm_qla_buf *tcm_qla_buf_alloc(unsigned int order)
{
	unsigned int i, cap = 1U << order;
	struct tcm_qla_buf *b;
	struct page *pg;

	b = kzalloc(struct_size(b, sg, cap), GFP_KERNEL);
	if (!b)
		return NULL;
	b->order = order;
	sg_init_table(b->sg, cap);
	for (i = 0; i < cap; i++) {
		pg = alloc_page(GFP_KERNEL);
		if (!pg) {
			tcm_qla_buf_free(b);
			return NULL;
		}
		sg_set_page(&b->sg[i], pg, PAGE_SIZE, 0);
	}
	return b;
}

/* A buffer of len bytes as *nents scatterlist entries, or NULL. */
static struct tcm_qla_buf *tcm_qla_buf_get(u32 len, unsigned int *nents)
{
	unsigned int i, n = DIV_ROUND_UP(len, PAGE_SIZE), order;
	struct tcm_qla_buf *b;

	if (!n || n > (1U << TCM_QLA_BUF_MAX_ORDER))
		return NULL;
	order = order_base_2(n);
	spin_lock(&tcm_qla_bufs.lock);
	b = list_first_entry_or_null(&tcm_qla_bufs.free[order],
				     struct tcm_qla_buf, node);
	if (b) {
		list_del(&b->node);
		tcm_qla_bufs.cached -= 1U << order;
	}
	spin_unlock(&tcm_qla_bufs.lock);
	if (!b)
		b = tcm_qla_buf_alloc(order);
	if (!b)
		return NULL;
	for (i = 0; i < n; i++) {
		sg_unmark_end(&b->sg[i]);
		b->sg[i].length = min_t(u32, len - i * PAGE_SIZE, PAGE_SIZE);
	}
	sg_mark_end(&b->sg[n - 1]);
	*nents = n;
	return b;
}

/*
 * After target_submit_prep: give a READ or WRITE its data buffer from the
 * cache (see above for which commands qualify).
 */
void tcm_qla_buf_attach(struct tcm_qla_cmd *tc)
{
	struct se_cmd *se_cmd = &tc->se_cmd;
	struct tcm_qla_buf *b;
	unsigned int n;

	if (!(se_cmd->se_cmd_flags & SCF_SCSI_DATA_CDB) ||
	    (se_cmd->se_cmd_flags & (SCF_OVERFLOW_BIT | SCF_UNDERFLOW_BIT |
				     SCF_BIDI | SCF_COMPARE_AND_WRITE |
				     SCF_PASSTHROUGH_SG_TO_MEM_NOALLOC)) ||
	    se_cmd->prot_op != TARGET_PROT_NORMAL || !se_cmd->data_length ||
	    se_cmd->t_data_sg)
		return;
	b = tcm_qla_buf_get(se_cmd->data_length, &n);
	if (!b)
		return;		/* LIO allocates, as for any other command */
	tc->buf = b;
	se_cmd->t_data_sg = b->sg;
	se_cmd->t_data_nents = n;
	se_cmd->se_cmd_flags |= SCF_PASSTHROUGH_SG_TO_MEM_NOALLOC;
}

/* release_cmd: the buffer goes back to the cache, or is freed. */
void tcm_qla_buf_detach(struct tcm_qla_cmd *tc)
{
	struct tcm_qla_buf *b = tc->buf;
	unsigned int cap;

	if (!b)
		return;
	tc->buf = NULL;
	cap = 1U << b->order;
	spin_lock(&tcm_qla_bufs.lock);
	if (tcm_qla_bufs.cached + cap <= TCM_QLA_BUF_CACHE_PAGES) {
		list_add(&b->node, &tcm_qla_bufs.free[b->order]);
		tcm_qla_bufs.cached += cap;
		b = NULL;
	}
	spin_unlock(&tcm_qla_bufs.lock);
	if (b)
		tcm_qla_buf_free(b);
}

void tcm_qla_buf_init(void)
{
	unsigned int i;

	for (i = 0; i <= TCM_QLA_BUF_MAX_ORDER; i++)
		INIT_LIST_HEAD(&tcm_qla_bufs.free[i]);
}

/* Module exit: every command is released, free the cache. */
void tcm_qla_buf_exit(void)
{
	struct tcm_qla_buf *b, *t;
	unsigned int i;

	for (i = 0; i <= TCM_QLA_BUF_MAX_ORDER; i++)
		list_for_each_entry_safe(b, t, &tcm_qla_bufs.free[i], node) {
			list_del(&b->node);
			tcm_qla_buf_free(b);
		}
	tcm_qla_bufs.cached = 0;
}
