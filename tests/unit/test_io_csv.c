/* SPDX-License-Identifier: MIT */
/*
 * CSV reading: the cases of tests/data/inputs whose expected result is a
 * behaviour (a warning, a finding, an error with its line), and edge
 * cases of our own. Expected texts and lines come from the case table and
 * the files.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "io_test.h"

static const char *
first_name(const char *path)
{
	static char name[64];
	struct la_read_opts o;
	struct la_error err;
	struct la_reader *rd;
	FILE *fp = fopen(path, "rb");

	memset(&o, 0, sizeof(o));
	la_error_clear(&err);
	assert_non_null(fp);
	rd = la_reader_open(fp, path, &o, &err);
	assert_non_null(rd);
	snprintf(name, sizeof(name), "%s", la_reader_header(rd)->names[0]);
	la_reader_close(rd);
	fclose(fp);
	return name;
}

static void
test_bom_removed(void **state)
{
	(void)state;
	assert_string_equal(first_name(INPUTS "01-bom-crlf-roster.csv"),
	    "姓名");
	/* The BOM goes before the parser reads "姓名" in quotes. */
	assert_string_equal(first_name(INPUTS "02-bom-quoted-header.csv"),
	    "姓名");
}

static void
test_crlf_no_cr_in_values(void **state)
{
	struct io_run run;
	const char *key;
	json_t *rec, *v;
	size_t i;

	(void)state;
	io_read_file(INPUTS "01-bom-crlf-roster.csv", NULL, &run);
	assert_int_equal(run.failed, 0);
	assert_int_equal(json_array_size(run.records), 4);
	json_array_foreach(run.records, i, rec) {
		json_object_foreach(rec, key, v) {
			const char *s = json_string_value(v);

			assert_false(strlen(s) > 0 && s[strlen(s) - 1] == '\r');
		}
	}
	assert_string_equal(io_value(&run, 0, "是否值班"), "是");
	assert_string_equal(io_value(&run, 1, "是否值班"), "否");
	io_run_free(&run);
}

static void
test_empty_rows_skipped(void **state)
{
	struct io_run run;

	(void)state;
	io_read_file(INPUTS "04-gbk-trailing-empty-rows.csv", NULL, &run);
	assert_int_equal(run.failed, 0);
	assert_int_equal(json_array_size(run.records), 2);
	/* The file ends in three rows of 12 commas and two blank lines. */
	assert_true(io_has_text(run.warnings,
	    "skipped rows with every field empty: 3, blank lines: 2"));
	io_run_free(&run);
}

static void
test_no_final_newline(void **state)
{
	struct io_run run;

	(void)state;
	io_read_file(INPUTS "10-no-final-newline.csv", NULL, &run);
	assert_int_equal(json_array_size(run.records), 3);
	assert_string_equal(io_value(&run, 2, "联系电话"), "13900000003");
	io_run_free(&run);
}

static void
test_embedded_newline_lines(void **state)
{
	struct io_run run;

	(void)state;
	io_read_file(INPUTS "11-embedded-newline-address.csv", NULL, &run);
	assert_int_equal(json_array_size(run.records), 3);
	/* Row 1 spans lines 2-3, row 2 is line 4, row 3 starts on line 5. */
	assert_int_equal(json_integer_value(json_array_get(run.lines, 0)), 2);
	assert_int_equal(json_integer_value(json_array_get(run.lines, 1)), 4);
	assert_int_equal(json_integer_value(json_array_get(run.lines, 2)), 5);
	io_run_free(&run);
}

static void
test_bare_quote_kept(void **state)
{
	struct io_run run;

	(void)state;
	io_read_file(INPUTS "13-bare-quote-in-unquoted-field.csv", NULL, &run);
	assert_int_equal(run.failed, 0);
	assert_int_equal(json_array_size(run.records), 2);
	assert_string_equal(io_value(&run, 0, "通讯地址"),
	    "示例市东城区幸福路12号B座(俗称\"红楼\")");
	assert_string_equal(io_value(&run, 0, "是否值班"), "是");
	assert_true(io_has_text(run.warnings, "2: quote character inside "
	    "unquoted field 通讯地址"));
	io_run_free(&run);
}

