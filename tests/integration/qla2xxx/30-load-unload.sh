#!/bin/bash
# Unloading with every port up leaves the log clean, 20 load/unload cycles in a row
# (the harness fails the run on any WARNING, BUG, oops, lockdep or hung-task report),
# and the emulated ports come back with the same WWPNs every time. emu_ports= loads
# qla2xxx_emu.ko; `modprobe -r qla2xxx qla2xxx_emu` unloads both and leaves nothing of
# the emulation in sysfs; `rmmod qla2xxx` alone removes the ports emu_ports= made.
# Loaded on its own (ports=, model=), the emulation's devices wait unbound until
# qla2xxx binds them, and stay after rmmod qla2xxx, as cards do.
# vm-args: --mem 1G --timeout 400
set -euo pipefail
cd "$(dirname "$0")"
. ../../lib/san.bash

for i in $(seq 1 20); do
	t0=$EPOCHREALTIME
	modprobe qla2xxx emu_ports=3
	wait_for 60 "cycle $i: 3 ports in a full mesh" mesh 3
	t1=$EPOCHREALTIME
	names=" ${NAME[*]} "
	for n in 0x21000024ff000001 0x21000024ff000002 0x21000024ff000003; do
		[[ $names == *" $n "* ]] || fail "cycle $i: port names changed: $names"
	done
	modprobe -r qla2xxx qla2xxx_emu
	t2=$EPOCHREALTIME
	grep -Eq '^qla2xxx(_emu)? ' /proc/modules && fail "cycle $i: a module is still loaded"
	[ -e /sys/class/qla2xxx_emu ] && fail "cycle $i: /sys/class/qla2xxx_emu left behind"
	[ -e /sys/devices/qla2xxx_emu ] && fail "cycle $i: /sys/devices/qla2xxx_emu left behind"
	echo "cycle $i: up and meshed in $(((${t1/./} - ${t0/./}) / 1000)) ms," \
		"unload in $(((${t2/./} - ${t1/./}) / 1000)) ms"
done
# rmmod while discovery is still running, and right after control writes; rmmod
# qla2xxx removes the emulated ports its emu_ports= made
for i in $(seq 1 10); do
	modprobe qla2xxx emu_ports=4
	((i % 2)) && sleep 0.05
	rmmod qla2xxx
	left=$(compgen -G '/sys/devices/qla2xxx_emu/qla2xxx_emu.*' || true)
	[ -z "$left" ] || fail "rmmod qla2xxx left emulated ports: $left"
done
modprobe qla2xxx emu_ports=3
echo 0x21000024ff000002 > $CTL/link_down
echo 0x21000024ff000002 > $CTL/link_up
echo 0x21000024ff000003 > $CTL/del_port
echo > $CTL/add_port
echo "kind=plogi,action=delay,delay_ms=2000" > $CTL/fault
rmmod qla2xxx
grep -q '^qla2xxx ' /proc/modules && fail "qla2xxx still loaded"
modprobe -r qla2xxx_emu
echo "10 cycles of rmmod during discovery, and one right after control writes"

# the emulation on its own: its devices wait for the driver, which binds them when it
# loads, and stay (unbound) when it goes
modprobe qla2xxx_emu ports=2 model=2812,2722
for d in qla2xxx_emu.0 qla2xxx_emu.1; do
	[ -e "/sys/devices/qla2xxx_emu/$d" ] || fail "no device $d"
	[ -e "/sys/devices/qla2xxx_emu/$d/driver" ] && fail "$d bound with no driver loaded"
done
modprobe qla2xxx
wait_for 60 "2 ports of the emulation alone in a full mesh" mesh 2
for d in qla2xxx_emu.0 qla2xxx_emu.1; do
	drv=$(realpath "/sys/devices/qla2xxx_emu/$d/driver")
	[ "${drv##*/}" = qla2xxx ] || fail "$d bound to '${drv##*/}'"
done
models=$(cat /sys/class/scsi_host/host*/model_name | sort | tr '\n' ' ')
[ "$models" = "QLE2692 QLE2772 " ] || fail "model_names '$models', want QLE2692 QLE2772"
rmmod qla2xxx
for d in qla2xxx_emu.0 qla2xxx_emu.1; do
	[ -e "/sys/devices/qla2xxx_emu/$d" ] || fail "rmmod qla2xxx removed $d"
	[ -e "/sys/devices/qla2xxx_emu/$d/driver" ] && fail "$d still bound"
done
modprobe -r qla2xxx_emu
[ -e /sys/devices/qla2xxx_emu ] && fail "/sys/devices/qla2xxx_emu left behind"
echo "ok: the emulation alone; qla2xxx binds its devices and leaves them when it goes"

if dmesg | grep -E 'qla2xxx' | grep -Ev 'out-of-tree|module verification' |
	grep -Ei 'error|fail|warn'; then
	fail "errors from qla2xxx in the log"
fi
echo "ok: 20 load/unload cycles with 3 ports up, log clean"
