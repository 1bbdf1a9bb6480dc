/* SPDX-License-Identifier: MIT */
#ifndef LA_BYTES_H
#define LA_BYTES_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

/*
 * Byte tests on short values, a machine word at a time. The validator runs
 * them on every field of every record, so they are inline and call no
 * function for the usual value of a few dozen bytes.
 */

/*
 * Nonzero when a byte of w is zero. The test is exact: borrows only run
 * upwards from a zero byte, and the lowest zero byte always sets its high
 * bit in the result.
 */
static inline uint64_t
la_word_has_zero(uint64_t w)
{
	return (w - UINT64_C(0x0101010101010101)) & ~w &
	    UINT64_C(0x8080808080808080);
}

/* The 8 bytes at p as a word, in whatever order the machine has. */
static inline uint64_t
la_bytes_load8(const char *p)
{
	uint64_t w;

	memcpy(&w, p, sizeof(w));
	return w;
}

/* The 4 bytes at p as a word. */
static inline uint64_t
la_bytes_load4(const char *p)
{
	uint32_t w;

	memcpy(&w, p, sizeof(w));
	return w;
}

/*
 * Nonzero when one of the len bytes at s is NUL. Reads only s[0] to
 * s[len - 1]: the two words or the two 16-byte blocks of a value overlap
 * when its length is not a multiple of theirs. A value of more than 32
 * bytes goes to memchr(), which also tests 16 or 32 bytes at once.
 */
static inline int
la_has_nul(const char *s, size_t len)
{
	if (len < 4)
		return len > 0 && (s[0] == '\0' || s[len / 2] == '\0' ||
		    s[len - 1] == '\0');
	if (len < 8)
		return la_word_has_zero(la_bytes_load4(s) |
		    la_bytes_load4(s + len - 4) << 32) != 0;
	if (len <= 16)
		return (la_word_has_zero(la_bytes_load8(s)) |
		    la_word_has_zero(la_bytes_load8(s + len - 8))) != 0;
#ifdef __SSE2__
	if (len <= 32) {
		/* The bytewise minimum of two blocks is 0 where either is. */
		__m128i least = _mm_min_epu8(
		    _mm_loadu_si128((const __m128i *)(const void *)s),
		    _mm_loadu_si128((const __m128i *)(const void *)(s + len -
		    16)));

		return _mm_movemask_epi8(_mm_cmpeq_epi8(least,
		    _mm_setzero_si128())) != 0;
	}
#endif
	return memchr(s, '\0', len) != NULL;
}

/* Returns nonzero when the 8 bytes at s are all ASCII digits. */
static inline int
la_bytes_digits8(const char *s)
{
	const uint64_t high = UINT64_C(0xF0F0F0F0F0F0F0F0);
	const uint64_t threes = UINT64_C(0x3030303030303030);
	uint64_t w = la_bytes_load8(s);

	/*
	 * The first test leaves each byte at 0x30 to 0x3F, so adding 6 to it
	 * changes its high half only from 0x3A up and never carries into the
	 * next byte.
	 */
	return (w & high) == threes &&
	    ((w + UINT64_C(0x0606060606060606)) & high) == threes;
}

/*
 * Returns nonzero when the n bytes at s, 8 or more, are all ASCII digits.
 * It tests 8 bytes at a time, since ID and licence numbers have 17 or 18.
 */
static inline int
la_bytes_digits(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i + 8 <= n; i += 8) {
		if (!la_bytes_digits8(s + i))
			return 0;
	}
	return i == n || la_bytes_digits8(s + n - 8);
}

#endif
