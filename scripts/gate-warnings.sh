#!/bin/bash
# gate-warnings.sh: W=1 and sparse (C=2) on every object the series touches;
# a warning fails the gate unless the base already has it for that file.
. "$(dirname "$0")/lib.sh"
. "$TOP/scripts/touched.sh"
# The object a touched C file ends up in: its own, or for a file that another
# one #includes (a KUnit suite built into the file it tests), the includer's.
object_of() {
	local f=$1 dir name
	dir=$(dirname "$f"); name=$(basename "$f" .c)
	if grep -rqs --include=Makefile --include=Kbuild -E "(^|[ /])$name\.o" "$TREE/$dir" "$TREE/$(dirname "$dir")"; then
		echo "${f%.c}.o"
	else
		git -C "$TREE" grep -l "#include \"$name.c\"" -- "$dir" | sed 's/\.c$/.o/'
	fi
}
objs=$(for f in $(touched_files | grep '\.c$'); do object_of "$f"; done | sort -u)
if [ -z "$objs" ]; then
	result PASS warnings "the series touches no C file"
	exit 0
fi
sparse=$("$TOP/scripts/sparse.sh")
# Warnings of one object at the checked-out commit, without line numbers.
# A checker the kernel rejects would make C=2 check nothing: that is an error.
warnings_of() {
	rm -f "$OUT/main/$1"
	{ kmake "$OUT/main" W=1 C=2 CHECK="$sparse" "$1" 2>&1 >/dev/null || echo "error: building $1 failed"; } |
		sed 's/^.*C=2 specified, but .* is not available.*$/error: sparse rejected by the kernel/' |
		{ grep -E 'warning|error' || true; } |
		sed -E "s|^$TREE/||; s|:[0-9]+:[0-9]+:|:|; s|:[0-9]+:|:|" | sort
}
fail=0
base=$(base_rev)
for o in $objs; do
	checkout_for_build "$base"
	before=$( [ -f "$TREE/${o%.o}.c" ] && warnings_of "$o" || true)
	checkout_for_build "$RETURN_TO"
	after=$(warnings_of "$o")
	new=$(comm -13 <(echo "$before") <(echo "$after") | grep . || true)
	if [ -z "$new" ]; then
		result PASS "warnings/$o" "W=1 and sparse: nothing new"
	else
		echo "$new" | sed 's/^/  /'
		result FAIL "warnings/$o" "new W=1 or sparse warnings"
		fail=1
	fi
done
exit $fail
