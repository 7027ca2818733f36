#!/bin/bash
# Restore with a failure at each step in turn: afterwards the live tree equals the old
# configuration (never a mix), the exit code is non-zero and the message names the
# failing object. Then real failures: a backstore file in a missing directory, a missing
# block device, an absent FC port, an invalid file.
# vm-args: --mem 2G --timeout 1200
set -euo pipefail
. "$(dirname "$0")/lib.bash"

build_targetcli_tree
"$QLATCTL" save --no-backup "$W/old.json"

# The new configuration differs in every way a plan can: a new backstore with a LUN and
# a new ACL mapping it, an attribute change, an ACL removed, a target removed.
python3 - "$W/old.json" "$W/new.json" <<'PY'
import json, sys
c = json.load(open(sys.argv[1]))
c["storage_objects"].append({"name": "ram9", "plugin": "ramdisk", "size": 4194304,
                             "wwn": "11111111-2222-4333-8444-555555555555", "alua_tpgs": []})
for so in c["storage_objects"]:
    if so["name"] == "disk0":
        so["attributes"]["emulate_tpu"] = 0
for t in c["targets"]:
    if t["fabric"] == "iscsi":
        g = t["tpgs"][0]
        g["luns"].append({"index": 9, "storage_object": "/backstores/ramdisk/ram9",
                          "alias": "abcabcabca", "alua_tg_pt_gp_name": "default_tg_pt_gp"})
        g["node_acls"] = [a for a in g["node_acls"] if not a["node_wwn"].endswith("client2")]
        g["node_acls"].append({"node_wwn": "iqn.1994-05.com.redhat:client3", "mapped_luns": [
            {"index": 0, "tpg_lun": 9, "write_protect": True, "alias": "bbbbbbbbbb"},
            {"index": 1, "tpg_lun": 0, "write_protect": False, "alias": "cccccccccc"}]})
c["targets"] = [t for t in c["targets"] if t["fabric"] != "loopback"]
json.dump(c, open(sys.argv[2], "w"), indent=2, sort_keys=True)
PY

check "a failure injected at change N, for every N, leaves the old tree"
n=1
while :; do
	set +e
	"$QLATCTL" restore --inject-failure-at "$n" "$W/new.json" >"$W/out" 2>"$W/err"
	rc=$?
	set -e
	if [ "$rc" -eq 0 ]; then
		break
	fi
	grep -q "failed on " "$W/err" || fail "step $n: no failing object named: $(cat "$W/err")"
	grep -q "injected failure" "$W/err" || fail "step $n: unexpected error: $(cat "$W/err")"
	grep -q "rolled back" "$W/err" || fail "step $n: not rolled back: $(cat "$W/err")"
	"$QLATCTL" save --no-backup "$W/now.json"
	same_tree "$W/old.json" "$W/now.json" || fail "step $n: the tree is a mix after $(head -n 1 "$W/err")"
	n=$((n + 1))
	[ "$n" -lt 400 ] || fail "restore never succeeded"
done
echo "   $((n - 1)) injected failures, each rolled back; the restore without one succeeds"
[ "$n" -gt 20 ] || fail "only $((n - 1)) changes: the scenario is too small"
"$QLATCTL" diff "$W/new.json" >"$W/diff.txt" || fail "the completed restore is not the new tree: $(head -n 5 "$W/diff.txt")"
"$QLATCTL" restore "$W/old.json"

expect_failure() { # expect_failure NAME FILE PATTERN: restore fails, names PATTERN, tree kept
	set +e
	"$QLATCTL" restore "$2" >"$W/out" 2>"$W/err"
	rc=$?
	set -e
	[ "$rc" -ne 0 ] || fail "$1: restore succeeded"
	grep -q -- "$3" "$W/err" || fail "$1: message does not name $3: $(cat "$W/err")"
	"$QLATCTL" save --no-backup "$W/now.json"
	same_tree "$W/old.json" "$W/now.json" || fail "$1: the tree changed"
	echo "   $1: exit $rc, $(head -n 1 "$W/err")"
}

add_backstore() { # add_backstore OUT JSON-OBJECT: old + one backstore used by a new LUN
	python3 - "$W/old.json" "$1" "$2" <<'PY'
import json, sys
c = json.load(open(sys.argv[1]))
so = json.loads(sys.argv[3])
c["storage_objects"].append(so)
for t in c["targets"]:
    if t["fabric"] == "iscsi":
        t["tpgs"][0]["luns"].append({"index": 20, "storage_object": "/backstores/%s/%s" % (so["plugin"], so["name"]),
                                     "alias": "dddddddddd", "alua_tg_pt_gp_name": "default_tg_pt_gp"})
json.dump(c, open(sys.argv[2], "w"), indent=2, sort_keys=True)
PY
}

check "a backstore file in a missing directory"
add_backstore "$W/bad1.json" '{"name": "lost", "plugin": "fileio", "dev": "/nonexistent/dir/lost.img", "size": 1048576, "write_back": false, "aio": false, "wwn": "22222222-2222-4333-8444-555555555555", "alua_tpgs": []}'
expect_failure "missing backstore file" "$W/bad1.json" "/backstores/fileio/lost"

check "a block backstore on a device that does not exist"
add_backstore "$W/bad2.json" '{"name": "gone", "plugin": "block", "dev": "/dev/loop250", "readonly": false, "write_back": false, "wwn": "33333333-2222-4333-8444-555555555555", "alua_tpgs": []}'
expect_failure "missing block device" "$W/bad2.json" "/backstores/block/gone"

check "a qla2xxx target whose FC port is absent"
python3 - "$W/old.json" "$W/bad3.json" <<'PY'
import json, sys
c = json.load(open(sys.argv[1]))
c["targets"].append({"fabric": "qla2xxx", "wwn": "naa.21000024ff0000ff", "tpgs": [
    {"tag": 1, "enable": True, "luns": [], "node_acls": [], "portals": []}]})
json.dump(c, open(sys.argv[2], "w"), indent=2, sort_keys=True)
PY
expect_failure "absent FC port" "$W/bad3.json" "naa.21000024ff0000ff"

check "an invalid file is rejected before any change (exit 2)"
so_index=$(python3 - "$W/old.json" "$W/bad4.json" <<'PY'
import json, sys
c = json.load(open(sys.argv[1]))
i = next(i for i, so in enumerate(c["storage_objects"]) if so["plugin"] == "fileio")
c["storage_objects"][i]["attributes"]["emulate_write_cache"] = 5
print(i)
c["targets"] = []
json.dump(c, open(sys.argv[2], "w"), indent=2, sort_keys=True)
PY
)
set +e
"$QLATCTL" restore "$W/bad4.json" 2>"$W/err"
rc=$?
set -e
[ "$rc" -eq 2 ] || fail "invalid file: exit $rc, not 2"
grep -q "bad4.json: /storage_objects/$so_index/attributes/emulate_write_cache: .*out of range" "$W/err" ||
	fail "invalid file: message $(cat "$W/err")"
"$QLATCTL" save --no-backup "$W/now.json"
same_tree "$W/old.json" "$W/now.json" || fail "invalid file: the tree changed"
echo "PASS"
