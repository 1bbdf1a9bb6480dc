/* SPDX-License-Identifier: MIT */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "datetime.h"

/*
 * 2024-03-05 is day 19787, so 17:00 +08:00 there is
 * 19787 * 86400 + 9 * 3600 = 1709629200, and the midnight that ends it
 * (2024-03-06 00:00 +08:00) is 19787 * 86400 + 16 * 3600 = 1709654400.
 */
#define DEADLINE_0305 1709629200LL
#define MIDNIGHT_0306 1709654400LL

static la_day
day_of(int year, int month, int day)
{
	struct la_date d = { year, month, day };

	return la_day_from_date(d);
}

static void
assert_date(struct la_date d, int year, int month, int day)
{
	assert_int_equal(d.year, year);
	assert_int_equal(d.month, month);
	assert_int_equal(d.day, day);
}

static void
date_valid_days(void **state)
{
	(void)state;
	assert_true(la_date_valid(2024, 2, 29));
	assert_true(la_date_valid(2000, 2, 29));
	assert_false(la_date_valid(2023, 2, 29));
	assert_false(la_date_valid(1900, 2, 29));
	assert_false(la_date_valid(2024, 2, 30));
	assert_false(la_date_valid(2024, 4, 31));
	assert_true(la_date_valid(2024, 12, 31));
	assert_false(la_date_valid(2024, 13, 1));
	assert_false(la_date_valid(2024, 0, 1));
	assert_false(la_date_valid(2024, 1, 0));
	assert_false(la_date_valid(0, 1, 1));
}

static void
day_numbers(void **state)
{
	(void)state;
	assert_int_equal(day_of(1970, 1, 1), 0);
	assert_int_equal(day_of(1969, 12, 31), -1);
	/* 30 years of 365 days and 7 leap days, then January and February. */
	assert_int_equal(day_of(2000, 3, 1), 10957 + 31 + 29);
	/* 54 years and 13 leap days, then 31 + 29 + 4 days. */
	assert_int_equal(day_of(2024, 3, 5), 19787);
	assert_int_equal(day_of(1, 1, 1), -719162);
	assert_date(la_date_from_day(19787), 2024, 3, 5);
	assert_date(la_date_from_day(19782), 2024, 2, 29);
	assert_date(la_date_from_day(-1), 1969, 12, 31);
	assert_date(la_date_from_day(-719162), 1, 1, 1);
}

static void
weekdays(void **state)
{
	(void)state;
	assert_int_equal(la_weekday(0), 4);
	assert_int_equal(la_weekday(-4), 7);
	assert_int_equal(la_weekday(day_of(2024, 1, 1)), 1);
	assert_int_equal(la_weekday(day_of(2024, 3, 5)), 2);
	assert_int_equal(la_weekday(day_of(2024, 2, 4)), 7);
	assert_int_equal(la_weekday(day_of(2024, 3, 16)), 6);
}

static void
add_months_clamps(void **state)
{
	struct la_date leap = { 2024, 2, 29 }, jan31 = { 2024, 1, 31 };
	struct la_date jan31b = { 2023, 1, 31 }, mid = { 2024, 1, 15 };
	struct la_date mar31 = { 2024, 3, 31 }, may31 = { 2024, 5, 31 };

	(void)state;
	assert_date(la_date_add_years(leap, 1), 2025, 2, 28);
	assert_date(la_date_add_years(leap, 4), 2028, 2, 29);
	assert_date(la_date_add_years(leap, -3), 2021, 2, 28);
	assert_date(la_date_add_months(jan31, 1), 2024, 2, 29);
	assert_date(la_date_add_months(jan31b, 1), 2023, 2, 28);
	assert_date(la_date_add_months(mid, -1), 2023, 12, 15);
	assert_date(la_date_add_months(mar31, -1), 2024, 2, 29);
	assert_date(la_date_add_months(may31, 13), 2025, 6, 30);
	assert_date(la_date_add_months(mid, -13), 2022, 12, 15);
}

