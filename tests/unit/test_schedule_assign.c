/* SPDX-License-Identifier: MIT */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "schedule_assign.h"
#include "schedule_fixture.h"

struct world {
	struct la_pool pool;
	struct la_rules rules;
	struct la_rotation rot;
	struct la_assigner *assigner;
	struct la_record rec;
	la_time now;
};

static int
setup(void **state)
{
	struct world *w = calloc(1, sizeof(*w));

	la_pool_init(&w->pool);
	fixture_rules(&w->rules);
	la_tz_init(&w->rules.tz, "Asia/Shanghai", NULL);
	la_rotation_init(&w->rot);
	la_record_init(&w->rec);
	w->now = la_tz_to_time(&w->rules.tz, la_date_from_day(day_of(2024,
	    3, 4)), 9, 0, 0);
	*state = w;
	return 0;
}

static int
teardown(void **state)
{
	struct world *w = *state;

	la_assigner_free(w->assigner);
	la_rotation_free(&w->rot);
	la_pool_free(&w->pool);
	la_record_free(&w->rec);
	fixture_rules_free(&w->rules);
	free(w);
	return 0;
}

static void
start(struct world *w)
{
	struct la_error err;

	la_error_clear(&err);
	la_assigner_free(w->assigner);
	w->assigner = la_assigner_new(&w->pool, &w->rules, NULL, &w->rot,
	    w->now, &err);
	assert_non_null(w->assigner);
}

/* Fields of a case record: pairs of name and value, NULL-terminated. */
static int
assign(struct world *w, ...)
{
	struct la_error err;
	const char *name;
	va_list ap;

	la_record_reset(&w->rec);
	w->rec.line = 2;
	va_start(ap, w);
	while ((name = va_arg(ap, const char *)) != NULL) {
		const char *value = va_arg(ap, const char *);

		la_record_append(&w->rec, name, -1, value, strlen(value),
		    LA_KIND_TEXT);
	}
	va_end(ap);
	la_error_clear(&err);
	return la_assign_record(w->assigner, &w->rec, "cases.csv", NULL,
	    &err);
}

static const char *
field(const struct world *w, const char *name)
{
	const struct la_field *f = la_record_find(&w->rec, name);

	assert_non_null(f);
	return f->value;
}

static int
civil(struct world *w, const char *id)
{
	return assign(w, "case_id", id, "case_type", "civil", "received_at",
	    "2024-03-04 08:00", NULL);
}

static void
rotation_in_licence_order(void **state)
{
	struct world *w = *state;
	static const char *want[] = { "A", "B", "C", "A" };
	char id[16];

	fixture_member(&w->pool, "A", NULL);
	fixture_member(&w->pool, "B", NULL);
	fixture_member(&w->pool, "C", NULL);
	start(w);
	for (int i = 0; i < 4; i++) {
		snprintf(id, sizeof(id), "c%d", i);
		assert_int_equal(civil(w, id), 0);
		assert_string_equal(field(w, "license_no"), want[i]);
	}
	assert_string_equal(w->rot.last, "A");
}

/* B already has two open cases: A and C get the next ones, then B. */
static void
fewest_open_cases_first(void **state)
{
	struct world *w = *state;
	static const char *want[] = { "A", "C", "A", "C", "A", "B" };
	char id[16];

	fixture_member(&w->pool, "A", NULL);
	fixture_member(&w->pool, "B", NULL);
	fixture_member(&w->pool, "C", NULL);
	la_rotation_add(&w->rot, "old1", "B", "B", w->now);
	la_rotation_add(&w->rot, "old2", "B", "B", w->now);
	start(w);
	/* Loads A0 B2 C0, A1 B2 C0, A1 B2 C1, A2 B2 C1, A2 B2 C2: then the
	 * turn after C is A (all 2), then B (A3 B2 C2). */
	for (int i = 0; i < 6; i++) {
		snprintf(id, sizeof(id), "c%d", i);
		assert_int_equal(civil(w, id), 0);
		assert_string_equal(field(w, "license_no"), want[i]);
	}
}

static void
criminal_never_to_legal_worker(void **state)
{
	struct world *w = *state;

	fixture_member(&w->pool, "W", NULL)->category = LA_CAT_LEGAL_WORKER;
	start(w);
	assert_int_equal(assign(w, "case_id", "k1", "case_type", "刑事",
	    "received_at", "2024-03-04", NULL), 1);
	assert_string_equal(field(w, "license_no"), "");
	assert_string_equal(field(w, "reason"), "no eligible member among 1: "
	    "1 legal workers (criminal work needs a lawyer)");
	/* The same member takes a civil case. */
	assert_int_equal(civil(w, "k2"), 0);
	assert_string_equal(field(w, "license_no"), "W");
}

