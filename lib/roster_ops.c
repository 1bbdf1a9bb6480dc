/* SPDX-License-Identifier: MIT */
#include <stdlib.h>
#include <string.h>

#include "catalogue.h"
#include "normalize.h"
#include "roster_ops.h"

static const char *action_names[] = {
	[LA_ROSTER_SUSPEND] = "suspend",
	[LA_ROSTER_REINSTATE] = "reinstate",
	[LA_ROSTER_REMOVE] = "remove",
	[LA_ROSTER_WARNING] = "warning",
};

int
la_roster_action_parse(const char *s)
{
	size_t len;
	const char *t = la_trim(s, &len);

	if (len == 0 || (len == 4 && strncmp(t, "none", 4) == 0))
		return LA_ROSTER_NOTHING;
	for (int i = LA_ROSTER_SUSPEND; i <= LA_ROSTER_WARNING; i++)
		if (strlen(action_names[i]) == len &&
		    strncmp(t, action_names[i], len) == 0)
			return i;
	return -1;
}

static void
format_day(la_day day, char *buf, size_t size)
{
	la_date_format(la_date_from_day(day), buf, size);
}

/* Local date of a roster date field; -1 when empty or invalid. */
static la_day
member_day(const struct la_record *m, int id)
{
	struct la_date d;
	char why[64];

	if (la_parse_date(la_member_get(m, id), &d, why, sizeof(why)) == -1)
		return -1;
	return la_day_from_date(d);
}

/* Sets the status fields of member i in one step. */
static int
set_status(struct la_roster *r, size_t i, enum la_member_status st,
    const char *reason, const char *until, la_day today,
    struct la_error *err)
{
	char since[16];

	format_day(today, since, sizeof(since));
	if (la_roster_set_field(r, i, la_field_name(LA_F_STATUS),
	    la_member_status_name(st), err) == -1 ||
	    la_roster_set_field(r, i, la_field_name(LA_F_STATUS_REASON),
	    reason, err) == -1 ||
	    la_roster_set_field(r, i, la_field_name(LA_F_SUSPENDED_UNTIL),
	    until, err) == -1 ||
	    la_roster_set_field(r, i, LA_ROSTER_STATUS_SINCE, since,
	    err) == -1)
		return -1;
	return 0;
}

/* Fills err with "member LICENSE TEXT" at the request's position. */
static int
reject(const struct la_roster_request *q, struct la_error *err,
    const char *text)
{
	return la_error_set(err, LA_ERR_STATE, q->file, q->line,
	    "license_no", "member %s %s", q->license, text);
}

/* Last day of a suspension: until, or suspend_months from today. */
static int
suspension_end(const struct la_roster_request *q,
    const struct la_rules *rules, la_day today, char *buf, size_t size,
    struct la_error *err)
{
	struct la_date d;
	char why[128];

	if (q->until == NULL || q->until[0] == '\0') {
		d = la_date_add_months(la_date_from_day(today),
		    rules->suspend_months);
	} else if (la_parse_date(q->until, &d, why, sizeof(why)) == -1) {
		return la_error_set(err, LA_ERR_VALUE, q->file, q->line,
		    "until", "member %s: invalid until date \"%s\": %s",
		    q->license, q->until, why);
	} else if (la_day_from_date(d) < today) {
		format_day(today, why, sizeof(why));
		return la_error_set(err, LA_ERR_VALUE, q->file, q->line,
		    "until", "member %s: until date %s is before today, %s",
		    q->license, q->until, why);
	}
	la_date_format(d, buf, size);
	return 0;
}

/* Checks that the member's status allows the action. */
static int
check_transition(const struct la_roster_request *q,
    const struct la_record *m, struct la_error *err)
{
	enum la_member_status st = la_member_status(m);
	char text[512];

	if (st == LA_MEMBER_REMOVED) {
		snprintf(text, sizeof(text), "was removed (%s); a removed "
		    "member cannot be suspended, reinstated, warned or "
		    "removed again", la_member_get(m, LA_F_STATUS_REASON));
		return reject(q, err, text);
	}
	if (q->action == LA_ROSTER_REINSTATE && st != LA_MEMBER_SUSPENDED) {
		snprintf(text, sizeof(text), "is %s, not suspended; only a "
		    "suspended member can be reinstated",
		    la_member_status_name(st));
		return reject(q, err, text);
	}
	return 0;
}

