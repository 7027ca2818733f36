#!/bin/bash
# FC transport host events, read as any FC HBA's are: a listener that is not ours
# (tests/lib/fc_events.py: Python's socket module on NETLINK_SCSITRANSPORT, group
# SCSI_NL_GRP_FC_EVENTS, struct fc_nl_event) sees LINKDOWN when a port's cable is
# pulled, LINKUP with the firmware's data rate code (5: 16 Gb/s) when it is plugged
# back, and on the other ports RSCN naming the port's address (port format), each
# with the right host number.
# vm-args: --mem 1G --timeout 300
set -euo pipefail
cd "$(dirname "$0")"
. ../../lib/san.bash

P1=0x21000024ff000001 P3=0x21000024ff000003
EV=/tmp/fc-events.jsonl

modprobe qla2xxx emu_ports=3
wait_for 60 "3 ports in a full mesh" mesh 3
host_of $P1 H1
host_of $P3 H3
n1=${H1#host} n3=${H3#host}

python3 ../../lib/fc_events.py 120 >"$EV" &
lpid=$!
wait_for 10 "the listener ready" grep -q READY "$EV"

# has EVENT HOST_NO [DATA]: the listener printed that event for that host
has() {
	local want="\"host_no\": $2, \"code\": \"$1\""
	[ -z "${3:-}" ] || want+=", \"data\": $3"
	grep -qF "$want" "$EV"
}

echo "== link down on $P3 (host$n3)"
echo "$P3" >$CTL/link_down
wait_for 20 "LINKDOWN for host$n3" has LINKDOWN "$n3" 0
# the switch sends an RSCN for 010300 (port format: data 0x00010300)
wait_for 20 "RSCN 010300 on host$n1" has RSCN "$n1" $((0x010300))
echo "ok: LINKDOWN host$n3, RSCN 010300 on host$n1"

echo "== link up on $P3"
echo "$P3" >$CTL/link_up
wait_for 30 "LINKUP for host$n3 at 16 Gb/s (code 5)" has LINKUP "$n3" 5
wait_for 60 "3 ports in a full mesh again" mesh 3
[ "$(grep -cF "\"host_no\": $n1, \"code\": \"RSCN\"" "$EV")" -ge 2 ] ||
	fail "host$n1 saw fewer than two RSCNs"
if has LINKDOWN "$n1" || has LINKUP "$n1"; then
	fail "host$n1's own link did not change, yet it posted a link event"
fi
echo "ok: LINKUP host$n3, RSCNs on host$n1"

kill "$lpid"
wait "$lpid" || true
cat "$EV"
modprobe -r qla2xxx
echo "PASS"
