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
# objects_of LINE: every object that compiles the file the line names
# ("headers" likewise); owner is the last of them.
declare -A objects_of
for f in $(touched_files | grep '\.c$'); do
	objects_of[$f]=$(object_of "$f" | tr '\n' ' ')
done
objects_of() { local f=${1%%:*}; echo "${objects_of[${f:-?}]:-headers}"; }
owner() { local o; o=$(objects_of "$1"); o=${o% }; echo "${o##* }"; }

# HEAD first: a warning is new unless the base has the same line as many
# times, and a C file's lines can only come from the objects that compile
# it, a header's from any object. So the base builds only the objects of
# the files HEAD warns about, all of them if one is a header (or a line
# names no file), and nothing when HEAD has no warning or only in files
# the base does not have: the base half took about half of this gate.
after=$(warnings_of $objs)
base=$(base_rev)
base_objs=
if [ -n "$after" ]; then
	base_objs=$(while IFS= read -r line; do objects_of "$line"; done <<<"$after" | tr ' ' '\n' | sort -u | grep . || true)
	! grep -qx headers <<<"$base_objs" || base_objs=$objs
	base_objs=$(for o in $base_objs; do
		! git -C "$TREE" cat-file -e "$base:${o%.o}.c" 2>/dev/null || echo "$o"
	done)
fi
before=
if [ -n "$base_objs" ]; then
	# At the base Kconfig drops the options the series adds and rewrites
	# the .config without them: put HEAD's back afterwards.
	cp "$OUT/main/.config" "$OUT/main/.config.series"
	checkout_for_build "$base"
	before=$(warnings_of $base_objs)
	checkout_for_build "$RETURN_TO"
	cp -p "$OUT/main/.config.series" "$OUT/main/.config"
	# The objects the base built are the base's now: build them at HEAD
	# again, as the later gates read the main build's objects (variant
	# symbols). W=1 and sparse aside, ccache has them from the main build.
	# One that does not compile is among HEAD's lines already.
	kmake "$OUT/main" -k $base_objs >/dev/null 2>&1 || true
fi
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
