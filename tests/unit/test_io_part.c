/* SPDX-License-Identifier: MIT */
/*
 * Reading a CSV input in parts (io.h). The marks of small inputs are
 * worked out by hand. On every CSV file of the test data and on a long
 * generated sheet, reading in parts between marks of many spacings must
 * give what reading the file whole gives. That covers records, lines,
 * findings, warnings and errors, in order.
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

#include "io_impl.h"
#include "io_test.h"
#include "../fuzz/parts.h"

/* A temporary regular file holding text, since parts need a mapped file. */
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

/* Scans text for marks every every bytes; returns the scan's result. */
static int
marks_of(const char *text, size_t every, struct la_marks *m)
{
	struct la_read_opts opts;
	FILE *fp = file_of(text, strlen(text));
	int utf8, rc;

	memset(&opts, 0, sizeof(opts));
	m->every = every;
	rc = parts_scan(fp, &opts, m, 1, 0, &utf8);
	fclose(fp);
	return rc;
}

static void
assert_mark(const struct la_marks *m, size_t i, size_t off, long line)
{
	assert_true(i < m->n);
	assert_int_equal(m->v[i].off, off);
	assert_int_equal(m->v[i].line, line);
}

/* Rows of 8 bytes after a header of 6: "a,b,c\n" then "1,22,33\n"... */
static void
test_marks_every_row(void **state)
{
	struct la_marks m = { 0 };

	(void)state;
	assert_int_equal(marks_of("a,b,c\n1,22,33\n4,55,66\n7,88,99\n", 1,
	    &m), 1);
	assert_int_equal(m.n, 4);
	assert_mark(&m, 0, 6, 2);
	assert_mark(&m, 1, 14, 3);
	assert_mark(&m, 2, 22, 4);
	/* The end of the input, after the last row's line end. */
	assert_mark(&m, 3, 30, 5);
	la_marks_free(&m);
}

/* A mark needs every bytes since the last one, so rows are skipped. */
static void
test_marks_spacing(void **state)
{
	struct la_marks m = { 0 };

	(void)state;
	assert_int_equal(marks_of("a,b,c\n1,22,33\n4,55,66\n7,88,99\n", 9,
	    &m), 1);
	assert_int_equal(m.n, 3);
	assert_mark(&m, 0, 6, 2);
	/* 14 is 8 bytes past 6, too close; 22 is 16 past. */
	assert_mark(&m, 1, 22, 4);
	assert_mark(&m, 2, 30, 5);
	la_marks_free(&m);
}

/*
 * A quoted line end is inside a row, so no mark falls there, and the
 * lines count it. A UTF-8 BOM is counted in the offsets.
 */
static void
test_marks_quoted_line_end(void **state)
{
	struct la_marks m = { 0 };

	(void)state;
	assert_int_equal(marks_of("\xEF\xBB\xBF" "a,b\n\"x\ny\",1\n2,3\n", 1,
	    &m), 1);
	assert_int_equal(m.n, 3);
	assert_mark(&m, 0, 7, 2);
	assert_mark(&m, 1, 15, 4);
	assert_mark(&m, 2, 19, 5);
	la_marks_free(&m);
}

/*
 * Where the scan gives up, at the bare quote of line 3, the marks stop
 * before that row, and there is no mark at the end.
 */
static void
test_marks_stop_where_scan_gives_up(void **state)
{
	struct la_marks m = { 0 };

	(void)state;
	assert_int_equal(marks_of("a,b\n1,2\n3,x\"y\n5,6\n", 1, &m), 0);
	assert_int_equal(m.n, 2);
	assert_mark(&m, 0, 4, 2);
	assert_mark(&m, 1, 8, 3);
	la_marks_free(&m);
}

/*
 * Marks from the scan in threads come every 16 KiB or a little more,
 * never twice that, also where a span's first row falls too close to the
 * mark before.
 */
