#!/bin/bash
# Malformed frames from the wire, at a target port under load: T exports two ramdisks
# to initiators A and C; A runs fio verify on LUN 0 the whole time while C's port sends
# crafted frames at T through ctl/frame (ctl/frame reads back what T answered on
# each crafted exchange; ctl/discards counts what a port's firmware threw away):
#  - FCP_CMND whose FCP_DL disagrees with the CDB: a READ gets the data FCP_DL allows
#    and GOOD with the residual (FCP_RESID_OVER / FCP_RESID_UNDER); a WRITE is
#    refused by LIO with CHECK CONDITION (ILLEGAL REQUEST);
#  - FCP_CMND with undefined task management flags: RSP_CODE 2 (the driver);
#  - FCP_CMND shorter than its fixed part, or with an additional CDB length beyond
#    the frame: the firmware passes it up with the length that came, the driver
#    terminates the exchange (one log line), nothing goes back;
#  - an ELS shorter than a command code: discarded; a PLOGI cut short, a PRLI with a
#    garbage page: LS_RJT "logical error"; an unknown ELS: LS_RJT "command not
#    supported" (the firmware answers both itself);
#  - FCP_DATA beyond the burst a WRITE asked for, a second FCP_CMND on its open
#    exchange, FCP_DATA for no exchange, an unknown R_CTL, an FCP_CMND of another
#    TYPE: discarded (class 3), counted; the ABTS that follows for the WRITE: BA_ACC;
#  - an ABTS for no exchange: BA_RJT (unable to perform, invalid OX_ID-RX_ID);
# then a seeded random stream of 300 frames (ctl/random, LUN 1). In the end A's fio
# verify passed throughout, T still serves A and C, and the log holds no WARN/BUG.
# vm-args: --timeout 300 --mem 2G
set -euo pipefail
exec 2>&1
. "$(dirname "$0")/../../lib/san.bash"
FAIL_DMESG_LINES=60
SEED=${QLAT_SEED:-20261207}

emu_san 3
T=${HOSTS[0]} A=${HOSTS[1]} C=${HOSTS[2]}
tw=${WWPNS[0]} aw=${WWPNS[1]} cw=${WWPNS[2]}
export_ramdisks "$T" "$tw" 2 "$aw" "$cw"
echo initiator > "/sys/class/scsi_host/$A/role"
echo initiator > "/sys/class/scsi_host/$C/role"
wait_for 60 "LUN 0 on A" has_lun "$A" 0
wait_for 60 "LUNs 0 and 1 on C" has_lun "$C" 1
DA=$(lun_dev "$A" 0)
DC0=$(lun_dev "$C" 0) DC1=$(lun_dev "$C" 1)
T_ID=$(printf '%06x' "$(cat "/sys/class/fc_host/$T/port_id")")

# A's load: fio verify passes after passes until /tmp/stop appears (at a bounded rate:
# the VM's two CPUs also run the crafting)
rm -f /tmp/stop
(
	n=0
	while [ ! -e /tmp/stop ]; do
		fio --name=v --filename="/dev/$DA" --direct=1 --ioengine=libaio \
			--iodepth=4 --rate_iops=250 --rw=randwrite --bs=4k --size=1M --verify=crc32c \
			--do_verify=1 --verify_fatal=1 --output=/tmp/fio.txt >/dev/null ||
			{ cat /tmp/fio.txt; exit 1; }
		n=$((n + 1))
		echo "$n" >/tmp/fio.passes
	done
) &
fio_pid=$!
wait_for 60 "A's first fio verify pass" test -s /tmp/fio.passes

