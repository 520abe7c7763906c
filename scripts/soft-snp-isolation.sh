#!/bin/bash
# soft-snp-isolation.sh: with CONFIG_SOFT_SNP off, the software SNP
# platform changes nothing in the upstream files that hold its seams. Every
# kernel C file (tools/ aside: the selftests are not built with CONFIG_SOFT_SNP)
# that the local group modifies (the commits from the first "local:"
# one on) is preprocessed (make <file>.i) at the upstream tip, the commit
# before the first local one, and at HEAD, in the main configuration with
# CONFIG_SOFT_SNP=n, and the two must be identical once line markers and
# blank lines are dropped. __LINE__ is defined to 0 for both: the seams
# move the lines below them, and the line numbers that WARN and BUG record
# are the one thing they may change.
. "$(dirname "$0")/lib.sh"
. "$TOP/scripts/touched.sh"
name=soft-snp/isolation
first_local=$(git -C "$TREE" log --reverse --format='%H %s' "$(base_rev)..HEAD" |
	awk '$2 == "local:" { print $1; exit }')
[ -n "$first_local" ] || { result FAIL "$name" "no local commit on top of the series"; exit 1; }
upstream=$(git -C "$TREE" rev-parse "$first_local^")
files=$(git -C "$TREE" diff --name-only --diff-filter=M "$upstream" HEAD -- '*.c' ':!tools')
[ -n "$files" ] || { result PASS "$name" "the local group modifies no upstream C file"; exit 0; }

o=$OUT/soft-snp-off
tmp=$BUILD/soft-snp-isolation
rm -rf "$tmp"
mkdir -p "$tmp"
# A system header, so that -Werror does not turn the redefinition into an error.
printf '#pragma GCC system_header\n#define __LINE__ 0\n' >"$tmp/noline.h"
frags=("${MAIN_FRAGMENTS[@]}" "$TOP/configs/soft-snp-off.config")
if [ ! -f "$o/.config" ] || [ -n "$(find "${frags[@]}" -newer "$o/.config")" ]; then
	note "configuring $o (CONFIG_SOFT_SNP=n)"
	"$TOP/scripts/config.sh" "$o" "${frags[@]}"
fi

preprocess() { # preprocess DIR: every file's .i, normalized, into DIR
	local f
	mkdir -p "$1"
	# Each commit's Kconfig: the upstream tip does not know CONFIG_SOFT_SNP.
	kmake "$o" olddefconfig >/dev/null
	# All files in one make: each make start checks the whole prepare
	# stage again (about 2 s).
	kmake "$o" KCFLAGS="-include $tmp/noline.h" $(for f in $files; do echo "${f%.c}.i"; done) >/dev/null ||
		die "make of the .i files failed"
	for f in $files; do
		sed '/^# [0-9]/d; /^[[:space:]]*$/d' "$o/${f%.c}.i" >"$1/${f//\//_}"
	done
}
checkout_for_build "$upstream"
preprocess "$tmp/upstream"
checkout_for_build "$RETURN_TO"
preprocess "$tmp/tip"

bad=
for f in $files; do
	if ! cmp -s "$tmp/upstream/${f//\//_}" "$tmp/tip/${f//\//_}"; then
		diff -u "$tmp/upstream/${f//\//_}" "$tmp/tip/${f//\//_}" | sed -n '1,20s/^/  /p' || true
		bad="$bad $f"
	fi
done
if [ -z "$bad" ]; then
	result PASS "$name" "CONFIG_SOFT_SNP=n: $(echo "$files" | wc -l) files preprocess identically at $(git -C "$TREE" rev-parse --short "$upstream") and HEAD: $(echo $files)"
else
	result FAIL "$name" "CONFIG_SOFT_SNP=n changes the preprocessed$bad"
	exit 1
fi
