#!/bin/busybox sh
# /init of the software SNP platform boots (rdinit=/tests/soft-snp-init.sh),
# run by scripts/gate-soft-snp.sh. The kernel is the main build booted with
# soft_snp=..., so the real x86/sev, ccp and kvm_amd SNP code runs against
# the model (CONFIG_SOFT_SNP). soft_snp_test.mode= picks the tests:
#   main     SNP init and shutdown, hotplug freeze, RMPOPT, failure paths
#   nox86    firmware without X86_SNP_SHUTDOWN (soft_snp=...,nox86shutdown)
#   kexec    booted as after kexec with SnpEn set (soft_snp=...,kexec)
#   kexec_offline  the same with maxcpus=3: one CPU present but offline
#   suspend  suspend while SNP is enabled
#   control  the model misbehaves on purpose: two tests must fail
#   bench    make bench: the cost of RMPOPT region tracking (BENCH lines)
#   selftests  the KVM SEV selftests against the platform (tests/soft-snp-selftests.sh)
#   fwcmds   the launch digest test, then every firmware command since boot
#            (scripts/gate-legacy-launch.sh compares two kernels by them)
#   kit      the SNP host kit's snp-validate (tests/kit-in-guest.sh model)
# Prints "RESULT PASS|FAIL|SKIP soft-snp/<mode>/<test> (detail)" lines, the
# kernel log between markers and "GUEST: done", then powers off.
/bin/busybox --install -s /bin
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev 2>/dev/null
mount -t tmpfs tmpfs /tmp
mount -t debugfs debugfs /sys/kernel/debug
export PATH=/bin:/sbin

D=/sys/kernel/debug/soft_snp
CPU=/sys/devices/system/cpu
mode=$(sed -n 's/.*soft_snp_test.mode=\([a-z0-9_]*\).*/\1/p' /proc/cmdline)
echo "GUEST: up after $(cut -d' ' -f1 /proc/uptime) s, soft-snp mode ${mode:-none}"

result() { # result PASS|FAIL|SKIP test [detail]
	status=$1 name=$2
	shift 2
	echo "RESULT $status soft-snp/$mode/$name${*:+ ($*)}"
}
check() { # check test detail condition: PASS if the shell condition holds
	if eval "$3"; then result PASS "$1" "$2"; else result FAIL "$1" "$2"; fi
}
note() { echo "GUEST: $*"; }

# ---- what the tests look at ----

# sev, sev_es and sev_snp of kvm_amd, e.g. "YYY".
kvm_params() {
	[ -d /sys/module/kvm_amd ] || { echo "not-loaded"; return; }
	echo "$(cat /sys/module/kvm_amd/parameters/sev)$(cat /sys/module/kvm_amd/parameters/sev_es)$(cat /sys/module/kvm_amd/parameters/sev_snp)"
}
fw() { awk -v k="$1" '$1 == k { print $2 }' $D/status; }
# "state N is_rmp_initialized N ..." from SNP_PLATFORM_STATUS via /dev/sev.
snp_field() { snp-status 2>/dev/null | awk -v k="$1" '{ for (i = 1; i < NF; i++) if ($i == k) print $(i + 1) }'; }

