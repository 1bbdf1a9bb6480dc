/* SPDX-License-Identifier: MIT */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit_impl.h"
#include "catalogue.h"
#include "normalize.h"

static const char *kind_names[LA_AK_NKINDS] = {
	[LA_AK_REFUSED_ASSIGNMENT] = "refused_assignment",
	[LA_AK_UNAUTHORISED_HANDLER_CHANGE] = "unauthorised_handler_change",
	[LA_AK_DUTY_ABSENT] = "duty_absent",
	[LA_AK_QUALITY_UNQUALIFIED] = "quality_unqualified",
	[LA_AK_AUTHORITY_UNQUALIFIED] = "authority_unqualified",
	[LA_AK_COMPLAINT_UPHELD] = "complaint_upheld",
	[LA_AK_ACCEPT_OVERDUE] = "accept_overdue",
	[LA_AK_FILING_OVERDUE] = "filing_overdue",
	[LA_AK_REVIEW_OVERDUE] = "review_overdue",
	[LA_AK_UNKNOWN_MEMBER] = "unknown_member",
	[LA_AK_INVALID_EVENT] = "invalid_event",
	[LA_AK_OUT_OF_ORDER] = "out_of_order",
};

const char *
la_audit_kind_name(enum la_audit_kind k)
{
	return kind_names[k];
}

/*
 * The member's own misconduct counts on the ladder. A late review is the
 * centre's task, and the last three kinds are about the input.
 */
int
la_audit_kind_on_ladder(enum la_audit_kind k)
{
	return k <= LA_AK_FILING_OVERDUE;
}

la_day
la_audit_day(const struct la_audit *a, la_time t)
{
	return la_tz_day(&a->rules->tz, t);
}

int
la_audit_in_period(const struct la_audit *a, la_day d)
{
	return (!a->o.has_from || d >= a->o.from) &&
	    (!a->o.has_to || d <= a->o.to);
}

static char *
dup_text(const char *s)
{
	return strdup(s != NULL ? s : "");
}

struct la_audit *
la_audit_new(const struct la_audit_opts *o, struct la_error *err)
{
	struct la_audit *a = calloc(1, sizeof(*a));

	if (a == NULL) {
		la_error_set(err, LA_ERR_NOMEM, NULL, 0, NULL, "out of memory");
		return NULL;
	}
	a->o = *o;
	a->rules = o->rules;
	la_rng_seed(&a->rng, o->seed);
	return a;
}

static void
member_free(void *p)
{
	struct la_audit_member *m = p;

	free(m->license_no);
	free(m->name);
	free(m->unit);
	free(m->recent);
	free(m->duty_event);
	free(m);
}

void
la_audit_free(struct la_audit *a)
{
	if (a == NULL)
		return;
	la_audit_order_free(a);
	/* Open obligations are both in the map and in the heap. */
	la_amap_free(&a->obligations);
	for (size_t i = 0; i < a->deadlines.n; i++)
		la_audit_obligation_free(a->deadlines.v[i].ptr);
	la_aheap_free(&a->deadlines);
	la_amap_each(&a->members, member_free);
	la_amap_free(&a->members);
	la_audit_sample_free(a);
	free(a);
}

static struct la_audit_member *
member_new(const char *license_no, const char *name)
{
	struct la_audit_member *m = calloc(1, sizeof(*m));

	if (m == NULL)
		return NULL;
	m->license_no = dup_text(license_no);
	m->name = dup_text(name);
	m->unit = dup_text("");
	if (m->license_no == NULL || m->name == NULL || m->unit == NULL) {
		member_free(m);
		return NULL;
	}
	return m;
}

/*
 * The member with this licence number, created when first seen. A name
 * from an event fills in a member that has none (members not in the
 * roster). Returns NULL on no memory.
 */
struct la_audit_member *
la_audit_member_get(struct la_audit *a, const char *license_no,
    const char *name)
{
	struct la_audit_member *m = la_amap_get(&a->members, license_no);

	if (m != NULL) {
		if (*m->name == '\0' && name != NULL && *name != '\0') {
			char *copy = strdup(name);

			if (copy == NULL)
				return NULL;
			free(m->name);
			m->name = copy;
		}
		return m;
	}
	if ((m = member_new(license_no, name)) == NULL)
		return NULL;
	if (la_amap_put(&a->members, m->license_no, m) == -1) {
		member_free(m);
		return NULL;
	}
	return m;
}

static int
nomem(struct la_error *err)
{
	return la_error_set(err, LA_ERR_NOMEM, NULL, 0, NULL, "out of memory");
}

static void
fill_member(struct la_audit_finding *f, const struct la_audit_member *m)
{
	if (m == NULL) {
		if (f->name == NULL)
			f->name = "";
		return;
	}
	f->license_no = m->license_no;
	f->name = m->name;
	f->in_roster = m->in_roster;
	f->roster_status = m->status;
	f->has_suspended_until = m->has_suspended_until;
	f->suspended_until = m->suspended_until;
}

static void
set_action(struct la_audit *a, struct la_audit_finding *f,
    struct la_audit_member *m)
{
	const struct la_rules *r = a->rules;