# ---- crafting ----
LUN1=0001000000000000
send() { echo "from=$cw,to=$tw,$1" >"$CTL/frame" || fail "ctl/frame refused: $1"; }
# cmnd OX_ID RW CDB(16 bytes hex) FCP_DL [TRIM]: an FCP_CMND to LUN 1; TRIM cuts
# the payload to that many bytes
cmnd() {
	local pl=${LUN1}000000$2$3$(printf '%08x' "$4")
	[ -z "${5:-}" ] || pl=${pl:0:$(($5 * 2))}
	send "r_ctl=06,type=08,ox_id=$1,payload=$pl"
}
answers() { cat "$CTL/frame"; }
# answer OX_ID R_CTL: the answer line of that R_CTL on that exchange
answer() { answers | grep -E "^ox_id=0x$1 .* r_ctl=0x$2 " | tail -n 1; }
has_answer() { [ -n "$(answer "$1" "$2")" ]; }
# payload_byte LINE N: byte N of the payload the answer line shows
payload_byte() { local p=${1##*payload=}; echo "${p:$(($2 * 2)):2}"; }
discards() { grep "^$tw " "$CTL/discards" | cut -d' ' -f2; }
discarded_more() { [ "$(discards)" -gt "$1" ]; }
# expect_discard WHAT COMMAND...: COMMAND sends one frame T's firmware must discard
expect_discard() {
	local what=$1 before
	shift
	before=$(discards)
	"$@"
	wait_for 10 "T's firmware discards $what" discarded_more "$before"
	echo "ok: $what: discarded by T's firmware (class 3), counted"
}
echo clear >"$CTL/frame"

# FCP_DL disagreeing with the CDB
cmnd f001 02 28000000000000000800000000000000 512      # READ(10) of 8 blocks, FCP_DL 512
wait_for 10 "the FCP_RSP to a READ with FCP_DL short" has_answer f001 07
r=$(answer f001 07)
[ "$(payload_byte "$r" 11)" = 00 ] || fail "READ with a short FCP_DL: not GOOD: $r"
(("0x$(payload_byte "$r" 10)" & 0x04)) || fail "READ with a short FCP_DL: no FCP_RESID_OVER: $r"
[ "$(payload_byte "$r" 12)$(payload_byte "$r" 13)$(payload_byte "$r" 14)$(payload_byte "$r" 15)" = 00000e00 ] ||
	fail "READ with a short FCP_DL: residual is not 3584: $r"
answers | grep -qE "^ox_id=0xf001 .* r_ctl=0x01 .* len=512 " ||
	fail "READ with a short FCP_DL: not 512 bytes of data: $(answers | grep f001)"
echo "ok: READ(10) of 4096 bytes with FCP_DL 512: 512 bytes, GOOD, FCP_RESID_OVER 3584"

cmnd f002 02 28000000000000000100000000000000 4096     # READ(10) of 1 block, FCP_DL 4096
wait_for 10 "the FCP_RSP to a READ with FCP_DL long" has_answer f002 07
r=$(answer f002 07)
[ "$(payload_byte "$r" 11)" = 00 ] || fail "READ with a long FCP_DL: not GOOD: $r"
(("0x$(payload_byte "$r" 10)" & 0x08)) || fail "READ with a long FCP_DL: no FCP_RESID_UNDER: $r"
[ "$(payload_byte "$r" 12)$(payload_byte "$r" 13)$(payload_byte "$r" 14)$(payload_byte "$r" 15)" = 00000e00 ] ||
	fail "READ with a long FCP_DL: residual is not 3584: $r"
echo "ok: READ(10) of 512 bytes with FCP_DL 4096: GOOD, FCP_RESID_UNDER 3584"

cmnd f003 01 2a000000000000000100000000000000 1024     # WRITE(10) of 1 block, FCP_DL 1024
wait_for 10 "the FCP_RSP to a WRITE with FCP_DL long" has_answer f003 07
r=$(answer f003 07)
[ "$(payload_byte "$r" 11)" = 02 ] || fail "WRITE with a wrong FCP_DL: not CHECK CONDITION: $r"
[ "$(payload_byte "$r" 26)" = 05 ] || fail "WRITE with a wrong FCP_DL: sense key is not ILLEGAL REQUEST: $r"
answers | grep -qE "^ox_id=0xf003 .* r_ctl=0x05 " && fail "WRITE with a wrong FCP_DL: T asked for its data"
echo "ok: WRITE(10) of 512 bytes with FCP_DL 1024: CHECK CONDITION, ILLEGAL REQUEST, no XFER_RDY"

# FCP_CMND cut short, and with an additional CDB length beyond the frame
cmnd f004 02 00000000000000000000000000000000 0 20     # 20 bytes
cmnd f005 12 00000000000000000000000000000000 0        # add_cdb_len 4: 48 bytes needed
cmnd f006 00 00000000000000000000000000000000 0        # TEST UNIT READY, for ordering
wait_for 10 "the FCP_RSP to TEST UNIT READY" has_answer f006 07
wait_for 10 "the driver's line for the malformed ATIOs" \
	bash -c 'dmesg | grep -q "malformed ATIO from .*: exchange terminated"'
answers | grep -qE "^ox_id=0xf00[45] " && fail "a malformed FCP_CMND was answered: $(answers | grep -E 'f00[45]')"
echo "ok: FCP_CMND of 20 bytes, and one whose additional CDB runs past the frame: exchange terminated by the driver, no answer"

# undefined task management flags: the driver answers RSP_CODE 2
send "r_ctl=06,type=08,ox_id=f007,payload=${LUN1}00000100$(printf '00%.0s' {1..20})"
wait_for 10 "the FCP_RSP to undefined task management flags" has_answer f007 07
r=$(answer f007 07)
(("0x$(payload_byte "$r" 10)" & 0x01)) && [ "$(payload_byte "$r" 27)" = 02 ] ||
	fail "undefined task management flags: not RSP_CODE 2: $r"
echo "ok: FCP_CMND with undefined task management flags: FCP_RSP_INFO, RSP_CODE 2"

# ELS: truncated, garbage, unknown
expect_discard "an ELS of 2 bytes" send "r_ctl=22,type=01,ox_id=f010,payload=0300"
send "r_ctl=22,type=01,ox_id=f011,payload=0300000000000000"   # PLOGI of 8 bytes
wait_for 10 "LS_RJT to a short PLOGI" has_answer f011 23
r=$(answer f011 23)
[ "$(payload_byte "$r" 0)$(payload_byte "$r" 5)" = 0103 ] ||
	fail "a short PLOGI: not LS_RJT logical error: $r"
echo "ok: a PLOGI of 8 bytes: LS_RJT, logical error"
send "r_ctl=22,type=01,ox_id=f012,payload=20100014ff$(printf 'ee%.0s' {1..15})"   # PRLI, garbage page
wait_for 10 "LS_RJT to a garbage PRLI" has_answer f012 23
r=$(answer f012 23)
[ "$(payload_byte "$r" 0)$(payload_byte "$r" 5)" = 0103 ] ||
	fail "a garbage PRLI: not LS_RJT logical error: $r"
echo "ok: a PRLI with a garbage service parameter page: LS_RJT, logical error"
send "r_ctl=22,type=01,ox_id=f013,payload=7f000000deadbeef"
wait_for 10 "LS_RJT to an unknown ELS" has_answer f013 23
r=$(answer f013 23)
[ "$(payload_byte "$r" 0)$(payload_byte "$r" 5)" = 010b ] ||
	fail "an unknown ELS: not LS_RJT command not supported: $r"
echo "ok: ELS 0x7f: LS_RJT, command not supported"

# a WRITE's open exchange: data beyond its burst, a second FCP_CMND on it, then ABTS
cmnd f020 01 2a000000000000000100000000000000 512      # WRITE(10) of 1 block
wait_for 10 "XFER_RDY for the WRITE" has_answer f020 05
expect_discard "FCP_DATA of 1024 bytes for a 512-byte burst" \
	send "r_ctl=01,type=08,ox_id=f020,len=1024,payload=aa"
expect_discard "a second FCP_CMND on the open exchange" \
	cmnd f020 02 28000000000000000100000000000000 512
send "r_ctl=81,type=00,ox_id=f020"
wait_for 10 "BA_ACC for the WRITE's ABTS" has_answer f020 84
answers | grep -qE "^ox_id=0xf020 .* r_ctl=0x07 " && fail "the discarded frames were answered"
echo "ok: ABTS for the WRITE's exchange: BA_ACC"

expect_discard "FCP_DATA for no exchange" send "r_ctl=01,type=08,ox_id=f021,len=512,payload=bb"
expect_discard "R_CTL 0x44" send "r_ctl=44,type=08,ox_id=f022,len=32"
expect_discard "an FCP_CMND of TYPE 0x05" \
	send "r_ctl=06,type=05,ox_id=f023,payload=${LUN1}0000000000000000000000000000000000000000"

send "r_ctl=81,type=00,ox_id=f030"
wait_for 10 "BA_RJT for an ABTS for no exchange" has_answer f030 85
r=$(answer f030 85)
[ "$(payload_byte "$r" 1)$(payload_byte "$r" 2)" = 0903 ] ||
	fail "ABTS for no exchange: BA_RJT is not unable to perform / invalid OX_ID-RX_ID: $r"
echo "ok: ABTS for no exchange: BA_RJT, unable to perform, invalid OX_ID-RX_ID combination"

if echo "from=$cw,to=$tw,r_ctl=06" >"$CTL/frame" 2>/dev/null; then
	fail "ctl/frame took a frame without a TYPE"
fi
dmesg | grep -q "frame: from=, to= (or d_id=), r_ctl= and type= are required" ||
	fail "no log line names the bad write"
echo "ok: a bad write to ctl/frame fails with a log line"

# a seeded random stream
before=$(discards)
echo "from=$cw,to=$tw,seed=$SEED,count=300,lun=1" >"$CTL/random" ||
	fail "ctl/random refused seed $SEED"
echo "ok: 300 random frames (seed $SEED): T discarded $(($(discards) - before)), answered $(answers | wc -l) of the last kept"

# T still serves both: A's fio, and C's reads of both LUNs
dd if="/dev/$DC1" of=/dev/null bs=4k count=16 iflag=direct 2>/dev/null ||
	fail "C cannot read LUN 1 after the random stream (seed $SEED)"
dd if="/dev/$DC0" of=/dev/null bs=4k count=16 iflag=direct 2>/dev/null ||
	fail "C cannot read LUN 0 after the random stream (seed $SEED)"
# the pass under way when the stream ended verifies what it wrote across it
touch /tmp/stop
wait "$fio_pid" || fail "A's fio verify failed during the malformed frames (seed $SEED)"
echo "ok: A's fio verify passed $(cat /tmp/fio.passes) times throughout; C reads both LUNs"
echo "T (N_Port ID $T_ID) discarded $(discards) frames in all"

san_unload "$T" "$A" "$C"
