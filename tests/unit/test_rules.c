/* SPDX-License-Identifier: MIT */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "rules.h"

/*
 * Expected values are worked out by hand. Day numbers count from
 * 1970-01-01: 2024-01-01 is 54 * 365 + 13 leap days = 19723, a Monday.
 * Times are seconds since the epoch: 2024-03-15 00:00 at UTC+8 is day
 * 19797 * 86400 - 8 * 3600 = 1710432000, and 2024-03-20 17:00 at UTC+8
 * is 19802 * 86400 + 17 * 3600 - 8 * 3600 = 1710925200.
 */
#define DAY_2024_01_01 19723L
#define DAY_2026_12_31 20818L	/* + 366 + 365 + 364 */
#define DAY_2027_12_31 21183L	/* + 365 */
#define OPEN_2024 1710432000LL
#define CLOSE_2024 1710925200LL

#define assert_same_double(a, b) do {					\
	double x_ = (a), y_ = (b);					\
	if (x_ != y_)							\
		fail_msg("%s is %.17g, expected %.17g", #a, x_, y_);	\
} while (0)

static la_day
day_of(int year, int month, int day)
{
	struct la_date d = { year, month, day };

	return la_day_from_date(d);
}

/* ISO weekday from a day number, without the datetime module: 1970-01-01
 * was a Thursday. */
static int
weekday_of(la_day n)
{
	return (int)(((n % 7) + 7 + 3) % 7) + 1;
}

static int
has_day(const la_day *days, size_t n, la_day day)
{
	for (size_t i = 0; i < n; i++)
		if (days[i] == day)
			return 1;
	return 0;
}

static size_t
count_in_year(const la_day *days, size_t n, int year)
{
	la_day from = day_of(year, 1, 1), to = day_of(year, 12, 31);
	size_t count = 0;

	for (size_t i = 0; i < n; i++)
		if (days[i] >= from && days[i] <= to)
			count++;
	return count;
}

/* Writes text to a new temporary file and stores its name in path. */
static void
write_file(char *path, size_t size, const char *text, size_t len)
{
	const char *dir = getenv("TMPDIR");
	FILE *fp;
	int fd;

	snprintf(path, size, "%s/test_rules.XXXXXX", dir ? dir : "/tmp");
	fd = mkstemp(path);
	assert_true(fd >= 0);
	fp = fdopen(fd, "wb");
	assert_non_null(fp);
	assert_int_equal(fwrite(text, 1, len, fp), len);
	assert_int_equal(fclose(fp), 0);
}

/* Loads text as a rules file into r. */
static int
load_text(struct la_rules *r, const char *text, struct la_error *err)
{
	char path[256];
	int rc;

	write_file(path, sizeof(path), text, strlen(text));
	la_error_clear(err);
	rc = la_rules_load(r, path, err);
	unlink(path);
	return rc;
}

static void
assert_days_equal(const la_day *a, size_t na, const la_day *b, size_t nb)
{
	assert_int_equal(na, nb);
	for (size_t i = 0; i < na; i++)
		assert_int_equal(a[i], b[i]);
}

static void
assert_posts_equal(const struct la_post *a, const struct la_post *b)
{
	assert_string_equal(a->name, b->name);
	assert_int_equal(a->weekdays, b->weekdays);
	assert_int_equal(a->seats, b->seats);
	assert_int_equal(a->requires, b->requires);
	assert_int_equal(a->alternates, b->alternates);
}

static void
assert_calendars_equal(const struct la_calendar *a,
    const struct la_calendar *b)
{
	assert_int_equal(a->first, b->first);
	assert_int_equal(a->last, b->last);
	assert_days_equal(a->holidays, a->nholidays, b->holidays,
	    b->nholidays);
	assert_days_equal(a->workdays, a->nworkdays, b->workdays,
	    b->nworkdays);
}

static void
assert_where_equal(const struct la_rules *a, const struct la_rules *b)
{
	assert_string_equal(a->district, b->district);
	assert_int_equal(a->ndistrict_aliases, b->ndistrict_aliases);
	for (int i = 0; i < a->ndistrict_aliases; i++)
		assert_string_equal(a->district_aliases[i],
		    b->district_aliases[i]);
	assert_string_equal(a->tz.name, b->tz.name);
	assert_int_equal(a->tz.fixed, b->tz.fixed);
	assert_int_equal(a->tz.offset, b->tz.offset);
	assert_int_equal(a->window_open, b->window_open);
	assert_int_equal(a->window_close, b->window_close);
	assert_int_equal(a->documents, b->documents);
}

static void
assert_selection_equal(const struct la_rules *a, const struct la_rules *b)
{
	assert_same_double(a->criminal_min_years, b->criminal_min_years);
	assert_same_double(a->general_min_years, b->general_min_years);
	assert_int_equal(a->worker_may_take_criminal,
	    b->worker_may_take_criminal);
	assert_int_equal(a->penalty_lookback_years, b->penalty_lookback_years);
	assert_int_equal(a->max_upheld_complaints, b->max_upheld_complaints);
	assert_same_double(a->assessment_pass_score,
	    b->assessment_pass_score);
	assert_int_equal(a->max_prior_unqualified, b->max_prior_unqualified);
	assert_int_equal(a->require_system, b->require_system);
	assert_int_equal(a->require_recommendation,
	    b->require_recommendation);
	assert_int_equal(a->quota[LA_CAT_LAWYER], b->quota[LA_CAT_LAWYER]);
	assert_int_equal(a->quota[LA_CAT_LEGAL_WORKER],
	    b->quota[LA_CAT_LEGAL_WORKER]);
	assert_int_equal(a->unit_cap, b->unit_cap);
	assert_int_equal(a->min_criminal_lawyers, b->min_criminal_lawyers);
	assert_int_equal(a->waitlist, b->waitlist);
	for (int i = 0; i < LA_SCORE_NFACTORS; i++) {
		assert_same_double(a->weights[i].points, b->weights[i].points);
		assert_same_double(a->weights[i].cap, b->weights[i].cap);
	}
}

