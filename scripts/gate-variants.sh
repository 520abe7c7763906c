#!/bin/bash
# gate-variants.sh: everything that uses what the series changes builds in the
# other configurations, (a) everything built in and (c) SEV off, and links
# there; (b) KVM_AMD=m CRYPTO_DEV_CCP_DD=m KVM_WERROR=y is the main config
# itself. Instead of a full build per variant (gate-variants-full.sh, make
# check-full), each variant is configured in $OUT/variant-NAME and compiles
# only its targets (variant-targets.sh): the objects that use a name the
# series changes; the link and modpost are checked on their symbols
# (variant-symbols.sh). Needs the main build ($OUT/main).
# --configure: only configure the variants, which needs HEAD's tree and not
# the main build: make check runs it beside the checks and the main build,
# and the gate itself then finds them configured.
. "$(dirname "$0")/lib.sh"
# configure_variant NAME OUTDIR LOG: configure (and prepare) again only when a
# fragment, a Kconfig file or the configuring scripts changed: the result
# would be the same.
configure_variant() {
	local v=$1 o=$2 log=$3 key
	key=$({ cat "$TOP/scripts/config.sh" "$TOP/scripts/configure.sh" "${MAIN_FRAGMENTS[@]}" "$TOP/configs/variant-$v.config"
		git -C "$TREE" ls-files -s -- '*Kconfig*'; git -C "$TREE" diff HEAD -- '*Kconfig*'; echo "$TREE"; } | sha256sum) || return 1
	[ "$(cat "$o/config.key" 2>/dev/null)" != "$key" ] || return 0
	rm -f "$o/config.key"
	{ "$TOP/scripts/configure.sh" "variant-$v" "$TOP/configs/variant-$v.config" && kmake "$o" prepare; } >"$log" 2>&1 || return 1
	echo "$key" >"$o/config.key"
}
if [ "${1:-}" = --configure ]; then
	for v in builtin nosev; do
		configure_variant $v "$OUT/variant-$v" "$LOGS/variant-$v-configure.log" || true
	done
	exit 0
fi
if [ ! -f "$OUT/main/vmlinux" ]; then
	result FAIL build-variants "no main build in $OUT/main: the variant gate takes the objects the series does not touch from it"
	exit 1
fi
names=$OUT/changed-names
"$TOP/scripts/changed-names.sh" >"$names"
rm -f "$names.hot"
result PASS "build/modules-werror" "the main config: KVM_AMD=m CRYPTO_DEV_CCP_DD=m KVM_WERROR=y"
fail=0
for v in builtin nosev; do
	o=$OUT/variant-$v log=$LOGS/variant-$v.log t0=$SECONDS
	opts=$(grep -v '^#' "$TOP/configs/variant-$v.config" | tr '\n' ' ')
	note "variant $v: $opts(log: $log)"
	: >"$log"
	if ! configure_variant $v "$o" "$log"; then
		tail -n 20 "$log" | sed 's/^/  /'
		result FAIL "build/$v" "configuring $opts"
		fail=1; continue
	fi
	"$TOP/scripts/variant-objects.sh" "$o" >"$o/objects"
	# The early startup and real-mode objects are post-processed by their
	# own Makefiles (prefixed symbols, 16-bit code): compiled alone they are
	# not what the link sees, so their main-build symbols stand.
	"$TOP/scripts/variant-targets.sh" "$o/objects" "$names" | grep -v -E '^arch/x86/(boot|realmode)/' >"$o/targets" || true
	# Compile the targets, then the objects that define what they use where
	# those may differ in the variant (variant-definers.sh); check the symbols.
	ok=1
	kmake "$o" $(cat "$o/targets") >>"$log" 2>&1 || ok=0
	if [ $ok = 1 ]; then
		"$TOP/scripts/variant-symbols.sh" "$o" >/dev/null || true
		"$TOP/scripts/variant-definers.sh" "$o" | grep -v -E '^arch/x86/(boot|realmode)/' >"$o/definers-built" || true
		if [ -s "$o/definers-built" ]; then
			kmake "$o" $(cat "$o/definers-built") >>"$log" 2>&1 || ok=0
			sort -u "$o/targets" "$o/definers-built" -o "$o/targets"
		fi
	fi
	n="$(wc -l <"$o/targets") of $(wc -l <"$o/objects") objects in $((SECONDS - t0)) s"
	if [ $ok = 0 ]; then
		{ grep -m 30 -E 'error|Error' "$log" || true; } | sed 's/^/  /'
		result FAIL "build/$v" "compiling the objects that use what the series changes ($n; log: $log)"
		fail=1
	elif ! "$TOP/scripts/variant-symbols.sh" "$o"; then
		result FAIL "build/$v" "an undefined, unexported or doubly defined symbol ($n compiled)"
		fail=1
	else
		result PASS "build/$v" "$opts: $n compiled, their symbols resolve"
	fi
done
exit $fail
