#!/bin/bash
# The qlat demo, run in the VM by `make demo`: an emulated FC SAN of three QLogic ports
# (one target, two initiators), a ramdisk and a file exported with targetcli-fb to
# initiator A by ACL (initiator B has none), and what each initiator sees.
set -euo pipefail

section() { printf '\n== %s\n' "$*"; }
colon() { echo "$1" | sed -e 's/^0x//' -e 's/../&:/g' -e 's/:$//'; }
disks_of() { # disks_of HOSTNAME: the sd devices behind it
	local d
	for d in /sys/class/scsi_disk/"${1#host}":*/device/block/*; do
		[ -e "$d" ] && echo "${d##*/}"
	done
	return 0
}

section "Kernel and modules"
echo "kernel: $(uname -r)"
modprobe qla2xxx emu_ports=3 role=none
modprobe tcm_qla2xxx
for m in qla2xxx tcm_qla2xxx; do
	printf '%-12s %s\n' "$m" "$(modinfo -F version "$m")"
done

hosts=(/sys/class/fc_host/host*)
T=${hosts[0]##*/} A=${hosts[1]##*/} B=${hosts[2]##*/}
tw=$(cat "${hosts[0]}/port_name") aw=$(cat "${hosts[1]}/port_name") bw=$(cat "${hosts[2]}/port_name")
echo target >"/sys/class/scsi_host/$T/role"

section "Target port $(colon "$tw") ($T): targetcli"
truncate -s 64M /tmp/demo-file.img
targetcli <<TCLI >/dev/null
set global auto_save_on_exit=false
/backstores/ramdisk create name=ram0 size=32M
/backstores/fileio create name=file0 file_or_dev=/tmp/demo-file.img
/qla2xxx create naa.${tw#0x}
/qla2xxx/naa.${tw#0x} set attribute generate_node_acls=0
/qla2xxx/naa.${tw#0x}/luns create /backstores/ramdisk/ram0
/qla2xxx/naa.${tw#0x}/luns create /backstores/fileio/file0
/qla2xxx/naa.${tw#0x}/acls create naa.${aw#0x}
exit
TCLI
echo "ramdisk ram0 (32 MiB) as LUN 0, fileio file0 (64 MiB) as LUN 1"
echo "ACL: initiator A $(colon "$aw") only; B $(colon "$bw") has none (generate_node_acls=0)"

echo initiator >"/sys/class/scsi_host/$A/role"
echo initiator >"/sys/class/scsi_host/$B/role"
for _ in $(seq 300); do
	[ "$(disks_of "$A" | wc -l)" -ge 2 ] && break
	sleep 0.2
done
sleep 1

section "FC ports"
for h in "${hosts[@]}"; do
	printf '%s  %s  port_id %s  %-7s role %s\n' "${h##*/}" "$(colon "$(cat "$h/port_name")")" \
		"$(cat "$h/port_id")" "$(cat "$h/port_state")" "$(cat "/sys/class/scsi_host/${h##*/}/role")"
done

section "Initiator A $(colon "$aw") ($A) sees"
lsscsi -s | grep "^\[${A#host}:" || echo "(nothing)"
for d in $(disks_of "$A"); do
	pat=/tmp/demo-$d.bin
	head -c 1048576 /dev/urandom >"$pat"
	dd if="$pat" of="/dev/$d" bs=64k oflag=direct status=none
	if dd if="/dev/$d" bs=64k count=16 iflag=direct status=none | cmp -s - "$pat"; then
		echo "/dev/$d: wrote 1 MiB of random data and read it back: identical"
	else
		echo "/dev/$d: data check FAILED"
	fi
done

section "Initiator B $(colon "$bw") ($B) sees"
if [ -n "$(disks_of "$B")" ]; then
	lsscsi -s | grep "^\[${B#host}:"
else
	echo "no disk: no ACL, so the target refused its login (PRLI rejected)"
fi

section "Sessions on the target (targetcli sessions)"
targetcli sessions 2>&1 | grep -v 'preferences file'

section "LIO tree (targetcli ls /qla2xxx)"
targetcli ls /qla2xxx 2>&1 | grep -v 'preferences file'

echo none >"/sys/class/scsi_host/$B/role"
