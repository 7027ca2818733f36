#!/bin/bash
# The qlat demo, run in the VM by `make demo`: load our modules, show the FC ports the
# driver brings up, and print the LIO tree as targetcli-fb sees it.
set -euo pipefail

section() { printf '\n== %s\n' "$*"; }

section "Kernel and modules"
echo "kernel: $(uname -r)"
modprobe qla2xxx
modprobe tcm_qla2xxx
for m in qla2xxx tcm_qla2xxx; do
	printf '%-12s %s (%s)\n' "$m" "$(modinfo -F version "$m")" "$(modinfo -F filename "$m")"
done

section "FC ports (fc_host)"
found=0
for h in /sys/class/fc_host/host*; do
	[ -e "$h" ] || continue
	found=1
	printf '%s  port_name %s  port_id %s  %s  roles: %s\n' "${h##*/}" \
		"$(cat "$h/port_name")" "$(cat "$h/port_id")" "$(cat "$h/port_state")" \
		"$(cat "$h/../../scsi_host/${h##*/}/qla_role" 2>/dev/null || echo -)"
done
[ "$found" -eq 1 ] || echo "(no FC ports: qla2xxx found no HBA and creates no emulated ports yet)"

section "LIO tree (targetcli ls)"
targetcli ls 2>&1 | grep -v 'preferences file'
