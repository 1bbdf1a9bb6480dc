/* SPDX-License-Identifier: MIT */
/*
 * Audit engine tests. Every expected value is worked out by hand from the
 * rules each test sets: deadlines count calendar days from the day after
 * the start and roll past days off (2024 holidays: Apr 4-6, Sep 15-17,
 * Oct 1-7), and a finding of a missed deadline is dated the first day
 * late.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "audit.h"
#include "catalogue.h"

#define MAX_GOT 64

struct got {
	char kind[40];
	char license_no[40];
	char name[40];
	char events[80];
	char date[16];
	char action[16];
	char case_id[40];
	char detail[300];
	char until[16];
	int nth;
};

struct harness {
	struct la_rules rules;
	struct la_audit_opts o;
	struct la_audit *a;
	struct got got[MAX_GOT];
	int ngot;
	char names[32][40];
	int nnames;
	struct la_record rec;
	int warnings;
};

static int
collect(void *ctx, const struct la_audit_finding *f, struct la_error *err)
{
	struct harness *h = ctx;
	struct got *g = &h->got[h->ngot++];

	(void)err;
	assert_true(h->ngot <= MAX_GOT);
	snprintf(g->kind, sizeof(g->kind), "%s", la_audit_kind_name(f->kind));
	snprintf(g->license_no, sizeof(g->license_no), "%s", f->license_no);
	snprintf(g->name, sizeof(g->name), "%s", f->name);
	snprintf(g->events, sizeof(g->events), "%s%s%s",
	    f->nevents > 0 ? f->events[0] : "", f->nevents > 1 ? ";" : "",
	    f->nevents > 1 ? f->events[1] : "");
	if (f->has_date)
		la_date_format(la_date_from_day(f->date), g->date,
		    sizeof(g->date));
	snprintf(g->action, sizeof(g->action), "%s",
	    la_action_name(f->action));
	snprintf(g->case_id, sizeof(g->case_id), "%s", f->case_id);
	snprintf(g->detail, sizeof(g->detail), "%s", f->detail);
	if (f->action == LA_ACTION_SUSPEND)
		la_date_format(la_date_from_day(f->until), g->until,
		    sizeof(g->until));
	g->nth = f->nth;
	return 0;
}

static void
count_warning(void *ctx, const struct la_error *w)
{
	struct harness *h = ctx;

	(void)w;
	h->warnings++;
}

static la_time
at(const struct harness *h, const char *s)
{
	char why[128];
	la_time t;
	int has_time;

	assert_int_equal(la_parse_time(s, &h->rules.tz, &t, &has_time, why,
	    sizeof(why)), 0);
	return t;
}

static la_day
day(const char *s)
{
	struct la_date d;
	char why[128];

	assert_int_equal(la_parse_date(s, &d, why, sizeof(why)), 0);
	return la_day_from_date(d);
}

/* The defaults of the reference notice, stated here so tests fix them. */
static void
set_rules(struct la_rules *r)
{
	struct la_error err;

	la_error_clear(&err);
	assert_int_equal(la_rules_default(r, &err), 0);
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
	r->subsidy_case[LA_CASE_CRIMINAL] = 800;
	r->subsidy_case[LA_CASE_CIVIL] = 1000;
	r->subsidy_case[LA_CASE_ADMINISTRATIVE] = 1000;
	r->subsidy_case[LA_CASE_LABOR_ARBITRATION] = 600;
	r->subsidy_case[LA_CASE_NON_LITIGATION] = 300;
	r->subsidy_duty_day = 100;
}

static struct harness *
new_harness(void)
{
	struct harness *h = calloc(1, sizeof(*h));

	assert_non_null(h);
	set_rules(&h->rules);
	h->o.rules = &h->rules;
	h->o.as_of = at(h, "2026-01-01 00:00");
	h->o.window = 86400;
	h->o.emit = collect;
	h->o.ctx = h;
	h->o.diag.warn = count_warning;
	h->o.diag.ctx = h;
	la_record_init(&h->rec);
	return h;
}

static void
start(struct harness *h)
{
	struct la_error err;

	la_error_clear(&err);
	h->a = la_audit_new(&h->o, &err);
	assert_non_null(h->a);
}

