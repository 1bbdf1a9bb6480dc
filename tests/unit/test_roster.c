/* SPDX-License-Identifier: MIT */
/*
 * Roster model and operation tests. The fixture is a roster of four
 * members on the 2024-04-01..2025-03-31 term: L1 active, L2 suspended to
 * 2024-08-31, W1 removed, L3 active. Every expected value is worked out
 * by hand from the rules the test uses: the built-in rules suspend for 3
 * months by default, and the last day of a suspension is still suspended.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "catalogue.h"
#include "roster.h"
#include "roster_journal.h"
#include "roster_ops.h"
#include "roster_publish.h"

#define HEADER "name,category,practice_unit,services,duty,license_no," \
	"status,term_start,term_end,status_since,status_reason," \
	"suspended_until\n"

static const char fixture[] = HEADER
    "甲,lawyer,A律师事务所,criminal;civil,是,L1,active,2024-04-01,"
    "2025-03-31,2024-04-01,selected,\n"
    "乙,lawyer,B律师事务所,civil,否,L2,suspended,2024-04-01,2025-03-31,"
    "2024-06-01,late filing,2024-08-31\n"
    "丙,legal_worker,C法律服务所,civil,是,W1,removed,2024-04-01,"
    "2025-03-31,2024-07-01,complaints,\n"
    "丁,lawyer,A律师事务所,administrative,是,L3,active,2024-04-01,"
    "2025-03-31,2024-04-01,selected,\n";

static const char ranking[] =
    "name,category,license_no,services,status,rank,selection,"
    "selection_reason\n"
    "甲,律师,L1,刑事辩护,eligible,1,selected,\n"
    "戊,律师,L4,民事代理,eligible,4,waitlist,quota reached\n"
    "己,律师,L5,民事代理,eligible,3,waitlist,quota reached\n"
    "丙,法律工作者,W1,民事代理,eligible,1,selected,\n"
    "庚,法律工作者,W2,民事代理,eligible,3,waitlist,quota reached\n"
    "辛,法律工作者,W3,民事代理,eligible,2,waitlist,quota reached\n";

struct fix {
	struct la_roster r;
	struct la_rules rules;
	struct la_txn t;
	struct la_error err;
};

static la_day
day_of(int y, int m, int d)
{
	return la_day_from_date((struct la_date){ y, m, d });
}

/* Reads text as a roster (or a ranking); returns la_roster_read's result. */
static int
read_text(struct la_roster *r, const char *text, int is_ranking,
    struct la_error *err)
{
	struct la_read_opts opts;
	FILE *fp = fmemopen((void *)text, strlen(text), "r");
	int rc;

	memset(&opts, 0, sizeof(opts));
	assert_non_null(fp);
	la_error_clear(err);
	rc = is_ranking ? la_ranking_read(r, fp, "t.csv", &opts, err) :
	    la_roster_read(r, fp, "t.csv", &opts, err);
	fclose(fp);
	return rc;
}

static int
setup(void **state)
{
	struct fix *f = calloc(1, sizeof(*f));

	assert_non_null(f);
	la_roster_init(&f->r);
	assert_int_equal(la_rules_default(&f->rules, &f->err), 0);
	assert_int_equal(read_text(&f->r, fixture, 0, &f->err), 0);
	la_txn_init(&f->t, "test", "tester", 0);
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fix *f = *state;

	la_txn_free(&f->t);
	la_roster_free(&f->r);
	la_rules_free(&f->rules);
	free(f);
	return 0;
}

static void
assert_prefix(const char *s, const char *prefix)
{
	if (strncmp(s, prefix, strlen(prefix)) != 0)
		fail_msg("\"%s\" does not start with \"%s\"", s, prefix);
}

static const char *
field(const struct la_roster *r, const char *license, const char *name)
{
	long i = la_roster_find(r, license);
	const struct la_field *fl;

	assert_true(i >= 0);
	fl = la_record_find(&r->members[i], name);
	return fl != NULL ? fl->value : NULL;
}

static void
test_read_fixture(void **state)
{
	struct fix *f = *state;

	assert_int_equal(f->r.nmembers, 4);
	assert_int_equal(f->r.format, LA_FORMAT_CSV);
	assert_int_equal(la_member_status(&f->r.members[1]),
	    LA_MEMBER_SUSPENDED);
	assert_int_equal(la_member_category(&f->r.members[2]),
	    LA_CAT_LEGAL_WORKER);
	assert_int_equal(f->r.members[3].line, 5);
	assert_int_equal(la_roster_find(&f->r, "L3"), 3);
	assert_int_equal(la_roster_find(&f->r, "L9"), -1);
}

