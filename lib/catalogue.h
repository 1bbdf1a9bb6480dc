/* SPDX-License-Identifier: MIT */
#ifndef LA_CATALOGUE_H
#define LA_CATALOGUE_H

#include <stddef.h>

#include "error.h"

/*
 * Canonical fields. Input headers are matched against each field's
 * canonical name and aliases after trimming ASCII white space, U+3000 and
 * U+00A0, case-insensitively for ASCII letters.
 */
enum la_field_id {
	LA_F_NAME,
	LA_F_GENDER,
	LA_F_BIRTH_DATE,
	LA_F_ID_NUMBER,
	LA_F_POLITICAL_STATUS,
	LA_F_EDUCATION,
	LA_F_CATEGORY,
	LA_F_PRACTICE_YEARS,
	LA_F_LICENSED_SINCE,
	LA_F_CRIMINAL_PRACTICE_YEARS,
	LA_F_CRIMINAL_SINCE,
	LA_F_PRACTICE_UNIT,
	LA_F_PHONE,
	LA_F_OFFICE_PHONE,
	LA_F_LICENSE_NO,
	LA_F_ADDRESS,
	LA_F_REGISTERED_DISTRICT,
	LA_F_SERVICES,
	LA_F_DUTY,
	LA_F_EXPERIENCE,
	LA_F_REWARDS_PENALTIES,
	LA_F_LAST_PENALTY_DATE,
	LA_F_UPHELD_COMPLAINTS,
	LA_F_ASSESSMENT_PASSED,
	LA_F_ASSESSMENT_SCORE,
	LA_F_CASE_COUNT,
	LA_F_PRIOR_AID_CASES,
	LA_F_PRIOR_AID_UNQUALIFIED,
	LA_F_AID_ACTIVITY,
	LA_F_SYSTEM_PROFICIENT,
	LA_F_RECOMMENDED_BY_UNIT,
	LA_F_DOCUMENTS,
	LA_F_SUBMITTED_AT,
	/* Added by la-validate. */
	LA_F_STATUS,
	LA_F_ELIGIBLE_SERVICES,
	LA_F_FINDINGS,
	/* Added by la-rank. */
	LA_F_SCORE,
	LA_F_RANK,
	LA_F_SELECTION,
	LA_F_SELECTION_REASON,
	/* Kept by la-roster. */
	LA_F_TERM_START,
	LA_F_TERM_END,
	LA_F_STATUS_REASON,
	LA_F_SUSPENDED_UNTIL,
	LA_F_COUNT
};

/* Canonical snake_case name of a field. */
const char *la_field_name(enum la_field_id id);

/* Chinese label used in published lists and messages for clerks. */
const char *la_field_label(enum la_field_id id);

/*
 * Maps a header text to a field id, or -1 when it names no known field.
 * len is the byte length of header (it need not be NUL-terminated).
 */
int la_field_lookup(const char *header, size_t len);

/*
 * Resolved header of a table: the user's column texts and the field each
 * maps to. Owned by the reader that built it.
 */
struct la_header {
	char **names;		/* the user's text, BOM and outer space removed */
	int *ids;		/* enum la_field_id or -1 */
	size_t ncols;
};

/*
 * Resolves every column of h. Two columns that map to one field, or two
 * columns with the same text, are an error naming both 1-based positions;
 * file is used in the error only. Returns 0 or -1.
 */
int la_header_resolve(struct la_header *h, const char *file,
    struct la_error *err);

void la_header_free(struct la_header *h);

#endif