static void
assert_duties_equal(const struct la_rules *a, const struct la_rules *b)
{
	assert_int_equal(a->term_months, b->term_months);
	assert_int_equal(a->term_start.year, b->term_start.year);
	assert_int_equal(a->term_start.month, b->term_start.month);
	assert_int_equal(a->term_start.day, b->term_start.day);
	assert_int_equal(a->allow_return_after_removal,
	    b->allow_return_after_removal);
	assert_calendars_equal(&a->calendar, &b->calendar);
	assert_int_equal(a->nposts, b->nposts);
	for (int i = 0; i < a->nposts; i++)
		assert_posts_equal(&a->posts[i], &b->posts[i]);
	assert_int_equal(a->max_open_cases, b->max_open_cases);
	assert_same_double(a->serious_case_min_years,
	    b->serious_case_min_years);
	assert_int_equal(a->day_unit, b->day_unit);
	assert_int_equal(a->review_days, b->review_days);
	assert_int_equal(a->assign_days, b->assign_days);
	assert_int_equal(a->notice_assign_days, b->notice_assign_days);
	assert_int_equal(a->accept_days, b->accept_days);
	assert_int_equal(a->entrustment_days, b->entrustment_days);
	assert_int_equal(a->filing_days, b->filing_days);
	assert_int_equal(a->duty_review_days, b->duty_review_days);
}

static void
assert_sanctions_equal(const struct la_rules *a, const struct la_rules *b)
{
	assert_int_equal(a->sanction_window_months, b->sanction_window_months);
	assert_int_equal(a->nladder, b->nladder);
	for (int i = 0; i < a->nladder; i++)
		assert_int_equal(a->ladder[i], b->ladder[i]);
	assert_int_equal(a->suspend_months, b->suspend_months);
	assert_int_equal(a->authority_rating_action,
	    b->authority_rating_action);
	assert_same_double(a->grade_excellent_min, b->grade_excellent_min);
	assert_same_double(a->grade_pass_min, b->grade_pass_min);
	for (int i = 0; i < LA_CASE_NTYPES; i++)
		assert_same_double(a->subsidy_case[i], b->subsidy_case[i]);
	assert_same_double(a->subsidy_duty_day, b->subsidy_duty_day);
}

/* Compares every field of struct la_rules; extend it with the struct. */
static void
assert_rules_equal(const struct la_rules *a, const struct la_rules *b)
{
	assert_where_equal(a, b);
	assert_selection_equal(a, b);
	assert_duties_equal(a, b);
	assert_sanctions_equal(a, b);
}

static void
defaults(struct la_rules *r)
{
	struct la_error err;

	la_error_clear(&err);
	assert_int_equal(la_rules_default(r, &err), 0);
}

static void
test_defaults_match_notice(void **state)
{
	struct la_rules r;
	double points = 0;

	(void)state;
	defaults(&r);
	assert_string_equal(r.district, "綦江区");
	assert_int_equal(r.ndistrict_aliases, 2);
	assert_string_equal(r.district_aliases[0], "綦江");
	assert_string_equal(r.district_aliases[1], "綦江县");
	assert_string_equal(r.tz.name, "Asia/Shanghai");
	assert_int_equal(r.tz.offset, 8 * 3600);
	assert_int_equal(r.quota[LA_CAT_LAWYER], 40);
	assert_int_equal(r.quota[LA_CAT_LEGAL_WORKER], 20);
	assert_int_equal(r.quota[LA_CAT_LAWYER] +
	    r.quota[LA_CAT_LEGAL_WORKER], 60);
	assert_int_equal(r.window_open, OPEN_2024);
	assert_int_equal(r.window_close, CLOSE_2024);
	assert_int_equal(r.documents, LA_DOC_APPLICATION_FORM |
	    LA_DOC_LICENSE_COPY | LA_DOC_ID_COPY);
	assert_same_double(r.criminal_min_years, 2);
	assert_same_double(r.general_min_years, 1);
	assert_int_equal(r.penalty_lookback_years, 3);
	assert_int_equal(r.max_upheld_complaints, 0);
	assert_int_equal(r.worker_may_take_criminal, 0);
	assert_same_double(r.serious_case_min_years, 3);
	for (int i = 0; i < LA_SCORE_NFACTORS; i++)
		points += r.weights[i].points;
	assert_same_double(points, 100);
	assert_int_equal(r.term_start.year, 2024);
	assert_int_equal(r.term_start.month, 4);
	assert_int_equal(r.term_start.day, 1);
	la_rules_free(&r);
}

