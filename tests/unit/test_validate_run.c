/* SPDX-License-Identifier: MIT */
/*
 * The second pass of la-validate in threads (validate_run.h). Checking an
 * input in parts must give, byte for byte, the standard output, standard
 * error and exit status of checking it in one stream. That means the
 * same records in the same order, one header, the same warnings in the
 * same order and the same errors. Parts are made tiny here, so that small inputs split
 * at every row and duplicates, warnings and faults fall in different
 * parts.
 */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "cli.h"
#include "validate_run.h"

/* An option of la_cli_option(), or 'o' for --only. */
struct opt {
	int code;
	const char *arg;
};

/* What one run printed and returned. */
struct outcome {
	char *out;
	size_t out_len;
	char *err;
	size_t err_len;
	int rc;
	int found;
	size_t parts;
	size_t streamed;
};

static char *
slurp_file(FILE *fp, size_t *len)
{
	long n;
	char *data;

	assert_int_equal(fseek(fp, 0, SEEK_END), 0);
	n = ftell(fp);
	assert_true(n >= 0);
	rewind(fp);
	assert_non_null(data = malloc((size_t)n + 1));
	assert_int_equal(fread(data, 1, (size_t)n, fp), (size_t)n);
	data[n] = '\0';
	*len = (size_t)n;
	return data;
}

/* Sets up cli with the options of opts, ended by code 0. */
static const char *
set_options(struct la_cli *cli, const struct opt *opts)
{
	const char *only = NULL;

	la_cli_init(cli, "la-validate");
	assert_int_equal(la_cli_option(cli, LA_OPT_AS_OF, "2024-03-22 09:00"),
	    1);
	for (; opts != NULL && opts->code != 0; opts++) {
		if (opts->code == 'o')
			only = opts->arg;
		else
			assert_int_equal(la_cli_option(cli, opts->code,
			    opts->arg), 1);
	}
	assert_int_equal(la_cli_start(cli), 0);
	return only;
}

/*
 * Runs la_validate_files() on the n files with opts, threads and parts
 * of part_bytes, with standard output and error sent to files.
 */
static void
run_files(const struct opt *opts, int n, char **files, int threads,
    size_t part_bytes, struct outcome *o)
{
	struct la_validate_run run;
	struct la_cli cli;
	FILE *out = tmpfile(), *err = tmpfile();
	int saved_out, saved_err;

	assert_non_null(out);
	assert_non_null(err);
	memset(&run, 0, sizeof(run));
	run.only = set_options(&cli, opts);
	run.cli = &cli;
	run.threads = threads;
	fflush(stdout);
	fflush(stderr);
	saved_out = dup(1);
	saved_err = dup(2);
	dup2(fileno(out), 1);
	dup2(fileno(err), 2);
	o->rc = la_validate_files(&run, n, files, part_bytes);
	fflush(stdout);
	fflush(stderr);
	dup2(saved_out, 1);
	dup2(saved_err, 2);
	close(saved_out);
	close(saved_err);
	o->found = run.found;
	o->parts = run.parts;
	o->streamed = run.streamed;
	o->out = slurp_file(out, &o->out_len);
	o->err = slurp_file(err, &o->err_len);
	fclose(out);
	fclose(err);
	la_cli_free(&cli);
}

static void
outcome_free(struct outcome *o)
{
	free(o->out);
	free(o->err);
}

/*
 * Asserts that the files give the same outcome in parts as in one
 * stream, for each spacing of the marks and 2 or 3 threads. Returns the
 * most parts any run checked.
 */
static size_t
assert_same_in_parts(const struct opt *opts, int n, char **files)
{
	static const size_t spacing[] = { 1, 97, 4096 };
	struct outcome one, many;
	size_t most = 0;

	run_files(opts, n, files, 1, LA_VALIDATE_PART_BYTES, &one);
	assert_int_equal(one.parts, 0);
	for (size_t i = 0; i < sizeof(spacing) / sizeof(spacing[0]); i++) {
		for (int threads = 2; threads <= 3; threads++) {
			run_files(opts, n, files, threads, spacing[i], &many);
			if (many.out_len != one.out_len ||
			    memcmp(many.out, one.out, one.out_len) != 0)
				fail_msg("%s: output differs in parts of %zu "
				    "bytes, %d threads", files[0], spacing[i],
				    threads);
			if (strcmp(many.err, one.err) != 0)
				fail_msg("%s: stderr differs in parts of %zu "
				    "bytes, %d threads:\n%s\n---\n%s", files[0],
				    spacing[i], threads, one.err, many.err);
			assert_int_equal(many.rc, one.rc);
			assert_int_equal(many.found, one.found);
			if (many.parts > most)
				most = many.parts;
			outcome_free(&many);
		}
	}
	outcome_free(&one);
	return most;
}

