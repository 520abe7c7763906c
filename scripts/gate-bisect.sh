#!/bin/bash
# gate-bisect.sh: every patch builds on its own in the main config. Each step
# builds the directories the series touches, in the main build directory so
# only what changed recompiles; the full link of the last patch is the main build.
. "$(dirname "$0")/lib.sh"
. "$TOP/scripts/touched.sh"
dirs=$(touched_dirs)
commits=$(git -C "$TREE" rev-list --reverse "$(base_rev)..HEAD")
if [ -z "$commits" ]; then
	result PASS bisect "the series is empty"
	exit 0
fi
IF_MISSING=1 "$TOP/scripts/configure.sh" main
fail=0
for c in $commits; do
	subject=$(git -C "$TREE" log -1 --format=%s "$c")
	checkout_for_build "$c"
	if kmake "$OUT/main" $dirs >"$LOGS/bisect.log" 2>&1; then
		result PASS "bisect/$subject"
	else
		grep -E 'error|Error' "$LOGS/bisect.log" | head -n 20 | sed 's/^/  /'
		result FAIL "bisect/$subject" "building $dirs"
		fail=1
	fi
done
exit $fail
