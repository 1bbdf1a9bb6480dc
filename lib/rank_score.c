/* SPDX-License-Identifier: MIT */
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "i18n.h"
#include "normalize.h"
#include "rank_impl.h"
#include "validate.h"

/*
 * Reads the values a score needs. la-validate has already rejected values
 * that cannot be read, so an unreadable one here makes the record
 * unselectable instead of counting as 0.
 */

static int
number(const struct la_record *r, int id, double *x)
{
	const char *s = la_record_get(r, id);
	char why[128];
	int rc;

	*x = 0;
	if (s == NULL)
		return 0;
	rc = la_parse_number(s, x, why, sizeof(why));
	if (rc == LA_NORM_EMPTY)
		*x = 0;
	return rc == LA_NORM_INVALID ? -1 : 0;
}

/* Whole years from licensed_since to the deadline, for a missing count. */
static int
years_since_licence(const struct la_ranking *rk, const struct la_record *r,
    double *years)
{
	const char *s = la_record_get(r, LA_F_LICENSED_SINCE);
	struct la_date from, to;
	char why[128];
	int n;

	if (s == NULL || la_parse_date(s, &from, why, sizeof(why)) != 0)
		return -1;
	to = la_date_from_day(la_tz_day(&rk->rules->tz,
	    rk->rules->window_close));
	n = to.year - from.year;
	if (to.month < from.month ||
	    (to.month == from.month && to.day < from.day))
		n--;
	*years = n > 0 ? n : 0;
	return 0;
}

static long
part(const struct la_weight *w, double value)
{
	double v = value < w->cap ? value : w->cap;

	if (w->cap <= 0)
		return 0;
	return lround(w->points * v / w->cap * 100.0);
}

static int
has_service(const char *list, const char *name)
{
	size_t n = strlen(name);

	for (const char *p = list; p != NULL && *p != '\0';) {
		const char *end = strchr(p, ';');
		size_t len = end != NULL ? (size_t)(end - p) : strlen(p);

		if (len == n && strncmp(p, name, n) == 0)
			return 1;
		p = end != NULL ? end + 1 : NULL;
	}
	return 0;
}

static void
read_keys(const struct la_ranking *rk, struct la_rank_entry *e,
    const struct la_record *r, double v[LA_SCORE_NFACTORS])
{
	const char *s;
	size_t len;
	char why[128];
	int has_time;
	int bad = 0;

	if ((s = la_record_get(r, LA_F_CATEGORY)) != NULL) {
		s = la_trim(s, &len);
		e->category = la_category_lookup(s, len);
	}
	s = la_record_get(r, LA_F_STATUS);
	e->eligible = s != NULL && strcmp(s, LA_STATUS_ELIGIBLE) == 0 &&
	    e->category != LA_CAT_UNKNOWN;
	e->criminal = has_service(la_record_get(r, LA_F_ELIGIBLE_SERVICES),
	    "criminal");
	bad |= number(r, LA_F_PRACTICE_YEARS, &v[LA_SCORE_PRACTICE_YEARS]);
	if (la_record_get(r, LA_F_PRACTICE_YEARS) == NULL)
		(void)years_since_licence(rk, r, &v[LA_SCORE_PRACTICE_YEARS]);
	bad |= number(r, LA_F_CASE_COUNT, &v[LA_SCORE_CASE_COUNT]);
	bad |= number(r, LA_F_ASSESSMENT_SCORE, &v[LA_SCORE_ASSESSMENT]);
	bad |= number(r, LA_F_PRIOR_AID_CASES, &v[LA_SCORE_PRIOR_AID_CASES]);
	bad |= number(r, LA_F_AID_ACTIVITY, &v[LA_SCORE_AID_ACTIVITY]);
	e->submitted = LLONG_MAX;
	s = la_record_get(r, LA_F_SUBMITTED_AT);
	if (s != NULL && la_parse_time(s, &rk->rules->tz, &e->submitted,
	    &has_time, why, sizeof(why)) != 0)
		e->submitted = LLONG_MAX;
	if (bad && e->eligible) {
		e->eligible = 0;
		snprintf(e->reason, sizeof(e->reason), "%s",
		    _("a value the score needs cannot be read; run "
		    "la-validate first"));
	}
	/* The reader's finding, such as a ragged row, may shift any value. */
	if (e->eligible && la_record_has_finding(r, "input")) {
		e->eligible = 0;
		snprintf(e->reason, sizeof(e->reason), "%s",
		    _("the row was not read whole (see the warning); fix it "
		    "and run la-validate again"));
	}
}

void
rank_score(const struct la_ranking *rk, struct la_rank_entry *e,
    const struct la_record *r)
{
	double v[LA_SCORE_NFACTORS] = { 0 };

	read_keys(rk, e, r, v);
	e->assessment = v[LA_SCORE_ASSESSMENT];
	e->years = v[LA_SCORE_PRACTICE_YEARS];
	e->score = 0;
	for (int i = 0; i < LA_SCORE_NFACTORS; i++) {
		e->parts[i] = part(&rk->rules->weights[i], v[i]);
		e->score += e->parts[i];
	}
}
