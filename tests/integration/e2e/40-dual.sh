#!/bin/bash
# Dual mode: two ports, each initiator and target at once, each exporting a ramdisk
# to the other; both directions move verified data at the same time.
# vm-args: --timeout 600 --mem 2G
set -euo pipefail
exec 2>&1
. "$(dirname "$0")/../../lib/san.bash"
has_disk() { ls /sys/class/scsi_disk/"${1#host}":0:0:0/device/block >/dev/null 2>&1; }

emu_san 2
P=${HOSTS[0]} Q=${HOSTS[1]}
pw=${WWPNS[0]} qw=${WWPNS[1]}
echo both > "/sys/class/scsi_host/$P/role"
echo both > "/sys/class/scsi_host/$Q/role"
targetcli <<TCLI >/dev/null
set global auto_save_on_exit=false
/backstores/ramdisk create name=rp size=8M
/backstores/ramdisk create name=rq size=12M
/qla2xxx create naa.${pw#0x}
/qla2xxx/naa.${pw#0x}/luns create /backstores/ramdisk/rp
/qla2xxx/naa.${pw#0x}/acls create naa.${qw#0x}
/qla2xxx create naa.${qw#0x}
/qla2xxx/naa.${qw#0x}/luns create /backstores/ramdisk/rq
/qla2xxx/naa.${qw#0x}/acls create naa.${pw#0x}
exit
TCLI
# the sessions of the logins before the ACLs existed are offered again on I/O
echo '- - -' > "/sys/class/scsi_host/$P/scan"
echo '- - -' > "/sys/class/scsi_host/$Q/scan"
wait_for 90 "a disk on $P (from $Q)" has_disk "$P"
wait_for 90 "a disk on $Q (from $P)" has_disk "$Q"
dp=$(ls "/sys/class/scsi_disk/${P#host}:0:0:0/device/block")
dq=$(ls "/sys/class/scsi_disk/${Q#host}:0:0:0/device/block")
[ $(($(cat "/sys/block/$dp/size") * 512)) = 12582912 ] || fail "$P's disk size"
[ $(($(cat "/sys/block/$dq/size") * 512)) = 8388608 ] || fail "$Q's disk size"
echo "ok: $P ($(colon "$pw")) sees /dev/$dp (12 MiB from $Q); $Q sees /dev/$dq (8 MiB from $P)"

for d in "$dp" "$dq"; do
	fio --name=dual --filename="/dev/$d" --direct=1 --ioengine=libaio --iodepth=8 \
		--rw=randwrite --bs=16k --size=4M --verify=crc32c --do_verify=1 \
		--verify_fatal=1 --output="/tmp/fio-$d.txt" >/dev/null &
done
for j in $(jobs -p); do
	wait "$j" || { cat /tmp/fio-*.txt; fail "fio verify in dual mode"; }
done
echo "ok: fio crc32c verify in both directions at once"

san_unload
