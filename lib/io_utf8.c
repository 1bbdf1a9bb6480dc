/* SPDX-License-Identifier: MIT */
#include <stdint.h>
#include <string.h>

#include "io_impl.h"

#define HIGH_BITS 0x8080808080808080ULL

/* Skips ASCII from i, a word of 8 bytes at a time; returns the index left. */
static size_t
skip_ascii(const unsigned char *s, size_t i, size_t n)
{
	uint64_t w;

	while (n - i >= 8) {
		memcpy(&w, s + i, 8);
		if ((w & HIGH_BITS) != 0) {
#if defined(__GNUC__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
			return i + (size_t)__builtin_ctzll(w & HIGH_BITS) / 8;
#else
			break;
#endif
		}
		i += 8;
	}
	while (i < n && s[i] < 0x80)
		i++;
	return i;
}

/*
 * Length of the sequence that lead byte c starts, and the range its second
 * byte must fall in (RFC 3629, section 4). 0 for a byte that starts none.
 */
static int
sequence_length(unsigned c, unsigned *lo, unsigned *hi)
{
	*lo = 0x80;
	*hi = 0xBF;
	if (c >= 0xC2 && c <= 0xDF)
		return 2;
	if (c >= 0xE0 && c <= 0xEF) {
		if (c == 0xE0)
			*lo = 0xA0;
		else if (c == 0xED)
			*hi = 0x9F;
		return 3;
	}
	if (c >= 0xF0 && c <= 0xF4) {
		if (c == 0xF0)
			*lo = 0x90;
		else if (c == 0xF4)
			*hi = 0x8F;
		return 4;
	}
	return 0;
}

/* Checks the first have bytes of the sequence that p starts. */
static int
sequence_valid(const unsigned char *p, size_t have, unsigned lo, unsigned hi)
{
	if (have >= 2 && (p[1] < lo || p[1] > hi))
		return 0;
	for (size_t k = 2; k < have; k++)
		if ((p[k] & 0xC0) != 0x80)
			return 0;
	return 1;
}

/*
 * Checks the multibyte sequence at s[i]. Returns its length, or 0 with
 * *status set when it is invalid or cut off by the end of the buffer.
 */
static size_t
check_sequence(const unsigned char *s, size_t i, size_t n,
    enum la_utf8_status *status)
{
	unsigned lo, hi;
	size_t need;

	if ((need = (size_t)sequence_length(s[i], &lo, &hi)) == 0) {
		*status = LA_UTF8_INVALID;
		return 0;
	}
	if (n - i < need) {
		*status = sequence_valid(s + i, n - i, lo, hi) ?
		    LA_UTF8_INCOMPLETE : LA_UTF8_INVALID;
		return 0;
	}
	if (!sequence_valid(s + i, need, lo, hi)) {
		*status = LA_UTF8_INVALID;
		return 0;
	}
	return need;
}

/* Lead bytes of three-byte sequences whose second byte is 80..BF. */
static const unsigned char plain_lead3[256] = {
	[0xE1] = 1, [0xE2] = 1, [0xE3] = 1, [0xE4] = 1, [0xE5] = 1,
	[0xE6] = 1, [0xE7] = 1, [0xE8] = 1, [0xE9] = 1, [0xEA] = 1,
	[0xEB] = 1, [0xEC] = 1, [0xEE] = 1, [0xEF] = 1,
};

/*
 * Skips from i the three-byte sequences of U+1000..U+CFFF and
 * U+E000..U+FFFF, where most CJK characters are. They get a loop of their
 * own because they tend to come in runs. Returns the index left.
 */
static size_t
skip_three_byte(const unsigned char *s, size_t i, size_t n)
{
	uint16_t tail;

	while (n - i >= 3 && plain_lead3[s[i]]) {
		memcpy(&tail, s + i + 1, 2);
		if ((tail & 0xC0C0) != 0x8080)
			break;
		i += 3;
	}
	return i;
}

