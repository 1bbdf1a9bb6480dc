/* SPDX-License-Identifier: MIT */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "cli.h"
#include "fixture.h"
#include "rank.h"
#include "rules.h"

/*
 * The CSV output columns of la-rank over several inputs: every input's
 * columns, the first input's in order, then each new one where it first
 * appears, then the fields that ranking adds.
 */

struct state {
	struct la_rules rules;
	struct la_ranking rk;
	struct la_cli cli;
	struct la_cli_columns columns;
};

static int
setup(void **ctx)
{
	struct state *s = calloc(1, sizeof(*s));
	struct la_error err;

	la_error_clear(&err);
	if (s == NULL || la_rules_default(&s->rules, &err) != 0)
		return -1;
	la_cli_init(&s->cli, "la-rank");
	la_ranking_init(&s->rk, &s->rules);
	*ctx = s;
	return 0;
}

static int
teardown(void **ctx)
{
	struct state *s = *ctx;

	la_cli_columns_free(&s->columns, &s->cli);
	la_ranking_free(&s->rk);
	la_cli_free(&s->cli);
	la_rules_free(&s->rules);
	free(s);
	return 0;
}

/* Starts input name with the NULL-terminated header names. */
static void
start(struct state *s, const char *name, const char *const *names)
{
	struct la_header h;
	size_t n = 0;

	while (names[n] != NULL)
		n++;
	h.names = (char **)names;
	h.ids = calloc(n ? n : 1, sizeof(*h.ids));
	assert_non_null(h.ids);
	for (size_t i = 0; i < n; i++)
		h.ids[i] = la_field_lookup(names[i], strlen(names[i]));
	h.ncols = n;
	assert_int_equal(la_ranking_start_input(&s->rk, name, &h), 0);
	free(h.ids);
}

/* Adds a record of (header, value) pairs at line. */
static void
add(struct state *s, const char *const *pairs, long line)
{
	struct la_record r;
	struct la_error err;

	la_error_clear(&err);
	la_record_init(&r);
	fixture_fill(&r, pairs);
	r.line = line;
	assert_int_equal(la_ranking_add(&s->rk, &r, &err), 0);
	la_record_free(&r);
}

/* Checks the output columns against the NULL-terminated names. */
static void
assert_columns(const struct state *s, const char *const *names)
{
	size_t n = 0;

	while (names[n] != NULL)
		n++;
	assert_int_equal(s->cli.write.ncolumns, n);
	for (size_t i = 0; i < n; i++)
		assert_string_equal(s->cli.write.columns[i], names[i]);
}

static void
rank_columns_union_of_inputs(void **ctx)
{
	struct state *s = *ctx;
	static const char *const a[] = { "姓名", "status", NULL };
	static const char *const b[] = { "手机号码", "姓名", "status", NULL };
	static const char *const want[] = {
		"姓名", "status", "手机号码", "score",
		"score_practice_years", "score_case_count", "score_assessment",
		"score_prior_aid_cases", "score_aid_activity", "rank",
		"selection", "selection_reason", NULL
	};

	start(s, "a.csv", a);
	add(s, (const char *const[]){ "姓名", "甲", "status", "ineligible",
	    NULL }, 2);
	start(s, "b.csv", b);
	add(s, (const char *const[]){ "手机号码", "13900000001", "姓名", "乙",
	    "status", "ineligible", NULL }, 2);
	assert_int_equal(la_ranking_columns_set(&s->rk, &s->columns,
	    &s->cli), 0);
	assert_columns(s, want);
}

/* 身份证号 and 公民身份号码 are both id_number: one column, the first. */
static void
rank_columns_aliases_share(void **ctx)
{
	struct state *s = *ctx;
	static const char *const a[] = { "公民身份号码", "status", NULL };
	static const char *const b[] = { "身份证号", "status", NULL };

	start(s, "a.csv", a);
	start(s, "b.csv", b);
	assert_int_equal(la_ranking_columns_set(&s->rk, &s->columns,
	    &s->cli), 0);
	assert_int_equal(s->cli.write.ncolumns, 2 + LA_SCORE_NFACTORS + 4);
	assert_string_equal(s->cli.write.columns[0], "公民身份号码");
	assert_string_equal(s->cli.write.columns[1], "status");
	assert_string_equal(s->cli.write.columns[2], "score");
}

/* A JSON input has no header: its records' keys make its columns. */
static void
rank_columns_json_keys(void **ctx)
{
	struct state *s = *ctx;
	static const char *const a[] = { "姓名", "status", NULL };

	start(s, "a.csv", a);
	assert_int_equal(la_ranking_start_input(&s->rk, "b.jsonl", NULL), 0);
	add(s, (const char *const[]){ "姓名", "乙", "status", "ineligible",
	    "备注", "x", NULL }, 1);
	assert_int_equal(la_ranking_columns_set(&s->rk, &s->columns,
	    &s->cli), 0);
	assert_string_equal(s->cli.write.columns[2], "备注");
	assert_string_equal(s->cli.write.columns[3], "score");
}

/* An input that ranked before keeps its columns; none is added twice. */
static void
rank_columns_ranked_input(void **ctx)
{
	struct state *s = *ctx;
	static const char *const a[] = { "姓名", "status", "得分",
	    "score_assessment", "selection", NULL };
	static const char *const want[] = {
		"姓名", "status", "得分", "score_assessment", "selection",
		"score_practice_years", "score_case_count",
		"score_prior_aid_cases", "score_aid_activity", "rank",
		"selection_reason", NULL
	};

	start(s, "a.csv", a);
	assert_int_equal(la_ranking_columns_set(&s->rk, &s->columns,
	    &s->cli), 0);
	assert_columns(s, want);
}

/* Each record in output order names the input it came from. */
static void
rank_columns_record_input(void **ctx)
{
	struct state *s = *ctx;
	static const char *const a[] = { "姓名", "执业证号", "status", NULL };
	struct la_error err;

	start(s, "a.csv", a);
	add(s, (const char *const[]){ "姓名", "甲", "执业证号", "2",
	    "status", "ineligible", NULL }, 2);
	start(s, "b.csv", a);
	add(s, (const char *const[]){ "姓名", "乙", "执业证号", "1",
	    "status", "ineligible", NULL }, 2);
	la_error_clear(&err);
	assert_int_equal(la_ranking_run(&s->rk, &err), 0);
	/* Neither is ranked, so the licence number orders them. */
	assert_string_equal(la_ranking_input(&s->rk, 0), "b.csv");
	assert_string_equal(la_ranking_input(&s->rk, 1), "a.csv");
}

static void
rank_columns_has_column(void **ctx)
{
	struct state *s = *ctx;
	static const char *const a[] = { "姓名", NULL };
	static const char *const b[] = { "status", NULL };

	start(s, "a.csv", a);
	assert_false(la_ranking_has_column(&s->rk, LA_F_STATUS));
	start(s, "b.csv", b);
	assert_true(la_ranking_has_column(&s->rk, LA_F_STATUS));
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		T(rank_columns_union_of_inputs),
		T(rank_columns_aliases_share),
		T(rank_columns_json_keys),
		T(rank_columns_ranked_input),
		T(rank_columns_record_input),
		T(rank_columns_has_column),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
