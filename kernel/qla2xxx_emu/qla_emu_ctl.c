// SPDX-License-Identifier: GPL-2.0
/*
 * qla_emu_ctl.c: control files of the emulated fabric, in
 * /sys/class/qla2xxx_emu/ctl/:
 *
 *   add_port   ""  or  "wwpn=<wwn>[,wwnn=<wwn>][,model=<m>]"
 *              m: an emu_model= key (2432, 2532, 2031, 2722, 2071,
 *              2812, 2081) or PCI device id; default 2722
 *   del_port   "<wwn>"  or  "wwpn=<wwn>"
 *   link_down  "<wwn>"          link_up  "<wwn>"
 *   fw_crash   "<wwn>"          the port's firmware crashes: its link goes
 *              dark and it reports MBA_SYSTEM_ERR; the driver resets the
 *              ISP and starts the firmware again
 *   fw_corrupt "<wwn>"          one word of the firmware image in the port's
 *              flash goes bad: the next load (ISP reset) fails
 *              VERIFY_CHECKSUM, as on a card
 *   fault      "kind=<k>,action=drop|delay|long_sense|rsp_info|status
 *               [,count=<n>][,delay_ms=<ms>][,rsp_code=<c>][,status=<s>]
 *               [,sense=<key>/<asc>/<ascq>][,wwpn=<sender wwn>]"
 *              or "clear"
 *              k: fcp_cmnd data rsp abts plogi prli logo flogi ct rscn
 *              scr;
 *              long_sense (kind=rsp only) pads the sense of an FCP_RSP
 *              that has some to 96 bytes; rsp_info (kind=rsp only) adds
 *              FCP_RSP_INFO with RSP_CODE c (default 0); status (kind=rsp
 *              only) makes the SCSI status s, with fixed-format sense of
 *              that key/ASC/ASCQ (hex) when s is 2 (CHECK CONDITION)
 *   nport_handle "wwpn=<port>,handle=<hex>,port_id=<hex>"
 *              the port's firmware holds a login for port_id under that
 *              N_Port handle (until its link goes down), so that the
 *              driver's next login meets the handle or the port id in
 *              use (login IOCB status NPORT_USED or PORTID_USED)
 *   ports      (read) one line per port: wwpn wwnn port_id link device
 *   faults     (read) the armed faults
 *   tmf        "wwpn=<initiator port>,target=<wwn>,fn=<f>|flags=<hex>[,lun=<n>]"
 *              f: abort_task_set clear_task_set lun_reset target_reset
 *              clear_aca. The initiator port's firmware sends that task
 *              management function itself (the driver is not involved);
 *              reading tmf gives the last one's state: "...: pending",
 *              "...: rsp_code=<c>" (the target's FCP RSP_CODE),
 *              "...: scsi_status=<s> without response info" or
 *              "...: no answer (<status>)".
 *
 *   frame      "from=<wwn>,to=<wwn>|d_id=<hex>,r_ctl=<hex>,type=<hex>
 *               [,f_ctl=<hex>][,ox_id=<hex>][,rx_id=<hex>][,param=<hex>]
 *               [,payload=<hex>][,len=<n>]"  or "clear"
 *              the port from= sends one frame of its own making, as it
 *              would send any (qla_emu_craft.c): to the port to= or the
 *              N_Port ID d_id=; f_ctl: only bit 23 (exchange context,
 *              the responder's) means anything to the emulated ports;
 *              ox_id defaults to 0xf000, rx_id to 0xffff; the payload
 *              (at most 2048 bytes) is cut or padded with zeros to len=.
 *              Reading frame gives the answers that came back on the
 *              exchanges of the last 64 crafted frames, the newest 24,
 *              oldest first: "ox_id= rx_id= s_id= r_ctl= type= len=
 *              payload=<first 40 bytes, hex>"; "clear" forgets them
 *   random     "from=<wwn>,to=<wwn>,seed=<n>,count=<n>[,lun=<n>]"
 *              count (at most 10000) frames drawn from the seed, as
 *              qla_emu_craft.c describes, its FCP_CMNDs to LUN lun
 *              (default 0); their answers are read from frame
 *   discards   (read) one line per port: wwpn and the frames its
 *              firmware discarded (malformed, unknown R_CTL or TYPE, on
 *              no exchange)
 *
 * A WWN may be written 0x2100..., 21:00:..., naa.2100... or bare hex.
 * A bad write returns -EINVAL with one line in the kernel log.
 */
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/kdev_t.h>
#include <scsi/scsi_proto.h>