static void
date_format(void **state)
{
	struct la_date d = { 2024, 3, 5 }, early = { 5, 1, 1 };
	char buf[16];

	(void)state;
	la_date_format(d, buf, sizeof(buf));
	assert_string_equal(buf, "2024-03-05");
	la_date_format(early, buf, sizeof(buf));
	assert_string_equal(buf, "0005-01-01");
}

static void
check_date(const char *s, int year, int month, int day)
{
	struct la_date d = { 0, 0, 0 };
	char why[160] = "";

	if (la_parse_date(s, &d, why, sizeof(why)) != 0)
		fail_msg("\"%s\" rejected: %s", s, why);
	assert_date(d, year, month, day);
}

static void
check_date_bad(const char *s, const char *reason)
{
	struct la_date d = { 1, 2, 3 };
	char why[160] = "";

	assert_int_equal(la_parse_date(s, &d, why, sizeof(why)), -1);
	if (strstr(why, reason) == NULL)
		fail_msg("\"%s\": reason \"%s\" lacks \"%s\"", s, why, reason);
	assert_date(d, 1, 2, 3);
}

static void
parse_date_forms(void **state)
{
	(void)state;
	check_date("2024-03-05", 2024, 3, 5);
	check_date("2024/3/5", 2024, 3, 5);
	check_date("2024.3.5", 2024, 3, 5);
	check_date("2024年3月5日", 2024, 3, 5);
	check_date("2024年03月05号", 2024, 3, 5);
	check_date("20240305", 2024, 3, 5);
	check_date("２０２４年３月５日", 2024, 3, 5);
	check_date("２０２４－０３－０５", 2024, 3, 5);
	check_date(" 2024-3-05\xe3\x80\x80", 2024, 3, 5);
	check_date("2024-02-29", 2024, 2, 29);
	check_date("1985/3/15 0:00", 1985, 3, 15);
	check_date("1985-03-15 00:00:00", 1985, 3, 15);
}

static void
parse_date_rejects(void **state)
{
	(void)state;
	check_date_bad("2024-02-30", "no such day 2024-02-30");
	check_date_bad("2023-02-29", "no such day 2023-02-29");
	check_date_bad("2024年2月30日", "no such day 2024-02-30");
	check_date_bad("2024-13-01", "month 13 does not exist");
	check_date_bad("20241301", "month 13 does not exist");
	check_date_bad("2024-00-10", "month 0 does not exist");
	check_date_bad("2024-03/05", "not a date");
	check_date_bad("24-3-5", "not a date");
	check_date_bad("2024-003-05", "not a date");
	check_date_bad("2024年3月5", "not a date");
	check_date_bad("March 5", "not a date");
	check_date_bad("1709629200", "not a date");
	check_date_bad("2024-03-05x", "unexpected text after the date");
	check_date_bad("2024-03-05 17:00", "without a time of day");
	check_date_bad("2024年3月5日24时", "without a time of day");
	check_date_bad("", "empty");
}

/* The forms read without a copy, and values just outside them. */
static void
parse_date_plain_edges(void **state)
{
	(void)state;
	check_date("2024-3-5", 2024, 3, 5);
	check_date("2024年3月5号", 2024, 3, 5);
	check_date("2024-03-05\t", 2024, 3, 5);
	check_date_bad("2024-3-005", "not a date");
	check_date_bad("2024-3-", "not a date");
	check_date_bad("2024030", "not a date");
	check_date_bad("202403050", "not a date");
	check_date_bad("2024-3-5-", "unexpected text after the date");
	check_date_bad("0000-01-01", "no such day 0000-01-01");
	check_date_bad("2024年3月5日 9:00", "without a time of day");
	check_date_bad("2024-3-5 0:00:01", "without a time of day");
}

