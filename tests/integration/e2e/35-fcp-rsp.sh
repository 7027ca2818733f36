#!/bin/bash
# What an FCP_RSP can carry beyond LIO's own: the emulated fabric rewrites a CHECK
# CONDITION's FCP_RSP as other targets send them.
# - 96 bytes of sense: the initiator's firmware posts the status entry with the first
#   bytes and two status continuation entries with the rest; the driver joins them, and
#   SG_IO returns all 96 bytes with the sense key and code intact.
# - FCP_RSP_INFO before the sense: with RSP_CODE 0 the sense is read after it, intact;
#   with RSP_CODE 2 (FCP_CMND fields invalid) the command fails with DID_ERROR and a log
#   line naming the code.
# - Another SCSI status in place of LIO's: BUSY once, and the midlayer retries the read,
#   which returns its data; CHECK CONDITION with MEDIUM ERROR sense (03/11/00), which
#   SG_IO returns as the fabric wrote it. Bad status faults are refused.
# Without a fault the same command returns LIO's 18-byte sense, and I/O goes on.
# vm-args: --timeout 300 --mem 2G
set -euo pipefail
exec 2>&1
. "$(dirname "$0")/../../lib/san.bash"
sgio() { python3 "$(dirname "$0")/sg_io.py" "$@"; }
# fixed_sense CDB SENSE: SG_IO sends CDB; true when it ends CHECK CONDITION (host
# DID_OK) with 18 bytes of sense that start with SENSE
fixed_sense() {
	local out
	out=$(sgio "$sga" "$1")
	echo "$out" | sed 's/^/  /'
	grep -q '^status=0x02 host=0x0000 sense_len=18$' <<<"$out" &&
		grep -q "^sense=$2" <<<"$out"
}
illegal_lba="70 00 05 00 00 00 00 0a 00 00 00 00 21 00"

emu_san 2
T=${HOSTS[0]} A=${HOSTS[1]}
tw=${WWPNS[0]} aw=${WWPNS[1]}
echo 1 >"$TRACING/events/qla2xxx/qla_iocb_done/enable"
export_ramdisks "$T" "$tw" 1 "$aw"
echo initiator > "/sys/class/scsi_host/$A/role"
wait_for 60 "LUN 0 on A" has_lun "$A" 0
da=$(lun_dev "$A" 0)
sga=/dev/$(ls "/sys/class/scsi_disk/${A#host}:0:0:0/device/scsi_generic")
# READ(10) of one block far past the 8 MiB ramdisk: ILLEGAL REQUEST, LBA out of range
cdb="28 00 00 ff ff 00 00 00 01 00"

fixed_sense "$cdb" "$illegal_lba" ||
	fail "the read past the end did not end with LIO's 18 bytes: ILLEGAL REQUEST, LBA OUT OF RANGE"
echo "ok: a read past the end gets CHECK CONDITION with LIO's 18 bytes of sense"

: >"$TRACING/trace"
echo "kind=rsp,action=long_sense,count=1,wwpn=$tw" >"$CTL/fault"
out=$(sgio "$sga" "$cdb")
echo "$out" | sed 's/^/  /'
[ -z "$(cat "$CTL/faults")" ] || fail "the long_sense fault was not used"
grep -q '^status=0x02 host=0x0000 sense_len=96$' <<<"$out" ||
	fail "the padded sense did not come back whole (96 bytes)"
want="70 00 05 00 00 00 00 58 00 00 00 00 21 00"
for ((i = 14; i < 96; i++)); do
	[ "$i" -lt 18 ] && want+=" 00" && continue
	want+=$(printf ' %02x' "$i")
done
[ "$(sed -n 's/^sense=//p' <<<"$out")" = "$want" ] ||
	fail "the 96 bytes of sense are not what the target sent: want $want"
conts=$(grep -c "qla_iocb_done: .*ring=rsp type=0x10" "$TRACING/trace" || true)
[ "$conts" = 2 ] || fail "expected 2 status continuation entries, the trace shows $conts"
echo "ok: 96 bytes of sense came in a status entry and 2 continuations, joined whole"

echo "kind=rsp,action=rsp_info,rsp_code=0,count=1,wwpn=$tw" >"$CTL/fault"
fixed_sense "$cdb" "$illegal_lba" ||
	fail "with FCP_RSP_INFO (RSP_CODE 0) ahead of it, the sense did not come back intact"
echo "ok: with FCP_RSP_INFO (RSP_CODE 0) ahead of it, the sense is read after it, intact"

echo "kind=rsp,action=rsp_info,rsp_code=2,count=1,wwpn=$tw" >"$CTL/fault"
out=$(sgio "$sga" "$cdb")
echo "$out" | sed 's/^/  /'
grep -q '^status=0x02 host=0x0007 ' <<<"$out" ||
	fail "RSP_CODE 2 (FCP_CMND fields invalid) did not fail the command with DID_ERROR"
dmesg | grep -q "FCP response code 2 for opcode 0x28" ||
	fail "no log line names the FCP response code"
echo "ok: RSP_CODE 2 fails the command with DID_ERROR and a log line naming it"

echo 1 >"$TRACING/events/scsi/scsi_dispatch_cmd_done/enable"
: >"$TRACING/trace"
echo "kind=rsp,action=status,status=0x08,count=1,wwpn=$tw" >"$CTL/fault"
dd if="/dev/$da" of=/tmp/back bs=4k count=1 iflag=direct 2>/dev/null || fail "a read answered BUSY once failed"
faults_used || fail "the BUSY fault was not used"
traced "scsi_dispatch_cmd_done: host_no=${A#host} .*READ.*status=SAM_STAT_BUSY" ||
	fail "the initiator did not see BUSY"
dd if="/dev/$da" bs=4k count=1 iflag=direct 2>/dev/null | cmp -s - /tmp/back ||
	fail "the read retried after BUSY returned other data"
echo "ok: BUSY in place of GOOD: the midlayer retried the read, which returned its data"

echo "kind=rsp,action=status,status=2,sense=3/11/0,count=1,wwpn=$tw" >"$CTL/fault"
fixed_sense "28 00 00 00 00 00 00 00 01 00" "70 00 03 00 00 00 00 0a 00 00 00 00 11 00" ||
	fail "CHECK CONDITION with MEDIUM ERROR 11/00 did not reach SG_IO"
echo "ok: CHECK CONDITION, MEDIUM ERROR (03/11/00) in place of GOOD reaches SG_IO"

for bad in "kind=data,action=status,status=8" "kind=rsp,action=status" \
	"kind=rsp,action=status,status=2" "kind=rsp,action=status,status=8,sense=3/11/0" \
	"kind=rsp,action=drop,status=8" "kind=rsp,action=status,status=2,sense=13/11/0"; do
	echo "$bad" >"$CTL/fault" 2>/dev/null && fail "the fabric took a bad fault: $bad"
done
faults_used || fail "a bad fault was armed: $(cat "$CTL/faults")"
dmesg | grep -q "qla2xxx: fault: sense=<key>/<asc>/<ascq> goes with status=2" ||
	fail "no log line says what is wrong with a bad status fault"
echo "ok: bad status faults are refused with -EINVAL and a log line"

dd if="/dev/$da" of=/dev/null bs=1M count=8 iflag=direct 2>/dev/null || fail "A cannot read after that"
echo "ok: A reads its LUN as before"

san_unload "$T" "$A"
