# soft-snp-selftests.sh: mode "selftests" of tests/soft-snp-init.sh, which
# sources this file (busybox sh; result, check, note, load, test_platform,
# test_snp_on, test_accounting, fw and $D come from there). Run by
# scripts/gate-soft-snp-selftests.sh.
#
# The KVM SEV selftests run against the software SNP platform: KVM's real SNP
# launch code (SNP_GCTX_CREATE, ACTIVATE, LAUNCH_START/UPDATE/FINISH,
# DECOMMISSION) runs against the firmware model. No SEV-family vCPU can enter
# the guest there (KVM_RUN exits with KVM_EXIT_FAIL_ENTRY) and the legacy SEV
# guest commands are not modelled: the tests find the platform by
# /sys/kernel/debug/soft_snp/ and skip those steps with the reason
# "software SNP platform: no encrypted execution" (or "... no legacy SEV guest
# commands"); everything before them runs.
#
# Per test one RESULT line: PASS if it exits 0 with no "not ok" line and at
# least as many skips for the platform as it has steps that need the guest
# (so a test that stopped early, or one that skipped whole, cannot pass).
# Then the platform's accounting after every VM is gone, and a negative
# control: with one PAGE_INFO step left out of the launch digest, the digest
# test must fail with BAD_MEASUREMENT.

SELFTESTS_DIR=/tests/kvm
SELFTEST_TIMEOUT=600

# TEST MIN-SKIPS LAUNCHES: the skips for the platform each test has at
# least, and whether it launches SNP guests, i.e. must cause firmware
# commands (KVM_SEV_INIT2 alone need not).
#   sev_init2_tests         runs fully, nothing skipped
#   sev_smoke_test          SEV and SEV-ES skipped (1); SNP: 2 launches and
#                           the shutdown (3), 2 XSAVE syncs if the host has AVX
#   sev_migrate_tests       legacy tests skipped; SNP rejections run
#   sev_snp_direct_vmsa_test  2 runs of a launched guest skipped
#   sev_snp_launch_digest_test  nothing skipped: nothing runs in the guest
#   sev_launch_lock_test    the SEV-ES flow (3 cases) skipped; launched
#                           vCPUs must fail VM entry
#   sev_snp_launch_random_test  nothing skipped: 200 random launch sequences
SOFT_SNP_SELFTESTS="
x86/sev_init2_tests 0 0
x86/sev_smoke_test 4 1
x86/sev_migrate_tests 1 1
x86/sev_snp_direct_vmsa_test 2 1
x86/sev_snp_launch_digest_test 0 1
x86/sev_launch_lock_test 3 1
x86/sev_snp_launch_random_test 0 1
"

fw_commands() { awk '$1 == "commands" { print $2 }' $D/status; }
injected() { awk '$1 == "commands" { print $4 }' $D/status; }
# The ASIDs the model has bound, allocated or with pages, one per line.
held_asids() { awk '$1 == "asid" && ($3 == "allocated" || $3 == "in-use" || $5 != 0)' $D/asids; }

# run_selftest TEST: run it, print its output as GUEST lines; sets st_rc,
# st_out (the output file), st_cmds (firmware commands it caused).
run_selftest() {
	st_out=/tmp/$(basename "$1").out
	before=$(fw_commands)
	if [ ! -x "$SELFTESTS_DIR/$1" ]; then
		echo "not in the initramfs" >"$st_out"
		st_rc=missing
	else
		timeout "$SELFTEST_TIMEOUT" "$SELFTESTS_DIR/$1" >"$st_out" 2>&1
		st_rc=$?
	fi
	st_cmds=$(($(fw_commands) - before))
	sed "s|^|GUEST: $1: |" "$st_out"
}

# Where the test stopped: its last line that is not a blank one.
last_line() { grep -v '^[[:space:]]*$' "$1" | tail -n 1 | cut -c1-160; }

