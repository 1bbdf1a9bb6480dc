/* SPDX-License-Identifier: MIT */
#ifndef SCHEDULE_FIXTURE_H
#define SCHEDULE_FIXTURE_H

/*
 * Test fixtures for the schedule tests: the 2024 holiday calendar as the
 * State Council published it (国办发明电〔2023〕7号), and pools and rules
 * built in memory, without the roster reader or the rules loader.
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rules.h"
#include "schedule.h"

static inline la_day
day_of(int y, int m, int d)
{
	struct la_date dt = { y, m, d };

	return la_day_from_date(dt);
}

static const int fixture_holidays_2024[][2] = {
	{ 1, 1 }, { 2, 10 }, { 2, 11 }, { 2, 12 }, { 2, 13 }, { 2, 14 },
	{ 2, 15 }, { 2, 16 }, { 2, 17 }, { 4, 4 }, { 4, 5 }, { 4, 6 },
	{ 5, 1 }, { 5, 2 }, { 5, 3 }, { 5, 4 }, { 5, 5 }, { 6, 10 },
	{ 9, 15 }, { 9, 16 }, { 9, 17 }, { 10, 1 }, { 10, 2 }, { 10, 3 },
	{ 10, 4 }, { 10, 5 }, { 10, 6 }, { 10, 7 },
};

static const int fixture_workdays_2024[][2] = {
	{ 2, 4 }, { 2, 18 }, { 4, 7 }, { 4, 28 }, { 5, 11 }, { 9, 14 },
	{ 9, 29 }, { 10, 12 },
};

#define FIXTURE_N(a) (sizeof(a) / sizeof((a)[0]))

/* Rules with the 2024 calendar and no posts; free with fixture_rules_free. */
static inline void
fixture_rules(struct la_rules *r)
{
	struct la_calendar *cal = &r->calendar;

	memset(r, 0, sizeof(*r));
	cal->nholidays = FIXTURE_N(fixture_holidays_2024);
	cal->nworkdays = FIXTURE_N(fixture_workdays_2024);
	cal->holidays = calloc(cal->nholidays, sizeof(la_day));
	cal->workdays = calloc(cal->nworkdays, sizeof(la_day));
	for (size_t i = 0; i < cal->nholidays; i++)
		cal->holidays[i] = day_of(2024, fixture_holidays_2024[i][0],
		    fixture_holidays_2024[i][1]);
	for (size_t i = 0; i < cal->nworkdays; i++)
		cal->workdays[i] = day_of(2024, fixture_workdays_2024[i][0],
		    fixture_workdays_2024[i][1]);
	cal->first = day_of(2024, 1, 1);
	cal->last = day_of(2024, 12, 31);
	r->max_open_cases = 5;
	r->serious_case_min_years = 3;
	r->criminal_min_years = 2;
	r->accept_days = 3;
	r->entrustment_days = 5;
	r->assign_days = 3;
	r->notice_assign_days = 3;
	r->day_unit = LA_DAYS_CALENDAR;
}

static inline void
fixture_rules_free(struct la_rules *r)
{
	free(r->calendar.holidays);
	free(r->calendar.workdays);
}

/* Adds a post running Monday to Friday (and on worked weekend days). */
static inline int
fixture_post(struct la_rules *r, const char *name, int seats,
    unsigned requires, int alternates)
{
	struct la_post *p = &r->posts[r->nposts];

	snprintf(p->name, sizeof(p->name), "%s", name);
	p->weekdays = 1u << 1 | 1u << 2 | 1u << 3 | 1u << 4 | 1u << 5;
	p->seats = seats;
	p->requires = requires;
	p->alternates = alternates;
	return r->nposts++;
}

/*
 * Appends an active lawyer who agreed to duty and offers every service.
 * Members must be added in licence order. unit NULL means none given.
 */
static inline struct la_member *
fixture_member(struct la_pool *pool, const char *license_no,
    const char *unit)
{
	struct la_member *m;

	pool->members = realloc(pool->members,
	    (pool->n + 1) * sizeof(*pool->members));
	m = &pool->members[pool->n++];
	memset(m, 0, sizeof(*m));
	m->license_no = strdup(license_no);
	m->name = strdup(license_no);
	m->unit = strdup(unit != NULL ? unit : "");
	m->unit_id = -1;
	if (unit != NULL) {
		for (size_t i = 0; i < pool->nunits; i++)
			if (strcmp(pool->units[i], unit) == 0)
				m->unit_id = (int)i;
		if (m->unit_id < 0) {
			pool->units = realloc(pool->units,
			    (pool->nunits + 1) * sizeof(char *));
			pool->units[pool->nunits] = strdup(unit);
			m->unit_id = (int)pool->nunits++;
		}
	}
	m->category = LA_CAT_LAWYER;
	m->services = LA_SVC_ALL;
	m->duty = 1;
	m->status = LA_MEMBER_ACTIVE;
	m->suspended_until = LA_SCHED_NO_DAY;
	m->term_start = LA_SCHED_NO_DAY;
	m->term_end = LA_SCHED_NO_DAY;
	m->criminal_years = 10;
	m->criminal_since = LA_SCHED_NO_DAY;
	m->line = (long)pool->n + 1;
	return m;
}

#endif
