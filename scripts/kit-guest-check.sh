#!/bin/bash
# kit-guest-check.sh LOG [none|model]: check what tests/kit-in-guest.sh printed
# in the guest log LOG. snp-validate's report files are parsed and checked
# against each other and against what the platform allows (none: every SNP
# check skips with its reason and the exit status is 4; model: the software
# SNP platform's checks pass, and nothing claims SNP hardware); then the
# bad-input cases and the negative control. The report checker proves that
# it can fail: copies of the report with a check turned to FAIL, and with an
# SNP check turned from SKIP to PASS, must be rejected.
. "$(dirname "$0")/lib.sh"
log=$1
mode=${2:-none}
# The result names: kit-guest/... for the boot without SNP,
# soft-snp/kit/snp-validate/... on the software SNP platform.
rp=kit-guest
[ "$mode" = none ] || rp=soft-snp/kit/snp-validate
kit=${KIT_GUEST_DIR:-$OUT/kit-check/kit}
work=$BUILD/kit-guest-$mode
rm -rf "$work"
mkdir -p "$work"
tr -d '\r' <"$log" >"$work/log"
if ! grep -q '^KIT: mode ' "$work/log"; then
	result FAIL "$rp" "tests/kit-in-guest.sh did not run (no 'KIT: mode' line in $log)"
	exit 1
fi
if grep -q '^KIT: no kit in the initramfs' "$work/log"; then
	result FAIL "$rp" "the initramfs has no kit: the kit gate did not build $kit"
	exit 1
fi
awk -v dir="$work" '
	/^=== kit-report end ===$/ { if (f) close(f); f = ""; next }
	/^=== kit-report [a-z]+ [^ ]+ ===$/ { system("mkdir -p " dir "/" $3); f = dir "/" $3 "/" $4; next }
	f { print > f }' "$work/log"
kitline() { sed -n "s/^KIT: $1//p" "$work/log" | sed -n 1p; }

want_commit=$(sed -n 's/^KIT_SERIES_COMMIT=//p' "$kit/kit-info")
want_rel=$(sed -n 's/^KIT_KERNEL_RELEASE=//p' "$kit/kit-info")
mapfile -t kit_tests < <(grep -v '^#' "$TOP/tests/kit-selftests.list" | awk 'NF { n = $1; sub(/.*\//, "", n); print n }')
snp_checks=(snp/cpu snp/bios-rmp snp/iommu snp/firmware snp/kvm_amd snp/rmpopt-cpu
	host/cpu-offline-refused host/suspend-refused host/hibernate-refused
	rmpopt/enabled rmpopt/initial-scan rmpopt/rescan-after-guest)