static void
test_marks_spacing_in_threads(void **state)
{
	size_t size = 3 * 1024 * 1024, every = 16384, gaps = 0;
	struct la_marks m = { NULL, 0, 0, every };
	struct la_read_opts opts;
	char *text = malloc(size + 200), *p;
	FILE *fp;
	int utf8;

	(void)state;
	assert_non_null(text);
	p = text + sprintf(text, "姓名,身份证号,执业证号,备注\n");
	for (int i = 0; (size_t)(p - text) < size; i++)
		p += sprintf(p, "name%d,%018d,%017d,%.*s\n", i, i, i, i % 40,
		    "remark remark remark remark remark remark");
	fp = file_of(text, (size_t)(p - text));
	memset(&opts, 0, sizeof(opts));
	assert_int_equal(parts_scan(fp, &opts, &m, 2, 65536, &utf8), 1);
	assert_true(m.n > 100);
	for (size_t i = 1; i + 1 < m.n; i++) {
		size_t gap = m.v[i].off - m.v[i - 1].off;

		/* At least every; at most a quarter more and one row. */
		assert_true(gap >= every);
		assert_true(gap <= every + every / 4 + 120);
		gaps++;
	}
	assert_true(gaps > 100);
	fclose(fp);
	la_marks_free(&m);
	free(text);
}

/* A stream that is not a mapped file gets no marks. */
static void
test_no_marks_without_map(void **state)
{
	static const char text[] = "a,b\n1,2\n3,4\n";
	struct la_marks m = { NULL, 0, 0, 1 };
	struct la_read_opts opts;
	FILE *fp = fmemopen((void *)(uintptr_t)text, strlen(text), "rb");
	int utf8;

	(void)state;
	assert_non_null(fp);
	memset(&opts, 0, sizeof(opts));
	assert_int_equal(parts_scan(fp, &opts, &m, 1, 0, &utf8), 1);
	assert_int_equal(m.n, 0);
	fclose(fp);
	la_marks_free(&m);
}

/* Parts of a GB18030 input cannot be read: it is converted. */
static void
test_no_marks_when_converted(void **state)
{
	struct la_marks m = { 0 };

	(void)state;
	/* "\xD0\xD5\xC3\xFB" is 姓名 in GB18030, invalid as UTF-8. */
	assert_int_equal(marks_of("\xD0\xD5\xC3\xFB,b\n1,2\n", 1, &m), 1);
	assert_int_equal(m.n, 0);
	la_marks_free(&m);
}

/*
 * Asserts that the parts of text agree with the whole at each spacing,
 * with marks from the scan in one thread and in threads of tiny spans,
 * with rows padded and not.
 */
static void
assert_parts_agree(const char *text, size_t len, size_t *most)
{
	static const size_t spacing[] = { 1, 2, 5, 13, 64, 1000, 100000 };
	static const struct {
		int threads;
		size_t span;
	} scans[] = { { 1, 0 }, { 2, 7 }, { 3, 300 } };
	struct la_read_opts opts;
	FILE *fp = file_of(text, len);
	size_t nparts;

	memset(&opts, 0, sizeof(opts));
	for (size_t i = 0; i < sizeof(spacing) / sizeof(spacing[0]); i++) {
		for (size_t k = 0; k < sizeof(scans) / sizeof(scans[0]); k++) {
			/* Spans of a few bytes only for short texts. */
			size_t span = len > 4096 && scans[k].span < 100 ?
			    4096 : scans[k].span;

			for (int pad = 0; pad <= 1; pad++) {
				opts.pad = pad;
				if (!parts_agree(fp, &opts, spacing[i],
				    scans[k].threads, span, &nparts))
					fail_msg("parts every %zu bytes "
					    "differ, scan in %d threads",
					    spacing[i], scans[k].threads);
				if (nparts > *most)
					*most = nparts;
			}
		}
	}
	fclose(fp);
}

/*
 * A header ended by a CR that is the last byte of the reader's first
 * block leaves the rest of its line to the next row, so no mark can be
 * a row start and the input is read whole.
 */
