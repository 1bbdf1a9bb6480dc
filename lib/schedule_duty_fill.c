/* SPDX-License-Identifier: MIT */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "schedule_duty_private.h"

/* What decides between two candidates for a seat; smaller wins. */
struct seat_key {
	int count;		/* duties at this post */
	int clash;		/* another member of the unit holds a seat */
	int total;		/* duties at all posts */
	la_day last;		/* latest duty */
	long member;		/* licence order */
};

int
la_duty_unit(const struct la_duty *d, long m)
{
	return d->pool->members[m].unit_id;
}

int
la_duty_unit_seated(const struct la_duty *d, size_t first, size_t end,
    size_t skip, int unit)
{
	if (unit < 0)
		return 0;
	for (size_t r = first; r < end; r++)
		if (r != skip && d->rows[r].member >= 0 &&
		    la_duty_unit(d, d->rows[r].member) == unit)
			return 1;
	return 0;
}

static int
key_less(const struct seat_key *a, const struct seat_key *b)
{
	if (a->count != b->count)
		return a->count < b->count;
	if (a->clash != b->clash)
		return a->clash < b->clash;
	if (a->total != b->total)
		return a->total < b->total;
	if (a->last != b->last)
		return a->last < b->last;
	return a->member < b->member;
}

static void
compute_ok(struct la_duty *d, la_day day)
{
	for (size_t m = 0; m < d->npool; m++)
		d->ok[m] = (unsigned char)la_duty_member_ok(d, (long)m, day);
}

void
la_duty_take_seat(struct la_duty *d, struct la_duty_row *row, long m)
{
	size_t di = (size_t)(row->day - d->from);

	row->member = m;
	row->reason = NULL;
	d->count[(size_t)row->post * d->npool + (size_t)m]++;
	d->total[m]++;
	if (d->last[m] < row->day)
		d->last[m] = row->day;
	d->on[di * d->npool + (size_t)m] = ON_SEAT;
	if (la_duty_lists_add(d, m, di) != 0)
		d->failed = 1;
}

/* Rows [*first, *end) of day index di that belong to post p. */
void
la_duty_post_rows(const struct la_duty *d, size_t di, int p, size_t *first,
    size_t *end)
{
	size_t r = d->day_first[di], stop = d->day_first[di + 1];

	while (r < stop && d->rows[r].post != p)
		r++;
	*first = r;
	while (r < stop && d->rows[r].post == p)
		r++;
	*end = r;
}

static long
best_candidate(const struct la_duty *d, size_t r, size_t first, size_t end)
{
	const struct la_duty_row *row = &d->rows[r];
	const struct post_members *q = &d->qualified[row->post];
	const int *count = &d->count[(size_t)row->post * d->npool];
	const unsigned char *on = &d->on[(size_t)(row->day - d->from) *
	    d->npool];
	struct seat_key best = { 0, 0, 0, 0, 0 }, key;
	long found = -1;

	for (size_t i = 0; i < q->n; i++) {
		long m = q->members[i];

		/* The count decides most comparisons: test it first. */
		if (!d->ok[m] || on[m] != ON_NOTHING ||
		    (found >= 0 && count[m] > best.count))
			continue;
		key.count = count[m];
		key.clash = la_duty_unit_seated(d, first, end, r,
		    la_duty_unit(d, m));
		key.total = d->total[m];
		key.last = d->last[m];
		key.member = m;
		if (found < 0 || key_less(&key, &best)) {
			best = key;
			found = m;
		}
	}
	return found;
}

