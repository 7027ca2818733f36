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
. "$(dirname "$0")/../../lib/san.bash"
. "$(dirname "$0")/tas.bash"

reset_san 1
echo "ok: TAS on (the default); A ($A_ID) and B see LUN 0 (/dev/$DA, /dev/$DB)"
write_across_reset

# line LABEL REGEX: the number of the first trace line matching REGEX
line() {
	local n
	n=$(grep -n -m1 -E "$2" "$TRACING/trace" | cut -d: -f1)
	[ -n "$n" ] || fail "$1"
	echo "$n"
}
reset=$(line "A's LUN reset was not answered FUNCTION COMPLETE" \
	"qla_tgt_tmf: .*answer LUN_RESET from=$A_ID lun=0 .*rsp=0$")
aborted=$(line "B's write did not end with TASK ABORTED" \
	"scsi_dispatch_cmd_done: host_no=${B#host} .*WRITE.*status=SAM_STAT_TASK_ABORTED")
[ "$aborted" -lt "$reset" ] || fail "LIO answered A's reset before B's write ended"
if traced "scsi_dispatch_cmd_done: host_no=${A#host} .*status=SAM_STAT_TASK_ABORTED"; then
	fail "A, which asked for the reset, got TASK ABORTED"
fi
echo "ok: B's held write ended with TASK ABORTED (TAS); then LIO answered A's reset FUNCTION COMPLETE"

written_data_back
san_unload "$T" "$A" "$B"