static void
test_header_ends_at_block_end(void **state)
{
	size_t len = LA_IO_CHUNK + 16, most = 0;
	char *text = malloc(len + 1);
	struct la_marks m = { 0 };

	(void)state;
	assert_non_null(text);
	memset(text, 'a', LA_IO_CHUNK - 1);
	strcpy(text + LA_IO_CHUNK - 1, "\rb,c\n1,2\n3,4\n");
	assert_int_equal(marks_of(text, 1, &m), 0);
	assert_int_equal(m.n, 0);
	assert_parts_agree(text, strlen(text), &most);
	assert_int_equal(most, 0);
	la_marks_free(&m);
	free(text);
}


/* Warnings, findings and extra columns raised inside parts. */
static void
test_parts_of_faulty_rows(void **state)
{
	static const char *const texts[] = {
	    "a,,c\n1,,3\n4,x,6\n\n  \n,,\n7,8\n9,10,11,12\n13,14,15\n",
	    "a,b\n1,2\n\n\n\n3,4\n,\n5,6\n",
	    "a,b\r\n1,2\r\n3,\"q\"\"r\"\r\n\r\n5,6\r\n",
	    "a,b\n1,2\n3,4",
	    "a,b\n1,2\n3,\"open\n",
	    "a,b\n1,2\n3,4\n5,x\"y\n6,7\n",
	};
	size_t most = 0;

	(void)state;
	for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++)
		assert_parts_agree(texts[i], strlen(texts[i]), &most);
	/* Spacing 1 splits the first text into a part a row. */
	assert_true(most >= 8);
}

/* Parts of every CSV file of the test data and the examples. */
static void
test_parts_of_test_files(void **state)
{
	static const char *const dirs[] = {
	    INPUTS, SUITES "csv-spectrum/csvs/", "examples/",
	    "tests/data/validate/"
	};
	char path[512];
	size_t most = 0;
	int files = 0;

	(void)state;
	for (size_t i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++) {
		DIR *d = opendir(dirs[i]);
		struct dirent *e;

		assert_non_null(d);
		while ((e = readdir(d)) != NULL) {
			char *text;
			size_t len;

			if (strstr(e->d_name, ".csv") == NULL)
				continue;
			snprintf(path, sizeof(path), "%s%s", dirs[i],
			    e->d_name);
			text = io_slurp(path, &len);
			assert_parts_agree(text, len, &most);
			free(text);
			files++;
		}
		closedir(d);
	}
	assert_true(files >= 20);
	assert_true(most >= 50);
}

/*
 * A sheet of 3,000 rows, some with quoted line ends and quotes, crosses
 * the reader's 256 KiB slices at every kind of place.
 */
static void
test_parts_of_long_sheet(void **state)
{
	size_t size = 3000 * 200, most = 0;
	char *text, *p;

	(void)state;
	assert_non_null(text = malloc(size));
	p = text + sprintf(text, "姓名,身份证号,执业证号,备注\n");
	for (int i = 0; i < 3000; i++)
		p += sprintf(p, "%s,%018d,%017d,%s\n", i % 7 ? "name" :
		    "\"two\nlines\"", i, 3000 - i, i % 5 ? "remark" :
		    "\"a, \"\"b\"\"\"");
	assert_parts_agree(text, (size_t)(p - text), &most);
	assert_true(most >= 3000);
	free(text);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_marks_every_row),
		cmocka_unit_test(test_marks_spacing),
		cmocka_unit_test(test_marks_quoted_line_end),
		cmocka_unit_test(test_marks_stop_where_scan_gives_up),
		cmocka_unit_test(test_marks_spacing_in_threads),
		cmocka_unit_test(test_no_marks_without_map),
		cmocka_unit_test(test_no_marks_when_converted),
		cmocka_unit_test(test_header_ends_at_block_end),
		cmocka_unit_test(test_parts_of_faulty_rows),
		cmocka_unit_test(test_parts_of_test_files),
		cmocka_unit_test(test_parts_of_long_sheet),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
