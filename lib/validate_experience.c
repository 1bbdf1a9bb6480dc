/* SPDX-License-Identifier: MIT */
#include <stdio.h>
#include <string.h>

#include "i18n.h"
#include "normalize.h"
#include "validate_impl.h"

/*
 * Services and the experience each needs. Criminal defence needs
 * rules->criminal_min_years of criminal practice and is closed to
 * grassroots legal workers unless the rules allow it; every other service
 * needs rules->general_min_years since the licence was first issued. Both
 * are measured at the window's close. Failing one removes that service
 * only; the record is ineligible when no requested service is left.
 */

struct service_walk {
	struct check *c;
	unsigned mask;
	int unknown;		/* items that name no service */
};

static int
add_service(const char *item, size_t len, void *ctx)
{
	struct service_walk *w = ctx;
	unsigned bit = la_service_lookup(item, len);

	if (bit == 0) {
		check_finding(w->c, "review", LA_F_SERVICES, 0,
		    "\"%.*s\" is not a legal aid service of the pool "
		    "(刑事辩护, 民事代理, 行政代理, 劳动仲裁) and is left "
		    "out", (int)len, item);
		w->unknown++;
	}
	w->mask |= bit;
	return 0;
}

void
check_services(struct check *c)
{
	size_t len;
	const char *s = check_value_len(c, LA_F_SERVICES, &len);
	struct service_walk w = { c, 0, 0 };
	int known;

	if (s == NULL)
		return;
	/* A list with unknown items is walked each time for their findings. */
	if (la_memo_find(&c->v->services, s, len, &known))
		w.mask = (unsigned)known;
	else {
		la_split_list(s, add_service, &w);
		if (w.unknown == 0)
			la_memo_put(&c->v->services, s, len, (int)w.mask);
	}
	c->requested = w.mask;
	if (w.mask == 0)
		check_finding(c, "required", LA_F_SERVICES, 1,
		    "services \"%s\" names no service of the pool", s);
}

/* Parses a date field; -1 with an "input" finding if it is invalid. */
static int
date_field(struct check *c, int id, la_day *day, int *present)
{
	size_t len;
	const char *s = check_value_len(c, id, &len);
	struct la_date d;
	char why[256];

	*present = s != NULL;
	if (s == NULL)
		return 0;
	if (check_flagged(c, id))
		return -1;
	if (la_parse_trimmed_date(s, len, &d, why, sizeof(why)) != 0) {
		check_finding(c, "input", id, 1, "invalid %s \"%s\": %s",
		    la_field_name(id), s, why);
		return -1;
	}
	*day = la_day_from_date(d);
	return 0;
}

/* Reads licensed_since as date_field() does, once for both rules. */
static int
licensed_since(struct check *c, la_day *day, int *present)
{
	struct date_read *d = &c->licensed_since;

	if (!d->done) {
		d->rc = date_field(c, LA_F_LICENSED_SINCE, &d->day,
		    &d->present);
		d->done = 1;
	}
	if (d->rc == 0 && d->present)
		*day = d->day;
	*present = d->present;
	return d->rc;
}

/*
 * Parses the number s of len bytes into *x, plain digits without a copy.
 * Returns 0, or -1 with the reason in why.
 */
static int
parse_years(const char *s, size_t len, double *x, char *why, size_t size)
{
	unsigned long long digits;

	if (la_plain_digits(s, len, LA_NUMBER_DIGITS, &digits)) {
		*x = (double)digits;
		return 0;
	}
	return la_parse_number(s, x, why, size) == LA_NORM_OK ? 0 : -1;
}

/* Parses a number field; -1 with an "input" finding if it is invalid. */
static int
number_field(struct check *c, int id, double *x, int *present)
{
	size_t len;
	const char *s = check_value_len(c, id, &len);
	char why[256];

	*present = s != NULL;
	if (s == NULL)
		return 0;
	if (check_flagged(c, id))
		return -1;
	if (parse_years(s, len, x, why, sizeof(why)) != 0) {
		check_finding(c, "input", id, 1, "invalid %s \"%s\": %s",
		    la_field_name(id), s, why);
		return -1;
	}
	return 0;
}

la_day
check_years_before(la_day day, double years)
{
	struct la_date d = la_date_from_day(day);
	int whole = (int)years;
	int months = (int)((years - whole) * 12 + 0.5);

	d = la_date_add_years(d, -whole);
	if (months > 0)
		d = la_date_add_months(d, -months);
	return la_day_from_date(d);
}

/* Formats the message of remove_service() into text. */
static void
removal_text(struct check *c, char *text, unsigned bit, const char *reason)
{
	check_finding_text(c, text, N_("%s (%s) removed: %s"),
	    la_service_name(bit), la_service_label(bit), reason);
}

static void
remove_service(struct check *c, unsigned bit, const char *rule, int id,
    const char *reason)
{
	char text[LA_FINDING_MAX + 1];

	removal_text(c, text, bit, reason);
	c->removed |= bit;
	check_add_finding(c, rule, id, 0, text);
}

/*
 * Removes criminal defence for the years of criminal practice stated,
 * fewer than the rules need, with the finding kept for those years. The
 * numbers are compared bit for bit, as %g writes -0 and 0 apart.
 */
