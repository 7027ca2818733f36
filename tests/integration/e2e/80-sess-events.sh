#!/bin/bash
# The qlat_sess generic netlink family of tcm_qla2xxx, read by a client with nothing
# but Python's socket module (tests/lib/qlat_genl.py): target T exports a ramdisk to
# initiator A through an ACL (generate_node_acls=0); B has none. A listener in the
# "events" group sees SESS_LOGIN for A (its ACL, no DYNAMIC flag, T's WWPN, TPG tag
# and SCSI host, A's names and N_Port ID), ACL_DENIED for B (an errno); the
# GET_SESSIONS dump lists exactly A's session with the last event's number. Without
# CAP_NET_ADMIN joining the group fails (the dump stays open). SESS_LOGOUT comes with
# reason LINK_DOWN when T's cable is pulled, PORT_GONE when A's is (the name server no
# longer lists it), TPG_DISABLED when its TPG is disabled,
# ACL_REMOVED when A's ACL is deleted (which no longer waits for A to log out, and
# logs A out: A logs in again and is refused, ACL_DENIED); A logs in again after the
# first three. Every event arrives once, numbered 1, 2, ... in
# order.
# vm-args: --timeout 600 --mem 2G
set -euo pipefail
exec 2>&1
. "$(dirname "$0")/../../lib/san.bash"

GENL=$(cd "$(dirname "$0")/../../lib" && pwd)/qlat_genl.py
EV=/tmp/sess-events.jsonl

emu_san 3
T=${HOSTS[0]} A=${HOSTS[1]} B=${HOSTS[2]}
tw=${WWPNS[0]} aw=${WWPNS[1]} bw=${WWPNS[2]}
modprobe tcm_qla2xxx
python3 "$GENL" listen 550 >"$EV" &
lpid=$!
wait_for 20 "the listener joined" grep -q READY "$EV"

# count CMD [PATTERN...]: how many events of CMD have every fixed string PATTERN
count() {
	local lines
	lines=$(grep -F "\"cmd\": \"$1\"" "$EV" || true)
	shift
	for p in "$@"; do
		lines=$(grep -F -- "$p" <<<"$lines" || true)
	done
	grep -c . <<<"$lines" || true
}
has() { [ "$(count "$@")" -ge 1 ]; }
has_n() { local n=$1; shift; [ "$(count "$@")" -ge "$n" ]; }
ini() { echo "\"INI_WWPN\": \"$1\""; }
reason() { echo "\"REASON_NAME\": \"$1\""; }

