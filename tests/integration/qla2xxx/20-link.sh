#!/bin/bash
# Link down on one port: the others' remote ports for it become Blocked, then go after
# dev_loss_tmo; link up: they return (RSCN in the trace). A port added at run time is
# discovered by the others; a removed one disappears. A dropped PLOGI is retried and
# the login completes; a delayed PRLI only delays it. issue_lip brings the mesh back.
# vm-args: --mem 1G --timeout 300
set -euo pipefail
cd "$(dirname "$0")"
. ../../lib/san.bash

P1=0x21000024ff000001 P2=0x21000024ff000002 P3=0x21000024ff000003 P4=0x21000024ff000004

modprobe qla2xxx emu_ports=3
tracing_on
wait_for 60 "3 ports in a full mesh" mesh 3
for h in "${HOSTS[@]}"; do echo 3 > "$FC_HOST/$h/dev_loss_tmo"; done
for r in /sys/class/fc_remote_ports/rport-*; do echo 3 > "$r/dev_loss_tmo"; done
host_of $P1 H1
host_of $P2 H2
host_of $P3 H3
echo "mesh of 3; dev_loss_tmo 3 s"

echo "== link down on $P3"
echo "$P3" > $CTL/link_down
wait_for 20 "$P3 Linkdown" grep -qx Linkdown "$FC_HOST/$H3/port_state"
wait_for 20 "$P3 Blocked on host1 and host2" eval 'is_rport $H1 $P3 Blocked && is_rport $H2 $P3 Blocked'
show_fabric
t_blocked=$SECONDS
wait_for 30 "$P3 gone from host1 and host2 after dev_loss_tmo" \
	eval 'is_rport $H1 $P3 none && is_rport $H2 $P3 none'
echo "rports for $P3 removed $((SECONDS - t_blocked)) s after Blocked"
is_rport "$H1" $P2 Online || fail "host1 lost $P2"
grep -q "event=RSCN mb1=0x0001 mb2=0x0300" /sys/kernel/tracing/trace ||
	fail "no RSCN for 010300 in the trace"
echo "RSCN for 010300 seen in the trace"

echo "== link up on $P3"
echo > /sys/kernel/tracing/trace
echo "naa.${P3#0x}" > $CTL/link_up
wait_for 30 "3 ports in a full mesh again" mesh 3
grep -q "event=RSCN" /sys/kernel/tracing/trace || fail "no RSCN after link up"
grep -q "event=LOOP_UP" /sys/kernel/tracing/trace || fail "no LOOP_UP after link up"
show_fabric

echo "== a port added at run time"
echo "wwpn=$P4" > $CTL/add_port
wait_for 30 "4 ports in a full mesh" mesh 4
host_of $P4 H4
show_fabric

echo "== the added port removed"
for r in /sys/class/fc_remote_ports/rport-*; do echo 3 > "$r/dev_loss_tmo"; done
echo "21:00:00:24:ff:00:00:04" > $CTL/del_port
wait_for 10 "host of $P4 gone" eval '! host_of $P4 H4'
wait_for 30 "$P4 gone from every port" \
	eval 'is_rport $H1 $P4 none && is_rport $H2 $P4 none && is_rport $H3 $P4 none'
wait_for 10 "3 ports in a full mesh" mesh 3

echo "== a dropped PLOGI is retried"
echo > /sys/kernel/tracing/trace
echo "kind=plogi,action=drop,count=1,wwpn=$P1" > $CTL/fault
grep -q "kind=plogi action=drop count=1" $CTL/faults || fail "fault not armed"
echo "wwpn=$P4" > $CTL/add_port
wait_for 30 "4 ports in a full mesh despite the dropped PLOGI" mesh 4
grep -q "drop plogi s_id=010100" /sys/kernel/tracing/trace || fail "no PLOGI was dropped"
grep -q "rport=0x21000024ff000004 .* login -> retry on login_fail" /sys/kernel/tracing/trace ||
	fail "no retry after the dropped PLOGI"
[ -z "$(cat $CTL/faults)" ] || fail "the fault is still armed"
echo "PLOGI from $P1 dropped once, retried, logged in"

echo "== bad control writes are refused"
if echo "kind=bogus,action=drop" > $CTL/fault 2>/dev/null; then fail "bad fault accepted"; fi
if echo "0x12" > $CTL/link_down 2>/dev/null; then fail "bad WWN accepted"; fi
if echo "wwpn=$P1" > $CTL/add_port 2>/dev/null; then fail "duplicate port accepted"; fi

echo "== issue_lip, with the next PRLI from $P1 delayed by 300 ms"
echo > /sys/kernel/tracing/trace
echo "kind=prli,action=delay,delay_ms=300,wwpn=naa.${P1#0x}" > $CTL/fault
echo 1 > "$FC_HOST/$H2/issue_lip"
wait_for 30 "LOOP_DOWN and LOOP_UP after LIP" eval \
	'grep -q "qla2xxx_emu.1 event=LOOP_DOWN" /sys/kernel/tracing/trace && grep -q "qla2xxx_emu.1 event=LOOP_UP" /sys/kernel/tracing/trace'
wait_for 30 "4 ports in a full mesh after LIP" mesh 4
grep -q "delay prli s_id=010100" /sys/kernel/tracing/trace || fail "no PRLI was delayed"
# the LIP as the tracepoints saw it: mailbox, IOCBs, frames, rport transitions
for ev in "qla_mbx: qla2xxx_emu.1 cmd=0x0072 status=0x4000" \
	"qla_iocb_post: qla2xxx_emu.0 ring=req type=0x52" \
	"qla_iocb_done: qla2xxx_emu.0 ring=rsp type=0x52" \
	"qla_frame: in plogi s_id=010100 d_id=010200" \
	"qla_rport_state: qla2xxx_emu.0 rport=0x21000024ff000002 port_id=010200 gpdb -> online"; do
	grep -q "$ev" /sys/kernel/tracing/trace || fail "no '$ev' in the trace"
done
[ -z "$(cat $CTL/faults)" ] || fail "the delay fault is still armed"
echo "PRLI from $P1 delayed once; the mesh came back"

rmmod qla2xxx
echo "ok: link down/up, dev_loss, RSCN, add/remove, dropped PLOGI, LIP"
