/* SPDX-License-Identifier: MIT */
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "schedule_duty_private.h"

/*
 * Spreading a member's duties apart. Distance is counted in working days,
 * so that a weekend or a holiday between two duties is no rest from them.
 * The penalty of a member is the sum, over each pair of consecutive duties
 * (the last duty of the history included), of SCALE / gap². It grows
 * steeply as duties come close, and for a fixed number of duties it is
 * least when they are evenly spaced. Two members of a post trade days when
 * that lowers the sum of their penalties.
 */

#define SCALE 1000000L
#define NO_INDEX LONG_MIN

/* How far back a history duty still matters, in calendar days. */
#define HISTORY_REACH 400

int
la_duty_spread_prepare(struct la_duty *d)
{
	long n = 0;

	d->work_index = malloc((d->ndays + 1) * sizeof(long));
	d->hist_work = malloc((d->npool + 1) * sizeof(long));
	if (d->work_index == NULL || d->hist_work == NULL ||
	    la_duty_lists_build(d) != 0)
		return -1;
	for (size_t di = 0; di < d->ndays; di++) {
		d->work_index[di] = n;
		n += la_is_working_day(&d->rules->calendar,
		    d->from + (la_day)di);
	}
	for (size_t m = 0; m < d->npool; m++) {
		la_day last = d->hist_last[m];

		d->hist_work[m] = NO_INDEX;
		if (last == LA_SCHED_NO_DAY || d->from - last > HISTORY_REACH)
			continue;
		d->hist_work[m] = 0;
		for (la_day day = last; day < d->from; day++)
			d->hist_work[m] -= la_is_working_day(
			    &d->rules->calendar, day);
	}
	return 0;
}

static long
weight(long gap)
{
	if (gap < 1)
		gap = 1;
	return SCALE / (gap * gap);
}

/* Position of day index di in m's list: the first entry not below it. */
static size_t
lower_bound(const struct day_list *l, size_t di)
{
	size_t lo = 0, hi = l->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (l->days[mid] < di)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

int
la_duty_lists_build(struct la_duty *d)
{
	if ((d->lists = calloc(d->npool + 1, sizeof(*d->lists))) == NULL)
		return -1;
	for (size_t r = 0; r < d->nrows; r++)
		if (d->rows[r].member >= 0 && la_duty_lists_add(d,
		    d->rows[r].member, (size_t)(d->rows[r].day - d->from)) != 0)
			return -1;
	return 0;
}

int
la_duty_lists_add(struct la_duty *d, long m, size_t di)
{
	struct day_list *l;
	size_t at;

	if (d->lists == NULL)
		return 0;
	l = &d->lists[m];
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 8, *days;

		if ((days = realloc(l->days, cap * sizeof(*days))) == NULL)
			return -1;
		l->days = days;
		l->cap = cap;
	}
	at = lower_bound(l, di);
	memmove(&l->days[at + 1], &l->days[at], (l->n - at) *
	    sizeof(*l->days));
	l->days[at] = di;
	l->n++;
	return 0;
}

void
la_duty_lists_remove(struct la_duty *d, long m, size_t di)
{
	struct day_list *l;
	size_t at;

	if (d->lists == NULL)
		return;
	l = &d->lists[m];
	at = lower_bound(l, di);
	if (at < l->n && l->days[at] == di) {
		memmove(&l->days[at], &l->days[at + 1], (l->n - at - 1) *
		    sizeof(*l->days));
		l->n--;
	}
}

/* Working index of m's nearest seat before day index di, skipping skip. */
static long
prev_index(const struct la_duty *d, long m, size_t di, size_t skip)
{
	const struct day_list *l = &d->lists[m];
	size_t at = lower_bound(l, di);

	while (at-- > 0)
		if (l->days[at] != skip)
			return d->work_index[l->days[at]];
	return d->hist_work[m];
}

static long
next_index(const struct la_duty *d, long m, size_t di, size_t skip)
{
	const struct day_list *l = &d->lists[m];
	size_t at = lower_bound(l, di);

	for (; at < l->n; at++)
		if (l->days[at] != skip && l->days[at] != di)
			return d->work_index[l->days[at]];
	return NO_INDEX;
}

