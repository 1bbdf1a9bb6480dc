/* SPDX-License-Identifier: MIT */
/*
 * Every input of tests/data/inputs that has a file in tests/data/expected
 * reads to exactly those values (as read, before normalisation). Case 07
 * is Big5 and has its values with --encoding big5, as the case table
 * states.
 */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "io_test.h"

static const char *extensions[] = { ".csv", ".json", ".jsonl" };

/* The input file with the same name as expected file stem. */
static int
input_for(const char *stem, char *path, size_t size)
{
	FILE *fp;

	for (size_t i = 0; i < sizeof(extensions) / sizeof(*extensions); i++) {
		snprintf(path, size, INPUTS "%s%s", stem, extensions[i]);
		if ((fp = fopen(path, "rb")) != NULL) {
			fclose(fp);
			return 0;
		}
	}
	return -1;
}

static void
check_values(const char *stem)
{
	struct la_read_opts o;
	struct io_run run;
	json_error_t je;
	json_t *want;
	char path[512];

	memset(&o, 0, sizeof(o));
	if (strncmp(stem, "07-", 3) == 0)
		o.encoding = "big5";
	snprintf(path, sizeof(path), EXPECTED "%s.json", stem);
	if ((want = json_load_file(path, 0, &je)) == NULL)
		fail_msg("%s: %s", path, je.text);
	if (input_for(stem, path, sizeof(path)) == -1)
		fail_msg("no input for %s", stem);
	io_read_file(path, &o, &run);
	if (run.failed)
		fail_msg("%s: %ld: %s", path, run.err.line, run.err.text);
	if (!json_equal(run.records, want)) {
		char *got = json_dumps(run.records, JSON_INDENT(1));

		fprintf(stderr, "%s read as:\n%s\n", path, got);
		free(got);
		fail_msg("%s differs from %s.json", path, stem);
	}
	json_decref(want);
	io_run_free(&run);
}

static void
test_expected_values(void **state)
{
	DIR *d = opendir(EXPECTED);
	struct dirent *e;
	char stem[256];
	size_t len;
	int checked = 0;

	(void)state;
	assert_non_null(d);
	while ((e = readdir(d)) != NULL) {
		len = strlen(e->d_name);
		if (len < 6 || strcmp(e->d_name + len - 5, ".json") != 0 ||
		    strstr(e->d_name, ".meta.") != NULL)
			continue;
		snprintf(stem, sizeof(stem), "%.*s", (int)(len - 5), e->d_name);
		check_values(stem);
		checked++;
	}
	closedir(d);
	/* 01 02 03 04 05 07 08 10 11 12 13. */
	assert_int_equal(checked, 11);
}

static size_t
count_chars(const char *s)
{
	size_t chars = 0;

	for (; *s != '\0'; s++)
		chars += ((unsigned char)*s & 0xC0) != 0x80;
	return chars;
}

/* 23: counts and lengths from expected/23-very-long-field.meta.json. */
static void
test_long_field_meta(void **state)
{
	json_t *meta = json_load_file(EXPECTED "23-very-long-field.meta.json",
	    0, NULL);
	struct io_run run;
	const char *v;

	(void)state;
	assert_non_null(meta);
	io_read_file(INPUTS "23-very-long-field.csv", NULL, &run);
	assert_int_equal(json_array_size(run.records),
	    json_integer_value(json_object_get(meta, "records")));
	v = io_value(&run, 0, "服务意向");
	assert_int_equal(strlen(v), json_integer_value(json_object_get(meta,
	    "row1_服务意向_bytes")));
	assert_int_equal(json_string_length(json_object_get(json_array_get(
	    run.records, 0), "服务意向")), strlen(v));
	assert_int_equal(count_chars(v), json_integer_value(json_object_get(
	    meta, "row1_服务意向_chars")));
	json_decref(meta);
	io_run_free(&run);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_expected_values),
		cmocka_unit_test(test_long_field_meta),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
