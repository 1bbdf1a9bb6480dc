/* SPDX-License-Identifier: MIT */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "fixture.h"
#include "rank.h"
#include "rules.h"

/*
 * Scores with the default weights: practice_years 25 points at 10 years,
 * case_count 25 at 100, assessment_score 30 at 100, prior_aid_cases 12 at
 * 20, aid_activity 8 at 10, each linear below its cap.
 *
 *   A: 10 y, 60 cases, 85, 10 aid, 4 act: 25 + 15 + 25.5 + 6 + 3.2 = 74.70
 *   C: 20 y, 150 cases, 60, 5 aid, 0 act: 25 + 25 + 18 + 3 + 0 = 71.00
 *   D: 5 y, 50 cases, 90, 20 aid, 7.5 act: 12.5 + 12.5 + 27 + 12 + 6 = 70.00
 *   B: 4 y, 100 cases, 90, 0 aid, 10 act: 10 + 25 + 27 + 0 + 8 = 70.00
 * D and B tie on score and assessment; D has more years, so D ranks first.
 */

struct applicant {
	const char *name;
	const char *license;
	const char *unit;
	const char *years;
	const char *cases;
	const char *assessment;
	const char *aid;
	const char *activity;
	const char *services;
	const char *status;
	const char *category;
};

static const struct applicant lawyers[] = {
	{ "A", "15002201410000001", "甲所", "10", "60", "85", "10", "4",
	    "civil", "eligible", "律师" },
	{ "B", "15002201410000002", "乙所", "4", "100", "90", "0", "10",
	    "criminal;civil", "eligible", "律师" },
	{ "C", "15002201410000003", "甲所", "20", "150", "60", "5", "0",
	    "civil", "eligible", "律师" },
	{ "D", "15002201410000004", "丙所", "5", "50", "90", "20", "7.5",
	    "civil", "eligible", "律师" },
	{ "E", "15002201410000005", "丙所", "30", "300", "100", "30", "30",
	    "civil", "ineligible", "律师" },
};

#define NLAWYERS (sizeof(lawyers) / sizeof(lawyers[0]))

struct state {
	struct la_rules rules;
	struct la_ranking rk;
};

static int
setup(void **ctx)
{
	struct state *s = calloc(1, sizeof(*s));
	struct la_error err;

	la_error_clear(&err);
	if (s == NULL || la_rules_default(&s->rules, &err) != 0)
		return -1;
	s->rules.quota[LA_CAT_LAWYER] = 2;
	s->rules.quota[LA_CAT_LEGAL_WORKER] = 0;
	s->rules.waitlist = 1;
	*ctx = s;
	return 0;
}

static int
teardown(void **ctx)
{
	struct state *s = *ctx;

	la_ranking_free(&s->rk);
	la_rules_free(&s->rules);
	free(s);
	return 0;
}

static void
add(struct state *s, const struct applicant *a, long line)
{
	const char *const pairs[] = {
		"姓名", a->name, "人员类别", a->category,
		"执业证号", a->license, "执业单位", a->unit,
		"执业年限", a->years, "办案数量", a->cases,
		"准入考核成绩", a->assessment, "已办法律援助案件数", a->aid,
		"公益活动次数", a->activity, "申报时间", "2024-03-18 10:00",
		"status", a->status, "eligible_services", a->services, NULL
	};
	struct la_record r;
	struct la_error err;

	la_error_clear(&err);
	la_record_init(&r);
	fixture_fill(&r, pairs);
	r.line = line;
	assert_int_equal(la_ranking_add(&s->rk, &r, &err), 0);
	la_record_free(&r);
}

/* Runs the ranking on lawyers in the given order of indexes. */
static void
run(struct state *s, const int *order, size_t n)
{
	struct la_error err;

	la_error_clear(&err);
	la_ranking_init(&s->rk, &s->rules);
	for (size_t i = 0; i < n; i++)
		add(s, &lawyers[order[i]], (long)order[i] + 2);
	assert_int_equal(la_ranking_run(&s->rk, &err), 0);
}

/* Output row i as "name selection rank score". */
static void
assert_row(struct state *s, size_t i, const char *name,
    const char *selection, const char *rank, const char *score)
{
	struct la_record r;
	struct la_error err;

	la_error_clear(&err);
	la_record_init(&r);
	assert_int_equal(la_ranking_get(&s->rk, i, &r, &err), 0);
	assert_string_equal(fixture_get(&r, "姓名"), name);
	assert_string_equal(fixture_get(&r, "selection"), selection);
	assert_string_equal(fixture_get(&r, "rank"), rank);
	assert_string_equal(fixture_get(&r, "score"), score);
	la_record_free(&r);
}

