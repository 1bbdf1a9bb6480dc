/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fuzz.h"
#include "rules.h"

/* The temporary file that la_rules_load() reads, made once per process. */
static char rules_path[64];

static void
remove_rules_file(void)
{
	if (rules_path[0] != '\0')
		unlink(rules_path);
}

/* Replaces the temporary file's contents with data. Returns 0 or -1. */
static int
write_rules_file(const uint8_t *data, size_t size)
{
	const char *dir = getenv("TMPDIR");
	FILE *fp;
	size_t done;
	int fd;

	if (rules_path[0] == '\0') {
		if (dir == NULL || *dir == '\0' || strlen(dir) > 40)
			dir = "/tmp";
		snprintf(rules_path, sizeof(rules_path), "%s/la-fuzz-XXXXXX",
		    dir);
		if ((fd = mkstemp(rules_path)) < 0) {
			rules_path[0] = '\0';
			return -1;
		}
		close(fd);
		atexit(remove_rules_file);
	}
	if ((fp = fopen(rules_path, "wb")) == NULL)
		return -1;
	done = fwrite(data, 1, size, fp);
	if (fclose(fp) != 0 || done != size)
		return -1;
	return 0;
}

/* Prints r into a heap string. Returns NULL when printing fails. */
static char *
print_rules(const struct la_rules *r)
{
	char *text = NULL;
	size_t len = 0;
	FILE *fp;
	int rc;

	if ((fp = open_memstream(&text, &len)) == NULL)
		return NULL;
	rc = la_rules_print(r, fp, NULL);
	if (fclose(fp) != 0 || rc != 0) {
		free(text);
		return NULL;
	}
	return text;
}

/*
 * Loads the printed form of r over the defaults and prints it again: the
 * two prints must be equal, as la_rules_print() promises.
 */
static void
check_round_trip(const struct la_rules *r)
{
	struct la_rules again;
	struct la_error err;
	char *first, *second;

	if ((first = print_rules(r)) == NULL)
		return;
	FUZZ_CHECK(write_rules_file((const uint8_t *)first,
	    strlen(first)) == 0);
	FUZZ_CHECK(la_rules_default(&again, NULL) == 0);
	la_error_clear(&err);
	if (la_rules_load(&again, rules_path, &err) != 0) {
		fprintf(stderr, "reload failed: %s: %s\n", err.field,
		    err.text);
		FUZZ_CHECK(!"printed rules load again");
	}
	second = print_rules(&again);
	FUZZ_CHECK(second != NULL);
	FUZZ_CHECK(strcmp(first, second) == 0);
	free(first);
	free(second);
	la_rules_free(&again);
}

int
fuzz_rules(const uint8_t *data, size_t size)
{
	static char *defaults_text;
	struct la_rules r;
	struct la_error err;
	char *text;

	if (write_rules_file(data, size) != 0)
		return 0;
	FUZZ_CHECK(la_rules_default(&r, NULL) == 0);
	if (defaults_text == NULL)
		FUZZ_CHECK((defaults_text = print_rules(&r)) != NULL);
	la_error_clear(&err);
	if (la_rules_load(&r, rules_path, &err) != 0) {
		FUZZ_CHECK(err.code != LA_ERR_NONE);
		FUZZ_CHECK(fuzz_terminated(err.text, sizeof(err.text)));
		/* A failed load leaves the rules as they were. */
		text = print_rules(&r);
		FUZZ_CHECK(text != NULL && strcmp(text, defaults_text) == 0);
		free(text);
	} else
		check_round_trip(&r);
	la_rules_free(&r);
	return 0;
}

FUZZ_ENTRY(fuzz_rules)
