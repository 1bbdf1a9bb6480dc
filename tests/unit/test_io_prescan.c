/* SPDX-License-Identifier: MIT */
/*
 * The UTF-8 check of a long mapped input in threads (io_prescan.c). The
 * input is cut into spans of at least 4 MiB, each cut before a byte that
 * is not a continuation byte. Whatever the number of threads, the input
 * must be taken as UTF-8 exactly when it all is, also when a character
 * or a fault sits at a cut.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "io.h"

/* 13 MiB: three spans of at least 4 MiB. */
#define SIZE (13 * 1024 * 1024)

/*
 * A sheet of SIZE bytes: a header, then lines of 100 bytes of 'a' with
 * 张 (3 bytes) at every 1,000th byte plus 500, away from the cuts.
 */
static unsigned char *
sheet(void)
{
	static const char head[] = "name,note\n";
	unsigned char *text = malloc(SIZE);

	assert_non_null(text);
	memset(text, 'a', SIZE);
	for (size_t i = 99; i < SIZE; i += 100)
		text[i] = '\n';
	for (size_t i = 500; i + 3 <= SIZE; i += 1000)
		memcpy(text + i, "张", 3);
	memcpy(text, head, sizeof(head) - 1);
	return text;
}

/* The encoding that a reader with this many threads takes for text. */
static const char *
encoding_of(const unsigned char *text, size_t len, int threads,
    char *out, size_t size)
{
	struct la_read_opts opts;
	struct la_reader *rd;
	struct la_error err;
	FILE *fp = tmpfile();

	assert_non_null(fp);
	assert_int_equal(fwrite(text, 1, len, fp), len);
	assert_int_equal(fflush(fp), 0);
	rewind(fp);
	memset(&opts, 0, sizeof(opts));
	opts.threads = threads;
	la_error_clear(&err);
	assert_non_null(rd = la_reader_open(fp, "input", &opts, &err));
	snprintf(out, size, "%s", la_reader_encoding(rd));
	la_reader_close(rd);
	fclose(fp);
	return out;
}

static void
assert_encoding(const unsigned char *text, const char *want)
{
	char got[64];

	for (int threads = 1; threads <= 4; threads++)
		if (strcmp(encoding_of(text, SIZE, threads, got, sizeof(got)),
		    want) != 0)
			fail_msg("%d threads: %s, expected %s", threads, got,
			    want);
}

static void
test_valid_sheet(void **state)
{
	unsigned char *text = sheet();

	(void)state;
	assert_encoding(text, "utf-8");
	free(text);
}

/*
 * With three spans the cuts fall near a third and two thirds of the
 * input. A character across each is moved past, and is valid.
 */
static void
test_character_across_cut(void **state)
{
	unsigned char *text = sheet();

	(void)state;
	for (int k = 1; k <= 2; k++) {
		size_t cut = (size_t)SIZE / 3 * (size_t)k;

		/* The cut lands on the second byte of the character. */
		memcpy(text + cut - 1, "张", 3);
	}
	assert_encoding(text, "utf-8");
	free(text);
}

/* One bad byte anywhere makes the input GB18030, in any span. */
static void
test_invalid_byte_in_each_span(void **state)
{
	static const size_t where[] = { 20, SIZE / 2, SIZE - 2 };

	(void)state;
	for (size_t i = 0; i < sizeof(where) / sizeof(where[0]); i++) {
		unsigned char *text = sheet();

		text[where[i]] = 0xFF;
		assert_encoding(text, "gb18030");
		free(text);
	}
}

/* A character cut by the end of the input is not valid. */
static void
test_truncated_at_end(void **state)
{
	unsigned char *text = sheet();

	(void)state;
	memcpy(text + SIZE - 2, "\xE5\xBC", 2);
	assert_encoding(text, "gb18030");
	free(text);
}

/*
 * Four continuation bytes in a row at a cut: a span may start inside
 * them, and the input is invalid whichever span checks them.
 */
static void
test_continuation_run_at_cut(void **state)
{
	unsigned char *text = sheet();
	size_t cut = (size_t)SIZE / 3;

	(void)state;
	memcpy(text + cut - 1, "\xE5\xBC\xA0\xA0\xA0", 5);
	assert_encoding(text, "gb18030");
	free(text);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_valid_sheet),
		cmocka_unit_test(test_character_across_cut),
		cmocka_unit_test(test_invalid_byte_in_each_span),
		cmocka_unit_test(test_truncated_at_end),
		cmocka_unit_test(test_continuation_run_at_cut),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
