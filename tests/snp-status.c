// SPDX-License-Identifier: GPL-2.0
/*
 * snp-status: ask the SEV firmware for its platform status through
 * /dev/sev, as userspace on an SNP host would. Used by the software SNP
 * platform boots (tests/soft-snp-init.sh).
 *
 *   snp-status        SNP_PLATFORM_STATUS
 *   snp-status sev    legacy PLATFORM_STATUS
 *
 * Prints one line of "key value" pairs; exits 0, or 1 if the command
 * failed (the firmware error is printed), 2 without /dev/sev.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <linux/psp-sev.h>

static int issue(int fd, unsigned int cmd, void *data, const char *name)
{
	struct sev_issue_cmd arg = { .cmd = cmd, .data = (uintptr_t)data };

	if (!ioctl(fd, SEV_ISSUE_CMD, &arg))
		return 0;
	fprintf(stderr, "%s: %s, firmware error %#x\n", name, strerror(errno), arg.error);
	return 1;
}

static int snp_status(int fd)
{
	struct sev_user_data_snp_status st;

	memset(&st, 0, sizeof(st));
	if (issue(fd, SNP_PLATFORM_STATUS, &st, "SNP_PLATFORM_STATUS"))
		return 1;
	printf("state %u is_rmp_initialized %u api %u.%u build %u guest_count %u feature_info %u\n",
	       st.state, st.is_rmp_initialized, st.api_major, st.api_minor, st.build_id,
	       st.guest_count, st.feature_info);
	return 0;
}

static int sev_status(int fd)
{
	struct sev_user_data_status st;

	memset(&st, 0, sizeof(st));
	if (issue(fd, SEV_PLATFORM_STATUS, &st, "SEV_PLATFORM_STATUS"))
		return 1;
	printf("state %u api %u.%u build %u flags %#x guest_count %u\n", st.state,
	       st.api_major, st.api_minor, st.build, st.flags, st.guest_count);
	return 0;
}

int main(int argc, char **argv)
{
	int fd = open("/dev/sev", O_RDWR);
	int ret;

	if (fd < 0) {
		perror("/dev/sev");
		return 2;
	}
	ret = argc > 1 && !strcmp(argv[1], "sev") ? sev_status(fd) : snp_status(fd);
	close(fd);
	return ret;
}
