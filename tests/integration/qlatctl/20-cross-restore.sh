#!/bin/bash
# Each tool restores the other's file to the same tree: qlatctl restores targetctl's file,
# targetctl restores qlatctl's; saves of the results describe the original tree.
# vm-args: --mem 2G --timeout 900
set -euo pipefail
. "$(dirname "$0")/lib.bash"

build_targetcli_tree
targetctl save "$W/A.json"
"$QLATCTL" save --no-backup "$W/B.json"

check "qlatctl clear empties the tree"
"$QLATCTL" clear
"$QLATCTL" save --no-backup "$W/empty.json"
grep -q '"storage_objects": \[\]' "$W/empty.json" || fail "storage objects left after clear"
grep -q '"targets": \[\]' "$W/empty.json" || fail "targets left after clear"

check "qlatctl restores targetctl's file; targetctl saves it back unchanged"
"$QLATCTL" restore "$W/A.json"
targetctl save "$W/C.json"
same_tree "$W/A.json" "$W/C.json" || fail "tree restored by qlatctl differs"
if cmp -s "$W/A.json" "$W/C.json"; then
	echo "   (byte-identical, list order kept)"
else
	fail "qlatctl restore did not keep the file's order"
fi
check "restoring the same file again changes nothing"
"$QLATCTL" restore --dry-run "$W/A.json" >"$W/plan.txt"
[ ! -s "$W/plan.txt" ] || fail "second restore would change: $(head -n 5 "$W/plan.txt")"

check "targetctl restores qlatctl's file; qlatctl saves the same tree"
targetctl clear
targetctl restore "$W/B.json"
"$QLATCTL" save --no-backup "$W/D.json"
same_tree "$W/B.json" "$W/D.json" || fail "tree restored by targetctl from qlatctl's file differs"
echo "PASS"
