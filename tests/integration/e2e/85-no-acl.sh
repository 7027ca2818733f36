#!/bin/bash
# An initiator without an ACL (generate_node_acls=0). Target T exports a ramdisk with
# no ACL; initiator I comes up. T's engine refuses I's PRLI (a notify acknowledge
# with the terminate flag: the firmware answers LS_RJT), so I registers no SCSI
# target for T: its scan is over at once, with no command sent, none timed out and no
# disk; T logs the refusal once and sends ACL_DENIED. Then the admin creates I's ACL
# with targetcli and nothing is done on I: T logs I out (LOGO) a second later, I logs
# in again as a Linux initiator does, and its disk appears. Demo mode
# (generate_node_acls=1) keeps upstream's behaviour (e2e/60-demo-mode).
# vm-args: --timeout 600 --mem 2G
set -euo pipefail
exec 2>&1
. "$(dirname "$0")/../../lib/san.bash"

GENL=$(cd "$(dirname "$0")/../../lib" && pwd)/qlat_genl.py
EV=/tmp/no-acl-events.jsonl

emu_san 2
T=${HOSTS[0]} I=${HOSTS[1]}
tw=${WWPNS[0]} iw=${WWPNS[1]}
modprobe tcm_qla2xxx
python3 "$GENL" listen 550 >"$EV" &
lpid=$!
wait_for 20 "the listener joined" grep -q READY "$EV"
echo 1 >"$TRACING/events/scsi/scsi_dispatch_cmd_start/enable"

export_ramdisks "$T" "$tw" 1
echo initiator >"/sys/class/scsi_host/$I/role"
t0=$SECONDS
wait_for 60 "ACL_DENIED for I" grep -qF "\"INI_WWPN\": \"$iw\"" "$EV"
# (grep reads a file: with pipefail, `dmesg | grep -q` fails when grep stops early)
klog() { dmesg >/tmp/klog; }
gave_up() { klog && grep -q "refused our login" /tmp/klog; }
wait_for 30 "I gave its login up" gave_up
echo "refused and given up after $((SECONDS - t0)) s (goal: 5 s)"
sleep 5
klog
n=$(grep -c "initiator $(colon "$iw") has no ACL" /tmp/klog || true)
[ "$n" -eq 1 ] || fail "the refusal was logged $n times, want once"
grep -F "$(colon "$iw") has no ACL: login refused" /tmp/klog ||
	fail "the refusal does not say the login was refused"
! has_lun "$I" 0 || fail "I has a disk without an ACL"
! compgen -G "/sys/class/scsi_host/$I/device/target*" >/dev/null ||
	fail "I registered a SCSI target for T"
grep -q "scsi_dispatch_cmd_start: host_no=${I#host} " "$TRACING/trace" &&
	fail "I sent T a SCSI command"
! grep -q "timing out command" /tmp/klog || fail "a command timed out"
echo "ok: I was refused, has no target, sent no command, no timeout"

echo "== the admin creates I's ACL"
targetcli "/qla2xxx/naa.${tw#0x}/acls" create "naa.${iw#0x}" >/dev/null ||
	fail "targetcli acls create failed"
t0=$SECONDS
wait_for 60 "I's disk" has_lun "$I" 0
echo "I's disk $(lun_dev "$I" 0) appeared $((SECONDS - t0)) s after the ACL (goal: 5 s)"
wait_for 10 "SESS_LOGIN for I" eval "grep -F SESS_LOGIN $EV | grep -qF '\"INI_WWPN\": \"$iw\"'"
klog
! grep -q "timing out command" /tmp/klog || fail "a command timed out"
dd if="/dev/$(lun_dev "$I" 0)" of=/dev/null bs=64k count=16 status=none ||
	fail "reading I's disk failed"
echo "ok: I logged in again by itself and reads its disk"

kill "$lpid"
wait "$lpid" || true
cat "$EV"
san_unload "$T" "$I"
echo PASS
