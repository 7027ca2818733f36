#!/bin/bash
# Task management over the emulated SAN reaches LIO and comes back with LIO's answer:
# a LUN reset from initiator A during I/O on two LUNs (LIO resets LUN 0, fio verify
# passes on both); a target reset (LIO refuses it: RSP_CODE 5, the initiator says so
# and escalates; the disk keeps working); an ABTS for a write whose data was lost
# (ABORT TASK to LIO, BA_ACC, the write is retried and the data is right); an ABTS for
# an exchange the target already finished (BA_RJT without LIO); aborts racing
# delayed responses and data (fio verify passes). Then the functions
# Linux initiators never send, from the emulated firmware (ctl/tmf): ABORT TASK SET,
# CLEAR TASK SET and CLEAR ACA (LIO: not supported, RSP_CODE 4), a LUN reset of an
# unmapped LUN (9), malformed flags (2); B, which has no ACL, was refused at login
# (its PRLI rejected) and has no FCP login to send one on.
# vm-args: --timeout 600 --mem 2G
set -euo pipefail
exec 2>&1
. "$(dirname "$0")/../../lib/san.bash"
FAIL_DMESG_LINES=40
# traced TEXT: the qla_tgt_tmf trace has a line matching the extended regex TEXT
traced() { grep -E "qla_tgt_tmf: .*$1" "$TRACING/trace" >/dev/null; }

