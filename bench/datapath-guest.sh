#!/bin/bash
# The guest half of bench/datapath (see there).
# The three LUNs are set up first; each job then runs in rounds that alternate
# between the peers, so that a change in the machine's load (it is shared)
# falls on all alike. Around each round's I/O (fio's exec_prerun/exec_postrun,
# which run just before its first I/O and after its last) the guest's CPU
# counters are read. After the rounds of a job one more qla2xxx round runs with
# the workqueue and scheduler tracepoints on, to find the emulated card's share
# of the guest's CPU.
set -euo pipefail
runtime=${1:-15}
scheduler=${2:-}	# empty: the kernel's choice
repo=${QLAT_REPO:?}
# shellcheck source=tests/lib/common.bash
. "$repo/tests/lib/common.bash"
res=$QLAT_RUN/datapath
rounds=5
# The emulated card's own work: its ISP firmware, switch and link, all work functions
# named qla_emu_*; not the one that delivers its interrupt, which runs the driver's
# interrupt handler (host work with a card too).
emu_work='^qla_emu_' emu_not='^qla_emu_irq_work$'
mkdir -p "$res"
# fio writes the pre/postrun commands' output into its working directory
work=$(mktemp -d)
cd "$work"

# job name, then fio's options
jobs=("rand4k-qd32 --rw=randread --bs=4k --iodepth=32"
	"rand4k-qd1 --rw=randread --bs=4k --iodepth=1"
	"seq1m-qd8 --rw=read --bs=1M --iodepth=8")

run_fio() { # run_fio PEER DEVICE ROUND JOB OPTIONS...
	local peer=$1 dev=$2 round=$3 job=$4 pre=${pre:-} post=${post:-}
	shift 4
	fio --name="$job" --filename="$dev" --direct=1 --ioengine=libaio "$@" \
		--runtime="$(((runtime + rounds - 1) / rounds))" --time_based \
		--exec_prerun="sh -c '${pre}cat /proc/uptime; head -n 1 /proc/stat'" \
		--exec_postrun="sh -c 'cat /proc/uptime; head -n 1 /proc/stat$post'" \
		--output-format=json | sed -n '/^{/,$p' >"$res/$peer-$job-$round.json"
	cat "$job.prerun.txt" "$job.postrun.txt" >"$res/$peer-$job-$round.stat"
}

# The first peer is the one measured, the others the references.
echo "qla2xxx tcm_loop iscsi" >"$res/peers"
echo "$emu_work $emu_not" >"$res/emu-work"
nproc >"$res/cpus"

# tcm_loop: an rd_mcp LUN behind LIO's loopback fabric.
loop_dev=$("$repo/bench/datapath-loop.sh")
echo "tcm_loop: rd_mcp LUN at $loop_dev"

# qla2xxx: the same LUN kind behind an emulated target port, seen by an emulated initiator.
qla_dev=$("$repo/bench/datapath-qla2xxx.sh")
echo "qla2xxx: rd_mcp LUN at $qla_dev"

# iscsi: the same LUN kind behind LIO's iSCSI target, open-iscsi over loopback TCP.
iscsi_dev=$("$repo/bench/datapath-iscsi.sh")
echo "iscsi: rd_mcp LUN at $iscsi_dev"

for dev in "$loop_dev" "$qla_dev" "$iscsi_dev"; do
	sched=/sys/block/$(basename "$(readlink -f "$dev")")/queue/scheduler
	[ -z "$scheduler" ] || echo "$scheduler" >"$sched"
	echo "$dev: I/O scheduler $(grep -o '\[[^]]*\]' "$sched" | tr -d '[]')"
done

mountpoint -q "$TRACING" || mount -t tracefs nodev "$TRACING"
echo 32768 >"$TRACING/buffer_size_kb"
for j in "${jobs[@]}"; do
	read -r -a opts <<<"$j"
	for round in $(seq "$rounds"); do
		run_fio tcm_loop "$loop_dev" "$round" "${opts[@]}"
		run_fio qla2xxx "$qla_dev" "$round" "${opts[@]}"
		run_fio iscsi "$iscsi_dev" "$round" "${opts[@]}"
	done
	# the traced round: tracing on for exactly the I/O
	echo 0 >"$TRACING/tracing_on"
	echo >"$TRACING/trace"
	for e in sched/sched_switch workqueue/workqueue_execute_start \
		workqueue/workqueue_execute_end; do
		echo 1 >"$TRACING/events/$e/enable"
	done
	pre="echo 1 >$TRACING/tracing_on; " post="; echo 0 >$TRACING/tracing_on" \
		run_fio qla2xxx-traced "$qla_dev" 1 "${opts[@]}"
	echo 0 >"$TRACING/events/enable"
	python3 "$repo/bench/work-cpu.py" "$TRACING/trace" "$emu_work" "$emu_not" \
		>"$res/qla2xxx-traced-${opts[0]}-1.emu"
	echo >"$TRACING/trace"
	echo 1 >"$TRACING/tracing_on"
done

echo
python3 "$repo/bench/fio-report.py" "$res"
