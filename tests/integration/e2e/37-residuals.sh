#!/bin/bash
# Residuals, through SG_IO with a buffer (FCP_DL) other than the CDB's transfer length.
# - Underrun: an INQUIRY asking 255 bytes, a READ of one block into 4096 bytes: GOOD,
#   and the residual is the target's (FCP_RSP) and the firmware's count alike.
# - Overrun: a READ of eight blocks into 512 bytes: the target sends 512 and says
#   FCP_RESID_OVER; with GOOD status the command fails with DID_ERROR and a log line,
#   as on other FC initiators, rather than succeed with a CDB not carried out.
# - A WRITE whose FCP_DL is not its CDB's length, under or over: LIO refuses it before
#   asking for data (ILLEGAL REQUEST, INVALID FIELD IN COMMAND IU). That status and
#   sense stand, the residual is all of FCP_DL (the firmware sent nothing), and the
#   block is unchanged.
# - A READ underrun that loses its data frame: the target says 3584 bytes did not move,
#   the initiator's firmware saw 4096; the command fails with DID_ERROR ("frames lost").
# vm-args: --timeout 300 --mem 2G
set -euo pipefail
exec 2>&1
. "$(dirname "$0")/../../lib/san.bash"
sgio() { python3 "$(dirname "$0")/sg_io.py" "$@"; }
field() { sed -n "s/^$1=//p" <<<"$2"; }

emu_san 2
T=${HOSTS[0]} A=${HOSTS[1]}
tw=${WWPNS[0]} aw=${WWPNS[1]}
export_ramdisks "$T" "$tw" 1 "$aw"
echo initiator > "/sys/class/scsi_host/$A/role"
wait_for 60 "LUN 0 on A" has_lun "$A" 0
da=$(lun_dev "$A" 0)
sga=/dev/$(ls "/sys/class/scsi_disk/${A#host}:0:0:0/device/scsi_generic")
[ "$(cat "/sys/block/$da/queue/logical_block_size")" = 512 ] || fail "the LUN's blocks are not 512 bytes"
printf 'qlat residual test' | dd of="/dev/$da" bs=512 conv=sync oflag=direct 2>/dev/null ||
	fail "A cannot write block 0"
block0="71 6c 61 74 20 72 65 73 69 64 75 61 6c 20 74 65"	# "qlat residual te"
read1="28 00 00 00 00 00 00 00 01 00" read8="28 00 00 00 00 00 00 00 08 00"
write1="2a 00 00 00 00 00 00 00 01 00" write8="2a 00 00 00 00 00 00 00 08 00"
show() { sed 's/^/  /' <<<"$1"; }

out=$(sgio --len 255 "$sga" "12 00 00 00 ff 00")
show "$out"
data=$(field data "$out")
len=$((0x$(cut -d' ' -f5 <<<"$data") + 5))
grep -q '^status=0x00 host=0x0000 ' <<<"$out" || fail "INQUIRY (255 bytes) did not end GOOD"
[ "$(field resid "$out")" = $((255 - len)) ] ||
	fail "INQUIRY returned $len bytes, but the residual is not $((255 - len))"
[ "$(cut -d' ' -f9-15 <<<"$data")" = "4c 49 4f 2d 4f 52 47" ] || fail "the vendor is not LIO-ORG"
echo "ok: INQUIRY asking 255 bytes gets $len, GOOD, residual $((255 - len))"

out=$(sgio --len 4096 "$sga" "$read1")
show "$out"
grep -q '^status=0x00 host=0x0000 ' <<<"$out" && [ "$(field resid "$out")" = 3584 ] ||
	fail "a READ of one block into 4096 bytes did not end GOOD with residual 3584"
[ "$(field data "$out")" = "$block0" ] || fail "the block read is not the one written"
echo "ok: READ of one block into 4096 bytes: GOOD, residual 3584, the block's data"

out=$(sgio --len 512 "$sga" "$read8")
show "$out"
grep -q '^status=0x00 host=0x0007 ' <<<"$out" ||
	fail "a READ of eight blocks into 512 bytes (overrun) did not fail with DID_ERROR"
dmesg | grep -q "data overrun: the target had 3584 bytes more than the 512 asked (opcode 0x28)" ||
	fail "no log line names the overrun"
echo "ok: READ of eight blocks into 512 bytes: the overrun fails it with DID_ERROR, logged"

for w in "4096 $write1" "512 $write8"; do
	n=${w%% *}
	out=$(sgio --len "$n" --write a5 "$sga" "${w#* }")
	show "$out"
	grep -q '^status=0x02 host=0x0000 sense_len=18$' <<<"$out" &&
		grep -q '^sense=70 00 05 00 00 00 00 0a 00 00 00 00 0e 03' <<<"$out" ||
		fail "a WRITE with $n bytes for a CDB that says otherwise was not refused (0e/03)"
	[ "$(field resid "$out")" = "$n" ] ||
		fail "the refused WRITE's residual is not all of its $n bytes"
done
out=$(sgio --len 512 "$sga" "$read1")
[ "$(field data "$out")" = "$block0" ] || fail "block 0 changed after the refused WRITEs"
echo "ok: WRITEs whose FCP_DL is not their CDB's are refused before data, residual all, block intact"

echo "kind=data,action=drop,count=1,wwpn=$tw" >"$CTL/fault"
out=$(sgio --len 4096 "$sga" "$read1")
show "$out"
faults_used || fail "the data frame drop was not used"
grep -q '^status=0x00 host=0x0007 ' <<<"$out" ||
	fail "an underrun READ that lost its data frame did not fail with DID_ERROR"
dmesg | grep -q "frames lost: 4096 of 4096 bytes did not move, the target says 3584 (opcode 0x28)" ||
	fail "no log line names the lost frames"
echo "ok: an underrun READ that lost its data frame fails with DID_ERROR, logged"

dd if="/dev/$da" of=/dev/null bs=1M count=8 iflag=direct 2>/dev/null || fail "A cannot read after that"
echo "ok: A reads its LUN as before"

san_unload "$T" "$A"