static const char *
intern(struct harness *h, const char *s, size_t n)
{
	for (int i = 0; i < h->nnames; i++)
		if (strlen(h->names[i]) == n && strncmp(h->names[i], s, n) == 0)
			return h->names[i];
	assert_true(h->nnames < 32 && n < sizeof(h->names[0]));
	memcpy(h->names[h->nnames], s, n);
	h->names[h->nnames][n] = '\0';
	return h->names[h->nnames++];
}

/* Fills rec from "key=value|key=value". */
static void
build(struct harness *h, const char *spec)
{
	const char *p = spec;

	la_record_reset(&h->rec);
	h->rec.line = 2;
	while (*p != '\0') {
		const char *eq = strchr(p, '='), *end = strchr(p, '|');
		const char *name;

		assert_non_null(eq);
		if (end == NULL)
			end = p + strlen(p);
		name = intern(h, p, (size_t)(eq - p));
		/* As a reader does, resolve the catalogue id of the column. */
		assert_non_null(la_record_append(&h->rec, name,
		    la_field_lookup(name, strlen(name)), eq + 1,
		    (size_t)(end - eq - 1), LA_KIND_TEXT));
		p = *end == '|' ? end + 1 : end;
	}
}

static void
feed(struct harness *h, const char *spec)
{
	struct la_error err;

	la_error_clear(&err);
	build(h, spec);
	assert_int_equal(la_audit_feed(h->a, &h->rec, "events.csv", &err), 0);
}

static void
member(struct harness *h, const char *spec)
{
	struct la_error err;

	la_error_clear(&err);
	build(h, spec);
	assert_int_equal(la_audit_add_member(h->a, &h->rec, "roster.csv",
	    &err), 0);
}

static void
finish(struct harness *h)
{
	struct la_error err;

	la_error_clear(&err);
	assert_int_equal(la_audit_finish(h->a, &err), 0);
}

static void
free_harness(struct harness *h)
{
	la_audit_free(h->a);
	la_record_free(&h->rec);
	la_rules_free(&h->rules);
	free(h);
}

static int
count_kind(const struct harness *h, const char *kind)
{
	int n = 0;

	for (int i = 0; i < h->ngot; i++)
		n += strcmp(h->got[i].kind, kind) == 0;
	return n;
}

static const struct got *
first_kind(const struct harness *h, const char *kind)
{
	for (int i = 0; i < h->ngot; i++)
		if (strcmp(h->got[i].kind, kind) == 0)
			return &h->got[i];
	fail_msg("no finding of kind %s", kind);
	return NULL;
}

#define ASSIGN "event=assigned|license_no=L1|case_id=C1"
#define ACCEPT "event=accepted|license_no=L1|case_id=C1"

static void
accept_in_time_last_second(void **state)
{
	struct harness *h = new_harness();

	(void)state;
	start(h);
	/* Tue 5 Mar + 3 days = Fri 8 Mar, a working day. */
	feed(h, "event_id=E1|time=2024-03-05 10:00|" ASSIGN);
	feed(h, "event_id=E2|time=2024-03-08 23:59:59|" ACCEPT);
	finish(h);
	assert_int_equal(h->ngot, 0);
	free_harness(h);
}

static void
accept_late_at_midnight(void **state)
{
	struct harness *h = new_harness();
	const struct got *g;

	(void)state;
	start(h);
	feed(h, "event_id=E1|time=2024-03-05 10:00|" ASSIGN);
	feed(h, "event_id=E2|time=2024-03-09 00:00|" ACCEPT);
	finish(h);
	assert_int_equal(h->ngot, 1);
	g = first_kind(h, "accept_overdue");
	assert_string_equal(g->events, "E1");
	assert_string_equal(g->date, "2024-03-09");
	assert_string_equal(g->case_id, "C1");
	assert_string_equal(g->action, "warning");
	free_harness(h);
}

