#!/bin/bash
# SCSI over the emulated SAN, configured with targetcli-fb as it ships: one target
# port exports two ramdisks and two files (LUNs 0..3) to initiator A by ACL; A sees
# four LIO-ORG disks of the right sizes and fio with crc32c verify passes on each,
# 1 MiB I/O and a buffer scattered over 256 segments on the first;
# initiator B, with no ACL and generate_node_acls=0, sees no disk; `targetcli
# sessions` and the ACL's info file show A's FC session.
# vm-args: --timeout 600 --mem 2G
set -euo pipefail
exec 2>&1
. "$(dirname "$0")/../../lib/san.bash"
# disks HOSTNAME: "H:C:T:L sdX" of every disk behind the host
disks() {
	local d
	for d in /sys/class/scsi_disk/"${1#host}":*; do
		[ -e "$d" ] || continue
		echo "${d##*/} $(ls "$d/device/block")"
	done
}
ndisks() { [ "$(disks "$1" | wc -l)" -eq "$2" ]; }

emu_san 3
T=${HOSTS[0]} A=${HOSTS[1]} B=${HOSTS[2]}
tw=${WWPNS[0]} aw=${WWPNS[1]} bw=${WWPNS[2]}
echo target > "/sys/class/scsi_host/$T/role"
echo "target $(colon "$tw") ($T), initiator A $(colon "$aw") ($A), initiator B $(colon "$bw") ($B)"

truncate -s 16M /tmp/file0.img
truncate -s 12M /tmp/file1.img
tn=naa.${tw#0x}
targetcli <<TCLI >/dev/null
set global auto_save_on_exit=false
/backstores/ramdisk create name=rd0 size=16M
/backstores/ramdisk create name=rd1 size=8M
/backstores/fileio create name=file0 file_or_dev=/tmp/file0.img
/backstores/fileio create name=file1 file_or_dev=/tmp/file1.img
/qla2xxx create $tn
/qla2xxx/$tn set attribute generate_node_acls=0
/qla2xxx/$tn/luns create /backstores/ramdisk/rd0
/qla2xxx/$tn/luns create /backstores/ramdisk/rd1
/qla2xxx/$tn/luns create /backstores/fileio/file0
/qla2xxx/$tn/luns create /backstores/fileio/file1
/qla2xxx/$tn/acls create naa.${aw#0x}
exit
TCLI
tpg=/sys/kernel/config/target/qla2xxx/$(colon "$tw")/tpgt_1
[ "$(cat "$tpg/attrib/generate_node_acls")" = 0 ] || fail "generate_node_acls not 0"
echo "ok: targetcli configured 4 LUNs and an ACL for A"

echo initiator > "/sys/class/scsi_host/$A/role"
echo initiator > "/sys/class/scsi_host/$B/role"
wait_for 60 "4 disks on initiator A" ndisks "$A" 4
declare -A want=([0]=16777216 [1]=8388608 [2]=16777216 [3]=12582912)
while read -r hctl dev; do
	lun=${hctl##*:}
	vendor=$(cat "/sys/class/scsi_disk/$hctl/device/vendor")
	size=$(($(cat "/sys/block/$dev/size") * 512))
	[ "${vendor%% *}" = LIO-ORG ] || fail "LUN $lun vendor '$vendor'"
	[ "$size" = "${want[$lun]}" ] || fail "LUN $lun ($dev) is $size bytes, want ${want[$lun]}"
	echo "ok: A sees LUN $lun as /dev/$dev: $vendor, $size bytes"
done <<<"$(disks "$A")"

for dev in $(disks "$A" | awk '{print $2}'); do
	fio --name=verify --filename="/dev/$dev" --direct=1 --ioengine=libaio --iodepth=8 \
		--rw=randwrite --bs=4k --size=4M --verify=crc32c --do_verify=1 \
		--verify_fatal=1 --output=/tmp/fio-$dev.txt >/dev/null ||
		{ cat "/tmp/fio-$dev.txt" >&2; fail "fio verify on /dev/$dev"; }
	fio --name=seq --filename="/dev/$dev" --direct=1 --ioengine=libaio --iodepth=4 \
		--rw=write --bs=256k --size=4M --offset=4M --verify=crc32c --do_verify=1 \
		--verify_fatal=1 --output=/tmp/fio2-$dev.txt >/dev/null ||
		{ cat "/tmp/fio2-$dev.txt" >&2; fail "fio 256k verify on /dev/$dev"; }
	echo "ok: fio crc32c verify (4k random, 256k sequential) on /dev/$dev"
done

# Large I/O: a 1 MiB command is 256 page segments (the first in the command
# IOCB, the rest in continuation entries); a scattered buffer of 512-byte
# pieces is 256 segments the block layer cannot merge.
dev0=$(disks "$A" | awk '$1 ~ /:0$/ {print $2}')
fio --name=big --filename="/dev/$dev0" --direct=1 --ioengine=libaio --iodepth=4 \
	--rw=write --bs=1M --size=8M --offset=8M --verify=crc32c --do_verify=1 \
	--verify_fatal=1 --output=/tmp/fio3.txt >/dev/null ||
	{ cat /tmp/fio3.txt >&2; fail "fio 1M verify on /dev/$dev0"; }
fio --name=bigread --filename="/dev/$dev0" --direct=1 --ioengine=libaio --iodepth=8 \
	--rw=randread --bs=1M --size=16M --io_size=32M --output=/tmp/fio4.txt >/dev/null ||
	{ cat /tmp/fio4.txt >&2; fail "fio 1M reads on /dev/$dev0"; }
frag=$(python3 "$(dirname "$0")/sg_frag.py" "/dev/$dev0" 4194304) || fail "scattered buffer: $frag"
echo "ok: fio 1 MiB verify and reads, and a scattered buffer ($frag), on /dev/$dev0"

# B has no ACL: its login is refused (PRLI rejected), no session, no disk.
sleep 2
ndisks "$B" 0 || fail "initiator B sees disks: $(disks "$B")"
grep -q "initiator $(colon "$bw") has no ACL" <(dmesg) || fail "no log line for B's refused session"
echo "ok: initiator B (no ACL, generate_node_acls=0) sees no disk"

info=$(cat "$tpg/acls/$(colon "$aw")/info")
echo "$info" | grep -q "^InitiatorName: $(colon "$aw")" || fail "ACL info: $info"
echo "$info" | grep -q "TARG_SESS_STATE_LOGGED_IN" || fail "ACL info: $info"
echo "$info" | grep -q "FC N_Port ID: 0x$(printf %06x "$(cat "/sys/class/fc_host/$A/port_id")")" || fail "ACL info: $info"
sess=$(targetcli sessions 2>&1)
echo "$sess" | grep -q "alias: naa.${aw#0x}" || fail "targetcli sessions: $sess"
echo "$sess" | grep -qi "LOGGED_IN" || fail "targetcli sessions: $sess"
echo "ok: targetcli sessions lists A's session:"
echo "$sess" | sed 's/^/    /'

# B off the fabric first, then everything down.
echo none > "/sys/class/scsi_host/$B/role"
targetctl clear
ndisks "$A" 4 || true
echo none > "/sys/class/scsi_host/$A/role"
rmdir /sys/kernel/config/target/qla2xxx
modprobe -r tcm_qla2xxx
modprobe -r qla2xxx
echo "ok: cleared and unloaded"