test_selftest() { # test_selftest TEST MIN-SKIPS LAUNCHES
	want_skips=$2 launches=$3
	run_selftest "$1"
	ok=$(grep -c '^ok ' "$st_out")
	notok=$(grep -c '^not ok ' "$st_out")
	skips=$(grep -c 'software SNP platform: no' "$st_out")
	detail="exit $st_rc, $st_cmds firmware commands, ksft ok $ok not-ok $notok, platform skips $skips (want >= $want_skips)"
	[ "$launches" = 0 ] || [ "$st_cmds" -gt 0 ] || detail="$detail, no firmware command: nothing launched"
	[ "$st_rc" = 0 ] || detail="$detail, stopped at: $(last_line "$st_out")"
	check "$(basename "$1")" "$detail" \
		'[ "$st_rc" = 0 ] && [ "$notok" = 0 ] && [ "$skips" -ge "$want_skips" ] && { [ "$launches" = 0 ] || [ "$st_cmds" -gt 0 ]; }'
}

# Nothing of a guest may be left once every VM is gone.
test_no_guest_left() { # test_no_guest_left NAME
	gc=$(fw guest_count)
	asids=$(held_asids | awk '{ printf "%s%s:%s:%s", s, $2, $3, $5; s = " " }')
	guests=$(grep -c '^gctx ' $D/guests 2>/dev/null)
	check "$1/no-guest-left" "guest_count ${gc:-?}, guest contexts $guests, ASIDs held: ${asids:-none}" \
		'[ "$gc" = 0 ] && [ "$guests" = 0 ] && [ -z "$asids" ]'
	test_accounting "$1"
	v=$(awk '$1 == "violations" { print $2 }' $D/misbehave)
	check "$1/no-violation" "model violations ${v:-?}" '[ "$v" = 0 ]'
}

mode_selftests() {
	test_platform || return
	load
	test_snp_on init
	echo "$SOFT_SNP_SELFTESTS" | while read -r t min launches; do
		[ -n "$t" ] && test_selftest "$t" "$min" "$launches"
	done
	# sev_snp_direct_vmsa_test skips its 2 MiB aligned PFN case when no page
	# of the case's slot is 2 MiB aligned. Here guest_memfd hands one out
	# early (pages 16 and 555 of 4095 in two runs on 2026-12-07; with random
	# pages, about one run in 3000 would find none), so the case must have run.
	pfn=$(grep -m1 '2 MiB aligned PFN' /tmp/sev_snp_direct_vmsa_test.out)
	check sev_snp_direct_vmsa_test/2m-aligned-pfn "${pfn:-no line of that case}" \
		'grep -q "^ok .* VMSA at a 2 MiB aligned PFN refused" /tmp/sev_snp_direct_vmsa_test.out'
	test_no_guest_left after-selftests

	# Negative control: the model leaves one PAGE_INFO step out of the next
	# launch digest; the digest test's first launch, whose prediction must
	# match, must then fail with BAD_MEASUREMENT.
	echo skip_page_info >$D/misbehave
	run_selftest x86/sev_snp_launch_digest_test
	bad=$(grep -c 'BAD_MEASUREMENT), expected 0x[0-9a-f]* (BAD_SIGNATURE)' "$st_out")
	check negative-control/digest-skip-page-info \
		"digest test with one PAGE_INFO step left out: exit $st_rc, 'BAD_MEASUREMENT, expected BAD_SIGNATURE' $bad times" \
		'[ "$st_rc" != 0 ] && [ "$bad" -ge 1 ]'
	armed=$(awk '$1 == "skip_page_info_armed" { print $2 }' $D/misbehave)
	check negative-control/misbehaviour-used "skip_page_info still armed: ${armed:-?}" '[ "$armed" = 0 ]'
	test_no_guest_left after-control
	test_reclaim_failure_leaks
	test_decommission_failure_leaks
}

# An injected SNP_PAGE_RECLAIM failure: when KVM destroys an SNP VM, ccp
# cannot give a firmware page of the guest back (its response buffer, the
# first page reclaimed at destruction) and leaks it, as snp_reclaim_pages()
# documents: "Leaking PFN range" once, that one page stays assigned, the
# guest and its ASID are gone all the same. Last in the boot: the page
# stays leaked.
test_reclaim_failure_leaks() {
	inj=$(injected)
	n=$(dmesg_lines)
	echo "0xc7 0x1a" >$D/fail_next	# SNP_PAGE_RECLAIM, INVALID_PAGE_STATE
	run_selftest x86/sev_snp_launch_digest_test
	leaks=$(dmesg_since "$n" | grep -c 'Leaking PFN range')
	other=$(awk '$1 == "assigned_other" { print $2 }' $D/rmp)
	gc=$(fw guest_count)
	check reclaim-failure/page-leaked \
		"digest test exit $st_rc; injected failures $inj -> $(injected); 'Leaking PFN range' $leaks times; pages assigned besides the RMP and the TMR: $other; guest_count $gc" \
		'[ "$st_rc" = 0 ] && [ "$(injected)" = $((inj + 1)) ] && [ "$leaks" = 1 ] && [ "$other" = 1 ] && [ "$gc" = 0 ]'
}