static void
accept_deadline_at_as_of(void **state)
{
	struct harness *h = new_harness();

	(void)state;
	h->o.as_of = at(h, "2024-03-08 23:59");
	start(h);
	feed(h, "event_id=E1|time=2024-03-05 10:00|" ASSIGN);
	finish(h);
	assert_int_equal(h->ngot, 0);
	free_harness(h);

	h = new_harness();
	h->o.as_of = at(h, "2024-03-09 00:00");
	start(h);
	feed(h, "event_id=E1|time=2024-03-05 10:00|" ASSIGN);
	finish(h);
	assert_int_equal(count_kind(h, "accept_overdue"), 1);
	free_harness(h);
}

static void
accept_deadline_rolls_past_holiday(void **state)
{
	struct harness *h = new_harness();

	(void)state;
	/* Thu 12 Sep + 3 = Sun 15 Sep, a holiday to Tue 17: due Wed 18. */
	h->o.as_of = at(h, "2024-09-19 00:00");
	start(h);
	feed(h, "event_id=E1|time=2024-09-12 09:00|" ASSIGN);
	feed(h, "event_id=E2|time=2024-09-12 09:00|event=assigned|"
	    "license_no=L2|case_id=C2");
	feed(h, "event_id=E3|time=2024-09-18 17:00|event=accepted|"
	    "license_no=L2|case_id=C2");
	finish(h);
	assert_int_equal(h->ngot, 1);
	assert_string_equal(h->got[0].license_no, "L1");
	assert_string_equal(h->got[0].date, "2024-09-19");
	free_harness(h);
}

static void
refusal_reason_accepted_or_not(void **state)
{
	struct harness *h = new_harness();
	const struct got *g;

	(void)state;
	start(h);
	feed(h, "event_id=E1|time=2024-05-06 09:00|" ASSIGN);
	feed(h, "event_id=E2|time=2024-05-06 10:00|event=refused|"
	    "license_no=L1|case_id=C1|reason=回避|reason_accepted=是");
	feed(h, "event_id=E3|time=2024-05-07 09:00|event=assigned|"
	    "license_no=L2|case_id=C1");
	feed(h, "event_id=E4|time=2024-05-07 10:00|event=refused|"
	    "license_no=L2|case_id=C1|reason=too busy|reason_accepted=否");
	finish(h);
	/* Both refusals end the wait for acceptance: no accept_overdue. */
	assert_int_equal(h->ngot, 1);
	g = first_kind(h, "refused_assignment");
	assert_string_equal(g->license_no, "L2");
	assert_string_equal(g->events, "E4");
	assert_string_equal(g->date, "2024-05-07");
	assert_string_equal(g->detail, "reason not accepted: too busy");
	free_harness(h);
}

static void
handler_change_needs_approval(void **state)
{
	struct harness *h = new_harness();

	(void)state;
	start(h);
	feed(h, "event_id=E1|time=2024-05-06 09:00|event=handler_changed|"
	    "license_no=L1|case_id=C1|authorised=yes");
	feed(h, "event_id=E2|time=2024-05-06 10:00|event=handler_changed|"
	    "license_no=L1|case_id=C2|authorised=no");
	finish(h);
	assert_int_equal(h->ngot, 1);
	assert_string_equal(h->got[0].kind, "unauthorised_handler_change");
	assert_string_equal(h->got[0].events, "E2");
	free_harness(h);
}

static void
duty_absence_once_a_day(void **state)
{
	struct harness *h = new_harness();

	(void)state;
	start(h);
	feed(h, "event_id=E1|time=2024-05-06 09:00|event=duty_absent|"
	    "license_no=L1");
	feed(h, "event_id=E2|time=2024-05-06 14:00|event=duty_absent|"
	    "license_no=L1");
	feed(h, "event_id=E3|time=2024-05-07 09:00|event=duty_absent|"
	    "license_no=L1");
	finish(h);
	assert_int_equal(count_kind(h, "duty_absent"), 2);
	assert_string_equal(h->got[0].events, "E1");
	assert_string_equal(h->got[1].events, "E3");
	free_harness(h);
}

