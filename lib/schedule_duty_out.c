/* SPDX-License-Identifier: MIT */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "schedule_duty_private.h"

/* Holder and alternate of a row, for every writer. */
void
la_duty_row_people(const struct la_duty *d, const struct la_duty_row *row,
    struct la_duty_people *out)
{
	const struct la_member *m = row->member >= 0 ?
	    &d->pool->members[row->member] : NULL;
	const struct la_member *a = row->alternate >= 0 ?
	    &d->pool->members[row->alternate] : NULL;

	memset(out, 0, sizeof(*out));
	out->license_no = m != NULL ? m->license_no : row->license_no;
	out->name = m != NULL ? m->name : row->name;
	out->unit = m != NULL ? m->unit : row->unit;
	out->alternate_license_no = a != NULL ? a->license_no :
	    row->alternate_license_no;
	out->alternate_name = a != NULL ? a->name : row->alternate_name;
	if (out->license_no == NULL) {
		out->license_no = "";
		out->name = "";
		out->unit = "";
	}
	if (out->name == NULL)
		out->name = "";
	if (out->unit == NULL)
		out->unit = "";
	if (out->alternate_license_no == NULL) {
		out->alternate_license_no = "";
		out->alternate_name = "";
	}
	if (out->alternate_name == NULL)
		out->alternate_name = "";
}

int
la_duty_row_shown(const struct la_duty *d, const struct la_duty_row *row,
    const char *only)
{
	struct la_duty_people who;

	if (only == NULL)
		return 1;
	la_duty_row_people(d, row, &who);
	return strcmp(who.license_no, only) == 0 ||
	    strcmp(who.alternate_license_no, only) == 0;
}

/* Whether the rows carry alternate columns: some post names them. */
static int
has_alternates(const struct la_duty *d)
{
	for (int p = 0; p < d->nposts; p++)
		if (d->rules->posts[p].alternates)
			return 1;
	for (size_t r = 0; r < d->nrows; r++)
		if (d->rows[r].alternate_license_no != NULL)
			return 1;
	return 0;
}

static int
put_row(const struct la_duty *d, const struct la_duty_row *row,
    int alternates, struct la_record *rec)
{
	struct la_duty_people who;
	char date[16], seat[16];

	la_duty_row_people(d, row, &who);
	la_date_format(la_date_from_day(row->day), date, sizeof(date));
	snprintf(seat, sizeof(seat), "%d", row->seat);
	la_record_reset(rec);
	if (la_record_append(rec, "date", -1, date, strlen(date),
	    LA_KIND_TEXT) == NULL ||
	    la_record_append(rec, "post", -1, d->rules->posts[row->post].name,
	    strlen(d->rules->posts[row->post].name), LA_KIND_TEXT) == NULL ||
	    la_record_append(rec, "seat", -1, seat, strlen(seat),
	    LA_KIND_NUMBER) == NULL ||
	    la_record_append(rec, "license_no", LA_F_LICENSE_NO,
	    who.license_no, strlen(who.license_no), LA_KIND_TEXT) == NULL ||
	    la_record_append(rec, "name", LA_F_NAME, who.name,
	    strlen(who.name), LA_KIND_TEXT) == NULL ||
	    la_record_append(rec, "practice_unit", LA_F_PRACTICE_UNIT,
	    who.unit, strlen(who.unit), LA_KIND_TEXT) == NULL)
		return -1;
	if (alternates && (la_record_append(rec, "alternate_license_no", -1,
	    who.alternate_license_no, strlen(who.alternate_license_no),
	    LA_KIND_TEXT) == NULL ||
	    la_record_append(rec, "alternate_name", -1, who.alternate_name,
	    strlen(who.alternate_name), LA_KIND_TEXT) == NULL))
		return -1;
	if (la_record_set(rec, "reason", row->reason != NULL ? row->reason :
	    "", LA_KIND_TEXT) == NULL)
		return -1;
	return 0;
}

int
la_duty_row_record(const struct la_duty *d, size_t i, struct la_record *rec)
{
	return put_row(d, &d->rows[i], has_alternates(d), rec);
}

/* Days of member m's seats in the period, in order. */
static size_t
duty_days(const struct la_duty *d, long m, la_day *days)
{
	size_t n = 0;

	for (size_t r = 0; r < d->nrows; r++)
		if (d->rows[r].member == m &&
		    (n == 0 || days[n - 1] != d->rows[r].day))
			days[n++] = d->rows[r].day;
	return n;
}

