/* SPDX-License-Identifier: MIT */
#include <stdlib.h>
#include <string.h>

#include "catalogue.h"
#include "normalize.h"
#include "roster_ops.h"

/* The inputs and outputs of one renewal. */
struct renewal {
	const struct la_roster *old;
	const struct la_roster *ranking;
	struct la_roster *out;
	struct la_roster *report;
	struct la_txn *t;
	struct la_date from;
	struct la_date to;
	const struct la_rules *rules;
	int seats[3];		/* places left, by enum la_category */
	char *excluded;		/* by old member: reported as excluded */
};

static int
text_is(const char *value, const char *word)
{
	size_t len;
	const char *v = la_trim(value, &len);

	return len == strlen(word) && strncmp(v, word, len) == 0;
}

static double
rank_of(const struct la_record *row)
{
	const char *v = la_member_get(row, LA_F_RANK);
	char *end;
	double d = strtod(v, &end);

	return end != v && *end == '\0' ? d : 1e300;
}

/* Appends the rows of one category and selection to idx, by rank. */
static void
add_group(const struct la_roster *ranking, enum la_category cat,
    const char *selection, size_t *idx, size_t *n)
{
	size_t first = *n;

	for (size_t i = 0; i < ranking->nmembers; i++) {
		const struct la_record *row = &ranking->members[i];
		size_t k;

		if (la_member_category(row) != cat ||
		    !text_is(la_member_get(row, LA_F_SELECTION), selection))
			continue;
		/* Insertion sort: rankings are a few hundred rows. */
		for (k = (*n)++; k > first && rank_of(row) <
		    rank_of(&ranking->members[idx[k - 1]]); k--)
			idx[k] = idx[k - 1];
		idx[k] = i;
	}
}

/*
 * Indices of the ranking's candidates, category by category: the selected
 * by rank, then the waitlist by rank. Allocated; *n receives the count.
 */
static size_t *
candidates(const struct la_roster *ranking, size_t *n)
{
	static const char *const groups[] = { "selected", "waitlist" };
	static const enum la_category cats[] = {
		LA_CAT_LAWYER, LA_CAT_LEGAL_WORKER
	};
	size_t *idx = calloc(ranking->nmembers + 1, sizeof(*idx));

	*n = 0;
	if (idx == NULL)
		return NULL;
	for (size_t c = 0; c < 2; c++)
		for (size_t g = 0; g < 2; g++)
			add_group(ranking, cats[c], groups[g], idx, n);
	return idx;
}

static int
report_row(struct renewal *w, const struct la_record *m, const char *change,
    const char *reason, struct la_error *err)
{
	const char *cat = la_category_name(la_member_category(m));
	struct la_record rec;
	int rc = 0;

	la_record_init(&rec);
	if (la_record_append(&rec, "license_no", LA_F_LICENSE_NO,
	    la_member_license(m), strlen(la_member_license(m)),
	    LA_KIND_TEXT) == NULL ||
	    la_record_append(&rec, "name", LA_F_NAME,
	    la_member_get(m, LA_F_NAME), strlen(la_member_get(m, LA_F_NAME)),
	    LA_KIND_TEXT) == NULL ||
	    la_record_append(&rec, "category", LA_F_CATEGORY, cat ? cat : "",
	    cat ? strlen(cat) : 0, LA_KIND_TEXT) == NULL ||
	    la_record_append(&rec, "change", -1, change, strlen(change),
	    LA_KIND_TEXT) == NULL ||
	    la_record_append(&rec, "reason", -1, reason, strlen(reason),
	    LA_KIND_TEXT) == NULL)
		rc = la_error_set(err, LA_ERR_NOMEM, NULL, 0, NULL,
		    "out of memory");
	if (rc == 0 && la_roster_append(w->report, &rec, err) == -1)
		rc = -1;
	la_record_free(&rec);
	return rc;
}

/* Takes row into the new roster and reports it. */
static int
take(struct renewal *w, const struct la_record *row, const char *change,
    const char *reason, struct la_error *err)
{
	if (la_roster_join(w->out, w->t, row, w->from, w->to, reason, NULL,
	    err) == -1)
		return -1;
	w->seats[la_member_category(row)]--;
	return report_row(w, row, change, reason, err);
}

