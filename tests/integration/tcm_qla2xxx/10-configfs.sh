#!/bin/bash
# tcm_qla2xxx's configfs tree as upstream's, driven by targetcli-fb and by hand:
# WWN directories that must name a local target port in colon form, only tpgt_1,
# attributes with upstream's defaults and checked values, node ACLs with `tag` and
# `info`, `enable` idempotent; every bad write fails with -EINVAL and a log line.
# vm-args: --timeout 300
set -euo pipefail
. "$(dirname "$0")/../../lib/common.bash"
expect_fail() { # expect_fail DESCRIPTION LOG-PATTERN COMMAND...
	local what=$1 pattern=$2
	shift 2
	dmesg -C
	if "$@" 2>/dev/null; then fail "$what: accepted"; fi
	dmesg | grep -q -- "$pattern" || fail "$what: no log line matching '$pattern'"
	echo "ok: $what is refused: $(dmesg | grep -- "$pattern" | head -n 1 | sed 's/^\[[^]]*\] //')"
}

modprobe qla2xxx emu_ports=2
HOSTS=()
for d in "$FC_HOST"/host*; do HOSTS+=("${d##*/}"); done
[ ${#HOSTS[@]} -eq 2 ] || fail "expected 2 fc_hosts, found ${#HOSTS[@]}"
tgt_host=${HOSTS[0]} ini_host=${HOSTS[1]}
rd "$FC_HOST/$tgt_host/port_name" tgt_wwpn
rd "$FC_HOST/$ini_host/port_name" ini_wwpn
echo target > "/sys/class/scsi_host/$tgt_host/role"
echo initiator > "/sys/class/scsi_host/$ini_host/role"
tgt=$(colon "$tgt_wwpn") ini=$(colon "$ini_wwpn")
echo "target port $tgt ($tgt_host), initiator port $ini ($ini_host)"

# rtslib's discovery lists both ports (it does not look at roles).
wwns=$(python3 -c 'from rtslib_fb.fabric import Qla2xxxFabricModule as Q; print(" ".join(sorted(Q().wwns)))')
[ "$wwns" = "$(printf 'naa.%s\n' "${tgt_wwpn#0x}" "${ini_wwpn#0x}" | sort | tr '\n' ' ' | sed 's/ $//')" ] ||
	fail "rtslib lists '$wwns'"
echo "ok: rtslib lists $wwns"

targetcli <<TCLI >/dev/null
set global auto_save_on_exit=false
/backstores/ramdisk create name=rd0 size=16M
/qla2xxx create naa.${tgt_wwpn#0x}
/qla2xxx/naa.${tgt_wwpn#0x}/luns create /backstores/ramdisk/rd0
/qla2xxx/naa.${tgt_wwpn#0x}/acls create naa.${ini_wwpn#0x}
exit
TCLI
fab=/sys/kernel/config/target/qla2xxx
tpg=$fab/$tgt/tpgt_1
[ -d "$tpg" ] || fail "targetcli did not create $tpg"
[ -n "$(find "$tpg/acls/$ini/lun_0" -maxdepth 1 -type l)" ] || fail "mapped LUN 0 missing"
echo "ok: targetcli created $tpg with LUN 0 and an ACL for $ini"

for a in generate_node_acls:1 cache_dynamic_acls:1 demo_mode_write_protect:1 \
	prod_mode_write_protect:0 demo_mode_login_only:1; do
	v=$(cat "$tpg/attrib/${a%%:*}")
	[ "$v" = "${a##*:}" ] || fail "attrib/${a%%:*} is $v, upstream's default is ${a##*:}"
done
[ "$(cat "$tpg/fabric_prot_type")" = 0 ] || fail "fabric_prot_type default"
cat "$tpg/dynamic_sessions" >/dev/null
echo "ok: attributes have upstream's defaults"

[ "$(cat "$tpg/enable")" = 1 ] || fail "targetcli left the TPG disabled"
echo 1 > "$tpg/enable"
[ "$(cat "$tpg/enable")" = 1 ] || fail "enable=1 twice"
echo "ok: enable=1 on an enabled TPG is a no-op"

expect_fail "attrib value 2" "attrib/generate_node_acls: expected 0 or 1" \
	sh -c "echo 2 > $tpg/attrib/generate_node_acls"
expect_fail "fabric_prot_type 2" "fabric_prot_type: expected 0, 1 or 3" \
	sh -c "echo 2 > $tpg/fabric_prot_type"
echo 3 > "$tpg/fabric_prot_type" && echo 0 > "$tpg/fabric_prot_type"
expect_fail "an upper-case WWN directory" "must be written in lowercase colon form" \
	mkdir "$fab/$(echo "$ini" | tr a-f A-F)"
expect_fail "a WWN directory without colons" "must be written in lowercase colon form" \
	mkdir "$fab/${ini_wwpn#0x}"
expect_fail "a WWN no local port has" "no local qla2xxx port has this WWPN" \
	mkdir "$fab/20:00:00:00:00:00:00:99"
expect_fail "a port in initiator role" "is not in target or dual role" mkdir "$fab/$ini"
expect_fail "tpgt_2" "has only tpgt_1" mkdir "$fab/$tgt/tpgt_2"
expect_fail "an ACL that is not a WWPN" "is not a WWPN" mkdir "$tpg/acls/iqn.2003-01.org.x"

acl=$tpg/acls/$ini
echo hosts-a > "$acl/tag"
[ "$(cat "$acl/tag")" = hosts-a ] || fail "tag reads back '$(cat "$acl/tag")'"
tag=$(python3 -c "
from rtslib_fb import RTSRoot
for acl in RTSRoot().node_acls:
    print(acl.tag)")
[ "$tag" = hosts-a ] || fail "rtslib reads the tag as '$tag'"
echo "ok: the ACL tag reads back through configfs and rtslib"
for _ in $(seq 100); do grep -q TARG_SESS_STATE_LOGGED_IN "$acl/info" && break; sleep 0.2; done
grep -q "^InitiatorName: $ini" "$acl/info" || fail "info: $(cat "$acl/info")"
grep -q TARG_SESS_STATE_LOGGED_IN "$acl/info" || fail "info: $(cat "$acl/info")"
echo "ok: info shows the initiator's live session"

# Save, clear and restore with targetctl: the same tree comes back.
targetctl save /tmp/saved.json
python3 -c "
import json; c = json.load(open('/tmp/saved.json'))
t = [t for t in c['targets'] if t['fabric'] == 'qla2xxx'][0]
assert t['wwn'] == 'naa.${tgt_wwpn#0x}', t['wwn']
acl = t['tpgs'][0]['node_acls'][0]
assert acl['node_wwn'] == 'naa.${ini_wwpn#0x}' and acl['tag'] == 'hosts-a', acl
"
targetctl clear
[ ! -e "$fab/$tgt" ] || fail "targetctl clear left $fab/$tgt"
targetctl restore /tmp/saved.json
targetctl save /tmp/again.json
diff /tmp/saved.json /tmp/again.json || fail "restore did not give back the same tree"
echo "ok: targetctl save, clear, restore gives the same tree"

targetctl clear
rmdir "$fab"
rmmod tcm_qla2xxx
rmmod qla2xxx
echo "ok: modules unloaded"
