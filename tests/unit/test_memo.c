/* SPDX-License-Identifier: MIT */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "memo.h"

/* Remembers the string text with result. */
static void
put(struct la_memo *m, const char *text, int result)
{
	la_memo_put(m, text, strlen(text), result);
}

/* Returns the result remembered for text, or -1 when there is none. */
static int
found(const struct la_memo *m, const char *text, size_t len)
{
	int result = -2;

	if (!la_memo_find(m, text, len, &result))
		return -1;
	return result;
}

static int
found_text(const struct la_memo *m, const char *text)
{
	return found(m, text, strlen(text));
}

static void
memo_zeroed_is_empty(void **state)
{
	struct la_memo m;
	int result = 7;

	(void)state;
	memset(&m, 0, sizeof(m));
	assert_int_equal(found_text(&m, "是"), -1);
	assert_int_equal(found(&m, "", 0), -1);
	/* A miss leaves the result as it was. */
	assert_int_equal(la_memo_find(&m, "否", strlen("否"), &result), 0);
	assert_int_equal(result, 7);
}

static void
memo_finds_put_value(void **state)
{
	struct la_memo m;

	(void)state;
	memset(&m, 0, sizeof(m));
	put(&m, "是", 1);
	put(&m, "否", 0);
	put(&m, "申请表、执业证、身份证", 7);
	assert_int_equal(found_text(&m, "是"), 1);
	assert_int_equal(found_text(&m, "否"), 0);
	assert_int_equal(found_text(&m, "申请表、执业证、身份证"), 7);
}

/* The tag covers the length and three bytes: the rest must match too. */
static void
memo_compares_every_byte(void **state)
{
	struct la_memo m;

	(void)state;
	memset(&m, 0, sizeof(m));
	put(&m, "abcde", 1);
	/* Same length, first, middle and last byte as "abcde". */
	assert_int_equal(found_text(&m, "axcde"), -1);
	assert_int_equal(found_text(&m, "abcxe"), -1);
	assert_int_equal(found_text(&m, "abcd"), -1);
	assert_int_equal(found_text(&m, "abcdef"), -1);
	assert_int_equal(found_text(&m, "abcde"), 1);
}

/* Values of up to 3 bytes are matched on their tags alone. */
static void
memo_short_values(void **state)
{
	struct la_memo m;

	(void)state;
	memset(&m, 0, sizeof(m));
	put(&m, "是", 1);
	put(&m, "ab", 2);
	put(&m, "1", 3);
	put(&m, "aab", 4);
	assert_int_equal(found_text(&m, "是"), 1);
	assert_int_equal(found_text(&m, "否"), -1);
	assert_int_equal(found_text(&m, "ab"), 2);
	assert_int_equal(found_text(&m, "ba"), -1);
	assert_int_equal(found_text(&m, "aa"), -1);
	assert_int_equal(found_text(&m, "1"), 3);
	assert_int_equal(found_text(&m, "0"), -1);
	assert_int_equal(found_text(&m, "aab"), 4);
	assert_int_equal(found_text(&m, "abb"), -1);
	assert_int_equal(found_text(&m, "aba"), -1);
}

/* A prefix of a remembered value is another value. */
static void
memo_prefix_not_found(void **state)
{
	struct la_memo m;

	(void)state;
	memset(&m, 0, sizeof(m));
	put(&m, "不同意", 0);
	assert_int_equal(found_text(&m, "不同"), -1);
	assert_int_equal(found(&m, "不同意", 3), -1);
	assert_int_equal(found_text(&m, "不同意"), 0);
}

/* Lengths are explicit, so bytes after a NUL still count. */
static void
memo_nul_inside_value(void **state)
{
	struct la_memo m;

	(void)state;
	memset(&m, 0, sizeof(m));
	la_memo_put(&m, "a\0b", 3, 5);
	assert_int_equal(found(&m, "a\0b", 3), 5);
	assert_int_equal(found(&m, "a\0c", 3), -1);
	assert_int_equal(found(&m, "a", 1), -1);
}

static void
memo_long_value_not_kept(void **state)
{
	char text[LA_MEMO_TEXT_MAX + 2];
	struct la_memo m;

	(void)state;
	memset(&m, 0, sizeof(m));
	memset(text, 'a', sizeof(text) - 1);
	text[sizeof(text) - 1] = '\0';
	put(&m, text, 1);
	assert_int_equal(found_text(&m, text), -1);
	/* One byte less fits. */
	text[LA_MEMO_TEXT_MAX] = '\0';
	put(&m, text, 2);
	assert_int_equal(found_text(&m, text), 2);
	la_memo_put(&m, "", 0, 3);
	assert_int_equal(found(&m, "", 0), -1);
}

/* With every slot taken, a new value replaces the oldest one. */
static void
memo_replaces_oldest(void **state)
{
	char text[LA_MEMO_SLOTS + 1][16];
	struct la_memo m;

	(void)state;
	memset(&m, 0, sizeof(m));
	for (int i = 0; i <= LA_MEMO_SLOTS; i++) {
		snprintf(text[i], sizeof(text[i]), "v%d", i);
		put(&m, text[i], i);
	}
	assert_int_equal(found_text(&m, text[0]), -1);
	for (int i = 1; i <= LA_MEMO_SLOTS; i++)
		assert_int_equal(found_text(&m, text[i]), i);
	/* The next one replaces v1, the oldest left. */
	put(&m, "w", 100);
	assert_int_equal(found_text(&m, text[1]), -1);
	assert_int_equal(found_text(&m, text[2]), 2);
	assert_int_equal(found_text(&m, "w"), 100);
}

/* A copy made by assignment is filled apart from the original. */
static void
memo_copy_independent(void **state)
{
	struct la_memo a, b;

	(void)state;
	memset(&a, 0, sizeof(a));
	put(&a, "是", 1);
	b = a;
	put(&b, "否", 0);
	put(&a, "∨", 1);
	assert_int_equal(found_text(&a, "是"), 1);
	assert_int_equal(found_text(&b, "是"), 1);
	assert_int_equal(found_text(&a, "否"), -1);
	assert_int_equal(found_text(&b, "否"), 0);
	assert_int_equal(found_text(&a, "∨"), 1);
	assert_int_equal(found_text(&b, "∨"), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(memo_zeroed_is_empty),
		cmocka_unit_test(memo_finds_put_value),
		cmocka_unit_test(memo_compares_every_byte),
		cmocka_unit_test(memo_short_values),
		cmocka_unit_test(memo_prefix_not_found),
		cmocka_unit_test(memo_nul_inside_value),
		cmocka_unit_test(memo_long_value_not_kept),
		cmocka_unit_test(memo_replaces_oldest),
		cmocka_unit_test(memo_copy_independent),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
