#!/bin/bash
# gate-apply.sh: the series applies to the base in a scratch (sparse) worktree,
# and exporting it again gives back patches/ byte for byte.
. "$(dirname "$0")/lib.sh"
. "$TOP/scripts/series.sh"
wt=$BUILD/apply-check
git -C "$TREE" worktree remove --force "$wt" >/dev/null 2>&1 || rm -rf "$wt"
git -C "$TREE" worktree prune
# Only the files the patches change are checked out (writing the whole tree
# would take most of this gate's time), and the .gitattributes files: the
# export's hunk headers name the C function through the kernel's diff=cpp.
git -C "$TREE" worktree add -q --no-checkout --detach "$wt" "$(base_rev)"
git -C "$wt" sparse-checkout set --no-cone .gitattributes $(series_paths | sed 's|^|/|')
git -C "$wt" checkout -q --detach "$(base_rev)"
trap 'git -C "$TREE" worktree remove --force "$wt"' EXIT
n=$(series_files all | wc -l)
if ! (apply_series "$wt"); then
	result FAIL series-applies
	exit 1
fi
result PASS series-applies "$n patches on $(git -C "$TREE" describe --tags --always "$(base_rev)")"
if diffs=$(series_matches_tree "$wt"); then
	result PASS series-round-trip "patches -> tree -> patches is exact"
else
	echo "$diffs" | sed 's/^/  /'
	result FAIL series-round-trip "re-exporting the applied series changes patches/"
	exit 1
fi