static void
test_defaults_deadlines_and_posts(void **state)
{
	struct la_rules r;

	(void)state;
	defaults(&r);
	assert_int_equal(r.day_unit, LA_DAYS_CALENDAR);
	assert_int_equal(r.review_days, 7);
	assert_int_equal(r.assign_days, 3);
	assert_int_equal(r.notice_assign_days, 3);
	assert_int_equal(r.entrustment_days, 5);
	assert_int_equal(r.filing_days, 30);
	assert_int_equal(r.nposts, 2);
	assert_string_equal(r.posts[0].name, "政务服务窗口");
	assert_int_equal(r.posts[0].requires, 0);
	assert_string_equal(r.posts[1].name, "看守所");
	assert_int_equal(r.posts[1].requires, LA_SVC_CRIMINAL);
	/* Monday to Friday: bits 1 to 5 = 2 + 4 + 8 + 16 + 32. */
	assert_int_equal(r.posts[1].weekdays, 62);
	assert_int_equal(r.nladder, 3);
	assert_int_equal(r.ladder[0], LA_ACTION_WARNING);
	assert_int_equal(r.ladder[2], LA_ACTION_REMOVE);
	assert_same_double(r.grade_excellent_min, 80);
	assert_same_double(r.grade_pass_min, 60);
	assert_same_double(r.subsidy_duty_day, 100);
	la_rules_free(&r);
}

static void
test_default_calendar_counts(void **state)
{
	struct la_rules r;
	const struct la_calendar *cal = &r.calendar;

	(void)state;
	defaults(&r);
	assert_int_equal(day_of(2024, 1, 1), DAY_2024_01_01);
	assert_int_equal(day_of(2026, 12, 31), DAY_2026_12_31);
	assert_int_equal(cal->first, DAY_2024_01_01);
	assert_int_equal(cal->last, DAY_2026_12_31);
	/* 2024: 1 + 8 + 3 + 5 + 1 + 3 + 7; 2025: 1 + 8 + 3 + 5 + 3 + 8;
	 * 2026: 3 + 9 + 3 + 5 + 3 + 3 + 7. */
	assert_int_equal(count_in_year(cal->holidays, cal->nholidays, 2024),
	    28);
	assert_int_equal(count_in_year(cal->holidays, cal->nholidays, 2025),
	    28);
	assert_int_equal(count_in_year(cal->holidays, cal->nholidays, 2026),
	    33);
	assert_int_equal(cal->nholidays, 89);
	assert_int_equal(count_in_year(cal->workdays, cal->nworkdays, 2024),
	    8);
	assert_int_equal(count_in_year(cal->workdays, cal->nworkdays, 2025),
	    5);
	assert_int_equal(count_in_year(cal->workdays, cal->nworkdays, 2026),
	    6);
	assert_true(has_day(cal->holidays, cal->nholidays,
	    day_of(2024, 2, 17)));
	assert_false(has_day(cal->holidays, cal->nholidays,
	    day_of(2024, 2, 18)));
	assert_true(has_day(cal->holidays, cal->nholidays,
	    day_of(2025, 10, 8)));
	assert_true(has_day(cal->holidays, cal->nholidays,
	    day_of(2026, 2, 23)));
	la_rules_free(&r);
}

static void
test_default_workdays_on_weekends(void **state)
{
	struct la_rules r;
	const struct la_calendar *cal = &r.calendar;

	(void)state;
	defaults(&r);
	assert_int_equal(weekday_of(DAY_2024_01_01), 1);
	for (size_t i = 0; i < cal->nworkdays; i++) {
		int wd = weekday_of(cal->workdays[i]);
		struct la_date d = la_date_from_day(cal->workdays[i]);

		if (wd != 6 && wd != 7)
			fail_msg("worked day %04d-%02d-%02d is ISO weekday %d",
			    d.year, d.month, d.day, wd);
		assert_false(has_day(cal->holidays, cal->nholidays,
		    cal->workdays[i]));
	}
	for (size_t i = 1; i < cal->nholidays; i++)
		assert_true(cal->holidays[i - 1] < cal->holidays[i]);
	la_rules_free(&r);
}

static void
test_partial_file_changes_its_keys(void **state)
{
	struct la_rules r, want;
	struct la_error err;

	(void)state;
	defaults(&r);
	defaults(&want);
	assert_int_equal(load_text(&r,
	    "{\"selection\": {\"quotas\": {\"lawyer\": 30}},\n"
	    " \"deadlines\": {\"day_unit\": \"working\"}}\n", &err), 0);
	want.quota[LA_CAT_LAWYER] = 30;
	want.day_unit = LA_DAYS_WORKING;
	assert_rules_equal(&r, &want);
	la_rules_free(&r);
	la_rules_free(&want);
}

static void
test_empty_object_changes_nothing(void **state)
{
	struct la_rules r, want;
	struct la_error err;

	(void)state;
	defaults(&r);
	defaults(&want);
	assert_int_equal(load_text(&r, "{}", &err), 0);
	assert_rules_equal(&r, &want);
	la_rules_free(&r);
	la_rules_free(&want);
}

struct bad_case {
	const char *json;
	const char *key;	/* expected err.field */
	const char *value;	/* expected in err.text */
};

