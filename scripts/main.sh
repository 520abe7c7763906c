#!/bin/bash
# main.sh: the main job. Apply the series, build the kernel and the KVM
# selftests, boot in QEMU and run the smoke tests, then say where things are.
. "$(dirname "$0")/lib.sh"
: >"$RESULTS"
"$TOP/scripts/deps.sh"
"$TOP/scripts/make-tree.sh"
"$TOP/scripts/build.sh" main
"$TOP/scripts/selftests.sh"
"$TOP/scripts/host-tests.sh" >/dev/null || true
"$TOP/scripts/initramfs.sh"
"$TOP/scripts/boot.sh"
"$TOP/scripts/guest-results.sh" "$LOGS/guest.log" >/dev/null || true
grep -v '^PASS kunit/' "$RESULTS"
cat <<EOF2

kernel:     $OUT/main/arch/x86/boot/bzImage (config: $OUT/main/.config)
modules:    $OUT/main/modules-staged/lib/modules
selftests:  $OUT/kselftest
guest log:  $LOGS/guest.log
tree:       $TREE ($(git -C "$TREE" rev-list --count "$(base_rev)..HEAD") patches on $(git -C "$TREE" describe --tags --always "$(base_rev)"))
series:     $TOP/patches/series
EOF2
exec "$TOP/scripts/summary.sh"
