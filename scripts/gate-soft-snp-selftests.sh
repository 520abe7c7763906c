#!/bin/bash
# gate-soft-snp-selftests.sh: run the KVM SEV selftests against the software
# SNP platform (mode selftests of tests/soft-snp-init.sh, in
# tests/soft-snp-selftests.sh): one QEMU boot of the main build with
# soft_snp=. KVM's SNP launch paths run against the firmware model up to the
# first guest entry, which the platform refuses; the tests skip what needs the
# guest. Per test one result line, then the platform's accounting once every
# VM is gone, a negative control (the model leaves one step out of a launch
# digest, the digest test must fail) and the kernel-log check of the boot.
. "$(dirname "$0")/lib.sh"
. "$TOP/scripts/soft-snp.sh"
# The selftests take several minutes under TCG.
export BOOT_TIMEOUT=${BOOT_TIMEOUT:-1800}
if soft_snp_boot selftests ""; then
	soft_snp_results selftests || exit 1
else
	result FAIL soft-snp/selftests/boot "the guest did not finish: $LOGS/guest-soft-snp-selftests.log"
	exit 1
fi
