#!/bin/bash
# check.sh: the test command. Runs every gate, prints one line per test case
# and closes with "N passed, N failed, N skipped". A failing gate does not stop
# the others, except when there is no tree to test.
#
# The gates up to the test initramfs run one after another. Then two lanes
# run side by side: the gates that build in the kernel tree, one at a time
# (they check out other commits), and the gates that boot QEMU, BOOT_JOBS
# (default 2) at a time. A TCG guest keeps less than one core busy: the
# soft-snp gate used 95 s of CPU in 129 s (2026-12-07), much of it waiting
# for RMPOPT's delayed scans. The boots take the kernel from a copy in
# $OUT/boot, since the tree lane rebuilds objects in $OUT/main meanwhile.
# Gates that run side by side print their output when they end, each in
# one piece; their result lines are kept per gate and gathered at the end.
. "$(dirname "$0")/lib.sh"
rdir=$LOGS/results.d
: >"$RESULTS"
rm -rf "$rdir"
mkdir -p "$rdir"
: >"$LOGS/timings"
step() { # step NAME COMMAND...: run a gate, time it, record a crash as a failure
	local name=$1 t0=$SECONDS
	local -x RESULTS=$rdir/${name//\//_}
	shift
	echo "--- $name"
	# A gate that exits non-zero without a failure of its own (it stopped
	# on an error, perhaps after some passes) still fails.
	"$@" || grep -q '^FAIL ' "$RESULTS" 2>/dev/null ||
		result FAIL "$name" "stopped with an error: see the output above"
	echo "$name $((SECONDS - t0))s" >>"$LOGS/timings"
}
held() { # held TAG COMMAND...: run COMMAND, then print its output in one piece
	"${@:2}" >"$LOGS/held-$1.out" 2>&1 || true
	# One writer at a time: a pipe mixes writes of more than 4 KiB.
	flock "$LOGS/held.lock" cat "$LOGS/held-$1.out"
}
in_pool() { # in_pool COMMAND...: in the background, at most BOOT_JOBS at once
	local max=${BOOT_JOBS:-2}
	[ "$max" -ge 1 ] || max=1
	while [ "$(jobs -rp | wc -l)" -ge "$max" ]; do wait -n || true; done
	"$@" &
}

"$TOP/scripts/deps.sh"
"$TOP/scripts/make-tree.sh"
step series-applies "$TOP/scripts/gate-apply.sh"
step checkpatch "$TOP/scripts/gate-checkpatch.sh"
step send-dry-run "$TOP/scripts/gate-send.sh"
step build/main "$TOP/scripts/build.sh" main
step selftests-build "$TOP/scripts/selftests.sh"
step host-tests "$TOP/scripts/host-tests.sh"
step kit "$TOP/scripts/gate-kit.sh"
step initramfs "$TOP/scripts/initramfs.sh"

export BOOT_KERNEL_DIR=$OUT/boot
rm -rf "$BOOT_KERNEL_DIR"
# Without a main build the boots fail one by one, as the other gates do.
for f in arch/x86/boot/bzImage System.map arch/x86/kvm/kvm-amd.ko; do
	install -D -m 644 "$OUT/main/$f" "$BOOT_KERNEL_DIR/$f" || echo "warning: no $OUT/main/$f to boot" >&2
done

main_boot() { # the main boot and the checks of its log
	step boot "$TOP/scripts/boot.sh"
	step guest-results "$TOP/scripts/guest-results.sh" "$LOGS/guest.log"
	step kit-guest "$TOP/scripts/kit-guest-check.sh" "$LOGS/guest.log"
}
boot_lane() { # longest first, so that the pool ends evenly
	in_pool held soft-snp step soft-snp "$TOP/scripts/gate-soft-snp.sh"
	in_pool held soft-snp-kit step soft-snp-kit "$TOP/scripts/gate-soft-snp-kit.sh"
	in_pool held boot main_boot
	in_pool held soft-snp-selftests step soft-snp-selftests "$TOP/scripts/gate-soft-snp-selftests.sh"
	in_pool held lockdep-control step kernel-log-negative-control "$TOP/scripts/gate-lockdep-control.sh"
	in_pool held soft-snp-control step soft-snp-negative-control "$TOP/scripts/gate-soft-snp-control.sh"
	wait
}
tree_lane() {
	held bisect step bisect "$TOP/scripts/gate-bisect.sh"
	held isolation step soft-snp-isolation "$TOP/scripts/soft-snp-isolation.sh"
	held warnings step warnings "$TOP/scripts/gate-warnings.sh"
	# make check compiles in the variant configurations only what uses the
	# series' changes (gate-variants.sh); make check-full builds them in full.
	held variants step build-variants "$TOP/scripts/gate-variants${FULL_VARIANTS:+-full}.sh"
}
# Background jobs of a script ignore SIGINT: on Ctrl-C or a kill, stop
# the boot lane too, or its QEMU guests would run on for minutes.
trap 'trap - INT TERM; kill 0' INT TERM
boot_lane &
tree_lane
wait

sed 's/^/  /' "$LOGS/timings"
# The result lines in the order the gates ended.
for name in $(awk '{ print $1 }' "$LOGS/timings"); do
	cat "$rdir/${name//\//_}" 2>/dev/null || true
done >"$RESULTS"
exec "$TOP/scripts/summary.sh"
