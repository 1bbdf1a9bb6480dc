/* SPDX-License-Identifier: MIT */
#include <stdio.h>
#include <string.h>

#include "dupindex.h"
#include "i18n.h"
#include "normalize.h"
#include "validate_impl.h"

/*
 * Conduct and commitment rules. An empty count is read as 0 because the
 * form leaves those cells blank when there is nothing to report. An empty
 * yes/no cell is missing, not "no".
 */

/* A count field: 0 if empty; -1 with an "input" finding if invalid. */
static int
count_field(struct check *c, int id, long long *n)
{
	size_t len;
	const char *s = check_value_len(c, id, &len);
	unsigned long long digits;
	char why[256];

	*n = 0;
	if (s == NULL)
		return 0;
	if (check_flagged(c, id))
		return -1;
	if (la_plain_digits(s, len, LA_COUNT_DIGITS, &digits)) {
		*n = (long long)digits;
		return 0;
	}
	if (la_parse_count(s, n, why, sizeof(why)) != LA_NORM_OK) {
		check_finding(c, "input", id, 1, "invalid %s \"%s\": %s",
		    la_field_name(id), s, why);
		return -1;
	}
	return 0;
}

/*
 * A yes/no field: 1 or 0, -2 when empty, -1 with an "input" finding when
 * it cannot be read.
 */
static int
bool_field(struct check *c, int id)
{
	size_t len;
	const char *s = check_value_len(c, id, &len);
	char why[256];
	int b;

	if (s == NULL)
		return -2;
	if (la_memo_find(&c->v->yes_no, s, len, &b))
		return b;
	if (la_parse_bool(s, &b, why, sizeof(why)) != LA_NORM_OK) {
		check_finding(c, "input", id, 1, "invalid %s \"%s\": %s",
		    la_field_name(id), s, why);
		return -1;
	}
	la_memo_put(&c->v->yes_no, s, len, b);
	return b;
}

static void
check_penalty(struct check *c)
{
	size_t len;
	const char *s = check_value_len(c, LA_F_LAST_PENALTY_DATE, &len);
	struct la_date d, from;
	la_day day, start;
	char why[256], text[16];

	if (s == NULL)
		return;
	if (la_parse_trimmed_date(s, len, &d, why, sizeof(why)) != 0) {
		check_finding(c, "input", LA_F_LAST_PENALTY_DATE, 1,
		    "invalid last_penalty_date \"%s\": %s", s, why);
		return;
	}
	/*
	 * The look-back is the N years up to the deadline, the first day not
	 * counted: with 3 years and a deadline of 2024-03-20, a penalty of
	 * 2021-03-21 is inside and one of 2021-03-20 is not.
	 */
	from = la_date_add_years(la_date_from_day(c->v->deadline_day),
	    -c->rules->penalty_lookback_years);
	start = la_day_from_date(from);
	day = la_day_from_date(d);
	la_date_format(from, text, sizeof(text));
	if (day > start && day <= c->v->deadline_day)
		check_finding(c, "discipline", LA_F_LAST_PENALTY_DATE, 1,
		    "penalty or discipline on %s, within the %d years "
		    "after %s", s, c->rules->penalty_lookback_years, text);
}

void
check_discipline(struct check *c)
{
	long long n;

	check_penalty(c);
	if (count_field(c, LA_F_UPHELD_COMPLAINTS, &n) == 0 &&
	    n > c->rules->max_upheld_complaints)
		check_finding(c, "discipline", LA_F_UPHELD_COMPLAINTS, 1,
		    "upheld complaints: %lld, at most %d allowed", n,
		    c->rules->max_upheld_complaints);
}