# Offline or online a CPU; prints "ok" or the error of the write.
set_online() { # set_online CPU 0|1
	if echo "$2" 2>/tmp/err >$CPU/cpu$1/online; then echo ok; else sed 's/.*: //' /tmp/err; fi
}
# One thread per core: the first of each thread_siblings_list.
primary_threads() {
	cat $CPU/cpu[0-9]*/topology/thread_siblings_list 2>/dev/null | sed 's/[,-].*//' | sort -un
}
ncores() { primary_threads | wc -l; }
# The debugfs files have lines "<kind> <id> key value key value ...".
kv() { # kv FILE KIND ID KEY
	awk -v a="$2" -v b="$3" -v k="$4" '$1 == a && $2 == b { for (i = 3; i < NF; i++) if ($i == k) { print $(i + 1); exit } }' "$1"
}
kv_sum() { # kv_sum FILE KIND KEY
	awk -v a="$2" -v k="$3" '$1 == a { for (i = 3; i < NF; i++) if ($i == k) n += $(i + 1) } END { print n + 0 }' "$1"
}
cpu_field() { kv $D/rmpopt cpu "$1" "$2"; }
region_field() { kv $D/rmpopt region "$1" "$2"; }
regions() { awk '$1 == "region" { print $2 }' $D/rmpopt; }
total_runs() { kv_sum $D/rmpopt region runs; }
total_ud() { kv_sum $D/rmpopt cpu ud; }
total_msr_writes() { kv_sum $D/rmpopt cpu msr_writes; }
reset_rmpopt() { echo 0 >$D/rmpopt; }
# Regions with RMPOPT runs, as "region:runs ...".
runs_by_region() { awk '$1 == "region" && $4 > 0 { printf "%s%s:%s", s, $2, $4; s = " " }' $D/rmpopt; }
# The RMPOPT window the kernel logged: "RMPOPT: enabled for [0x0 - 0x180000000) on 2 cores".
window_regions() {
	dmesg | sed -n 's/.*RMPOPT: enabled for \[\(0x[0-9a-f]*\) - \(0x[0-9a-f]*\)).*/\1 \2/p' | tail -n1 |
		{ read -r b e; [ -n "$e" ] && seq $(($b / 0x40000000)) $(($e / 0x40000000 - 1)); }
}
# Wait until the RMPOPT runs stop changing (a scan is over), at most $1 s.
settle_rmpopt() {
	last=-1 n=0
	while [ "$n" -lt "$1" ]; do
		now=$(total_runs)
		[ "$now" = "$last" ] && [ "$now" != 0 ] && return
		last=$now n=$((n + 1))
		sleep 1
	done
}
dmesg_since() { dmesg | tail -n +$(($1 + 1)); }
dmesg_lines() { dmesg | wc -l; }

load() { modprobe kvm_amd 2>/tmp/err || note "modprobe kvm_amd: $(cat /tmp/err)"; }
unload() { rmmod kvm_amd 2>/tmp/err || note "rmmod kvm_amd: $(cat /tmp/err)"; }

# ---- tests shared by the modes ----

test_platform() {
	check platform "$D" '[ -d "$D" ]'
	[ -d "$D" ] || return 1
	check firmware-uninit "snp_state $(fw snp_state) before kvm_amd" '[ "$(fw snp_state)" = uninit ]'
}

test_snp_on() { # test_snp_on NAME: kvm_amd loaded with SNP initialized
	p=$(kvm_params)
	check "$1/kvm_amd-sev-snp" "sev, sev_es, sev_snp: $p" '[ "$p" = YYY ]'
	st=$(snp_field state) rmp=$(snp_field is_rmp_initialized)
	check "$1/platform-status" "SNP_PLATFORM_STATUS via /dev/sev: state ${st:-?} is_rmp_initialized ${rmp:-?}" \
		'[ "$st" = 1 ] && [ "$rmp" = 1 ]'
}

test_hotplug_frozen() { # test_hotplug_frozen NAME
	r=$(set_online 1 0)
	[ "$r" = ok ] && set_online 1 1 >/dev/null
	check "$1/hotplug-frozen" "offlining cpu1: $r" '[ "$r" = "Device or resource busy" ]'
}

test_hotplug_works() { # test_hotplug_works NAME
	off=$(set_online 1 0) on=$(set_online 1 1)
	check "$1/hotplug-works" "cpu1 offline: $off, online: $on" '[ "$off" = ok ] && [ "$on" = ok ]'
}

# The invariant the hotplug freeze protects: every present CPU has SnpEn
# (and the rest of the SYSCFG SNP needs) while SNP is enabled.
test_snpen_all_cpus() { # test_snpen_all_cpus NAME
	bad=
	for c in $(awk '$1 == "cpu" { print $2 }' $D/cpus); do
		v="$(kv $D/cpus cpu "$c" snp_en)$(kv $D/cpus cpu "$c" vmpl_en)$(kv $D/cpus cpu "$c" mfdm)"
		[ "$v" = 111 ] || bad="$bad cpu$c(SnpEn,VmplEn,MFDM=$v)"
	done
	check "$1/snpen-all-cpus" "${bad:-every present CPU has SnpEn, VmplEn, MFDM}" '[ -z "$bad" ]'
}

# RMPOPT_BASE written once, with base | enable, on one thread of each core.
test_rmpopt_programmed() { # test_rmpopt_programmed NAME
	bad= good=0
	for c in $(ls -d $CPU/cpu[0-9]* | sed 's/.*cpu//' | sort -n); do
		w=$(cpu_field "$c" msr_writes) last=$(cpu_field "$c" msr_last)
		if primary_threads | grep -qx "$c"; then
			if [ "$w" = 1 ] && [ $((last & 1)) = 1 ]; then good=$((good + 1)); else bad="$bad cpu$c:$w:$last"; fi
		elif [ "$w" != 0 ]; then
			bad="$bad cpu$c:$w:$last"
		fi
	done
	check "$1/rmpopt-base-once-per-core" "${bad:+wrong (cpu:writes:value):$bad; }$good of $(ncores) cores programmed" \
		'[ -z "$bad" ] && [ "$good" = "$(ncores)" ]'
}