static void
suspended_member_skipped(void **state)
{
	struct world *w = *state;
	struct la_member *a;

	fixture_member(&w->pool, "A", NULL);
	fixture_member(&w->pool, "B", NULL);
	a = &w->pool.members[0];
	a->status = LA_MEMBER_SUSPENDED;
	a->suspended_until = day_of(2024, 3, 4);
	start(w);
	assert_int_equal(civil(w, "c1"), 0);
	assert_string_equal(field(w, "license_no"), "B");
	/* On 5 March the suspension has ended. */
	w->now += 24 * 3600;
	start(w);
	assert_int_equal(civil(w, "c2"), 0);
	assert_string_equal(field(w, "license_no"), "A");
}

static void
absent_member_skipped(void **state)
{
	struct world *w = *state;
	struct la_absences absences;
	struct la_error err;

	fixture_member(&w->pool, "A", NULL);
	la_absences_init(&absences);
	la_absences_add(&absences, 0, day_of(2024, 3, 1), day_of(2024, 3, 4),
	    "leave");
	la_absences_index(&absences, w->pool.n);
	la_error_clear(&err);
	w->assigner = la_assigner_new(&w->pool, &w->rules, &absences, &w->rot,
	    w->now, &err);
	assert_int_equal(civil(w, "c1"), 1);
	assert_string_equal(field(w, "reason"),
	    "no eligible member among 1: 1 absent");
	/* Back on 5 March. */
	la_assigner_free(w->assigner);
	w->assigner = la_assigner_new(&w->pool, &w->rules, &absences, &w->rot,
	    w->now + 24 * 3600, &err);
	assert_int_equal(civil(w, "c1"), 0);
	assert_string_equal(field(w, "license_no"), "A");
	la_assigner_free(w->assigner);
	w->assigner = NULL;
	la_absences_free(&absences);
}

static void
conflicts_by_licence_and_unit(void **state)
{
	struct world *w = *state;

	fixture_member(&w->pool, "A", "明德律师事务所");
	fixture_member(&w->pool, "B", "明德律师事务所");
	fixture_member(&w->pool, "C", "正义律师事务所");
	fixture_member(&w->pool, "D", NULL);
	start(w);
	assert_int_equal(assign(w, "case_id", "c1", "case_type", "civil",
	    "received_at", "2024-03-04", "conflicts", "明德律师事务所；C",
	    NULL), 0);
	assert_string_equal(field(w, "license_no"), "D");
	assert_int_equal(assign(w, "case_id", "c2", "case_type", "civil",
	    "received_at", "2024-03-04", "conflicts",
	    "明德律师事务所,C,D", NULL), 1);
	assert_string_equal(field(w, "reason"),
	    "no eligible member among 4: 4 in conflict");
}

/*
 * Life imprisonment or death: 3 years of criminal defence. B started on
 * 2021-03-05, so on 2024-03-04 it has 2 years and 364 days.
 */
static void
serious_case_needs_three_years(void **state)
{
	struct world *w = *state;

	fixture_member(&w->pool, "A", NULL)->criminal_years = 2.5;
	fixture_member(&w->pool, "B", NULL)->criminal_since =
	    day_of(2021, 3, 5);
	fixture_member(&w->pool, "C", NULL)->criminal_years = 3;
	start(w);
	assert_int_equal(assign(w, "case_id", "s1", "case_type", "criminal",
	    "received_at", "2024-03-04", "serious", "是", NULL), 0);
	assert_string_equal(field(w, "license_no"), "C");
	/* On 5 March B has its 3 years. */
	w->now += 24 * 3600;
	start(w);
	assert_int_equal(assign(w, "case_id", "s2", "case_type", "criminal",
	    "received_at", "2024-03-04", "serious", "true", NULL), 0);
	assert_string_equal(field(w, "license_no"), "B");
}

static void
cap_on_open_cases(void **state)
{
	struct world *w = *state;

	w->rules.max_open_cases = 1;
	fixture_member(&w->pool, "A", NULL);
	fixture_member(&w->pool, "B", NULL);
	start(w);
	assert_int_equal(civil(w, "c1"), 0);
	assert_int_equal(civil(w, "c2"), 0);
	assert_int_equal(civil(w, "c3"), 1);
	assert_string_equal(field(w, "reason"),
	    "no eligible member among 2: 2 at the cap of 1 open cases");
}

