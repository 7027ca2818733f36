#!/bin/bash
# qlat-admin end to end on the emulated SAN: qlat-admin (offscreen) connects to
# `qlatctl serve` (root, local endpoint), runs the LUN wizard from a script
# (`--script`): one existing fileio backstore and one ramdisk it creates, both mapped on
# the first target port to a new group 'hosts' holding the two logged-in initiators;
# Apply. Each initiator then sees both disks, the ACLs carry the tag, and screenshots of
# the main window and of every wizard page are PNGs under $QLAT_BUILD/screenshots/e2e/.
# Then multipath: a second run maps a new ramdisk to group 'hosts' on both target ports;
# the group's members get ACLs on the second port, and each initiator sees the new LUN
# through both ports.
# vm-args: --timeout 600 --mem 2G
set -euo pipefail
exec 2>&1
. "$(dirname "$0")/../../lib/san.bash"

build=${QLAT_BUILD:-$PWD/build}
ADMIN=$build/tools/qlat-admin/qlat-admin
QLATCTL=$build/tools/qlatctl/qlatctl
SHOTS=$build/screenshots/e2e
[ -x "$ADMIN" ] && [ -x "$QLATCTL" ] || fail "qlat-admin or qlatctl not built (make tools)"
disks_on() { ls -d /sys/class/scsi_disk/"${1#host}":* 2>/dev/null | wc -l; }
ndisks() { [ "$(disks_on "$1")" -eq "$2" ]; }

