/* SPDX-License-Identifier: MIT */
/*
 * The summary of a period: one row per member, per practice unit and in
 * total, with cases, grades, duty days, findings and the subsidy due.
 */
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

static int
add_count(struct la_record *r, const char *name, long v)
{
	char buf[32];

	snprintf(buf, sizeof(buf), "%ld", v);
	return add(r, name, -1, buf, LA_KIND_NUMBER);
}

static int
add_amount(struct la_record *r, const char *name, double v)
{
	char buf[64];

	la_audit_format_number(v, buf, sizeof(buf));
	return add(r, name, -1, buf, LA_KIND_NUMBER);
}

static int
add_average(struct la_record *r, const struct la_audit_counts *c)
{
	if (c->scored == 0)
		return add(r, "average_score", -1, "", LA_KIND_NULL);
	return add_amount(r, "average_score", c->score_sum / c->scored);
}

static int
add_counts(struct la_record *r, const struct la_audit_counts *c)
{
	if (add_count(r, "assigned", c->assigned) == -1 ||
	    add_count(r, "closed", c->closed) == -1 ||
	    add_count(r, "grade_excellent",
	    c->grades[LA_GRADE_EXCELLENT]) == -1 ||
	    add_count(r, "grade_pass", c->grades[LA_GRADE_PASS]) == -1 ||
	    add_count(r, "grade_unqualified",
	    c->grades[LA_GRADE_UNQUALIFIED]) == -1 ||
	    add_average(r, c) == -1 ||
	    add_count(r, "duty_attended", c->duty_attended) == -1 ||
	    add_count(r, "duty_missed", c->duty_missed) == -1 ||
	    add_count(r, "findings", c->findings) == -1 ||
	    add_amount(r, "subsidy_cases", c->subsidy_cases) == -1 ||
	    add_amount(r, "subsidy_duty", c->subsidy_duty) == -1)
		return -1;
	return add_amount(r, "subsidy", c->subsidy_cases + c->subsidy_duty);
}

static void
sum_counts(struct la_audit_counts *to, const struct la_audit_counts *c)
{
	to->assigned += c->assigned;
	to->closed += c->closed;
	for (int g = 0; g < LA_GRADE_NTYPES; g++)
		to->grades[g] += c->grades[g];
	to->scored += c->scored;
	to->score_sum += c->score_sum;
	to->duty_attended += c->duty_attended;
	to->duty_missed += c->duty_missed;
	to->findings += c->findings;
	to->subsidy_cases += c->subsidy_cases;
	to->subsidy_duty += c->subsidy_duty;
}

/* The period as written in each row: its first and last day. */
struct period {
	char from[16];
	char to[16];
};

static void
period_of(const struct la_audit *a, struct period *p)
{
	p->from[0] = '\0';
	if (a->o.has_from)
		la_date_format(la_date_from_day(a->o.from), p->from,
		    sizeof(p->from));
	else if (a->have_first_day)
		la_date_format(la_date_from_day(a->first_day), p->from,
		    sizeof(p->from));
	la_date_format(la_date_from_day(a->o.has_to ? a->o.to :
	    la_audit_day(a, a->o.as_of)), p->to, sizeof(p->to));
}

static int
put_row(const char *scope, const char *license_no, const char *name,
    const char *unit, const struct period *p,
    const struct la_audit_counts *c, struct la_record *out)
{
	la_record_reset(out);
	if (add(out, "scope", -1, scope, LA_KIND_TEXT) == -1 ||
	    add(out, "license_no", LA_F_LICENSE_NO, license_no,
	    LA_KIND_TEXT) == -1 ||
	    add(out, "name", LA_F_NAME, name, LA_KIND_TEXT) == -1 ||
	    add(out, "practice_unit", LA_F_PRACTICE_UNIT, unit,
	    LA_KIND_TEXT) == -1 ||
	    add(out, "period_from", -1, p->from, LA_KIND_TEXT) == -1 ||
	    add(out, "period_to", -1, p->to, LA_KIND_TEXT) == -1)
		return -1;
	return add_counts(out, c);
}

static int
by_license(const void *x, const void *y)
{
	const struct la_audit_member *m = *(void *const *)x;
	const struct la_audit_member *n = *(void *const *)y;

	return strcmp(m->license_no, n->license_no);
}

static int
by_unit(const void *x, const void *y)
{
	const struct la_audit_member *m = *(void *const *)x;
	const struct la_audit_member *n = *(void *const *)y;
	int c = strcmp(m->unit, n->unit);

	return c != 0 ? c : strcmp(m->license_no, n->license_no);
}

struct writer {
	la_audit_put_fn put;
	void *ctx;
	struct la_error *err;
	struct la_record out;
	struct period period;
};

static int
write_members(struct writer *w, void **v, size_t n)
{
	/* qsort(3) must not get NULL, which v is when there are no members. */
	if (n > 1)
		qsort(v, n, sizeof(*v), by_license);
	for (size_t i = 0; i < n; i++) {
		const struct la_audit_member *m = v[i];

		if (put_row("member", m->license_no, m->name, m->unit,
		    &w->period, &m->c, &w->out) == -1)
			return la_error_set(w->err, LA_ERR_NOMEM, NULL, 0,
			    NULL, "out of memory");
		if (w->put(w->ctx, &w->out, w->err) != 0)
			return -1;
	}
	return 0;
}

/* One row per unit, then the total; members without a unit share "". */
static int
write_units(struct writer *w, void **v, size_t n)
{
	struct la_audit_counts total = { 0 };
	size_t i = 0;

	if (n > 1)
		qsort(v, n, sizeof(*v), by_unit);
	while (i < n) {
		const char *unit = ((struct la_audit_member *)v[i])->unit;
		struct la_audit_counts c = { 0 };

		for (; i < n && strcmp(((struct la_audit_member *)v[i])->unit,
		    unit) == 0; i++)
			sum_counts(&c, &((struct la_audit_member *)v[i])->c);
		sum_counts(&total, &c);
		if (put_row("unit", "", "", unit, &w->period, &c,
		    &w->out) == -1)
			return la_error_set(w->err, LA_ERR_NOMEM, NULL, 0,
			    NULL, "out of memory");
		if (w->put(w->ctx, &w->out, w->err) != 0)
			return -1;
	}
	if (put_row("total", "", "", "", &w->period, &total, &w->out) == -1)
		return la_error_set(w->err, LA_ERR_NOMEM, NULL, 0, NULL,
		    "out of memory");
	return w->put(w->ctx, &w->out, w->err) != 0 ? -1 : 0;
}

int
la_audit_summary(struct la_audit *a, la_audit_put_fn put, void *ctx,
    struct la_error *err)
{
	struct writer w = { put, ctx, err, { 0 }, { "", "" } };
	size_t n = a->members.count;
	int ok, rc;
	void **v = la_amap_values(&a->members, &ok);

	if (!ok)
		return la_error_set(err, LA_ERR_NOMEM, NULL, 0, NULL,
		    "out of memory");
	la_record_init(&w.out);
	period_of(a, &w.period);
	rc = write_members(&w, v, n);
	if (rc == 0)
		rc = write_units(&w, v, n);
	la_record_free(&w.out);
	free(v);
	return rc;
}
