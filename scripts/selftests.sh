#!/bin/bash
# selftests.sh [--existing OUTPUT]: build the KVM selftests of
# tests/selftests.list, tests/selftests.deny and tests/host-tests.list from
# $TREE, against the main build's uAPI headers, into $OUT/kselftest.
# --existing (the bisect gate, at an earlier commit of the series): only the
# tests whose source the checked-out tree has, into OUTPUT.
. "$(dirname "$0")/lib.sh"
o=$OUT/kselftest existing=0
if [ "${1:-}" = --existing ]; then
	existing=1 o=$2
fi
kmake "$OUT/main" headers >/dev/null
targets=
for t in $(grep -hv '^#' "$TOP/tests/selftests.list" "$TOP/tests/selftests.deny" "$TOP/tests/host-tests.list" | awk 'NF { print $1 }'); do
	if [ $existing = 0 ] || [ -f "$TREE/tools/testing/selftests/kvm/$t.c" ]; then
		targets="$targets $o/$t"
	fi
done
# No target would make the selftests Makefile build every KVM test.
[ -n "$targets" ] || { note "none of the listed KVM selftests exists here"; exit 0; }
log=$LOGS/selftests.log
[ $existing = 0 ] || log=$LOGS/selftests-bisect.log
note "building KVM selftests (log: $log)"
if ! make -C "$TREE/tools/testing/selftests/kvm" -j"$JOBS" OUTPUT="$o" \
	KHDR_INCLUDES="-isystem $OUT/main/usr/include" $targets >"$log" 2>&1; then
	grep -m 30 -E 'error|Error' "$log" >&2 || true
	die "KVM selftests failed to build (log: $log)"
fi
