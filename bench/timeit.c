/* SPDX-License-Identifier: MIT */
/*
 * Runs a command and appends "SECONDS MAXRSS_KB STATUS" to RESULT: the
 * wall-clock time, the peak resident set size from wait4(2) and the exit
 * status (128 + N when killed by signal N). The command keeps this
 * program's standard input, output and error.
 *
 * Usage: timeit RESULT COMMAND [ARG...]
 */

/* wait4(2) is a BSD interface that glibc declares only on request. */
#define _DEFAULT_SOURCE

#include <sys/resource.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int
exit_code(int wstatus)
{
	if (WIFEXITED(wstatus))
		return WEXITSTATUS(wstatus);
	if (WIFSIGNALED(wstatus))
		return 128 + WTERMSIG(wstatus);
	return 255;
}

int
main(int argc, char **argv)
{
	struct rusage ru;
	double start;
	pid_t pid;
	int wstatus;
	FILE *out;

	if (argc < 3) {
		fprintf(stderr, "usage: timeit RESULT COMMAND [ARG...]\n");
		return 2;
	}
	start = now();
	pid = fork();
	if (pid < 0) {
		perror("timeit: fork");
		return 2;
	}
	if (pid == 0) {
		execvp(argv[2], argv + 2);
		fprintf(stderr, "timeit: %s: %s\n", argv[2],
		    strerror(errno));
		_exit(127);
	}
	while (wait4(pid, &wstatus, 0, &ru) < 0) {
		if (errno != EINTR) {
			perror("timeit: wait4");
			return 2;
		}
	}
	if ((out = fopen(argv[1], "a")) == NULL) {
		perror(argv[1]);
		return 2;
	}
	fprintf(out, "%.3f %ld %d\n", now() - start, ru.ru_maxrss,
	    exit_code(wstatus));
	return fclose(out) == 0 ? 0 : 2;
}
