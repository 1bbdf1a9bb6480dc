/* SPDX-License-Identifier: MIT */
#include <stdlib.h>
#include <string.h>

#include "catalogue.h"
#include "normalize.h"
#include "roster_ops.h"

/* Columns a ranking needs besides the applicant's own. */
static const int ranking_columns[] = {
	LA_F_LICENSE_NO, LA_F_CATEGORY, LA_F_RANK, LA_F_SELECTION,
};

/* Fields that la-roster sets; a ranking's values for them are dropped. */
static const char *const roster_fields[] = {
	"term_start", "term_end", "status_reason", "suspended_until",
	LA_ROSTER_STATUS_SINCE, LA_ROSTER_REPLACES,
};

#define NELEMS(a) (sizeof(a) / sizeof((a)[0]))

static int
nomem(struct la_error *err)
{
	return la_error_set(err, LA_ERR_NOMEM, NULL, 0, NULL, "out of memory");
}

static int
selection_is(const struct la_record *row, const char *word)
{
	size_t len;
	const char *v = la_trim(la_member_get(row, LA_F_SELECTION), &len);

	return len == strlen(word) && strncmp(v, word, len) == 0;
}

/* Selected and waitlisted rows are the ones that can become members. */
static int
is_candidate(const struct la_record *row)
{
	return selection_is(row, "selected") || selection_is(row, "waitlist");
}

/* Index of an earlier candidate with the license of the last row, or -1. */
static long
earlier_candidate(const struct la_roster *out, const char *license)
{
	for (size_t i = 0; i + 1 < out->nmembers; i++)
		if (is_candidate(&out->members[i]) && strcmp(license,
		    la_member_license(&out->members[i])) == 0)
			return (long)i;
	return -1;
}

/*
 * Checks the last row read. Rows that are not selected or waitlisted
 * (duplicates and ineligible applications among them) need only the
 * columns; a candidate needs a license_no, a known category and a
 * license_no no other candidate has.
 */
static int
check_ranking_row(const struct la_roster *out, const struct la_record *m,
    const char *name, struct la_error *err)
{
	const char *license = la_member_license(m);
	long dup;

	if (m->nfindings > 0)
		return la_error_set(err, LA_ERR_SYNTAX, name, m->line, NULL,
		    "malformed row: %s", m->findings[0].message);
	for (size_t c = 0; c < NELEMS(ranking_columns); c++)
		if (la_record_find_id(m, ranking_columns[c]) == NULL)
			return la_error_set(err, LA_ERR_HEADER, name, m->line,
			    la_field_name(ranking_columns[c]),
			    "missing column %s: not la-rank output",
			    la_field_name(ranking_columns[c]));
	if (!is_candidate(m))
		return 0;
	if (license[0] == '\0')
		return la_error_set(err, LA_ERR_VALUE, name, m->line,
		    "license_no", "%s row without a license_no",
		    la_member_get(m, LA_F_SELECTION));
	if (la_member_category(m) == LA_CAT_UNKNOWN)
		return la_error_set(err, LA_ERR_VALUE, name, m->line,
		    "category", "member %s: unknown category \"%s\"; expected "
		    "lawyer (律师) or legal_worker (法律工作者)", license,
		    la_member_get(m, LA_F_CATEGORY));
	if ((dup = earlier_candidate(out, license)) != -1)
		return la_error_set(err, LA_ERR_VALUE, name, m->line,
		    "license_no", "duplicate license_no %s: also on line %ld",
		    license, out->members[dup].line);
	return 0;
}

int
la_ranking_read(struct la_roster *out, FILE *fp, const char *name,
    const struct la_read_opts *opts, struct la_error *err)
{
	struct la_reader *rd;
	struct la_record rec;
	int rc;

	la_roster_clear(out);
	if ((rd = la_reader_open(fp, name, opts, err)) == NULL)
		return -1;
	out->format = la_reader_format(rd);
	la_record_init(&rec);
	while ((rc = la_reader_next(rd, &rec, err)) == 1) {
		if (la_roster_append(out, &rec, err) == -1 ||
		    check_ranking_row(out, &out->members[out->nmembers - 1],
		    name, err) == -1) {
			rc = -1;
			break;
		}
	}
	la_record_free(&rec);
	la_reader_close(rd);
	return rc;
}

static int
is_roster_field(const char *name)
{
	for (size_t i = 0; i < NELEMS(roster_fields); i++)
		if (strcmp(name, roster_fields[i]) == 0)
			return 1;
	return 0;
}

