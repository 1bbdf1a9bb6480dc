/* SPDX-License-Identifier: MIT */
/*
 * JSON Lines and JSON array reading: the JSON cases of tests/data/inputs,
 * value kinds, positions of errors and findings, and limits. Columns are
 * counted in characters, as jansson counts them.
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

/* Reads text with an explicit format; format 0 detects it. */
static void
read_json(const char *text, enum la_format format, struct io_run *run)
{
	struct la_read_opts o;

	memset(&o, 0, sizeof(o));
	o.format = format;
	io_read_text(text, strlen(text), &o, run);
}

static long
line_of(const struct io_run *run, size_t i)
{
	return (long)json_integer_value(json_array_get(run->lines, i));
}

static void
test_nan_rejected(void **state)
{
	struct io_run run;

	(void)state;
	io_read_file(INPUTS "32-nan-infinity.json", NULL, &run);
	assert_int_equal(run.format, LA_FORMAT_JSON);
	assert_int_equal(run.failed, 2);
	assert_int_equal(run.err.code, LA_ERR_SYNTAX);
	assert_int_equal(run.err.line, 2);
	assert_int_equal(run.err.column, 38);
	assert_non_null(strstr(run.err.text,
	    "NaN/Infinity are not JSON; write null"));
	assert_int_equal(json_array_size(run.records), 0);
	io_run_free(&run);
}

static void
test_duplicate_key_finding(void **state)
{
	struct io_run run;
	const char *raw;

	(void)state;
	io_read_file(INPUTS "33-duplicate-keys.json", NULL, &run);
	assert_int_equal(run.format, LA_FORMAT_JSONL);
	assert_int_equal(run.failed, 0);
	assert_int_equal(json_array_size(run.records), 1);
	assert_int_equal(json_array_size(run.findings), 1);
	assert_string_equal(json_string_value(json_array_get(run.findings, 0)),
	    "33-duplicate-keys.json:6:8: duplicate key \"执业年限\"");
	/* Nothing is lost: the whole text is kept. */
	raw = io_value(&run, 0, "_raw");
	assert_non_null(raw);
	assert_non_null(strstr(raw, "\"执业年限\": 3"));
	assert_non_null(strstr(raw, "\"执业年限\": 13"));
	io_run_free(&run);
}

static void
test_duplicate_key_in_array(void **state)
{
	struct io_run run;

	(void)state;
	read_json("[\n{\"a\":1,\n \"a\":2}\n]\n", 0, &run);
	assert_int_equal(run.failed, 2);
	assert_int_equal(run.err.line, 3);
	assert_int_equal(run.err.column, 4);
	assert_string_equal(run.err.text, "duplicate key \"a\"");
	io_run_free(&run);
	/* On the element's first line the column adds the element's own. */
	read_json("[{\"姓名\":\"陈\"}, "
	    "{\"姓名\":\"林\",\"姓名\":\"王\"}]", 0, &run);
	assert_int_equal(json_array_size(run.records), 1);
	assert_int_equal(run.failed, 2);
	assert_int_equal(run.err.line, 1);
	assert_int_equal(run.err.column, 27);
	io_run_free(&run);
}

static void
test_deep_nesting_line(void **state)
{
	struct io_run run;

	(void)state;
	io_read_file(INPUTS "34-deep-nesting.json", NULL, &run);
	assert_int_equal(run.failed, 0);
	assert_int_equal(json_array_size(run.records), 1);
	assert_non_null(io_value(&run, 0, "_raw"));
	/* Each level is {"下级": (6 characters); level 513 opens at 3073. */
	assert_string_equal(json_string_value(json_array_get(run.findings, 0)),
	    "34-deep-nesting.json:1:3073: nesting too deep (more than 512 "
	    "levels)");
	io_run_free(&run);
}

