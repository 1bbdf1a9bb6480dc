/* SPDX-License-Identifier: MIT */
/*
 * Replays saved fuzz inputs through the fuzz targets' own entry points,
 * built with the normal compiler, so that "make check" and its sanitizer
 * run catch a regression of anything the fuzzers once found.
 *
 * Usage: fuzz_replay DIR...
 * Each DIR contains one folder per target (normalize, ident, ...), each with
 * input files. Prints "DIR/TARGET: N inputs" per folder, with the last
 * component of DIR. A broken promise aborts; an unknown folder or an
 * unreadable file exits 2.
 */
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LA_FUZZ_REPLAY
#include "../fuzz/fuzz_audit.c"
#include "../fuzz/fuzz_csv.c"
#include "../fuzz/fuzz_datetime.c"
#include "../fuzz/fuzz_detect.c"
#include "../fuzz/fuzz_gb18030.c"
#include "../fuzz/fuzz_ident.c"
#include "../fuzz/fuzz_journal.c"
#include "../fuzz/fuzz_json.c"
#include "../fuzz/fuzz_jsonl.c"
#include "../fuzz/fuzz_normalize.c"
#include "../fuzz/fuzz_parts.c"
#include "../fuzz/fuzz_roster.c"
#include "../fuzz/fuzz_roundtrip.c"
#include "../fuzz/fuzz_rules.c"
#include "../fuzz/fuzz_scan.c"
#include "../fuzz/fuzz_state.c"
#include "../fuzz/fuzz_utf8.c"

struct target {
	const char *name;
	int (*run)(const uint8_t *data, size_t size);
};

static const struct target targets[] = {
	{ "audit", fuzz_audit },
	{ "csv", fuzz_csv },
	{ "datetime", fuzz_datetime },
	{ "detect", fuzz_detect },
	{ "gb18030", fuzz_gb18030 },
	{ "ident", fuzz_ident },
	{ "journal", fuzz_journal },
	{ "json", fuzz_json },
	{ "jsonl", fuzz_jsonl },
	{ "normalize", fuzz_normalize },
	{ "parts", fuzz_parts },
	{ "roster", fuzz_roster },
	{ "roundtrip", fuzz_roundtrip },
	{ "rules", fuzz_rules },
	{ "scan", fuzz_scan },
	{ "state", fuzz_state },
	{ "utf8", fuzz_utf8 },
	{ NULL, NULL }
};

static const struct target *
find_target(const char *name)
{
	const struct target *t;

	for (t = targets; t->name != NULL; t++) {
		if (strcmp(t->name, name) == 0)
			return t;
	}
	return NULL;
}

/* Reads the whole file at path into a heap block. NULL on failure. */
static uint8_t *
read_file(const char *path, size_t *size)
{
	uint8_t *buf = NULL, *grown;
	size_t cap = 0, n = 0, got;
	FILE *fp;

	if ((fp = fopen(path, "rb")) == NULL)
		return NULL;
	do {
		if (n == cap) {
			cap = cap == 0 ? 4096 : cap * 2;
			if ((grown = realloc(buf, cap)) == NULL) {
				free(buf);
				fclose(fp);
				return NULL;
			}
			buf = grown;
		}
		got = fread(buf + n, 1, cap - n, fp);
		n += got;
	} while (got > 0);
	if (ferror(fp)) {
		free(buf);
		buf = NULL;
	}
	fclose(fp);
	*size = n;
	return buf;
}

/* Joins dir and name into path. Returns 0, or -1 when it does not fit. */
static int
join_path(char *path, size_t size, const char *dir, const char *name)
{
	int n = snprintf(path, size, "%s/%s", dir, name);

	if (n < 0 || (size_t)n >= size) {
		fprintf(stderr, "fuzz_replay: %s/%s: path too long\n", dir,
		    name);
		return -1;
	}
	return 0;
}

static int
not_hidden(const struct dirent *e)
{
	return e->d_name[0] != '.';
}

/* Runs every file in dir through t. Returns the count, or -1. */
static long
replay_dir(const struct target *t, const char *dir)
{
	struct dirent **names;
	char path[4096];
	uint8_t *data;
	size_t size;
	long count = 0;
	int n, i;

	if ((n = scandir(dir, &names, not_hidden, alphasort)) < 0) {
		fprintf(stderr, "fuzz_replay: %s: %s\n", dir, strerror(errno));
		return -1;
	}
	for (i = 0; i < n; i++) {
		if (join_path(path, sizeof(path), dir, names[i]->d_name) != 0) {
			free(names[i]);
			count = -1;
			continue;
		}
		free(names[i]);
		if ((data = read_file(path, &size)) == NULL) {
			fprintf(stderr, "fuzz_replay: %s: read failed: %s\n",
			    path, strerror(errno));
			count = -1;
			continue;
		}
		t->run(data, size);
		free(data);
		if (count >= 0)
			count++;
	}
	free(names);
	return count;
}

/* Replays every target folder in dir. Returns 0, or 2 on an error. */
static int
replay_all(const char *dir)
{
	struct dirent **names;
	const struct target *t;
	const char *base;
	char path[4096];
	long count;
	int n, i, status = 0;

	if ((n = scandir(dir, &names, not_hidden, alphasort)) < 0) {
		fprintf(stderr, "fuzz_replay: %s: %s\n", dir, strerror(errno));
		return 2;
	}
	base = strrchr(dir, '/') != NULL ? strrchr(dir, '/') + 1 : dir;
	for (i = 0; i < n; i++) {
		if (join_path(path, sizeof(path), dir,
		    names[i]->d_name) != 0)
			status = 2;
		else if ((t = find_target(names[i]->d_name)) == NULL) {
			fprintf(stderr, "fuzz_replay: %s: no such target\n",
			    path);
			status = 2;
		} else if ((count = replay_dir(t, path)) < 0)
			status = 2;
		else
			printf("%s/%s: %ld inputs\n", base, t->name, count);
		free(names[i]);
	}
	free(names);
	return status;
}

int
main(int argc, char **argv)
{
	int i, status = 0;

	if (argc < 2) {
		fprintf(stderr, "usage: fuzz_replay DIR...\n");
		return 2;
	}
	for (i = 1; i < argc; i++) {
		if (replay_all(argv[i]) != 0)
			status = 2;
	}
	return status;
}
