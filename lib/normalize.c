/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bytes.h"
#include "normalize.h"

/* Longest trimmed value the number and boolean parsers look at. */
#define SHORT_MAX 63

/* A word of a fixed vocabulary and the value it maps to. */
struct word {
	const char *text;
	size_t len;		/* strlen(text) */
	int value;
};

#define WORD(text, value) { text, sizeof(text) - 1, value }
#define NWORDS(words) (sizeof(words) / sizeof((words)[0]))

/*
 * Tick marks, with value 1 for a tick and 0 for an empty box or a cross.
 * Each starts with byte E2 or C3 (× is C3 97), which is_mark_lead()
 * relies on.
 */
static const struct word marks[] = {
	WORD("√", 1), WORD("∨", 1), WORD("✓", 1), WORD("✔", 1),
	WORD("☑", 1), WORD("■", 1),
	WORD("□", 0), WORD("☐", 0), WORD("×", 0), WORD("✗", 0)
};

static int reject(char *why, size_t size, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Writes a reason into why and returns LA_NORM_INVALID. */
static int
reject(char *why, size_t size, const char *fmt, ...)
{
	va_list ap;

	if (why != NULL && size > 0) {
		va_start(ap, fmt);
		vsnprintf(why, size, fmt, ap);
		va_end(ap);
	}
	return LA_NORM_INVALID;
}

static int
empty(char *why, size_t size)
{
	if (why != NULL && size > 0)
		snprintf(why, size, "empty");
	return LA_NORM_EMPTY;
}

static int
is_digit(int c)
{
	return c >= '0' && c <= '9';
}

static int
is_alnum(int c)
{
	return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Bytes in the UTF-8 character that starts with byte c. */
static size_t
utf8_len(unsigned char c)
{
	if (c < 0xc0)
		return 1;
	if (c < 0xe0)
		return 2;
	if (c < 0xf0)
		return 3;
	return 4;
}

#define BOTH (LA_SPACE_FIRST | LA_SPACE_LAST)

/* Bytes 0 to ' ' come first, each both a first and a last byte. */
const unsigned char la_space_ends[256] = {
	BOTH, BOTH, BOTH, BOTH, BOTH, BOTH, BOTH, BOTH, BOTH, BOTH, BOTH,
	BOTH, BOTH, BOTH, BOTH, BOTH, BOTH, BOTH, BOTH, BOTH, BOTH, BOTH,
	BOTH, BOTH, BOTH, BOTH, BOTH, BOTH, BOTH, BOTH, BOTH, BOTH, BOTH,
	[0x80] = LA_SPACE_LAST, [0xa0] = LA_SPACE_LAST,
	[0xc2] = LA_SPACE_FIRST, [0xe3] = LA_SPACE_FIRST
};

#undef BOTH

/* Length of a space (ASCII, NBSP or U+3000) at p, or 0. */
static inline size_t
space_at(const unsigned char *p, size_t n)
{
	if (n >= 1 && (p[0] == ' ' || (p[0] >= '\t' && p[0] <= '\r')))
		return 1;
	if (n >= 2 && p[0] == 0xc2 && p[1] == 0xa0)
		return 2;
	if (n >= 3 && p[0] == 0xe3 && p[1] == 0x80 && p[2] == 0x80)
		return 3;
	return 0;
}

/* Length of a space that ends just before p + n, or 0. */
static inline size_t
space_before(const unsigned char *p, size_t n)
{
	if (n >= 1 && (p[n - 1] == ' ' ||
	    (p[n - 1] >= '\t' && p[n - 1] <= '\r')))
		return 1;
	if (n >= 2 && p[n - 2] == 0xc2 && p[n - 1] == 0xa0)
		return 2;
	if (n >= 3 && p[n - 3] == 0xe3 && p[n - 2] == 0x80 &&
	    p[n - 1] == 0x80)
		return 3;
	return 0;
}

const char *
la_trim(const char *s, size_t *len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = strlen(s), k;

	/* Most values have nothing to trim. */
	if (n == 0 || !la_ends_may_be_space(p[0], p[n - 1])) {
		*len = n;
		return s;
	}
	while ((k = space_at(p, n)) > 0) {
		p += k;
		n -= k;
	}
	while ((k = space_before(p, n)) > 0)
		n -= k;
	*len = n;
	return (const char *)p;
}

int
la_has_outer_space(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;

	return space_at(p, len) > 0 || space_before(p, len) > 0;
}

/* The ASCII character a full-width form at p folds to, or -1. */
static int
fold_char(const unsigned char *p, size_t n)
{
	if (n < 3)
		return -1;
	if (p[0] == 0xe3 && p[1] == 0x80 && p[2] == 0x80)
		return ' ';
	if (p[0] != 0xef)
		return -1;
	/* U+FF01..U+FF3F is EF BC 81..BF, U+FF40..U+FF5E is EF BD 80..9E. */
	if (p[1] == 0xbc && p[2] >= 0x81 && p[2] <= 0xbf)
		return p[2] - 0x81 + 0x21;
	if (p[1] == 0xbd && p[2] >= 0x80 && p[2] <= 0x9e)
		return p[2] - 0x80 + 0x60;
	return -1;
}

/*
 * Nonzero when the len bytes at s contain a character that fold_char()
 * folds, which is U+3000 (E3 80 80) or one that starts with byte EF. The
 * list separator 、 (E3 80 81) does not count.
 */
static int
has_fold(const char *s, size_t len)
{
	const char *p = s, *end = s + len;

	if (memchr(s, 0xef, len) != NULL)
		return 1;
	while ((p = memchr(p, 0xe3, (size_t)(end - p))) != NULL) {
		if (end - p >= 3 && (unsigned char)p[1] == 0x80 &&
		    (unsigned char)p[2] == 0x80)
			return 1;
		p++;
	}
	return 0;
}

size_t
la_fold_width(const char *s, size_t len, char *out)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, folded = 0;
	int c;

	if (!has_fold(s, len)) {
		memcpy(out, s, len);
		out[len] = '\0';
		return 0;
	}
	while (i < len) {
		/* Only E3 (U+3000) and EF (U+FF01..U+FF5E) start a fold. */
		if (p[i] != 0xe3 && p[i] != 0xef) {
			*out++ = (char)p[i++];
			continue;
		}
		if ((c = fold_char(p + i, len - i)) >= 0) {
			*out++ = (char)c;
			i += 3;
			folded++;
		} else
			*out++ = (char)p[i++];
	}
	*out = '\0';
	return folded;
}

int
la_clean_text(const char *s, char *out, size_t size, unsigned *flags)
{
	const unsigned char *p;
	size_t len, i;
	unsigned f = 0;

	p = (const unsigned char *)la_trim(s, &len);
	if (len != strlen(s))
		f |= LA_NORM_TRIMMED;
	for (i = 0; i < len; i++) {
		if (space_at(p + i, len - i) > 1)
			f |= LA_NORM_INNER_SPACE;
	}
	if (flags != NULL)
		*flags = f;
	if (len == 0)
		return LA_NORM_EMPTY;
	if (size < len + 1)
		return LA_NORM_INVALID;
	memcpy(out, p, len);
	out[len] = '\0';
	return LA_NORM_OK;
}

/*
 * Trims s and folds it into buf (SHORT_MAX + 1 bytes). Returns LA_NORM_OK,
 * LA_NORM_EMPTY, or LA_NORM_INVALID when the value is too long for what.
 */
static int
fold_short(const char *s, char *buf, const char *what, char *why,
    size_t size)
{
	const char *p;
	size_t len;

	p = la_trim(s, &len);
	if (len == 0)
		return empty(why, size);
	if (len > SHORT_MAX)
		return reject(why, size, "too long for %s", what);
	la_fold_width(p, len, buf);
	return LA_NORM_OK;
}

/*
 * Nonzero when the n bytes at a and b are equal. For the few bytes of a
 * word this loop is cheaper than a call to memcmp().
 */
static int
same_bytes(const char *a, const char *b, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (a[i] != b[i])
			return 0;
	}
	return 1;
}

