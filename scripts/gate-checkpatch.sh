#!/bin/bash
# gate-checkpatch.sh: checkpatch --strict --codespell on every patch of the
# series; only the messages listed in tests/checkpatch.exceptions are allowed.
. "$(dirname "$0")/lib.sh"
. "$TOP/scripts/series.sh"
. "$TOP/scripts/checkpatch.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mapfile -t patches < <(series_files all)
checkpatch_all "$tmp" "${patches[@]/#/$TOP/patches/}" -- --no-signoff
fail=0
for p in "${patches[@]}"; do
	if [ "$(cat "$tmp/$p.rc")" = ok ]; then
		result PASS "checkpatch/$p" "$(grep -o '^passed before with the same inputs$' "$tmp/$p.out" || true)"
	else
		sed 's/^/  /' "$tmp/$p.out"
		result FAIL "checkpatch/$p"
		fail=1
	fi
done
[ ${#patches[@]} -gt 0 ] || result PASS checkpatch "the series is empty"
exit $fail
