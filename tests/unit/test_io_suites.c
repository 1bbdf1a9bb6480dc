/* SPDX-License-Identifier: MIT */
/*
 * Public conformance suites: csv-spectrum (each CSV reads to its JSON)
 * and JSONTestSuite (y_ files accepted, n_ files rejected, i_ files and
 * test_transform either way, all without a crash).
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

#define SPECTRUM SUITES "csv-spectrum/"
#define PARSING SUITES "JSONTestSuite/test_parsing/"
#define TRANSFORM SUITES "JSONTestSuite/test_transform/"

/* Names in a folder that start with prefix, in no order; NULL-terminated. */
static char **
list_files(const char *dir, const char *prefix, size_t *n)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char **names = NULL;

	assert_non_null(d);
	*n = 0;
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.' ||
		    strncmp(e->d_name, prefix, strlen(prefix)) != 0)
			continue;
		names = realloc(names, (*n + 2) * sizeof(*names));
		names[(*n)++] = strdup(e->d_name);
		names[*n] = NULL;
	}
	closedir(d);
	return names;
}

static void
free_list(char **names, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
}

static void
check_spectrum(const char *stem)
{
	struct io_run run;
	json_t *want;
	char path[512];

	snprintf(path, sizeof(path), SPECTRUM "json/%s.json", stem);
	assert_non_null(want = json_load_file(path, 0, NULL));
	snprintf(path, sizeof(path), SPECTRUM "csvs/%s.csv", stem);
	io_read_file(path, NULL, &run);
	if (run.failed)
		fail_msg("%s: %ld: %s", path, run.err.line, run.err.text);
	if (!json_equal(run.records, want))
		fail_msg("%s does not read as its JSON", path);
	json_decref(want);
	io_run_free(&run);
}

static void
test_csv_spectrum(void **state)
{
	size_t n, checked = 0;
	char **names = list_files(SPECTRUM "csvs", "", &n);
	char stem[256];

	(void)state;
	for (size_t i = 0; i < n; i++) {
		size_t len = strlen(names[i]);

		/* Checked alone below: its JSON disagrees with its CSV. */
		if (strcmp(names[i], "location_coordinates.csv") == 0)
			continue;
		snprintf(stem, sizeof(stem), "%.*s", (int)(len - 4), names[i]);
		check_spectrum(stem);
		checked++;
	}
	assert_int_equal(checked, 11);
	free_list(names, n);
}

/*
 * The suite's README: this JSON is one object, not an array, and its
 * phone number is not the CSV's. The bare quotes in the unquoted
 * coordinates are kept as text with a warning; the other values match.
 */
static void
test_csv_spectrum_lazy_quotes(void **state)
{
	struct io_run run;
	json_t *want;

	(void)state;
	want = json_load_file(SPECTRUM "json/location_coordinates.json", 0,
	    NULL);
	assert_non_null(want);
	io_read_file(SPECTRUM "csvs/location_coordinates.csv", NULL, &run);
	assert_int_equal(run.failed, 0);
	assert_int_equal(json_array_size(run.records), 1);
	assert_string_equal(io_value(&run, 0, "Contact Phone Number"),
	    "2095257564");
	json_object_set_new(want, "Contact Phone Number",
	    json_string("2095257564"));
	assert_true(json_equal(json_array_get(run.records, 0), want));
	assert_true(io_has_text(run.warnings, "2: quote character inside "
	    "unquoted field Location Coordinates"));
	json_decref(want);
	io_run_free(&run);
}

/*
 * y_ files that la-tools rejects on purpose: duplicate keys are an error
 * (a later value must not silently win), and jansson cannot hold a key
 * with U+0000 in it.
 */
static const char *rejected_on_purpose[] = {
	"y_object_duplicated_key.json",
	"y_object_duplicated_key_and_value.json",
	"y_object_escaped_null_in_key.json",
};

static int
on_purpose(const char *name)
{
	for (size_t i = 0; i < sizeof(rejected_on_purpose) /
	    sizeof(*rejected_on_purpose); i++)
		if (strcmp(name, rejected_on_purpose[i]) == 0)
			return 1;
	return 0;
}

/*
 * Whether the file is an array or object at the top level, the only
 * JSON input la-tools takes. A top-level scalar ("1", "null") is none of
 * the three input formats, and the reader would take it for CSV.
 */
static int
is_container(const char *path)
{
	size_t len, i = 0;
	char *data = io_slurp(path, &len);
	int yes;

	if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
		i = 3;
	while (i < len && strchr(" \t\r\n", data[i]) != NULL && data[i])
		i++;
	yes = i < len && (data[i] == '[' || data[i] == '{');
	free(data);
	return yes;
}

/* 1 when the reader takes the whole file, 0 when it rejects it. */
static int
accepted(const char *path)
{
	struct la_read_opts o;
	struct io_run run;
	int ok;

	memset(&o, 0, sizeof(o));
	o.format = LA_FORMAT_JSON;
	o.encoding = "utf-8";	/* RFC 8259: JSON is UTF-8 */
	io_read_file(path, &o, &run);
	ok = !run.failed;
	io_run_free(&run);
	return ok;
}

static void
run_parsing(const char *prefix, int want, size_t min_checked)
{
	size_t n, checked = 0;
	char **names = list_files(PARSING, prefix, &n);
	char path[512];

	for (size_t i = 0; i < n; i++) {
		snprintf(path, sizeof(path), PARSING "%s", names[i]);
		if (!is_container(path))
			continue;
		checked++;
		if (want == 1 && on_purpose(names[i])) {
			assert_int_equal(accepted(path), 0);
			continue;
		}
		if (want >= 0 && accepted(path) != want)
			fail_msg("%s was %s", names[i], want ? "rejected" :
			    "accepted");
		if (want < 0)
			accepted(path);
	}
	assert_true(checked >= min_checked);
	free_list(names, n);
}

static void
test_json_suite_y(void **state)
{
	(void)state;
	run_parsing("y_", 1, 80);
}

static void
test_json_suite_n(void **state)
{
	(void)state;
	run_parsing("n_", 0, 150);
}

static void
test_json_suite_i(void **state)
{
	(void)state;
	run_parsing("i_", -1, 20);
}

static void
test_json_suite_transform(void **state)
{
	size_t n;
	char **names = list_files(TRANSFORM, "", &n);
	char path[512];

	(void)state;
	for (size_t i = 0; i < n; i++) {
		snprintf(path, sizeof(path), TRANSFORM "%s", names[i]);
		if (is_container(path))
			accepted(path);
	}
	free_list(names, n);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_csv_spectrum),
		cmocka_unit_test(test_csv_spectrum_lazy_quotes),
		cmocka_unit_test(test_json_suite_y),
		cmocka_unit_test(test_json_suite_n),
		cmocka_unit_test(test_json_suite_i),
		cmocka_unit_test(test_json_suite_transform),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
