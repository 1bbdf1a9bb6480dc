/* SPDX-License-Identifier: MIT */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "schedule_assign_private.h"

/* Reasons that exclude a member from a case; the first that applies counts. */
enum exclusion {
	OK = 0,
	SUSPENDED,
	REMOVED,
	OUT_OF_TERM,
	ABSENT,
	WORKER,			/* a legal worker asked for criminal work */
	SERVICE,
	CONFLICT,
	SERIOUS,		/* too few years of criminal defence */
	CAP,
	NEXCLUSIONS
};

/*
 * Members are kept in one bit set per open-case load below the cap, so
 * that the search visits the lightest loads first and, within a load, the
 * members in turn. Members at or above the cap are in none.
 */
struct la_assigner {
	const struct la_pool *pool;
	const struct la_rules *rules;
	const struct la_absences *absences;
	struct la_rotation *rot;
	la_time now;
	int *load;			/* [member]: open cases */
	uint64_t *levels;		/* [load * nwords + word] */
	size_t nwords;
	size_t start;			/* first member of the next turn */
};

static void
set_level(struct la_assigner *a, size_t m, int load, int on)
{
	uint64_t *word;

	if (load >= a->rules->max_open_cases)
		return;
	word = &a->levels[(size_t)load * a->nwords + m / 64];
	if (on)
		*word |= (uint64_t)1 << (m % 64);
	else
		*word &= ~((uint64_t)1 << (m % 64));
}

static void
compute_loads(struct la_assigner *a)
{
	const struct la_rotation *rot = a->rot;

	for (size_t i = 0; i < rot->n; i++) {
		long m;

		if (!rot->cases[i].open)
			continue;
		if ((m = la_pool_find(a->pool, rot->cases[i].license_no)) >= 0)
			a->load[m]++;
	}
	for (size_t m = 0; m < a->pool->n; m++)
		set_level(a, m, a->load[m], 1);
}

