#!/bin/bash
# The tcm_loop half of bench/datapath (the peer), called in the VM: a 256 MiB rd_mcp
# LUN behind a tcm_loop target; prints its disk (/dev/sdX) on stdout.
set -euo pipefail
# shellcheck source=tests/lib/common.bash
. "$(dirname "$0")/../tests/lib/common.bash"

targetcli <<'TCLI' >/dev/null
set global auto_save_on_exit=false
/backstores/ramdisk create name=loop_rd size=256M
/loopback create naa.5001405000000001
/loopback/naa.5001405000000001/luns create /backstores/ramdisk/loop_rd
exit
TCLI
# loop_disk: DISK = the tcm_loop LUN's disk name, when there is one
loop_disk() {
	local h d p
	for h in /sys/class/scsi_host/host*; do
		rd "$h/proc_name" p
		[ "$p" = tcm_loopback ] || continue
		for d in "$h"/device/target*/*/block/*; do
			[ -e "$d" ] && DISK=${d##*/} && return 0
		done
	done
	return 1
}
wait_for 20 "a tcm_loop disk" loop_disk
echo "/dev/$DISK"
