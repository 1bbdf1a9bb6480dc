/* SPDX-License-Identifier: MIT */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rules_private.h"

/* A run of consecutive days, first and last included. */
struct day_run {
	struct la_date first;
	struct la_date last;
};

#define DAY(y, m, d) { { y, m, d }, { y, m, d } }
#define RUN(y1, m1, d1, y2, m2, d2) { { y1, m1, d1 }, { y2, m2, d2 } }

/*
 * Statutory holidays and the weekend days worked in their place (调休上班),
 * from the State Council General Office notices on each year's holiday
 * arrangements. The calendar for a year is published each November, so a
 * rules file adds later years (see la-rules(5)).
 */
static const struct day_run builtin_holidays[] = {
	/* 2024: 国办发明电〔2023〕7号 */
	DAY(2024, 1, 1),
	RUN(2024, 2, 10, 2024, 2, 17),
	RUN(2024, 4, 4, 2024, 4, 6),
	RUN(2024, 5, 1, 2024, 5, 5),
	DAY(2024, 6, 10),
	RUN(2024, 9, 15, 2024, 9, 17),
	RUN(2024, 10, 1, 2024, 10, 7),
	/* 2025: 国办发明电〔2024〕12号 */
	DAY(2025, 1, 1),
	RUN(2025, 1, 28, 2025, 2, 4),
	RUN(2025, 4, 4, 2025, 4, 6),
	RUN(2025, 5, 1, 2025, 5, 5),
	RUN(2025, 5, 31, 2025, 6, 2),
	RUN(2025, 10, 1, 2025, 10, 8),
	/* 2026: 国办发明电〔2025〕7号 */
	RUN(2026, 1, 1, 2026, 1, 3),
	RUN(2026, 2, 15, 2026, 2, 23),
	RUN(2026, 4, 4, 2026, 4, 6),
	RUN(2026, 5, 1, 2026, 5, 5),
	RUN(2026, 6, 19, 2026, 6, 21),
	RUN(2026, 9, 25, 2026, 9, 27),
	RUN(2026, 10, 1, 2026, 10, 7),
};

static const struct day_run builtin_workdays[] = {
	/* 2024: 国办发明电〔2023〕7号 */
	DAY(2024, 2, 4),
	DAY(2024, 2, 18),
	DAY(2024, 4, 7),
	DAY(2024, 4, 28),
	DAY(2024, 5, 11),
	DAY(2024, 9, 14),
	DAY(2024, 9, 29),
	DAY(2024, 10, 12),
	/* 2025: 国办发明电〔2024〕12号 */
	DAY(2025, 1, 26),
	DAY(2025, 2, 8),
	DAY(2025, 4, 27),
	DAY(2025, 9, 28),
	DAY(2025, 10, 11),
	/* 2026: 国办发明电〔2025〕7号 */
	DAY(2026, 1, 4),
	DAY(2026, 2, 14),
	DAY(2026, 2, 28),
	DAY(2026, 5, 9),
	DAY(2026, 9, 20),
	DAY(2026, 10, 10),
};

static const struct la_date builtin_first = { 2024, 1, 1 };
static const struct la_date builtin_last = { 2026, 12, 31 };

#define NELEMS(a) (sizeof(a) / sizeof((a)[0]))

/* Expands runs, given in ascending order, into a sorted array of days. */
static int
expand_runs(const struct day_run *runs, size_t nruns, la_day **days,
    size_t *ndays)
{
	size_t n = 0;
	la_day *out;

	for (size_t i = 0; i < nruns; i++)
		n += (size_t)(la_day_from_date(runs[i].last) -
		    la_day_from_date(runs[i].first) + 1);
	if ((out = malloc(n * sizeof(*out))) == NULL)
		return -1;
	n = 0;
	for (size_t i = 0; i < nruns; i++) {
		la_day last = la_day_from_date(runs[i].last);

		for (la_day d = la_day_from_date(runs[i].first); d <= last; d++)
			out[n++] = d;
	}
	*days = out;
	*ndays = n;
	return 0;
}

static int
default_calendar(struct la_calendar *cal)
{
	memset(cal, 0, sizeof(*cal));
	cal->first = la_day_from_date(builtin_first);
	cal->last = la_day_from_date(builtin_last);
	if (expand_runs(builtin_holidays, NELEMS(builtin_holidays),
	    &cal->holidays, &cal->nholidays) != 0)
		return -1;
	if (expand_runs(builtin_workdays, NELEMS(builtin_workdays),
	    &cal->workdays, &cal->nworkdays) != 0) {
		free(cal->holidays);
		cal->holidays = NULL;
		return -1;
	}
	return 0;
}

