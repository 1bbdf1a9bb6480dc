/* SPDX-License-Identifier: MIT */
#include <stdint.h>
#include <string.h>

#include "fuzz.h"
#include "io_impl.h"

/*
 * Compares the readers' UTF-8 check, which runs 32 bytes at a time with
 * AVX2 or 16 with SSSE3 where it can, at each of its levels, with a plain
 * byte-by-byte reading of RFC 3629. All must stop at the same byte for
 * the same reason.
 */

/* Second-byte range and length of the sequence lead byte c starts. */
static size_t
reference_length(unsigned char c, unsigned char *lo, unsigned char *hi)
{
	*lo = 0x80;
	*hi = 0xbf;
	if (c >= 0xc2 && c <= 0xdf)
		return 2;
	if (c == 0xe0)
		*lo = 0xa0;
	if (c == 0xed)
		*hi = 0x9f;
	if (c >= 0xe0 && c <= 0xef)
		return 3;
	if (c == 0xf0)
		*lo = 0x90;
	if (c == 0xf4)
		*hi = 0x8f;
	if (c >= 0xf0 && c <= 0xf4)
		return 4;
	return 0;
}

static size_t
reference_check(const unsigned char *s, size_t n, enum la_utf8_status *st)
{
	unsigned char lo, hi, c;
	size_t i = 0, k, j;

	*st = LA_UTF8_VALID;
	while (i < n) {
		if (s[i] < 0x80) {
			i++;
			continue;
		}
		if ((k = reference_length(s[i], &lo, &hi)) == 0) {
			*st = LA_UTF8_INVALID;
			return i;
		}
		for (j = 1; j < k; j++) {
			if (i + j == n) {
				*st = LA_UTF8_INCOMPLETE;
				return i;
			}
			c = s[i + j];
			if (j == 1 ? c < lo || c > hi : (c & 0xc0) != 0x80) {
				*st = LA_UTF8_INVALID;
				return i;
			}
		}
		i += k;
	}
	return i;
}

int
fuzz_utf8(const uint8_t *data, size_t size)
{
	enum la_utf8_status got, want;
	size_t ok, ref, chars, cut, k;

	ref = reference_check(data, size, &want);
	for (int level = LA_UTF8_SCALAR; level <= LA_UTF8_AVX2; level++) {
		ok = la_utf8_check_level(data, size, &got, level);
		FUZZ_CHECK(ok == ref);
		FUZZ_CHECK(got == want);
	}
	ok = la_utf8_check(data, size, &got);
	FUZZ_CHECK(ok == ref);
	FUZZ_CHECK(got == want);
	/* Counting and cutting by characters on the valid prefix. */
	chars = 0;
	for (k = 0; k < ok; k++)
		chars += (data[k] & 0xc0) != 0x80;
	FUZZ_CHECK(la_utf8_chars((const char *)data, ok) == chars);
	cut = la_utf8_prefix((const char *)data, ok, chars / 2);
	FUZZ_CHECK(cut <= ok);
	FUZZ_CHECK(cut == ok || (data[cut] & 0xc0) != 0x80);
	FUZZ_CHECK(la_utf8_chars((const char *)data, cut) == chars / 2);
	return 0;
}

FUZZ_ENTRY(fuzz_utf8)
