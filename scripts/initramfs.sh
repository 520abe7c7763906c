#!/bin/bash
# initramfs.sh: pack busybox, tests/guest-init.sh as /init, the main build's
# modules and the KVM selftests (with their shared libraries) into
# $OUT/initramfs.cpio.gz.
. "$(dirname "$0")/lib.sh"
stage=$OUT/initramfs
rm -rf "$stage"
mkdir -p "$stage"/{bin,sbin,proc,sys,dev,tmp,lib,lib64,tests/kvm}
cp /bin/busybox "$stage/bin/busybox"
cp "$TOP/tests/guest-init.sh" "$stage/init"
cp "$TOP/tests/selftests.list" "$TOP/tests/selftests.deny" "$stage/tests/"
cp -a "$OUT/main/modules-staged/lib/modules" "$stage/lib/"
(cd "$OUT/kselftest" && grep -hv '^#' "$TOP/tests/selftests.list" | awk 'NF { print $1 }' |
	xargs cp --parents -t "$stage/tests/kvm")
# Shared libraries of the selftests; libgcc_s is loaded by pthread_cancel() at run time.
libs=$(ldd "$stage"/tests/kvm/*/* "$stage"/tests/kvm/*_test* 2>/dev/null | awk '/=>/ { print $3 } /ld-linux/ { print $1 }' | sort -u)
for l in $libs $(ldconfig -p | awk '/libgcc_s.so.1 .*x86-64/ { print $NF; exit }'); do
	[ -f "$l" ] && cp -L --parents "$l" "$stage"
done
(cd "$stage" && find . | cpio -o -H newc --quiet | gzip -1) >"$OUT/initramfs.cpio.gz"