# Check the RMPOPT runs since the last reset: exactly one per core in each
# region given, none anywhere else, no #UD; and in the kernel's window no
# programmed core is still owed a run (an RMPUPDATE or PSMASH there since
# its last run: pending). Sets $bad.
rmpopt_audit() { # rmpopt_audit REGION...
	want=$(ncores) bad=
	win=$(window_regions)
	[ -n "$win" ] || bad=" no RMPOPT window in the kernel log"
	for r in $(regions); do
		runs=$(region_field "$r" runs) pend=$(region_field "$r" pending)
		if echo " $* " | grep -q " $r "; then
			[ "$runs" = "$want" ] || bad="$bad region$r:runs=$runs,want=$want"
		else
			[ "$runs" = 0 ] || bad="$bad region$r:runs=$runs,want=0"
		fi
		if echo "$win" | grep -qx "$r"; then
			[ "$pend" = 0 ] || bad="$bad region$r:pending=$pend"
		fi
	done
	[ "$(total_ud)" = 0 ] || bad="$bad ud=$(total_ud)"
}

# Right after SNP init: the whole window, once per core. RMP changes after
# the scan started (the TMR, status pages) may leave regions pending for
# the next rescan, so pending is not checked here.
test_rmpopt_full_scan() { # test_rmpopt_full_scan NAME
	settle_rmpopt 20
	rmpopt_audit $(window_regions)
	bad=$(echo $bad | tr ' ' '\n' | grep -v pending | tr '\n' ' ')
	check "$1/rmpopt-full-scan" "window regions $(echo $(window_regions) | tr ' ' ,), runs $(runs_by_region)${bad:+, wrong: $bad}" \
		'[ -z "$bad" ]'
}

# A rescan request (what kvm-amd does when an SNP guest is gone); the
# kernel delays the scan by 10 s.
request_rescan() {
	echo 1 >$D/rmpopt_rescan
	sleep 11
	last=-1
	while [ "$(total_runs)" != "$last" ]; do
		last=$(total_runs)
		sleep 1
	done
}

# Regions of the window that a programmed core is still owed a run in.
pending_regions() {
	for r in $(window_regions); do
		[ "$(region_field "$r" pending)" = 0 ] || echo "$r"
	done
}

# Change the RMP in the given regions through rmp_make_private() and
# rmp_make_shared(), ask for a rescan and require RMPOPT to run in exactly
# the changed regions, once per core. Regions the kernel changed since the
# last scan (the TMR, status pages) are owed a run as well: the model says
# which (pending).
test_rmpopt_rescan() { # test_rmpopt_rescan NAME REGION...
	name=$1
	shift
	owed=$(echo $(pending_regions))
	reset_rmpopt
	if ! echo "$*" >$D/rmp_touch 2>/tmp/err; then
		result FAIL "$name" "rmp_touch $*: $(cat /tmp/err)"
		return
	fi
	request_rescan
	rmpopt_audit $(echo "$@" $owed | tr ' ' '\n' | sort -un)
	check "$name" "changed regions $*, owed before ${owed:-none}, runs $(runs_by_region)${bad:+, wrong:$bad}" '[ -z "$bad" ]'
}

test_accounting() { # test_accounting NAME: nothing assigned but the RMP and the TMR
	acc=$(awk '$1 == "accounting" { print $2 }' $D/rmp)
	other=$(awk '$1 == "assigned_other" { print $2 }' $D/rmp)
	tmr=$(awk '$1 == "firmware_tmr" { print $2 }' $D/rmp)
	check "$1/rmp-accounting" "accounting $acc, assigned_other $other, firmware_tmr $tmr" \
		'[ "$acc" = ok ] && [ "$other" = 0 ]'
}

# An illegal RMPUPDATE through the real rmpupdate() must be refused.
test_rmp_check() { # test_rmp_check NAME immutable|overlap
	if echo "$2" >$D/rmp_check 2>/tmp/err; then r=$(cat $D/rmp_check); else r="rmp_check: $(cat /tmp/err)"; fi
	check "$1/rmp-$2-refused" "$r" 'grep -q refused $D/rmp_check'
}

