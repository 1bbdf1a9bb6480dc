/* SPDX-License-Identifier: MIT */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "rules_private.h"

/*
 * The "calendar" object of a rules file. Its lists of days add to the
 * current calendar unless "replace" is true, and every list is kept
 * sorted and free of repeats.
 */

static int
compare_days(const void *a, const void *b)
{
	la_day x = *(const la_day *)a, y = *(const la_day *)b;

	return (x > y) - (x < y);
}

/* Sorts days and removes repeats. Returns the new count. */
static size_t
sort_days(la_day *days, size_t n)
{
	size_t out = 0;

	if (n == 0)
		return 0;
	qsort(days, n, sizeof(*days), compare_days);
	for (size_t i = 1; i < n; i++)
		if (days[i] != days[out])
			days[++out] = days[i];
	return out + 1;
}

/* The span must not end before it starts. */
static int
check_span(struct rules_loader *ld, const struct la_date *first,
    const struct la_date *last)
{
	char from[16], to[16];

	if (la_day_from_date(*last) >= la_day_from_date(*first))
		return 0;
	la_date_format(*first, from, sizeof(from));
	la_date_format(*last, to, sizeof(to));
	return la_rules_fail_key(ld, "calendar.last",
	    "%s is before calendar.first %s", to, from);
}

static int
fail_outside(struct rules_loader *ld, const json_t *v,
    const struct rules_day_list *list)
{
	char from[16], to[16], why[128];

	la_date_format(*list->first, from, sizeof(from));
	la_date_format(*list->last, to, sizeof(to));
	snprintf(why, sizeof(why), "outside the calendar %s..%s, so set "
	    "calendar.first or calendar.last to cover it", from, to);
	return la_rules_fail_value(ld, v, why);
}

/* Reads "YYYY-MM-DD" or a run "YYYY-MM-DD..YYYY-MM-DD" into the list. */
static int
load_day_item(struct rules_loader *ld, const json_t *v,
    struct rules_day_list *list)
{
	char text[64];
	const char *s = json_string_value(v), *dots;
	struct la_date first, last;
	la_day from, to;

	if (s == NULL)
		return la_rules_fail_type(ld, v, "a date or a run of dates "
		    "such as \"2024-02-10..2024-02-17\"");
	if (json_string_length(v) >= sizeof(text))
		return la_rules_fail_value(ld, v, "not a date");
	memcpy(text, s, json_string_length(v) + 1);
	if ((dots = strstr(text, "..")) != NULL)
		text[dots - text] = '\0';
	if (la_rules_parse_date(ld, v, text, &first) != 0)
		return -1;
	last = first;
	if (dots != NULL && la_rules_parse_date(ld, v, dots + 2, &last) != 0)
		return -1;
	from = la_day_from_date(first);
	to = la_day_from_date(last);
	if (to < from)
		return la_rules_fail_value(ld, v,
		    "the run ends before it starts");
	if (from < la_day_from_date(*list->first) ||
	    to > la_day_from_date(*list->last))
		return fail_outside(ld, v, list);
	for (la_day d = from; d <= to; d++) {
		size_t bit = (size_t)(d - list->base);

		list->bits[bit / 8] |= (unsigned char)(1u << bit % 8);
	}
	return 0;
}

int
la_rules_load_day_list(struct rules_loader *ld, const json_t *v,
    struct rules_day_list *list)
{
	size_t i;
	json_t *item;

	if (!json_is_array(v))
		return la_rules_fail_type(ld, v, "an array of dates");
	if (check_span(ld, list->first, list->last) != 0)
		return -1;
	list->base = la_day_from_date(*list->first);
	list->span = (size_t)(la_day_from_date(*list->last) - list->base + 1);
	if ((list->bits = calloc(list->span / 8 + 1, 1)) == NULL)
		return la_error_set(ld->err, LA_ERR_NOMEM, ld->file, 0,
		    ld->path, "out of memory");
	list->given = 1;
	json_array_foreach(v, i, item) {
		size_t len = la_rules_path_index(ld, i);
		int rc = load_day_item(ld, item, list);

		la_rules_path_restore(ld, len);
		if (rc != 0)
			return -1;
	}
	return 0;
}

/* The calendar keys as the file states them, before they are merged. */
struct calendar_edit {
	struct la_date first;
	struct la_date last;
	int replace;
	struct rules_day_list holidays;
	struct rules_day_list workdays;
};

#define E(f) offsetof(struct calendar_edit, f)