/* The first of count words that the n bytes at s start with, or NULL. */
static const struct word *
word_at(const char *s, size_t n, const struct word *words, size_t count)
{
	for (size_t i = 0; i < count; i++) {
		if (n >= words[i].len && same_bytes(s, words[i].text,
		    words[i].len))
			return &words[i];
	}
	return NULL;
}

/* The first of count words equal to the n bytes at s, or NULL. */
static const struct word *
word_equal(const char *s, size_t n, const struct word *words, size_t count)
{
	for (size_t i = 0; i < count; i++) {
		if (n == words[i].len && same_bytes(s, words[i].text, n))
			return &words[i];
	}
	return NULL;
}

/* The yes/no word or tick mark equal to the n bytes at s, or NULL. */
static const struct word *
bool_word(const char *s, size_t n)
{
	static const struct word words[] = {
		WORD("是", 1), WORD("有", 1), WORD("通过", 1), WORD("同意", 1),
		WORD("推荐", 1), WORD("合格", 1), WORD("yes", 1), WORD("y", 1),
		WORD("true", 1), WORD("1", 1),
		WORD("否", 0), WORD("无", 0), WORD("未通过", 0),
		WORD("不同意", 0), WORD("不推荐", 0), WORD("不合格", 0),
		WORD("no", 0), WORD("n", 0), WORD("false", 0), WORD("0", 0)
	};
	const struct word *w;

	if ((w = word_equal(s, n, words, NWORDS(words))) == NULL)
		w = word_equal(s, n, marks, NWORDS(marks));
	return w;
}

