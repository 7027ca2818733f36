# Helpers for the qla2xxx integration tests (sourced, not run). Under TCG every
# fork costs tens of milliseconds, so these use bash builtins only.
CTL=/sys/class/qla2xxx_emu/ctl

fail() {
	echo "FAIL: $*" >&2
	exit 1
}

rd() { # rd FILE VAR: read the first line of FILE into VAR
	local -n _v=$2
	_v=
	read -r _v <"$1" || true
}

# wait_for SECONDS DESCRIPTION COMMAND...: poll COMMAND every 0.1 s
wait_for() {
	local secs=$1 what=$2 end
	shift 2
	end=$((SECONDS + secs))
	while ((SECONDS < end)); do
		"$@" && return 0
		sleep 0.1
	done
	"$@" && return 0
	fail "timed out after ${secs}s waiting for: $what"
}

# scan: HOSTS=(fc_host dirs of our driver), NAME[h] ID[h] STATE[h], and
# RPORTS[h]="port_name port_id state;..." for every host h
scan() {
	local h r hn v pn pi ps
	HOSTS=()
	declare -gA NAME=() ID=() STATE=() RPORTS=()
	for h in /sys/class/fc_host/host*; do
		[ -e "$h" ] || continue
		hn=${h##*/}
		rd "/sys/class/scsi_host/$hn/proc_name" v
		[ "$v" = qla2xxx ] || continue
		HOSTS+=("$h")
		rd "$h/port_name" NAME[$h]
		rd "$h/port_id" ID[$h]
		rd "$h/port_state" STATE[$h]
		RPORTS[$h]=
		for r in /sys/class/fc_remote_ports/rport-"${hn#host}":*; do
			[ -e "$r" ] || continue
			rd "$r/port_name" pn
			rd "$r/port_id" pi
			rd "$r/port_state" ps
			RPORTS[$h]+="$pn $pi $ps;"
		done
	done
}

host_of() { # host_of WWPN VAR: VAR = the fc_host dir with that port_name
	local -n _o=$2
	local h
	_o=
	scan
	for h in "${HOSTS[@]}"; do
		[ "${NAME[$h]}" = "$1" ] && _o=$h
	done
	[ -n "$_o" ]
}

online_count() { # online_count VAR
	local -n _n=$1
	local h
	_n=0
	for h in "${HOSTS[@]}"; do
		[ "${STATE[$h]}" = Online ] && _n=$((_n + 1))
	done
	return 0
}

# mesh N: N hosts Online, each listing the other N-1 Online with matching ids
mesh() {
	local n=$1 h o c
	scan
	online_count c
	[ "$c" -eq "$n" ] || return 1
	for h in "${HOSTS[@]}"; do
		for o in "${HOSTS[@]}"; do
			[ "$h" = "$o" ] && continue
			[[ ${RPORTS[$h]} == *"${NAME[$o]} ${ID[$o]} Online;"* ]] || return 1
		done
	done
}

# rport_state HOST WWPN: prints the state of that rport on HOST, or "none"
rport_state() {
	local e rest
	scan
	local IFS=';'
	for e in ${RPORTS[$1]}; do
		if [[ $e == "$2 "* ]]; then
			rest=${e##* }
			echo "$rest"
			return 0
		fi
	done
	echo none
}

is_rport() { # is_rport HOST WWPN STATE
	local e
	scan
	if [ "$3" = none ]; then
		[[ ${RPORTS[$1]} != *"$2 "* ]]
	else
		[[ ${RPORTS[$1]} == *"$2 "*" $3;"* ]] && {
			local IFS=';'
			for e in ${RPORTS[$1]}; do
				[[ $e == "$2 "*" $3" ]] && return 0
			done
			return 1
		}
	fi
}

show() {
	local h
	scan
	for h in "${HOSTS[@]}"; do
		echo "${h##*/}: ${NAME[$h]} ${ID[$h]} ${STATE[$h]}: ${RPORTS[$h]}"
	done
}

tracing_on() {
	mountpoint -q /sys/kernel/tracing || mount -t tracefs nodev /sys/kernel/tracing
	echo > /sys/kernel/tracing/trace
	echo 1 > /sys/kernel/tracing/events/qla2xxx/enable
	# the emulated fabric's frames (qla2xxx_emu.ko)
	echo 1 > /sys/kernel/tracing/events/qla2xxx_emu/enable
	echo 1 > /sys/kernel/tracing/tracing_on
}