static void
quality_band_boundaries(void **state)
{
	struct harness *h = new_harness();

	(void)state;
	assert_int_equal(la_grade_of_score(&h->rules, 80), LA_GRADE_EXCELLENT);
	assert_int_equal(la_grade_of_score(&h->rules, 79.9), LA_GRADE_PASS);
	assert_int_equal(la_grade_of_score(&h->rules, 60), LA_GRADE_PASS);
	assert_int_equal(la_grade_of_score(&h->rules, 59.9),
	    LA_GRADE_UNQUALIFIED);
	h->rules.grade_excellent_min = 90;
	h->rules.grade_pass_min = 70;
	assert_int_equal(la_grade_of_score(&h->rules, 89), LA_GRADE_PASS);
	assert_int_equal(la_grade_of_score(&h->rules, 69),
	    LA_GRADE_UNQUALIFIED);
	free_harness(h);
}

#define CLOSE "event=case_closed|license_no=L1|case_type=civil"

static void
quality_finding_below_pass(void **state)
{
	struct harness *h = new_harness();
	const struct got *g;

	(void)state;
	start(h);
	feed(h, "event_id=E1|time=2024-05-06 09:00|" CLOSE "|case_id=C1|"
	    "score=60");
	feed(h, "event_id=E2|time=2024-05-06 10:00|" CLOSE "|case_id=C2|"
	    "score=59.5");
	feed(h, "event_id=E3|time=2024-05-06 11:00|" CLOSE "|case_id=C3|"
	    "grade=不合格");
	feed(h, "event_id=F1|time=2024-05-07 09:00|event=case_filed|"
	    "license_no=L1|case_id=C1");
	feed(h, "event_id=F2|time=2024-05-07 09:00|event=case_filed|"
	    "license_no=L1|case_id=C2");
	feed(h, "event_id=F3|time=2024-05-07 09:00|event=case_filed|"
	    "license_no=L1|case_id=C3");
	finish(h);
	assert_int_equal(h->ngot, 2);
	g = &h->got[0];
	assert_string_equal(g->kind, "quality_unqualified");
	assert_string_equal(g->case_id, "C2");
	assert_string_equal(g->detail, "score 59.5 is below 60: graded 不合格");
	assert_string_equal(h->got[1].case_id, "C3");
	free_harness(h);
}

static void
filing_deadline_boundary(void **state)
{
	struct harness *h = new_harness();
	const struct got *g;

	(void)state;
	/* Fri 1 Mar + 30 = Sun 31 Mar, rolled to Mon 1 Apr. */
	h->o.as_of = at(h, "2024-04-02 00:00");
	start(h);
	feed(h, "event_id=E1|time=2024-03-01 16:00|" CLOSE "|case_id=C1|"
	    "score=90");
	feed(h, "event_id=E2|time=2024-03-01 16:00|" CLOSE "|case_id=C2|"
	    "score=90");
	feed(h, "event_id=F1|time=2024-04-01 23:00|event=case_filed|"
	    "license_no=L1|case_id=C1");
	finish(h);
	assert_int_equal(h->ngot, 1);
	g = first_kind(h, "filing_overdue");
	assert_string_equal(g->case_id, "C2");
	assert_string_equal(g->date, "2024-04-02");
	assert_string_equal(g->events, "E2");
	assert_string_equal(g->action, "warning");
	free_harness(h);
}

static void
stages_file_separately(void **state)
{
	struct harness *h = new_harness();

	(void)state;
	h->o.as_of = at(h, "2024-07-01 00:00");
	start(h);
	feed(h, "event_id=E1|time=2024-05-06 09:00|event=case_closed|"
	    "license_no=L1|case_type=criminal|case_id=C1|stage=侦查|"
	    "score=85");
	feed(h, "event_id=E2|time=2024-05-20 09:00|event=case_closed|"
	    "license_no=L1|case_type=criminal|case_id=C1|stage=审查起诉|"
	    "score=85");
	feed(h, "event_id=F1|time=2024-05-21 09:00|event=case_filed|"
	    "license_no=L1|case_id=C1|stage=审查起诉");
	finish(h);
	/* Only the investigation stage is unfiled; due Wed 5 Jun. */
	assert_int_equal(h->ngot, 1);
	assert_string_equal(h->got[0].events, "E1");
	assert_string_equal(h->got[0].date, "2024-06-06");
	free_harness(h);
}