int
la_parse_bool(const char *s, int *out, char *why, size_t size)
{
	const struct word *w;
	char buf[SHORT_MAX + 1];
	size_t i;
	int rc;

	/*
	 * Most values are one of the words as they stand. Trimming, folding
	 * and lower-casing would leave such a value as it is, so they are
	 * done only for the others.
	 */
	if ((w = bool_word(s, strlen(s))) == NULL) {
		if ((rc = fold_short(s, buf, "a yes/no value", why,
		    size)) != 0)
			return rc;
		for (i = 0; buf[i] != '\0'; i++) {
			if (buf[i] >= 'A' && buf[i] <= 'Z')
				buf[i] = (char)(buf[i] - 'A' + 'a');
		}
		w = bool_word(buf, i);
	}
	if (w != NULL) {
		*out = w->value;
		return LA_NORM_OK;
	}
	return reject(why, size, "not a yes/no value: expected 是/否, "
	    "yes/no, true/false, 1/0 or a tick mark");
}

/* A decimal number as its digits and the count of those after the point. */
struct decimal {
	unsigned long long digits;
	int scale;
};

enum scan_fault {
	SCAN_OK = 0,
	SCAN_JUNK,		/* not the number grammar; classify further */
	SCAN_GROUPING,
	SCAN_TOO_LONG,
	SCAN_FRACTION,		/* a point without digits after it */
	SCAN_NOT_WHOLE		/* a point where a whole number is needed */
};

/* Adds digit c to dec. *sig counts the significant digits so far. */
static void
add_digit(struct decimal *dec, int c, int *sig, int max_digits)
{
	if (*sig == 0 && c == '0')
		return;
	if (++*sig <= max_digits)
		dec->digits = dec->digits * 10 + (unsigned)(c - '0');
}

/* Checks the grouping of the whole part at *pp and advances past it. */
static enum scan_fault
scan_whole(const char **pp, struct decimal *dec, int *sig, int max_digits)
{
	const char *p = *pp, *start = *pp;
	size_t group = 0;
	int grouped = 0;

	for (; is_digit(*p) || *p == ','; p++) {
		if (*p != ',') {
			add_digit(dec, *p, sig, max_digits);
			group++;
			continue;
		}
		if (grouped ? group != 3 :
		    (group < 1 || group > 3 || *start == '0'))
			return SCAN_GROUPING;
		grouped = 1;
		group = 0;
	}
	if (grouped && group != 3)
		return SCAN_GROUPING;
	*pp = p;
	return SCAN_OK;
}

