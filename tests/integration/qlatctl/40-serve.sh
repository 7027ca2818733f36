#!/bin/bash
# qlatctl serve answers a scripted session on real configfs: read the tree, plan, apply,
# disable and enable a TPG, save; bad requests get errors, not crashes. Safe apply: edits
# made before targetcli added a LUN get "stale", not a plan that removes it; restore --expect.
# vm-args: --mem 2G --timeout 900
set -euo pipefail
. "$(dirname "$0")/lib.bash"

build_targetcli_tree
"$QLATCTL" save --no-backup "$W/old.json"
python3 - "$W/old.json" "$W/new.json" <<'PY'
import json, sys
c = json.load(open(sys.argv[1]))
c["storage_objects"].append({"name": "ram7", "plugin": "ramdisk", "size": 4194304,
                             "wwn": "77777777-2222-4333-8444-555555555555", "alua_tpgs": []})
json.dump(c, open(sys.argv[2], "w"))
PY

check "a scripted session: every request gets one response with its id"
python3 - "$QLATCTL" "$W" "$IQN" <<'PY'
import json, subprocess, sys
qlatctl, w, iqn = sys.argv[1:4]
new = json.load(open(w + "/new.json"))
p = subprocess.Popen([qlatctl, "serve", "--save-file", w + "/served.json"], stdin=subprocess.PIPE,
                     stdout=subprocess.PIPE, text=True)
n = 0
def call(obj, raw=None):
    global n
    n += 1
    line = raw if raw is not None else json.dumps(dict(obj, id=n))
    p.stdin.write(line + "\n")
    p.stdin.flush()
    resp = json.loads(p.stdout.readline())
    print("  ", (raw or obj.get("method")), "->", "ok" if resp["ok"] else resp["error"]["code"])
    return resp
def ok(r):
    assert r["ok"], r
    return r["result"]
def err(r, code):
    assert not r["ok"] and r["error"]["code"] == code, r
    assert r["error"]["message"], r

h = ok(call({"method": "hello"}))
assert h["protocol"] == 1 and "apply" in h["methods"], h
tree = ok(call({"method": "read_tree"}))
assert any(t["fabric"] == "iscsi" for t in tree["targets"]), tree
ok(call({"method": "list_ports"}))
ok(call({"method": "list_sessions"}))
plan = ok(call({"method": "plan", "params": {"config": new}}))
assert any("ram7" in op["preview"] for op in plan["operations"]), plan
assert all(op["undo"] for op in plan["operations"])
res = ok(call({"method": "apply", "params": {"config": new}}))
assert res["ok"] and res["executed"] == res["operations"], res
tree = ok(call({"method": "read_tree"}))
assert any(s["name"] == "ram7" for s in tree["storage_objects"])
tpg = {"fabric": "iscsi", "wwn": iqn, "tag": 1}
ok(call({"method": "disable_tpg", "params": tpg}))
assert open("/sys/kernel/config/target/iscsi/%s/tpgt_1/enable" % iqn).read().strip() == "0"
ok(call({"method": "enable_tpg", "params": tpg}))
assert open("/sys/kernel/config/target/iscsi/%s/tpgt_1/enable" % iqn).read().strip() == "1"
saved = ok(call({"method": "save"}))
assert json.load(open(saved["file"]))["storage_objects"]

# Bad requests: errors, and the server keeps answering.
err(call(None, raw="this is not json"), "bad_json")
err(call(None, raw="[1, 2]"), "bad_request")
err(call({"method": "write_file", "params": {"path": "/etc/passwd"}}), "unknown_method")
err(call({"method": "enable_tpg", "params": {"fabric": "../core", "wwn": iqn, "tag": 1}}), "bad_request")
err(call({"method": "enable_tpg", "params": {"fabric": "iscsi", "wwn": "../../../etc", "tag": 1}}), "bad_request")
err(call({"method": "enable_tpg", "params": {"fabric": "iscsi", "wwn": iqn}}), "bad_request")
err(call({"method": "enable_tpg", "params": {"fabric": "iscsi", "wwn": iqn, "tag": 99}}), "not_found")
err(call({"method": "save", "params": {"file": "/etc/shadow"}}), "bad_request")
err(call({"method": "set_port_role", "params": {"host": "host0/../..", "role": "target"}}), "bad_request")
err(call({"method": "set_port_role", "params": {"host": "host0", "role": "root"}}), "bad_request")
bad = json.loads(json.dumps(new))
bad["storage_objects"][0]["name"] = "../../etc"
r = call({"method": "apply", "params": {"config": bad}})
err(r, "invalid_config")
assert any(pr["path"] == "/storage_objects/0/name" for pr in r["error"]["problems"]), r
err(call({"method": "plan"}), "bad_request")
h = ok(call({"method": "hello"}))
p.stdin.close()
assert p.wait(timeout=60) == 0
print("   %d requests answered" % n)
PY
check "the live tree is the applied configuration; the rejected requests changed nothing"
"$QLATCTL" diff "$W/new.json" >"$W/diff.txt" || fail "tree differs from the applied configuration: $(head -n 5 "$W/diff.txt")"

