#!/bin/bash
# The guest side of bench/big-tree/run (root in the VM, on real configfs).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
qlatctl=$QLAT_BUILD/tools/qlatctl/qlatctl
size=$1
w=$(mktemp -d /tmp/bench.XXXXXX)
modprobe -q iscsi_target_mod
modprobe -q target_core_rd 2>/dev/null || true
"$qlatctl" clear >/dev/null
python3 "$here/../restore/gen-config.py" "${size%x*}" "${size#*x}" "$w/config.json"
t0=$(date +%s.%N)
"$qlatctl" restore "$w/config.json" >/dev/null
t1=$(date +%s.%N)
printf 'big-tree %s: restored in %.1f s\n' "$size" "$(echo "$t1 - $t0" | bc -l)"
python3 "$here/serve-timing.py" "$qlatctl"
t0=$(date +%s.%N)
if timeout 120 targetcli ls >/dev/null 2>&1; then
	t1=$(date +%s.%N)
	printf 'peer: targetcli ls %.1f s\n' "$(echo "$t1 - $t0" | bc -l)"
else
	echo "peer: targetcli ls did not finish in 120 s"
fi
"$qlatctl" clear >/dev/null
rm -rf "$w"
