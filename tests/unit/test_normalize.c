/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "normalize.h"

/* Collects the items la_split_list() passes, in order. */
struct items {
	char text[8][64];
	size_t len[8];
	int n;
	int stop_after;		/* return 7 after this many items; 0 never */
};

static int
collect(const char *item, size_t len, void *ctx)
{
	struct items *it = ctx;

	if (it->n == 8 || len >= sizeof(it->text[0]))
		fail_msg("item overflow at \"%s\"", item);
	memcpy(it->text[it->n], item, len + 1);
	it->len[it->n] = len;
	it->n++;
	return it->stop_after != 0 && it->n == it->stop_after ? 7 : 0;
}

static void
check_trim(const char *s, const char *want)
{
	const char *p;
	size_t len;

	p = la_trim(s, &len);
	assert_int_equal(len, strlen(want));
	assert_memory_equal(p, want, len);
}

static void
trim_ends(void **state)
{
	(void)state;
	check_trim("  陈思远 ", "陈思远");
	check_trim("\t13900000001 ", "13900000001");
	check_trim("\xe3\x80\x80林晓雯\xe3\x80\x80", "林晓雯");
	check_trim("13900000002\xc2\xa0", "13900000002");
	check_trim("\r\n是\n", "是");
	check_trim("王\xe3\x80\x80\xe3\x80\x80建",
	    "王\xe3\x80\x80\xe3\x80\x80建");
	check_trim(" \xe3\x80\x80\xc2\xa0\t", "");
	check_trim("", "");
	check_trim("x", "x");
	check_trim(" ", "");
	check_trim("\xc2\xa0", "");
	check_trim("\xe3\x80\x80", "");
	/* These start or end with a byte of NBSP or U+3000 but are text. */
	check_trim("\xc2\xa9", "\xc2\xa9");
	check_trim("\xc3\xa0", "\xc3\xa0");
	check_trim("一", "一");
	check_trim("、a、", "、a、");
}

static void
check_fold(const char *s, const char *want, size_t nfolded)
{
	char out[64];

	assert_int_equal(la_fold_width(s, strlen(s), out), nfolded);
	assert_string_equal(out, want);
}

static void
ends_may_be_space(void **state)
{
	(void)state;
	assert_false(la_ends_may_be_space('a', 'b'));
	/* 本 is E6 9C AC, so neither of its end bytes starts a space. */
	assert_false(la_ends_may_be_space(0xe6, 0xac));
	assert_true(la_ends_may_be_space(' ', 'b'));
	assert_true(la_ends_may_be_space('a', '\t'));
	assert_true(la_ends_may_be_space(0xc2, 'b'));
	assert_true(la_ends_may_be_space(0xe3, 'b'));
	assert_true(la_ends_may_be_space('a', 0xa0));
	assert_true(la_ends_may_be_space('a', 0x80));
}

/*
 * Every byte, as a first and as a last byte: a space starts with a byte up
 * to ' ', C2 (U+00A0) or E3 (U+3000), and ends with one up to ' ', A0 or
 * 80.
 */
static void
ends_may_be_space_every_byte(void **state)
{
	(void)state;
	for (unsigned b = 0; b < 256; b++) {
		int first = b <= ' ' || b == 0xc2 || b == 0xe3;
		int last = b <= ' ' || b == 0xa0 || b == 0x80;

		if ((la_ends_may_be_space((unsigned char)b, 'a') != 0) != first)
			fail_msg("byte %#x as the first", b);
		if ((la_ends_may_be_space('a', (unsigned char)b) != 0) != last)
			fail_msg("byte %#x as the last", b);
	}
}