static void
remove_short_criminal(struct check *c, double years)
{
	struct la_short_years *known = &c->v->short_criminal;
	double needed = c->rules->criminal_min_years;
	char reason[512];
	size_t i;

	c->removed |= LA_SVC_CRIMINAL;
	for (i = 0; i < LA_VALIDATE_SHORT_YEARS; i++) {
		if (known->used[i] &&
		    memcmp(&known->years[i], &years, sizeof(years)) == 0 &&
		    memcmp(&known->needed[i], &needed, sizeof(needed)) == 0)
			break;
	}
	if (i == LA_VALIDATE_SHORT_YEARS) {
		i = known->next;
		known->next = (unsigned char)((i + 1) %
		    LA_VALIDATE_SHORT_YEARS);
		check_format(c, reason, sizeof(reason), N_("%g years of "
		    "criminal practice, %g needed"), years, needed);
		removal_text(c, known->message[i], LA_SVC_CRIMINAL, reason);
		known->years[i] = years;
		known->needed[i] = needed;
		known->used[i] = 1;
	}
	check_add_finding(c, "criminal_experience",
	    LA_F_CRIMINAL_PRACTICE_YEARS, 0, known->message[i]);
}

static void
check_criminal(struct check *c)
{
	const struct la_rules *rules = c->rules;
	double years = 0;
	int has_years, has_since, has_licence;
	la_day since = 0, licensed = 0, limit;
	char reason[512];

	if (c->category == LA_CAT_LEGAL_WORKER &&
	    !rules->worker_may_take_criminal) {
		remove_service(c, LA_SVC_CRIMINAL, "criminal_experience",
		    LA_F_CATEGORY,
		    check_gettext(c, N_("grassroots legal workers may not "
		    "take criminal cases")));
		return;
	}
	if (number_field(c, LA_F_CRIMINAL_PRACTICE_YEARS, &years,
	    &has_years) != 0 ||
	    date_field(c, LA_F_CRIMINAL_SINCE, &since, &has_since) != 0 ||
	    licensed_since(c, &licensed, &has_licence) != 0) {
		c->removed |= LA_SVC_CRIMINAL;
		return;
	}
	limit = c->v->criminal_limit;
	reason[0] = '\0';
	if (!has_years && !has_since)
		check_format(c, reason, sizeof(reason), N_("no criminal "
		    "practice stated (刑事执业年限); %g years needed"),
		    rules->criminal_min_years);
	else if (has_years && years < rules->criminal_min_years) {
		remove_short_criminal(c, years);
		return;
	} else if (has_since && since > limit)
		check_format(c, reason, sizeof(reason), N_("criminal "
		    "practice since %s gives less than %g years at the "
		    "deadline"),
		    check_value(c, LA_F_CRIMINAL_SINCE),
		    rules->criminal_min_years);
	else if (has_licence && licensed > limit)
		check_format(c, reason, sizeof(reason), N_("licensed since "
		    "%s, under %g years at the deadline, so the stated "
		    "criminal practice cannot be counted"),
		    check_value(c, LA_F_LICENSED_SINCE),
		    rules->criminal_min_years);
	if (reason[0] != '\0')
		remove_service(c, LA_SVC_CRIMINAL, "criminal_experience",
		    LA_F_CRIMINAL_PRACTICE_YEARS, reason);
}

static int
general_reason(struct check *c, char *reason, size_t size)
{
	const struct la_rules *rules = c->rules;
	double years = 0;
	int has_years, has_licence;
	la_day licensed = 0;

	if (licensed_since(c, &licensed, &has_licence) != 0 ||
	    number_field(c, LA_F_PRACTICE_YEARS, &years, &has_years) != 0)
		return snprintf(reason, size, "%s", check_gettext(c,
		    N_("the practice dates cannot be read")));
	if (has_licence) {
		if (licensed > c->v->general_limit)
			return check_format(c, reason, size,
			    N_("licensed since %s, less than %g years at the "
			    "deadline"),
			    check_value(c, LA_F_LICENSED_SINCE),
			    rules->general_min_years);
		return 0;
	}
	if (!has_years)
		return check_format(c, reason, size, N_("neither "
		    "licensed_since (取得执业资格日期) nor practice_years "
		    "(执业年限) is given; %g years needed"),
		    rules->general_min_years);
	if (years < rules->general_min_years)
		return check_format(c, reason, size, N_("%g years of "
		    "practice, %g needed"), years, rules->general_min_years);
	return 0;
}

/*
 * Adds a review finding when the criminal practice years cannot be read
 * although no criminal defence is requested. The value decides nothing
 * then, so the finding blocks nothing, but the clerk still sees it.
 */
static void
review_unused_criminal_years(struct check *c)
{
	size_t len;
	const char *s = check_value_len(c, LA_F_CRIMINAL_PRACTICE_YEARS, &len);
	char why[256];
	double x;

	if (s == NULL || check_flagged(c, LA_F_CRIMINAL_PRACTICE_YEARS) ||
	    parse_years(s, len, &x, why, sizeof(why)) == 0)
		return;
	check_finding(c, "review", LA_F_CRIMINAL_PRACTICE_YEARS, 0,
	    "invalid criminal_practice_years \"%s\": %s; it is not used, "
	    "since no criminal defence is requested", s, why);
}

void
check_experience(struct check *c)
{
	unsigned general = c->requested & ~(unsigned)LA_SVC_CRIMINAL;
	char reason[512];

	if (c->requested & LA_SVC_CRIMINAL)
		check_criminal(c);
	else
		review_unused_criminal_years(c);
	if (general == 0 || general_reason(c, reason, sizeof(reason)) <= 0)
		return;
	for (unsigned bit = 1; bit <= LA_SVC_ALL; bit <<= 1)
		if (general & bit)
			remove_service(c, bit, "general_experience",
			    LA_F_LICENSED_SINCE, reason);
}
