/* SPDX-License-Identifier: MIT */
/*
 * Open obligations and their deadlines: an assignment to accept, a closed
 * case to file, a duty-day case to review. Each lives in a map by key
 * until it is met, and in a heap by the instant it becomes late.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit_impl.h"

static int
nomem(struct la_error *err)
{
	return la_error_set(err, LA_ERR_NOMEM, NULL, 0, NULL, "out of memory");
}

void
la_audit_obligation_free(struct la_obligation *ob)
{
	free(ob);
}

static void
fmt_day(la_day d, char *buf, size_t size)
{
	la_date_format(la_date_from_day(d), buf, size);
}

/* Last day allowed for a period of n days from start, by the rules. */
static la_day
deadline(struct la_audit *a, la_day start, int n)
{
	const struct la_rules *r = a->rules;
	la_day due = la_deadline(&r->calendar, start, n, r->day_unit);

	if (!la_calendar_covers(&r->calendar, due) && !a->warned_calendar) {
		char day[16];

		fmt_day(due, day, sizeof(day));
		la_warn(&a->o.diag, NULL, 0, NULL,
		    "the holiday calendar does not cover %s: deadlines there "
		    "skip weekends only", day);
		a->warned_calendar = 1;
	}
	return due;
}

/* Writes "tag US s1 US s2" into buf, which has room for key_size(). */
static void
write_key(char *buf, char tag, const char *s1, const char *s2)
{
	size_t n1 = strlen(s1), n2 = strlen(s2);

	buf[0] = tag;
	buf[1] = '\x1f';
	memcpy(buf + 2, s1, n1);
	buf[2 + n1] = '\x1f';
	memcpy(buf + 3 + n1, s2, n2 + 1);
}

static size_t
key_size(const char *s1, const char *s2)
{
	return strlen(s1) + strlen(s2) + 4;
}

static struct la_obligation *
find_obligation(struct la_audit *a, char tag, const char *s1,
    const char *s2)
{
	char buf[512];
	char *k = buf;
	struct la_obligation *ob;

	if (key_size(s1, s2) > sizeof(buf) &&
	    (k = malloc(key_size(s1, s2))) == NULL)
		return NULL;
	write_key(k, tag, s1, s2);
	ob = la_amap_get(&a->obligations, k);
	if (k != buf)
		free(k);
	return ob;
}

/* Marks an obligation met; the deadline heap frees it later. */
void
la_audit_close_obligation(struct la_audit *a, char tag, const char *s1,
    const char *s2)
{
	struct la_obligation *ob = find_obligation(a, tag, s1, s2);

	if (ob != NULL) {
		la_amap_remove(&a->obligations, ob->key);
		ob->dead = 1;
	}
}

static char *
put_text(char **p, const char *s)
{
	size_t n = strlen(s) + 1;
	char *start = *p;

	memcpy(start, s, n);
	*p += n;
	return start;
}

/*
 * An obligation opened by ev, keyed by tag, the case id and s2. Its
 * strings share its allocation, which makes one malloc per obligation.
 */
static struct la_obligation *
new_obligation(enum la_obligation_kind kind, char tag,
    const struct la_audit_event *ev, const char *s2, const char *duty_event)
{
	size_t size = key_size(ev->case_id, s2) + strlen(ev->id) +
	    strlen(ev->case_id) + strlen(ev->stage) + strlen(duty_event) + 4;
	struct la_obligation *ob = malloc(sizeof(*ob) + size);
	char *p;

	if (ob == NULL)
		return NULL;
	memset(ob, 0, sizeof(*ob));
	ob->kind = kind;
	ob->key = ob->text;
	write_key(ob->key, tag, ev->case_id, s2);
	p = ob->key + key_size(ev->case_id, s2);
	ob->event_id = put_text(&p, ev->id);
	ob->case_id = put_text(&p, ev->case_id);
	ob->stage = put_text(&p, ev->stage);
	ob->duty_event = put_text(&p, duty_event);
	ob->case_type = ev->case_type;
	ob->grade = LA_GRADE_NONE;
	ob->sample_slot = -1;
	return ob;
}

/* Registers ob with a deadline of n days from start. */
static int
open_obligation(struct la_audit *a, struct la_obligation *ob,
    struct la_audit_member *m, la_day start, int n, struct la_error *err)
{
	la_time expiry;