/* Only a whole space at either end counts, not a byte that may start one. */
static void
outer_space_whole(void **state)
{
	static const struct {
		const char *s;
		int space;
	} cases[] = {
		{ "a", 0 }, { " a", 1 }, { "a\t", 1 }, { "\r", 1 },
		{ "\u3000a", 1 }, { "a\u3000", 1 }, { "\u00a0a", 1 },
		{ "a\u00a0", 1 }, { "所", 0 }, { "律师事务所", 0 },
		{ "\xe3\x80", 0 }, { "、", 0 }, { "x\xa0", 0 }, { "\xc2x", 0 },
		{ "中\u3000文", 0 }
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const char *s = cases[i].s;

		if (la_has_outer_space(s, strlen(s)) != cases[i].space)
			fail_msg("\"%s\": expected %d", s, cases[i].space);
	}
}

static void
fold_fullwidth(void **state)
{
	(void)state;
	check_fold("１２", "12", 2);
	check_fold("＋86", "+86", 1);
	check_fold("139－0000－0002", "139-0000-0002", 2);
	/* U+FF01 and U+FF5E are the ends of the folded range. */
	check_fold("！Ａｚ～", "!Az~", 4);
	check_fold("１，２００", "1,200", 5);
	check_fold("a\xe3\x80\x80" "b", "a b", 1);
	check_fold("abc", "abc", 0);
}

static void
fold_outside_range(void **state)
{
	(void)state;
	/* U+FF00, U+FF5F, U+3002 and U+3001 are left as they are. */
	check_fold("\xef\xbc\x80", "\xef\xbc\x80", 0);
	check_fold("\xef\xbd\x9f", "\xef\xbd\x9f", 0);
	check_fold("。、", "。、", 0);
	/* A cut sequence at the end is copied, not read past. */
	check_fold("\xef\xbc", "\xef\xbc", 0);
	check_fold("a\xe3\x80", "a\xe3\x80", 0);
	/* U+3000 after other E3 characters is still found. */
	check_fold("申请表、执业证", "申请表、执业证", 0);
	check_fold("、。\xe3\x80\x80、", "、。 、", 1);
}

static void
text_inner_space(void **state)
{
	char out[64];
	unsigned flags = 99;

	(void)state;
	assert_int_equal(la_clean_text("王\xe3\x80\x80\xe3\x80\x80建", out,
	    sizeof(out), &flags), LA_NORM_OK);
	assert_string_equal(out, "王\xe3\x80\x80\xe3\x80\x80建");
	assert_int_equal(flags, LA_NORM_INNER_SPACE);

	assert_int_equal(la_clean_text("  赵丽娟  ", out, sizeof(out),
	    &flags), LA_NORM_OK);
	assert_string_equal(out, "赵丽娟");
	assert_int_equal(flags, LA_NORM_TRIMMED);

	assert_int_equal(la_clean_text("林\xc2\xa0晓雯\xe3\x80\x80", out,
	    sizeof(out), &flags), LA_NORM_OK);
	assert_string_equal(out, "林\xc2\xa0晓雯");
	assert_int_equal(flags, LA_NORM_TRIMMED | LA_NORM_INNER_SPACE);
}

static void
text_empty_and_small(void **state)
{
	char out[4];
	unsigned flags = 99;

	(void)state;
	assert_int_equal(la_clean_text("\xe3\x80\x80 ", out, sizeof(out),
	    &flags), LA_NORM_EMPTY);
	assert_int_equal(flags, LA_NORM_TRIMMED);
	/* 陈思远 needs 9 bytes and a NUL. */
	assert_int_equal(la_clean_text("陈思远", out, sizeof(out), NULL),
	    LA_NORM_INVALID);
}

static void
check_bool(const char *s, int want)
{
	char why[128] = "";
	int v = -1;

	if (la_parse_bool(s, &v, why, sizeof(why)) != LA_NORM_OK)
		fail_msg("\"%s\" rejected: %s", s, why);
	if (v != want)
		fail_msg("\"%s\" gave %d, expected %d", s, v, want);
}

