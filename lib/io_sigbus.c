/* SPDX-License-Identifier: MIT */
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "io_impl.h"

/*
 * Readers map a regular input whole. When another process truncates the
 * file meanwhile, reading a page past the new end raises SIGBUS, which
 * would kill the program with no word on the cause. The handler here
 * finds the mapping that the faulting address lies in and ends the
 * program with status 2 and a message naming that input.
 *
 * The handler may call only async-signal-safe functions, so everything
 * it prints is prepared beforehand: the program's name and each mapped
 * input's name are copied into static buffers. A slot is filled before
 * it is marked used and marked unused before its name changes, so a
 * handler that runs meanwhile reads a whole name or none.
 */

/* Inputs watched at once. A later one is read too, unnamed in the message. */
#define WATCH_SLOTS 32
#define NAME_BYTES 512

struct watch {
	volatile sig_atomic_t used;
	uintptr_t start;
	size_t len;
	char name[NAME_BYTES];
};

static struct watch watches[WATCH_SLOTS];
static char program[64] = "la-tools";
static pthread_mutex_t watch_lock = PTHREAD_MUTEX_INITIALIZER;
static int installed;

void
la_io_set_program(const char *prog)
{
	snprintf(program, sizeof(program), "%s", prog);
}

/* Appends the string s to buf, of size bytes with *n used, as room allows. */
static void
append(char *buf, size_t size, size_t *n, const char *s)
{
	for (; *s != '\0' && *n + 1 < size; s++)
		buf[(*n)++] = *s;
}

/*
 * snprintf() is not on the POSIX list of async-signal-safe functions, so
 * the message is joined with plain copies.
 */
size_t
la_io_changed_message(char *buf, size_t size, const char *prog,
    const char *name)
{
	size_t n = 0;

	if (size == 0)
		return 0;
	append(buf, size, &n, prog);
	if (name != NULL) {
		append(buf, size, &n, ": ");
		append(buf, size, &n, name);
		append(buf, size, &n, ": the input");
	} else
		append(buf, size, &n, ": an input");
	append(buf, size, &n, " changed size while it was read; read it "
	    "again once nothing writes to it\n");
	buf[n] = '\0';
	return n;
}

/* Writes the message on the input name, or on no input, and exits 2. */
static void
fail_changed(const char *name)
{
	char buf[sizeof(program) + NAME_BYTES + 128];
	size_t n = la_io_changed_message(buf, sizeof(buf), program, name);

	(void)!write(STDERR_FILENO, buf, n);
	_exit(LA_EXIT_FAIL);
}

static void
on_sigbus(int sig, siginfo_t *info, void *context)
{
	uintptr_t addr = (uintptr_t)info->si_addr;
	int any = 0;

	(void)context;
	for (size_t i = 0; i < WATCH_SLOTS; i++) {
		if (!watches[i].used)
			continue;
		any = 1;
		if (addr >= watches[i].start &&
		    addr - watches[i].start < watches[i].len)
			fail_changed(watches[i].name);
	}
	if (any)
		fail_changed(NULL);
	/* Not a mapped input: die of the signal as before. */
	signal(sig, SIG_DFL);
	raise(sig);
}

static void
install(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_sigbus;
	sa.sa_flags = SA_SIGINFO;
	sigemptyset(&sa.sa_mask);
	if (sigaction(SIGBUS, &sa, NULL) == 0)
		installed = 1;
}

void
la_io_watch_map(const void *start, size_t len, const char *name)
{
	pthread_mutex_lock(&watch_lock);
	if (!installed)
		install();
	for (size_t i = 0; i < WATCH_SLOTS; i++) {
		if (watches[i].used)
			continue;
		watches[i].start = (uintptr_t)start;
		watches[i].len = len;
		snprintf(watches[i].name, sizeof(watches[i].name), "%s",
		    name == NULL || strcmp(name, "-") == 0 ? "<stdin>" : name);
		watches[i].used = 1;
		break;
	}
	pthread_mutex_unlock(&watch_lock);
}

void
la_io_unwatch_map(const void *start)
{
	pthread_mutex_lock(&watch_lock);
	for (size_t i = 0; i < WATCH_SLOTS; i++)
		if (watches[i].used && watches[i].start == (uintptr_t)start)
			watches[i].used = 0;
	pthread_mutex_unlock(&watch_lock);
}