#include "qla_iocb.h"
#include "qla_pure.h"
#include "qla_emu.h"

static struct class *qla_emu_class;
static struct device *qla_emu_ctl_dev;

static int qla_emu_wwn_arg(const char *val, u64 *wwn)
{
	return qla_parse_wwn(val, strlen(val), wwn);
}

/* Split "a=b,c=d" in place; calls fn for each key/value. */
static int qla_emu_kv(char *buf, int (*fn)(void *ctx, char *k, char *v),
		      void *ctx)
{
	char *tok, *v;
	int err;

	strim(buf);
	while ((tok = strsep(&buf, ",")) != NULL) {
		if (!*tok)
			continue;
		v = strchr(tok, '=');
		if (v)
			*v++ = '\0';
		err = fn(ctx, strim(tok), v ? strim(v) : NULL);
		if (err)
			return err;
	}
	return 0;
}

struct qla_emu_add_args {
	u64 wwpn, wwnn;
	const struct qla_emu_model *model;
};

static int qla_emu_add_kv(void *ctx, char *k, char *v)
{
	struct qla_emu_add_args *a = ctx;

	if (!v)
		goto bad;
	if (!strcmp(k, "wwpn") && !qla_emu_wwn_arg(v, &a->wwpn))
		return 0;
	if (!strcmp(k, "wwnn") && !qla_emu_wwn_arg(v, &a->wwnn))
		return 0;
	if (!strcmp(k, "model")) {
		a->model = qla_emu_model_find(v);
		if (a->model)
			return 0;
	}
bad:
	pr_err("qla2xxx: add_port: bad argument '%s'\n", k);
	return -EINVAL;
}

static ssize_t add_port_store(struct device *dev,
			      struct device_attribute *attr,
			      const char *buf, size_t count)
{
	struct qla_emu_add_args a = { 0 };
	char *s = kstrndup(buf, count, GFP_KERNEL);
	int err;

	if (!s)
		return -ENOMEM;
	err = qla_emu_kv(s, qla_emu_add_kv, &a);
	kfree(s);
	if (err)
		return err;
	mutex_lock(&qla_emu_fab.ctl_mutex);
	err = qla_emu_port_add(a.wwpn, a.wwnn, a.model, NULL);
	mutex_unlock(&qla_emu_fab.ctl_mutex);
	if (err == -EEXIST) {
		pr_err("qla2xxx: add_port: wwpn %016llx exists\n", a.wwpn);
		return -EINVAL;
	}
	if (err == -ENOSPC) {
		pr_err("qla2xxx: add_port: at most %d ports\n",
		       QLA_EMU_MAX_PORTS);
		return -EINVAL;
	}
	return err ? err : count;
}
static DEVICE_ATTR_WO(add_port);

/* Parse "<wwn>" or "wwpn=<wwn>" naming an existing port. */
static int qla_emu_port_arg(const char *what, const char *buf, size_t count,
			    u64 *wwpn)
{
	char *s = kstrndup(buf, count, GFP_KERNEL);
	char *v;
	int err;

	if (!s)
		return -ENOMEM;
	v = strim(s);
	if (!strncmp(v, "wwpn=", 5))
		v += 5;
	err = qla_emu_wwn_arg(v, wwpn);
	if (err)
		pr_err("qla2xxx: %s: '%s' is not a WWN\n", what, v);
	kfree(s);
	return err;
}

