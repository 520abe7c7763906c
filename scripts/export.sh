#!/bin/bash
# export.sh: write the tree's commits on top of the base back to patches/.
. "$(dirname "$0")/lib.sh"
. "$TOP/scripts/series.sh"
[ -d "$TREE/.git" ] || die "no kernel tree at $TREE: run make first"
[ -z "$(git -C "$TREE" status --porcelain)" ] || die "$TREE has uncommitted changes: commit them first"
[ -z "$(git -C "$TOP" status --porcelain -- 'patches/*.patch' patches/series)" ] ||
	die "patches/ has uncommitted changes that export would overwrite: commit or stash them first"
tmp=$(mktemp -d)
export_series "$TREE" "$tmp"
git -C "$TOP" rm -q --ignore-unmatch 'patches/*.patch' >/dev/null
cp "$tmp"/*.patch "$TOP/patches/" 2>/dev/null || true
cp "$tmp/series" "$SERIES"
rm -rf "$tmp"
record_applied
git -C "$TOP" status --short -- patches
