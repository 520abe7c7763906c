#!/bin/busybox sh
# kit-in-guest.sh [none|model]: run the SNP host kit's snp-validate in the
# QEMU guest. tests/guest-init.sh calls it with "none" (no SNP: every SNP
# check must skip, exit 4). "model" (the default when soft_snp= is on the
# command line) is for the software SNP platform: mode kit of
# tests/soft-snp-init.sh (scripts/gate-soft-snp-kit.sh).
# kvm_amd must be loaded. The kit is at /kit (scripts/initramfs.sh puts it
# there).
# The guest only runs and reports: "KIT: ..." lines, and each report file
# between "=== kit-report CASE FILE ===" and "=== kit-report end ===".
# scripts/kit-guest-check.sh checks all of it on the host.
mode=${1:-}
if [ -z "$mode" ]; then
	mode=none
	grep -q 'soft_snp=' /proc/cmdline && mode=model
fi
kit=/kit
echo "KIT: mode $mode"
# devtmpfs has no /dev/stdout; run_kselftest.sh writes the tests' output there.
[ -e /dev/fd ] || ln -s /proc/self/fd /dev/fd
for i in 0:stdin 1:stdout 2:stderr; do
	[ -e /dev/${i#*:} ] || ln -s /proc/self/fd/${i%:*} /dev/${i#*:}
done
if [ ! -x $kit/snp-validate ]; then
	echo "KIT: no kit in the initramfs"
	exit 0
fi

# run CASE COMMAND...: exit status, first lines of stderr, and whether the
# report directory /tmp/kit-CASE was made.
run() {
	c=$1
	shift
	t0=$(cut -d' ' -f1 /proc/uptime)
	"$@" >/tmp/kit-$c.out 2>/tmp/kit-$c.err
	echo "KIT: case $c exit $? after $(awk -v s="$t0" '{ printf "%.0f", $1 - s }' /proc/uptime) s"
	head -n 3 /tmp/kit-$c.err | sed "s/^/KIT: case $c stderr: /"
	[ -d /tmp/kit-$c ] && echo "KIT: case $c report made" || echo "KIT: case $c no report"
}
dump() { # dump CASE FILE...
	c=$1
	shift
	for f in "$@"; do
		[ -f /tmp/kit-$c/$f ] || continue
		echo "=== kit-report $c $f ==="
		cat /tmp/kit-$c/$f
		echo "=== kit-report end ==="
	done
}
sums() { find /tmp/kit-main -type f | sort | xargs md5sum | md5sum | cut -d' ' -f1; }

# On the software SNP platform no encrypted guest runs, and sev_smoke_test
# stops at its SEV part; sev_init2_tests gives SNP guests a firmware page,
# so their destruction asks for an RMPOPT rescan.
[ "$mode" = none ] || export SNP_VALIDATE_GUEST_TEST=${SNP_VALIDATE_GUEST_TEST:-sev_init2_tests}
run main sh $kit/snp-validate -o /tmp/kit-main
dump main $(cd /tmp/kit-main 2>/dev/null && ls)
before=$(sums)

# Bad input: one clear message each, exit 2, no report, nothing deleted.
mkdir -p /etc
grep -q '^nobody:' /etc/passwd 2>/dev/null || echo 'nobody:x:65534:65534:nobody:/:/bin/sh' >>/etc/passwd
grep -q '^nogroup:' /etc/group 2>/dev/null || echo 'nogroup:x:65534:' >>/etc/group
run nonroot su -s /bin/sh nobody -c "sh $kit/snp-validate -o /tmp/kit-nonroot"
if [ "$mode" = none ]; then
	mv /dev/kvm /dev/kvm.kit-hidden
	run nokvm sh $kit/snp-validate -o /tmp/kit-nokvm
	mv /dev/kvm.kit-hidden /dev/kvm
	rmmod kvm_amd
	run nokvmamd sh $kit/snp-validate -o /tmp/kit-nokvmamd
	modprobe kvm_amd
	[ -c /dev/kvm ] && echo "KIT: kvm_amd back" || echo "KIT: kvm_amd not back"
fi
[ "$(sums)" = "$before" ] && echo "KIT: main report unchanged" || echo "KIT: main report changed"

# Negative control: the SNP host checks forced on without SNP must fail
# (no hotplug refusal here), and leave every CPU online.
if [ "$mode" = none ]; then
	online=$(cat /sys/devices/system/cpu/online)
	run forced sh $kit/snp-validate -o /tmp/kit-forced --force-snp-checks --no-selftests
	echo "KIT: forced online $online -> $(cat /sys/devices/system/cpu/online)"
	dump forced results.tsv actions.log
fi
echo "KIT: done"