#define DUTY "event=duty_attended|license_no=L1"

static void
review_of_duty_day_cases(void **state)
{
	struct harness *h = new_harness();
	const struct got *g;

	(void)state;
	/* Mon 4 Mar + 7 = Mon 11 Mar. */
	h->o.as_of = at(h, "2024-03-12 00:00");
	start(h);
	feed(h, "event_id=D1|time=2024-03-04 08:55|" DUTY);
	feed(h, "event_id=E1|time=2024-03-04 11:00|" CLOSE "|case_id=C1|"
	    "score=85");
	feed(h, "event_id=E2|time=2024-03-04 15:00|" CLOSE "|case_id=C2|"
	    "score=85");
	feed(h, "event_id=E3|time=2024-03-05 10:00|" CLOSE "|case_id=C3|"
	    "score=85");
	feed(h, "event_id=R1|time=2024-03-11 18:00|event=case_reviewed|"
	    "license_no=L1|case_id=C1");
	feed(h, "event_id=F1|time=2024-03-11 18:00|event=case_filed|"
	    "license_no=L1|case_id=C1");
	feed(h, "event_id=F2|time=2024-03-11 18:00|event=case_filed|"
	    "license_no=L1|case_id=C2");
	feed(h, "event_id=F3|time=2024-03-11 18:00|event=case_filed|"
	    "license_no=L1|case_id=C3");
	finish(h);
	/* C3 was closed on a day without duty: no review needed. */
	assert_int_equal(h->ngot, 1);
	g = first_kind(h, "review_overdue");
	assert_string_equal(g->case_id, "C2");
	assert_string_equal(g->events, "D1;E2");
	assert_string_equal(g->date, "2024-03-12");
	assert_string_equal(g->action, "none");
	assert_int_equal(g->nth, 0);
	free_harness(h);
}

static void
review_flag_overrides_inference(void **state)
{
	struct harness *h = new_harness();

	(void)state;
	h->o.as_of = at(h, "2024-03-12 00:00");
	start(h);
	feed(h, "event_id=D1|time=2024-03-04 08:55|" DUTY);
	feed(h, "event_id=E1|time=2024-03-04 11:00|" CLOSE "|case_id=C1|"
	    "score=85|duty=否");
	feed(h, "event_id=E2|time=2024-03-05 11:00|" CLOSE "|case_id=C2|"
	    "score=85|duty=是");
	feed(h, "event_id=F1|time=2024-03-06 18:00|event=case_filed|"
	    "license_no=L1|case_id=C1");
	feed(h, "event_id=F2|time=2024-03-06 18:00|event=case_filed|"
	    "license_no=L1|case_id=C2");
	finish(h);
	/* Tue 5 Mar + 7 = Tue 12 Mar: not yet late at the as-of time. */
	assert_int_equal(h->ngot, 0);
	free_harness(h);
}

static void
authority_rating_removes(void **state)
{
	struct harness *h = new_harness();

	(void)state;
	start(h);
	feed(h, "event_id=E1|time=2024-05-06 09:00|event=rated_unqualified|"
	    "license_no=L1|authority=区司法局");
	finish(h);
	assert_int_equal(h->ngot, 1);
	assert_string_equal(h->got[0].kind, "authority_unqualified");
	assert_string_equal(h->got[0].action, "remove");
	assert_int_equal(h->got[0].nth, 1);
	assert_string_equal(h->got[0].detail,
	    "rated 不合格 by district_bureau");
	free_harness(h);
}

#define COMPLAINT "event=complaint_upheld|license_no=L1"

static void
ladder_three_steps(void **state)
{
	struct harness *h = new_harness();

	(void)state;
	start(h);
	feed(h, "event_id=E1|time=2024-02-01 09:00|" COMPLAINT);
	feed(h, "event_id=E2|time=2024-06-10 09:00|" COMPLAINT);
	feed(h, "event_id=E3|time=2024-11-30 09:00|" COMPLAINT);
	finish(h);
	assert_int_equal(h->ngot, 3);
	assert_string_equal(h->got[0].action, "warning");
	assert_string_equal(h->got[1].action, "suspend");
	/* 10 Jun + 3 months = 10 Sep. */
	assert_string_equal(h->got[1].until, "2024-09-10");
	assert_string_equal(h->got[2].action, "remove");
	assert_int_equal(h->got[2].nth, 3);
	free_harness(h);
}