/* A value trimmed already, with its length, reads as la_parse_date() reads. */
static void
parse_trimmed_date_same(void **state)
{
	static const char *const plain[] = {
		"2024年3月5日", "20240305", "２０２４－０３－０５", "1985/3/15 0:00"
	};
	struct la_date d = { 1, 2, 3 };
	char why[160] = "";

	(void)state;
	for (size_t i = 0; i < sizeof(plain) / sizeof(plain[0]); i++) {
		assert_int_equal(la_parse_trimmed_date(plain[i],
		    strlen(plain[i]), &d, why, sizeof(why)), 0);
		assert_int_equal(d.year, i < 3 ? 2024 : 1985);
		assert_int_equal(d.month, 3);
		assert_int_equal(d.day, i < 3 ? 5 : 15);
	}
	d.year = 1;
	assert_int_equal(la_parse_trimmed_date("2024-02-30", 10, &d, why,
	    sizeof(why)), -1);
	assert_string_equal(why, "no such day 2024-02-30");
	assert_int_equal(d.year, 1);
}

static void
tz_builtin(void **state)
{
	static const char *const china[] = {
		"Asia/Shanghai", "Asia/Chongqing", "Asia/Harbin", "PRC", NULL
	};
	struct la_error err;
	struct la_tz tz;
	int i;

	(void)state;
	la_error_clear(&err);
	for (i = 0; china[i] != NULL; i++) {
		assert_int_equal(la_tz_init(&tz, china[i], &err), 0);
		assert_int_equal(tz.fixed, 1);
		assert_int_equal(tz.offset, 8 * 3600);
		assert_string_equal(tz.name, china[i]);
	}
	assert_int_equal(la_tz_init(&tz, "UTC", &err), 0);
	assert_int_equal(tz.fixed, 1);
	assert_int_equal(tz.offset, 0);
	assert_int_equal(la_tz_init(&tz, "Etc/UTC", &err), 0);
	assert_int_equal(tz.offset, 0);
	assert_int_equal(err.code, LA_ERR_NONE);
}

static void
tz_fixed_offsets(void **state)
{
	struct la_tz tz;

	(void)state;
	assert_int_equal(la_tz_init(&tz, "+08:00", NULL), 0);
	assert_int_equal(tz.fixed, 1);
	assert_int_equal(tz.offset, 28800);
	assert_int_equal(la_tz_init(&tz, "+0800", NULL), 0);
	assert_int_equal(tz.offset, 28800);
	assert_int_equal(la_tz_init(&tz, "+08", NULL), 0);
	assert_int_equal(tz.offset, 28800);
	assert_int_equal(la_tz_init(&tz, "+0530", NULL), 0);
	assert_int_equal(tz.offset, 5 * 3600 + 30 * 60);
	assert_int_equal(la_tz_init(&tz, "-05:00", NULL), 0);
	assert_int_equal(tz.offset, -5 * 3600);
}

static void
check_tz_bad(const char *name)
{
	struct la_error err;
	struct la_tz tz;

	la_error_clear(&err);
	assert_int_equal(la_tz_init(&tz, name, &err), -1);
	assert_int_equal(err.code, LA_ERR_VALUE);
	if (*name != '\0' && strstr(err.text, name) == NULL)
		fail_msg("message \"%s\" does not name \"%s\"", err.text,
		    name);
}

static void
tz_rejects(void **state)
{
	(void)state;
	check_tz_bad("Mars/Olympus");
	/* zone.tab is in the tz directory but is not a zone file. */
	check_tz_bad("zone.tab");
	check_tz_bad("America");
	check_tz_bad("../../../etc/passwd");
	check_tz_bad("/etc/localtime");
	check_tz_bad("+19:00");
	check_tz_bad("+08:60");
	check_tz_bad("UTC+8");
	check_tz_bad("");
}