static int
append_text(struct la_record *m, const char *name, const char *value)
{
	int id = la_field_lookup(name, strlen(name));

	return la_record_append(m, name, id, value, strlen(value),
	    LA_KIND_TEXT) == NULL ? -1 : 0;
}

/*
 * Builds a member from a ranking row: the row's fields in order, with
 * la-validate's status (always "eligible" for the selected) replaced by
 * the roster status, then the roster fields.
 */
static int
make_member(struct la_record *m, const struct la_record *row,
    struct la_date from, struct la_date to, const char *reason)
{
	char start[16], end[16];
	int has_status = 0;

	la_date_format(from, start, sizeof(start));
	la_date_format(to, end, sizeof(end));
	la_record_reset(m);
	m->line = row->line;
	for (size_t i = 0; i < row->nfields; i++) {
		const struct la_field *f = &row->fields[i];

		if (f->id == LA_F_STATUS) {
			has_status = 1;
			if (la_record_append(m, f->name, f->id, "active", 6,
			    LA_KIND_TEXT) == NULL)
				return -1;
		} else if (!is_roster_field(f->name) && la_record_append(m,
		    f->name, f->id, f->value, f->len, f->kind) == NULL) {
			return -1;
		}
	}
	if ((!has_status && append_text(m, "status", "active") == -1) ||
	    append_text(m, "term_start", start) == -1 ||
	    append_text(m, "term_end", end) == -1 ||
	    append_text(m, LA_ROSTER_STATUS_SINCE, start) == -1 ||
	    append_text(m, "status_reason", reason) == -1 ||
	    append_text(m, "suspended_until", "") == -1)
		return -1;
	return 0;
}

/*
 * Renames m's known fields to the roster's column names (姓名 for name),
 * so that a newcomer from a ranking with other headers adds no column.
 */
static void
adopt_names(const struct la_roster *r, struct la_record *m)
{
	if (r->nmembers == 0)
		return;
	for (size_t i = 0; i < m->nfields; i++) {
		struct la_field *f = &m->fields[i];
		const struct la_field *col = f->id >= 0 ?
		    la_record_find_id(&r->members[0], f->id) : NULL;

		if (col != NULL)
			f->name = col->name;
	}
}

int
la_roster_join(struct la_roster *r, struct la_txn *t,
    const struct la_record *row,
    struct la_date from, struct la_date to, const char *reason,
    const char *replaces, struct la_error *err)
{
	struct la_record m;
	long i;

	la_record_init(&m);
	if (make_member(&m, row, from, to, reason) == -1 ||
	    (replaces != NULL &&
	    append_text(&m, LA_ROSTER_REPLACES, replaces) == -1)) {
		la_record_free(&m);
		return nomem(err);
	}
	adopt_names(r, &m);
	i = la_roster_append(r, &m, err);
	la_record_free(&m);
	if (i == -1)
		return -1;
	return la_txn_add(t, NULL, &r->members[i], reason, err);
}

int
la_roster_create(struct la_roster *r, struct la_txn *t,
    const struct la_roster *ranking, struct la_date from, struct la_date to,
    struct la_error *err)
{
	for (size_t i = 0; i < ranking->nmembers; i++) {
		const struct la_record *row = &ranking->members[i];

		if (selection_is(row, "selected") &&
		    la_roster_join(r, t, row, from, to, "selected", NULL,
		    err) == -1)
			return -1;
	}
	return 0;
}

/* Rank of a row for ordering; rows without a valid rank go last. */
static double
rank_of(const struct la_record *row)
{
	const char *v = la_member_get(row, LA_F_RANK);
	char *end;
	double d = strtod(v, &end);

	return end != v && *end == '\0' ? d : 1e300;
}

/*
 * Best-ranked waitlisted row of category cat whose license_no is in
 * neither r nor taken; -1 if none.
 */
static long
next_on_waitlist(const struct la_roster *ranking, enum la_category cat,
    const struct la_roster *r, const struct la_roster *taken)
{
	long best = -1;

	for (size_t i = 0; i < ranking->nmembers; i++) {
		const struct la_record *row = &ranking->members[i];
		const char *license = la_member_license(row);

		if (!selection_is(row, "waitlist") ||
		    la_member_category(row) != cat ||
		    la_roster_find(r, license) != -1 ||
		    (taken != NULL && la_roster_find(taken, license) != -1))
			continue;
		if (best == -1 ||
		    rank_of(row) < rank_of(&ranking->members[best]))
			best = (long)i;
	}
	return best;
}

/* Index of the member who took the place of license, or -1. */
static long
successor_of(const struct la_roster *r, const char *license)
{
	for (size_t i = 0; i < r->nmembers; i++) {
		const struct la_field *f = la_record_find(&r->members[i],
		    LA_ROSTER_REPLACES);

		if (f != NULL && strcmp(f->value, license) == 0)
			return (long)i;
	}
	return -1;
}

