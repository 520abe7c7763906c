#!/bin/bash
# kit.sh: make kit. Build the SNP host kit in $KIT_DIR (default build/kit):
#  - the patched kernel as Debian packages (bindeb-pkg), configured from
#    KIT_CONFIG (default /boot/config-$(uname -r) when it exists, else
#    x86_64_defconfig) + configs/snp-host.config + KIT_FRAGMENTS (optional,
#    space-separated) + kit-overrides.config (written below); scripts/config.sh
#    checks that every requested option survived Kconfig;
#  - kselftest/: the KVM selftests of tests/kit-selftests.list, installed the
#    kselftest way (run_kselftest.sh works there);
#  - snp-validate, the kernel-log patterns it shares with make check, and
#    kit-info/series.txt: what the kit was built from.
# The work directory is $KIT_WORK (default build/out/kit): the configuration
# is made and checked in config/, built in obj/, and dpkg-buildpackage puts
# the packages next to obj/. A first build in obj/
# starts from a copy of build/out/main's objects (KIT_SEED=0: not), so that
# only what the two configurations do not share is compiled (and ccache
# serves the rest).
# Bad input stops before anything is written to $KIT_DIR; the previous kit is
# replaced only once the new one is complete. KIT_CONFIG_ONLY=1 stops after
# the configuration check (minutes, where a distribution's kernel takes hours).
. "$(dirname "$0")/lib.sh"
. "$TOP/scripts/series.sh"
kit=$(realpath -m "${KIT_DIR:-$BUILD/kit}")
work=$(realpath -m "${KIT_WORK:-$OUT/kit}")
obj=$work/obj
cfg=$work/config

if [ -n "${KIT_CONFIG:-}" ]; then
	[ -f "$KIT_CONFIG" ] || die "KIT_CONFIG=$KIT_CONFIG: no such file. Set it to a kernel configuration (the SNP host's /boot/config-<release>, copied here), or leave it unset for this machine's /boot/config-$(uname -r) or x86_64_defconfig"
	grep -qE '^(# )?CONFIG_[A-Za-z0-9_]+[= ]' "$KIT_CONFIG" ||
		die "KIT_CONFIG=$KIT_CONFIG is not a kernel configuration: it has no CONFIG_ line"
	base=$(realpath "$KIT_CONFIG")
elif [ -f "/boot/config-$(uname -r)" ]; then
	base=/boot/config-$(uname -r)
else
	base=x86_64_defconfig
fi
frags=("$TOP/configs/snp-host.config")
for f in ${KIT_FRAGMENTS:-}; do
	[ -f "$f" ] || die "KIT_FRAGMENTS: $f: no such file"
	frags+=("$(realpath "$f")")
done

"$TOP/scripts/deps.sh"
# make mutants builds a kit from its scratch tree, which holds the mutant as
# an uncommitted change that make-tree.sh and the check after the build
# would refuse: it says the tree is ready (KIT_TREE_READY=1).
[ "${KIT_TREE_READY:-0}" = 1 ] || "$TOP/scripts/make-tree.sh"
t_start=$SECONDS
# The kit names the commit it was built from; the tree must not move meanwhile.
head=$(git -C "$TREE" rev-parse HEAD)

