#!/bin/bash
# bench.sh: measure, in one run on this machine, the baseline (a plain build of
# the main config from scratch, no ccache), the cold test command (make check
# in a fresh clone with an empty ccache, as CI runs it), the warm edit loop (touch a file the series
# changes, then the main job) and QEMU boot to the first test; write
# bench/figures.md. Takes about an hour on 2 cores.
. "$(dirname "$0")/lib.sh"
"$TOP/scripts/deps.sh"
"$TOP/scripts/make-tree.sh"
scratch=$BUILD/bench
rm -rf "$scratch" && mkdir -p "$scratch"
now() { date +%s; }

note "baseline: plain build of the main config, no ccache"
t0=$(now)
CCACHE_DISABLE=1 "$TOP/scripts/config.sh" "$scratch/baseline" "${MAIN_FRAGMENTS[@]}"
CCACHE_DISABLE=1 kmake "$scratch/baseline" bzImage modules >"$LOGS/bench-baseline.log" 2>&1
baseline=$(($(now) - t0))
rm -rf "$scratch/baseline"

note "cold test command: a fresh clone of this repository's HEAD, empty ccache"
git clone -q "$TOP" "$scratch/clone"
t0=$(now)
(cd "$scratch/clone" && env -u BUILD -u RESULTS CCACHE_DIR=$scratch/ccache make check) >"$LOGS/bench-cold.log" 2>&1 || true
cold=$(($(now) - t0))
cold_summary=$(tail -n 1 "$LOGS/bench-cold.log")
rm -rf "$scratch/clone" "$scratch/ccache"

note "warm edit loop: touch arch/x86/virt/svm/sev.c, then the main job"
touch "$TREE/arch/x86/virt/svm/sev.c"
t0=$(now)
"$TOP/scripts/main.sh" >"$LOGS/bench-warm.log" 2>&1 || true
warm=$(($(now) - t0))
first_test=$(grep -a -o -m1 'GUEST: up after [0-9.]*' "$LOGS/guest.log" | awk '{ print $4 }' || true)
boot_wall=$(cat "$LOGS/guest.log.seconds")

mkdir -p "$TOP/bench"
ratio=$(awk -v c="$cold" -v b="$baseline" 'BEGIN { printf "%.2f", c / b }')
cat >"$TOP/bench/figures.md" <<EOF2
# Pipeline figures

Measured by \`make bench\` on $(date -u +%Y-%m-%d), $(nproc) cores, $(free -g | awk '/Mem:/ { print $2 }') GiB,
$(gcc --version | head -n 1), QEMU $(qemu-system-x86_64 --version | head -n 1 | awk '{ print $4 }') TCG.
Series: $(git -C "$TREE" rev-list --count "$(base_rev)..HEAD") patches.

| what | seconds | target |
|---|---|---|
| baseline: plain build of the main config from scratch (no ccache) | $baseline | — |
| cold test command (\`make check\` in a fresh clone, empty ccache) | $cold | ≤ 2.5 × baseline: **$ratio ×** |
| warm edit loop (touch arch/x86/virt/svm/sev.c → tested kernel, \`make\`) | $warm | ≤ 180 |
| QEMU boot to the first test (guest uptime at /init) | $first_test | ≤ 10 |
| whole QEMU run of the main job (boot, smoke tests, selftests, poweroff) | $boot_wall | — |

Cold run closed with: \`$cold_summary\`
EOF2
cat "$TOP/bench/figures.md"
