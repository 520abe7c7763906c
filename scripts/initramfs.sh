#!/bin/bash
# initramfs.sh: pack busybox, tests/guest-init.sh as /init, the main build's
# modules, the KVM selftests (with their shared libraries) and, when make check
# built it, the SNP host kit into $OUT/initramfs.cpio.gz. INITRAMFS_NAME
# (default initramfs) names the archive, its staging directory and its
# contents list; INITRAMFS_MODULES is the modules_install directory to
# take the modules from (default the main build's): gate-legacy-launch.sh
# packs another kernel's modules beside the boots' archive.
. "$(dirname "$0")/lib.sh"
name=${INITRAMFS_NAME:-initramfs}
stage=$OUT/$name
rm -rf "$stage" "$OUT/$name.contents"
mkdir -p "$stage"/{bin,sbin,proc,sys,dev,tmp,lib,lib64,tests/kvm}
cp /bin/busybox "$stage/bin/busybox"
cp "$TOP/tests/guest-init.sh" "$stage/init"
# The software SNP platform boots use their own init (rdinit=) and helper.
cp "$TOP/tests/soft-snp-init.sh" "$TOP/tests/soft-snp-selftests.sh" "$TOP/tests/kernel-log.patterns" "$stage/tests/"
"$TOP/scripts/soft-snp-tools.sh" "$stage/bin"
cp "$TOP/tests/selftests.list" "$TOP/tests/selftests.deny" "$stage/tests/"
cp -a "${INITRAMFS_MODULES:-$OUT/main/modules-staged}/lib/modules" "$stage/lib/"
(cd "$OUT/kselftest" && grep -hv '^#' "$TOP/tests/selftests.list" | awk 'NF { print $1 }' |
	xargs cp --parents -t "$stage/tests/kvm")
# The SNP host kit make check builds from the main configuration
# (scripts/gate-kit.sh), without its packages, for tests/kit-in-guest.sh.
cp "$TOP/tests/kit-in-guest.sh" "$stage/tests/"
kit=$OUT/kit-check/kit
if [ -f "$kit/kit-info" ]; then
	mkdir "$stage/kit"
	cp -a "$kit"/{snp-validate,kernel-log.patterns,kit-info,kselftest} "$stage/kit/"
	# Without debug info the guest reaches /init about 2 s sooner; the copy
	# gets checksums of its own for snp-validate's check of the kit's files.
	find "$stage/kit/kselftest/kvm" -type f -perm -u+x -exec strip --strip-debug {} +
	(cd "$stage/kit" && find . -type f ! -name SHA256SUMS | sed 's|^\./||' | sort | xargs sha256sum >SHA256SUMS)
fi
# Shared libraries of the selftests; libgcc_s is loaded by pthread_cancel() at run time.
libs=$(ldd "$stage"/tests/kvm/*/* "$stage"/tests/kvm/*_test* $(find "$stage/kit/kselftest/kvm" -type f -perm -u+x 2>/dev/null) 2>/dev/null |
	awk '/=>/ { print $3 } /ld-linux/ { print $1 }' | sort -u)
for l in $libs $(ldconfig -p | awk '/libgcc_s.so.1 .*x86-64/ { print $NF; exit }'); do
	[ -f "$l" ] && cp -L --parents "$l" "$stage"
done
(cd "$stage" && find . | cpio -o -H newc --quiet | gzip -1) >"$OUT/$name.cpio.gz"
# What the archive holds, without the times cpio records: one of the inputs
# by which make check knows a boot's results from an earlier run (check.sh).
(cd "$stage" && find . -printf '%y %m %p %l\n' | sort && find . -type f -print0 | sort -z | xargs -0 sha256sum) \
	>"$OUT/$name.contents"
