#!/bin/bash
# The target engine out of command slots answers TASK SET FULL, and nothing is lost.
# Initiator A fills the target port's 128 slots with writes (two LUNs at queue depth 64)
# whose data frames the fabric holds back 3 s (x QLAT_SLOW); its ACL's info file counts them. B's
# read meanwhile is answered TASK SET FULL by the engine itself (traced, the fabric
# never sees it); B's midlayer retries it until a slot frees, and it returns B's data.
# A's writes complete once their data arrives, and fio verifies them.
# vm-args: --timeout 400 --mem 2G
set -euo pipefail
exec 2>&1
. "$(dirname "$0")/../../lib/san.bash"

emu_san 3
T=${HOSTS[0]} A=${HOSTS[1]} B=${HOSTS[2]}
tw=${WWPNS[0]} aw=${WWPNS[1]} bw=${WWPNS[2]}
echo 1 >"$TRACING/events/qla2xxx/qla_tgt_answer/enable"
export_ramdisks "$T" "$tw" 2 "$aw" "$bw"
echo initiator > "/sys/class/scsi_host/$A/role"
echo initiator > "/sys/class/scsi_host/$B/role"
for l in 0 1; do wait_for 60 "LUN $l on A" has_lun "$A" "$l"; done
wait_for 60 "LUN 0 on B" has_lun "$B" 0
a0=$(lun_dev "$A" 0) a1=$(lun_dev "$A" 1) b0=$(lun_dev "$B" 0)
b_id=$(printf '%06x' "$(cat "/sys/class/fc_host/$B/port_id")")
ainfo=/sys/kernel/config/target/qla2xxx/$(colon "$tw")/tpgt_1/acls/$(colon "$aw")/info
outstanding() { sed -n 's/^Outstanding commands: //p' "$ainfo"; }
slots_full() { [ "$(outstanding)" -ge 128 ]; }

# B's data, at 4 MiB into LUN 0, where A's writes (the first 1 MiB) do not go
head -c 65536 /dev/urandom >/tmp/pattern
dd if=/tmp/pattern of="/dev/$b0" bs=64k seek=64 oflag=direct 2>/dev/null || fail "B cannot write"

: >"$TRACING/trace"
# B's read must arrive while A's data is held: 3 s, times QLAT_SLOW on a slow (debug) kernel,
# where starting dd alone can take longer than 3 s after the slots filled.
echo "kind=data,action=delay,delay_ms=$((3000 * ${QLAT_SLOW:-1})),count=100000,wwpn=$aw" >"$CTL/fault"
fio --ioengine=libaio --direct=1 --rw=randwrite --bs=4k --iodepth=64 \
	--size=1m --verify=crc32c --do_verify=1 --output=/tmp/fio.out \
	--name=a0 --filename="/dev/$a0" --name=a1 --filename="/dev/$a1" &
fio_pid=$!
wait_for 60 "A's writes in all 128 slots (outstanding: $(outstanding))" slots_full
echo "ok: A has $(outstanding) commands outstanding, its data held in the fabric"

dd if="/dev/$b0" of=/tmp/back bs=64k count=1 skip=64 iflag=direct 2>/tmp/dd.err ||
	{ cat /tmp/dd.err; fail "B's read failed"; }
cmp -s /tmp/pattern /tmp/back || fail "B read other data than it wrote"
traced "qla_tgt_answer: \S+ from=$b_id ox_id=0x[0-9a-f]+ status=0x28 rsp_code=-1" ||
	fail "the engine did not answer B TASK SET FULL"
echo "ok: B's read was answered TASK SET FULL ($(grep -c "from=$b_id .*status=0x28" "$TRACING/trace") times), retried, and returned B's data"

wait "$fio_pid" || { cat /tmp/fio.out; fail "A's fio (writes, then crc32c verify) failed"; }
echo clear >"$CTL/fault"
grep -q "err= 0" /tmp/fio.out || { cat /tmp/fio.out; fail "fio reports errors"; }
echo "ok: A's writes completed once their data arrived, and verify"
[ "$(outstanding)" = 0 ] || fail "A still has $(outstanding) commands outstanding"

san_unload "$T" "$A" "$B"
