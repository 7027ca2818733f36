#!/bin/bash
# The qla2xxx half of bench/datapath, called by bench/datapath-guest.sh in the VM:
# one emulated target port exports a 256 MiB rd_mcp LUN to one emulated initiator
# port by ACL; prints the initiator's disk (/dev/sdX) on stdout.
set -euo pipefail
# shellcheck source=tests/lib/san.bash
. "$(dirname "$0")/../tests/lib/san.bash"

EMU_SAN_TRACE=0 emu_san 2
T=${HOSTS[0]} I=${HOSTS[1]}
RD_SIZE=256M RD_PREFIX=qla_rd export_ramdisks "$T" "${WWPNS[0]}" 1 "${WWPNS[1]}"
echo initiator >"/sys/class/scsi_host/$I/role"
wait_for 60 "a disk behind the emulated initiator $I (target port $T)" has_lun "$I" 0
echo "/dev/$(lun_dev "$I" 0)"
