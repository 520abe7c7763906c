#!/bin/bash
# gate-checkpatch.sh: checkpatch --strict --codespell on every patch of the
# series; only the messages listed in tests/checkpatch.exceptions are allowed.
. "$(dirname "$0")/lib.sh"
. "$TOP/scripts/series.sh"
. "$TOP/scripts/checkpatch.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mapfile -t patches < <(series_files all)
checkpatch_all "$tmp" "${patches[@]/#/$TOP/patches/}" -- --no-signoff
fail=0
for p in "${patches[@]}"; do
	if [ "$(cat "$tmp/$p.rc")" = ok ]; then
		result PASS "checkpatch/$p" "$(grep -o '^passed before with the same inputs$' "$tmp/$p.out" || true)"
	else
		sed 's/^/  /' "$tmp/$p.out"
		result FAIL "checkpatch/$p"
		fail=1
	fi
done
[ ${#patches[@]} -gt 0 ] || result PASS checkpatch "the series is empty"
# checkpatch_file gives checkpatch only the codespell entries whose
# misspelling is a word of the patch: a misspelling that only codespell's
# dictionary knows, capitalized, must still be found.
cat >"$tmp/typo.patch" <<'PATCH'
From: Dry Run <dry-run@example.com>
Subject: [PATCH] x86/sev: Add a comment

Add a comment.
---
 arch/x86/virt/svm/sev.c | 1 +
 1 file changed, 1 insertion(+)

diff --git a/arch/x86/virt/svm/sev.c b/arch/x86/virt/svm/sev.c
--- a/arch/x86/virt/svm/sev.c
+++ b/arch/x86/virt/svm/sev.c
@@ -1,2 +1,3 @@
 // SPDX-License-Identifier: GPL-2.0-only
+/* Tehy are checked. */
 /*
PATCH
if checkpatch_file "$tmp/typo.patch" --no-signoff >"$tmp/typo.out"; then
	result FAIL checkpatch/codespell-typo-found "checkpatch passed a patch that adds 'Tehy'"
	fail=1
elif grep -q "TYPO_SPELLING: 'Tehy' may be misspelled - perhaps 'They'?" "$tmp/typo.out"; then
	result PASS checkpatch/codespell-typo-found "'Tehy', only in codespell's dictionary, reported"
else
	sed 's/^/  /' "$tmp/typo.out"
	result FAIL checkpatch/codespell-typo-found "checkpatch failed the typo patch for another reason"
	fail=1
fi
exit $fail
