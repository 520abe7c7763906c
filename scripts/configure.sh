#!/bin/bash
# configure.sh NAME [FRAGMENT...]: write $OUT/NAME/.config from tinyconfig, the
# main config fragments and FRAGMENTs, and check every option survived.
# With IF_MISSING=1, keep an existing .config: the per-patch builds check
# out older commits, whose Kconfig may not know the options of later patches.
. "$(dirname "$0")/lib.sh"
name=$1; shift
[ "${IF_MISSING:-0}" = 1 ] && [ -f "$OUT/$name/.config" ] && exit 0
note "configuring $name"
"$TOP/scripts/config.sh" "$OUT/$name" "${MAIN_FRAGMENTS[@]}" "$@"
