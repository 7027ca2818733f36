# Shared by the qlatctl integration tests (sourced, not run: its name does not end in .sh).
# They run as root in the VM, on real configfs, with targetcli-fb and targetctl.

QLATCTL=${QLAT_BUILD:-$PWD/build}/tools/qlatctl/qlatctl
CFS=/sys/kernel/config/target
W=$(mktemp -d /tmp/qlat-it.XXXXXX)

# shellcheck source=tests/lib/common.bash
. "${BASH_SOURCE[0]%/*}/../../lib/common.bash"

check() { # check DESCRIPTION: print what is being checked
	echo "-- $*"
}

[ -x "$QLATCTL" ] || fail "$QLATCTL is not built (make tools)"

# The JSON of a saveconfig.json with every list sorted, so trees listed in another
# directory order compare equal.
normalized() {
	python3 -c '
import json, sys
def norm(v):
    if isinstance(v, dict):
        return {k: norm(x) for k, x in v.items()}
    if isinstance(v, list):
        return sorted((norm(x) for x in v), key=lambda x: json.dumps(x, sort_keys=True))
    return v
print(json.dumps(norm(json.load(open(sys.argv[1]))), sort_keys=True, indent=2))
' "$1"
}

same_tree() { # same_tree A B: the two files describe the same tree
	# (no process substitution: the guest has no /dev/fd)
	normalized "$1" >"$W/tree.a"
	normalized "$2" >"$W/tree.b"
	if ! diff -u "$W/tree.a" "$W/tree.b" >"$W/tree.diff"; then
		head -n 60 "$W/tree.diff" >&2
		return 1
	fi
}

# A tree built with targetcli: backstores of each kind that runs here (fileio, block on a
# loop device, ramdisk, pscsi on a scsi_debug disk; user backstores need tcmu-runner's
# handlers, which Debian's targetcli only lists when tcmu-runner runs), an iSCSI target
# with a portal, attributes, parameters, CHAP, two ACLs (one tagged), mapped LUNs (one
# write-protected), and a loopback target.
IQN=iqn.2003-01.org.linux-iscsi.qlat.x8664:sn.5a1e5a1e5a1e
LOOPWWN=naa.5001405abcdef012
build_targetcli_tree() {
	modprobe -q loop || true
	truncate -s 8M "$W/blk.img"
	LOOPDEV=$(losetup -f --show "$W/blk.img")
	modprobe scsi_debug dev_size_mb=8 inq_vendor=QLATDBG
	local i
	for i in $(seq 50); do
		SDBG=$(lsscsi | awk '$3 == "QLATDBG" { print $NF }')
		[ -b "${SDBG:-/nonexistent}" ] && break
		sleep 0.2
	done
	[ -b "${SDBG:-/nonexistent}" ] || fail "no scsi_debug disk for the pscsi backstore"
	local t=/iscsi/$IQN/tpg1
	targetcli >"$W/targetcli.log" 2>&1 <<-EOF || { cat "$W/targetcli.log" >&2; fail "targetcli"; }
	set global auto_save_on_exit=false
	set global auto_add_default_portal=false
	set global auto_add_mapped_luns=true
	/backstores/fileio create name=disk0 file_or_dev=$W/disk0.img size=4M
	/backstores/fileio create name=wb0 file_or_dev=$W/wb0.img size=2M write_back=true
	/backstores/block create name=blk0 dev=$LOOPDEV
	/backstores/ramdisk create name=ram0 size=16M
	/backstores/pscsi create name=pt0 dev=$SDBG
	/backstores/fileio/disk0 set attribute emulate_tpu=1 queue_depth=64
	/iscsi create $IQN
	$t/luns create /backstores/fileio/disk0
	$t/luns create /backstores/fileio/wb0
	$t/luns create /backstores/block/blk0
	$t/luns create /backstores/ramdisk/ram0
	$t/portals create 127.0.0.1 3260
	$t set attribute authentication=0 login_timeout=20
	$t set parameter MaxBurstLength=131072
	$t/acls create iqn.1994-05.com.redhat:client1
	$t/acls/iqn.1994-05.com.redhat:client1 set attribute nopin_timeout=20
	$t/acls/iqn.1994-05.com.redhat:client1 set auth userid=user1 password=secret1
	$t/acls/iqn.1994-05.com.redhat:client1 tag group1
	$t/acls create iqn.1994-05.com.redhat:client2 add_mapped_luns=false
	$t/acls/iqn.1994-05.com.redhat:client2 create mapped_lun=5 tpg_lun_or_backstore=2 write_protect=1
	$t/acls/iqn.1994-05.com.redhat:client2 create mapped_lun=0 tpg_lun_or_backstore=0
	/loopback create $LOOPWWN
	/loopback/$LOOPWWN/luns create /backstores/ramdisk/ram0
	exit
	EOF
}

cleanup() {
	targetctl clear >/dev/null 2>&1 || true
	[ -n "${LOOPDEV:-}" ] && losetup -d "$LOOPDEV" 2>/dev/null
	rm -rf "$W"
}
trap cleanup EXIT
