#!/bin/bash
# variant-definers.sh OUTDIR: the objects variant-symbols.sh took from the main
# build but must see compiled in the variant, because their symbols may
# differ there; prints them, not yet compiled ones only:
#  - every object that moves between vmlinux and a module;
#  - an object defining a symbol a target uses (OUTDIR/definers) whose source
#    names an option the variant changes, where that definition sits under an
#    #if on such an option or is not found in the source (a macro makes it);
#  - for a symbol no object defines (OUTDIR/undefined), every object whose
#    source mentions it: a definition only the variant has.
# The source of an object: the .c or .S file and the .c files it includes,
# from the main build's dependency lists.
. "$(dirname "$0")/lib.sh"
v=$(realpath "$1")
mtree=$(readlink -f "$OUT/main/source")
changed=$( { diff <(grep '^CONFIG_' "$OUT/main/.config" | sort) <(grep '^CONFIG_' "$v/.config" | sort) || true; } |
	sed -n 's/^[<>] CONFIG_\([A-Za-z0-9_]*\)=.*/\1/p' | sort -u | paste -sd'|')
sources() { # sources OBJ: the files it is compiled from, relative to the tree
	sed -n -e 's/^source_[^ ]* := //p' -e 's/^  \([^$ ]*\.c\) \\$/\1/p' \
		"$OUT/main/$(dirname "$1")/.$(basename "$1").cmd" 2>/dev/null | sed "s|^$mtree/||"
}
{
	# Objects that move between vmlinux and a module (or are not in the main build).
	awk -v main="$OUT/main" '$2 != "other" {
		cmd = $1; sub(/[^\/]*$/, "", cmd); b = $1; sub(/.*\//, "", b); cmd = main "/" cmd "." b ".cmd"
		u = "vmlinux"; line = ""
		if ((getline line <cmd) > 0 && line ~ / -DMODULE / && match(line, /-D__KBUILD_MODNAME=[A-Za-z0-9_]+/))
			u = substr(line, RSTART + 19, RLENGTH - 19)
		close(cmd)
		if (u != $2) print $1
	}' "$v/objects"
	# Definitions under an #if on a changed option, or not found.
	# (Symbols the tracepoint and static-call machinery generates are left out.)
	sort -u "$v/definers" | awk '$2 !~ /^__(SCK__|SCT__|tracepoint_|traceiter_|probestub_|bpf_trace_|pfx_|cfi_)/ {
		s[$1] = s[$1] "|" $2 } END { for (o in s) print o, substr(s[o], 2) }' |
	while read -r o syms; do
		src=$(sources "$o")
		[ -n "$src" ] || { echo "$o"; continue; }
		# A generated source (capflags.c) is in the build directory.
		for f in $src; do
			case $f in /*) cat "$f" ;; *) cat "$TREE/$f" 2>/dev/null || cat "$OUT/main/$f" ;; esac
		done | awk -v syms="$syms" -v changed="${changed:-NONE}" -v o="$o" '
			BEGIN { def = "(^[A-Za-z_].*[^A-Za-z0-9_]|^)(" syms ")([ \t]+[A-Za-z_][A-Za-z0-9_]*)*[ \t]*(\\(|=|;|\\[)" \
					"|^[ \t]*(SYM_[A-Z_]*|GLOBAL|ENTRY)\\((" syms ")[ \t]*[,)]|^[A-Z][A-Z0-9_]*\\((.*[ ,*])?(" syms ")[ \t]*[,)]"
				cond = "CONFIG_(" changed ")(_MODULE)?([^A-Za-z0-9_]|$)"; n = split(syms, want, "|") }
			$0 ~ cond { mentions = 1 }
			/^[ \t]*#[ \t]*if/ { stack[++depth] = $0; next }
			/^[ \t]*#[ \t]*el/ { stack[depth] = stack[depth] " " $0; next }
			/^[ \t]*#[ \t]*endif/ { depth--; next }
			$0 ~ def { for (i = 1; i <= depth; i++) if (stack[i] ~ cond) hit = 1
				for (i = 1; i <= n; i++) if ($0 ~ "(^|[^A-Za-z0-9_])" want[i] "([^A-Za-z0-9_]|$)") found[want[i]] = 1 }
			END { for (i = 1; i <= n; i++) if (!(want[i] in found)) hit = 1; if (hit && mentions) print o }'
	done
	# Symbols nobody defines: the objects whose source mentions them.
	if [ -s "$v/undefined" ]; then
		files=$(git -C "$TREE" grep -l -w -F -f "$v/undefined" -- '*.c' '*.S' | paste -sd' ' || true)
		awk -v main="$OUT/main" -v tree="$mtree/" -v files="$files" '
			BEGIN { split(files, a, " "); for (i in a) f[a[i]] = 1 }
			{ cmd = $1; sub(/[^\/]*$/, "", cmd); b = $1; sub(/.*\//, "", b); cmd = main "/" cmd "." b ".cmd"
			  while ((getline line <cmd) > 0) if (line ~ /^source_/ || line ~ /^  [^$ ]*\.c \\$/) {
				n = split(line, w, " "); x = line ~ /^source_/ ? w[n] : w[1]; sub("^" tree, "", x)
				if (x in f) { print $1; break } }
			  close(cmd) }' "$v/objects"
	fi
} | sort -u | grep -vxF -f "$v/targets" || true
