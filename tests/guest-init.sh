#!/bin/busybox sh
# /init of the test initramfs. Prints "RESULT PASS|FAIL|SKIP name (detail)"
# lines, the kernel log between markers, then powers off. The host parses it.
/bin/busybox --install -s /bin
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev 2>/dev/null
mount -t tmpfs tmpfs /tmp
mount -t debugfs debugfs /sys/kernel/debug 2>/dev/null
export PATH=/bin:/sbin

result() { echo "RESULT $*"; }
echo "GUEST: up after $(cut -d' ' -f1 /proc/uptime) s"

# Negative control for the kernel-log gate (never in the normal run): one
# deliberate lockdep report, and no selftests.
control=
if grep -q 'snp_test.lockdep_control' /proc/cmdline; then
	control=1
	modprobe test_lockdep_control && echo "GUEST: test_lockdep_control loaded"
fi

if modprobe kvm_amd && [ -c /dev/kvm ]; then
	result PASS boot/kvm_amd-load
else
	result FAIL boot/kvm_amd-load "modprobe kvm_amd failed or no /dev/kvm"
fi

# CPU hotplug must work while SNP is not active (it never is under TCG).
hotplug() {
	f=/sys/devices/system/cpu/cpu1/online
	[ -f $f ] || { result FAIL boot/cpu-hotplug "no $f"; return; }
	all=$(cat /sys/devices/system/cpu/online)
	echo 0 >$f || { result FAIL boot/cpu-hotplug "offlining cpu1 failed"; return; }
	off=$(cat /sys/devices/system/cpu/online)
	echo 1 >$f || { result FAIL boot/cpu-hotplug "onlining cpu1 failed"; return; }
	back=$(cat /sys/devices/system/cpu/online)
	if [ "$off" != "$all" ] && [ "$back" = "$all" ]; then
		result PASS boot/cpu-hotplug "online: $all -> $off -> $back"
	else
		result FAIL boot/cpu-hotplug "online: $all -> $off -> $back"
	fi
}
hotplug

if [ -c /dev/kvm ] && [ -z "$control" ]; then
	while read -r name reason; do
		case $name in ''|'#'*) continue ;; esac
		result SKIP "selftest/$name" "deny list: $reason"
	done </tests/selftests.deny
	while read -r name; do
		case $name in ''|'#'*) continue ;; esac
		echo "GUEST: running $name"
		start=$(cut -d' ' -f1 /proc/uptime)
		(cd /tests/kvm && timeout 300 "./$name") >/tmp/out 2>&1
		rc=$?
		secs=$(awk -v s="$start" '{ printf "%.0f", $1 - s }' /proc/uptime)
		case $rc in
		0) result PASS "selftest/$name" "${secs}s" ;;
		4) result SKIP "selftest/$name" "$(grep -m1 -i 'skip' /tmp/out | cut -c1-160)" ;;
		*) sed "s|^|  $name: |" /tmp/out | tail -n 30
		   result FAIL "selftest/$name" "exit $rc after ${secs}s" ;;
		esac
	done </tests/selftests.list
fi

# The SNP host kit's snp-validate; scripts/kit-guest-check.sh checks its report.
[ -n "$control" ] || sh /tests/kit-in-guest.sh none

echo "=== dmesg begin ==="
dmesg
echo "=== dmesg end ==="
echo "GUEST: done"
poweroff -f
