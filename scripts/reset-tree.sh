#!/bin/bash
# reset-tree.sh: put the tree back to the base plus patches/, dropping commits
# made in it. The old HEAD is printed so those commits can still be recovered.
. "$(dirname "$0")/lib.sh"
. "$TOP/scripts/series.sh"
[ -d "$TREE/.git" ] || die "no kernel tree at $TREE: run make first"
[ -z "$(git -C "$TREE" status --porcelain)" ] || die "$TREE has uncommitted changes: commit or stash them first"
old=$(git -C "$TREE" rev-parse HEAD)
git -C "$TREE" reset -q --hard "$(base_rev)"
apply_series "$TREE"
record_applied
echo "reset $TREE to patches/; the previous HEAD was $old (git -C $TREE log $old)"
