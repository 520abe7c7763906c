#!/bin/bash
# send.sh: format the upstream group as a numbered series with a cover letter
# and the sender's sign-off, find recipients with get_maintainer.pl, and run
# git send-email --dry-run. Real sending needs SEND=1 and your own SMTP setup.
. "$(dirname "$0")/lib.sh"
. "$TOP/scripts/series.sh"
n=$(series_files upstream | wc -l)
[ "$n" -gt 0 ] || die "the upstream group of patches/series is empty: nothing to send"
[ -f "$TOP/patches/cover-letter" ] || die "patches/cover-letter is missing: write the cover letter first"
"$TOP/scripts/make-tree.sh"
base=$(base_rev)
last=$(git -C "$TREE" rev-list --reverse "$base..HEAD" | sed -n "${n}p")
dir=$BUILD/send
rm -rf "$dir"
git -C "$TREE" format-patch -q -s --cover-letter --base="$base" --thread=shallow \
	${VERSION_ARG:+-v "$VERSION_ARG"} ${RFC:+--rfc} -o "$dir" "$base..$last"
# The cover letter: first line of patches/cover-letter is the subject.
cover=$(ls "$dir"/*0000-cover-letter.patch)
python3 - "$cover" "$TOP/patches/cover-letter" <<'PY'
import sys
cover, text = sys.argv[1], open(sys.argv[2]).read().split("\n", 1)
s = open(cover).read()
s = s.replace("*** SUBJECT HERE ***", text[0].strip()).replace("*** BLURB HERE ***", text[1].strip())
open(cover, "w").write(s)
PY
recipients=$(cd "$TREE" && ./scripts/get_maintainer.pl --no-git --no-git-fallback --no-rolestats --no-roles "$dir"/0*.patch | grep -v '^$' | sort -u)
args=()
while IFS= read -r r; do args+=(--cc="$r"); done <<<"$recipients"
echo "series: $dir ($n patches + cover letter)"
echo "recipients (get_maintainer.pl):"; echo "$recipients" | sed 's/^/  /'
from=$(git -C "$TREE" var GIT_AUTHOR_IDENT | sed 's/>.*/>/')
if [ "${SEND:-0}" = 1 ]; then
	git -C "$TREE" send-email --from="$from" --confirm=always "${args[@]}" "$dir"/*.patch
else
	git -C "$TREE" send-email --dry-run --confirm=never --from="$from" "${args[@]}" "$dir"/*.patch >"$LOGS/send-dry-run.log" 2>&1 ||
		{ tail -n 20 "$LOGS/send-dry-run.log"; die "git send-email --dry-run failed (log: $LOGS/send-dry-run.log)"; }
	grep -E '^(Subject|Dry-OK)' "$LOGS/send-dry-run.log" | sed 's/^/  /'
	echo "dry run only. To send for real: configure sendemail.smtpServer etc. in git, then SEND=1 make send"
fi