# ---- the modes ----

# test_failed_shutdown NAME LOG-MESSAGE FAULT...: with kvm_amd loaded, make
# the shutdown fail with the injected FAULTs ("<command> <error>", in the
# order the commands run). SNP must stay initialized with SnpEn set,
# hotplug frozen and RMPOPT_BASE kept; after a reload a rescan request
# must still scan.
test_failed_shutdown() {
	# Not "name": result() sets that one.
	fs=$1 log=$2
	shift 2
	load
	settle_rmpopt 20
	reset_rmpopt
	for f in "$@"; do echo "$f" >$D/fail_next; done
	n=$(dmesg_lines)
	unload
	msg=$(dmesg_since "$n" | grep -c "$log")
	check $fs/snp-stays "'$log' logged $msg times, snp_state $(fw snp_state)" \
		'[ "$msg" -ge 1 ] && [ "$(fw snp_state)" = init ]'
	test_hotplug_frozen $fs
	test_snpen_all_cpus $fs
	check $fs/rmpopt-base-kept "RMPOPT_BASE writes $(total_msr_writes)" \
		'[ "$(total_msr_writes)" = 0 ]'
	load
	test_snp_on $fs/reload
	reset_rmpopt
	echo 4 >$D/rmp_touch
	request_rescan
	check $fs/rescan-after-reload "changed region 4, runs $(runs_by_region), pending in region 4: $(region_field 4 pending)" \
		'[ "$(region_field 4 runs)" = "$(ncores)" ] && [ "$(region_field 4 pending)" = 0 ]'
	unload
	test_hotplug_works $fs/unload
}

# load_with_cpu_offline: load kvm_amd while a CPU is offline; sets p (the
# sev, sev_es, sev_snp parameters) and msg (how often the refusal was logged).
load_with_cpu_offline() {
	n=$(dmesg_lines)
	load
	p=$(kvm_params)
	msg=$(dmesg_since "$n" | grep -c 'SNP init failed: not all CPUs online')
}

mode_main() {
	test_platform || return

	# A CPU offline at SNP init: snp_prepare() refuses, and SEV stays off.
	r=$(set_online 1 0)
	load_with_cpu_offline
	check offline-cpu/init-refused "cpu1 offline: $r; sev, sev_es, sev_snp: $p; 'not all CPUs online' logged $msg times" \
		'[ "$r" = ok ] && [ "$p" = NNN ] && [ "$msg" -ge 1 ]'
	unload
	r=$(set_online 1 1)
	check offline-cpu/hotplug-after "onlining cpu1 after the refused init: $r" '[ "$r" = ok ]'

	# SNP init and what it sets up.
	reset_rmpopt
	load
	test_snp_on init
	test_hotplug_frozen init
	test_snpen_all_cpus init
	test_rmpopt_programmed init
	test_rmpopt_full_scan init
	test_accounting init
	test_rmp_check init immutable
	test_rmp_check init overlap
	test_rmpopt_rescan init/rmpopt-rescan-2-regions 0 4

	# Shutdown with X86_SNP_SHUTDOWN: SnpEn off, RMPOPT_BASE cleared, hotplug back.
	reset_rmpopt
	unload
	check shutdown/firmware-uninit "snp_state $(fw snp_state)" '[ "$(fw snp_state)" = uninit ]'
	bad=$(for c in $(awk '$1 == "cpu" { print $2 }' $D/cpus); do [ "$(kv $D/cpus cpu "$c" snp_en)" = 0 ] || echo "cpu$c"; done)
	check shutdown/snpen-cleared "${bad:+SnpEn still set on $bad}" '[ -z "$bad" ]'
	bad=$(for c in $(primary_threads); do [ "$(cpu_field "$c" msr_last)" = 0x0 ] || echo "cpu$c:$(cpu_field "$c" msr_last)"; done)
	check shutdown/rmpopt-base-cleared "$(total_msr_writes) writes${bad:+, not cleared: $bad}" \
		'[ -z "$bad" ] && [ "$(total_msr_writes)" = "$(ncores)" ]'
	test_hotplug_works shutdown

	# SNP_INIT_EX fails: snp_prepare() already set SnpEn, so hotplug stays
	# frozen and no RMPOPT is set up; a later load succeeds.
	reset_rmpopt
	echo "0x85 0x3" >$D/fail_next
	n=$(dmesg_lines)
	load
	p=$(kvm_params)
	msg=$(dmesg_since "$n" | grep -c 'SNP_INIT_EX failed')
	check init-ex-failure/sev-off "sev, sev_es, sev_snp: $p; 'SNP_INIT_EX failed' logged $msg times" \
		'[ "$p" = NNN ] && [ "$msg" -ge 1 ]'
	test_hotplug_frozen init-ex-failure
	check init-ex-failure/no-rmpopt "RMPOPT_BASE writes $(total_msr_writes), runs $(total_runs)" \
		'[ "$(total_msr_writes)" = 0 ] && [ "$(total_runs)" = 0 ]'
	unload
	reset_rmpopt
	load
	test_snp_on init-ex-failure/reload
	test_hotplug_frozen init-ex-failure/reload
	test_rmpopt_programmed init-ex-failure/reload
	unload
	test_hotplug_works init-ex-failure/unload

	# SNP_SHUTDOWN_EX fails, or the DF_FLUSH it asks for does (the review's
	# bug 1: RMPOPT scans stopped until reboot).
	test_failed_shutdown shutdown-ex-failure 'SEV-SNP firmware shutdown failed' "0x86 0x28"
	test_failed_shutdown df-flush-failure 'SEV-SNP DF_FLUSH failed' "0x86 0xf" "0x84 0x3"
	check final/firmware-uninit "snp_state $(fw snp_state)" '[ "$(fw snp_state)" = uninit ]'
}

