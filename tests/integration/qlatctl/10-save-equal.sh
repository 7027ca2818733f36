#!/bin/bash
# A tree built with targetcli is saved by targetctl and by qlatctl: the files are equal,
# byte for byte. qlatctl show reads the same tree.
# vm-args: --mem 2G --timeout 900
set -euo pipefail
. "$(dirname "$0")/lib.bash"

build_targetcli_tree
check "targetctl save and qlatctl save of the same tree are byte-identical"
targetctl save "$W/targetctl.json"
"$QLATCTL" save --no-backup "$W/qlatctl.json"
if ! cmp "$W/targetctl.json" "$W/qlatctl.json"; then
	diff -u "$W/targetctl.json" "$W/qlatctl.json" | head -n 80 >&2
	fail "qlatctl save differs from targetctl save"
fi
grep -q '"plugin": "block"' "$W/qlatctl.json" || fail "no block backstore saved"
grep -q '"plugin": "pscsi"' "$W/qlatctl.json" || fail "no pscsi backstore saved"
grep -q '"fabric": "loopback"' "$W/qlatctl.json" || fail "no loopback target saved"
grep -q '"write_protect": true' "$W/qlatctl.json" || fail "no write-protected mapped LUN saved"
[ "$(stat -c %a "$W/qlatctl.json")" = 600 ] || fail "saved file is not mode 0600"

check "qlatctl show --json prints the same configuration"
"$QLATCTL" show --json >"$W/show.json"
cmp "$W/targetctl.json" "$W/show.json" || fail "show --json differs from the saved file"
"$QLATCTL" show | grep -q "acl iqn.1994-05.com.redhat:client2 (2 mapped LUNs, 1 write-protected)" ||
	fail "show does not list the ACLs"

check "qlatctl diff of the saved file finds nothing to do"
"$QLATCTL" diff "$W/targetctl.json" >"$W/diff.txt" || fail "diff reports changes: $(cat "$W/diff.txt")"
[ ! -s "$W/diff.txt" ] || fail "diff printed operations"

check "save to the default location keeps a gzip backup of the previous file"
mkdir -p "$W/etc"
"$QLATCTL" save "$W/etc/saveconfig.json"
echo '{}' >"$W/etc/saveconfig.json"
"$QLATCTL" save "$W/etc/saveconfig.json"
ls "$W"/etc/backup/saveconfig-*-json.gz >/dev/null || fail "no backup kept"
echo "PASS"