export_ramdisks "$T" "$tw" 1 "$aw"
echo initiator >"/sys/class/scsi_host/$A/role"
echo initiator >"/sys/class/scsi_host/$B/role"
wait_for 30 "SESS_LOGIN for A" has SESS_LOGIN "$(ini "$aw")"
wait_for 30 "ACL_DENIED for B" has ACL_DENIED "$(ini "$bw")"
tn=${T#host}
has SESS_LOGIN "$(ini "$aw")" "\"ACL\": \"naa.${aw#0x}\"" "\"FABRIC\": \"qla2xxx\"" \
	"\"HOST_NO\": $tn," "\"TGT_WWPN\": \"$tw\"" "\"TPGT\": 1," \
	"\"INI_WWNN\": \"0x20${aw#0x21}\"" "\"TIMESTAMP\": " ||
	fail "A's SESS_LOGIN lacks an attribute: $(grep SESS_LOGIN "$EV")"
! has SESS_LOGIN "$(ini "$aw")" '"DYNAMIC"' || fail "A's ACL is not dynamic"
has ACL_DENIED "$(ini "$bw")" '"ERRNO": -' "\"HOST_NO\": $tn," ||
	fail "B's ACL_DENIED lacks its errno: $(grep ACL_DENIED "$EV")"
a_id=$(grep -F SESS_LOGIN "$EV" | grep -oE '"PORT_ID": "[0-9a-f]{6}"' | head -1)
[ -n "$a_id" ] && [ "$a_id" != '"PORT_ID": "000000"' ] || fail "A's login has no port ID"
grep -c . "$EV"
echo "ok: SESS_LOGIN for A ($a_id), ACL_DENIED for B"

# the dump: A's session only, with the number of the last event so far
last=$(grep -oE '"SEQ": [0-9]+' "$EV" | tail -1)
dump=$(python3 "$GENL" dump)
echo "$dump"
[ "$(grep -c . <<<"$dump")" -eq 1 ] || fail "the dump has not exactly one session"
grep -qF "$(ini "$aw")" <<<"$dump" || fail "the dump's session is not A's"
grep -qF "$last," <<<"$dump" || fail "the dump's SEQ is not the last event's ($last)"
echo "ok: the dump lists A's session at $last"

# unprivileged: the group refuses, the dump answers
nobody() { setpriv --reuid=65534 --regid=65534 --clear-groups --inh-caps=-all \
	--bounding-set=-all python3 "$GENL" "$@"; }
rc=0
nobody join || rc=$?
[ "$rc" -eq 13 ] || fail "joining the events group without CAP_NET_ADMIN: exit $rc, want 13"
[ "$(nobody dump | grep -c .)" -eq 1 ] || fail "the dump without privilege differs"
echo "ok: without CAP_NET_ADMIN the group is refused, the dump answers"

echo "== link down on T"
echo "$tw" >$CTL/link_down
wait_for 30 "SESS_LOGOUT (link down) for A" has SESS_LOGOUT "$(ini "$aw")" "$(reason LINK_DOWN)"
echo "$tw" >$CTL/link_up
wait_for 60 "A logged in again" has_n 2 SESS_LOGIN "$(ini "$aw")"
echo "ok: link down, and back"

echo "== A leaves the fabric"
echo "$aw" >$CTL/link_down
wait_for 30 "SESS_LOGOUT (port gone) for A" has SESS_LOGOUT "$(ini "$aw")" "$(reason PORT_GONE)"
echo "$aw" >$CTL/link_up
wait_for 60 "A logged in again" has_n 3 SESS_LOGIN "$(ini "$aw")"
echo "ok: A gone from the name server, and back"

echo "== TPG disabled"
tpg=/sys/kernel/config/target/qla2xxx/$(colon "$tw")/tpgt_1
echo 0 >"$tpg/enable"
wait_for 30 "SESS_LOGOUT (TPG disabled) for A" \
	has SESS_LOGOUT "$(ini "$aw")" "$(reason TPG_DISABLED)"
echo 1 >"$tpg/enable"
wait_for 30 "A logged in again" has_n 4 SESS_LOGIN "$(ini "$aw")"
echo "ok: TPG disabled, and enabled"

echo "== A's ACL removed"
timeout 60 targetcli "/qla2xxx/naa.${tw#0x}/acls" delete "naa.${aw#0x}" >/dev/null ||
	fail "deleting A's ACL failed or hung"
wait_for 30 "SESS_LOGOUT (ACL removed) for A" \
	has SESS_LOGOUT "$(ini "$aw")" "$(reason ACL_REMOVED)"
[ -z "$(python3 "$GENL" dump)" ] || fail "the dump still lists a session"
wait_for 30 "ACL_DENIED for A (logged out, logged in again, refused)" \
	has ACL_DENIED "$(ini "$aw")"
echo "ok: ACL removed; A was logged out and is refused"

sleep 2
kill "$lpid"
wait "$lpid" || true
cat "$EV"
# every event once, numbered 1.. in order
seqs=$(grep -oE '"SEQ": [0-9]+' "$EV" | grep -oE '[0-9]+' | tr '\n' ' ')
want=$(seq 1 "$(grep -c SEQ "$EV")" | tr '\n' ' ')
[ "$seqs" = "$want" ] || fail "event numbers $seqs, want $want"
[ "$(count SESS_LOGIN)" -eq 4 ] || fail "$(count SESS_LOGIN) logins, want 4"
[ "$(count SESS_LOGOUT)" -eq 4 ] || fail "$(count SESS_LOGOUT) logouts, want 4"
echo "ok: events numbered $seqs"
san_unload "$T" "$A" "$B"
echo PASS