static void
test_read_rejects(void **state)
{
	static const struct {
		const char *text;
		long line;
		const char *start;
	} bad[] = {
		{ HEADER "a,lawyer,x,civil,是,L1,active,2024-04-01,2025-03-31,"
		    "2024-04-01,s,\nb,lawyer,x,civil,是,L1,active,2024-04-01,"
		    "2025-03-31,2024-04-01,s,\n", 3,
		    "duplicate license_no L1: also on line 2" },
		{ "name,license_no,status,term_start,term_end\n"
		    "a,L1,active,2024-04-01,2025-03-31\n", 1,
		    "missing column status_reason" },
		{ HEADER "a,lawyer,x,civil,是,L1,paused,2024-04-01,2025-03-31,"
		    "2024-04-01,s,\n", 2, "member L1: invalid status" },
		{ HEADER "a,lawyer,x,civil,是,L1,active,2024-02-30,2025-03-31,"
		    "2024-04-01,s,\n", 2, "member L1: invalid term_start" },
		{ HEADER "a,lawyer,x,civil,是,,active,2024-04-01,2025-03-31,"
		    "2024-04-01,s,\n", 2, "member without a license_no" },
		{ HEADER "a,lawyer,x,civil,是,L1,suspended,2024-04-01,"
		    "2025-03-31,2024-04-01,s,someday\n", 2,
		    "member L1: invalid suspended_until" },
	};
	struct la_roster r;
	struct la_error err;

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		la_roster_init(&r);
		assert_int_equal(read_text(&r, bad[i].text, 0, &err), -1);
		assert_int_equal(err.line, bad[i].line);
		assert_string_equal(err.file, "t.csv");
		assert_prefix(err.text, bad[i].start);
		la_roster_free(&r);
	}
}

static void
test_member_equal(void **state)
{
	struct fix *f = *state;
	struct la_roster copy;

	la_roster_init(&copy);
	assert_int_equal(la_roster_copy(&copy, &f->r, &f->err), 0);
	assert_true(la_roster_equal(&f->r, &copy));
	/* Order of members does not matter. */
	la_roster_remove(&copy, 0);
	assert_false(la_roster_equal(&f->r, &copy));
	assert_true(la_roster_append(&copy, &f->r.members[0], &f->err) >= 0);
	assert_true(la_roster_equal(&f->r, &copy));
	/* A field absent from one member equals an empty one. */
	assert_int_equal(la_roster_set_field(&copy, 3, "note", "", &f->err),
	    0);
	assert_true(la_roster_equal(&f->r, &copy));
	assert_int_equal(la_roster_set_field(&copy, 3, "note", "x", &f->err),
	    0);
	assert_false(la_roster_equal(&f->r, &copy));
	la_roster_free(&copy);
}

static int
apply(struct fix *f, const char *license, enum la_roster_action action,
    const char *reason, const char *until, la_day today)
{
	struct la_roster_request q = {
		.license = license, .action = action, .reason = reason,
		.until = until, .file = "t.csv", .line = 7,
	};

	la_error_clear(&f->err);
	return la_roster_apply(&f->r, &f->t, &q, &f->rules, today, &f->err);
}

static void
test_suspend(void **state)
{
	struct fix *f = *state;
	la_day today = day_of(2024, 7, 10);

	assert_int_equal(apply(f, "L1", LA_ROSTER_SUSPEND, "late", "2024-09-30",
	    today), 0);
	assert_string_equal(field(&f->r, "L1", "status"), "suspended");
	assert_string_equal(field(&f->r, "L1", "suspended_until"),
	    "2024-09-30");
	assert_string_equal(field(&f->r, "L1", "status_since"), "2024-07-10");
	assert_string_equal(field(&f->r, "L1", "status_reason"), "late");
	assert_int_equal(f->t.nchanges, 1);
	assert_string_equal(la_member_get(&f->t.changes[0].before,
	    LA_F_STATUS), "active");
	assert_string_equal(la_member_get(&f->t.changes[0].after,
	    LA_F_STATUS), "suspended");
	/* Without an end date: 3 months from 2024-07-10. */
	assert_int_equal(apply(f, "L3", LA_ROSTER_SUSPEND, "late", NULL,
	    today), 0);
	assert_string_equal(field(&f->r, "L3", "suspended_until"),
	    "2024-10-10");
	/* 2024-11-30 plus 3 months has no 30th: the month's last day. */
	assert_int_equal(apply(f, "L2", LA_ROSTER_SUSPEND, "again", "",
	    day_of(2024, 11, 30)), 0);
	assert_string_equal(field(&f->r, "L2", "suspended_until"),
	    "2025-02-28");
}

