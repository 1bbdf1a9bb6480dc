/* SPDX-License-Identifier: MIT */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "schedule_duty_private.h"

static int
nomem(struct la_error *err)
{
	return la_error_set(err, LA_ERR_NOMEM, NULL, 0, NULL,
	    _("out of memory"));
}

static int
alloc_work(struct la_duty *d, struct la_error *err)
{
	size_t cells = (size_t)d->nposts * d->npool;
	size_t n = d->npool > 0 ? d->npool : 1;

	d->count = malloc((cells > 0 ? cells : 1) * sizeof(int));
	d->total = malloc(n * sizeof(int));
	d->alt = malloc(n * sizeof(int));
	d->last = malloc(n * sizeof(la_day));
	d->on = calloc(d->ndays * n, 1);
	d->ok = calloc(n, 1);
	d->day_first = calloc(d->ndays + 1, sizeof(size_t));
	d->qualified = calloc((size_t)d->nposts + 1, sizeof(*d->qualified));
	d->post_order = calloc((size_t)d->nposts + 1, sizeof(int));
	if (d->count == NULL || d->total == NULL || d->alt == NULL ||
	    d->last == NULL || d->on == NULL || d->ok == NULL ||
	    d->day_first == NULL ||
	    d->qualified == NULL || d->post_order == NULL)
		return nomem(err);
	if (cells > 0)
		memcpy(d->count, d->hist_count, cells * sizeof(int));
	if (d->npool > 0) {
		memcpy(d->total, d->hist_total, d->npool * sizeof(int));
		memcpy(d->alt, d->hist_alt, d->npool * sizeof(int));
		memcpy(d->last, d->hist_last, d->npool * sizeof(la_day));
	}
	return 0;
}

static int
find_qualified(struct la_duty *d, struct la_error *err)
{
	for (int p = 0; p < d->nposts; p++) {
		struct post_members *q = &d->qualified[p];

		q->members = malloc((d->npool > 0 ? d->npool : 1) *
		    sizeof(long));
		if (q->members == NULL)
			return nomem(err);
		for (size_t m = 0; m < d->npool; m++)
			if (la_duty_qualifies(d, (long)m, p))
				q->members[q->n++] = (long)m;
	}
	return 0;
}

/*
 * The post with the fewest qualified members is filled first each day,
 * so that a member who could serve at several posts is not taken by a
 * post that had others to choose from.
 */
static void
order_posts(struct la_duty *d)
{
	for (int i = 0; i < d->nposts; i++) {
		int p = i, k = i;

		while (k > 0 && d->qualified[d->post_order[k - 1]].n >
		    d->qualified[p].n) {
			d->post_order[k] = d->post_order[k - 1];
			k--;
		}
		d->post_order[k] = p;
	}
}

static int
compare_seat(la_day day1, int post1, int seat1, la_day day2, int post2,
    int seat2)
{
	if (day1 != day2)
		return day1 < day2 ? -1 : 1;
	if (post1 != post2)
		return post1 < post2 ? -1 : 1;
	return (seat1 > seat2) - (seat1 < seat2);
}

static int
by_seat(const void *a, const void *b)
{
	const struct la_duty_row *x = a, *y = b;

	return compare_seat(x->day, x->post, x->seat, y->day, y->post,
	    y->seat);
}

static int
check_kept(struct la_duty *d, struct la_error *err)
{
	if (d->nkept > 0)
		qsort(d->kept, d->nkept, sizeof(*d->kept), by_seat);
	for (size_t i = 1; i < d->nkept; i++) {
		const struct la_duty_row *a = &d->kept[i - 1], *b = &d->kept[i];
		char date[16];

		if (by_seat(a, b) != 0)
			continue;
		la_date_format(la_date_from_day(b->day), date, sizeof(date));
		return la_error_set(err, LA_ERR_VALUE, NULL, 0, "seat",
		    _("the kept rota has two rows for %s %s seat %d"), date,
		    d->rules->posts[b->post].name, b->seat);
	}
	return 0;
}

static size_t
count_rows(const struct la_duty *d)
{
	size_t n = 0;

	for (size_t i = 0; i < d->nkept; i++)
		if (d->kept[i].day < d->keep_before)
			n++;
	for (la_day day = d->keep_before; day <= d->to; day++)
		for (int p = 0; p < d->nposts; p++)
			if (la_duty_post_runs(d->rules, p, day))
				n += (size_t)d->rules->posts[p].seats;
	return n;
}

static void
apply_kept(struct la_duty *d, const struct la_duty_row *row)
{
	size_t di = (size_t)(row->day - d->from);

	if (row->member >= 0) {
		d->count[(size_t)row->post * d->npool +
		    (size_t)row->member]++;
		d->total[row->member]++;
		if (d->last[row->member] < row->day)
			d->last[row->member] = row->day;
		d->on[di * d->npool + (size_t)row->member] = ON_SEAT;
	}
	if (row->alternate >= 0) {
		d->alt[row->alternate]++;
		if (d->on[di * d->npool + (size_t)row->alternate] == 0)
			d->on[di * d->npool + (size_t)row->alternate] =
			    ON_ALTERNATE;
	}
}

/* Appends the open seats of day. */
static void
add_open_seats(struct la_duty *d, la_day day)
{
	for (int p = 0; p < d->nposts; p++) {
		if (!la_duty_post_runs(d->rules, p, day))
			continue;
		for (int s = 1; s <= d->rules->posts[p].seats; s++) {
			struct la_duty_row *row = &d->rows[d->nrows++];

			memset(row, 0, sizeof(*row));
			row->day = day;
			row->post = p;
			row->seat = s;
			row->member = -1;
			row->alternate = -1;
		}
	}
}

static int
build_rows(struct la_duty *d, struct la_error *err)
{
	size_t n, k = 0;

	if (check_kept(d, err) != 0)
		return -1;
	n = count_rows(d);
	if ((d->rows = calloc(n > 0 ? n : 1, sizeof(*d->rows))) == NULL)
		return nomem(err);
	for (la_day day = d->from; day <= d->to; day++) {
		d->day_first[day - d->from] = d->nrows;
		if (day >= d->keep_before) {
			add_open_seats(d, day);
			continue;
		}
		for (; k < d->nkept && d->kept[k].day == day; k++) {
			d->rows[d->nrows] = d->kept[k];
			apply_kept(d, &d->rows[d->nrows++]);
		}
	}
	d->day_first[d->ndays] = d->nrows;
	return 0;
}

int
la_duty_plan(struct la_duty *d, struct la_error *err)
{
	if (alloc_work(d, err) != 0)
		return -1;
	if (la_absences_index(&d->absences, d->npool) != 0)
		return nomem(err);
	if (find_qualified(d, err) != 0)
		return -1;
	order_posts(d);
	if (build_rows(d, err) != 0 || la_duty_fill(d, err) != 0)
		return -1;
	if (la_duty_balance(d) != 0)
		return nomem(err);
	la_duty_name_alternates(d);
	return 0;
}
