/* SPDX-License-Identifier: MIT */
/*
 * The quick key scan (io_scan.h). Rows, values and lines are worked out
 * from the inputs by hand, and each case where the scan must give up is
 * checked with the line it reached. The scan must also agree with the
 * full reader on every CSV file of tests/data and on a sheet long enough
 * to cross the reader's blocks.
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
#include "../fuzz/scan.h"

#define HEAD "姓名,身份证号,执业证号,备注\n"

/* Scans text; returns the entries and sets *rc and *reached. */
static json_t *
scan_text(const char *text, int *rc, long *reached)
{
	struct la_read_opts opts;
	FILE *fp = fmemopen((void *)(uintptr_t)text, strlen(text), "rb");
	json_t *rows;

	assert_non_null(fp);
	memset(&opts, 0, sizeof(opts));
	rows = scan_rows_of(fp, &opts, rc, reached);
	assert_non_null(rows);
	fclose(fp);
	return rows;
}

/* Asserts that the scan and the reader agree on text. */
static void
assert_agrees(const char *text)
{
	struct la_read_opts opts;
	FILE *fp = fmemopen((void *)(uintptr_t)text, strlen(text), "rb");
	int scanned;

	assert_non_null(fp);
	memset(&opts, 0, sizeof(opts));
	assert_true(scan_agrees(fp, &opts, &scanned));
	fclose(fp);
}

/*
 * Asserts that text scans whole into the entries given as JSON, as the
 * reader reads it.
 */
static void
assert_scan(const char *text, const char *want)
{
	json_t *rows, *expected = json_loads(want, 0, NULL);
	long reached;
	int rc;

	assert_non_null(expected);
	assert_agrees(text);
	rows = scan_text(text, &rc, &reached);
	assert_int_equal(rc, 1);
	if (!json_equal(rows, expected)) {
		char *got = json_dumps(rows, 0);

		fail_msg("scanned %s, expected %s", got, want);
	}
	json_decref(rows);
	json_decref(expected);
}

/* Asserts that the scan of text gives up at line reached. */
static void
assert_gives_up(const char *text, long line)
{
	json_t *rows;
	long reached;
	int rc;

	assert_agrees(text);
	rows = scan_text(text, &rc, &reached);
	assert_int_equal(rc, 0);
	assert_int_equal(reached, line);
	json_decref(rows);
}

static void
test_plain_rows(void **state)
{
	(void)state;
	assert_scan(HEAD "甲,110105194912310021,15001201510100002,\n"
	    "乙,,15001201510100003,x\n",
	    "[[2,\"110105194912310021\",\"15001201510100002\"],"
	    "[3,\"\",\"15001201510100003\"]]");
}

static void
test_quotes_and_lines(void **state)
{
	(void)state;
	/*
	 * The name of row 2 spans lines 2-3, so row 3 starts on line 4. The
	 * ID of row 3 is quoted with a doubled quote inside, and the remark
	 * of row 4 contains a line end past the wanted columns. Outer spaces
	 * of unquoted values go, those inside quotes stay.
	 */
	assert_scan(HEAD "\"张\n三\", 110105194912310021 ,\" 1500 \",\n"
	    "李,\"11\"\"0\",,\n"
	    "王,1,2,\"a\nb\"\n"
	    "赵,3,4,\r\n",
	    "[[2,\"110105194912310021\",\" 1500 \"],"
	    "[4,\"11\\\"0\",\"\"],"
	    "[5,\"1\",\"2\"],"
	    "[7,\"3\",\"4\"]]");
}

static void
test_blank_short_and_last_rows(void **state)
{
	(void)state;
	/*
	 * Blank lines and a row of empty fields hand nothing over. A row
	 * without the licence column gives "" for it, because the reader
	 * lacks the field. The last row has no line end.
	 */
	assert_scan(HEAD "\n  \n,,,\n"
	    "甲,12\n"
	    "\r\n"
	    "乙,34,56",
	    "[[5,\"12\",\"\"],[7,\"34\",\"56\"]]");
}

