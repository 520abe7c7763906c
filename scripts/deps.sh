#!/bin/bash
# deps.sh: install the Debian packages the pipeline needs, only those missing.
# dpkg-dev, debhelper and rsync: make kit (bindeb-pkg; the kselftest install).
. "$(dirname "$0")/lib.sh"
pkgs=(build-essential flex bison bc libssl-dev libelf-dev cpio kmod xz-utils
      ccache codespell python3 python3-ply python3-git git git-email libmailtools-perl busybox-static
      qemu-system-x86 qemu-system-data uuid-dev
      dpkg-dev debhelper rsync)
missing=()
for p in "${pkgs[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
note "installing: ${missing[*]}"
sudo=
[ "$(id -u)" -eq 0 ] || sudo=sudo
export DEBIAN_FRONTEND=noninteractive
if ! { $sudo apt-get update -q && $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"; } >"$LOGS/apt.log" 2>&1; then
	tail -n 20 "$LOGS/apt.log" >&2
	die "could not install ${missing[*]} (log: $LOGS/apt.log). Check the network and apt sources, or install them by hand, then run make again."
fi