static void
tz_database(void **state)
{
	struct la_date d = { 2024, 3, 5 }, july = { 2024, 7, 1 }, got;
	struct la_tz tz;
	int h = -1, m = -1, s = -1;

	(void)state;
	assert_int_equal(la_tz_init(&tz, "America/New_York", NULL), 0);
	assert_int_equal(tz.fixed, 0);
	/* EST is UTC-5 in March before the 10th: 17:00 is 22:00Z. */
	assert_int_equal(la_tz_to_time(&tz, d, 17, 0, 0),
	    19787 * 86400LL + 22 * 3600);
	/* EDT is UTC-4 in July: 12:00 is 16:00Z. */
	assert_int_equal(la_tz_to_time(&tz, july, 12, 0, 0),
	    19905 * 86400LL + 16 * 3600);
	assert_int_equal(la_tz_from_time(&tz, 19905 * 86400LL + 16 * 3600,
	    &got, &h, &m, &s), 0);
	assert_date(got, 2024, 7, 1);
	assert_int_equal(h, 12);
	assert_int_equal(m, 0);
	assert_int_equal(s, 0);
}

static void
tz_env_restored(void **state)
{
	struct la_date d = { 2024, 3, 5 }, got;
	struct la_tz tz;
	int h, m, s;

	(void)state;
	assert_int_equal(la_tz_init(&tz, "Asia/Tokyo", NULL), 0);
	setenv("TZ", "Europe/Paris", 1);
	tzset();
	assert_int_equal(la_tz_to_time(&tz, d, 18, 0, 0), DEADLINE_0305);
	assert_string_equal(getenv("TZ"), "Europe/Paris");
	unsetenv("TZ");
	tzset();
	assert_int_equal(la_tz_from_time(&tz, DEADLINE_0305, &got, &h, &m,
	    &s), 0);
	assert_int_equal(h, 18);
	assert_null(getenv("TZ"));
}

static void
tz_from_time_fixed(void **state)
{
	struct la_date d;
	struct la_tz sh, utc;
	int h, m, s;
	char buf[32];

	(void)state;
	assert_int_equal(la_tz_init(&sh, "Asia/Shanghai", NULL), 0);
	assert_int_equal(la_tz_init(&utc, "UTC", NULL), 0);
	assert_int_equal(la_tz_from_time(&sh, DEADLINE_0305, &d, &h, &m, &s),
	    0);
	assert_date(d, 2024, 3, 5);
	assert_int_equal(h, 17);
	assert_int_equal(m, 0);
	assert_int_equal(s, 0);
	assert_int_equal(la_tz_from_time(&utc, -1, &d, &h, &m, &s), 0);
	assert_date(d, 1969, 12, 31);
	assert_int_equal(h, 23);
	assert_int_equal(m, 59);
	assert_int_equal(s, 59);
	assert_int_equal(la_tz_day(&sh, MIDNIGHT_0306), 19788);
	assert_int_equal(la_tz_day(&sh, MIDNIGHT_0306 - 1), 19787);
	assert_int_equal(la_tz_day(&utc, MIDNIGHT_0306), 19787);
	assert_int_equal(la_time_format(&sh, DEADLINE_0305, buf,
	    sizeof(buf)), 0);
	assert_string_equal(buf, "2024-03-05 17:00");
	assert_int_equal(la_time_format(&sh, DEADLINE_0305 + 1, buf,
	    sizeof(buf)), 0);
	assert_string_equal(buf, "2024-03-05 17:00:01");
}

static void
tz_to_time_midnight(void **state)
{
	struct la_date d = { 2024, 3, 5 };
	struct la_tz sh;

	(void)state;
	assert_int_equal(la_tz_init(&sh, "PRC", NULL), 0);
	assert_int_equal(la_tz_to_time(&sh, d, 17, 0, 0), DEADLINE_0305);
	assert_int_equal(la_tz_to_time(&sh, d, 24, 0, 0), MIDNIGHT_0306);
	assert_int_equal(la_tz_to_time(&sh, d, 0, 0, 0),
	    19787 * 86400LL - 8 * 3600);
}

static void
check_time(const struct la_tz *tz, const char *s, la_time want,
    int want_has_time)
{
	char why[160] = "";
	la_time t = 0;
	int has_time = -1;

	if (la_parse_time(s, tz, &t, &has_time, why, sizeof(why)) != 0)
		fail_msg("\"%s\" rejected: %s", s, why);
	if (t != want)
		fail_msg("\"%s\" gave %lld, expected %lld", s, t, want);
	assert_int_equal(has_time, want_has_time);
}

