#!/bin/bash
# bench.sh: measure, in one run on this machine and in a fresh clone of this
# repository's HEAD (your build/linux is not touched), and write
# bench/figures.md:
#  1. cold make check: fresh clone, empty ccache, as CI runs it;
#  2. the baseline: a plain build of the main config from scratch, no ccache,
#     same tree; every other figure is also given as a ratio to it;
#  3. warm make check: touch a file the series changes, make check again;
#  4. make check-full, warm (the same clone and ccache, right after 3): make
#     check plus the variant configurations built in full;
#  5. the warm edit loop (touch the same file, then the main job) and the
#     QEMU boot to the first test;
#  6. make check after an edit that changes the kernel: a line added to
#     arch/x86/kvm/svm/svm.c in the last patch that changes it (a touch
#     changes no output, so make check then redoes almost nothing: check.sh);
#  7. the cost and benefit of RMPOPT region tracking (bench-rmpopt.sh,
#     into bench/rmpopt.md).
# Takes over an hour on 2 cores.
. "$(dirname "$0")/lib.sh"
"$TOP/scripts/deps.sh"
scratch=$BUILD/bench
rm -rf "$scratch" && mkdir -p "$scratch"
clone=$scratch/clone
export CCACHE_DIR=$scratch/ccache
touched=arch/x86/virt/svm/sev.c
# Step 6's edit: its last patch is an upstream one (see there).
edit_file=arch/x86/kvm/svm/svm.c
now() { date +%s; }
in_clone() { (cd "$clone" && env -u BUILD -u RESULTS -u KERNEL_SRC -u FULL_VARIANTS -u NO_PASS_CACHE "$@"); }
# check_run NAME TARGET: make TARGET in the clone; sets $secs and keeps the
# gate timings in $scratch/NAME.timings and the closing line in $scratch/NAME.summary.
check_run() {
	local t0
	t0=$(now)
	in_clone make "$2" >"$LOGS/bench-$1.log" 2>&1 || true
	secs=$(($(now) - t0))
	cp "$clone/build/logs/timings" "$scratch/$1.timings" 2>/dev/null || : >"$scratch/$1.timings"
	# The closing line of make check: make itself prints more after it.
	grep -E '^[0-9]+ passed, [0-9]+ failed, [0-9]+ skipped' "$LOGS/bench-$1.log" | tail -n 1 >"$scratch/$1.summary" || true
}

note "1. cold make check: a fresh clone of this repository's HEAD, empty ccache (log: $LOGS/bench-cold.log)"
git clone -q "$TOP" "$clone"
check_run cold check
cold=$secs

note "2. baseline: plain build of the main config from scratch, no ccache"
t0=$(now)
CCACHE_DISABLE=1 KERNEL_SRC=$clone/build/linux \
	"$TOP/scripts/config.sh" "$scratch/baseline" "${MAIN_FRAGMENTS[@]/#$TOP/$clone}" >/dev/null
CCACHE_DISABLE=1 make -s -C "$clone/build/linux" O="$scratch/baseline" -j"$JOBS" \
	bzImage modules >"$LOGS/bench-baseline.log" 2>&1
baseline=$(($(now) - t0))
rm -rf "$scratch/baseline"

note "3. warm make check: touch $touched, make check (log: $LOGS/bench-warm.log)"
touch "$clone/build/linux/$touched"
check_run warm check
warm=$secs

note "4. make check-full, warm (log: $LOGS/bench-full.log)"
check_run full check-full
full=$secs

note "5. warm edit loop: touch $touched, then the main job"
touch "$clone/build/linux/$touched"
t0=$(now)
in_clone make >"$LOGS/bench-loop.log" 2>&1 || true
loop=$(($(now) - t0))
guest_log=$clone/build/logs/guest.log
first_test=$(grep -a -o -m1 'GUEST: up after [0-9.]*' "$guest_log" | awk '{ print $4 }' || true)
boot_wall=$(cat "$guest_log.seconds" 2>/dev/null || echo "?")
patches=$(grep -c '\.patch$' "$clone/patches/series")

note "6. make check after an edit of $edit_file that changes the kernel (log: $LOGS/bench-edit.log)"
ctree=$clone/build/linux
# A line appended to the file in the last patch that changes it: no later
# commit touches the file, so the autosquash applies cleanly. That patch is
# an upstream one (a local one may not change upstream files with
# CONFIG_SOFT_SNP=n: the soft-snp-isolation gate).
edited=$(git -C "$ctree" log -1 --format=%s -- "$edit_file")
echo 'static const char bench_edit[] __used = "an edit that changes the kernel";' >>"$ctree/$edit_file"
git -C "$ctree" commit -q --fixup="$(git -C "$ctree" log -1 --format=%H -- "$edit_file")" -- "$edit_file"
GIT_SEQUENCE_EDITOR=true git -C "$ctree" rebase -q -i --autosquash "$BASE_TAG"
in_clone make export >/dev/null
check_run edit check
edit=$secs

