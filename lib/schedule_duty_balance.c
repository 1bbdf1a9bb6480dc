/* SPDX-License-Identifier: MIT */
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "schedule_duty_private.h"

/*
 * Local moves after the day-by-day fill, which cannot look ahead: a member
 * who is away late in the period gets no duties then, and the fill could
 * not know to give it more before. Four moves repeat until none applies:
 *
 *   refill: a seat left empty gets a member who is free that day, or
 *           one whose seat another member can take over (an augmenting
 *           path), so each day fills as many seats as any rota could;
 *   move:   one duty at a post goes from a member to one with at least
 *           two fewer duties there, who can serve that day;
 *   swap:   two members of a post exchange days, so that two members of
 *           one unit no longer share the post on a day;
 *   spread: two members of a post exchange days, so that their duties
 *           lie further apart (schedule_duty_spread.c).
 *
 * Each step lowers, in this order, the empty seats, the sum of squared
 * duty counts (a move from count a to count b <= a - 2 lowers it by
 * 2(a - b) - 2 > 0), the number of unit clashes or the spread penalty,
 * and none raises an earlier one, so the loop ends.
 */

static int
build_index(const struct la_duty *d, struct post_index *idx)
{
	for (size_t r = 0; r < d->nrows; r++)
		if (!d->rows[r].kept)
			idx[d->rows[r].post].n++;
	for (int p = 0; p < d->nposts; p++) {
		idx[p].rows = malloc((idx[p].n > 0 ? idx[p].n : 1) *
		    sizeof(size_t));
		if (idx[p].rows == NULL)
			return -1;
		idx[p].n = 0;
	}
	for (size_t r = 0; r < d->nrows; r++)
		if (!d->rows[r].kept)
			idx[d->rows[r].post].rows[idx[d->rows[r].post].n++] = r;
	return 0;
}

static unsigned char
on_day(const struct la_duty *d, size_t di, long m)
{
	return d->on[di * d->npool + (size_t)m];
}

/* Days from day index di to m's nearest other seat, history included. */
static long
distance(const struct la_duty *d, size_t di, long m)
{
	for (size_t k = 1; k < d->ndays; k++) {
		if (di >= k && on_day(d, di - k, m) == ON_SEAT)
			return (long)k;
		if (di + k < d->ndays && on_day(d, di + k, m) == ON_SEAT)
			return (long)k;
		if (di < k && d->hist_last[m] != LA_SCHED_NO_DAY &&
		    d->hist_last[m] == d->from - (la_day)(k - di))
			return (long)k;
	}
	return LONG_MAX;
}

static int
seated_elsewhere(const struct la_duty *d, size_t r, long m)
{
	const struct la_duty_row *row = &d->rows[r];
	size_t first, end;

	la_duty_post_rows(d, (size_t)(row->day - d->from), row->post, &first,
	    &end);
	return la_duty_unit_seated(d, first, end, r, la_duty_unit(d, m));
}

/* Gives row r to member m, or empties it when m is -1. */
void
la_duty_set_holder(struct la_duty *d, size_t r, long m)
{
	struct la_duty_row *row = &d->rows[r];
	size_t di = (size_t)(row->day - d->from);
	long old = row->member;

	if (old >= 0) {
		d->count[(size_t)row->post * d->npool + (size_t)old]--;
		d->total[old]--;
		d->on[di * d->npool + (size_t)old] = ON_NOTHING;
		la_duty_lists_remove(d, old, di);
	}
	row->member = m;
	if (m >= 0)
		la_duty_take_seat(d, row, m);
}

/* What decides between two rows that b could take; smaller wins. */
struct move_key {
	int clash;		/* b would share the post with its unit */
	int giver;		/* minus the giver's count: the fullest first */
	long near;		/* minus the distance to b's nearest duty */
	size_t row;
};

static int
move_less(const struct move_key *a, const struct move_key *b)
{
	if (a->clash != b->clash)
		return a->clash < b->clash;
	if (a->giver != b->giver)
		return a->giver < b->giver;
	if (a->near != b->near)
		return a->near < b->near;
	return a->row < b->row;
}

static int
move_to(struct la_duty *d, const struct post_index *idx, int p, long b)
{
	const int *count = &d->count[(size_t)p * d->npool];
	struct move_key best = { 0, 0, 0, 0 }, key;
	int found = 0;

	for (size_t i = 0; i < idx->n; i++) {
		const struct la_duty_row *row = &d->rows[idx->rows[i]];
		size_t di = (size_t)(row->day - d->from);

		if (row->member < 0 || count[row->member] < count[b] + 2 ||
		    on_day(d, di, b) != ON_NOTHING ||
		    !la_duty_member_ok(d, b, row->day))
			continue;
		key.clash = seated_elsewhere(d, idx->rows[i], b);
		key.giver = -count[row->member];
		key.near = -distance(d, di, b);
		key.row = idx->rows[i];
		if (!found || move_less(&key, &best)) {
			best = key;
			found = 1;
		}
	}
	if (found)
		la_duty_set_holder(d, best.row, b);
	return found;
}