static void
set_post(struct la_post *p, const char *name, unsigned requires)
{
	snprintf(p->name, sizeof(p->name), "%s", name);
	p->weekdays = RULES_MONDAY_TO_FRIDAY;
	p->seats = 1;
	p->requires = requires;
	p->alternates = 1;
}

static void
default_where_and_when(struct la_rules *r)
{
	struct la_date open = { 2024, 3, 15 };
	struct la_date close = { 2024, 3, 20 };

	snprintf(r->district, sizeof(r->district), "綦江区");
	snprintf(r->district_aliases[0], LA_RULES_NAME_SIZE, "綦江");
	snprintf(r->district_aliases[1], LA_RULES_NAME_SIZE, "綦江县");
	r->ndistrict_aliases = 2;
	/* Asia/Shanghai needs no tz database, so this cannot fail. */
	la_tz_init(&r->tz, "Asia/Shanghai", NULL);
	r->window_open = la_tz_to_time(&r->tz, open, 0, 0, 0);
	r->window_close = la_tz_to_time(&r->tz, close, 17, 0, 0);
	r->documents = LA_DOC_APPLICATION_FORM | LA_DOC_LICENSE_COPY |
	    LA_DOC_ID_COPY;
}

static void
default_selection(struct la_rules *r)
{
	static const struct la_weight weights[LA_SCORE_NFACTORS] = {
		[LA_SCORE_PRACTICE_YEARS] = { 25, 10 },
		[LA_SCORE_CASE_COUNT] = { 25, 100 },
		[LA_SCORE_ASSESSMENT] = { 30, 100 },
		[LA_SCORE_PRIOR_AID_CASES] = { 12, 20 },
		[LA_SCORE_AID_ACTIVITY] = { 8, 10 },
	};

	r->criminal_min_years = 2;
	r->general_min_years = 1;
	r->worker_may_take_criminal = 0;
	r->penalty_lookback_years = 3;
	r->max_upheld_complaints = 0;
	r->assessment_pass_score = 60;
	r->max_prior_unqualified = 0;
	r->require_system = 1;
	r->require_recommendation = 1;

	r->quota[LA_CAT_LAWYER] = 40;
	r->quota[LA_CAT_LEGAL_WORKER] = 20;
	r->unit_cap = 0;
	r->min_criminal_lawyers = 0;
	r->waitlist = 10;
	memcpy(r->weights, weights, sizeof(weights));
}

/*
 * Subsidy amounts are placeholders near the per-case averages that
 * Chongqing districts published for 2023 and 2024. The city's own table
 * (渝财行〔2020〕38号) is not built in, so a centre should set its amounts.
 */
static void
default_duties(struct la_rules *r)
{
	r->term_months = 12;
	r->term_start = (struct la_date){ 2024, 4, 1 };
	r->allow_return_after_removal = 0;

	set_post(&r->posts[0], "政务服务窗口", 0);
	set_post(&r->posts[1], "看守所", LA_SVC_CRIMINAL);
	r->nposts = 2;

	r->max_open_cases = 5;
	r->serious_case_min_years = 3;
	r->day_unit = LA_DAYS_CALENDAR;
	r->review_days = 7;
	r->assign_days = 3;
	r->notice_assign_days = 3;
	r->accept_days = 3;
	r->entrustment_days = 5;
	r->filing_days = 30;
	r->duty_review_days = 7;

	r->sanction_window_months = 12;
	r->ladder[0] = LA_ACTION_WARNING;
	r->ladder[1] = LA_ACTION_SUSPEND;
	r->ladder[2] = LA_ACTION_REMOVE;
	r->nladder = 3;
	r->suspend_months = 3;
	r->authority_rating_action = LA_ACTION_REMOVE;

	r->grade_excellent_min = 80;
	r->grade_pass_min = 60;

	r->subsidy_case[LA_CASE_CRIMINAL] = 1500;
	r->subsidy_case[LA_CASE_CIVIL] = 1300;
	r->subsidy_case[LA_CASE_ADMINISTRATIVE] = 1300;
	r->subsidy_case[LA_CASE_LABOR_ARBITRATION] = 1000;
	r->subsidy_case[LA_CASE_NON_LITIGATION] = 800;
	r->subsidy_duty_day = 100;
}

int
la_rules_default(struct la_rules *r, struct la_error *err)
{
	memset(r, 0, sizeof(*r));
	default_where_and_when(r);
	default_selection(r);
	default_duties(r);
	if (default_calendar(&r->calendar) != 0)
		return la_error_set(err, LA_ERR_NOMEM, NULL, 0, NULL,
		    "out of memory for the built-in calendar");
	return 0;
}

