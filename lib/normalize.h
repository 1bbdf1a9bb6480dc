/* SPDX-License-Identifier: MIT */
#ifndef LA_NORMALIZE_H
#define LA_NORMALIZE_H

#include <stddef.h>

/*
 * Value normalisation. Every parser takes a NUL-terminated UTF-8 value as
 * read, trims it (ASCII white space, U+3000, U+00A0) and folds full-width
 * forms (U+FF01..U+FF5E, U+3000) to ASCII before it looks at it. A parser
 * returns LA_NORM_OK, LA_NORM_EMPTY for a value that is empty after
 * trimming, or LA_NORM_INVALID with a short reason in why that names the
 * fault ("not a number", "bad digit grouping in \"1,20\""). No parser
 * accepts a partial value: "8年" is not 8.
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
 * Copies s (len bytes) to out, folding full-width ASCII forms and U+3000 to
 * ASCII. out needs len + 1 bytes; the result is never longer than the
 * input. Returns the number of characters folded.
 */
size_t la_fold_width(const char *s, size_t len, char *out);

/*
 * Booleans: 是/否, 有/无, 通过/未通过, 同意/不同意, 推荐/不推荐, 合格/不合格,
 * yes/no, y/n, true/false, 1/0, and tick marks (√ ∨ ✓ ✔ ☑ ■ for true,
 * □ ☐ × ✗ for false).
 */
int la_parse_bool(const char *s, int *out, char *why, size_t size);

/*
 * A non-negative decimal number such as years or a score: digits with an
 * optional fraction, or thousands grouped strictly by three ("1,234",
 * "12,345.5"). Rejects signs, exponents, hex, units and currency.
 */
int la_parse_number(const char *s, double *out, char *why, size_t size);

/* A non-negative whole number (a count), same grouping rules. */
int la_parse_count(const char *s, long long *out, char *why, size_t size);

/*
 * Splits a list on ; ； , ， 、 / and calls fn for each trimmed, folded,
 * non-empty item. The form's tick notation "刑事辩护∨;民事代理□" selects
 * the ticked items: once any item carries a mark, unmarked and unticked
 * items are skipped, and the marks are removed from the items passed to fn.
 * A nonzero return from fn stops the walk and is returned.
 */
int la_split_list(const char *s,
    int (*fn)(const char *item, size_t len, void *ctx), void *ctx);

/*
 * Cleans a number that must stay text (phone, licence, ID number): trims,
 * folds full-width forms, unwraps Excel's ="..." idiom, removes spaces and
 * hyphens inside, and drops a +86 or 0086 prefix when plus86 is set. Excel
 * damage is an error: scientific notation such as 1.39E+10 means digits
 * were lost. A 16- or 17-digit value ending in zeros past the 15th digit
 * sets LA_NORM_TRUNCATED. out needs strlen(s) + 1 bytes.
 */
int la_clean_digits(const char *s, int plus86, char *out, size_t size,
    unsigned *flags, char *why, size_t why_size);

#endif
