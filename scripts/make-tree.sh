#!/bin/bash
# make-tree.sh: make $TREE hold the base kernel with patches/ applied.
# Own tree ($BUILD/linux): imported from the pinned .deb, base tagged snp-base.
# KERNEL_SRC: the user's git tree; the series goes on a new branch snp-series.
# Work in the tree that is not exported yet is never thrown away.
. "$(dirname "$0")/lib.sh"
. "$TOP/scripts/series.sh"

# VERSION.PATCHLEVEL.SUBLEVEL from the Makefile: unlike "make kernelversion",
# never mixed with a parent make's directory messages.
kernel_version() {
	awk -F' = ' '$1 == "VERSION" { v = $2 } $1 == "PATCHLEVEL" { p = $2 }
		$1 == "SUBLEVEL" { print v "." p "." $2; exit }' "$1/Makefile"
}

import_deb() {
	local deb tmp src
	deb=$("$TOP/scripts/fetch-base.sh")
	tmp=$BUILD/import.tmp
	rm -rf "$tmp" && mkdir -p "$tmp"
	note "unpacking $(basename "$deb")"
	dpkg-deb -x "$deb" "$tmp/deb"
	tar -C "$tmp" -xJf "$tmp"/deb/usr/src/linux-source-*.tar.xz
	src=$(ls -d "$tmp"/linux-source-*/)
	# Debian's .gitignore ignores every top-level path (its packaging repo
	# tracks only debian/); drop that block so git sees the tree as upstream does.
	sed -i '/^# Debian packaging/,$d' "$src/.gitignore"
	sed -i -e :a -e '/^\n*$/{$d;N;ba' -e '}' "$src/.gitignore"
	note "importing into git"
	git -C "$src" init -q -b base
	# No automatic gc: the import leaves some 90,000 loose objects, and the
	# first commit would start a repack of all of them in the background.
	# It took 100 s of both cores, beside the checks and the main build
	# of a cold make check (2026-12-07). Loose objects cost the scripts
	# nothing: they check out, diff and grep the work tree.
	git -C "$src" config gc.auto 0
	# git add hashes and compresses one file after the other. The regular
	# files' blobs are written first by $JOBS processes; git add then finds
	# them stored and only hashes (the same tree; 33 s -> 23 s, 2026-12-07).
	(cd "$src" && find . -path ./.git -prune -o -type f -print0 |
		xargs -0 -P "$JOBS" -n 2000 git hash-object -w -- >/dev/null)
	git -C "$src" add -f -A
	# Fixed identity and dates: the same tarball always gives the same base commit.
	GIT_AUTHOR_DATE='2026-01-01T00:00:00Z' GIT_COMMITTER_DATE='2026-01-01T00:00:00Z' \
		git -C "$src" -c user.name='Debian linux-source' -c user.email='linux-source@localhost' \
		commit -q -m "Linux $(kernel_version "$src") from Debian $(basename "$deb" .deb)"
	git -C "$src" tag "$BASE_TAG"
	git -C "$src" checkout -q -b series
	mv "$src" "$TREE"
	rm -rf "$tmp"
}

check_kernel_src() {
	[ -d "$TREE" ] || die "KERNEL_SRC=$TREE does not exist"
	git -C "$TREE" rev-parse --git-dir >/dev/null 2>&1 || die "KERNEL_SRC=$TREE is not a git tree"
	local v p
	v=$(sed -n 's/^VERSION = //p' "$TREE/Makefile"); p=$(sed -n 's/^PATCHLEVEL = //p' "$TREE/Makefile")
	[ -n "$v" ] && { [ "$v" -gt 7 ] || { [ "$v" -eq 7 ] && [ "$p" -ge 3 ]; }; } ||
		die "KERNEL_SRC=$TREE is Linux ${v:-?}.${p:-?}; the series needs 7.3 or later"
}

ensure_clean() {
	[ -z "$(git -C "$TREE" status --porcelain)" ] ||
		die "$TREE has uncommitted changes: commit them and run 'make export', or stash them, then run make again"
}

if [ -n "${KERNEL_SRC:-}" ]; then
	check_kernel_src
	ensure_clean
	if [ "$(git -C "$TREE" branch --show-current)" != snp-series ]; then
		git -C "$TREE" rev-parse -q --verify refs/heads/snp-series >/dev/null &&
			die "KERNEL_SRC=$TREE already has a branch snp-series; check it out to continue, or delete it"
		git -C "$TREE" rev-parse HEAD >"$BUILD/kernel-src-base"
		git -C "$TREE" checkout -q -b snp-series
		apply_series "$TREE"
		record_applied
	fi
elif [ ! -d "$TREE/.git" ]; then
	[ -e "$TREE" ] && die "$TREE exists but is not a git tree; move it away"
	import_deb
	apply_series "$TREE"
	record_applied
fi

# make check runs gates beside the builds once it has prepared the tree
# (SNP_TREE_READY=1): a nested call (send.sh, kit.sh) must not reset the
# tree under them, only refuse if patches/ changed meanwhile.
if [ "${SNP_TREE_READY:-0}" = 1 ]; then
	read -r _ applied_sum <"$APPLIED" 2>/dev/null || true
	[ "$(patches_sum)" = "${applied_sum:-}" ] || die "patches/ changed while make check ran: run make check again"
	exit 0
fi
ensure_clean
head=$(git -C "$TREE" rev-parse HEAD)
read -r applied_head applied_sum <"$APPLIED" 2>/dev/null || true
[ "$head" = "${applied_head:-}" ] && [ "$(patches_sum)" = "${applied_sum:-}" ] && exit 0

if [ "$head" != "${applied_head:-}" ]; then
	# Commits were made in the tree: fine if patches/ already holds them.
	series_matches_tree "$TREE" >/dev/null ||
		die "$TREE has commits that are not in patches/: run 'make export' to keep them, or 'make reset-tree' to drop them"
else
	note "patches/ changed: re-applying the series on $BASE_TAG"
	git -C "$TREE" reset -q --hard "$(base_rev)"
	apply_series "$TREE"
fi
record_applied
