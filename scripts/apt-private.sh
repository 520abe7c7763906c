# apt-private.sh: apt with a private state directory under $CACHE, so the
# system's apt configuration is never touched; sourced.
# The mirror is the first non-security Debian mirror this machine uses.
apt_mirror() {
	cat /etc/apt/sources.list.d/*.sources 2>/dev/null | awk '/^URIs:/ && $2 !~ /security/ { print $2 }'
	cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null |
		awk '/^deb / && !/security/ { for (i = 2; i <= NF; i++) if ($i ~ /^[a-z]+:\/\//) { print $i; break } }'
}

# apt_private SUITE deb|deb-src LOG: set up $apt_opts for SUITE and update it.
apt_private() {
	local suite=$1 type=$2 log=$3 uri dir
	uri=$(apt_mirror | sed -n 1p || true)
	[ -n "$uri" ] || die "no Debian mirror in /etc/apt/sources.list.d/*.sources or /etc/apt/sources.list; add one"
	dir=$CACHE/apt-$suite-$type
	mkdir -p "$dir/lists/partial" "$dir/parts" "$dir/archives/partial"
	echo "$type [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $uri $suite main" >"$dir/sources.list"
	apt_opts=(-o Dir::Etc::SourceList="$dir/sources.list" -o Dir::Etc::SourceParts="$dir/parts"
		-o Dir::State::Lists="$dir/lists" -o Dir::Cache="$dir" -o Dir::State::status=/dev/null
		-o APT::Sandbox::User=root)
	apt-get "${apt_opts[@]}" update -q >"$log" 2>&1
}