mode_nox86() {
	test_platform || return
	load
	test_snp_on init
	settle_rmpopt 20
	reset_rmpopt
	unload
	check legacy-shutdown/firmware-uninit "snp_state $(fw snp_state)" '[ "$(fw snp_state)" = uninit ]'
	test_snpen_all_cpus legacy-shutdown
	test_hotplug_frozen legacy-shutdown
	check legacy-shutdown/rmpopt-base-kept "RMPOPT_BASE writes $(total_msr_writes)" \
		'[ "$(total_msr_writes)" = 0 ]'
	load
	test_snp_on reload
	test_hotplug_frozen reload
	check reload/rmpopt-base-not-rewritten "RMPOPT_BASE writes $(total_msr_writes)" \
		'[ "$(total_msr_writes)" = 0 ]'
	test_rmpopt_full_scan reload
	unload
	test_hotplug_frozen unload
}

# Booted as after kexec from a kernel with SNP enabled: SnpEn is set on
# every CPU, so hotplug is frozen from boot; snp_prepare() finds SNP
# enabled and SNP_INIT_EX must work without it; the x86 shutdown must
# thaw hotplug again (the freeze at boot is balanced).
mode_kexec() {
	test_platform || return
	test_snpen_all_cpus boot
	test_hotplug_frozen boot
	reset_rmpopt
	load
	test_snp_on init
	test_hotplug_frozen init
	test_rmpopt_programmed init
	unload
	test_hotplug_works shutdown
}

# The same with maxcpus=3: cpu3 is present but offline, and cannot come
# online while SnpEn is set; SNP init must be refused.
mode_kexec_offline() {
	test_platform || return
	test_hotplug_frozen boot
	r=$(set_online 3 1)
	check boot/offline-cpu-stays-offline "onlining cpu3: $r" '[ "$r" = "Device or resource busy" ]'
	load_with_cpu_offline
	check offline-cpu/init-refused "cpu3 offline after kexec; sev, sev_es, sev_snp: $p; 'not all CPUs online' logged $msg times; snp_state $(fw snp_state)" \
		'[ "$p" = NNN ] && [ "$msg" -ge 1 ] && [ "$(fw snp_state)" = uninit ]'
	unload
	note "after the refused init: SnpEn stays set, onlining cpu3: $(set_online 3 1)"
}