# check_report DIR MODE EXIT: print every problem of the report in DIR, one per line.
check_report() {
	local d=$1 mode=$2 rc=$3 f n k st
	for f in summary.txt results.ktap results.tsv env.txt dmesg.txt kernel-log.txt rmpopt.txt tested-on.txt selftests.tap actions.log; do
		[ -s "$d/$f" ] || echo "$f is missing or empty"
	done
	[ -s "$d/results.tsv" ] || return 0
	awk -F'\t' 'NF != 3 || $1 !~ /^(PASS|FAIL|SKIP)$/ || $2 == "" { printf "results.tsv line %d is malformed: %s\n", NR, $0 }' "$d/results.tsv"
	n=$(wc -l <"$d/results.tsv")
	# results.ktap: the same checks, in order, as KTAP.
	[ "$(head -n 1 "$d/results.ktap")" = "KTAP version 1" ] || echo "results.ktap does not start with 'KTAP version 1'"
	grep -qx "1\.\.$n" "$d/results.ktap" || echo "results.ktap has no plan 1..$n"
	[ "$(grep -cE '^(not )?ok [0-9]+ ' "$d/results.ktap")" = "$n" ] || echo "results.ktap has not $n result lines"
	paste <(grep -E '^(not )?ok [0-9]+ ' "$d/results.ktap") "$d/results.tsv" | awk -F'\t' '{
		split($1, w, " "); no = (w[1] == "not"); k = w[2 + no]; name = w[3 + no]
		st = no ? "FAIL" : ($1 ~ / # SKIP /) ? "SKIP" : "PASS"
		if (k != NR || name != $3 || st != $2)
			printf "results.ktap line %d (%s) does not match results.tsv (%s %s)\n", NR, $1, $2, $3
		if (st == "SKIP" && $1 !~ / # SKIP [^ ]/) printf "results.ktap: %s skips without a reason\n", name
	}'
	# summary.txt: the verdict and the same table.
	grep -q "^result: .*; exit $rc; " "$d/summary.txt" || echo "summary.txt does not say exit $rc"
	diff <(awk '/^STATUS +CHECK/ { t = 1; next } t && NF == 0 { exit } t { print $1, $2 }' "$d/summary.txt") \
		<(awk -F'\t' '{ print $1, $2 }' "$d/results.tsv") >/dev/null || echo "summary.txt's table differs from results.tsv"
	# env.txt: the environment a maintainer needs, and the kit's identity.
	for k in platform "cpu family" "cpu model" "cpu stepping" microcode "sev-snp firmware" kernel "series commit"; do
		grep -q "^$k: ." "$d/env.txt" || echo "env.txt has no '$k'"
	done
	grep -qx "series commit: $want_commit" "$d/env.txt" || echo "env.txt: the series commit is not the kit's $want_commit"
	grep -qx "kernel: $want_rel" "$d/env.txt" || echo "env.txt: the kernel is not the kit's $want_rel"
	head -n 1 "$d/dmesg.txt" | grep -q 'Linux version ' || echo "dmesg.txt does not start at boot"
	grep -q 'snp-validate: 1: start' "$d/dmesg.txt" || echo "dmesg.txt lacks snp-validate's start mark"
	grep -qx 'TAP version 13' "$d/selftests.tap" || echo "selftests.tap is not run_kselftest.sh output"
	grep -qx "1\.\.${#kit_tests[@]}" "$d/selftests.tap" || echo "selftests.tap does not plan the kit's ${#kit_tests[@]} tests"
	for t in "${kit_tests[@]}"; do
		grep -qE "^(PASS|FAIL|SKIP)	selftest/$t	" "$d/results.tsv" || echo "no result for selftest/$t"
	done
	for k in precond/root precond/kvm_amd precond/kit-kernel precond/kit-files kernel-log; do
		grep -q "^PASS	$k	" "$d/results.tsv" || echo "$k did not pass"
	done
	for k in "${snp_checks[@]}"; do
		grep -q "	$k	" "$d/results.tsv" || echo "no result for $k"
	done
	awk -F'\t' '$1 == "FAIL" { printf "FAIL %s (%s)\n", $2, $3 }' "$d/results.tsv"
	case $mode in
	none)
		[ "$rc" = 4 ] || echo "exit $rc, not 4 (SNP absent)"
		grep -qx 'platform: no SNP' "$d/env.txt" || echo "env.txt does not say 'platform: no SNP'"
		for k in "${snp_checks[@]}"; do
			grep -qE "^SKIP	$k	.+" "$d/results.tsv" || echo "$k did not skip with a reason"
		done
		awk -F'\t' '$2 ~ /^selftest\/sev_/ && ($1 != "SKIP" || $3 == "") { printf "%s did not skip with a reason\n", $2 }' "$d/results.tsv"
		grep -q '^Not tested on SNP hardware' "$d/tested-on.txt" || echo "tested-on.txt does not say 'Not tested on SNP hardware'"
		;;
	model)
		[ "$rc" = 0 ] || echo "exit $rc, not 0"
		grep -q '^platform: software SNP platform' "$d/env.txt" || echo "env.txt does not name the software SNP platform"
		grep -q 'software SNP platform' "$d/tested-on.txt" || echo "tested-on.txt does not name the software SNP platform"
		! grep -q 'Tested-on:' "$d/tested-on.txt" || echo "tested-on.txt claims hardware ('Tested-on:') on the software SNP platform"
		for k in snp/kvm_amd host/cpu-offline-refused rmpopt/enabled rmpopt/initial-scan rmpopt/rescan-after-guest; do
			grep -q "^PASS	$k	" "$d/results.tsv" || echo "$k did not pass on the software SNP platform"
		done
		;;
	esac
	tr -d '\n' <"$d/tested-on.txt" | grep -q "${want_commit:0:12}" || echo "tested-on.txt does not name the series commit"
}

fail=0
main_rc=$(kitline 'case main exit ' | cut -d' ' -f1)
if [ ! -d "$work/main" ]; then
	result FAIL $rp/report "no report in the guest log (snp-validate: $(kitline 'case main stderr: '))"
	exit 1
fi
problems=$(check_report "$work/main" "$mode" "$main_rc")
# Every snp-validate check, as make check reports it.
while IFS=$'\t' read -r st name detail; do
	result "$st" "$rp/$name" "$detail"
done <"$work/main/results.tsv"
counts=$(awk -F'\t' '{ c[$1]++ } END { printf "%d passed, %d failed, %d skipped", c["PASS"], c["FAIL"], c["SKIP"] }' "$work/main/results.tsv")
if [ -z "$problems" ]; then
	result PASS $rp/report "snp-validate $mode: exit $main_rc after $(kitline 'case main exit ' | awk '{ print $3 }') s; $counts; KTAP, summary, env, dmesg, selftests and Tested-on consistent"
else
	echo "$problems" | sed 's/^/  /'
	result FAIL $rp/report "snp-validate $mode (exit $main_rc): $(echo "$problems" | wc -l) problems above"
	fail=1
fi