static size_t
check_scalar(const unsigned char *s, size_t n, enum la_utf8_status *status)
{
	size_t i = 0, len;

	*status = LA_UTF8_VALID;
	while (i < n) {
		if (s[i] < 0x80) {
			i = skip_ascii(s, i, n);
			continue;
		}
		if ((len = skip_three_byte(s, i, n) - i) == 0 &&
		    (len = check_sequence(s, i, n, status)) == 0)
			return i;
		i += len;
	}
	return i;
}

#if defined(__x86_64__) && defined(__GNUC__)
#include <tmmintrin.h>

/*
 * The "lookup" algorithm of Keiser and Lemire ("Validating UTF-8 In Less
 * Than One Instruction Per Byte", arXiv:2010.03090), with the tables of
 * simdjson's utf8_lookup4_algorithm.h, in SSSE3. Three table look-ups on
 * the nibbles of each byte and of the byte before it flag every invalid
 * pair. A second test flags continuation bytes that no lead byte two or
 * three bytes back calls for.
 */
#define TOO_SHORT	(1 << 0)	/* lead, then ASCII or a lead */
#define TOO_LONG	(1 << 1)	/* ASCII, then a continuation */
#define OVERLONG_3	(1 << 2)	/* E0, then 80..9F */
#define TOO_LARGE	(1 << 3)	/* F4..FF, then 90..BF */
#define SURROGATE	(1 << 4)	/* ED, then A0..BF */
#define OVERLONG_2	(1 << 5)	/* C0 or C1, then a continuation */
#define TOO_LARGE_1000	(1 << 6)	/* F5..FF, then 80..8F */
#define OVERLONG_4	(1 << 6)	/* F0, then 80..8F */
#define TWO_CONTS	(1 << 7)	/* a continuation, then another */
#define CARRY		(TOO_SHORT | TOO_LONG | TWO_CONTS)

__attribute__((target("ssse3")))
static __m128i
nibble(__m128i v, int high)
{
	if (high)
		v = _mm_srli_epi16(v, 4);
	return _mm_and_si128(v, _mm_set1_epi8(0x0F));
}

/* Error flags of a byte pair, by the high nibble of the first byte. */
static const unsigned char byte1_high[16] = {
	TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG,
	TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG,
	TWO_CONTS, TWO_CONTS, TWO_CONTS, TWO_CONTS,
	TOO_SHORT | OVERLONG_2,
	TOO_SHORT,
	TOO_SHORT | OVERLONG_3 | SURROGATE,
	TOO_SHORT | TOO_LARGE | TOO_LARGE_1000 | OVERLONG_4,
};

/* ... by the low nibble of the first byte. */
static const unsigned char byte1_low[16] = {
	CARRY | OVERLONG_3 | OVERLONG_2 | OVERLONG_4,
	CARRY | OVERLONG_2,
	CARRY,
	CARRY,
	CARRY | TOO_LARGE,
	CARRY | TOO_LARGE | TOO_LARGE_1000,
	CARRY | TOO_LARGE | TOO_LARGE_1000,
	CARRY | TOO_LARGE | TOO_LARGE_1000,
	CARRY | TOO_LARGE | TOO_LARGE_1000,
	CARRY | TOO_LARGE | TOO_LARGE_1000,
	CARRY | TOO_LARGE | TOO_LARGE_1000,
	CARRY | TOO_LARGE | TOO_LARGE_1000,
	CARRY | TOO_LARGE | TOO_LARGE_1000,
	CARRY | TOO_LARGE | TOO_LARGE_1000 | SURROGATE,
	CARRY | TOO_LARGE | TOO_LARGE_1000,
	CARRY | TOO_LARGE | TOO_LARGE_1000,
};

/* ... by the high nibble of the second byte. */
static const unsigned char byte2_high[16] = {
	TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT,
	TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT,
	TOO_LONG | OVERLONG_2 | TWO_CONTS | OVERLONG_3 | TOO_LARGE_1000 |
	    OVERLONG_4,
	TOO_LONG | OVERLONG_2 | TWO_CONTS | OVERLONG_3 | TOO_LARGE,
	TOO_LONG | OVERLONG_2 | TWO_CONTS | SURROGATE | TOO_LARGE,
	TOO_LONG | OVERLONG_2 | TWO_CONTS | SURROGATE | TOO_LARGE,
	TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT,
};

