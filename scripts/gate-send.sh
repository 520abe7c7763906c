#!/bin/bash
# gate-send.sh: every posting of patches/postings formats, gets recipients
# from get_maintainer.pl and passes git send-email --dry-run, signed by a
# fixed dry-run identity: no placeholder author may be left in the mails,
# and checkpatch must pass on the signed patches. Sending as the
# placeholder author must be refused.
. "$(dirname "$0")/lib.sh"
. "$TOP/scripts/series.sh"
dry_run() { # dry_run NAME EMAIL: make send without sending, as NAME <EMAIL>
	GIT_AUTHOR_NAME=$1 GIT_AUTHOR_EMAIL=$2 GIT_COMMITTER_NAME=$1 GIT_COMMITTER_EMAIL=$2 \
		SEND=0 "$TOP/scripts/send.sh"
}
fail=0
if dry_run "Dry Run" dry-run@example.com >"$LOGS/send.log" 2>&1; then
	for name in $(grep -v '^#' "$TOP/patches/postings" | awk 'NF { print $1 }'); do
		result PASS "send/$name" "$(ls "$BUILD/send/$name" | wc -l) mails signed by Dry Run <dry-run@example.com>, no placeholder author, checkpatch clean, dry run OK"
	done
else
	tail -n 20 "$LOGS/send.log" | sed 's/^/  /'
	result FAIL send "make send dry run failed (log: $LOGS/send.log)"
	fail=1
fi
# The author of the series' first commit (tail reads all of git log's output:
# head would close the pipe early and fail the pipeline under pipefail).
placeholder=$(git -C "$TREE" log --format="%an %ae" "$(base_rev)..HEAD" | tail -n 1)
if dry_run "${placeholder% *}" "${placeholder##* }" >"$LOGS/send-placeholder.log" 2>&1; then
	result FAIL send/placeholder-refused "make send went ahead as the placeholder author ${placeholder##* }"
	fail=1
elif grep -q 'is the placeholder author' "$LOGS/send-placeholder.log"; then
	result PASS send/placeholder-refused "make send refuses to sign as ${placeholder##* }"
else
	tail -n 5 "$LOGS/send-placeholder.log" | sed 's/^/  /'
	result FAIL send/placeholder-refused "make send failed for another reason (log: $LOGS/send-placeholder.log)"
	fail=1
fi
exit $fail
