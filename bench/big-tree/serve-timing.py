#!/usr/bin/python3
"""Talks to `qlatctl serve` as qlat-admin does on connect and prints when each answer
arrives (seconds since serve was started): the first screen (hello, list_ports,
list_sessions, list_targets), then read_tree with progress; then the whole tree asked
first, as the refresh used to. usage: serve-timing.py QLATCTL"""
import json
import subprocess
import sys
import time


def session(qlatctl, requests):
    """Sends every request at once (as the GUI queues them); returns [(seconds, line)]."""
    t0 = time.monotonic()
    p = subprocess.Popen([qlatctl, "serve"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                         text=True)
    for i, (method, params) in enumerate(requests, 1):
        r = {"id": i, "method": method}
        if params:
            r["params"] = params
        p.stdin.write(json.dumps(r) + "\n")
    p.stdin.flush()
    out, answered = [], 0
    while answered < len(requests):
        line = p.stdout.readline()
        if not line:
            sys.exit("serve-timing: serve ended early")
        msg = json.loads(line)
        out.append((time.monotonic() - t0, msg))
        if "id" in msg:
            if not msg.get("ok", False):
                sys.exit("serve-timing: %s failed: %s" % (requests[msg["id"] - 1][0], msg))
            answered += 1
    p.stdin.close()
    p.wait()
    return out


def when(lines, pred):
    return next(t for t, m in lines if pred(m))


hello = ("hello", {"protocol": 3})
now = session(sys.argv[1], [hello, ("list_ports", None), ("list_sessions", None),
                            ("list_targets", None), ("read_tree", {"progress": True})])
first = when(now, lambda m: m.get("id") == 4)
progress = when(now, lambda m: m.get("notification") == "progress")
tree = when(now, lambda m: m.get("id") == 5)
total = next(m["params"]["total"] for _, m in now if m.get("notification") == "progress")
print("first screen (hello, ports, sessions, targets): %.2f s" % first)
print("tree: first progress %.2f s, read_tree answered %.2f s (%d ACLs)" % (progress, tree, total))
before = session(sys.argv[1], [hello, ("read_tree", None), ("list_ports", None),
                               ("list_sessions", None)])
old_first = when(before, lambda m: m.get("id") == 4)
print("peer: the tree asked first (the old refresh): first screen %.2f s" % old_first)
print("ratio: first screen %.3fx of the old one (goal: under 1 s)" % (first / old_first))
