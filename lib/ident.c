/* SPDX-License-Identifier: MIT */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "ident.h"

/* GB 32100-2015 leaves out I, O, S, V and Z. */
static const char credit_charset[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";

static int reject(char *why, size_t size, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Writes a reason into why and returns -1. */
static int
reject(char *why, size_t size, const char *fmt, ...)
{
	va_list ap;

	if (why != NULL && size > 0) {
		va_start(ap, fmt);
		vsnprintf(why, size, fmt, ap);
		va_end(ap);
	}
	return -1;
}

static int
is_digit(int c)
{
	return c >= '0' && c <= '9';
}

/* Number of leading digits in s. */
static size_t
digit_run(const char *s)
{
	return strspn(s, "0123456789");
}

static int
digits_value(const char *s, int n)
{
	int v = 0, i;

	for (i = 0; i < n; i++)
		v = v * 10 + (s[i] - '0');
	return v;
}

/*
 * The MOD 11-2 check character of the 17 digits at s. Digit i has the
 * weight 2^(17 - i) mod 11: 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8,
 * 4, 2, which add up to 100. The sum is written out, as a loop costs twice
 * the instructions, and '0' is taken off all weights at once.
 */
static char
check_char_of(const char *s)
{
	const unsigned char *d = (const unsigned char *)s;
	int sum = 7 * d[0] + 9 * d[1] + 10 * d[2] + 5 * d[3] + 8 * d[4] +
	    4 * d[5] + 2 * d[6] + d[7] + 6 * d[8] + 3 * d[9] + 7 * d[10] +
	    9 * d[11] + 10 * d[12] + 5 * d[13] + 8 * d[14] + 4 * d[15] +
	    2 * d[16] - 100 * '0';

	return "10X98765432"[sum % 11];
}

char
la_id_check_char(const char *s)
{
	size_t n = strlen(s);

	if ((n != 17 && n != 18) || digit_run(s) < 17)
		return 0;
	return check_char_of(s);
}

static int
check_id_birth(const char *s, la_day today, struct la_date *birth,
    char *why, size_t size)
{
	birth->year = digits_value(s + 6, 4);
	birth->month = digits_value(s + 10, 2);
	birth->day = digits_value(s + 12, 2);
	if (!la_date_valid(birth->year, birth->month, birth->day))
		return reject(why, size, "birth date %.8s does not exist",
		    s + 6);
	if (today != 0 && la_day_from_date(*birth) > today)
		return reject(why, size, "birth date %.8s is in the future",
		    s + 6);
	return 0;
}

int
la_check_id_number(const char *s, la_day today, struct la_id_info *info,
    char *why, size_t size)
{
	struct la_date birth;
	size_t n = strlen(s), digits = digit_run(s);
	char want, got;

	if (n == 15 && digits == 15)
		return reject(why, size, "15-digit first-generation ID "
		    "number: the 18-character number is needed");
	if (n != 18)
		return reject(why, size, "an ID number has 18 characters, "
		    "not %zu", n);
	if (digits < 17)
		return reject(why, size,
		    "the first 17 characters must be digits");
	got = s[17] == 'x' ? 'X' : s[17];
	if (!is_digit(got) && got != 'X')
		return reject(why, size,
		    "the last character must be a digit or X");
	if (check_id_birth(s, today, &birth, why, size) != 0)
		return -1;
	if ((want = check_char_of(s)) != got)
		return reject(why, size, "check character %c does not match "
		    "the digits: expected %c, so a digit is probably mistyped",
		    got, want);
	if (info != NULL) {
		info->birth = birth;
		info->male = (s[16] - '0') % 2;
		memcpy(info->region, s, 6);
		info->region[6] = '\0';
	}
	return 0;
}

int
la_check_lawyer_license(const char *s, int this_year, char *why,
    size_t size)
{
	size_t n = strlen(s);
	int year;

	/* Say how many digits there are: one lost digit is easy to miss. */
	if (digit_run(s) != n)
		return reject(why, size, "a lawyer licence number has 17 "
		    "digits and no other characters");
	if (n != 17)
		return reject(why, size, "a lawyer licence number has 17 "
		    "digits, not %zu", n);
	if (s[0] != '1')
		return reject(why, size, "a lawyer licence number starts "
		    "with 1");
	year = digits_value(s + 5, 4);
	if (year < 1979 || (this_year != 0 && year > this_year))
		return reject(why, size, "digits 6-9 give year %d of first "
		    "licence, which is not plausible", year);
	return 0;
}

int
la_check_worker_license(const char *s, char *why, size_t size)
{
	size_t n = strlen(s), i;

	if (n == 0)
		return reject(why, size, "empty");
	if (n > 30)
		return reject(why, size, "longer than 30 characters");
	for (i = 0; i < n; i++) {
		if (!is_digit(s[i]) && !(s[i] >= 'a' && s[i] <= 'z') &&
		    !(s[i] >= 'A' && s[i] <= 'Z'))
			return reject(why, size, "only letters and digits are "
			    "allowed");
	}
	return 0;
}

/* Digits in the area code after the 0, from the digit that follows it. */
static int
area_code_digits(const char *s)
{
	return s[1] == '1' || s[1] == '2' ? 2 : 3;
}

static int
check_landline(const char *s, size_t n, char *why, size_t size)
{
	if (s[1] == '0')
		return reject(why, size, "00 is an international prefix: "
		    "give a domestic number");
	if (s[1] == '1' && s[2] != '0')
		return reject(why, size, "no area code starts with 01 "
		    "except 010");
	if (area_code_digits(s) == 2 ? n != 11 : n != 11 && n != 12)
		return reject(why, size, "a landline with area code %.*s has "
		    "%s digits, not %zu", area_code_digits(s) + 1, s,
		    area_code_digits(s) == 2 ? "11" : "11 or 12", n);
	return 0;
}

int
la_check_phone(const char *s, char *why, size_t size)
{
	size_t n = strlen(s);

	if (n == 0)
		return reject(why, size, "empty");
	if (digit_run(s) != n)
		return reject(why, size, "only digits are allowed");
	if (s[0] == '0')
		return check_landline(s, n, why, size);
	if (s[0] != '1') {
		if (n == 7 || n == 8)
			return reject(why, size, "a landline needs its area "
			    "code, as in 023-12345678");
		return reject(why, size, "not a mobile or landline number");
	}
	if (n != 11)
		return reject(why, size, "a mobile number has 11 digits, "
		    "not %zu", n);
	if (s[1] < '3')
		return reject(why, size, "mobile numbers start with 13 to "
		    "19");
	return 0;
}

/* Value of a credit code character (lower case accepted), or -1. */
static int
credit_value(char c)
{
	const char *hit;

	if (c >= 'a' && c <= 'z')
		c = (char)(c - 'a' + 'A');
	if (c == '\0' || (hit = strchr(credit_charset, c)) == NULL)
		return -1;
	return (int)(hit - credit_charset);
}

int
la_check_credit_code(const char *s, char *why, size_t size)
{
	static const int weights[17] = {
		1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28
	};
	int sum = 0, i, v, want;

	if (strlen(s) != 18)
		return reject(why, size, "a credit code has 18 characters");
	for (i = 0; i < 18; i++) {
		if ((v = credit_value(s[i])) < 0)
			return reject(why, size, "character %d is not one of "
			    "0-9A-HJ-NPQRTUWXY", i + 1);
		if (i < 17)
			sum += v * weights[i];
	}
	want = (31 - sum % 31) % 31;
	if (credit_value(s[17]) != want)
		return reject(why, size, "check character %c does not match "
		    "the others: expected %c", s[17], credit_charset[want]);
	return 0;
}

/*
 * Bytes in the UTF-8 character at s, stopping at the terminating NUL. A
 * continuation byte with no lead byte before it counts as a character of
 * its own.
 */
static size_t
char_bytes(const char *s)
{
	size_t k = 1;

	while ((((unsigned char)s[k]) & 0xc0) == 0x80)
		k++;
	return k;
}

/*
 * Number of characters in s as char_bytes() delimits them. Counting lead
 * bytes instead would miss a stray continuation byte at the start, and
 * mask_middle() would then show one character too many at the end.
 */
static size_t
char_count(const char *s)
{
	size_t n = 0;

	for (; *s != '\0'; s += char_bytes(s))
		n++;
	return n;
}

/*
 * Copies s to out keeping the first head and last tail characters and
 * writing '*' for each other one. Masks all when nothing would be hidden.
 */
static void
mask_middle(const char *s, size_t head, size_t tail, char *out, size_t size)
{
	size_t n = char_count(s), i, w = 0, k;

	if (size == 0)
		return;
	if (n < head + tail + 1)
		head = tail = 0;
	for (i = 0; *s != '\0'; i++, s += k) {
		k = char_bytes(s);
		if (i >= head && i < n - tail) {
			if (w + 1 >= size)
				break;
			out[w++] = '*';
		} else {
			if (w + k >= size)
				break;
			memcpy(out + w, s, k);
			w += k;
		}
	}
	out[w] = '\0';
}

void
la_mask_id(const char *s, char *out, size_t size)
{
	mask_middle(s, 6, 4, out, size);
}

void
la_mask_phone(const char *s, char *out, size_t size)
{
	const char *hyphen;

	if (s[0] == '1' && strlen(s) == 11 && digit_run(s) == 11)
		mask_middle(s, 3, 4, out, size);
	else if (s[0] == '0' && (hyphen = strchr(s, '-')) != NULL)
		mask_middle(s, (size_t)(hyphen - s) + 1, 4, out, size);
	else if (s[0] == '0' && s[1] != '\0')
		mask_middle(s, (size_t)area_code_digits(s) + 1, 4, out, size);
	else
		mask_middle(s, 0, 4, out, size);
}