static ssize_t del_port_store(struct device *dev,
			      struct device_attribute *attr,
			      const char *buf, size_t count)
{
	struct qla_emu_port *p;
	u64 wwpn;
	int err;

	err = qla_emu_port_arg("del_port", buf, count, &wwpn);
	if (err)
		return err;
	mutex_lock(&qla_emu_fab.ctl_mutex);
	p = qla_emu_port_find(wwpn);
	if (p)
		qla_emu_port_del(p);
	mutex_unlock(&qla_emu_fab.ctl_mutex);
	if (!p) {
		pr_err("qla2xxx: del_port: no port %016llx\n", wwpn);
		return -EINVAL;
	}
	return count;
}
static DEVICE_ATTR_WO(del_port);

struct qla_emu_tmf_args {
	u64 wwpn, target, lun;
	u8 flag;
};

static const struct {
	const char *name;
	u8 flag;
} qla_emu_tmf_fns[] = {
	{ "abort_task_set", FCP_TMF_ABORT_TASK_SET },
	{ "clear_task_set", FCP_TMF_CLEAR_TASK_SET },
	{ "lun_reset", FCP_TMF_LUN_RESET },
	{ "target_reset", FCP_TMF_TARGET_RESET },
	{ "clear_aca", FCP_TMF_CLEAR_ACA },
};

static int qla_emu_tmf_kv(void *ctx, char *k, char *v)
{
	struct qla_emu_tmf_args *a = ctx;
	int i;

	if (!v)
		goto bad;
	if (!strcmp(k, "wwpn") && !qla_emu_wwn_arg(v, &a->wwpn))
		return 0;
	if (!strcmp(k, "target") && !qla_emu_wwn_arg(v, &a->target))
		return 0;
	if (!strcmp(k, "lun") && !kstrtou64(v, 0, &a->lun) && a->lun < 16384)
		return 0;
	if (!strcmp(k, "flags") && !kstrtou8(v, 16, &a->flag) && a->flag)
		return 0;
	if (!strcmp(k, "fn")) {
		for (i = 0; i < ARRAY_SIZE(qla_emu_tmf_fns); i++)
			if (!strcmp(v, qla_emu_tmf_fns[i].name)) {
				a->flag = qla_emu_tmf_fns[i].flag;
				return 0;
			}
	}
bad:
	pr_err("qla2xxx: tmf: bad argument '%s'\n", k);
	return -EINVAL;
}

static ssize_t tmf_store(struct device *dev, struct device_attribute *attr,
			 const char *buf, size_t count)
{
	struct qla_emu_tmf_args a = { 0 };
	char *s = kstrndup(buf, count, GFP_KERNEL);
	struct qla_emu_port *p;
	int err;

	if (!s)
		return -ENOMEM;
	err = qla_emu_kv(s, qla_emu_tmf_kv, &a);
	kfree(s);
	if (err)
		return err;
	if (!a.wwpn || !a.target || !a.flag) {
		pr_err("qla2xxx: tmf: wwpn=, target= and fn= (or flags=) are required\n");
		return -EINVAL;
	}
	mutex_lock(&qla_emu_fab.ctl_mutex);
	p = qla_emu_port_find(a.wwpn);
	err = -ENODEV;
	if (p) {
		mutex_lock(&qla_emu_fab.fw_mutex);
		err = qla_emu_tmf_inject(p, a.target, a.lun, a.flag);
		qla_emu_fw_unlock(&qla_emu_fab);
	}
	mutex_unlock(&qla_emu_fab.ctl_mutex);
	if (err == -ENODEV)
		pr_err("qla2xxx: tmf: no port %016llx\n", a.wwpn);
	else if (err == -ENOTCONN)
		pr_err("qla2xxx: tmf: port %016llx is not logged in to %016llx\n",
		       a.wwpn, a.target);
	if (err == -ENODEV || err == -ENOTCONN)
		return -EINVAL;
	return err ? err : count;
}