static int
change_status(struct la_roster *r, size_t i,
    const struct la_roster_request *q, const struct la_rules *rules,
    la_day today, struct la_error *err)
{
	char until[16] = "";

	switch (q->action) {
	case LA_ROSTER_SUSPEND:
		if (suspension_end(q, rules, today, until, sizeof(until),
		    err) == -1)
			return -1;
		return set_status(r, i, LA_MEMBER_SUSPENDED, q->reason, until,
		    today, err);
	case LA_ROSTER_REINSTATE:
		return set_status(r, i, LA_MEMBER_ACTIVE, q->reason, "", today,
		    err);
	case LA_ROSTER_REMOVE:
		return set_status(r, i, LA_MEMBER_REMOVED, q->reason, "",
		    today, err);
	default:
		return 0;
	}
}

/* Journals a warning: the member's record before and after is the same. */
static int
add_warning(struct la_txn *t, const struct la_record *m, const char *reason,
    struct la_error *err)
{
	size_t size = strlen(reason) + sizeof("warning: ");
	char *text = malloc(size);
	int rc;

	if (text == NULL)
		return la_error_set(err, LA_ERR_NOMEM, NULL, 0, NULL,
		    "out of memory");
	snprintf(text, size, "warning: %s", reason);
	rc = la_txn_add(t, m, m, text, err);
	free(text);
	return rc;
}

int
la_roster_apply(struct la_roster *r, struct la_txn *t,
    const struct la_roster_request *q, const struct la_rules *rules,
    la_day today, struct la_error *err)
{
	struct la_record before;
	long i = la_roster_find(r, q->license);
	size_t len;
	int rc;

	if (q->action == LA_ROSTER_NOTHING)
		return 0;
	if (i == -1)
		return reject(q, err, "is not in the roster");
	la_trim(q->reason != NULL ? q->reason : "", &len);
	if (len == 0)
		return la_error_set(err, LA_ERR_USAGE, q->file, q->line,
		    "reason", "member %s: a reason is required",
		    q->license);
	if (check_transition(q, &r->members[i], err) == -1)
		return -1;
	la_record_init(&before);
	if (la_record_copy(&before, &r->members[i]) == -1) {
		la_record_free(&before);
		return la_error_set(err, LA_ERR_NOMEM, NULL, 0, NULL,
		    "out of memory");
	}
	rc = change_status(r, (size_t)i, q, rules, today, err);
	if (rc == 0 && q->action == LA_ROSTER_WARNING)
		rc = add_warning(t, &before, q->reason, err);
	else if (rc == 0)
		rc = la_txn_add(t, &before, &r->members[i], q->reason, err);
	if (rc == -1)
		la_roster_replace(r, (size_t)i, &before, NULL);
	la_record_free(&before);
	return rc;
}

/* Fills q from an apply record; returns 0 or -1 for an unknown action. */
static int
request_of(const struct la_record *rec, const char *file,
    struct la_roster_request *q, struct la_error *err)
{
	const struct la_field *action = la_record_find(rec, "action");
	const struct la_field *reason = la_record_find(rec, "reason");
	const struct la_field *until = la_record_find(rec, "until");
	int a = la_roster_action_parse(action != NULL ? action->value : "");

	memset(q, 0, sizeof(*q));
	q->license = la_member_get(rec, LA_F_LICENSE_NO);
	q->reason = reason != NULL ? reason->value : "";
	q->until = until != NULL ? until->value : NULL;
	q->file = file;
	q->line = rec->line;
	if (action == NULL)
		return la_error_set(err, LA_ERR_HEADER, file, rec->line,
		    "action", "change record without an action column");
	if (a == -1)
		return la_error_set(err, LA_ERR_VALUE, file, rec->line,
		    "action", "member %s: unknown action \"%s\"; expected "
		    "suspend, reinstate, remove, warning or none", q->license,
		    action->value);
	q->action = (enum la_roster_action)a;
	if (rec->nfindings > 0)
		return la_error_set(err, LA_ERR_SYNTAX, file, rec->line, NULL,
		    "malformed change record: %s", rec->findings[0].message);
	return 0;
}

