# Entry points. Everything is done by the small scripts in scripts/.
.PHONY: all check check-full export send bench mutants tree reset-tree kit clean help

all:            ## apply, build, boot in QEMU, run the smoke tests
	@scripts/main.sh

check:          ## every gate; ends with "N passed, N failed, N skipped"
	@scripts/check.sh

check-full:     ## make check, nothing reused, variants built in full, legacy launch vs. the series without direct VMSA
	@FULL_VARIANTS=1 NO_PASS_CACHE=1 scripts/check.sh

export:         ## write the tree's commits back to patches/
	@scripts/export.sh

send:           ## format each posting (patches/postings) and dry-run git send-email
	@scripts/send.sh

bench:          ## measure build and test times into bench/figures.md
	@scripts/bench.sh

mutants:        ## apply each deliberate breakage of tests/mutants/, rebuild, boot: killed or survived
	@scripts/mutants.sh

tree:           ## only fetch the base and apply the series
	@scripts/deps.sh && scripts/make-tree.sh

reset-tree:     ## drop unexported commits in build/linux and re-apply patches/
	@scripts/reset-tree.sh

kit:            ## SNP host kit in build/kit: kernel .debs (KIT_CONFIG=), selftests, snp-validate
	@scripts/kit.sh

clean:          ## remove build outputs (not the kernel tree, not the cache)
	rm -rf build/out build/logs build/results

help:
	@grep -E '^[a-z-]+: +##' Makefile | sed 's/: *##/\t/'
