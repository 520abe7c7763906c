#!/bin/bash
# gate-send.sh: every posting of patches/postings formats, gets recipients
# from get_maintainer.pl and passes git send-email --dry-run.
. "$(dirname "$0")/lib.sh"
# A machine without a git identity (CI) signs the dry run with a placeholder.
if ! git config user.email >/dev/null; then
	export GIT_AUTHOR_NAME="Dry Run" GIT_AUTHOR_EMAIL=dry-run@localhost
	export GIT_COMMITTER_NAME="Dry Run" GIT_COMMITTER_EMAIL=dry-run@localhost
fi
if SEND=0 "$TOP/scripts/send.sh" >"$LOGS/send.log" 2>&1; then
	for name in $(grep -v '^#' "$TOP/patches/postings" | awk 'NF { print $1 }'); do
		result PASS "send/$name" "$(ls "$BUILD/send/$name" | wc -l) mails, dry run OK"
	done
else
	tail -n 20 "$LOGS/send.log" | sed 's/^/  /'
	result FAIL send "make send dry run failed (log: $LOGS/send.log)"
	exit 1
fi
