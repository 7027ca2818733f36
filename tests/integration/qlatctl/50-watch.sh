#!/bin/bash
# qlatctl watch --json while initiator A logs in (ACL), B is refused (no ACL,
# generate_node_acls=0), B gets an ACL, A's link goes down and comes back, and the TPG is
# disabled: every session event arrives once, in order, with the right attributes, and the
# FC events with the right hosts; a second watcher started midway sees the same sessions
# in its dump. Both stop on SIGINT/SIGTERM with exit 0.
# vm-args: --mem 2G --timeout 600
set -euo pipefail
exec 2>&1
. "$(dirname "$0")/lib.bash"
. "$(dirname "$0")/events.bash"

W1= W2=
stop_watchers() {
	for p in $W1 $W2; do kill "$p" 2>/dev/null || true; done
}
trap 'stop_watchers; event_san_down; cleanup' EXIT

event_san

check "without CAP_NET_ADMIN watch says what it needs and exits non-zero"
if setpriv --inh-caps=-all --bounding-set=-net_admin "$QLATCTL" watch --json >"$W/nocap.out" 2>"$W/nocap.err"; then
	fail "watch ran without CAP_NET_ADMIN"
fi
grep -q "CAP_NET_ADMIN" "$W/nocap.err" || fail "no word of CAP_NET_ADMIN: $(cat "$W/nocap.err")"

check "watcher 1: dump of an idle SAN, then synced"
"$QLATCTL" watch --json >"$W/w1.jsonl" 2>"$W/w1.err" &
W1=$!
wait_for 30 "watcher 1 synced" seen "$W/w1.jsonl" synced sessions=true fc=true
[ "$(count "$W/w1.jsonl" session)" = 0 ] || fail "sessions in the dump of an idle SAN"
for h in "$TN:$TW" "$AN:$AW" "$BN:$BW"; do
	seen "$W/w1.jsonl" port host="${h%%:*}" wwpn="${h#*:}" dump=true ||
		fail "no port line for host ${h%%:*} ($(cat "$W/w1.jsonl"))"
done

check "A logs in"
echo initiator >"/sys/class/scsi_host/$A/role"
wait_for 60 "A's sess_login" seen "$W/w1.jsonl" sess_login initiator="$AW"
A_ID=$(port_id "$A")

check "B is refused (no ACL)"
echo initiator >"/sys/class/scsi_host/$B/role"
wait_for 60 "B's acl_denied" seen "$W/w1.jsonl" acl_denied initiator="$BW"
B_ID=$(port_id "$B")

check "B gets an ACL and logs in without anything done on B"
targetcli /qla2xxx/"$TW"/acls create "$BW" >/dev/null || fail "targetcli acls create $BW"
wait_for 30 "B's sess_login" seen "$W/w1.jsonl" sess_login initiator="$BW"

check "watcher 2, started now, dumps the same two sessions"
"$QLATCTL" watch --json >"$W/w2.jsonl" 2>"$W/w2.err" &
W2=$!
wait_for 30 "watcher 2 synced" seen "$W/w2.jsonl" synced
python3 - "$W/w1.jsonl" "$W/w2.jsonl" <<'PY' || fail "watcher 2's dump differs from watcher 1's events"
import json, sys
keys = ("fabric", "target", "tpgt", "initiator", "initiator_node", "port_id", "acl", "dynamic", "host")
state = {}
for line in open(sys.argv[1]):
    e = json.loads(line)
    if e["event"] == "sess_login":
        state[e["initiator"]] = tuple(e.get(k) for k in keys)
    elif e["event"] == "sess_logout":
        state.pop(e["initiator"], None)
dump = {}
synced = None
for line in open(sys.argv[2]):
    e = json.loads(line)
    if e["event"] == "session":
        assert e["dump"] is True, e
        dump[e["initiator"]] = tuple(e.get(k) for k in keys)
        last_seq = e["seq"]
    elif e["event"] == "synced":
        synced = e
        break
print("   watcher 1's state:", sorted(state))
print("   watcher 2's dump: ", sorted(dump))
assert len(state) == 2 and state == dump, (state, dump)
assert synced["seq"] >= max(json.loads(l)["seq"] for l in open(sys.argv[1]) if '"seq"' in l and '"sess_' in l), synced
PY

