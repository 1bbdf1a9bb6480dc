/* SPDX-License-Identifier: MIT */
#include <stdio.h>
#include <string.h>

#include "dupindex.h"
#include "i18n.h"
#include "ident.h"
#include "normalize.h"
#include "validate_impl.h"

/*
 * The eligibility rules of the reference notice. Dates are compared as
 * local dates in the rules' zone. Periods in years end on the same day of
 * the month, so "2 years" before 2024-03-20 is 2022-03-20, and a licence
 * of that day qualifies.
 */

void
check_window(struct check *c)
{
	const struct la_rules *rules = c->rules;
	size_t len;
	const char *s = check_value_len(c, LA_F_SUBMITTED_AT, &len);
	const char *close = c->v->window_close_text;
	char why[256], when[64];
	la_time t;
	int has_time;

	if (s == NULL) {
		check_finding(c, "required", LA_F_SUBMITTED_AT, 1,
		    "missing submitted_at (申报时间): the submission time "
		    "decides whether the application is in the window");
		return;
	}
	if (la_parse_trimmed_time(s, len, &rules->tz, &t, &has_time, why,
	    sizeof(why)) != 0) {
		check_finding(c, "window", LA_F_SUBMITTED_AT, 1,
		    "invalid submitted_at \"%s\": %s", s, why);
		return;
	}
	if (t >= rules->window_open && t <= rules->window_close)
		return;
	la_time_format(&rules->tz, t, when, sizeof(when));
	if (t > rules->window_close) {
		c->late = 1;
		check_finding(c, "window", LA_F_SUBMITTED_AT, 1,
		    "submitted %s, after the window closed at %s; a late "
		    "application counts as withdrawn", when, close);
	} else if (t < rules->window_open) {
		check_finding(c, "window", LA_F_SUBMITTED_AT, 1,
		    "submitted %s, before the window opened at %s", when,
		    c->v->window_open_text);
	}
}

static int
add_document(const char *item, size_t len, void *ctx)
{
	unsigned *mask = ctx;
	unsigned bit = la_document_lookup(item, len);

	*mask |= bit;
	return 0;
}

/* The documents the list s of len bytes names, as enum la_document bits. */
static unsigned
read_documents(struct check *c, const char *s, size_t len)
{
	unsigned have = 0;
	int known;

	if (la_memo_find(&c->v->documents, s, len, &known))
		return (unsigned)known;
	la_split_list(s, add_document, &have);
	la_memo_put(&c->v->documents, s, len, (int)have);
	return have;
}

void
check_documents(struct check *c)
{
	size_t len;
	const char *s = check_value_len(c, LA_F_DOCUMENTS, &len);
	unsigned have = 0, missing;

	if (s != NULL)
		have = read_documents(c, s, len);
	missing = c->rules->documents & ~have;
	for (unsigned bit = 1; bit <= LA_DOC_ALL; bit <<= 1) {
		static const char *const labels[] = {
			"申请表", "执业证复印件", "身份证复印件"
		};
		int i = bit == LA_DOC_APPLICATION_FORM ? 0 :
		    bit == LA_DOC_LICENSE_COPY ? 1 : 2;

		if ((missing & bit) && s != NULL)
			check_finding(c, "documents", LA_F_DOCUMENTS, 1,
			    "missing document %s (%s) in \"%s\"",
			    la_document_name(bit), labels[i], s);
		else if (missing & bit)
			check_finding(c, "documents", LA_F_DOCUMENTS, 1,
			    "missing document %s (%s): documents (提交材料) "
			    "is empty", la_document_name(bit), labels[i]);
	}
}