static void
test_deep_nesting_array(void **state)
{
	size_t len;
	char *deep = io_slurp(INPUTS "34-deep-nesting.json", &len);
	char *text = malloc(len + 3);
	struct io_run run;

	(void)state;
	text[0] = '[';
	memcpy(text + 1, deep, len);
	strcpy(text + 1 + len, "]");
	read_json(text, 0, &run);
	assert_int_equal(run.failed, 2);
	assert_int_equal(run.err.code, LA_ERR_LIMIT);
	assert_int_equal(run.err.line, 1);
	assert_int_equal(run.err.column, 3074);
	assert_string_equal(run.err.text,
	    "nesting too deep (more than 512 levels)");
	io_run_free(&run);
	free(text);
	free(deep);
}

static void
test_blank_lines_skipped(void **state)
{
	static const char *names[] = { "陈思远", "林晓雯", "王建国", "赵丽娟" };
	static const long lines[] = { 1, 3, 6, 8 };
	struct io_run run;

	(void)state;
	io_read_file(INPUTS "35-jsonl-blank-lines.jsonl", NULL, &run);
	assert_int_equal(run.failed, 0);
	assert_int_equal(json_array_size(run.records), 4);
	assert_int_equal(json_array_size(run.findings), 0);
	for (size_t i = 0; i < 4; i++) {
		assert_string_equal(io_value(&run, i, "姓名"), names[i]);
		assert_int_equal(line_of(&run, i), lines[i]);
	}
	/* Line 3 ends in CR LF. */
	assert_string_equal(io_value(&run, 1, "是否值班"), "否");
	io_run_free(&run);
}

static void
test_trailing_comma(void **state)
{
	struct io_run run;

	(void)state;
	io_read_file(INPUTS "36-trailing-comma.json", NULL, &run);
	assert_int_equal(json_array_size(run.records), 1);
	assert_string_equal(json_string_value(json_array_get(run.findings, 0)),
	    "36-trailing-comma.json:2:33: trailing comma before ']'");
	io_run_free(&run);
}

static void
check_config(const char *path, const char *encoding)
{
	struct la_read_opts o;
	struct la_error err;
	struct la_record r;
	struct la_reader *rd;
	FILE *fp = fopen(path, "rb");

	memset(&o, 0, sizeof(o));
	la_error_clear(&err);
	la_record_init(&r);
	assert_non_null(fp);
	assert_non_null(rd = la_reader_open(fp, path, &o, &err));
	assert_string_equal(la_reader_encoding(rd), encoding);
	assert_null(la_reader_header(rd));
	assert_int_equal(la_reader_next(rd, &r, &err), 1);
	assert_int_equal(r.nfields, 2);
	assert_string_equal(r.fields[0].name, "每班人数");
	assert_string_equal(r.fields[0].value, "2");
	assert_int_equal(r.fields[0].kind, LA_KIND_NUMBER);
	assert_string_equal(r.fields[1].name, "值班地点");
	assert_string_equal(r.fields[1].value, "示例市法律援助中心");
	assert_int_equal(r.fields[1].kind, LA_KIND_LIST);
	assert_int_equal(r.nfindings, 0);
	assert_int_equal(la_reader_next(rd, &r, &err), 0);
	la_record_free(&r);
	la_reader_close(rd);
	fclose(fp);
}

static void
test_bom_and_utf16(void **state)
{
	(void)state;
	check_config(INPUTS "38-json-utf8-bom.json", "utf-8");
	check_config(INPUTS "39-json-utf16le-bom.json", "utf-16le");
}

static void
test_nested_values(void **state)
{
	struct io_run run;

	(void)state;
	io_read_file(INPUTS "30-deadline-timezones.json", NULL, &run);
	assert_int_equal(json_array_size(run.records), 1);
	assert_string_equal(io_value(&run, 0, "排班周期"),
	    "{\"开始\":\"2024-03-04\",\"结束\":\"2024-03-10\"}");
	assert_non_null(strstr(io_value(&run, 0, "报名截止"),
	    "{\"批次\":\"F\",\"截止时间\":1709629200}"));
	io_run_free(&run);
}

struct kind_case {
	const char *name;
	enum la_kind kind;
	const char *value;
};

