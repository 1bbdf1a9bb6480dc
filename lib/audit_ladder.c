/* SPDX-License-Identifier: MIT */
#include <stdlib.h>
#include <string.h>

#include "audit_impl.h"

/*
 * Drops the member's ladder findings dated before the window that ends on
 * date. The window reaches back sanction_window_months to the same day of
 * the month, which it includes: for 2025-01-15 and 12 months, a finding
 * of 2024-01-15 still counts and one of 2024-01-14 does not.
 */
static void
prune(const struct la_rules *r, struct la_audit_member *m, la_day date)
{
	struct la_date d = la_date_from_day(date);
	la_day first = la_day_from_date(la_date_add_months(d,
	    -r->sanction_window_months));
	size_t keep = 0;

	while (keep < m->nrecent && m->recent[keep] < first)
		keep++;
	if (keep == 0)
		return;
	memmove(m->recent, m->recent + keep,
	    (m->nrecent - keep) * sizeof(*m->recent));
	m->nrecent -= keep;
}

static int
grow(struct la_audit_member *m)
{
	size_t cap = m->recent_cap ? m->recent_cap * 2 : 4;
	la_day *v;

	if (m->nrecent < m->recent_cap)
		return 0;
	if ((v = realloc(m->recent, cap * sizeof(*v))) == NULL)
		return -1;
	m->recent = v;
	m->recent_cap = cap;
	return 0;
}

/*
 * Records a ladder finding of the member on date and returns its action:
 * the nth finding in the window takes ladder[n - 1], or the last step once
 * n passes the ladder's end. Findings must come in date order, which the
 * engine guarantees. On no memory the finding is not recorded but still
 * gets the action its count gives.
 */
enum la_action
la_audit_ladder(const struct la_rules *r, struct la_audit_member *m,
    la_day date, int *nth)
{
	int n;

	prune(r, m, date);
	n = (int)m->nrecent + 1;
	if (grow(m) == 0)
		m->recent[m->nrecent++] = date;
	*nth = n;
	if (r->nladder <= 0)
		return LA_ACTION_NONE;
	return r->ladder[(n < r->nladder ? n : r->nladder) - 1];
}
