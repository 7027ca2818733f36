#!/bin/bash
# Harness self-test (runs on the host): the guest script's exit status is tests/vm/run's.
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cat >"$tmp/exit3.sh" <<'GUEST'
#!/bin/bash
echo "guest: $(uname -r), exiting 3"
exit 3
GUEST
chmod +x "$tmp/exit3.sh"
rc=0
"$repo/tests/vm/run" --timeout 120 "$tmp/exit3.sh" >"$tmp/out" 2>&1 || rc=$?
cat "$tmp/out"
[ "$rc" -eq 3 ] || { echo "FAIL: tests/vm/run exited $rc, expected 3" >&2; exit 1; }
grep -q '^guest: 6\.1\..*, exiting 3$' "$tmp/out" || { echo "FAIL: the guest's output was not shown" >&2; exit 1; }
echo "ok: a guest script exiting 3 makes tests/vm/run exit 3"
