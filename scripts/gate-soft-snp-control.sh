#!/bin/bash
# gate-soft-snp-control.sh: prove that the software SNP platform tests can
# fail. Boot once with the model told to misbehave (mode control of
# tests/soft-snp-init.sh): it accepts one illegal page-state transition and
# clears SnpEn on CPU1. Then rmp-immutable-refused and snpen-all-cpus, which
# pass in the main boot, must fail, while SNP itself came up.
. "$(dirname "$0")/lib.sh"
. "$TOP/scripts/soft-snp.sh"
log=$LOGS/guest-soft-snp-control.log
soft_snp_boot control "" || true
out=$(RESULTS=$BUILD/results-soft-snp-control soft_snp_results control 2>&1) || true
t=soft-snp/control/misbehaving
if grep -q "^PASS soft-snp/control/init/kvm_amd-sev-snp" <<<"$out" &&
	grep -q "^FAIL $t/rmp-immutable-refused" <<<"$out" &&
	grep -q "^FAIL $t/snpen-all-cpus" <<<"$out"; then
	grep -E "^FAIL $t/" <<<"$out" | sed 's/^/  /'
	result PASS soft-snp-negative-control "both misbehaviours were caught"
else
	echo "$out" | tail -n 20
	result FAIL soft-snp-negative-control "a misbehaving model went unnoticed, or SNP did not come up (log: $log)"
	exit 1
fi