static ssize_t tmf_show(struct device *dev, struct device_attribute *attr,
			char *page)
{
	ssize_t n;

	mutex_lock(&qla_emu_fab.fw_mutex);
	n = sysfs_emit(page, "%s", qla_emu_fab.tmf_result);
	mutex_unlock(&qla_emu_fab.fw_mutex);
	return n;
}
static DEVICE_ATTR_RW(tmf);

static ssize_t qla_emu_link_store(const char *what, bool up, const char *buf,
				  size_t count)
{
	struct qla_emu_port *p;
	u64 wwpn;
	int err;

	err = qla_emu_port_arg(what, buf, count, &wwpn);
	if (err)
		return err;
	mutex_lock(&qla_emu_fab.ctl_mutex);
	p = qla_emu_port_find(wwpn);
	if (p) {
		WRITE_ONCE(p->link_enabled, up);
		qla_emu_port_link_changed(p);
	}
	mutex_unlock(&qla_emu_fab.ctl_mutex);
	if (!p) {
		pr_err("qla2xxx: %s: no port %016llx\n", what, wwpn);
		return -EINVAL;
	}
	return count;
}

static ssize_t link_down_store(struct device *dev,
			       struct device_attribute *attr,
			       const char *buf, size_t count)
{
	return qla_emu_link_store("link_down", false, buf, count);
}
static DEVICE_ATTR_WO(link_down);

static ssize_t link_up_store(struct device *dev,
			     struct device_attribute *attr,
			     const char *buf, size_t count)
{
	return qla_emu_link_store("link_up", true, buf, count);
}
static DEVICE_ATTR_WO(link_up);

static ssize_t fw_crash_store(struct device *dev,
			      struct device_attribute *attr,
			      const char *buf, size_t count)
{
	struct qla_emu_port *p;
	u64 wwpn;
	int err;

	err = qla_emu_port_arg("fw_crash", buf, count, &wwpn);
	if (err)
		return err;
	mutex_lock(&qla_emu_fab.ctl_mutex);
	p = qla_emu_port_find(wwpn);
	if (p)
		qla_emu_port_crash(p);
	mutex_unlock(&qla_emu_fab.ctl_mutex);
	if (!p) {
		pr_err("qla2xxx: fw_crash: no port %016llx\n", wwpn);
		return -EINVAL;
	}
	return count;
}
static DEVICE_ATTR_WO(fw_crash);

static ssize_t fw_corrupt_store(struct device *dev,
				struct device_attribute *attr,
				const char *buf, size_t count)
{
	struct qla_emu_port *p;
	u64 wwpn;
	int err;

	err = qla_emu_port_arg("fw_corrupt", buf, count, &wwpn);
	if (err)
		return err;
	mutex_lock(&qla_emu_fab.ctl_mutex);
	p = qla_emu_port_find(wwpn);
	if (p)
		qla_emu_port_fw_corrupt(p);
	mutex_unlock(&qla_emu_fab.ctl_mutex);
	if (!p) {
		pr_err("qla2xxx: fw_corrupt: no port %016llx\n", wwpn);
		return -EINVAL;
	}
	return count;
}
static DEVICE_ATTR_WO(fw_corrupt);

struct qla_emu_nph_args {
	u64 wwpn;
	u32 handle, port_id;
	bool have_handle, have_port_id;
};

static int qla_emu_nph_kv(void *ctx, char *k, char *v)
{
	struct qla_emu_nph_args *a = ctx;

	if (!v)
		return -EINVAL;
	if (!strcmp(k, "wwpn") && !qla_emu_wwn_arg(v, &a->wwpn))
		return 0;
	if (!strcmp(k, "handle") && !kstrtou32(v, 16, &a->handle)) {
		a->have_handle = true;
		return 0;
	}
	if (!strcmp(k, "port_id") && !kstrtou32(v, 16, &a->port_id)) {
		a->have_port_id = true;
		return 0;
	}
	return -EINVAL;
}

