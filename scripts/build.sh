#!/bin/bash
# build.sh NAME [FRAGMENT...]: configure from scratch (see configure.sh), so
# that every requested option is checked against the tree as it is now, and
# build $OUT/NAME from $TREE. NAME=main uses the main config fragments and also stages
# the modules for the initramfs.
. "$(dirname "$0")/lib.sh"
name=$1
o=$OUT/$name
"$TOP/scripts/configure.sh" "$@"
note "building $name (log: $LOGS/build-$name.log)"
# The same tree gives the same kernel, byte for byte: the version string
# takes the commit's date and build number 1 instead of the time of the
# link and a counter. make check does not boot a kernel again that passed
# its boots before (check.sh), and touching a file no longer makes a new one.
export KBUILD_BUILD_TIMESTAMP KBUILD_BUILD_VERSION=1
KBUILD_BUILD_TIMESTAMP=$(git -C "$TREE" log -1 --format=%cD HEAD)
if ! kmake "$o" bzImage modules >"$LOGS/build-$name.log" 2>&1; then
	grep -m 30 -E 'error|Error' "$LOGS/build-$name.log" >&2 || true
	die "build $name failed (log: $LOGS/build-$name.log)"
fi
if [ "$name" = main ]; then
	rm -rf "$o/modules-staged"
	kmake "$o" modules_install INSTALL_MOD_PATH="$o/modules-staged" INSTALL_MOD_STRIP=1 >/dev/null
fi
