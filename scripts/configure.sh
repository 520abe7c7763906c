#!/bin/bash
# configure.sh NAME [FRAGMENT...]: write $OUT/NAME/.config from tinyconfig, the
# main config fragments and FRAGMENTs, and check every option survived.
. "$(dirname "$0")/lib.sh"
name=$1; shift
note "configuring $name"
"$TOP/scripts/config.sh" "$OUT/$name" "${MAIN_FRAGMENTS[@]}" "$@"