/* Option sets that change what is written. */
static const struct opt plain[] = { { 0, NULL } };
static const struct opt json[] = { { LA_OPT_OUTPUT_FORMAT, "json" },
    { 0, NULL } };
static const struct opt jsonl[] = { { LA_OPT_OUTPUT_FORMAT, "jsonl" },
    { 0, NULL } };
static const struct opt eligible[] = { { 'o', "eligible" }, { 0, NULL } };
static const struct opt late_json[] = { { 'o', "late" },
    { LA_OPT_OUTPUT_FORMAT, "json" }, { 0, NULL } };
static const struct opt columns[] = {
    { LA_OPT_COLUMNS, "name,status,no_such_column,findings" },
    { 0, NULL } };
static const struct opt masked[] = { { LA_OPT_MASK, NULL },
    { LA_OPT_BOM, NULL }, { LA_OPT_SAFE_CSV, NULL }, { 0, NULL } };
static const struct opt gbk[] = { { LA_OPT_OUTPUT_ENCODING, "gb18030" },
    { 0, NULL } };
static const struct opt padded[] = { { LA_OPT_PAD, NULL }, { 0, NULL } };

static const struct opt *const option_sets[] = {
	plain, json, jsonl, eligible, late_json, columns, masked, gbk, padded
};

#define NSETS (sizeof(option_sets) / sizeof(option_sets[0]))

/* The example year: 92 rows with faults, two of them duplicates. */
static void
test_example_year(void **state)
{
	char *files[] = { "examples/applications-2024.csv" };

	(void)state;
	for (size_t i = 0; i < NSETS; i++)
		assert_true(assert_same_in_parts(option_sets[i], 1, files) >=
		    90);
}

/* Every CSV file of the test data, faulty ones too. */
static void
test_every_input_file(void **state)
{
	static const char *const dirs[] = {
	    "tests/data/inputs/", "tests/data/validate/", "examples/"
	};
	char path[512];
	char *files[] = { path };
	int count = 0;

	(void)state;
	for (size_t i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++) {
		DIR *d = opendir(dirs[i]);
		struct dirent *e;

		assert_non_null(d);
		while ((e = readdir(d)) != NULL) {
			if (strstr(e->d_name, ".csv") == NULL)
				continue;
			snprintf(path, sizeof(path), "%s%s", dirs[i],
			    e->d_name);
			assert_same_in_parts(plain, 1, files);
			assert_same_in_parts(json, 1, files);
			count++;
		}
		closedir(d);
	}
	assert_true(count >= 20);
}

/* Writes a sheet of rows to a temporary file at path (a template). */
static void
write_sheet(char *path, const char *head, const char *const *rows,
    size_t nrows, int repeat)
{
	int fd = mkstemp(path);
	FILE *fp;

	assert_true(fd >= 0);
	assert_non_null(fp = fdopen(fd, "wb"));
	fputs(head, fp);
	for (int k = 0; k < repeat; k++)
		for (size_t i = 0; i < nrows; i++)
			fputs(rows[i], fp);
	assert_int_equal(fclose(fp), 0);
}

#define HEAD "姓名,身份证号,执业证号,人员类别,申报时间,,备注\n"

/*
 * Rows that raise findings, warnings and extra columns, repeated so that
 * the same people apply many times over parts far apart. A bare quote
 * ends the quick scan half way, so the rest is read after the parts.
 */
static const char *const faulty_rows[] = {
	"陈思远,500110198503151234,15002201410000001,律师,"
	    "2024-03-18 10:00,,\n",
	"林晓雯,500110199001011234,15002201410000002,法律工作者,"
	    "2024-03-21 10:00,x,\"引号, 逗号\"\n",
	"\n",
	",,,,,,\n",
	"王建国,5001101980,15002201410000003,律师,2024-02-30,,a,b\n",
	"赵敏,500110198503151234\n",
};

