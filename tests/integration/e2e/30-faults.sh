#!/bin/bash
# Faults on the emulated SAN while fio verifies data: dropped FCP_DATA frames and a
# dropped FCP_RSP (the command times out and is aborted with an abort IOCB; when the
# ABTS is dropped too, the abort times out and the midlayer resets the LUN; a WRITE
# whose data and ABTS are lost is ended at the target by its CTIO's timeout), a LUN
# reset from the initiator during I/O (task management IOCB), the TPG disabled and
# re-enabled during I/O; then unloading with a live session.
# vm-args: --timeout 600 --mem 2G
set -euo pipefail
exec 2>&1
. "$(dirname "$0")/../../lib/san.bash"
FAIL_DMESG_LINES=40
verify() { # verify WHAT [fio args...]: 4k random writes, read back with crc32c
	local what=$1
	shift
	fio --name=v --filename="/dev/$dev" --direct=1 --ioengine=libaio --iodepth=8 \
		--rw=randwrite --bs=4k --size=2M --verify=crc32c --do_verify=1 \
		--verify_fatal=1 --output=/tmp/fio.txt "$@" >/dev/null ||
		{ cat /tmp/fio.txt; fail "fio verify: $what"; }
}

emu_san 2
T=${HOSTS[0]} A=${HOSTS[1]}
tw=${WWPNS[0]} aw=${WWPNS[1]}
export_ramdisks "$T" "$tw" 1 "$aw"
tpg=/sys/kernel/config/target/qla2xxx/$(colon "$tw")/tpgt_1
acl=$tpg/acls/$(colon "$aw")
echo initiator > "/sys/class/scsi_host/$A/role"
sd=/sys/class/scsi_disk/${A#host}:0:0:0
wait_for 60 "LUN 0 on A" test -d "$sd/device/block"
dev=$(ls "$sd/device/block")
sg=/dev/$(ls "$sd/device/scsi_generic")
echo 5 > "$sd/device/timeout"
verify "baseline"
echo "ok: baseline fio verify on /dev/$dev"

echo "kind=data,action=drop,count=3" > "$CTL/fault"
verify "dropped data frames"
[ -z "$(cat "$CTL/faults")" ] || fail "data faults not all used: $(cat "$CTL/faults")"
echo "ok: 3 FCP_DATA frames dropped; the commands were retried, fio verify passes"

echo "kind=rsp,action=drop,count=1" > "$CTL/fault"
verify "a dropped response"
[ -z "$(cat "$CTL/faults")" ] || fail "rsp fault not used: $(cat "$CTL/faults")"
dmesg | grep -q "no answer to ABTS" && fail "the target's BA_ACC did not end the abort"
echo "ok: an FCP_RSP dropped; the command timed out, was aborted (BA_ACC) and retried, fio verify passes"

echo 1 >"$TRACING/events/qla2xxx/qla_tgt_tmf/enable"
echo >"$TRACING/trace"
echo "kind=rsp,action=drop,count=1" > "$CTL/fault"
echo "kind=abts,action=drop,count=1" > "$CTL/fault"
verify "a dropped response and a dropped ABTS"
[ -z "$(cat "$CTL/faults")" ] || fail "rsp/abts faults not used: $(cat "$CTL/faults")"
dmesg | grep -q "abort of tag [0-9]*: no answer to ABTS from" ||
	fail "no log line says the ABTS went unanswered"
traced "qla_tgt_tmf: .*request ABTS" && fail "the target saw the dropped ABTS"
traced "qla_tgt_tmf: .*answer LUN_RESET .*rsp=0$" || fail "no LUN reset followed the failed abort"
echo "ok: an FCP_RSP and then its ABTS dropped: the abort timed out, the midlayer reset the LUN, fio verify passes"

# A WRITE whose data frame is lost waits at the target: without the ABTS, only the
# CTIO's timeout (10 s) ends the wait, and with it the LUN reset that waits on it.
echo >"$TRACING/trace"
echo "kind=data,action=drop,count=1" > "$CTL/fault"
echo "kind=abts,action=drop,count=1" > "$CTL/fault"
head -c 4096 /dev/urandom >/tmp/blk
dd if=/tmp/blk of="/dev/$dev" bs=4k count=1 seek=100 oflag=direct 2>/dev/null ||
	fail "a WRITE whose data frame and ABTS were dropped failed"
[ -z "$(cat "$CTL/faults")" ] || fail "data/abts faults not used: $(cat "$CTL/faults")"
dd if="/dev/$dev" of=/tmp/back bs=4k count=1 skip=100 iflag=direct 2>/dev/null
cmp -s /tmp/blk /tmp/back || fail "the block does not hold the retried WRITE's data"
traced "qla_tgt_tmf: .*answer LUN_RESET .*rsp=0$" || fail "the LUN reset was not answered"
traced "qla_tgt_tmf: .*TARGET_RESET" && fail "the LUN reset timed out: the midlayer tried a target reset"
echo "ok: a WRITE's data frame and its ABTS dropped: its CTIO timed out, the LUN reset finished, the retried WRITE holds"

fio --name=bg --filename="/dev/$dev" --direct=1 --ioengine=libaio --iodepth=16 \
	--rw=randrw --bs=4k --size=4M --time_based --runtime=6 --verify=crc32c \
	--output=/tmp/bg.txt >/dev/null &
bg=$!
sleep 2
sg_reset -d "$sg" || fail "LUN reset (sg_reset -d) failed"
wait "$bg" || { cat /tmp/bg.txt; fail "fio during a LUN reset"; }
echo "ok: LUN reset during I/O completed; fio finished"

fio --name=dis --filename="/dev/$dev" --direct=1 --ioengine=libaio --iodepth=8 \
	--rw=randread --bs=4k --size=4M --time_based --runtime=6 \
	--output=/tmp/dis.txt >/dev/null &
bg=$!
sleep 2
echo 0 > "$tpg/enable"
grep -q "No active" "$acl/info" || fail "session still listed after disable: $(cat "$acl/info")"
echo "ok: disabled during I/O: the session is gone ($(head -n 1 "$acl/info"))"
sleep 1
echo 1 > "$tpg/enable"
wait_for 20 "A's session after re-enable" grep -q TARG_SESS_STATE_LOGGED_IN "$acl/info"
wait "$bg" || { cat /tmp/dis.txt; fail "fio across disable/enable"; }
verify "after re-enable"
echo "ok: re-enabled: A logged in again and fio verify passes"

if modprobe -r tcm_qla2xxx 2>/dev/null; then fail "tcm_qla2xxx unloaded while configured"; fi
if modprobe -r qla2xxx 2>/dev/null; then fail "qla2xxx unloaded under tcm_qla2xxx"; fi
echo "ok: unloading is refused while the fabric is configured"
targetctl clear
rmdir /sys/kernel/config/target/qla2xxx
modprobe -r tcm_qla2xxx
modprobe -r qla2xxx
echo "ok: with the session torn down both modules unload"
