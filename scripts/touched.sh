# touched.sh: what the series changes; sourced.
# Kernel files (not tools/ or Documentation/) changed between $1 (default:
# the base) and HEAD.
touched_files() { git -C "$TREE" diff --name-only --diff-filter=d "${1:-$(base_rev)}" HEAD -- . ':!tools' ':!Documentation'; }

# Check out commit $1 in $TREE for a build, and come back to the branch on exit.
# make-tree.sh guarantees the tree is clean, so nothing can be lost.
checkout_for_build() {
	if [ -z "${RETURN_TO:-}" ]; then
		RETURN_TO=$(git -C "$TREE" symbolic-ref -q --short HEAD || git -C "$TREE" rev-parse HEAD)
		trap 'git -C "$TREE" checkout -q "$RETURN_TO" || echo "error: could not return $TREE to $RETURN_TO" >&2' EXIT
	fi
	git -C "$TREE" checkout -q --detach "$1"
}
