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

# The first non-security Debian mirror of this machine's apt configuration.
mirror() {
	cat /etc/apt/sources.list.d/*.sources 2>/dev/null | awk '/^URIs:/ && $2 !~ /security/ { print $2 }'
	cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null |
		awk '/^deb / && !/security/ { for (i = 2; i <= NF; i++) if ($i ~ /^[a-z]+:\/\//) { print $i; break } }'
}
uri=$(mirror | head -n 1 || true)
[ -n "$uri" ] || die "no Debian mirror found in /etc/apt/sources.list.d/debian.sources or /etc/apt/sources.list; add one, or set KERNEL_SRC=/path/to/linux-7.3"

apt=$CACHE/apt
mkdir -p "$apt/lists/partial" "$apt/parts" "$apt/archives/partial"
echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $uri $SUITE main" >"$apt/sources.list"
opts=(-o Dir::Etc::SourceList="$apt/sources.list" -o Dir::Etc::SourceParts="$apt/parts"
      -o Dir::State::Lists="$apt/lists" -o Dir::Cache="$apt" -o Dir::State::status=/dev/null
      -o APT::Sandbox::User=root)
apt-get "${opts[@]}" update -q >"$LOGS/fetch.log" 2>&1 ||
	die "apt-get update for $SUITE from $uri failed (log: $LOGS/fetch.log). Check the network, or set KERNEL_SRC=/path/to/linux-7.3"

version=$VERSION
if ! apt-cache "${opts[@]}" show "$PACKAGE=$VERSION" >/dev/null 2>&1; then
	version=$(apt-cache "${opts[@]}" policy "$PACKAGE" | awk '/Candidate:/ { print $2 }')
	[ -n "$version" ] && [ "$version" != "(none)" ] ||
		die "$PACKAGE is not in $SUITE at $uri; set KERNEL_SRC=/path/to/linux-7.3"
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
(cd "$CACHE" && apt-get "${opts[@]}" download -q "$PACKAGE=$version" >>"$LOGS/fetch.log" 2>&1) ||
	die "downloading $PACKAGE=$version failed (log: $LOGS/fetch.log)"
deb=$(ls "$CACHE/${PACKAGE}_${version//:/%3a}_all.deb")
if [ "$version" = "$VERSION" ] && ! echo "$DEB_SHA256  $deb" | sha256sum -c --quiet; then
	mv "$deb" "$deb.bad"
	die "$deb does not match DEB_SHA256 in base.lock (kept as $deb.bad)"
fi
echo "$deb"
