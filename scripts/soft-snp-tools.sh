#!/bin/bash
# soft-snp-tools.sh DIR: build the static guest helpers of the software SNP
# platform boots (tests/snp-status.c) with the host gcc, against the main
# build's uAPI headers, into DIR.
. "$(dirname "$0")/lib.sh"
dir=$1
mkdir -p "$dir"
kmake "$OUT/main" headers >/dev/null
gcc -static -O2 -Wall -Wextra -Werror -isystem "$OUT/main/usr/include" \
	-o "$dir/snp-status" "$TOP/tests/snp-status.c"
