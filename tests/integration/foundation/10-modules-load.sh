#!/bin/bash
# The foundation test: our modules shadow Debian's (qla2xxx_emu, which Debian lacks,
# is found in updates/ too), the fabric registers, and both unload cleanly (the
# harness checks the guest log).
# vm-args: --timeout 300
set -euo pipefail
kver=$(uname -r)

for m in qla2xxx qla2xxx_emu tcm_qla2xxx; do
	file=$(modinfo -F filename "$m")
	echo "modinfo $m: $file"
	case "$file" in
	/lib/modules/$kver/updates/*) ;;
	*) echo "FAIL: $m resolves to $file, not to updates/" >&2; exit 1 ;;
	esac
done

modprobe tcm_qla2xxx
# As rtslib does: the fabric's directory appears when it is made.
mkdir -p /sys/kernel/config/target/qla2xxx
version_file=/sys/kernel/config/target/qla2xxx/version
[ -r "$version_file" ] || { echo "FAIL: $version_file is missing" >&2; exit 1; }
version=$(cat "$version_file")
echo "fabric version: $version"
want=$(modinfo -F version tcm_qla2xxx)
case "$version" in
*"qlat tcm_qla2xxx $want "*) ;;
*) echo "FAIL: version file does not name tcm_qla2xxx $want" >&2; exit 1 ;;
esac
lsmod | grep -q '^qla2xxx ' || modprobe qla2xxx
grep -q '^tcm_qla2xxx ' /proc/modules || { echo "FAIL: tcm_qla2xxx not loaded" >&2; exit 1; }

rmdir /sys/kernel/config/target/qla2xxx 2>/dev/null || true
rmdir /sys/kernel/config/target/core 2>/dev/null || true
rmmod tcm_qla2xxx
rmmod qla2xxx
if grep -qE '^(tcm_)?qla2xxx ' /proc/modules; then
	echo "FAIL: a module is still loaded" >&2
	exit 1
fi
echo "ok: modules loaded from updates/, fabric version read back, both unloaded"