/* Checks that the member with this license left and is not replaced. */
static long
vacancy(const struct la_roster *r, const char *license, const char *file,
    struct la_error *err)
{
	long i = la_roster_find(r, license), k;
	enum la_member_status st;

	if (i == -1)
		return la_error_set(err, LA_ERR_STATE, file, 0, "license_no",
		    "member %s is not in the roster", license);
	st = la_member_status(&r->members[i]);
	if (st != LA_MEMBER_REMOVED)
		return la_error_set(err, LA_ERR_STATE, file,
		    r->members[i].line, "license_no", "member %s is %s; only "
		    "the place of a removed member can be filled", license,
		    la_member_status_name(st));
	if ((k = successor_of(r, license)) != -1)
		return la_error_set(err, LA_ERR_STATE, file,
		    r->members[i].line, "license_no", "the place of member %s "
		    "was already filled by %s", license,
		    la_member_license(&r->members[k]));
	return i;
}

/* Fills the place of member i. Returns 1 if filled, 0 if not, or -1. */
static int
fill_place(struct la_roster *r, struct la_txn *t,
    const struct la_roster *ranking, size_t i, la_day today,
    const struct la_diag *diag, const char *file, struct la_error *err)
{
	const struct la_record *gone = &r->members[i];
	char license[128], reason[512];
	struct la_date from, to, why;
	long k;

	snprintf(license, sizeof(license), "%s", la_member_license(gone));
	k = next_on_waitlist(ranking, la_member_category(gone), r, NULL);
	if (k == -1) {
		la_warn(diag, file, gone->line, "license_no", "no one left "
		    "on the waitlist of category %s to replace member %s",
		    la_category_name(la_member_category(gone)), license);
		return 0;
	}
	if (la_parse_date(la_member_get(gone, LA_F_TERM_START), &from,
	    reason, sizeof(reason)) == -1 ||
	    la_parse_date(la_member_get(gone, LA_F_TERM_END), &to, reason,
	    sizeof(reason)) == -1)
		return la_error_set(err, LA_ERR_VALUE, file, gone->line,
		    "term_start", "member %s: invalid term dates", license);
	why = la_date_from_day(today);
	if (la_day_from_date(why) > la_day_from_date(from))
		from = why;
	snprintf(reason, sizeof(reason), "replaces %s (%s), removed: %s",
	    license, la_member_get(gone, LA_F_NAME),
	    la_member_get(gone, LA_F_STATUS_REASON));
	if (la_roster_join(r, t, &ranking->members[k], from, to, reason,
	    license, err) == -1)
		return -1;
	return 1;
}

long
la_roster_fill(struct la_roster *r, struct la_txn *t,
    const struct la_roster *ranking, char *const *licenses, size_t n,
    la_day today, const struct la_diag *diag, const char *file,
    struct la_error *err)
{
	size_t nmembers = r->nmembers;
	long unfilled = 0, i;
	int rc;

	for (size_t k = 0; k < n; k++)
		if (vacancy(r, licenses[k], file, err) == -1)
			return -1;
	for (size_t m = 0; m < (n > 0 ? n : nmembers); m++) {
		if (n > 0)
			i = la_roster_find(r, licenses[m]);
		else if (la_member_status(&r->members[m]) ==
		    LA_MEMBER_REMOVED && successor_of(r,
		    la_member_license(&r->members[m])) == -1)
			i = (long)m;
		else
			continue;
		if ((rc = fill_place(r, t, ranking, (size_t)i, today, diag,
		    file, err)) == -1)
			return -1;
		unfilled += rc == 0;
	}
	return unfilled;
}

int
la_roster_quota_report(const struct la_roster *r,
    const struct la_rules *rules, const char *file,
    const struct la_diag *diag)
{
	static const enum la_category cats[] = {
		LA_CAT_LAWYER, LA_CAT_LEGAL_WORKER
	};
	int shortfalls = 0;

	for (size_t c = 0; c < NELEMS(cats); c++) {
		int have = 0, want = rules->quota[cats[c]];

		for (size_t i = 0; i < r->nmembers; i++)
			have += la_member_category(&r->members[i]) ==
			    cats[c] && la_member_status(&r->members[i]) !=
			    LA_MEMBER_REMOVED;
		if (have >= want)
			continue;
		shortfalls++;
		la_warn(diag, file, 0, "category", "%s: %d of %d places "
		    "filled", la_category_name(cats[c]), have, want);
	}
	return shortfalls;
}