/* Appends ", " and the formatted text to buf, unless n is 0. */
static void append(char *buf, size_t size, int n, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void
append(char *buf, size_t size, int n, const char *fmt, ...)
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
list_services(unsigned bits, char *buf, size_t size)
{
	buf[0] = '\0';
	for (unsigned bit = 1; bit <= LA_SVC_ALL; bit <<= 1) {
		size_t len = strlen(buf);

		if (bits & bit)
			snprintf(buf + len, size - len, "%s%s",
			    len > 0 ? ", " : "", la_service_name(bit));
	}
}

static void
no_one_qualifies(const struct la_duty *d, int p, char *buf, size_t size)
{
	char services[128];

	if (d->rules->posts[p].requires == 0) {
		snprintf(buf, size, "%s",
		    _("no member qualifies: none has agreed to duty"));
		return;
	}
	list_services(d->rules->posts[p].requires, services,
	    sizeof(services));
	snprintf(buf, size, _("no member qualifies: the post needs %s and "
	    "agreement to duty"), services);
}

/* Explains an empty seat by what kept each qualified member away. */
static void
explain(const struct la_duty *d, const struct la_duty_row *row, char *buf,
    size_t size)
{
	const struct post_members *q = &d->qualified[row->post];
	size_t di = (size_t)(row->day - d->from);
	int suspended = 0, removed = 0, term = 0, away = 0, busy = 0;

	if (q->n == 0) {
		no_one_qualifies(d, row->post, buf, size);
		return;
	}
	for (size_t i = 0; i < q->n; i++) {
		const struct la_member *mb = &d->pool->members[q->members[i]];
		const char *why;

		if (!la_member_active(mb, row->day, &why)) {
			if (strcmp(why, "suspended") == 0)
				suspended++;
			else if (strcmp(why, "removed") == 0)
				removed++;
			else
				term++;
		} else if (!la_duty_member_ok(d, q->members[i], row->day))
			away++;
		else if (d->on[di * d->npool + (size_t)q->members[i]] != 0)
			busy++;
	}
	snprintf(buf, size, _("all %zu qualified members are taken: "),
	    q->n);
	append(buf, size, suspended, _("%d suspended"), suspended);
	append(buf, size, removed, _("%d removed"), removed);
	append(buf, size, term, _("%d outside their term"), term);
	append(buf, size, away, _("%d unavailable"), away);
	append(buf, size, busy, _("%d already on duty that day"), busy);
}

static int
leave_empty(struct la_duty *d, struct la_duty_row *row)
{
	char buf[512];
	int failed = 0;

	explain(d, row, buf, sizeof(buf));
	row->reason = la_duty_strdup(d, buf, &failed);
	return failed ? -1 : 0;
}

static int
fill_post(struct la_duty *d, size_t di, int p)
{
	size_t first, end;

	la_duty_post_rows(d, di, p, &first, &end);
	for (size_t r = first; r < end; r++) {
		long m = best_candidate(d, r, first, end);

		if (m >= 0)
			la_duty_take_seat(d, &d->rows[r], m);
		else if (leave_empty(d, &d->rows[r]) != 0)
			return -1;
	}
	return 0;
}

int
la_duty_fill(struct la_duty *d, struct la_error *err)
{
	for (la_day day = d->keep_before; day <= d->to; day++) {
		size_t di = (size_t)(day - d->from);

		compute_ok(d, day);
		for (int k = 0; k < d->nposts; k++)
			if (fill_post(d, di, d->post_order[k]) != 0)
				return la_error_set(err, LA_ERR_NOMEM, NULL,
				    0, NULL, _("out of memory"));
	}
	return 0;
}

/*
 * Fills a seat that was left empty when a later move freed a member who
 * can take it. Returns 1 when the seat was filled.
 */
int
la_duty_refill(struct la_duty *d, size_t r)
{
	struct la_duty_row *row = &d->rows[r];
	size_t di = (size_t)(row->day - d->from), first, end;
	long m;

	la_duty_post_rows(d, di, row->post, &first, &end);
	for (size_t i = 0; i < d->qualified[row->post].n; i++) {
		long c = d->qualified[row->post].members[i];

		d->ok[c] = (unsigned char)la_duty_member_ok(d, c, row->day);
	}
	if ((m = best_candidate(d, r, first, end)) < 0)
		return 0;
	la_duty_take_seat(d, row, m);
	return 1;
}

/* What decides between two alternates; smaller wins. */
struct alternate_key {
	int alternates;		/* alternate places so far */
	int same_unit;		/* of the seat holder's unit */
	int total;		/* duties at all posts */
	long member;		/* licence order */
};

static int
alternate_less(const struct alternate_key *a, const struct alternate_key *b)
{
	if (a->alternates != b->alternates)
		return a->alternates < b->alternates;
	if (a->same_unit != b->same_unit)
		return a->same_unit < b->same_unit;
	if (a->total != b->total)
		return a->total < b->total;
	return a->member < b->member;
}

static long
best_alternate(const struct la_duty *d, const struct la_duty_row *row)
{
	const struct post_members *q = &d->qualified[row->post];
	size_t di = (size_t)(row->day - d->from);
	int unit = la_duty_unit(d, row->member);
	struct alternate_key best = { 0, 0, 0, 0 }, key;
	long found = -1;

	for (size_t i = 0; i < q->n; i++) {
		long m = q->members[i];

		if (!d->ok[m] || d->on[di * d->npool + (size_t)m] != ON_NOTHING)
			continue;
		key.alternates = d->alt[m];
		key.same_unit = unit >= 0 && la_duty_unit(d, m) == unit;
		key.total = d->total[m];
		key.member = m;
		if (found < 0 || alternate_less(&key, &best)) {
			best = key;
			found = m;
		}
	}
	return found;
}

void
la_duty_name_alternates(struct la_duty *d)
{
	la_day day = LA_SCHED_NO_DAY;

	for (size_t r = 0; r < d->nrows; r++) {
		struct la_duty_row *row = &d->rows[r];
		size_t di = (size_t)(row->day - d->from);
		long m;

		if (row->kept || row->member < 0 ||
		    !d->rules->posts[row->post].alternates)
			continue;
		if (row->day != day) {
			day = row->day;
			compute_ok(d, day);
		}
		if ((m = best_alternate(d, row)) < 0)
			continue;
		row->alternate = m;
		d->alt[m]++;
		d->on[di * d->npool + (size_t)m] = ON_ALTERNATE;
	}
}
