#!/ usr / bin / env python3
"""Records a `qlatctl serve` session for test_admin_protocol: the fake SAN of fakesan.h
(mixed fixture tree, port host3, one logged-in initiator, one ACL session), one request
per method, answers written to admin-gui/tests/data/serve-recorded.jsonl with the
temporary directory replaced by @TMP@.  Usage: record-serve.py QLATCTL"""
import json
import os
import subprocess
import sys
import tempfile

repo = os.path.abspath(os.path.join(os.path.dirname(__file__), "../../.."))
qlatctl = sys.argv[1]
tmp = tempfile.mkdtemp()
root = tmp + "/target"
os.makedirs(root)
for e in json.load(open(repo + "/configfs-schema/fixtures/mixed.tree.json"))["entries"]:
    p, kind = os.path.join(root, e[0]), e[1]
    if kind == "dir":
        os.makedirs(p, exist_ok=True)
    elif kind == "link":
        os.symlink(os.path.join(root, e[3]), p)
    else:
        open(p, "w").write(e[3])
        os.chmod(p, int(e[2], 8))


def w(p, t):
    os.makedirs(os.path.dirname(p), exist_ok=True)
    open(p, "w").write(t)


sysfs = tmp + "/sys"
dev = sysfs + "/devices/pci0000:00/0000:00:04.0"
fc = dev + "/host3/fc_host/host3"
w(fc + "/port_name", "0x21000024ff000001\n")
w(fc + "/node_name", "0x20000024ff000001\n")
w(fc + "/port_state", "Online\n")
w(fc + "/roles", "FCP Target\n")
w(fc + "/speed", "8 Gbit\n")
os.makedirs(sysfs + "/bus/pci/drivers/qla2xxx")
os.symlink(sysfs + "/bus/pci/drivers/qla2xxx", dev + "/driver")
os.makedirs(sysfs + "/class/fc_host")
os.symlink(fc, sysfs + "/class/fc_host/host3")
w(sysfs + "/class/scsi_host/host3/role", "target\n")
rp = sysfs + "/class/fc_remote_ports/rport-3:0-0"
w(rp + "/port_name", "0x21000024ff0000aa\n")
w(rp + "/port_id", "0x010200\n")
w(rp + "/roles", "FCP Initiator\n")
w(rp + "/port_state", "Online\n")
acl = [d for d, _, _ in os.walk(root + "/qla2xxx") if d.endswith("acls/21:00:00:24:ff:00:00:02")][0]
w(acl + "/info", "InitiatorName: 21:00:00:24:ff:00:00:02\nInitiatorAlias: naa.21000024ff000002\n"
  "LIO Session ID: 3  SessionType: Normal\nSession State: TARG_SESS_STATE_LOGGED_IN\n"
  "FC N_Port ID: 0x010100\nFC login state: online\nOutstanding commands: 0\n")

base = subprocess.run([qlatctl, "--configfs", root, "--sysfs", sysfs, "show", "--digest"],
                      capture_output=True, text=True, check=True).stdout.strip()
cfg = json.load(open(repo + "/configfs-schema/fixtures/mixed.saveconfig.json"))
cfg["storage_objects"].append({"plugin": "ramdisk", "name": "r9", "size": 8388608, "attributes": {}})
reqs = [
    {"method": "hello", "params": {"protocol": 3}},
    {"method": "read_tree"},
    {"method": "list_ports"},
    {"method": "list_sessions"},
    {"method": "plan", "params": {"config": cfg, "base": base}},
    {"method": "apply", "params": {"config": {"storage_objects": [{"plugin": "fileio", "name": "a/b"}]},
                                   "base": base}},
    {"method": "disable_tpg", "params": {"fabric": "qla2xxx", "wwn": "naa.21000024ff000001", "tag": 1}},
    {"method": "enable_tpg", "params": {"fabric": "qla2xxx", "wwn": "../../x", "tag": 1}},
    {"method": "set_port_role", "params": {"host": "host3", "role": "both"}},
    {"method": "save"},
    {"method": "frobnicate"},
    {"method": "plan", "params": {"config": cfg, "base": base}},  # stale: the TPG was disabled
]
lines = [json.dumps(dict(id=i + 1, **r)) for i, r in enumerate(reqs)] + ["not json"]
out = subprocess.run([qlatctl, "--configfs", root, "--sysfs", sysfs, "serve", "--save-file",
                      tmp + "/saved.json"], input="\n".join(lines) + "\n", capture_output=True,
                     text=True, check=True).stdout
answers = out.replace(tmp, "@TMP@").splitlines()
assert len(answers) == len(lines), out
with open(repo + "/admin-gui/tests/data/serve-recorded.jsonl", "w") as f:
    for req, answer in zip(lines, answers):
        if '"method": "plan"' in req:
            req = json.dumps({"id": json.loads(req)["id"], "method": "plan",
                              "params": {"config": "mixed + ramdisk r9", "base": base}})
        f.write(json.dumps({"request": req, "response": answer}) + "\n")
subprocess.run(["rm", "-rf", tmp], check=True)
