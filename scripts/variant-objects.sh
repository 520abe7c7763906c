#!/bin/bash
# variant-objects.sh OUTDIR: every kernel object the configuration in OUTDIR
# builds, and where it is linked, one "object unit" a line: unit is the module
# name for a module's object, "other" for code that is linked on its own
# (the EFI stub, the vDSO, the startup and real-mode code: compiled with
# -D__DISABLE_EXPORTS or -DBUILD_VDSO) and "vmlinux" for the rest. Asks kbuild itself
# (a dry run of "make vmlinux modules", about 15 s), so Makefile conditions
# and composite modules are kbuild's own. OUTDIR must be configured and prepared.
# The answer is kept in OUTDIR/objects.cache until the .config or a Makefile
# or Kbuild file changes.
. "$(dirname "$0")/lib.sh"
o=$(realpath "$1")
key=$({ cat "$o/.config"; git -C "$TREE" ls-files -s -- '*Makefile*' '*Kbuild*' ':!tools' ':!Documentation'
	git -C "$TREE" diff HEAD -- '*Makefile*' '*Kbuild*' ':!tools' ':!Documentation'; } | sha256sum)
if [ -f "$o/objects.cache" ] && [ "$(head -n 1 "$o/objects.cache")" = "$key" ]; then
	exec tail -n +2 "$o/objects.cache"
fi
{ make -n -k -C "$TREE" O="$o" -j1 vmlinux modules 2>/dev/null || true; } |
awk '/-D__KERNEL__/ && / -c -o [^ ]*\.o / {
	match($0, / -c -o [^ ]*\.o /); obj = substr($0, RSTART + 7, RLENGTH - 8)
	n = split(obj, p, "/"); k = 0          # a/b/../c.o -> a/c.o
	for (i = 1; i <= n; i++) if (p[i] == "..") k--; else if (p[i] != ".") q[++k] = p[i]
	obj = q[1]; for (i = 2; i <= k; i++) obj = obj "/" q[i]
	unit = / -D__DISABLE_EXPORTS | -DBUILD_VDSO/ ? "other" : "vmlinux"
	if (/ -DMODULE / && match($0, /-D__KBUILD_MODNAME=[A-Za-z0-9_]+/)) unit = substr($0, RSTART + 19, RLENGTH - 19)
	print obj, unit
}' | sort -u >"$o/objects.new"
[ -s "$o/objects.new" ] || die "kbuild's dry run in $o lists no object (not configured and prepared?)"
{ echo "$key"; cat "$o/objects.new"; } >"$o/objects.cache"
rm "$o/objects.new"
tail -n +2 "$o/objects.cache"