void
check_required(struct check *c)
{
	static const int required[] = {
		LA_F_NAME, LA_F_ID_NUMBER, LA_F_CATEGORY, LA_F_PRACTICE_UNIT,
		LA_F_PHONE, LA_F_LICENSE_NO, LA_F_SERVICES
	};
	const char *s;
	size_t len;
	int category;

	for (size_t i = 0; i < sizeof(required) / sizeof(required[0]); i++)
		if (check_value(c, required[i]) == NULL)
			check_finding(c, "required", required[i], 1,
			    "missing %s (%s)", la_field_name(required[i]),
			    la_field_label(required[i]));
	if ((s = check_value_len(c, LA_F_CATEGORY, &len)) == NULL)
		return;
	if (!la_memo_find(&c->v->categories, s, len, &category)) {
		category = (int)la_category_lookup(s, len);
		la_memo_put(&c->v->categories, s, len, category);
	}
	c->category = (enum la_category)category;
	if (c->category == LA_CAT_UNKNOWN)
		check_finding(c, "required", LA_F_CATEGORY, 1,
		    "unknown category \"%s\"; expected 律师 (lawyer) or "
		    "基层法律服务工作者 (legal_worker)", s);
}

/* Nonzero when the len bytes at s contain U+3000 (E3 80 80) or U+00A0. */
static int
has_wide_space(const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;

	for (size_t i = 0; i + 1 < len; i++) {
		if (u[i] == 0xc2 && u[i + 1] == 0xa0)
			return 1;
		if (u[i] == 0xe3 && i + 2 < len && u[i + 1] == 0x80 &&
		    u[i + 2] == 0x80)
			return 1;
	}
	return 0;
}

static void
check_name(struct check *c)
{
	size_t len;
	const char *s = check_value_len(c, LA_F_NAME, &len);

	if (s != NULL && has_wide_space(s, len))
		check_finding(c, "review", LA_F_NAME, 0,
		    "name \"%s\" has a wide or no-break space inside, often "
		    "typed to align two-character names; check the name on "
		    "the ID card", s);
}

static int
cross_check_birth(struct check *c, const struct la_id_info *info)
{
	size_t len;
	const char *s = check_value_len(c, LA_F_BIRTH_DATE, &len);
	struct la_date d;
	char why[256], want[16];

	if (s == NULL)
		return 0;
	if (la_parse_trimmed_date(s, len, &d, why, sizeof(why)) != 0) {
		check_finding(c, "input", LA_F_BIRTH_DATE, 1,
		    "invalid birth_date \"%s\": %s", s, why);
		return -1;
	}
	if (d.year != info->birth.year || d.month != info->birth.month ||
	    d.day != info->birth.day) {
		la_date_format(info->birth, want, sizeof(want));
		check_finding(c, "id_number", LA_F_BIRTH_DATE, 1,
		    "birth_date \"%s\" does not match the ID number, which "
		    "gives %s", s, want);
		return -1;
	}
	return 0;
}

static void
cross_check_gender(struct check *c, const struct la_id_info *info)
{
	size_t len;
	const char *s = check_value_len(c, LA_F_GENDER, &len);
	int male;

	if (s == NULL)
		return;
	/* 男 and 女 are 3 bytes long, M, m, F and f one. */
	if ((len == 3 && memcmp(s, "男", 3) == 0) ||
	    (len == 1 && (*s == 'M' || *s == 'm')))
		male = 1;
	else if ((len == 3 && memcmp(s, "女", 3) == 0) ||
	    (len == 1 && (*s == 'F' || *s == 'f')))
		male = 0;
	else {
		check_finding(c, "input", LA_F_GENDER, 1,
		    "invalid gender \"%s\"; expected 男 or 女", s);
		return;
	}
	if (male != info->male)
		check_finding(c, "id_number", LA_F_GENDER, 1,
		    "gender \"%s\" does not match the ID number, whose 17th "
		    "digit is for %s", s, info->male ? "男" : "女");
}

/*
 * Adds review findings for what cleaning the number s of field id did or
 * suspects (flags), naming clean, the text the rules read. The output
 * keeps s as it was, so the finding is where the change shows.
 */
static void
review_flags(struct check *c, int id, const char *s, const char *clean,
    unsigned flags)
{
	if (flags & LA_NORM_TRUNCATED)
		check_finding(c, "review", id, 0,
		    "%s \"%s\" ends in zeros past the 15th digit, as Excel "
		    "writes long numbers it has cut; check it against the "
		    "certificate", la_field_name(id), s);
	if (flags & LA_NORM_UNWRAPPED)
		check_finding(c, "review", id, 0,
		    "%s \"%s\" is in Excel's =\"...\" text form, read as %s",
		    la_field_name(id), s, check_shown(c, id, clean));
	else if (flags & LA_NORM_FOLDED)
		check_finding(c, "review", id, 0,
		    "%s \"%s\" had full-width characters, read as %s",
		    la_field_name(id), s, check_shown(c, id, clean));
}

