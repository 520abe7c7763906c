# Shared settings for the scripts; sourced, never run.
# Everything the scripts make lives under $BUILD (ignored by git) or $CACHE.
set -euo pipefail
# With pipefail, "producer | head -n N" fails whenever the producer writes
# after head has exited (SIGPIPE, status 141): dpkg-deb --version | head -n 1
# did so 5 times in 50 and stopped a make check. The scripts use
# sed -n 1,Np, which reads to the end, or grep -m N on the file itself.
trap 'echo "error: $(basename "$0"): line $LINENO: \"$BASH_COMMAND\" failed" >&2' ERR

TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD=${BUILD:-$TOP/build}
CACHE=${SNP_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/snp-series}
TREE=${KERNEL_SRC:-$BUILD/linux}
OUT=$BUILD/out
LOGS=$BUILD/logs
BASE_TAG=snp-base
# The kernel the QEMU boots take (make check boots a copy: see check.sh).
BOOT_KERNEL_DIR=${BOOT_KERNEL_DIR:-$OUT/main}
JOBS=${JOBS:-$(nproc)}
# The Kconfig fragments of the main configuration, in merge order.
MAIN_FRAGMENTS=("$TOP"/configs/{snp-host,guest,debug,kunit,soft-snp}.config)
mkdir -p "$BUILD" "$LOGS"

die() { echo "error: $*" >&2; exit 1; }
note() { echo "==> $*"; }

# One line per gate or test case, collected by scripts/summary.sh.
RESULTS=${RESULTS:-$BUILD/results}
result() { # result PASS|FAIL|SKIP name [detail]
	local status=$1 name=$2; shift 2
	printf '%s %s%s\n' "$status" "$name" "${1:+ ($*)}" | tee -a "$RESULTS"
}

# A check whose inputs are all named by one hash (inputs_key) is remembered
# when it passes and not run again for the same inputs: a make check after
# touching a file, or after an edit elsewhere, redoes only what that edit can
# change. Only passes are kept, under $BUILD/passed; NO_PASS_CACHE=1 runs
# everything (make check-full does, and a fresh clone has nothing kept).
PASSED=$BUILD/passed
inputs_key() { sha256sum | cut -c1-40; } # inputs_key <INPUTS: their bytes on stdin
passed_before() { [ -z "${NO_PASS_CACHE:-}" ] && [ -e "$PASSED/$1" ]; } # passed_before KIND/KEY
remember_pass() { mkdir -p "$PASSED/${1%/*}" && : >"$PASSED/$1"; } # remember_pass KIND/KEY

# The tree's patched commits sit on top of this tag.
base_rev() {
	if [ -n "${KERNEL_SRC:-}" ]; then
		cat "$BUILD/kernel-src-base"
	else
		git -C "$TREE" rev-parse -q --verify "refs/tags/$BASE_TAG^{commit}"
	fi
}

kmake() { # kmake OUTDIR target...
	local o=$1; shift
	local cc=gcc
	# HOSTCC too: every output directory builds objtool and the other host tools.
	command -v ccache >/dev/null && cc="ccache gcc"
	# ccache's depend mode takes the headers from the -MMD file kbuild has
	# gcc write anyway, instead of running the preprocessor once more per
	# miss: a cold build of the main config took 311 s instead of 444 s
	# (2026-12-07; 333 s without ccache), and hits are unchanged.
	CCACHE_DEPEND=1 make -s -C "$TREE" O="$o" CC="$cc" HOSTCC="$cc" -j"$JOBS" "$@"
}