static ssize_t nport_handle_store(struct device *dev,
				  struct device_attribute *attr,
				  const char *buf, size_t count)
{
	struct qla_emu_nph_args a = { 0 };
	struct qla_emu_port *p;
	char *s;
	int err;

	s = kstrndup(buf, count, GFP_KERNEL);
	if (!s)
		return -ENOMEM;
	err = qla_emu_kv(s, qla_emu_nph_kv, &a);
	kfree(s);
	if (err || !a.wwpn || !a.have_handle || !a.have_port_id ||
	    a.handle > 0xffff) {
		pr_err("qla2xxx: nport_handle: want wwpn=<wwn>,handle=<hex>,port_id=<hex>\n");
		return -EINVAL;
	}
	mutex_lock(&qla_emu_fab.ctl_mutex);
	p = qla_emu_port_find(a.wwpn);
	err = p ? qla_emu_pdb_bind(p, a.handle, a.port_id) : -EINVAL;
	mutex_unlock(&qla_emu_fab.ctl_mutex);
	if (err) {
		pr_err("qla2xxx: nport_handle: %016llx handle 0x%x port_id %06x: %d\n",
		       a.wwpn, a.handle, a.port_id, err);
		return err;
	}
	return count;
}
static DEVICE_ATTR_WO(nport_handle);

struct qla_emu_fault_args {
	struct qla_emu_fault f;
	bool have_kind, have_action, have_status, have_sense;
};

static int qla_emu_fault_kv(void *ctx, char *k, char *v)
{
	struct qla_emu_fault_args *a = ctx;
	int i, n;

	if (!v)
		goto bad;
	if (!strcmp(k, "kind")) {
		i = qla_emu_kind_parse(v);
		if (i < 0)
			goto bad;
		a->f.kind = i;
		a->have_kind = true;
	} else if (!strcmp(k, "action")) {
		i = qla_emu_fault_action_parse(v);
		if (i < 0)
			goto bad;
		a->f.action = i;
		a->have_action = true;
	} else if (!strcmp(k, "count")) {
		if (kstrtou32(v, 0, &a->f.count) || !a->f.count)
			goto bad;
	} else if (!strcmp(k, "delay_ms")) {
		if (kstrtou32(v, 0, &a->f.delay_ms) || a->f.delay_ms > 60000)
			goto bad;
	} else if (!strcmp(k, "rsp_code")) {
		if (kstrtou8(v, 0, &a->f.rsp_code))
			goto bad;
	} else if (!strcmp(k, "status")) {
		if (kstrtou8(v, 0, &a->f.status))
			goto bad;
		a->have_status = true;
	} else if (!strcmp(k, "sense")) {
		if (sscanf(v, "%hhx/%hhx/%hhx%n", &a->f.sense[0],
			   &a->f.sense[1], &a->f.sense[2], &n) != 3 ||
		    v[n] || a->f.sense[0] > 0xf)
			goto bad;
		a->have_sense = true;
	} else if (!strcmp(k, "wwpn")) {
		if (qla_emu_wwn_arg(v, &a->f.wwpn))
			goto bad;
	} else {
		goto bad;
	}
	return 0;
bad:
	pr_err("qla2xxx: fault: bad argument '%s'\n", k);
	return -EINVAL;
}