/* The deadline batches A to H, read in Asia/Shanghai. */
static void
check_batches(void)
{
	static const char *const batches[] = {
		"2024-03-05 17:00", "2024-03-05T17:00:00+08:00",
		"2024-03-05T09:00:00Z", "2024/3/5 17:00",
		"2024年3月5日17:00", "1709629200", "2024-03-05T17:00:00",
		NULL
	};
	struct la_tz tz;
	int i;

	assert_int_equal(la_tz_init(&tz, "Asia/Shanghai", NULL), 0);
	for (i = 0; batches[i] != NULL; i++)
		check_time(&tz, batches[i], DEADLINE_0305, 1);
	check_time(&tz, "2024年3月5日24时", MIDNIGHT_0306, 1);
}

static void
batches_tz_utc(void **state)
{
	(void)state;
	setenv("TZ", "UTC", 1);
	tzset();
	check_batches();
	unsetenv("TZ");
	tzset();
}

static void
batches_tz_new_york(void **state)
{
	(void)state;
	setenv("TZ", "America/New_York", 1);
	tzset();
	check_batches();
	unsetenv("TZ");
	tzset();
}

static void
parse_time_forms(void **state)
{
	struct la_tz tz, ny;

	(void)state;
	assert_int_equal(la_tz_init(&tz, "Asia/Shanghai", NULL), 0);
	check_time(&tz, "2024年3月5日17时", DEADLINE_0305, 1);
	check_time(&tz, "2024年3月5日 17时30分", DEADLINE_0305 + 1800, 1);
	check_time(&tz, "2024年3月5日17点30分15秒", DEADLINE_0305 + 1815, 1);
	check_time(&tz, "2024-03-05 17:00:00", DEADLINE_0305, 1);
	check_time(&tz, "2024-03-05 17:00:00.000", DEADLINE_0305, 1);
	check_time(&tz, "2024-03-05T09:00:00.000Z", DEADLINE_0305, 1);
	check_time(&tz, "2024-03-05 17:00 +08:00", DEADLINE_0305, 1);
	check_time(&tz, "2024-03-05T17:00:00+0800", DEADLINE_0305, 1);
	check_time(&tz, "2024-03-05T04:00:00-05:00", DEADLINE_0305, 1);
	check_time(&tz, "2024-03-05 24:00", MIDNIGHT_0306, 1);
	check_time(&tz, "２０２４年３月５日１７：００", DEADLINE_0305, 1);
	check_time(&tz, "20240305 17:00", DEADLINE_0305, 1);
	check_time(&tz, "2024-03-05 9:05", DEADLINE_0305 - 8 * 3600 + 300,
	    1);
	check_time(&tz, "2024-03-05", 19787 * 86400LL - 8 * 3600, 0);
	check_time(&tz, "0999999999", 999999999, 1);
	assert_int_equal(la_tz_init(&ny, "America/New_York", NULL), 0);
	check_time(&ny, "2024-03-05 17:00", 19787 * 86400LL + 22 * 3600, 1);
	check_time(&ny, "2024-03-05 17:00+08:00", DEADLINE_0305, 1);
}

static void
check_time_bad(const char *s, const char *reason)
{
	struct la_tz tz;
	char why[160] = "";
	la_time t = 42;
	int has_time = 42;

	assert_int_equal(la_tz_init(&tz, "Asia/Shanghai", NULL), 0);
	assert_int_equal(la_parse_time(s, &tz, &t, &has_time, why,
	    sizeof(why)), -1);
	if (strstr(why, reason) == NULL)
		fail_msg("\"%s\": reason \"%s\" lacks \"%s\"", s, why, reason);
	assert_int_equal(t, 42);
	assert_int_equal(has_time, 42);
}

