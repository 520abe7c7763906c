#!/bin/bash
# send.sh: format each posting of patches/postings (default: all of them;
# POSTING=name for one) as a numbered series with its cover letter and the
# sender's sign-off, find recipients with get_maintainer.pl, and run git
# send-email --dry-run. Real sending needs SEND=1 and your own SMTP setup.
. "$(dirname "$0")/lib.sh"
. "$TOP/scripts/series.sh"
n=$(series_files upstream | wc -l)
[ "$n" -gt 0 ] || die "the upstream group of patches/series is empty: nothing to send"
postings=$TOP/patches/postings
[ -f "$postings" ] || die "patches/postings is missing: say which patches form which posting"
"$TOP/scripts/make-tree.sh"
base=$(base_rev)
mapfile -t commits < <(git -C "$TREE" rev-list --reverse "$base..HEAD" | head -n "$n")
mapfile -t subjects < <(for c in "${commits[@]}"; do git -C "$TREE" log -1 --format=%s "$c"; done)
index_of() { # index_of SUBJECT: position of the upstream patch with that subject
	local i
	for i in "${!subjects[@]}"; do [ "${subjects[$i]}" = "$1" ] && { echo "$i"; return; }; done
	die "patches/postings names \"$1\", which is not an upstream patch of the series"
}
mapfile -t rows < <(grep -v '^#' "$postings" | awk 'NF')
firsts=()
for row in "${rows[@]}"; do firsts+=("$(index_of "$(echo "$row" | awk '{ $1 = $2 = ""; sub(/^ +/, ""); print }')")"); done
[ "${firsts[0]}" = 0 ] || die "the first posting in patches/postings must start at the first upstream patch"
from=$(git -C "$TREE" var GIT_AUTHOR_IDENT | sed 's/>.*/>/')
rm -rf "$BUILD/send"
for k in "${!rows[@]}"; do
	read -r name cover _ <<<"${rows[$k]}"
	[ -z "${POSTING:-}" ] || [ "$POSTING" = "$name" ] || continue
	first=${firsts[$k]}
	last=$(( ${firsts[$((k + 1))]:-$n} - 1 ))
	start=$base; [ "$first" -eq 0 ] || start=${commits[$((first - 1))]}
	dir=$BUILD/send/$name
	# --base with a later start records the earlier patches as prerequisites.
	args=(-q -s --base="$base" --thread=shallow -o "$dir")
	[ "$cover" = - ] || args+=(--cover-letter)
	git -C "$TREE" format-patch "${args[@]}" ${VERSION_ARG:+-v "$VERSION_ARG"} ${RFC:+--rfc} \
		"$start..${commits[$last]}"
	if [ "$cover" != - ]; then
		[ -f "$TOP/patches/$cover" ] || die "patches/$cover is missing: write the cover letter of $name first"
		python3 - "$(ls "$dir"/*0000-cover-letter.patch)" "$TOP/patches/$cover" <<'PY'
import sys
cover, text = sys.argv[1], open(sys.argv[2]).read().split("\n", 1)
s = open(cover).read()
s = s.replace("*** SUBJECT HERE ***", text[0].strip()).replace("*** BLURB HERE ***", text[1].strip())
open(cover, "w").write(s)
PY
	fi
	recipients=$(cd "$TREE" && ./scripts/get_maintainer.pl --no-git --no-git-fallback --no-rolestats --no-roles "$dir"/0*.patch | grep -v '^$' | sort -u)
	cc=()
	while IFS= read -r r; do cc+=(--cc="$r"); done <<<"$recipients"
	echo "posting $name: $dir ($((last - first + 1)) patches$([ "$cover" = - ] || echo " + cover letter"))"
	echo "recipients (get_maintainer.pl):"; echo "$recipients" | sed 's/^/  /'
	if [ "${SEND:-0}" = 1 ]; then
		git -C "$TREE" send-email --from="$from" --confirm=always "${cc[@]}" "$dir"/*.patch
	else
		log=$LOGS/send-dry-run-$name.log
		git -C "$TREE" send-email --dry-run --confirm=never --from="$from" "${cc[@]}" "$dir"/*.patch >"$log" 2>&1 ||
			{ tail -n 20 "$log"; die "git send-email --dry-run failed (log: $log)"; }
		grep -E '^(Subject|Dry-OK)' "$log" | sed 's/^/  /'
	fi
done
[ "${SEND:-0}" = 1 ] || echo "dry run only. To send for real: configure sendemail.smtpServer etc. in git, then SEND=1 make send (POSTING=name for one posting)"
