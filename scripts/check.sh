#!/bin/bash
# check.sh: the test command. Runs every gate, prints one line per test case
# and closes with "N passed, N failed, N skipped". A failing gate does not stop
# the others, except when there is no tree to test.
#
# The gates up to the test initramfs run in order, and beside them what
# reads HEAD's tree without changing what they read: the variants'
# configuration and the patch checks beside the main build, the variant
# gate after it (each says why below). Then two lanes run side by side:
# the gates that check out other commits, one at a time, and the gates
# that boot QEMU, BOOT_JOBS (default 2) at a time.
# A TCG guest keeps less than one core busy: the soft-snp gate used 95 s
# of CPU in 129 s (2026-12-07), much of it waiting for RMPOPT's delayed
# scans. The boots take the kernel from a copy in $OUT/boot, since the
# tree lane rebuilds objects in $OUT/main meanwhile.
# Gates that run side by side print their output when they end, each in
# one piece; their result lines are kept per gate and gathered at the end.
. "$(dirname "$0")/lib.sh"
rdir=$LOGS/results.d
: >"$RESULTS"
rm -rf "$rdir"
mkdir -p "$rdir"
: >"$LOGS/timings"
step() { # step NAME COMMAND...: run a gate, time it, record a crash as a failure
	local name=$1 t0=$SECONDS cpu=$LOGS/cpu.${1//\//_}
	local -x RESULTS=$rdir/${name//\//_}
	shift
	echo "--- $name"
	rm -f "$cpu"
	# A gate that exits non-zero without a failure of its own (it stopped
	# on an error, perhaps after some passes) still fails. The subshell's
	# only child is the gate: its children's times are the gate's CPU.
	# It runs in the background and is waited for: bash runs a trap (the
	# kill below) only when its foreground command has ended, but at once
	# during a wait.
	(rc=0; "$@" || rc=$?; times >"$cpu"; exit $rc) &
	wait $! || grep -q '^FAIL ' "$RESULTS" 2>/dev/null ||
		result FAIL "$name" "stopped with an error: see the output above"
	echo "$name $((SECONDS - t0))s (CPU $(cpu_seconds "$cpu") s)" >>"$LOGS/timings"
	[ -z "${JOB_STEPS:-}" ] || echo "$name" >>"$JOB_STEPS"
}
cpu_seconds() { # cpu_seconds FILE: user + system time of the children, from bash's times
	awk 'NR == 2 { t = 0; for (i = 1; i <= 2; i++) { split($i, p, /[ms]/); t += p[1] * 60 + p[2] }
		printf "%.0f", t }' "$1" 2>/dev/null || echo "?"
}
held() { # held TAG COMMAND...: run COMMAND, then print its output in one piece
	"${@:2}" >"$LOGS/held-$1.out" 2>&1 || true
	# One writer at a time: a pipe mixes writes of more than 4 KiB.
	flock "$LOGS/held.lock" cat "$LOGS/held-$1.out"
}
# A job (the kit gate, and each gate or group of gates in the lanes) whose
# inputs are those of a run where it passed is not run again (lib.sh,
# passed_before): its result lines are that run's, and its output says so.
# The inputs of each kind are listed in boot_inputs, tree_inputs and
# kit_inputs below. Touching a file,
# or a make check right after one that passed, boots nothing again; any
# change to what a job reads runs it. make check-full runs every job.
#
# A job that writes files later gates use names them in JOB_OUTPUTS, a
# function that prints their fingerprint: the job is kept only while they
# are still the ones its passing run wrote.
job() { # job TAG INPUTS-FUNCTION FUNCTION...: a lane job, held (see held)
	local tag=$1 inputs=$2 key
	key=jobs/$tag-$("$inputs")
	shift 2
	if passed_before "$key" && [ -f "$PASSED/$key/output" ] && outputs_kept "$PASSED/$key"; then
		replay "$tag" "$PASSED/$key"
		return
	fi
	: >"$LOGS/job-$tag.steps"
	JOB_STEPS=$LOGS/job-$tag.steps held "$tag" "$@"
	# Inputs changed while the job ran (an edit during make check): the
	# result belongs to neither version.
	[ "jobs/$tag-$("$inputs")" = "$key" ] || return 0
	keep_if_passed "$tag" "$PASSED/$key"
}
outputs_kept() { [ -z "${JOB_OUTPUTS:-}" ] || [ "$("$JOB_OUTPUTS")" = "$(cat "$1/outputs")" ]; }
keep_if_passed() { # keep_if_passed TAG DIR: keep a job's result lines and output if all passed
	local s f
	while read -r s; do
		f=$rdir/${s//\//_}
		[ ! -f "$f" ] || ! grep -q '^FAIL ' "$f" || return 0
	done <"$LOGS/job-$1.steps"
	# Written aside and renamed: an interrupted run leaves no half record.
	rm -rf "$2.tmp" && mkdir -p "$2.tmp/results"
	cp "$LOGS/job-$1.steps" "$2.tmp/steps"
	while read -r s; do
		f=$rdir/${s//\//_}
		[ ! -f "$f" ] || cp "$f" "$2.tmp/results/"
	done <"$2.tmp/steps"
	[ -z "${JOB_OUTPUTS:-}" ] || "$JOB_OUTPUTS" >"$2.tmp/outputs"
	cp "$LOGS/held-$1.out" "$2.tmp/output"
	rm -rf "$2" && mv "$2.tmp" "$2"
}
replay() { # replay TAG DIR: the result lines a job kept, instead of running it
	local s lines
	cp "$2"/results/* "$rdir/" 2>/dev/null || true
	lines=$(cat "$2"/results/* 2>/dev/null || true)
	while read -r s; do echo "$s kept" >>"$LOGS/timings"; done <"$2/steps"
	cp "$2/output" "$LOGS/held-$1.out"
	flock "$LOGS/held.lock" echo "--- $1: passed before with the same inputs, not run again" \
		"($(grep -c '^PASS ' <<<"$lines") passed, $(grep -c '^SKIP ' <<<"$lines") skipped;" \
		"that run's output: $LOGS/held-$1.out)"
}
scripts_key() { # this repository's scripts, tests, fragments and pinned tools: names, modes, bytes
	(cd "$TOP" && find scripts tests configs ./*.lock -type f -printf '%m %p\n' | sort &&
		find scripts tests configs ./*.lock -type f -print0 | sort -z | xargs -0 sha256sum)
}
boot_inputs() { # the inputs of a boot lane job, as a key
	{
		# Missing files make a key no run passed with: the job runs and fails.
		sha256sum "$BOOT_KERNEL_DIR"/{arch/x86/boot/bzImage,System.map,arch/x86/kvm/kvm-amd.ko} 2>&1 || true
		cat "$OUT/initramfs.contents" 2>&1 || true
		scripts_key
		qemu-system-x86_64 --version
		objdump --version | sed -n 1p
		echo "${BOOT_CPU:-} ${BOOT_MEM:-} ${BOOT_TIMEOUT:-} ${BOOT_INIT_TIMEOUT:-}"
	} | inputs_key
}
tree_inputs() { # the inputs of a tree lane job, as a key
	{
		# The commits' trees and subjects, not only HEAD's tree: what
		# soft-snp-isolation compares depends on where the local group starts.
		git -C "$TREE" log --format='%T %s' "$(base_rev)..HEAD"
		git -C "$TREE" rev-parse "$(base_rev)"
		cat "$OUT/main/.config"
		scripts_key
		gcc --version
		ld --version
		make --version
	} | inputs_key
}
kit_inputs() { # the kit's inputs: kit-info names the commits and the patches
	{
		tree_inputs
		git -C "$TREE" rev-parse HEAD
		cat "$TOP"/tools/*
		git -C "$TOP" rev-parse HEAD
		git -C "$TOP" status --porcelain
		git -C "$TOP" diff HEAD
		dpkg-deb --version | sed -n 1p
	} | inputs_key
}
kit_outputs() { find "$OUT/kit-check/kit" -printf '%P %s %T@\n' 2>&1 | sort; }
in_pool() { # in_pool COMMAND...: in the background, at most BOOT_JOBS at once
	local max=${BOOT_JOBS:-2}
	[ "$max" -ge 1 ] || max=1
	while [ "$(jobs -rp | wc -l)" -ge "$max" ]; do wait -n || true; done
	"$@" &
}

"$TOP/scripts/deps.sh"
"$TOP/scripts/make-tree.sh"
export SNP_TREE_READY=1
# Configuring the two variants takes HEAD's tree and no main build: about
# 35 s each, alone (2026-12-08), mostly Kconfig and host tools run one at a
# time, beside the checks that leave a core idle. The variant gate finds
# them configured (or configures again and says what failed).
configure_variants() { # in a subshell of its own (&): times are its CPU
	local t0=$SECONDS
	"$TOP/scripts/gate-variants.sh" --configure >/dev/null 2>&1 || true
	times >"$LOGS/cpu.variant-configure"
	echo "variant-configure $((SECONDS - t0))s (CPU $(cpu_seconds "$LOGS/cpu.variant-configure") s; beside the checks)" >>"$LOGS/timings"
}
# Background jobs of a script ignore SIGINT: on Ctrl-C or a kill, stop
# every gate, or those beside the others would go on (a TERM to this
# script alone left the variant configuration, send-dry-run and the main
# build running, 2026-12-08), and the boot lane's QEMU guests for minutes.
trap 'trap - INT TERM; kill 0' INT TERM
# make check-full configures and builds the variants in full instead.
configuring=
[ -n "${FULL_VARIANTS:-}" ] || { configure_variants & configuring=$!; }
step series-applies "$TOP/scripts/gate-apply.sh"
# checkpatch and send-dry-run read the series (send.sh replays it in an
# index of its own) and change nothing the build reads; perl and git, one
# or two processes: beside the main build. bisect builds the postings
# send-dry-run leaves in build/send, so the tree lane waits for them.
patch_checks() {
	step checkpatch "$TOP/scripts/gate-checkpatch.sh"
	step send-dry-run "$TOP/scripts/gate-send.sh"
}
held patch-checks patch_checks &
checking=$!
step build/main "$TOP/scripts/build.sh" main
# The variant gate reads HEAD's tree and the main build, as the gates up to
# the boots do, and checks nothing out: it runs beside them. The gates of
# the tree lane that check out other commits wait for it (tree_lane).
[ -z "$configuring" ] || wait "$configuring" || true
variant_job() { # make check-full builds the variants in full (gate-variants-full.sh)
	job variants${FULL_VARIANTS:+-full} tree_inputs step build-variants "$TOP/scripts/gate-variants${FULL_VARIANTS:+-full}.sh"
}
variant_job &
variants=$!
step selftests-build "$TOP/scripts/selftests.sh"
step host-tests "$TOP/scripts/host-tests.sh"
JOB_OUTPUTS=kit_outputs job kit kit_inputs step kit "$TOP/scripts/gate-kit.sh"
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
	in_pool job soft-snp boot_inputs step soft-snp "$TOP/scripts/gate-soft-snp.sh"
	in_pool job soft-snp-kit boot_inputs step soft-snp-kit "$TOP/scripts/gate-soft-snp-kit.sh"
	in_pool job boot boot_inputs main_boot
	in_pool job soft-snp-selftests boot_inputs step soft-snp-selftests "$TOP/scripts/gate-soft-snp-selftests.sh"
	in_pool job lockdep-control boot_inputs step kernel-log-negative-control "$TOP/scripts/gate-lockdep-control.sh"
	in_pool job soft-snp-control boot_inputs step soft-snp-negative-control "$TOP/scripts/gate-soft-snp-control.sh"
	wait
}
tree_lane() {
	wait $variants $checking || true
	job isolation tree_inputs step soft-snp-isolation "$TOP/scripts/soft-snp-isolation.sh"
	job warnings tree_inputs step warnings "$TOP/scripts/gate-warnings.sh"
	# make check-full only: it builds a second kernel.
	[ -z "${FULL_VARIANTS:-}" ] || held legacy-launch step legacy-launch "$TOP/scripts/gate-legacy-launch.sh"
	# Last: it leaves the main build's objects as the series' commits built
	# them (gate-bisect.sh), and the warnings gate reads HEAD's.
	held bisect step bisect "$TOP/scripts/gate-bisect.sh"
}
boot_lane &
tree_lane
wait

sed 's/^/  /' "$LOGS/timings"
# The result lines in the order the gates ended.
for name in $(awk '{ print $1 }' "$LOGS/timings"); do
	cat "$rdir/${name//\//_}" 2>/dev/null || true
done >"$RESULTS"
exec "$TOP/scripts/summary.sh"
