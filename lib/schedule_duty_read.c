/* SPDX-License-Identifier: MIT */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "normalize.h"
#include "schedule_duty_private.h"

/* Column names of la-schedule's own files, with the Chinese headers. */
static const char *const date_names[] = { "date", "日期", "值班日期", NULL };
static const char *const post_names[] = { "post", "岗位", "值班岗位",
    NULL };
static const char *const seat_names[] = { "seat", "席位", NULL };
static const char *const reason_names[] = { "reason", "原因", "事由",
    NULL };
static const char *const alt_license_names[] = { "alternate_license_no",
    "备班执业证号", NULL };
static const char *const alt_name_names[] = { "alternate_name", "备班姓名",
    NULL };

/* The trimmed value of the field named one of names, in buf; or NULL. */
static const char *
named(const struct la_record *rec, const char *const *names, char *buf,
    size_t size)
{
	return la_schedule_trim(la_schedule_field(rec, names), buf, size);
}

/* The same for a field of the catalogue. */
static const char *
by_id(const struct la_record *rec, int id, char *buf, size_t size)
{
	return la_schedule_trim(la_record_get(rec, id), buf, size);
}

static int
bad_value(struct la_error *err, const char *file,
    const struct la_record *rec, const char *field, const char *what,
    const char *value)
{
	return la_error_set(err, LA_ERR_VALUE, file, rec->line, field,
	    _("invalid %s in %s: \"%s\""), what, field, value);
}

static int
missing(struct la_error *err, const char *file, const struct la_record *rec,
    const char *field)
{
	return la_error_set(err, LA_ERR_VALUE, file, rec->line, field,
	    _("missing %s"), field);
}

/* Parses the date column names[0]; required unless optional is set. */
static int
read_day(const struct la_record *rec, const char *const *names,
    int optional, la_day *out, const char *file, struct la_error *err)
{
	char buf[128];
	const char *v = named(rec, names, buf,
	    sizeof(buf));
	struct la_date d;

	if (v == NULL) {
		if (optional)
			return 1;
		return missing(err, file, rec, names[0]);
	}
	if (la_parse_date(v, &d, NULL, 0) != 0)
		return bad_value(err, file, rec, names[0], _("date"), v);
	*out = la_day_from_date(d);
	return 0;
}

/* Pool index of the record's licence number; -1 when empty or unknown. */
static long
member_of(const struct la_duty *d, const char *value, char *buf,
    size_t size)
{
	const char *v = la_schedule_trim(value, buf, size);

	if (v == NULL)
		return -1;
	return la_pool_find(d->pool, v);
}

typedef int (*record_fn)(struct la_duty *, const struct la_record *,
    const char *, const struct la_diag *, struct la_error *);

static int
read_all(struct la_duty *d, struct la_reader *rd, const char *file,
    const struct la_diag *diag, struct la_error *err, record_fn fn)
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
		if ((rc = fn(d, &rec, file, diag, err)) == -1)
			break;
	}
	la_record_free(&rec);
	return rc == -1 ? -1 : 0;
}

/* Index of the post named in the record, or -1 when the rules lack it. */
static int
read_post(const struct la_duty *d, const struct la_record *rec,
    const char *file, int *post, struct la_error *err)
{
	char buf[LA_RULES_NAME_SIZE];
	const char *v = named(rec, post_names, buf,
	    sizeof(buf));

	*post = -1;
	if (v == NULL)
		return missing(err, file, rec, "post");
	for (int p = 0; p < d->nposts; p++)
		if (strcmp(d->rules->posts[p].name, v) == 0)
			*post = p;
	return 0;
}

static int
read_past(struct la_duty *d, const struct la_record *rec, const char *file,
    const struct la_diag *diag, struct la_error *err)
{
	char buf[256];
	la_day day;
	int post;
	long m;

	(void)diag;
	if (read_day(rec, date_names, 0, &day, file, err) != 0 ||
	    read_post(d, rec, file, &post, err) != 0)
		return -1;
	m = member_of(d, la_record_get(rec, LA_F_LICENSE_NO), buf,
	    sizeof(buf));
	if (m >= 0)
		la_duty_history(d, day, post, m, 0);
	m = member_of(d, la_schedule_field(rec, alt_license_names), buf,
	    sizeof(buf));
	if (m >= 0)
		la_duty_history(d, day, post, m, 1);
	return 0;
}

int
la_duty_read_history(struct la_duty *d, struct la_reader *rd,
    const char *file, const struct la_diag *diag, struct la_error *err)
{
	return read_all(d, rd, file, diag, err, read_past);
}

static int
read_seat(const struct la_record *rec, const char *file, int *seat,
    struct la_error *err)
{
	char buf[64];
	const char *v = named(rec, seat_names, buf,
	    sizeof(buf));
	long long n;

	if (v == NULL)
		return missing(err, file, rec, "seat");
	if (la_parse_count(v, &n, NULL, 0) != LA_NORM_OK || n < 1 ||
	    n > 100)
		return bad_value(err, file, rec, "seat",
		    _("seat number (1 to 100)"), v);
	*seat = (int)n;
	return 0;
}

/* Buffers for the strings of a kept row until la_duty_keep copies them. */
struct kept_text {
	char license[256];
	char name[256];
	char unit[256];
	char alternate[256];
	char alternate_name[256];
	char reason[512];
};

static void
read_people(const struct la_duty *d, const struct la_record *rec,
    struct la_duty_row *row, struct kept_text *t)
{
	row->license_no = by_id(rec, LA_F_LICENSE_NO, t->license,
	    sizeof(t->license));
	row->name = by_id(rec, LA_F_NAME, t->name, sizeof(t->name));
	row->unit = by_id(rec, LA_F_PRACTICE_UNIT, t->unit, sizeof(t->unit));
	row->alternate_license_no = named(rec, alt_license_names,
	    t->alternate, sizeof(t->alternate));
	row->alternate_name = named(rec, alt_name_names, t->alternate_name,
	    sizeof(t->alternate_name));
	row->reason = named(rec, reason_names, t->reason, sizeof(t->reason));
	row->member = row->license_no != NULL ?
	    la_pool_find(d->pool, row->license_no) : -1;
	row->alternate = row->alternate_license_no != NULL ?
	    la_pool_find(d->pool, row->alternate_license_no) : -1;
}

static int
read_kept(struct la_duty *d, const struct la_record *rec, const char *file,
    const struct la_diag *diag, struct la_error *err)
{
	struct la_duty_row row;
	struct kept_text text;
	char post[LA_RULES_NAME_SIZE];

	(void)diag;
	memset(&row, 0, sizeof(row));
	if (read_day(rec, date_names, 0, &row.day, file, err) != 0 ||
	    read_post(d, rec, file, &row.post, err) != 0 ||
	    read_seat(rec, file, &row.seat, err) != 0)
		return -1;
	if (row.post < 0)
		return bad_value(err, file, rec, "post",
		    _("post (not in the rules)"), named(rec, post_names, post,
		    sizeof(post)));
	read_people(d, rec, &row, &text);
	return la_duty_keep(d, &row, err) == -1 ? -1 : 0;
}

int
la_duty_read_keep(struct la_duty *d, struct la_reader *rd,
    const char *file, const struct la_diag *diag, struct la_error *err)
{
	return read_all(d, rd, file, diag, err, read_kept);
}
