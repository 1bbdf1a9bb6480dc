/* SPDX-License-Identifier: MIT */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dupindex.h"
#include "i18n.h"
#include "rank_impl.h"

/* Sorting needs the pack; qsort has no context argument. */
static const struct la_ranking *sorting;

static int
compare_merit(const void *pa, const void *pb)
{
	const struct la_rank_entry *a = *(struct la_rank_entry *const *)pa;
	const struct la_rank_entry *b = *(struct la_rank_entry *const *)pb;
	int c;

	if (a->score != b->score)
		return a->score > b->score ? -1 : 1;
	if (a->assessment != b->assessment)
		return a->assessment > b->assessment ? -1 : 1;
	if (a->years != b->years)
		return a->years > b->years ? -1 : 1;
	if (a->submitted != b->submitted)
		return a->submitted < b->submitted ? -1 : 1;
	c = strcmp(sorting->pack + a->license, sorting->pack + b->license);
	if (c != 0)
		return c;
	return a->line < b->line ? -1 : a->line > b->line;
}

/* Eligible entries of a category, best first. NULL on no memory. */
static struct la_rank_entry **
sorted_category(struct la_ranking *rk, enum la_category category, size_t *n)
{
	struct la_rank_entry **list = malloc((rk->n + 1) * sizeof(*list));

	*n = 0;
	if (list == NULL)
		return NULL;
	for (size_t i = 0; i < rk->n; i++)
		if (rk->entries[i].eligible &&
		    rk->entries[i].category == category)
			list[(*n)++] = &rk->entries[i];
	sorting = rk;
	qsort(list, *n, sizeof(*list), compare_merit);
	for (size_t i = 0; i < *n; i++)
		list[i]->rank = (int)i + 1;
	return list;
}

struct pick {
	struct la_ranking *rk;
	struct la_dup_index *units;	/* selected per practice unit */
	int quota;
	int chosen;
	const char *label;		/* "lawyers" */
	size_t eligible;
};

/* Nonzero when taking e would pass the cap of its practice unit. */
static int
over_cap(struct pick *p, const struct la_rank_entry *e)
{
	const char *unit = p->rk->pack + e->unit;
	const struct la_dup_entry *d;
	struct la_dup_entry once;

	if (p->rk->rules->unit_cap <= 0)
		return 0;
	d = la_dup_get(p->units, unit, strlen(unit), &once);
	return d != NULL && d->count >= p->rk->rules->unit_cap;
}

static int
take(struct pick *p, struct la_rank_entry *e, const char *why)
{
	const char *unit = p->rk->pack + e->unit;

	if (la_dup_add(p->units, unit, strlen(unit), e->line) != 0)
		return -1;
	e->selection = LA_SELECTED;
	snprintf(e->reason, sizeof(e->reason), "%s", why);
	p->chosen++;
	return 0;
}

/* Takes the best criminal-capable lawyers up to the minimum. */
static int
take_criminal(struct pick *p, struct la_rank_entry **list, size_t n,
    int minimum)
{
	char why[256];
	int taken = 0;

	for (size_t i = 0; i < n && taken < minimum && p->chosen < p->quota;
	    i++) {
		struct la_rank_entry *e = list[i];

		if (!e->criminal || over_cap(p, e))
			continue;
		if (e->rank > p->quota)
			snprintf(why, sizeof(why), _("rank %d of %zu eligible "
			    "%s; selected for the minimum of %d who can take "
			    "criminal cases"), e->rank, n, p->label, minimum);
		else
			snprintf(why, sizeof(why), _("rank %d of %zu eligible "
			    "%s"), e->rank, n, p->label);
		if (take(p, e, why) != 0)
			return -1;
		taken++;
	}
	return taken;
}