	ob->member = m;
	ob->start = start;
	ob->due = deadline(a, start, n);
	expiry = la_tz_to_time(&a->rules->tz, la_date_from_day(ob->due + 1),
	    0, 0, 0);
	if (la_amap_put(&a->obligations, ob->key, ob) == -1) {
		la_audit_obligation_free(ob);
		return nomem(err);
	}
	if (la_aheap_push(&a->deadlines, expiry, a->seq++, ob) == -1) {
		la_amap_remove(&a->obligations, ob->key);
		la_audit_obligation_free(ob);
		return nomem(err);
	}
	return 0;
}

static int
fire_accept(struct la_audit *a, struct la_obligation *ob,
    struct la_error *err)
{
	struct la_audit_finding f = { .kind = LA_AK_ACCEPT_OVERDUE };
	char start[16], due[16], detail[160];

	fmt_day(ob->start, start, sizeof(start));
	fmt_day(ob->due, due, sizeof(due));
	snprintf(detail, sizeof(detail),
	    "assigned on %s, not accepted by %s", start, due);
	f.events[f.nevents++] = ob->event_id;
	f.has_date = 1;
	f.date = ob->due + 1;
	f.case_id = ob->case_id;
	f.detail = detail;
	return la_audit_report(a, &f, ob->member, err);
}

/* A case filed late is graded 不合格 and earns no subsidy. */
static void
regrade_unqualified(struct la_audit *a, struct la_obligation *ob)
{
	struct la_audit_counts *c = &ob->member->c;

	if (ob->grade == LA_GRADE_UNQUALIFIED)
		return;
	if (ob->in_period) {
		c->grades[ob->grade]--;
		c->grades[LA_GRADE_UNQUALIFIED]++;
		c->subsidy_cases -= ob->subsidy;
	}
	ob->subsidy = 0;
	ob->grade = LA_GRADE_UNQUALIFIED;
	la_audit_sample_regrade(a, ob);
}

static int
fire_filing(struct la_audit *a, struct la_obligation *ob,
    struct la_error *err)
{
	struct la_audit_finding f = { .kind = LA_AK_FILING_OVERDUE };
	char start[16], due[16], detail[200];

	regrade_unqualified(a, ob);
	fmt_day(ob->start, start, sizeof(start));
	fmt_day(ob->due, due, sizeof(due));
	if (*ob->stage != '\0')
		snprintf(detail, sizeof(detail), "stage %s closed on %s, not "
		    "filed by %s: graded 不合格", ob->stage, start, due);
	else
		snprintf(detail, sizeof(detail), "closed on %s, not filed by "
		    "%s: graded 不合格", start, due);
	f.events[f.nevents++] = ob->event_id;
	f.has_date = 1;
	f.date = ob->due + 1;
	f.case_id = ob->case_id;
	f.detail = detail;
	return la_audit_report(a, &f, ob->member, err);
}

static int
fire_review(struct la_audit *a, struct la_obligation *ob,
    struct la_error *err)
{
	struct la_audit_finding f = { .kind = LA_AK_REVIEW_OVERDUE };
	char start[16], due[16], detail[200];

	fmt_day(ob->start, start, sizeof(start));
	fmt_day(ob->due, due, sizeof(due));
	snprintf(detail, sizeof(detail),
	    "case closed on duty day %s, not reviewed by %s", start, due);
	if (*ob->duty_event != '\0')
		f.events[f.nevents++] = ob->duty_event;
	f.events[f.nevents++] = ob->event_id;
	f.has_date = 1;
	f.date = ob->due + 1;
	f.case_id = ob->case_id;
	f.detail = detail;
	return la_audit_report(a, &f, ob->member, err);
}

static int
fire(struct la_audit *a, struct la_obligation *ob, struct la_error *err)
{
	switch (ob->kind) {
	case LA_OB_ACCEPT:
		return fire_accept(a, ob, err);
	case LA_OB_FILING:
		return fire_filing(a, ob, err);
	default:
		return fire_review(a, ob, err);
	}
}

/*
 * Fires every deadline whose first late instant is at or before t: an
 * event stamped exactly at local midnight after the last day is late.
 */
int
la_audit_fire_until(struct la_audit *a, la_time t, struct la_error *err)
{
	const struct la_aheap_item *top;

	while ((top = la_aheap_top(&a->deadlines)) != NULL && top->time <= t) {
		struct la_obligation *ob = top->ptr;
		int rc = 0;

		la_aheap_pop(&a->deadlines);
		if (!ob->dead) {
			la_amap_remove(&a->obligations, ob->key);
			rc = fire(a, ob, err);
		}
		la_audit_obligation_free(ob);
		if (rc == -1)
			return -1;
	}
	return 0;
}

