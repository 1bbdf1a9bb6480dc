/* SPDX-License-Identifier: MIT */
/*
 * The reorder buffer. Events may arrive out of time order by up to the
 * window: each waits in a heap until an event at least one window newer
 * has been read, and is then applied in time order. An event older than
 * one already applied cannot be placed and is reported as out_of_order.
 *
 * Event ids are remembered while their event waits and for one window
 * after it is applied, which is how a repeated id is recognised. A copy
 * that arrives later than that is older than the events applied, so it is
 * reported as out of order and never applied twice either.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit_impl.h"

static int
nomem(struct la_error *err)
{
	return la_error_set(err, LA_ERR_NOMEM, NULL, 0, NULL, "out of memory");
}

static size_t
text_size(const struct la_audit_event *ev)
{
	return strlen(ev->id) + strlen(ev->license_no) + strlen(ev->name) +
	    strlen(ev->case_id) + strlen(ev->stage) + strlen(ev->reason) + 6;
}

static const char *
put_text(char **p, const char *s)
{
	size_t n = strlen(s) + 1;
	char *start = *p;

	memcpy(start, s, n);
	*p += n;
	return start;
}

/* A copy of ev whose strings live in the same allocation. */
static struct la_held_event *
hold(const struct la_audit_event *ev)
{
	struct la_held_event *h = malloc(sizeof(*h) + text_size(ev));
	char *p;

	if (h == NULL)
		return NULL;
	h->ev = *ev;
	p = h->data;
	h->ev.id = put_text(&p, ev->id);
	h->ev.license_no = put_text(&p, ev->license_no);
	h->ev.name = put_text(&p, ev->name);
	h->ev.case_id = put_text(&p, ev->case_id);
	h->ev.stage = put_text(&p, ev->stage);
	h->ev.reason = put_text(&p, ev->reason);
	return h;
}

static struct la_seen_id *
remember(struct la_audit *a, const struct la_audit_event *ev)
{
	size_t n = strlen(ev->id) + 1;
	struct la_seen_id *s = malloc(sizeof(*s) + n);

	if (s == NULL)
		return NULL;
	s->next_released = NULL;
	s->time = ev->time;
	s->file = ev->file;
	s->line = ev->line;
	memcpy(s->id, ev->id, n);
	if (la_amap_put(&a->ids, s->id, s) == -1) {
		free(s);
		return NULL;
	}
	return s;
}

/* Forgets the ids of events applied more than one window ago. */
static void
forget_old_ids(struct la_audit *a)
{
	struct la_seen_id *s;

	while ((s = a->released_head) != NULL &&
	    s->time < a->clock - a->o.window) {
		a->released_head = s->next_released;
		if (a->released_head == NULL)
			a->released_tail = NULL;
		la_amap_remove(&a->ids, s->id);
		free(s);
	}
}

static void
mark_released(struct la_audit *a, const char *id)
{
	struct la_seen_id *s = la_amap_get(&a->ids, id);

	if (s == NULL)
		return;
	if (a->released_tail != NULL)
		a->released_tail->next_released = s;
	else
		a->released_head = s;
	a->released_tail = s;
}

static int
release_top(struct la_audit *a, struct la_error *err)
{
	struct la_held_event *h = la_aheap_top(&a->buffer)->ptr;
	int rc;

	la_aheap_pop(&a->buffer);
	if (la_audit_fire_until(a, h->ev.time, err) == -1) {
		free(h);
		return -1;
	}
	if (!a->have_first_day) {
		a->have_first_day = 1;
		a->first_day = la_audit_day(a, h->ev.time);
	}
	a->have_clock = 1;
	a->clock = h->ev.time;
	a->stats.events_applied++;
	rc = la_audit_apply(a, &h->ev, err);
	mark_released(a, h->ev.id);
	forget_old_ids(a);
	free(h);
	return rc;
}

/* Applies the events that no event still to come can precede. */
static int
release(struct la_audit *a, struct la_error *err)
{
	const struct la_aheap_item *top;

	while ((top = la_aheap_top(&a->buffer)) != NULL &&
	    top->time < a->newest - a->o.window)
		if (release_top(a, err) == -1)
			return -1;
	return 0;
}

static int
report_late(struct la_audit *a, const struct la_audit_event *ev,
    struct la_error *err)
{
	struct la_audit_finding f = { .kind = LA_AK_OUT_OF_ORDER };
	char at[32], clock[32], detail[200];