static void
test_unterminated_quote(void **state)
{
	struct io_run run;

	(void)state;
	io_read_file(INPUTS "15-unterminated-quote-eof.csv", NULL, &run);
	assert_int_equal(run.failed, 2);
	assert_int_equal(run.err.code, LA_ERR_SYNTAX);
	assert_int_equal(run.err.line, 3);
	assert_string_equal(run.err.text,
	    "unterminated quoted field starting at line 3");
	assert_string_equal(run.err.field, "通讯地址");
	/* The row before it was read; the swallowed rows were not. */
	assert_int_equal(json_array_size(run.records), 1);
	io_run_free(&run);
}

static void
test_too_few_fields(void **state)
{
	struct io_run run;
	json_t *rec;

	(void)state;
	io_read_file(INPUTS "16-too-few-fields.csv", NULL, &run);
	assert_int_equal(run.failed, 0);
	assert_int_equal(json_array_size(run.records), 4);
	assert_int_equal(json_array_size(run.findings), 2);
	assert_true(io_has_text(run.findings,
	    "line 3 has 11 fields, but the header has 13"));
	assert_true(io_has_text(run.findings,
	    "line 4 has 6 fields, but the header has 13"));
	/* The values read stay in their columns; none is invented. */
	rec = json_array_get(run.records, 2);
	assert_int_equal(json_object_size(rec), 6);
	assert_string_equal(io_value(&run, 2, "执业年限"), "20");
	assert_null(io_value(&run, 2, "执业单位"));
	io_run_free(&run);
}

static void
test_too_few_fields_padded(void **state)
{
	struct la_read_opts o;
	struct io_run run;

	(void)state;
	memset(&o, 0, sizeof(o));
	o.pad = 1;
	io_read_file(INPUTS "16-too-few-fields.csv", &o, &run);
	assert_int_equal(json_array_size(run.findings), 0);
	assert_int_equal(json_object_size(json_array_get(run.records, 2)),
	    13);
	assert_string_equal(io_value(&run, 2, "执业单位"), "");
	assert_string_equal(io_value(&run, 1, "服务意向"), "");
	assert_true(io_has_text(run.warnings, "3: row has 11 fields"));
	assert_true(io_has_text(run.warnings, "4: row has 6 fields"));
	io_run_free(&run);
}

static void
test_too_many_fields(void **state)
{
	struct io_run run;

	(void)state;
	io_read_file(INPUTS "17-too-many-fields.csv", NULL, &run);
	assert_int_equal(json_array_size(run.records), 3);
	assert_int_equal(json_array_size(run.findings), 2);
	/* The finding quotes the extra values, for output with no column. */
	assert_string_equal(json_string_value(json_array_get(run.findings, 0)),
	    "line 3 has 5 fields, but the header has 4; an unquoted comma "
	    "inside a value splits it, so quote that value (the values from "
	    "column 5 on are \"否\")");
	assert_string_equal(json_string_value(json_array_get(run.findings, 1)),
	    "line 4 has 5 fields, but the header has 4; an unquoted comma "
	    "inside a value splits it, so quote that value (the values from "
	    "column 5 on are \"是\")");
	/* Nothing is dropped: the fifth value is kept. */
	assert_string_equal(io_value(&run, 1, "服务意向"), "刑事辩护");
	assert_string_equal(io_value(&run, 1, "是否值班"), "民事代理");
	assert_string_equal(io_value(&run, 1, "column_5"), "否");
	assert_string_equal(io_value(&run, 2, "column_5"), "是");
	io_run_free(&run);
}

/*
 * The extra values of a row are quoted, joined with ", ", and cut after
 * 200 bytes at a character's start, with "…" after the cut.
 */
