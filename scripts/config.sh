#!/bin/bash
# config.sh OUTDIR FRAGMENT... : tinyconfig + fragments, then check that every
# requested option survived Kconfig (a silently dropped option fails here, by name).
# BASE_CONFIG replaces tinyconfig: another config target (x86_64_defconfig) or
# the path of a .config (make kit starts from the user's configuration).
. "$(dirname "$0")/lib.sh"
o=$(realpath -m "$1"); shift
mkdir -p "$o"
case ${BASE_CONFIG:=tinyconfig} in
*/*) cp "$BASE_CONFIG" "$o/.config" ;;
*) kmake "$o" "$BASE_CONFIG" >/dev/null ;;
esac
"$TREE/scripts/kconfig/merge_config.sh" -m -O "$o" "$o/.config" "$@" >/dev/null
kmake "$o" olddefconfig >/dev/null
# The value each option should end with: the last fragment that sets it wins,
# as in merge_config.sh.
declare -A want from
for frag in "$@"; do
	while IFS= read -r line; do
		case $line in CONFIG_*=*) ;; *) continue ;; esac
		want[${line%%=*}]=${line#*=}
		from[${line%%=*}]=$(basename "$frag")
	done <"$frag"
done
bad=0
for opt in "${!want[@]}"; do
	v=${want[$opt]}
	if [ "$v" = n ] || [ "$v" = '""' ]; then
		# Off (or empty), or not offered at all because a dependency is off.
		grep -q "^$opt=" "$o/.config" || continue
	fi
	if ! grep -qxF "$opt=$v" "$o/.config"; then
		echo "error: $opt=$v from ${from[$opt]} did not survive Kconfig (got: $(grep -E "(^| )$opt[= ]" "$o/.config" || echo unset))" >&2
		bad=1
	fi
done
exit $bad
