#!/bin/bash
# config.sh OUTDIR FRAGMENT... : tinyconfig + fragments, then check that every
# requested option survived Kconfig (a silently dropped option fails here, by name).
. "$(dirname "$0")/lib.sh"
o=$1; shift
mkdir -p "$o"
kmake "$o" tinyconfig >/dev/null
"$TREE/scripts/kconfig/merge_config.sh" -m -O "$o" "$o/.config" "$@" >/dev/null
kmake "$o" olddefconfig >/dev/null
bad=0
for frag in "$@"; do
	while IFS= read -r line; do
		case $line in
		CONFIG_*=n) opt=${line%%=*}; want="# $opt is not set" ;;
		CONFIG_*=*) want=$line ;;
		*) continue ;;
		esac
		if ! grep -qxF "$want" "$o/.config"; then
			echo "error: ${line%%=*} from $(basename "$frag") did not survive Kconfig (wanted: $line; got: $(grep -E "(^| )${line%%=*}[= ]" "$o/.config" || echo unset))" >&2
			bad=1
		fi
	done <"$frag"
done
exit $bad
