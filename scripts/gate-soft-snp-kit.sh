#!/bin/bash
# gate-soft-snp-kit.sh: the SNP host kit's snp-validate against the software
# SNP platform (mode kit of tests/soft-snp-init.sh, which runs
# tests/kit-in-guest.sh model): one QEMU boot of the main build with
# soft_snp=. The report is checked as in the boot without SNP
# (scripts/kit-guest-check.sh), with the model's expectations: exit 0, the
# platform's checks pass, nothing claims SNP hardware.
. "$(dirname "$0")/lib.sh"
. "$TOP/scripts/soft-snp.sh"
# The kit's selftests take several minutes under TCG.
export BOOT_TIMEOUT=${BOOT_TIMEOUT:-1800}
if ! soft_snp_boot kit ""; then
	result FAIL soft-snp/kit/boot "the guest did not finish: $LOGS/guest-soft-snp-kit.log"
	exit 1
fi
fail=0
soft_snp_results kit || fail=1
"$TOP/scripts/kit-guest-check.sh" "$LOGS/guest-soft-snp-kit.log" model || fail=1
exit $fail
