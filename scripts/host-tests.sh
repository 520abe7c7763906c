#!/bin/bash
# host-tests.sh: run the host-only KVM selftests of tests/host-tests.list
# (built by selftests.sh) on this machine; one result line per TAP case.
. "$(dirname "$0")/lib.sh"
fail=0
while read -r name; do
	case $name in ''|'#'*) continue ;; esac
	out=$LOGS/host-$(basename "$name").log
	if "$OUT/kselftest/$name" >"$out" 2>&1; then rc=0; else rc=$?; fi
	# TAP cases at column 0: "ok 3 description" / "not ok 3 description".
	while read -r status case; do
		result "$status" "host/$name.$case"
	done < <(awk '/^(not )?ok [0-9]+ / {
		status = /^not ok/ ? "FAIL" : / # SKIP/ ? "SKIP" : "PASS"
		sub(/^(not )?ok [0-9]+ /, ""); sub(/ # .*/, ""); print status, $0 }' "$out")
	case $rc in
	0) ;;
	4) result SKIP "host/$name" "$(grep -m1 -i skip "$out" | cut -c1-160)" ;;
	*) sed 's/^/  /' "$out" | tail -n 30
	   result FAIL "host/$name" "exit $rc (log: $out)"; fail=1 ;;
	esac
	# A test that exits 0 without reporting a single case tested nothing.
	if [ $rc -eq 0 ] && ! grep -q '^ok [0-9]' "$out"; then
		result FAIL "host/$name" "no TAP result (log: $out)"
		fail=1
	fi
done <"$TOP/tests/host-tests.list"
exit $fail
