# Helpers for the end-to-end SCSI tests (sourced, not run).
# shellcheck shell=bash

TRACING=/sys/kernel/tracing

# fail MESSAGE: say what failed, show the end of the kernel log and of the
# qla2xxx trace (kept under $QLAT_RUN when the harness gives one), stop the test
fail() {
	echo "FAIL: $*"
	dmesg | tail -n "${FAIL_DMESG_LINES:-30}"
	if [ -e "$TRACING/events/qla2xxx/enable" ]; then
		if [ -n "${QLAT_RUN:-}" ] && [ -d "$QLAT_RUN" ]; then
			cat "$TRACING/trace" >"$QLAT_RUN/trace" 2>/dev/null &&
				echo "qla2xxx trace: $QLAT_RUN/trace"
		fi
		echo "-- last qla2xxx trace lines:"
		grep -v '^#' "$TRACING/trace" | tail -n 40
	fi
	exit 1
}

# colon 0x2100...: the lowercase colon form of a WWN as fc_host prints it
colon() { echo "$1" | sed -e 's/^0x//' -e 's/../&:/g' -e 's/:$//'; }

# wait_for SECONDS WHAT COMMAND...: poll COMMAND every 0.2 s until it succeeds
wait_for() {
	local end=$((SECONDS + $1)) what=$2
	shift 2
	until "$@"; do
		((SECONDS < end)) || fail "timed out waiting for: $what"
		sleep 0.2
	done
}

# lun_dev HOSTNAME LUN: the sd device name of that LUN (target 0), or nothing
lun_dev() { ls "/sys/class/scsi_disk/${1#host}:0:0:$2/device/block" 2>/dev/null; }

# faults_used: whether every fault armed in the emulated fabric has been used up
faults_used() { [ -z "$(cat /sys/class/qla2xxx_emu/ctl/faults)" ]; }

# has_lun HOSTNAME LUN: whether that LUN is a disk yet (for wait_for, which must be given
# a command that looks again each time, not a value computed once)
has_lun() { [ -n "$(lun_dev "$1" "$2")" ]; }

# emu_san N: load qla2xxx with N emulated ports, all roles off; sets HOSTS (scsi
# host names, in port order) and WWPNS (their 0x port names)
emu_san() {
	local h
	modprobe qla2xxx emu_ports="$1" role=none
	# frames, async events and remote-port states, for fail() to show
	echo 4096 >"$TRACING/buffer_size_kb"
	for e in qla2xxx_emu/qla_frame qla2xxx/qla_async qla2xxx/qla_rport_state; do
		echo 1 >"$TRACING/events/$e/enable"
	done
	HOSTS=() WWPNS=()
	for h in /sys/class/fc_host/host*; do
		HOSTS+=("${h##*/}")
		WWPNS+=("$(cat "$h/port_name")")
	done
	[ ${#HOSTS[@]} -eq "$1" ] || fail "expected $1 fc_hosts, found ${#HOSTS[@]}"
}

# export_ramdisks HOSTNAME WWPN NLUNS [INITIATOR_WWPN...]: with targetcli, put the port
# in target role and export 8 MiB ramdisks rd0.. as LUNs 0..NLUNS-1 to exactly the
# initiators named (ACLs, generate_node_acls=0); RD_ATTRS, when set ("emulate_tas=0"),
# are device attributes the ramdisks get before they are exported
export_ramdisks() {
	local host=$1 tn=naa.${2#0x} n=$3 i w cmds
	shift 3
	echo target > "/sys/class/scsi_host/$host/role"
	cmds="set global auto_save_on_exit=false
/qla2xxx create $tn
/qla2xxx/$tn set attribute generate_node_acls=0"
	for ((i = 0; i < n; i++)); do
		cmds+="
/backstores/ramdisk create name=rd$i size=8M"
		[ -z "${RD_ATTRS:-}" ] || cmds+="
/backstores/ramdisk/rd$i set attribute $RD_ATTRS"
		cmds+="
/qla2xxx/$tn/luns create /backstores/ramdisk/rd$i"
	done
	for w in "$@"; do
		cmds+="
/qla2xxx/$tn/acls create naa.${w#0x}"
	done
	targetcli <<<"$cmds
exit" >/dev/null || fail "targetcli could not export $n ramdisk(s) on $host"
}

# san_unload [HOSTNAME...]: clear LIO, remove the fabric, turn the named ports'
# roles off and unload both modules; each step must succeed
san_unload() {
	local h
	targetctl clear
	rmdir /sys/kernel/config/target/qla2xxx
	for h in "$@"; do
		echo none > "/sys/class/scsi_host/$h/role"
	done
	modprobe -r tcm_qla2xxx
	modprobe -r qla2xxx
	echo "ok: cleared and unloaded"
}

# ---- a write held across another initiator's LUN reset (55-tas, 56-no-tas) ----

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

# traced REGEX: whether the trace has a line matching REGEX
traced() { grep -E "$1" "$TRACING/trace" >/dev/null; }
