/* SPDX-License-Identifier: MIT */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "datetime.h"
#include "normalize.h"

#define SECONDS_PER_DAY 86400LL

/* Longest trimmed value the date parsers look at. */
#define STAMP_MAX 63

static const char *const china_zones[] = {
	"Asia/Shanghai", "Asia/Chongqing", "Asia/Harbin", "PRC", NULL
};
static const char *const utc_zones[] = { "UTC", "Etc/UTC", NULL };

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

static int
is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int
days_in_month(int y, int m)
{
	static const int days[] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};

	return m == 2 && is_leap(y) ? 29 : days[m - 1];
}

int
la_date_valid(int year, int month, int day)
{
	if (year < 1 || year > 9999 || month < 1 || month > 12)
		return 0;
	return day >= 1 && day <= days_in_month(year, month);
}

/*
 * Day numbers use Howard Hinnant's days_from_civil and civil_from_days
 * algorithms. Years are counted from March, so that the leap day is the
 * last day of a year, and in eras of 400 years (146097 days).
 */
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
	/* Day 0, 1970-01-01, was a Thursday. */
	return (int)(((n + 3) % 7 + 7) % 7) + 1;
}

struct la_date
la_date_add_months(struct la_date d, int months)
{
	long total = (long)d.year * 12 + (d.month - 1) + months;
	long year = total >= 0 ? total / 12 : (total - 11) / 12;
	int last;

	d.year = (int)year;
	d.month = (int)(total - year * 12) + 1;
	last = days_in_month(d.year, d.month);
	if (d.day > last)
		d.day = last;
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

static int
name_in(const char *name, const char *const *names)
{
	int i;

	for (i = 0; names[i] != NULL; i++) {
		if (strcmp(name, names[i]) == 0)
			return 1;
	}
	return 0;
}

/* Reads exactly n digits at *pp. Returns the value, or -1. */
static int
read_fixed(const char **pp, int n)
{
	const char *p = *pp;
	int v = 0, i;

	for (i = 0; i < n; i++) {
		if (!is_digit(p[i]))
			return -1;
		v = v * 10 + (p[i] - '0');
	}
	*pp = p + n;
	return v;
}

/*
 * Parses a UTC offset such as +08:00, +0800 or +08 at *pp and advances
 * past it. Returns 0, or -1 when it is malformed or beyond 18 hours.
 */
static int
read_offset(const char **pp, long *offset)
{
	const char *p = *pp;
	int sign, h, m = 0;

	if (*p != '+' && *p != '-')
		return -1;
	sign = *p++ == '-' ? -1 : 1;
	if ((h = read_fixed(&p, 2)) < 0)
		return -1;
	if (*p == ':') {
		p++;
		if ((m = read_fixed(&p, 2)) < 0)
			return -1;
	} else if (is_digit(*p) && (m = read_fixed(&p, 2)) < 0)
		return -1;
	if (m > 59 || h * 60 + m > 18 * 60)
		return -1;
	*offset = sign * (h * 3600L + m * 60L);
	*pp = p;
	return 0;
}

/*
 * Nonzero when the file of name in the tz database starts with the TZif
 * magic. Other files there (zone.tab, tzdata.zi) are not zones, and glibc
 * 2.36 reads such a TZ, like an unknown name, as UTC without a warning.
 */
static int
tzfile_exists(const char *name)
{
	const char *dir = getenv("TZDIR");
	char path[512], magic[4];
	FILE *fp;
	int ok;

	if (dir == NULL || *dir == '\0')
		dir = "/usr/share/zoneinfo";
	if ((size_t)snprintf(path, sizeof(path), "%s/%s", dir, name) >=
	    sizeof(path))
		return 0;
	if ((fp = fopen(path, "rb")) == NULL)
		return 0;
	ok = fread(magic, 1, 4, fp) == 4 && memcmp(magic, "TZif", 4) == 0;
	fclose(fp);
	return ok;
}

/* Nonzero when name can only be a zone name, not a path elsewhere. */
static int
zone_name_ok(const char *name)
{
	const char *p;

	if (name[0] == '/' || name[0] == '-' || strstr(name, "..") != NULL)
		return 0;
	for (p = name; *p != '\0'; p++) {
		if (!is_digit(*p) && !(*p >= 'a' && *p <= 'z') &&
		    !(*p >= 'A' && *p <= 'Z') && strchr("_+-/", *p) == NULL)
			return 0;
	}
	return 1;
}

int
la_tz_init(struct la_tz *tz, const char *name, struct la_error *err)
{
	const char *p = name;
	long offset;

	if (name == NULL || *name == '\0')
		return la_error_set(err, LA_ERR_VALUE, NULL, 0, NULL,
		    "empty time zone name");
	if (strlen(name) >= sizeof(tz->name))
		return la_error_set(err, LA_ERR_VALUE, NULL, 0, NULL,
		    "time zone name too long: \"%.20s...\"", name);
	memset(tz, 0, sizeof(*tz));
	snprintf(tz->name, sizeof(tz->name), "%s", name);
	tz->fixed = 1;
	if (name_in(name, china_zones)) {
		tz->offset = 8 * 3600;
		return 0;
	}
	if (name_in(name, utc_zones))
		return 0;
	if (read_offset(&p, &offset) == 0 && *p == '\0') {
		tz->offset = offset;
		return 0;
	}
	tz->fixed = 0;
	if (!zone_name_ok(name) || !tzfile_exists(name))
		return la_error_set(err, LA_ERR_VALUE, NULL, 0, NULL,
		    "unknown time zone \"%s\": not an offset such as +08:00 "
		    "and not in the tz database", name);
	return 0;
}

/* The TZ environment variable as it was before enter_zone(). */
struct saved_tz {
	char *value;		/* NULL when TZ was unset */
};

static int
enter_zone(const char *name, struct saved_tz *saved)
{
	const char *old = getenv("TZ");

	saved->value = NULL;
	if (old != NULL && (saved->value = strdup(old)) == NULL)
		return -1;
	if (setenv("TZ", name, 1) != 0) {
		free(saved->value);
		return -1;
	}
	tzset();
	return 0;
}

static void
leave_zone(struct saved_tz *saved)
{
	/*
	 * NOTE: setenv() fails only for lack of memory. TZ then keeps the
	 * zone name, which later local-time calls of the program would use.
	 */
	if (saved->value != NULL)
		setenv("TZ", saved->value, 1);
	else
		unsetenv("TZ");
	free(saved->value);
	tzset();
}

static la_time
db_to_time(const struct la_tz *tz, struct la_date d, int hour, int minute,
    int second)
{
	struct saved_tz saved;
	struct tm tm, check;
	time_t t;
	int bad;

	memset(&tm, 0, sizeof(tm));
	tm.tm_year = d.year - 1900;
	tm.tm_mon = d.month - 1;
	tm.tm_mday = d.day;
	tm.tm_hour = hour;
	tm.tm_min = minute;
	tm.tm_sec = second;
	tm.tm_isdst = -1;
	if (enter_zone(tz->name, &saved) != 0)
		return LA_TIME_INVALID;
	t = mktime(&tm);
	/* -1 is also 1969-12-31 23:59:59 UTC, and then mktime normalised tm. */
	bad = t == (time_t)-1 && (localtime_r(&t, &check) == NULL ||
	    check.tm_year != tm.tm_year || check.tm_yday != tm.tm_yday ||
	    check.tm_hour != tm.tm_hour || check.tm_min != tm.tm_min ||
	    check.tm_sec != tm.tm_sec);
	leave_zone(&saved);
	return bad ? LA_TIME_INVALID : (la_time)t;
}

la_time
la_tz_to_time(const struct la_tz *tz, struct la_date d, int hour,
    int minute, int second)
{
	la_day day = la_day_from_date(d);

	if (hour == 24) {
		d = la_date_from_day(++day);
		hour = 0;
	}
	if (!tz->fixed)
		return db_to_time(tz, d, hour, minute, second);
	return day * SECONDS_PER_DAY + hour * 3600LL + minute * 60LL +
	    second - tz->offset;
}

static int
db_from_time(const struct la_tz *tz, la_time t, struct tm *tm)
{
	struct saved_tz saved;
	time_t tt = (time_t)t;
	struct tm *ok;

	if ((la_time)tt != t || enter_zone(tz->name, &saved) != 0)
		return -1;
	ok = localtime_r(&tt, tm);
	leave_zone(&saved);
	return ok == NULL ? -1 : 0;
}

int
la_tz_from_time(const struct la_tz *tz, la_time t, struct la_date *d,
    int *hour, int *minute, int *second)
{
	la_time local, day, rest;
	struct tm tm;

	if (!tz->fixed) {
		if (db_from_time(tz, t, &tm) != 0)
			return -1;
		d->year = tm.tm_year + 1900;
		d->month = tm.tm_mon + 1;
		d->day = tm.tm_mday;
		*hour = tm.tm_hour;
		*minute = tm.tm_min;
		*second = tm.tm_sec;
		return 0;
	}
	local = t + tz->offset;
	day = local >= 0 ? local / SECONDS_PER_DAY :
	    -((-local + SECONDS_PER_DAY - 1) / SECONDS_PER_DAY);
	rest = local - day * SECONDS_PER_DAY;
	*d = la_date_from_day((la_day)day);
	*hour = (int)(rest / 3600);
	*minute = (int)(rest / 60 % 60);
	*second = (int)(rest % 60);
	return 0;
}

la_day
la_tz_day(const struct la_tz *tz, la_time t)
{
	struct la_date d;
	int h, m, s;

	if (la_tz_from_time(tz, t, &d, &h, &m, &s) != 0)
		return LA_DAY_INVALID;
	return la_day_from_date(d);
}

int
la_time_format(const struct la_tz *tz, la_time t, char *buf, size_t size)
{
	struct la_date d;
	int h, m, s;

	if (la_tz_from_time(tz, t, &d, &h, &m, &s) != 0) {
		if (size > 0)
			buf[0] = '\0';
		return -1;
	}
	if (s != 0)
		snprintf(buf, size, "%04d-%02d-%02d %02d:%02d:%02d",
		    d.year, d.month, d.day, h, m, s);
	else
		snprintf(buf, size, "%04d-%02d-%02d %02d:%02d",
		    d.year, d.month, d.day, h, m);
	return 0;
}

/* A date, a time of day and an offset as read, before any zone applies. */
struct stamp {
	struct la_date date;
	int cjk;		/* date written with 年月日 */
	int has_time;
	int hour;
	int minute;
	int second;
	int has_offset;
	long offset;
};

/*
 * Advances *pp past literal if the text starts with it. The literals are a
 * byte or a character long, so a loop beats strlen() and strncmp().
 */
static int
skip(const char **pp, const char *literal)
{
	size_t n = 0;

	while (literal[n] != '\0' && (*pp)[n] == literal[n])
		n++;
	if (literal[n] != '\0')
		return 0;
	*pp += n;
	return 1;
}

/*
 * Reads a run of min to max digits at *pp. Returns the value, or -1 when
 * the run is shorter or longer.
 */
static int
read_digits(const char **pp, int min, int max)
{
	const char *p = *pp;
	int n = 0;

	while (is_digit(p[n]))
		n++;
	if (n < min || n > max)
		return -1;
	return read_fixed(pp, n);
}

static int
not_a_date(char *why, size_t size)
{
	return reject(why, size, "not a date: expected a form such as "
	    "2024-03-05, 2024/3/5, 2024.3.5, 2024年3月5日 or 20240305");
}

/* Reads month and day after "YYYY年" or "YYYY-". */
static int
read_month_day(const char **pp, struct stamp *st, const char *sep)
{
	if ((st->date.month = read_digits(pp, 1, 2)) < 0 || !skip(pp, sep))
		return -1;
	if ((st->date.day = read_digits(pp, 1, 2)) < 0)
		return -1;
	if (st->cjk && !skip(pp, "日") && !skip(pp, "号"))
		return -1;
	return 0;
}

static int
read_date(const char **pp, struct stamp *st, char *why, size_t size)
{
	const char *p = *pp;
	char sep[2] = { 0, 0 };
	int n = 0;

	while (is_digit(p[n]))
		n++;
	if (n == 8) {
		st->date.year = read_fixed(&p, 4);
		st->date.month = read_fixed(&p, 2);
		st->date.day = read_fixed(&p, 2);
	} else if (n != 4 || (st->date.year = read_fixed(&p, 4)) < 0) {
		return not_a_date(why, size);
	} else if (skip(&p, "年")) {
		st->cjk = 1;
		if (read_month_day(&p, st, "月") != 0)
			return not_a_date(why, size);
	} else if (*p == '-' || *p == '/' || *p == '.') {
		sep[0] = *p++;
		if (read_month_day(&p, st, sep) != 0)
			return not_a_date(why, size);
	} else
		return not_a_date(why, size);
	if (st->date.month < 1 || st->date.month > 12)
		return reject(why, size, "month %d does not exist",
		    st->date.month);
	if (!la_date_valid(st->date.year, st->date.month, st->date.day))
		return reject(why, size, "no such day %04d-%02d-%02d",
		    st->date.year, st->date.month, st->date.day);
	*pp = p;
	return 0;
}

/* Reads ":SS" and a zero fraction after HH:MM. */
static int
read_seconds(const char **pp, struct stamp *st, char *why, size_t size)
{
	const char *p = *pp;

	if (!skip(&p, ":"))
		return 0;
	if ((st->second = read_fixed(&p, 2)) < 0)
		return reject(why, size, "seconds need 2 digits");
	if (*p == '.') {
		if (!is_digit(*++p))
			return reject(why, size, "digits needed after '.'");
		for (; is_digit(*p); p++) {
			if (*p != '0')
				return reject(why, size,
				    "fractions of a second are not supported");
		}
	}
	*pp = p;
	return 0;
}

/* Reads 17:00, 17:00:00, 17时, 17时30分 or 17点30分 at *pp. */
static int
read_clock(const char **pp, struct stamp *st, char *why, size_t size)
{
	const char *p = *pp;

	st->has_time = 1;
	if ((st->hour = read_digits(&p, 1, 2)) < 0)
		return reject(why, size, "not a time of day");
	if (skip(&p, ":")) {
		if ((st->minute = read_fixed(&p, 2)) < 0)
			return reject(why, size, "minutes need 2 digits");
		if (read_seconds(&p, st, why, size) != 0)
			return -1;
	} else if (skip(&p, "时") || skip(&p, "点")) {
		if (is_digit(*p) && ((st->minute = read_digits(&p, 1, 2)) < 0 ||
		    !skip(&p, "分")))
			return reject(why, size, "not a time of day");
		if (is_digit(*p) && ((st->second = read_digits(&p, 1, 2)) < 0 ||
		    !skip(&p, "秒")))
			return reject(why, size, "not a time of day");
	} else
		return reject(why, size, "not a time of day");
	if (st->minute > 59 || st->second > 59 || st->hour > 24 ||
	    (st->hour == 24 && (st->minute != 0 || st->second != 0)))
		return reject(why, size, "no such time of day %02d:%02d:%02d",
		    st->hour, st->minute, st->second);
	*pp = p;
	return 0;
}

static int
read_zone_suffix(const char **pp, struct stamp *st, char *why, size_t size)
{
	const char *p = *pp;

	while (*p == ' ')
		p++;
	if (*p == '\0')
		return 0;
	st->has_offset = 1;
	if (*p == 'Z')
		p++;
	else if (read_offset(&p, &st->offset) != 0)
		return reject(why, size, "unexpected text after the time: "
		    "expected an offset such as +08:00 or Z");
	*pp = p;
	return 0;
}

/* Parses a whole folded value: a date, then an optional time and offset. */
static int
read_stamp(const char *s, struct stamp *st, char *why, size_t size)
{
	const char *p = s;

	memset(st, 0, sizeof(*st));
	if (read_date(&p, st, why, size) != 0)
		return -1;
	if (*p == '\0')
		return 0;
	if (*p == 'T')
		p++;
	else if (*p == ' ')
		while (*p == ' ')
			p++;
	else if (!st->cjk || !is_digit(*p))
		return reject(why, size, "unexpected text after the date");
	if (read_clock(&p, st, why, size) != 0 ||
	    read_zone_suffix(&p, st, why, size) != 0)
		return -1;
	if (*p != '\0')
		return reject(why, size, "unexpected text after the time");
	return 0;
}

/* Trims and folds s into buf (STAMP_MAX + 1 bytes). */
static int
fold_stamp(const char *s, char *buf, char *why, size_t size)
{
	const char *p;
	size_t len;

	p = la_trim(s, &len);
	if (len == 0)
		return reject(why, size, "empty");
	if (len > STAMP_MAX)
		return reject(why, size, "too long for a date");
	la_fold_width(p, len, buf);
	return 0;
}

/*
 * Reads 1 or 2 digits at *pp, before end, and advances *pp past them.
 * Returns the value, or -1 when the run of digits there is shorter or
 * longer, as read_digits(pp, 1, 2) does.
 */
static inline int
quick_number(const char **pp, const char *end)
{
	const char *p = *pp;
	int v;

	if (p == end || !is_digit(*p))
		return -1;
	v = *p++ - '0';
	if (p != end && is_digit(*p)) {
		v = v * 10 + (*p++ - '0');
		if (p != end && is_digit(*p))
			return -1;
	}
	*pp = p;
	return v;
}

/* Advances *pp past the character c of 1 or 3 bytes if end allows it. */
static inline int
quick_skip(const char **pp, const char *end, const char *c)
{
	const char *p = *pp;
	size_t n = c[1] == '\0' ? 1 : 3;

	if ((size_t)(end - p) < n || p[0] != c[0] ||
	    (n == 3 && (p[1] != c[1] || p[2] != c[2])))
		return 0;
	*pp = p + n;
	return 1;
}

/* The value of the n ASCII digits at s. */
static inline int
digits_value(const char *s, int n)
{
	int v = 0;

	for (int i = 0; i < n; i++)
		v = v * 10 + (s[i] - '0');
	return v;
}

/*
 * Reads the date forms that read_date() takes, at the start of the bytes
 * from s to end, trimmed but not folded. Returns the end of the date, or
 * NULL when the text is in no such form or the date does not exist, so
 * that read_date() must read it and give the reason. The forms have only
 * ASCII and 年月日号, and no full-width form or U+3000 looks like them, so
 * the text read here is the same once folded.
 */
static const char *
quick_date(const char *s, const char *end, struct la_date *d)
{
	const char *p = s + 4;
	char sep[2] = { 0, 0 };
	int cjk;

	/* Each form has 8 bytes at least and starts with 4 digits. */
	if (end - s < 8 || !is_digit(s[0]) || !is_digit(s[1]) ||
	    !is_digit(s[2]) || !is_digit(s[3]))
		return NULL;
	d->year = digits_value(s, 4);
	if (is_digit(s[4])) {
		if (!is_digit(s[5]) || !is_digit(s[6]) || !is_digit(s[7]) ||
		    (end - s > 8 && is_digit(s[8])))
			return NULL;
		d->month = digits_value(s + 4, 2);
		d->day = digits_value(s + 6, 2);
		return la_date_valid(d->year, d->month, d->day) ? s + 8 : NULL;
	}
	cjk = quick_skip(&p, end, "年");
	if (!cjk) {
		if (p == end || (*p != '-' && *p != '/' && *p != '.'))
			return NULL;
		sep[0] = *p++;
	}
	if ((d->month = quick_number(&p, end)) < 0 ||
	    !quick_skip(&p, end, cjk ? "月" : sep) ||
	    (d->day = quick_number(&p, end)) < 0)
		return NULL;
	if (cjk && !quick_skip(&p, end, "日") && !quick_skip(&p, end, "号"))
		return NULL;
	return la_date_valid(d->year, d->month, d->day) ? p : NULL;
}

/* la_parse_date() for a value that quick_date() does not read. */
static int
parse_date_folded(const char *s, struct la_date *d, char *why, size_t size)
{
	char buf[STAMP_MAX + 1];
	struct stamp st;

	if (fold_stamp(s, buf, why, size) != 0 ||
	    read_stamp(buf, &st, why, size) != 0)
		return -1;
	if (st.has_offset || st.hour != 0 || st.minute != 0 ||
	    st.second != 0)
		return reject(why, size, "a date without a time of day is "
		    "expected");
	*d = st.date;
	return 0;
}

int
la_parse_trimmed_date(const char *s, size_t len, struct la_date *d,
    char *why, size_t size)
{
	struct la_date quick;

	/* Most dates are in a plain form, read here without a copy. */
	if (len <= STAMP_MAX && quick_date(s, s + len, &quick) == s + len) {
		*d = quick;
		return 0;
	}
	return parse_date_folded(s, d, why, size);
}

int
la_parse_date(const char *s, struct la_date *d, char *why, size_t size)
{
	struct la_date quick;
	size_t len;
	const char *p = la_trim(s, &len);

	if (len <= STAMP_MAX && quick_date(p, p + len, &quick) == p + len) {
		*d = quick;
		return 0;
	}
	return parse_date_folded(s, d, why, size);
}

/*
 * Reads an all-digit value as seconds since the epoch. Returns 1 when it
 * did, 0 when s is not all digits or is a date (8 digits), -1 on error.
 */
static int
read_epoch(const char *s, la_time *t, char *why, size_t size)
{
	size_t n = strspn(s, "0123456789");
	la_time v = 0;

	if (n != strlen(s) || n == 8)
		return 0;
	if (n == 13)
		return reject(why, size, "13 digits look like milliseconds "
		    "since the epoch: give seconds");
	if (n < 9 || n > 10)
		return reject(why, size, "not a date, and not seconds since "
		    "the epoch (9 or 10 digits)");
	for (; *s != '\0'; s++)
		v = v * 10 + (*s - '0');
	*t = v;
	return 1;
}

/*
 * Reads the len bytes at s, trimmed but not folded, when they are a date
 * that quick_date() reads, alone or followed by " HH:MM", " HH:MM:SS" or
 * the same after a T, in range. Returns 0 with st filled as read_stamp()
 * fills it, or -1 when read_stamp() must read the value.
 */
static int
quick_stamp(const char *s, size_t len, struct stamp *st)
{
	const char *end = s + len, *p;

	memset(st, 0, sizeof(*st));
	if (len > STAMP_MAX || (p = quick_date(s, end, &st->date)) == NULL)
		return -1;
	if (p == end)
		return 0;
	/* Only a date ending in 日 or 号 may have the hour right after it. */
	if (*p == 'T')
		p++;
	else
		while (p != end && *p == ' ')
			p++;
	st->has_time = 1;
	if ((st->hour = quick_number(&p, end)) < 0 ||
	    !quick_skip(&p, end, ":") || end - p < 2 || !is_digit(p[0]) ||
	    !is_digit(p[1]))
		return -1;
	st->minute = digits_value(p, 2);
	p += 2;
	if (quick_skip(&p, end, ":")) {
		if (end - p != 2 || !is_digit(p[0]) || !is_digit(p[1]))
			return -1;
		st->second = digits_value(p, 2);
		p += 2;
	}
	if (p != end || st->minute > 59 || st->second > 59 || st->hour > 24 ||
	    (st->hour == 24 && (st->minute != 0 || st->second != 0)))
		return -1;
	return 0;
}

/*
 * Reads the len bytes at p, the trimmed s, when quick_stamp() can.
 * Returns 0 with *t and *has_time set, else -1 with both unchanged.
 */
static int
parse_time_quick(const char *p, size_t len, const struct la_tz *tz,
    la_time *t, int *has_time)
{
	struct stamp st;
	la_time v;

	if (quick_stamp(p, len, &st) != 0 || (v = la_tz_to_time(tz, st.date,
	    st.hour, st.minute, st.second)) == LA_TIME_INVALID)
		return -1;
	*t = v;
	*has_time = st.has_time;
	return 0;
}

/* la_parse_time() for a value that parse_time_quick() does not read. */
static int
parse_time_folded(const char *s, const struct la_tz *tz, la_time *t,
    int *has_time, char *why, size_t size)
{
	char buf[STAMP_MAX + 1];
	struct stamp st;
	la_time v;
	int rc;

	if (fold_stamp(s, buf, why, size) != 0)
		return -1;
	if ((rc = read_epoch(buf, t, why, size)) != 0) {
		if (rc > 0)
			*has_time = 1;
		return rc > 0 ? 0 : -1;
	}
	if (read_stamp(buf, &st, why, size) != 0)
		return -1;
	if (st.has_offset)
		v = la_day_from_date(st.date) * SECONDS_PER_DAY +
		    st.hour * 3600LL + st.minute * 60LL + st.second -
		    st.offset;
	else if ((v = la_tz_to_time(tz, st.date, st.hour, st.minute,
	    st.second)) == LA_TIME_INVALID)
		return reject(why, size, "cannot apply time zone %s",
		    tz->name);
	*t = v;
	*has_time = st.has_time;
	return 0;
}

int
la_parse_trimmed_time(const char *s, size_t len, const struct la_tz *tz,
    la_time *t, int *has_time, char *why, size_t size)
{
	/* Most times are in a plain form, read here without a copy. */
	if (parse_time_quick(s, len, tz, t, has_time) == 0)
		return 0;
	return parse_time_folded(s, tz, t, has_time, why, size);
}

int
la_parse_time(const char *s, const struct la_tz *tz, la_time *t,
    int *has_time, char *why, size_t size)
{
	size_t len;
	const char *p = la_trim(s, &len);

	if (parse_time_quick(p, len, tz, t, has_time) == 0)
		return 0;
	return parse_time_folded(s, tz, t, has_time, why, size);
}

static int
day_listed(const la_day *days, size_t n, la_day day)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (days[i] == day)
			return 1;
	}
	return 0;
}

int
la_is_working_day(const struct la_calendar *cal, la_day day)
{
	if (cal != NULL) {
		if (day_listed(cal->holidays, cal->nholidays, day))
			return 0;
		if (day_listed(cal->workdays, cal->nworkdays, day))
			return 1;
	}
	return la_weekday(day) <= 5;
}

int
la_calendar_covers(const struct la_calendar *cal, la_day day)
{
	return cal != NULL && day >= cal->first && day <= cal->last;
}

la_day
la_deadline(const struct la_calendar *cal, la_day start, int n,
    enum la_day_unit unit)
{
	la_day day = start;

	if (n < 0)
		n = 0;
	if (unit == LA_DAYS_WORKING) {
		while (n > 0) {
			if (la_is_working_day(cal, ++day))
				n--;
		}
		return day;
	}
	day = start + n;
	while (!la_is_working_day(cal, day))
		day++;
	return day;
}
