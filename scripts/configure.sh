#!/bin/bash
# configure.sh NAME [FRAGMENT...]: (re)configure $OUT/NAME from the main config
# fragments plus FRAGMENTs, only when they changed since the last time.
. "$(dirname "$0")/lib.sh"
name=$1; shift
frags=("$TOP"/configs/{snp-host,guest,debug,kunit}.config "$@")
o=$OUT/$name
sum=$(cat "${frags[@]}" | sha256sum | cut -c1-16)
if [ ! -f "$o/.config" ] || [ "$(cat "$o/.fragments" 2>/dev/null)" != "$sum" ]; then
	note "configuring $name"
	"$TOP/scripts/config.sh" "$o" "${frags[@]}"
	echo "$sum" >"$o/.fragments"
fi
