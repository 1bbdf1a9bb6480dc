/* SPDX-License-Identifier: MIT */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "schedule_duty.h"
#include "schedule_duty_private.h"

/* Weekday bits of Monday to Friday in struct la_post's weekdays. */
#define MONDAY_TO_FRIDAY (1u << 1 | 1u << 2 | 1u << 3 | 1u << 4 | 1u << 5)

/* Maximum length of a period in days, to catch a mistyped year. */
#define MAX_PERIOD_DAYS 3660

int
la_duty_post_runs(const struct la_rules *rules, int post, la_day day)
{
	unsigned weekdays = rules->posts[post].weekdays;
	int wd = la_weekday(day);

	if (!la_is_working_day(&rules->calendar, day))
		return 0;
	if (weekdays & (1u << wd))
		return 1;
	return wd >= 6 && (weekdays & MONDAY_TO_FRIDAY) == MONDAY_TO_FRIDAY;
}

static int
nomem(struct la_error *err)
{
	return la_error_set(err, LA_ERR_NOMEM, NULL, 0, NULL,
	    _("out of memory"));
}

static int
check_period(const struct la_rules *rules, la_day from, la_day to,
    struct la_error *err)
{
	char a[16], b[16];

	la_date_format(la_date_from_day(from), a, sizeof(a));
	la_date_format(la_date_from_day(to), b, sizeof(b));
	if (rules->nposts == 0)
		return la_error_set(err, LA_ERR_RULES, NULL, 0, "duty.posts",
		    "%s", _("the rules define no duty posts: list them in "
		    "duty.posts"));
	if (from > to)
		return la_error_set(err, LA_ERR_USAGE, NULL, 0, "from",
		    _("invalid period: --from %s is after --to %s"), a, b);
	if (to - from >= MAX_PERIOD_DAYS)
		return la_error_set(err, LA_ERR_USAGE, NULL, 0, "to",
		    _("invalid period: %s to %s is longer than %d days"), a, b,
		    MAX_PERIOD_DAYS);
	for (la_day day = from; day <= to; day++) {
		if (la_calendar_covers(&rules->calendar, day))
			continue;
		la_date_format(la_date_from_day(day), a, sizeof(a));
		return la_error_set(err, LA_ERR_USAGE, NULL, 0, "calendar",
		    _("%s is outside the rules' holiday calendar: add that "
		    "year's holidays and worked days to the rules"), a);
	}
	return 0;
}

static void *
alloc_array(size_t n, size_t size, int *failed)
{
	void *p = calloc(n > 0 ? n : 1, size);

	if (p == NULL)
		*failed = 1;
	return p;
}

struct la_duty *
la_duty_new(const struct la_pool *pool, const struct la_rules *rules,
    la_day from, la_day to, struct la_error *err)
{
	struct la_duty *d;
	size_t cells;
	int failed = 0;

	if (check_period(rules, from, to, err) != 0)
		return NULL;
	if ((d = calloc(1, sizeof(*d))) == NULL) {
		nomem(err);
		return NULL;
	}
	d->pool = pool;
	d->rules = rules;
	d->from = from;
	d->to = to;
	d->keep_before = from;
	d->ndays = (size_t)(to - from + 1);
	d->npool = pool->n;
	d->nposts = rules->nposts;
	la_absences_init(&d->absences);
	cells = (size_t)d->nposts * d->npool;
	d->hist_count = alloc_array(cells, sizeof(int), &failed);
	d->hist_total = alloc_array(d->npool, sizeof(int), &failed);
	d->hist_alt = alloc_array(d->npool, sizeof(int), &failed);
	d->hist_last = alloc_array(d->npool, sizeof(la_day), &failed);
	if (failed) {
		la_duty_free(d);
		nomem(err);
		return NULL;
	}
	for (size_t m = 0; m < d->npool; m++)
		d->hist_last[m] = LA_SCHED_NO_DAY;
	return d;
}

static void
free_work(struct la_duty *d)
{
	free(d->count);
	free(d->total);
	free(d->alt);
	free(d->last);
	free(d->on);
	free(d->ok);
	free(d->day_first);
	if (d->qualified != NULL)
		for (int p = 0; p < d->nposts; p++)
			free(d->qualified[p].members);
	free(d->qualified);
	free(d->post_order);
	free(d->work_index);
	free(d->hist_work);
	for (size_t m = 0; d->lists != NULL && m < d->npool; m++)
		free(d->lists[m].days);
	free(d->lists);
}

void
la_duty_free(struct la_duty *d)
{
	if (d == NULL)
		return;
	free_work(d);
	la_absences_free(&d->absences);
	free(d->hist_count);
	free(d->hist_total);
	free(d->hist_alt);
	free(d->hist_last);
	free(d->rows);
	free(d->kept);
	for (size_t i = 0; i < d->nstrings; i++)
		free(d->strings[i]);
	free(d->strings);
	free(d);
}