static ssize_t fault_store(struct device *dev, struct device_attribute *attr,
			   const char *buf, size_t count)
{
	struct qla_emu_fault_args a = { .f.count = 1, .f.delay_ms = 500 };
	bool is_status;
	char *s;
	int err;

	if (sysfs_streq(buf, "clear")) {
		qla_emu_fault_clear();
		return count;
	}
	s = kstrndup(buf, count, GFP_KERNEL);
	if (!s)
		return -ENOMEM;
	err = qla_emu_kv(s, qla_emu_fault_kv, &a);
	kfree(s);
	if (err)
		return err;
	if (!a.have_kind || !a.have_action) {
		pr_err("qla2xxx: fault: kind= and action= are required\n");
		return -EINVAL;
	}
	if ((a.f.action == QLA_FAULT_LONG_SENSE ||
	     a.f.action == QLA_FAULT_RSP_INFO ||
	     a.f.action == QLA_FAULT_STATUS) && a.f.kind != QLA_FK_RSP) {
		pr_err("qla2xxx: fault: %s needs kind=rsp\n",
		       qla_emu_fault_action_name(a.f.action));
		return -EINVAL;
	}
	is_status = a.f.action == QLA_FAULT_STATUS;
	if (is_status != a.have_status) {
		pr_err("qla2xxx: fault: status= goes with action=status, and it needs one\n");
		return -EINVAL;
	}
	if (a.have_sense != (a.have_status &&
			     a.f.status == SAM_STAT_CHECK_CONDITION)) {
		pr_err("qla2xxx: fault: sense=<key>/<asc>/<ascq> goes with status=2 (CHECK CONDITION), and it needs one\n");
		return -EINVAL;
	}
	err = qla_emu_fault_add(&a.f);
	if (err) {
		pr_err("qla2xxx: fault: table full\n");
		return err;
	}
	return count;
}
static DEVICE_ATTR_WO(fault);

static ssize_t ports_show(struct device *dev, struct device_attribute *attr,
			  char *buf)
{
	struct qla_emu_port *p;
	ssize_t n = 0;

	mutex_lock(&qla_emu_fab.lock);
	list_for_each_entry(p, &qla_emu_fab.ports, node)
		n += sysfs_emit_at(buf, n, "0x%016llx 0x%016llx 0x%06x %s %s\n",
				   p->wwpn, p->wwnn, p->sw_port_id,
				   READ_ONCE(p->link_enabled) ? "up" : "down",
				   dev_name(qla_emu_dev(p)));
	mutex_unlock(&qla_emu_fab.lock);
	return n;
}
static DEVICE_ATTR_RO(ports);

static ssize_t faults_show(struct device *dev, struct device_attribute *attr,
			   char *buf)
{
	struct qla_emu_fabric *fab = &qla_emu_fab;
	struct qla_emu_fault *f;
	ssize_t n = 0;
	int i;

	spin_lock(&fab->fault_lock);
	for (i = 0; i < QLA_EMU_MAX_FAULTS; i++) {
		f = &fab->faults[i];
		if (!f->used)
			continue;
		n += sysfs_emit_at(buf, n,
				   "kind=%s action=%s count=%u delay_ms=%u rsp_code=%u status=0x%02x sense=%x/%02x/%02x wwpn=0x%016llx\n",
				   qla_emu_kind_name(f->kind),
				   qla_emu_fault_action_name(f->action),
				   f->count, f->delay_ms, f->rsp_code, f->status,
				   f->sense[0], f->sense[1], f->sense[2],
				   f->wwpn);
	}
	spin_unlock(&fab->fault_lock);
	return n;
}
static DEVICE_ATTR_RO(faults);

struct qla_emu_frame_args {
	struct qla_emu_craft_desc d;
	bool have_r_ctl, have_type, have_len;
	u32 len;
	/* random */
	u64 seed;
	u32 count, lun;
	bool have_seed, have_count;
};

static int qla_emu_hex_payload(struct qla_emu_craft_desc *d, const char *v)
{
	size_t n = strlen(v);

	if (n % 2 || n / 2 > QLA_EMU_CRAFT_MAX)
		return -EINVAL;
	if (hex2bin(d->payload, v, n / 2))
		return -EINVAL;
	d->len = n / 2;
	return 0;
}

