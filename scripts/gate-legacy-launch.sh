#!/bin/bash
# gate-legacy-launch.sh (make check-full): without KVM_CAP_SNP_DIRECT_VMSA the
# series changes nothing an SNP launch asks of the firmware. It builds the
# series without the direct-VMSA posting into $OUT/legacy-launch: the base
# and, in order, every other commit of the series that changes the kernel
# (the RMPOPT posting and the local platform among them). That kernel and
# the main build boot on the software SNP platform in mode fwcmds
# (tests/soft-snp-selftests.sh): sev_snp_launch_digest_test, then every
# firmware command since boot with its status. Without the posting the
# test has only its legacy part (no capability), and the main build runs
# that part first: so the first kernel's commands must be the main build's
# first ones, one for one with their status, and the main build's next one
# must start the direct part's first launch (SNP_GCTX_CREATE, or the
# SNP_DF_FLUSH before it when KVM recycles ASIDs): nothing the posting
# added to the end of the legacy part is missed. The digest test must pass
# on both (the platform accepted the same predicted legacy digests), skip
# its direct part without the posting and run it with the series.
. "$(dirname "$0")/lib.sh"
. "$TOP/scripts/touched.sh"
. "$TOP/scripts/soft-snp.sh"
o=$OUT/legacy-launch
log=$LOGS/legacy-launch-build.log

# The direct-VMSA posting's commits, by subject, as make send formatted it.
posting=$BUILD/send/direct-vmsa.commits
if [ ! -s "$posting" ]; then
	result FAIL legacy-launch "no $posting: run the send-dry-run gate first"
	exit 1
fi
posting_subjects=$(git -C "$TREE" log --no-walk=unsorted --format=%s $(cat "$posting"))
# Every commit of the posting must be found in the series by its subject,
# or a reworded one would be built into the kernel said to be without it.
left_out=$(git -C "$TREE" log --format=%s "$(base_rev)..HEAD" | grep -cxF "$posting_subjects" || true)
if [ "$left_out" != "$(wc -l <"$posting")" ]; then
	result FAIL legacy-launch "$left_out of the $(wc -l <"$posting") commits of $posting found in the series by subject: run the send-dry-run gate again"
	exit 1
fi
kernel_commits() { # the series' commits outside the posting that change the kernel
	local c
	for c in $(git -C "$TREE" rev-list --reverse "$(base_rev)..HEAD"); do
		grep -qxF "$(git -C "$TREE" log -1 --format=%s "$c")" <<<"$posting_subjects" && continue
		if [ -n "$(git -C "$TREE" diff-tree --no-commit-id --name-only -r "$c" -- . ':!tools' ':!Documentation')" ]; then
			echo "$c"
		fi
	done
}
commits=$(kernel_commits)

checkout_for_build "$(base_rev)"
for c in $commits; do
	if ! git -C "$TREE" -c user.name=snp-series -c user.email=snp-series@localhost \
		cherry-pick "$c" >"$log" 2>&1; then
		git -C "$TREE" cherry-pick --abort 2>/dev/null || true
		sed 's/^/  /' "$log" | tail -n 10
		result FAIL legacy-launch/build "\"$(git -C "$TREE" log -1 --format=%s "$c")\" does not apply without the direct-VMSA posting"
		exit 1
	fi
done
if git -C "$TREE" grep -q KVM_CAP_SNP_DIRECT_VMSA -- include/uapi/linux/kvm.h; then
	result FAIL legacy-launch/build "the tree without the direct-VMSA posting still has KVM_CAP_SNP_DIRECT_VMSA"
	exit 1
fi
note "building the series without the direct-VMSA posting in $o (log: $log)"
mkdir -p "$o"
cp "$OUT/main/.config" "$o/.config"
kmake "$o" olddefconfig >"$log" 2>&1 || die "olddefconfig in $o failed (log: $log)"
# The same configuration, or the comparison would say nothing about the patches.
if ! diff <(grep '^CONFIG_' "$OUT/main/.config") <(grep '^CONFIG_' "$o/.config") >"$o/config.diff"; then
	head -n 20 "$o/config.diff" | sed 's/^/  /'
	result FAIL legacy-launch/build "the configuration differs from the main build's"
	exit 1