note "7. RMPOPT region tracking (log: $LOGS/bench-rmpopt.log)"
in_clone scripts/bench-rmpopt.sh >"$LOGS/bench-rmpopt.log" 2>&1 &&
	cp "$clone/bench/rmpopt.md" "$TOP/bench/rmpopt.md" ||
	echo "bench-rmpopt.sh failed (log: $LOGS/bench-rmpopt.log); bench/rmpopt.md not updated" >&2

x() { awk -v a="$1" -v b="$baseline" 'BEGIN { printf "%.2f", a / b }'; }
verdict() { awk -v r="$(x "$1")" -v t="$2" 'BEGIN { print (r <= t ? "met" : "**missed**") }'; }
# The gates, one row each: the figures of 2026-11-22 (full variant builds,
# 11 patches) and this run's cold, warm and check-full timings.
gate_table() {
	printf '| gate | before: cold | cold | warm | check-full (warm) | after the edit |\n|---|---|---|---|---|---|\n'
	for run in cold before warm full edit; do sed "s/^/$run /" "$scratch/$run.timings"; done | awk '
		{ s = $3; sub(/s$/, "", s); if (!($2 in seen)) { seen[$2] = 1; order[++n] = $2 }; v[$2, $1] = s }
		END { for (i = 1; i <= n; i++) { g = order[i]; printf "| %s |", g
			split("before cold warm full edit", runs, " ")
			for (j = 1; j <= 5; j++) printf " %s |", ((g, runs[j]) in v) ? v[g, runs[j]] : "—"; print "" } }'
}
cat >"$scratch/before.timings" <<'EOF2'
series-applies 22s
checkpatch 27s
bisect 179s
build/main 445s
selftests-build 13s
initramfs 1s
boot 27s
guest-results 0s
kernel-log-negative-control 10s
warnings 71s
build-variants 683s
EOF2
cat >"$TOP/bench/figures.md" <<EOF2
# Pipeline figures

Measured by \`make bench\` on $(date -u +%Y-%m-%d), $(nproc) cores, $(free -g | awk '/Mem:/ { print $2 }') GiB,
$(gcc --version | sed -n 1p), QEMU $(qemu-system-x86_64 --version | sed -n 1p | awk '{ print $4 }') TCG,
series of $patches patches, all in one fresh clone of the repository. The
base .deb and the sparse build are taken from ~/.cache/snp-series, as on any
second run; a first run on a new machine also downloads and builds those.

"Before" is the run of 2026-11-22 (commit 07f5ad6, 11 patches), when
\`make check\` built both variant configurations in full; since then it
compiles in them only what uses the interface the series changes (README,
"Variant builds"), and \`make check-full\` adds the full builds.

| what | before (2026-11-22) | now | target |
|---|---|---|---|
| baseline: plain build of the main config from scratch (no ccache) | 320 s | $baseline s | — |
| cold \`make check\` (fresh clone, empty ccache) | 1532 s, 4.79 × | $cold s, $(x "$cold") × | ≤ 2.5 × baseline: $(verdict "$cold" 2.5) |
| warm \`make check\` (touch $touched, then \`make check\` again) | not measured | $warm s, $(x "$warm") × | ≤ 0.5 × baseline: $(verdict "$warm" 0.5) |
| \`make check\` after an edit that changes the kernel (a line added to $edit_file in "$edited", exported) | not measured | $edit s, $(x "$edit") × | — |
| \`make check-full\`, warm (right after the warm \`make check\`, same ccache; the full variant builds compile cold) | 1532 s cold (it was \`make check\`) | $full s, $(x "$full") × | — |
| warm edit loop (touch $touched → tested kernel, \`make\`) | 100 s | $loop s | ≤ 180 s |
| QEMU boot to the first test (guest uptime at /init) | 5.41 s | $first_test s | ≤ 10 s |
| whole QEMU run of the main job (boot, smoke tests, selftests, poweroff) | 27 s | $boot_wall s | — |

The cost and benefit of RMPOPT region tracking (step 7) are in
\`bench/rmpopt.md\`.

Closing lines: cold \`$(cat "$scratch/cold.summary")\`; warm \`$(cat "$scratch/warm.summary")\`;
check-full \`$(cat "$scratch/full.summary")\`; after the edit \`$(cat "$scratch/edit.summary")\` (before: \`135 passed, 0 failed, 9 skipped\`).

Where the time went, in seconds per gate (the tree import and the package
check come before the first gate; "—": no such gate in that run). Since
2026-12-07 evening the gates after the initramfs run in two lanes side by
side (README, "What \`make check\` runs"): the tree lane (soft-snp-isolation,
warnings, build-variants, then bisect) and the boot lane (the
QEMU boots, two at a time). Their figures overlap and add up to more
than the run took, and each is slower than it would be alone.

$(gate_table)

Reading of "before": the test command built the kernel three times in full,
as the gates then required: the main config, everything built in, and SEV
off. The built-in variant reused ccache's preprocessed-mode hits (92 %),
but AMD_MEM_ENCRYPT=n changes the page-table headers that almost every file
includes, so the SEV-off variant missed 88 % and was a second full build;
the two variants alone were 2.1 × the baseline. (Its cold figure was taken
while the machine also compiled a few single objects for other work.)
EOF2
rm -rf "$clone" "$CCACHE_DIR"
cat "$TOP/bench/figures.md"