/*
 * Received Thursday 8 February 2024, assigned the same day. 3 days end on
 * Sunday 11 February and 5 days on Tuesday 13 February, both inside the
 * Spring Festival holiday (10-17 February), so both move to Sunday 18
 * February, a worked day.
 */
static void
due_dates_over_spring_festival(void **state)
{
	struct world *w = *state;

	fixture_member(&w->pool, "A", NULL);
	w->now = la_tz_to_time(&w->rules.tz, la_date_from_day(day_of(2024,
	    2, 8)), 15, 30, 0);
	start(w);
	assert_int_equal(assign(w, "case_id", "c1", "case_type", "civil",
	    "received_at", "2024-02-08 10:00", NULL), 0);
	assert_string_equal(field(w, "assigned_at"), "2024-02-08 15:30");
	assert_string_equal(field(w, "assign_due"), "2024-02-18");
	assert_string_equal(field(w, "accept_due"), "2024-02-18");
	assert_string_equal(field(w, "entrustment_due"), "2024-02-18");
	assert_string_equal(field(w, "due"), "2024-02-18");
}

/*
 * Assigned Friday 27 September 2024: 3 days end on Monday 30 September;
 * 5 days on Wednesday 2 October, inside the National Day holiday (1-7
 * October), so on Tuesday 8 October. Received on 20 September, the
 * assignment deadline was Monday 23 September: late.
 */
static void
due_dates_over_national_day(void **state)
{
	struct world *w = *state;

	fixture_member(&w->pool, "A", NULL);
	w->now = la_tz_to_time(&w->rules.tz, la_date_from_day(day_of(2024,
	    9, 27)), 9, 0, 0);
	start(w);
	assert_int_equal(assign(w, "case_id", "c1", "case_type", "civil",
	    "received_at", "2024-09-20 10:00", NULL), 0);
	assert_string_equal(field(w, "accept_due"), "2024-09-30");
	assert_string_equal(field(w, "entrustment_due"), "2024-10-08");
	assert_string_equal(field(w, "due"), "2024-09-30");
	assert_string_equal(field(w, "assign_due"), "2024-09-23");
	assert_int_equal(w->rec.nfindings, 1);
	assert_string_equal(w->rec.findings[0].rule, "late");
}

static void
malformed_case_reported(void **state)
{
	struct world *w = *state;

	fixture_member(&w->pool, "A", NULL);
	start(w);
	assert_int_equal(assign(w, "case_id", "c1", "case_type", "divorce",
	    "received_at", "2024-02-30", NULL), 1);
	assert_string_equal(field(w, "license_no"), "");
	assert_string_equal(field(w, "reason"), "malformed case: see findings");
	assert_int_equal(w->rec.nfindings, 2);
	assert_string_equal(w->rec.findings[0].field, "case_type");
	assert_string_equal(w->rec.findings[0].message,
	    "invalid case_type: \"divorce\" (expected criminal, civil, "
	    "administrative, labor_arbitration or non_litigation)");
	assert_string_equal(w->rec.findings[1].field, "received_at");
	assert_int_equal(assign(w, "case_type", "civil", "received_at",
	    "2024-03-01", NULL), 1);
	assert_string_equal(w->rec.findings[0].message, "missing case_id");
	/* Nothing was taken from the rotation. */
	assert_null(w->rot.last);
	assert_int_equal(w->rot.n, 0);
}

static void
same_case_keeps_member(void **state)
{
	struct world *w = *state;

	fixture_member(&w->pool, "A", NULL);
	fixture_member(&w->pool, "B", NULL);
	start(w);
	assert_int_equal(civil(w, "c1"), 0);
	assert_string_equal(field(w, "license_no"), "A");
	assert_int_equal(civil(w, "c1"), 0);
	assert_string_equal(field(w, "license_no"), "A");
	assert_int_equal(civil(w, "c2"), 0);
	assert_string_equal(field(w, "license_no"), "B");
}

