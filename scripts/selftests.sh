#!/bin/bash
# selftests.sh: build the KVM selftests of tests/selftests.list,
# tests/selftests.deny and tests/host-tests.list from $TREE, against the main
# build's uAPI headers.
. "$(dirname "$0")/lib.sh"
o=$OUT/kselftest
kmake "$OUT/main" headers >/dev/null
targets=$(grep -hv '^#' "$TOP/tests/selftests.list" "$TOP/tests/selftests.deny" "$TOP/tests/host-tests.list" |
	awk 'NF { print "'"$o"'/" $1 }')
note "building KVM selftests (log: $LOGS/selftests.log)"
if ! make -C "$TREE/tools/testing/selftests/kvm" -j"$JOBS" OUTPUT="$o" \
	KHDR_INCLUDES="-isystem $OUT/main/usr/include" $targets >"$LOGS/selftests.log" 2>&1; then
	grep -E 'error|Error' "$LOGS/selftests.log" | head -n 30 >&2
	die "KVM selftests failed to build (log: $LOGS/selftests.log)"
fi
