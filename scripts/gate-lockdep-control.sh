#!/bin/bash
# gate-lockdep-control.sh: prove the kernel-log check can fail. Boot once more
# with snp_test.lockdep_control, which makes the guest load the local
# test_lockdep_control module (one deliberate lockdep report), and require the
# kernel-log check to fail on that log and show the report.
. "$(dirname "$0")/lib.sh"
BOOT_TAG=lockdep-control "$TOP/scripts/boot.sh" snp_test.lockdep_control
out=$(RESULTS=$BUILD/results-lockdep-control "$TOP/scripts/guest-results.sh" "$LOGS/guest-lockdep-control.log" 2>&1) &&
	caught=no || caught=yes
if [ $caught = yes ] && grep -q 'FAIL kernel-log' <<<"$out" && grep -q 'Nested lock was not taken' <<<"$out"; then
	grep -m1 -A6 'Nested lock was not taken' <<<"$out"
	result PASS kernel-log-negative-control "the check caught the deliberate lockdep report"
else
	echo "$out" | tail -n 20
	result FAIL kernel-log-negative-control "a deliberate lockdep report went unnoticed (log: $LOGS/guest-lockdep-control.log)"
	exit 1
fi