void
check_identity(struct check *c)
{
	const char *s = check_value(c, LA_F_ID_NUMBER);
	const struct clean_number *n;
	const char *reason = NULL;
	struct la_id_info info;
	char why[256];

	check_name(c);
	if (s == NULL)
		return;
	n = check_clean(c, LA_F_ID_NUMBER);
	if (n->rc != LA_NORM_OK)
		reason = n->why;
	else if (la_check_id_number(n->text, c->v->today, &info, why,
	    sizeof(why)) != 0)
		reason = why;
	if (reason != NULL) {
		check_finding(c, "id_number", LA_F_ID_NUMBER, 1,
		    "invalid id_number \"%s\": %s",
		    check_shown(c, LA_F_ID_NUMBER, s), reason);
		return;
	}
	/* A valid ID number may end in 000, so no Excel-cut suspicion. */
	review_flags(c, LA_F_ID_NUMBER, check_shown(c, LA_F_ID_NUMBER, s),
	    n->text, n->flags & (LA_NORM_FOLDED | LA_NORM_UNWRAPPED));
	if (cross_check_birth(c, &info) == 0)
		cross_check_gender(c, &info);
}

void
check_license(struct check *c)
{
	const char *s = check_value(c, LA_F_LICENSE_NO);
	const struct clean_number *n;
	char why[256];
	int rc;

	if (s == NULL)
		return;
	n = check_clean(c, LA_F_LICENSE_NO);
	if (n->rc != LA_NORM_OK) {
		check_finding(c, "license_no", LA_F_LICENSE_NO, 1,
		    "invalid license_no \"%s\": %s", s, n->why);
		return;
	}
	if (c->category == LA_CAT_LEGAL_WORKER)
		rc = la_check_worker_license(n->text, why, sizeof(why));
	else
		rc = la_check_lawyer_license(n->text, c->v->this_year, why,
		    sizeof(why));
	if (rc != 0)
		check_finding(c, "license_no", LA_F_LICENSE_NO, 1,
		    "invalid license_no \"%s\": %s", s, why);
	else
		review_flags(c, LA_F_LICENSE_NO, s, n->text, n->flags);
}

void
check_phone(struct check *c)
{
	size_t len;
	const char *s = check_value_len(c, LA_F_PHONE, &len);
	char clean[256], why[256];
	unsigned flags = 0;

	if (s == NULL)
		return;
	if (la_clean_trimmed_digits(s, len, 1, clean, sizeof(clean), &flags,
	    why, sizeof(why)) != LA_NORM_OK ||
	    la_check_phone(clean, why, sizeof(why)) != 0) {
		if (flags & LA_NORM_LEADING_ZERO) {
			check_finding(c, "review", LA_F_PHONE, 0,
			    "phone \"%s\" looks like a landline that lost "
			    "its leading 0 in a spreadsheet",
			    check_shown(c, LA_F_PHONE, s));
			return;
		}
		check_finding(c, "phone", LA_F_PHONE, 1,
		    "invalid phone \"%s\": %s",
		    check_shown(c, LA_F_PHONE, s), why);
		return;
	}
	review_flags(c, LA_F_PHONE, check_shown(c, LA_F_PHONE, s), clean,
	    flags);
}

void
check_district(struct check *c)
{
	const char *s = check_value(c, LA_F_REGISTERED_DISTRICT);

	/*
	 * s is trimmed as la_rules_in_district() trims, so a value equal to
	 * the district's name is in it.
	 */
	if (s != NULL && c->rules->district[0] != '\0' &&
	    strcmp(s, c->rules->district) == 0)
		return;
	if (s == NULL)
		check_finding(c, "district", LA_F_REGISTERED_DISTRICT, 1,
		    "missing registered_district (注册地); the pool takes "
		    "members registered in %s", c->rules->district);
	else if (!la_rules_in_district(c->rules, s))
		check_finding(c, "district", LA_F_REGISTERED_DISTRICT, 1,
		    "registered in \"%s\", not in %s", s,
		    c->rules->district);
}
