#!/bin/bash
# guest-results.sh LOG: turn a guest log into result lines: the guest's own
# RESULT lines, every KUnit test case (KTAP from the kernel log), and one line
# for the kernel-log check. Exits non-zero if anything failed. KUNIT=0: the
# boot ran without KUnit (kunit.enable=0); LOG_RESULT names the log check.
. "$(dirname "$0")/lib.sh"
log=$1
# The serial console ends lines with CR LF.
dmesg=$(tr -d '\r' <"$log" | sed -n '/^=== dmesg begin ===/,/^=== dmesg end ===/p' | sed -E 's/^\[ *[0-9]+\.[0-9]+\] //')
fail=0

while read -r _ status name detail; do
	result "$status" "$name" "${detail#(}"
	[ "$status" != FAIL ] || fail=1
done < <(tr -d '\r' <"$log" | grep -a '^RESULT ' | sed -E 's/ \((.*)\)$/ \1/')

# KTAP: suites at column 0, test cases indented by four spaces ("    ok 3 name").
ktap=$(echo "$dmesg" | awk '
	/^(    )?# Subtest: / { suite = $NF }
	/^    (not )?ok [0-9]+ / {
		line = $0; sub(/^    /, "", line)
		status = (line ~ /^not ok/) ? "FAIL" : (line ~ /# SKIP/) ? "SKIP" : "PASS"
		sub(/^(not )?ok [0-9]+ /, "", line); sub(/ # .*/, "", line)
		print status, "kunit/" suite "." line
	}')
# A suite that silently did not run (its option lost, its module not loaded)
# would otherwise go unnoticed.
while read -r suite; do
	case $suite in ''|'#'*) continue ;; esac
	grep -qF " kunit/$suite." <<<"$ktap" || { result FAIL "kunit/$suite" "suite did not run"; fail=1; }
done < <([ "${KUNIT:-1}" = 0 ] || cat "$TOP/tests/kunit.suites")
if [ "${KUNIT:-1}" = 0 ]; then
	:
elif [ -z "$ktap" ]; then
	result FAIL kunit "no KTAP output in the kernel log"
	fail=1
else
	while read -r status name; do
		result "$status" "$name"
		[ "$status" != FAIL ] || fail=1
	done <<<"$ktap"
fi

# The kernel-log gate: any lockdep, WARNING, BUG, KASAN or UBSAN report fails it.
# A guest test that provokes a report on purpose writes "soft-snp-test:
# expected report begin" and "... end" to the kernel log around it and checks
# the lines between itself; they are left out here, unless the end is missing.
checked=$(echo "$dmesg" | awk '
	/^soft-snp-test: expected report begin/ { if (inside) printf "%s", held; inside = 1; held = ""; next }
	inside && /^soft-snp-test: expected report end/ { inside = 0; next }
	inside { held = held $0 "\n"; next }
	{ print }
	END { if (inside) printf "%s", held }')
bad=$(echo "$checked" | grep -n -E -A12 -f "$TOP/tests/kernel-log.patterns" || true)
if [ -n "$bad" ]; then
	echo "$bad" | sed -n '1,80s/^/  /p'
	result FAIL "${LOG_RESULT:-kernel-log}" "lockdep/WARNING/BUG report in the guest kernel log"
	fail=1
else
	result PASS "${LOG_RESULT:-kernel-log}" "no lockdep, WARNING, BUG, KASAN or UBSAN report"
fi
exit $fail