static void
ladder_window_boundary(void **state)
{
	struct harness *h = new_harness();

	(void)state;
	start(h);
	/* 15 Jan 2025 - 12 months = 15 Jan 2024, inside the window. */
	feed(h, "event_id=E1|time=2024-01-15 09:00|" COMPLAINT);
	feed(h, "event_id=E3|time=2024-01-15 09:00|event=complaint_upheld|"
	    "license_no=L2");
	feed(h, "event_id=E2|time=2025-01-15 09:00|" COMPLAINT);
	feed(h, "event_id=E4|time=2025-01-16 09:00|event=complaint_upheld|"
	    "license_no=L2");
	finish(h);
	assert_int_equal(h->ngot, 4);
	assert_string_equal(h->got[2].events, "E2");
	assert_string_equal(h->got[2].action, "suspend");
	assert_int_equal(h->got[2].nth, 2);
	/* For 16 Jan 2025 the window starts 16 Jan 2024. */
	assert_string_equal(h->got[3].events, "E4");
	assert_string_equal(h->got[3].action, "warning");
	assert_int_equal(h->got[3].nth, 1);
	free_harness(h);
}

static void
ladder_mixes_kinds(void **state)
{
	struct harness *h = new_harness();

	(void)state;
	h->o.as_of = at(h, "2024-03-20 00:00");
	start(h);
	feed(h, "event_id=E1|time=2024-03-05 10:00|" ASSIGN);
	feed(h, "event_id=E2|time=2024-03-11 09:00|event=duty_absent|"
	    "license_no=L1");
	finish(h);
	/* accept_overdue on 9 Mar is the first, the absence the second. */
	assert_int_equal(h->ngot, 2);
	assert_string_equal(h->got[0].kind, "accept_overdue");
	assert_string_equal(h->got[0].action, "warning");
	assert_string_equal(h->got[1].kind, "duty_absent");
	assert_string_equal(h->got[1].action, "suspend");
	assert_string_equal(h->got[1].until, "2024-06-11");
	free_harness(h);
}

static void
midnight_shanghai_not_utc(void **state)
{
	struct harness *h = new_harness();
	const struct got *g;

	(void)state;
	h->o.as_of = at(h, "2024-03-20 00:00");
	start(h);
	/*
	 * 16:30Z on 4 Mar is 00:30 on Tue 5 Mar in Shanghai, so acceptance
	 * is due by Fri 8 Mar (by UTC it would be Thu 7 Mar). 15:59:59Z on
	 * 8 Mar is 23:59:59 local: in time. 16:00Z on 8 Mar is midnight
	 * starting 9 Mar: late.
	 */
	feed(h, "event_id=E1|time=2024-03-04T16:30:00Z|" ASSIGN);
	feed(h, "event_id=E3|time=2024-03-04T16:30:00Z|event=assigned|"
	    "license_no=L2|case_id=C2");
	feed(h, "event_id=E2|time=2024-03-08T15:59:59Z|" ACCEPT);
	feed(h, "event_id=E4|time=2024-03-08T16:00:00Z|event=accepted|"
	    "license_no=L2|case_id=C2");
	finish(h);
	assert_int_equal(h->ngot, 1);
	g = first_kind(h, "accept_overdue");
	assert_string_equal(g->license_no, "L2");
	assert_string_equal(g->date, "2024-03-09");
	free_harness(h);
}

static void
duty_day_is_local_date(void **state)
{
	struct harness *h = new_harness();

	(void)state;
	h->o.as_of = at(h, "2024-03-20 00:00");
	start(h);
	/* 4 Mar 23:30Z and 5 Mar 01:00Z are both 5 Mar in Shanghai. */
	feed(h, "event_id=D1|time=2024-03-04T23:30:00Z|" DUTY);
	feed(h, "event_id=E1|time=2024-03-05T01:00:00Z|" CLOSE "|case_id=C1|"
	    "score=85");
	feed(h, "event_id=F1|time=2024-03-06 09:00|event=case_filed|"
	    "license_no=L1|case_id=C1");
	finish(h);
	/* Tue 5 Mar + 7 = Tue 12 Mar: late from 13 Mar. */
	assert_int_equal(h->ngot, 1);
	assert_string_equal(h->got[0].kind, "review_overdue");
	assert_string_equal(h->got[0].date, "2024-03-13");
	free_harness(h);
}