/* The last three bytes must not start sequences longer than what is left. */
static const unsigned char block_max[16] = {
	0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
	0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xF0 - 1, 0xE0 - 1, 0xC0 - 1,
};

__attribute__((target("ssse3")))
static __m128i
load16(const unsigned char *p)
{
	return _mm_loadu_si128((const __m128i *)(const void *)p);
}

__attribute__((target("ssse3")))
static __m128i
block_errors(__m128i in, __m128i prev)
{
	__m128i prev1 = _mm_alignr_epi8(in, prev, 15);
	__m128i prev2 = _mm_alignr_epi8(in, prev, 14);
	__m128i prev3 = _mm_alignr_epi8(in, prev, 13);
	__m128i special, third, fourth, must23;

	special = _mm_and_si128(_mm_and_si128(
	    _mm_shuffle_epi8(load16(byte1_high), nibble(prev1, 1)),
	    _mm_shuffle_epi8(load16(byte1_low), nibble(prev1, 0))),
	    _mm_shuffle_epi8(load16(byte2_high), nibble(in, 1)));
	third = _mm_subs_epu8(prev2, _mm_set1_epi8(0xE0 - 0x80));
	fourth = _mm_subs_epu8(prev3, _mm_set1_epi8(0xF0 - 0x80));
	must23 = _mm_and_si128(_mm_or_si128(third, fourth),
	    _mm_set1_epi8(-0x80));
	return _mm_xor_si128(must23, special);
}

/* Nonzero where the block ends inside a sequence. */
__attribute__((target("ssse3")))
static __m128i
block_incomplete(__m128i in)
{
	return _mm_subs_epu8(in, load16(block_max));
}

__attribute__((target("ssse3")))
static int
nonzero(__m128i v)
{
	return _mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_setzero_si128())) !=
	    0xFFFF;
}

/*
 * Checks 16-byte blocks while they are valid; returns how far it got.
 * Everything before the character that contains byte [returned - 1] is
 * valid UTF-8.
 */
__attribute__((target("ssse3")))
static size_t
check_blocks(const unsigned char *s, size_t n)
{
	__m128i prev = _mm_setzero_si128(), in, pending = prev;
	size_t i = 0;

	for (; n - i >= 16; i += 16) {
		in = load16(s + i);
		if (_mm_movemask_epi8(in) == 0) {
			if (nonzero(pending))
				break;
		} else if (nonzero(block_errors(in, prev))) {
			break;
		}
		pending = block_incomplete(in);
		prev = in;
	}
	return i;
}

#include <immintrin.h>

/* The same with AVX2, 32 bytes at a time, with the tables in each lane. */
__attribute__((target("avx2")))
static __m256i
table32(const unsigned char *t)
{
	return _mm256_broadcastsi128_si256(_mm_loadu_si128(
	    (const __m128i *)(const void *)t));
}

__attribute__((target("avx2")))
static __m256i
nibble32(__m256i v, int high)
{
	if (high)
		v = _mm256_srli_epi16(v, 4);
	return _mm256_and_si256(v, _mm256_set1_epi8(0x0F));
}

/*
 * The bytes 1, 2 and 3 places back, across the halves of the register:
 * shifting works within each 16-byte lane, so the lane before is put in.
 */
