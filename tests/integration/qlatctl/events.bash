# Shared by the qlatctl event tests (50-watch, 60-serve-events); sourced after lib.bash.
# An emulated SAN of three qla2xxx ports, all roles off: T (target), A and B (initiators
# to be). T exports one ramdisk with generate_node_acls=0 and an ACL for A only.

# shellcheck source=tests/lib/san.bash
. "${BASH_SOURCE[0]%/*}/../../lib/san.bash"

# event_san: sets T A B (scsi host names), TN AN BN (host numbers), TW AW BW (naa WWPNs),
# TPG (T's TPG directory in configfs)
event_san() {
	local h hosts=() wwpns=()
	modprobe qla2xxx emu_ports=3 role=none
	SAN_UP=1
	for h in "$FC_HOST"/host*; do
		hosts+=("${h##*/}")
		wwpns+=("$(naa "$(cat "$h/port_name")")")
	done
	[ ${#hosts[@]} -eq 3 ] || fail "expected 3 fc_hosts, found ${#hosts[@]}"
	T=${hosts[0]} A=${hosts[1]} B=${hosts[2]}
	TN=${T#host} AN=${A#host} BN=${B#host}
	TW=${wwpns[0]} AW=${wwpns[1]} BW=${wwpns[2]}
	echo target >"/sys/class/scsi_host/$T/role"
	modprobe tcm_qla2xxx
	targetcli >"$W/targetcli.log" 2>&1 <<-TCLI || { cat "$W/targetcli.log" >&2; fail "targetcli"; }
	set global auto_save_on_exit=false
	/backstores/ramdisk create name=rd0 size=8M
	/qla2xxx create $TW
	/qla2xxx/$TW set attribute generate_node_acls=0
	/qla2xxx/$TW/luns create /backstores/ramdisk/rd0
	/qla2xxx/$TW/acls create $AW
	exit
	TCLI
	TPG=$CFS/qla2xxx/$(echo "${TW#naa.}" | sed -e 's/../&:/g' -e 's/:$//')/tpgt_1
	[ "$(cat "$TPG/attrib/generate_node_acls")" = 0 ] || fail "generate_node_acls is not 0"
	echo "target $TW ($T), A $AW ($A, ACL), B $BW ($B, no ACL)"
}

# port_id HOST: the port's N_Port ID as the events spell it (0x010200)
port_id() { printf '0x%06x' "$(cat "/sys/class/fc_host/$1/port_id")"; }

# has_session WWPN: whether T's TPG shows a session for that initiator's ACL
has_session() {
	local d
	d=$TPG/acls/$(echo "${1#naa.}" | sed -e 's/../&:/g' -e 's/:$//')
	[ -e "$d/info" ] && ! grep -q "^No active" "$d/info"
}

# event_san_down: everything off and both modules unloaded (once; again does nothing)
event_san_down() {
	local h
	[ -n "${SAN_UP:-}" ] || return 0
	SAN_UP=
	for h in "$B" "$A"; do
		echo none >"/sys/class/scsi_host/$h/role" 2>/dev/null || true
	done
	targetctl clear >/dev/null 2>&1 || true
	rmdir "$CFS/qla2xxx" 2>/dev/null || true
	echo none >"/sys/class/scsi_host/$T/role" 2>/dev/null || true
	modprobe -r tcm_qla2xxx || fail "tcm_qla2xxx does not unload"
	modprobe -r qla2xxx || fail "qla2xxx does not unload"
}

# count FILE EVENT [KEY=VALUE...]: how many JSON lines of FILE are that event with those
# values (numbers compared as text)
count() {
	python3 - "$@" <<-'PY'
	import json, sys
	path, event, *conds = sys.argv[1:]
	want = dict(c.split("=", 1) for c in conds)
	n = 0
	for line in open(path):
	    try:
	        e = json.loads(line)
	    except ValueError:
	        continue
	    if e.get("event") == event and all(str(e.get(k)).lower() == v.lower() for k, v in want.items()):
	        n += 1
	print(n)
	PY
}

# seen FILE EVENT [KEY=VALUE...]: whether FILE has at least one such line (for wait_for)
seen() { [ "$(count "$@")" -gt 0 ]; }
