#!/bin/bash
# sparse.sh: print the path of a sparse that the kernel accepts, building it
# once from the pinned Debian source package (tools.lock) into $CACHE.
. "$(dirname "$0")/lib.sh"
. "$TOP/tools.lock"
upstream=${SPARSE_VERSION%-*}
bin=$CACHE/sparse-$upstream/sparse
if [ ! -x "$bin" ]; then
	. "$TOP/scripts/apt-private.sh"
	apt_private "$SPARSE_SUITE" deb-src "$LOGS/sparse.log" || die "apt-get update for $SPARSE_SUITE sources failed (log: $LOGS/sparse.log)"
	src=$CACHE/sparse-src
	rm -rf "$src" && mkdir -p "$src"
	(cd "$src" && apt-get "${apt_opts[@]}" source --download-only -q "sparse=$SPARSE_VERSION") >>"$LOGS/sparse.log" 2>&1 ||
		die "downloading the sparse $SPARSE_VERSION source failed (log: $LOGS/sparse.log)"
	orig=$src/sparse_$upstream.orig.tar.gz
	echo "$SPARSE_ORIG_SHA256  $orig" | sha256sum -c --quiet || die "$orig does not match SPARSE_ORIG_SHA256 in tools.lock"
	tar -C "$src" -xzf "$orig"
	make -C "$src/sparse-${upstream/\~/-}" -j"$JOBS" sparse >>"$LOGS/sparse.log" 2>&1 || die "building sparse failed (log: $LOGS/sparse.log)"
	mkdir -p "$(dirname "$bin")"
	cp "$src/sparse-${upstream/\~/-}/sparse" "$bin"
	rm -rf "$src"
fi
"$TREE/scripts/checker-valid.sh" "$bin" -m64 | grep -qx 1 || die "$bin is not accepted by the kernel's scripts/checker-valid.sh"
echo "$bin"
