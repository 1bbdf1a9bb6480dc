/* SPDX-License-Identifier: MIT */
#ifndef LA_RULES_H
#define LA_RULES_H

#include <stdio.h>

#include "catalogue.h"
#include "datetime.h"
#include "error.h"

/*
 * Every number a program applies. la_rules_default() gives the reference
 * notice's values (Qijiang District, 2024); la_rules_load() replaces any
 * subset of them from a JSON file whose keys are documented in la-rules(5).
 * Durations in days follow enum la_day_unit and la_deadline().
 */

#define LA_RULES_MAX_ALIASES 8
#define LA_RULES_MAX_POSTS 128
#define LA_RULES_MAX_LADDER 8
#define LA_RULES_NAME_SIZE 128

/* One factor of the selection score: points at or above cap, linear below. */
struct la_weight {
	double points;
	double cap;
};

enum la_score_factor {
	LA_SCORE_PRACTICE_YEARS,	/* practice_years */
	LA_SCORE_CASE_COUNT,		/* case_count */
	LA_SCORE_ASSESSMENT,		/* assessment_score */
	LA_SCORE_PRIOR_AID_CASES,	/* prior_aid_cases */
	LA_SCORE_AID_ACTIVITY,		/* aid_activity */
	LA_SCORE_NFACTORS
};

/* A duty post and what its seats need. */
struct la_post {
	char name[LA_RULES_NAME_SIZE];
	unsigned weekdays;	/* bit (1 << n) for ISO weekday n, 1..7 */
	int seats;		/* members per day */
	unsigned requires;	/* enum la_service bits every member needs */
	int alternates;		/* name an alternate for each seat */
};

enum la_action {
	LA_ACTION_NONE = 0,
	LA_ACTION_WARNING,	/* 警告 */
	LA_ACTION_SUSPEND,	/* 暂停指派 */
	LA_ACTION_REMOVE	/* 出库 */
};

struct la_rules {
	/* Where and when. */
	char district[LA_RULES_NAME_SIZE];	/* 綦江区 */
	char district_aliases[LA_RULES_MAX_ALIASES][LA_RULES_NAME_SIZE];
	int ndistrict_aliases;
	struct la_tz tz;			/* Asia/Shanghai */

	/* Application window: open <= submitted_at <= close is on time. */
	la_time window_open;			/* 2024-03-15 00:00 */
	la_time window_close;			/* 2024-03-20 17:00 */
	unsigned documents;			/* enum la_document bits */

	/* Eligibility, measured at window_close. */
	double criminal_min_years;		/* 2 */
	double general_min_years;		/* 1 */
	int worker_may_take_criminal;		/* 0 */
	int penalty_lookback_years;		/* 3 */
	int max_upheld_complaints;		/* 0 */
	double assessment_pass_score;		/* 60 */
	int max_prior_unqualified;		/* 0 */
	int require_system;			/* 1 */
	int require_recommendation;		/* 1 */

	/* Selection. */
	int quota[3];			/* by enum la_category: 40, 20 */
	int unit_cap;			/* 0: no cap per practice unit */
	int min_criminal_lawyers;	/* 0: no minimum */
	int waitlist;			/* 10 per category */
	struct la_weight weights[LA_SCORE_NFACTORS];

	/* Roster. */
	int term_months;		/* 12 */
	struct la_date term_start;	/* 2024-04-01 */
	int allow_return_after_removal;	/* 0 */

	/* Calendar of working days, 2024 to 2026 built in. */
	struct la_calendar calendar;

	/* Duty posts. */
	struct la_post posts[LA_RULES_MAX_POSTS];
	int nposts;

	/* Case assignment and deadlines. */
	int max_open_cases;		/* 5 per member */
	double serious_case_min_years;	/* 3 years of criminal defence */
	enum la_day_unit day_unit;	/* calendar days */
	int review_days;		/* 7: decide on an application */
	int assign_days;		/* 3: assign after a decision */
	int notice_assign_days;		/* 3: assign after a notice */
	int accept_days;		/* 3: member accepts an assignment */
	int entrustment_days;		/* 5: sign the entrustment agreement */
	int filing_days;		/* 30: file closing materials */
	int duty_review_days;		/* 7: review a duty day's cases */

	/* Sanctions: the nth finding within window_months gets ladder[n-1]. */
	int sanction_window_months;	/* 12 */
	enum la_action ladder[LA_RULES_MAX_LADDER];
	int nladder;			/* warning, suspend, remove */
	int suspend_months;		/* 3 */
	enum la_action authority_rating_action;	/* remove */

	/* Case quality grades by score. */
	double grade_excellent_min;	/* 80: 优良 */
	double grade_pass_min;		/* 60: 合格; below is 不合格 */

	/* Subsidies in yuan. A criminal case pays per procedural stage. */
	double subsidy_case[5];		/* by enum la_case_type */
	double subsidy_duty_day;	/* 100 */
};

enum la_case_type {
	LA_CASE_CRIMINAL,
	LA_CASE_CIVIL,
	LA_CASE_ADMINISTRATIVE,
	LA_CASE_LABOR_ARBITRATION,
	LA_CASE_NON_LITIGATION,
	LA_CASE_NTYPES
};

/*
 * Memory: r owns the calendar's holiday and workday arrays. Every struct
 * filled by la_rules_default() or la_rules_copy() is released with
 * la_rules_free(). Plain struct assignment would share the arrays.
 */

/*
 * Fills r with the built-in defaults, overwriting r without freeing it.
 * Returns 0, or -1 with err filled when out of memory (r then owns
 * nothing).
 */
int la_rules_default(struct la_rules *r, struct la_error *err);

/*
 * Fills dst with a deep copy of src, overwriting dst without freeing it.
 * Returns 0, or -1 with err filled when out of memory (dst untouched).
 */
int la_rules_copy(struct la_rules *dst, const struct la_rules *src,
    struct la_error *err);

/*
 * Replaces the values that the JSON file at path sets. Keys that the file
 * does not contain keep their value. A list replaces the list it names,
 * except calendar.holidays and calendar.workdays, which add days unless
 * calendar.replace is true. An unknown key, a value of the wrong type or
 * out of range, or a file that is not JSON is an error: err->file names
 * the file, err->field the key path ("selection.quotas.lawyer"), and
 * err->text repeats the key path and quotes the value. JSON syntax errors
 * also carry err->line and err->column. On error r is left as it was.
 * Returns 0 or -1.
 */
int la_rules_load(struct la_rules *r, const char *path, struct la_error *err);

/*
 * Writes the effective rules as JSON in the la_rules_load() format, with
 * every key, times in the rules' zone and "calendar.replace" set, so that
 * loading the output over any rules gives rules equal to r. Returns 0, or
 * -1 with err filled on a write error, when out of memory, or when a name
 * in r is not valid UTF-8.
 */
int la_rules_print(const struct la_rules *r, FILE *fp, struct la_error *err);

/* Frees the calendar arrays that r owns. Freeing r twice is harmless. */
void la_rules_free(struct la_rules *r);

/*
 * Name of an action ("none", "warning", "suspend", "remove") and back.
 * The name is NULL and the parsed value -1 for anything else.
 */
const char *la_action_name(enum la_action a);
int la_action_parse(const char *s);

/* Name of a case type ("criminal", ...) and back, NULL or -1 if unknown. */
const char *la_case_type_name(enum la_case_type t);
int la_case_type_parse(const char *s);

/*
 * Nonzero when district names the rules' district: equal to its name or an
 * alias after trimming, or a longer name ending in one ("重庆市綦江区").
 */
int la_rules_in_district(const struct la_rules *r, const char *district);

#endif