/* Keeps a copy of s for the life of d. NULL stays NULL. */
const char *
la_duty_strdup(struct la_duty *d, const char *s, int *failed)
{
	char **strings;
	char *copy;

	if (s == NULL)
		return NULL;
	if (d->nstrings == d->strings_cap) {
		size_t cap = d->strings_cap ? d->strings_cap * 2 : 64;

		strings = realloc(d->strings, cap * sizeof(*strings));
		if (strings == NULL) {
			*failed = 1;
			return NULL;
		}
		d->strings = strings;
		d->strings_cap = cap;
	}
	if ((copy = strdup(s)) == NULL) {
		*failed = 1;
		return NULL;
	}
	d->strings[d->nstrings++] = copy;
	return copy;
}

int
la_duty_unavailable(struct la_duty *d, long member, la_day from, la_day to,
    const char *reason, struct la_error *err)
{
	if (la_absences_add(&d->absences, member, from, to, reason) != 0)
		return nomem(err);
	return 0;
}

int
la_duty_history(struct la_duty *d, la_day day, int post, long member,
    int alternate)
{
	if (day >= d->from)
		return 1;
	if (member < 0 || (size_t)member >= d->npool)
		return 0;
	if (alternate) {
		d->hist_alt[member]++;
		return 0;
	}
	if (post >= 0 && post < d->nposts)
		d->hist_count[(size_t)post * d->npool + (size_t)member]++;
	d->hist_total[member]++;
	if (d->hist_last[member] == LA_SCHED_NO_DAY ||
	    day > d->hist_last[member])
		d->hist_last[member] = day;
	return 0;
}

int
la_duty_keep(struct la_duty *d, const struct la_duty_row *row,
    struct la_error *err)
{
	struct la_duty_row *k;
	int failed = 0;

	if (row->day < d->from || row->day > d->to)
		return 1;
	if (d->nkept == d->kept_cap) {
		size_t cap = d->kept_cap ? d->kept_cap * 2 : 256;

		if ((k = realloc(d->kept, cap * sizeof(*k))) == NULL)
			return nomem(err);
		d->kept = k;
		d->kept_cap = cap;
	}
	k = &d->kept[d->nkept];
	*k = *row;
	k->kept = 1;
	k->license_no = la_duty_strdup(d, row->license_no, &failed);
	k->name = la_duty_strdup(d, row->name, &failed);
	k->unit = la_duty_strdup(d, row->unit, &failed);
	k->alternate_license_no = la_duty_strdup(d,
	    row->alternate_license_no, &failed);
	k->alternate_name = la_duty_strdup(d, row->alternate_name, &failed);
	k->reason = la_duty_strdup(d, row->reason, &failed);
	if (failed)
		return nomem(err);
	d->nkept++;
	return 0;
}

void
la_duty_keep_before(struct la_duty *d, la_day day)
{
	if (day < d->from)
		day = d->from;
	if (day > d->to + 1)
		day = d->to + 1;
	d->keep_before = day;
}

int
la_duty_qualifies(const struct la_duty *d, long m, int p)
{
	const struct la_member *mb = &d->pool->members[m];
	unsigned need = d->rules->posts[p].requires;

	return mb->duty && mb->status != LA_MEMBER_REMOVED &&
	    (mb->services & need) == need;
}

/* Nonzero when m is active on day and not marked unavailable. */
int
la_duty_member_ok(const struct la_duty *d, long m, la_day day)
{
	return la_member_active(&d->pool->members[m], day, NULL) &&
	    !la_absences_cover(&d->absences, m, day);
}

const struct la_duty_row *
la_duty_rows(const struct la_duty *d, size_t *nrows)
{
	*nrows = d->nrows;
	return d->rows;
}

size_t
la_duty_unfilled(const struct la_duty *d)
{
	size_t n = 0;

	for (size_t i = 0; i < d->nrows; i++)
		if (d->rows[i].member < 0 && d->rows[i].license_no == NULL)
			n++;
	return n;
}

int
la_duty_count(const struct la_duty *d, long m, int p)
{
	int n = 0;

	if (p >= 0)
		return d->count[(size_t)p * d->npool + (size_t)m] -
		    d->hist_count[(size_t)p * d->npool + (size_t)m];
	for (int q = 0; q < d->nposts; q++)
		n += la_duty_count(d, m, q);
	return n;
}

int
la_duty_history_count(const struct la_duty *d, long m, int p)
{
	if (p >= 0)
		return d->hist_count[(size_t)p * d->npool + (size_t)m];
	return d->hist_total[m];
}

int
la_duty_alternate_count(const struct la_duty *d, long m)
{
	return d->alt[m] - d->hist_alt[m];
}
