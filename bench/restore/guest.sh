#!/bin/bash
# The guest side of bench/restore/run (runs as root in the VM, on real configfs).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
qlatctl=$QLAT_BUILD/tools/qlatctl/qlatctl
floor=$QLAT_BUILD/bench/restore-floor
w=$(mktemp -d /tmp/bench.XXXXXX)
results=$w/results

now() { date +%s.%N; }
timed() { # timed VAR COMMAND...: run, store the seconds in VAR
	local var=$1 t0 t1
	shift
	t0=$(now)
	"$@" >"$w/out" 2>&1 || { echo "bench: '$*' failed:" >&2; tail -n 20 "$w/out" >&2; exit 1; }
	t1=$(now)
	printf -v "$var" '%s' "$(echo "$t1 - $t0" | bc -l)"
}
mapped_luns() {
	find /sys/kernel/config/target/iscsi -mindepth 6 -maxdepth 6 -path '*/acls/*/lun_*' -type d | wc -l
}
empty() {
	[ -z "$(ls /sys/kernel/config/target/core | grep '_')" ] || { echo "bench: tree not empty" >&2; exit 1; }
}

no_targetctl=
if [ "${1:-}" = --no-targetctl ]; then
	no_targetctl=1
	shift
fi
modprobe -q iscsi_target_mod
modprobe -q target_core_rd 2>/dev/null || true
"$qlatctl" clear >/dev/null
for size in "$@"; do
	l=${size%x*} a=${size#*x}
	n=$((l * a))
	cfg=$w/$size.json
	/usr/bin/python3 "$here/gen-config.py" "$l" "$a" "$cfg"
	echo "== $size: $l LUNs, $a ACLs, $n mapped LUNs"

	empty
	timed q_restore "$qlatctl" restore "$cfg"
	[ "$(mapped_luns)" -eq "$n" ] || { echo "bench: qlatctl restore made $(mapped_luns) mapped LUNs" >&2; exit 1; }
	timed q_save "$qlatctl" save --no-backup "$w/q.json"
	timed q_clear "$qlatctl" clear
	empty

	if [ -n "$no_targetctl" ]; then # quick runs: qlatctl and the floor only
		t_restore=0 t_save=0 t_clear=0 same=skipped
	else
	timed t_restore targetctl restore "$cfg"
	[ "$(mapped_luns)" -eq "$n" ] || { echo "bench: targetctl restore made $(mapped_luns) mapped LUNs" >&2; exit 1; }
	timed t_save targetctl save "$w/t.json"
	timed t_clear targetctl clear
	empty
	cmp -s "$w/q.json" "$w/t.json" && same=yes || same=no
	fi

	timed f_restore "$floor" restore "$l" "$a"
	[ "$(mapped_luns)" -eq "$n" ] || { echo "bench: floor made $(mapped_luns) mapped LUNs" >&2; exit 1; }
	timed f_save "$floor" save "$l" "$a"
	timed f_clear "$floor" clear "$l" "$a"
	empty
	echo "$size $n $q_restore $q_save $q_clear $t_restore $t_save $t_clear $f_restore $f_save $f_clear $same" >>"$results"
	printf '   %-9s %9s %9s %9s\n' tool restore save clear
	printf '   %-9s %8.2fs %8.2fs %8.2fs\n' qlatctl "$q_restore" "$q_save" "$q_clear" \
		targetctl "$t_restore" "$t_save" "$t_clear" floor "$f_restore" "$f_save" "$f_clear"
	echo "   saves by qlatctl and targetctl identical: $same"
done

echo
echo "== summary (ratios; per mapped LUN: qlatctl restore time / mapped LUNs)"
printf '%-8s %7s %12s %12s %12s %12s %12s %12s\n' size mapped "tctl/q rest" "tctl/q save" \
	"tctl/q clear" "q/floor rest" "q/floor clr" "q us/mapped"
[ -z "$no_targetctl" ] || echo "(targetctl skipped: its ratios read 0)"
while read -r size n qr qs qc tr ts tc fr fs fc same; do
	printf '%-8s %7d %11.1fx %11.1fx %11.1fx %11.2fx %11.2fx %12.1f\n' "$size" "$n" \
		"$(echo "$tr / $qr" | bc -l)" "$(echo "$ts / $qs" | bc -l)" "$(echo "$tc / $qc" | bc -l)" \
		"$(echo "$qr / $fr" | bc -l)" "$(echo "$qc / $fc" | bc -l)" "$(echo "$qr * 1000000 / $n" | bc -l)"
done <"$results"
rm -rf "$w"
