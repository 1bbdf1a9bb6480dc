/* SPDX-License-Identifier: MIT */
/*
 * STUB for the audit branch only: built-in defaults of lib/rules.c for the
 * fields la-audit reads. Delete once main has lib/rules.c.
 */
#include <stdlib.h>
#include <string.h>

#include "rules.h"

static const char *holidays_2024[] = { "2024-01-01", "2024-02-10",
	"2024-02-11", "2024-02-12", "2024-02-13", "2024-02-14", "2024-02-15",
	"2024-02-16", "2024-02-17", "2024-04-04", "2024-04-05", "2024-04-06",
	"2024-05-01", "2024-05-02", "2024-05-03", "2024-05-04", "2024-05-05",
	"2024-06-10", "2024-09-15", "2024-09-16", "2024-09-17", "2024-10-01",
	"2024-10-02", "2024-10-03", "2024-10-04", "2024-10-05", "2024-10-06",
	"2024-10-07", NULL };
static const char *workdays_2024[] = { "2024-02-04", "2024-02-18",
	"2024-04-07", "2024-04-28", "2024-05-11", "2024-09-14", "2024-09-29",
	"2024-10-12", NULL };

static la_day *
days(const char **v, size_t *n)
{
	la_day *out;
	size_t k = 0;

	while (v[k] != NULL)
		k++;
	out = calloc(k, sizeof(*out));
	for (size_t i = 0; i < k && out != NULL; i++) {
		struct la_date d;
		char why[64];

		la_parse_date(v[i], &d, why, sizeof(why));
		out[i] = la_day_from_date(d);
	}
	*n = k;
	return out;
}

int
la_rules_default(struct la_rules *r, struct la_error *err)
{
	memset(r, 0, sizeof(*r));
	la_tz_init(&r->tz, "Asia/Shanghai", err);
	r->calendar.holidays = days(holidays_2024, &r->calendar.nholidays);
	r->calendar.workdays = days(workdays_2024, &r->calendar.nworkdays);
	r->calendar.first = la_day_from_date((struct la_date){ 2024, 1, 1 });
	r->calendar.last = la_day_from_date((struct la_date){ 2024, 12, 31 });
	r->day_unit = LA_DAYS_CALENDAR;
	r->accept_days = 3;
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
	return 0;
}

int
la_rules_load(struct la_rules *r, const char *path, struct la_error *err)
{
	(void)r;
	return la_error_set(err, LA_ERR_RULES, path, 0, NULL,
	    "rules files are not supported by this stub");
}

int
la_rules_print(const struct la_rules *r, FILE *fp, struct la_error *err)
{
	(void)r;
	(void)err;
	fputs("{}\n", fp);
	return 0;
}

void
la_rules_free(struct la_rules *r)
{
	free(r->calendar.holidays);
	free(r->calendar.workdays);
	r->calendar.holidays = r->calendar.workdays = NULL;
}

static const char *actions[] = { "none", "warning", "suspend", "remove" };
static const char *types[] = { "criminal", "civil", "administrative",
	"labor_arbitration", "non_litigation" };

const char *
la_action_name(enum la_action a)
{
	return actions[a];
}

int
la_action_parse(const char *s)
{
	for (int i = 0; i < 4; i++)
		if (strcmp(s, actions[i]) == 0)
			return i;
	return -1;
}

const char *
la_case_type_name(enum la_case_type t)
{
	return types[t];
}

int
la_case_type_parse(const char *s)
{
	for (int i = 0; i < LA_CASE_NTYPES; i++)
		if (strcmp(s, types[i]) == 0)
			return i;
	return -1;
}

int
la_rules_in_district(const struct la_rules *r, const char *district)
{
	(void)r;
	return strstr(district, "綦江") != NULL;
}
