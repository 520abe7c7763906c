# Entry points. Everything is done by the small scripts in scripts/.
.PHONY: all check export send bench tree reset-tree clean help

all:            ## apply, build, boot in QEMU, run the smoke tests
	@scripts/main.sh

check:          ## every gate; ends with "N passed, N failed, N skipped"
	@scripts/check.sh

export:         ## write the tree's commits back to patches/
	@scripts/export.sh

send:           ## format each posting (patches/postings) and dry-run git send-email
	@scripts/send.sh

bench:          ## measure build and test times into bench/figures.md
	@scripts/bench.sh

tree:           ## only fetch the base and apply the series
	@scripts/deps.sh && scripts/make-tree.sh

reset-tree:     ## drop unexported commits in build/linux and re-apply patches/
	@scripts/reset-tree.sh

clean:          ## remove build outputs (not the kernel tree, not the cache)
	rm -rf build/out build/logs build/results

help:
	@grep -E '^[a-z-]+: +##' Makefile | sed 's/: *##/\t/'