static void
parse_time_rejects(void **state)
{
	(void)state;
	check_time_bad("2024-03-05 25:00", "no such time of day 25:00:00");
	check_time_bad("2024-03-05 17:60", "no such time of day 17:60:00");
	check_time_bad("2024-03-05 24:30", "no such time of day 24:30:00");
	check_time_bad("2024-03-05 17:00:61", "no such time of day");
	check_time_bad("2024-03-05 17", "not a time of day");
	check_time_bad("2024-03-05T", "not a time of day");
	check_time_bad("2024-03-05 17:0", "minutes need 2 digits");
	check_time_bad("2024-03-05 17:00:00.5", "fractions of a second");
	check_time_bad("2024-03-05+08:00", "unexpected text after the date");
	check_time_bad("2024-03-05 17:00 CST", "expected an offset");
	check_time_bad("2024-03-05 17:00+19:00", "expected an offset");
	check_time_bad("2024-02-30 10:00", "no such day 2024-02-30");
	check_time_bad("1709629200000", "milliseconds");
	check_time_bad("12345", "not a date");
	check_time_bad("-1709629200", "not a date");
	check_time_bad("", "empty");
}

static void
parse_trimmed_time_same(void **state)
{
	static const char *const deadline[] = {
		"2024-03-05 17:00", "2024年3月5日17时", "1709629200",
		"2024-03-05T09:00:00Z"
	};
	struct la_tz tz;
	char why[160] = "";
	la_time t = 0;
	int has_time = -1;

	(void)state;
	assert_int_equal(la_tz_init(&tz, "Asia/Shanghai", NULL), 0);
	for (size_t i = 0; i < sizeof(deadline) / sizeof(deadline[0]); i++) {
		t = 0;
		assert_int_equal(la_parse_trimmed_time(deadline[i],
		    strlen(deadline[i]), &tz, &t, &has_time, why, sizeof(why)),
		    0);
		assert_int_equal(t, DEADLINE_0305);
		assert_int_equal(has_time, 1);
	}
	assert_int_equal(la_parse_trimmed_time("2024-03-05", 10, &tz, &t,
	    &has_time, why, sizeof(why)), 0);
	assert_int_equal(t, 19787 * 86400LL - 8 * 3600);
	assert_int_equal(has_time, 0);
	t = 42;
	assert_int_equal(la_parse_trimmed_time("2024-03-05 24:01", 16, &tz,
	    &t, &has_time, why, sizeof(why)), -1);
	assert_string_equal(why, "no such time of day 24:01:00");
	assert_int_equal(t, 42);
}

/* The forms read without a copy, and values just outside them. */
static void
parse_time_plain_edges(void **state)
{
	char spaced[80];
	struct la_tz tz;

	(void)state;
	assert_int_equal(la_tz_init(&tz, "Asia/Shanghai", NULL), 0);
	check_time(&tz, "2024-03-05   17:00", DEADLINE_0305, 1);
	check_time(&tz, "2024-03-05T17:00", DEADLINE_0305, 1);
	check_time(&tz, "2024年3月5日17:00:01", DEADLINE_0305 + 1, 1);
	check_time(&tz, "2024-03-05 24:00:00", MIDNIGHT_0306, 1);
	check_time(&tz, "20240305", 19787 * 86400LL - 8 * 3600, 0);
	check_time_bad("2024-03-05 017:00", "not a time of day");
	check_time_bad("2024-03-05T 17:00", "not a time of day");
	check_time_bad("2024-03-05 17:00:0", "seconds need 2 digits");
	check_time_bad("2024-03-05 17:00:001", "expected an offset");
	check_time_bad("2024-03-05 24:00:01", "no such time of day 24:00:01");
	/* 10 bytes, 60 spaces and 5 bytes are past the 63 bytes read. */
	snprintf(spaced, sizeof(spaced), "2024-03-05%60s17:00", "");
	check_time_bad(spaced, "too long for a date");
}

/*
 * Builds the 2024 calendar: days off and weekend days worked, as the State
 * Council notice 国办发明电〔2023〕7号 set them.
 */
