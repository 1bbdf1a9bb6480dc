/* SPDX-License-Identifier: MIT */
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "schedule.h"

static const char *const from_names[] = { "from", "start", "开始日期",
    "起始日期", NULL };
static const char *const to_names[] = { "to", "end", "结束日期", "截止日期",
    NULL };
static const char *const reason_names[] = { "reason", "原因", "事由",
    NULL };

void
la_absences_init(struct la_absences *a)
{
	memset(a, 0, sizeof(*a));
}

void
la_absences_free(struct la_absences *a)
{
	for (size_t i = 0; i < a->n; i++)
		free(a->items[i].reason);
	free(a->items);
	free(a->first);
	la_absences_init(a);
}

int
la_absences_add(struct la_absences *a, long member, la_day from, la_day to,
    const char *reason)
{
	struct la_absence *item;

	if (a->n == a->cap) {
		size_t cap = a->cap ? a->cap * 2 : 32;

		if ((item = realloc(a->items, cap * sizeof(*item))) == NULL)
			return -1;
		a->items = item;
		a->cap = cap;
	}
	item = &a->items[a->n];
	item->member = member;
	item->from = from;
	item->to = to;
	item->reason = NULL;
	if (reason != NULL && (item->reason = strdup(reason)) == NULL)
		return -1;
	a->n++;
	return 0;
}

static int
by_member_from(const void *x, const void *y)
{
	const struct la_absence *a = x, *b = y;

	if (a->member != b->member)
		return a->member < b->member ? -1 : 1;
	return (a->from > b->from) - (a->from < b->from);
}

int
la_absences_index(struct la_absences *a, size_t nmembers)
{
	size_t i = 0;

	free(a->first);
	if ((a->first = calloc(nmembers + 1, sizeof(size_t))) == NULL)
		return -1;
	a->nmembers = nmembers;
	if (a->n > 0)
		qsort(a->items, a->n, sizeof(*a->items), by_member_from);
	for (size_t m = 0; m <= nmembers; m++) {
		while (i < a->n && a->items[i].member < (long)m)
			i++;
		a->first[m] = i;
	}
	return 0;
}

int
la_absences_cover(const struct la_absences *a, long member, la_day day)
{
	if (a == NULL || a->first == NULL || member < 0 ||
	    (size_t)member >= a->nmembers)
		return 0;
	for (size_t i = a->first[member]; i < a->first[member + 1]; i++)
		if (a->items[i].from <= day && day <= a->items[i].to)
			return 1;
	return 0;
}

/* Parses the date column names[0]; 1 when optional and empty. */
static int
read_day(const struct la_record *rec, const char *const *names,
    int optional, la_day *out, const char *file, struct la_error *err)
{
	char buf[128];
	const char *v = la_schedule_trim(la_schedule_field(rec, names), buf,
	    sizeof(buf));
	struct la_date d;

	if (v == NULL) {
		if (optional)
			return 1;
		return la_error_set(err, LA_ERR_VALUE, file, rec->line,
		    names[0], _("missing %s"), names[0]);
	}
	if (la_parse_date(v, &d, NULL, 0) != 0)
		return la_error_set(err, LA_ERR_VALUE, file, rec->line,
		    names[0], _("invalid date in %s: \"%s\""), names[0], v);
	*out = la_day_from_date(d);
	return 0;
}

static int
read_absence(struct la_absences *a, const struct la_pool *pool,
    const struct la_record *rec, const char *file,
    const struct la_diag *diag, struct la_error *err)
{
	char license[256], reason[256];
	la_day from, to;
	long m;
	int rc;

	if (la_schedule_trim(la_record_get(rec, LA_F_LICENSE_NO), license,
	    sizeof(license)) == NULL)
		return la_error_set(err, LA_ERR_VALUE, file, rec->line,
		    "license_no", _("missing %s"), "license_no");
	if (read_day(rec, from_names, 0, &from, file, err) != 0 ||
	    (rc = read_day(rec, to_names, 1, &to, file, err)) == -1)
		return -1;
	if (rc == 1)
		to = from;
	if (to < from)
		return la_error_set(err, LA_ERR_VALUE, file, rec->line, "to",
		    "%s", _("invalid period: to is before from"));
	if ((m = la_pool_find(pool, license)) < 0) {
		la_warn(diag, file, rec->line, "license_no",
		    _("license_no \"%s\" is not in the roster: absence "
		    "ignored"), license);
		return 0;
	}
	if (la_absences_add(a, m, from, to, la_schedule_trim(
	    la_schedule_field(rec, reason_names), reason,
	    sizeof(reason))) != 0)
		return la_error_set(err, LA_ERR_NOMEM, file, 0, NULL, "%s",
		    _("out of memory"));
	return 0;
}

int
la_absences_read(struct la_absences *a, const struct la_pool *pool,
    struct la_reader *rd, const char *file, const struct la_diag *diag,
    struct la_error *err)
{
	struct la_record rec;
	int rc;

	la_record_init(&rec);
	while ((rc = la_reader_next(rd, &rec, err)) == 1) {
		if (rec.nfindings > 0) {
			rc = la_error_set(err, LA_ERR_SYNTAX, file, rec.line,
			    rec.findings[0].field, "%s",
			    rec.findings[0].message);
			break;
		}
		if ((rc = read_absence(a, pool, &rec, file, diag, err)) != 0)
			break;
	}
	la_record_free(&rec);
	return rc == -1 ? -1 : 0;
}
