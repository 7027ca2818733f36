#!/bin/bash
# The guest half of bench/load-cycles (see there): CYCLES cycles of load, configure,
# log in, I/O with a data check, tear down and unload; then the report.
set -uo pipefail
# shellcheck source=tests/lib/san.bash
. "${QLAT_REPO:?}/tests/lib/san.bash"
cycles=${1:-100}
ctl=/sys/kernel/config/target
leak=/sys/kernel/debug/kmemleak
work=$(mktemp -d)
kmsg=$work/kmsg
bad='WARNING:|BUG:|Oops|kernel BUG|general protection fault|Kernel panic'
bad+='|possible circular locking|possible recursive locking|inconsistent lock state'
bad+='|suspicious RCU usage|blocked for more than|KASAN|UBSAN|unreferenced object|memory leak'

# Slab in use (kB, /proc/meminfo) after dropping what the kernel may reclaim
slab_kb() {
	sync
	echo 3 >/proc/sys/vm/drop_caches
	awk '/^Slab:/ { print $2 }' /proc/meminfo
}

# slabinfo's caches as "name bytes" (active objects times object size)
slab_caches() { awk 'NR > 2 { print $1, $2 * $4 }' /proc/slabinfo | sort; }

# one cycle; the reason of a failure on stdout
cycle() {
	local tw=0x21000024ff000001 aw=0x21000024ff000002 T A dev
	modprobe qla2xxx emu_ports=2 role=none || { echo "modprobe qla2xxx"; return 1; }
	host_of $tw T && host_of $aw A || { echo "no fc_hosts"; return 1; }
	echo target >"/sys/class/scsi_host/$T/role" || { echo "target role"; return 1; }
	targetcli >"$work/targetcli.out" 2>&1 <<EOT || { echo "targetcli config"; return 1; }
set global auto_save_on_exit=false
/backstores/ramdisk create name=rd0 size=8M
/qla2xxx create naa.${tw#0x}
/qla2xxx/naa.${tw#0x} set attribute generate_node_acls=0
/qla2xxx/naa.${tw#0x}/luns create /backstores/ramdisk/rd0
/qla2xxx/naa.${tw#0x}/acls create naa.${aw#0x}
exit
EOT
	echo initiator >"/sys/class/scsi_host/$A/role" || { echo "initiator role"; return 1; }
	# (a subshell: wait_for's fail ends it, not the cycle)
	(FAIL_DMESG_LINES=0 wait_for 60 "LUN 0 on $A" has_lun "$A" 0) 2>/dev/null ||
		{ echo "no disk on the initiator"; return 1; }
	dev=$(lun_dev "$A" 0)
	dd if="$work/pattern" of="/dev/$dev" bs=64k count=16 oflag=direct 2>/dev/null ||
		{ echo "write"; return 1; }
	dd if="/dev/$dev" of="$work/back" bs=64k count=16 iflag=direct 2>/dev/null ||
		{ echo "read"; return 1; }
	cmp -s "$work/pattern" "$work/back" || { echo "data read back differs"; return 1; }
	targetcli clearconfig confirm=True >"$work/targetcli.out" 2>&1 ||
		{ echo "targetcli clearconfig"; return 1; }
	[ ! -d "$ctl/qla2xxx" ] || rmdir "$ctl/qla2xxx" || { echo "rmdir qla2xxx"; return 1; }
	rmmod tcm_qla2xxx || { echo "rmmod tcm_qla2xxx"; return 1; }
	rmmod qla2xxx || { echo "rmmod qla2xxx"; return 1; }
	rmmod qla2xxx_emu || { echo "rmmod qla2xxx_emu"; return 1; }
}

# after a failure: whatever is left, so that the next cycle starts clean
cleanup() {
	targetcli clearconfig confirm=True >/dev/null 2>&1
	[ ! -d "$ctl/qla2xxx" ] || rmdir "$ctl/qla2xxx" 2>/dev/null
	rmmod tcm_qla2xxx qla2xxx qla2xxx_emu 2>/dev/null
	lsmod | grep -q '^qla2xxx' && return 1
	return 0
}

head -c 1048576 /dev/urandom >"$work/pattern"
# every kernel message (the ring buffer could wrap over 100 cycles); those from
# before the first cycle (kernel time in microseconds, /dev/kmsg's third field)
# are left out of the report
start_us=$(awk '{ printf "%d", $1 * 1000000 }' /proc/uptime)
cat /dev/kmsg >"$kmsg" &
kmsg_pid=$!
if [ -e "$leak" ]; then
	echo clear >"$leak"
fi
slab0=$(slab_kb)
slab_caches >"$work/slab0"
done=0 failed=0 t0=$SECONDS
for ((i = 1; i <= cycles; i++)); do
	if why=$(cycle); then
		done=$((done + 1))
	else
		failed=$((failed + 1))
		echo "cycle $i failed: $why"
		cleanup || { echo "cycle $i: cannot unload, stopping"; break; }
	fi
	if ((i == 1)); then
		slab1=$(slab_kb)
		slab_caches >"$work/slab1"
	fi
	((i % 10 == 0)) && echo "cycle $i: $done done, $failed failed, $((SECONDS - t0)) s"
done
slab2=$(slab_kb)
slab_caches >"$work/slab2"
leaks=
if [ -e "$leak" ]; then
	# two scans: an object is reported once it was unreferenced in both
	echo scan >"$leak"
	sleep 5
	echo scan >"$leak"
	leaks=$(cat "$leak")
fi
sleep 1
kill "$kmsg_pid" 2>/dev/null
wait "$kmsg_pid" 2>/dev/null

echo
echo "== load-cycles report"
echo "cycles: $((done + failed)) run, $done done, $failed failed, $((SECONDS - t0)) s"
awk -F, -v t="$start_us" '$3 >= t' "$kmsg" >"$kmsg.run"
badlines=$(grep -E "$bad" "$kmsg.run" | sed 's/^[^;]*;//')
if [ -z "$badlines" ]; then
	echo "kernel log: clean ($(wc -l <"$kmsg.run") lines, none with WARN/BUG/oops/leak)"
else
	echo "kernel log: $(echo "$badlines" | wc -l) bad line(s):"
	echo "$badlines" | head -n 20
fi
echo "slab (kB, /proc/meminfo after drop_caches): start $slab0, after cycle 1 ${slab1:-?}, end $slab2"
echo "  end - start: $((slab2 - slab0)) kB; end - after cycle 1: $((slab2 - ${slab1:-slab2})) kB over $((done + failed - 1)) cycles"
echo "  caches grown most since cycle 1 (bytes in active objects):"
join "$work/slab1" "$work/slab2" | awk '{ d = $3 - $2; if (d > 0) print d, $1 }' |
	sort -rn | head -n 5 | awk '{ printf "    %-28s +%d\n", $2, $1 }'
if [ -e "$leak" ]; then
	n=$(grep -c '^unreferenced object' <<<"$leaks")
	echo "kmemleak: $n unreferenced object(s)"
	[ "$n" -eq 0 ] || echo "$leaks" | head -n 40
else
	echo "kmemleak: not in this kernel (no $leak)"
fi
[ "$failed" -eq 0 ] && [ -z "$badlines" ] && [ -z "$leaks" ]
