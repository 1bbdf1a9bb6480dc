/* SPDX-License-Identifier: MIT */
#ifndef LA_DATETIME_H
#define LA_DATETIME_H

#include <limits.h>
#include <stddef.h>

#include "error.h"

/*
 * Civil dates, times in a named zone, and day counting. Every time is a
 * count of seconds since 1970-01-01T00:00:00Z (la_time); every date is a
 * count of days since 1970-01-01 (la_day). Local times are read in the
 * rules' zone, never in the machine's TZ.
 */

typedef long long la_time;
typedef long la_day;

/* Results of la_tz_to_time() and la_tz_day() when the zone failed. */
#define LA_TIME_INVALID LLONG_MIN
#define LA_DAY_INVALID LONG_MIN

struct la_date {
	int year;
	int month;		/* 1..12 */
	int day;		/* 1..31 */
};

/*
 * Nonzero when the date exists in the proleptic Gregorian calendar, for
 * years 1 to 9999.
 */
int la_date_valid(int year, int month, int day);

/* Converts between a valid date and its day number. */
la_day la_day_from_date(struct la_date d);
struct la_date la_date_from_day(la_day n);

/* ISO weekday: 1 Monday .. 7 Sunday. */
int la_weekday(la_day n);

/*
 * Adds whole years or months. A day that does not exist in the target
 * month becomes that month's last day (2024-02-29 plus 1 year is
 * 2025-02-28), as the Civil Code counts periods.
 */
struct la_date la_date_add_years(struct la_date d, int years);
struct la_date la_date_add_months(struct la_date d, int months);

/* Formats "YYYY-MM-DD" into buf (11 bytes at least). */
void la_date_format(struct la_date d, char *buf, size_t size);

/*
 * A time zone. "Asia/Shanghai", "Asia/Chongqing", "Asia/Harbin", "PRC",
 * "UTC", "Etc/UTC" and fixed offsets such as "+08:00", "+0800" or "-05:00"
 * (at most 18 hours) need no tz database. China has kept UTC+8 with no
 * daylight saving time since 1991.
 * NOTE: the built-in China zones ignore the daylight saving time of
 * 1986-1991, which matters only for times of day in those summers.
 *
 * Other names are looked up in the system tz database ($TZDIR, by default
 * /usr/share/zoneinfo). Conversions in such a zone set the TZ environment
 * variable around mktime(3) and localtime_r(3) and restore it, so they are
 * not thread-safe.
 */
struct la_tz {
	char name[64];
	int fixed;		/* 1: offset is exact; 0: use the tz database */
	long offset;		/* seconds east of UTC when fixed */
};

/*
 * Fills tz for name. Returns 0, or -1 with LA_ERR_VALUE in err (may be
 * NULL) when the name is empty, too long, malformed or not a zone file in
 * the tz database.
 */
int la_tz_init(struct la_tz *tz, const char *name, struct la_error *err);

/*
 * Converts local civil time in tz to la_time. hour may be 24 for the
 * midnight that ends the day. In a database zone a local time skipped by a
 * daylight saving change is moved as mktime(3) does. Returns
 * LA_TIME_INVALID when a database zone cannot be applied (no memory for
 * saving TZ, or a time out of range for time_t).
 */
la_time la_tz_to_time(const struct la_tz *tz, struct la_date d, int hour,
    int minute, int second);

/*
 * Converts t to local civil time in tz. Returns 0, or -1 when a database
 * zone cannot be applied; the outputs are then unchanged.
 */
int la_tz_from_time(const struct la_tz *tz, la_time t, struct la_date *d,
    int *hour, int *minute, int *second);

/* The local date of t in tz, or LA_DAY_INVALID as la_tz_from_time fails. */
la_day la_tz_day(const struct la_tz *tz, la_time t);

/*
 * Formats t as local "YYYY-MM-DD HH:MM" (or with ":SS" when nonzero).
 * Returns 0, or -1 with buf empty when la_tz_from_time() fails.
 */
int la_time_format(const struct la_tz *tz, la_time t, char *buf,
    size_t size);

/*
 * Parses a date: 2024-03-05, 2024/3/5, 2024.3.5, 2024年3月5日 (or 号), and
 * 20240305; the value is trimmed and full-width forms are folded first. A
 * time of exactly midnight after the date, as spreadsheets export date
 * cells ("1985/3/15 0:00"), is accepted; any other time is an error.
 * Returns 0, or -1 with a reason in why (may be NULL), such as "no such
 * day 2024-02-30" or "month 13 does not exist".
 */
int la_parse_date(const char *s, struct la_date *d, char *why, size_t size);

/*
 * Parses a date with an optional time. The date forms above may be
 * followed by " 17:00", " 17:00:00", "T17:00:00", "17:00" after 日, "17时",
 * "17时30分" or "24时", then by an ISO offset "+08:00", "+0800" or "Z".
 * 24时 and 24:00 are the midnight ending that day. A fraction of a second is
 * accepted only when it is zero (".000"). A bare number of 9 or 10 digits
 * is seconds since the epoch; 8 digits are a date (20240305). A time
 * without an offset is local time in tz. *has_time is set to 0 for a date
 * alone (the time is then 00:00). Returns 0, or -1 with a reason in why.
 */
int la_parse_time(const char *s, const struct la_tz *tz, la_time *t,
    int *has_time, char *why, size_t size);

/*
 * la_parse_date() and la_parse_time() for a value that la_trim() leaves as
 * it is, such as one the validator has trimmed: s is NUL-terminated and
 * len is strlen(s). They spare measuring and trimming s again.
 */
int la_parse_trimmed_date(const char *s, size_t len, struct la_date *d,
    char *why, size_t size);
int la_parse_trimmed_time(const char *s, size_t len,
    const struct la_tz *tz, la_time *t, int *has_time, char *why,
    size_t size);

/*
 * Working-day calendar: weekends are days off unless listed as worked
 * (调休), and listed holidays are days off.
 */
struct la_calendar {
	la_day *holidays;	/* sorted */
	size_t nholidays;
	la_day *workdays;	/* weekend days worked in place of holidays */
	size_t nworkdays;
	la_day first;		/* the calendar covers [first, last] */
	la_day last;
};

/*
 * Nonzero when day is a working day: a listed worked day, or Monday to
 * Friday and not a listed holiday. A NULL cal has no holidays.
 */
int la_is_working_day(const struct la_calendar *cal, la_day day);

/* Nonzero when day lies in the span the calendar has data for. */
int la_calendar_covers(const struct la_calendar *cal, la_day day);

enum la_day_unit {
	LA_DAYS_CALENDAR = 0,	/* count every day, then roll forward */
	LA_DAYS_WORKING		/* count working days only */
};

/*
 * The last day of a period of n days that starts on start: the start day
 * is not counted. With calendar days, a last day that is not a working day
 * moves to the next working day; days off inside the period still count.
 * With working days, only working days are counted. A negative n counts
 * as 0.
 */
la_day la_deadline(const struct la_calendar *cal, la_day start, int n,
    enum la_day_unit unit);

#endif