static int qla_emu_frame_kv(void *ctx, char *k, char *v)
{
	struct qla_emu_frame_args *a = ctx;
	struct qla_emu_craft_desc *d = &a->d;
	int err = -EINVAL;

	if (!v)
		goto bad;
	if (!strcmp(k, "from")) {
		err = qla_emu_wwn_arg(v, &d->from);
	} else if (!strcmp(k, "to")) {
		err = qla_emu_wwn_arg(v, &d->to);
	} else if (!strcmp(k, "d_id")) {
		err = kstrtou32(v, 16, &d->d_id);
		if (!err && d->d_id > 0xffffff)
			err = -EINVAL;
	} else if (!strcmp(k, "r_ctl")) {
		err = kstrtou8(v, 16, &d->r_ctl);
		a->have_r_ctl = !err;
	} else if (!strcmp(k, "type")) {
		err = kstrtou8(v, 16, &d->type);
		a->have_type = !err;
	} else if (!strcmp(k, "f_ctl")) {
		err = kstrtou32(v, 16, &d->f_ctl);
		if (!err && d->f_ctl > 0xffffff)
			err = -EINVAL;
	} else if (!strcmp(k, "ox_id")) {
		err = kstrtou16(v, 16, &d->ox_id);
	} else if (!strcmp(k, "rx_id")) {
		err = kstrtou16(v, 16, &d->rx_id);
	} else if (!strcmp(k, "param")) {
		err = kstrtou32(v, 16, &d->param);
	} else if (!strcmp(k, "payload")) {
		err = qla_emu_hex_payload(d, v);
	} else if (!strcmp(k, "len")) {
		err = kstrtou32(v, 0, &a->len);
		if (!err && a->len > QLA_EMU_CRAFT_MAX)
			err = -EINVAL;
		a->have_len = !err;
	} else if (!strcmp(k, "seed")) {
		err = kstrtou64(v, 0, &a->seed);
		a->have_seed = !err;
	} else if (!strcmp(k, "count")) {
		err = kstrtou32(v, 0, &a->count);
		if (!err && a->count > 10000)
			err = -EINVAL;
		a->have_count = !err;
	} else if (!strcmp(k, "lun")) {
		err = kstrtou32(v, 0, &a->lun);
		if (!err && a->lun > 16383)
			err = -EINVAL;
	}
	if (!err)
		return 0;
bad:
	pr_err("qla2xxx: frame: bad argument '%s'\n", k);
	return -EINVAL;
}

/* Parse a write of frame or random into a (allocated: large). */
static struct qla_emu_frame_args *qla_emu_frame_parse(const char *buf,
						      size_t count)
{
	struct qla_emu_frame_args *a = kzalloc(sizeof(*a), GFP_KERNEL);
	char *s = kstrndup(buf, count, GFP_KERNEL);
	int err = -ENOMEM;

	if (a && s) {
		a->d.ox_id = 0xf000;
		a->d.rx_id = 0xffff;
		err = qla_emu_kv(s, qla_emu_frame_kv, a);
	}
	kfree(s);
	if (!err)
		return a;
	kfree(a);
	return ERR_PTR(err);
}

/* The errors of sending crafted frames, as the log says them. */
static ssize_t qla_emu_craft_err(const char *what, int err,
				 const struct qla_emu_craft_desc *d)
{
	switch (err) {
	case -ENODEV:
		pr_err("qla2xxx: %s: no port %016llx\n", what, d->from);
		return -EINVAL;
	case -ENOLINK:
		pr_err("qla2xxx: %s: port %016llx is not logged in to the fabric\n",
		       what, d->from);
		return -EINVAL;
	case -EHOSTUNREACH:
		pr_err("qla2xxx: %s: no port %016llx on the fabric\n", what,
		       d->to);
		return -EINVAL;
	default:
		return err;
	}
}

static ssize_t frame_store(struct device *dev, struct device_attribute *attr,
			   const char *buf, size_t count)
{
	struct qla_emu_frame_args *a;
	int err;

	if (sysfs_streq(buf, "clear")) {
		qla_emu_craft_clear();
		return count;
	}
	a = qla_emu_frame_parse(buf, count);
	if (IS_ERR(a))
		return PTR_ERR(a);
	err = -EINVAL;
	if (!a->d.from || (!a->d.to && !a->d.d_id) || !a->have_r_ctl ||
	    !a->have_type) {
		pr_err("qla2xxx: frame: from=, to= (or d_id=), r_ctl= and type= are required\n");
		goto out;
	}
	if (a->have_seed || a->have_count) {
		pr_err("qla2xxx: frame: seed= and count= are random's\n");
		goto out;
	}
	if (a->have_len) {
		if (a->len > a->d.len)
			memset(a->d.payload + a->d.len, 0, a->len - a->d.len);
		a->d.len = a->len;
	}
	mutex_lock(&qla_emu_fab.ctl_mutex);
	err = qla_emu_craft_send(&a->d);
	mutex_unlock(&qla_emu_fab.ctl_mutex);
	err = qla_emu_craft_err("frame", err, &a->d);
out:
	kfree(a);
	return err ? err : count;
}

