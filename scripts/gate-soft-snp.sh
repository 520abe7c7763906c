#!/bin/bash
# gate-soft-snp.sh: run the SNP host code of the main build against the
# software SNP platform (CONFIG_SOFT_SNP, active only with soft_snp=). One
# QEMU boot per mode of tests/soft-snp-init.sh:
#   main     SNP init/shutdown through kvm_amd, hotplug freeze, RMPOPT,
#            injected SNP_INIT_EX and SNP_SHUTDOWN_EX failures
#   nox86    firmware without X86_SNP_SHUTDOWN
#   kexec    booted with SnpEn set, as after kexec
#   kexec_offline  the same with one CPU left offline (maxcpus=3)
#   suspend  suspend while SNP is enabled
# Each guest log is checked like the main boot's (RESULT lines and the
# kernel-log check). soft-snp-isolation.sh, a gate of its own, shows that
# the platform's seams leave the upstream files unchanged with
# CONFIG_SOFT_SNP off.
. "$(dirname "$0")/lib.sh"
. "$TOP/scripts/soft-snp.sh"
fail=0
for spec in "main::" "nox86:nox86shutdown:" "kexec:kexec:" "kexec_offline:kexec:maxcpus=3" "suspend::"; do
	IFS=: read -r mode knobs args <<<"$spec"
	# shellcheck disable=SC2086 # $args: kernel arguments, split on purpose
	if soft_snp_boot "$mode" "$knobs" $args; then
		soft_snp_results "$mode" || fail=1
	else
		result FAIL "soft-snp/$mode/boot" "the guest did not finish: $LOGS/guest-soft-snp-$mode.log"
		fail=1
	fi
done
exit $fail