static void
test_value_kinds(void **state)
{
	static const struct kind_case cases[] = {
		{ "s", LA_KIND_TEXT, "x" },
		{ "i", LA_KIND_NUMBER, "-42" },
		{ "r", LA_KIND_NUMBER, "0.1" },
		{ "w", LA_KIND_NUMBER, "1.0" },
		{ "e", LA_KIND_NUMBER, "1e+300" },
		{ "t", LA_KIND_BOOL, "true" },
		{ "f", LA_KIND_BOOL, "false" },
		{ "n", LA_KIND_NULL, "" },
		{ "l", LA_KIND_LIST, "a;b" },
		{ "m", LA_KIND_LIST, "1;2.5;true" },
		{ "x", LA_KIND_JSON, "[\"a;b\"]" },
		{ "y", LA_KIND_LIST, "" },
		{ "z", LA_KIND_JSON, "[{\"k\":1}]" },
		{ "o", LA_KIND_JSON, "{\"k\":[1,null]}" },
		{ "q", LA_KIND_JSON, "[\"\",\"a\"]" },
	};
	static const char text[] = "{\"s\":\"x\",\"i\":-42,\"r\":0.1,\"w\":1.0,"
	    "\"e\":1e300,\"t\":true,\"f\":false,\"n\":null,\"l\":[\"a\",\"b\"],"
	    "\"m\":[1,2.5,true],\"x\":[\"a;b\"],\"y\":[],\"z\":[{\"k\":1}],"
	    "\"o\":{\"k\":[1,null]},\"q\":[\"\",\"a\"]}";
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
	assert_int_equal(r.nfields, sizeof(cases) / sizeof(cases[0]));
	for (size_t i = 0; i < r.nfields; i++) {
		assert_string_equal(r.fields[i].name, cases[i].name);
		assert_int_equal(r.fields[i].kind, cases[i].kind);
		assert_string_equal(r.fields[i].value, cases[i].value);
	}
	assert_int_equal(r.nfindings, 0);
	la_record_free(&r);
	la_reader_close(rd);
	fclose(fp);
}

static void
test_long_numbers(void **state)
{
	static const char text[] = "{\"执业证号\": 13199201510000001, "
	    "\"评分\": 87.5, \"大数\": 1.2345678901234567e20}\n";
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
	assert_string_equal(r.fields[0].value, "13199201510000001");
	assert_int_equal(r.fields[0].id, LA_F_LICENSE_NO);
	assert_string_equal(r.fields[1].value, "87.5");
	assert_string_equal(r.fields[2].value, "1.2345678901234567e+20");
	assert_int_equal(r.nfindings, 2);
	assert_string_equal(r.findings[0].rule, "input");
	assert_string_equal(r.findings[0].field, "license_no");
	assert_non_null(strstr(r.findings[0].message,
	    "13199201510000001 has 17 significant digits"));
	assert_non_null(strstr(r.findings[1].message, "大数"));
	la_record_free(&r);
	la_reader_close(rd);
	fclose(fp);
}

static void
test_ids_and_interned_names(void **state)
{
	static const char text[] = "{\"姓名\":\"陈思远\",\"联系电话\":\"1\","
	    "\" 是否值班 \":\"是\",\"备注\":\"\"}\n{\"姓名\":\"林晓雯\"}\n";
	struct la_read_opts o;
	struct la_error err;
	struct la_record r;
	struct la_reader *rd;
	const char *name;
	FILE *fp = fmemopen((void *)text, sizeof(text) - 1, "rb");

	(void)state;
	memset(&o, 0, sizeof(o));
	la_error_clear(&err);
	la_record_init(&r);
	rd = la_reader_open(fp, "text", &o, &err);
	assert_int_equal(la_reader_next(rd, &r, &err), 1);
	assert_int_equal(r.fields[0].id, LA_F_NAME);
	assert_int_equal(r.fields[1].id, LA_F_PHONE);
	/* The key is matched trimmed, and kept as written. */
	assert_int_equal(r.fields[2].id, LA_F_DUTY);
	assert_string_equal(r.fields[2].name, " 是否值班 ");
	assert_int_equal(r.fields[3].id, -1);
	name = r.fields[0].name;
	assert_int_equal(la_reader_next(rd, &r, &err), 1);
	/* One string per key for the reader's life. */
	assert_ptr_equal(r.fields[0].name, name);
	la_record_reset(&r);
	assert_string_equal(name, "姓名");
	la_record_free(&r);
	la_reader_close(rd);
	fclose(fp);
}