check "A's link goes down and comes back"
echo "$AW" >$CTL/link_down
wait_for 30 "A's fc_linkdown" seen "$W/w1.jsonl" fc_linkdown host="$AN"
wait_for 60 "A's sess_logout" seen "$W/w1.jsonl" sess_logout initiator="$AW"
echo "$AW" >$CTL/link_up
wait_for 30 "A's fc_linkup" seen "$W/w1.jsonl" fc_linkup host="$AN"
wait_for 60 "A's second sess_login" eval '[ "$(count "$W/w1.jsonl" sess_login initiator="$AW")" -ge 2 ]'

check "the TPG is disabled: both sessions end"
echo 0 >"$TPG/enable"
wait_for 30 "B's sess_logout" seen "$W/w1.jsonl" sess_logout initiator="$BW"
wait_for 30 "A's second sess_logout" eval '[ "$(count "$W/w1.jsonl" sess_logout initiator="$AW")" -ge 2 ]'

check "SIGINT and SIGTERM stop the watchers with exit 0"
sleep 2 # late duplicates, if any, would show in the checks below
kill -INT "$W1"
wait "$W1" || fail "watcher 1 exited $? on SIGINT"
W1=
kill -TERM "$W2"
wait "$W2" || fail "watcher 2 exited $? on SIGTERM"
W2=
[ ! -s "$W/w1.err" ] || fail "watcher 1 complained: $(cat "$W/w1.err")"

check "watcher 1's events: each once, in order, with the right attributes"
python3 - "$W/w1.jsonl" "$TW" "$TN" "$AW" "$AN" "$A_ID" "$BW" "$BN" "$B_ID" <<'PY' || fail "watcher 1's events"
import json, sys
path, tw, tn, aw, an, a_id, bw, bn, b_id = sys.argv[1:]
tn, an, bn = int(tn), int(an), int(bn)
lines = [json.loads(l) for l in open(path)]
for l in lines:
    print("  ", json.dumps(l, sort_keys=True))
sess = [l for l in lines if l["event"] in ("sess_login", "sess_logout", "acl_denied")]
got = [(l["event"], l["initiator"], l.get("reason")) for l in sess]
want = [("sess_login", aw, None), ("acl_denied", bw, None), ("sess_login", bw, None),
        ("sess_logout", aw, "port_gone"), ("sess_login", aw, None)]
assert got[:5] == want, got
assert sorted(got[5:]) == sorted([("sess_logout", aw, "tpg_disabled"),
                                  ("sess_logout", bw, "tpg_disabled")]), got
seqs = [l["seq"] for l in sess]
assert seqs == sorted(seqs) and len(set(seqs)) == len(seqs), seqs
ids = {aw: a_id, bw: b_id}
for l in sess:
    assert l["fabric"] == "qla2xxx" and l["target"] == tw and l["tpgt"] == 1 and l["host"] == tn, l
    assert l["port_id"] == ids[l["initiator"]], l
    assert l["initiator_node"].startswith("naa.") and l["time"].endswith("Z"), l
    if l["event"] == "sess_login":
        assert l["acl"] == l["initiator"] and l["dynamic"] is False, l
    if l["event"] == "acl_denied":
        assert l["errno"] > 0 and "acl" not in l, l
fc = [l for l in lines if l["event"].startswith("fc_")]
# A's link went down and up once after B's login (its role change before may have bounced
# it too: not counted)
b_login = lines.index(next(l for l in sess if l["event"] == "sess_login" and l["initiator"] == bw))
def one(event, **kv):
    m = [l for l in lines[b_login:] if l["event"] == event and all(l.get(k) == v for k, v in kv.items())]
    assert len(m) == 1, (event, kv, m)
    return m[0]
down = one("fc_linkdown", host=an, wwpn=aw)
up = one("fc_linkup", host=an, wwpn=aw)
assert lines.index(down) < lines.index(up), "link up before link down"
assert up.get("speed"), up
# T hears A leave and come back: RSCNs for A's port ID, and A's port offline and online
assert any(l["event"] == "fc_rscn" and l["host"] == tn and l["port_id"] == a_id for l in fc), "no RSCN for A on T"
assert any(l["event"] == "fc_port_online" and l["host"] == tn and l["port_id"] == a_id for l in fc)
assert any(l["event"] == "fc_port_offline" and l["host"] == tn and l["port_id"] == a_id for l in fc)
for l in fc:
    assert l["event"] != "fc_event", l
print("   %d session events, %d FC events" % (len(sess), len(fc)))
PY

event_san_down
echo "PASS"
