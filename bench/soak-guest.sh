#!/bin/bash
# The guest half of bench/soak (see there for the design): SEED SECONDS.
# Prints every event as it fires and, at the end, the report.
set -uo pipefail
seed=${1:?seed} soak_time=${2:?seconds}
# shellcheck source=tests/lib/san.bash
. "${QLAT_REPO:?}/tests/lib/san.bash"
FAIL_DMESG_LINES=60

work=$(mktemp -d)
cd "$work" || exit 1
io_size=4M lun_size=16M nini=4

# ---- the schedule: a 31-bit LCG from the seed, drawn in this shell only ----
rng=$((seed & 0x7fffffff))
# draw N VAR: VAR = the next number of the schedule, 0..N-1
draw() {
	local -n _d=$2
	rng=$(((rng * 1103515245 + 12345) & 0x7fffffff))
	_d=$(((rng >> 8) % $1))
}

# ---- the SAN: one target port T with LUNs 0..3, four initiators each writing its own
# LUN (I0 LUN 0, ...); every initiator's ACL maps all four LUNs ----
emu_san $((nini + 1))
T=${HOSTS[0]} TW=${WWPNS[0]}
INI=("${HOSTS[@]:1}") IW=("${WWPNS[@]:1}")
modprobe tcm_qla2xxx
RD_SIZE=$lun_size export_ramdisks "$T" "$TW" "$nini" "${IW[@]}"
TPG=$CFS/qla2xxx/$(colon "$TW")/tpgt_1
for h in "${INI[@]}"; do
	echo initiator >"/sys/class/scsi_host/$h/role"
done

# path_ok K: initiator K has its LUN K as a disk and reads its first block
path_ok() {
	local h=${INI[$1]} d
	d=$(lun_dev "$h" "$1")
	[ -n "$d" ] && timeout 10 dd if="/dev/$d" of=/dev/null bs=4k count=1 iflag=direct 2>/dev/null
}
all_paths() {
	local k
	for ((k = 0; k < nini; k++)); do
		wait_for 120 "initiator ${INI[$k]} reads its LUN $k" path_ok "$k"
	done
}
# short command timeouts, so that a lost frame costs 5 s, not 30
short_timeouts() {
	local k
	for ((k = 0; k < nini; k++)); do
		echo 5 >"/sys/class/scsi_disk/${INI[$k]#host}:0:0:$k/device/timeout"
	done
}
all_paths
short_timeouts
echo "soak: seed $seed, ${soak_time} s; target $T ($TW), initiators ${INI[*]}"

# slab in use (kB): Slab and SUnreclaim from /proc/meminfo after dropping caches
slab() {
	sync
	echo 3 >/proc/sys/vm/drop_caches
	awk '/^Slab:/ { s = $2 } /^SUnreclaim:/ { u = $2 } END { print s, u }' /proc/meminfo
}
s=$(slab)
read -r slab0 sunr0 <<<"$s"

declare -A fired=()
verified=() mismatches=0 ioerrors=0 rounds=0
for ((k = 0; k < nini; k++)); do verified[k]=0; done

# fio_job K SEED MODE: fio on initiator K's LUN K, random writes of 4-64 KiB (io_size
# in all) from SEED, read back and checked (crc32c; MODE "verify_only": only read back
# what the same job wrote before); output in $work/fio.K
fio_job() {
	local k=$1 dev
	dev=$(lun_dev "${INI[$k]}" "$k")
	fio --name="i$k" --filename="/dev/$dev" --direct=1 --ioengine=libaio --iodepth=8 \
		--rw=randwrite --bsrange=4k-64k --size="$lun_size" --io_size="$io_size" \
		--randseed="$2" --verify=crc32c --do_verify=1 --verify_fatal=1 \
		--verify_state_save=0 ${3:+--$3} --output="$work/fio.$k" >/dev/null 2>&1
}

# fio_start SEED [MODE]: fio_job on every initiator at once, in the background (FIOS:
# their pids); fio_end: wait for them, count what was verified and what failed (a crc
# or header mismatch, or any other error); fio_all SEED [MODE]: both
fio_start() {
	local k
	FIOS=()
	for ((k = 0; k < nini; k++)); do
		fio_job "$k" "$(($1 + k))" "${2:-}" &
		FIOS[k]=$!
	done
}
fio_end() {
	local k rc
	for ((k = 0; k < nini; k++)); do
		rc=0
		wait "${FIOS[$k]}" || rc=$?
		if [ "$rc" -eq 0 ]; then
			verified[k]=$((verified[k] + ${io_size%M}))
		elif grep -qiE 'verify.*(fail|bad)|bad magic|crc32c' "$work/fio.$k"; then
			mismatches=$((mismatches + 1))
			echo "MISMATCH on ${INI[$k]} LUN $k (round $rounds):"
			tail -n 20 "$work/fio.$k"
		else
			ioerrors=$((ioerrors + 1))
			echo "FIO ERROR on ${INI[$k]} LUN $k (round $rounds):"
			tail -n 20 "$work/fio.$k"
		fi
	done
}
fio_all() {
	fio_start "$@"
	fio_end
}

# ---- the events ----
# between rounds, with no I/O (they take an initiator's path away)
quiet_event() {
	local kind=$1 k=$2 pause=$3 acl
	case $kind in
	tpg)
		echo "  tpg: T's TPG disabled for ${pause} s, enabled"
		echo 0 >"$TPG/enable"
		sleep "$pause"
		echo 1 >"$TPG/enable"
		;;
	acl)
		acl=$(naa "${IW[$k]}")
		echo "  acl: ${INI[$k]}'s ACL removed for ${pause} s, created again"
		timeout 60 targetcli "/qla2xxx/$(naa "$TW")/acls" delete "$acl" >/dev/null ||
			fail "deleting ${INI[$k]}'s ACL"
		sleep "$pause"
		timeout 60 targetcli "/qla2xxx/$(naa "$TW")/acls" create "$acl" >/dev/null ||
			fail "creating ${INI[$k]}'s ACL again"
		;;
	esac
	fired[$kind]=$((${fired[$kind]:-0} + 1))
}

