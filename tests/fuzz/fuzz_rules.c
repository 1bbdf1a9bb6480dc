/* SPDX-License-Identifier: MIT */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "rules.h"

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
	const char *path;
	char *first, *second;

	if ((first = print_rules(r)) == NULL)
		return;
	path = fuzz_temp_file((const uint8_t *)first, strlen(first));
	FUZZ_CHECK(path != NULL);
	FUZZ_CHECK(la_rules_default(&again, NULL) == 0);
	la_error_clear(&err);
	if (la_rules_load(&again, path, &err) != 0) {
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
	const char *path;
	char *text;

	if ((path = fuzz_temp_file(data, size)) == NULL)
		return 0;
	FUZZ_CHECK(la_rules_default(&r, NULL) == 0);
	if (defaults_text == NULL)
		FUZZ_CHECK((defaults_text = print_rules(&r)) != NULL);
	la_error_clear(&err);
	if (la_rules_load(&r, path, &err) != 0) {
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
