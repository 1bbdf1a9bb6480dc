/* SPDX-License-Identifier: MIT */
#include <stddef.h>

#include "rules_private.h"

/*
 * The key tables of la-rules(5). Order matters: the loader applies keys in
 * table order, whatever their order in the file, so "timezone" comes
 * before "application" and the window times are read in the new zone. The
 * printer writes keys in the same order.
 */

#define R(f) offsetof(struct la_rules, f)
#define P(f) offsetof(struct la_post, f)

#define INT(n, off, lo, hi) { n, KEY_INT, off, lo, hi, 0, 0, NULL }
#define NUMBER(n, off, lo, hi) { n, KEY_NUMBER, off, lo, hi, 0, 0, NULL }
#define POSITIVE(n, off, hi) { n, KEY_NUMBER, off, 0, hi, 1, 0, NULL }
#define OF_TYPE(n, t, off) { n, t, off, 0, 0, 0, 0, NULL }
#define OBJECT(n, k) { n, KEY_OBJECT, 0, 0, 0, 0, 0, k }
#define END { NULL, KEY_INT, 0, 0, 0, 0, 0, NULL }

/* Largest count of people, cases or seats that a rule may name. */
#define MAX_PEOPLE 10000
/* Largest number of years in a threshold or look-back period. */
#define MAX_YEARS 60
/* Largest amount of money in yuan. */
#define MAX_YUAN 1000000

static const struct rules_key district_keys[] = {
	OF_TYPE("name", KEY_TEXT, R(district)),
	OF_TYPE("aliases", KEY_ALIASES, R(district_aliases)),
	END
};

static const struct rules_key application_keys[] = {
	OF_TYPE("window_open", KEY_TIME, R(window_open)),
	OF_TYPE("window_close", KEY_TIME, R(window_close)),
	OF_TYPE("documents", KEY_DOCUMENTS, R(documents)),
	END
};

static const struct rules_key eligibility_keys[] = {
	NUMBER("criminal_min_years", R(criminal_min_years), 0, MAX_YEARS),
	NUMBER("general_min_years", R(general_min_years), 0, MAX_YEARS),
	OF_TYPE("worker_may_take_criminal", KEY_BOOL,
	    R(worker_may_take_criminal)),
	INT("penalty_lookback_years", R(penalty_lookback_years), 0,
	    MAX_YEARS),
	INT("max_upheld_complaints", R(max_upheld_complaints), 0,
	    MAX_PEOPLE),
	NUMBER("assessment_pass_score", R(assessment_pass_score), 0, 100),
	INT("max_prior_unqualified", R(max_prior_unqualified), 0,
	    MAX_PEOPLE),
	OF_TYPE("require_system", KEY_BOOL, R(require_system)),
	OF_TYPE("require_recommendation", KEY_BOOL,
	    R(require_recommendation)),
	END
};

static const struct rules_key quota_keys[] = {
	INT("lawyer", R(quota[LA_CAT_LAWYER]), 0, MAX_PEOPLE),
	INT("legal_worker", R(quota[LA_CAT_LEGAL_WORKER]), 0, MAX_PEOPLE),
	END
};

/* Points are a share of 100, and cap is in the factor's own unit. */
#define WEIGHT_KEYS(var, factor)					\
static const struct rules_key var[] = {				\
	NUMBER("points", R(weights[factor].points), 0, 100),		\
	POSITIVE("cap", R(weights[factor].cap), MAX_PEOPLE),		\
	END								\
}

WEIGHT_KEYS(practice_years_keys, LA_SCORE_PRACTICE_YEARS);
WEIGHT_KEYS(case_count_keys, LA_SCORE_CASE_COUNT);
WEIGHT_KEYS(assessment_keys, LA_SCORE_ASSESSMENT);
WEIGHT_KEYS(prior_aid_cases_keys, LA_SCORE_PRIOR_AID_CASES);
WEIGHT_KEYS(aid_activity_keys, LA_SCORE_AID_ACTIVITY);

static const struct rules_key weight_keys[] = {
	OBJECT("practice_years", practice_years_keys),
	OBJECT("case_count", case_count_keys),
	OBJECT("assessment_score", assessment_keys),
	OBJECT("prior_aid_cases", prior_aid_cases_keys),
	OBJECT("aid_activity", aid_activity_keys),
	END
};

