#!/bin/bash
# The guest half of bench/qd1-breakdown (see there).
set -euo pipefail
runtime=${1:-2}
repo=${QLAT_REPO:?}
# shellcheck source=tests/lib/common.bash
. "$repo/tests/lib/common.bash"
res=$QLAT_RUN/qd1-breakdown
events=(block/block_rq_issue block/block_rq_complete sched/sched_switch
	workqueue/workqueue_execute_start workqueue/workqueue_execute_end)
mkdir -p "$res"
mountpoint -q "$TRACING" || mount -t tracefs nodev "$TRACING"
echo 32768 >"$TRACING/buffer_size_kb"

loop_dev=$("$repo/bench/datapath-loop.sh")
qla_dev=$("$repo/bench/datapath-qla2xxx.sh")

fio_qd1() { # fio_qd1 DEVICE SECONDS
	fio --name=rand4k-qd1 --filename="$1" --direct=1 --ioengine=libaio --rw=randread \
		--bs=4k --iodepth=1 --runtime="$2" --time_based --output-format=json
}

for peer in qla2xxx:"$qla_dev" tcm_loop:"$loop_dev"; do
	name=${peer%%:*} dev=${peer#*:}
	fio_qd1 "$dev" 1 >/dev/null	# warm up
	echo >"$TRACING/trace"
	for e in "${events[@]}"; do echo 1 >"$TRACING/events/$e/enable"; done
	fio_qd1 "$dev" "$runtime" >"$res/$name.json"
	echo 0 >"$TRACING/events/enable"
	cp "$TRACING/trace" "$res/$name.trace"
	echo "$name: $dev, $(grep -c block_rq_issue "$res/$name.trace") reads traced"
done
echo
python3 "$repo/bench/trace-breakdown.py" qla2xxx="$res/qla2xxx.trace" tcm_loop="$res/tcm_loop.trace"