	f->action = LA_ACTION_NONE;
	f->nth = 0;
	if (m == NULL || !f->has_date || !la_audit_kind_on_ladder(f->kind))
		return;
	f->action = la_audit_ladder(r, m, f->date, &f->nth);
	if (f->kind == LA_AK_AUTHORITY_UNQUALIFIED &&
	    r->authority_rating_action > f->action)
		f->action = r->authority_rating_action;
	if (f->action == LA_ACTION_SUSPEND)
		f->until = la_day_from_date(la_date_add_months(
		    la_date_from_day(f->date), r->suspend_months));
}

/*
 * Gives the finding its action from the ladder and passes it on, unless
 * its date lies outside the period. Every finding on the ladder counts
 * there, in the period or not. m may be NULL (an invalid event).
 */
int
la_audit_report(struct la_audit *a, struct la_audit_finding *f,
    struct la_audit_member *m, struct la_error *err)
{
	if (f->case_id == NULL)
		f->case_id = "";
	if (f->license_no == NULL)
		f->license_no = "";
	if (f->detail == NULL)
		f->detail = "";
	fill_member(f, m);
	set_action(a, f, m);
	if (f->has_date && !la_audit_in_period(a, f->date))
		return 0;
	if (m != NULL)
		m->c.findings++;
	a->stats.findings++;
	a->stats.by_action[f->action]++;
	if (a->o.emit == NULL || a->o.emit(a->o.ctx, f, err) == 0)
		return 0;
	if (err != NULL && err->code == LA_ERR_NONE)
		la_error_set(err, LA_ERR_IO, NULL, 0, NULL,
		    "cannot write a finding");
	return -1;
}

static int
report_event(struct la_audit *a, enum la_audit_kind kind,
    const struct la_audit_event *ev, struct la_audit_member *m,
    const char *detail, struct la_error *err)
{
	struct la_audit_finding f = { .kind = kind };

	f.events[f.nevents++] = ev->id;
	f.has_date = 1;
	f.date = la_audit_day(a, ev->time);
	f.case_id = ev->case_id;
	f.detail = detail;
	return la_audit_report(a, &f, m, err);
}

static int
apply_refused(struct la_audit *a, const struct la_audit_event *ev,
    struct la_audit_member *m, struct la_error *err)
{
	char detail[300];

	la_audit_close_obligation(a, 'A', ev->case_id, ev->license_no);
	if (ev->reason_accepted)
		return 0;
	if (*ev->reason != '\0')
		snprintf(detail, sizeof(detail), "reason not accepted: %s",
		    ev->reason);
	else
		snprintf(detail, sizeof(detail), "refused with no reason");
	return report_event(a, LA_AK_REFUSED_ASSIGNMENT, ev, m, detail, err);
}

static int
apply_handler_changed(struct la_audit *a, const struct la_audit_event *ev,
    struct la_audit_member *m, struct la_error *err)
{
	la_audit_close_obligation(a, 'A', ev->case_id, ev->license_no);
	if (ev->authorised)
		return 0;
	return report_event(a, LA_AK_UNAUTHORISED_HANDLER_CHANGE, ev, m,
	    "handler changed without the centre's approval", err);
}

static int
apply_duty_attended(struct la_audit *a, const struct la_audit_event *ev,
    struct la_audit_member *m, struct la_error *err)
{
	la_day day = la_audit_day(a, ev->time);
	char *id;

	if (m->has_duty_day && m->duty_day == day)
		return 0;
	if ((id = strdup(ev->id)) == NULL)
		return nomem(err);
	if (la_audit_in_period(a, day)) {
		m->c.duty_attended++;
		m->c.subsidy_duty += a->rules->subsidy_duty_day;
	}
	free(m->duty_event);
	m->duty_event = id;
	m->has_duty_day = 1;
	m->duty_day = day;
	return 0;
}

/* A second absence on the same day is the same absence. */
static int
apply_duty_absent(struct la_audit *a, const struct la_audit_event *ev,
    struct la_audit_member *m, struct la_error *err)
{
	la_day day = la_audit_day(a, ev->time);

	if (m->has_absent_day && m->absent_day == day)
		return 0;
	m->has_absent_day = 1;
	m->absent_day = day;
	if (la_audit_in_period(a, day))
		m->c.duty_missed++;
	return report_event(a, LA_AK_DUTY_ABSENT, ev, m,
	    "absent from a duty day", err);
}

static int
apply_rated(struct la_audit *a, const struct la_audit_event *ev,
    struct la_audit_member *m, struct la_error *err)
{
	char detail[160];

	snprintf(detail, sizeof(detail), "rated 不合格 by %s",
	    la_authority_name(ev->authority));
	return report_event(a, LA_AK_AUTHORITY_UNQUALIFIED, ev, m, detail,
	    err);
}

static int
apply_complaint(struct la_audit *a, const struct la_audit_event *ev,
    struct la_audit_member *m, struct la_error *err)
{
	char detail[300];

	if (*ev->reason != '\0')
		snprintf(detail, sizeof(detail), "complaint upheld: %s",
		    ev->reason);
	else
		snprintf(detail, sizeof(detail), "complaint upheld");
	return report_event(a, LA_AK_COMPLAINT_UPHELD, ev, m, detail, err);
}