long
la_roster_apply_stream(struct la_roster *r, struct la_txn *t,
    struct la_reader *rd, const char *file, const struct la_rules *rules,
    la_day today, const struct la_diag *diag, struct la_error *err)
{
	struct la_roster_request q;
	struct la_record rec;
	struct la_error bad;
	long nbad = 0;
	int rc;

	la_record_init(&rec);
	while ((rc = la_reader_next(rd, &rec, err)) == 1) {
		la_error_clear(&bad);
		if (request_of(&rec, file, &q, &bad) == 0 &&
		    la_roster_apply(r, t, &q, rules, today, &bad) == 0)
			continue;
		nbad++;
		if (diag != NULL && diag->warn != NULL)
			diag->warn(diag->ctx, &bad);
	}
	la_record_free(&rec);
	return rc == -1 ? -1 : nbad;
}

long
la_roster_expire(struct la_roster *r, struct la_txn *t, la_day today,
    struct la_error *err)
{
	struct la_record before;
	char reason[64];
	long n = 0;

	la_record_init(&before);
	for (size_t i = 0; i < r->nmembers; i++) {
		const struct la_record *m = &r->members[i];
		la_day until = member_day(m, LA_F_SUSPENDED_UNTIL);

		if (la_member_status(m) != LA_MEMBER_SUSPENDED || until < 0 ||
		    until >= today)
			continue;
		snprintf(reason, sizeof(reason), "suspension ended on %s",
		    la_member_get(m, LA_F_SUSPENDED_UNTIL));
		if (la_record_copy(&before, m) == -1 ||
		    set_status(r, i, LA_MEMBER_ACTIVE, reason, "", until + 1,
		    err) == -1 ||
		    (t != NULL && la_txn_add(t, &before, &r->members[i],
		    reason, err) == -1)) {
			la_record_free(&before);
			return la_error_set(err, LA_ERR_NOMEM, NULL, 0, NULL,
			    "out of memory");
		}
		n++;
	}
	la_record_free(&before);
	return n;
}

void
la_roster_default_term(const struct la_rules *rules, struct la_date *from,
    struct la_date *to)
{
	*from = rules->term_start;
	*to = la_date_from_day(la_day_from_date(la_date_add_months(*from,
	    rules->term_months)) - 1);
}

int
la_roster_parse_term(const char *s, struct la_date *from, struct la_date *to,
    char *why, size_t size)
{
	const char *colon = strchr(s, ':');
	char first[64];

	if (colon == NULL || (size_t)(colon - s) >= sizeof(first)) {
		snprintf(why, size, "expected FROM:TO, two dates");
		return -1;
	}
	snprintf(first, sizeof(first), "%.*s", (int)(colon - s), s);
	if (la_parse_date(first, from, why, size) == -1 ||
	    la_parse_date(colon + 1, to, why, size) == -1)
		return -1;
	if (la_day_from_date(*to) < la_day_from_date(*from)) {
		snprintf(why, size, "the term ends before it starts");
		return -1;
	}
	return 0;
}

static int
add_service(const char *item, size_t len, void *ctx)
{
	*(unsigned *)ctx |= la_service_lookup(item, len);
	return 0;
}

unsigned
la_member_services(const struct la_record *m)
{
	const char *v = la_member_get(m, LA_F_ELIGIBLE_SERVICES);
	unsigned bits = 0;
	size_t len;

	la_trim(v, &len);
	if (len == 0 || la_record_find_id(m, LA_F_ELIGIBLE_SERVICES) == NULL)
		v = la_member_get(m, LA_F_SERVICES);
	la_split_list(v, add_service, &bits);
	return bits;
}

static int
takes_duty(const struct la_record *m)
{
	char why[64];
	int yes = 0;

	return la_parse_bool(la_member_get(m, LA_F_DUTY), &yes, why,
	    sizeof(why)) == LA_NORM_OK && yes;
}

static int
in_term(const struct la_record *m, la_day day)
{
	la_day from = member_day(m, LA_F_TERM_START);
	la_day to = member_day(m, LA_F_TERM_END);

	return from <= day && day <= to;
}

int
la_roster_matches(const struct la_record *m, const struct la_roster_filter *f)
{
	if (f->status != LA_MEMBER_NONE && la_member_status(m) != f->status)
		return 0;
	if (f->category != LA_CAT_UNKNOWN &&
	    la_member_category(m) != f->category)
		return 0;
	if ((la_member_services(m) & f->services) != f->services)
		return 0;
	if (f->duty && !takes_duty(m))
		return 0;
	if (f->unit != NULL &&
	    strstr(la_member_get(m, LA_F_PRACTICE_UNIT), f->unit) == NULL)
		return 0;
	return f->all || in_term(m, f->day);
}
