#!/bin/bash
# A mapped LUN with write_protect=1 rejects WRITE with DATA PROTECT sense and still
# reads; targetcli saveconfig, targetctl clear and targetctl restore bring the same
# disk back to the initiator with the same data, in the same session's place.
# vm-args: --timeout 600 --mem 2G
set -euo pipefail
exec 2>&1
. "$(dirname "$0")/../../lib/san.bash"
disk() { # disk HOSTNAME LUN: the sd device of that LUN
	ls "/sys/class/scsi_disk/${1#host}:0:0:$2/device/block" 2>/dev/null
}
sgdev() { ls "/sys/class/scsi_disk/${1#host}:0:0:$2/device/scsi_generic"; }

emu_san 2
T=${HOSTS[0]} A=${HOSTS[1]}
tw=${WWPNS[0]} aw=${WWPNS[1]}
echo target > "/sys/class/scsi_host/$T/role"
tn=naa.${tw#0x}
truncate -s 16M /tmp/file0.img
targetcli <<TCLI >/dev/null
set global auto_save_on_exit=false
/backstores/ramdisk create name=rd0 size=8M
/backstores/fileio create name=file0 file_or_dev=/tmp/file0.img
/qla2xxx create $tn
/qla2xxx/$tn set attribute generate_node_acls=0
/qla2xxx/$tn/luns create /backstores/ramdisk/rd0
/qla2xxx/$tn/luns create /backstores/fileio/file0
/qla2xxx/$tn/acls create naa.${aw#0x}
exit
TCLI
acl=/sys/kernel/config/target/qla2xxx/$(colon "$tw")/tpgt_1/acls/$(colon "$aw")
echo initiator > "/sys/class/scsi_host/$A/role"
wait_for 60 "LUNs 0 and 1 on A" sh -c "ls /sys/class/scsi_disk/${A#host}:0:0:1/device/block >/dev/null 2>&1 && ls /sys/class/scsi_disk/${A#host}:0:0:0/device/block >/dev/null 2>&1"
echo "ok: A sees LUN 0 ($(disk "$A" 0)) and LUN 1 ($(disk "$A" 1))"

# write_protect on A's mapped LUN 0: WRITE(10) gets CHECK CONDITION, DATA PROTECT.
echo 1 > "$acl/lun_0/write_protect"
sg=/dev/$(sgdev "$A" 0)
head -c 512 /dev/urandom > /tmp/blk
out=$(sg_raw -s 512 -i /tmp/blk "$sg" 2a 00 00 00 00 10 00 00 01 00 2>&1 || true)
echo "$out" | grep -qi "data protect" || fail "WRITE to a write-protected LUN: $out"
echo "ok: WRITE(10) to write-protected LUN 0 fails: $(echo "$out" | grep -i "sense key" | head -n 1 | sed 's/^ *//')"
sg_raw -r 512 "$sg" 28 00 00 00 00 10 00 00 01 00 >/dev/null 2>&1 || fail "READ(10) of a write-protected LUN"
echo "ok: READ(10) of write-protected LUN 0 still works"
echo 0 > "$acl/lun_0/write_protect"
sg_raw -s 512 -i /tmp/blk "$sg" 2a 00 00 00 00 10 00 00 01 00 >/dev/null 2>&1 ||
	fail "WRITE after write_protect=0"
echo "ok: write_protect=0 lets WRITE(10) through again"

# saveconfig, clear, restore: the same disk, the same data.
dev=$(disk "$A" 1)
head -c 4194304 /dev/urandom > /tmp/pattern
dd if=/tmp/pattern of="/dev/$dev" bs=1M oflag=direct status=none
targetcli saveconfig savefile=/tmp/saved.json >/dev/null
grep -q '"fabric": "qla2xxx"' /tmp/saved.json || fail "saveconfig.json has no qla2xxx target"
targetctl clear
[ ! -e "$acl" ] || fail "targetctl clear left $acl"
echo "ok: saved to /tmp/saved.json and cleared"
targetctl restore /tmp/saved.json
[ -d "$acl/lun_1" ] || fail "restore did not bring back $acl/lun_1"
wait_for 30 "A's session after restore" grep -q TARG_SESS_STATE_LOGGED_IN "$acl/info"
[ "$(disk "$A" 1)" = "$dev" ] || fail "LUN 1 is now $(disk "$A" 1), was $dev"
dd if="/dev/$dev" bs=1M count=4 iflag=direct status=none | cmp -s - /tmp/pattern ||
	fail "data on /dev/$dev differs after restore"
echo "ok: after restore A reads the same 4 MiB from the same disk /dev/$dev"

san_unload "$A"