static void
test_extra_values_cut(void **state)
{
	char text[1024], want[512];
	char long_value[301];
	struct io_run run;
	size_t n;

	(void)state;
	/* 100 characters of 3 bytes. */
	for (size_t i = 0; i < 100; i++)
		memcpy(long_value + 3 * i, "汉", 3);
	long_value[300] = '\0';
	n = (size_t)snprintf(text, sizeof(text), "a,b\nx,y,p,%s\n",
	    long_value);
	io_read_text(text, n, NULL, &run);
	assert_int_equal(json_array_size(run.findings), 1);
	/*
	 * "p", " takes 6 bytes, so 194 remain: 64 characters (192 bytes)
	 * and 2 bytes of the 65th, which are cut with it.
	 */
	memcpy(want, "the values from column 3 on are \"p\", \"", 38);
	for (size_t i = 0; i < 64; i++)
		memcpy(want + 38 + 3 * i, "汉", 3);
	memcpy(want + 38 + 192, "…)", sizeof("…)"));
	assert_true(io_has_text(run.findings, want));
	assert_string_equal(io_value(&run, 0, "column_4"), long_value);
	io_run_free(&run);
}

/* 200 bytes of quoted values are shown whole; 201 are cut. */
static void
test_extra_values_limit(void **state)
{
	char text[512], want[512], value[200];
	struct io_run run;
	size_t n;

	(void)state;
	memset(value, 'v', sizeof(value));
	/* The quotes and 198 bytes make 200. */
	n = (size_t)snprintf(text, sizeof(text), "a\nx,%.198s\n", value);
	io_read_text(text, n, NULL, &run);
	snprintf(want, sizeof(want), "are \"%.198s\")", value);
	assert_true(io_has_text(run.findings, want));
	io_run_free(&run);
	/* With 199, the closing quote is the byte past the limit. */
	n = (size_t)snprintf(text, sizeof(text), "a\nx,%.199s\n", value);
	io_read_text(text, n, NULL, &run);
	snprintf(want, sizeof(want), "are \"%.199s…)", value);
	assert_true(io_has_text(run.findings, want));
	io_run_free(&run);
}

static void
test_unnamed_empty_column_dropped(void **state)
{
	struct io_run run;
	json_t *rec;
	size_t i;

	(void)state;
	io_read_file(INPUTS "18-trailing-comma-empty-header.csv", NULL, &run);
	assert_int_equal(run.failed, 0);
	assert_int_equal(json_array_size(run.records), 2);
	json_array_foreach(run.records, i, rec) {
		assert_int_equal(json_object_size(rec), 4);
		assert_null(json_object_get(rec, ""));
	}
	assert_true(io_has_text(run.warnings, "column 5 has no name"));
	assert_int_equal(json_array_size(run.findings), 0);
	io_run_free(&run);
}

static void
test_unnamed_column_with_data(void **state)
{
	static const char text[] = "姓名,是否值班,\n陈思远,是,备注\n"
	    "林晓雯,否,\n";
	struct io_run run;

	(void)state;
	io_read_text(text, sizeof(text) - 1, NULL, &run);
	assert_int_equal(json_array_size(run.records), 2);
	assert_string_equal(io_value(&run, 0, "column_3"), "备注");
	assert_null(json_object_get(json_array_get(run.records, 0), ""));
	assert_null(io_value(&run, 1, "column_3"));
	assert_int_equal(json_array_size(run.findings), 1);
	assert_string_equal(json_string_value(json_array_get(run.findings, 0)),
	    "line 2: column 3 has no name in the header; its value is "
	    "\"备注\"");
	io_run_free(&run);
}

/*
 * A header that names a column column_N itself: an unnamed column and an
 * extra value at that position get column_N_2 rather than the same name.
 */