static void
test_rows_in_blocks(void **state)
{
	(void)state;
	/*
	 * Rows whose wanted columns end past 16 bytes take the quick path,
	 * which finds delimiters 16 bytes at a time. Row 2: a tab and spaces
	 * around values, and "xxxxxxxxxxxxx," puts the first delimiter at
	 * byte 13. Row 3: a quoted remark with a doubled quote, in the block
	 * after the licence. Row 4: a quoted licence, 20 bytes in, which the
	 * quick path leaves to the field-by-field path. Row 5: only
	 * two fields, so the LF comes before the licence column. Row 6: an ID
	 * of 40 bytes that spans three blocks.
	 */
	assert_scan(HEAD
	    "xxxxxxxxxxxxx,\t 110105194912310021 ,15001201510100002 ,\"r\"\n"
	    "xxxxxxxxxxxxxxxxxxxx,1,2,\"a\"\"b\"\n"
	    "xxxxxxxxxxxxxxxxxx,3,\"4\",\n"
	    "xxxxxxxxxxxxxxxxxxxxxxxxxx,5\n"
	    "x,1234567890123456789012345678901234567890,6,\n",
	    "[[2,\"110105194912310021\",\"15001201510100002\"],"
	    "[3,\"1\",\"2\"],"
	    "[4,\"3\",\"4\"],"
	    "[5,\"5\",\"\"],"
	    "[6,\"1234567890123456789012345678901234567890\",\"6\"]]");
}

static void
test_gives_up(void **state)
{
	(void)state;
	/* A bare quote in an unquoted field, on line 3. */
	assert_gives_up(HEAD "甲,1,2,\n乙,1\"2,3,\n", 3);
	/* Text after a closing quote. */
	assert_gives_up(HEAD "甲,\"1\"2,3,\n", 2);
	/* A quote left open at the end. */
	assert_gives_up(HEAD "甲,1,2,\n乙,\"1,2\n", 3);
	/* A CR alone inside a row, even past the wanted columns. */
	assert_gives_up(HEAD "甲,1,2,3\r4\n", 2);
	/* A row of 16384 bytes might hold too many columns. */
	{
		char *text = malloc(sizeof(HEAD) + 20000);
		size_t n;

		assert_non_null(text);
		strcpy(text, HEAD "甲,1,2,");
		n = strlen(text);
		memset(text + n, 'x', 16384);
		text[n + 16383] = '\n';
		text[n + 16384] = '\0';
		assert_gives_up(text, 2);
		free(text);
	}
}

static void
test_not_scanned(void **state)
{
	long reached;
	int rc;
	json_t *rows;

	(void)state;
	/* Tab-separated, and lines ended by CR alone: read, not scanned. */
	rows = scan_text("姓名\t身份证号\n甲\t1\n", &rc, &reached);
	assert_int_equal(rc, 0);
	assert_int_equal(reached, 0);
	json_decref(rows);
	rows = scan_text("姓名,身份证号\r甲,1\r", &rc, &reached);
	assert_int_equal(rc, 0);
	json_decref(rows);
}

/* scan_agrees() on the file at path, as the reader would open it. */
static int
file_agrees(const char *path, int *scanned)
{
	struct la_read_opts opts;
	FILE *fp = fopen(path, "rb");
	int same;

	assert_non_null(fp);
	memset(&opts, 0, sizeof(opts));
	same = scan_agrees(fp, &opts, scanned);
	for (int threads = 2; threads <= 3; threads++)
		for (size_t span = 13; span < 2000; span = span * 7 + 3)
			if (!scan_threads_agree(fp, &opts, threads, span))
				fail_msg("%s: %d threads, spans of %zu: rows "
				    "differ", path, threads, span);
	fclose(fp);
	return same;
}

/* A temporary regular file holding text, which the threads need. */
static FILE *
file_of(const char *text, size_t len)
{
	FILE *fp = tmpfile();

	assert_non_null(fp);
	assert_int_equal(fwrite(text, 1, len, fp), len);
	assert_int_equal(fflush(fp), 0);
	rewind(fp);
	return fp;
}

/* Asserts that the scan in threads agrees with one thread on text. */
static void
assert_threads_agree(const char *text, size_t span)
{
	struct la_read_opts opts;
	FILE *fp = file_of(text, strlen(text));

	memset(&opts, 0, sizeof(opts));
	for (int threads = 2; threads <= 3; threads++)
		if (!scan_threads_agree(fp, &opts, threads, span))
			fail_msg("%d threads, spans of %zu: rows differ",
			    threads, span);
	fclose(fp);
}

