#!/bin/bash
# gate-kit.sh: make kit from the main configuration, into build/out/kit-check
# (the user's build/kit is never touched), then check what it produced: the
# packages (dpkg-deb -I/-c), the selftests bundle (run_kselftest.sh runs the
# host-only test here), snp-validate under dash, bash and busybox sh, and the
# bad input of make kit and snp-validate. The same kit goes into the QEMU
# guest (scripts/initramfs.sh), where tests/kit-in-guest.sh runs snp-validate;
# scripts/kit-guest-check.sh checks that report.
. "$(dirname "$0")/lib.sh"
export KIT_DIR=$OUT/kit-check/kit KIT_WORK=$OUT/kit-check/work
kit=$KIT_DIR
fail=0
bad() { result FAIL "$1" "$2"; fail=1; }

# 1. The kit. build/out/main's objects are the starting point (first run) or
# ccache serves the objects the series changed (later runs).
t0=$SECONDS
# Uncompressed packages (kbuild's KDEB_COMPRESS, passed to dpkg-deb -Z): the
# checks read them the same way, and xz took 18 of the 67 s of packaging
# (2026-12-07). make kit itself keeps dpkg-deb's default.
# The build time it records is the commit's (SOURCE_DATE_EPOCH), so that
# the same tree gives the same kit files in the initramfs (check.sh).
if ! SOURCE_DATE_EPOCH=$(git -C "$TREE" log -1 --format=%ct HEAD) KDEB_COMPRESS=none KIT_CONFIG=$OUT/main/.config "$TOP/scripts/kit.sh" >"$LOGS/kit.log" 2>&1; then
	tail -n 20 "$LOGS/kit.log" | sed 's/^/  /'
	result FAIL kit/build "make kit failed (log: $LOGS/kit.log)"
	exit 1
fi
result PASS kit/build "$((SECONDS - t0))s ($(cat "$LOGS/kit-timings")), from $OUT/main/.config$(cmp -s "$OUT/main/.config" "$KIT_WORK/obj/.config" && echo ", the same configuration")"
rel=$(sed -n 's/^KIT_KERNEL_RELEASE=//p' "$kit/kit-info")

# 2. The packages hold the kernel, its modules (kvm-amd, ccp) and headers.
image=$(ls "$kit/linux-image-${rel}_"*.deb 2>/dev/null | sed -n 1p)
problems=()
if [ -z "$image" ]; then
	problems+=("no linux-image-${rel}_*.deb")
else
	info=$(dpkg-deb -I "$image")
	files=$(dpkg-deb -c "$image" | awk '{ print $NF }')
	grep -qx " Package: linux-image-$rel" <<<"$info" || problems+=("$(basename "$image") is not package linux-image-$rel")
	grep -qx " Architecture: amd64" <<<"$info" || problems+=("$(basename "$image") is not amd64")
	for f in "boot/vmlinuz-$rel" "lib/modules/$rel/kernel/arch/x86/kvm/kvm-amd.ko" \
		"lib/modules/$rel/kernel/drivers/crypto/ccp/ccp.ko" "lib/modules/$rel/modules.order"; do
		grep -qxF -e "./$f" -e "./usr/$f" <<<"$files" || problems+=("$(basename "$image") lacks $f")
	done
	# The image is this build: its setup header carries the release string.
	dpkg-deb --fsys-tarfile "$image" | tar -xO "./boot/vmlinuz-$rel" 2>/dev/null | grep -aF "$rel (" >/dev/null ||
		problems+=("boot/vmlinuz-$rel does not carry the version string of Linux $rel")
fi
for p in "linux-headers-$rel" linux-libc-dev; do
	deb=$(ls "$kit/${p}_"*.deb 2>/dev/null | sed -n 1p)
	[ -n "$deb" ] && [ "$(dpkg-deb -f "$deb" Package)" = "$p" ] || problems+=("no $p package")
