/* SPDX-License-Identifier: MIT */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "datetime.h"
#include "fuzz.h"

#define WHY_SMALL 16

/* Day numbers of 0001-01-01 and 9999-12-31, the span of la_date_valid(). */
#define FIRST_DAY (-719162L)
#define LAST_DAY 2932896L

struct zones {
	struct la_tz shanghai;
	struct la_tz minus5;
	struct la_tz new_york;	/* from the tz database */
	int have_new_york;
};

static const struct zones *
get_zones(void)
{
	static struct zones z;
	static int ready;

	if (!ready) {
		FUZZ_CHECK(la_tz_init(&z.shanghai, "Asia/Shanghai", NULL) == 0);
		FUZZ_CHECK(la_tz_init(&z.minus5, "-05:00", NULL) == 0);
		z.have_new_york = la_tz_init(&z.new_york, "America/New_York",
		    NULL) == 0;
		ready = 1;
	}
	return &z;
}

static void
check_date(const char *s)
{
	struct la_date d, d2;
	char why[WHY_SMALL], buf[16];

	if (la_parse_date(s, &d, why, sizeof(why)) != 0) {
		FUZZ_CHECK(fuzz_terminated(why, sizeof(why)));
		return;
	}
	FUZZ_CHECK(la_date_valid(d.year, d.month, d.day));
	la_date_format(d, buf, sizeof(buf));
	FUZZ_CHECK(la_parse_date(buf, &d2, NULL, 0) == 0);
	FUZZ_CHECK(d2.year == d.year && d2.month == d.month &&
	    d2.day == d.day);
}

/* Parses s in tz; in a fixed zone, formatting and parsing again agree. */
static void
check_time(const char *s, const struct la_tz *tz)
{
	char why[WHY_SMALL], buf[40];
	struct la_date d;
	la_time t, t2;
	int has_time, h, m, sec;

	if (la_parse_time(s, tz, &t, &has_time, why, sizeof(why)) != 0) {
		FUZZ_CHECK(fuzz_terminated(why, sizeof(why)));
		return;
	}
	FUZZ_CHECK(has_time == 0 || has_time == 1);
	if (la_time_format(tz, t, buf, sizeof(buf)) != 0) {
		FUZZ_CHECK(!tz->fixed);
		return;
	}
	FUZZ_CHECK(la_tz_from_time(tz, t, &d, &h, &m, &sec) == 0);
	FUZZ_CHECK(h >= 0 && h < 24 && m >= 0 && m < 60 && sec >= 0 &&
	    sec < 60);
	if (!tz->fixed || !la_date_valid(d.year, d.month, d.day))
		return;
	FUZZ_CHECK(la_parse_time(buf, tz, &t2, &has_time, NULL, 0) == 0);
	FUZZ_CHECK(t2 == t);
}

static void
check_zone_name(const char *s)
{
	struct la_tz tz;

	if (strlen(s) > 80 || la_tz_init(&tz, s, NULL) != 0)
		return;
	FUZZ_CHECK(strcmp(tz.name, s) == 0);
	if (tz.fixed) {
		FUZZ_CHECK(tz.offset >= -18 * 3600 && tz.offset <= 18 * 3600);
		return;
	}
	/* A database zone must not name a file outside the tz database. */
	FUZZ_CHECK(s[0] != '/' && strstr(s, "..") == NULL);
}

static uint32_t
take_u32(const uint8_t **pp, size_t *left)
{
	uint32_t v = 0;
	int i;

	for (i = 0; i < 4 && *left > 0; i++, (*pp)++, (*left)--)
		v = v << 8 | **pp;
	return v;
}

static void
check_day(la_day n, int months)
{
	struct la_date d, back, later;

	d = la_date_from_day(n);
	FUZZ_CHECK(la_date_valid(d.year, d.month, d.day));
	FUZZ_CHECK(la_day_from_date(d) == n);
	FUZZ_CHECK(la_weekday(n) >= 1 && la_weekday(n) <= 7);
	FUZZ_CHECK(la_weekday(n + 1) == la_weekday(n) % 7 + 1);
	later = la_date_add_months(d, months);
	if (later.year < 1 || later.year > 9999)
		return;
	FUZZ_CHECK(la_date_valid(later.year, later.month, later.day));
	FUZZ_CHECK(later.day <= d.day);
	back = la_date_add_months(later, -months);
	FUZZ_CHECK(back.day <= d.day && back.month == d.month &&
	    back.year == d.year);
	if (months % 12 == 0) {
		later = la_date_add_years(d, months / 12);
		FUZZ_CHECK(la_date_valid(later.year, later.month, later.day));
	}
}

/* Checks la_deadline() on a calendar of up to 4 holidays and 2 workdays. */
static void
check_deadline(la_day start, const uint8_t *p, size_t left)
{
	la_day holidays[4], workdays[2], day, k;
	struct la_calendar cal;
	int n, counted;
	size_t i;

	if (left < 8)
		return;
	for (i = 0; i < 4; i++)
		holidays[i] = start + p[i] % 32;
	for (i = 0; i < 2; i++)
		workdays[i] = start + p[4 + i] % 32;
	cal.holidays = holidays;
	cal.nholidays = 4;
	cal.workdays = workdays;
	cal.nworkdays = 2;
	cal.first = start;
	cal.last = start + 40;
	n = p[6] % 40;
	if (p[7] & 1) {
		day = la_deadline(&cal, start, n, LA_DAYS_CALENDAR);
		FUZZ_CHECK(day >= start + n && la_is_working_day(&cal, day));
		for (k = start + n; k < day; k++)
			FUZZ_CHECK(!la_is_working_day(&cal, k));
		return;
	}
	day = la_deadline(&cal, start, n, LA_DAYS_WORKING);
	counted = 0;
	for (k = start + 1; k <= day; k++)
		counted += la_is_working_day(&cal, k);
	FUZZ_CHECK(counted == n);
	FUZZ_CHECK(n == 0 ? day == start : la_is_working_day(&cal, day));
}

static void
check_arithmetic(const uint8_t *data, size_t size)
{
	const uint8_t *p = data;
	size_t left = size;
	la_day n;
	int months;

	n = FIRST_DAY + (la_day)(take_u32(&p, &left) %
	    (uint32_t)(LAST_DAY - FIRST_DAY));
	/* Up to 1000 years either way. */
	months = (int)(take_u32(&p, &left) % 24001) - 12000;
	check_day(n, months);
	check_deadline(n, p, left);
}

int
fuzz_datetime(const uint8_t *data, size_t size)
{
	const struct zones *z = get_zones();
	char *s;

	if ((s = fuzz_string(data, size)) == NULL)
		return 0;
	check_date(s);
	check_time(s, &z->shanghai);
	check_time(s, &z->minus5);
	if (z->have_new_york)
		check_time(s, &z->new_york);
	check_zone_name(s);
	check_arithmetic(data, size);
	free(s);
	return 0;
}

FUZZ_ENTRY(fuzz_datetime)
