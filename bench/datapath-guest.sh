#!/bin/bash
# The guest half of bench/datapath (see there).
set -euo pipefail
runtime=${1:-10}
repo=${QLAT_REPO:?}
res=$QLAT_RUN/datapath
mkdir -p "$res"

run_fio() { # run_fio PEER DEVICE
	local peer=$1 dev=$2
	fio --name=rand4k-qd32 --filename="$dev" --direct=1 --ioengine=libaio --rw=randread --bs=4k \
		--iodepth=32 --runtime="$runtime" --time_based --output-format=json >"$res/$peer-rand4k-qd32.json"
	fio --name=rand4k-qd1 --filename="$dev" --direct=1 --ioengine=libaio --rw=randread --bs=4k \
		--iodepth=1 --runtime="$runtime" --time_based --output-format=json >"$res/$peer-rand4k-qd1.json"
	fio --name=seq1m-qd8 --filename="$dev" --direct=1 --ioengine=libaio --rw=read --bs=1M \
		--iodepth=8 --runtime="$runtime" --time_based --output-format=json >"$res/$peer-seq1m-qd8.json"
}

disk_of_host() { # the sd device of the first LUN behind SCSI host number $1
	local d
	for d in /sys/class/scsi_host/host"$1"/device/target*/*/block/*; do
		[ -e "$d" ] && { echo "/dev/${d##*/}"; return 0; }
	done
	return 1
}

echo "qla2xxx tcm_loop" >"$res/peers"

# The peer: tcm_loop, an rd_mcp LUN.
targetcli <<'TCLI' >/dev/null
set global auto_save_on_exit=false
/backstores/ramdisk create name=loop_rd size=256M
/loopback create naa.5001405000000001
/loopback/naa.5001405000000001/luns create /backstores/ramdisk/loop_rd
exit
TCLI
sleep 1
loop_dev=
for h in /sys/class/scsi_host/host*; do
	[ "$(cat "$h/proc_name" 2>/dev/null)" = tcm_loopback ] || continue
	loop_dev=$(disk_of_host "${h##*/host}") && break
done
[ -n "$loop_dev" ] || { echo "datapath: no tcm_loop disk appeared" >&2; exit 1; }
echo "tcm_loop: rd_mcp LUN at $loop_dev"
run_fio tcm_loop "$loop_dev"

# qla2xxx: the same LUN kind behind an emulated target port, seen by an emulated initiator.
if [ -x "$repo/bench/datapath-qla2xxx.sh" ]; then
	"$repo/bench/datapath-qla2xxx.sh" "$res" "$runtime"
else
	echo "qla2xxx: the emulated SAN's SCSI data path is not built yet; measured tcm_loop only"
fi

echo
python3 "$repo/bench/fio-report.py" "$res"
