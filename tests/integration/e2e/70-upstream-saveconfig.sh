#!/bin/bash
# A saveconfig.json written for upstream's tcm_qla2xxx restores unchanged.
# configfs-schema/fixtures/upstream-qla2xxx.saveconfig.json is the file rtslib-fb
# writes on a 6.1 host with the upstream module: the five upstream TPG attributes,
# node ACLs without a tag, mapped LUNs with write_protect. Restored by targetctl,
# then (after targetctl clear) by qlatctl: initiator A sees both disks, finds the
# data already in the file, cannot write the write-protected LUN; saving the
# restored tree with targetcli and with qlatctl gives the same document back.
# vm-args: --timeout 600 --mem 2G
set -euo pipefail
exec 2>&1
. "$(dirname "$0")/../../lib/san.bash"
fixture=$QLAT_REPO/configfs-schema/fixtures/upstream-qla2xxx.saveconfig.json
qlatctl=${QLAT_BUILD:-$PWD/build}/tools/qlatctl/qlatctl
[ -x "$qlatctl" ] || fail "$qlatctl is not built (make tools)"

# same SAVECONFIG FILE: the two documents are equal. rtslib lists objects in configfs
# readdir order (newest first), so a restore reverses lists: compare them sorted.
same() {
	python3 - "$1" "$2" <<'PY'
import difflib, json, sys
def load(p):
    d = json.load(open(p))
    d["storage_objects"].sort(key=lambda s: (s["plugin"], s["name"]))
    for t in d["targets"]:
        for tpg in t["tpgs"]:
            tpg["luns"].sort(key=lambda l: l["index"])
            for acl in tpg["node_acls"]:
                acl["mapped_luns"].sort(key=lambda m: m["index"])
    return json.dumps(d, indent=1, sort_keys=True).splitlines()
a, b = load(sys.argv[1]), load(sys.argv[2])
if a != b:
    print("\n".join(difflib.unified_diff(a, b, sys.argv[1], sys.argv[2], lineterm="")))
    sys.exit(1)
PY
}

# the initiator's view: both LUNs, the file's data on LUN 1, LUN 1 read-only
check_view() { # check_view WHO
	local d0 d1 sg out
	wait_for 90 "LUNs 0 and 1 on A after $1" eval 'has_lun "$A" 0 && has_lun "$A" 1'
	d0=$(lun_dev "$A" 0) d1=$(lun_dev "$A" 1)
	[ $(($(cat "/sys/block/$d0/size") * 512)) = 8388608 ] || fail "LUN 0 ($d0) is not 8 MiB"
	[ $(($(cat "/sys/block/$d1/size") * 512)) = 16777216 ] || fail "LUN 1 ($d1) is not 16 MiB"
	dd if="/dev/$d1" bs=1M count=16 iflag=direct status=none | cmp -s - /tmp/pattern ||
		fail "LUN 1 ($d1) does not hold the file's data"
	sg=/dev/$(ls "/sys/class/scsi_disk/${A#host}:0:0:1/device/scsi_generic")
	out=$(sg_raw -s 512 -i /tmp/blk "$sg" 2a 00 00 00 00 10 00 00 01 00 2>&1 || true)
	echo "$out" | grep -qi "data protect" || fail "WRITE(10) to write-protected LUN 1: $out"
	dd if=/tmp/blk of="/dev/$d0" bs=512 seek=16 oflag=direct status=none ||
		fail "write to LUN 0 ($d0)"
	dd if="/dev/$d0" bs=512 skip=16 count=1 iflag=direct status=none | cmp -s - /tmp/blk ||
		fail "LUN 0 ($d0) read back differs"
	echo "ok: after $1, A sees LUN 0 ($d0, 8 MiB, read-write) and LUN 1 ($d1, 16 MiB, the file's data, DATA PROTECT on write)"
}

emu_san 2
T=${HOSTS[0]} A=${HOSTS[1]}
[ "${WWPNS[0]}" = 0x21000024ff000001 ] && [ "${WWPNS[1]}" = 0x21000024ff000002 ] ||
	fail "ports are ${WWPNS[*]}; the fixture names 21:00:00:24:ff:00:00:01 and :02"
echo target > "/sys/class/scsi_host/$T/role"
mkdir -p /tmp/qlat-upstream
head -c 16777216 /dev/urandom > /tmp/pattern
cp /tmp/pattern /tmp/qlat-upstream/disk0.img
head -c 512 /dev/urandom > /tmp/blk
tpg=/sys/kernel/config/target/qla2xxx/21:00:00:24:ff:00:00:01/tpgt_1

out=$(targetctl restore "$fixture" 2>&1) || fail "targetctl restore: $out"
[ -z "$out" ] || fail "targetctl restore complained: $out"
[ "$(cat "$tpg/enable")" = 1 ] || fail "TPG not enabled after targetctl restore"
echo "ok: targetctl restored the upstream file without a message"
echo initiator > "/sys/class/scsi_host/$A/role"
check_view "targetctl restore"
targetcli saveconfig savefile=/tmp/targetcli.json >/dev/null
same "$fixture" /tmp/targetcli.json || fail "targetcli saveconfig differs"
"$qlatctl" save /tmp/qlatctl.json >/dev/null || fail "qlatctl save"
same "$fixture" /tmp/qlatctl.json || fail "qlatctl save differs"
echo "ok: targetcli and qlatctl save the restored tree as the upstream file"

targetctl clear
[ ! -e "$tpg" ] || fail "targetctl clear left $tpg"
"$qlatctl" restore "$fixture" >/tmp/qlatctl-restore.txt 2>&1 ||
	{ cat /tmp/qlatctl-restore.txt; fail "qlatctl restore of the upstream file"; }
echo "ok: qlatctl restored the upstream file"
check_view "qlatctl restore"
"$qlatctl" save /tmp/qlatctl2.json >/dev/null || fail "qlatctl save"
same "$fixture" /tmp/qlatctl2.json || fail "qlatctl save after qlatctl restore differs"
echo "ok: the tree qlatctl restored saves as the upstream file"

san_unload "$A"
