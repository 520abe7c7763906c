#!/bin/bash
# sign-for-sending.sh "NAME <EMAIL>": filter a commit message (stdin to
# stdout), adding that Signed-off-by: right after the Assisted-by: tag,
# where the kernel's coding-assistants rules want it; without one, at the end.
set -euo pipefail
awk -v sob="Signed-off-by: $1" '
	{ line[NR] = $0 } /^Assisted-by:/ { last = NR }
	END {
		n = NR; while (n > 0 && line[n] == "") n--
		for (i = 1; i <= n; i++) { print line[i]; if (i == last) print sob }
		if (!last) print sob
	}'