done
if [ ${#problems[@]} -eq 0 ]; then
	result PASS kit/packages "$(cd "$kit" && ls -- *.deb | tr '\n' ' ')with vmlinuz, kvm-amd.ko, ccp.ko"
else
	printf '  %s\n' "${problems[@]}"
	bad kit/packages "${#problems[@]} problems above"
fi

# 3. The selftests bundle: the pinned list, every SEV/SNP test of
# Makefile.kvm in it, and run_kselftest.sh working (the host-only test runs here).
problems=()
diff <(grep -v '^#' "$TOP/tests/kit-selftests.list" | awk 'NF { n = $1; sub(/.*\//, "", n); print "kvm:" n }' | sort) \
	<(sort "$kit/kselftest/kselftest-list.txt") >/dev/null || problems+=("kselftest-list.txt is not tests/kit-selftests.list")
for t in $(sed -nE 's/^TEST_GEN_PROGS_x86 \+= (x86\/(sev|snp)[a-z0-9_]*)$/\1/p' "$TREE/tools/testing/selftests/kvm/Makefile.kvm"); do
	grep -qx "$t" "$TOP/tests/kit-selftests.list" || problems+=("$t (Makefile.kvm) is not in tests/kit-selftests.list")
done
out=$( (cd "$kit/kselftest" && ./run_kselftest.sh -t kvm:snp_digest_test) 2>&1) || true
grep -qx 'ok 1 selftests: kvm: snp_digest_test' <<<"$out" || {
	echo "$out" | tail -n 10 | sed 's/^/  /'
	problems+=("run_kselftest.sh -t kvm:snp_digest_test did not pass here")
}
if [ ${#problems[@]} -eq 0 ]; then
	result PASS kit/selftests "$(wc -l <"$kit/kselftest/kselftest-list.txt") tests as pinned, every SEV/SNP test of Makefile.kvm among them; run_kselftest.sh ran snp_digest_test here: ok"
else
	printf '  %s\n' "${problems[@]}"
	bad kit/selftests "${#problems[@]} problems above"
fi

# 4. snp-validate here, where it must refuse to start: under dash, bash and
# busybox sh; and its RMPOPT log parser on tests/kit-rmpopt.log.
problems=()
for sh in dash bash "busybox sh"; do
	$sh -n "$kit/snp-validate" || problems+=("$sh -n fails")
	out=$(setpriv --reuid=65534 --regid=65534 --clear-groups $sh "$kit/snp-validate" -o "$BUILD/kit-nonroot" 2>&1) && rc=0 || rc=$?
	[ $rc = 2 ] && grep -q 'not running as root' <<<"$out" && [ ! -e "$BUILD/kit-nonroot" ] ||
		problems+=("$sh, not root: exit $rc, '$out'")
	if [ ! -d /sys/module/kvm_amd ]; then
		out=$($sh "$kit/snp-validate" -o "$BUILD/kit-nokvmamd" 2>&1) && rc=0 || rc=$?
		[ $rc = 2 ] && grep -q 'kvm_amd is not loaded' <<<"$out" && [ ! -e "$BUILD/kit-nokvmamd" ] ||
			problems+=("$sh, no kvm_amd: exit $rc, '$out'")
	fi
	out=$($sh "$kit/snp-validate" --rmpopt-log "$TOP/tests/kit-rmpopt.log" 2>&1)
	grep -q '^RMPOPT enabled at 12.510000 s for \[0 - 0x20000000000) on 192 cores$' <<<"$out" &&
		[ "$(awk '$1 ~ /^[0-9]/ { print $2, $3, $4, $7 }' <<<"$out" | tr '\n' ';')" = "2048 2048 2040 311.042;3 2048 3 1.480;" ] ||
		problems+=("$sh --rmpopt-log tests/kit-rmpopt.log: '$out'")
done
if [ ${#problems[@]} -eq 0 ]; then
	result PASS kit/snp-validate-here "dash, bash, busybox sh: refuses non-root$([ -d /sys/module/kvm_amd ] || echo " and a host without kvm_amd") (exit 2, no report); reads the RMPOPT scans of tests/kit-rmpopt.log"
else
	printf '  %s\n' "${problems[@]}"
	bad kit/snp-validate-here "${#problems[@]} problems above"
fi

# 5. make kit with bad input: one clear message, non-zero exit, nothing
# deleted (the kit and its configured object directory stay as they are).
state() { (cd "$kit" && find . -type f | sort | xargs sha256sum; sha256sum "$KIT_WORK/obj/.config") | sha256sum; }
scratch=$BUILD/kit-bad
rm -rf "$scratch" && mkdir -p "$scratch"
printf '%s\n' CONFIG_64BIT=y CONFIG_PROCESSOR_SELECT=y CONFIG_CPU_SUP_INTEL=y \
	'# CONFIG_CPU_SUP_AMD is not set' '# CONFIG_CPU_SUP_HYGON is not set' >"$scratch/intel-only.config"
echo 'CONFIG_AMD_IOMMU=n' >"$scratch/no-amd-iommu.config"
problems=()
before=$(state)
try() { # try EXPECTED VAR=VALUE...: make kit must fail, saying EXPECTED
	local want=$1 out rc
	shift
	out=$(env "$@" make -s -C "$TOP" kit 2>&1) && rc=0 || rc=$?
	[ $rc -ne 0 ] || problems+=("$*: make kit succeeded")
	grep -qF "$want" <<<"$out" || problems+=("$*: no '$want' in: $(tail -n 3 <<<"$out" | tr '\n' ' ')")
	[ "$(state)" = "$before" ] || problems+=("$*: the kit or its configuration changed")
	echo "  $* -> exit $rc: $(grep -m1 -F "$want" <<<"$out")"
}
try "KIT_CONFIG=/nonexistent: no such file" KIT_CONFIG=/nonexistent
try "CONFIG_KVM_AMD=m from snp-host.config did not survive" KIT_CONFIG="$scratch/intel-only.config"
try "CONFIG_CRYPTO_DEV_SP_PSP=y from snp-host.config did not survive" KIT_CONFIG="$OUT/main/.config" KIT_FRAGMENTS="$scratch/no-amd-iommu.config"
if [ ${#problems[@]} -eq 0 ]; then
	result PASS kit/bad-input "unknown KIT_CONFIG, an Intel-only KIT_CONFIG, a fragment that turns AMD_IOMMU off: make kit stops naming the file or the dropped option; the kit is unchanged"
else
	printf '  %s\n' "${problems[@]}"
	bad kit/bad-input "${#problems[@]} problems above"
fi
exit $fail
