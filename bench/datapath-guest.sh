#!/bin/bash
# The guest half of bench/datapath (see there).
# Both LUNs are set up first; each job then runs in rounds that alternate
# between the peers, so that a change in the machine's load (it is shared)
# falls on both alike.
set -euo pipefail
runtime=${1:-15}
repo=${QLAT_REPO:?}
res=$QLAT_RUN/datapath
rounds=5
mkdir -p "$res"

# job name, then fio's options
jobs=("rand4k-qd32 --rw=randread --bs=4k --iodepth=32"
	"rand4k-qd1 --rw=randread --bs=4k --iodepth=1"
	"seq1m-qd8 --rw=read --bs=1M --iodepth=8")

run_fio() { # run_fio PEER DEVICE ROUND JOB OPTIONS...
	local peer=$1 dev=$2 round=$3 job=$4
	shift 4
	fio --name="$job" --filename="$dev" --direct=1 --ioengine=libaio "$@" \
		--runtime="$(((runtime + rounds - 1) / rounds))" --time_based \
		--output-format=json >"$res/$peer-$job-$round.json"
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

# qla2xxx: the same LUN kind behind an emulated target port, seen by an emulated initiator.
qla_dev=$("$repo/bench/datapath-qla2xxx.sh")
echo "qla2xxx: rd_mcp LUN at $qla_dev"

for j in "${jobs[@]}"; do
	read -r -a opts <<<"$j"
	for round in $(seq "$rounds"); do
		run_fio tcm_loop "$loop_dev" "$round" "${opts[@]}"
		run_fio qla2xxx "$qla_dev" "$round" "${opts[@]}"
	done
done

echo
python3 "$repo/bench/fio-report.py" "$res"