static const struct bad_case bad_cases[] = {
	{ "{\"distrct\": {}}", "distrct", "distrct" },
	{ "{\"selection\": {\"quota\": {}}}", "selection.quota",
	    "selection.quota" },
	{ "{\"selection\": {\"quotas\": {\"lawyer\": -1}}}",
	    "selection.quotas.lawyer", "-1" },
	{ "{\"selection\": {\"quotas\": {\"legal_worker\": \"20\"}}}",
	    "selection.quotas.legal_worker", "\"20\"" },
	{ "{\"selection\": {\"quotas\": {\"lawyer\": 40.5}}}",
	    "selection.quotas.lawyer", "40.5" },
	{ "{\"selection\": {\"quotas\": []}}", "selection.quotas", "[]" },
	/* 25 + 25 + 30 + 12 + 13 = 105. */
	{ "{\"selection\": {\"weights\": "
	    "{\"aid_activity\": {\"points\": 13}}}}", "selection.weights",
	    "105" },
	{ "{\"selection\": {\"weights\": {\"case_count\": {\"cap\": 0}}}}",
	    "selection.weights.case_count.cap", "0" },
	{ "{\"selection\": {\"min_criminal_lawyers\": 41}}",
	    "selection.min_criminal_lawyers", "41" },
	{ "{\"duty\": {\"posts\": [{\"name\": \"看守所\", \"seats\": 0}]}}",
	    "duty.posts[0].seats", "0" },
	{ "{\"duty\": {\"posts\": [{\"name\": \"看守所\", \"seat\": 2}]}}",
	    "duty.posts[0].seat", "duty.posts[0].seat" },
	{ "{\"duty\": {\"posts\": [{\"name\": \"法院\", "
	    "\"weekdays\": [1, 8]}]}}", "duty.posts[0].weekdays[1]", "8" },
	{ "{\"duty\": {\"posts\": [{\"name\": \"法院\", "
	    "\"weekdays\": [0]}]}}", "duty.posts[0].weekdays[0]", "0" },
	{ "{\"duty\": {\"posts\": [{\"name\": \"法院\", "
	    "\"weekdays\": []}]}}", "duty.posts[0].weekdays", "[]" },
	{ "{\"duty\": {\"posts\": [{\"name\": \"法院\", "
	    "\"requires\": [\"criminal\", \"刑事\"]}]}}",
	    "duty.posts[0].requires[1]", "\"刑事\"" },
	{ "{\"duty\": {\"posts\": [{\"seats\": 1}]}}", "duty.posts[0].name",
	    "missing key duty.posts[0].name" },
	{ "{\"duty\": {\"posts\": [{\"name\": \"看守所\"}, "
	    "{\"name\": \"看守所\"}]}}", "duty.posts[1].name", "\"看守所\"" },
	{ "{\"duty\": {\"posts\": [{\"name\": \"\"}]}}",
	    "duty.posts[0].name", "\"\"" },
	{ "{\"duty\": {\"posts\": {}}}", "duty.posts", "{}" },
	{ "{\"application\": {\"window_close\": \"2024-03-10 17:00\"}}",
	    "application.window_close", "2024-03-10 17:00" },
	{ "{\"application\": {\"window_open\": \"2024-03-15\"}}",
	    "application.window_open", "\"2024-03-15\"" },
	{ "{\"application\": {\"window_open\": \"next monday\"}}",
	    "application.window_open", "\"next monday\"" },
	{ "{\"application\": {\"documents\": [\"photo\"]}}",
	    "application.documents[0]", "\"photo\"" },
	{ "{\"timezone\": \"Mars/Olympus\"}", "timezone",
	    "\"Mars/Olympus\"" },
	{ "{\"timezone\": 8}", "timezone", "8" },
	{ "{\"eligibility\": {\"require_system\": 1}}",
	    "eligibility.require_system", "1" },
	{ "{\"eligibility\": {\"assessment_pass_score\": 101}}",
	    "eligibility.assessment_pass_score", "101" },
	{ "{\"eligibility\": {\"criminal_min_years\": -0.5}}",
	    "eligibility.criminal_min_years", "-0.5" },
	{ "{\"roster\": {\"term_months\": 0}}", "roster.term_months", "0" },
	{ "{\"roster\": {\"term_start\": \"2024-02-30\"}}",
	    "roster.term_start", "\"2024-02-30\"" },
	{ "{\"district\": {\"name\": \"\"}}", "district.name", "\"\"" },
	{ "{\"district\": {\"aliases\": [\"a\", \"b\", \"c\", \"d\", \"e\", "
	    "\"f\", \"g\", \"h\", \"i\"]}}", "district.aliases", "\"i\"" },
	{ "{\"district\": {\"aliases\": [\"綦江\", 7]}}",
	    "district.aliases[1]", "7" },
	{ "{\"deadlines\": {\"day_unit\": \"weeks\"}}", "deadlines.day_unit",
	    "\"weeks\"" },
	{ "{\"deadlines\": {\"review_days\": 0}}", "deadlines.review_days",
	    "0" },
	{ "{\"sanctions\": {\"ladder\": [\"warning\", \"warn\"]}}",
	    "sanctions.ladder[1]", "\"warn\"" },
	{ "{\"sanctions\": {\"ladder\": []}}", "sanctions.ladder", "[]" },
	{ "{\"sanctions\": {\"authority_rating\": \"expel\"}}",
	    "sanctions.authority_rating", "\"expel\"" },
	{ "{\"grades\": {\"pass_min\": 90}}", "grades.pass_min", "90" },
	{ "{\"subsidy\": {\"case\": {\"criminal\": -100}}}",
	    "subsidy.case.criminal", "-100" },
	{ "{\"subsidy\": {\"case\": {\"traffic\": 100}}}",
	    "subsidy.case.traffic", "subsidy.case.traffic" },
	{ "{\"calendar\": {\"holidays\": [\"2024-06-10\", "
	    "\"2026-12-31..2027-01-01\"]}}", "calendar.holidays[1]",
	    "\"2026-12-31..2027-01-01\"" },
	/* The span check uses the file's "last", whatever the key order. */
	{ "{\"calendar\": {\"workdays\": [\"2027-01-09\"], "
	    "\"last\": \"2027-01-08\"}}", "calendar.workdays[0]",
	    "\"2027-01-09\"" },
	{ "{\"calendar\": {\"holidays\": [\"2024-02-17..2024-02-10\"]}}",
	    "calendar.holidays[0]", "\"2024-02-17..2024-02-10\"" },
	{ "{\"calendar\": {\"holidays\": [\"2024-13-01\"]}}",
	    "calendar.holidays[0]", "\"2024-13-01\"" },
	/* 2024-03-01 was a Friday, so 2024-03-04 was a Monday. */
	{ "{\"calendar\": {\"workdays\": [\"2024-03-04\"]}}",
	    "calendar.workdays", "2024-03-04" },
	/* 2024-02-04 is a built-in worked Sunday. */
	{ "{\"calendar\": {\"holidays\": [\"2024-02-04\"]}}",
	    "calendar.workdays", "2024-02-04" },
	{ "{\"calendar\": {\"last\": \"2023-12-31\"}}", "calendar.last",
	    "2023-12-31" },
	{ "{\"calendar\": {\"last\": \"2023-12-31\", "
	    "\"holidays\": [\"2024-01-01\"]}}", "calendar.last",
	    "2023-12-31" },
	{ "{\"calendar\": {\"replace\": \"yes\"}}", "calendar.replace",
	    "\"yes\"" },
	{ "[]", "", "JSON object" },
	/* A valid key first, then a bad one: nothing may change. */
	{ "{\"selection\": {\"quotas\": {\"lawyer\": 30}},\n"
	    " \"grades\": {\"excellent_min\": 101}}", "grades.excellent_min",
	    "101" },
};

