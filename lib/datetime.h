/* SPDX-License-Identifier: MIT */
#ifndef LA_DATETIME_H
#define LA_DATETIME_H

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

struct la_date {
	int year;
	int month;		/* 1..12 */
	int day;		/* 1..31 */
};

int la_date_valid(int year, int month, int day);
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
 * A time zone. "Asia/Shanghai", "Asia/Chongqing", "PRC", "UTC" and fixed
 * offsets such as "+08:00" need no tz database; China has kept UTC+8 with
 * no daylight saving time since 1991. Other names are looked up in the
 * system tz database and are an error if it lacks them.
 */
struct la_tz {
	char name[64];
	int fixed;		/* 1: offset is exact; 0: use the tz database */
	long offset;		/* seconds east of UTC when fixed */
};

int la_tz_init(struct la_tz *tz, const char *name, struct la_error *err);

/* Local civil time in tz to la_time, and back. */
la_time la_tz_to_time(const struct la_tz *tz, struct la_date d, int hour,
    int minute, int second);
void la_tz_from_time(const struct la_tz *tz, la_time t, struct la_date *d,
    int *hour, int *minute, int *second);

/* The local date of t in tz. */
la_day la_tz_day(const struct la_tz *tz, la_time t);

/* Formats t as local "YYYY-MM-DD HH:MM" (or with ":SS" when nonzero). */
void la_time_format(const struct la_tz *tz, la_time t, char *buf,
    size_t size);

/*
 * Parses a date: 2024-03-05, 2024/3/5, 2024.3.5, 2024年3月5日, and
 * 20240305; full-width digits are folded first. Returns 0, or -1 with a
 * reason in why ("no such day 2024-02-30").
 */
int la_parse_date(const char *s, struct la_date *d, char *why, size_t size);

/*
 * Parses a date with an optional time: the date forms above followed by
 * " 17:00", " 17:00:00", "T17:00:00", "17:00" after 日, "17时" or "24时"
 * (24时 is midnight ending that day), an ISO offset "+08:00" or "Z", or a
 * bare epoch number of seconds. A time without an offset is local time in
 * tz. *has_time is set to 0 for a date alone (the time is then 00:00).
 */
int la_parse_time(const char *s, const struct la_tz *tz, la_time *t,
    int *has_time, char *why, size_t size);

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
 * With working days, only working days are counted.
 */
la_day la_deadline(const struct la_calendar *cal, la_day start, int n,
    enum la_day_unit unit);

#endif
