# series.sh: helpers for patches/series; sourced.
# patches/series lists patch files in order; "# local" starts the local
# (test-only, never sent) group. Blank lines and other comments are ignored.
SERIES=$TOP/patches/series

series_files() { # series_files [upstream|local|all]
	awk -v want="${1:-all}" '
		/^#[[:space:]]*local/ { group = "local"; next }
		/^[[:space:]]*(#|$)/ { next }
		{ g = group ? group : "upstream"; if (want == "all" || want == g) print $1 }
	' "$SERIES"
}

# Remember which tree state patches/ was applied as, so make-tree.sh can tell
# later commits in the tree (to keep) from a changed patches/ (to re-apply).
APPLIED=$BUILD/applied
patches_sum() { cat "$SERIES" $(series_files all | sed "s|^|$TOP/patches/|") | sha256sum | cut -c1-16; }
record_applied() { echo "$(git -C "$TREE" rev-parse HEAD) $(patches_sum)" >"$APPLIED"; }

# git am the series onto the checked-out commit of tree $1, in one git am
# (one index refresh instead of one per patch).
apply_series() {
	local tree=$1 patches n on
	mapfile -t patches < <(series_files all)
	[ ${#patches[@]} -gt 0 ] || return 0
	if ! git -C "$tree" -c user.name="${GIT_COMMITTER_NAME:-snp-series}" \
		-c user.email="${GIT_COMMITTER_EMAIL:-snp-series@localhost}" \
		am -q --no-3way "${patches[@]/#/$TOP/patches/}" >"$LOGS/am.log" 2>&1; then
		sed 's/^/  /' "$LOGS/am.log" >&2
		# "Patch failed at 0005 <subject>": the fifth patch of this am.
		n=$(sed -n 's/^Patch failed at 0*\([0-9][0-9]*\) .*/\1/p' "$LOGS/am.log" | sed -n 1p)
		on=$(git -C "$tree" describe --tags --always HEAD)
		# Keep the patches that applied (git apply changed nothing for the
		# failing one), as one git am per patch used to.
		git -C "$tree" am --quit >/dev/null 2>&1 || true
		die "patches/${patches[${n:-1} - 1]} does not apply to $on (the base and the patches before it) in $tree; fix it there, then 'make export'"
	fi
}

# The paths the series' patches change, one per line, for a sparse checkout.
series_paths() {
	series_files all | sed "s|^|$TOP/patches/|" | xargs cat |
		sed -n 's|^diff --git a/\([^ ]*\) b/\([^ ]*\)$|\1\n\2|p' | sort -u
}

# Write base..HEAD of tree $1 as patches into directory $2, and their order
# into $2/series. Options are spelled out so that user git config cannot
# change the output: the same commits always give the same bytes.
export_series() {
	local tree=$1 dir=$2 base
	base=$(base_rev)
	git -C "$tree" -c diff.noprefix=false -c diff.mnemonicPrefix=false \
		-c format.signOff=false -c format.coverLetter=false -c format.numbered=false \
		format-patch -q --no-signature --zero-commit --no-numbered --no-thread \
		--abbrev=12 --diff-algorithm=myers -M --base="$base" -o "$dir" "$base..HEAD" >/dev/null
	local p in_local=0
	{
		echo "# Upstream group: posted with 'make send'."
		for p in $(cd "$dir" && ls [0-9]*.patch 2>/dev/null); do
			if grep -q '^Subject: \[PATCH\] local: ' "$dir/$p"; then
				[ $in_local -eq 1 ] || { echo; echo "# local: test-only, never sent upstream"; in_local=1; }
			elif [ $in_local -eq 1 ]; then
				die "upstream patch $p comes after a local one; move local commits to the end"
			fi
			echo "$p"
		done
	} >"$dir/series"
}

# Does patches/ hold exactly base..HEAD of tree $1? Prints the differences.
series_matches_tree() {
	local tmp rc=0 p
	tmp=$(mktemp -d)
	export_series "$1" "$tmp"
	diff -u <(series_files all) <(SERIES=$tmp/series series_files all) || rc=1
	for p in $(cd "$tmp" && ls *.patch 2>/dev/null); do
		cmp -s "$tmp/$p" "$TOP/patches/$p" || { diff -u "$TOP/patches/$p" "$tmp/$p" | sed -n 1,40p; rc=1; }
	done
	rm -rf "$tmp"
	return $rc
}
