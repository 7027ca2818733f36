#!/bin/bash
# Per-port role through sysfs at run time, no reload: a port made "target" is seen by
# the others as an FCP Target, and learns its initiators from the PLOGI/PRLI the
# firmware reports by Immediate Notify (acknowledged with Notify Acknowledge);
# "none" leaves the name server; a bad role is refused; role= sets the default.
# vm-args: --mem 1G --timeout 300
set -euo pipefail
cd "$(dirname "$0")"
. ../../lib/san.bash

P1=0x21000024ff000001 P2=0x21000024ff000002 P3=0x21000024ff000003

rport_roles() { # rport_roles HOST WWPN VAR
	local -n _r=$3
	local r hn=${1##*/} pn
	_r=
	for r in /sys/class/fc_remote_ports/rport-"${hn#host}":*; do
		[ -e "$r" ] || continue
		rd "$r/port_name" pn
		[ "$pn" = "$2" ] && rd "$r/roles" _r
	done
	return 0
}

has_roles() { # has_roles HOST WWPN ROLES
	local got
	rport_roles "$1" "$2" got
	[ "$got" = "$3" ]
}

modprobe qla2xxx emu_ports=3
tracing_on
wait_for 60 "3 ports in a full mesh" mesh 3
host_of $P1 H1
host_of $P2 H2
host_of $P3 H3
R1=/sys/class/scsi_host/$H1/role
has_roles "$H2" $P1 "FCP Initiator" || fail "P1 is not an FCP Initiator on host2"

echo "== $P1 becomes a target"
echo target > "$R1"
[ "$(cat "$R1")" = target ] || fail "role did not read back"
wait_for 30 "P1 seen as FCP Target by P2 and P3" eval \
	'has_roles $H2 $P1 "FCP Target" && has_roles $H3 $P1 "FCP Target"'
wait_for 30 "P1 knows P2 and P3 as FCP Initiators" eval \
	'has_roles $H1 $P2 "FCP Initiator" && has_roles $H1 $P3 "FCP Initiator"'
grep -q "qla2xxx_emu.0 ring=rsp type=0x0d" /sys/kernel/tracing/trace || fail "no Immediate Notify"
grep -q "qla2xxx_emu.0 ring=req type=0x0e" /sys/kernel/tracing/trace || fail "no Notify Acknowledge"
show_fabric

echo "== $P1 becomes both"
echo both > "$R1"
wait_for 30 "P1 seen as FCP Target, FCP Initiator" eval \
	'has_roles $H2 $P1 "FCP Target, FCP Initiator" && mesh 3'

echo "== $P1 becomes none"
for r in /sys/class/fc_remote_ports/rport-*; do echo 3 > "$r/dev_loss_tmo"; done
echo none > "$R1"
# an rport that was a target stays bound as "Not Present" after dev_loss_tmo
gone() { is_rport "$1" $P1 none || is_rport "$1" $P1 "Not Present"; }
wait_for 30 "P1 gone from P2 and P3" eval 'gone $H2 && gone $H3'
is_rport "$H2" $P3 Online || fail "P2 lost P3"

echo "== back to initiator"
echo initiator > "$R1"
wait_for 30 "3 ports in a full mesh" mesh 3
if echo wizard > "$R1" 2>/dev/null; then fail "bad role accepted"; fi
rmmod qla2xxx

echo "== role=both as the module default: every port logs in to every other"
modprobe qla2xxx emu_ports=3 role=both
wait_for 60 "3 ports in a full mesh" mesh 3
for h in "${HOSTS[@]}"; do
	rd "/sys/class/scsi_host/$h/role" role
	[ "$role" = both ] || fail "default role of $h is $role"
	for o in "${HOSTS[@]}"; do
		[ "$h" = "$o" ] && continue
		has_roles "$h" "${NAME[$o]}" "FCP Target, FCP Initiator" ||
			fail "${NAME[$o]} on $h is not a target and initiator"
	done
done
rmmod qla2xxx

echo "== role=target as the module default"
modprobe qla2xxx emu_ports=2 role=target
scan
for h in "${HOSTS[@]}"; do
	rd "/sys/class/scsi_host/$h/role" role
	[ "$role" = target ] || fail "default role of $h is $role"
done
rmmod qla2xxx
echo "ok: roles none/initiator/target/both at run time, default from role="
