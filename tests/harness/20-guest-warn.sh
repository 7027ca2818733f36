#!/bin/bash
# Harness self-test (runs on the host): a kernel WARN in the guest fails the run, and the
# message names the log line, although the guest script itself succeeds.
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
build=${QLAT_BUILD:-$repo/build}
kver=$("$repo/scripts/kver")
mod=$build/selftest/warnmod
mkdir -p "$mod"
cp "$repo/tests/harness/warnmod/"{Kbuild,qlat_warn_selftest.c} "$mod/"
make -s -C "/lib/modules/$kver/build" M="$mod" modules >"$mod/build.log" 2>&1 ||
	{ cat "$mod/build.log"; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cat >"$tmp/warn.sh" <<GUEST
#!/bin/bash
insmod $mod/qlat_warn_selftest.ko
rmmod qlat_warn_selftest
echo "guest: module loaded and unloaded"
GUEST
chmod +x "$tmp/warn.sh"
rc=0
"$repo/tests/vm/run" --timeout 120 "$tmp/warn.sh" >"$tmp/out" 2>&1 || rc=$?
cat "$tmp/out"
[ "$rc" -ne 0 ] || { echo "FAIL: tests/vm/run passed a guest that WARNed" >&2; exit 1; }
grep -q 'guest log shows a kernel problem: .*WARNING: .*qlat_warn_selftest' "$tmp/out" ||
	{ echo "FAIL: the failure message does not name the WARNING line" >&2; exit 1; }
echo "ok: a guest WARN fails the run (exit $rc) and names the line"
