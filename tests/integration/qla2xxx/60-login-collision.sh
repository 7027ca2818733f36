#!/bin/bash
# Login handle collisions, as a card reports them in the Login/Logout Port IOCB: the
# nport_handle control file makes P1's firmware hold handle 0x80 for a port id that is
# not on the fabric (the driver's first login with 0x80 fails NPORT_USED naming that
# port id; the driver picks another handle) and P3's port id under handle 0x123 (the
# driver's login to P3 fails PORTID_USED naming 0x123; the driver takes it). Both
# rports come online. Then RSCN registration: every port with a role sends SCR to the
# fabric controller; one made "none" sends none and gets no RSCN after its relogin.
# vm-args: --mem 1G --timeout 300
set -euo pipefail
cd "$(dirname "$0")"
. ../../lib/san.bash

P1=0x21000024ff000001 P2=0x21000024ff000002 P3=0x21000024ff000003
T=/sys/kernel/tracing/trace

modprobe qla2xxx emu_ports=1
tracing_on
host_of $P1 H1
wait_for 30 "$P1 Online" grep -qx Online "$FC_HOST/$H1/port_state"
rd "$FC_HOST/$H1/port_id" id1
[ "$id1" = 0x010100 ] || fail "P1 is $id1, not 0x010100"

echo "== handle 0x80 held for 010500 (not on the fabric), 0x123 for P3's 010300"
echo "wwpn=$P1,handle=80,port_id=010500" > $CTL/nport_handle
echo "wwpn=$P1,handle=0x123,port_id=010300" > $CTL/nport_handle
if echo "wwpn=$P1,handle=81,port_id=010500" > $CTL/nport_handle 2>/dev/null; then
	fail "a second handle for 010500 accepted"
fi
if echo "wwpn=$P1,handle=80" > $CTL/nport_handle 2>/dev/null; then
	fail "nport_handle without port_id accepted"
fi

echo "== $P2 joins: P1's first login, with handle 0x80, meets NPORT_USED"
echo "wwpn=$P2" > $CTL/add_port
wait_for 30 "2 ports in a full mesh" mesh 2
# P2 registered for RSCNs before its name-server login, as upstream orders it
grep -q "qla_mbx: qla2xxx_emu.1 cmd=0x0070 status=0x4000" $T ||
	fail "no SEND_CHANGE_REQUEST from P2's driver"
grep -q "out scr s_id=010200 d_id=fffffd" $T || fail "P2's firmware sent no SCR"
scr=$(grep -n "out scr s_id=010200" $T | head -n 1)
ns=$(grep -n "out plogi s_id=010200 d_id=fffffc" $T | head -n 1)
[ -n "$ns" ] && [ "${scr%%:*}" -lt "${ns%%:*}" ] || fail "SCR did not come before the name-server login"
grep -q "qla_login: qla2xxx_emu.0 port_id=010200 handle=0x0080 status=0x0031 iop0=0x1b iop1=0x10500" $T ||
	fail "no NPORT_USED for handle 0x80"
show_fabric

echo "== $P3 joins: P1's login to 010300 meets PORTID_USED, takes 0x123"
echo "wwpn=$P3" > $CTL/add_port
wait_for 30 "3 ports in a full mesh" mesh 3
grep -Eq "qla_login: qla2xxx_emu.0 port_id=010300 handle=0x0[0-9a-f]{3} status=0x0031 iop0=0x1a iop1=0x123" $T ||
	fail "no PORTID_USED naming handle 0x123"
grep -q "qla_login: qla2xxx_emu.0 port_id=010300 handle=0x0123 status=0x0000" $T ||
	fail "no login to 010300 with handle 0x123"
grep -q "qla_rport_state: qla2xxx_emu.0 rport=0x21000024ff000003 port_id=010300 gpdb -> online" $T ||
	fail "P3 did not come online on P1 through GET_PORT_DATABASE"
show_fabric

echo "== RSCN only after SCR"
host_of $P2 H2
host_of $P3 H3
for r in /sys/class/fc_remote_ports/rport-*; do echo 3 > "$r/dev_loss_tmo"; done
echo none > /sys/class/scsi_host/$H3/role
gone() { is_rport "$1" $P3 none || is_rport "$1" $P3 "Not Present"; }
wait_for 30 "P3 gone from P1 and P2" eval 'gone $H1 && gone $H2'
# P3 relogged in to the fabric with no role: no SCR since
echo > $T
echo "$P2" > $CTL/link_down
wait_for 20 "$P2 Blocked on host1" is_rport "$H1" $P2 Blocked
grep -q "qla2xxx_emu.0 event=RSCN mb1=0x0001 mb2=0x0200" $T || fail "P1 got no RSCN for 010200"
sleep 1
if grep -q "in rscn s_id=fffffd d_id=010300" $T; then fail "P3 got an RSCN without SCR"; fi
if grep -q "qla2xxx_emu.2 event=RSCN" $T; then fail "P3's firmware reported an RSCN"; fi
echo "$P2" > $CTL/link_up
echo initiator > /sys/class/scsi_host/$H3/role
wait_for 30 "3 ports in a full mesh again" mesh 3
grep -q "out scr s_id=010300 d_id=fffffd" $T || fail "P3 sent no SCR with a role again"

rmmod qla2xxx
echo "ok: NPORT_USED and PORTID_USED retried, rports online; RSCN only to registered ports"