static enum scan_fault
scan_decimal(const char *s, int max_digits, int whole_only,
    struct decimal *dec)
{
	const char *p = s;
	enum scan_fault f;
	int sig = 0;

	dec->digits = 0;
	dec->scale = 0;
	if (!is_digit(*p))
		return SCAN_JUNK;
	if ((f = scan_whole(&p, dec, &sig, max_digits)) != SCAN_OK)
		return f;
	if (*p == '.') {
		if (!is_digit(*++p))
			return SCAN_FRACTION;
		if (whole_only)
			return SCAN_NOT_WHOLE;
		for (; is_digit(*p); p++) {
			add_digit(dec, *p, &sig, max_digits);
			dec->scale++;
		}
	}
	if (*p != '\0')
		return SCAN_JUNK;
	if (sig > max_digits || dec->scale > max_digits)
		return SCAN_TOO_LONG;
	return SCAN_OK;
}

/*
 * Nonzero when s is digits, an E and an exponent, as in 1.5e3. With
 * need_plus the exponent must have a plus sign, as Excel writes it
 * (1.39E+10), so that a licence such as 3E12 is not taken for one.
 */
static int
has_exponent(const char *s, int need_plus)
{
	const char *p = s;

	while (is_digit(*p) || *p == '.' || *p == ',')
		p++;
	if (p == s || (*p != 'e' && *p != 'E'))
		return 0;
	p++;
	if (*p == '+' || (*p == '-' && !need_plus))
		p++;
	else if (need_plus)
		return 0;
	if (!is_digit(*p))
		return 0;
	while (is_digit(*p))
		p++;
	return *p == '\0';
}

static int
starts_with_cjk_numeral(const char *s)
{
	static const struct word numerals[] = {
		WORD("零", 0), WORD("〇", 0), WORD("一", 1), WORD("二", 2),
		WORD("两", 2), WORD("三", 3), WORD("四", 4), WORD("五", 5),
		WORD("六", 6), WORD("七", 7), WORD("八", 8), WORD("九", 9),
		WORD("十", 10), WORD("百", 100), WORD("千", 1000),
		WORD("万", 10000), WORD("亿", 100000000), WORD("壹", 1),
		WORD("贰", 2), WORD("叁", 3), WORD("肆", 4), WORD("伍", 5),
		WORD("陆", 6), WORD("柒", 7), WORD("捌", 8), WORD("玖", 9),
		WORD("拾", 10)
	};

	return word_at(s, strlen(s), numerals, NWORDS(numerals)) != NULL;
}

/* Names what is wrong with s, a value that is not in the number grammar. */
static const char *
junk_reason(const char *s)
{
	if (s[0] == '-')
		return "negative numbers are not allowed";
	if (s[0] == '+')
		return "a plus sign is not allowed";
	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))
		return "hexadecimal numbers are not allowed";
	if (strstr(s, "¥") != NULL || strstr(s, "￥") != NULL ||
	    strchr(s, '$') != NULL || strstr(s, "€") != NULL)
		return "currency is not supported: give the number only";
	if (has_exponent(s, 0))
		return "exponent notation is not allowed: write all the digits";
	if (starts_with_cjk_numeral(s))
		return "Chinese numerals are not supported: write digits";
	if (strchr(s, ' ') != NULL)
		return "space inside the number";
	if (is_digit(s[0]))
		return "unit or text after the number: give the number only";
	if (s[0] == '.')
		return "a digit is needed before the decimal point";
	return "not a number";
}

static int
parse_decimal(const char *s, int max_digits, int whole_only,
    struct decimal *dec, char *why, size_t size)
{
	char buf[SHORT_MAX + 1];
	size_t n = 0;
	int rc;

