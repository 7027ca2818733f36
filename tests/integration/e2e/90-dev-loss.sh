#!/bin/bash
# A command lost with its remote port: A's FCP_CMND is dropped in the fabric, then the
# target port T leaves (role none). T's rport on A is blocked, and when its
# dev_loss_tmo (2 s) runs out the transport's terminate_rport_io ends the lost read at
# once (its exchange ended in A's firmware, no ABTS to a port that is gone) with an
# error, long before its 5 s SCSI timeout; a LUN reset that waited on the blocked port
# finds it gone (no driver rport after dev_loss: the path of the use-after-free once
# found in the error handlers) and fails without escalating. T comes back as a target:
# the binding is reused, the LUN returns and data written to it reads back.
# vm-args: --timeout 300 --mem 1G
set -euo pipefail
exec 2>&1
. "$(dirname "$0")/../../lib/san.bash"
FAIL_DMESG_LINES=40

emu_san 2
T=${HOSTS[0]} A=${HOSTS[1]}
tw=${WWPNS[0]} aw=${WWPNS[1]}
for e in qla2xxx/qla_ini_terminate qla2xxx/qla_eh_rport_gone \
	scsi/scsi_dispatch_cmd_timeout scsi/scsi_dispatch_cmd_error; do
	echo 1 >"$TRACING/events/$e/enable"
done
export_ramdisks "$T" "$tw" 1 "$aw"
echo initiator > "/sys/class/scsi_host/$A/role"
wait_for 60 "LUN 0 on A" has_lun "$A" 0
sd=/sys/class/scsi_disk/${A#host}:0:0:0
dev=$(lun_dev "$A" 0)
sg=/dev/$(ls "$sd/device/scsi_generic")
rport=
for r in /sys/class/fc_remote_ports/rport-"${A#host}":*; do
	[ "$(cat "$r/port_name")" = "$tw" ] && rport=$r
done
[ -n "$rport" ] || fail "no rport of T on A"
t_id=$(printf '%06x' "$(cat "$rport/port_id")")
port_state() { [ "$(cat "$rport/port_state")" = "$1" ]; }
echo 2 >"$rport/dev_loss_tmo"
echo 5 >"$sd/device/timeout"
head -c 65536 /dev/urandom >/tmp/pattern
dd if=/tmp/pattern of="/dev/$dev" bs=64k count=1 seek=1 oflag=direct 2>/dev/null ||
	fail "baseline write"
echo "ok: A sees T's LUN as /dev/$dev (rport ${rport##*/}, $t_id)"

echo >"$TRACING/trace"
echo "kind=fcp_cmnd,action=drop,count=1,wwpn=$aw" >"$CTL/fault"
dd if="/dev/$dev" of=/tmp/lost bs=4k count=1 skip=7 iflag=direct 2>/tmp/lost.err &
lost=$!
wait_for 30 "A's FCP_CMND dropped" faults_used
echo none > "/sys/class/scsi_host/$T/role"
wait_for 30 "T's rport on A blocked" port_state Blocked
# a LUN reset, without escalation, waits for the blocked port
sg_reset -d -N "$sg" >/tmp/reset.out 2>&1 &
reset=$!
if wait "$lost"; then fail "the lost read succeeded"; fi
grep -q "Input/output error" /tmp/lost.err || { cat /tmp/lost.err; fail "the lost read ended without an I/O error"; }
traced "qla_ini_terminate: .* port_id=$t_id commands=1 ended=1 abts=0 host=0x01$" ||
	fail "terminate_rport_io did not end the lost command with DID_NO_CONNECT"
traced "scsi_dispatch_cmd_timeout: host_no=${A#host} " &&
	fail "a command to T timed out: terminate_rport_io did not end it first"
echo "ok: dev_loss_tmo ended the lost read with an I/O error (DID_NO_CONNECT), no command timed out"

if wait "$reset"; then fail "a LUN reset of a gone port succeeded"; fi
traced "qla_eh_rport_gone: .* lun_reset: rport" ||
	{ cat /tmp/reset.out; fail "the LUN reset did not find the port gone"; }
traced "qla_eh_rport_gone: .* target_reset" && fail "the LUN reset escalated"
wait_for 30 "T's rport on A kept as a binding" port_state "Not Present"
wait_for 30 "A's disk of T removed" eval '! test -e "$sd"'
echo "ok: the LUN reset found T's rport gone and failed; the rport is Not Present, the disk gone"

echo target > "/sys/class/scsi_host/$T/role"
wait_for 60 "T's rport on A online again" port_state Online
wait_for 60 "LUN 0 on A again" has_lun "$A" 0
dev=$(lun_dev "$A" 0)
dd if="/dev/$dev" of=/tmp/back bs=64k count=1 skip=1 iflag=direct 2>/dev/null ||
	fail "read after T came back"
cmp -s /tmp/pattern /tmp/back || fail "the LUN does not hold what was written before"
head -c 65536 /dev/urandom >/tmp/pattern2
dd if=/tmp/pattern2 of="/dev/$dev" bs=64k count=1 seek=2 oflag=direct 2>/dev/null ||
	fail "write after T came back"
dd if="/dev/$dev" of=/tmp/back bs=64k count=1 skip=2 iflag=direct 2>/dev/null ||
	fail "read back after T came back"
cmp -s /tmp/pattern2 /tmp/back || fail "data written after T came back reads back wrong"
echo "ok: T is back on the same rport (${rport##*/}); its LUN holds the old data and takes new"

san_unload "$T" "$A"