/* Penalty change when m gains (sign 1) or loses (sign -1) day index di. */
static long
change(const struct la_duty *d, long m, size_t di, size_t skip, int sign)
{
	long at = d->work_index[di], delta = 0;
	long p = prev_index(d, m, di, skip), n = next_index(d, m, di, skip);

	if (p != NO_INDEX)
		delta += weight(at - p);
	if (n != NO_INDEX)
		delta += weight(n - at);
	if (p != NO_INDEX && n != NO_INDEX)
		delta -= weight(n - p);
	return sign * delta;
}

/* Duties of m in the period, at least 1. */
static long
duties_of(const struct la_duty *d, long m)
{
	return d->lists[m].n > 0 ? (long)d->lists[m].n : 1;
}

/*
 * Whether the duty of row r lies closer to the holder's previous or next
 * duty than the gap that even spacing over the period would give. Only
 * such duties are worth moving: with even spacing no trade helps.
 */
static int
tight(const struct la_duty *d, size_t r)
{
	const struct la_duty_row *row = &d->rows[r];
	size_t di = (size_t)(row->day - d->from);
	long m = row->member, at = d->work_index[di];
	long p = prev_index(d, m, di, SIZE_MAX), n = next_index(d, m, di,
	    SIZE_MAX), span = d->work_index[d->ndays - 1] + 1;
	long duties = duties_of(d, m);

	return (p != NO_INDEX && (at - p) * duties < span) ||
	    (n != NO_INDEX && (n - at) * duties < span);
}

/* The first of the post's rows whose day has a working index above lo. */
static size_t
first_after(const struct la_duty *d, const struct post_index *idx, long lo)
{
	size_t a = 0, b = idx->n;

	while (a < b) {
		size_t mid = a + (b - a) / 2;
		la_day day = d->rows[idx->rows[mid]].day;

		if (d->work_index[day - d->from] <= lo)
			a = mid + 1;
		else
			b = mid;
	}
	return a;
}

/*
 * The trade with row r that lowers the penalty most; SIZE_MAX if none.
 * The holder's duty moves to a day between its previous and next duty
 * (within one even-spacing gap where there is none), and only to a day
 * that lowers the holder's own penalty. A trade that helps the partner
 * more is found from the partner's tight duty. The penalty change is
 * cheaper to compute than whether the trade is allowed, so it comes first.
 */
static size_t
best_trade(const struct la_duty *d, const struct post_index *idx, size_t r)
{
	const struct la_duty_row *a = &d->rows[r];
	size_t da = (size_t)(a->day - d->from), found = SIZE_MAX;
	long span = d->work_index[d->ndays - 1] + 1;
	long reach = span / duties_of(d, a->member) + 1;
	long at = d->work_index[da];
	long lo = prev_index(d, a->member, da, SIZE_MAX);
	long hi = next_index(d, a->member, da, SIZE_MAX);
	long best = 0, leave = change(d, a->member, da, SIZE_MAX, -1);

	lo = lo != NO_INDEX ? lo : at - reach;
	hi = hi != NO_INDEX ? hi : at + reach;
	for (size_t k = first_after(d, idx, lo); k < idx->n; k++) {
		const struct la_duty_row *b = &d->rows[idx->rows[k]];
		size_t db = (size_t)(b->day - d->from);
		long delta;

		if (d->work_index[db] >= hi)
			break;
		if (b->member < 0 || b->member == a->member || b->day == a->day)
			continue;
		if ((delta = leave + change(d, a->member, db, da, 1)) >= 0)
			continue;
		delta += change(d, b->member, db, SIZE_MAX, -1) +
		    change(d, b->member, da, db, 1);
		if (delta < best && la_duty_can_trade(d, r, idx->rows[k])) {
			best = delta;
			found = idx->rows[k];
		}
	}
	return found;
}

/*
 * Makes, row by row, each trade at a post that lowers the penalty most
 * for a tight duty. Returns 1 when it made any.
 */
int
la_duty_spread_one(struct la_duty *d, const struct post_index *idx)
{
	int traded = 0;

	for (size_t i = 0; i < idx->n; i++) {
		size_t r = idx->rows[i], s;
		long a, b;

		if (d->rows[r].member < 0 || !tight(d, r) ||
		    (s = best_trade(d, idx, r)) == SIZE_MAX)
			continue;
		a = d->rows[r].member;
		b = d->rows[s].member;
		la_duty_set_holder(d, r, b);
		la_duty_set_holder(d, s, a);
		traded = 1;
	}
	return traded;
}