__attribute__((target("avx2")))
static __m256i
block_errors32(__m256i in, __m256i prev)
{
	__m256i before = _mm256_permute2x128_si256(prev, in, 0x21);
	__m256i prev1 = _mm256_alignr_epi8(in, before, 15);
	__m256i prev2 = _mm256_alignr_epi8(in, before, 14);
	__m256i prev3 = _mm256_alignr_epi8(in, before, 13);
	__m256i special, third, fourth, must23;

	special = _mm256_and_si256(_mm256_and_si256(
	    _mm256_shuffle_epi8(table32(byte1_high), nibble32(prev1, 1)),
	    _mm256_shuffle_epi8(table32(byte1_low), nibble32(prev1, 0))),
	    _mm256_shuffle_epi8(table32(byte2_high), nibble32(in, 1)));
	third = _mm256_subs_epu8(prev2, _mm256_set1_epi8(0xE0 - 0x80));
	fourth = _mm256_subs_epu8(prev3, _mm256_set1_epi8(0xF0 - 0x80));
	must23 = _mm256_and_si256(_mm256_or_si256(third, fourth),
	    _mm256_set1_epi8(-0x80));
	return _mm256_xor_si256(must23, special);
}

/* The last three bytes of a 32-byte block, as block_max for 16. */
static const unsigned char block_max32[32] = {
	0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
	0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
	0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
	0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xF0 - 1, 0xE0 - 1, 0xC0 - 1,
};

/* check_blocks() on 32-byte blocks. */
__attribute__((target("avx2")))
static size_t
check_blocks32(const unsigned char *s, size_t n)
{
	__m256i prev = _mm256_setzero_si256(), in, pending = prev, err;
	const __m256i max = _mm256_loadu_si256(
	    (const __m256i *)(const void *)block_max32);
	size_t i = 0;

	for (; n - i >= 32; i += 32) {
		in = _mm256_loadu_si256((const __m256i *)(const void *)(s +
		    i));
		if (_mm256_movemask_epi8(in) == 0) {
			if (!_mm256_testz_si256(pending, pending))
				break;
		} else {
			err = block_errors32(in, prev);
			if (!_mm256_testz_si256(err, err))
				break;
		}
		pending = _mm256_subs_epu8(in, max);
		prev = in;
	}
	return i;
}

/*
 * The widest check that the processor supports: LA_UTF8_AVX2,
 * LA_UTF8_SSSE3 or LA_UTF8_SCALAR. Nothing is kept in a static, which
 * threads would share, since asking costs one load from data that the
 * start-up code fills.
 */
static int
best_level(void)
{
	if (__builtin_cpu_supports("avx2"))
		return LA_UTF8_AVX2;
	return __builtin_cpu_supports("ssse3") ? LA_UTF8_SSSE3 :
	    LA_UTF8_SCALAR;
}
#else
static int
best_level(void)
{
	return LA_UTF8_SCALAR;
}
#endif

size_t
la_utf8_check(const unsigned char *s, size_t n, enum la_utf8_status *status)
{
	return la_utf8_check_level(s, n, status, best_level());
}

size_t
la_utf8_check_level(const unsigned char *s, size_t n,
    enum la_utf8_status *status, int level)
{
	size_t done = 0;

	if (level > best_level())
		level = best_level();
#if defined(__x86_64__) && defined(__GNUC__)
	/* Even one block costs less than the scalar loop on CJK text. */
	if (n >= 32 && level == LA_UTF8_AVX2)
		done = check_blocks32(s, n);
	else if (n >= 16 && level >= LA_UTF8_SSSE3)
		done = check_blocks(s, n);
	if (done > 0) {
		/*
		 * The last character begun may go on past the blocks: check
		 * it again from its lead byte, with the rest.
		 */
		for (int k = 0; k < 3 && done > 0 &&
		    (s[done - 1] & 0xC0) == 0x80; k++)
			done--;
		if (done > 0 && s[done - 1] >= 0xC0)
			done--;
	}
#endif
	return done + check_scalar(s + done, n - done, status);
}

size_t
la_utf8_chars(const char *s, size_t n)
{
	size_t count = 0;

	for (size_t i = 0; i < n; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			count++;
	return count;
}

size_t
la_utf8_prefix(const char *s, size_t len, size_t n)
{
	size_t i = 0;

	while (i < len && n > 0) {
		i++;
		while (i < len && ((unsigned char)s[i] & 0xC0) == 0x80)
			i++;
		n--;
	}
	return i;
}
