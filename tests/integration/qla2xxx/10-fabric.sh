#!/bin/bash
# Three emulated ports on one emulated switch: each fc_host is Online with a distinct
# port_name and port_id, lists the other two as Online remote ports with matching
# port_name/port_id, and rtslib-fb lists all three WWNs.
# vm-args: --mem 1G --timeout 300
set -euo pipefail
cd "$(dirname "$0")"
. ../../lib/san.bash

start=$EPOCHREALTIME
modprobe qla2xxx emu_ports=3
loaded=$EPOCHREALTIME
echo "modprobe qla2xxx emu_ports=3: $(((${loaded/./} - ${start/./}) / 1000)) ms"
wait_for 60 "3 fc_hosts Online in a full mesh of Online remote ports" mesh 3
meshed=$EPOCHREALTIME
echo "full mesh seen $(((${meshed/./} - ${loaded/./}) / 1000)) ms after modprobe returned"
show_fabric

declare -A seen_name=() seen_id=()
for h in "${HOSTS[@]}"; do
	seen_name[${NAME[$h]}]=1
	seen_id[${ID[$h]}]=1
	rd "$FC_HOST/$h/symbolic_name" sym
	rd "$FC_HOST/$h/port_type" ptype
	rd "$FC_HOST/$h/speed" speed
	rd "/sys/class/scsi_host/$h/role" role
	echo "$h: [$sym] $ptype, $speed, role $role"
	[[ $sym == "QLE2692 FW:v9.06.01 DVR:v"* ]] || fail "symbolic_name of $h: $sym"
	[ "$ptype" = "NPort (fabric via point-to-point)" ] || fail "port_type of $h: $ptype"
	[ "$speed" = "16 Gbit" ] || fail "speed of $h: $speed"
	[ "$role" = initiator ] || fail "default role of $h: $role"
	dev=$(realpath "$FC_HOST/$h")
	dev=${dev%/*/*/*}
	drv=$(realpath "$dev/driver")
	[ "${drv##*/}" = qla2xxx ] || fail "the device of $h is bound to '${drv##*/}'"
done
[ "${#seen_name[@]}" -eq 3 ] || fail "port_names are not distinct"
[ "${#seen_id[@]}" -eq 3 ] || fail "port_ids are not distinct"

# rtslib-fb's view: every port of a device bound to a driver named qla2xxx.
want=
for n in $(printf '%s\n' "${!seen_name[@]}" | sort); do want+="naa.${n#0x} "; done
got=$(python3 -c 'from rtslib_fb.fabric import Qla2xxxFabricModule as Q; print(" ".join(sorted(Q().wwns)))')
echo "rtslib wwns: $got"
[ "$got " = "$want" ] || fail "rtslib lists '$got', want '$want'"

rmmod qla2xxx
echo "ok: 3 ports Online in a full mesh, rtslib lists all three"