static void
test_bad_values_name_key_and_value(void **state)
{
	struct la_rules r, want;
	struct la_error err;

	(void)state;
	defaults(&want);
	for (size_t i = 0; i < sizeof(bad_cases) / sizeof(bad_cases[0]);
	    i++) {
		const struct bad_case *c = &bad_cases[i];

		defaults(&r);
		if (load_text(&r, c->json, &err) != -1)
			fail_msg("accepted %s", c->json);
		assert_int_equal(err.code, LA_ERR_RULES);
		assert_string_equal(err.field, c->key);
		if (c->key[0] != '\0' && strstr(err.text, c->key) == NULL)
			fail_msg("\"%s\" does not name %s", err.text, c->key);
		if (strstr(err.text, c->value) == NULL)
			fail_msg("\"%s\" does not show %s", err.text,
			    c->value);
		assert_non_null(strstr(err.file, "test_rules."));
		assert_rules_equal(&r, &want);
		la_rules_free(&r);
	}
	la_rules_free(&want);
}

static void
test_too_many_posts_rejected(void **state)
{
	size_t size = 64 + 20 * (LA_RULES_MAX_POSTS + 1);
	char *json = malloc(size);
	struct la_rules r;
	struct la_error err;
	size_t n;

	(void)state;
	assert_non_null(json);
	n = (size_t)snprintf(json, size, "{\"duty\": {\"posts\": [");
	for (int i = 0; i <= LA_RULES_MAX_POSTS; i++)
		n += (size_t)snprintf(json + n, size - n,
		    "%s{\"name\": \"p%d\"}", i > 0 ? ", " : "", i);
	snprintf(json + n, size - n, "]}}");
	defaults(&r);
	assert_int_equal(load_text(&r, json, &err), -1);
	assert_string_equal(err.field, "duty.posts");
	assert_non_null(strstr(err.text, "129 posts"));
	assert_int_equal(r.nposts, 2);
	la_rules_free(&r);
	free(json);
}

static void
test_bom_and_crlf_accepted(void **state)
{
	static const char text[] = "\xEF\xBB\xBF{\r\n"
	    "  \"selection\": {\"waitlist\": 5}\r\n}\r\n";
	struct la_rules r;
	struct la_error err;

	(void)state;
	defaults(&r);
	assert_int_equal(load_text(&r, text, &err), 0);
	assert_int_equal(r.waitlist, 5);
	la_rules_free(&r);
}

static void
test_notepad_json_reaches_keys(void **state)
{
	struct la_rules r;
	struct la_error err;

	(void)state;
	defaults(&r);
	la_error_clear(&err);
	assert_int_equal(la_rules_load(&r,
	    "tests/data/inputs/38-json-utf8-bom.json", &err), -1);
	/* The BOM is skipped, so the error is about the first key. */
	assert_int_equal(err.code, LA_ERR_RULES);
	assert_string_equal(err.field, "每班人数");
	la_rules_free(&r);
}

static void
test_utf16_file_rejected(void **state)
{
	struct la_rules r;
	struct la_error err;

	(void)state;
	defaults(&r);
	la_error_clear(&err);
	assert_int_equal(la_rules_load(&r,
	    "tests/data/inputs/39-json-utf16le-bom.json", &err), -1);
	assert_int_equal(err.code, LA_ERR_ENCODING);
	assert_non_null(strstr(err.text, "UTF-16"));
	la_rules_free(&r);
}

static void
test_duplicate_key_rejected(void **state)
{
	struct la_rules r;
	struct la_error err;

	(void)state;
	defaults(&r);
	assert_int_equal(load_text(&r,
	    "{\"selection\": {\"quotas\": {\n"
	    "  \"lawyer\": 30,\n"
	    "  \"lawyer\": 35\n"
	    "}}}\n", &err), -1);
	assert_int_equal(err.code, LA_ERR_SYNTAX);
	/* jansson points at the last character of the second key. */
	assert_int_equal(err.line, 3);
	assert_int_equal(err.column, 10);
	assert_string_equal(err.text, "duplicate key \"lawyer\"");
	assert_int_equal(r.quota[LA_CAT_LAWYER], 40);
	la_rules_free(&r);
}