static void
calendar_2024(struct la_calendar *cal, la_day *holidays, la_day *workdays)
{
	static const int off[][3] = {
		{ 1, 1, 1 }, { 2, 10, 17 }, { 4, 4, 6 }, { 5, 1, 5 },
		{ 6, 10, 10 }, { 9, 15, 17 }, { 10, 1, 7 }
	};
	static const int worked[][2] = {
		{ 2, 4 }, { 2, 18 }, { 4, 7 }, { 4, 28 }, { 5, 11 },
		{ 9, 14 }, { 9, 29 }, { 10, 12 }
	};
	size_t i, n = 0;
	int d;

	for (i = 0; i < sizeof(off) / sizeof(off[0]); i++) {
		for (d = off[i][1]; d <= off[i][2]; d++)
			holidays[n++] = day_of(2024, off[i][0], d);
	}
	for (i = 0; i < sizeof(worked) / sizeof(worked[0]); i++)
		workdays[i] = day_of(2024, worked[i][0], worked[i][1]);
	cal->holidays = holidays;
	cal->nholidays = n;
	cal->workdays = workdays;
	cal->nworkdays = sizeof(worked) / sizeof(worked[0]);
	cal->first = day_of(2024, 1, 1);
	cal->last = day_of(2024, 12, 31);
}

static void
working_days_2024(void **state)
{
	la_day holidays[40], workdays[8];
	struct la_calendar cal;

	(void)state;
	calendar_2024(&cal, holidays, workdays);
	assert_int_equal(cal.nholidays, 28);
	assert_true(la_is_working_day(&cal, day_of(2024, 2, 4)));
	assert_true(la_is_working_day(&cal, day_of(2024, 2, 18)));
	assert_false(la_is_working_day(&cal, day_of(2024, 2, 12)));
	assert_false(la_is_working_day(&cal, day_of(2024, 2, 10)));
	assert_false(la_is_working_day(&cal, day_of(2024, 3, 16)));
	assert_true(la_is_working_day(&cal, day_of(2024, 3, 15)));
	assert_true(la_is_working_day(&cal, day_of(2024, 10, 12)));
	assert_false(la_is_working_day(&cal, day_of(2024, 10, 7)));
	assert_true(la_is_working_day(&cal, day_of(2024, 10, 8)));
	assert_true(la_is_working_day(NULL, day_of(2024, 2, 12)));
	assert_false(la_is_working_day(NULL, day_of(2024, 2, 18)));
}

static void
calendar_covers(void **state)
{
	la_day holidays[40], workdays[8];
	struct la_calendar cal;

	(void)state;
	calendar_2024(&cal, holidays, workdays);
	assert_true(la_calendar_covers(&cal, day_of(2024, 1, 1)));
	assert_true(la_calendar_covers(&cal, day_of(2024, 12, 31)));
	assert_false(la_calendar_covers(&cal, day_of(2023, 12, 31)));
	assert_false(la_calendar_covers(&cal, day_of(2025, 1, 1)));
	assert_false(la_calendar_covers(NULL, day_of(2024, 6, 1)));
}

static void
check_deadline(const struct la_calendar *cal, struct la_date start, int n,
    enum la_day_unit unit, int year, int month, int day)
{
	la_day got;

	got = la_deadline(cal, la_day_from_date(start), n, unit);
	assert_date(la_date_from_day(got), year, month, day);
}