# Suspend and hibernate take CPUs down and up behind the hotplug freeze.
# With SNP enabled, suspend must be refused with EBUSY and a log line
# naming SNP; otherwise the CPUs come back without SnpEn and RMPOPT_BASE.
mode_suspend() {
	test_platform || return
	load
	test_snp_on init
	settle_rmpopt 20
	if [ ! -f /sys/power/pm_test ] || ! grep -qw mem /sys/power/state; then
		result SKIP suspend-refused "no pm_test or no mem in /sys/power/state: $(cat /sys/power/state 2>&1)"
		return
	fi
	note "mem_sleep: $(cat /sys/power/mem_sleep 2>&1)"
	[ -f /sys/module/suspend/parameters/pm_test_delay ] && echo 0 >/sys/module/suspend/parameters/pm_test_delay
	echo processors >/sys/power/pm_test
	n=$(dmesg_lines)
	if echo mem 2>/tmp/err >/sys/power/state; then r=ok; else r=$(sed 's/.*: //' /tmp/err); fi
	echo none >/sys/power/pm_test
	msg=$(dmesg_since "$n" | grep 'System sleep refused while SNP is enabled' | head -n1)
	check suspend-refused "echo mem > /sys/power/state: $r; PM notifier's line: ${msg:-none}" \
		'[ "$r" = "Device or resource busy" ] && [ -n "$msg" ]'
	note "CPUs after the suspend attempt:"
	sed 's/^/GUEST:   /' $D/cpus
	test_snpen_all_cpus after-suspend
	# From CPU0, the one CPU suspend leaves alone: an RMPUPDATE on a CPU
	# without SnpEn would be a #UD of its own.
	reset_rmpopt
	taskset 0x1 sh -c "echo 4 >$D/rmp_touch"
	request_rescan
	check after-suspend/rmpopt-on-programmed-cores "RMPOPT runs $(total_runs), on a core without RMPOPT_BASE (#UD): $(total_ud)" \
		'[ "$(total_ud)" = 0 ]'
	test_suspend_backstop
}

# The PM notifier's backstop, the CPU hotplug teardown callback: SNP enabled
# after the notifier ran (a race) is played by the model, which clears
# SnpEn on CPU1 only; the write runs there, so the notifier lets the
# suspend go ahead, and only the CPUs still holding SnpEn can refuse to go
# down. Last in the boot: CPU1 stays without SnpEn.
test_suspend_backstop() {
	echo "lose_snpen 1" >$D/misbehave
	echo processors >/sys/power/pm_test
	n=$(dmesg_lines)
	if taskset 0x2 sh -c 'echo mem >/sys/power/state' 2>/tmp/err; then r=ok; else r=$(sed 's/.*: //' /tmp/err); fi
	echo none >/sys/power/pm_test
	nb=$(dmesg_since "$n" | grep -c 'System sleep refused')
	cb=$(dmesg_since "$n" | grep -c 'stays online: SNP is enabled')
	check suspend-backstop "notifier on CPU1 without SnpEn: echo mem: $r; notifier refusals $nb; 'stays online: SNP is enabled' $cb times; online $(cat /sys/devices/system/cpu/online)" \
		'[ "$r" = "Device or resource busy" ] && [ "$nb" = 0 ] && [ "$cb" -ge 1 ]'
}

# Negative controls: with the model misbehaving, these tests must fail
# (scripts/gate-soft-snp-control.sh checks that they do).
mode_control() {
	test_platform || return
	load
	test_snp_on init
	echo accept_illegal >$D/misbehave
	test_rmp_check misbehaving immutable
	echo "lose_snpen 1" >$D/misbehave
	test_snpen_all_cpus misbehaving
}

# make bench (scripts/bench-rmpopt.sh): the figures of the local bench
# patch, as "BENCH key value" lines, once SNP is up and the first scan done.
mode_bench() {
	test_platform || return
	load
	test_snp_on init
	settle_rmpopt 60
	if cat $D/rmpopt_bench >/tmp/bench 2>/tmp/err; then
		sed 's/^/BENCH /' /tmp/bench
		result PASS rmpopt-bench "$(wc -l </tmp/bench) figures"
	else
		result FAIL rmpopt-bench "reading $D/rmpopt_bench: $(cat /tmp/err)"
	fi
}

# The SNP host kit's snp-validate, as an operator runs it on an SNP host:
# the platform's checks must pass (scripts/kit-guest-check.sh ... model).
mode_kit() {
	test_platform || return
	load
	test_snp_on init
	sh /tests/kit-in-guest.sh model
}

case $mode in
main | nox86 | kexec | kexec_offline | suspend | control | bench | kit) "mode_$mode" ;;
selftests) . /tests/soft-snp-selftests.sh && mode_selftests ;;
fwcmds) . /tests/soft-snp-selftests.sh && mode_fwcmds ;;
*) result FAIL mode "unknown soft_snp_test.mode=$mode" ;;
esac

note "firmware commands:"
sed 's/^/GUEST:   /' $D/cmd_log 2>/dev/null | tail -n 20
echo "=== dmesg begin ==="
dmesg
echo "=== dmesg end ==="
echo "GUEST: done"
poweroff -f
