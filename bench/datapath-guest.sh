#!/bin/bash
# The guest half of bench/datapath (see there).
# Both LUNs are set up first; each job then runs in rounds that alternate
# between the peers, so that a change in the machine's load (it is shared)
# falls on both alike.
set -euo pipefail
runtime=${1:-15}
scheduler=${2:-}	# empty: the kernel's choice
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

echo "qla2xxx tcm_loop" >"$res/peers"

# The peer: tcm_loop, an rd_mcp LUN.
loop_dev=$("$repo/bench/datapath-loop.sh")
echo "tcm_loop: rd_mcp LUN at $loop_dev"

# qla2xxx: the same LUN kind behind an emulated target port, seen by an emulated initiator.
qla_dev=$("$repo/bench/datapath-qla2xxx.sh")
echo "qla2xxx: rd_mcp LUN at $qla_dev"

for dev in "$loop_dev" "$qla_dev"; do
	sched=/sys/block/$(basename "$(readlink -f "$dev")")/queue/scheduler
	[ -z "$scheduler" ] || echo "$scheduler" >"$sched"
	echo "$dev: I/O scheduler $(grep -o '\[[^]]*\]' "$sched" | tr -d '[]')"
done

for j in "${jobs[@]}"; do
	read -r -a opts <<<"$j"
	for round in $(seq "$rounds"); do
		run_fio tcm_loop "$loop_dev" "$round" "${opts[@]}"
		run_fio qla2xxx "$qla_dev" "$round" "${opts[@]}"
	done
done

echo
python3 "$repo/bench/fio-report.py" "$res"
