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
. "$(dirname "$0")/../../lib/san.bash"
. "$(dirname "$0")/tas.bash"

reset_san 0
# B gives up on a silent command after 5 s instead of 30
echo 5 >"/sys/block/$DB/device/timeout"
echo "ok: TAS off on rd0; A ($A_ID) and B ($B_ID) see LUN 0 (/dev/$DA, /dev/$DB)"
write_across_reset

traced "qla_tgt_tmf: .*answer LUN_RESET from=$A_ID lun=0 .*rsp=0$" ||
	fail "A's LUN reset was not answered FUNCTION COMPLETE"
if traced "status=SAM_STAT_TASK_ABORTED"; then
	fail "a command ended with TASK ABORTED although TAS is off"
fi
traced "scsi_dispatch_cmd_timeout: host_no=${B#host} .*WRITE" ||
	fail "B's write did not time out (it should have heard nothing)"
traced "qla_tgt_tmf: .*request ABTS from=$B_ID " || fail "the target saw no ABTS from B"
# the exchange was gone: BA_RJT, as libfc and upstream's target answer an unknown one
traced "qla_tgt_tmf: .*answer ABTS from=$B_ID .*rsp=1$" ||
	fail "B's ABTS for the terminated exchange was not answered BA_RJT"
dmesg | grep -q "no answer to ABTS" && fail "the BA_RJT did not end B's abort"
echo "ok: B's write got no status (TAS off) and timed out; B's ABTS got BA_RJT"

written_data_back
san_unload "$T" "$A" "$B"