/* The member after the one who took the last case, in licence order. */
static size_t
first_turn(const struct la_pool *pool, const char *last)
{
	size_t lo = 0, hi = pool->n;

	if (last == NULL)
		return 0;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (strcmp(pool->members[mid].license_no, last) <= 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < pool->n ? lo : 0;
}

struct la_assigner *
la_assigner_new(const struct la_pool *pool, const struct la_rules *rules,
    const struct la_absences *absences, struct la_rotation *rot, la_time now,
    struct la_error *err)
{
	struct la_assigner *a = calloc(1, sizeof(*a));

	if (a == NULL)
		goto nomem;
	a->pool = pool;
	a->rules = rules;
	a->absences = absences;
	a->rot = rot;
	a->now = now;
	a->nwords = pool->n / 64 + 1;
	a->load = calloc(pool->n + 1, sizeof(int));
	a->levels = calloc((size_t)rules->max_open_cases * a->nwords,
	    sizeof(uint64_t));
	if (a->load == NULL || a->levels == NULL)
		goto nomem;
	compute_loads(a);
	a->start = first_turn(pool, rot->last);
	return a;
nomem:
	la_assigner_free(a);
	la_error_set(err, LA_ERR_NOMEM, NULL, 0, NULL, _("out of memory"));
	return NULL;
}

void
la_assigner_free(struct la_assigner *a)
{
	if (a == NULL)
		return;
	free(a->load);
	free(a->levels);
	free(a);
}

static int
in_conflict(const struct la_member *m, const struct case_in *c)
{
	for (size_t i = 0; i < c->nconflicts; i++)
		if (strcmp(m->license_no, c->conflicts[i]) == 0 ||
		    (m->unit[0] != '\0' &&
		    strcmp(m->unit, c->conflicts[i]) == 0))
			return 1;
	return 0;
}

static enum exclusion
check_member(const struct la_assigner *a, const struct case_in *c,
    size_t i, la_day day)
{
	const struct la_member *m = &a->pool->members[i];
	const char *why;

	if (!la_member_active(m, day, &why))
		return strcmp(why, "suspended") == 0 ? SUSPENDED :
		    strcmp(why, "removed") == 0 ? REMOVED : OUT_OF_TERM;
	if (la_absences_cover(a->absences, (long)i, day))
		return ABSENT;
	if ((c->services & LA_SVC_CRIMINAL) &&
	    m->category == LA_CAT_LEGAL_WORKER &&
	    !a->rules->worker_may_take_criminal)
		return WORKER;
	if ((m->services & c->services) != c->services)
		return SERVICE;
	if (in_conflict(m, c))
		return CONFLICT;
	if (c->serious && la_member_criminal_years(m, day) <
	    a->rules->serious_case_min_years)
		return SERIOUS;
	if (a->load[i] >= a->rules->max_open_cases)
		return CAP;
	return OK;
}

/* The first member in [from, to) with load open cases, or to if none. */
static size_t
next_member(const struct la_assigner *a, int load, size_t from, size_t to)
{
	const uint64_t *bits = &a->levels[(size_t)load * a->nwords];

	while (from < to) {
		uint64_t word = bits[from / 64] >> (from % 64);

		if (word == 0) {
			from = (from / 64 + 1) * 64;
			continue;
		}
		from += (size_t)__builtin_ctzll(word);
		return from < to ? from : to;
	}
	return to;
}

/* The first member of a load level in turn who can take the case. */
static long
first_in_turn(const struct la_assigner *a, const struct case_in *c,
    int load, la_day day)
{
	size_t n = a->pool->n, ranges[2][2] = { { a->start, n },
	    { 0, a->start } };

	for (int k = 0; k < 2; k++) {
		size_t i = ranges[k][0], to = ranges[k][1];

		while ((i = next_member(a, load, i, to)) < to) {
			if (check_member(a, c, i, day) == OK)
				return (long)i;
			i++;
		}
	}
	return -1;
}

/*
 * The member with the fewest open cases who can take the case, the first
 * in turn among equals; -1 if none.
 */
static long
choose(const struct la_assigner *a, const struct case_in *c, la_day day)
{
	long m;

	for (int load = 0; load < a->rules->max_open_cases; load++)
		if ((m = first_in_turn(a, c, load, day)) >= 0)
			return m;
	return -1;
}

/* Counts what excludes each member from the case, for the reason. */
static void
count_exclusions(const struct la_assigner *a, const struct case_in *c,
    la_day day, int *tally)
{
	for (size_t i = 0; i < a->pool->n; i++)
		tally[check_member(a, c, i, day)]++;
}

static void
append_part(char *buf, size_t size, int n, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void
append_part(char *buf, size_t size, int n, const char *fmt, ...)
{
	size_t len = strlen(buf);
	va_list ap;

	if (n == 0 || len + 2 >= size)
		return;
	if (buf[len - 1] != ' ') {
		memcpy(buf + len, ", ", 3);
		len += 2;
	}
	va_start(ap, fmt);
	vsnprintf(buf + len, size - len, fmt, ap);
	va_end(ap);
}

static void
explain(const struct la_assigner *a, const int *tally, char *buf,
    size_t size)
{
	const struct la_rules *r = a->rules;

	if (a->pool->n == 0) {
		snprintf(buf, size, "%s", _("no member in the roster"));
		return;
	}
	snprintf(buf, size, _("no eligible member among %zu: "), a->pool->n);
	append_part(buf, size, tally[SUSPENDED], _("%d suspended"),
	    tally[SUSPENDED]);
	append_part(buf, size, tally[REMOVED], _("%d removed"),
	    tally[REMOVED]);
	append_part(buf, size, tally[OUT_OF_TERM], _("%d outside their term"),
	    tally[OUT_OF_TERM]);
	append_part(buf, size, tally[ABSENT], _("%d absent"), tally[ABSENT]);
	append_part(buf, size, tally[WORKER],
	    _("%d legal workers (criminal work needs a lawyer)"),
	    tally[WORKER]);
	append_part(buf, size, tally[SERVICE],
	    _("%d without the services the case needs"), tally[SERVICE]);
	append_part(buf, size, tally[CONFLICT], _("%d in conflict"),
	    tally[CONFLICT]);
	append_part(buf, size, tally[SERIOUS],
	    _("%d with less than %g years of criminal defence"),
	    tally[SERIOUS], r->serious_case_min_years);
	append_part(buf, size, tally[CAP],
	    _("%d at the cap of %d open cases"), tally[CAP],
	    r->max_open_cases);
}

static int
set_field(struct la_record *rec, const char *name, const char *value,
    enum la_kind kind)
{
	return la_record_set(rec, name, value, kind) == NULL ? -1 : 0;
}

static void
format_day(la_day day, char *buf, size_t size)
{
	la_date_format(la_date_from_day(day), buf, size);
}

/* Deadlines of a case, as "YYYY-MM-DD" or "" when unknown. */
struct dues {
	char due[16];
	char assign[16];
	char accept[16];
	char entrustment[16];
};

static void
compute_dues(const struct la_assigner *a, const struct case_in *c,
    int assigned, la_time at, struct dues *d, struct la_record *rec)
{
	const struct la_rules *r = a->rules;
	const struct la_calendar *cal = &r->calendar;
	la_day day = la_tz_day(&r->tz, at), accept, entrust, start;
	int days;

	memset(d, 0, sizeof(*d));
	if (c->has_received) {
		start = la_tz_day(&r->tz, c->received);
		days = c->type == LA_CASE_CRIMINAL ? r->notice_assign_days :
		    r->assign_days;
		format_day(la_deadline(cal, start, days, r->day_unit),
		    d->assign, sizeof(d->assign));
		if (assigned && day > la_deadline(cal, start, days,
		    r->day_unit))
			la_record_add_finding(rec, "late", "assigned_at",
			    _("assigned after the assignment deadline %s"),
			    d->assign);
	}
	if (!assigned)
		return;
	accept = la_deadline(cal, day, r->accept_days, r->day_unit);
	entrust = la_deadline(cal, day, r->entrustment_days, r->day_unit);
	format_day(accept, d->accept, sizeof(d->accept));
	format_day(entrust, d->entrustment, sizeof(d->entrustment));
	format_day(accept < entrust ? accept : entrust, d->due,
	    sizeof(d->due));
	if (!la_calendar_covers(cal, entrust > accept ? entrust : accept))
		la_record_add_finding(rec, "calendar", "due",
		    "%s", _("a due date lies beyond the rules' holiday "
		    "calendar, so holidays were not skipped"));
}

static int
put_result(const struct la_assigner *a, struct la_record *rec,
    const struct case_in *c, const struct la_rotation_case *rc,
    const char *reason)
{
	long m = rc != NULL ? la_pool_find(a->pool, rc->license_no) : -1;
	char at[64] = "";
	struct dues d;

	if (rc != NULL)
		la_time_format(&a->rules->tz, rc->assigned_at, at, sizeof(at));
	compute_dues(a, c, rc != NULL, rc != NULL ? rc->assigned_at : 0, &d,
	    rec);
	return set_field(rec, "license_no", rc ? rc->license_no : "",
	    LA_KIND_TEXT) ||
	    set_field(rec, "name", rc ? rc->name : "", LA_KIND_TEXT) ||
	    set_field(rec, "practice_unit", m >= 0 ?
	    a->pool->members[m].unit : "", LA_KIND_TEXT) ||
	    set_field(rec, "assigned_at", at, LA_KIND_TEXT) ||
	    set_field(rec, "due", d.due, LA_KIND_TEXT) ||
	    set_field(rec, "assign_due", d.assign, LA_KIND_TEXT) ||
	    set_field(rec, "accept_due", d.accept, LA_KIND_TEXT) ||
	    set_field(rec, "entrustment_due", d.entrustment, LA_KIND_TEXT) ||
	    set_field(rec, "reason", reason, LA_KIND_TEXT) ||
	    set_field(rec, "findings", "", LA_KIND_FINDINGS) ? -1 : 0;
}

static int
take_case(struct la_assigner *a, const struct case_in *c, long m,
    la_time at)
{
	const struct la_member *mb = &a->pool->members[m];
	char *last = strdup(mb->license_no);

	if (last == NULL ||
	    la_rotation_add(a->rot, c->id, mb->license_no, mb->name, at) < 0) {
		free(last);
		return -1;
	}
	free(a->rot->last);
	a->rot->last = last;
	set_level(a, (size_t)m, a->load[m], 0);
	a->load[m]++;
	set_level(a, (size_t)m, a->load[m], 1);
	a->start = ((size_t)m + 1) % a->pool->n;
	return 0;
}

static int
nomem(struct la_error *err)
{
	return la_error_set(err, LA_ERR_NOMEM, NULL, 0, NULL,
	    _("out of memory"));
}

int
la_assign_record(struct la_assigner *a, struct la_record *rec,
    const char *file, const struct la_diag *diag, struct la_error *err)
{
	int tally[NEXCLUSIONS] = { 0 };
	char reason[512];
	struct case_in c;
	la_time at;
	long k, m;

	la_case_read(&c, rec, file, &a->rules->tz, diag);
	if (c.malformed)
		return put_result(a, rec, &c, NULL,
		    _("malformed case: see findings")) ? nomem(err) : 1;
	if ((k = la_rotation_find(a->rot, c.id)) >= 0)
		return put_result(a, rec, &c, &a->rot->cases[k], "") ?
		    nomem(err) : 0;
	at = c.received > a->now ? c.received : a->now;
	if ((m = choose(a, &c, la_tz_day(&a->rules->tz, at))) < 0) {
		count_exclusions(a, &c, la_tz_day(&a->rules->tz, at), tally);
		explain(a, tally, reason, sizeof(reason));
		return put_result(a, rec, &c, NULL, reason) ? nomem(err) : 1;
	}
	if (take_case(a, &c, m, at) != 0)
		return nomem(err);
	k = la_rotation_find(a->rot, c.id);
	return put_result(a, rec, &c, &a->rot->cases[k], "") ? nomem(err) : 0;
}
