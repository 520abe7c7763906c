#!/bin/bash
# send.sh: format each posting of patches/postings (default: all of them;
# POSTING=name for one) as a numbered series on the base plus only the
# postings it names as prerequisites, with its cover letter, signed by the
# sender (who becomes the author); check it; find recipients with
# get_maintainer.pl and run git send-email --dry-run. Real sending needs
# SEND=1 and your own SMTP setup.
. "$(dirname "$0")/lib.sh"
. "$TOP/scripts/series.sh"
. "$TOP/scripts/checkpatch.sh"
n=$(series_files upstream | wc -l)
[ "$n" -gt 0 ] || die "the upstream group of patches/series is empty: nothing to send"
postings=$TOP/patches/postings
[ -f "$postings" ] || die "patches/postings is missing: say which patches form which posting"
"$TOP/scripts/make-tree.sh"
base=$(base_rev)
mapfile -t commits < <(git -C "$TREE" rev-list --reverse "$base..HEAD" | sed -n "1,${n}p")
mapfile -t subjects < <(for c in "${commits[@]}"; do git -C "$TREE" log -1 --format=%s "$c"; done)

# patches/postings: name, cover letter, prerequisite postings, first subject.
mapfile -t rows < <(grep -v '^#' "$postings" | awk 'NF')
declare -A first_of last_of
names=()
for row in "${rows[@]}"; do
	read -r name _ _ subject <<<"$row"
	i=0
	while [ "$i" -lt "$n" ] && [ "${subjects[$i]}" != "$subject" ]; do i=$((i + 1)); done
	[ "$i" -lt "$n" ] || die "patches/postings names \"$subject\", which is not an upstream patch of the series"
	[ ${#names[@]} -gt 0 ] && last_of[${names[-1]}]=$((i - 1))
	[ ${#names[@]} -gt 0 ] || [ "$i" = 0 ] || die "the first posting in patches/postings must start at the first upstream patch"
	first_of[$name]=$i
	names+=("$name")
done
last_of[${names[-1]}]=$((n - 1))

from=$(git -C "$TREE" var GIT_AUTHOR_IDENT | sed 's/>.*/>/')
# The patches carry a placeholder author until a human signs them: the
# sender becomes the author, and no placeholder may reach a list.
mapfile -t placeholders < <(git -C "$TREE" log --format=%ae "$base..${commits[-1]}" | sort -u)
for p in "${placeholders[@]}"; do
	[ "${from##*<}" != "$p>" ] ||
		die "your git identity ($from) is the placeholder author of the series; set user.name and user.email to your own first"
done

# Sign the upstream commits: the same trees, re-authored by the sender, with
# the sender's Signed-off-by:. Plumbing only: the tree is not touched.
rm -rf "$BUILD/send"
signed_commits=()
parent=$base
for c in "${commits[@]}"; do
	parent=$(git -C "$TREE" log -1 --format=%B "$c" | "$TOP/scripts/sign-for-sending.sh" "$from" |
		git -C "$TREE" commit-tree "$c^{tree}" -p "$parent")
	signed_commits+=("$parent")
done

# replay POSTING...: apply the signed commits of the postings, in order, on
# top of REPLAY_HEAD (in a private index) and move REPLAY_HEAD to the result.
export GIT_INDEX_FILE=$BUILD/send.index
replay() {
	local posting i c tree
	git -C "$TREE" read-tree "$REPLAY_HEAD"
	for posting in "$@"; do
		for ((i = first_of[$posting]; i <= last_of[$posting]; i++)); do
			c=${signed_commits[$i]}
			git -C "$TREE" diff --binary -M "$c^" "$c" | git -C "$TREE" apply --cached 2>"$LOGS/send-replay.log" || {
				echo "$(git -C "$TREE" log -1 --format=%s "$c"): $(head -n 3 "$LOGS/send-replay.log")"
				return 1
			}
			tree=$(git -C "$TREE" write-tree)
			REPLAY_HEAD=$(git -C "$TREE" log -1 --format=%B "$c" | git -C "$TREE" commit-tree "$tree" -p "$REPLAY_HEAD")
		done
	done
}

for row in "${rows[@]}"; do
	read -r name cover prereqs _ <<<"$row"
	[ -z "${POSTING:-}" ] || [ "$POSTING" = "$name" ] || continue
	[ "$prereqs" != - ] || prereqs=
	dir=$BUILD/send/$name
	# The posting goes on the base plus its prerequisites only, so it must
	# apply there: a hidden dependency on another posting fails here.
	REPLAY_HEAD=$base
	for pre in ${prereqs//,/ }; do
		[ -n "${first_of[$pre]:-}" ] || die "posting $name: unknown prerequisite posting $pre in patches/postings"
		replay "$pre" || die "prerequisite $pre of posting $name does not apply to the base"
	done
	start=$REPLAY_HEAD
	replay "$name" || die "posting $name does not apply to the base${prereqs:+ with $prereqs}: it depends on another posting"
	# --base with prerequisites records their patch IDs in the cover letter.
	args=(-q --base="$base" --thread=shallow -o "$dir")
	[ "$cover" = - ] || args+=(--cover-letter)
	git -C "$TREE" format-patch "${args[@]}" ${VERSION_ARG:+-v "$VERSION_ARG"} ${RFC:+--rfc} "$start..$REPLAY_HEAD"
	# The gates build every commit of the posting as formatted here
	# (gate-bisect.sh).
	git -C "$TREE" rev-list --reverse "$start..$REPLAY_HEAD" >"$dir.commits"
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
	for p in "${placeholders[@]}"; do
		! grep -lF "$p" "$dir"/*.patch || die "the placeholder author $p is in the formatted $name posting"
	done
	mkdir -p "$dir.checkpatch"
	checkpatch_all "$dir.checkpatch" $(ls "$dir"/*.patch | grep -v 0000-cover-letter.patch)
	for f in "$dir.checkpatch"/*.rc; do
		[ "$(cat "$f")" = ok ] ||
			{ cat "${f%.rc}.out"; die "checkpatch fails on the signed $(basename "${f%.rc}") of $name"; }
	done
	rm -rf "$dir.checkpatch"
	recipients=$(cd "$TREE" && ./scripts/get_maintainer.pl --no-git --no-git-fallback --no-rolestats --no-roles "$dir"/*.patch | grep -v '^$' | sort -u)
	cc=()
	while IFS= read -r r; do cc+=(--cc="$r"); done <<<"$recipients"
	echo "posting $name: $dir ($((last_of[$name] - first_of[$name] + 1)) patches$([ "$cover" = - ] || echo " + cover letter")${prereqs:+, on top of $prereqs})"
	echo "recipients (get_maintainer.pl):"; echo "$recipients" | sed 's/^/  /'
	if [ "${SEND:-0}" = 1 ]; then
		git -C "$TREE" send-email --from="$from" --confirm=always "${cc[@]}" "$dir"/*.patch
	else
		log=$LOGS/send-dry-run-$name.log
		git -C "$TREE" send-email --dry-run --confirm=never --from="$from" "${cc[@]}" "$dir"/*.patch >"$log" 2>&1 ||
			{ tail -n 20 "$log"; die "git send-email --dry-run failed (log: $log)"; }
		grep -E '^(Subject|Dry-OK)' "$log" | sed 's/^/  /' || true
		grep -q '^Dry-OK' "$log" || die "git send-email --dry-run sent nothing (log: $log)"
	fi
done
[ "${SEND:-0}" = 1 ] || echo "dry run only. To send for real: configure sendemail.smtpServer etc. in git, then SEND=1 make send (POSTING=name for one posting)"