emu_san 4
T=${HOSTS[0]} T2=${HOSTS[1]} A=${HOSTS[2]} B=${HOSTS[3]}
tn=naa.${WWPNS[0]#0x} t2n=naa.${WWPNS[1]#0x} an=naa.${WWPNS[2]#0x} bn=naa.${WWPNS[3]#0x}
for h in "$T" "$T2"; do echo target >"/sys/class/scsi_host/$h/role"; done
for h in "$A" "$B"; do echo initiator >"/sys/class/scsi_host/$h/role"; done
echo "targets $tn ($T), $t2n ($T2); initiators $an ($A), $bn ($B)"

# rport_online HOST WWPN: WWPN is logged in to HOST (an rport with the initiator role there).
rport_online() {
	local r
	for r in /sys/class/fc_remote_ports/rport-"${1#host}":*; do
		[ -e "$r/port_name" ] || continue
		[ "$(cat "$r/port_name")" = "$2" ] && [ "$(cat "$r/port_state")" = Online ] &&
			return 0
	done
	return 1
}
for t in "$T" "$T2"; do
	wait_for 60 "initiator $an logged in to $t" rport_online "$t" "${WWPNS[2]}"
	wait_for 60 "initiator $bn logged in to $t" rport_online "$t" "${WWPNS[3]}"
done
ndisks "$A" 0 && ndisks "$B" 0 || fail "initiators see disks before any mapping"

# An existing backstore for the wizard to choose; the other one it creates.
truncate -s 16M /tmp/f0.img
targetcli /backstores/fileio create name=f0 file_or_dev=/tmp/f0.img >/dev/null
modprobe tcm_qla2xxx

cat >/tmp/wizard.json <<JSON
{"targets": ["$tn"],
 "existing_backstores": ["/backstores/fileio/f0"],
 "new_backstores": [{"plugin": "ramdisk", "name": "r1", "size": 8388608}],
 "initiators": ["$an", "$bn"], "new_group": "hosts", "require_logged_in": true}
JSON
rm -rf "$SHOTS"
export QT_QPA_PLATFORM=offscreen XDG_RUNTIME_DIR=/tmp/xdg
mkdir -p -m 0700 "$XDG_RUNTIME_DIR"
# As root, the local endpoint runs qlatctl serve directly (no pkexec).
timeout 300 "$ADMIN" --connect "local?qlatctl=$QLATCTL" --script /tmp/wizard.json \
	--screenshots "$SHOTS" >/tmp/admin.out 2>/tmp/admin.err || {
	cat /tmp/admin.out /tmp/admin.err
	fail "qlat-admin --script failed"
}
cat /tmp/admin.out
grep -q "^qlat-admin script: done" /tmp/admin.out || fail "no 'done' from the script"
echo "ok: the wizard applied"

# A Linux initiator finds LUNs added while it is logged in when it rescans (as after any
# LUN mapping on any array); the scan it made at login may have ended before the ACL.
# wait_disks HOST N: until HOST has N disks, rescanning once if they do not come.
wait_disks() {
	local end=$((SECONDS + 20))
	until ndisks "$1" "$2" || ((SECONDS >= end)); do sleep 0.5; done
	if ! ndisks "$1" "$2"; then
		echo "(initiator $1 rescan: $(disks_on "$1") disk(s) so far)"
		echo "- - -" >"/sys/class/scsi_host/$1/scan"
	fi
	wait_for 60 "$2 disks on initiator $1" ndisks "$1" "$2"
}
for h in "$A" "$B"; do
	wait_disks "$h" 2
	for l in 0 1; do
		dev=$(lun_dev "$h" "$l")
		[ -n "$dev" ] || fail "no disk for LUN $l on $h"
		echo "ok: $h sees LUN $l as /dev/$dev ($(($(cat "/sys/block/$dev/size") / 2048)) MiB)"
	done
done
# acl_dir TARGET_INDEX INITIATOR_INDEX: the configfs ACL of WWPNS[i] on port WWPNS[t]
acl_dir() {
	echo "/sys/kernel/config/target/qla2xxx/$(colon "${WWPNS[$1]}")/tpgt_1/acls/$(colon "${WWPNS[$2]}")"
}
for i in 2 3; do
	acl=$(acl_dir 0 "$i")
	[ "$(cat "$acl/tag")" = hosts ] || fail "ACL tag is '$(cat "$acl/tag")', want hosts"
	[ -e "$acl/lun_0" ] && [ -e "$acl/lun_1" ] || fail "mapped LUNs missing in $acl"
	echo "ok: the ACL of ${WWPNS[$i]} is in group 'hosts' with mapped LUNs 0 and 1"
done

for n in main-window wizard-1-targets wizard-2-backstores wizard-3-initiators wizard-4-luns \
	wizard-5-preview wizard-6-result main-window-after; do
	f=$SHOTS/$n.png
	[ -f "$f" ] || fail "no screenshot $f"
	[ "$(head -c 8 "$f" | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ] || fail "$f is not a PNG"
	size=$(stat -c %s "$f")
	[ "$size" -gt 10000 ] || fail "$f is only $size bytes"
	echo "ok: $n.png, $size bytes"
done

# Multipath: group 'hosts' (members on port 1 only) mapped to both target ports.
cat >/tmp/wizard2.json <<JSON
{"targets": ["$tn", "$t2n"],
 "new_backstores": [{"plugin": "ramdisk", "name": "r2", "size": 8388608}],
 "initiators": [], "groups": ["hosts"]}
JSON
timeout 300 "$ADMIN" --connect "local?qlatctl=$QLATCTL" --script /tmp/wizard2.json \
	>/tmp/admin2.out 2>/tmp/admin2.err || {
	cat /tmp/admin2.out /tmp/admin2.err
	fail "qlat-admin --script (group on two ports) failed"
}
cat /tmp/admin2.out
grep -q "^qlat-admin script: done" /tmp/admin2.out || fail "no 'done' from the second script"
for i in 2 3; do
	acl=$(acl_dir 1 "$i")
	[ -d "$acl" ] || fail "no ACL for ${WWPNS[$i]} on the second port"
	[ "$(cat "$acl/tag")" = hosts ] || fail "ACL tag on port 2 is '$(cat "$acl/tag")', want hosts"
	[ -e "$acl/lun_2" ] && [ -e "$(acl_dir 0 "$i")/lun_2" ] || fail "LUN 2 not mapped to ${WWPNS[$i]} on both ports"
	echo "ok: ${WWPNS[$i]} is in group 'hosts' on both ports with LUN 2"
done
# paths_to HOST LUN: how many disks of LUN the initiator has (one per target port)
paths_to() { ls -d /sys/class/scsi_disk/"${1#host}":*:*:"$2" 2>/dev/null | wc -l; }
two_paths() { [ "$(paths_to "$1" 2)" -eq 2 ]; }
for h in "$A" "$B"; do
	wait_disks "$h" 4
	two_paths "$h" || fail "$h has $(paths_to "$h" 2) path(s) to LUN 2, want 2"
	echo "ok: $h sees LUN 2 through both target ports ($(disks_on "$h") disks in all)"
done

for h in "$A" "$B"; do echo none >"/sys/class/scsi_host/$h/role"; done
targetctl clear
for h in "$T" "$T2"; do echo none >"/sys/class/scsi_host/$h/role"; done
rmdir /sys/kernel/config/target/qla2xxx
modprobe -r tcm_qla2xxx
modprobe -r qla2xxx
echo "ok: cleared and unloaded"
