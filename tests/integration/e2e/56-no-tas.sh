#!/bin/bash
# The same LUN reset as 55-tas with TAS off (emulate_tas=0): LIO aborts initiator B's
# held write without a status, and the engine terminates its exchange with no frame.
# B hears nothing until its command times out. B's abort sends an ABTS, which the
# target answers BA_RJT (the exchange is gone); the abort ends the command, the
# midlayer retries the write, and the data reads back right. A's reset is answered
# FUNCTION COMPLETE, and nobody gets TASK ABORTED.
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
echo 1 >"$TRACING/events/scsi/scsi_dispatch_cmd_timeout/enable"
RD_ATTRS=emulate_tas=0 export_ramdisks "$T" "$tw" 1 "$aw" "$bw"
[ "$(cat /sys/kernel/config/target/core/rd_mcp_*/rd0/attrib/emulate_tas)" = 0 ] ||
	fail "rd0 does not have TAS off"
echo initiator > "/sys/class/scsi_host/$A/role"
echo initiator > "/sys/class/scsi_host/$B/role"
wait_for 60 "LUN 0 on A" test -n "$(lun_dev "$A" 0)"
wait_for 60 "LUN 0 on B" test -n "$(lun_dev "$B" 0)"
da=$(lun_dev "$A" 0) db=$(lun_dev "$B" 0)
sga=/dev/$(ls "/sys/class/scsi_disk/${A#host}:0:0:0/device/scsi_generic")
a_id=$(printf '%06x' "$(cat "/sys/class/fc_host/$A/port_id")")
b_id=$(printf '%06x' "$(cat "/sys/class/fc_host/$B/port_id")")
# B gives up on a silent command after 5 s instead of 30
echo 5 >"/sys/block/$db/device/timeout"
echo "ok: TAS off on rd0; A ($a_id) and B ($b_id) see LUN 0 (/dev/$da, /dev/$db)"

head -c 65536 /dev/urandom >/tmp/pattern
echo "kind=data,action=delay,delay_ms=2000,count=1,wwpn=$bw" > "$CTL/fault"
dd if=/tmp/pattern of="/dev/$db" bs=64k count=1 seek=3 oflag=direct 2>/tmp/dd.err &
writer=$!
sleep 0.5
kill -0 "$writer" 2>/dev/null || fail "B's write ended before its data arrived"
sg_reset -d "$sga" || fail "A's LUN reset (sg_reset -d) failed"
wait "$writer" || { cat /tmp/dd.err; fail "B's write failed across A's LUN reset"; }
[ -z "$(cat "$CTL/faults")" ] || fail "the delay fault was not used: $(cat "$CTL/faults")"

traced "qla_tgt_tmf: .*answer LUN_RESET from=$a_id lun=0 .*rsp=0$" ||
	fail "A's LUN reset was not answered FUNCTION COMPLETE"
if traced "status=SAM_STAT_TASK_ABORTED"; then
	fail "a command ended with TASK ABORTED although TAS is off"
fi
traced "scsi_dispatch_cmd_timeout: host_no=${B#host} .*WRITE" ||
	fail "B's write did not time out (it should have heard nothing)"
traced "qla_tgt_tmf: .*request ABTS from=$b_id " || fail "the target saw no ABTS from B"
# the exchange was gone: BA_RJT, as libfc and upstream's target answer an unknown one
traced "qla_tgt_tmf: .*answer ABTS from=$b_id .*rsp=1$" ||
	fail "B's ABTS for the terminated exchange was not answered BA_RJT"
echo "ok: B's write got no status (TAS off) and timed out; B's ABTS got BA_RJT"

dd if="/dev/$db" of=/tmp/back bs=64k count=1 skip=3 iflag=direct 2>/dev/null || fail "B's read back failed"
cmp -s /tmp/pattern /tmp/back || fail "B's retried write's data is wrong"
dd if="/dev/$da" of=/tmp/back bs=64k count=1 skip=3 iflag=direct 2>/dev/null || fail "A's read back failed"
cmp -s /tmp/pattern /tmp/back || fail "A reads other data than B wrote"
echo "ok: B's midlayer retried the write; A and B read back what B wrote"

san_unload "$T" "$A" "$B"