static la_day *
copy_days(const la_day *days, size_t n)
{
	la_day *out;

	if (n == 0)
		return NULL;
	if ((out = malloc(n * sizeof(*out))) != NULL)
		memcpy(out, days, n * sizeof(*out));
	return out;
}

int
la_rules_copy(struct la_rules *dst, const struct la_rules *src,
    struct la_error *err)
{
	const struct la_calendar *cal = &src->calendar;
	la_day *holidays = copy_days(cal->holidays, cal->nholidays);
	la_day *workdays = copy_days(cal->workdays, cal->nworkdays);

	if ((holidays == NULL && cal->nholidays > 0) ||
	    (workdays == NULL && cal->nworkdays > 0)) {
		free(holidays);
		free(workdays);
		return la_error_set(err, LA_ERR_NOMEM, NULL, 0, NULL,
		    "out of memory copying the calendar");
	}
	memcpy(dst, src, sizeof(*dst));
	dst->calendar.holidays = holidays;
	dst->calendar.workdays = workdays;
	return 0;
}

void
la_rules_free(struct la_rules *r)
{
	free(r->calendar.holidays);
	free(r->calendar.workdays);
	r->calendar.holidays = NULL;
	r->calendar.workdays = NULL;
	r->calendar.nholidays = 0;
	r->calendar.nworkdays = 0;
}

static const char *const action_names[] = {
	[LA_ACTION_NONE] = "none",
	[LA_ACTION_WARNING] = "warning",
	[LA_ACTION_SUSPEND] = "suspend",
	[LA_ACTION_REMOVE] = "remove",
};

static const char *const case_type_names[LA_CASE_NTYPES] = {
	[LA_CASE_CRIMINAL] = "criminal",
	[LA_CASE_CIVIL] = "civil",
	[LA_CASE_ADMINISTRATIVE] = "administrative",
	[LA_CASE_LABOR_ARBITRATION] = "labor_arbitration",
	[LA_CASE_NON_LITIGATION] = "non_litigation",
};

static int
find_name(const char *const *names, size_t n, const char *s)
{
	if (s == NULL)
		return -1;
	for (size_t i = 0; i < n; i++)
		if (strcmp(names[i], s) == 0)
			return (int)i;
	return -1;
}

const char *
la_action_name(enum la_action a)
{
	if ((unsigned)a >= NELEMS(action_names))
		return NULL;
	return action_names[a];
}

int
la_action_parse(const char *s)
{
	return find_name(action_names, NELEMS(action_names), s);
}

const char *
la_case_type_name(enum la_case_type t)
{
	if ((unsigned)t >= LA_CASE_NTYPES)
		return NULL;
	return case_type_names[t];
}

int
la_case_type_parse(const char *s)
{
	return find_name(case_type_names, LA_CASE_NTYPES, s);
}

/* Length of the UTF-8 space character at s (ASCII, U+3000, U+00A0), or 0. */
static size_t
space_length(const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;

	if (len >= 1 && (u[0] == ' ' || (u[0] >= '\t' && u[0] <= '\r')))
		return 1;
	if (len >= 2 && u[0] == 0xC2 && u[1] == 0xA0)
		return 2;
	if (len >= 3 && u[0] == 0xE3 && u[1] == 0x80 && u[2] == 0x80)
		return 3;
	return 0;
}

/* Trims spaces at both ends, returns the start and sets *len. */
static const char *
trim(const char *s, size_t *len)
{
	size_t n = strlen(s), k;

	while ((k = space_length(s, n)) > 0) {
		s += k;
		n -= k;
	}
	for (;;) {
		if (n >= 1 && space_length(s + n - 1, 1) == 1)
			n -= 1;
		else if (n >= 2 && space_length(s + n - 2, 2) == 2)
			n -= 2;
		else if (n >= 3 && space_length(s + n - 3, 3) == 3)
			n -= 3;
		else
			break;
	}
	*len = n;
	return s;
}

/* Nonzero when the len bytes at s equal name or end with it. */
static int
ends_with_name(const char *s, size_t len, const char *name)
{
	size_t n = strlen(name);

	return n > 0 && n <= len && memcmp(s + len - n, name, n) == 0;
}

int
la_rules_in_district(const struct la_rules *r, const char *district)
{
	size_t len;
	const char *s;

	if (district == NULL)
		return 0;
	s = trim(district, &len);
	if (ends_with_name(s, len, r->district))
		return 1;
	for (int i = 0; i < r->ndistrict_aliases; i++)
		if (ends_with_name(s, len, r->district_aliases[i]))
			return 1;
	return 0;
}
