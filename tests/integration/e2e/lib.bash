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

# emu_san N: load qla2xxx with N emulated ports, all roles off; sets HOSTS (scsi
# host names, in port order) and WWPNS (their 0x port names)
emu_san() {
	local h
	modprobe qla2xxx emu_ports="$1" role=none
	# frames, async events and remote-port states, for fail() to show
	echo 4096 >"$TRACING/buffer_size_kb"
	for e in qla_frame qla_async qla_rport_state; do
		echo 1 >"$TRACING/events/qla2xxx/$e/enable"
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
