#!/bin/bash
# variant-targets.sh OBJECTS NAMES: the objects a variant configuration must
# compile to prove the series' callers build there. OBJECTS is the variant's
# "object unit" list (variant-objects.sh), NAMES the series' changed names
# (changed-names.sh). An object is a target when its source or a header it
# includes (the dependency lists kbuild wrote for the main build, in
# $OUT/main/.*.cmd) is a file the series changes (not a header), mentions a
# changed name, or is a header printed as "ALL"; a changed header only counts
# where its unchanged lines use a changed name (an inline or a macro that
# every includer compiles). Each changed header is also compiled by at least
# one includer, so its new lines are compiled in the variant too. An object
# the main build does not have is always a target. SINCE=REV: what changed
# between REV and HEAD instead (gate-bisect.sh, one commit at a time).
. "$(dirname "$0")/lib.sh"
. "$TOP/scripts/touched.sh"
objects=$1 names=$2
[ -f "$OUT/main/vmlinux" ] ||
	die "no main build in $OUT/main to take the dependencies and symbols from: run make first"
base=${SINCE:-$(base_rev)}
changed_h=$(git -C "$TREE" diff --name-only --diff-filter=d "$base" HEAD -- '*.h' ':!tools' ':!Documentation' ':!scripts')
# The hot files, once for all variants (NAMES.hot).
[ -f "$names.hot" ] || {
	touched_files "$base" | grep -v '\.h$' || true
	sed -n 's/^ALL //p' "$names"
	# (git grep with no pattern at all would list every file.)
	grep -q -v -e '^ALL ' -e '^$' "$names" &&
	grep -v -e '^ALL ' -e '^$' "$names" | git -C "$TREE" grep -l -w -F -f - -- . ':!tools' ':!Documentation' ':!scripts' |
	while read -r f; do
		case " $(echo $changed_h) " in
		*" $f "*) # the changed header itself: only its unchanged lines
			git -C "$TREE" diff -U100000 "$base" HEAD -- "$f" | sed -n 's/^ //p' |
				grep -q -w -F -f <(grep -v '^ALL ' "$names") && echo "$f" ;;
		*) echo "$f" ;;
		esac
	done || true
} >"$names.hot"
hot=$(cat "$names.hot")
# The main build's dependency list (.o.cmd) of each object, "-" for one the
# main build does not have.
cmds=$objects.cmds
awk -v main="$OUT/main" '{ c = $1; sub(/[^\/]*$/, "", c); b = $1; sub(/.*\//, "", b); c = main "/" c "." b ".cmd"
	print $1, ((getline x <c) > 0 ? c : "-"); close(c) }' "$objects" >"$cmds"
mtree=$(readlink -f "$OUT/main/source")
includers() { # includers FILE...: the objects whose dependency list names one of the files
	awk '$2 != "-" { print $2 }' "$cmds" | xargs -r grep -l -w -F -f <(printf "$mtree/%s\n" "$@") |
		xargs -r sed -s -n '1s/^savedcmd_\([^ ]*\) :=.*/\1/p' || true
}
{
	awk '$2 == "-" { print $1 }' "$cmds"
	[ -z "$hot" ] || includers $hot
} | sort -u >"$objects.targets"
{
	cat "$objects.targets"
	# A changed header none of them includes: its first includer.
	for h in $changed_h; do
		includers "$h" | sort >"$objects.includers"
		[ ! -s "$objects.includers" ] || grep -qxF -f "$objects.includers" "$objects.targets" ||
			head -n 1 "$objects.includers"
	done
} | sort -u
rm -f "$cmds" "$objects.targets" "$objects.includers"
