#!/bin/bash
# The qla2xxx half of bench/datapath, called by bench/datapath-guest.sh in the VM:
#   datapath-qla2xxx.sh RESULTS_DIR RUNTIME
# One emulated target port exports a 256 MiB rd_mcp LUN to one emulated initiator
# port by ACL; the same three fio jobs as for tcm_loop write qla2xxx-<job>.json.
set -euo pipefail
res=$1 runtime=$2

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
dev=
for _ in $(seq 300); do
	for d in /sys/class/scsi_disk/"${I#host}":*/device/block/*; do
		[ -e "$d" ] && { dev=/dev/${d##*/}; break 2; }
	done
	sleep 0.2
done
[ -n "$dev" ] || { echo "datapath: no disk behind the emulated initiator $I" >&2; exit 1; }
echo "qla2xxx: rd_mcp LUN behind target port $T at $dev (initiator port $I)"

fio --name=rand4k-qd32 --filename="$dev" --direct=1 --ioengine=libaio --rw=randread --bs=4k \
	--iodepth=32 --runtime="$runtime" --time_based --output-format=json >"$res/qla2xxx-rand4k-qd32.json"
fio --name=rand4k-qd1 --filename="$dev" --direct=1 --ioengine=libaio --rw=randread --bs=4k \
	--iodepth=1 --runtime="$runtime" --time_based --output-format=json >"$res/qla2xxx-rand4k-qd1.json"
fio --name=seq1m-qd8 --filename="$dev" --direct=1 --ioengine=libaio --rw=read --bs=1M \
	--iodepth=8 --runtime="$runtime" --time_based --output-format=json >"$res/qla2xxx-seq1m-qd8.json"