static void
bool_words(void **state)
{
	static const char *const yes[] = {
		"是", "有", "通过", "同意", "推荐", "合格", "yes", "YES", "y",
		"Y", "true", "True", "1", "１", " 是", "ｙｅｓ", NULL
	};
	static const char *const no[] = {
		"否", "无", "未通过", "不同意", "不推荐", "不合格", "no", "N",
		"false", "FALSE", "0", "０", "否\xe3\x80\x80", NULL
	};
	int i;

	(void)state;
	for (i = 0; yes[i] != NULL; i++)
		check_bool(yes[i], 1);
	for (i = 0; no[i] != NULL; i++)
		check_bool(no[i], 0);
}

static void
bool_ticks(void **state)
{
	static const char *const ticked[] = {
		"√", "∨", "✓", "✔", "☑", "■", NULL
	};
	static const char *const unticked[] = {
		"□", "☐", "×", "✗", NULL
	};
	int i;

	(void)state;
	for (i = 0; ticked[i] != NULL; i++)
		check_bool(ticked[i], 1);
	for (i = 0; unticked[i] != NULL; i++)
		check_bool(unticked[i], 0);
}

static void
bool_invalid(void **state)
{
	static const char *const bad[] = {
		"也许", "2", "yes please", "是的", "√√", "10", "t", NULL
	};
	char why[128];
	int i, v = 5;

	(void)state;
	for (i = 0; bad[i] != NULL; i++) {
		why[0] = '\0';
		assert_int_equal(la_parse_bool(bad[i], &v, why, sizeof(why)),
		    LA_NORM_INVALID);
		assert_non_null(strstr(why, "not a yes/no value"));
	}
	assert_int_equal(v, 5);
	assert_int_equal(la_parse_bool(" \xe3\x80\x80", &v, why, sizeof(why)),
	    LA_NORM_EMPTY);
	assert_int_equal(v, 5);
}

static void
check_number(const char *s, double want)
{
	char why[128] = "";
	double v = -1;

	if (la_parse_number(s, &v, why, sizeof(why)) != LA_NORM_OK)
		fail_msg("\"%s\" rejected: %s", s, why);
	if (v != want)
		fail_msg("\"%s\" gave %.17g, expected %.17g", s, v, want);
}

static void
check_number_bad(const char *s, const char *reason)
{
	char why[128] = "";
	double v = -1;

	assert_int_equal(la_parse_number(s, &v, why, sizeof(why)),
	    LA_NORM_INVALID);
	if (strstr(why, reason) == NULL)
		fail_msg("\"%s\": reason \"%s\" lacks \"%s\"", s, why, reason);
	assert_true(v == -1);
}

static void
number_plain(void **state)
{
	(void)state;
	check_number("12", 12);
	check_number("12.5", 12.5);
	check_number("１２", 12);
	check_number("６", 6);
	check_number("0.05", 0.05);
	check_number("007", 7);
	check_number("0", 0);
	check_number(" 86 ", 86);
	check_number("1200.5", 1200.5);
	check_number("１．５", 1.5);
	check_number("999999999999999", 999999999999999.0);
}

static void
number_grouped(void **state)
{
	(void)state;
	check_number("1,234", 1234);
	check_number("3,000", 3000);
	check_number("12,345.5", 12345.5);
	check_number("1,234,567", 1234567);
	check_number("１，２００", 1200);
}

static void
number_bad_grouping(void **state)
{
	(void)state;
	check_number_bad("1,2,3", "bad digit grouping");
	check_number_bad("1,20", "bad digit grouping");
	check_number_bad("1234,567", "bad digit grouping");
	check_number_bad("1,234,", "bad digit grouping");
	check_number_bad("0,123", "bad digit grouping");
	check_number_bad("1,2345", "bad digit grouping");
	check_number_bad("1 ,", "space inside");
	check_number_bad("1 234", "space inside");
}