static void
test_column_n_taken(void **state)
{
	static const char text[] = "column_2,,column_4\na,b,c\nd,e,f,g\n";
	struct io_run run;

	(void)state;
	io_read_text(text, sizeof(text) - 1, NULL, &run);
	assert_int_equal(run.failed, 0);
	assert_int_equal(json_array_size(run.records), 2);
	assert_string_equal(io_value(&run, 0, "column_2"), "a");
	assert_string_equal(io_value(&run, 0, "column_2_2"), "b");
	assert_string_equal(io_value(&run, 0, "column_4"), "c");
	assert_string_equal(io_value(&run, 1, "column_4"), "f");
	assert_string_equal(io_value(&run, 1, "column_4_2"), "g");
	io_run_free(&run);
}

/* Named columns after an unnamed one keep their names. */
static void
test_unnamed_column_in_middle(void **state)
{
	static const char text[] = "姓名,,是否值班\n陈思远,x,是\n"
	    "林晓雯,,否\n";
	struct io_run run;

	(void)state;
	io_read_text(text, sizeof(text) - 1, NULL, &run);
	assert_int_equal(json_array_size(run.records), 2);
	assert_string_equal(io_value(&run, 0, "姓名"), "陈思远");
	assert_string_equal(io_value(&run, 0, "column_2"), "x");
	assert_string_equal(io_value(&run, 0, "是否值班"), "是");
	assert_string_equal(io_value(&run, 1, "姓名"), "林晓雯");
	assert_null(io_value(&run, 1, "column_2"));
	assert_string_equal(io_value(&run, 1, "是否值班"), "否");
	assert_int_equal(json_array_size(run.findings), 1);
	assert_true(io_has_text(run.findings,
	    "line 2: column 2 has no name"));
	io_run_free(&run);
}

static void
test_duplicate_header(void **state)
{
	struct io_run run;

	(void)state;
	io_read_file(INPUTS "19-duplicate-header-names.csv", NULL, &run);
	assert_int_equal(run.failed, 1);
	assert_int_equal(run.err.code, LA_ERR_HEADER);
	assert_int_equal(run.err.line, 1);
	assert_non_null(strstr(run.err.text, "columns 2 and 3"));
	assert_non_null(strstr(run.err.text, "联系电话"));
	io_run_free(&run);
}

static void
test_fullwidth_comma_header(void **state)
{
	struct io_run run;

	(void)state;
	io_read_file(INPUTS "20-fullwidth-comma-delimiter.csv", NULL, &run);
	assert_int_equal(run.failed, 1);
	assert_int_equal(run.err.line, 1);
	assert_string_equal(run.err.text, "header has 1 column and contains "
	    "'，' (U+FF0C); use ASCII commas");
	io_run_free(&run);
}

static void
test_whitespace_values(void **state)
{
	struct io_run run;

	(void)state;
	io_read_file(INPUTS "21-whitespace-fullwidth-space.csv", NULL, &run);
	assert_int_equal(json_array_size(run.records), 4);
	/* Unquoted: ASCII spaces and tabs go, as libcsv does by default. */
	assert_string_equal(io_value(&run, 0, "姓名"), "陈思远");
	assert_string_equal(io_value(&run, 0, "联系电话"), "13900000001");
	assert_string_equal(io_value(&run, 2, "是否值班"), "是");
	/* U+3000 and U+00A0 stay for normalisation to report. */
	assert_string_equal(io_value(&run, 1, "姓名"), "　林晓雯　");
	assert_string_equal(io_value(&run, 1, "联系电话"),
	    "13900000002\xC2\xA0");
	assert_string_equal(io_value(&run, 2, "姓名"), "王　　建");
	/* Quoted values keep their spaces; a space before a quote goes. */
	assert_string_equal(io_value(&run, 3, "姓名"), "  赵丽娟  ");
	assert_string_equal(io_value(&run, 3, "联系电话"), "13900000004");
	io_run_free(&run);
}

static void
test_long_field(void **state)
{
	struct io_run run;
	const char *v;

	(void)state;
	io_read_file(INPUTS "23-very-long-field.csv", NULL, &run);
	assert_int_equal(json_array_size(run.records), 2);
	v = io_value(&run, 0, "服务意向");
	assert_int_equal(strlen(v), 139998);
	assert_int_equal(json_string_length(json_object_get(
	    json_array_get(run.records, 0), "服务意向")), 139998);
	io_run_free(&run);
}

