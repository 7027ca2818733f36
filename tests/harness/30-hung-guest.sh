#!/bin/bash
# Harness self-test (runs on the host): a guest that never finishes is killed at the
# timeout with a clear message and exit status 124, and leaves the stacks of its tasks,
# saved shortly before the kill, where the message says.
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cat >"$tmp/hang.sh" <<'GUEST'
#!/bin/bash
echo "guest: hanging"
sleep 100000
GUEST
chmod +x "$tmp/hang.sh"
rc=0
start=$SECONDS
"$repo/tests/vm/run" --timeout 70 "$tmp/hang.sh" >"$tmp/out" 2>&1 || rc=$?
cat "$tmp/out"
[ "$rc" -eq 124 ] || { echo "FAIL: tests/vm/run exited $rc, expected 124" >&2; exit 1; }
grep -q 'did not finish within 70s and was killed' "$tmp/out" ||
	{ echo "FAIL: no clear timeout message" >&2; exit 1; }
[ $((SECONDS - start)) -lt 110 ] || { echo "FAIL: the kill came late" >&2; exit 1; }
hang=$(sed -n 's/.*task states near the deadline: \([^,]*\),.*/\1/p' "$tmp/out")
[ -n "$hang" ] || { echo "FAIL: the timeout message names no task-state dump" >&2; exit 1; }
grep -q 'task:sleep .*state:S' "$hang" ||
	{ echo "FAIL: $hang does not show the hanging script's sleep" >&2; exit 1; }
grep -q 'task:sleep .*state:S' "${hang%/hang}/console" ||
	{ echo "FAIL: the console does not show the hanging script's sleep" >&2; exit 1; }
echo "ok: a hung guest is killed at the timeout, its task states saved in $hang"
