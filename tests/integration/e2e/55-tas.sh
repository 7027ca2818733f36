#!/bin/bash
# Task Aborted Status across initiators: initiator B's write is held at the target
# (its data frame delayed in the fabric) when initiator A resets the LUN. LIO aborts
# B's write; with TAS (emulate_tas=1, the default) B's command ends with TASK ABORTED,
# which the engine sends as a status CTIO once the write's data has arrived; only then
# does LIO answer A's reset, FUNCTION COMPLETE. B's midlayer retries the write (it first
# meets the unit attention the reset left, then succeeds), and the data reads back right.
# vm-args: --timeout 300 --mem 2G
set -euo pipefail
exec 2>&1
. "$(dirname "$0")/lib.bash"
CTL=/sys/class/qla2xxx_emu/ctl
traced() { grep -E "$1" "$TRACING/trace" >/dev/null; }

emu_san 3
T=${HOSTS[0]} A=${HOSTS[1]} B=${HOSTS[2]}
tw=${WWPNS[0]} aw=${WWPNS[1]} bw=${WWPNS[2]}
echo 1 >"$TRACING/events/qla2xxx/qla_tgt_tmf/enable"
echo 1 >"$TRACING/events/scsi/scsi_dispatch_cmd_done/enable"
export_ramdisks "$T" "$tw" 1 "$aw" "$bw"
[ "$(cat /sys/kernel/config/target/core/rd_mcp_*/rd0/attrib/emulate_tas)" = 1 ] ||
	fail "rd0 does not have TAS on by default"
echo initiator > "/sys/class/scsi_host/$A/role"
echo initiator > "/sys/class/scsi_host/$B/role"
wait_for 60 "LUN 0 on A" test -n "$(lun_dev "$A" 0)"
wait_for 60 "LUN 0 on B" test -n "$(lun_dev "$B" 0)"
da=$(lun_dev "$A" 0) db=$(lun_dev "$B" 0)
sga=/dev/$(ls "/sys/class/scsi_disk/${A#host}:0:0:0/device/scsi_generic")
a_id=$(printf '%06x' "$(cat "/sys/class/fc_host/$A/port_id")")
echo "ok: A ($a_id) and B both see LUN 0 (/dev/$da, /dev/$db)"

# B's write waits at the target for its data, delayed 2 s in the fabric.
head -c 65536 /dev/urandom >/tmp/pattern
echo "kind=data,action=delay,delay_ms=2000,count=1,wwpn=$bw" > "$CTL/fault"
dd if=/tmp/pattern of="/dev/$db" bs=64k count=1 seek=3 oflag=direct 2>/tmp/dd.err &
writer=$!
sleep 0.5
kill -0 "$writer" 2>/dev/null || fail "B's write ended before its data arrived"
sg_reset -d "$sga" || fail "A's LUN reset (sg_reset -d) failed"
wait "$writer" || { cat /tmp/dd.err; fail "B's write failed across A's LUN reset"; }
[ -z "$(cat "$CTL/faults")" ] || fail "the delay fault was not used: $(cat "$CTL/faults")"

# line LABEL REGEX: the number of the first trace line matching REGEX
line() {
	local n
	n=$(grep -n -m1 -E "$2" "$TRACING/trace" | cut -d: -f1)
	[ -n "$n" ] || fail "$1"
	echo "$n"
}
reset=$(line "A's LUN reset was not answered FUNCTION COMPLETE" \
	"qla_tgt_tmf: .*answer LUN_RESET from=$a_id lun=0 .*rsp=0$")
aborted=$(line "B's write did not end with TASK ABORTED" \
	"scsi_dispatch_cmd_done: host_no=${B#host} .*WRITE.*status=SAM_STAT_TASK_ABORTED")
[ "$aborted" -lt "$reset" ] || fail "LIO answered A's reset before B's write ended"
if traced "scsi_dispatch_cmd_done: host_no=${A#host} .*status=SAM_STAT_TASK_ABORTED"; then
	fail "A, which asked for the reset, got TASK ABORTED"
fi
echo "ok: B's held write ended with TASK ABORTED (TAS); then LIO answered A's reset FUNCTION COMPLETE"

dd if="/dev/$db" of=/tmp/back bs=64k count=1 skip=3 iflag=direct 2>/dev/null || fail "B's read back failed"
cmp -s /tmp/pattern /tmp/back || fail "B's retried write's data is wrong"
dd if="/dev/$da" of=/tmp/back bs=64k count=1 skip=3 iflag=direct 2>/dev/null || fail "A's read back failed"
cmp -s /tmp/pattern /tmp/back || fail "A reads other data than B wrote"
echo "ok: B's midlayer retried the write; A and B read back what B wrote"

san_unload "$T" "$A" "$B"
