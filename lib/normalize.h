/* SPDX-License-Identifier: MIT */
#ifndef LA_NORMALIZE_H
#define LA_NORMALIZE_H

#include <stddef.h>

/*
 * Value normalisation. Every parser takes a NUL-terminated UTF-8 value as
 * read, trims it (ASCII white space, U+3000, U+00A0) and folds full-width
 * forms (U+FF01..U+FF5E, U+3000) to ASCII before it looks at it. A parser
 * returns LA_NORM_OK, LA_NORM_EMPTY for a value that is empty after
 * trimming, or LA_NORM_INVALID with a short reason in why. The reason names
 * the fault ("bad digit grouping: ...", "negative numbers are not
 * allowed") but not the whole value, which the caller reports with the
 * field. why may be NULL; a long reason is cut to size bytes. No parser
 * accepts a partial value: "8年" is not 8. On EMPTY and INVALID the output
 * is left unchanged.
 */
enum la_norm {
	LA_NORM_OK = 0,
	LA_NORM_EMPTY = 1,
	LA_NORM_INVALID = -1
};

/* Flags a parser sets to say what it changed, for warnings. */
enum la_norm_flag {
	LA_NORM_FOLDED = 1 << 0,	/* full-width characters folded */
	LA_NORM_TRIMMED = 1 << 1,	/* white space trimmed at either end */
	LA_NORM_INNER_SPACE = 1 << 2,	/* U+3000 or NBSP inside the value */
	LA_NORM_UNWRAPPED = 1 << 3,	/* Excel ="..." text idiom unwrapped */
	LA_NORM_TRUNCATED = 1 << 4,	/* looks cut to 15 digits by Excel */
	LA_NORM_LEADING_ZERO = 1 << 5	/* a landline that lost its 0 */
};

/*
 * Trims ASCII white space, U+3000 and U+00A0 at both ends. Returns a
 * pointer into s and the trimmed length in *len.
 */
const char *la_trim(const char *s, size_t *len);

/*
 * Bits of la_space_ends[]: a byte may start a space that la_trim() removes
 * (up to ' ', C2 of U+00A0, E3 of U+3000), or may end one (up to ' ', A0,
 * 80).
 */
#define LA_SPACE_FIRST 1
#define LA_SPACE_LAST 2
extern const unsigned char la_space_ends[256];

/*
 * Nonzero when first or last may belong to a space that la_trim()
 * removes. When it returns zero for the first and the last byte of a
 * string, la_trim() trims nothing from it. Inline, with a table in place
 * of six comparisons, because the validator tests every field with it.
 */
static inline int
la_ends_may_be_space(unsigned char first, unsigned char last)
{
	return (la_space_ends[first] & LA_SPACE_FIRST) |
	    (la_space_ends[last] & LA_SPACE_LAST);
}

/*
 * Nonzero when the len bytes at s start or end with a space that la_trim()
 * removes. la_ends_may_be_space() is the quick test to make first.
 */
int la_has_outer_space(const char *s, size_t len);

/*
 * Copies s (len bytes) to out, folding full-width ASCII forms and U+3000 to
 * ASCII, and NUL-terminates out. out needs len + 1 bytes; the result is
 * never longer than the input. Returns the number of characters folded.
 */
size_t la_fold_width(const char *s, size_t len, char *out);

/*
 * Trims a free-text value such as a name or an address into out, which
 * needs strlen(s) + 1 bytes. Nothing inside is changed. *flags (may be
 * NULL) gets LA_NORM_TRIMMED when an end was trimmed, and
 * LA_NORM_INNER_SPACE when U+3000 or U+00A0 remains inside ("王　　建") so
 * that a clerk can review it. Returns LA_NORM_OK, LA_NORM_EMPTY, or
 * LA_NORM_INVALID when out is too small.
 */
int la_clean_text(const char *s, char *out, size_t size, unsigned *flags);

