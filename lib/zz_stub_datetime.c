/* SPDX-License-Identifier: MIT */
/*
 * STUB for the roster branch only: the parts of datetime.h that la-roster
 * calls, fixed-offset zones only. Delete once main has lib/datetime.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "datetime.h"

static int
leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int
mdays(int y, int m)
{
	static const int d[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30,
	    31 };
	return m == 2 && leap(y) ? 29 : d[m - 1];
}

int
la_date_valid(int year, int month, int day)
{
	return year >= 1 && year <= 9999 && month >= 1 && month <= 12 &&
	    day >= 1 && day <= mdays(year, month);
}

la_day
la_day_from_date(struct la_date d)
{
	long y = d.year - (d.month <= 2);
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long doy = (153 * (d.month + (d.month > 2 ? -3 : 9)) + 2) / 5 +
	    d.day - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

	return era * 146097 + doe - 719468;
}

struct la_date
la_date_from_day(la_day z)
{
	struct la_date d;
	long era, doe, yoe, y, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	y = yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	d.day = (int)(doy - (153 * mp + 2) / 5 + 1);
	d.month = (int)(mp < 10 ? mp + 3 : mp - 9);
	d.year = (int)(y + (d.month <= 2));
	return d;
}

int
la_weekday(la_day n)
{
	return (int)(((n % 7) + 7 + 3) % 7) + 1;
}

struct la_date
la_date_add_months(struct la_date d, int months)
{
	int m = d.year * 12 + (d.month - 1) + months;

	d.year = m / 12;
	d.month = m % 12 + 1;
	if (d.day > mdays(d.year, d.month))
		d.day = mdays(d.year, d.month);
	return d;
}

struct la_date
la_date_add_years(struct la_date d, int years)
{
	return la_date_add_months(d, years * 12);
}

void
la_date_format(struct la_date d, char *buf, size_t size)
{
	snprintf(buf, size, "%04d-%02d-%02d", d.year, d.month, d.day);
}

int
la_tz_init(struct la_tz *tz, const char *name, struct la_error *err)
{
	(void)err;
	snprintf(tz->name, sizeof(tz->name), "%s", name);
	tz->fixed = 1;
	tz->offset = strcmp(name, "UTC") == 0 ? 0 : 8 * 3600;
	return 0;
}

la_time
la_tz_to_time(const struct la_tz *tz, struct la_date d, int hour,
    int minute, int second)
{
	return (la_time)la_day_from_date(d) * 86400 + hour * 3600 +
	    minute * 60 + second - tz->offset;
}

void
la_tz_from_time(const struct la_tz *tz, la_time t, struct la_date *d,
    int *hour, int *minute, int *second)
{
	la_time l = t + tz->offset;
	la_day day = (la_day)(l >= 0 ? l / 86400 : (l - 86399) / 86400);
	long s = (long)(l - (la_time)day * 86400);

	*d = la_date_from_day(day);
	*hour = (int)(s / 3600);
	*minute = (int)(s / 60 % 60);
	*second = (int)(s % 60);
}

la_day
la_tz_day(const struct la_tz *tz, la_time t)
{
	struct la_date d;
	int h, m, s;

	la_tz_from_time(tz, t, &d, &h, &m, &s);
	return la_day_from_date(d);
}

void
la_time_format(const struct la_tz *tz, la_time t, char *buf, size_t size)
{
	struct la_date d;
	int h, m, s;

	la_tz_from_time(tz, t, &d, &h, &m, &s);
	if (s)
		snprintf(buf, size, "%04d-%02d-%02d %02d:%02d:%02d", d.year,
		    d.month, d.day, h, m, s);
	else
		snprintf(buf, size, "%04d-%02d-%02d %02d:%02d", d.year,
		    d.month, d.day, h, m);
}

int
la_parse_date(const char *s, struct la_date *d, char *why, size_t size)
{
	int n = 0;
	char sep1, sep2;

	while (*s == ' ')
		s++;
	if (sscanf(s, "%d%c%d%c%d%n", &d->year, &sep1, &d->month, &sep2,
	    &d->day, &n) != 5 || sep1 != sep2 || strchr("-/.", sep1) == NULL ||
	    (s[n] != '\0' && s[n] != ' ' && s[n] != 'T')) {
		snprintf(why, size, "not a date");
		return -1;
	}
	if (!la_date_valid(d->year, d->month, d->day)) {
		snprintf(why, size, "no such day %04d-%02d-%02d", d->year,
		    d->month, d->day);
		return -1;
	}
	return 0;
}

int
la_parse_time(const char *s, const struct la_tz *tz, la_time *t,
    int *has_time, char *why, size_t size)
{
	struct la_date d;
	int h = 0, m = 0, sec = 0;
	const char *p;

	if (la_parse_date(s, &d, why, size) == -1)
		return -1;
	*has_time = 0;
	p = strpbrk(s, " T");
	if (p != NULL) {
		if (sscanf(p + 1, "%d:%d:%d", &h, &m, &sec) < 2) {
			snprintf(why, size, "not a time");
			return -1;
		}
		*has_time = 1;
	}
	*t = la_tz_to_time(tz, d, h, m, sec);
	return 0;
}
