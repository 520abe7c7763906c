#!/bin/bash
# boot.sh [KERNEL-ARGS...]: boot the main build in QEMU (TCG only: /dev/kvm on
# these machines cannot run it) with the test initramfs; log to $LOGS/guest.log.
# BOOT_TAG names the log, BOOT_CPU and BOOT_MEM change the CPU model and RAM.
. "$(dirname "$0")/lib.sh"
log=$LOGS/guest${BOOT_TAG:+-$BOOT_TAG}.log
note "booting in QEMU TCG (log: $log)"
# A normal run takes well under a minute; give up on a hung guest after 10 minutes.
start=$(date +%s)
timeout "${BOOT_TIMEOUT:-600}" qemu-system-x86_64 -accel tcg -machine q35 -cpu "${BOOT_CPU:-EPYC,+svm}" -smp 4,sockets=1,cores=2,threads=2 -m "${BOOT_MEM:-2048}" \
	-kernel "$OUT/main/arch/x86/boot/bzImage" -initrd "$OUT/initramfs.cpio.gz" \
	-append "console=ttyS0 loglevel=4 panic=-1 $*" \
	-nographic -no-reboot -nodefaults -serial stdio </dev/null >"$log" 2>&1 || true
echo "$(($(date +%s) - start))" >"$log.seconds"
grep -q '^GUEST: done' "$log" || {
	tail -n 150 "$log"
	die "the guest did not finish (no 'GUEST: done' in $log)"
}
