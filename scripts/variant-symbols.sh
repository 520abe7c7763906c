#!/bin/bash
# variant-symbols.sh OUTDIR: the link and modpost check of a variant, without
# linking it. OUTDIR holds "objects" (variant-objects.sh), "targets" and the
# targets compiled in the variant configuration; every other object the
# variant builds is taken from the main build ($OUT/main), whose symbols are
# the same as the variant's wherever the series changes nothing that object
# sees. For every global symbol a target uses, checks what the linker and
# modpost check: it is defined in the variant (in the same vmlinux or module,
# or exported to a module), or by the linker script (a symbol the main build
# also uses and none of its objects defines); and no global a target
# defines is defined twice in the same vmlinux or module. Prints one line per
# problem and exits 1 if there is any. Writes, for variant-definers.sh,
# OUTDIR/definers ("object symbol": an object taken from the main build that
# defines a symbol a target uses) and OUTDIR/undefined (the symbols no object
# defines).
. "$(dirname "$0")/lib.sh"
v=$(realpath "$1")
# "object type symbol" for the globals (and export markers) of the objects
# listed on stdin, relative to the directory $1.
syms() {
	(cd "$1" && xargs -r nm -A 2>/dev/null || true) |
		awk '$(NF-1) ~ /^[A-Z]$/ || $NF ~ /^__export_symbol_/ { o = $1; sub(/:.*/, "", o); print o, $(NF-1), $NF }'
}
# The main build's compiled kernel objects, for the linker script's symbols.
# The objects linked on their own ("other") are left out: the early startup
# code reaches vmlinux renamed (__pi_ prefix), and the linker script gives
# its names back (arch/x86/boot/startup/exports.h), so to the linker those
# names are the linker script's.
main_objects() {
	find -H "$OUT/main" -name '.*.o.cmd' -not -name '.*.mod.o.cmd' -not -name '..*' \
		-not -path '*/scripts/*' -not -path '*/tools/*' -print0 |
		xargs -0 awk 'FNR == 1 && /-D__KERNEL__/ && / -c / && !/ -D__DISABLE_EXPORTS | -DBUILD_VDSO/ {
			o = $1; sub(/^savedcmd_/, "", o); print o } { nextfile }'
}
awk '{ print $1 }' "$v/objects" | grep -vxF -f "$v/targets" | syms "$OUT/main" >"$v/symbols"
syms "$v" <"$v/targets" >>"$v/symbols"
main_objects | syms "$OUT/main" >"$v/main-symbols"
awk -v units="$v/objects" -v targets="$v/targets" -v main="$v/main-symbols" -v definers="$v/definers" -v undef="$v/undefined" '
BEGIN {
	printf "" >definers; printf "" >undef
	while ((getline <units) > 0) unit[$1] = $2
	while ((getline <targets) > 0) tgt[$1] = 1
	while ((getline <main) > 0) if ($2 == "U") mu[$3] = 1; else md[$3] = 1
	for (s in mu) if (!(s in md)) linker[s] = 1
}
$3 ~ /^__export_symbol_/ { s = $3; sub(/^__export_symbol_/, "", s); exported[s, unit[$1]] = 1; next }
unit[$1] == "other" { next }	# linked on its own, not into vmlinux or a module
$2 == "U" { if ($1 in tgt) { nref++; ref_o[nref] = $1; ref_s[nref] = $3 }; next }
{ def[$3] = def[$3] " " $1; if ($2 ~ /[TDBRGSA]/) strong[$3] = strong[$3] " " $1 }
END {
	for (i = 1; i <= nref; i++) {
		o = ref_o[i]; s = ref_s[i]; u = unit[o]
		if (!(s in def)) { if (!(s in linker)) { print s >undef; problem(o, s " is not defined in this configuration") }; continue }
		n = split(def[s], d, " "); ok = 0; where = ""
		for (j = 1; j <= n; j++) {
			w = unit[d[j]]; where = where " " d[j] " (" w ")"
			if (!(d[j] in tgt)) print d[j], s >definers
			if (w == u || (u != "vmlinux" && exported[s, w])) ok = 1
		}
		if (!ok) problem(o, s " is defined only in" where (u == "vmlinux" ? ", a module" : ", not exported"))
	}
	for (s in strong) {
		n = split(strong[s], d, " ")
		for (j = 1; j <= n; j++) for (k = j + 1; k <= n; k++)
			if ((d[j] in tgt || d[k] in tgt) && unit[d[j]] == unit[d[k]])
				problem(d[j], s " is also defined in " d[k] " (" unit[d[k]] ")")
	}
	exit bad
}
function problem(o, msg) { if (!((o, msg) in seen)) print "  " o " (" unit[o] "): " msg; seen[o, msg] = 1; bad = 1 }
' "$v/symbols" || exit 1