	/*
	 * A value of digits only, as most counts are, needs no trimming or
	 * folding, so fold_short() is spared.
	 */
	while (is_digit(s[n]))
		n++;
	if (n > 0 && s[n] == '\0' && n <= SHORT_MAX)
		memcpy(buf, s, n + 1);
	else if ((rc = fold_short(s, buf, "a number", why, size)) != 0)
		return rc;
	switch (scan_decimal(buf, max_digits, whole_only, dec)) {
	case SCAN_OK:
		return LA_NORM_OK;
	case SCAN_GROUPING:
		return reject(why, size, "bad digit grouping: groups after "
		    "the first need 3 digits, as in 1,234");
	case SCAN_TOO_LONG:
		return reject(why, size, "too many digits: at most %d",
		    max_digits);
	case SCAN_FRACTION:
		return reject(why, size,
		    "a digit is needed after the decimal point");
	case SCAN_NOT_WHOLE:
		return reject(why, size, "not a whole number");
	case SCAN_JUNK:
		break;
	}
	return reject(why, size, "%s", junk_reason(buf));
}

/* la_plain_digits() for the string s. */
static int
plain_digits(const char *s, int max_digits, unsigned long long *digits)
{
	size_t n = 0;

	while (n <= (size_t)max_digits && is_digit(s[n]))
		n++;
	return s[n] == '\0' && la_plain_digits(s, n, max_digits, digits);
}

int
la_parse_number(const char *s, double *out, char *why, size_t size)
{
	struct decimal dec;
	double scale = 1;
	int rc, i;

	/* The digits are exact in a double, as in the division below. */
	if (plain_digits(s, LA_NUMBER_DIGITS, &dec.digits)) {
		*out = (double)dec.digits;
		return LA_NORM_OK;
	}
	if ((rc = parse_decimal(s, LA_NUMBER_DIGITS, 0, &dec, why,
	    size)) != LA_NORM_OK)
		return rc;
	/*
	 * Both operands are exact in a double (at most 15 digits), so the
	 * quotient is the correctly rounded value, whatever the locale's
	 * decimal point.
	 */
	for (i = 0; i < dec.scale; i++)
		scale *= 10;
	*out = (double)dec.digits / scale;
	return LA_NORM_OK;
}

int
la_parse_count(const char *s, long long *out, char *why, size_t size)
{
	struct decimal dec;
	int rc;

	if (plain_digits(s, LA_COUNT_DIGITS, &dec.digits)) {
		*out = (long long)dec.digits;
		return LA_NORM_OK;
	}
	if ((rc = parse_decimal(s, LA_COUNT_DIGITS, 1, &dec, why,
	    size)) != LA_NORM_OK)
		return rc;
	*out = (long long)dec.digits;
	return LA_NORM_OK;
}

/* One item of a list: its text without marks, and its tick state. */
struct item {
	char *text;
	size_t len;
	int mark;		/* 0 none, 1 ticked, -1 unticked */
};

/* Length of a list separator at p, or 0. */
static size_t
separator_at(const char *p)
{
	if (*p == ';' || *p == ',' || *p == '/')
		return 1;
	/* 、 is E3 80 81; testing the first byte keeps ASCII text fast. */
	if ((unsigned char)*p == 0xE3 && strncmp(p, "、", 3) == 0)
		return 3;
	return 0;
}

static int
is_mark_lead(unsigned char c)
{
	return c == 0xE2 || c == 0xC3;
}

/* Nonzero when a mark may start or end the len bytes at s. */
static int
mark_lead(const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;

	return (len >= 2 && (is_mark_lead(u[0]) ||
	    is_mark_lead(u[len - 2]))) || (len >= 3 &&
	    is_mark_lead(u[len - 3]));
}

