/* SPDX-License-Identifier: MIT */
/* Output rows: findings, roster changes and the sample of closed cases. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit_impl.h"
#include "catalogue.h"

static int
add(struct la_record *r, const char *name, int id, const char *value,
    enum la_kind kind)
{
	return la_record_append(r, name, id, value, strlen(value), kind) ==
	    NULL ? -1 : 0;
}

static void
format_day(int has, la_day d, char *buf, size_t size)
{
	if (has)
		la_date_format(la_date_from_day(d), buf, size);
	else
		snprintf(buf, size, "%s", "");
}

static const char *
join_events(const struct la_audit_finding *f, struct la_record *out)
{
	if (f->nevents == 0)
		return "";
	if (f->nevents == 1)
		return f->events[0];
	return la_record_printf(out, "%s;%s", f->events[0], f->events[1]);
}

int
la_audit_finding_record(const struct la_audit *a,
    const struct la_audit_finding *f, struct la_record *out)
{
	const char *events;
	char date[16];

	(void)a;
	la_record_reset(out);
	if ((events = join_events(f, out)) == NULL)
		return -1;
	format_day(f->has_date, f->date, date, sizeof(date));
	if (add(out, "license_no", LA_F_LICENSE_NO, f->license_no,
	    LA_KIND_TEXT) == -1 ||
	    add(out, "name", LA_F_NAME, f->name, LA_KIND_TEXT) == -1 ||
	    add(out, "kind", -1, la_audit_kind_name(f->kind),
	    LA_KIND_TEXT) == -1 ||
	    add(out, "events", -1, events, LA_KIND_LIST) == -1 ||
	    add(out, "date", -1, date, LA_KIND_TEXT) == -1 ||
	    add(out, "action", -1, la_action_name(f->action),
	    LA_KIND_TEXT) == -1 ||
	    add(out, "case_id", -1, f->case_id, LA_KIND_TEXT) == -1 ||
	    add(out, "detail", -1, f->detail, LA_KIND_TEXT) == -1)
		return -1;
	return 0;
}

int
la_audit_finding_shape(struct la_record *out)
{
	static const char *const names[] = {
		"license_no", "name", "kind", "events", "date", "action",
		"case_id", "detail"
	};
	static const int ids[] = { LA_F_LICENSE_NO, LA_F_NAME, -1, -1, -1,
	    -1, -1, -1 };

	la_record_reset(out);
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (add(out, names[i], ids[i], "", LA_KIND_TEXT) == -1)
			return -1;
	return 0;
}

int
la_audit_change_shape(struct la_record *out)
{
	la_record_reset(out);
	if (add(out, "license_no", LA_F_LICENSE_NO, "", LA_KIND_TEXT) == -1 ||
	    add(out, "action", -1, "", LA_KIND_TEXT) == -1 ||
	    add(out, "reason", -1, "", LA_KIND_TEXT) == -1 ||
	    add(out, "until", -1, "", LA_KIND_TEXT) == -1)
		return -1;
	return 0;
}

/*
 * Nonzero when the roster already shows the change, or a suspension ended
 * before the as-of day, so that a daily run does not repeat old changes.
 */
static int
already_applied(const struct la_audit *a, const struct la_audit_finding *f)
{
	if (f->roster_status == LA_RS_REMOVED)
		return 1;
	if (f->action == LA_ACTION_REMOVE)
		return 0;
	if (f->until < la_audit_day(a, a->o.as_of))
		return 1;
	return f->roster_status == LA_RS_SUSPENDED &&
	    f->has_suspended_until && f->suspended_until >= f->until;
}

int
la_audit_change_record(struct la_audit *a,
    const struct la_audit_finding *f, struct la_record *out)
{
	struct la_audit_member *m = la_amap_get(&a->members, f->license_no);
	char date[16], until[16];
	const char *reason;

	if (f->action != LA_ACTION_SUSPEND && f->action != LA_ACTION_REMOVE)
		return 0;
	if (a->have_roster && !f->in_roster)
		return 0;
	if (already_applied(a, f) || (m != NULL && m->removal_written))
		return 0;
	if (m != NULL && f->action == LA_ACTION_REMOVE)
		m->removal_written = 1;
	la_record_reset(out);
	format_day(f->has_date, f->date, date, sizeof(date));
	format_day(f->action == LA_ACTION_SUSPEND, f->until, until,
	    sizeof(until));
	reason = la_record_printf(out, "la-audit: %s on %s, finding %d in "
	    "%d months (event %s)", la_audit_kind_name(f->kind), date, f->nth,
	    a->rules->sanction_window_months,
	    f->nevents > 0 ? f->events[f->nevents - 1] : "-");
	if (reason == NULL ||
	    add(out, "license_no", LA_F_LICENSE_NO, f->license_no,
	    LA_KIND_TEXT) == -1 ||
	    add(out, "action", -1, la_action_name(f->action),
	    LA_KIND_TEXT) == -1 ||
	    add(out, "reason", -1, reason, LA_KIND_TEXT) == -1 ||
	    add(out, "until", -1, until, LA_KIND_TEXT) == -1)
		return -1;
	return 1;
}

static int
by_serial(const void *x, const void *y)
{
	const struct la_sample_slot *s = x, *t = y;

	return s->serial < t->serial ? -1 : s->serial > t->serial;
}

static int
sample_row(const struct la_audit *a, const struct la_sample_slot *s,
    struct la_record *out)
{
	struct la_audit_member *m = la_amap_get(&a->members, s->license_no);
	char closed[32], score[32];

	la_record_reset(out);
	la_time_format(&a->rules->tz, s->time, closed, sizeof(closed));
	if (s->has_score)
		la_audit_format_number(s->score, score, sizeof(score));
	else
		score[0] = '\0';
	if (add(out, "case_id", -1, s->case_id, LA_KIND_TEXT) == -1 ||
	    add(out, "stage", -1, s->stage, LA_KIND_TEXT) == -1 ||
	    add(out, "case_type", -1, la_case_type_name(s->case_type),
	    LA_KIND_TEXT) == -1 ||
	    add(out, "license_no", LA_F_LICENSE_NO, s->license_no,
	    LA_KIND_TEXT) == -1 ||
	    add(out, "name", LA_F_NAME, m != NULL ? m->name : "",
	    LA_KIND_TEXT) == -1 ||
	    add(out, "closed_at", -1, closed, LA_KIND_TEXT) == -1 ||
	    add(out, "score", -1, score,
	    s->has_score ? LA_KIND_NUMBER : LA_KIND_NULL) == -1 ||
	    add(out, "grade", -1, la_grade_name(s->grade),
	    LA_KIND_TEXT) == -1 ||
	    add(out, "event_id", -1, s->event_id, LA_KIND_TEXT) == -1)
		return -1;
	return 0;
}

int
la_audit_sample(struct la_audit *a, la_audit_put_fn put, void *ctx,
    struct la_error *err)
{
	struct la_record out;
	int rc = 0;

	/* qsort(3) must not get NULL, which slots is with no closed case. */
	if (a->nslots > 1)
		qsort(a->slots, a->nslots, sizeof(*a->slots), by_serial);
	la_record_init(&out);
	for (size_t i = 0; i < a->nslots && rc == 0; i++) {
		if (sample_row(a, &a->slots[i], &out) == -1)
			rc = la_error_set(err, LA_ERR_NOMEM, NULL, 0, NULL,
			    "out of memory");
		else if (put(ctx, &out, err) != 0)
			rc = -1;
	}
	la_record_free(&out);
	return rc;
}