# An injected SNP_DECOMMISSION failure: when KVM destroys an SNP VM whose
# guest context the firmware refuses to decommission, sev_vm_destroy() warns
# once ("Failed to release guest context") and leaks what the context holds,
# as its comment says: the context page stays a firmware page, the guest stays
# counted and its ASID stays bound. KVM must not hand that ASID out again:
# the digest test creates 13 more SNP VMs after the failing one, more than
# the 4 SNP ASIDs of this boot (soft_snp=asid:10:5), so KVM recycles its
# whole pool during the test, and an ASID it wrongly freed would reach a new
# VM, whose LAUNCH_START the model refuses (the mutant
# asid-freed-after-failed-decommission). The WARNING is bracketed by two
# marker lines, which the kernel-log check skips: this test checks that the
# bracket holds that one report and no other (tests/kernel-log.patterns, as
# the kernel-log check).
# Last in the boot, after the PAGE_RECLAIM leak: the context stays leaked.
test_decommission_failure_leaks() {
	inj=$(injected)
	other0=$(awk '$1 == "assigned_other" { print $2 }' $D/rmp)
	n=$(dmesg_lines)
	echo "soft-snp-test: expected report begin" >/dev/kmsg
	echo "0x90 0x1a" >$D/fail_next	# SNP_DECOMMISSION, INVALID_PAGE_STATE
	run_selftest x86/sev_snp_launch_digest_test
	echo "soft-snp-test: expected report end" >/dev/kmsg
	dmesg_since "$n" | sed -n '/soft-snp-test: expected report begin/,/soft-snp-test: expected report end/p' >/tmp/bracket
	reports=$(grep -c -E -f /tests/kernel-log.patterns /tmp/bracket)
	warned=$(grep -c 'Failed to release guest context' /tmp/bracket)
	other=$(awk '$1 == "assigned_other" { print $2 }' $D/rmp)
	gc=$(fw guest_count)
	guests=$(grep -c '^gctx ' $D/guests 2>/dev/null)
	asids=$(held_asids | wc -l)
	check decommission-failure/context-leaked \
		"digest test exit $st_rc; injected failures $inj -> $(injected); reports $reports, 'Failed to release guest context' $warned times; pages assigned besides the RMP and the TMR: $other0 -> $other; guest_count $gc, guest contexts $guests, ASIDs held $asids" \
		'[ "$st_rc" = 0 ] && [ "$(injected)" = $((inj + 1)) ] && [ "$reports" = 1 ] && [ "$warned" = 1 ] && [ "$other" = $((other0 + 1)) ] && [ "$gc" = 1 ] && [ "$guests" = 1 ] && [ "$asids" = 1 ]'
}

# Mode fwcmds, for scripts/gate-legacy-launch.sh: the launch digest test
# alone, then every firmware command the platform ran since boot, one
# "FWCMD <seq> <id> <name> status <status>" line each (cmd_log keeps the
# last 4096: command-log-whole fails beyond that). Its legacy part runs
# first and is all that runs without KVM_CAP_SNP_DIRECT_VMSA.
mode_fwcmds() {
	test_platform || return
	load
	test_snp_on init
	run_selftest x86/sev_snp_launch_digest_test
	check digest-test "exit $st_rc, $st_cmds firmware commands: $(grep -m1 'Legacy launch' "$st_out")" \
		'[ "$st_rc" = 0 ] && grep -q "^ok 1 Legacy launch: the digest matched" "$st_out"'
	total=$(fw_commands)
	logged=$(wc -l <$D/cmd_log)
	check command-log-whole "$logged of $total commands in cmd_log" '[ "$logged" = "$total" ]'
	sed 's/^/FWCMD /' $D/cmd_log
}
