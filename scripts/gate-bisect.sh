#!/bin/bash
# gate-bisect.sh: every patch builds on its own in the main config. Runs after
# the main build and works in its directory. At each commit that changes the
# kernel, compile what that commit can break, chosen as the variant gate
# chooses (variant-targets.sh with SINCE=the commit's parent): the objects
# of the files it changes, the objects that use a name it changes in a header
# or a global it changes in a .c file, and an includer of each header it
# changes. At each commit that changes the KVM selftests, the tools headers
# they include or the uAPI, build the selftests the tree has by then, into
# a directory of their own ($OUT/kselftest-bisect: the selftests-build
# gate's stay HEAD's). A commit that changes neither (documentation, other
# tools) has nothing to build. The tree goes back to the branch at the end,
# and the main build is left as the last commit built it: make's times
# bring it back to HEAD in the next build (build.sh main, which make and
# make check run first); its .config is HEAD's again. Rebuilding it here took about 50 s of
# the gate: checking out HEAD again renews headers nearly every object
# includes. So this gate runs last in the tree lane (check.sh), after the
# gates that read the main build's objects. A posting that make send formats on another
# base than the series' order (the base plus its prerequisites only, see
# patches/postings) is built the same way, commit by commit, as the
# send-dry-run gate formatted it.
. "$(dirname "$0")/lib.sh"
. "$TOP/scripts/touched.sh"
commits=$(git -C "$TREE" rev-list --reverse "$(base_rev)..HEAD")
if [ -z "$commits" ]; then
	result PASS bisect "the series is empty"
	exit 0
fi
[ -f "$OUT/main/vmlinux" ] ||
	die "no main build in $OUT/main: the per-patch builds take the objects and their dependencies from it"
# The objects of the configuration, from HEAD: a commit's targets are among
# them (those whose source exists at that commit).
"$TOP/scripts/variant-objects.sh" "$OUT/main" >"$OUT/main/objects.bisect"
# The configuration is HEAD's and put back before each commit's build: at an
# older commit Kconfig drops the options later patches add, and writes the
# .config without them, so keeping the file would build the later commits
# without those options. cp -p keeps the file's time, older than the
# auto.conf made from it, so that Kconfig runs again only where kbuild's
# own rule asks for it: at a commit whose Kconfig files differ from the
# last build's (checking them out makes them newer than auto.conf). Elsewhere
# the same Kconfig would give the same auto.conf; running it anyway took 3 s
# of the 5 s of a one-object commit (2026-12-07).
cp -p "$OUT/main/.config" "$OUT/main/.config.series"
names=$OUT/main/bisect-names
# targets SINCE: the objects the checked-out tree can break by its changes
# since commit SINCE.
targets() {
	local o
	SINCE=$1 "$TOP/scripts/changed-names.sh" >"$names"
	rm -f "$names.hot"
	# The early startup and real-mode objects only build through their
	# own Makefiles (see gate-variants.sh); their directories are built
	# as the main build's prerequisites anyway.
	SINCE=$1 "$TOP/scripts/variant-targets.sh" "$OUT/main/objects.bisect" "$names" |
	{ grep -v -E '^arch/x86/(boot|realmode)/' || true; } |
	while read -r o; do
		[ ! -f "$TREE/${o%.o}.c" ] && [ ! -f "$TREE/${o%.o}.S" ] || echo "$o"
	done
}
# What a build depends on: the tree built and the one its changes are taken
# from, the configuration and the objects it has, the tools, these scripts
# and the selftest lists that say which selftests to build.
build_key() {
	{
		git -C "$TREE" rev-parse "$1^{tree}" "$2^{tree}"
		cat "$OUT/main/.config.series" "$OUT/main/objects.bisect"
		gcc --version
		ld --version
		make --version
		cat "$TOP"/scripts/{lib,touched,gate-bisect,changed-names,variant-objects,variant-targets,selftests}.sh
		cat "$TOP"/tests/{selftests.list,selftests.deny,host-tests.list}
	} | inputs_key
}
fail=0
# build NAME COMMIT SINCE: at COMMIT, compile what its changes since commit
# SINCE can break, and build the KVM selftests if those changes reach them.
build() {
	local name=$1 c=$2 since=$3 kernel selftests key t built= t0=$SECONDS
	kernel=$(git -C "$TREE" diff --name-only "$since" "$c" -- . ':!tools' ':!Documentation')
	selftests=$(git -C "$TREE" diff --name-only "$since" "$c" -- tools/testing/selftests/kvm \
		'tools/testing/selftests/*.h' tools/testing/selftests/rseq tools/include tools/arch/x86 \
		include/uapi arch/x86/include/uapi)
	if [ -z "$kernel$selftests" ]; then
		result PASS "$name" "changes neither the kernel nor the KVM selftests: nothing to build"
		return
	fi
	key=bisect/$(build_key "$c" "$since")
	if passed_before "$key"; then
		result PASS "$name" "passed before with the same inputs"
		return
	fi
	checkout_for_build "$c"
	cp -p "$OUT/main/.config.series" "$OUT/main/.config"
	if [ -n "$kernel" ]; then
		t=$(targets "$since")
		if [ -z "$t" ]; then
			built="no object (Kconfig or Makefile only)"
		elif kmake "$OUT/main" $t >"$LOGS/bisect.log" 2>&1; then
			built="$(wc -w <<<"$t") objects"
		else
			{ grep -m 20 -E 'error|Error' "$LOGS/bisect.log" || true; } | sed 's/^/  /'
			result FAIL "$name" "compiling $(wc -w <<<"$t") objects: the errors are above"
			fail=1
			return
		fi
	fi
	if [ -n "$selftests" ]; then
		if "$TOP/scripts/selftests.sh" --existing "$OUT/kselftest-bisect" >/dev/null 2>"$LOGS/bisect.log"; then
			built="$built${built:+ and }the KVM selftests"
		else
			sed -n '1,20s/^/  /p' "$LOGS/bisect.log"
			result FAIL "$name" "building the KVM selftests"
			fail=1
			return
		fi
	fi
	result PASS "$name" "built $built in $((SECONDS - t0)) s"
	remember_pass "$key"
}
# The trees of the series' commits (before the builds move HEAD).
trees=$(git -C "$TREE" log --format=%T "$(base_rev)..HEAD")
for c in $commits; do
	build "bisect/$(git -C "$TREE" log -1 --format=%s "$c")" "$c" "$c^"
done
# The postings formatted on another base: make send left each one's
# commits in build/send/NAME.commits. A posting whose last tree is a tree of
# the series, with all its commits, was built above.
for list in "$BUILD"/send/*.commits; do
	[ -f "$list" ] || continue
	name=$(basename "$list" .commits)
	last=$(tail -n 1 "$list")
	if ! git -C "$TREE" cat-file -e "${last:-none}^{commit}" 2>/dev/null; then
		result FAIL "bisect/posting $name" "$list names no commit of $TREE: run the send-dry-run gate again"
		fail=1
	elif grep -qx "$(git -C "$TREE" rev-parse "$last^{tree}")" <<<"$trees"; then
		result PASS "bisect/posting $name" "the same trees as commits of the series, built above"
	else
		for c in $(cat "$list"); do
			build "bisect/posting $name/$(git -C "$TREE" log -1 --format=%s "$c")" "$c" "$c^"
		done
	fi
done
# Kconfig at the last commit built may have rewritten the .config without
# later options: put HEAD's back for what reads it before the next build.
cp -p "$OUT/main/.config.series" "$OUT/main/.config"
exit $fail