# The checker itself: a FAIL row, and an SNP check that passes without SNP.
tamper() { # tamper NAME FROM TO: copy the report with check NAME's status FROM turned to TO
	local t=$work/tamper-${1//\//-} k
	rm -rf "$t"
	cp -r "$work/main" "$t"
	k=$(awk -F'\t' -v n="$1" '$2 == n { print NR; exit }' "$t/results.tsv")
	[ -n "$k" ] || return 1
	sed -i "${k}s/^$2	/$3	/" "$t/results.tsv"
	awk -F'\t' '{ printf "%-6s %-34s %s\n", $1, $2, $3 }' "$t/results.tsv" >"$t/table"
	awk -v k="$k" -v to="$3" -v name="$1" '
		$0 ~ "^(not )?ok " k " " { print (to == "FAIL" ? "not ok " : "ok ") k " " name; next } { print }' "$t/results.ktap" >"$t/ktap"
	mv "$t/ktap" "$t/results.ktap"
	awk -v tf="$t/table" '/^STATUS +CHECK/ { print; while ((getline l < tf) > 0) print l; skip = 1; next }
		skip && NF == 0 { skip = 0 } !skip { print }' "$t/summary.txt" >"$t/s" && mv "$t/s" "$t/summary.txt"
	echo "$t"
}
caught=()
missed=()
victim=$(awk -F'\t' '$1 == "PASS" && $2 ~ /^selftest\// { print $2; exit }' "$work/main/results.tsv")
for spec in "$victim PASS FAIL" "host/cpu-offline-refused SKIP PASS"; do
	set -- $spec
	[ "$mode" = none ] || [ "$3" = FAIL ] || continue
	if ! t=$(tamper "$1" "$2" "$3"); then
		missed+=("the report has no $2 row $1 to tamper with")
		continue
	fi
	new=$(comm -13 <(sort <<<"$problems") <(check_report "$t" "$mode" "$main_rc" | sort) | sed -n 1p)
	if [ -n "$new" ]; then
		caught+=("$1 $2->$3 rejected: $new")
	else
		missed+=("a report with $1 turned from $2 to $3 was accepted")
	fi
done
if [ ${#missed[@]} -eq 0 ]; then
	result PASS $rp/checker-negative-control "$(IFS=';'; echo "${caught[*]}")"
else
	result FAIL $rp/checker-negative-control "$(IFS=';'; echo "${missed[*]}")"
	fail=1
fi

# Bad input: one clear message each, exit 2, no report, the earlier report kept.
bad=()
check_case() { # check_case CASE MESSAGE
	local rc msg
	rc=$(kitline "case $1 exit " | cut -d' ' -f1)
	msg=$(kitline "case $1 stderr: ")
	[ "$rc" = 2 ] || bad+=("$1: exit ${rc:-none}, not 2")
	grep -qF "$2" <<<"$msg" || bad+=("$1: the message is '$msg', not about '$2'")
	[ "$(grep -c "^KIT: case $1 stderr: " "$work/log")" = 1 ] || bad+=("$1: more than one line on stderr")
	grep -qx "KIT: case $1 no report" "$work/log" || bad+=("$1: a report directory was made")
}
check_case nonroot "not running as root"
if [ "$mode" = none ]; then
	check_case nokvm "/dev/kvm does not exist"
	check_case nokvmamd "kvm_amd is not loaded"
	grep -q '^KIT: kvm_amd back' "$work/log" || bad+=("kvm_amd did not load again")
fi
grep -q '^KIT: main report unchanged' "$work/log" || bad+=("the main report changed during the bad-input runs")
if [ ${#bad[@]} -eq 0 ]; then
	result PASS $rp/bad-input "not root$([ "$mode" = model ] || echo ", no /dev/kvm, no kvm_amd"): exit 2, one message each, no report, the earlier report unchanged"
else
	printf '  %s\n' "${bad[@]}"
	result FAIL $rp/bad-input "${#bad[@]} problems above"
	fail=1
fi

# Negative control: without SNP there is no hotplug refusal, so the forced
# host checks must fail, and every CPU must be back online.
if [ "$mode" = none ]; then
	rc=$(kitline 'case forced exit ' | cut -d' ' -f1)
	online=$(kitline 'forced online ')
	row=$(awk -F'\t' '$1 == "FAIL" && $2 == "host/cpu-offline-refused" && $3 ~ /succeeded/' "$work/forced/results.tsv" 2>/dev/null)
	if [ "$rc" = 1 ] && [ -n "$row" ] && [ "${online% -> *}" = "${online#* -> }" ]; then
		result PASS $rp/negative-control "forced SNP checks without SNP: exit 1, $(cut -f2,3 <<<"$row" | tr '\t' ' '); online $online"
	else
		result FAIL $rp/negative-control "forced SNP checks without SNP: exit ${rc:-none}, '${row:-no FAIL of host/cpu-offline-refused}', online $online"
		fail=1
	fi
fi
exit $fail
