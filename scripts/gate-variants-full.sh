#!/bin/bash
# gate-variants-full.sh: the final tree builds in full (bzImage, modules,
# modpost, the real link) in the other configurations; run by make check-full,
# make bench and before a posting. make check runs gate-variants.sh instead.
# (b) KVM_AMD=m CRYPTO_DEV_CCP_DD=m KVM_WERROR=y is the main config itself.
. "$(dirname "$0")/lib.sh"
fail=0
result PASS "build-full/modules-werror" "the main config: KVM_AMD=m CRYPTO_DEV_CCP_DD=m KVM_WERROR=y"
for v in builtin nosev; do
	if "$TOP/scripts/build.sh" "variant-$v" "$TOP/configs/variant-$v.config"; then
		result PASS "build-full/$v" "$(grep -v '^#' "$TOP/configs/variant-$v.config" | tr '\n' ' ')"
	else
		result FAIL "build-full/$v"
		fail=1
	fi
done
exit $fail
