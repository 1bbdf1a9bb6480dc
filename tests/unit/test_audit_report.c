/* SPDX-License-Identifier: MIT */
/*
 * Tests of the audit's outputs: event parsing, the summary and its
 * subsidy arithmetic, the sample of closed cases and roster changes.
 * Expected values are worked out by hand in the comments.
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

#define MAX_ROWS 16
#define MAX_COLS 20

/* A captured output row: field names and values. */
struct row {
	char name[MAX_COLS][24];
	char value[MAX_COLS][160];
	int n;
};

struct harness {
	struct la_rules rules;
	struct la_audit_opts o;
	struct la_audit *a;
	struct row rows[MAX_ROWS];
	int nrows;
	int changes;		/* capture change rows, not findings */
	char names[32][40];
	int nnames;
	struct la_record rec;
	struct la_record out;
};

static void
capture(struct harness *h, const struct la_record *r)
{
	struct row *w = &h->rows[h->nrows++];

	assert_true(h->nrows <= MAX_ROWS);
	assert_true(r->nfields <= MAX_COLS);
	w->n = (int)r->nfields;
	for (size_t i = 0; i < r->nfields; i++) {
		snprintf(w->name[i], sizeof(w->name[i]), "%s",
		    r->fields[i].name);
		snprintf(w->value[i], sizeof(w->value[i]), "%s",
		    r->fields[i].value);
	}
}

static const char *
cell(const struct row *w, const char *name)
{
	for (int i = 0; i < w->n; i++)
		if (strcmp(w->name[i], name) == 0)
			return w->value[i];
	fail_msg("no column %s", name);
	return NULL;
}

static int
on_finding(void *ctx, const struct la_audit_finding *f, struct la_error *err)
{
	struct harness *h = ctx;
	int rc;

	(void)err;
	if (!h->changes)
		return 0;
	rc = la_audit_change_record(h->a, f, &h->out);
	assert_true(rc >= 0);
	if (rc == 1)
		capture(h, &h->out);
	return 0;
}

