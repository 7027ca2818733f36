# A write held across another initiator's LUN reset, for 55-tas and 56-no-tas (sourced,
# not run; after tests/lib/san.bash).
# shellcheck shell=bash

# reset_san TAS: three ports (T target; A and B initiators, both allowed by ACL) and
# one ramdisk LUN with emulate_tas=TAS; TMF and SCSI completion events traced. Sets
# T A B (host names), DA DB (A's and B's sd devices), SGA (A's sg device), A_ID B_ID
# (N_Port IDs as the trace prints them) and BW (B's WWPN)
reset_san() {
	local tw aw tas
	emu_san 3
	T=${HOSTS[0]} A=${HOSTS[1]} B=${HOSTS[2]}
	tw=${WWPNS[0]} aw=${WWPNS[1]} BW=${WWPNS[2]}
	echo 1 >"$TRACING/events/qla2xxx/qla_tgt_tmf/enable"
	echo 1 >"$TRACING/events/scsi/scsi_dispatch_cmd_done/enable"
	echo 1 >"$TRACING/events/scsi/scsi_dispatch_cmd_timeout/enable"
	RD_ATTRS=emulate_tas=$1 export_ramdisks "$T" "$tw" 1 "$aw" "$BW"
	tas=$(cat /sys/kernel/config/target/core/rd_mcp_*/rd0/attrib/emulate_tas)
	[ "$tas" = "$1" ] || fail "rd0 has emulate_tas=$tas, want $1"
	echo initiator > "/sys/class/scsi_host/$A/role"
	echo initiator > "/sys/class/scsi_host/$B/role"
	wait_for 60 "LUN 0 on A" has_lun "$A" 0
	wait_for 60 "LUN 0 on B" has_lun "$B" 0
	DA=$(lun_dev "$A" 0) DB=$(lun_dev "$B" 0)
	SGA=/dev/$(ls "/sys/class/scsi_disk/${A#host}:0:0:0/device/scsi_generic")
	A_ID=$(printf '%06x' "$(cat "/sys/class/fc_host/$A/port_id")")
	B_ID=$(printf '%06x' "$(cat "/sys/class/fc_host/$B/port_id")")
}

# write_across_reset: B writes 64 KiB of random data (kept in /tmp/pattern) at block
# 3; its data frame is delayed 2 s in the fabric, and A resets the LUN meanwhile. The
# write must succeed in the end (retried by B's midlayer).
write_across_reset() {
	local writer ctl=/sys/class/qla2xxx_emu/ctl
	head -c 65536 /dev/urandom >/tmp/pattern
	echo "kind=data,action=delay,delay_ms=2000,count=1,wwpn=$BW" >"$ctl/fault"
	dd if=/tmp/pattern of="/dev/$DB" bs=64k count=1 seek=3 oflag=direct 2>/tmp/dd.err &
	writer=$!
	# the fault is used up once B's data frame is on its way, held for 2 s
	wait_for 30 "B's write data held in the fabric" faults_used
	kill -0 "$writer" 2>/dev/null || fail "B's write ended before its data arrived"
	sg_reset -d "$SGA" || fail "A's LUN reset (sg_reset -d) failed"
	wait "$writer" || { cat /tmp/dd.err; fail "B's write failed across A's LUN reset"; }
}

# written_data_back: A and B both read back what write_across_reset wrote
written_data_back() {
	dd if="/dev/$DB" of=/tmp/back bs=64k count=1 skip=3 iflag=direct 2>/dev/null ||
		fail "B's read back failed"
	cmp -s /tmp/pattern /tmp/back || fail "B's retried write's data is wrong"
	dd if="/dev/$DA" of=/tmp/back bs=64k count=1 skip=3 iflag=direct 2>/dev/null ||
		fail "A's read back failed"
	cmp -s /tmp/pattern /tmp/back || fail "A reads other data than B wrote"
	echo "ok: B's midlayer retried the write; A and B read back what B wrote"
}
