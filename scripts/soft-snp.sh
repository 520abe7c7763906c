# soft-snp.sh: how the software SNP platform boots run; sourced by the
# gates. The main build (CONFIG_SOFT_SNP=y) is booted with soft_snp=, which
# makes the model active, and /tests/soft-snp-init.sh as its init.
#
# QEMU needs the CPUID leaf 0x8000001F (xlevel) and enough RAM for several
# 1 GB regions: with -m 4096, q35 puts 2 GiB below 4 GiB and 2 GiB above,
# so RAM spans 0-6 GiB (regions 0, 1, 4 and 5). The RMP needs 16 KiB +
# 16 B per 4 KiB page up to 6 GiB, in whole MiB: 25 MiB, reserved with
# memmap= near the top of RAM. 26 MiB keeps its end 2 MiB aligned: with an
# unaligned end (25 MiB) 7.3 warns in init_mem_mapping() (set_pmd_safe()).
# KUnit is off (kunit.enable=0): the main boot runs it, and its suites skip
# on an SNP host anyway.
SOFT_SNP_RMP_BASE=0x170000000
SOFT_SNP_RMP_SIZE=26M

soft_snp_boot() { # soft_snp_boot MODE KNOBS [KERNEL-ARG...]
	local mode=$1 knobs=${2:+,$2}
	shift 2
	BOOT_TAG=soft-snp-$mode BOOT_CPU=EPYC,+svm,xlevel=0x8000001F BOOT_MEM=4096 \
		"$TOP/scripts/boot.sh" rdinit=/tests/soft-snp-init.sh kunit.enable=0 \
		"memmap=$SOFT_SNP_RMP_SIZE\$$SOFT_SNP_RMP_BASE" \
		"soft_snp=rmp:$SOFT_SNP_RMP_BASE+$SOFT_SNP_RMP_SIZE,asid:10:5$knobs" \
		"soft_snp_test.mode=$mode" "$@"
}

# The result lines of one boot: its RESULT lines and the kernel-log check.
soft_snp_results() { # soft_snp_results MODE
	KUNIT=0 LOG_RESULT=soft-snp/$1/kernel-log \
		"$TOP/scripts/guest-results.sh" "$LOGS/guest-soft-snp-$1.log"
}
