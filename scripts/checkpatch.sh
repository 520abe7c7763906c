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

checkpatch_file() {
	local patch=$1 ignore out rc dict key
	shift
	dict=$(codespell_dict)
	ignore=$(awk -v p="$(basename "$patch")" '!/^#/ && NF { if (p ~ "^" $1 "$") printf "%s,", $2 }' \
		<(sed 's/\*/.*/g' "$TOP/tests/checkpatch.exceptions"))
	# checkpatch's inputs: the patch (without the headers above), the
	# options, perl, checkpatch.pl, the files it reads beside it and its
	# configuration files, and the base tree, where it looks up commit IDs
	# and existing names (CamelCase, includes).
	key=checkpatch/$({
		echo "$ignore $* ${CHECKPATCH_CONFIG_DIR:-}"
		patch_without_dates "$patch"
		perl -v
		cat "$TREE"/scripts/{checkpatch.pl,spelling.txt,const_structs.checkpatch} "$dict"
		cat "$TREE/.checkpatch.conf" "$HOME/.checkpatch.conf" 2>/dev/null || true
		git -C "$TREE" rev-parse "$(base_rev)^{tree}"
	} | inputs_key)
	if passed_before "$key"; then
		echo "passed before with the same inputs"
		return 0
	fi
	out=$(cd "$TREE" && PATH=/usr/bin:$PATH ./scripts/checkpatch.pl --strict --codespell --codespellfile "$dict" \
		--show-types --terse ${ignore:+--ignore "${ignore%,}"} "$@" "$patch" 2>&1) && rc=0 || rc=$?
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
