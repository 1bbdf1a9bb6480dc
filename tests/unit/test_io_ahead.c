/* SPDX-License-Identifier: MIT */
/*
 * Reading ahead (io_ahead.h): the records, warnings and errors come in
 * the order, and with the content, that la_reader_next gives, on every
 * input file of tests/data and on sheets of many batches with warnings
 * and an error among the records.
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

#include "io_ahead.h"
#include "io_test.h"

/* Appends "W LINE TEXT" for each warning to the JSON array ctx. */
static void
log_warning(void *ctx, const struct la_error *w)
{
	json_array_append_new(ctx, json_sprintf("W %ld %s", w->line, w->text));
}

/* Appends a record: its line and fields, or the end or error. */
static void
log_result(json_t *log, int rc, const struct la_record *r,
    const struct la_error *err)
{
	if (rc == 1)
		json_array_append_new(log, json_pack("[I,o]",
		    (json_int_t)r->line, io_record_json(r)));
	else if (rc == 0)
		json_array_append_new(log, json_string("end"));
	else
		json_array_append_new(log, json_sprintf("E %ld %s",
		    err->line, err->text));
}

/*
 * Reads fp and returns the log: ahead 0 reads with la_reader_next, 1
 * reads ahead in a thread, 2 through la_ahead in the caller's thread.
 */
static json_t *
read_log(FILE *fp, int ahead)
{
	struct la_read_opts opts;
	struct la_reader *rd;
	struct la_record own, *r = &own;
	struct la_error err;
	struct la_ahead *a = NULL;
	json_t *log = json_array();
	int rc;

	memset(&opts, 0, sizeof(opts));
	opts.diag.warn = log_warning;
	opts.diag.ctx = log;
	la_error_clear(&err);
	rewind(fp);
	if ((rd = la_reader_open(fp, "input", &opts, &err)) == NULL) {
		log_result(log, -1, NULL, &err);
		return log;
	}
	la_record_init(&own);
	if (ahead)
		assert_non_null(a = la_ahead_start(rd, ahead == 1));
	do {
		rc = ahead ? la_ahead_next(a, &r, &err) :
		    la_reader_next(rd, &own, &err);
		log_result(log, rc, r, &err);
	} while (rc == 1);
	la_ahead_stop(a);
	la_record_free(&own);
	la_reader_close(rd);
	return log;
}

/* Asserts that the three ways of reading fp give the same log. */
static void
assert_same_reading(FILE *fp, const char *what)
{
	json_t *serial = read_log(fp, 0), *ahead = read_log(fp, 1);
	json_t *unthreaded = read_log(fp, 2);

	if (!json_equal(serial, ahead))
		fail_msg("%s: reading ahead differs", what);
	if (!json_equal(serial, unthreaded))
		fail_msg("%s: reading ahead in one thread differs", what);
	json_decref(serial);
	json_decref(ahead);
	json_decref(unthreaded);
}

static void
test_every_input_file(void **state)
{
	static const char *const dirs[] = {
	    INPUTS, SUITES "csv-spectrum/csvs/",
	    SUITES "JSONTestSuite/test_parsing/", "examples/"
	};
	char path[512];
	int files = 0;

	(void)state;
	for (size_t i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++) {
		DIR *d = opendir(dirs[i]);
		struct dirent *e;
		FILE *fp;

		assert_non_null(d);
		while ((e = readdir(d)) != NULL) {
			if (e->d_name[0] == '.')
				continue;
			snprintf(path, sizeof(path), "%s%s", dirs[i],
			    e->d_name);
			if ((fp = fopen(path, "rb")) == NULL)
				continue;
			assert_same_reading(fp, path);
			fclose(fp);
			files++;
		}
		closedir(d);
	}
	assert_true(files >= 30);
}

/*
 * rows CSV rows, a bare quote (a warning) on every 300th and, if
 * broken, an unterminated quote (an error) on the last.
 */
static char *
long_sheet(int rows, int broken, size_t *len)
{
	char *text = malloc((size_t)rows * 40 + 64), *p = text;

	assert_non_null(text);
	p += sprintf(p, "姓名,身份证号\n");
	for (int i = 0; i < rows; i++)
		p += sprintf(p, i % 300 == 7 ? "a\"b%d,%d\n" : "n%d,%d\n",
		    i, i);
	if (broken)
		p += sprintf(p, "\"open,1\n");
	*len = (size_t)(p - text);
	return text;
}

static void
test_many_batches(void **state)
{
	size_t len;
	char *text;
	FILE *fp;
	json_t *log;

	(void)state;
	for (int broken = 0; broken <= 1; broken++) {
		text = long_sheet(5000, broken, &len);
		assert_non_null(fp = fmemopen(text, len, "rb"));
		assert_same_reading(fp, "long sheet");
		/* 5000 records and 17 warnings, then the end or the error. */
		log = read_log(fp, 1);
		assert_int_equal(json_array_size(log), 5000 + 17 + 1);
		json_decref(log);
		fclose(fp);
		free(text);
	}
}

static void
test_stop_early(void **state)
{
	struct la_read_opts opts;
	struct la_reader *rd;
	struct la_record *r;
	struct la_error err;
	struct la_ahead *a;
	size_t len;
	char *text = long_sheet(5000, 0, &len);
	FILE *fp = fmemopen(text, len, "rb");

	(void)state;
	memset(&opts, 0, sizeof(opts));
	assert_non_null(rd = la_reader_open(fp, "input", &opts, &err));
	assert_non_null(a = la_ahead_start(rd, 1));
	/* Stopping after one record leaves nothing running or leaked. */
	assert_int_equal(la_ahead_next(a, &r, &err), 1);
	assert_string_equal(la_record_get(r, LA_F_ID_NUMBER), "0");
	la_ahead_stop(a);
	la_reader_close(rd);
	fclose(fp);
	free(text);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_input_file),
		cmocka_unit_test(test_many_batches),
		cmocka_unit_test(test_stop_early),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