static void
duplicate_event_counts_once(void **state)
{
	struct harness *h = new_harness();

	(void)state;
	start(h);
	feed(h, "event_id=E1|time=2024-02-01 09:00|" COMPLAINT);
	feed(h, "event_id=E1|time=2024-02-01 09:00|" COMPLAINT);
	feed(h, "event_id=E2|time=2024-02-01 09:05|" COMPLAINT);
	finish(h);
	assert_int_equal(h->ngot, 2);
	assert_string_equal(h->got[1].events, "E2");
	/* E2 is the second finding, not the third. */
	assert_string_equal(h->got[1].action, "suspend");
	assert_int_equal(h->warnings, 1);
	free_harness(h);
}

static void
duplicate_after_window_not_applied(void **state)
{
	struct harness *h = new_harness();

	(void)state;
	h->o.window = 3600;
	start(h);
	feed(h, "event_id=E1|time=2024-02-01 09:00|" COMPLAINT);
	feed(h, "event_id=E2|time=2024-02-03 09:00|event=duty_attended|"
	    "license_no=L2");
	feed(h, "event_id=E3|time=2024-02-05 09:00|event=duty_attended|"
	    "license_no=L2");
	/* E1 was applied and forgotten; its copy is now too old. */
	feed(h, "event_id=E1|time=2024-02-01 09:00|" COMPLAINT);
	finish(h);
	assert_int_equal(count_kind(h, "complaint_upheld"), 1);
	assert_int_equal(count_kind(h, "out_of_order"), 1);
	assert_string_equal(first_kind(h, "out_of_order")->action, "none");
	free_harness(h);
}

static void
reorder_within_window(void **state)
{
	struct harness *h = new_harness();

	(void)state;
	h->o.as_of = at(h, "2024-03-20 00:00");
	start(h);
	/* The acceptance is read first but happened after the assignment. */
	feed(h, "event_id=E2|time=2024-03-05 11:00|" ACCEPT);
	feed(h, "event_id=E1|time=2024-03-05 10:00|" ASSIGN);
	finish(h);
	assert_int_equal(h->ngot, 0);
	free_harness(h);
}

static void
out_of_order_beyond_window(void **state)
{
	struct harness *h = new_harness();
	const struct got *g;

	(void)state;
	h->o.as_of = at(h, "2024-03-20 00:00");
	h->o.window = 3600;
	start(h);
	feed(h, "event_id=E1|time=2024-03-05 10:00|" ASSIGN);
	feed(h, "event_id=E3|time=2024-03-06 10:00|" DUTY);
	feed(h, "event_id=E4|time=2024-03-06 12:00|" DUTY);
	feed(h, "event_id=E2|time=2024-03-05 11:00|" ACCEPT);
	finish(h);
	/* E2 is not applied, so the assignment also goes overdue. */
	assert_int_equal(h->ngot, 2);
	g = first_kind(h, "out_of_order");
	assert_string_equal(g->events, "E2");
	assert_string_equal(g->date, "2024-03-05");
	assert_int_equal(count_kind(h, "accept_overdue"), 1);
	free_harness(h);
}

static void
unknown_member_reported_and_audited(void **state)
{
	struct harness *h = new_harness();
	const struct got *g;

	(void)state;
	start(h);
	member(h, "license_no=L1|name=张三|practice_unit=甲律师事务所|"
	    "status=active");
	feed(h, "event_id=E1|time=2024-02-01 09:00|event=complaint_upheld|"
	    "license_no=L9|name=王五");
	feed(h, "event_id=E2|time=2024-02-02 09:00|event=complaint_upheld|"
	    "license_no=L9");
	finish(h);
	assert_int_equal(h->ngot, 3);
	g = first_kind(h, "unknown_member");
	assert_string_equal(g->license_no, "L9");
	assert_string_equal(g->events, "E1");
	assert_string_equal(g->name, "王五");
	assert_int_equal(count_kind(h, "complaint_upheld"), 2);
	assert_string_equal(h->got[2].action, "suspend");
	assert_int_equal(h->warnings, 1);
	free_harness(h);
}