/* Two runs through the state file continue one rotation. */
static void
rotation_continues_across_runs(void **state)
{
	struct world *w = *state;
	char path[] = "/tmp/test_schedule_assign.XXXXXX";
	struct la_error err;
	int fd = mkstemp(path);

	assert_true(fd >= 0);
	close(fd);
	unlink(path);
	fixture_member(&w->pool, "A", NULL);
	fixture_member(&w->pool, "B", NULL);
	fixture_member(&w->pool, "C", NULL);
	la_error_clear(&err);
	assert_int_equal(la_rotation_load(&w->rot, path, &err), 0);
	start(w);
	assert_int_equal(civil(w, "c1"), 0);
	assert_int_equal(civil(w, "c2"), 0);
	assert_string_equal(field(w, "license_no"), "B");
	assert_int_equal(la_rotation_save(&w->rot, path, &err), 0);

	la_rotation_free(&w->rot);
	assert_int_equal(la_rotation_load(&w->rot, path, &err), 0);
	assert_string_equal(w->rot.last, "B");
	assert_int_equal(w->rot.n, 2);
	assert_true(w->rot.cases[0].open);
	assert_int_equal(w->rot.cases[0].assigned_at, w->now);
	start(w);
	assert_int_equal(civil(w, "c3"), 0);
	assert_string_equal(field(w, "license_no"), "C");
	unlink(path);
}

/* Quotes, backslashes and control characters survive the state file. */
static void
state_file_escapes_text(void **state)
{
	struct world *w = *state;
	char path[] = "/tmp/test_schedule_assign.XXXXXX";
	struct la_error err;
	int fd = mkstemp(path);

	assert_true(fd >= 0);
	close(fd);
	la_error_clear(&err);
	assert_true(la_rotation_add(&w->rot, "2024\"民援\\1", "A",
	    "王\t芳\n", w->now) == 0);
	w->rot.cases[0].open = 0;
	w->rot.cases[0].closed_at = w->now + 3600;
	assert_int_equal(la_rotation_save(&w->rot, path, &err), 0);
	la_rotation_free(&w->rot);
	assert_int_equal(la_rotation_load(&w->rot, path, &err), 0);
	assert_int_equal(w->rot.n, 1);
	assert_null(w->rot.last);
	assert_string_equal(w->rot.cases[0].case_id, "2024\"民援\\1");
	assert_string_equal(w->rot.cases[0].name, "王\t芳\n");
	assert_false(w->rot.cases[0].open);
	assert_int_equal(w->rot.cases[0].closed_at, w->now + 3600);
	assert_int_equal(la_rotation_find(&w->rot, "2024\"民援\\1"), 0);
	unlink(path);
}

static void
state_file_rejects_garbage(void **state)
{
	struct world *w = *state;
	char path[] = "/tmp/test_schedule_assign.XXXXXX";
	struct la_error err;
	int fd = mkstemp(path);

	assert_true(write(fd, "{\"format\": \"other\"}", 19) == 19);
	close(fd);
	la_error_clear(&err);
	assert_int_equal(la_rotation_load(&w->rot, path, &err), -1);
	assert_int_equal(err.code, LA_ERR_STATE);
	assert_string_equal(err.field, "format");
	unlink(path);
}

static void
closed_cases_free_capacity(void **state)
{
	struct world *w = *state;
	long k;

	w->rules.max_open_cases = 1;
	fixture_member(&w->pool, "A", NULL);
	k = la_rotation_add(&w->rot, "old", "A", "A", w->now);
	start(w);
	assert_int_equal(civil(w, "c1"), 1);
	w->rot.cases[k].open = 0;
	start(w);
	assert_int_equal(civil(w, "c2"), 0);
	assert_string_equal(field(w, "license_no"), "A");
}

/* --- Properties on random case streams. --- */

static uint64_t rng_state;

static unsigned
rnd(unsigned n)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return (unsigned)(rng_state % n);
}

struct checker {
	int load[32];
	const char *last;
};

/* The checker's own eligibility test, written apart from the library. */
static int
eligible(const struct world *w, const struct checker *ck, size_t m,
    unsigned need, const char *conflict, int serious, la_day day)
{
	const struct la_member *mb = &w->pool.members[m];

	if (mb->status == LA_MEMBER_REMOVED ||
	    (mb->status == LA_MEMBER_SUSPENDED && mb->suspended_until >= day))
		return 0;
	if ((need & LA_SVC_CRIMINAL) && mb->category == LA_CAT_LEGAL_WORKER)
		return 0;
	if ((mb->services & need) != need)
		return 0;
	if (conflict != NULL && (strcmp(conflict, mb->license_no) == 0 ||
	    strcmp(conflict, mb->unit) == 0))
		return 0;
	if (serious && mb->criminal_years < 3)
		return 0;
	return ck->load[m] < w->rules.max_open_cases;
}