static const struct rules_key selection_keys[] = {
	OBJECT("quotas", quota_keys),
	INT("unit_cap", R(unit_cap), 0, MAX_PEOPLE),
	INT("min_criminal_lawyers", R(min_criminal_lawyers), 0, MAX_PEOPLE),
	INT("waitlist", R(waitlist), 0, MAX_PEOPLE),
	OBJECT("weights", weight_keys),
	END
};

static const struct rules_key roster_keys[] = {
	INT("term_months", R(term_months), 1, 120),
	OF_TYPE("term_start", KEY_DATE, R(term_start)),
	OF_TYPE("allow_return_after_removal", KEY_BOOL,
	    R(allow_return_after_removal)),
	END
};

static const struct rules_key duty_keys[] = {
	OF_TYPE("posts", KEY_POSTS, R(posts)),
	END
};

const struct rules_key la_rules_post_keys[] = {
	{ "name", KEY_TEXT, P(name), 0, 0, 0, 1, NULL },
	OF_TYPE("weekdays", KEY_WEEKDAYS, P(weekdays)),
	INT("seats", P(seats), 1, 100),
	OF_TYPE("requires", KEY_SERVICES, P(requires)),
	OF_TYPE("alternates", KEY_BOOL, P(alternates)),
	END
};

static const struct rules_key assignment_keys[] = {
	INT("max_open_cases", R(max_open_cases), 1, 1000),
	NUMBER("serious_case_min_years", R(serious_case_min_years), 0,
	    MAX_YEARS),
	END
};

static const struct rules_key deadline_keys[] = {
	OF_TYPE("day_unit", KEY_DAY_UNIT, R(day_unit)),
	INT("review_days", R(review_days), 1, 365),
	INT("assign_days", R(assign_days), 1, 365),
	INT("notice_assign_days", R(notice_assign_days), 1, 365),
	INT("accept_days", R(accept_days), 1, 365),
	INT("entrustment_days", R(entrustment_days), 1, 365),
	INT("filing_days", R(filing_days), 1, 365),
	INT("duty_review_days", R(duty_review_days), 1, 365),
	END
};

static const struct rules_key sanction_keys[] = {
	INT("window_months", R(sanction_window_months), 1, 120),
	OF_TYPE("ladder", KEY_LADDER, R(ladder)),
	INT("suspend_months", R(suspend_months), 1, 36),
	OF_TYPE("authority_rating", KEY_ACTION, R(authority_rating_action)),
	END
};

static const struct rules_key grade_keys[] = {
	NUMBER("excellent_min", R(grade_excellent_min), 0, 100),
	NUMBER("pass_min", R(grade_pass_min), 0, 100),
	END
};

static const struct rules_key subsidy_case_keys[] = {
	NUMBER("criminal", R(subsidy_case[LA_CASE_CRIMINAL]), 0, MAX_YUAN),
	NUMBER("civil", R(subsidy_case[LA_CASE_CIVIL]), 0, MAX_YUAN),
	NUMBER("administrative", R(subsidy_case[LA_CASE_ADMINISTRATIVE]), 0,
	    MAX_YUAN),
	NUMBER("labor_arbitration", R(subsidy_case[LA_CASE_LABOR_ARBITRATION]),
	    0, MAX_YUAN),
	NUMBER("non_litigation", R(subsidy_case[LA_CASE_NON_LITIGATION]), 0,
	    MAX_YUAN),
	END
};

static const struct rules_key subsidy_keys[] = {
	OBJECT("case", subsidy_case_keys),
	NUMBER("duty_day", R(subsidy_duty_day), 0, MAX_YUAN),
	END
};

const struct rules_key la_rules_keys[] = {
	OBJECT("district", district_keys),
	OF_TYPE("timezone", KEY_TIMEZONE, R(tz)),
	OBJECT("application", application_keys),
	OBJECT("eligibility", eligibility_keys),
	OBJECT("selection", selection_keys),
	OBJECT("roster", roster_keys),
	OF_TYPE("calendar", KEY_CALENDAR, R(calendar)),
	OBJECT("duty", duty_keys),
	OBJECT("assignment", assignment_keys),
	OBJECT("deadlines", deadline_keys),
	OBJECT("sanctions", sanction_keys),
	OBJECT("grades", grade_keys),
	OBJECT("subsidy", subsidy_keys),
	END
};
