#!/bin/bash
# The iSCSI half of bench/datapath (the software SAN a CI pipeline would use), called in
# the VM: LIO's iSCSI target exports a 256 MiB rd_mcp LUN on 127.0.0.1:3260 to one
# initiator name by ACL; open-iscsi in the same VM discovers it, logs in over loopback TCP
# and the LUN's disk (/dev/sdX) is printed on stdout. The session stays until the VM
# powers off: logging out makes Debian 6.1's iSCSI transport warn (its WQ_MEM_RECLAIM
# iscsi_ctrl workqueue flushes the PM workqueue as the session's SCSI target goes), which
# the VM harness rightly takes for a kernel problem.
# The VM's root is the host's, read-only under a tmpfs overlay, without systemd: the
# initiator name is written here and iscsid started by hand.
set -euo pipefail
# shellcheck source=tests/lib/common.bash
. "$(dirname "$0")/../tests/lib/common.bash"
tiqn=iqn.2003-01.org.linux-iscsi.qlat-vm:bench
iiqn=iqn.2003-01.org.linux-iscsi.qlat-vm:fio
portal=127.0.0.1:3260

targetcli <<TCLI >/dev/null
set global auto_save_on_exit=false
set global auto_add_default_portal=false
set global auto_add_mapped_luns=true
/backstores/ramdisk create name=iscsi_rd size=256M
/iscsi create $tiqn
/iscsi/$tiqn/tpg1/portals create ${portal%:*} ${portal#*:}
/iscsi/$tiqn/tpg1/luns create /backstores/ramdisk/iscsi_rd
/iscsi/$tiqn/tpg1/acls create $iiqn
exit
TCLI

mkdir -p /etc/iscsi /run/lock/iscsi
echo "InitiatorName=$iiqn" >/etc/iscsi/initiatorname.iscsi
modprobe iscsi_tcp
iscsid
iscsiadm -m discovery -t sendtargets -p "$portal" >/dev/null
iscsiadm -m node -T "$tiqn" -p "$portal" --login >/dev/null
# iscsi_disk: DISK = the session's LUN's disk name, when there is one
iscsi_disk() {
	local d
	for d in /sys/class/iscsi_session/session*/device/target*/*/block/*; do
		[ -e "$d" ] && DISK=${d##*/} && return 0
	done
	return 1
}
wait_for 60 "a disk behind the iSCSI session to $tiqn at $portal" iscsi_disk
echo "/dev/$DISK"
