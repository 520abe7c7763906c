#!/bin/bash
# fetch-base.sh: download the pinned linux-source .deb into $CACHE, once.
# apt runs with a private state directory; the mirror is the machine's own.
. "$(dirname "$0")/lib.sh"
. "$TOP/base.lock"
deb=$CACHE/${PACKAGE}_${VERSION}_all.deb
if [ -f "$deb" ] && echo "$DEB_SHA256  $deb" | sha256sum -c --quiet 2>/dev/null; then
	echo "$deb"
	exit 0
fi

. "$TOP/scripts/apt-private.sh"
apt_private "$SUITE" deb "$LOGS/fetch.log" || die "apt-get update for $SUITE failed (log: $LOGS/fetch.log). Check the network, or set KERNEL_SRC=/path/to/linux-7.3"

version=$VERSION
if ! apt-cache "${apt_opts[@]}" show "$PACKAGE=$VERSION" >/dev/null 2>&1; then
	version=$(apt-cache "${apt_opts[@]}" policy "$PACKAGE" | awk '/Candidate:/ { print $2 }')
	[ -n "$version" ] && [ "$version" != "(none)" ] ||
		die "$PACKAGE is not in $SUITE; set KERNEL_SRC=/path/to/linux-7.3"
	cat >&2 <<MSG
################################################################
WARNING: $PACKAGE $VERSION is gone from $SUITE; using $version.
WARNING: its checksum comes from the archive index, not base.lock.
WARNING: update base.lock once the series is checked on it.
################################################################
MSG
	deb=$CACHE/${PACKAGE}_${version}_all.deb
fi
mkdir -p "$CACHE"
(cd "$CACHE" && apt-get "${apt_opts[@]}" download -q "$PACKAGE=$version" >>"$LOGS/fetch.log" 2>&1) ||
	die "downloading $PACKAGE=$version failed (log: $LOGS/fetch.log)"
deb=$(ls "$CACHE/${PACKAGE}_${version//:/%3a}_all.deb")
if [ "$version" = "$VERSION" ] && ! echo "$DEB_SHA256  $deb" | sha256sum -c --quiet; then
	mv "$deb" "$deb.bad"
	die "$deb does not match DEB_SHA256 in base.lock (kept as $deb.bad)"
fi
echo "$deb"
