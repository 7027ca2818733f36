#!/bin/bash
# Firmware crash (MBA_SYSTEM_ERR) and recovery by ISP reset: a target port exporting a
# LUN and an initiator port using it; fio writes and verifies while the target's
# firmware crashes, then while the initiator's does. Each driver logs the crash and the
# reset once, the remote ports and the target's session come back, and the data
# verifies.
# vm-args: --timeout 600 --mem 2G
set -euo pipefail
exec 2>&1
. "$(dirname "$0")/../../lib/san.bash"

# rport_online HOSTNAME WWPN: that remote port is Online on HOSTNAME
rport_online() {
	local r
	for r in /sys/class/fc_remote_ports/rport-"${1#host}":*; do
		[ -e "$r" ] || continue
		[ "$(cat "$r/port_name")" = "$2" ] || continue
		[ "$(cat "$r/port_state")" = Online ] && return 0
	done
	return 1
}

# count_log TEXT: how many kernel log lines have TEXT
count_log() { dmesg | grep -cF -- "$1" || true; }

# session_id: the LIO session id of the target's session for the initiator, or nothing
session_id() {
	cat /sys/kernel/config/target/qla2xxx/*/tpgt_1/acls/*/info 2>/dev/null |
		grep -A3 "LIO Session ID" | grep -q TARG_SESS_STATE_LOGGED_IN || return 0
	sed -n 's/^LIO Session ID: \([0-9]*\).*/\1/p' \
		/sys/kernel/config/target/qla2xxx/*/tpgt_1/acls/*/info
}

# session_up: the target has a logged-in session for the initiator
session_up() { [ -n "$(session_id)" ]; }

# new_session OLD: the target has a logged-in session other than OLD
new_session() { local s; s=$(session_id); [ -n "$s" ] && [ "$s" != "$1" ]; }

# crash_under_io HOSTNAME WWPN WHAT: fio writes and verifies on the initiator's disk
# while the firmware of that port crashes; the driver recovers it
crash_under_io() {
	local wwpn=$2 what=$3 dev fiopid dname sess crashes resets
	# the emulated ISP's device, whose name the driver logs with
	dname=$(grep "^$wwpn " "$CTL/ports" | cut -d' ' -f5)
	[ -n "$dname" ] || fail "no emulated port $wwpn"
	# (a role change is an ISP reset too: count from here)
	crashes=$(count_log "$dname: firmware crashed")
	resets=$(count_log "$dname: ISP reset done")
	dev=$(lun_dev "$I" 0)
	sess=$(session_id)
	fio --name=crash --filename="/dev/$dev" --direct=1 --ioengine=libaio \
		--iodepth=8 --rw=randwrite --bs=4k --size=8M --verify=crc32c \
		--do_verify=1 --verify_fatal=1 --output="/tmp/fio-$what.txt" >/dev/null &
	fiopid=$!
	sleep 1
	kill -0 "$fiopid" 2>/dev/null || echo "note: fio ended before the crash"
	echo "== the $what's firmware crashes ($wwpn)"
	echo "$wwpn" > "$CTL/fw_crash"
	wait_for 60 "the $what's ISP reset" eval \
		'[ "$(count_log "$dname: ISP reset done")" -gt "$resets" ]'
	wait "$fiopid" || { cat "/tmp/fio-$what.txt"; fail "fio verify across the $what's crash"; }
	echo "ok: fio crc32c verify across the $what's firmware crash"
	crashes=$(($(count_log "$dname: firmware crashed") - crashes))
	resets=$(($(count_log "$dname: ISP reset done") - resets))
	[ "$crashes" = 1 ] || fail "the $what's crash logged $crashes times"
	[ "$resets" = 1 ] || fail "the $what's reset logged $resets times"
	wait_for 60 "the target Online on the initiator" rport_online "$I" "$tw"
	wait_for 60 "the initiator Online on the target" rport_online "$T" "$iw"
	if [ "$what" = target ]; then
		# the target's reset ended its sessions; the initiator's login made a new one
		wait_for 60 "a new session of the target for the initiator" new_session "$sess"
	else
		wait_for 60 "the target's session for the initiator" session_up
	fi
	wait_for 60 "LUN 0 on the initiator" has_lun "$I" 0
	echo "ok: remote ports Online on both sides, session $sess, now $(session_id)"
}

emu_san 2
T=${HOSTS[0]} I=${HOSTS[1]}
tw=${WWPNS[0]} iw=${WWPNS[1]}
export_ramdisks "$T" "$tw" 1 "$iw"
echo initiator > "/sys/class/scsi_host/$I/role"
wait_for 60 "LUN 0 on the initiator" has_lun "$I" 0
wait_for 30 "the target's session for the initiator" session_up
echo 1 >"$TRACING/events/qla2xxx/qla_mbx/enable"
echo 1 >"$TRACING/events/qla2xxx/qla_async/enable"
echo "ok: $T exports a LUN to $I ($(lun_dev "$I" 0))"

if echo "0x2100000000000099" > "$CTL/fw_crash" 2>/dev/null; then
	fail "fw_crash of an unknown port accepted"
fi

crash_under_io "$T" "$tw" target
traced "event=SYSTEM_ERR mb1=0x0bad" || fail "no SYSTEM_ERR in the trace"
crash_under_io "$I" "$iw" initiator

# after a reset the firmware was started the card's way: EXECUTE_FIRMWARE, then
# INITIALIZE_FIRMWARE, then GET_FIRMWARE_STATE until ready
traced "cmd=0x0002 " || fail "no EXECUTE_FIRMWARE in the trace"
traced "cmd=0x0069 " || fail "no GET_FIRMWARE_STATE in the trace"

fio --name=after --filename="/dev/$(lun_dev "$I" 0)" --direct=1 --ioengine=libaio \
	--iodepth=8 --rw=randwrite --bs=16k --size=4M --verify=crc32c --do_verify=1 \
	--verify_fatal=1 --output=/tmp/fio-after.txt >/dev/null ||
	{ cat /tmp/fio-after.txt; fail "fio verify after both crashes"; }
echo "ok: fio crc32c verify after both crashes"

san_unload "$T" "$I"