static int
take_rest(struct pick *p, struct la_rank_entry **list, size_t n)
{
	char why[256];

	for (size_t i = 0; i < n && p->chosen < p->quota; i++) {
		struct la_rank_entry *e = list[i];

		if (e->selection != NULL)
			continue;
		if (over_cap(p, e)) {
			snprintf(e->reason, sizeof(e->reason), _("the cap of "
			    "%d members per practice unit is reached for %s"),
			    p->rk->rules->unit_cap, p->rk->pack + e->unit);
			continue;
		}
		snprintf(why, sizeof(why), _("rank %d of %zu eligible %s"),
		    e->rank, n, p->label);
		if (take(p, e, why) != 0)
			return -1;
	}
	return 0;
}

static void
mark_rest(struct pick *p, struct la_rank_entry **list, size_t n)
{
	int waiting = 0;

	for (size_t i = 0; i < n; i++) {
		struct la_rank_entry *e = list[i];
		char before[256];

		if (e->selection != NULL)
			continue;
		snprintf(before, sizeof(before), "%s", e->reason);
		if (waiting < p->rk->rules->waitlist) {
			e->selection = LA_WAITLIST;
			waiting++;
			snprintf(e->reason, sizeof(e->reason), _("rank %d; "
			    "waitlist position %d%s%s"), e->rank, waiting,
			    before[0] ? "; " : "", before);
		} else {
			e->selection = LA_NOT_SELECTED;
			if (before[0] == '\0')
				snprintf(e->reason, sizeof(e->reason),
				    _("rank %d; the quota of %d and the "
				    "waitlist of %d are full"), e->rank,
				    p->quota, p->rk->rules->waitlist);
			else
				snprintf(e->reason, sizeof(e->reason),
				    _("rank %d; %s"), e->rank, before);
		}
	}
}

static int
report_shortfall(struct pick *p, enum la_category category, int taken,
    int minimum, size_t capable)
{
	const struct la_rules *rules = p->rk->rules;
	const char *key = la_category_name(category);
	int rc = 0;

	if (p->chosen < p->quota && p->eligible < (size_t)p->quota)
		rc |= rank_problem(p->rk, _("the quota of %d %s cannot be "
		    "met: %zu eligible, %zu short; accept more applications "
		    "or set selection.quotas.%s to %zu"), p->quota, p->label,
		    p->eligible, (size_t)p->quota - p->eligible, key,
		    p->eligible);
	else if (p->chosen < p->quota)
		rc |= rank_problem(p->rk, _("the quota of %d %s cannot be "
		    "met under the cap of %d per practice unit: %d selected, "
		    "%d short; raise selection.unit_cap"), p->quota, p->label,
		    rules->unit_cap, p->chosen, p->quota - p->chosen);
	if (taken < minimum)
		rc |= rank_problem(p->rk, _("the minimum of %d %s who can "
		    "take criminal cases cannot be met: %zu are eligible for "
		    "criminal defence, %d selected, %d short; set "
		    "selection.min_criminal_lawyers to %d or admit more "
		    "criminal defence lawyers"), minimum, p->label, capable,
		    taken, minimum - taken, taken);
	return rc;
}

int
rank_select(struct la_ranking *rk, enum la_category category,
    struct la_dup_index *units)
{
	struct pick p = { rk, units, rk->rules->quota[category], 0,
	    category == LA_CAT_LAWYER ? _("lawyers") : _("legal workers"),
	    0 };
	struct la_rank_entry **list;
	int minimum = 0, taken = 0;
	size_t capable = 0;

	if ((list = sorted_category(rk, category, &p.eligible)) == NULL)
		return -1;
	if (category == LA_CAT_LAWYER)
		minimum = rk->rules->min_criminal_lawyers;
	if (minimum > p.quota)
		minimum = p.quota;
	for (size_t i = 0; i < p.eligible; i++)
		capable += list[i]->criminal;
	if (minimum > 0 &&
	    (taken = take_criminal(&p, list, p.eligible, minimum)) < 0)
		goto fail;
	if (take_rest(&p, list, p.eligible) != 0)
		goto fail;
	mark_rest(&p, list, p.eligible);
	free(list);
	return report_shortfall(&p, category, taken, minimum, capable);
fail:
	free(list);
	return -1;
}
