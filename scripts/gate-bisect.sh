#!/bin/bash
# gate-bisect.sh: every patch builds on its own in the main config. Runs after
# the main build and works in its directory. At each commit that changes the
# kernel, compile what that commit can break, chosen as the variant gate
# chooses (variant-targets.sh with SINCE=the commit's parent): the objects
# of the files it changes, the objects that use a name it changes in a header
# or a global it changes in a .c file, and an includer of each header it
# changes. At each commit that changes the KVM selftests, the tools headers
# they include or the uAPI, build the selftests the tree has by then, into
# the directory the selftests-build gate finishes at HEAD. A commit that
# changes neither (documentation, other tools) has nothing to build. At the
# end the main build is brought back to HEAD: ccache holds HEAD's objects,
# so that costs about one link.
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
# without those options.
cp "$OUT/main/.config" "$OUT/main/.config.series"
names=$OUT/main/bisect-names
# commit_targets: the objects the checked-out commit can break.
commit_targets() {
	local o
	SINCE=HEAD^ "$TOP/scripts/changed-names.sh" >"$names"
	rm -f "$names.hot"
	# The early startup and real-mode objects only build through their
	# own Makefiles (see gate-variants.sh); their directories are built
	# as the main build's prerequisites anyway.
	SINCE=HEAD^ "$TOP/scripts/variant-targets.sh" "$OUT/main/objects.bisect" "$names" |
	grep -v -E '^arch/x86/(boot|realmode)/' |
	while read -r o; do
		[ ! -f "$TREE/${o%.o}.c" ] && [ ! -f "$TREE/${o%.o}.S" ] || echo "$o"
	done
}
fail=0
for c in $commits; do
	subject=$(git -C "$TREE" log -1 --format=%s "$c")
	kernel=$(git -C "$TREE" diff --name-only "$c^" "$c" -- . ':!tools' ':!Documentation')
	selftests=$(git -C "$TREE" diff --name-only "$c^" "$c" -- tools/testing/selftests/kvm \
		'tools/testing/selftests/*.h' tools/testing/selftests/rseq tools/include tools/arch/x86 \
		include/uapi arch/x86/include/uapi)
	if [ -z "$kernel$selftests" ]; then
		result PASS "bisect/$subject" "changes neither the kernel nor the KVM selftests: nothing to build"
		continue
	fi
	checkout_for_build "$c"
	cp "$OUT/main/.config.series" "$OUT/main/.config"
	built=
	if [ -n "$kernel" ]; then
		targets=$(commit_targets)
		if [ -z "$targets" ]; then
			built="no object (Kconfig or Makefile only)"
		elif kmake "$OUT/main" $targets >"$LOGS/bisect.log" 2>&1; then
			built="$(wc -w <<<"$targets") objects"
		else
			grep -E 'error|Error' "$LOGS/bisect.log" | head -n 20 | sed 's/^/  /'
			result FAIL "bisect/$subject" "compiling $(wc -w <<<"$targets") objects: the errors are above"
			fail=1
			continue
		fi
	fi
	if [ -n "$selftests" ]; then
		if "$TOP/scripts/selftests.sh" --existing "$OUT/kselftest" >/dev/null 2>"$LOGS/bisect.log"; then
			built="$built${built:+ and }the KVM selftests"
		else
			sed 's/^/  /' "$LOGS/bisect.log" | head -n 20
			result FAIL "bisect/$subject" "building the KVM selftests"
			fail=1
			continue
		fi
	fi
	result PASS "bisect/$subject" "built $built"
done
if [ -n "${RETURN_TO:-}" ]; then
	git -C "$TREE" checkout -q "$RETURN_TO"
	"$TOP/scripts/build.sh" main >/dev/null || { result FAIL bisect "rebuilding the main build at HEAD"; exit 1; }
fi
exit $fail