/*
 * Booleans: 是/否, 有/无, 通过/未通过, 同意/不同意, 推荐/不推荐, 合格/不合格,
 * yes/no, y/n, true/false (any case), 1/0, and tick marks (√ ∨ ✓ ✔ ☑ ■ for
 * true, □ ☐ × ✗ for false). Sets *out to 1 or 0.
 */
int la_parse_bool(const char *s, int *out, char *why, size_t size);

/*
 * A non-negative decimal number such as years or a score: digits with an
 * optional fraction, or thousands grouped strictly by three ("1,234",
 * "12,345.5"), at most 15 significant digits. Rejects signs, exponents,
 * hex, units, currency and Chinese numerals.
 */
int la_parse_number(const char *s, double *out, char *why, size_t size);

/*
 * A non-negative whole number (a count) of at most 18 digits, same
 * grouping rules. Any decimal point is rejected, "12.0" included.
 */
int la_parse_count(const char *s, long long *out, char *why, size_t size);

/* Digits that la_parse_count() and la_parse_number() read at most. */
#define LA_COUNT_DIGITS 18
#define LA_NUMBER_DIGITS 15

/*
 * Reads the len bytes at s when they are 1 to max_digits ASCII digits and
 * nothing else, as most counts and years are. Returns 1 with the value in
 * *digits, else 0. Such a value has at most max_digits significant
 * digits, so with LA_COUNT_DIGITS or LA_NUMBER_DIGITS the parser above
 * accepts it and reads the same value. Inline because the validator reads
 * some ten numbers per record.
 */
static inline int
la_plain_digits(const char *s, size_t len, int max_digits,
    unsigned long long *digits)
{
	unsigned long long v = 0;

	if (len == 0 || len > (size_t)max_digits)
		return 0;
	for (size_t i = 0; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return 0;
		v = v * 10 + (unsigned)(s[i] - '0');
	}
	*digits = v;
	return 1;
}

/*
 * Splits a list on ; ； , ， 、 / and calls fn for each trimmed, folded,
 * non-empty item. item is NUL-terminated and valid only during the call.
 * The form's tick notation "刑事辩护∨;民事代理□" selects the ticked items.
 * Once any item carries a mark (a tick mark of la_parse_bool, before or
 * after the text), unmarked and unticked items are skipped. The marks are
 * removed from the items passed to fn. A nonzero return from fn stops the
 * walk and is returned. Returns 0 after the last item, or -1 with errno
 * ENOMEM when no memory is left for the folded copy, which is allocated
 * only for a list of more than 255 bytes. Returns -1 with errno
 * EINVAL, before fn is called, when a mark sits inside an item
 * ("刑事辩护∨ 民事代理□" lacks a separator), because the ticked items
 * are ambiguous.
 */
int la_split_list(const char *s,
    int (*fn)(const char *item, size_t len, void *ctx), void *ctx);

/*
 * Cleans a number that must stay text (phone, licence, ID number): trims,
 * folds full-width forms, unwraps Excel's ="..." idiom, removes spaces
 * (also U+3000 and U+00A0) and hyphens between characters, and drops a +86
 * or 0086 prefix when plus86 is set. The result holds only ASCII letters
 * and digits; anything else is invalid. Excel damage is an error:
 * scientific notation such as 1.39E+10 means digits were lost. A value of
 * 16 or more digits whose digits past the 15th are all zero sets
 * LA_NORM_TRUNCATED. A digit string that would be a valid landline with a
 * 0 in front sets LA_NORM_LEADING_ZERO; that flag means something only for
 * phone fields. out needs strlen(s) + 1 bytes. flags (may be NULL) is set
 * to what was changed or suspected, why as for the parsers.
 */
int la_clean_digits(const char *s, int plus86, char *out, size_t size,
    unsigned *flags, char *why, size_t why_size);

/*
 * la_clean_digits() for a value that la_trim() leaves as it is, such as
 * one the validator has trimmed: s is NUL-terminated and len is strlen(s).
 * It spares measuring and trimming s again.
 */
int la_clean_trimmed_digits(const char *s, size_t len, int plus86,
    char *out, size_t size, unsigned *flags, char *why, size_t why_size);

#endif