/* Removes one mark at either end of it and trims again. */
static void
strip_mark(struct item *it)
{
	size_t i, j, k;

	/*
	 * Every mark starts with byte E2 or C3 (× is C3 97), so an item
	 * whose first character and last two or three bytes start with
	 * neither has none; Chinese text starts with E3 or above.
	 */
	if (!mark_lead(it->text, it->len))
		return;
	for (i = 0; i < NWORDS(marks); i++) {
		k = marks[i].len;
		if (it->len < k)
			continue;
		if (same_bytes(it->text, marks[i].text, k))
			it->text += k;
		else if (!same_bytes(it->text + it->len - k, marks[i].text, k))
			continue;
		it->len -= k;
		it->mark = marks[i].value ? 1 : -1;
		while ((j = space_at((unsigned char *)it->text,
		    it->len)) > 0) {
			it->text += j;
			it->len -= j;
		}
		while ((j = space_before((unsigned char *)it->text,
		    it->len)) > 0)
			it->len -= j;
		return;
	}
}

/* Reads the item at *pp and advances *pp past it and its separator. */
static void
next_item(char **pp, struct item *it)
{
	char *p = *pp;
	size_t k, sep;

	/*
	 * The buffer is NUL-terminated and space_at() stops at the first
	 * byte that differs, so 3 is a safe bound for the bytes left.
	 */
	while ((k = space_at((unsigned char *)p, 3)) > 0)
		p += k;
	it->text = p;
	/*
	 * Separators are ASCII or start with E3, which no UTF-8
	 * continuation byte equals, so a byte-wise scan finds only real ones.
	 * strcspn() skips the bytes that cannot start one.
	 */
	while (*(p += strcspn(p, ";,/\xE3")) != '\0' && separator_at(p) == 0)
		p++;
	it->len = (size_t)(p - it->text);
	while ((k = space_before((unsigned char *)it->text, it->len)) > 0)
		it->len -= k;
	it->mark = 0;
	strip_mark(it);
	sep = separator_at(p);
	*pp = p + sep;
}

static int
walk_items(char *buf, int ticks_only,
    int (*fn)(const char *item, size_t len, void *ctx), void *ctx)
{
	struct item it;
	char *p = buf;
	int rc;

	while (*p != '\0') {
		next_item(&p, &it);
		if (it.len == 0 || (ticks_only && it.mark != 1))
			continue;
		/* The separator or mark after the item is already passed. */
		it.text[it.len] = '\0';
		if ((rc = fn(it.text, it.len, ctx)) != 0)
			return rc;
	}
	return 0;
}

/* Nonzero when a tick mark occurs inside the len bytes at s. */
static int
contains_mark(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++) {
		/*
		 * Every mark starts with byte E2 or C3, so Chinese text
		 * (E3 and above) and ASCII are passed over at once.
		 */
		if (!is_mark_lead((unsigned char)s[i]))
			continue;
		if (word_at(s + i, len - i, marks, NWORDS(marks)) != NULL)
			return 1;
	}
	return 0;
}

/*
 * Returns 1 when some item carries a tick mark, 0 when none does, and -1
 * when a mark sits inside an item, as in "刑事辩护∨ 民事代理□" with no
 * separator, where it is ambiguous which items are ticked.
 */
static int
scan_marks(char *buf)
{
	struct item it;
	char *p = buf;
	int marked = 0;

	/* Marks start with byte E2 or C3, so a list without them has none. */
	if (strpbrk(buf, "\xE2\xC3") == NULL)
		return 0;
	while (*p != '\0') {
		next_item(&p, &it);
		if (contains_mark(it.text, it.len))
			return -1;
		if (it.mark != 0)
			marked = 1;
	}
	return marked;
}

/* Lists up to this many bytes are folded on the stack, not in malloc. */
#define LIST_STACK_MAX 255

int
la_split_list(const char *s,
    int (*fn)(const char *item, size_t len, void *ctx), void *ctx)
{
	char stack_buf[LIST_STACK_MAX + 1];
	char *buf = stack_buf;
	const char *p;
	size_t len;
	int rc;

	p = la_trim(s, &len);
	if (len > LIST_STACK_MAX && (buf = malloc(len + 1)) == NULL) {
		errno = ENOMEM;
		return -1;
	}
	la_fold_width(p, len, buf);
	if ((rc = scan_marks(buf)) < 0)
		errno = EINVAL;
	else
		rc = walk_items(buf, rc, fn, ctx);
	if (buf != stack_buf)
		free(buf);
	return rc;
}