static int
append_number(struct la_record *rec, const char *name, long n)
{
	char buf[32];

	snprintf(buf, sizeof(buf), "%ld", n);
	return la_record_append(rec, name, -1, buf, strlen(buf),
	    LA_KIND_NUMBER) == NULL ? -1 : 0;
}

static int
append_text(struct la_record *rec, const char *name, int id,
    const char *value, enum la_kind kind)
{
	return la_record_append(rec, name, id, value, strlen(value),
	    kind) == NULL ? -1 : 0;
}

/* "post=count" for every post where m served, joined with ';'. */
static char *
post_counts(const struct la_duty *d, long m)
{
	size_t size = 1, len = 0;
	char *buf;

	for (int p = 0; p < d->nposts; p++)
		size += strlen(d->rules->posts[p].name) + 16;
	if ((buf = malloc(size)) == NULL)
		return NULL;
	buf[0] = '\0';
	for (int p = 0; p < d->nposts; p++) {
		int c = la_duty_count(d, m, p);

		if (c > 0)
			len += (size_t)snprintf(buf + len, size - len,
			    "%s%s=%d", len > 0 ? ";" : "",
			    d->rules->posts[p].name, c);
	}
	return buf;
}

static int
put_gaps(struct la_record *rec, const la_day *days, size_t n)
{
	char first[16] = "", last[16] = "", min[32] = "", mean[32] = "";
	long lo = -1;

	if (n > 0) {
		la_date_format(la_date_from_day(days[0]), first,
		    sizeof(first));
		la_date_format(la_date_from_day(days[n - 1]), last,
		    sizeof(last));
	}
	for (size_t i = 1; i < n; i++)
		if (lo < 0 || days[i] - days[i - 1] < lo)
			lo = days[i] - days[i - 1];
	if (n > 1) {
		snprintf(min, sizeof(min), "%ld", lo);
		snprintf(mean, sizeof(mean), "%.1f",
		    (double)(days[n - 1] - days[0]) / (double)(n - 1));
	}
	return append_text(rec, "first_duty", -1, first, LA_KIND_TEXT) ||
	    append_text(rec, "last_duty", -1, last, LA_KIND_TEXT) ||
	    append_text(rec, "min_gap_days", -1, min, n > 1 ? LA_KIND_NUMBER :
	    LA_KIND_TEXT) ||
	    append_text(rec, "mean_gap_days", -1, mean, n > 1 ?
	    LA_KIND_NUMBER : LA_KIND_TEXT);
}

static int
put_member(const struct la_duty *d, long m, la_day *days,
    struct la_record *rec)
{
	const struct la_member *mb = &d->pool->members[m];
	size_t n = duty_days(d, m, days);
	char *posts;
	int rc;

	la_record_reset(rec);
	if ((posts = post_counts(d, m)) == NULL)
		return -1;
	rc = append_text(rec, "license_no", LA_F_LICENSE_NO,
	    mb->license_no, LA_KIND_TEXT) ||
	    append_text(rec, "name", LA_F_NAME, mb->name, LA_KIND_TEXT) ||
	    append_text(rec, "practice_unit", LA_F_PRACTICE_UNIT, mb->unit,
	    LA_KIND_TEXT) ||
	    append_number(rec, "duties", la_duty_count(d, m, -1)) ||
	    append_number(rec, "history_duties",
	    la_duty_history_count(d, m, -1)) ||
	    append_number(rec, "total_duties", la_duty_count(d, m, -1) +
	    la_duty_history_count(d, m, -1)) ||
	    append_number(rec, "alternates", la_duty_alternate_count(d, m)) ||
	    append_text(rec, "posts", -1, posts, LA_KIND_LIST) ||
	    put_gaps(rec, days, n) ? -1 : 0;
	free(posts);
	return rc;
}

static int
listed(const struct la_duty *d, long m)
{
	for (int p = 0; p < d->nposts; p++)
		if (la_duty_qualifies(d, m, p))
			return 1;
	return la_duty_count(d, m, -1) > 0;
}

int
la_duty_summary_record(const struct la_duty *d, long m,
    struct la_record *rec)
{
	la_day *days;
	int rc;

	if (!listed(d, m))
		return 0;
	if ((days = malloc((d->ndays + 1) * sizeof(la_day))) == NULL)
		return -1;
	rc = put_member(d, m, days, rec);
	free(days);
	return rc == 0 ? 1 : -1;
}