static void
test_suspend_until_today(void **state)
{
	struct fix *f = *state;

	assert_int_equal(apply(f, "L1", LA_ROSTER_SUSPEND, "one day",
	    "2024-07-10", day_of(2024, 7, 10)), 0);
	assert_int_equal(apply(f, "L3", LA_ROSTER_SUSPEND, "past",
	    "2024-07-09", day_of(2024, 7, 10)), -1);
	assert_prefix(f->err.text, "member L3: until date 2024-07-09 is before");
	assert_int_equal(f->err.line, 7);
	assert_string_equal(field(&f->r, "L3", "status"), "active");
}

/* Every action from every status, with the result or the refusal. */
static void
test_transition_table(void **state)
{
	static const struct {
		const char *license;	/* L1 active, L2 suspended, W1 removed */
		enum la_roster_action action;
		int ok;
		const char *status;	/* afterwards */
	} table[] = {
		{ "L1", LA_ROSTER_SUSPEND, 1, "suspended" },
		{ "L1", LA_ROSTER_REINSTATE, 0, "active" },
		{ "L1", LA_ROSTER_REMOVE, 1, "removed" },
		{ "L1", LA_ROSTER_WARNING, 1, "active" },
		{ "L2", LA_ROSTER_SUSPEND, 1, "suspended" },
		{ "L2", LA_ROSTER_REINSTATE, 1, "active" },
		{ "L2", LA_ROSTER_REMOVE, 1, "removed" },
		{ "L2", LA_ROSTER_WARNING, 1, "suspended" },
		{ "W1", LA_ROSTER_SUSPEND, 0, "removed" },
		{ "W1", LA_ROSTER_REINSTATE, 0, "removed" },
		{ "W1", LA_ROSTER_REMOVE, 0, "removed" },
		{ "W1", LA_ROSTER_WARNING, 0, "removed" },
		{ "L9", LA_ROSTER_SUSPEND, 0, NULL },
		{ "L9", LA_ROSTER_REINSTATE, 0, NULL },
		{ "L9", LA_ROSTER_REMOVE, 0, NULL },
		{ "L9", LA_ROSTER_WARNING, 0, NULL },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(table) / sizeof(table[0]); i++) {
		struct fix *f;
		int rc;

		setup((void **)&f);
		rc = apply(f, table[i].license, table[i].action, "why",
		    "2024-12-31", day_of(2024, 7, 10));
		if (rc != (table[i].ok ? 0 : -1))
			fail_msg("row %zu: %s", i, f->err.text);
		assert_int_equal(f->t.nchanges, table[i].ok ? 1 : 0);
		if (table[i].status != NULL)
			assert_string_equal(field(&f->r, table[i].license,
			    "status"), table[i].status);
		if (!table[i].ok)
			assert_int_equal(f->err.code, LA_ERR_STATE);
		teardown((void **)&f);
	}
}

static void
test_refusal_messages(void **state)
{
	struct fix *f = *state;
	la_day today = day_of(2024, 7, 10);

	assert_int_equal(apply(f, "W1", LA_ROSTER_REINSTATE, "appeal", NULL,
	    today), -1);
	assert_string_equal(f->err.text, "member W1 was removed (complaints); "
	    "a removed member cannot be suspended, reinstated, warned or "
	    "removed again");
	assert_int_equal(apply(f, "L1", LA_ROSTER_REINSTATE, "appeal", NULL,
	    today), -1);
	assert_string_equal(f->err.text, "member L1 is active, not "
	    "suspended; only a suspended member can be reinstated");
	assert_int_equal(apply(f, "L9", LA_ROSTER_SUSPEND, "x", NULL, today),
	    -1);
	assert_string_equal(f->err.text, "member L9 is not in the roster");
	assert_int_equal(apply(f, "L1", LA_ROSTER_REMOVE, "  ", NULL, today),
	    -1);
	assert_string_equal(f->err.text, "member L1: a reason is required");
	assert_string_equal(field(&f->r, "L1", "status"), "active");
	assert_int_equal(f->t.nchanges, 0);
}

