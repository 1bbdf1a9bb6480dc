/* SPDX-License-Identifier: MIT */
/*
 * Sample of closed cases for file review: reservoir sampling (Vitter's
 * algorithm R) driven by SplitMix64, so that one seed and one input give
 * the same cases on every machine, in one pass and in memory for the
 * sample only.
 */
#include <stdlib.h>
#include <string.h>

#include "audit_impl.h"

static void
clear_slot(struct la_sample_slot *s)
{
	free(s->case_id);
	free(s->stage);
	free(s->event_id);
	free(s->license_no);
	memset(s, 0, sizeof(*s));
}

static int
fill_slot(struct la_sample_slot *s, const struct la_obligation *ob,
    const struct la_audit_event *ev)
{
	clear_slot(s);
	s->serial = ob->serial;
	s->time = ev->time;
	s->case_type = ev->case_type;
	s->has_score = ev->has_score;
	s->score = ev->score;
	s->grade = ob->grade;
	s->case_id = strdup(ev->case_id);
	s->stage = strdup(ev->stage);
	s->event_id = strdup(ev->id);
	s->license_no = strdup(ev->license_no);
	if (s->case_id == NULL || s->stage == NULL || s->event_id == NULL ||
	    s->license_no == NULL)
		return -1;
	return 0;
}

static int
grow(struct la_audit *a)
{
	size_t cap = a->slots_cap ? a->slots_cap * 2 : 16;
	struct la_sample_slot *v;

	if (a->nslots < a->slots_cap)
		return 0;
	if ((v = realloc(a->slots, cap * sizeof(*v))) == NULL)
		return -1;
	a->slots = v;
	a->slots_cap = cap;
	return 0;
}

/*
 * Offers the nth closed case (n counting from 0) to the sample: the first
 * N fill it, and case n replaces a random slot with probability N/(n+1).
 */
int
la_audit_sample_add(struct la_audit *a, struct la_obligation *ob,
    const struct la_audit_event *ev)
{
	uint64_t n = a->nclosed++;
	uint64_t slot;

	ob->serial = n;
	if (a->o.sample == 0)
		return 0;
	if (n < a->o.sample) {
		if (grow(a) == -1)
			return -1;
		memset(&a->slots[a->nslots], 0, sizeof(*a->slots));
		slot = a->nslots++;
	} else if ((slot = la_rng_below(&a->rng, n + 1)) >= a->o.sample)
		return 0;
	ob->sample_slot = (long)slot;
	return fill_slot(&a->slots[slot], ob, ev);
}

/* Carries a late filing's 不合格 into the sample, if the case is in it. */
void
la_audit_sample_regrade(struct la_audit *a, struct la_obligation *ob)
{
	struct la_sample_slot *s;

	if (ob->sample_slot < 0 || (size_t)ob->sample_slot >= a->nslots)
		return;
	s = &a->slots[ob->sample_slot];
	if (s->serial == ob->serial)
		s->grade = ob->grade;
}

void
la_audit_sample_free(struct la_audit *a)
{
	for (size_t i = 0; i < a->nslots; i++)
		clear_slot(&a->slots[i]);
	free(a->slots);
	a->slots = NULL;
	a->nslots = 0;
}
