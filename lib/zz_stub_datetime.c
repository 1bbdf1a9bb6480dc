/* SPDX-License-Identifier: MIT */
/*
 * STUB: a stand-in for the few lib/datetime.c functions that the rules
 * module calls, so that the rules branch builds and tests before the real
 * module is merged. It handles only fixed-offset zones and the ISO forms
 * "YYYY-MM-DD" and "YYYY-MM-DD HH:MM[:SS]" with an optional "Z" or
 * "+HH:MM". Delete this file when lib/datetime.c arrives.
 */
#include <stdio.h>
#include <string.h>

#include "datetime.h"

int
la_date_valid(int year, int month, int day)
{
	static const int mdays[12] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};
	int leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
	int last;

	if (year < 1 || year > 9999 || month < 1 || month > 12)
		return 0;
	last = mdays[month - 1] + (month == 2 && leap);
	return day >= 1 && day <= last;
}

/* Days from civil, after Howard Hinnant's public-domain algorithm. */
la_day
la_day_from_date(struct la_date d)
{
	long y = d.year - (d.month <= 2);
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long mp = (d.month + 9) % 12;
	long doy = (153 * mp + 2) / 5 + d.day - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

	return era * 146097 + doe - 719468;
}

struct la_date
la_date_from_day(la_day n)
{
	struct la_date d;
	long z = n + 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	long doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;

	d.day = (int)(doy - (153 * mp + 2) / 5 + 1);
	d.month = (int)(mp < 10 ? mp + 3 : mp - 9);
	d.year = (int)(yoe + era * 400 + (d.month <= 2));
	return d;
}

int
la_weekday(la_day n)
{
	long r = n % 7;

	if (r < 0)
		r += 7;
	return (int)((r + 3) % 7 + 1);
}

void
la_date_format(struct la_date d, char *buf, size_t size)
{
	snprintf(buf, size, "%04d-%02d-%02d", d.year, d.month, d.day);
}

static int
parse_offset(const char *s, long *offset)
{
	int h, m, n = 0;

	if ((s[0] != '+' && s[0] != '-') ||
	    sscanf(s + 1, "%2d:%2d%n", &h, &m, &n) != 2 || s[1 + n] != '\0' ||
	    n != 5 || h > 14 || m > 59)
		return -1;
	*offset = (h * 3600L + m * 60L) * (s[0] == '-' ? -1 : 1);
	return 0;
}

int
la_tz_init(struct la_tz *tz, const char *name, struct la_error *err)
{
	long offset = 0;

	if (strcmp(name, "Asia/Shanghai") == 0 ||
	    strcmp(name, "Asia/Chongqing") == 0 || strcmp(name, "PRC") == 0)
		offset = 8 * 3600L;
	else if (strcmp(name, "UTC") != 0 && parse_offset(name, &offset) != 0)
		return la_error_set(err, LA_ERR_VALUE, NULL, 0, NULL,
		    "unknown time zone \"%s\"", name);
	snprintf(tz->name, sizeof(tz->name), "%s", name);
	tz->fixed = 1;
	tz->offset = offset;
	return 0;
}

la_time
la_tz_to_time(const struct la_tz *tz, struct la_date d, int hour, int minute,
    int second)
{
	return (la_time)la_day_from_date(d) * 86400 + hour * 3600 +
	    minute * 60 + second - tz->offset;
}

void
la_tz_from_time(const struct la_tz *tz, la_time t, struct la_date *d,
    int *hour, int *minute, int *second)
{
	la_time local = t + tz->offset;
	la_time day = local / 86400 - (local % 86400 < 0);
	la_time rest = local - day * 86400;

	*d = la_date_from_day((la_day)day);
	*hour = (int)(rest / 3600);
	*minute = (int)(rest % 3600 / 60);
	*second = (int)(rest % 60);
}

void
la_time_format(const struct la_tz *tz, la_time t, char *buf, size_t size)
{
	struct la_date d;
	int h, m, s;

	la_tz_from_time(tz, t, &d, &h, &m, &s);
	if (s != 0)
		snprintf(buf, size, "%04d-%02d-%02d %02d:%02d:%02d", d.year,
		    d.month, d.day, h, m, s);
	else
		snprintf(buf, size, "%04d-%02d-%02d %02d:%02d", d.year,
		    d.month, d.day, h, m);
}

/* Parses "YYYY-MM-DD" at s; returns the length read or -1. */
static int
parse_iso_date(const char *s, struct la_date *d, char *why, size_t size)
{
	int n = 0;

	if (sscanf(s, "%4d-%2d-%2d%n", &d->year, &d->month, &d->day,
	    &n) != 3 || n != 10) {
		snprintf(why, size, "not a date \"%s\"", s);
		return -1;
	}
	if (!la_date_valid(d->year, d->month, d->day)) {
		snprintf(why, size, "no such day %.10s", s);
		return -1;
	}
	return n;
}

int
la_parse_date(const char *s, struct la_date *d, char *why, size_t size)
{
	int n = parse_iso_date(s, d, why, size);

	if (n < 0)
		return -1;
	if (s[n] != '\0') {
		snprintf(why, size, "not a date \"%s\"", s);
		return -1;
	}
	return 0;
}

int
la_parse_time(const char *s, const struct la_tz *tz, la_time *t,
    int *has_time, char *why, size_t size)
{
	struct la_date d;
	int h = 0, m = 0, sec = 0, n, k = 0;
	long offset = tz->offset;
	const char *p;

	if ((n = parse_iso_date(s, &d, why, size)) < 0)
		return -1;
	p = s + n;
	*has_time = 0;
	if (*p == ' ' || *p == 'T') {
		if (sscanf(p + 1, "%2d:%2d%n", &h, &m, &k) != 2 || k != 5)
			goto bad;
		p += 1 + k;
		if (*p == ':') {
			if (sscanf(p + 1, "%2d%n", &sec, &k) != 1 || k != 2)
				goto bad;
			p += 1 + k;
		}
		if (h > 23 || m > 59 || sec > 59)
			goto bad;
		*has_time = 1;
	}
	if (*p == 'Z' && p[1] == '\0')
		offset = 0;
	else if (*p != '\0' && parse_offset(p, &offset) != 0)
		goto bad;
	*t = (la_time)la_day_from_date(d) * 86400 + h * 3600 + m * 60 +
	    sec - offset;
	return 0;
bad:
	snprintf(why, size, "not a date and time \"%s\"", s);
	return -1;
}