check "safe apply (protocol 3): a LUN added with targetcli underneath is not undone"
python3 - "$QLATCTL" "$IQN" <<'PY'
import copy, json, os, subprocess, sys
qlatctl, iqn = sys.argv[1:3]
p = subprocess.Popen([qlatctl, "serve"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
n = 0
def call(method, params=None):
    global n
    n += 1
    req = {"id": n, "method": method}
    if params is not None:
        req["params"] = params
    p.stdin.write(json.dumps(req) + "\n")
    p.stdin.flush()
    resp = json.loads(p.stdout.readline())
    print("  ", method, "->", "ok" if resp["ok"] else resp["error"]["code"])
    return resp
def ok(r):
    assert r["ok"], r
    return r["result"]
def digest():
    return subprocess.check_output([qlatctl, "show", "--digest"], text=True).strip()
def tpg(config):
    return [g for t in config["targets"] if t["wwn"] == iqn for g in t["tpgs"]][0]
def with_acl(config):
    c = copy.deepcopy(config)
    g = tpg(c)
    first = min(l["index"] for l in g["luns"])
    g["node_acls"].append({"node_wwn": "iqn.1994-05.com.example:safe-apply",
                           "mapped_luns": [{"index": 0, "tpg_lun": first, "write_protect": False}]})
    return c

assert ok(call("hello", {"protocol": 3}))["protocol"] == 3
t = ok(call("read_tree"))
assert t["digest"].startswith("sha256:") and t["digest"] == digest(), t["digest"]
base, mine = t["digest"], with_acl(t["config"])
assert not any(l["index"] == 5 for l in tpg(t["config"])["luns"])
# Meanwhile, someone adds LUN 5 with targetcli (not mapped: the ACLs use mapped LUN 5 already).
subprocess.run(["targetcli", "/iscsi/%s/tpg1/luns" % iqn, "create", "/backstores/ramdisk/ram7", "5",
                "add_mapped_luns=false"],
               check=True, stdout=subprocess.DEVNULL)
lun5 = "/sys/kernel/config/target/iscsi/%s/tpgt_1/lun/lun_5" % iqn
assert os.path.isdir(lun5)
for method in ("plan", "apply"):
    r = call(method, {"config": mine, "base": base})
    assert not r["ok"] and r["error"]["code"] == "stale", r
    cur = r["error"]["tree"]
    assert cur["digest"] == digest() != base, cur["digest"]
    assert any(l["index"] == 5 for l in tpg(cur["config"])["luns"])
assert os.path.isdir(lun5)
assert not os.path.exists("/sys/kernel/config/target/iscsi/%s/tpgt_1/acls/iqn.1994-05.com.example:safe-apply" % iqn)
# Without a base, protocol 3 refuses too.
r = call("plan", {"config": mine})
assert not r["ok"] and r["error"]["code"] == "bad_request", r
# The edit rebased on the current tree: its plan is the edit only, and LUN 5 survives.
mine = with_acl(cur["config"])
plan = ok(call("plan", {"config": mine, "base": cur["digest"]}))
assert plan["digest"] == cur["digest"]
assert len(plan["operations"]) == 2 and all("safe-apply" in op["object"] for op in plan["operations"]), plan
res = ok(call("apply", {"config": mine, "base": cur["digest"]}))
assert res["ok"] and res["executed"] == 2, res
assert os.path.isdir(lun5)
assert os.path.isdir("/sys/kernel/config/target/iscsi/%s/tpgt_1/acls/iqn.1994-05.com.example:safe-apply/lun_0" % iqn)
p.stdin.close()
assert p.wait(timeout=60) == 0
PY
check "restore --expect refuses a tree that changed, and proceeds on the expected one"
d=$("$QLATCTL" show --digest)
"$QLATCTL" save --no-backup "$W/now.json"
targetcli "/iscsi/$IQN/tpg1/luns" delete 5 >/dev/null
rc=0
"$QLATCTL" restore --expect "$d" "$W/now.json" 2>"$W/expect.err" || rc=$?
[ "$rc" -eq 4 ] || fail "restore --expect on a changed tree: exit $rc, not 4"
grep -q "not the expected one" "$W/expect.err" || fail "no reason given: $(cat "$W/expect.err")"
[ ! -e "$CFS/iscsi/$IQN/tpgt_1/lun/lun_5" ] || fail "restore --expect changed the tree"
"$QLATCTL" restore --expect "$("$QLATCTL" show --digest)" "$W/now.json" || fail "restore --expect on the expected tree failed"
[ -d "$CFS/iscsi/$IQN/tpgt_1/lun/lun_5" ] || fail "restore did not re-create LUN 5"
echo "PASS"