static void
number_not_plain(void **state)
{
	(void)state;
	check_number_bad("8年", "text after the number");
	check_number_bad("８年", "text after the number");
	check_number_bad("800元", "text after the number");
	check_number_bad("二十", "Chinese numerals");
	check_number_bad("十二", "Chinese numerals");
	check_number_bad("-3", "negative");
	check_number_bad("－3", "negative");
	check_number_bad("+3", "plus sign");
	check_number_bad("1e3", "exponent");
	check_number_bad("1.5E+3", "exponent");
	check_number_bad("0x1A", "hexadecimal");
	check_number_bad("¥1,200.00", "currency is not supported");
	check_number_bad("￥800", "currency");
	check_number_bad("$5", "currency");
	check_number_bad("12.", "after the decimal point");
	check_number_bad(".5", "before the decimal point");
	check_number_bad("abc", "not a number");
	check_number_bad("1234567890123456", "too many digits");
	check_number_bad("0.1234567890123456", "too many digits");
}

/* Up to 15 digits take a shorter path; longer runs need their zeros read. */
static void
number_digits_only(void **state)
{
	(void)state;
	check_number("000000000000007", 7);
	check_number("100000000000000", 100000000000000.0);
	check_number("0000000000000000000007", 7);
	check_number_bad("1000000000000000", "too many digits: at most 15");
}

static void
number_empty(void **state)
{
	double v = -1;

	(void)state;
	assert_int_equal(la_parse_number("", &v, NULL, 0), LA_NORM_EMPTY);
	assert_int_equal(la_parse_number(" \xe3\x80\x80", &v, NULL, 0),
	    LA_NORM_EMPTY);
	assert_true(v == -1);
}

static void
check_count(const char *s, long long want)
{
	char why[128] = "";
	long long v = -1;

	if (la_parse_count(s, &v, why, sizeof(why)) != LA_NORM_OK)
		fail_msg("\"%s\" rejected: %s", s, why);
	assert_int_equal(v, want);
}

static void
check_count_bad(const char *s, const char *reason)
{
	char why[128] = "";
	long long v = -1;

	assert_int_equal(la_parse_count(s, &v, why, sizeof(why)),
	    LA_NORM_INVALID);
	if (strstr(why, reason) == NULL)
		fail_msg("\"%s\": reason \"%s\" lacks \"%s\"", s, why, reason);
	assert_int_equal(v, -1);
}

static void
count_whole(void **state)
{
	(void)state;
	check_count("12", 12);
	check_count("1,234", 1234);
	check_count("１２", 12);
	check_count("0", 0);
	check_count("999999999999999999", 999999999999999999LL);
	/* Leading zeros are not significant digits. */
	check_count("0000000000000000000001", 1);
}

/* A value of digits only takes a shorter path, with the same limits. */
static void
count_digits_only(void **state)
{
	char digits[80];

	(void)state;
	memset(digits, '0', 63);
	digits[63] = '\0';
	check_count(digits, 0);
	digits[62] = '7';
	check_count(digits, 7);
	memset(digits, '1', 64);
	digits[64] = '\0';
	check_count_bad(digits, "too long for a number");
	check_count_bad("1234567890123456789", "too many digits: at most 18");
}

static void
count_rejects(void **state)
{
	(void)state;
	check_count_bad("12.5", "not a whole number");
	check_count_bad("12.0", "not a whole number");
	check_count_bad("1000000000000000000", "too many digits");
	check_count_bad("1,000,000,000,000,000,000", "too many digits");
	check_count_bad("1,20", "bad digit grouping");
	check_count_bad("-3", "negative");
	check_count_bad("8年", "text after the number");
}

static void
list_separators(void **state)
{
	struct items it = { .n = 0 };

	(void)state;
	assert_int_equal(la_split_list("刑事辩护;民事代理；行政代理,劳动仲裁，"
	    "a、b/c／d", collect, &it), 0);
	assert_int_equal(it.n, 8);
	assert_string_equal(it.text[0], "刑事辩护");
	assert_string_equal(it.text[1], "民事代理");
	assert_string_equal(it.text[2], "行政代理");
	assert_string_equal(it.text[3], "劳动仲裁");
	assert_string_equal(it.text[4], "a");
	assert_string_equal(it.text[5], "b");
	assert_string_equal(it.text[6], "c");
	assert_string_equal(it.text[7], "d");
	assert_int_equal(it.len[0], strlen("刑事辩护"));
}

