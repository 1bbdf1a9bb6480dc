/* SPDX-License-Identifier: MIT */
/*
 * TEMPORARY STUB for the schedule branch: the few datetime.h and
 * normalize.h functions la-schedule calls, until main has the real
 * modules. Deleted once they land.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "datetime.h"
#include "normalize.h"

int
la_date_valid(int y, int m, int d)
{
	static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

	if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1)
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
	struct la_date dt;
	long era, doe, yoe, y, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	y = yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	dt.day = (int)(doy - (153 * mp + 2) / 5 + 1);
	dt.month = (int)(mp < 10 ? mp + 3 : mp - 9);
	dt.year = (int)(y + (dt.month <= 2));
	return dt;
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
	int m = d.year * 12 + (d.month - 1) + months;

	d.year = m / 12;
	d.month = m % 12 + 1;
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
la_parse_date(const char *s, struct la_date *d, char *why, size_t size)
{
	int y, m, dd, n = 0;

	while (isspace((unsigned char)*s))
		s++;
	if (sscanf(s, "%d-%d-%d%n", &y, &m, &dd, &n) != 3 &&
	    sscanf(s, "%d/%d/%d%n", &y, &m, &dd, &n) != 3) {
		if (why != NULL)
			snprintf(why, size, "not a date");
		return -1;
	}
	if (s[n] != '\0' || !la_date_valid(y, m, dd)) {
		if (why != NULL)
			snprintf(why, size, "no such day");
		return -1;
	}
	d->year = y;
	d->month = m;
	d->day = dd;
	return 0;
}

static int
in_list(const la_day *days, size_t n, la_day day)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (days[mid] == day)
			return 1;
		if (days[mid] < day)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
}

int
la_is_working_day(const struct la_calendar *cal, la_day day)
{
	if (cal != NULL && in_list(cal->workdays, cal->nworkdays, day))
		return 1;
	if (cal != NULL && in_list(cal->holidays, cal->nholidays, day))
		return 0;
	return la_weekday(day) <= 5;
}

int
la_calendar_covers(const struct la_calendar *cal, la_day day)
{
	return cal->first <= day && day <= cal->last;
}

la_day
la_deadline(const struct la_calendar *cal, la_day start, int n,
    enum la_day_unit unit)
{
	la_day day = start;

	if (unit == LA_DAYS_WORKING) {
		while (n > 0) {
			day++;
			if (la_is_working_day(cal, day))
				n--;
		}
		return day;
	}
	day = start + n;
	while (!la_is_working_day(cal, day))
		day++;
	return day;
}

const char *
la_trim(const char *s, size_t *len)
{
	size_t n = strlen(s);

	while (n > 0 && isspace((unsigned char)*s)) {
		s++;
		n--;
	}
	while (n > 0 && isspace((unsigned char)s[n - 1]))
		n--;
	*len = n;
	return s;
}

int
la_parse_bool(const char *s, int *out, char *why, size_t size)
{
	size_t len;

	s = la_trim(s, &len);
	if (len == 0)
		return LA_NORM_EMPTY;
	if (strncmp(s, "是", len) == 0 || strncmp(s, "true", len) == 0 ||
	    strncmp(s, "yes", len) == 0 || strncmp(s, "1", len) == 0) {
		*out = 1;
		return LA_NORM_OK;
	}
	if (strncmp(s, "否", len) == 0 || strncmp(s, "false", len) == 0 ||
	    strncmp(s, "no", len) == 0 || strncmp(s, "0", len) == 0) {
		*out = 0;
		return LA_NORM_OK;
	}
	if (why != NULL)
		snprintf(why, size, "not a yes/no value");
	return LA_NORM_INVALID;
}

int
la_parse_number(const char *s, double *out, char *why, size_t size)
{
	char *end;
	double v;

	errno = 0;
	v = strtod(s, &end);
	if (end == s || *end != '\0' || v < 0) {
		if (why != NULL)
			snprintf(why, size, "not a number");
		return LA_NORM_INVALID;
	}
	*out = v;
	return LA_NORM_OK;
}

int
la_split_list(const char *s,
    int (*fn)(const char *item, size_t len, void *ctx), void *ctx)
{
	char *copy = strdup(s), *save = NULL;
	int rc = 0;

	if (copy == NULL)
		return -1;
	for (char *t = strtok_r(copy, ";,", &save); t != NULL;
	    t = strtok_r(NULL, ";,", &save)) {
		size_t len;
		const char *item = la_trim(t, &len);
		char buf[256];

		if (len == 0 || len >= sizeof(buf))
			continue;
		memcpy(buf, item, len);
		buf[len] = '\0';
		if ((rc = fn(buf, len, ctx)) != 0)
			break;
	}
	free(copy);
	return rc;
}
