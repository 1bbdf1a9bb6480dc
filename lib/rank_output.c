/* SPDX-License-Identifier: MIT */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dupindex.h"
#include "i18n.h"
#include "rank_impl.h"
#include "validate.h"

const char *const rank_part_names[LA_SCORE_NFACTORS] = {
	"score_practice_years",
	"score_case_count",
	"score_assessment",
	"score_prior_aid_cases",
	"score_aid_activity"
};

/* The reason of a record that takes no part in the selection. */
static void
explain_unranked(const struct la_ranking *rk, struct la_rank_entry *e)
{
	const char *p = rk->pack + e->offset;
	const char *status = NULL;
	uint32_t nfields;

	e->selection = LA_NOT_SELECTED;
	if (e->reason[0] != '\0')
		return;
	memcpy(&nfields, p, sizeof(nfields));
	p += 2 * sizeof(uint32_t);
	for (uint32_t i = 0; i < nfields; i++) {
		uint32_t h[4];

		memcpy(h, p, sizeof(h));
		p += sizeof(h);
		if ((int32_t)h[1] == LA_F_STATUS)
			status = p;
		p += h[3] + 1;
	}
	if (status == NULL)
		snprintf(e->reason, sizeof(e->reason), "%s", _("no status; "
		    "run la-validate first"));
	else if (strcmp(status, LA_STATUS_LATE) == 0)
		snprintf(e->reason, sizeof(e->reason), "%s", _("late "
		    "application, counted as withdrawn"));
	else if (strcmp(status, LA_STATUS_ELIGIBLE) == 0)
		snprintf(e->reason, sizeof(e->reason), "%s", _("unknown "
		    "category; expected lawyer or legal_worker"));
	else
		snprintf(e->reason, sizeof(e->reason), _("status is %s; see "
		    "findings"), status);
}

static int
compare_output(const void *pa, const void *pb, const struct la_ranking *rk)
{
	const struct la_rank_entry *a = &rk->entries[*(const size_t *)pa];
	const struct la_rank_entry *b = &rk->entries[*(const size_t *)pb];
	int ca = a->category == LA_CAT_UNKNOWN ? 3 : (int)a->category;
	int cb = b->category == LA_CAT_UNKNOWN ? 3 : (int)b->category;
	int c;

	if (ca != cb)
		return ca < cb ? -1 : 1;
	if ((a->rank != 0) != (b->rank != 0))
		return a->rank != 0 ? -1 : 1;
	if (a->rank != b->rank)
		return a->rank < b->rank ? -1 : 1;
	c = strcmp(rk->pack + a->license, rk->pack + b->license);
	if (c != 0)
		return c;
	if (a->submitted != b->submitted)
		return a->submitted < b->submitted ? -1 : 1;
	return a->line < b->line ? -1 : a->line > b->line;
}

static const struct la_ranking *ordering;

static int
compare_output_qsort(const void *a, const void *b)
{
	return compare_output(a, b, ordering);
}

int
la_ranking_run(struct la_ranking *rk, struct la_error *err)
{
	struct la_dup_index *units = la_dup_new();
	int rc = units != NULL ? 0 : -1;

	if (rc == 0)
		rc = rank_select(rk, LA_CAT_LAWYER, units);
	if (rc == 0)
		rc = rank_select(rk, LA_CAT_LEGAL_WORKER, units);
	la_dup_free(units);
	if (rc == 0 && (rk->order = malloc((rk->n + 1) *
	    sizeof(*rk->order))) == NULL)
		rc = -1;
	if (rc != 0)
		return la_error_set(err, LA_ERR_NOMEM, NULL, 0, NULL, "%s",
		    _("out of memory"));
	for (size_t i = 0; i < rk->n; i++) {
		if (rk->entries[i].selection == NULL)
			explain_unranked(rk, &rk->entries[i]);
		rk->order[i] = i;
	}
	ordering = rk;
	qsort(rk->order, rk->n, sizeof(*rk->order), compare_output_qsort);
	return 0;
}

static int
unpack(const struct la_ranking *rk, const struct la_rank_entry *e,
    struct la_record *out)
{
	const char *p = rk->pack + e->offset;
	uint32_t counts[2];

	memcpy(counts, p, sizeof(counts));
	p += sizeof(counts);
	for (uint32_t i = 0; i < counts[0]; i++) {
		uint32_t h[4];

		memcpy(h, p, sizeof(h));
		p += sizeof(h);
		if (la_record_append(out, rk->names[h[0]], (int32_t)h[1], p,
		    h[3], (enum la_kind)h[2]) == NULL)
			return -1;
		p += h[3] + 1;
	}
	for (uint32_t i = 0; i < counts[1]; i++) {
		uint32_t h[2];

		memcpy(h, p, sizeof(h));
		p += sizeof(h);
		if (la_record_add_finding(out, rk->names[h[0]],
		    h[1] == UINT32_MAX ? NULL : rk->names[h[1]], "%s",
		    p) != 0)
			return -1;
		p += strlen(p) + 1;
	}
	return 0;
}

static const char *
hundredths(char *text, size_t size, long value)
{
	snprintf(text, size, "%ld.%02ld", value / 100, value % 100);
	return text;
}

static int
add_outcome(const struct la_rank_entry *e, struct la_record *out)
{
	char rank[16] = "", text[32];

	if (e->rank > 0)
		snprintf(rank, sizeof(rank), "%d", e->rank);
	if (la_record_set_id(out, LA_F_SCORE, hundredths(text, sizeof(text),
	    e->score), LA_KIND_NUMBER) == NULL)
		return -1;
	for (int i = 0; i < LA_SCORE_NFACTORS; i++)
		if (la_record_set(out, rank_part_names[i], hundredths(text,
		    sizeof(text), e->parts[i]), LA_KIND_NUMBER) == NULL)
			return -1;
	if (la_record_set_id(out, LA_F_RANK, rank,
	    e->rank > 0 ? LA_KIND_NUMBER : LA_KIND_NULL) == NULL ||
	    la_record_set_id(out, LA_F_SELECTION, e->selection,
	    LA_KIND_TEXT) == NULL ||
	    la_record_set_id(out, LA_F_SELECTION_REASON, e->reason,
	    LA_KIND_TEXT) == NULL)
		return -1;
	return 0;
}

int
la_ranking_shape(const struct la_ranking *rk, struct la_record *out)
{
	const struct la_column_union *u = &rk->columns;
	struct la_rank_entry e;

	memset(&e, 0, sizeof(e));
	e.selection = "";
	la_record_reset(out);
	for (size_t i = 0; i < u->n; i++)
		if (la_record_append(out, u->names[i], u->ids[i], "", 0,
		    LA_KIND_TEXT) == NULL)
			return -1;
	return add_outcome(&e, out);
}

int
la_ranking_get(const struct la_ranking *rk, size_t i, struct la_record *out,
    struct la_error *err)
{
	const struct la_rank_entry *e = &rk->entries[rk->order[i]];

	la_record_reset(out);
	out->line = e->line;
	if (unpack(rk, e, out) != 0 || add_outcome(e, out) != 0)
		return la_error_set(err, LA_ERR_NOMEM, NULL, e->line, NULL,
		    "%s", _("out of memory"));
	return 0;
}

const char *
la_ranking_input(const struct la_ranking *rk, size_t i)
{
	return rk->entries[rk->order[i]].input;
}
