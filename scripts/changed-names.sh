#!/bin/bash
# changed-names.sh: the interface the series changes, one name a line: every
# macro, function, variable, struct field, enum constant and struct/enum tag
# whose definition or declaration the series adds, removes or changes in a
# header, the function enclosing a changed line of a header (a parameter on a
# continuation line, an inline body), and every global function or variable
# (or export) it adds, removes or changes in a .c or .S file. A header whose
# #if/#include structure or the body of a multi-line macro changes is printed
# as "ALL path": then everything that includes it counts as a caller.
# A name the base defines (a #define, a struct, union or enum tag) in a file
# the series does not change is left out: the series only uses it (a forward
# declaration, an attribute, a parameter's type), and it does not change
# for anyone else (__packed or struct dentry would make every file a caller).
# A file the series adds gives no names: only the files that include it
# can use what it defines, and those are files the series changes (to add
# the #include) or includers of a header whose #include lines it changes;
# a new header is printed as "ALL path" for its includers. Its names
# would only find other code that uses the same words ("misbehave" in
# mm/slub.c and net/x25; struct rmp_state, which 7.3's asm/sev.h defines,
# made every includer of that changed header a caller), 36 objects more
# to compile in the built-in variant and more at bisect commits.
# Except for one commit (SINCE) that also changes a Kconfig file: an
# option it adds can turn on an #include of its new file that an earlier
# commit wrote behind that option, in a file this commit does not change.
# SINCE=REV compares REV with HEAD instead of the base with HEAD.
# Used by variant-targets.sh; not a gate.
. "$(dirname "$0")/lib.sh"
base=${SINCE:-$(base_rev)}
# The names of stdin, less those the base defines outside the changed files.
drop_base_defined() {
	local names alt base_defined
	names=$(cat)
	alt=$({ grep -v '^ALL ' <<<"$names" || true; } | paste -sd'|')
	[ -n "$alt" ] || { [ -z "$names" ] || echo "$names"; return; }
	# The work tree's unchanged files are the base's.
	base_defined=$(git -C "$TREE" grep -P -o "^\s*#\s*define\s+($alt)\b|^(typedef\s+)?(struct|union|enum)\s+($alt)\s*\{" \
		-- '*.h' ':!tools' ':!scripts' |
		awk -v changed="$(git -C "$TREE" diff --name-only "$base" HEAD | tr '\n' ' ')" '
		BEGIN { n = split(changed, c, " "); for (i = 1; i <= n; i++) ch[c[i]] = 1 }
		{ path = $0; sub(/:.*/, "", path); if (path in ch) next
		  t = $0; sub(/^[^:]*:/, "", t); sub(/[ \t]*\{$/, "", t); sub(/.*[ \t]/, "", t); print t }' |
		sort -u || true)
	grep -v -x -F -f <(echo "$base_defined") <<<"$names" || true
}
keep_new=0
[ -z "${SINCE:-}" ] || [ -z "$(git -C "$TREE" diff --name-only "$base" HEAD -- '*Kconfig*')" ] || keep_new=1
git -C "$TREE" diff -U1 --no-color "$base" HEAD -- '*.h' '*.c' '*.S' ':!tools' ':!Documentation' ':!scripts' |
awk -v keep_new=$keep_new '
function strip(s,   i, j) { # comments and literals out; keeps the comment state
	gsub(/"([^"\\]|\\.)*"/, "\"\"", s); gsub(/\047([^\047\\]|\\.)*\047/, "0", s)
	if (incomment) { i = index(s, "*/"); if (!i) return ""; s = substr(s, i + 2); incomment = 0 }
	while ((i = index(s, "/*"))) {
		j = index(substr(s, i + 2), "*/")
		if (!j) { s = substr(s, 1, i - 1); incomment = 1; break }
		s = substr(s, 1, i - 1) " " substr(s, i + j + 3)
	}
	sub(/\/\/.*/, "", s)
	return s
}
function last_ident(s) { # the last identifier of s
	return match(s, /[A-Za-z_][A-Za-z0-9_]*[^A-Za-z0-9_]*$/) ? ident_at(s) : ""
}
function ident_at(s,   t) { t = substr(s, RSTART); sub(/[^A-Za-z0-9_].*/, "", t); return t }
function name(n) { if (n != "" && !(n in keyword) && (!newfile || keep_new)) print n }
function typed_call(s,   t) { # "type name(" -> name; "name(" alone (a macro call) -> ""
	t = s; sub(/\(.*/, "", t)
	return match(t, /[A-Za-z_0-9*][ \t*]+[A-Za-z_][A-Za-z0-9_]*[ \t]*$/) ? last_ident(t) : ""
}
# A line at column 0. Sets the mode the indented lines below it are read in:
# struct or enum (its body), func (function body or parameter list), top.
function top_line(s, changed,   n, t) {
	if (s ~ /^#[ \t]*define[ \t]/) { if (!hdr) return; t = s; sub(/^#[ \t]*define[ \t]+/, "", t); n = t; sub(/[^A-Za-z0-9_].*/, "", n) }
	else if (s ~ /^#[ \t]*(if|ifdef|ifndef|elif|else|endif|include|undef)/) { if (changed && hdr) all = 1; return }
	else if (s ~ /^#/) return
	else if (s ~ /^[ \t]*\}/) { mode = "top"; t = s; sub(/^[ \t]*\}/, "", t); if (t ~ /[A-Za-z_]/) n = last_ident(t) }
	else if (s ~ /^(typedef[ \t]+)?(struct|union|enum)[ \t]+[A-Za-z_0-9]*[ \t]*\{?[ \t]*$/) {
		mode = s ~ /enum/ ? "enum" : "struct"; t = s; sub(/^(typedef[ \t]+)?(struct|union|enum)[ \t]+/, "", t); sub(/[^A-Za-z0-9_].*/, "", t); n = t
		if (!hdr) return    # a type local to a .c file
	} else if (!hdr && s ~ /^static[ \t]/) { mode = s ~ /\(/ && s !~ /;[ \t]*$/ ? "func" : "top"; return }
	else if (s ~ /^EXPORT_SYMBOL[A-Z_]*\(/ || s ~ /^SYM_[A-Z_]*START[A-Z_]*\(/) { t = s; sub(/^[^(]*\([ \t]*/, "", t); n = t; sub(/[^A-Za-z0-9_].*/, "", n) }
	else if (s ~ /^[A-Z_][A-Z0-9_]*\(/) { if (hdr) { t = s; sub(/\)[^)]*$/, "", t); n = last_ident(t) } }
	else if (s ~ /\(/) { n = typed_call(s); if (n != "") curfn = n; mode = s ~ /(;|\})[ \t]*$/ ? "top" : "func" }
	else if (s ~ /^[A-Za-z_]/ && s ~ /[;=]/) { t = s; sub(/[=;\[].*/, "", t); if (t ~ /[A-Za-z_0-9*][ \t*]+[A-Za-z_]/) n = last_ident(t) }
	if (changed) name(n)
}
function line(s, changed,   t) {
	if (s ~ /^[ \t]*$/) return
	if (s ~ /^[A-Za-z_#}]/) { top_line(s, changed); return }
	if (!changed || !hdr) return          # .c: only the global definitions count
	# A struct field the series only adds: nothing existing can use it, and a
	# field name cannot clash outside its struct (a common name, "pad", would
	# make every file that says "pad" a target).
	if (mode == "struct" && c == "+") return
	if (mode == "struct" || mode == "enum") {
		if (match(s, /\([ \t]*\*[ \t]*[A-Za-z_][A-Za-z0-9_]*[ \t]*\)/)) { t = substr(s, RSTART); sub(/^\([ \t]*\*[ \t]*/, "", t); sub(/[^A-Za-z0-9_].*/, "", t); name(t) }
		else if (s ~ /[A-Za-z_]/) { t = s; sub(/[;=:,(\[].*/, "", t); name(last_ident(t)) }
	} else name(curfn)
}
BEGIN {
	split("if else for while do switch case default return goto break continue sizeof typeof __typeof__ defined " \
	      "struct union enum typedef static inline extern const volatile void char short int long signed unsigned " \
	      "bool asm __asm__ __attribute__ __always_inline noinline", k, " ")
	for (i in k) keyword[k[i]] = 1
}
function done() { if (file != "" && (all || (newfile && hdr))) print "ALL " file }
/^diff --git / { done(); file = $NF; sub(/^b\//, "", file); hdr = file ~ /\.h$/; all = 0; inhunk = 0; newfile = 0; next }
/^new file mode / && !inhunk { newfile = 1; next }
/^@@/ {
	inhunk = 1; mode = "top"; curfn = ""; incomment = 0; prev = ""
	h = $0; sub(/^@@[^@]*@@ ?/, "", h); if (h != "") top_line(strip(h), 0)
	next
}
!inhunk { next }
{
	c = substr($0, 1, 1); raw = substr($0, 2)
	if (c == "\\") next
	changed = c != " "
	# A changed line in a multi-line macro whose start did not change.
	if (changed && hdr && prev_cont && !prev_changed) all = 1
	prev_cont = raw ~ /\\[ \t]*$/; prev_changed = changed
	line(strip(raw), changed)
}
END { done() }' | sort -u | drop_base_defined