void
check_assessment(struct check *c)
{
	const char *score_text = check_value(c, LA_F_ASSESSMENT_SCORE);
	int passed = bool_field(c, LA_F_ASSESSMENT_PASSED);
	double score = 0;
	char why[256];

	if (score_text != NULL && (la_parse_number(score_text, &score, why,
	    sizeof(why)) != LA_NORM_OK || score > 100)) {
		check_finding(c, "input", LA_F_ASSESSMENT_SCORE, 1,
		    "invalid assessment_score \"%s\": %s", score_text,
		    score > 100 ? check_gettext(c, N_("above 100")) : why);
		return;
	}
	if (passed == -1)
		return;
	if (passed == -2 && score_text == NULL) {
		check_finding(c, "assessment", LA_F_ASSESSMENT_PASSED, 1,
		    "%s", check_gettext(c,
		    N_("no admission assessment result (准入考核)")));
		return;
	}
	if (passed == -2)
		passed = score >= c->rules->assessment_pass_score;
	if (!passed)
		check_finding(c, "assessment", passed == 0 && score_text ?
		    LA_F_ASSESSMENT_SCORE : LA_F_ASSESSMENT_PASSED, 1,
		    "admission assessment not passed (score %s, pass mark "
		    "%g)", score_text != NULL ? score_text : "-",
		    c->rules->assessment_pass_score);
}

void
check_prior_cases(struct check *c)
{
	long long bad, total;

	if (count_field(c, LA_F_PRIOR_AID_UNQUALIFIED, &bad) != 0 ||
	    count_field(c, LA_F_PRIOR_AID_CASES, &total) != 0)
		return;
	if (bad > c->rules->max_prior_unqualified)
		check_finding(c, "prior_cases", LA_F_PRIOR_AID_UNQUALIFIED, 1,
		    "%lld earlier legal aid cases rated 不合格; at most %d "
		    "allowed", bad, c->rules->max_prior_unqualified);
	else if (bad > total && check_value(c, LA_F_PRIOR_AID_CASES))
		check_finding(c, "input", LA_F_PRIOR_AID_UNQUALIFIED, 1,
		    "%lld cases rated 不合格 out of %lld legal aid cases",
		    bad, total);
}

static void
require_yes(struct check *c, int id, const char *rule, int required,
    const char *missing, const char *no)
{
	int b = bool_field(c, id);

	if (!required || b == 1 || b == -1)
		return;
	check_finding(c, rule, id, 1, "%s",
	    check_gettext(c, b == -2 ? missing : no));
}

void
check_flags(struct check *c)
{
	require_yes(c, LA_F_SYSTEM_PROFICIENT, "system",
	    c->rules->require_system,
	    N_("missing system_proficient (熟练使用法律援助管理系统)"),
	    N_("cannot use the legal aid management system"));
	require_yes(c, LA_F_RECOMMENDED_BY_UNIT, "recommendation",
	    c->rules->require_recommendation,
	    N_("missing recommended_by_unit (推荐意见)"),
	    N_("the practice unit does not recommend the applicant"));
	/* Duty is a wish, not a condition; an unreadable value is flagged. */
	if (check_value(c, LA_F_DUTY) != NULL)
		(void)bool_field(c, LA_F_DUTY);
}

/*
 * Returns nonzero when one of the len bytes at s is EF, the first byte of
 * every full-width form U+FF01..U+FF5E. Number values are a few bytes
 * long, so a loop costs less than a call to memchr().
 */
static int
has_full_width(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		if ((unsigned char)s[i] == 0xEF)
			return 1;
	}
	return 0;
}

/*
 * Adds a review finding to each number field whose value the rules read
 * only after folding full-width digits (from a Chinese input method) to
 * ASCII, since the output keeps the value as the user typed it. A value
 * with an "input" finding is left to that finding.
 */
static void
review_folded_numbers(struct check *c)
{
	static const int numbers[] = {
		LA_F_PRACTICE_YEARS, LA_F_CRIMINAL_PRACTICE_YEARS,
		LA_F_UPHELD_COMPLAINTS, LA_F_ASSESSMENT_SCORE,
		LA_F_CASE_COUNT, LA_F_PRIOR_AID_CASES,
		LA_F_PRIOR_AID_UNQUALIFIED, LA_F_AID_ACTIVITY
	};
	char folded[64], why[256];
	double x;

	for (size_t i = 0; i < sizeof(numbers) / sizeof(numbers[0]); i++) {
		size_t len;
		const char *s = check_value_len(c, numbers[i], &len);

		if (s == NULL || len >= sizeof(folded) ||
		    !has_full_width(s, len) ||
		    check_flagged(c, numbers[i]) ||
		    la_fold_width(s, len, folded) == 0 ||
		    la_parse_number(folded, &x, why, sizeof(why)) != LA_NORM_OK)
			continue;
		check_finding(c, "review", numbers[i], 0,
		    "%s \"%s\" had full-width characters, read as %s",
		    la_field_name(numbers[i]), s, folded);
	}
}