/* The member the rules pick: fewest open cases, then next in turn. */
static long
expected_member(const struct world *w, const struct checker *ck,
    unsigned need, const char *conflict, int serious, la_day day)
{
	long best = -1;
	size_t n = w->pool.n, first = 0;

	while (ck->last != NULL && first < n &&
	    strcmp(w->pool.members[first].license_no, ck->last) <= 0)
		first++;
	for (size_t k = 0; k < n; k++) {
		size_t m = (first + k) % n;

		if (eligible(w, ck, m, need, conflict, serious, day) &&
		    (best < 0 || ck->load[m] < ck->load[best]))
			best = (long)m;
	}
	return best;
}

static void
random_pool(struct world *w)
{
	unsigned n = 1 + rnd(12);

	for (unsigned i = 0; i < n; i++) {
		char license[16], unit[16];
		struct la_member *m;

		snprintf(license, sizeof(license), "L%02u", i);
		snprintf(unit, sizeof(unit), "U%u", rnd(4));
		m = fixture_member(&w->pool, license, unit);
		m->services = 1u + rnd(LA_SVC_ALL);
		m->criminal_years = rnd(6);
		if (rnd(3) == 0)
			m->category = LA_CAT_LEGAL_WORKER;
		if (rnd(8) == 0) {
			m->status = LA_MEMBER_SUSPENDED;
			m->suspended_until = day_of(2024, 3, 1) + rnd(10);
		}
		if (rnd(15) == 0)
			m->status = LA_MEMBER_REMOVED;
	}
}

static void
random_case(struct world *w, struct checker *ck, int i)
{
	static const char *types[] = { "criminal", "civil", "administrative",
	    "labor_arbitration", "non_litigation" };
	static const unsigned needs[] = { LA_SVC_CRIMINAL, LA_SVC_CIVIL,
	    LA_SVC_ADMINISTRATIVE, LA_SVC_LABOR_ARBITRATION, 0 };
	unsigned t = rnd(5);
	char id[16], conflict[16] = "";
	int serious = t == 0 && rnd(4) == 0, rc;
	la_day day = la_tz_day(&w->rules.tz, w->now);
	long want;

	snprintf(id, sizeof(id), "case%d", i);
	if (rnd(3) == 0)
		snprintf(conflict, sizeof(conflict), rnd(2) ? "L%02u" : "U%u",
		    rnd(12));
	want = expected_member(w, ck, needs[t], conflict[0] ? conflict : NULL,
	    serious, day);
	rc = assign(w, "case_id", id, "case_type", types[t], "received_at",
	    "2024-03-01 08:00", "conflicts", conflict, "serious",
	    serious ? "是" : "否", NULL);
	if (want < 0) {
		assert_int_equal(rc, 1);
		assert_string_equal(field(w, "license_no"), "");
		return;
	}
	assert_int_equal(rc, 0);
	assert_string_equal(field(w, "license_no"),
	    w->pool.members[want].license_no);
	ck->load[want]++;
	ck->last = w->pool.members[want].license_no;
}

static void
random_streams(void **state)
{
	struct world *w = *state;

	rng_state = 0x853c49e6748fea9bULL;
	for (int round = 0; round < 300; round++) {
		struct checker ck;

		memset(&ck, 0, sizeof(ck));
		la_assigner_free(w->assigner);
		w->assigner = NULL;
		la_rotation_free(&w->rot);
		la_pool_free(&w->pool);
		w->rules.max_open_cases = 1 + (int)rnd(4);
		w->now = la_tz_to_time(&w->rules.tz, la_date_from_day(
		    day_of(2024, 3, 1) + rnd(12)), 9, 0, 0);
		random_pool(w);
		start(w);
		for (int i = 0; i < 40; i++)
			random_case(w, &ck, i);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(rotation_in_licence_order,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(fewest_open_cases_first, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(criminal_never_to_legal_worker,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(suspended_member_skipped, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(absent_member_skipped, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(conflicts_by_licence_and_unit,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(serious_case_needs_three_years,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(cap_on_open_cases, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(due_dates_over_spring_festival,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(due_dates_over_national_day,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(malformed_case_reported, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(same_case_keeps_member, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(rotation_continues_across_runs,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(state_file_escapes_text,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(state_file_rejects_garbage,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(closed_cases_free_capacity,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(random_streams, setup,
		    teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
