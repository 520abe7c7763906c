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
# The kvm->lock assertion of the SEV+ queries (kvm_lockdep_assert_sev_lock_held()
# in sev_guest(), sev_es_guest() and sev_snp_guest()) is in the code the tests
# above ran: KVM's SEV ioctl handler, which every firmware command they
# caused went through, asks lockdep whether kvm->lock is held, directly or
# through sev_snp_guest(). Lockdep found it held each time: the kernel-log
# check above is clean.
ko=$BOOT_KERNEL_DIR/arch/x86/kvm/kvm-amd.ko
asserts=$(objdump -dr --no-show-raw-insn "$ko" 2>/dev/null | awk '
	/^[0-9a-f]+ <[^>]*>:$/ { f = $2; gsub(/[<>:]/, "", f); next }
	/lock_is_held/ { held[f] = 1 }
	/call.*<sev_snp_guest>/ { calls[f] = 1 }
	END { if (held["sev_mem_enc_ioctl"] || (calls["sev_mem_enc_ioctl"] && held["sev_snp_guest"])) print "yes" }')
if [ "$asserts" = yes ]; then
	result PASS soft-snp/selftests/kvm-lock-assertion "sev_mem_enc_ioctl() in kvm-amd.ko asserts kvm->lock through lockdep (sev_snp_guest())"
else
	result FAIL soft-snp/selftests/kvm-lock-assertion "sev_mem_enc_ioctl() in $ko reaches no lockdep assertion: not compiled in"
	exit 1
fi
