#!/bin/bash
# mutants.sh [NAME...]: apply each deliberate breakage in tests/mutants/ (or
# the ones named) to a scratch copy of the tree, rebuild the main kernel,
# run the boots of make check that run the SNP host code (the main boot with
# its KUnit suites, the software SNP platform boots), and print one line per
# mutant: "killed" with the tests that failed, or "survived". A survivor is
# a missing test. The tree itself is never touched. Not part of make check:
# each mutant costs an incremental build and about ten minutes of QEMU.
. "$(dirname "$0")/lib.sh"
[ -f "$OUT/main/arch/x86/boot/bzImage" ] && [ -d "$OUT/kselftest" ] ||
	die "no main build: run make first"
mb=$BUILD/mutants
wt=$mb/tree
git -C "$TREE" worktree remove --force "$wt" >/dev/null 2>&1 || rm -rf "$wt"
git -C "$TREE" worktree prune
mkdir -p "$mb/out"
git -C "$TREE" worktree add -q --detach "$wt" HEAD
trap 'git -C "$TREE" worktree remove --force "$wt"' EXIT
# The mutant builds share the selftests of the main build, and record the
# base so that the scripts find it with KERNEL_SRC set.
ln -sfn "$OUT/kselftest" "$mb/out/kselftest"
base_rev >"$mb/kernel-src-base"

mutants=("$@")
[ ${#mutants[@]} -gt 0 ] || mutants=($(cd "$TOP/tests/mutants" && ls | grep -v '^README$'))
summary=$mb/summary
: >"$summary"
for name in "${mutants[@]}"; do
	m=$TOP/tests/mutants/$name
	[ -f "$m" ] || die "no mutant $name in tests/mutants/"
	note "mutant $name"
	git -C "$wt" checkout -q -f HEAD
	if ! err=$(python3 "$TOP/scripts/mutate.py" "$m" "$wt" 2>&1); then
		echo "error    $name: $err" | tee -a "$summary"
		continue
	fi
	(
		export BUILD=$mb KERNEL_SRC=$wt RESULTS=$mb/results-$name
		: >"$RESULTS"
		"$TOP/scripts/build.sh" main && "$TOP/scripts/initramfs.sh" && "$TOP/scripts/boot.sh" &&
			"$TOP/scripts/guest-results.sh" "$mb/logs/guest.log"
		"$TOP/scripts/gate-soft-snp.sh"
		# A mutant of KVM's launch code names the selftests boot too; one
		# that snp-validate should notice, the kit boot (the kit is built
		# from the mutant tree first, as the kit gate does, and goes into
		# the initramfs). $OUT and $LOGS are the main build's here: the
		# mutant's paths are spelt out.
		if grep -qx 'boots: soft-snp-selftests' "$m"; then
			"$TOP/scripts/gate-soft-snp-selftests.sh"
		fi
		if grep -qx 'boots: soft-snp-kit' "$m"; then
			KIT_TREE_READY=1 KIT_DIR=$mb/out/kit-check/kit KIT_WORK=$mb/out/kit-check/work KIT_CONFIG=$mb/out/main/.config \
				"$TOP/scripts/kit.sh" >"$mb/logs/kit.log" 2>&1 && "$TOP/scripts/initramfs.sh" &&
				"$TOP/scripts/gate-soft-snp-kit.sh"
		fi
	) >"$mb/log-$name" 2>&1 || true
	killers=$({ grep '^FAIL ' "$mb/results-$name" || true; } | awk '{ print $2 }' | sort -u | sed -n 1,4p | tr '\n' ' ')
	if [ -n "$killers" ]; then
		echo "killed   $name by: $killers" | tee -a "$summary"
	elif grep -q '^PASS ' "$mb/results-$name"; then
		echo "survived $name" | tee -a "$summary"
	else
		echo "error    $name: nothing ran (log: $mb/log-$name)" | tee -a "$summary"
	fi
done
echo
echo "$(grep -c '^killed' "$summary") killed, $(grep -c '^survived' "$summary") survived, $(grep -c '^error' "$summary") errors (summary: $summary)"
! grep -qv '^killed' "$summary"
