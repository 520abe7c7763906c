#!/bin/bash
# summary.sh: count the result lines of this run; exit non-zero on any failure.
. "$(dirname "$0")/lib.sh"
p=$(grep -c '^PASS ' "$RESULTS" || true)
f=$(grep -c '^FAIL ' "$RESULTS" || true)
s=$(grep -c '^SKIP ' "$RESULTS" || true)
if [ "$f" -gt 0 ]; then
	echo "failed:"
	grep '^FAIL ' "$RESULTS" | sed 's/^/  /'
fi
echo "$p passed, $f failed, $s skipped"
[ "$f" -eq 0 ] || exit 1
