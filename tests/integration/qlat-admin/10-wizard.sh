#!/bin/bash
# qlat-admin end to end on the emulated SAN: qlat-admin (offscreen) connects to
# `qlatctl serve` (root, local endpoint), runs the LUN wizard from a script
# (`--script`): one existing fileio backstore and one ramdisk it creates, both mapped to
# a new group 'hosts' holding the one logged-in initiator; Apply. The initiator then
# sees both disks, the ACL carries the tag, and screenshots of the main window and of
# every wizard page are PNGs under $QLAT_BUILD/screenshots/e2e/.
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

emu_san 2
T=${HOSTS[0]} A=${HOSTS[1]}
tn=naa.${WWPNS[0]#0x} an=naa.${WWPNS[1]#0x}
echo target >"/sys/class/scsi_host/$T/role"
echo initiator >"/sys/class/scsi_host/$A/role"
echo "target $tn ($T), initiator $an ($A)"

# The initiator logs in to the target port (an rport with the initiator role there).
rport_online() {
	local r
	for r in /sys/class/fc_remote_ports/rport-"${T#host}":*; do
		[ -e "$r/port_name" ] || continue
		[ "$(cat "$r/port_name")" = "${WWPNS[1]}" ] && [ "$(cat "$r/port_state")" = Online ] &&
			return 0
	done
	return 1
}
wait_for 60 "initiator $an logged in to $T" rport_online
ndisks "$A" 0 || fail "initiator sees disks before any mapping"

# An existing backstore for the wizard to choose; the other one it creates.
truncate -s 16M /tmp/f0.img
targetcli /backstores/fileio create name=f0 file_or_dev=/tmp/f0.img >/dev/null
modprobe tcm_qla2xxx

cat >/tmp/wizard.json <<JSON
{"targets": ["$tn"],
 "existing_backstores": ["/backstores/fileio/f0"],
 "new_backstores": [{"plugin": "ramdisk", "name": "r1", "size": 8388608}],
 "initiators": ["$an"], "new_group": "hosts", "require_logged_in": true}
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
end=$((SECONDS + 20))
until ndisks "$A" 2 || ((SECONDS >= end)); do sleep 0.5; done
if ! ndisks "$A" 2; then
	echo "(initiator rescan: $(disks_on "$A") disk(s) so far)"
	echo "- - -" >"/sys/class/scsi_host/$A/scan"
fi
wait_for 60 "2 disks on initiator $A" ndisks "$A" 2
for l in 0 1; do
	dev=$(lun_dev "$A" "$l")
	[ -n "$dev" ] || fail "no disk for LUN $l on $A"
	echo "ok: $A sees LUN $l as /dev/$dev ($(($(cat "/sys/block/$dev/size") / 2048)) MiB)"
done
acl=/sys/kernel/config/target/qla2xxx/$(colon "${WWPNS[0]}")/tpgt_1/acls/$(colon "${WWPNS[1]}")
[ "$(cat "$acl/tag")" = hosts ] || fail "ACL tag is '$(cat "$acl/tag")', want hosts"
[ -e "$acl/lun_0" ] && [ -e "$acl/lun_1" ] || fail "mapped LUNs missing in $acl"
echo "ok: the ACL of $an is in group 'hosts' with mapped LUNs 0 and 1"

for n in main-window wizard-1-targets wizard-2-backstores wizard-3-initiators wizard-4-luns \
	wizard-5-preview wizard-6-result main-window-after; do
	f=$SHOTS/$n.png
	[ -f "$f" ] || fail "no screenshot $f"
	[ "$(head -c 8 "$f" | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ] || fail "$f is not a PNG"
	size=$(stat -c %s "$f")
	[ "$size" -gt 10000 ] || fail "$f is only $size bytes"
	echo "ok: $n.png, $size bytes"
done

echo none >"/sys/class/scsi_host/$A/role"
targetctl clear
echo none >"/sys/class/scsi_host/$T/role"
rmdir /sys/kernel/config/target/qla2xxx
modprobe -r tcm_qla2xxx
modprobe -r qla2xxx
echo "ok: cleared and unloaded"
