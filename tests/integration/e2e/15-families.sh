#!/bin/bash
# The family matrix: four emulated ports of four ISP families on one fabric
# (emu_model=2432,2532,2722,2812: an ISP2432, ISP2532, ISP2261 and ISP2281). Each
# host's model_name is what the driver read from that card's NVRAM through the flash
# registers (24xx NVRAM window, 25xx flash region, 27xx and 28xx flash layout table),
# each port works through its own register windows (BAR 1 on 24xx/25xx; BAR 0 and
# the queue pointers in BAR 4 on 27xx/28xx), every port exports a ramdisk to every
# other, and every pair moves verified data in both directions. The firmware each
# loads from its flash fails VERIFY_CHECKSUM once corrupted; a port added with
# add_port model=2031 is an 83xx.
# vm-args: --timeout 600 --mem 2G
set -euo pipefail
exec 2>&1
. "$(dirname "$0")/../../lib/san.bash"
has_disks() { # has_disks HOST N: N disks seen on HOST
	local d n=0
	for d in /sys/class/scsi_disk/"${1#host}":0:*:0; do
		[ -e "$d/device/block" ] && n=$((n + 1))
	done
	[ "$n" -eq "$2" ]
}

modprobe qla2xxx emu_ports=4 emu_model=2432,2532,2722,2812 role=none
declare -A want_model=([1]=QLE2462 [2]=QLE2562 [3]=QLE2692 [4]=QLE2772)
HOSTS=() WWPNS=()
for h in /sys/class/fc_host/host*; do
	hn=${h##*/}
	wwpn=$(cat "$h/port_name")
	model=$(cat "/sys/class/scsi_host/$hn/model_name")
	slot=$((wwpn & 0xff))
	echo "$hn: $wwpn model $model"
	[ "$model" = "${want_model[$slot]}" ] ||
		fail "$hn ($wwpn): model_name '$model', want '${want_model[$slot]}'"
	HOSTS+=("$hn")
	WWPNS+=("$wwpn")
done
[ ${#HOSTS[@]} -eq 4 ] || fail "expected 4 fc_hosts, found ${#HOSTS[@]}"
echo "ok: each port's model_name comes from its family's NVRAM"

cmds="set global auto_save_on_exit=false"
for i in 0 1 2 3; do
	echo both >"/sys/class/scsi_host/${HOSTS[$i]}/role"
	tn=naa.${WWPNS[$i]#0x}
	cmds+="
/backstores/ramdisk create name=rd$i size=4M
/qla2xxx create $tn
/qla2xxx/$tn/luns create /backstores/ramdisk/rd$i"
	for j in 0 1 2 3; do
		[ "$i" = "$j" ] && continue
		cmds+="
/qla2xxx/$tn/acls create naa.${WWPNS[$j]#0x}"
	done
done
targetcli <<<"$cmds
exit" >/dev/null || fail "targetcli could not export the ramdisks"
for h in "${HOSTS[@]}"; do
	echo '- - -' >"/sys/class/scsi_host/$h/scan"
done
for h in "${HOSTS[@]}"; do
	wait_for 120 "3 disks on $h" has_disks "$h" 3
done
echo "ok: every port sees the other three's disks (12 logins, both directions)"

# every pair, each way: 1 MiB written and verified through each initiator's port
for h in "${HOSTS[@]}"; do
	for d in /sys/class/scsi_disk/"${h#host}":0:*:0; do
		dev=$(ls "$d/device/block")
		fio --name=fam --filename="/dev/$dev" --direct=1 --ioengine=libaio \
			--iodepth=4 --rw=randwrite --bs=16k --size=1M --verify=crc32c \
			--do_verify=1 --verify_fatal=1 --output="/tmp/fio-$dev.txt" \
			>/dev/null || { cat "/tmp/fio-$dev.txt"; fail "fio verify on $h /dev/$dev"; }
	done
done
echo "ok: data verified on all 12 initiator-target pairs"

# the firmware comes from each card's flash (the VM has no ql2x00_fw.bin), loaded with
# LOAD_RISC_RAM_EXTENDED and checked with VERIFY_CHECKSUM: a bad word fails the load
dmesg | grep -q "VERIFY_CHECKSUM failed" && fail "a checksum failed before any corruption"
for i in 0 1 2 3; do
	[ "$(cat "/sys/class/fc_host/${HOSTS[$i]}/port_state")" = Online ] ||
		fail "${HOSTS[$i]} not Online"
done
bad=${HOSTS[0]}
echo "${WWPNS[0]}" >/sys/class/qla2xxx_emu/ctl/fw_corrupt
echo "${WWPNS[0]}" >/sys/class/qla2xxx_emu/ctl/fw_crash
checksum_failed() { dmesg | grep -q "VERIFY_CHECKSUM failed"; }
wait_for 60 "the firmware load of $bad to fail its checksum" checksum_failed
dmesg | grep "VERIFY_CHECKSUM failed"
[ "$(cat "/sys/class/fc_host/$bad/port_state")" != Online ] ||
	fail "$bad is Online with a firmware that failed its checksum"
echo "ok: a corrupted image fails VERIFY_CHECKSUM and $bad stays offline"

# a fifth port added at run time as an ISP2031 (83xx: BAR 0 and BAR 4, the 83xx FLT)
echo "wwpn=0x21000024ff0000aa,model=2031" >/sys/class/qla2xxx_emu/ctl/add_port
new=
for h in /sys/class/fc_host/host*; do
	[ "$(cat "$h/port_name")" = 0x21000024ff0000aa ] && new=${h##*/}
done
[ -n "$new" ] || fail "no fc_host for the added port"
model=$(cat "/sys/class/scsi_host/$new/model_name")
[ "$model" = QLE2672 ] || fail "$new: model_name '$model', want QLE2672"
echo "ok: add_port model=2031 gives $new, model $model"

san_unload "${HOSTS[@]:1}"
