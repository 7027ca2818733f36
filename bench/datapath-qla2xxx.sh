#!/bin/bash
# The qla2xxx half of bench/datapath, called by bench/datapath-guest.sh in the VM:
# one emulated target port exports a 256 MiB rd_mcp LUN to one emulated initiator
# port by ACL; prints the initiator's disk (/dev/sdX) on stdout.
set -euo pipefail

modprobe qla2xxx emu_ports=2 role=none
hosts=(/sys/class/fc_host/host*)
T=${hosts[0]##*/} I=${hosts[1]##*/}
tw=$(cat "${hosts[0]}/port_name") iw=$(cat "${hosts[1]}/port_name")
echo target >"/sys/class/scsi_host/$T/role"
targetcli <<TCLI >/dev/null
set global auto_save_on_exit=false
/backstores/ramdisk create name=qla_rd size=256M
/qla2xxx create naa.${tw#0x}
/qla2xxx/naa.${tw#0x}/luns create /backstores/ramdisk/qla_rd
/qla2xxx/naa.${tw#0x}/acls create naa.${iw#0x}
exit
TCLI
echo initiator >"/sys/class/scsi_host/$I/role"
for _ in $(seq 300); do
	for d in /sys/class/scsi_disk/"${I#host}":*/device/block/*; do
		[ -e "$d" ] && { echo "/dev/${d##*/}"; exit 0; }
	done
	sleep 0.2
done
echo "datapath: no disk behind the emulated initiator $I (target port $T)" >&2
exit 1
