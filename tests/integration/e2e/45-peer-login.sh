#!/bin/bash
# One PRLI sets up the image pair both ways: two ports in dual role, where only T logs
# in (I never hears of T: the RSCNs announcing it are dropped), so I sends commands to
# T on T's login alone; T's target must take them, and I sees the LUN. (A race in
# e2e/40-dual, made certain here.)
# vm-args: --timeout 600 --mem 2G
set -euo pipefail
exec 2>&1
. "$(dirname "$0")/../../lib/san.bash"

emu_san 2
T=${HOSTS[0]} I=${HOSTS[1]}
tw=${WWPNS[0]} iw=${WWPNS[1]}
# I comes up first; T, still without a role, is not in the name server for it to find
echo both > "/sys/class/scsi_host/$I/role"
wait_for 30 "I registered with the name server" grep -q "qla2xxx_emu.1 event=LOOP_UP" "$TRACING/trace"
sleep 1
echo "kind=rscn,action=drop,count=100" > "$CTL/fault"
echo both > "/sys/class/scsi_host/$T/role"
rport_line="qla_rport_state: qla2xxx_emu.1 rport=$tw "
wait_for 60 "I's remote port for T online" grep -q "$rport_line.*-> online" "$TRACING/trace"
grep "$rport_line" "$TRACING/trace" >/tmp/t-rport
grep -q -- "new -> gpdb on peer_login" /tmp/t-rport || fail "I's remote port for T did not come up on T's login: $(cat /tmp/t-rport)"
if grep -q "login on found" /tmp/t-rport; then fail "I logged in to T itself: $(cat /tmp/t-rport)"; fi
echo "ok: I never heard of T; I's remote port for T came online on T's login alone"

tn=naa.${tw#0x}
targetcli <<TCLI >/dev/null
set global auto_save_on_exit=false
/backstores/ramdisk create name=rd0 size=8M
/qla2xxx create $tn
/qla2xxx/$tn/luns create /backstores/ramdisk/rd0
/qla2xxx/$tn/acls create naa.${iw#0x}
exit
TCLI
echo '- - -' > "/sys/class/scsi_host/$I/scan"
wait_for 60 "LUN 0 on I" has_lun "$I" 0
dev=$(lun_dev "$I" 0)
head -c 1048576 /dev/urandom >/tmp/pattern
dd if=/tmp/pattern of="/dev/$dev" bs=64k oflag=direct 2>/dev/null || fail "write to /dev/$dev"
dd if="/dev/$dev" of=/tmp/back bs=64k count=16 iflag=direct 2>/dev/null || fail "read from /dev/$dev"
cmp -s /tmp/pattern /tmp/back || fail "data read back differs"
grep -q TARG_SESS_STATE_LOGGED_IN "/sys/kernel/config/target/qla2xxx/$(colon "$tw")/tpgt_1/acls/$(colon "$iw")/info" ||
	fail "no session for I on T"
echo "ok: I sees T's LUN as /dev/$dev and 1 MiB reads back right; T lists I's session"

echo clear > "$CTL/fault"
san_unload "$T" "$I"