static int
report_unknown(struct la_audit *a, const struct la_audit_event *ev,
    struct la_audit_member *m, struct la_error *err)
{
	m->unknown_reported = 1;
	la_warn(&a->o.diag, ev->file, ev->line, "license_no",
	    "license_no \"%s\" is not in the roster; its events are "
	    "still audited", ev->license_no);
	return report_event(a, LA_AK_UNKNOWN_MEMBER, ev, m,
	    "license_no not in the roster", err);
}

int
la_audit_apply(struct la_audit *a, const struct la_audit_event *ev,
    struct la_error *err)
{
	struct la_audit_member *m;

	if ((m = la_audit_member_get(a, ev->license_no, ev->name)) == NULL)
		return nomem(err);
	if (a->have_roster && !m->in_roster && !m->unknown_reported &&
	    report_unknown(a, ev, m, err) == -1)
		return -1;
	switch (ev->type) {
	case LA_EV_ASSIGNED:
		return la_audit_apply_assigned(a, ev, m, err);
	case LA_EV_ACCEPTED:
		la_audit_close_obligation(a, 'A', ev->case_id, ev->license_no);
		return 0;
	case LA_EV_REFUSED:
		return apply_refused(a, ev, m, err);
	case LA_EV_HANDLER_CHANGED:
		return apply_handler_changed(a, ev, m, err);
	case LA_EV_DUTY_ATTENDED:
		return apply_duty_attended(a, ev, m, err);
	case LA_EV_DUTY_ABSENT:
		return apply_duty_absent(a, ev, m, err);
	case LA_EV_CASE_CLOSED:
		return la_audit_apply_closed(a, ev, m, err);
	case LA_EV_CASE_REVIEWED:
		la_audit_close_obligation(a, 'R', ev->case_id, ev->stage);
		return 0;
	case LA_EV_CASE_FILED:
		la_audit_close_obligation(a, 'F', ev->case_id, ev->stage);
		return 0;
	case LA_EV_RATED_UNQUALIFIED:
		return apply_rated(a, ev, m, err);
	default:
		return apply_complaint(a, ev, m, err);
	}
}

static const char *status_words[][4] = {
	[LA_RS_ACTIVE] = { "active", "在库", "正常", NULL },
	[LA_RS_SUSPENDED] = { "suspended", "暂停", "暂停指派", NULL },
	[LA_RS_REMOVED] = { "removed", "出库", "清退", NULL },
};

/* enum la_roster_status of a trimmed value, "" being active; -1 if none. */
static int
parse_status(const char *s)
{
	if (*s == '\0')
		return LA_RS_ACTIVE;
	for (int i = 0; i <= LA_RS_REMOVED; i++)
		for (int k = 0; status_words[i][k] != NULL; k++)
			if (strcmp(s, status_words[i][k]) == 0)
				return i;
	return -1;
}

static const char *
roster_value(const struct la_record *r, int id)
{
	const char *v = la_record_get(r, id);
	size_t len;

	if (v == NULL)
		return "";
	v = la_trim(v, &len);
	((char *)v)[len] = '\0';
	return v;
}

static int
set_roster_fields(struct la_audit_member *m, const struct la_record *r,
    const char *file, struct la_error *err)
{
	const char *status = roster_value(r, LA_F_STATUS);
	const char *until = roster_value(r, LA_F_SUSPENDED_UNTIL);
	char *unit = strdup(roster_value(r, LA_F_PRACTICE_UNIT));
	struct la_date d;
	char why[128];

	if (unit == NULL)
		return nomem(err);
	free(m->unit);
	m->unit = unit;
	if ((m->status = parse_status(status)) < 0)
		return la_error_set(err, LA_ERR_VALUE, file, r->line, "status",
		    "status is not active, suspended or removed: \"%s\"",
		    status);
	if (*until == '\0')
		return 0;
	if (la_parse_date(until, &d, why, sizeof(why)) == -1)
		return la_error_set(err, LA_ERR_VALUE, file, r->line,
		    "suspended_until", "suspended_until is not a date: "
		    "\"%s\" (%s)", until, why);
	m->has_suspended_until = 1;
	m->suspended_until = la_day_from_date(d);
	return 0;
}

int
la_audit_add_member(struct la_audit *a, const struct la_record *r,
    const char *file, struct la_error *err)
{
	const char *license_no = roster_value(r, LA_F_LICENSE_NO);
	const char *name = roster_value(r, LA_F_NAME);
	struct la_audit_member *m;

	a->have_roster = 1;
	if (*license_no == '\0')
		return la_error_set(err, LA_ERR_VALUE, file, r->line,
		    "license_no", "license_no is missing");
	if ((m = la_audit_member_get(a, license_no, name)) == NULL)
		return nomem(err);
	if (m->in_roster)
		return la_error_set(err, LA_ERR_STATE, file, r->line,
		    "license_no", "license_no \"%s\" is in the roster twice",
		    license_no);
	m->in_roster = 1;
	return set_roster_fields(m, r, file, err);
}