/* Removes Excel's ="..." wrapper from buf in place. Returns 1 if it did. */
static int
unwrap_excel(char *buf)
{
	size_t n = strlen(buf);

	if (n < 3 || buf[0] != '=' || buf[1] != '"' || buf[n - 1] != '"')
		return 0;
	memmove(buf, buf + 2, n - 3);
	buf[n - 3] = '\0';
	return 1;
}

static void
trim_in_place(char *buf)
{
	const char *p;
	size_t len;

	p = la_trim(buf, &len);
	memmove(buf, p, len);
	buf[len] = '\0';
}

/* Length of a space, NBSP or hyphen at p, or 0. */
static size_t
filler_at(const char *p)
{
	if (*p == '-')
		return 1;
	return space_at((const unsigned char *)p, 3);
}

/*
 * Removes runs of spaces and hyphens that lie between two characters. A
 * run at either end stays, so that the check for stray characters names it.
 */
static void
squeeze_fillers(char *buf)
{
	char *r = buf, *w = buf, *run;
	size_t k;

	while (*r != '\0') {
		if (filler_at(r) == 0) {
			*w++ = *r++;
			continue;
		}
		run = r;
		while ((k = filler_at(r)) > 0)
			r += k;
		if (w == buf || *r == '\0') {
			memmove(w, run, (size_t)(r - run));
			w += r - run;
		}
	}
	*w = '\0';
}

/* Drops +86 or 0086 from buf, of *n bytes, and sets *n to what is left. */
static int
drop_country_code(char *buf, size_t *n, char *why, size_t size)
{
	size_t k = 0;

	/* Each test stops at the first byte that differs, or at the NUL. */
	if (buf[0] == '+' && buf[1] == '8' && buf[2] == '6')
		k = 3;
	else if (buf[0] == '0' && buf[1] == '0' && buf[2] == '8' &&
	    buf[3] == '6')
		k = 4;
	else if (buf[0] == '+')
		return reject(why, size, "only +86 numbers are supported");
	if (k == 0)
		return LA_NORM_OK;
	memmove(buf, buf + k, *n - k + 1);
	*n -= k;
	if (buf[0] == '\0')
		return reject(why, size, "no digits after the +86 prefix");
	return LA_NORM_OK;
}

static int
all_digits(const char *s)
{
	for (; *s != '\0'; s++) {
		if (!is_digit(*s))
			return 0;
	}
	return 1;
}

/*
 * Nonzero when a 0 in front of the n digits at d would make a landline as
 * la_check_phone() accepts it: 010 or 02x and 8 digits, or 0 and a 3-digit
 * area code and 7 or 8 digits.
 */
static int
landline_without_zero(const char *d, size_t n)
{
	if (d[0] == '1')
		return d[1] == '0' && n == 10;
	if (d[0] == '2')
		return n == 10;
	return d[0] >= '3' && (n == 10 || n == 11);
}

/*
 * Sets the flags for Excel truncation and a lost leading zero. buf has n
 * bytes, and digits_only is nonzero when they are all digits.
 */
static unsigned
suspect_flags(const char *buf, size_t n, int digits_only)
{
	unsigned f = 0;
	size_t i;

	if (!digits_only)
		return 0;
	/* Excel keeps 15 significant digits and writes zeros after them. */
	if (n > 15) {
		for (i = 15; i < n && buf[i] == '0'; i++)
			continue;
		if (i == n)
			f |= LA_NORM_TRUNCATED;
	}
	if (landline_without_zero(buf, n))
		f |= LA_NORM_LEADING_ZERO;
	return f;
}

static int
check_chars(const char *buf, char *why, size_t size)
{
	const char *p;

	for (p = buf; *p != '\0'; p++) {
		if (!is_alnum((unsigned char)*p))
			return reject(why, size, "unexpected character '%.*s'",
			    (int)utf8_len((unsigned char)*p), p);
	}
	return LA_NORM_OK;
}