static void
test_duplicate_key_case_position(void **state)
{
	struct la_rules r;
	struct la_error err;

	(void)state;
	defaults(&r);
	la_error_clear(&err);
	assert_int_equal(la_rules_load(&r,
	    "tests/data/inputs/33-duplicate-keys.json", &err), -1);
	assert_int_equal(err.code, LA_ERR_SYNTAX);
	assert_int_equal(err.line, 6);
	assert_int_equal(err.column, 8);
	assert_string_equal(err.text, "duplicate key \"执业年限\"");
	la_rules_free(&r);
}

static void
test_trailing_comma_position(void **state)
{
	struct la_rules r;
	struct la_error err;

	(void)state;
	defaults(&r);
	la_error_clear(&err);
	assert_int_equal(la_rules_load(&r,
	    "tests/data/inputs/36-trailing-comma.json", &err), -1);
	assert_int_equal(err.code, LA_ERR_SYNTAX);
	assert_string_equal(err.file,
	    "tests/data/inputs/36-trailing-comma.json");
	assert_int_equal(err.line, 2);
	assert_int_equal(err.column, 33);
	assert_string_equal(err.text, "trailing comma before ']'");
	la_rules_free(&r);
}

static void
test_missing_file_names_it(void **state)
{
	struct la_rules r;
	struct la_error err;

	(void)state;
	defaults(&r);
	la_error_clear(&err);
	assert_int_equal(la_rules_load(&r, "no/such/rules.json", &err), -1);
	assert_int_equal(err.code, LA_ERR_IO);
	assert_string_equal(err.file, "no/such/rules.json");
	la_rules_free(&r);
}

static void
test_timezone_applied_before_times(void **state)
{
	struct la_rules r;
	struct la_error err;

	(void)state;
	defaults(&r);
	/* The window comes first in the text; the zone still applies. */
	assert_int_equal(load_text(&r,
	    "{\"application\": {\"window_close\": \"2024-03-20 17:00\"},\n"
	    " \"timezone\": \"UTC\"}", &err), 0);
	assert_string_equal(r.tz.name, "UTC");
	/* 17:00 UTC is 8 hours after 17:00 at UTC+8. */
	assert_int_equal(r.window_close, CLOSE_2024 + 8 * 3600);
	/* A time the file does not set keeps its instant. */
	assert_int_equal(r.window_open, OPEN_2024);
	assert_int_equal(load_text(&r,
	    "{\"timezone\": \"+09:00\", "
	    "\"application\": {\"window_close\": \"2024-03-20 17:00\"}}",
	    &err), 0);
	assert_int_equal(r.window_close, CLOSE_2024 - 3600);
	la_rules_free(&r);
}

static void
test_calendar_extends_to_2027(void **state)
{
	struct la_rules r;
	struct la_error err;
	const struct la_calendar *cal = &r.calendar;

	(void)state;
	defaults(&r);
	/* Made-up 2027 days. 2027-01-01 is a Friday, so 2027-01-09 is a
	 * Saturday. */
	assert_int_equal(load_text(&r,
	    "{\"calendar\": {\"last\": \"2027-12-31\",\n"
	    "  \"holidays\": [\"2027-01-01\", \"2027-02-06..2027-02-12\"],\n"
	    "  \"workdays\": [\"2027-01-09\"]}}", &err), 0);
	assert_int_equal(day_of(2027, 12, 31), DAY_2027_12_31);
	assert_int_equal(cal->first, DAY_2024_01_01);
	assert_int_equal(cal->last, DAY_2027_12_31);
	assert_int_equal(cal->nholidays, 89 + 1 + 7);
	assert_int_equal(cal->nworkdays, 19 + 1);
	assert_true(has_day(cal->holidays, cal->nholidays,
	    day_of(2024, 2, 10)));
	assert_true(has_day(cal->holidays, cal->nholidays,
	    day_of(2027, 2, 12)));
	assert_true(has_day(cal->workdays, cal->nworkdays,
	    day_of(2027, 1, 9)));
	for (size_t i = 1; i < cal->nholidays; i++)
		assert_true(cal->holidays[i - 1] < cal->holidays[i]);
	la_rules_free(&r);
}

static void
test_calendar_replace_and_narrow(void **state)
{
	struct la_rules r;
	struct la_error err;
	const struct la_calendar *cal = &r.calendar;

	(void)state;
	defaults(&r);
	/* Dropping 2024: 28 + 33 holidays and 5 + 6 worked days remain. */
	assert_int_equal(load_text(&r,
	    "{\"calendar\": {\"first\": \"2025-01-01\"}}", &err), 0);
	assert_int_equal(cal->nholidays, 61);
	assert_int_equal(cal->nworkdays, 11);
	/* With replace, the lists become what the file lists: one day. */
	assert_int_equal(load_text(&r,
	    "{\"calendar\": {\"replace\": true, "
	    "\"holidays\": [\"2025-01-01\", \"2025-01-01\"]}}", &err), 0);
	assert_int_equal(cal->nholidays, 1);
	assert_int_equal(cal->holidays[0], day_of(2025, 1, 1));
	assert_int_equal(cal->nworkdays, 0);
	la_rules_free(&r);
}

