#!/bin/sh
# A scripted peer for the qlat-admin connection tests: answers JSON-lines requests the way
# `qlatctl serve` is expected to, from canned replies. It is NOT qlatctl serve; the tests use it
# because that does not exist yet. Verbs: read_tree, list_ports, list_sessions, plan, apply,
# save (canned answers); fail (an error reply); die (exits 3 with a message on stderr);
# anything else is an "unknown verb" error. A first argument "noisy" sends a line without id
# and a non-JSON line before the first reply.
noisy=${1:-}
while IFS= read -r line; do
	id=$(printf '%s\n' "$line" | sed -n 's/.*"id":\([0-9][0-9]*\).*/\1/p')
	verb=$(printf '%s\n' "$line" | sed -n 's/.*"verb":"\([a-z_]*\)".*/\1/p')
	if [ "$noisy" = noisy ]; then
		echo '{"message":"progress 1/2"}'
		echo 'not json'
		noisy=
	fi
	case $verb in
	read_tree)
		echo "{\"id\":$id,\"ok\":true,\"result\":{\"config\":{\"storage_objects\":[{\"plugin\":\"ramdisk\",\"name\":\"r0\",\"size\":1048576,\"attributes\":{}}],\"targets\":[{\"fabric\":\"qla2xxx\",\"wwn\":\"naa.21000024ff000001\",\"tpgs\":[{\"tag\":1,\"enable\":true,\"attributes\":{},\"luns\":[],\"node_acls\":[]}]}]}}}" ;;
	list_ports)
		echo "{\"id\":$id,\"ok\":true,\"result\":{\"ports\":[{\"wwpn\":\"naa.21000024ff000001\",\"wwnn\":\"naa.20000024ff000001\",\"role\":\"target\",\"link_state\":\"Online\",\"speed\":\"8 Gbit\",\"target_enabled\":true}]}}" ;;
	list_sessions)
		echo "{\"id\":$id,\"ok\":true,\"result\":{\"sessions\":[{\"port\":\"naa.21000024ff000001\",\"initiator\":\"naa.21000024ff100001\",\"nport_id\":\"0x010100\"}]}}" ;;
	plan)
		echo "{\"id\":$id,\"ok\":true,\"result\":{\"operations\":[{\"preview\":\"planned by peer\"}]}}" ;;
	apply)
		echo "{\"id\":$id,\"ok\":true,\"result\":{\"executed\":1}}" ;;
	save)
		echo "{\"id\":$id,\"ok\":true,\"result\":{\"path\":\"/etc/rtslib-fb-target/saveconfig.json\"}}" ;;
	fail)
		echo "{\"id\":$id,\"ok\":false,\"error\":\"configfs: /sys/kernel/config/target/qla2xxx: Permission denied\"}" ;;
	die)
		echo "qlatctl: lost the configfs mount" >&2
		exit 3 ;;
	*)
		echo "{\"id\":$id,\"ok\":false,\"error\":{\"message\":\"unknown verb '$verb'\"}}" ;;
	esac
done