	a->stats.out_of_order++;
	la_time_format(&a->rules->tz, ev->time, at, sizeof(at));
	la_time_format(&a->rules->tz, a->clock, clock, sizeof(clock));
	snprintf(detail, sizeof(detail), "event at %s came after events "
	    "up to %s were applied: not applied", at, clock);
	la_warn(&a->o.diag, ev->file, ev->line, LA_AUDIT_F_TIME,
	    "event \"%s\" at %s is older than the events already applied "
	    "(up to %s): not applied; sort the input by time or widen "
	    "--window", ev->id, at, clock);
	f.license_no = ev->license_no;
	f.events[f.nevents++] = ev->id;
	f.has_date = 1;
	f.date = la_audit_day(a, ev->time);
	f.case_id = ev->case_id;
	f.detail = detail;
	return la_audit_report(a, &f,
	    la_amap_get(&a->members, ev->license_no), err);
}

int
la_audit_order_add(struct la_audit *a, const struct la_audit_event *ev,
    struct la_error *err)
{
	struct la_seen_id *seen = la_amap_get(&a->ids, ev->id);
	struct la_held_event *h;

	if (seen != NULL) {
		a->stats.duplicates++;
		la_warn(&a->o.diag, ev->file, ev->line, LA_AUDIT_F_EVENT_ID,
		    "event_id \"%s\" repeats the event of %s:%ld: ignored",
		    ev->id, seen->file != NULL ? seen->file : "-", seen->line);
		return 0;
	}
	if (a->have_clock && ev->time < a->clock)
		return report_late(a, ev, err);
	if ((h = hold(ev)) == NULL || remember(a, ev) == NULL) {
		free(h);
		return nomem(err);
	}
	if (la_aheap_push(&a->buffer, ev->time, a->seq++, h) == -1) {
		free(la_amap_remove(&a->ids, ev->id));
		free(h);
		return nomem(err);
	}
	if (!a->have_newest || ev->time > a->newest) {
		a->have_newest = 1;
		a->newest = ev->time;
	}
	return release(a, err);
}

int
la_audit_order_flush(struct la_audit *a, struct la_error *err)
{
	while (la_aheap_top(&a->buffer) != NULL)
		if (release_top(a, err) == -1)
			return -1;
	return 0;
}

static void
free_any(void *p)
{
	free(p);
}

void
la_audit_order_free(struct la_audit *a)
{
	for (size_t i = 0; i < a->buffer.n; i++)
		free(a->buffer.v[i].ptr);
	la_aheap_free(&a->buffer);
	la_amap_each(&a->ids, free_any);
	la_amap_free(&a->ids);
	a->released_head = a->released_tail = NULL;
}

static int
report_invalid(struct la_audit *a, const struct la_audit_event *ev,
    int has_time, const char *why, struct la_error *err)
{
	struct la_audit_finding f = { .kind = LA_AK_INVALID_EVENT };

	a->stats.invalid++;
	la_warn(&a->o.diag, ev->file, ev->line, NULL, "%s", why);
	f.license_no = ev->license_no;
	if (*ev->id != '\0')
		f.events[f.nevents++] = ev->id;
	f.has_date = has_time;
	if (has_time)
		f.date = la_audit_day(a, ev->time);
	f.case_id = ev->case_id;
	f.detail = why;
	return la_audit_report(a, &f,
	    la_amap_get(&a->members, ev->license_no), err);
}

int
la_audit_feed(struct la_audit *a, const struct la_record *r,
    const char *file, struct la_error *err)
{
	struct la_audit_event ev;
	char why[400];
	int has_time;

	a->stats.events_read++;
	if (la_audit_event_parse(r, a->rules, &a->columns, &ev, &has_time,
	    why, sizeof(why)) == -1) {
		ev.file = file;
		return report_invalid(a, &ev, has_time, why, err);
	}
	ev.file = file;
	if (ev.time > a->o.as_of) {
		a->stats.after_as_of++;
		return 0;
	}
	return la_audit_order_add(a, &ev, err);
}

int
la_audit_finish(struct la_audit *a, struct la_error *err)
{
	if (la_audit_order_flush(a, err) == -1)
		return -1;
	if (a->stats.after_as_of > 0) {
		char at[32];

		la_time_format(&a->rules->tz, a->o.as_of, at, sizeof(at));
		la_warn(&a->o.diag, NULL, 0, NULL,
		    "%ld events after the as-of time %s were not applied",
		    a->stats.after_as_of, at);
	}
	return la_audit_fire_until(a, a->o.as_of, err);
}
