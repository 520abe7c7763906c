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
# Warnings of the objects $@ at the checked-out commit, without line numbers.
# All objects build in one
# make (-k, so a broken one does not hide the others): one kbuild start and
# both cores instead of one make per object. A checker the kernel rejects
# would make C=2 check nothing: that is an error.
warnings_of() {
	local o
	[ $# -gt 0 ] || return 0    # no objects: make without a target would build everything
	for o in "$@"; do rm -f "$OUT/main/$o"; done
	{ kmake "$OUT/main" -k W=1 C=2 CHECK="$sparse" "$@" 2>&1 >/dev/null || echo "error: building $* failed"; } |
		sed 's/^.*C=2 specified, but .* is not available.*$/error: sparse rejected by the kernel/' |
		{ grep -E 'warning|error' || true; } |
		sed -E "s|^$TREE/||; s|:[0-9]+:[0-9]+:|:|; s|:[0-9]+:|:|" | sort
}
# owner LINE: the object a new warning is reported under: the one built from
# the C file the line names (its includer, for an included .c file), else
# "headers" (a header, or a line that names no file).
declare -A owner_of
for f in $(touched_files | grep '\.c$'); do
	for o in $(object_of "$f"); do owner_of[$f]=$o; done
done
owner() { local f=${1%%:*}; echo "${owner_of[${f:-?}]:-headers}"; }

base=$(base_rev)
# At the base Kconfig drops the options the series adds and rewrites the
# .config without them: put HEAD's back before building HEAD.
cp "$OUT/main/.config" "$OUT/main/.config.series"
checkout_for_build "$base"
before=$(warnings_of $(for o in $objs; do [ ! -f "$TREE/${o%.o}.c" ] || echo "$o"; done))
checkout_for_build "$RETURN_TO"
cp "$OUT/main/.config.series" "$OUT/main/.config"
after=$(warnings_of $objs)
new=$(comm -13 <(echo "$before") <(echo "$after") | grep . || true)
declare -A new_of
while IFS= read -r line; do
	[ -n "$line" ] || continue
	o=$(owner "$line")
	new_of[$o]+="$line"$'\n'
done <<<"$new"
fail=0
for o in $objs headers; do
	if [ -z "${new_of[$o]:-}" ]; then
		[ "$o" = headers ] || result PASS "warnings/$o" "W=1 and sparse: nothing new"
	else
		printf '%s' "${new_of[$o]}" | sed 's/^/  /'
		result FAIL "warnings/$o" "new W=1 or sparse warnings"
		fail=1
	fi
done
exit $fail
