/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "normalize.h"

/* A why buffer small enough that long reasons must be cut. */
#define WHY_SMALL 16

static int
is_ascii_alnum(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
	    (c >= 'A' && c <= 'Z');
}

static void
check_trim(const char *s)
{
	const char *p, *q;
	size_t len, len2, n = strlen(s);
	char *out;

	p = la_trim(s, &len);
	FUZZ_CHECK(p >= s && p + len <= s + n);
	if ((out = malloc(len + 1)) == NULL)
		return;
	FUZZ_CHECK(la_fold_width(p, len, out) <= len / 3);
	FUZZ_CHECK(strlen(out) <= len);
	/* Trimming is idempotent. */
	memcpy(out, p, len);
	out[len] = '\0';
	q = la_trim(out, &len2);
	FUZZ_CHECK(q == out && len2 == len);
	free(out);
}

static void
check_clean_text(const char *s)
{
	size_t n = strlen(s);
	unsigned flags;
	char *out, tiny[4];
	int rc;

	if ((out = malloc(n + 1)) == NULL)
		return;
	rc = la_clean_text(s, out, n + 1, &flags);
	FUZZ_CHECK(rc == LA_NORM_OK || rc == LA_NORM_EMPTY);
	if (rc == LA_NORM_OK)
		FUZZ_CHECK(strlen(out) > 0 && strlen(out) <= n);
	rc = la_clean_text(s, tiny, sizeof(tiny), NULL);
	if (rc == LA_NORM_OK)
		FUZZ_CHECK(strlen(tiny) < sizeof(tiny));
	free(out);
}

static void
check_bool(const char *s)
{
	char why[WHY_SMALL];
	int v = 7, rc;

	rc = la_parse_bool(s, &v, why, sizeof(why));
	if (rc == LA_NORM_OK)
		FUZZ_CHECK(v == 0 || v == 1);
	else {
		FUZZ_CHECK(rc == LA_NORM_EMPTY || rc == LA_NORM_INVALID);
		FUZZ_CHECK(v == 7);
		FUZZ_CHECK(fuzz_terminated(why, sizeof(why)));
	}
	la_parse_bool(s, &v, NULL, 0);
}

static void
check_numbers(const char *s)
{
	char why[WHY_SMALL];
	double d = -1, d2 = -1;
	long long c = -1;
	int rc, rcc;

	rc = la_parse_number(s, &d, why, sizeof(why));
	if (rc == LA_NORM_OK)
		FUZZ_CHECK(isfinite(d) && d >= 0 && d < 1e15);
	else {
		FUZZ_CHECK(rc == LA_NORM_EMPTY || rc == LA_NORM_INVALID);
		FUZZ_CHECK(d == -1);
		FUZZ_CHECK(fuzz_terminated(why, sizeof(why)));
	}
	rcc = la_parse_count(s, &c, NULL, 0);
	if (rcc != LA_NORM_OK) {
		FUZZ_CHECK(c == -1);
		return;
	}
	FUZZ_CHECK(c >= 0 && c < 1000000000000000000LL);
	/* A count of at most 15 digits is also a number of equal value. */
	if (c < 1000000000000000LL) {
		rc = la_parse_number(s, &d2, NULL, 0);
		FUZZ_CHECK(rc == LA_NORM_OK);
		FUZZ_CHECK(d2 == (double)c);
	}
}

struct list_walk {
	size_t items;
	size_t stop_after;	/* 0: never stop early */
};

static int
check_item(const char *item, size_t len, void *ctx)
{
	struct list_walk *w = ctx;
	size_t trimmed;

	FUZZ_CHECK(len > 0 && strlen(item) == len);
	FUZZ_CHECK(strpbrk(item, ";,/") == NULL);
	FUZZ_CHECK(strstr(item, "、") == NULL);
	la_trim(item, &trimmed);
	FUZZ_CHECK(trimmed == len);
	w->items++;
	if (w->stop_after != 0 && w->items == w->stop_after)
		return 42;
	return 0;
}

static void
check_list(const char *s, size_t stop_after)
{
	struct list_walk w = { 0, stop_after };
	int rc;

	errno = 0;
	rc = la_split_list(s, check_item, &w);
	if (rc == 42)
		FUZZ_CHECK(w.items == stop_after);
	else if (rc == -1)
		FUZZ_CHECK(errno == EINVAL || errno == ENOMEM);
	else
		FUZZ_CHECK(rc == 0);
}

static void
check_digits(const char *s, int plus86)
{
	size_t n = strlen(s), i;
	char why[WHY_SMALL], tiny[4], *out;
	unsigned flags;
	int rc;

	if ((out = malloc(n + 1)) == NULL)
		return;
	rc = la_clean_digits(s, plus86, out, n + 1, &flags, why,
	    sizeof(why));
	if (rc == LA_NORM_OK) {
		FUZZ_CHECK(strlen(out) > 0 && strlen(out) <= n);
		for (i = 0; out[i] != '\0'; i++)
			FUZZ_CHECK(is_ascii_alnum(out[i]));
	} else {
		FUZZ_CHECK(rc == LA_NORM_EMPTY || rc == LA_NORM_INVALID);
		FUZZ_CHECK(fuzz_terminated(why, sizeof(why)));
	}
	rc = la_clean_digits(s, plus86, tiny, sizeof(tiny), NULL, NULL, 0);
	if (rc == LA_NORM_OK)
		FUZZ_CHECK(strlen(tiny) < sizeof(tiny));
	free(out);
}

int
fuzz_normalize(const uint8_t *data, size_t size)
{
	char *s;

	if ((s = fuzz_string(data, size)) == NULL)
		return 0;
	check_trim(s);
	check_clean_text(s);
	check_bool(s);
	check_numbers(s);
	check_list(s, 0);
	check_list(s, size % 4);
	check_digits(s, 0);
	check_digits(s, 1);
	free(s);
	return 0;
}

FUZZ_ENTRY(fuzz_normalize)