static void
test_warning_journaled(void **state)
{
	struct fix *f = *state;

	assert_int_equal(apply(f, "L1", LA_ROSTER_WARNING, "late report",
	    NULL, day_of(2024, 7, 10)), 0);
	assert_int_equal(f->t.nchanges, 1);
	assert_string_equal(f->t.changes[0].reason, "warning: late report");
	assert_true(la_member_equal(&f->t.changes[0].before,
	    &f->t.changes[0].after));
	assert_string_equal(field(&f->r, "L1", "status_since"), "2024-04-01");
}

static void
test_nothing_action(void **state)
{
	struct fix *f = *state;

	assert_int_equal(la_roster_action_parse(""), LA_ROSTER_NOTHING);
	assert_int_equal(la_roster_action_parse(" none "), LA_ROSTER_NOTHING);
	assert_int_equal(la_roster_action_parse("remove"), LA_ROSTER_REMOVE);
	assert_int_equal(la_roster_action_parse("delete"), -1);
	assert_int_equal(apply(f, "", LA_ROSTER_NOTHING, "", NULL,
	    day_of(2024, 7, 10)), 0);
	assert_int_equal(f->t.nchanges, 0);
}

static void
test_expire(void **state)
{
	struct fix *f = *state;

	/* 2024-08-31 is the last day of L2's suspension. */
	assert_int_equal(la_roster_expire(&f->r, &f->t, day_of(2024, 8, 31),
	    &f->err), 0);
	assert_string_equal(field(&f->r, "L2", "status"), "suspended");
	assert_int_equal(la_roster_expire(&f->r, &f->t, day_of(2024, 9, 2),
	    &f->err), 1);
	assert_string_equal(field(&f->r, "L2", "status"), "active");
	assert_string_equal(field(&f->r, "L2", "status_since"), "2024-09-01");
	assert_string_equal(field(&f->r, "L2", "status_reason"),
	    "suspension ended on 2024-08-31");
	assert_string_equal(field(&f->r, "L2", "suspended_until"), "");
	assert_int_equal(f->t.nchanges, 1);
	assert_int_equal(la_roster_expire(&f->r, NULL, day_of(2024, 9, 3),
	    &f->err), 0);
}

static void
test_terms(void **state)
{
	struct fix *f = *state;
	struct la_date from, to;
	char why[128];

	la_roster_default_term(&f->rules, &from, &to);
	assert_int_equal(la_day_from_date(from), day_of(2024, 4, 1));
	assert_int_equal(la_day_from_date(to), day_of(2025, 3, 31));
	assert_int_equal(la_roster_parse_term("2024-05-01:2025-04-30", &from,
	    &to, why, sizeof(why)), 0);
	assert_int_equal(la_day_from_date(to), day_of(2025, 4, 30));
	assert_int_equal(la_roster_parse_term("2024-05-01", &from, &to, why,
	    sizeof(why)), -1);
	assert_int_equal(la_roster_parse_term("2025-01-01:2024-01-01", &from,
	    &to, why, sizeof(why)), -1);
	assert_string_equal(why, "the term ends before it starts");
}

static void
test_filters(void **state)
{
	struct fix *f = *state;
	struct la_roster_filter flt = { .day = day_of(2024, 7, 1) };
	const struct la_record *m = f->r.members;

	assert_true(la_roster_matches(&m[0], &flt));
	flt.status = LA_MEMBER_ACTIVE;
	assert_true(la_roster_matches(&m[0], &flt));
	assert_false(la_roster_matches(&m[1], &flt));
	flt.status = LA_MEMBER_NONE;
	flt.services = LA_SVC_CRIMINAL;
	assert_true(la_roster_matches(&m[0], &flt));
	assert_false(la_roster_matches(&m[3], &flt));
	flt.services = 0;
	flt.duty = 1;
	assert_false(la_roster_matches(&m[1], &flt));
	flt.duty = 0;
	flt.unit = "A律师";
	assert_true(la_roster_matches(&m[3], &flt));
	assert_false(la_roster_matches(&m[1], &flt));
	flt.unit = NULL;
	flt.category = LA_CAT_LEGAL_WORKER;
	assert_true(la_roster_matches(&m[2], &flt));
	assert_false(la_roster_matches(&m[0], &flt));
	/* Outside the term, only with all. */
	flt.category = LA_CAT_UNKNOWN;
	flt.day = day_of(2025, 4, 1);
	assert_false(la_roster_matches(&m[0], &flt));
	flt.all = 1;
	assert_true(la_roster_matches(&m[0], &flt));
}