emu_san 3
T=${HOSTS[0]} A=${HOSTS[1]} B=${HOSTS[2]}
tw=${WWPNS[0]} aw=${WWPNS[1]} bw=${WWPNS[2]}
# task management answers, without the I/O's frames (they would wrap the buffer)
echo 1 >"$TRACING/events/qla2xxx/qla_tgt_tmf/enable"
echo 0 >"$TRACING/events/qla2xxx_emu/qla_frame/enable"
export_ramdisks "$T" "$tw" 2 "$aw"
echo initiator > "/sys/class/scsi_host/$A/role"
wait_for 60 "LUNs 0 and 1 on A" has_lun "$A" 1
wait_for 10 "LUN 0 on A" has_lun "$A" 0
d0=$(lun_dev "$A" 0) d1=$(lun_dev "$A" 1)
sd0=/sys/class/scsi_disk/${A#host}:0:0:0
sg0=/dev/$(ls "$sd0/device/scsi_generic")
a_id=$(printf '%06x' "$(cat "/sys/class/fc_host/$A/port_id")")
echo "ok: A ($a_id) sees LUN 0 as /dev/$d0 and LUN 1 as /dev/$d1"

# LUN reset during I/O on both LUNs.
for d in "$d0" "$d1"; do
	fio --name=r --filename="/dev/$d" --direct=1 --ioengine=libaio --iodepth=16 \
		--rw=randwrite --bs=4k --size=4M --time_based --runtime=6 --verify=crc32c \
		--do_verify=1 --verify_fatal=1 --output="/tmp/fio-$d.txt" >/dev/null &
	eval "pid_$d=\$!"
done
sleep 2
sg_reset -d "$sg0" || fail "LUN reset of LUN 0 (sg_reset -d) failed"
for d in "$d0" "$d1"; do
	eval "pid=\$pid_$d"
	wait "$pid" || { cat "/tmp/fio-$d.txt"; fail "fio verify on /dev/$d across the LUN reset"; }
done
traced "request LUN_RESET from=$a_id lun=0 " || fail "the target saw no LUN reset from A"
traced "answer LUN_RESET from=$a_id lun=0 .*rsp=0$" || fail "the LUN reset was not answered complete"
echo "ok: LUN reset of LUN 0 during I/O: LIO answered FUNCTION COMPLETE; fio verify passes on both LUNs"

# Target reset: LIO has no target reset; the answer says so (TMF failed).
if sg_reset -N -t "$sg0" 2>/dev/null; then fail "a target reset was reported done"; fi
traced "answer TARGET_RESET from=$a_id .*rsp=5$" || fail "no TARGET_RESET answer with RSP_CODE 5"
grep -q "target reset refused by target .*RSP_CODE 5" <(dmesg) || fail "the initiator did not log the refusal"
dd if="/dev/$d0" of=/dev/null bs=4k count=16 iflag=direct 2>/dev/null || fail "LUN 0 unreadable after the target reset"
echo "ok: target reset refused by LIO (RSP_CODE 5), logged by the initiator; LUN 0 still reads"

# ABTS for a live exchange: the write's data frame is lost, the target waits for it,
# the initiator times out and aborts; LIO hears ABORT TASK; BA_ACC.
echo 3 > "$sd0/device/timeout"
head -c 65536 /dev/urandom >/tmp/pattern
echo "kind=data,action=drop,count=1,wwpn=$aw" > "$CTL/fault"
dd if=/tmp/pattern of="/dev/$d0" bs=64k count=1 seek=10 oflag=direct 2>/dev/null ||
	fail "the write whose data frame was dropped failed"
[ -z "$(cat "$CTL/faults")" ] || fail "data fault not used: $(cat "$CTL/faults")"
traced "request ABTS from=$a_id lun=0 tag=0x[0-9a-f]+ " || fail "no ABTS reached the target"
grep "qla_tgt_tmf: .*request ABTS" "$TRACING/trace" | grep -v "tag=0xffffffff" >/dev/null ||
	fail "the ABTS named no exchange the target knew"
traced "answer ABTS from=$a_id .*rsp=0$" || fail "no BA_ACC for the ABTS"
grep -q "ABORT_TASK: Sending TMR_" <(dmesg) || fail "LIO never ran ABORT TASK"
dd if="/dev/$d0" of=/tmp/back bs=64k count=1 skip=10 iflag=direct 2>/dev/null || fail "read back failed"
cmp -s /tmp/pattern /tmp/back || fail "the retried write's data is wrong"
echo "ok: ABTS for a write waiting on lost data: ABORT TASK in LIO, BA_ACC; the retried write reads back right"

# ABTS for an exchange the target finished (its FCP_RSP was lost): BA_RJT.
echo 3 > "/sys/class/scsi_disk/${A#host}:0:0:1/device/timeout"
echo "kind=rsp,action=drop,count=1" > "$CTL/fault"
dd if="/dev/$d1" of=/dev/null bs=4k count=1 iflag=direct 2>/dev/null || fail "read with a lost response failed"
# (the lost response may be another command of A's, e.g. the error handler's TEST UNIT READY)
wait_for 60 "an ABTS for the unknown exchange" traced "request ABTS from=$a_id lun=0 tag=0xffffffff "
wait_for 5 "BA_RJT for the unknown exchange" traced "answer ABTS from=$a_id .*tag=0xffffffff rsp=1$"
echo "ok: ABTS for a finished exchange: BA_RJT"

# Aborts racing completions: responses and data held back about as long as the
# initiator's timeout (3 s, rounded up to a second by the block layer) or longer, so
# some arrive just before the abort, some just after it.
abts_before=$(grep -c "qla_tgt_tmf: .*request ABTS" "$TRACING/trace" || true)
echo "kind=rsp,action=delay,delay_ms=3500,count=2" > "$CTL/fault"
echo "kind=rsp,action=delay,delay_ms=5000,count=2" > "$CTL/fault"
echo "kind=data,action=delay,delay_ms=5000,count=2" > "$CTL/fault"
fio --name=race --filename="/dev/$d0" --direct=1 --ioengine=libaio --iodepth=8 \
	--rw=randrw --bs=4k --size=1M --verify=crc32c --do_verify=1 --verify_fatal=1 \
	--output=/tmp/race.txt >/dev/null || { cat /tmp/race.txt; fail "fio verify with aborts racing completions"; }
[ -z "$(cat "$CTL/faults")" ] || fail "delay faults not all used: $(cat "$CTL/faults")"
abts_after=$(grep -c "qla_tgt_tmf: .*request ABTS" "$TRACING/trace" || true)
[ "$abts_after" -gt "$abts_before" ] || fail "no abort raced a delayed frame"
echo "ok: $((abts_after - abts_before)) aborts raced delayed responses and data: fio verify passes"

# B tries to log in; it has no ACL (T refuses its PRLI)
echo initiator > "/sys/class/scsi_host/$B/role"
b_acl=$(colon "$bw")
wait_for 30 "B's refused session" grep -q "initiator $b_acl has no ACL" <(dmesg)

# tmf FROM ARGS...: send a task management function from port FROM to T through the
# emulated firmware and print the answer
tmf() {
	local from=$1 r
	shift
	echo "wwpn=$from,target=$tw,$*" >"$CTL/tmf" || fail "ctl/tmf refused: $*"
	for _ in $(seq 100); do
		r=$(cat "$CTL/tmf")
		case "$r" in *pending) sleep 0.1 ;; *) echo "$r"; return ;; esac
	done
	fail "no answer to: $*"
}
# expect FROM WANT ARGS...: the answer ends with WANT
expect() {
	local from=$1 want=$2 r
	shift 2
	r=$(tmf "$from" "$@")
	[[ "$r" == *"$want" ]] || fail "$*: got '$r', want '...$want'"
	echo "ok: $* -> ${r##*: }"
}
expect "$aw" "rsp_code=4" fn=abort_task_set,lun=0
expect "$aw" "rsp_code=4" fn=clear_task_set,lun=0
expect "$aw" "rsp_code=4" fn=clear_aca,lun=1
expect "$aw" "rsp_code=9" fn=lun_reset,lun=7
expect "$aw" "rsp_code=0" fn=lun_reset,lun=1
expect "$aw" "rsp_code=2" flags=12,lun=0
expect "$aw" "rsp_code=2" flags=01,lun=0
# B has no ACL: T refused its PRLI, so B's firmware holds no FCP login to T and
# sends it nothing
if echo "wwpn=$bw,target=$tw,fn=lun_reset,lun=0" >"$CTL/tmf" 2>/dev/null; then
	fail "B, refused at login, sent T a task management function"
fi
echo "ok: B, refused at login, has no FCP login to T to send a function on"
traced "answer ABORT_TASK_SET from=$a_id lun=0 .*rsp=4$" || fail "ABORT TASK SET did not reach LIO"
if echo "wwpn=$aw,fn=lun_reset" >"$CTL/tmf" 2>/dev/null; then fail "ctl/tmf took a request with no target"; fi
grep -q "tmf: wwpn=, target= and fn= (or flags=) are required" <(dmesg) || fail "no log line for the bad tmf request"
dd if="/dev/$d1" of=/dev/null bs=4k count=16 iflag=direct 2>/dev/null || fail "LUN 1 unreadable after the functions"
echo "ok: every task management function gets LIO's answer, malformed ones RSP_CODE 2; B without ACL gets BUSY"

san_unload "$T" "$A" "$B"