static const struct rules_key calendar_keys[] = {
	{ "first", KEY_DATE, E(first), 0, 0, 0, 0, NULL },
	{ "last", KEY_DATE, E(last), 0, 0, 0, 0, NULL },
	{ "replace", KEY_BOOL, E(replace), 0, 0, 0, 0, NULL },
	{ "holidays", KEY_DAY_LIST, E(holidays), 0, 0, 0, 0, NULL },
	{ "workdays", KEY_DAY_LIST, E(workdays), 0, 0, 0, 0, NULL },
	{ NULL, KEY_INT, 0, 0, 0, 0, 0, NULL }
};

static size_t
count_days(const struct rules_day_list *list)
{
	size_t n = 0;

	for (size_t i = 0; i < list->span; i++)
		n += (list->bits[i / 8] >> i % 8) & 1;
	return n;
}

/*
 * Builds the merged list in *out: the file's days, plus the current ones
 * unless replace is set, keeping only days in [first, last].
 */
static int
merge_days(const la_day *cur, size_t ncur, const struct rules_day_list *add,
    int replace, la_day first, la_day last, la_day **out, size_t *nout)
{
	size_t n = 0, max = count_days(add) + (replace ? 0 : ncur);
	la_day *days = malloc((max > 0 ? max : 1) * sizeof(*days));

	if (days == NULL)
		return -1;
	for (size_t i = 0; !replace && i < ncur; i++)
		if (cur[i] >= first && cur[i] <= last)
			days[n++] = cur[i];
	for (size_t i = 0; i < add->span; i++)
		if ((add->bits[i / 8] >> i % 8) & 1)
			days[n++] = add->base + (la_day)i;
	*out = days;
	*nout = sort_days(days, n);
	return 0;
}

static void
format_day(la_day day, char *buf, size_t size)
{
	la_date_format(la_date_from_day(day), buf, size);
}

/* Worked days must be weekend days, and no day can be both kinds. */
static int
check_days(struct rules_loader *ld, const struct la_calendar *cal)
{
	char day[16];
	size_t h = 0;

	for (size_t i = 0; i < cal->nworkdays; i++) {
		la_day d = cal->workdays[i];

		format_day(d, day, sizeof(day));
		if (la_weekday(d) < 6)
			return la_rules_fail_key(ld, "calendar.workdays",
			    "%s is a weekday, not a Saturday or Sunday", day);
		while (h < cal->nholidays && cal->holidays[h] < d)
			h++;
		if (h < cal->nholidays && cal->holidays[h] == d)
			return la_rules_fail_key(ld, "calendar.workdays",
			    "%s is also listed in calendar.holidays", day);
	}
	return 0;
}

static int
apply_calendar(struct rules_loader *ld, const struct calendar_edit *e)
{
	struct la_calendar *cal = &ld->r->calendar, next = *cal;

	if (check_span(ld, &e->first, &e->last) != 0)
		return -1;
	next.first = la_day_from_date(e->first);
	next.last = la_day_from_date(e->last);
	next.holidays = next.workdays = NULL;
	if (merge_days(cal->holidays, cal->nholidays, &e->holidays,
	    e->replace, next.first, next.last, &next.holidays,
	    &next.nholidays) != 0 || merge_days(cal->workdays,
	    cal->nworkdays, &e->workdays, e->replace, next.first, next.last,
	    &next.workdays, &next.nworkdays) != 0) {
		free(next.holidays);
		return la_error_set(ld->err, LA_ERR_NOMEM, ld->file, 0,
		    "calendar", "out of memory");
	}
	if (check_days(ld, &next) != 0) {
		free(next.holidays);
		free(next.workdays);
		return -1;
	}
	free(cal->holidays);
	free(cal->workdays);
	*cal = next;
	return 0;
}

int
la_rules_load_calendar(struct rules_loader *ld, const json_t *v)
{
	struct calendar_edit e;
	int rc;

	memset(&e, 0, sizeof(e));
	e.first = la_date_from_day(ld->r->calendar.first);
	e.last = la_date_from_day(ld->r->calendar.last);
	/* The key table reads "first" and "last" before the lists. */
	e.holidays.first = e.workdays.first = &e.first;
	e.holidays.last = e.workdays.last = &e.last;
	rc = la_rules_load_object(ld, calendar_keys, v, &e);
	if (rc == 0)
		rc = apply_calendar(ld, &e);
	free(e.holidays.bits);
	free(e.workdays.bits);
	return rc;
}
