# The emulated SAN (sourced, not run; sources common.bash): qla2xxx's emulated ports,
# LIO targets on them with targetcli, the disks the initiators see, the fabric's view
# from fc_host/fc_remote_ports, and fio with data verification.
# shellcheck shell=bash
# shellcheck source=tests/lib/common.bash
. "${BASH_SOURCE[0]%/*}/common.bash"

# the emulated fabric's control files (README, "Control files")
CTL=/sys/class/qla2xxx_emu/ctl
CFS=/sys/kernel/config/target

# emu_san N: load qla2xxx with N emulated ports, all roles off, and (unless
# EMU_SAN_TRACE=0, as benchmarks set it) trace frames, async events and remote-port
# states for fail() to show; sets HOSTS (host names, in port order) and WWPNS (their 0x
# port names)
emu_san() {
	local h w
	modprobe qla2xxx emu_ports="$1" role=none
	if [ "${EMU_SAN_TRACE:-1}" != 0 ]; then
		echo 4096 >"$TRACING/buffer_size_kb"
		for h in qla2xxx_emu/qla_frame qla2xxx/qla_async qla2xxx/qla_rport_state; do
			echo 1 >"$TRACING/events/$h/enable"
		done
	fi
	HOSTS=() WWPNS=()
	for h in "$FC_HOST"/host*; do
		rd "$h/port_name" w
		HOSTS+=("${h##*/}")
		WWPNS+=("$w")
	done
	[ ${#HOSTS[@]} -eq "$1" ] || fail "expected $1 fc_hosts, found ${#HOSTS[@]}"
}

# tracing_on: every qla2xxx and qla2xxx_emu event on, the trace emptied
tracing_on() {
	mountpoint -q "$TRACING" || mount -t tracefs nodev "$TRACING"
	echo >"$TRACING/trace"
	echo 1 >"$TRACING/events/qla2xxx/enable"
	echo 1 >"$TRACING/events/qla2xxx_emu/enable"
	echo 1 >"$TRACING/tracing_on"
}

# export_ramdisks HOST WWPN NLUNS [INITIATOR_WWPN...]: with targetcli, put the port in
# target role and export ramdisks rd0.. (RD_SIZE each, 8M unless set) as LUNs
# 0..NLUNS-1 to exactly the initiators named (ACLs, generate_node_acls=0); RD_ATTRS,
# when set ("emulate_tas=0"), are device attributes the ramdisks get before export;
# RD_PREFIX (default rd) names the ramdisks, so that two target ports can each have some
export_ramdisks() {
	local host=$1 tn n=$3 i w cmds rd=${RD_PREFIX:-rd}
	tn=$(naa "$2")
	shift 3
	echo target >"/sys/class/scsi_host/$host/role"
	cmds="set global auto_save_on_exit=false
/qla2xxx create $tn
/qla2xxx/$tn set attribute generate_node_acls=0"
	for ((i = 0; i < n; i++)); do
		cmds+="
/backstores/ramdisk create name=$rd$i size=${RD_SIZE:-8M}"
		[ -z "${RD_ATTRS:-}" ] || cmds+="
/backstores/ramdisk/$rd$i set attribute $RD_ATTRS"
		cmds+="
/qla2xxx/$tn/luns create /backstores/ramdisk/$rd$i"
	done
	for w in "$@"; do
		cmds+="
/qla2xxx/$tn/acls create $(naa "$w")"
	done
	targetcli <<<"$cmds
exit" >/dev/null || fail "targetcli could not export $n ramdisk(s) on $host"
}

# san_unload [HOST...]: clear LIO, remove the fabric, turn the named ports' roles off
# and unload both modules; each step must succeed
san_unload() {
	local h
	targetctl clear
	rmdir "$CFS/qla2xxx"
	for h in "$@"; do
		echo none >"/sys/class/scsi_host/$h/role"
	done
	modprobe -r tcm_qla2xxx
	modprobe -r qla2xxx
	echo "ok: cleared and unloaded"
}

# lun_dev HOST LUN: the sd device name of that LUN (target 0), or nothing
lun_dev() { ls "/sys/class/scsi_disk/${1#host}:0:0:$2/device/block" 2>/dev/null; }

# has_lun HOST LUN: whether that LUN is a disk yet (for wait_for)
has_lun() { [ -n "$(lun_dev "$1" "$2")" ]; }

# faults_used: whether every fault armed in the emulated fabric has been used up
faults_used() {
	local f
	rd "$CTL/faults" f
	[ -z "$f" ]
}

# ---- the fabric as fc_host and fc_remote_ports show it ----

# scan: HOSTS (host names of our driver's fc_hosts, in port order) and, for every host
# h, NAME[h] ID[h] STATE[h] (port_name, port_id, port_state) and
# RPORTS[h]="port_name port_id state;..." (its remote ports)
scan() {
	local d r h v pn pi ps
	HOSTS=()
	declare -gA NAME=() ID=() STATE=() RPORTS=()
	for d in "$FC_HOST"/host*; do
		[ -e "$d" ] || continue
		h=${d##*/}
		rd "/sys/class/scsi_host/$h/proc_name" v
		[ "$v" = qla2xxx ] || continue
		HOSTS+=("$h")
		rd "$d/port_name" "NAME[$h]"
		rd "$d/port_id" "ID[$h]"
		rd "$d/port_state" "STATE[$h]"
		RPORTS[$h]=
		for r in /sys/class/fc_remote_ports/rport-"${h#host}":*; do
			[ -e "$r" ] || continue
			rd "$r/port_name" pn
			rd "$r/port_id" pi
			rd "$r/port_state" ps
			RPORTS[$h]+="$pn $pi $ps;"
		done
	done
}

# host_of WWPN VAR: VAR = the host whose fc_host has that port_name (after a scan);
# false when there is none
host_of() {
	local -n _o=$2
	local h
	_o=
	scan
	for h in "${HOSTS[@]}"; do
		[ "${NAME[$h]}" = "$1" ] && _o=$h
	done
	[ -n "$_o" ]
}

# online_count VAR: VAR = how many of the scanned hosts are Online
online_count() {
	local -n _n=$1
	local h
	_n=0
	for h in "${HOSTS[@]}"; do
		[ "${STATE[$h]}" = Online ] && _n=$((_n + 1))
	done
	return 0
}

# mesh N: N hosts Online, each listing the other N-1 Online with matching ids
mesh() {
	local n=$1 h o c
	scan
	online_count c
	[ "$c" -eq "$n" ] || return 1
	for h in "${HOSTS[@]}"; do
		for o in "${HOSTS[@]}"; do
			[ "$h" = "$o" ] && continue
			[[ ${RPORTS[$h]} == *"${NAME[$o]} ${ID[$o]} Online;"* ]] || return 1
		done
	done
}

# rport_state HOST WWPN: prints the state of that remote port on HOST, or "none"
rport_state() {
	local e
	scan
	local IFS=';'
	for e in ${RPORTS[$1]}; do
		if [[ $e == "$2 "* ]]; then
			echo "${e##* }"
			return 0
		fi
	done
	echo none
}

# is_rport HOST WWPN STATE: whether HOST lists that remote port in STATE ("none": not
# at all)
is_rport() {
	local e
	scan
	if [ "$3" = none ]; then
		[[ ${RPORTS[$1]} != *"$2 "* ]]
		return
	fi
	local IFS=';'
	for e in ${RPORTS[$1]}; do
		[[ $e == "$2 "*" $3" ]] && return 0
	done
	return 1
}

# show_fabric: one line per host: its name, id, state and remote ports
show_fabric() {
	local h
	scan
	for h in "${HOSTS[@]}"; do
		echo "$h: ${NAME[$h]} ${ID[$h]} ${STATE[$h]}: ${RPORTS[$h]}"
	done
}
