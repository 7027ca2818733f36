#!/bin/bash
# qlatctl serve, protocol 2: a client that subscribes receives A's login, B's refusal (no
# ACL), A's link going down and up and A's session ending and starting again as
# notifications, between the responses to its requests; a version 1 client sees none.
# vm-args: --mem 2G --timeout 600
set -euo pipefail
exec 2>&1
. "$(dirname "$0")/lib.bash"
. "$(dirname "$0")/events.bash"
trap 'event_san_down; cleanup' EXIT

event_san

check "a protocol 2 client receives the events as notifications"
python3 - "$QLATCTL" "$W" "$A" "$AW" "$B" "$BW" "$T" "$TW" <<'PY'
import json, os, select, subprocess, sys, time
qlatctl, w, a, aw, b, bw, t, tw = sys.argv[1:]

class Client:
    def __init__(self):
        self.p = subprocess.Popen([qlatctl, "serve", "--save-file", w + "/served.json"],
                                  stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        self.fd = self.p.stdout.fileno()
        self.buf = b""
        self.n = 0
        self.notes = []

    def line(self, timeout):
        # our own line buffer over the pipe: a buffered readline() may take two lines
        # from the pipe and leave the second where select() cannot see it
        end = time.time() + timeout
        while b"\n" not in self.buf:
            r, _, _ = select.select([self.fd], [], [], max(0, end - time.time()))
            if not r:
                return None
            chunk = os.read(self.fd, 65536)
            assert chunk, "serve ended"
            self.buf += chunk
        l, self.buf = self.buf.split(b"\n", 1)
        return json.loads(l)

    def call(self, method, params=None):
        self.n += 1
        req = {"id": self.n, "method": method}
        if params is not None:
            req["params"] = params
        self.p.stdin.write(json.dumps(req) + "\n")
        self.p.stdin.flush()
        while True:
            m = self.line(60)
            assert m is not None, "no response to " + method
            if "notification" in m:
                assert "id" not in m, m
                self.notes.append(m)
                continue
            assert m["id"] == self.n, m
            return m

    def wait(self, name, since=0, timeout=60, **params):
        """The first notification `name` from the since'th on whose params have these values."""
        end = time.time() + timeout
        seen = since
        while True:
            for m in self.notes[seen:]:
                if m["notification"] == name and all(m["params"].get(k) == v for k, v in params.items()):
                    print("   ", name, json.dumps(params, sort_keys=True))
                    return m
            seen = len(self.notes)
            left = end - time.time()
            assert left > 0, "no %s %s in %s" % (name, params, json.dumps(self.notes, indent=1))
            m = self.line(left)
            if m is not None:
                assert "notification" in m and "id" not in m, m
                self.notes.append(m)

def ok(r):
    assert r["ok"], r
    return r["result"]

v1 = Client()
h = ok(v1.call("hello"))
assert h["protocol"] == 1 and "subscribe" not in h["methods"], h
r = v1.call("subscribe")
assert not r["ok"] and r["error"]["code"] == "unknown_method", r

c = Client()
h = ok(c.call("hello", {"protocol": 2}))
assert h["protocol"] == 2 and "subscribe" in h["methods"], h
s = ok(c.call("subscribe"))
assert s["sessions"] is True and s["fc"] is True, s
assert ok(c.call("list_sessions")) == [], "sessions before any initiator"
key = lambda ini: {"fabric": "qla2xxx", "wwn": tw, "tag": 1, "node_wwn": ini}

open("/sys/class/scsi_host/%s/role" % a, "w").write("initiator")
n = c.wait("session_added", key=key(aw))
assert n["params"]["session"]["acl"] == aw and n["params"]["session"]["dynamic"] is False, n
assert n["params"]["event"]["event"] == "sess_login", n
a_id = "0x%06x" % int(open("/sys/class/fc_host/%s/port_id" % a).read(), 16)
assert n["params"]["session"]["nport_id"] == a_id, n
c.wait("initiator_online", host=t, wwn=tw, port_id=a_id)
# the state a client reads now agrees with the notification
sessions = ok(c.call("list_sessions"))
assert any(x["node_wwn"] == aw and x["wwn"] == tw and x["tag"] == 1 for x in sessions), sessions

open("/sys/class/scsi_host/%s/role" % b, "w").write("initiator")
n = c.wait("login_refused", key=key(bw))
assert n["params"]["errno"] > 0, n

# (A's role change may have bounced its link already: look only at what follows)
ctl = "/sys/class/qla2xxx_emu/ctl/"
mark = len(c.notes)
open(ctl + "link_down", "w").write(aw)
c.wait("port_changed", mark, host=a, wwn=aw, port_state="Linkdown")
c.wait("session_removed", mark, key=key(aw), reason="port_gone")
c.wait("fabric_changed", mark, host=t, wwn=tw, port_id=a_id)  # T's RSCN for A
ok(c.call("list_ports"))  # requests still answered between notifications
mark = len(c.notes)
open(ctl + "link_up", "w").write(aw)
n = c.wait("port_changed", mark, host=a, wwn=aw, port_state="Online")
assert n["params"].get("speed"), n
c.wait("session_added", mark, key=key(aw))

for m in c.notes:
    assert m["notification"] != "unsubscribed", m
ok(v1.call("list_ports"))  # would collect any notification sent to it
ok(c.call("unsubscribe"))
ok(c.call("hello", {"protocol": 2}))
for cl in (c, v1):
    cl.p.stdin.close()
    assert cl.p.wait(timeout=60) == 0
# the version 1 client saw no notification
assert not v1.notes, v1.notes
print("    %d notifications" % len(c.notes))
PY

event_san_down
echo "PASS"
