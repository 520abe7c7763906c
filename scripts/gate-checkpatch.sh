#!/bin/bash
# gate-checkpatch.sh: checkpatch --strict --codespell on every patch of the
# series; only the messages listed in tests/checkpatch.exceptions are allowed.
. "$(dirname "$0")/lib.sh"
. "$TOP/scripts/series.sh"
# Debian's codespell keeps its dictionary inside the Python package.
dict=
for f in /usr/share/codespell/dictionary.txt /usr/lib/python3/dist-packages/codespell_lib/data/dictionary.txt; do
	[ -f "$f" ] && dict=$f
done
[ -n "$dict" ] || die "codespell's dictionary.txt not found: install codespell (scripts/deps.sh does)"
fail=0
for p in $(series_files all); do
	ignore=$(awk -v p="$p" '!/^#/ && NF { if (p ~ "^" $1 "$") printf "%s,", $2 }' \
		<(sed 's/\*/.*/g' "$TOP/tests/checkpatch.exceptions"))
	out=$(cd "$TREE" && PATH=/usr/bin:$PATH ./scripts/checkpatch.pl --strict --codespell --codespellfile "$dict" \
		--no-signoff --show-types --terse ${ignore:+--ignore "${ignore%,}"} "$TOP/patches/$p" 2>&1) && rc=0 || rc=$?
	if [ $rc -eq 0 ] && ! grep -qE ': (ERROR|WARNING|CHECK):' <<<"$out"; then
		result PASS "checkpatch/$p"
	else
		echo "$out" | sed 's/^/  /'
		result FAIL "checkpatch/$p"
		fail=1
	fi
done
[ -n "$(series_files all)" ] || result PASS checkpatch "the series is empty"
exit $fail