static void
test_bad_line_goes_on(void **state)
{
	struct io_run run;

	(void)state;
	read_json("{\"a\":1}\n{\"a\":\n{\"a\":3}\n", 0, &run);
	assert_int_equal(run.failed, 0);
	assert_int_equal(json_array_size(run.records), 3);
	assert_string_equal(io_value(&run, 1, "_raw"), "{\"a\":");
	assert_int_equal(line_of(&run, 1), 2);
	/* jansson stops at the end of the five characters. */
	assert_true(io_has_text(run.findings, "text:2:5: "));
	assert_true(io_has_text(run.findings, "near end of file"));
	assert_string_equal(io_value(&run, 2, "a"), "3");
	assert_int_equal(line_of(&run, 2), 3);
	io_run_free(&run);
}

static void
test_indented_records(void **state)
{
	/* What jq prints without -c. */
	static const char text[] = "{\n  \"姓名\": \"陈思远\",\n  \"服务\": [\n"
	    "    \"刑事辩护\"\n  ]\n}\n{\n  \"姓名\": \"林晓雯\"\n}\n";
	struct io_run run;

	(void)state;
	read_json(text, 0, &run);
	assert_int_equal(run.format, LA_FORMAT_JSONL);
	assert_int_equal(json_array_size(run.records), 2);
	assert_int_equal(json_array_size(run.findings), 0);
	assert_string_equal(io_value(&run, 0, "服务"), "刑事辩护");
	assert_int_equal(line_of(&run, 0), 1);
	assert_int_equal(line_of(&run, 1), 7);
	io_run_free(&run);
}

static void
test_line_not_object(void **state)
{
	struct io_run run;

	(void)state;
	read_json("{\"a\":1}\n42\n", 0, &run);
	assert_int_equal(json_array_size(run.records), 2);
	assert_string_equal(io_value(&run, 1, "_value"), "42");
	assert_true(io_has_text(run.findings,
	    "line 2: the value is a number, not an object"));
	io_run_free(&run);
}

static void
test_big_integer(void **state)
{
	struct io_run run;

	(void)state;
	read_json("{\"a\":123456789012345678901}\n", 0, &run);
	assert_int_equal(json_array_size(run.records), 1);
	assert_true(io_has_text(run.findings, "text:1:26: too big integer"));
	assert_true(io_has_text(run.findings, "write the number as a string"));
	io_run_free(&run);
}

static void
test_nul_in_string(void **state)
{
	static const char text[] = "{\"a\":\"x\\u0000y\"}";
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

static void
test_array_records(void **state)
{
	struct io_run run;

	(void)state;
	read_json("[\n {\"a\": 1},\n {\"a\": \"二\"}\n]\n", 0, &run);
	assert_int_equal(run.failed, 0);
	assert_int_equal(json_array_size(run.records), 2);
	assert_string_equal(io_value(&run, 1, "a"), "二");
	assert_int_equal(line_of(&run, 0), 2);
	assert_int_equal(line_of(&run, 1), 3);
	io_run_free(&run);
	read_json("  [ \n ]  \n", 0, &run);
	assert_int_equal(run.failed, 0);
	assert_int_equal(json_array_size(run.records), 0);
	io_run_free(&run);
	read_json("[1, \"b\"]", 0, &run);
	assert_int_equal(json_array_size(run.records), 2);
	assert_string_equal(io_value(&run, 1, "_value"), "b");
	assert_true(io_has_text(run.findings, "a string, not an object"));
	io_run_free(&run);
}

struct syntax_case {
	const char *text;
	long line;
	long column;
	const char *message;
};

static void
test_array_syntax(void **state)
{
	static const struct syntax_case cases[] = {
		{ "[{\"a\":1},]", 1, 10, "trailing comma before ']'" },
		{ "[{\"a\":1}] x", 1, 11, "unexpected text after the end" },
		{ "[{\"a\":1}\n{\"b\":2}]", 2, 1, "expected ',' or ']'" },
		{ "[{\"a\":1},,{}]", 1, 10, "expected a value before ','" },
		{ "[{\"a\":1}", 1, 9, "not closed with ']'" },
		{ "[{\"a\":1", 1, 7, "'}' expected near end of file" },
		{ "[{\"a\":1,}]", 1, 9, "trailing comma before '}'" },
	};
	struct io_run run;

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		read_json(cases[i].text, 0, &run);
		assert_int_equal(run.failed, 2);
		assert_int_equal(run.err.line, cases[i].line);
		assert_int_equal(run.err.column, cases[i].column);
		assert_non_null(strstr(run.err.text, cases[i].message));
		io_run_free(&run);
	}
}

