/* SPDX-License-Identifier: MIT */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "bytes.h"

static void
word_has_zero_each_byte(void **state)
{
	(void)state;
	assert_false(la_word_has_zero(UINT64_C(0x0101010101010101)));
	assert_false(la_word_has_zero(UINT64_C(0xffffffffffffffff)));
	/* No byte is zero, though 0x01 less 1 is zero and 0x80 has the high bit. */
	assert_false(la_word_has_zero(UINT64_C(0x8080808080800101)));
	for (int i = 0; i < 8; i++) {
		uint64_t w = UINT64_C(0x4141414141414141) &
		    ~(UINT64_C(0xff) << (8 * i));

		assert_true(la_word_has_zero(w));
	}
	assert_true(la_word_has_zero(0));
}

/*
 * Every length from 0 to 80 bytes, with no NUL and with one NUL at each
 * place. The value sits at the end of a heap block, so that a read past
 * it is one AddressSanitizer reports.
 */
static void
has_nul_every_length_and_place(void **state)
{
	(void)state;
	for (size_t len = 0; len <= 80; len++) {
		char *block = malloc(len + 1);
		char *s = block;

		assert_non_null(block);
		memset(s, 'a', len);
		s[len] = '\0';
		if (la_has_nul(s, len))
			fail_msg("NUL found in %zu bytes without one", len);
		for (size_t at = 0; at < len; at++) {
			s[at] = '\0';
			if (!la_has_nul(s, len))
				fail_msg("NUL at %zu of %zu bytes missed", at,
				    len);
			s[at] = (char)0x80;
		}
		/* Bytes of 0x80 and above are no NUL either. */
		if (len > 0 && la_has_nul(s, len))
			fail_msg("NUL found in %zu bytes of 0x80", len);
		free(block);
	}
}

static void
has_nul_short_values(void **state)
{
	(void)state;
	assert_false(la_has_nul("", 0));
	assert_false(la_has_nul("是", 3));
	assert_true(la_has_nul("a\0b", 3));
	assert_true(la_has_nul("\0", 1));
	assert_false(la_has_nul("500110196004217295", 18));
	assert_true(la_has_nul("50011019600421729\0", 18));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(word_has_zero_each_byte),
		cmocka_unit_test(has_nul_every_length_and_place),
		cmocka_unit_test(has_nul_short_values),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
