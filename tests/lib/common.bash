# The one set of helpers every integration test and bench guest script shares (sourced,
# not run). Under TCG every fork costs tens of milliseconds, so what runs in a polling
# loop uses bash builtins only.
#
# Names: a "host" is always a SCSI host name, hostN (as in /sys/class/scsi_host/hostN);
# HOSTS is always a list of such names in port order. The fc_host of host h is the
# directory "$FC_HOST/$h"; no variable holds a list of such paths.
# shellcheck shell=bash

TRACING=/sys/kernel/tracing
FC_HOST=/sys/class/fc_host

# fail MESSAGE: say what failed (stderr), show the end of the kernel log
# (FAIL_DMESG_LINES lines, 30 unless set; 0 for none) and, when the qla2xxx events are
# there, the end of the trace (kept whole under $QLAT_RUN when the harness gives one),
# and stop the script with status 1. In a subshell it stops the subshell only.
fail() {
	local n=${FAIL_DMESG_LINES:-30}
	echo "FAIL: $*" >&2
	{
		((n == 0)) || dmesg | tail -n "$n"
		if [ "$n" -ne 0 ] && [ -e "$TRACING/events/qla2xxx/enable" ]; then
			if [ -n "${QLAT_RUN:-}" ] && [ -d "$QLAT_RUN" ] &&
				cat "$TRACING/trace" >"$QLAT_RUN/trace" 2>/dev/null; then
				echo "qla2xxx trace: $QLAT_RUN/trace"
			fi
			echo "-- last trace lines:"
			grep -v '^#' "$TRACING/trace" 2>/dev/null | tail -n 40
		fi
	} >&2
	exit 1
}

# wait_for SECONDS WHAT COMMAND...: run COMMAND every 0.1 s until it succeeds. Once
# SECONDS have passed it runs COMMAND one last time, after the deadline, and fails
# (fail "timed out ...") only if that last try fails too: a guest descheduled across
# the deadline still gets a look at the state it waited for. COMMAND must look again
# each time it runs (a function or `eval '...'`, not a value computed once). In a guest
# of tests/vm/run, SECONDS is multiplied by QLAT_SLOW (3 on the debug kernel).
wait_for() {
	local secs=$(($1 * ${QLAT_SLOW:-1})) what=$2
	local end=$((SECONDS + secs))
	shift 2
	while ((SECONDS < end)); do
		"$@" && return 0
		sleep 0.1
	done
	"$@" && return 0
	fail "timed out after ${secs}s waiting for: $what"
}

# rd FILE VAR: the first line of FILE into VAR (empty when FILE cannot be read); a
# builtin read, no fork
rd() {
	local -n _v=$2
	_v=
	read -r _v <"$1" 2>/dev/null || true
}

# colon 0x21000024ff000001: 21:00:00:24:ff:00:00:01, a WWN as configfs names it
colon() {
	local w=${1#0x} out=
	while [ -n "$w" ]; do
		out+=${out:+:}${w:0:2}
		w=${w:2}
	done
	echo "$out"
}

# naa 0x21000024ff000001: naa.21000024ff000001, a WWN as targetcli names it
naa() { echo "naa.${1#0x}"; }

# traced REGEX: whether the trace has a line matching REGEX
traced() { grep -E "$1" "$TRACING/trace" >/dev/null; }
