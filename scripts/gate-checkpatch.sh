#!/bin/bash
# gate-checkpatch.sh: checkpatch --strict --codespell on every patch of the
# series; only the messages listed in tests/checkpatch.exceptions are allowed.
. "$(dirname "$0")/lib.sh"
. "$TOP/scripts/series.sh"
. "$TOP/scripts/checkpatch.sh"
fail=0
for p in $(series_files all); do
	if out=$(checkpatch_file "$TOP/patches/$p" --no-signoff); then
		result PASS "checkpatch/$p"
	else
		echo "$out" | sed 's/^/  /'
		result FAIL "checkpatch/$p"
		fail=1
	fi
done
[ -n "$(series_files all)" ] || result PASS checkpatch "the series is empty"
exit $fail