static int
on_row(void *ctx, const struct la_record *r, struct la_error *err)
{
	(void)err;
	capture(ctx, r);
	return 0;
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

static struct harness *
new_harness(const char *as_of)
{
	struct harness *h = calloc(1, sizeof(*h));
	struct la_error err;

	assert_non_null(h);
	la_error_clear(&err);
	assert_int_equal(la_rules_default(&h->rules, &err), 0);
	h->rules.day_unit = LA_DAYS_CALENDAR;
	h->rules.filing_days = 30;
	h->rules.duty_review_days = 7;
	h->rules.accept_days = 3;
	h->rules.sanction_window_months = 12;
	h->rules.nladder = 3;
	h->rules.ladder[0] = LA_ACTION_WARNING;
	h->rules.ladder[1] = LA_ACTION_SUSPEND;
	h->rules.ladder[2] = LA_ACTION_REMOVE;
	h->rules.suspend_months = 3;
	h->rules.authority_rating_action = LA_ACTION_REMOVE;
	h->rules.grade_excellent_min = 80;
	h->rules.grade_pass_min = 60;
	h->rules.subsidy_case[LA_CASE_CRIMINAL] = 800;
	h->rules.subsidy_case[LA_CASE_CIVIL] = 1000;
	h->rules.subsidy_duty_day = 100;
	h->o.rules = &h->rules;
	h->o.as_of = at(h, as_of);
	h->o.window = 86400;
	h->o.emit = on_finding;
	h->o.ctx = h;
	la_record_init(&h->rec);
	la_record_init(&h->out);
	return h;
}

static void
start(struct harness *h)
{
	struct la_error err;

	la_error_clear(&err);
	assert_non_null(h->a = la_audit_new(&h->o, &err));
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

/* Fills rec from "key=value|key=value", resolving catalogue ids. */
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
	la_record_free(&h->out);
	la_rules_free(&h->rules);
	free(h);
}

static void
parse_chinese_columns(void **state)
{
	struct harness *h = new_harness("2025-01-01 00:00");
	struct la_audit_event ev;
	char why[200];
	int has_time;

	(void)state;
	build(h, "事件编号=E7|时间=2024年3月5日 09:30|事件=结案|"
	    "执业证号=15001201010000001|案号=渝綦法援〔2024〕12号|"
	    "案件类型=刑事|阶段=侦查|评分=79.5|值班案件=否");
	if (la_audit_event_parse(&h->rec, &h->rules, NULL, &ev, &has_time,
	    why, sizeof(why)) != 0)
		fail_msg("%s", why);
	assert_int_equal(ev.type, LA_EV_CASE_CLOSED);
	assert_string_equal(ev.id, "E7");
	assert_string_equal(ev.license_no, "15001201010000001");
	assert_string_equal(ev.case_id, "渝綦法援〔2024〕12号");
	assert_string_equal(ev.stage, "侦查");
	assert_int_equal(ev.case_type, LA_CASE_CRIMINAL);
	assert_true(ev.has_score);
	assert_int_equal(ev.grade, LA_GRADE_PASS);
	assert_int_equal(ev.duty, 0);
	assert_true(ev.time == at(h, "2024-03-05 09:30"));
	free_harness(h);
}

static void
expect_invalid(struct harness *h, const char *spec, const char *message)
{
	struct la_audit_event ev;
	char why[200];
	int has_time;

	build(h, spec);
	assert_int_equal(la_audit_event_parse(&h->rec, &h->rules, NULL, &ev,
	    &has_time, why, sizeof(why)), -1);
	assert_string_equal(why, message);
}

#define BASE "event_id=E1|time=2024-03-05 09:30|license_no=L1|case_id=C1|"

static void
parse_rejects_bad_values(void **state)
{
	struct harness *h = new_harness("2025-01-01 00:00");

	(void)state;
	expect_invalid(h, BASE "event=meeting",
	    "event is not a known event: \"meeting\"");
	expect_invalid(h, BASE "event=case_closed|case_type=civil|score=101",
	    "score is not a score from 0 to 100: \"101\"");
	expect_invalid(h, BASE "event=case_closed|case_type=civil",
	    "score and grade are both missing");
	expect_invalid(h, BASE "event=case_closed|case_type=家事|score=80",
	    "case_type is not a known case type: \"家事\"");
	expect_invalid(h, BASE "event=case_closed|case_type=civil|grade=好",
	    "grade is not 优良, 合格 or 不合格: \"好\"");
	expect_invalid(h, BASE "event=handler_changed|authorised=maybe",
	    "authorised is not yes or no: \"maybe\"");
	expect_invalid(h, BASE "event=rated_unqualified|authority=法院",
	    "authority is not 司法部, 市司法局, 区委政法委 or 区司法局: "
	    "\"法院\"");
	expect_invalid(h, "event_id=E1|time=2024-03-05|event=accepted|"
	    "license_no=L1", "case_id is missing");
	expect_invalid(h, "time=2024-03-05|event=duty_absent|license_no=L1",
	    "event_id is missing");
	free_harness(h);
}

static void
score_overrules_grade(void **state)
{
	struct harness *h = new_harness("2025-01-01 00:00");
	struct la_audit_event ev;
	char why[200];
	int has_time;

	(void)state;
	build(h, BASE "event=case_closed|case_type=civil|score=59|grade=合格");
	assert_int_equal(la_audit_event_parse(&h->rec, &h->rules, NULL, &ev,
	    &has_time, why, sizeof(why)), 0);
	assert_int_equal(ev.grade, LA_GRADE_UNQUALIFIED);
	free_harness(h);
}

/*
 * L1 (甲所): criminal case C1 closes three stages, scored 85 (优良, 800),
 * 70 (合格, 800) and 55 (不合格, nothing), each filed in time; civil case
 * C2 scores 90 on Thu 2 May but is never filed: 2 May + 30 = Sat 1 Jun,
 * rolled to Mon 3 Jun, so on 4 Jun it turns 不合格 and loses its 1000.
 * Duty on 4 Mar (twice) and 11 Mar: 2 days, 200.
 *   closed 4; grades 1/1/2; average (85 + 70 + 55 + 90) / 4 = 75;
 *   findings: quality (C1 trial) and filing (C2) = 2;
 *   subsidy 800 + 800 + 200 = 1800.
 * L2 (甲所): civil C3 graded 合格 without a score (1000), one absence,
 * one duty day (100): subsidy 1100, average empty.
 * L3 (乙所): nothing.
 * 甲所: closed 5, grades 1/2/2, average 300 / 4 = 75, duty 3, missed 1,
 * findings 3, cases 2600, duty 300, total 2900.
 */
static void
summary_subsidy_by_hand(void **state)
{
	struct harness *h = new_harness("2024-06-30 00:00");
	struct la_error err;
	const struct row *w;

	(void)state;
	start(h);
	member(h, "license_no=L1|name=张三|practice_unit=甲所|status=active");
	member(h, "license_no=L2|name=李四|practice_unit=甲所|status=active");
	member(h, "license_no=L3|name=王五|practice_unit=乙所|status=active");
	feed(h, "event_id=A1|time=2024-03-01 09:00|event=assigned|"
	    "license_no=L1|case_id=C1");
	feed(h, "event_id=A2|time=2024-03-01 10:00|event=accepted|"
	    "license_no=L1|case_id=C1");
	feed(h, "event_id=D1|time=2024-03-04 09:00|event=duty_attended|"
	    "license_no=L1");
	feed(h, "event_id=D2|time=2024-03-04 14:00|event=duty_attended|"
	    "license_no=L1");
	feed(h, "event_id=K1|time=2024-03-10 09:00|event=case_closed|"
	    "license_no=L1|case_id=C1|stage=侦查|case_type=criminal|score=85");
	feed(h, "event_id=D3|time=2024-03-11 09:00|event=duty_attended|"
	    "license_no=L1");
	feed(h, "event_id=F1|time=2024-03-12 09:00|event=case_filed|"
	    "license_no=L1|case_id=C1|stage=侦查");
	feed(h, "event_id=K5|time=2024-04-01 09:00|event=case_closed|"
	    "license_no=L2|case_id=C3|case_type=civil|grade=合格");
	feed(h, "event_id=F5|time=2024-04-02 09:00|event=case_filed|"
	    "license_no=L2|case_id=C3");
	feed(h, "event_id=X1|time=2024-04-08 09:00|event=duty_absent|"
	    "license_no=L2");
	feed(h, "event_id=D4|time=2024-04-09 09:00|event=duty_attended|"
	    "license_no=L2");
	feed(h, "event_id=K2|time=2024-04-10 09:00|event=case_closed|"
	    "license_no=L1|case_id=C1|stage=审查起诉|case_type=criminal|"
	    "score=70");
	feed(h, "event_id=F2|time=2024-04-12 09:00|event=case_filed|"
	    "license_no=L1|case_id=C1|stage=审查起诉");
	feed(h, "event_id=K4|time=2024-05-02 09:00|event=case_closed|"
	    "license_no=L1|case_id=C2|case_type=civil|score=90");
	feed(h, "event_id=K3|time=2024-05-10 09:00|event=case_closed|"
	    "license_no=L1|case_id=C1|stage=审判|case_type=criminal|score=55");
	feed(h, "event_id=F3|time=2024-05-12 09:00|event=case_filed|"
	    "license_no=L1|case_id=C1|stage=审判");
	finish(h);
	la_error_clear(&err);
	assert_int_equal(la_audit_summary(h->a, on_row, h, &err), 0);
	/* Three members, two units, the total. */
	assert_int_equal(h->nrows, 6);

	w = &h->rows[0];
	assert_string_equal(cell(w, "scope"), "member");
	assert_string_equal(cell(w, "license_no"), "L1");
	assert_string_equal(cell(w, "practice_unit"), "甲所");
	assert_string_equal(cell(w, "period_from"), "2024-03-01");
	assert_string_equal(cell(w, "period_to"), "2024-06-30");
	assert_string_equal(cell(w, "assigned"), "1");
	assert_string_equal(cell(w, "closed"), "4");
	assert_string_equal(cell(w, "grade_excellent"), "1");
	assert_string_equal(cell(w, "grade_pass"), "1");
	assert_string_equal(cell(w, "grade_unqualified"), "2");
	assert_string_equal(cell(w, "average_score"), "75");
	assert_string_equal(cell(w, "duty_attended"), "2");
	assert_string_equal(cell(w, "duty_missed"), "0");
	assert_string_equal(cell(w, "findings"), "2");
	assert_string_equal(cell(w, "subsidy_cases"), "1600");
	assert_string_equal(cell(w, "subsidy_duty"), "200");
	assert_string_equal(cell(w, "subsidy"), "1800");

	w = &h->rows[1];
	assert_string_equal(cell(w, "license_no"), "L2");
	assert_string_equal(cell(w, "closed"), "1");
	assert_string_equal(cell(w, "grade_pass"), "1");
	assert_string_equal(cell(w, "average_score"), "");
	assert_string_equal(cell(w, "duty_missed"), "1");
	assert_string_equal(cell(w, "findings"), "1");
	assert_string_equal(cell(w, "subsidy"), "1100");

	w = &h->rows[2];
	assert_string_equal(cell(w, "license_no"), "L3");
	assert_string_equal(cell(w, "closed"), "0");
	assert_string_equal(cell(w, "subsidy"), "0");

	/* Units sort by code point: 乙 U+4E59 before 甲 U+7532. */
	assert_string_equal(cell(&h->rows[3], "practice_unit"), "乙所");
	assert_string_equal(cell(&h->rows[3], "subsidy"), "0");

	w = &h->rows[4];
	assert_string_equal(cell(w, "scope"), "unit");
	assert_string_equal(cell(w, "practice_unit"), "甲所");
	assert_string_equal(cell(w, "license_no"), "");
	assert_string_equal(cell(w, "closed"), "5");
	assert_string_equal(cell(w, "grade_excellent"), "1");
	assert_string_equal(cell(w, "grade_pass"), "2");
	assert_string_equal(cell(w, "grade_unqualified"), "2");
	assert_string_equal(cell(w, "average_score"), "75");
	assert_string_equal(cell(w, "duty_attended"), "3");
	assert_string_equal(cell(w, "findings"), "3");
	assert_string_equal(cell(w, "subsidy_cases"), "2600");
	assert_string_equal(cell(w, "subsidy_duty"), "300");
	assert_string_equal(cell(w, "subsidy"), "2900");

	assert_string_equal(cell(&h->rows[5], "scope"), "total");
	assert_string_equal(cell(&h->rows[5], "subsidy"), "2900");
	free_harness(h);
}

static void
summary_period_counts_inside_only(void **state)
{
	struct harness *h = new_harness("2024-06-30 00:00");
	struct la_error err;
	struct la_date d = { 2024, 4, 1 };

	(void)state;
	h->o.has_from = 1;
	h->o.from = la_day_from_date(d);
	start(h);
	/* Only the April duty day and case count: 100 + 1000. */
	feed(h, "event_id=D1|time=2024-03-29 09:00|event=duty_attended|"
	    "license_no=L1");
	feed(h, "event_id=D2|time=2024-04-01 09:00|event=duty_attended|"
	    "license_no=L1");
	feed(h, "event_id=K1|time=2024-04-02 09:00|event=case_closed|"
	    "license_no=L1|case_id=C1|case_type=civil|score=88");
	feed(h, "event_id=F1|time=2024-04-03 09:00|event=case_filed|"
	    "license_no=L1|case_id=C1");
	finish(h);
	la_error_clear(&err);
	assert_int_equal(la_audit_summary(h->a, on_row, h, &err), 0);
	assert_string_equal(cell(&h->rows[0], "period_from"), "2024-04-01");
	assert_string_equal(cell(&h->rows[0], "duty_attended"), "1");
	assert_string_equal(cell(&h->rows[0], "subsidy"), "1100");
	free_harness(h);
}

static void
close_four(struct harness *h)
{
	feed(h, "event_id=K1|time=2024-04-01 09:00|event=case_closed|"
	    "license_no=L1|case_id=C1|case_type=civil|score=81");
	feed(h, "event_id=K2|time=2024-04-02 09:00|event=case_closed|"
	    "license_no=L1|case_id=C2|case_type=civil|score=82");
	feed(h, "event_id=K3|time=2024-04-03 09:00|event=case_closed|"
	    "license_no=L1|case_id=C3|case_type=civil|score=83");
	feed(h, "event_id=K4|time=2024-04-04 09:00|event=case_closed|"
	    "license_no=L1|case_id=C4|case_type=civil|score=84");
}

/*
 * SplitMix64 from seed 0 gives 0xe220a8397b1dcdaf, 0x6e789e6aa1b965f4,
 * 0x06c45d188009454f (the published reference values).
 * N = 1: case 2 (from 0) draws 1st % 2 = 1 >= 1, kept out; case 3 draws
 * 2nd % 3 = 0, replaces slot 0; case 4 draws 3rd % 4 = 3, kept out.
 * Sample: C3.
 * N = 2: case 3 draws 1st % 3 = 1, replaces C2; case 4 draws 2nd % 4 = 0,
 * replaces C1. Sample in closing order: C3, C4.
 */
static void
sample_reproducible_by_hand(void **state)
{
	struct harness *h = new_harness("2024-06-30 00:00");
	struct la_error err;
	struct la_rng g;

	(void)state;
	la_rng_seed(&g, 0);
	assert_true(la_rng_next(&g) == 0xe220a8397b1dcdafULL);
	assert_true(la_rng_next(&g) == 0x6e789e6aa1b965f4ULL);
	assert_true(la_rng_next(&g) == 0x06c45d188009454fULL);

	h->o.sample = 1;
	h->o.seed = 0;
	start(h);
	close_four(h);
	finish(h);
	la_error_clear(&err);
	assert_int_equal(la_audit_sample(h->a, on_row, h, &err), 0);
	assert_int_equal(h->nrows, 1);
	assert_string_equal(cell(&h->rows[0], "case_id"), "C3");
	assert_string_equal(cell(&h->rows[0], "score"), "83");
	free_harness(h);

	h = new_harness("2024-06-30 00:00");
	h->o.sample = 2;
	h->o.seed = 0;
	start(h);
	close_four(h);
	finish(h);
	assert_int_equal(la_audit_sample(h->a, on_row, h, &err), 0);
	assert_int_equal(h->nrows, 2);
	assert_string_equal(cell(&h->rows[0], "case_id"), "C3");
	assert_string_equal(cell(&h->rows[1], "case_id"), "C4");
	/* Never filed: 4 Apr + 30 = 4 May, a holiday, so due 6 May. */
	assert_string_equal(cell(&h->rows[1], "grade"), "unqualified");
	free_harness(h);
}

static void
sample_larger_than_cases(void **state)
{
	struct harness *h = new_harness("2024-04-10 00:00");
	struct la_error err;

	(void)state;
	h->o.sample = 10;
	h->o.seed = 7;
	start(h);
	close_four(h);
	finish(h);
	la_error_clear(&err);
	assert_int_equal(la_audit_sample(h->a, on_row, h, &err), 0);
	assert_int_equal(h->nrows, 4);
	assert_string_equal(cell(&h->rows[0], "case_id"), "C1");
	assert_string_equal(cell(&h->rows[3], "case_id"), "C4");
	assert_string_equal(cell(&h->rows[3], "grade"), "excellent");
	assert_string_equal(cell(&h->rows[3], "closed_at"), "2024-04-04 09:00");
	free_harness(h);
}

#define COMPLAINT "event=complaint_upheld|license_no="

/*
 * As of 1 Jul 2024. L1 (active): the second complaint on 10 Jun suspends
 * to 10 Sep. L2 is already suspended to 10 Sep: no change. L3 is removed:
 * no change. L4 is not in the roster: no change. L5 (active) is rated
 * 不合格 on 1 May: removed. L6: a suspension of 1 Mar ran to 1 Jun,
 * before the as-of day: no change.
 */
static void
changes_skip_what_roster_shows(void **state)
{
	struct harness *h = new_harness("2024-07-01 00:00");

	(void)state;
	h->changes = 1;
	start(h);
	member(h, "license_no=L1|name=甲|status=active");
	member(h, "license_no=L2|name=乙|status=suspended|"
	    "suspended_until=2024-09-10");
	member(h, "license_no=L3|name=丙|status=removed");
	member(h, "license_no=L5|name=戊|status=active");
	member(h, "license_no=L6|name=己|status=active");
	feed(h, "event_id=E1|time=2024-02-01 09:00|" COMPLAINT "L1");
	feed(h, "event_id=E2|time=2024-02-01 09:00|" COMPLAINT "L2");
	feed(h, "event_id=E3|time=2024-02-01 09:00|" COMPLAINT "L3");
	feed(h, "event_id=E4|time=2024-02-01 09:00|" COMPLAINT "L4");
	feed(h, "event_id=E5|time=2024-02-01 09:00|" COMPLAINT "L6");
	feed(h, "event_id=E6|time=2024-03-01 09:00|" COMPLAINT "L3");
	feed(h, "event_id=E7|time=2024-03-01 09:00|" COMPLAINT "L6");
	feed(h, "event_id=E8|time=2024-04-01 09:00|" COMPLAINT "L3");
	feed(h, "event_id=E9|time=2024-05-01 09:00|event=rated_unqualified|"
	    "license_no=L5|authority=市司法局");
	feed(h, "event_id=E10|time=2024-06-10 09:00|" COMPLAINT "L1");
	feed(h, "event_id=E11|time=2024-06-10 09:00|" COMPLAINT "L2");
	feed(h, "event_id=E12|time=2024-06-10 09:00|" COMPLAINT "L4");
	finish(h);
	assert_int_equal(h->nrows, 2);
	assert_string_equal(cell(&h->rows[0], "license_no"), "L5");
	assert_string_equal(cell(&h->rows[0], "action"), "remove");
	assert_string_equal(cell(&h->rows[0], "until"), "");
	assert_string_equal(cell(&h->rows[1], "license_no"), "L1");
	assert_string_equal(cell(&h->rows[1], "action"), "suspend");
	assert_string_equal(cell(&h->rows[1], "until"), "2024-09-10");
	assert_string_equal(cell(&h->rows[1], "reason"),
	    "la-audit: complaint_upheld on 2024-06-10, finding 2 in 12 months "
	    "(event E10)");
	assert_int_equal(h->rows[1].n, 4);
	free_harness(h);
}

/*
 * L7's fourth complaint within 12 months is past the ladder's end and gets
 * remove again, but la-roster rejects a second removal: one row only.
 */
static void
changes_remove_once(void **state)
{
	struct harness *h = new_harness("2024-07-01 00:00");

	(void)state;
	h->changes = 1;
	start(h);
	member(h, "license_no=L7|name=庚|status=active");
	feed(h, "event_id=E1|time=2024-02-01 09:00|" COMPLAINT "L7");
	feed(h, "event_id=E2|time=2024-03-01 09:00|" COMPLAINT "L7");
	feed(h, "event_id=E3|time=2024-04-01 09:00|" COMPLAINT "L7");
	feed(h, "event_id=E4|time=2024-05-01 09:00|" COMPLAINT "L7");
	finish(h);
	assert_int_equal(h->nrows, 1);
	assert_string_equal(cell(&h->rows[0], "action"), "remove");
	assert_string_equal(cell(&h->rows[0], "reason"),
	    "la-audit: complaint_upheld on 2024-04-01, finding 3 in 12 months "
	    "(event E3)");
	free_harness(h);
}

static void
numbers_format(void **state)
{
	char buf[32];

	(void)state;
	la_audit_format_number(75, buf, sizeof(buf));
	assert_string_equal(buf, "75");
	la_audit_format_number(82.5, buf, sizeof(buf));
	assert_string_equal(buf, "82.5");
	la_audit_format_number(250.0 / 3, buf, sizeof(buf));
	assert_string_equal(buf, "83.33");
	la_audit_format_number(-0.001, buf, sizeof(buf));
	assert_string_equal(buf, "0");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(parse_chinese_columns),
		cmocka_unit_test(parse_rejects_bad_values),
		cmocka_unit_test(score_overrules_grade),
		cmocka_unit_test(summary_subsidy_by_hand),
		cmocka_unit_test(summary_period_counts_inside_only),
		cmocka_unit_test(sample_reproducible_by_hand),
		cmocka_unit_test(sample_larger_than_cases),
		cmocka_unit_test(changes_skip_what_roster_shows),
		cmocka_unit_test(changes_remove_once),
		cmocka_unit_test(numbers_format),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