static const int forward[] = { 0, 1, 2, 3, 4 };
static const int backward[] = { 4, 3, 2, 1, 0 };

static void
rank_scores_and_selects(void **ctx)
{
	struct state *s = *ctx;

	run(s, forward, NLAWYERS);
	assert_int_equal(s->rk.n, 5);
	assert_row(s, 0, "A", "selected", "1", "74.70");
	assert_row(s, 1, "C", "selected", "2", "71.00");
	assert_row(s, 2, "D", "waitlist", "3", "70.00");
	assert_row(s, 3, "B", "not_selected", "4", "70.00");
	assert_row(s, 4, "E", "not_selected", "", "100.00");
	assert_int_equal(s->rk.nproblems, 0);
}

static void
rank_input_order_ignored(void **ctx)
{
	struct state *s = *ctx;

	run(s, backward, NLAWYERS);
	assert_row(s, 0, "A", "selected", "1", "74.70");
	assert_row(s, 1, "C", "selected", "2", "71.00");
	assert_row(s, 2, "D", "waitlist", "3", "70.00");
	assert_row(s, 3, "B", "not_selected", "4", "70.00");
}

static void
rank_score_parts(void **ctx)
{
	struct state *s = *ctx;
	struct la_record r;
	struct la_error err;

	run(s, forward, NLAWYERS);
	la_error_clear(&err);
	la_record_init(&r);
	assert_int_equal(la_ranking_get(&s->rk, 0, &r, &err), 0);
	assert_string_equal(fixture_get(&r, "score_practice_years"), "25.00");
	assert_string_equal(fixture_get(&r, "score_case_count"), "15.00");
	assert_string_equal(fixture_get(&r, "score_assessment"), "25.50");
	assert_string_equal(fixture_get(&r, "score_prior_aid_cases"), "6.00");
	assert_string_equal(fixture_get(&r, "score_aid_activity"), "3.20");
	la_record_free(&r);
}

/* Only B can take criminal cases, so a minimum of 1 brings B in. */
static void
rank_criminal_minimum(void **ctx)
{
	struct state *s = *ctx;

	s->rules.min_criminal_lawyers = 1;
	run(s, forward, NLAWYERS);
	assert_row(s, 0, "A", "selected", "1", "74.70");
	assert_row(s, 1, "C", "waitlist", "2", "71.00");
	assert_row(s, 2, "D", "not_selected", "3", "70.00");
	assert_row(s, 3, "B", "selected", "4", "70.00");
}

static void
rank_criminal_minimum_short(void **ctx)
{
	struct state *s = *ctx;

	s->rules.min_criminal_lawyers = 2;
	run(s, forward, NLAWYERS);
	assert_int_equal(s->rk.nproblems, 1);
	assert_non_null(strstr(s->rk.problems[0], "minimum of 2"));
	assert_non_null(strstr(s->rk.problems[0], "1 short"));
}

/* A and C share a unit; with a cap of 1, C gives way to D. */
static void
rank_unit_cap(void **ctx)
{
	struct state *s = *ctx;

	s->rules.unit_cap = 1;
	run(s, forward, NLAWYERS);
	assert_row(s, 0, "A", "selected", "1", "74.70");
	assert_row(s, 1, "C", "waitlist", "2", "71.00");
	assert_row(s, 2, "D", "selected", "3", "70.00");
	assert_row(s, 3, "B", "not_selected", "4", "70.00");
}

static void
rank_quota_short(void **ctx)
{
	struct state *s = *ctx;

	s->rules.quota[LA_CAT_LAWYER] = 6;
	run(s, forward, NLAWYERS);
	assert_int_equal(s->rk.nproblems, 1);
	assert_non_null(strstr(s->rk.problems[0], "quota of 6"));
	assert_non_null(strstr(s->rk.problems[0], "4 eligible, 2 short"));
}

/* Equal in every key but the licence number: the lower number first. */
static void
rank_licence_breaks_tie(void **ctx)
{
	struct state *s = *ctx;
	struct applicant twin = lawyers[1];
	struct la_error err;

	twin.name = "B2";
	twin.license = "15002201410000000";
	la_error_clear(&err);
	la_ranking_init(&s->rk, &s->rules);
	add(s, &lawyers[1], 2);
	add(s, &twin, 3);
	assert_int_equal(la_ranking_run(&s->rk, &err), 0);
	assert_row(s, 0, "B2", "selected", "1", "70.00");
	assert_row(s, 1, "B", "selected", "2", "70.00");
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		T(rank_scores_and_selects),
		T(rank_input_order_ignored),
		T(rank_score_parts),
		T(rank_criminal_minimum),
		T(rank_criminal_minimum_short),
		T(rank_unit_cap),
		T(rank_quota_short),
		T(rank_licence_breaks_tie),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