# armed before a round's I/O (they hit its first matching frame)
armed_event() {
	local kind=$1 k=$2 ms=$3
	case $kind in
	drop)
		echo "  drop: ${INI[$k]}'s next FCP_DATA frame dropped"
		echo "kind=data,action=drop,count=1,wwpn=${IW[$k]}" >"$CTL/fault"
		;;
	delay)
		echo "  delay: ${INI[$k]}'s next FCP_CMND delayed ${ms} ms"
		echo "kind=fcp_cmnd,action=delay,delay_ms=$ms,count=1,wwpn=${IW[$k]}" >"$CTL/fault"
		;;
	abort)
		echo "  abort: T's next FCP_RSP dropped (the command times out and is aborted)"
		echo "kind=rsp,action=drop,count=1,wwpn=$TW" >"$CTL/fault"
		;;
	esac
	fired[$kind]=$((${fired[$kind]:-0} + 1))
}

# fired during a round's I/O
live_event() {
	local kind=$1 k=$2 pause=$3 sg l
	case $kind in
	link)
		if ((k == nini)); then
			echo "  link: T's cable pulled for ${pause} s"
			echo "$TW" >"$CTL/link_down"
			sleep "$pause"
			echo "$TW" >"$CTL/link_up"
		else
			echo "  link: ${INI[$k]}'s cable pulled for ${pause} s"
			echo "${IW[$k]}" >"$CTL/link_down"
			sleep "$pause"
			echo "${IW[$k]}" >"$CTL/link_up"
		fi
		;;
	lun_reset)
		# initiator k resets the LUN that the next initiator writes (k = nini, which
		# means the target for a link event, means the first initiator here)
		k=$((k % nini))
		l=$(((k + 1) % nini))
		sg=$(ls "/sys/class/scsi_disk/${INI[$k]#host}:0:0:$l/device/scsi_generic" 2>/dev/null)
		echo "  lun_reset: ${INI[$k]} resets LUN $l (${INI[$l]}'s)"
		{ [ -n "$sg" ] && sg_reset -d "/dev/$sg"; } || fail "LUN reset of LUN $l from ${INI[$k]}"
		;;
	port)
		echo "  port: a port added to the fabric, removed ${pause} s later"
		echo "wwpn=0x21000024ff0000f0" >"$CTL/add_port"
		sleep "$pause"
		echo "wwpn=0x21000024ff0000f0" >"$CTL/del_port"
		;;
	esac
	fired[$kind]=$((${fired[$kind]:-0} + 1))
}

kinds=(link drop delay abort lun_reset port tpg acl)
e=0 k=0 p=0 ms=0 at=0 rseed=0
t0=$SECONDS prev=
while ((SECONDS - t0 < soak_time)); do
	rounds=$((rounds + 1))
	draw ${#kinds[@]} e
	kind=${kinds[$e]}
	draw $((nini + 1)) k
	draw 3 p
	pause=$((p + 1))
	draw 1900 ms
	ms=$((ms + 100))
	draw 4 at
	draw 1000000 rseed
	echo "round $rounds ($((SECONDS - t0)) s): $kind"
	case $kind in
	tpg | acl)
		quiet_event "$kind" $((k % nini)) "$pause"
		all_paths
		short_timeouts
		# what the last round wrote must have come through the event
		[ -z "$prev" ] || fio_all "$prev" verify_only
		fio_all "$rseed"
		;;
	drop | delay | abort)
		armed_event "$kind" $((k % nini)) "$ms"
		fio_all "$rseed"
		if ! faults_used; then
			echo "  (the fault found no frame this round: $(cat "$CTL/faults"))"
			echo clear >"$CTL/fault"
		fi
		;;
	*)
		fio_start "$rseed"
		sleep "$at"
		live_event "$kind" "$k" "$pause"
		fio_end
		;;
	esac
	prev=$rseed
done
elapsed=$((SECONDS - t0))

# ---- teardown, then the end's slab ----
san_unload "${HOSTS[@]}" >/dev/null
grep -qE '^(tcm_)?qla2xxx ' /proc/modules && fail "a module is still loaded after teardown"
s=$(slab)
read -r slab1 sunr1 <<<"$s"

bound=4096
echo
echo "== soak report"
echo "seed: $seed (SOAK_SEED=$seed replays this schedule)"
echo "duration: ${elapsed} s, $rounds rounds"
line=
for kind in "${kinds[@]}"; do line+=" $kind=${fired[$kind]:-0}"; done
echo "events fired:$line"
line=
for ((k = 0; k < nini; k++)); do line+=" ${INI[$k]}=${verified[$k]}MiB"; done
echo "verified by fio (crc32c, read back after write):$line"
echo "data mismatches: $mismatches; other fio errors: $ioerrors"
echo "slab (kB, after drop_caches): start $slab0 (SUnreclaim $sunr0), end $slab1" \
	"(SUnreclaim $sunr1); bound: end SUnreclaim <= start + $bound kB"
verdict=PASS
((mismatches == 0 && ioerrors == 0)) || verdict=FAIL
((sunr1 <= sunr0 + bound)) || verdict=FAIL
echo "guest verdict: $verdict (the kernel log is checked by tests/vm/run)"
[ "$verdict" = PASS ]
