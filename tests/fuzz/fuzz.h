/* SPDX-License-Identifier: MIT */
#ifndef LA_FUZZ_H
#define LA_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/*
 * Fuzz targets. Each tests/fuzz/fuzz_NAME.c defines fuzz_NAME(), which
 * feeds one input to the library and aborts when the library breaks a
 * promise of its header. Built with clang -fsanitize=fuzzer, the file also
 * defines LLVMFuzzerTestOneInput(); tests/tools/fuzz_replay.c includes
 * every target with LA_FUZZ_REPLAY defined and runs the saved inputs
 * through the same functions under the normal compiler.
 */

/* Aborts with the failed condition when cond is false. */
#define FUZZ_CHECK(cond) do { \
	if (!(cond)) { \
		fprintf(stderr, "%s:%d: fuzz check failed: %s\n", \
		    __FILE__, __LINE__, #cond); \
		abort(); \
	} \
} while (0)

/*
 * Defines LLVMFuzzerTestOneInput() as a call of fn, except in the replay
 * tool.
 */
#ifdef LA_FUZZ_REPLAY
#define FUZZ_ENTRY(fn)
#else
#define FUZZ_ENTRY(fn) \
	int LLVMFuzzerTestOneInput(const uint8_t *, size_t); \
	int \
	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) \
	{ \
		return fn(data, size); \
	}
#endif

int fuzz_normalize(const uint8_t *data, size_t size);
int fuzz_ident(const uint8_t *data, size_t size);
int fuzz_datetime(const uint8_t *data, size_t size);
int fuzz_rules(const uint8_t *data, size_t size);
int fuzz_csv(const uint8_t *data, size_t size);
int fuzz_jsonl(const uint8_t *data, size_t size);
int fuzz_json(const uint8_t *data, size_t size);
int fuzz_detect(const uint8_t *data, size_t size);
int fuzz_gb18030(const uint8_t *data, size_t size);
int fuzz_roundtrip(const uint8_t *data, size_t size);
int fuzz_utf8(const uint8_t *data, size_t size);
int fuzz_roster(const uint8_t *data, size_t size);
int fuzz_journal(const uint8_t *data, size_t size);
int fuzz_state(const uint8_t *data, size_t size);
int fuzz_audit(const uint8_t *data, size_t size);
int fuzz_scan(const uint8_t *data, size_t size);
int fuzz_parts(const uint8_t *data, size_t size);

/*
 * Copies the input into a heap block of exactly size + 1 bytes with a NUL
 * at the end, so that AddressSanitizer catches a read past the value.
 * Returns NULL when memory is short; the target then returns at once.
 */
static inline char *
fuzz_string(const uint8_t *data, size_t size)
{
	char *s;

	if ((s = malloc(size + 1)) == NULL)
		return NULL;
	memcpy(s, data, size);
	s[size] = '\0';
	return s;
}

/* The path of this process's temporary input file, or "" before it. */
static inline char *
fuzz_temp_path(void)
{
	static char path[64];

	return path;
}

static inline void
fuzz_temp_remove(void)
{
	if (fuzz_temp_path()[0] != '\0')
		unlink(fuzz_temp_path());
}

/*
 * Writes the input to this process's temporary file, created once with
 * mkstemp(3) in $TMPDIR or /tmp and removed at exit, and returns its path,
 * or NULL when that fails. Readers map such a regular file instead of
 * reading it through stdio.
 */
static inline const char *
fuzz_temp_file(const uint8_t *data, size_t size)
{
	char *path = fuzz_temp_path();
	const char *dir = getenv("TMPDIR");
	FILE *fp;
	size_t done;
	int fd;

	if (path[0] == '\0') {
		if (dir == NULL || *dir == '\0' || strlen(dir) > 40)
			dir = "/tmp";
		snprintf(path, 64, "%s/la-fuzz-XXXXXX", dir);
		if ((fd = mkstemp(path)) < 0) {
			path[0] = '\0';
			return NULL;
		}
		close(fd);
		atexit(fuzz_temp_remove);
	}
	if ((fp = fopen(path, "wb")) == NULL)
		return NULL;
	done = fwrite(data, 1, size, fp);
	if (fclose(fp) != 0 || done != size)
		return NULL;
	return path;
}

/* Nonzero when a buffer of size bytes contains a NUL. */
static inline int
fuzz_terminated(const char *buf, size_t size)
{
	return memchr(buf, '\0', size) != NULL;
}

#endif