static void
list_skips_empty(void **state)
{
	struct items it = { .n = 0 };

	(void)state;
	assert_int_equal(la_split_list(";; ａ ;\xe3\x80\x80;b ;", collect, &it),
	    0);
	assert_int_equal(it.n, 2);
	assert_string_equal(it.text[0], "a");
	assert_string_equal(it.text[1], "b");
	it.n = 0;
	assert_int_equal(la_split_list("", collect, &it), 0);
	assert_int_equal(it.n, 0);
}

static void
list_tick_notation(void **state)
{
	struct items it = { .n = 0 };

	(void)state;
	assert_int_equal(la_split_list("刑事辩护∨;民事代理□", collect, &it),
	    0);
	assert_int_equal(it.n, 1);
	assert_string_equal(it.text[0], "刑事辩护");

	it.n = 0;
	assert_int_equal(la_split_list("☑刑事辩护；☐民事代理；✓ 劳动仲裁；"
	    "行政代理", collect, &it), 0);
	assert_int_equal(it.n, 2);
	assert_string_equal(it.text[0], "刑事辩护");
	assert_string_equal(it.text[1], "劳动仲裁");
}

static void
list_mark_inside_item(void **state)
{
	struct items it = { .n = 0 };

	(void)state;
	errno = 0;
	assert_int_equal(la_split_list("刑事辩护∨ 民事代理□;行政代理", collect,
	    &it), -1);
	assert_int_equal(errno, EINVAL);
	assert_int_equal(it.n, 0);
}

static void
list_each_mark(void **state)
{
	static const char *const ticked[] = {
		"√", "∨", "✓", "✔", "☑", "■", NULL
	};
	static const char *const unticked[] = {
		"□", "☐", "×", "✗", NULL
	};
	char list[64];
	struct items it;
	int i;

	(void)state;
	for (i = 0; ticked[i] != NULL; i++) {
		snprintf(list, sizeof(list), "刑事辩护%s;民事代理", ticked[i]);
		it.n = 0;
		it.stop_after = 0;
		assert_int_equal(la_split_list(list, collect, &it), 0);
		assert_int_equal(it.n, 1);
		assert_string_equal(it.text[0], "刑事辩护");
	}
	for (i = 0; unticked[i] != NULL; i++) {
		snprintf(list, sizeof(list), "%s刑事辩护;民事代理√", unticked[i]);
		it.n = 0;
		it.stop_after = 0;
		assert_int_equal(la_split_list(list, collect, &it), 0);
		assert_int_equal(it.n, 1);
		assert_string_equal(it.text[0], "民事代理");
	}
}

static void
list_cross_inside_item(void **state)
{
	struct items it = { .n = 0 };

	(void)state;
	errno = 0;
	assert_int_equal(la_split_list("刑事辩护× 民事代理", collect, &it), -1);
	assert_int_equal(errno, EINVAL);
	assert_int_equal(it.n, 0);
}

/* A list longer than the stack buffer of la_split_list() is read whole. */
static void
list_longer_than_stack(void **state)
{
	char list[400] = "";
	struct items it = { .n = 0 };
	int i;

	(void)state;
	/* 20 unticked items of 16 bytes each, then the ticked one. */
	for (i = 0; i < 20; i++)
		strcat(list, "民事代理□;");
	strcat(list, "刑事辩护∨");
	assert_int_equal(strlen(list), 20 * 16 + 15);
	assert_int_equal(la_split_list(list, collect, &it), 0);
	assert_int_equal(it.n, 1);
	assert_string_equal(it.text[0], "刑事辩护");
}

static void
list_stops_on_nonzero(void **state)
{
	struct items it = { .n = 0, .stop_after = 2 };

	(void)state;
	assert_int_equal(la_split_list("a;b;c;d", collect, &it), 7);
	assert_int_equal(it.n, 2);
	assert_string_equal(it.text[1], "b");
}