static void
test_lone_object_as_json(void **state)
{
	struct io_run run;

	(void)state;
	read_json("{\"a\":\n 1}\n", LA_FORMAT_JSON, &run);
	assert_int_equal(run.failed, 0);
	assert_int_equal(json_array_size(run.records), 1);
	assert_string_equal(io_value(&run, 0, "a"), "1");
	io_run_free(&run);
}

static void
test_many_elements(void **state)
{
	size_t n = 50000, len = 0;
	char *text = malloc(n * 48 + 16);
	struct io_run run;

	(void)state;
	len += (size_t)sprintf(text, "[\n");
	for (size_t i = 0; i < n; i++)
		len += (size_t)sprintf(text + len, "%s{\"姓名\":\"人%zu\"}",
		    i ? ",\n" : "", i);
	sprintf(text + len, "\n]\n");
	read_json(text, 0, &run);
	assert_int_equal(run.failed, 0);
	assert_int_equal(json_array_size(run.records), n);
	assert_string_equal(io_value(&run, n - 1, "姓名"), "人49999");
	assert_int_equal(line_of(&run, n - 1), (long)n + 1);
	io_run_free(&run);
	free(text);
}

static void
test_key_limit(void **state)
{
	size_t n = LA_IO_MAX_KEYS + 1, len = 0;
	char *text = malloc(n * 16 + 16);
	struct io_run run;

	(void)state;
	for (size_t i = 0; i < n; i++)
		len += (size_t)sprintf(text + len, "{\"k%zu\":1}\n", i);
	read_json(text, 0, &run);
	assert_int_equal(run.failed, 2);
	assert_int_equal(run.err.code, LA_ERR_LIMIT);
	assert_int_equal(json_array_size(run.records), LA_IO_MAX_KEYS);
	io_run_free(&run);
	free(text);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_nan_rejected),
		cmocka_unit_test(test_duplicate_key_finding),
		cmocka_unit_test(test_duplicate_key_in_array),
		cmocka_unit_test(test_deep_nesting_line),
		cmocka_unit_test(test_deep_nesting_array),
		cmocka_unit_test(test_blank_lines_skipped),
		cmocka_unit_test(test_trailing_comma),
		cmocka_unit_test(test_bom_and_utf16),
		cmocka_unit_test(test_nested_values),
		cmocka_unit_test(test_value_kinds),
		cmocka_unit_test(test_long_numbers),
		cmocka_unit_test(test_ids_and_interned_names),
		cmocka_unit_test(test_bad_line_goes_on),
		cmocka_unit_test(test_indented_records),
		cmocka_unit_test(test_line_not_object),
		cmocka_unit_test(test_big_integer),
		cmocka_unit_test(test_nul_in_string),
		cmocka_unit_test(test_array_records),
		cmocka_unit_test(test_array_syntax),
		cmocka_unit_test(test_lone_object_as_json),
		cmocka_unit_test(test_many_elements),
		cmocka_unit_test(test_key_limit),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
