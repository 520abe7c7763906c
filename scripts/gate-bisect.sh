#!/bin/bash
# gate-bisect.sh: every patch builds on its own in the main config. At each
# commit that changes the kernel, build the directories the series touches,
# in the main build directory so only what changed recompiles (the full link
# of the last patch is the main build). At each commit that changes the KVM
# selftests, the tools headers they include or the uAPI, build the
# selftests the tree has by then, into the directory the selftests-build
# gate finishes at HEAD. A commit that changes neither (documentation, other
# tools) builds exactly what the commit before it built: nothing to do.
. "$(dirname "$0")/lib.sh"
. "$TOP/scripts/touched.sh"
dirs=$(touched_dirs)
commits=$(git -C "$TREE" rev-list --reverse "$(base_rev)..HEAD")
if [ -z "$commits" ]; then
	result PASS bisect "the series is empty"
	exit 0
fi
# The configuration is made at HEAD and put back before each commit's build:
# at an older commit Kconfig drops the options later patches add, and
# writes the .config without them, so keeping the file would build the
# later commits without those options.
"$TOP/scripts/configure.sh" main >/dev/null
cp "$OUT/main/.config" "$OUT/main/.config.series"
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
		if kmake "$OUT/main" $dirs >"$LOGS/bisect.log" 2>&1; then
			built=$(echo $dirs)
		else
			grep -E 'error|Error' "$LOGS/bisect.log" | head -n 20 | sed 's/^/  /'
			result FAIL "bisect/$subject" "building $dirs"
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
exit $fail