static void
test_header_column_limit(void **state)
{
	size_t n = LA_IO_MAX_COLUMNS + 1, len = 0;
	char *text = malloc(n * 8 + 8);
	struct io_run run;

	(void)state;
	for (size_t i = 0; i < n; i++)
		len += (size_t)sprintf(text + len, "%sc%zu", i ? "," : "", i);
	len += (size_t)sprintf(text + len, "\n");
	io_read_text(text, len, NULL, &run);
	assert_int_equal(run.failed, 1);
	assert_int_equal(run.err.code, LA_ERR_LIMIT);
	assert_non_null(strstr(run.err.text, "16384"));
	io_run_free(&run);
	free(text);
}

static void
test_quote_not_doubled(void **state)
{
	static const char text[] = "姓名,通讯地址\n陈思远,\"幸福路\"12号\"\n";
	struct io_run run;

	(void)state;
	io_read_text(text, sizeof(text) - 1, NULL, &run);
	assert_int_equal(run.failed, 2);
	assert_int_equal(run.err.code, LA_ERR_SYNTAX);
	assert_int_equal(run.err.line, 2);
	assert_string_equal(run.err.field, "通讯地址");
	assert_int_equal(json_array_size(run.records), 0);
	io_run_free(&run);
}

/*
 * A quote opened on line 2 and never closed takes in the line ends until
 * the quote before "示例路3号" on line 4, which is followed by text. The
 * error names the line where the value opened, its column and line 4.
 */
static void
test_unterminated_then_quote(void **state)
{
	static const char text[] = "姓名,通讯地址,备注\n"
	    "陈思远,示例路1号,\"未闭合\n"
	    "林晓雯,示例路2号,无\n"
	    "王建国,\"示例路3号,A座\",无\n"
	    "赵丽娟,示例路4号,无\n";
	struct io_run run;

	(void)state;
	io_read_text(text, sizeof(text) - 1, NULL, &run);
	assert_int_equal(run.failed, 2);
	assert_int_equal(run.err.code, LA_ERR_SYNTAX);
	assert_int_equal(run.err.line, 2);
	assert_string_equal(run.err.field, "备注");
	assert_string_equal(run.err.text, "unterminated quoted field starting "
	    "at line 2: the value of 备注 runs on to line 4, where a quote "
	    "inside it is not doubled; close the value's quote, or write "
	    "\"\" for a quote inside quotes");
	/* The row of line 2 never ended, so no record was read. */
	assert_int_equal(json_array_size(run.records), 0);
	io_run_free(&run);
}

/* The same with the first field of a row, and with CR line ends. */
static void
test_unterminated_first_field(void **state)
{
	static const char lf[] = "a,b\n1,2\n\"x\n3,4\n\"y\"z,5\n";
	static const char cr[] = "a,b\r1,\"x\r2,\"y\"z\r";
	struct io_run run;

	(void)state;
	io_read_text(lf, sizeof(lf) - 1, NULL, &run);
	assert_int_equal(run.failed, 2);
	assert_int_equal(run.err.line, 3);
	assert_string_equal(run.err.field, "a");
	assert_non_null(strstr(run.err.text, "starting at line 3: the value "
	    "of a runs on to line 5,"));
	assert_int_equal(json_array_size(run.records), 1);
	io_run_free(&run);
	io_read_text(cr, sizeof(cr) - 1, NULL, &run);
	assert_int_equal(run.failed, 2);
	assert_int_equal(run.err.line, 2);
	assert_string_equal(run.err.field, "b");
	assert_non_null(strstr(run.err.text, "starting at line 2: the value "
	    "of b runs on to line 3,"));
	io_run_free(&run);
}

/*
 * A value on two lines that is closed, then a quote not doubled in a
 * value that opened on its line: that quote is the fault, on line 3.
 */