static void
test_posts_replace_list(void **state)
{
	struct la_rules r;
	struct la_error err;

	(void)state;
	defaults(&r);
	assert_int_equal(load_text(&r,
	    "{\"duty\": {\"posts\": [{\"name\": \"法院\", "
	    "\"weekdays\": [4, 2, 2], \"seats\": 2, "
	    "\"requires\": [\"civil\", \"criminal\"]}]}}", &err), 0);
	assert_int_equal(r.nposts, 1);
	assert_string_equal(r.posts[0].name, "法院");
	/* Tuesday and Thursday: 4 + 16. */
	assert_int_equal(r.posts[0].weekdays, 20);
	assert_int_equal(r.posts[0].seats, 2);
	assert_int_equal(r.posts[0].requires,
	    LA_SVC_CRIMINAL | LA_SVC_CIVIL);
	assert_int_equal(r.posts[0].alternates, 0);
	assert_int_equal(load_text(&r, "{\"duty\": {\"posts\": []}}", &err),
	    0);
	assert_int_equal(r.nposts, 0);
	la_rules_free(&r);
}

/* Prints r to a file, loads the file over base and compares with r. */
static void
assert_round_trip(const struct la_rules *r, struct la_rules *base)
{
	char path[256];
	struct la_error err;
	FILE *fp;

	write_file(path, sizeof(path), "", 0);
	fp = fopen(path, "w");
	assert_non_null(fp);
	la_error_clear(&err);
	assert_int_equal(la_rules_print(r, fp, &err), 0);
	assert_int_equal(fclose(fp), 0);
	if (la_rules_load(base, path, &err) != 0)
		fail_msg("%s:%ld:%ld: %s", path, err.line, err.column,
		    err.text);
	unlink(path);
	assert_rules_equal(base, r);
}

static void
test_round_trip_defaults(void **state)
{
	struct la_rules r, base;
	struct la_error err;

	(void)state;
	defaults(&r);
	defaults(&base);
	assert_round_trip(&r, &base);
	la_rules_free(&base);
	/* Over different rules, the printed file restores every value. */
	defaults(&base);
	assert_int_equal(load_text(&base,
	    "{\"timezone\": \"UTC\", \"selection\": {\"quotas\": "
	    "{\"lawyer\": 1}}, \"calendar\": {\"replace\": true}, "
	    "\"duty\": {\"posts\": []}}", &err), 0);
	assert_round_trip(&r, &base);
	la_rules_free(&base);
	la_rules_free(&r);
}

static const char changed_rules[] =
    "{\"district\": {\"name\": \"示例区\", \"aliases\": []},\n"
    " \"timezone\": \"+05:30\",\n"
    " \"application\": {\"window_open\": \"2025-03-01 08:30\",\n"
    "   \"window_close\": \"2025-03-07 17:00:30\", \"documents\": []},\n"
    " \"eligibility\": {\"criminal_min_years\": 2.5,\n"
    "   \"worker_may_take_criminal\": true},\n"
    " \"selection\": {\"weights\": {\n"
    "   \"practice_years\": {\"points\": 0.1, \"cap\": 12.5},\n"
    "   \"case_count\": {\"points\": 0.2},\n"
    "   \"assessment_score\": {\"points\": 54.7},\n"
    "   \"prior_aid_cases\": {\"points\": 37}}},\n"
    " \"roster\": {\"term_start\": \"2025-04-01\", \"term_months\": 24},\n"
    " \"calendar\": {\"last\": \"2027-12-31\",\n"
    "   \"holidays\": [\"2027-01-01\"]},\n"
    " \"duty\": {\"posts\": [{\"name\": \"法院 \\\"东区\\\"\",\n"
    "   \"weekdays\": [6, 7], \"seats\": 3, \"alternates\": true}]},\n"
    " \"deadlines\": {\"day_unit\": \"working\"},\n"
    " \"sanctions\": {\"ladder\": [\"none\", \"suspend\"],\n"
    "   \"authority_rating\": \"suspend\"},\n"
    " \"subsidy\": {\"case\": {\"civil\": 1234.56}, \"duty_day\": 0}}\n";

static void
test_round_trip_changed_rules(void **state)
{
	struct la_rules r, base;
	struct la_error err;

	(void)state;
	defaults(&r);
	/* Points: 0.1 + 0.2 + 54.7 + 37 + 8 is 100 within 1e-9 in doubles. */
	assert_int_equal(load_text(&r, changed_rules, &err), 0);
	assert_int_equal(r.tz.offset, 5 * 3600 + 30 * 60);
	assert_int_equal(r.ndistrict_aliases, 0);
	assert_int_equal(r.documents, 0);
	assert_int_equal(r.nladder, 2);
	assert_int_equal(r.ladder[0], LA_ACTION_NONE);
	defaults(&base);
	assert_round_trip(&r, &base);
	la_rules_free(&base);
	la_rules_free(&r);
}

static void
test_print_layout(void **state)
{
	struct la_rules r;
	struct la_error err;
	char *text = NULL;
	size_t size = 0;
	FILE *fp;

	(void)state;
	defaults(&r);
	fp = open_memstream(&text, &size);
	assert_non_null(fp);
	assert_int_equal(la_rules_print(&r, fp, &err), 0);
	assert_int_equal(fclose(fp), 0);
	assert_non_null(strstr(text, "\"window_close\": \"2024-03-20 17:00\""));
	assert_non_null(strstr(text, "\"2024-02-10..2024-02-17\""));
	assert_non_null(strstr(text, "\"weekdays\": [1, 2, 3, 4, 5]"));
	assert_non_null(strstr(text, "\"replace\": true"));
	assert_non_null(strstr(text, "\"name\": \"綦江区\""));
	assert_non_null(strstr(text, "\"lawyer\": 40"));
	for (char *line = text; *line != '\0';) {
		char *end = strchr(line, '\n');

		assert_non_null(end);
		assert_true(end - line <= 78);
		line = end + 1;
	}
	free(text);
	la_rules_free(&r);
}

