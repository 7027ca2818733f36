#!/bin/bash
# rmmod with every port up leaves the log clean, 20 load/unload cycles in a row (the
# harness fails the run on any WARNING, BUG, oops, lockdep or hung-task report), and
# the emulated ports come back with the same WWPNs every time.
# vm-args: --mem 1G --timeout 400
set -euo pipefail
cd "$(dirname "$0")"
. ./lib.bash

for i in $(seq 1 20); do
	t0=$EPOCHREALTIME
	modprobe qla2xxx emu_ports=3
	wait_for 60 "cycle $i: 3 ports in a full mesh" mesh 3
	t1=$EPOCHREALTIME
	names=" ${NAME[*]} "
	for n in 0x21000024ff000001 0x21000024ff000002 0x21000024ff000003; do
		[[ $names == *" $n "* ]] || fail "cycle $i: port names changed: $names"
	done
	rmmod qla2xxx
	t2=$EPOCHREALTIME
	grep -q '^qla2xxx ' /proc/modules && fail "cycle $i: qla2xxx still loaded"
	[ -e /sys/class/qla2xxx_emu ] && fail "cycle $i: /sys/class/qla2xxx_emu left behind"
	[ -e /sys/bus/qla2xxx_emu ] && fail "cycle $i: /sys/bus/qla2xxx_emu left behind"
	echo "cycle $i: up and meshed in $(((${t1/./} - ${t0/./}) / 1000)) ms," \
		"rmmod in $(((${t2/./} - ${t1/./}) / 1000)) ms"
done
# rmmod while discovery is still running, and right after control writes
for i in $(seq 1 10); do
	modprobe qla2xxx emu_ports=4
	((i % 2)) && sleep 0.05
	rmmod qla2xxx
done
modprobe qla2xxx emu_ports=3
echo 0x21000024ff000002 > $CTL/link_down
echo 0x21000024ff000002 > $CTL/link_up
echo 0x21000024ff000003 > $CTL/del_port
echo > $CTL/add_port
echo "kind=plogi,action=delay,delay_ms=2000" > $CTL/fault
rmmod qla2xxx
grep -q '^qla2xxx ' /proc/modules && fail "qla2xxx still loaded"
echo "10 cycles of rmmod during discovery, and one right after control writes"

if dmesg | grep -E 'qla2xxx' | grep -Ev 'out-of-tree|module verification' |
	grep -Ei 'error|fail|warn'; then
	fail "errors from qla2xxx in the log"
fi
echo "ok: 20 load/unload cycles with 3 ports up, log clean"