static void
test_quote_not_doubled_after_multiline(void **state)
{
	static const char text[] = "a,b\n\"x\ny\",\"p\"q\"\n";
	struct io_run run;

	(void)state;
	io_read_text(text, sizeof(text) - 1, NULL, &run);
	assert_int_equal(run.failed, 2);
	assert_int_equal(run.err.line, 3);
	assert_string_equal(run.err.field, "b");
	assert_string_equal(run.err.text, "quote inside the quoted value of b "
	    "is not doubled; write \"\" for a quote inside quotes");
	io_run_free(&run);
}

static void
test_cr_line_ends(void **state)
{
	static const char text[] = "a,b\r1,2\r\r3,\"x\ry\"\r5,6";
	struct io_run run;

	(void)state;
	io_read_text(text, sizeof(text) - 1, NULL, &run);
	assert_int_equal(run.failed, 0);
	assert_int_equal(json_array_size(run.records), 3);
	assert_string_equal(io_value(&run, 1, "b"), "x\ry");
	assert_int_equal(json_integer_value(json_array_get(run.lines, 0)), 2);
	assert_int_equal(json_integer_value(json_array_get(run.lines, 1)), 4);
	assert_int_equal(json_integer_value(json_array_get(run.lines, 2)), 6);
	io_run_free(&run);
}

static void
test_tab_separated(void **state)
{
	static const char text[] = "姓名\t服务意向\n"
	    "陈思远\t刑事辩护,民事代理\n";
	struct io_run run;

	(void)state;
	io_read_text(text, sizeof(text) - 1, NULL, &run);
	assert_int_equal(json_array_size(run.records), 1);
	assert_string_equal(io_value(&run, 0, "服务意向"), "刑事辩护,民事代理");
	io_run_free(&run);
}

static void
test_empty_input(void **state)
{
	struct io_run run;

	(void)state;
	io_read_text("\n\n", 2, NULL, &run);
	assert_int_equal(run.failed, 0);
	assert_int_equal(json_array_size(run.records), 0);
	assert_true(io_has_text(run.warnings, "input is empty"));
	io_run_free(&run);
}

static void
test_blank_lines_before_header(void **state)
{
	static const char text[] = "\r\n  \r\n姓名,是否值班\r\n陈思远,是\r\n";
	struct io_run run;

	(void)state;
	io_read_text(text, sizeof(text) - 1, NULL, &run);
	assert_int_equal(json_array_size(run.records), 1);
	assert_string_equal(io_value(&run, 0, "是否值班"), "是");
	assert_int_equal(json_integer_value(json_array_get(run.lines, 0)), 4);
	io_run_free(&run);
}

static void
test_header_names_trimmed(void **state)
{
	static const char text[] = " 姓名　,\xC2\xA0是否值班\t\n陈思远,是\n";
	struct la_read_opts o;
	struct la_error err;
	struct la_reader *rd;
	const struct la_header *h;
	FILE *fp = fmemopen((void *)text, sizeof(text) - 1, "rb");

	(void)state;
	memset(&o, 0, sizeof(o));
	la_error_clear(&err);
	rd = la_reader_open(fp, "text", &o, &err);
	assert_non_null(rd);
	h = la_reader_header(rd);
	assert_int_equal(h->ncols, 2);
	assert_string_equal(h->names[0], "姓名");
	assert_string_equal(h->names[1], "是否值班");
	assert_int_equal(h->ids[0], LA_F_NAME);
	assert_int_equal(h->ids[1], LA_F_DUTY);
	la_reader_close(rd);
	fclose(fp);
}

static void
test_field_ids(void **state)
{
	static const char text[] = "姓名,备注\n陈思远,无\n";
	struct la_read_opts o;
	struct la_error err;
	struct la_record r;
	struct la_reader *rd;
	FILE *fp = fmemopen((void *)text, sizeof(text) - 1, "rb");

	(void)state;
	memset(&o, 0, sizeof(o));
	la_error_clear(&err);
	la_record_init(&r);
	rd = la_reader_open(fp, "text", &o, &err);
	assert_int_equal(la_reader_format(rd), LA_FORMAT_CSV);
	assert_int_equal(la_reader_next(rd, &r, &err), 1);
	assert_int_equal(r.fields[0].id, LA_F_NAME);
	assert_int_equal(r.fields[1].id, -1);
	assert_int_equal(r.fields[0].kind, LA_KIND_TEXT);
	assert_int_equal(la_reader_next(rd, &r, &err), 0);
	assert_int_equal(la_reader_next(rd, &r, &err), 0);
	la_record_free(&r);
	la_reader_close(rd);
	fclose(fp);
}