static void
invalid_event_reported(void **state)
{
	struct harness *h = new_harness();

	(void)state;
	start(h);
	feed(h, "event_id=E1|time=2024-02-30 09:00|" COMPLAINT);
	feed(h, "event_id=E2|time=2024-02-01 09:00|event=refused|"
	    "license_no=L1|case_id=C1");
	finish(h);
	assert_int_equal(h->ngot, 2);
	assert_string_equal(h->got[0].kind, "invalid_event");
	assert_string_equal(h->got[0].date, "");
	assert_string_equal(h->got[1].kind, "invalid_event");
	assert_string_equal(h->got[1].detail, "reason_accepted is missing");
	assert_string_equal(h->got[1].date, "2024-02-01");
	assert_string_equal(h->got[1].action, "none");
	assert_int_equal(h->warnings, 2);
	free_harness(h);
}

static void
events_after_as_of_skipped(void **state)
{
	struct harness *h = new_harness();

	(void)state;
	h->o.as_of = at(h, "2024-02-01 12:00");
	start(h);
	feed(h, "event_id=E1|time=2024-02-01 09:00|" COMPLAINT);
	feed(h, "event_id=E2|time=2024-02-01 12:01|" COMPLAINT);
	finish(h);
	assert_int_equal(h->ngot, 1);
	assert_int_equal(h->warnings, 1);
	free_harness(h);
}

static void
period_filters_output_not_ladder(void **state)
{
	struct harness *h = new_harness();

	(void)state;
	h->o.has_from = 1;
	h->o.from = day("2024-03-01");
	h->o.has_to = 1;
	h->o.to = day("2024-03-31");
	start(h);
	feed(h, "event_id=E1|time=2024-02-01 09:00|" COMPLAINT);
	feed(h, "event_id=E2|time=2024-03-01 09:00|" COMPLAINT);
	feed(h, "event_id=E3|time=2024-04-01 09:00|" COMPLAINT);
	finish(h);
	assert_int_equal(h->ngot, 1);
	assert_string_equal(h->got[0].events, "E2");
	assert_string_equal(h->got[0].action, "suspend");
	free_harness(h);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(accept_in_time_last_second),
		cmocka_unit_test(accept_late_at_midnight),
		cmocka_unit_test(accept_deadline_at_as_of),
		cmocka_unit_test(accept_deadline_rolls_past_holiday),
		cmocka_unit_test(refusal_reason_accepted_or_not),
		cmocka_unit_test(handler_change_needs_approval),
		cmocka_unit_test(duty_absence_once_a_day),
		cmocka_unit_test(quality_band_boundaries),
		cmocka_unit_test(quality_finding_below_pass),
		cmocka_unit_test(filing_deadline_boundary),
		cmocka_unit_test(stages_file_separately),
		cmocka_unit_test(review_of_duty_day_cases),
		cmocka_unit_test(review_flag_overrides_inference),
		cmocka_unit_test(authority_rating_removes),
		cmocka_unit_test(ladder_three_steps),
		cmocka_unit_test(ladder_window_boundary),
		cmocka_unit_test(ladder_mixes_kinds),
		cmocka_unit_test(midnight_shanghai_not_utc),
		cmocka_unit_test(duty_day_is_local_date),
		cmocka_unit_test(duplicate_event_counts_once),
		cmocka_unit_test(duplicate_after_window_not_applied),
		cmocka_unit_test(reorder_within_window),
		cmocka_unit_test(out_of_order_beyond_window),
		cmocka_unit_test(unknown_member_reported_and_audited),
		cmocka_unit_test(invalid_event_reported),
		cmocka_unit_test(events_after_as_of_skipped),
		cmocka_unit_test(period_filters_output_not_ladder),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