# What a host kernel needs on top of configs/snp-host.config, which also
# sizes the QEMU guest.
base_value() { [ ! -f "$base" ] || sed -n "s/^$1=//p" "$base" | tail -n 1; }
mkdir -p "$cfg"
over=$cfg/kit-overrides.config
{
	echo "# Written by scripts/kit.sh for a host kernel configured from $base."
	# Every CPU must be usable: SNP_INIT_EX needs SnpEn set on all of them.
	# Keep the base's NR_CPUS when it is larger (x86_64_defconfig, without
	# MAXSMP, allows up to 512).
	nr=$(base_value CONFIG_NR_CPUS)
	[ "$base" != x86_64_defconfig ] || nr=512
	if [ -n "$nr" ] && [ "$nr" -gt "$(sed -n 's/^CONFIG_NR_CPUS=//p' "$TOP/configs/snp-host.config")" ]; then
		echo "CONFIG_NR_CPUS=$nr"
	fi
	# A distribution's key files (Debian: debian/certs/...) are not in this tree.
	for opt in CONFIG_SYSTEM_TRUSTED_KEYS CONFIG_SYSTEM_REVOCATION_KEYS; do
		v=$(base_value $opt | tr -d '"')
		[ -n "$v" ] || continue
		case $v in /*) p=$v ;; *) p=$TREE/$v ;; esac
		[ -e "$p" ] || echo "$opt=\"\""
	done
	# When the kit picks the base, it also makes the RMPOPT scans observable.
	[ "$base" != x86_64_defconfig ] || echo "CONFIG_DYNAMIC_DEBUG=y"
} >"$over"

note "configuring from $base + $(printf '%s ' "${frags[@]##*/}")+ kit-overrides.config"
BASE_CONFIG=$base "$TOP/scripts/config.sh" "$cfg" "${frags[@]}" "$over" ||
	die "the configuration from $base loses the SNP host options named above. Enable what they depend on in $base (or drop the fragment that turns them off) and run make kit again; $kit was not touched"
# Options snp-validate uses when they are there.
for want in "DYNAMIC_DEBUG:the RMPOPT scan measurements (dynamic debug)" \
	"PM_DEBUG:the suspend and hibernation refusal checks (they need /sys/power/pm_test)" \
	"X86_CPUID:reading RMPOPT from CPUID (it falls back to the kernel log)"; do
	grep -qE "^CONFIG_${want%%:*}=(y|m)" "$cfg/.config" ||
		echo "note: CONFIG_${want%%:*} is off in this configuration: snp-validate will skip ${want#*:}"
done

if [ "${KIT_CONFIG_ONLY:-0}" = 1 ]; then
	echo "the configuration keeps every SNP host option: $cfg/.config (KIT_CONFIG_ONLY=1: nothing built)"
	exit 0
fi

mkdir -p "$obj"
if [ "${KIT_SEED:-1}" = 1 ] && [ ! -f "$obj/vmlinux" ] && [ -f "$OUT/main/vmlinux" ] &&
	[ "$(realpath "$OUT/main/source")" = "$(realpath "$TREE")" ]; then
	note "starting $obj from a copy of $OUT/main"
	rsync -a --exclude=/modules-staged --exclude=/debian "$OUT/main/" "$obj/"
fi
cmp -s "$cfg/.config" "$obj/.config" || cp "$cfg/.config" "$obj/.config"
# What bindeb-pkg left here last time (the packages moved to the kit).
rm -f "$work"/linux-*.deb "$work"/linux-upstream_*.buildinfo "$work"/linux-upstream_*.changes
note "building the kernel packages (log: $LOGS/kit-build.log)"
t0=$SECONDS
# -d: Debian 12 has no gcc-x86-64-linux-gnu, which the generated control
# file asks for; deps.sh installs what the build really needs.
if ! kmake "$obj" bindeb-pkg DPKG_FLAGS=-d >"$LOGS/kit-build.log" 2>&1; then
	grep -m 30 -E 'error|Error' "$LOGS/kit-build.log" >&2 || true
	die "building the kernel packages failed (log: $LOGS/kit-build.log); $kit was not touched"
fi
t_pkg=$((SECONDS - t0))
rel=$(cat "$obj/include/config/kernel.release")
image=$(ls "$work/linux-image-${rel}_"*.deb 2>/dev/null | sed -n 1p)
[ -n "$image" ] || die "bindeb-pkg made no linux-image-$rel package (log: $LOGS/kit-build.log)"

stage=$kit.new
rm -rf "$stage"
mkdir -p "$stage"
mapfile -t tests < <(grep -v '^#' "$TOP/tests/kit-selftests.list" | awk 'NF { print $1 }')
note "installing the KVM selftests of tests/kit-selftests.list (log: $LOGS/kit-selftests.log)"
t0=$SECONDS
# The variables limit Makefile.kvm to the pinned list: TEST_GEN_PROGS_x86
# replaces the architecture's whole list; the x86 script test and its helper
# are left out.
if ! make -C "$TREE/tools/testing/selftests" -j"$JOBS" TARGETS=kvm O="$obj" \
	KSFT_INSTALL_PATH="$stage/kselftest" TEST_GEN_PROGS_x86="${tests[*]}" \
	TEST_PROGS_x86= TEST_GEN_PROGS_EXTENDED_x86= install >"$LOGS/kit-selftests.log" 2>&1; then
	grep -m 30 -E 'error|Error' "$LOGS/kit-selftests.log" >&2 || true
	die "building the kit's KVM selftests failed (log: $LOGS/kit-selftests.log); $kit was not touched"