static void
test_faulty_sheet_twice(void **state)
{
	char a[] = "/tmp/la-run-a-XXXXXX", b[] = "/tmp/la-run-b-XXXXXX";
	static const char *const quote[] = { "周,1,2,律师,x\"y,,\n" };
	char *files[] = { a, b };

	(void)state;
	write_sheet(a, HEAD, faulty_rows, 6, 40);
	write_sheet(b, HEAD, faulty_rows, 6, 20);
	/* The second input goes on after a bare quote. */
	{
		FILE *fp = fopen(b, "ab");

		assert_non_null(fp);
		fputs(quote[0], fp);
		for (int k = 0; k < 20; k++)
			for (size_t i = 0; i < 6; i++)
				fputs(faulty_rows[i], fp);
		assert_int_equal(fclose(fp), 0);
	}
	for (size_t i = 0; i < NSETS; i++) {
		assert_true(assert_same_in_parts(option_sets[i], 1, files) >=
		    100);
		assert_same_in_parts(option_sets[i], 2, files);
	}
	unlink(a);
	unlink(b);
}

/*
 * --only late keeps no record of the first input, so the header comes
 * from a part of the second: parts wait for the earlier ones to end.
 */
static void
test_header_from_a_later_part(void **state)
{
	static const char *const rows[] = {
		"甲,500110198503151234,15002201410000001,律师,"
		    "2024-03-18 10:00,,\n",
		"乙,500110199001011234,15002201410000002,律师,"
		    "2024-03-19 10:00,,\n",
	};
	static const char *const late[] = {
		"丙,500110198001011234,15002201410000003,律师,"
		    "2024-03-21 10:00,,\n",
	};
	char a[] = "/tmp/la-run-a-XXXXXX", b[] = "/tmp/la-run-b-XXXXXX";
	char *files[] = { a, b };
	static const struct opt only_late[] = { { 'o', "late" }, { 0, NULL } };

	(void)state;
	write_sheet(a, HEAD, rows, 2, 50);
	write_sheet(b, HEAD, late, 1, 30);
	assert_true(assert_same_in_parts(only_late, 2, files) >= 100);
	assert_same_in_parts(late_json, 2, files);
	unlink(a);
	unlink(b);
}

/*
 * Parts that hold more than a megabyte, here of warnings for rows padded
 * with --pad, are written out by their own threads once they are next,
 * and the output is still that of one stream.
 */
static void
test_streamed_parts(void **state)
{
	static const char *const rows[] = { "x\n" };
	static const struct opt pad[] = { { LA_OPT_PAD, NULL }, { 0, NULL } };
	char a[] = "/tmp/la-run-a-XXXXXX";
	char *files[] = { a };
	struct outcome one, many;

	(void)state;
	write_sheet(a, HEAD, rows, 1, 60000);
	run_files(pad, 1, files, 1, LA_VALIDATE_PART_BYTES, &one);
	for (int threads = 2; threads <= 3; threads++) {
		run_files(pad, 1, files, threads, 16384, &many);
		assert_true(many.parts >= 7);
		assert_true(many.streamed >= 1);
		assert_int_equal(many.out_len, one.out_len);
		assert_memory_equal(many.out, one.out, one.out_len);
		assert_string_equal(many.err, one.err);
		assert_int_equal(many.rc, one.rc);
		outcome_free(&many);
	}
	outcome_free(&one);
	unlink(a);
}

/* An error inside a part stops the run there, as in one stream. */
static void
test_error_in_a_part(void **state)
{
	char a[] = "/tmp/la-run-a-XXXXXX";
	char *files[] = { a };
	static const char *const open_quote[] = { "周,1,2,律师,\"x\n" };

	(void)state;
	write_sheet(a, HEAD, faulty_rows, 1, 200);
	{
		FILE *fp = fopen(a, "ab");

		assert_non_null(fp);
		fputs(open_quote[0], fp);
		assert_int_equal(fclose(fp), 0);
	}
	assert_same_in_parts(plain, 1, files);
	assert_same_in_parts(json, 1, files);
	unlink(a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_example_year),
		cmocka_unit_test(test_every_input_file),
		cmocka_unit_test(test_faulty_sheet_twice),
		cmocka_unit_test(test_header_from_a_later_part),
		cmocka_unit_test(test_streamed_parts),
		cmocka_unit_test(test_error_in_a_part),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