/* The classes of characters that la_clean_digits() distinguishes. */
enum char_kind {
	CHARS_OTHER,		/* anything besides ASCII letters and digits */
	CHARS_ALNUM,		/* ASCII letters and digits */
	CHARS_DIGITS		/* ASCII digits only */
};

static enum char_kind
char_kind(const char *s, size_t n)
{
	enum char_kind k = CHARS_DIGITS;

	if (n >= 8 && la_bytes_digits(s, n))
		return CHARS_DIGITS;
	for (size_t i = 0; i < n; i++) {
		if (is_digit(s[i]))
			continue;
		if (!is_alnum((unsigned char)s[i]))
			return CHARS_OTHER;
		k = CHARS_ALNUM;
	}
	return k;
}

/*
 * Folds, unwraps and squeezes the len bytes at p into out, for a value
 * with more than letters and digits. Adds to *f what was changed.
 */
static int
clean_other(const char *p, size_t len, char *out, unsigned *f, char *why,
    size_t why_size)
{
	if (la_fold_width(p, len, out) > 0)
		*f |= LA_NORM_FOLDED;
	if (unwrap_excel(out)) {
		*f |= LA_NORM_UNWRAPPED;
		trim_in_place(out);
	}
	if (out[0] == '\0')
		return empty(why, why_size);
	if (has_exponent(out, 1))
		return reject(why, why_size, "digits lost to Excel scientific "
		    "notation: re-export with the column formatted as Text");
	squeeze_fillers(out);
	return LA_NORM_OK;
}

/*
 * la_clean_digits() for the len bytes at p, trimmed already, with f the
 * flags that trimming set. *flags is 0 on entry.
 */
static int
clean_trimmed(const char *p, size_t len, unsigned f, int plus86, char *out,
    size_t size, unsigned *flags, char *why, size_t why_size)
{
	size_t n;
	enum char_kind kind;
	int rc = LA_NORM_OK;

	if (len == 0)
		return empty(why, why_size);
	if (size < len + 1)
		return reject(why, why_size, "output buffer too small");
	/*
	 * Most values are letters and digits, which clean_other() would keep
	 * as they are and check_chars() would pass.
	 */
	kind = char_kind(p, len);
	if (kind != CHARS_OTHER) {
		memcpy(out, p, len);
		out[len] = '\0';
		n = len;
	} else if ((rc = clean_other(p, len, out, &f, why,
	    why_size)) == LA_NORM_OK)
		n = strlen(out);
	if (flags != NULL)
		*flags = f;
	if (rc != LA_NORM_OK)
		return rc;
	/* Dropping +86 or 0086 leaves the kind of the rest as it was. */
	if (plus86 && (rc = drop_country_code(out, &n, why, why_size)) != 0)
		return rc;
	if (kind == CHARS_OTHER) {
		if ((rc = check_chars(out, why, why_size)) != 0)
			return rc;
		kind = all_digits(out) ? CHARS_DIGITS : CHARS_ALNUM;
	}
	if (flags != NULL)
		*flags = f | suspect_flags(out, n, kind == CHARS_DIGITS);
	return LA_NORM_OK;
}

int
la_clean_digits(const char *s, int plus86, char *out, size_t size,
    unsigned *flags, char *why, size_t why_size)
{
	const char *p;
	size_t len;
	unsigned f = 0;

	if (flags != NULL)
		*flags = 0;
	p = la_trim(s, &len);
	if (p != s || s[len] != '\0')
		f |= LA_NORM_TRIMMED;
	return clean_trimmed(p, len, f, plus86, out, size, flags, why,
	    why_size);
}

int
la_clean_trimmed_digits(const char *s, size_t len, int plus86, char *out,
    size_t size, unsigned *flags, char *why, size_t why_size)
{
	if (flags != NULL)
		*flags = 0;
	return clean_trimmed(s, len, 0, plus86, out, size, flags, why,
	    why_size);
}