static void
test_create(void **state)
{
	struct fix *f = *state;
	struct la_roster rank, r;

	la_roster_init(&rank);
	la_roster_init(&r);
	assert_int_equal(read_text(&rank, ranking, 1, &f->err), 0);
	assert_int_equal(la_roster_create(&r, &f->t, &rank,
	    (struct la_date){ 2024, 4, 1 }, (struct la_date){ 2025, 3, 31 },
	    &f->err), 0);
	assert_int_equal(r.nmembers, 2);
	assert_string_equal(la_member_license(&r.members[0]), "L1");
	assert_string_equal(la_member_license(&r.members[1]), "W1");
	/* la-validate's status column becomes the roster status in place. */
	assert_string_equal(r.members[0].fields[4].name, "status");
	assert_string_equal(r.members[0].fields[4].value, "active");
	assert_string_equal(field(&r, "W1", "term_end"), "2025-03-31");
	assert_string_equal(field(&r, "W1", "status_reason"), "selected");
	assert_int_equal(f->t.nchanges, 2);
	assert_false(f->t.changes[0].has_before);
	/* Quotas of 40 and 20: both categories are short. */
	assert_int_equal(la_roster_quota_report(&r, &f->rules, "r.csv", NULL),
	    2);
	f->rules.quota[LA_CAT_LAWYER] = 1;
	f->rules.quota[LA_CAT_LEGAL_WORKER] = 1;
	assert_int_equal(la_roster_quota_report(&r, &f->rules, "r.csv", NULL),
	    0);
	la_roster_free(&rank);
	la_roster_free(&r);
}

static void
test_ranking_rejects(void **state)
{
	struct la_roster rank;
	struct la_error err;

	(void)state;
	la_roster_init(&rank);
	assert_int_equal(read_text(&rank, "name,license_no,category,rank\n"
	    "a,L1,律师,1\n", 1, &err), -1);
	assert_string_equal(err.text,
	    "missing column selection: not la-rank output");
	assert_int_equal(read_text(&rank, "license_no,category,rank,selection\n"
	    "L1,律师,1,selected\nL1,律师,2,waitlist\n", 1, &err), -1);
	assert_int_equal(err.line, 3);
	assert_int_equal(read_text(&rank, "license_no,category,rank,selection\n"
	    "L1,judge,1,selected\n", 1, &err), -1);
	assert_prefix(err.text, "member L1: unknown category \"judge\"");
	/* Rows that cannot become members are not checked. */
	assert_int_equal(read_text(&rank, "license_no,category,rank,selection\n"
	    "L1,律师,1,selected\nL1,律师,,not_selected\n,,,not_selected\n",
	    1, &err), 0);
	assert_int_equal(rank.nmembers, 3);
	assert_int_equal(read_text(&rank, "license_no,category,rank,selection\n"
	    "L1,律师,1,selected\n,律师,2,waitlist\n", 1, &err), -1);
	assert_string_equal(err.text, "waitlist row without a license_no");
	la_roster_free(&rank);
}

