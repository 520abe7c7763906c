#!/bin/bash
# boot.sh [KERNEL-ARGS...]: boot the main build in QEMU (TCG only: /dev/kvm on
# these machines cannot run it) with the test initramfs; log to $LOGS/guest.log.
# BOOT_TAG names the log, BOOT_CPU and BOOT_MEM change the CPU model and RAM,
# BOOT_KERNEL_DIR is where bzImage and System.map are (default the main build),
# BOOT_INITRAMFS the initramfs (default $OUT/initramfs.cpio.gz).
. "$(dirname "$0")/lib.sh"
log=$LOGS/guest${BOOT_TAG:+-$BOOT_TAG}.log
mon=$log.monitor

# monitor COMMAND: run a QEMU monitor command in the running guest.
monitor() {
	python3 - "$mon" "$1" <<-'EOF'
	import socket, sys
	s = socket.socket(socket.AF_UNIX)
	s.settimeout(5)
	s.connect(sys.argv[1])
	s.sendall(sys.argv[2].encode() + b"\n")
	out = b""
	try:
	    while chunk := s.recv(65536):
	        out += chunk
	except socket.timeout:
	    pass
	sys.stdout.write(out.decode(errors="replace").replace("\r", ""))
	EOF
}

# Where each vCPU is: its RIP and the vmlinux symbol that holds it.
dump_vcpus() {
	monitor "info registers -a" | awk -v map="$BOOT_KERNEL_DIR/System.map" '
	BEGIN { while ((getline l < map) > 0) { split(l, f, " "); a[++n] = f[1]; s[n] = f[3] } }
	/^CPU#/ { cpu = $1 }
	/^RIP=/ { rip = tolower(substr($1, 5)); sym = "?"
		for (i = 1; i <= n && a[i] <= rip; i++) sym = s[i]
		print cpu " RIP " rip " " sym }'
}

# boot_once: one QEMU run; fails only when the guest hung before /init.
# tsc=reliable keeps 7.3's clocksource watchdog off the TSC: in a make check
# of 2026-12-07 a guest hung before /init with one vCPU spinning in
# watchdog_check_skew() and another in queued_spin_lock_slowpath(), and
# under TCG the TSC is QEMU's host-clock-based one anyway.
# timeout runs QEMU in a process group of its own, so a Ctrl-C or the
# kill of make check's lanes (check.sh) reaches this script and not QEMU:
# stop the guest here, or it would run on for minutes.
qemu=
stop_guest() { [ -z "$qemu" ] || kill "$qemu" 2>/dev/null || true; }
trap 'stop_guest; exit 130' INT
trap 'stop_guest; exit 143' TERM
boot_once() {
	local start=$SECONDS
	rm -f "$mon"
	timeout "${BOOT_TIMEOUT:-600}" qemu-system-x86_64 -accel tcg -machine q35 -cpu "${BOOT_CPU:-EPYC,+svm}" -smp 4,sockets=1,cores=2,threads=2 -m "${BOOT_MEM:-2048}" \
		-kernel "$BOOT_KERNEL_DIR/arch/x86/boot/bzImage" -initrd "${BOOT_INITRAMFS:-$OUT/initramfs.cpio.gz}" \
		-append "console=ttyS0 loglevel=4 panic=-1 nokaslr tsc=reliable $*" \
		-monitor "unix:$mon,server=on,wait=off" \
		-nographic -no-reboot -nodefaults -serial stdio </dev/null >"$log" 2>&1 &
	qemu=$!
	while kill -0 $qemu 2>/dev/null; do
		if ((SECONDS - start > ${BOOT_INIT_TIMEOUT:-240})) && ! grep -q 'GUEST: up' "$log"; then
			dump_vcpus >"$log.vcpus" 2>&1 || true
			kill $qemu
			wait $qemu || true
			return 1
		fi
		sleep 2
	done
	wait $qemu || true
}

# A normal run reaches /init within a minute and finishes in a few. A guest
# that has not reached /init after BOOT_INIT_TIMEOUT seconds has hung with
# nothing on the console (loglevel=4): that happened in one of the seven
# boots of a CI run, and in one of a make check here (see boot_once). Keep
# that run's log and where its vCPUs were, boot once more, and fail if it
# hangs again. A hang after /init is not retried: BOOT_TIMEOUT ends it and
# the check below fails it.
note "booting in QEMU TCG (log: $log)"
start=$(date +%s)
if ! boot_once "$@"; then
	mv "$log" "$log.hung"
	echo "warning: the guest hung before /init (log: $log.hung); its vCPUs:"
	sed 's/^/  /' "$log.vcpus"
	note "booting again (log: $log)"
	boot_once "$@" || {
		tail -n 20 "$log"
		sed 's/^/  /' "$log.vcpus"
		die "the guest hung before /init twice (logs: $log.hung, $log)"
	}
fi
echo "$(($(date +%s) - start))" >"$log.seconds"
grep -q '^GUEST: done' "$log" || {
	tail -n 150 "$log"
	die "the guest did not finish (no 'GUEST: done' in $log)"
}