static void
deadline_calendar_days(void **state)
{
	la_day holidays[40], workdays[8];
	struct la_calendar cal;
	struct la_date mar13 = { 2024, 3, 13 }, feb7 = { 2024, 2, 7 };
	struct la_date sep24 = { 2024, 9, 24 }, sep30 = { 2024, 9, 30 };
	struct la_date oct10 = { 2024, 10, 10 }, dec27 = { 2024, 12, 27 };
	struct la_date mar16 = { 2024, 3, 16 };

	(void)state;
	calendar_2024(&cal, holidays, workdays);
	/* Wednesday plus 7 days is the next Wednesday. */
	check_deadline(&cal, mar13, 7, LA_DAYS_CALENDAR, 2024, 3, 20);
	/* Feb 10-17 is Spring Festival, and Sunday 18 is worked. */
	check_deadline(&cal, feb7, 3, LA_DAYS_CALENDAR, 2024, 2, 18);
	/* Oct 1-7 are off for National Day, so Oct 8. */
	check_deadline(&cal, sep24, 7, LA_DAYS_CALENDAR, 2024, 10, 8);
	/* The holidays inside the period are not deducted. */
	check_deadline(&cal, sep30, 10, LA_DAYS_CALENDAR, 2024, 10, 10);
	/* Saturday Oct 12 is a worked day, so no roll. */
	check_deadline(&cal, oct10, 2, LA_DAYS_CALENDAR, 2024, 10, 12);
	/* A plain Saturday rolls to Monday. */
	check_deadline(&cal, mar13, 3, LA_DAYS_CALENDAR, 2024, 3, 18);
	check_deadline(&cal, dec27, 1, LA_DAYS_CALENDAR, 2024, 12, 30);
	check_deadline(&cal, mar13, 0, LA_DAYS_CALENDAR, 2024, 3, 13);
	check_deadline(&cal, mar16, 0, LA_DAYS_CALENDAR, 2024, 3, 18);
	check_deadline(&cal, mar13, -3, LA_DAYS_CALENDAR, 2024, 3, 13);
}

static void
deadline_working_days(void **state)
{
	la_day holidays[40], workdays[8];
	struct la_calendar cal;
	struct la_date feb2 = { 2024, 2, 2 }, feb8 = { 2024, 2, 8 };
	struct la_date sep27 = { 2024, 9, 27 }, mar15 = { 2024, 3, 15 };
	struct la_date apr3 = { 2024, 4, 3 }, apr30 = { 2024, 4, 30 };

	(void)state;
	calendar_2024(&cal, holidays, workdays);
	/* Sunday Feb 4 is worked in place of the Spring Festival. */
	check_deadline(&cal, feb2, 1, LA_DAYS_WORKING, 2024, 2, 4);
	check_deadline(&cal, feb8, 2, LA_DAYS_WORKING, 2024, 2, 18);
	check_deadline(&cal, feb8, 3, LA_DAYS_WORKING, 2024, 2, 19);
	/* Sep 29 and 30 count, Oct 1-7 do not. */
	check_deadline(&cal, sep27, 3, LA_DAYS_WORKING, 2024, 10, 8);
	/* The application window Mar 15-20 has 4 working days. */
	check_deadline(&cal, mar15, 3, LA_DAYS_WORKING, 2024, 3, 20);
	check_deadline(&cal, apr3, 1, LA_DAYS_WORKING, 2024, 4, 7);
	check_deadline(&cal, apr30, 1, LA_DAYS_WORKING, 2024, 5, 6);
	check_deadline(&cal, apr30, 0, LA_DAYS_WORKING, 2024, 4, 30);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(date_valid_days),
		cmocka_unit_test(day_numbers),
		cmocka_unit_test(weekdays),
		cmocka_unit_test(add_months_clamps),
		cmocka_unit_test(date_format),
		cmocka_unit_test(parse_date_forms),
		cmocka_unit_test(parse_date_rejects),
		cmocka_unit_test(parse_date_plain_edges),
		cmocka_unit_test(parse_trimmed_date_same),
		cmocka_unit_test(tz_builtin),
		cmocka_unit_test(tz_fixed_offsets),
		cmocka_unit_test(tz_rejects),
		cmocka_unit_test(tz_database),
		cmocka_unit_test(tz_env_restored),
		cmocka_unit_test(tz_from_time_fixed),
		cmocka_unit_test(tz_to_time_midnight),
		cmocka_unit_test(batches_tz_utc),
		cmocka_unit_test(batches_tz_new_york),
		cmocka_unit_test(parse_time_forms),
		cmocka_unit_test(parse_time_rejects),
		cmocka_unit_test(parse_time_plain_edges),
		cmocka_unit_test(parse_trimmed_time_same),
		cmocka_unit_test(working_days_2024),
		cmocka_unit_test(calendar_covers),
		cmocka_unit_test(deadline_calendar_days),
		cmocka_unit_test(deadline_working_days),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