/* Runs la_clean_digits and checks the result, the output and the flags. */
static void
check_digits(const char *s, int plus86, int rc, const char *want,
    unsigned flags)
{
	char out[64], why[160] = "";
	unsigned f = 99;
	int got;

	got = la_clean_digits(s, plus86, out, sizeof(out), &f, why,
	    sizeof(why));
	if (got != rc)
		fail_msg("\"%s\" gave %d, expected %d: %s", s, got, rc, why);
	if (rc == LA_NORM_OK)
		assert_string_equal(out, want);
	else if (want != NULL && strstr(why, want) == NULL)
		fail_msg("\"%s\": reason \"%s\" lacks \"%s\"", s, why, want);
	if (f != flags)
		fail_msg("\"%s\" set flags %#x, expected %#x", s, f, flags);
}

static void
digits_excel_mangled(void **state)
{
	(void)state;
	check_digits("13900000001", 0, LA_NORM_OK, "13900000001", 0);
	check_digits("010-65120001", 0, LA_NORM_OK, "01065120001", 0);
	check_digits("13199201510000001", 0, LA_NORM_OK,
	    "13199201510000001", 0);
	check_digits("1.39E+10", 0, LA_NORM_INVALID,
	    "re-export with the column formatted as Text", 0);
	check_digits("1.31992E+16", 0, LA_NORM_INVALID,
	    "digits lost to Excel scientific notation", 0);
	check_digits("1E+10", 0, LA_NORM_INVALID, "scientific notation", 0);
	check_digits("13199200510000000", 0, LA_NORM_OK,
	    "13199200510000000", LA_NORM_TRUNCATED);
	check_digits("1065120003", 0, LA_NORM_OK, "1065120003",
	    LA_NORM_LEADING_ZERO);
	check_digits("=\"13199201610000004\"", 0, LA_NORM_OK,
	    "13199201610000004", LA_NORM_UNWRAPPED);
	check_digits("010 6512 0004", 0, LA_NORM_OK, "01065120004", 0);
}

static void
digits_fullwidth(void **state)
{
	(void)state;
	check_digits("１３９０００００００１", 0, LA_NORM_OK, "13900000001",
	    LA_NORM_FOLDED);
	check_digits("139－0000－0002", 0, LA_NORM_OK, "13900000002",
	    LA_NORM_FOLDED);
	check_digits("＋86 139 0000 0004", 1, LA_NORM_OK, "13900000004",
	    LA_NORM_FOLDED);
	check_digits("１３１９９２０１８１００００００２", 0, LA_NORM_OK,
	    "13199201810000002", LA_NORM_FOLDED);
	check_digits("139\xe3\x80\x80" "0000\xc2\xa0" "0003", 0, LA_NORM_OK,
	    "13900000003", LA_NORM_FOLDED);
}

static void
digits_country_code(void **state)
{
	(void)state;
	check_digits("0086 13900000004", 1, LA_NORM_OK, "13900000004", 0);
	check_digits("+86-139-0000-0004", 1, LA_NORM_OK, "13900000004", 0);
	check_digits("+86 139 0000 0004", 0, LA_NORM_INVALID,
	    "unexpected character '+'", 0);
	check_digits("+1 555 0100", 1, LA_NORM_INVALID,
	    "only +86 numbers", 0);
	check_digits("+86", 1, LA_NORM_INVALID, "no digits", 0);
}

static void
digits_rejects(void **state)
{
	(void)state;
	check_digits("800元", 0, LA_NORM_INVALID,
	    "unexpected character '元'", 0);
	check_digits("-13900000001", 0, LA_NORM_INVALID,
	    "unexpected character '-'", 0);
	check_digits("13900000001-", 0, LA_NORM_INVALID,
	    "unexpected character '-'", 0);
	check_digits("139.0000.0001", 0, LA_NORM_INVALID,
	    "unexpected character '.'", 0);
	check_digits("", 0, LA_NORM_EMPTY, NULL, 0);
	check_digits("=\"\"", 0, LA_NORM_EMPTY, NULL, LA_NORM_UNWRAPPED);
}