static ssize_t frame_show(struct device *dev, struct device_attribute *attr,
			  char *buf)
{
	return qla_emu_craft_show(buf);
}
static DEVICE_ATTR_RW(frame);

static ssize_t random_store(struct device *dev, struct device_attribute *attr,
			    const char *buf, size_t count)
{
	struct qla_emu_frame_args *a;
	int err = -EINVAL;

	a = qla_emu_frame_parse(buf, count);
	if (IS_ERR(a))
		return PTR_ERR(a);
	if (!a->d.from || !a->d.to || !a->have_seed || !a->have_count) {
		pr_err("qla2xxx: random: from=, to=, seed= and count= are required\n");
		goto out;
	}
	if (a->have_r_ctl || a->have_type || a->have_len || a->d.len ||
	    a->d.d_id) {
		pr_err("qla2xxx: random: takes from=, to=, seed=, count= and lun= only\n");
		goto out;
	}
	mutex_lock(&qla_emu_fab.ctl_mutex);
	err = qla_emu_craft_random(a->d.from, a->d.to, a->seed, a->count,
				   a->lun);
	mutex_unlock(&qla_emu_fab.ctl_mutex);
	err = qla_emu_craft_err("random", err, &a->d);
out:
	kfree(a);
	return err ? err : count;
}
static DEVICE_ATTR_WO(random);

static ssize_t discards_show(struct device *dev,
			     struct device_attribute *attr, char *buf)
{
	struct qla_emu_port *p;
	ssize_t n = 0;

	mutex_lock(&qla_emu_fab.lock);
	list_for_each_entry(p, &qla_emu_fab.ports, node)
		n += sysfs_emit_at(buf, n, "0x%016llx %u\n", p->wwpn,
				   READ_ONCE(p->rx_discards));
	mutex_unlock(&qla_emu_fab.lock);
	return n;
}
static DEVICE_ATTR_RO(discards);

static struct attribute *qla_emu_ctl_attrs[] = {
	&dev_attr_add_port.attr,
	&dev_attr_del_port.attr,
	&dev_attr_link_down.attr,
	&dev_attr_link_up.attr,
	&dev_attr_fw_crash.attr,
	&dev_attr_fw_corrupt.attr,
	&dev_attr_fault.attr,
	&dev_attr_ports.attr,
	&dev_attr_faults.attr,
	&dev_attr_tmf.attr,
	&dev_attr_nport_handle.attr,
	&dev_attr_frame.attr,
	&dev_attr_random.attr,
	&dev_attr_discards.attr,
	NULL,
};
ATTRIBUTE_GROUPS(qla_emu_ctl);

int qla_emu_ctl_init(void)
{
	int err;

	qla_emu_class = class_create(THIS_MODULE, "qla2xxx_emu");
	if (IS_ERR(qla_emu_class))
		return PTR_ERR(qla_emu_class);
	qla_emu_ctl_dev = device_create_with_groups(qla_emu_class, NULL,
						    MKDEV(0, 0), NULL,
						    qla_emu_ctl_groups, "ctl");
	if (IS_ERR(qla_emu_ctl_dev)) {
		err = PTR_ERR(qla_emu_ctl_dev);
		goto err_dev;
	}
	return 0;

err_dev:
	class_destroy(qla_emu_class);
	return err;
}

void qla_emu_ctl_exit(void)
{
	device_destroy(qla_emu_class, MKDEV(0, 0));
	class_destroy(qla_emu_class);
}