/* Values that la-rank scores must read as numbers. */
void
check_numbers(struct check *c)
{
	static const int counts[] = { LA_F_CASE_COUNT, LA_F_AID_ACTIVITY };
	const char *s = check_value(c, LA_F_PRACTICE_YEARS);
	char why[256];
	long long n;
	double x;

	for (size_t i = 0; i < sizeof(counts) / sizeof(counts[0]); i++)
		(void)count_field(c, counts[i], &n);
	if (s != NULL && !check_flagged(c, LA_F_PRACTICE_YEARS) &&
	    la_parse_number(s, &x, why, sizeof(why)) != LA_NORM_OK)
		check_finding(c, "input", LA_F_PRACTICE_YEARS, 1,
		    "invalid practice_years \"%s\": %s", s, why);
	review_folded_numbers(c);
}

/*
 * Writes the duplicate key of value, the field's value of len bytes, into
 * buf as check_dup_key() does, from the number check_clean() has cleaned.
 * Returns the length of the key, or 0 when the value gives none.
 */
static size_t
dup_key(struct check *c, int id, const char *value, size_t len, char *buf,
    size_t size)
{
	const struct clean_number *n;
	size_t key_len;

	/* check_clean() has no room for this value, but the key has. */
	if (len >= sizeof(n->text))
		return check_dup_key(value, len, buf, size);
	n = check_clean(c, id);
	if (n->rc != LA_NORM_OK || n->text[0] == '\0')
		return 0;
	key_len = strlen(n->text);
	memcpy(buf, n->text, key_len + 1);
	check_key_from_clean(buf);
	return key_len;
}

/*
 * Appends where to text: "LINE" in the record's own input, "LINE in
 * FILE" in another.
 */
static void
add_place(struct check *c, char *text, size_t size, long where)
{
	size_t used = strlen(text);
	long file = where >> CHECK_FILE_SHIFT;
	long line = where & CHECK_LINE_MASK;
	const char *name;

	if (file == c->v->file || c->v->files == NULL) {
		snprintf(text + used, size - used, "%s%ld", used > 0 ? ", " :
		    "", line);
		return;
	}
	name = c->v->files[file];
	snprintf(text + used, size - used, "%s%ld in %s", used > 0 ? ", " :
	    "", line, strcmp(name, "-") == 0 ? "<stdin>" : name);
}

/*
 * Reports the value of len bytes when another record has its key, which
 * starts with prefix of n bytes.
 */
static void
report_duplicate(struct check *c, int id, const char *prefix, size_t n,
    const char *value, size_t len)
{
	char key[512], places[LA_FINDING_MAX];
	const struct la_dup_entry *e;
	struct la_dup_entry once;
	size_t key_len;
	long own = check_where(c->v, c->r->line);
	int skipped = 0;

	places[0] = '\0';
	if (value == NULL || len + n + 1 > sizeof(key))
		return;
	memcpy(key, prefix, n);
	if ((key_len = dup_key(c, id, value, len, key + n,
	    sizeof(key) - n)) == 0)
		return;
	e = la_dup_get(c->v->dups, key, n + key_len, &once);
	if (e == NULL || e->count < 2)
		return;
	for (long i = 0; i < e->count && i < LA_DUP_MAX_LINES; i++) {
		/* Skip the record itself once: another may share its line. */
		if (e->lines[i] == own && !skipped) {
			skipped = 1;
			continue;
		}
		add_place(c, places, sizeof(places), e->lines[i]);
	}
	check_finding(c, "duplicate", id, 1,
	    "%s \"%s\" also appears on line %s%s", la_field_name(id),
	    check_shown(c, id, value), places,
	    e->count > LA_DUP_MAX_LINES ? check_gettext(c, N_(" and more")) :
	    "");
}

void
check_duplicate(struct check *c)
{
	size_t len = 0;
	const char *s;

	s = check_value_len(c, LA_F_ID_NUMBER, &len);
	report_duplicate(c, LA_F_ID_NUMBER, "id:", strlen("id:"), s, len);
	s = check_value_len(c, LA_F_LICENSE_NO, &len);
	report_duplicate(c, LA_F_LICENSE_NO, "lic:", strlen("lic:"), s, len);
}