/* Decides on one candidate of the ranking. */
static int
consider(struct renewal *w, const struct la_record *row,
    struct la_error *err)
{
	long k = la_roster_find(w->old, la_member_license(row));
	const struct la_record *m = k >= 0 ? &w->old->members[k] : NULL;
	char reason[512];

	if (w->seats[la_member_category(row)] <= 0)
		return 0;
	if (m == NULL && text_is(la_member_get(row, LA_F_SELECTION),
	    "waitlist")) {
		snprintf(reason, sizeof(reason), "joined from the waitlist, "
		    "rank %s", la_member_get(row, LA_F_RANK));
		return take(w, row, "joined", reason, err);
	}
	if (m == NULL)
		return take(w, row, "joined", "selected", err);
	if (la_member_status(m) != LA_MEMBER_REMOVED)
		return take(w, row, "retained", "selected again", err);
	if (w->rules->allow_return_after_removal)
		return take(w, row, "joined", "selected again after removal, "
		    "which the rules allow", err);
	w->excluded[k] = 1;
	snprintf(reason, sizeof(reason), "removed during the previous term "
	    "(%s); the rules do not allow a return",
	    la_member_get(m, LA_F_STATUS_REASON));
	return report_row(w, row, "excluded", reason, err);
}

/* Why an old member is not in the new roster. */
static void
leave_reason(const struct renewal *w, const struct la_record *m, char *buf,
    size_t size)
{
	long k = la_roster_find(w->ranking, la_member_license(m));
	const struct la_record *row = k >= 0 ? &w->ranking->members[k] : NULL;
	const char *why;

	if (la_member_status(m) == LA_MEMBER_REMOVED) {
		snprintf(buf, size, "removed during the previous term (%s)",
		    la_member_get(m, LA_F_STATUS_REASON));
		return;
	}
	if (row == NULL) {
		snprintf(buf, size, "did not apply for the new term");
		return;
	}
	why = la_member_get(row, LA_F_SELECTION_REASON);
	if (why[0] == '\0')
		why = la_member_get(row, LA_F_FINDINGS);
	snprintf(buf, size, "%s%s%s", la_member_get(row, LA_F_SELECTION),
	    why[0] != '\0' ? ": " : "", why);
}

static int
report_leavers(struct renewal *w, struct la_error *err)
{
	char reason[512];

	for (size_t i = 0; i < w->old->nmembers; i++) {
		const struct la_record *m = &w->old->members[i];

		if (w->excluded[i] ||
		    la_roster_find(w->out, la_member_license(m)) != -1)
			continue;
		leave_reason(w, m, reason, sizeof(reason));
		if (report_row(w, m, "left", reason, err) == -1)
			return -1;
	}
	return 0;
}

int
la_roster_renew(const struct la_roster *old,
    const struct la_roster *ranking, struct la_roster *out,
    struct la_txn *t, struct la_roster *report, struct la_date from,
    struct la_date to, const struct la_rules *rules, struct la_error *err)
{
	struct renewal w = { old, ranking, out, report, t, from, to, rules,
	    { 0 }, NULL };
	size_t *idx, n;
	int rc = 0;

	for (size_t i = 0; i < ranking->nmembers; i++)
		if (text_is(la_member_get(&ranking->members[i],
		    LA_F_SELECTION), "selected"))
			w.seats[la_member_category(&ranking->members[i])]++;
	w.excluded = calloc(old->nmembers + 1, 1);
	idx = candidates(ranking, &n);
	if (w.excluded == NULL || idx == NULL)
		rc = la_error_set(err, LA_ERR_NOMEM, NULL, 0, NULL,
		    "out of memory");
	for (size_t i = 0; i < n && rc == 0; i++)
		rc = consider(&w, &ranking->members[idx[i]], err);
	if (rc == 0)
		rc = report_leavers(&w, err);
	free(idx);
	free(w.excluded);
	return rc;
}
