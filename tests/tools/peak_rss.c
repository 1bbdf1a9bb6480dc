/* SPDX-License-Identifier: MIT */
/*
 * Runs a command and writes its peak resident set size, in kilobytes, to
 * a file, for the limit tests that check memory stays flat as input grows.
 *
 * Usage: peak_rss FILE COMMAND [ARG...]
 * Exits with the command's status, or 128 + the signal that ended it, or
 * 127 when the command cannot be run.
 */
#include <sys/resource.h>
#include <sys/types.h>
#include <sys/wait.h>

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int
main(int argc, char **argv)
{
	struct rusage ru;
	FILE *fp;
	pid_t pid;
	int status;

	if (argc < 3) {
		fprintf(stderr, "usage: peak_rss FILE COMMAND [ARG...]\n");
		return 127;
	}
	if ((pid = fork()) < 0) {
		fprintf(stderr, "peak_rss: fork failed: %s\n", strerror(errno));
		return 127;
	}
	if (pid == 0) {
		execvp(argv[2], argv + 2);
		fprintf(stderr, "peak_rss: %s: %s\n", argv[2], strerror(errno));
		_exit(127);
	}
	while (waitpid(pid, &status, 0) < 0) {
		if (errno != EINTR) {
			fprintf(stderr, "peak_rss: waitpid failed: %s\n",
			    strerror(errno));
			return 127;
		}
	}
	/*
	 * The only child has been waited for, so the children's maximum is
	 * its peak. Linux reports ru_maxrss in kilobytes.
	 */
	getrusage(RUSAGE_CHILDREN, &ru);
	if ((fp = fopen(argv[1], "w")) == NULL ||
	    fprintf(fp, "%ld\n", ru.ru_maxrss) < 0 || fclose(fp) != 0) {
		fprintf(stderr, "peak_rss: %s: %s\n", argv[1], strerror(errno));
		return 127;
	}
	if (WIFSIGNALED(status))
		return 128 + WTERMSIG(status);
	return WEXITSTATUS(status);
}
