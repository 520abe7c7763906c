# checkpatch.sh: run checkpatch the way the gates do; sourced.
# checkpatch_file PATCH [EXTRA-ARGS...]: --strict --codespell, minus the
# messages tests/checkpatch.exceptions accepts for PATCH's file name. Prints
# checkpatch's output and fails on anything left.

codespell_dict() {
	local f
	# Debian's codespell keeps its dictionary inside the Python package.
	for f in /usr/share/codespell/dictionary.txt /usr/lib/python3/dist-packages/codespell_lib/data/dictionary.txt; do
		[ -f "$f" ] && { echo "$f"; return; }
	done
	die "codespell's dictionary.txt not found: install codespell (scripts/deps.sh does)"
}

# The patch without the mail headers that change with every make send (the
# dates, the message IDs, the commit ID of a re-signed commit); only the
# headers, up to the first empty line: checkpatch reads the message below.
patch_without_dates() {
	sed -e '1{/^From [0-9a-f]\{40\} /d}' \
		-e '1,/^$/{/^\(Date\|Message-I[Dd]\|In-Reply-To\|References\): /d}' "$1"
}

# codespell_entries_for PATCH DICT: the lines of codespell's DICT that can
# change what checkpatch says about PATCH. checkpatch joins every misspelling
# into one alternation and matches it against each added line and the
# message, between characters other than [\w'`-]: with the whole dictionary
# (37,000 entries) checkpatch took 34 s for the largest patch of the
# series instead of 8 s (2026-12-07). A misspelling made of those characters only can match
# nothing but a whole such word of the patch, so the entries whose
# misspelling is no word of the patch are left out; entries with any other
# character are kept. A patch with a non-ASCII byte gets the whole
# dictionary: checkpatch decodes it as UTF-8, where \w and case-insensitive
# matching reach beyond ASCII.
codespell_entries_for() {
	if LC_ALL=C grep -q $'[\x80-\xff]' "$1"; then
		cat "$2"
		return
	fi
	LC_ALL=C awk -v chars='a-z0-9_'\''`-' '
		NR == FNR {
			n = split(tolower($0), w, "[^" chars "]+")
			for (i = 1; i <= n; i++) word[w[i]] = 1
			next
		}
		{
			# As checkpatch reads an entry: blanks trimmed, then
			# everything from the first comma and from "->" cut off.
			m = $0; sub(/^[ \t]+/, "", m); sub(/,.*$/, "", m); sub(/->.*$/, "", m)
			m = tolower(m)
			if (m !~ "^[" chars "]+$" || m in word) print
		}' "$1" "$2"
}

checkpatch_file() {
	local patch=$1 ignore out rc dict key entries
	shift
	dict=$(codespell_dict)
	ignore=$(awk -v p="$(basename "$patch")" '!/^#/ && NF { if (p ~ "^" $1 "$") printf "%s,", $2 }' \
		<(sed 's/\*/.*/g' "$TOP/tests/checkpatch.exceptions"))
	# checkpatch's inputs: the patch (without the headers above), the
	# options, perl, checkpatch.pl, the files it reads beside it and its
	# configuration files, this file (it chooses the codespell entries),
	# and the base tree, where it looks up commit IDs and existing names
	# (CamelCase, includes).
	key=checkpatch/$({
		echo "$ignore $* ${CHECKPATCH_CONFIG_DIR:-}"
		patch_without_dates "$patch"
		perl -v
		cat "$TREE"/scripts/{checkpatch.pl,spelling.txt,const_structs.checkpatch} "$dict"
		cat "$TOP/scripts/checkpatch.sh"
		cat "$TREE/.checkpatch.conf" "$HOME/.checkpatch.conf" 2>/dev/null || true
		git -C "$TREE" rev-parse "$(base_rev)^{tree}"
	} | inputs_key)
	if passed_before "$key"; then
		echo "passed before with the same inputs"
		return 0
	fi
	entries=$(mktemp)
	codespell_entries_for "$patch" "$dict" >"$entries" || { rm -f "$entries"; return 1; }
	out=$(cd "$TREE" && PATH=/usr/bin:$PATH ./scripts/checkpatch.pl --strict --codespell --codespellfile "$entries" \
		--show-types --terse ${ignore:+--ignore "${ignore%,}"} "$@" "$patch" 2>&1) && rc=0 || rc=$?
	rm -f "$entries"
	echo "$out"
	[ $rc -eq 0 ] && ! grep -qE ': (ERROR|WARNING|CHECK):' <<<"$out" && remember_pass "$key"
}

# checkpatch_all DIR PATCH... -- [EXTRA-ARGS...]: checkpatch_file on every
# PATCH, $JOBS at a time (checkpatch is one single-threaded Perl process per
# patch), each one's output in DIR/PATCH.out and "ok" or "fail" in DIR/PATCH.rc.
checkpatch_all() {
	local dir=$1 p patches=()
	shift
	while [ $# -gt 0 ] && [ "$1" != -- ]; do patches+=("$1"); shift; done
	[ $# -eq 0 ] || shift
	for p in "${patches[@]}"; do
		while [ "$(jobs -rp | wc -l)" -ge "$JOBS" ]; do wait -n || true; done
		{
			if checkpatch_file "$p" "$@" >"$dir/$(basename "$p").out"; then
				echo ok
			else
				echo fail
			fi >"$dir/$(basename "$p").rc"
		} &
	done
	wait
}