/* Reads a whole text file into a new NUL-terminated string. */
static char *
read_text(const char *path)
{
	FILE *fp = fopen(path, "r");
	char *text;
	long size;

	assert_non_null(fp);
	assert_int_equal(fseek(fp, 0, SEEK_END), 0);
	size = ftell(fp);
	assert_true(size > 0);
	rewind(fp);
	text = calloc((size_t)size + 1, 1);
	assert_non_null(text);
	assert_int_equal(fread(text, 1, (size_t)size, fp), (size_t)size);
	fclose(fp);
	return text;
}

/*
 * Loads every JSON block of the EXAMPLES section of la-rules(5) over the
 * defaults, so that the page cannot show a file that the loader rejects.
 */
static void
test_man_page_examples_load(void **state)
{
	char *page = read_text("man/la-rules.5");
	char *p = strstr(page, "\n.Sh EXAMPLES\n");
	char *end = p != NULL ? strstr(p, "\n.Sh DIAGNOSTICS\n") : NULL;
	int nblocks = 0;

	(void)state;
	assert_non_null(p);
	assert_non_null(end);
	*end = '\0';
	while ((p = strstr(p, "\n.Bd -literal -offset indent\n{")) != NULL) {
		char *json = strchr(p + 1, '\n') + 1;
		char *close = strstr(json, "\n.Ed\n");
		struct la_rules r;
		struct la_error err;

		assert_non_null(close);
		close[1] = '\0';
		defaults(&r);
		if (load_text(&r, json, &err) != 0)
			fail_msg("example %d: %s: %s", nblocks + 1, err.field,
			    err.text);
		la_rules_free(&r);
		nblocks++;
		p = close + 2;
	}
	assert_int_equal(nblocks, 4);
	free(page);
}

static void
test_in_district(void **state)
{
	struct la_rules r;

	(void)state;
	defaults(&r);
	assert_true(la_rules_in_district(&r, "綦江区"));
	assert_true(la_rules_in_district(&r, " 重庆市綦江区 "));
	assert_true(la_rules_in_district(&r, "\xE3\x80\x80綦江\xC2\xA0"));
	assert_true(la_rules_in_district(&r, "綦江县"));
	assert_false(la_rules_in_district(&r, "江津区"));
	assert_false(la_rules_in_district(&r, "綦江区人民法院"));
	assert_false(la_rules_in_district(&r, ""));
	assert_false(la_rules_in_district(&r, NULL));
	la_rules_free(&r);
}

static void
test_names_round_trip(void **state)
{
	(void)state;
	assert_string_equal(la_action_name(LA_ACTION_SUSPEND), "suspend");
	assert_int_equal(la_action_parse("remove"), LA_ACTION_REMOVE);
	assert_int_equal(la_action_parse("none"), LA_ACTION_NONE);
	assert_int_equal(la_action_parse("Remove"), -1);
	assert_int_equal(la_action_parse(NULL), -1);
	assert_null(la_action_name((enum la_action)9));
	for (int t = 0; t < LA_CASE_NTYPES; t++)
		assert_int_equal(la_case_type_parse(la_case_type_name(
		    (enum la_case_type)t)), t);
	assert_string_equal(la_case_type_name(LA_CASE_LABOR_ARBITRATION),
	    "labor_arbitration");
	assert_int_equal(la_case_type_parse("traffic"), -1);
	assert_null(la_case_type_name(LA_CASE_NTYPES));
}

static void
test_copy_is_deep(void **state)
{
	struct la_rules r, copy;
	struct la_error err;

	(void)state;
	defaults(&r);
	la_error_clear(&err);
	assert_int_equal(la_rules_copy(&copy, &r, &err), 0);
	assert_ptr_not_equal(copy.calendar.holidays, r.calendar.holidays);
	la_rules_free(&r);
	assert_int_equal(copy.calendar.holidays[0], DAY_2024_01_01);
	la_rules_free(&copy);
	la_rules_free(&copy);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_defaults_match_notice),
		cmocka_unit_test(test_defaults_deadlines_and_posts),
		cmocka_unit_test(test_default_calendar_counts),
		cmocka_unit_test(test_default_workdays_on_weekends),
		cmocka_unit_test(test_partial_file_changes_its_keys),
		cmocka_unit_test(test_empty_object_changes_nothing),
		cmocka_unit_test(test_bad_values_name_key_and_value),
		cmocka_unit_test(test_too_many_posts_rejected),
		cmocka_unit_test(test_bom_and_crlf_accepted),
		cmocka_unit_test(test_notepad_json_reaches_keys),
		cmocka_unit_test(test_utf16_file_rejected),
		cmocka_unit_test(test_duplicate_key_rejected),
		cmocka_unit_test(test_duplicate_key_case_position),
		cmocka_unit_test(test_trailing_comma_position),
		cmocka_unit_test(test_missing_file_names_it),
		cmocka_unit_test(test_timezone_applied_before_times),
		cmocka_unit_test(test_calendar_extends_to_2027),
		cmocka_unit_test(test_calendar_replace_and_narrow),
		cmocka_unit_test(test_posts_replace_list),
		cmocka_unit_test(test_round_trip_defaults),
		cmocka_unit_test(test_round_trip_changed_rules),
		cmocka_unit_test(test_print_layout),
		cmocka_unit_test(test_man_page_examples_load),
		cmocka_unit_test(test_in_district),
		cmocka_unit_test(test_names_round_trip),
		cmocka_unit_test(test_copy_is_deep),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