/* Moves one duty at post p toward a member with fewer. */
static int
move_one(struct la_duty *d, const struct post_index *idx, int p)
{
	const struct post_members *q = &d->qualified[p];
	const int *count = &d->count[(size_t)p * d->npool];
	int lo = INT_MAX, hi = INT_MIN;

	for (size_t i = 0; i < q->n; i++) {
		int c = count[q->members[i]];

		lo = c < lo ? c : lo;
		hi = c > hi ? c : hi;
	}
	if (q->n < 2 || hi - lo < 2)
		return 0;
	for (int c = lo; c <= hi - 2; c++)
		for (size_t i = 0; i < q->n; i++)
			if (count[q->members[i]] == c &&
			    move_to(d, idx, p, q->members[i]))
				return 1;
	return 0;
}

/*
 * Whether the members of rows r and s can trade days: each can serve on
 * the other's day, is free then, and meets no member of its unit there.
 */
int
la_duty_can_trade(const struct la_duty *d, size_t r, size_t s)
{
	const struct la_duty_row *a = &d->rows[r], *b = &d->rows[s];
	size_t da = (size_t)(a->day - d->from), db = (size_t)(b->day - d->from);

	return b->member >= 0 && a->day != b->day &&
	    on_day(d, da, b->member) == ON_NOTHING &&
	    on_day(d, db, a->member) == ON_NOTHING &&
	    !seated_elsewhere(d, r, b->member) &&
	    !seated_elsewhere(d, s, a->member) &&
	    la_duty_member_ok(d, b->member, a->day) &&
	    la_duty_member_ok(d, a->member, b->day);
}

static void
swap_rows(struct la_duty *d, size_t r, size_t s)
{
	long a = d->rows[r].member, b = d->rows[s].member;

	la_duty_set_holder(d, r, b);
	la_duty_set_holder(d, s, a);
}

/* Trades the days of two members of post p to end one unit clash. */
static int
swap_one(struct la_duty *d, const struct post_index *idx)
{
	for (size_t i = 0; i < idx->n; i++) {
		size_t r = idx->rows[i], found = 0;
		la_day day = d->rows[r].day, gap = 0;

		if (d->rows[r].member < 0 ||
		    !seated_elsewhere(d, r, d->rows[r].member))
			continue;
		for (size_t k = 0; k < idx->n; k++) {
			size_t s = idx->rows[k];
			la_day g = d->rows[s].day > day ?
			    d->rows[s].day - day : day - d->rows[s].day;

			if ((found && g >= gap) || !la_duty_can_trade(d, r, s))
				continue;
			found = s + 1;
			gap = g;
		}
		if (found) {
			swap_rows(d, r, found - 1);
			return 1;
		}
	}
	return 0;
}

/* The row of day index di where m has a seat, or SIZE_MAX. */
static size_t
seat_of(const struct la_duty *d, size_t di, long m)
{
	for (size_t r = d->day_first[di]; r < d->day_first[di + 1]; r++)
		if (d->rows[r].member == m)
			return r;
	return SIZE_MAX;
}

/*
 * Fills row r along an augmenting path of its day: a qualified member who
 * is free, or one whose own seat can in turn go to someone else. seen
 * marks the members tried. Returns 1 when r was filled.
 */
static int
augment(struct la_duty *d, size_t r, unsigned char *seen)
{
	const struct la_duty_row *row = &d->rows[r];
	const struct post_members *q = &d->qualified[row->post];
	size_t di = (size_t)(row->day - d->from);

	for (size_t i = 0; i < q->n; i++) {
		long m = q->members[i];
		size_t h;

		if (seen[m] || !la_duty_member_ok(d, m, row->day))
			continue;
		seen[m] = 1;
		h = seat_of(d, di, m);
		if (h == SIZE_MAX ||
		    (!d->rows[h].kept && augment(d, h, seen))) {
			la_duty_set_holder(d, r, m);
			return 1;
		}
	}
	return 0;
}

static int
refill_all(struct la_duty *d, const struct post_index *idx,
    unsigned char *seen)
{
	int changed = 0;

	for (size_t i = 0; i < idx->n; i++) {
		size_t r = idx->rows[i];

		if (d->rows[r].member >= 0)
			continue;
		if (la_duty_refill(d, r)) {
			changed = 1;
			continue;
		}
		memset(seen, 0, d->npool);
		if (augment(d, r, seen))
			changed = 1;
	}
	return changed;
}

int
la_duty_balance(struct la_duty *d)
{
	struct post_index *idx;
	unsigned char *seen;
	int changed, rc = 0;

	idx = calloc((size_t)d->nposts + 1, sizeof(*idx));
	seen = malloc(d->npool + 1);
	if (idx == NULL || seen == NULL || build_index(d, idx) != 0 ||
	    la_duty_spread_prepare(d) != 0) {
		rc = -1;
		goto out;
	}
	do {
		changed = 0;
		for (int p = 0; p < d->nposts; p++)
			changed |= refill_all(d, &idx[p], seen);
		for (int p = 0; p < d->nposts; p++)
			while (move_one(d, &idx[p], p))
				changed = 1;
		for (int p = 0; p < d->nposts; p++)
			while (swap_one(d, &idx[p]))
				changed = 1;
		for (int p = 0; p < d->nposts; p++)
			while (la_duty_spread_one(d, &idx[p]))
				changed = 1;
	} while (changed && !d->failed);
	if (d->failed)
		rc = -1;
out:
	for (int p = 0; idx != NULL && p < d->nposts; p++)
		free(idx[p].rows);
	free(idx);
	free(seen);
	return rc;
}