fi
t_st=$((SECONDS - t0))
for t in "${tests[@]}"; do
	[ -x "$stage/kselftest/kvm/${t##*/}" ] && grep -qx "kvm:${t##*/}" "$stage/kselftest/kselftest-list.txt" ||
		die "the kselftest install has no kvm:${t##*/} (log: $LOGS/kit-selftests.log)"
done

[ "$(git -C "$TREE" rev-parse HEAD)" = "$head" ] &&
	{ [ "${KIT_TREE_READY:-0}" = 1 ] || [ -z "$(git -C "$TREE" status --porcelain)" ]; } ||
	die "$TREE changed while the kit was built (HEAD was $head): run make kit again; $kit was not touched"
mv "$work"/linux-*.deb "$stage/"
install -m 755 "$TOP/tools/snp-validate" "$stage/snp-validate"
cp "$TOP/tests/kernel-log.patterns" "$stage/"
cp "$obj/.config" "$stage/config-$rel"
git -C "$TREE" log --reverse --format='%h %s' "$(base_rev)..$head" >"$stage/series.txt"
dirty=
[ -z "$(git -C "$TOP" status --porcelain)" ] || dirty=-dirty
cat >"$stage/kit-info" <<EOF2
# The SNP host kit: what it was built from. snp-validate reads this file.
KIT_KERNEL_RELEASE=$rel
KIT_SERIES_COMMIT=$head
KIT_SERIES_DESCRIBE=$(git -C "$TREE" describe --tags --always "$head")
KIT_SERIES_PATCHES=$(wc -l <"$stage/series.txt")
KIT_SERIES_BASE=Linux $(awk -F' = ' '$1 == "VERSION" { v = $2 } $1 == "PATCHLEVEL" { p = $2 }
	$1 == "SUBLEVEL" { print v "." p "." $2; exit }' "$TREE/Makefile") ($(git -C "$TREE" describe --tags --always "$(base_rev)"))
KIT_PATCHES_SUM=$(patches_sum)
KIT_REPO_COMMIT=$(git -C "$TOP" rev-parse --short=12 HEAD)$dirty
KIT_CONFIG=$base
KIT_BUILT=$(date -u -d "@${SOURCE_DATE_EPOCH:-$(date +%s)}" +%Y-%m-%dT%H:%M:%SZ) on $(hostname)
EOF2
(cd "$stage" && find . -type f ! -name SHA256SUMS | sed 's|^\./||' | sort | xargs sha256sum >SHA256SUMS)

if [ -e "$kit" ]; then
	rm -rf "$kit.old"
	mv "$kit" "$kit.old"
fi
mv "$stage" "$kit"
rm -rf "$kit.old"
echo "kit $((SECONDS - t_start))s: packages ${t_pkg}s, selftests ${t_st}s" >"$LOGS/kit-timings"

debs=$(cd "$kit" && ls *.deb)
cat <<EOF2

SNP host kit: $kit ($(cat "$LOGS/kit-timings"))
  kernel:      Linux $rel with $(git -C "$TREE" describe --tags --always "$head") ($(wc -l <"$kit/series.txt") patches), configured from $base
$(echo "$debs" | sed "s|^|  package:     $kit/|")
  selftests:   $kit/kselftest (run_kselftest.sh; ${#tests[@]} tests of tests/kit-selftests.list)
  validate:    $kit/snp-validate
  identity:    $kit/kit-info, $kit/series.txt, $kit/config-$rel

On the SNP host (see README, "On an SNP host"):
  rsync -a $kit/ root@HOST:snp-kit/
  dpkg -i snp-kit/linux-image-${rel}_*.deb && reboot     # then boot Linux $rel
  snp-kit/snp-validate                                  # as root; prints the report directory
EOF2
