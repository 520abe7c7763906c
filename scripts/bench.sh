#!/bin/bash
# bench.sh: measure, in one run on this machine and in a fresh clone of this
# repository's HEAD (your build/linux is not touched): the cold test command
# (make check with an empty ccache, as CI runs it), the baseline (a plain
# build of the main config from scratch, no ccache, same tree), the warm edit
# loop (touch a file the series changes, then the main job) and QEMU boot to
# the first test; write bench/figures.md. Takes about 40 minutes on 2 cores.
. "$(dirname "$0")/lib.sh"
"$TOP/scripts/deps.sh"
scratch=$BUILD/bench
rm -rf "$scratch" && mkdir -p "$scratch"
clone=$scratch/clone
export CCACHE_DIR=$scratch/ccache
now() { date +%s; }
in_clone() { (cd "$clone" && env -u BUILD -u RESULTS -u KERNEL_SRC "$@"); }

note "cold test command: a fresh clone of this repository's HEAD, empty ccache"
git clone -q "$TOP" "$clone"
t0=$(now)
in_clone make check >"$LOGS/bench-cold.log" 2>&1 || true
cold=$(($(now) - t0))
cold_summary=$(tail -n 1 "$LOGS/bench-cold.log")
timings=$(sed 's/^/    /' "$clone/build/logs/timings" 2>/dev/null || true)

note "baseline: plain build of the main config from scratch, no ccache"
t0=$(now)
CCACHE_DISABLE=1 KERNEL_SRC=$clone/build/linux \
	"$TOP/scripts/config.sh" "$scratch/baseline" "${MAIN_FRAGMENTS[@]/#$TOP/$clone}" >/dev/null
CCACHE_DISABLE=1 make -s -C "$clone/build/linux" O="$scratch/baseline" -j"$JOBS" \
	bzImage modules >"$LOGS/bench-baseline.log" 2>&1
baseline=$(($(now) - t0))
rm -rf "$scratch/baseline"

note "warm edit loop: touch arch/x86/virt/svm/sev.c, then the main job"
touch "$clone/build/linux/arch/x86/virt/svm/sev.c"
t0=$(now)
in_clone make >"$LOGS/bench-warm.log" 2>&1 || true
warm=$(($(now) - t0))
guest_log=$clone/build/logs/guest.log
first_test=$(grep -a -o -m1 'GUEST: up after [0-9.]*' "$guest_log" | awk '{ print $4 }' || true)
boot_wall=$(cat "$guest_log.seconds")
patches=$(grep -c '\.patch$' "$clone/patches/series")

ratio=$(awk -v c="$cold" -v b="$baseline" 'BEGIN { printf "%.2f", c / b }')
cat >"$TOP/bench/figures.md" <<EOF2
# Pipeline figures

Measured by \`make bench\` on $(date -u +%Y-%m-%d), $(nproc) cores, $(free -g | awk '/Mem:/ { print $2 }') GiB,
$(gcc --version | head -n 1), QEMU $(qemu-system-x86_64 --version | head -n 1 | awk '{ print $4 }') TCG,
series of $patches patches, all in one fresh clone of the repository. The
base .deb and the sparse build are taken from ~/.cache/snp-series, as on any
second run; a first run on a new machine also downloads and builds those.

| what | seconds | target |
|---|---|---|
| baseline: plain build of the main config from scratch (no ccache) | $baseline | — |
| cold test command (\`make check\` in the fresh clone, empty ccache) | $cold | ≤ 2.5 × baseline: **$ratio ×** |
| warm edit loop (touch arch/x86/virt/svm/sev.c → tested kernel, \`make\`) | $warm | ≤ 180 |
| QEMU boot to the first test (guest uptime at /init) | $first_test | ≤ 10 |
| whole QEMU run of the main job (boot, smoke tests, selftests, poweroff) | $boot_wall | — |

Cold run closed with: \`$cold_summary\`

Where the cold run's time went (seconds per gate of \`make check\`; the
tree import and the package check come before the first gate):

$timings
EOF2
rm -rf "$clone" "$CCACHE_DIR"
cat "$TOP/bench/figures.md"
