/* SPDX-License-Identifier: MIT */
#ifndef LA_CATALOGUE_H
#define LA_CATALOGUE_H

#include <stddef.h>

#include "error.h"

/*
 * Canonical fields. Input headers are matched against each field's
 * canonical name and aliases, case-insensitively for ASCII letters, after
 * the reader has trimmed ASCII white space, U+3000 and U+00A0.
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
 * Maps a trimmed header text to a field id, or -1 when it names no known
 * field. len is the byte length of header (it need not be NUL-terminated).
 */
int la_field_lookup(const char *header, size_t len);

/*
 * Resolved header of a table: the user's column texts and the field each
 * maps to. Owned by the reader that built it.
 */
struct la_header {
	char **names;		/* the user's text, BOM and outer spaces cut */
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

/* Services a member may offer, as bits of a mask. */
enum la_service {
	LA_SVC_CRIMINAL = 1 << 0,		/* 刑事辩护 */
	LA_SVC_CIVIL = 1 << 1,			/* 民事代理 */
	LA_SVC_ADMINISTRATIVE = 1 << 2,		/* 行政代理 */
	LA_SVC_LABOR_ARBITRATION = 1 << 3,	/* 劳动仲裁 */
	LA_SVC_ALL = (1 << 4) - 1
};

/* Documents of an application, as bits of a mask. */
enum la_document {
	LA_DOC_APPLICATION_FORM = 1 << 0,	/* 申请表 */
	LA_DOC_LICENSE_COPY = 1 << 1,		/* 执业证复印件 */
	LA_DOC_ID_COPY = 1 << 2,		/* 身份证复印件 */
	LA_DOC_ALL = (1 << 3) - 1
};

enum la_category {
	LA_CAT_UNKNOWN = 0,
	LA_CAT_LAWYER,		/* 律师, of any kind */
	LA_CAT_LEGAL_WORKER	/* 基层法律服务工作者 */
};

/*
 * Vocabulary look-ups on one trimmed, folded item of len bytes. Each
 * returns the bit or value, or 0 when the item is not in the vocabulary.
 */
unsigned la_service_lookup(const char *item, size_t len);
unsigned la_document_lookup(const char *item, size_t len);
enum la_category la_category_lookup(const char *item, size_t len);

/* Canonical names ("criminal", "legal_worker") and Chinese labels. */
const char *la_service_name(unsigned bit);
const char *la_service_label(unsigned bit);
const char *la_document_name(unsigned bit);
const char *la_category_name(enum la_category c);
const char *la_category_label(enum la_category c);

#endif
