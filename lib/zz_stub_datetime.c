/* SPDX-License-Identifier: MIT */
/*
 * STUB for the audit branch only: a minimal lib/datetime.c (fixed-offset
 * zones, a few date forms) so that la-audit builds before the real module
 * lands in main. Delete once main has lib/datetime.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "datetime.h"

int
la_date_valid(int y, int m, int d)
{
	static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

	if (m < 1 || m > 12 || d < 1)
		return 0;
	return d <= mdays[m - 1] + (m == 2 && leap);
}

la_day
la_day_from_date(struct la_date dt)
{
	long y = dt.year - (dt.month <= 2);
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long mp = (dt.month + 9) % 12;
	long doy = (153 * mp + 2) / 5 + dt.day - 1;
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
	long w = (n + 3) % 7;

	if (w < 0)
		w += 7;
	return (int)w + 1;
}

struct la_date
la_date_add_months(struct la_date d, int months)
{
	long m = (long)d.year * 12 + (d.month - 1) + months;

	d.year = (int)(m >= 0 ? m / 12 : (m - 11) / 12);
	d.month = (int)(m - (long)d.year * 12) + 1;
	while (!la_date_valid(d.year, d.month, d.day))
		d.day--;
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
la_tz_to_time(const struct la_tz *tz, struct la_date d, int h, int mi, int s)
{
	return (la_time)la_day_from_date(d) * 86400 + h * 3600 + mi * 60 + s -
	    tz->offset;
}

void
la_tz_from_time(const struct la_tz *tz, la_time t, struct la_date *d,
    int *h, int *mi, int *s)
{
	la_time l = t + tz->offset;
	la_day day = (la_day)(l >= 0 ? l / 86400 : (l - 86399) / 86400);
	long sec = (long)(l - (la_time)day * 86400);

	*d = la_date_from_day(day);
	*h = (int)(sec / 3600);
	*mi = (int)(sec / 60 % 60);
	*s = (int)(sec % 60);
}

la_day
la_tz_day(const struct la_tz *tz, la_time t)
{
	la_time l = t + tz->offset;

	return (la_day)(l >= 0 ? l / 86400 : (l - 86399) / 86400);
}

void
la_time_format(const struct la_tz *tz, la_time t, char *buf, size_t size)
{
	struct la_date d;
	int h, mi, s;

	la_tz_from_time(tz, t, &d, &h, &mi, &s);
	if (s != 0)
		snprintf(buf, size, "%04d-%02d-%02d %02d:%02d:%02d", d.year,
		    d.month, d.day, h, mi, s);
	else
		snprintf(buf, size, "%04d-%02d-%02d %02d:%02d", d.year,
		    d.month, d.day, h, mi);
}

int
la_parse_date(const char *s, struct la_date *d, char *why, size_t size)
{
	int n = 0;

	if (sscanf(s, "%d-%d-%d%n", &d->year, &d->month, &d->day, &n) != 3 ||
	    s[n] != '\0' || !la_date_valid(d->year, d->month, d->day)) {
		snprintf(why, size, "not a date");
		return -1;
	}
	return 0;
}

static void
fold_cjk_date(const char *s, char *out, size_t size)
{
	size_t n = 0;

	while (*s != '\0' && n + 1 < size) {
		if (strncmp(s, "年", 3) == 0 || strncmp(s, "月", 3) == 0) {
			out[n++] = '-';
			s += 3;
		} else if (strncmp(s, "日", 3) == 0)
			s += 3;
		else
			out[n++] = *s++;
	}
	out[n] = '\0';
}

int
la_parse_time(const char *in, const struct la_tz *tz, la_time *t,
    int *has_time, char *why, size_t size)
{
	char s[128];
	struct la_date d;
	int h = 0, mi = 0, sec = 0, n = 0, oh, om;
	const char *p;

	fold_cjk_date(in, s, sizeof(s));
	if (sscanf(s, "%d-%d-%d%n", &d.year, &d.month, &d.day, &n) != 3 ||
	    !la_date_valid(d.year, d.month, d.day)) {
		snprintf(why, size, "not a date");
		return -1;
	}
	p = s + n;
	*has_time = 0;
	if (*p == ' ' || *p == 'T') {
		int k = 0;

		if (sscanf(p + 1, "%d:%d%n", &h, &mi, &k) != 2) {
			snprintf(why, size, "bad time");
			return -1;
		}
		p += 1 + k;
		if (*p == ':' && sscanf(p + 1, "%d%n", &sec, &k) == 1)
			p += 1 + k;
		*has_time = 1;
	}
	*t = la_tz_to_time(tz, d, h, mi, sec);
	if (*p == 'Z') {
		*t += tz->offset;
		p++;
	} else if ((*p == '+' || *p == '-') &&
	    sscanf(p + 1, "%d:%d", &oh, &om) == 2) {
		long off = (oh * 3600L + om * 60L) * (*p == '-' ? -1 : 1);

		*t += tz->offset - off;
		p += 6;
	}
	if (*p != '\0') {
		snprintf(why, size, "trailing text");
		return -1;
	}
	return 0;
}

static int
find_day(const la_day *v, size_t n, la_day d)
{
	for (size_t i = 0; i < n; i++)
		if (v[i] == d)
			return 1;
	return 0;
}

int
la_is_working_day(const struct la_calendar *cal, la_day day)
{
	if (find_day(cal->workdays, cal->nworkdays, day))
		return 1;
	if (find_day(cal->holidays, cal->nholidays, day))
		return 0;
	return la_weekday(day) <= 5;
}

int
la_calendar_covers(const struct la_calendar *cal, la_day day)
{
	return day >= cal->first && day <= cal->last;
}

la_day
la_deadline(const struct la_calendar *cal, la_day start, int n,
    enum la_day_unit unit)
{
	la_day d = start;

	if (unit == LA_DAYS_WORKING) {
		while (n > 0) {
			d++;
			if (la_is_working_day(cal, d))
				n--;
		}
		return d;
	}
	d += n;
	while (!la_is_working_day(cal, d))
		d++;
	return d;
}