static void
digits_flags(void **state)
{
	(void)state;
	check_digits(" 13900000001\t", 0, LA_NORM_OK, "13900000001",
	    LA_NORM_TRIMMED);
	/* An 18-digit ID number cut by Excel ends in three zeros. */
	check_digits("110105194912310000", 0, LA_NORM_OK,
	    "110105194912310000", LA_NORM_TRUNCATED);
	check_digits("1101051949123100", 0, LA_NORM_OK, "1101051949123100",
	    LA_NORM_TRUNCATED);
	check_digits("11010519491231002X", 0, LA_NORM_OK,
	    "11010519491231002X", 0);
	/* 2370755141 is Chongqing 023-70755141 without its 0. */
	check_digits("2370755141", 0, LA_NORM_OK, "2370755141",
	    LA_NORM_LEADING_ZERO);
	/* 0571 is a 3-digit area code, followed by 7 or 8 digits. */
	check_digits("5711234567", 0, LA_NORM_OK, "5711234567",
	    LA_NORM_LEADING_ZERO);
	check_digits("57112345678", 0, LA_NORM_OK, "57112345678",
	    LA_NORM_LEADING_ZERO);
	check_digits("571123456", 0, LA_NORM_OK, "571123456", 0);
	/* No area code starts 011. */
	check_digits("1165120003", 0, LA_NORM_OK, "1165120003", 0);
	check_digits("01065120002", 0, LA_NORM_OK, "01065120002", 0);
	check_digits("59222404", 0, LA_NORM_OK, "59222404", 0);
}

/* Values of letters and digits only take a shorter path through the code. */
static void
digits_plain(void **state)
{
	(void)state;
	check_digits("008613900000004", 1, LA_NORM_OK, "13900000004", 0);
	check_digits("008613900000004", 0, LA_NORM_OK, "008613900000004", 0);
	check_digits("0086", 1, LA_NORM_INVALID, "no digits", 0);
	check_digits("S1234abc", 0, LA_NORM_OK, "S1234abc", 0);
	check_digits("3E12", 1, LA_NORM_OK, "3E12", 0);
	check_digits(" 15002201410000001", 0, LA_NORM_OK,
	    "15002201410000001", LA_NORM_TRIMMED);
	check_digits("15002201410000001\xe3\x80\x80", 0, LA_NORM_OK,
	    "15002201410000001", LA_NORM_TRIMMED);
	/* The flags for suspect digits need digits only, however cleaned. */
	check_digits("00862370755141", 1, LA_NORM_OK, "2370755141",
	    LA_NORM_LEADING_ZERO);
	check_digits("110105-194912310000", 0, LA_NORM_OK,
	    "110105194912310000", LA_NORM_TRUNCATED);
	check_digits("A110105194912310000", 0, LA_NORM_OK,
	    "A110105194912310000", 0);
	check_digits("A-2370755141", 0, LA_NORM_OK, "A2370755141", 0);
}

/*
 * Runs of 8 bytes or more are tested for digits 8 at a time. The bytes
 * 0x3A to 0x3F (":;<=>?") share the high half of the digits, and "/" is
 * just below "0", so neither may pass as one in any place.
 */
static void
digits_word_edges(void **state)
{
	(void)state;
	check_digits("12345678", 0, LA_NORM_OK, "12345678", 0);
	check_digits("123456789", 0, LA_NORM_OK, "123456789", 0);
	check_digits("1234567890123456", 0, LA_NORM_OK, "1234567890123456",
	    0);
	check_digits("1234567:", 0, LA_NORM_INVALID,
	    "unexpected character ':'", 0);
	check_digits("?2345678", 0, LA_NORM_INVALID,
	    "unexpected character '?'", 0);
	check_digits("12345678;", 0, LA_NORM_INVALID,
	    "unexpected character ';'", 0);
	check_digits("1234567/90123456", 0, LA_NORM_INVALID,
	    "unexpected character '/'", 0);
	check_digits("12345678901234<6", 0, LA_NORM_INVALID,
	    "unexpected character '<'", 0);
	check_digits("1234567890123456=", 0, LA_NORM_INVALID,
	    "unexpected character '='", 0);
	check_digits("11010519491231002x", 0, LA_NORM_OK,
	    "11010519491231002x", 0);
	check_digits("x10105194912310000", 0, LA_NORM_OK,
	    "x10105194912310000", 0);
}