/*
 * Spans start after a line end, as if no quoted value spanned it. Where
 * one does, even one longer than a span, the rows must come out as in
 * one thread. So must they when the scan gives up in a later span, and
 * for an input with a BOM, valid or not.
 */
static void
test_threads_split_quoted_lines(void **state)
{
	char text[8192], *p = text;

	(void)state;
	p += sprintf(p, HEAD);
	for (int i = 0; i < 40; i++)
		p += sprintf(p, "%s,%018d,%017d,%s\n", i % 3 ? "name" :
		    "\"a\nb\nc\nd\ne\nf\ng\nh\ni\nj\nk\nl\nm\"", i, 40 - i,
		    i % 5 ? "x" : "\"y\n\n\nz\"");
	for (size_t span = 1; span <= 64; span = span * 2 + 1)
		assert_threads_agree(text, span);
	/* A bare quote on row 30 ends the scan in a later span. */
	sprintf(text + strlen(text) - 40, "x\"y,1,2,3\n5,6,7,8\n");
	for (size_t span = 1; span <= 64; span = span * 2 + 1)
		assert_threads_agree(text, span);
	memmove(text + 3, text, strlen(text) + 1);
	memcpy(text, "\xEF\xBB\xBF", 3);
	assert_threads_agree(text, 5);
	text[200] = (char)0xFF;
	assert_threads_agree(text, 5);
}

static void
test_agrees_with_reader(void **state)
{
	static const char *const dirs[] = {
	    INPUTS, SUITES "csv-spectrum/csvs/", "examples/"
	};
	char path[512];
	int files = 0, whole = 0, scanned;

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
			if (!file_agrees(path, &scanned))
				fail_msg("%s: scan and reader differ", path);
			files++;
			whole += scanned == 1;
		}
		closedir(d);
	}
	/*
	 * Most sheets are plain enough to be scanned whole; the faulty ones
	 * of tests/data/inputs are the exceptions.
	 */
	assert_true(files >= 20);
	assert_true(whole >= files / 2);
	assert_true(file_agrees("examples/applications-2024.csv", &scanned));
	assert_int_equal(scanned, 1);
	assert_true(file_agrees("examples/applications-2024-gbk.csv",
	    &scanned));
	assert_int_equal(scanned, 1);
}

static void
test_long_sheet(void **state)
{
	struct la_read_opts opts;
	char *text, *p;
	size_t size = 3000 * 200;
	FILE *fp;
	int scanned;
	json_t *rows;
	long reached;

	(void)state;
	assert_non_null(text = malloc(size));
	p = text + sprintf(text, HEAD);
	/* Every seventh row has a line end in its name, so rows cross the
	 * reader's 256 KiB blocks at every kind of place. */
	for (int i = 0; i < 3000; i++)
		p += sprintf(p, "%s,%018d,%017d,%s\n", i % 7 ? "name" :
		    "\"two\nlines\"", i, 3000 - i, i % 5 ? "remark" :
		    "\"a, \"\"b\"\"\"");
	assert_non_null(fp = fmemopen(text, (size_t)(p - text), "rb"));
	assert_true(scan_agrees(fp, memset(&opts, 0, sizeof(opts)),
	    &scanned));
	assert_int_equal(scanned, 1);
	rows = scan_rows_of(fp, &opts, &scanned, &reached);
	assert_int_equal(json_array_size(rows), 3000);
	/* Row i starts on line 2 + i + (rows before it with two lines). */
	assert_int_equal(json_integer_value(json_array_get(json_array_get(
	    rows, 2999), 0)), 2 + 2999 + (2999 + 6) / 7);
	json_decref(rows);
	fclose(fp);
	free(text);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plain_rows),
		cmocka_unit_test(test_quotes_and_lines),
		cmocka_unit_test(test_blank_short_and_last_rows),
		cmocka_unit_test(test_rows_in_blocks),
		cmocka_unit_test(test_gives_up),
		cmocka_unit_test(test_not_scanned),
		cmocka_unit_test(test_agrees_with_reader),
		cmocka_unit_test(test_long_sheet),
		cmocka_unit_test(test_threads_split_quoted_lines),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
