#!/bin/bash
# bench-rmpopt.sh: what RMPOPT region tracking costs, measured in one QEMU
# boot of the main build against the software SNP platform (the local
# patch "Measure RMPOPT region tracking", read through debugfs by
# tests/soft-snp-init.sh in mode bench); writes bench/rmpopt.md. Part of
# make bench; needs a main build (make).
. "$(dirname "$0")/lib.sh"
. "$TOP/scripts/soft-snp.sh"
[ -f "$OUT/main/arch/x86/boot/bzImage" ] || die "no main build: run make first"
"$TOP/scripts/initramfs.sh"
soft_snp_boot bench ""
log=$LOGS/guest-soft-snp-bench.log
declare -A f
while read -r key value; do
	f[$key]=$value
done < <(tr -d '\r' <"$log" | sed -n 's/^BENCH //p')
for key in rmpupdate_pair_ns_tracking_off rmpupdate_pair_ns_tracking_on rmpupdate_pair_ratio_on_off \
	mark_marked_region_ns rescan_k_regions rescan_k_rmpopt rescan_k_us \
	rescan_full_regions rescan_full_rmpopt rescan_full_us; do
	[ -n "${f[$key]:-}" ] || die "no figure $key in $log"
done
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.4f", a / b }'; }
cat >"$TOP/bench/rmpopt.md" <<EOF2
# RMPOPT region tracking: cost and benefit

Measured by \`make bench\` (scripts/bench-rmpopt.sh) on $(date -u +%Y-%m-%d) in
one QEMU TCG boot ($(nproc) host cores; guest: 2 cores x 2 threads, 4 GiB)
of the main build against the software SNP platform, by reading
/sys/kernel/debug/soft_snp/rmpopt_bench (local patch). RMPUPDATE and RMPOPT
are the model's, and every instruction is emulated: the absolute times say
nothing about a processor, only the ratios within this run do. On hardware
RMPUPDATE is far cheaper than the model's locked table update, so the
marking's share of it is larger there than here; the cost of one mark is
given on its own for that reason.

| what | tracking off | tracking on | on / off |
|---|---|---|---|
| RMPUPDATE pair (private, then shared), ns | ${f[rmpupdate_pair_ns_tracking_off]} | ${f[rmpupdate_pair_ns_tracking_on]} | ${f[rmpupdate_pair_ratio_on_off]} |

One mark of an already marked region (the common case: a guest frees many
pages per region): ${f[mark_marked_region_ns]} ns.

| rescan after an SNP guest dies | regions | RMPOPT executions | time, µs |
|---|---|---|---|
| guest touched ${f[rescan_k_regions]} regions (per-region rescan) | ${f[rescan_k_regions]} | ${f[rescan_k_rmpopt]} | ${f[rescan_k_us]} |
| whole 2 TB window (without tracking) | ${f[rescan_full_regions]} | ${f[rescan_full_rmpopt]} | ${f[rescan_full_us]} |
| ratio k / full | | $(ratio "${f[rescan_k_rmpopt]}" "${f[rescan_full_rmpopt]}") | $(ratio "${f[rescan_k_us]}" "${f[rescan_full_us]}") |
EOF2
cat "$TOP/bench/rmpopt.md"