int
la_audit_apply_assigned(struct la_audit *a, const struct la_audit_event *ev,
    struct la_audit_member *m, struct la_error *err)
{
	la_day day = la_audit_day(a, ev->time);
	struct la_obligation *ob;

	if (la_audit_in_period(a, day))
		m->c.assigned++;
	if (find_obligation(a, 'A', ev->case_id, ev->license_no) != NULL)
		return 0;
	if ((ob = new_obligation(LA_OB_ACCEPT, 'A', ev, ev->license_no,
	    "")) == NULL)
		return nomem(err);
	return open_obligation(a, ob, m, day, a->rules->accept_days, err);
}


/* Counts a closed case for its member: grade, score and subsidy. */
static void
count_closed(struct la_audit *a, struct la_obligation *ob,
    const struct la_audit_event *ev)
{
	struct la_audit_counts *c = &ob->member->c;

	ob->grade = ev->grade;
	ob->subsidy = ev->grade == LA_GRADE_UNQUALIFIED ? 0 :
	    a->rules->subsidy_case[ev->case_type];
	if (!ob->in_period)
		return;
	c->closed++;
	c->grades[ob->grade]++;
	if (ev->has_score) {
		c->scored++;
		c->score_sum += ev->score;
	}
	c->subsidy_cases += ob->subsidy;
}

static int
report_quality(struct la_audit *a, const struct la_audit_event *ev,
    struct la_audit_member *m, struct la_error *err)
{
	struct la_audit_finding f = { .kind = LA_AK_QUALITY_UNQUALIFIED };
	char score[32], pass[32], detail[160];

	if (ev->has_score) {
		la_audit_format_number(ev->score, score, sizeof(score));
		la_audit_format_number(a->rules->grade_pass_min, pass,
		    sizeof(pass));
		snprintf(detail, sizeof(detail),
		    "score %s is below %s: graded 不合格", score, pass);
	} else
		snprintf(detail, sizeof(detail), "graded 不合格");
	f.events[f.nevents++] = ev->id;
	f.has_date = 1;
	f.date = la_audit_day(a, ev->time);
	f.case_id = ev->case_id;
	f.detail = detail;
	return la_audit_report(a, &f, m, err);
}

/*
 * A case closed on a day its member did duty needs a review. The event's
 * duty column marks such a case. When the column is empty, the case counts
 * if the member's attendance that day was applied before the closing.
 */
static int
open_review(struct la_audit *a, const struct la_audit_event *ev,
    struct la_audit_member *m, la_day day, struct la_error *err)
{
	int same_day = m->has_duty_day && m->duty_day == day;
	struct la_obligation *ob;

	if (ev->duty == 0 || (ev->duty == -1 && !same_day))
		return 0;
	if (find_obligation(a, 'R', ev->case_id, ev->stage) != NULL)
		return 0;
	if ((ob = new_obligation(LA_OB_REVIEW, 'R', ev, ev->stage,
	    same_day ? m->duty_event : "")) == NULL)
		return nomem(err);
	return open_obligation(a, ob, m, day, a->rules->duty_review_days, err);
}

/*
 * A closed case (one procedural stage) is graded and counted at once and
 * must be filed within filing_days; a second closing of a stage that is
 * still open is ignored with a warning.
 */
int
la_audit_apply_closed(struct la_audit *a, const struct la_audit_event *ev,
    struct la_audit_member *m, struct la_error *err)
{
	la_day day = la_audit_day(a, ev->time);
	struct la_obligation *ob;

	if (find_obligation(a, 'F', ev->case_id, ev->stage) != NULL) {
		la_warn(&a->o.diag, ev->file, ev->line, LA_AUDIT_F_CASE_ID,
		    "case \"%s\" stage \"%s\" is closed again before it was "
		    "filed: event \"%s\" ignored", ev->case_id, ev->stage,
		    ev->id);
		return 0;
	}
	if ((ob = new_obligation(LA_OB_FILING, 'F', ev, ev->stage, "")) ==
	    NULL)
		return nomem(err);
	ob->member = m;
	ob->in_period = la_audit_in_period(a, day);
	count_closed(a, ob, ev);
	if (ob->in_period && la_audit_sample_add(a, ob, ev) == -1) {
		la_audit_obligation_free(ob);
		return nomem(err);
	}
	if (open_obligation(a, ob, m, day, a->rules->filing_days, err) == -1)
		return -1;
	if (ev->grade == LA_GRADE_UNQUALIFIED &&
	    report_quality(a, ev, m, err) == -1)
		return -1;
	return open_review(a, ev, m, day, err);
}
