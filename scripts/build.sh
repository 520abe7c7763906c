#!/bin/bash
# build.sh NAME [FRAGMENT...]: configure (when the fragments changed) and build
# $OUT/NAME from $TREE. NAME=main uses the main config fragments and also stages
# the modules for the initramfs.
. "$(dirname "$0")/lib.sh"
name=$1; shift
frags=("$TOP"/configs/{snp-host,guest,debug,kunit}.config "$@")
o=$OUT/$name
sum=$(cat "${frags[@]}" | sha256sum | cut -c1-16)
if [ "$(cat "$o/.fragments" 2>/dev/null)" != "$sum" ]; then
	note "configuring $name"
	"$TOP/scripts/config.sh" "$o" "${frags[@]}"
	echo "$sum" >"$o/.fragments"
fi
note "building $name (log: $LOGS/build-$name.log)"
if ! kmake "$o" bzImage modules >"$LOGS/build-$name.log" 2>&1; then
	grep -E 'error|Error' "$LOGS/build-$name.log" | head -n 30 >&2
	die "build $name failed (log: $LOGS/build-$name.log)"
fi
if [ "$name" = main ]; then
	rm -rf "$o/modules-staged"
	kmake "$o" modules_install INSTALL_MOD_PATH="$o/modules-staged" INSTALL_MOD_STRIP=1 >/dev/null
fi