fi
if ! { kmake "$o" bzImage modules && rm -rf "$o/modules-staged" &&
	kmake "$o" modules_install INSTALL_MOD_PATH="$o/modules-staged" INSTALL_MOD_STRIP=1; } >>"$log" 2>&1; then
	{ grep -m 20 -E 'error|Error' "$log" || true; } | sed 's/^/  /'
	result FAIL legacy-launch/build "building the series without the direct-VMSA posting (log: $log)"
	exit 1
fi
checkout_for_build "$RETURN_TO"
result PASS legacy-launch/build "$(wc -w <<<"$commits") commits on the base, the main build's configuration"
INITRAMFS_NAME=legacy-launch-initramfs INITRAMFS_MODULES=$o/modules-staged "$TOP/scripts/initramfs.sh"

# boot_fwcmds NAME KERNEL-DIR INITRAMFS: the mode fwcmds boot of one kernel;
# its result lines under legacy-launch/NAME/, its commands in $o/NAME.fwcmds.
boot_fwcmds() {
	local l=$LOGS/guest-legacy-launch-$1.log
	rm -f "$o/$1.fwcmds"
	if ! BOOT_KERNEL_DIR=$2 BOOT_INITRAMFS=$3 soft_snp_boot fwcmds ""; then
		result FAIL "legacy-launch/$1/boot" "the guest did not finish: $LOGS/guest-soft-snp-fwcmds.log"
		return 1
	fi
	sed "s|soft-snp/fwcmds/|legacy-launch/$1/|" "$LOGS/guest-soft-snp-fwcmds.log" >"$l"
	KUNIT=0 LOG_RESULT=legacy-launch/$1/kernel-log "$TOP/scripts/guest-results.sh" "$l" || true
	tr -d '\r' <"$l" | awk '$1 == "FWCMD" { $1 = ""; sub(/^ /, ""); print }' >"$o/$1.fwcmds"
}
boot_fwcmds without-direct-vmsa "$o" "$OUT/legacy-launch-initramfs.cpio.gz" || exit 1
boot_fwcmds series "$BOOT_KERNEL_DIR" "$OUT/initramfs.cpio.gz" || exit 1

# direct_part NAME PATTERN: what the digest test said of its direct part.
direct_part() {
	local line
	line=$(tr -d '\r' <"$LOGS/guest-legacy-launch-$1.log" | grep -m1 "sev_snp_launch_digest_test: ok 2 " || true)
	check_line "legacy-launch/$1/direct-part" "${line:-no line for the direct part}" "$2"
}
fail=0
check_line() { # check_line NAME LINE PATTERN
	if grep -qE "$3" <<<"$2"; then result PASS "$1" "${2#*digest_test: }"; else result FAIL "$1" "${2#*digest_test: }"; fail=1; fi
}
direct_part without-direct-vmsa 'ok 2 # SKIP Direct launch: no KVM_CAP_SNP_DIRECT_VMSA'
direct_part series 'ok 2 Direct launch'

without=$o/without-direct-vmsa.fwcmds series=$o/series.fwcmds
n=$(wc -l <"$without")
counts=$(awk '{ print $3 }' "$without" | sort | uniq -c | awk '{ printf "%s%s %s", s, $2, $1; s = ", " }')
# The series' commands after the legacy part, up to its first launch's start.
next=$(tail -n +"$((n + 1))" "$series" | awk 'NR <= 2 { print $3 }' | tr '\n' ' ')
if [ "$n" -eq 0 ]; then
	result FAIL legacy-launch/same-firmware-commands "no firmware command listed without the posting"
	exit 1
elif ! head -n "$n" "$series" | cmp -s - "$without"; then
	{ diff -u "$without" <(head -n "$n" "$series") || true; } | sed -n '1,30s/^/  /p'
	result FAIL legacy-launch/same-firmware-commands "the firmware commands differ (- without the posting, + the series)"
	exit 1
elif ! grep -qE '^(SNP_GCTX_CREATE|SNP_DF_FLUSH SNP_GCTX_CREATE) ' <<<"$next"; then
	result FAIL legacy-launch/same-firmware-commands "the first $n commands are the same, but the series' next ones are not a launch's start: ${next:-none}"
	exit 1
else
	result PASS legacy-launch/same-firmware-commands "the $n commands since boot without the posting are the series' first $n, status included, and its next ones start the direct part (${next% }): $counts"
fi
exit $fail