/* A value trimmed already, with its length, is cleaned as before. */
static void
digits_trimmed_same(void **state)
{
	char out[64], why[160] = "";
	unsigned f = 99;

	(void)state;
	assert_int_equal(la_clean_trimmed_digits("+8613900000001", 14, 1, out,
	    sizeof(out), &f, why, sizeof(why)), LA_NORM_OK);
	assert_string_equal(out, "13900000001");
	assert_int_equal(f, 0);
	/* Three full-width digits, seven ASCII ones and one more: 19 bytes. */
	assert_int_equal(la_clean_trimmed_digits("１３９0000000１", 19, 0, out,
	    sizeof(out), &f, why, sizeof(why)), LA_NORM_OK);
	assert_string_equal(out, "13900000001");
	assert_int_equal(f, LA_NORM_FOLDED);
	assert_int_equal(la_clean_trimmed_digits("2370755141", 10, 1, out,
	    sizeof(out), &f, why, sizeof(why)), LA_NORM_OK);
	assert_int_equal(f, LA_NORM_LEADING_ZERO);
	f = 99;
	assert_int_equal(la_clean_trimmed_digits("", 0, 0, out, sizeof(out),
	    &f, why, sizeof(why)), LA_NORM_EMPTY);
	assert_int_equal(f, 0);
	assert_int_equal(la_clean_trimmed_digits("12345", 5, 0, out, 4, &f,
	    why, sizeof(why)), LA_NORM_INVALID);
	assert_string_equal(why, "output buffer too small");
}

static void
digits_small_buffer(void **state)
{
	char out[4], why[64] = "";

	(void)state;
	assert_int_equal(la_clean_digits("12345", 0, out, sizeof(out), NULL,
	    why, sizeof(why)), LA_NORM_INVALID);
	assert_string_equal(why, "output buffer too small");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(trim_ends),
		cmocka_unit_test(ends_may_be_space),
		cmocka_unit_test(ends_may_be_space_every_byte),
		cmocka_unit_test(outer_space_whole),
		cmocka_unit_test(fold_fullwidth),
		cmocka_unit_test(fold_outside_range),
		cmocka_unit_test(text_inner_space),
		cmocka_unit_test(text_empty_and_small),
		cmocka_unit_test(bool_words),
		cmocka_unit_test(bool_ticks),
		cmocka_unit_test(bool_invalid),
		cmocka_unit_test(number_plain),
		cmocka_unit_test(number_grouped),
		cmocka_unit_test(number_bad_grouping),
		cmocka_unit_test(number_not_plain),
		cmocka_unit_test(number_digits_only),
		cmocka_unit_test(number_empty),
		cmocka_unit_test(count_whole),
		cmocka_unit_test(count_rejects),
		cmocka_unit_test(count_digits_only),
		cmocka_unit_test(list_separators),
		cmocka_unit_test(list_skips_empty),
		cmocka_unit_test(list_tick_notation),
		cmocka_unit_test(list_mark_inside_item),
		cmocka_unit_test(list_each_mark),
		cmocka_unit_test(list_cross_inside_item),
		cmocka_unit_test(list_longer_than_stack),
		cmocka_unit_test(list_stops_on_nonzero),
		cmocka_unit_test(digits_excel_mangled),
		cmocka_unit_test(digits_fullwidth),
		cmocka_unit_test(digits_country_code),
		cmocka_unit_test(digits_rejects),
		cmocka_unit_test(digits_flags),
		cmocka_unit_test(digits_plain),
		cmocka_unit_test(digits_word_edges),
		cmocka_unit_test(digits_trimmed_same),
		cmocka_unit_test(digits_small_buffer),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
