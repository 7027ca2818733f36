#!/bin/bash
# The tcm_loop half of bench/datapath (the peer), called in the VM: a 256 MiB rd_mcp
# LUN behind a tcm_loop target; prints its disk (/dev/sdX) on stdout.
set -euo pipefail

targetcli <<'TCLI' >/dev/null
set global auto_save_on_exit=false
/backstores/ramdisk create name=loop_rd size=256M
/loopback create naa.5001405000000001
/loopback/naa.5001405000000001/luns create /backstores/ramdisk/loop_rd
exit
TCLI
for _ in $(seq 100); do
	for h in /sys/class/scsi_host/host*; do
		[ "$(cat "$h/proc_name" 2>/dev/null)" = tcm_loopback ] || continue
		for d in "$h"/device/target*/*/block/*; do
			[ -e "$d" ] && { echo "/dev/${d##*/}"; exit 0; }
		done
	done
	sleep 0.1
done
echo "datapath: no tcm_loop disk appeared" >&2
exit 1
