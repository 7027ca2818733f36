#!/bin/bash
# Demo mode, as upstream's tcm_qla2xxx has it. A target made by targetcli keeps
# upstream's defaults (generate_node_acls=1, cache_dynamic_acls=1,
# demo_mode_write_protect=1, demo_mode_login_only=1): initiator A has an ACL and
# sees its two LUNs; initiator B has none and gets a dynamic session that shows
# only LIO's virtual LUN 0 (peripheral qualifier 1, type 0x1f), so Linux makes no
# disk of it. With demo_mode_login_only=0 (and cache_dynamic_acls=0, so the old
# dynamic ACL goes with B's session) and the TPG disabled and enabled again, B's
# new session shows every TPG LUN, write-protected by demo_mode_write_protect=1.
# vm-args: --timeout 600 --mem 2G
set -euo pipefail
exec 2>&1
. "$(dirname "$0")/../../lib/san.bash"

ndisks() { # ndisks HOSTNAME: how many disks the host has
	local d n=0
	for d in /sys/class/scsi_disk/"${1#host}":*; do
		[ -e "$d" ] && n=$((n + 1))
	done
	echo $n
}
has_disks() { [ "$(ndisks "$1")" -eq "$2" ]; }
dynamic_has() { grep -qx "$1" "$tpg/dynamic_sessions"; }

emu_san 3
T=${HOSTS[0]} A=${HOSTS[1]} B=${HOSTS[2]}
tw=${WWPNS[0]} aw=${WWPNS[1]} bw=${WWPNS[2]}
echo target > "/sys/class/scsi_host/$T/role"
tn=naa.${tw#0x}
targetcli <<TCLI >/dev/null
set global auto_save_on_exit=false
/backstores/ramdisk create name=rd0 size=8M
/backstores/ramdisk create name=rd1 size=4M
/qla2xxx create $tn
/qla2xxx/$tn/luns create /backstores/ramdisk/rd0
/qla2xxx/$tn/luns create /backstores/ramdisk/rd1
/qla2xxx/$tn/acls create naa.${aw#0x}
exit
TCLI
tpg=/sys/kernel/config/target/qla2xxx/$(colon "$tw")/tpgt_1
for a in generate_node_acls=1 cache_dynamic_acls=1 demo_mode_write_protect=1 \
	prod_mode_write_protect=0 demo_mode_login_only=1; do
	[ "$(cat "$tpg/attrib/${a%=*}")" = "${a#*=}" ] ||
		fail "attrib/${a%=*} is $(cat "$tpg/attrib/${a%=*}"), upstream's default is ${a#*=}"
done
echo "ok: targetcli's target has upstream's demo-mode defaults"

echo initiator > "/sys/class/scsi_host/$A/role"
echo initiator > "/sys/class/scsi_host/$B/role"
wait_for 90 "A's two disks" has_disks "$A" 2
wait_for 60 "B's dynamic session" dynamic_has "$(colon "$bw")"
dynamic_has "$(colon "$aw")" && fail "A (with an ACL) is listed as a dynamic session"
# a scan through sysfs is synchronous: when it returns, B has seen all it will see
echo '- - -' > "/sys/class/scsi_host/$B/scan"
[ "$(ndisks "$B")" -eq 0 ] || fail "B (no ACL, demo_mode_login_only=1) sees $(ndisks "$B") disks"
[ ! -e "$tpg/acls/$(colon "$bw")" ] || fail "B's dynamic ACL shows in acls/"
echo "ok: B has a dynamic session ($(colon "$bw") in dynamic_sessions) and sees no disk"

# login-only off: B's next session maps every TPG LUN, read-only. Attributes
# apply to new sessions; disabling the TPG ends the current ones.
echo 0 > "$tpg/attrib/cache_dynamic_acls"
echo 0 > "$tpg/attrib/demo_mode_login_only"
echo 0 > "$tpg/enable"
dynamic_has "$(colon "$bw")" && fail "B's dynamic session outlived the TPG's disable"
echo 1 > "$tpg/enable"
wait_for 60 "B's new dynamic session" dynamic_has "$(colon "$bw")"
echo '- - -' > "/sys/class/scsi_host/$B/scan"
wait_for 90 "B's two disks" has_disks "$B" 2
for lun in 0 1; do
	d=$(lun_dev "$B" "$lun")
	sg=/dev/$(ls "/sys/class/scsi_disk/${B#host}:0:0:$lun/device/scsi_generic")
	vendor=$(cat "/sys/class/scsi_disk/${B#host}:0:0:$lun/device/vendor")
	[ "${vendor%% *}" = LIO-ORG ] || fail "B's LUN $lun vendor is '$vendor'"
	dd if="/dev/$d" of=/dev/null bs=4k count=16 iflag=direct status=none ||
		fail "B reads LUN $lun ($d)"
	head -c 512 /dev/urandom > /tmp/blk
	out=$(sg_raw -s 512 -i /tmp/blk "$sg" 2a 00 00 00 00 10 00 00 01 00 2>&1 || true)
	echo "$out" | grep -qi "data protect" || fail "WRITE(10) from B to LUN $lun: $out"
done
echo "ok: with demo_mode_login_only=0 B sees both LUNs (LIO-ORG), reads them, and writes get DATA PROTECT"
# A's explicit ACL is untouched by demo mode
d=$(lun_dev "$A" 0)
head -c 4096 /dev/urandom > /tmp/a.blk
dd if=/tmp/a.blk of="/dev/$d" bs=4k oflag=direct status=none || fail "A writes LUN 0"
dd if="/dev/$d" bs=4k count=1 iflag=direct status=none | cmp -s - /tmp/a.blk ||
	fail "A reads back LUN 0"
echo "ok: A still writes and reads its LUN 0 ($d)"

san_unload "$A" "$B"