static void
test_fill(void **state)
{
	struct fix *f = *state;
	struct la_roster rank;
	char *named[] = { "L1" };

	la_roster_init(&rank);
	assert_int_equal(read_text(&rank, ranking, 1, &f->err), 0);
	/* W1 left; W3 (rank 2) comes before W2 (rank 3). */
	assert_int_equal(la_roster_fill(&f->r, &f->t, &rank, NULL, 0,
	    day_of(2024, 7, 15), NULL, "t.csv", &f->err), 0);
	assert_int_equal(f->r.nmembers, 5);
	assert_string_equal(la_member_license(&f->r.members[4]), "W3");
	assert_string_equal(field(&f->r, "W3", "replaces"), "W1");
	assert_string_equal(field(&f->r, "W3", "term_start"), "2024-07-15");
	assert_string_equal(field(&f->r, "W3", "term_end"), "2025-03-31");
	assert_string_equal(field(&f->r, "W3", "status_reason"),
	    "replaces W1 (丙), removed: complaints");
	/* The place is filled now, and an active member has no place. */
	assert_int_equal(la_roster_fill(&f->r, &f->t, &rank, NULL, 0,
	    day_of(2024, 7, 16), NULL, "t.csv", &f->err), 0);
	assert_int_equal(f->r.nmembers, 5);
	assert_int_equal(la_roster_fill(&f->r, &f->t, &rank, named, 1,
	    day_of(2024, 7, 16), NULL, "t.csv", &f->err), -1);
	assert_string_equal(f->err.text, "member L1 is active; only the place "
	    "of a removed member can be filled");
	la_roster_free(&rank);
}

static void
test_fill_skips_members(void **state)
{
	struct fix *f = *state;
	struct la_roster rank;

	la_roster_init(&rank);
	assert_int_equal(read_text(&rank, ranking, 1, &f->err), 0);
	/*
	 * L2 and L3 leave. Places are filled in roster order: L2's goes to
	 * L5 (rank 3), W1's to W3, L3's to L4; L1 is a member already.
	 */
	assert_int_equal(apply(f, "L3", LA_ROSTER_REMOVE, "left", NULL,
	    day_of(2024, 7, 1)), 0);
	assert_int_equal(apply(f, "L2", LA_ROSTER_REMOVE, "left", NULL,
	    day_of(2024, 7, 1)), 0);
	assert_int_equal(la_roster_fill(&f->r, &f->t, &rank, NULL, 0,
	    day_of(2024, 7, 2), NULL, "t.csv", &f->err), 0);
	assert_string_equal(field(&f->r, "L5", "replaces"), "L2");
	assert_string_equal(field(&f->r, "L4", "replaces"), "L3");
	assert_string_equal(field(&f->r, "W3", "replaces"), "W1");
	/* A third lawyer leaves: the lawyer waitlist is empty. */
	assert_int_equal(apply(f, "L1", LA_ROSTER_REMOVE, "left", NULL,
	    day_of(2024, 7, 3)), 0);
	assert_int_equal(la_roster_fill(&f->r, &f->t, &rank, NULL, 0,
	    day_of(2024, 7, 4), NULL, "t.csv", &f->err), 1);
	assert_int_equal(f->r.nmembers, 7);
	la_roster_free(&rank);
}

static const char *
report_change(const struct la_roster *report, const char *license)
{
	long i = la_roster_find(report, license);

	return i >= 0 ? la_record_find(&report->members[i], "change")->value :
	    NULL;
}

static void
test_renew(void **state)
{
	struct fix *f = *state;
	struct la_roster rank, next, report;

	la_roster_init(&rank);
	la_roster_init(&next);
	la_roster_init(&report);
	assert_int_equal(read_text(&rank, ranking, 1, &f->err), 0);
	assert_int_equal(la_roster_renew(&f->r, &rank, &next, &f->t, &report,
	    (struct la_date){ 2025, 4, 1 }, (struct la_date){ 2026, 3, 31 },
	    &f->rules, &f->err), 0);
	/*
	 * One lawyer place (L1) and one legal worker place: W1 was removed,
	 * so the place goes to W3, rank 2 on the waitlist.
	 */
	assert_int_equal(next.nmembers, 2);
	assert_string_equal(la_member_license(&next.members[0]), "L1");
	assert_string_equal(la_member_license(&next.members[1]), "W3");
	assert_string_equal(report_change(&report, "L1"), "retained");
	assert_string_equal(report_change(&report, "W1"), "excluded");
	assert_string_equal(report_change(&report, "W3"), "joined");
	assert_string_equal(report_change(&report, "L2"), "left");
	assert_string_equal(report_change(&report, "L3"), "left");
	assert_null(report_change(&report, "L5"));
	assert_int_equal(report.nmembers, 5);
	assert_string_equal(field(&next, "L1", "term_start"), "2025-04-01");
	assert_int_equal(f->t.nchanges, 2);
	la_roster_free(&rank);
	la_roster_free(&next);
	la_roster_free(&report);
}

