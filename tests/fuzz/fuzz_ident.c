/* SPDX-License-Identifier: MIT */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "ident.h"
#include "normalize.h"

#define WHY_SMALL 16

/*
 * Bytes of the character at s: a byte and the continuation bytes after it,
 * so that a stray continuation byte at the start is a character too.
 */
static size_t
char_len(const char *s)
{
	size_t k = 1;

	while (((unsigned char)s[k] & 0xc0) == 0x80)
		k++;
	return k;
}

static size_t
count_chars(const char *s)
{
	size_t n = 0;

	for (; *s != '\0'; s += char_len(s))
		n++;
	return n;
}

static int
only_digits(const char *s, size_t from, size_t to)
{
	size_t i;

	for (i = from; i < to; i++) {
		if (s[i] < '0' || s[i] > '9')
			return 0;
	}
	return 1;
}

static void
check_id(const char *s, la_day today)
{
	struct la_id_info info;
	char why[WHY_SMALL], c;
	int rc;

	c = la_id_check_char(s);
	FUZZ_CHECK(c == 0 || strchr("0123456789X", c) != NULL);
	rc = la_check_id_number(s, today, &info, why, sizeof(why));
	if (rc != 0) {
		FUZZ_CHECK(rc == -1);
		FUZZ_CHECK(fuzz_terminated(why, sizeof(why)));
		return;
	}
	FUZZ_CHECK(strlen(s) == 18 && only_digits(s, 0, 17));
	FUZZ_CHECK(c == (s[17] == 'x' ? 'X' : s[17]));
	FUZZ_CHECK(la_date_valid(info.birth.year, info.birth.month,
	    info.birth.day));
	FUZZ_CHECK(today == 0 || la_day_from_date(info.birth) <= today);
	FUZZ_CHECK(info.male == 0 || info.male == 1);
	FUZZ_CHECK(strlen(info.region) == 6 && only_digits(info.region, 0, 6));
}

static void
check_licences(const char *s)
{
	char why[WHY_SMALL];
	size_t n = strlen(s);

	if (la_check_lawyer_license(s, 2024, why, sizeof(why)) == 0)
		FUZZ_CHECK(n == 17 && only_digits(s, 0, 17) && s[0] == '1');
	else
		FUZZ_CHECK(fuzz_terminated(why, sizeof(why)));
	if (la_check_lawyer_license(s, 0, NULL, 0) == 0)
		FUZZ_CHECK(n == 17);
	if (la_check_worker_license(s, why, sizeof(why)) == 0)
		FUZZ_CHECK(n >= 1 && n <= 30);
	if (la_check_phone(s, why, sizeof(why)) == 0)
		FUZZ_CHECK((n == 11 || n == 12) && only_digits(s, 0, n));
	if (la_check_credit_code(s, why, sizeof(why)) == 0)
		FUZZ_CHECK(n == 18);
}

/* Characters of out that are not '*'. */
static size_t
count_kept(const char *out)
{
	size_t n = 0;

	for (; *out != '\0'; out += char_len(out))
		n += *out != '*';
	return n;
}

/* Masks s into a buffer of exactly size bytes and checks the result. */
static void
check_mask(const char *s, size_t size, int phone)
{
	char *out;
	size_t n = strlen(s), chars;
	int mobile;

	if ((out = malloc(size)) == NULL)
		return;
	if (phone)
		la_mask_phone(s, out, size);
	else
		la_mask_id(s, out, size);
	FUZZ_CHECK(fuzz_terminated(out, size));
	if (size > n && n > 0) {
		FUZZ_CHECK(count_chars(out) == count_chars(s));
		FUZZ_CHECK(strchr(out, '*') != NULL);
	}
	if (size > n && strchr(s, '*') == NULL) {
		chars = count_chars(s);
		mobile = n == 11 && s[0] == '1' && only_digits(s, 0, 11);
		/* An ID keeps 6 + 4 characters, or none when that hides none. */
		if (!phone)
			FUZZ_CHECK(count_kept(out) == (chars > 10 ? 10 : 0));
		else if (mobile)
			FUZZ_CHECK(count_kept(out) == 7);
		else if (s[0] != '0')
			FUZZ_CHECK(count_kept(out) == (chars > 4 ? 4 : 0));
	}
	free(out);
}

static void
check_all(const char *s, size_t small)
{
	struct la_date today = { 2024, 3, 20 };

	check_id(s, la_day_from_date(today));
	check_id(s, 0);
	check_licences(s);
	check_mask(s, strlen(s) + 1, 0);
	check_mask(s, strlen(s) + 1, 1);
	check_mask(s, small, 0);
	check_mask(s, small, 1);
}

int
fuzz_ident(const uint8_t *data, size_t size)
{
	char *s, *clean;
	size_t small;

	if ((s = fuzz_string(data, size)) == NULL)
		return 0;
	small = size > 0 ? 1 + data[0] % 12 : 1;
	check_all(s, small);
	if ((clean = malloc(size + 1)) != NULL) {
		if (la_clean_digits(s, 1, clean, size + 1, NULL, NULL, 0) ==
		    LA_NORM_OK)
			check_all(clean, small);
		free(clean);
	}
	free(s);
	return 0;
}

FUZZ_ENTRY(fuzz_ident)
