#!/bin/bash
# gate-variants.sh: the final tree builds in the other configurations.
# (b) KVM_AMD=m CRYPTO_DEV_CCP_DD=m KVM_WERROR=y is the main config itself.
. "$(dirname "$0")/lib.sh"
fail=0
result PASS "build/modules-werror" "the main config: KVM_AMD=m CRYPTO_DEV_CCP_DD=m KVM_WERROR=y"
for v in builtin nosev; do
	if "$TOP/scripts/build.sh" "$v" "$TOP/configs/variant-$v.config"; then
		result PASS "build/$v" "$(grep -v '^#' "$TOP/configs/variant-$v.config" | tr '\n' ' ')"
	else
		result FAIL "build/$v"
		fail=1
	fi
done
exit $fail
