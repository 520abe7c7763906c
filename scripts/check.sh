#!/bin/bash
# check.sh: the test command. Runs every gate, prints one line per test case
# and closes with "N passed, N failed, N skipped". A failing gate does not stop
# the others, except when there is no tree to test.
. "$(dirname "$0")/lib.sh"
: >"$RESULTS"
: >"$LOGS/timings"
step() { # step NAME COMMAND...: run a gate, time it, record a crash as a failure
	local name=$1 t0=$SECONDS fails; shift
	echo "--- $name"
	fails=$(grep -c '^FAIL ' "$RESULTS" || true)
	# A gate that exits non-zero without a failure of its own (it stopped
	# on an error, perhaps after some passes) still fails.
	"$@" || [ "$(grep -c '^FAIL ' "$RESULTS" || true)" -gt "$fails" ] ||
		result FAIL "$name" "stopped with an error: see the output above"
	echo "$name $((SECONDS - t0))s" >>"$LOGS/timings"
}
"$TOP/scripts/deps.sh"
"$TOP/scripts/make-tree.sh"
step series-applies "$TOP/scripts/gate-apply.sh"
step checkpatch "$TOP/scripts/gate-checkpatch.sh"
step send-dry-run "$TOP/scripts/gate-send.sh"
step build/main "$TOP/scripts/build.sh" main
step bisect "$TOP/scripts/gate-bisect.sh"
step selftests-build "$TOP/scripts/selftests.sh"
step host-tests "$TOP/scripts/host-tests.sh"
step kit "$TOP/scripts/gate-kit.sh"
step initramfs "$TOP/scripts/initramfs.sh"
step boot "$TOP/scripts/boot.sh"
step guest-results "$TOP/scripts/guest-results.sh" "$LOGS/guest.log"
step kit-guest "$TOP/scripts/kit-guest-check.sh" "$LOGS/guest.log"
step kernel-log-negative-control "$TOP/scripts/gate-lockdep-control.sh"
step soft-snp "$TOP/scripts/gate-soft-snp.sh"
step soft-snp-negative-control "$TOP/scripts/gate-soft-snp-control.sh"
step soft-snp-selftests "$TOP/scripts/gate-soft-snp-selftests.sh"
step soft-snp-kit "$TOP/scripts/gate-soft-snp-kit.sh"
step soft-snp-isolation "$TOP/scripts/soft-snp-isolation.sh"
step warnings "$TOP/scripts/gate-warnings.sh"
# make check compiles in the variant configurations only what uses the
# series' changes (gate-variants.sh); make check-full builds them in full.
if [ -n "${FULL_VARIANTS:-}" ]; then
	step build-variants "$TOP/scripts/gate-variants-full.sh"
else
	step build-variants "$TOP/scripts/gate-variants.sh"
fi
sed 's/^/  /' "$LOGS/timings"
exec "$TOP/scripts/summary.sh"