static void
test_nul_bytes_kept(void **state)
{
	static const char text[] = "a,b\nx\0y,2\n";
	struct la_read_opts o;
	struct la_error err;
	struct la_record r;
	struct la_reader *rd;
	FILE *fp = fmemopen((void *)text, sizeof(text) - 1, "rb");

	(void)state;
	memset(&o, 0, sizeof(o));
	la_error_clear(&err);
	la_record_init(&r);
	rd = la_reader_open(fp, "text", &o, &err);
	assert_int_equal(la_reader_next(rd, &r, &err), 1);
	assert_int_equal(r.fields[0].len, 3);
	assert_memory_equal(r.fields[0].value, "x\0y", 3);
	la_record_free(&r);
	la_reader_close(rd);
	fclose(fp);
}

/* Many records per chunk, and records that cross chunk boundaries. */
static void
test_many_rows(void **state)
{
	size_t n = 100000, len = 0;
	char *text = malloc(n * 64 + 64);
	struct io_run run;

	(void)state;
	len += (size_t)sprintf(text, "姓名,通讯地址\n");
	for (size_t i = 0; i < n; i++)
		len += (size_t)sprintf(text + len, "人%zu,\"路%zu号\n%zu室\"\n",
		    i, i, i);
	io_read_text(text, len, NULL, &run);
	assert_int_equal(json_array_size(run.records), n);
	assert_string_equal(io_value(&run, n - 1, "通讯地址"),
	    "路99999号\n99999室");
	assert_int_equal(json_integer_value(json_array_get(run.lines,
	    n - 1)), 2 + 2 * (n - 1));
	io_run_free(&run);
	free(text);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bom_removed),
		cmocka_unit_test(test_crlf_no_cr_in_values),
		cmocka_unit_test(test_empty_rows_skipped),
		cmocka_unit_test(test_no_final_newline),
		cmocka_unit_test(test_embedded_newline_lines),
		cmocka_unit_test(test_bare_quote_kept),
		cmocka_unit_test(test_unterminated_quote),
		cmocka_unit_test(test_too_few_fields),
		cmocka_unit_test(test_too_few_fields_padded),
		cmocka_unit_test(test_too_many_fields),
		cmocka_unit_test(test_extra_values_cut),
		cmocka_unit_test(test_extra_values_limit),
		cmocka_unit_test(test_unnamed_empty_column_dropped),
		cmocka_unit_test(test_unnamed_column_with_data),
		cmocka_unit_test(test_unnamed_column_in_middle),
		cmocka_unit_test(test_column_n_taken),
		cmocka_unit_test(test_duplicate_header),
		cmocka_unit_test(test_fullwidth_comma_header),
		cmocka_unit_test(test_whitespace_values),
		cmocka_unit_test(test_long_field),
		cmocka_unit_test(test_header_column_limit),
		cmocka_unit_test(test_quote_not_doubled),
		cmocka_unit_test(test_unterminated_then_quote),
		cmocka_unit_test(test_unterminated_first_field),
		cmocka_unit_test(test_quote_not_doubled_after_multiline),
		cmocka_unit_test(test_cr_line_ends),
		cmocka_unit_test(test_tab_separated),
		cmocka_unit_test(test_empty_input),
		cmocka_unit_test(test_blank_lines_before_header),
		cmocka_unit_test(test_header_names_trimmed),
		cmocka_unit_test(test_field_ids),
		cmocka_unit_test(test_nul_bytes_kept),
		cmocka_unit_test(test_many_rows),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