static void
test_renew_allows_return(void **state)
{
	struct fix *f = *state;
	struct la_roster rank, next, report;

	f->rules.allow_return_after_removal = 1;
	la_roster_init(&rank);
	la_roster_init(&next);
	la_roster_init(&report);
	assert_int_equal(read_text(&rank, ranking, 1, &f->err), 0);
	assert_int_equal(la_roster_renew(&f->r, &rank, &next, &f->t, &report,
	    (struct la_date){ 2025, 4, 1 }, (struct la_date){ 2026, 3, 31 },
	    &f->rules, &f->err), 0);
	assert_string_equal(la_member_license(&next.members[1]), "W1");
	assert_string_equal(report_change(&report, "W1"), "joined");
	assert_null(report_change(&report, "W3"));
	la_roster_free(&rank);
	la_roster_free(&next);
	la_roster_free(&report);
}

/* Publishes r in format into an allocated string. */
static char *
publish(const struct la_roster *r, enum la_publish_format format, int mask)
{
	struct la_publish_opts o = {
		.format = format, .title = "T<&>", .day = day_of(2024, 3, 25),
		.mask = mask,
	};
	struct la_error err;
	char *text = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&text, &len);

	assert_non_null(fp);
	la_error_clear(&err);
	assert_int_equal(la_roster_publish(r, fp, &o, &err), 0);
	fclose(fp);
	return text;
}

static void
test_publish_escapes(void **state)
{
	static const char text[] = "name,gender,category,practice_unit,"
	    "services,duty,id_number,phone,license_no,status,term_start,"
	    "term_end,status_reason\n"
	    "甲,M,律师,A&B<所>|x,刑事辩护;劳动仲裁,是,11010519491231002X,"
	    "13812345678,L1,active,2024-04-01,2025-03-31,s\n"
	    "乙,F,法律工作者,C所,民事代理,0,440524188001010014,13900000002,"
	    "W1,active,2024-04-01,2025-03-31,s\n"
	    "丙,F,律师,D所,民事代理,0,,,L2,removed,2024-04-01,2025-03-31,s\n";
	struct la_roster r;
	struct la_error err;
	char *out;

	(void)state;
	la_roster_init(&r);
	assert_int_equal(read_text(&r, text, 0, &err), 0);
	out = publish(&r, LA_PUBLISH_HTML, 1);
	assert_non_null(strstr(out, "<title>T&lt;&amp;&gt;</title>"));
	assert_non_null(strstr(out, "<td class=\"text\">A&amp;B&lt;所&gt;|x"
	    "</td><td class=\"text\">刑事辩护、劳动仲裁</td><td>是</td>"
	    "<td>110105********002X</td><td>138****5678</td>"));
	assert_non_null(strstr(out, "共 2 人，其中律师 1 人、法律工作者 1 人。"));
	assert_null(strstr(out, "丙"));
	free(out);
	out = publish(&r, LA_PUBLISH_MARKDOWN, 0);
	assert_non_null(strstr(out, "| 1 | 甲 | 男 | 律师 | A&amp;B&lt;所&gt;\\|x | "
	    "刑事辩护、劳动仲裁 | 是 | 11010519491231002X | 13812345678 |\n"));
	assert_non_null(strstr(out, "| 2 | 乙 | 女 | 法律工作者 | C所 | "
	    "民事代理 | 否 |"));
	free(out);
	la_roster_free(&r);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_read_fixture, setup,
		    teardown),
		cmocka_unit_test(test_read_rejects),
		cmocka_unit_test_setup_teardown(test_member_equal, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_suspend, setup, teardown),
		cmocka_unit_test_setup_teardown(test_suspend_until_today, setup,
		    teardown),
		cmocka_unit_test(test_transition_table),
		cmocka_unit_test_setup_teardown(test_refusal_messages, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_warning_journaled, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_nothing_action, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_expire, setup, teardown),
		cmocka_unit_test_setup_teardown(test_terms, setup, teardown),
		cmocka_unit_test_setup_teardown(test_filters, setup, teardown),
		cmocka_unit_test_setup_teardown(test_create, setup, teardown),
		cmocka_unit_test(test_ranking_rejects),
		cmocka_unit_test_setup_teardown(test_fill, setup, teardown),
		cmocka_unit_test_setup_teardown(test_fill_skips_members, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_renew, setup, teardown),
		cmocka_unit_test_setup_teardown(test_renew_allows_return, setup,
		    teardown),
		cmocka_unit_test(test_publish_escapes),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
