/* SPDX-License-Identifier: MIT */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "schedule_duty.h"
#include "schedule_fixture.h"

/* A pool and rules that each test fills, freed by teardown. */
struct world {
	struct la_pool pool;
	struct la_rules rules;
	struct la_duty *duty;
};

static int
setup(void **state)
{
	struct world *w = calloc(1, sizeof(*w));

	la_pool_init(&w->pool);
	fixture_rules(&w->rules);
	*state = w;
	return 0;
}

static int
teardown(void **state)
{
	struct world *w = *state;

	la_duty_free(w->duty);
	la_pool_free(&w->pool);
	fixture_rules_free(&w->rules);
	free(w);
	return 0;
}

static const struct la_duty_row *
plan(struct world *w, la_day from, la_day to, size_t *n)
{
	struct la_error err;

	la_error_clear(&err);
	if (w->duty == NULL)
		w->duty = la_duty_new(&w->pool, &w->rules, from, to, &err);
	assert_non_null(w->duty);
	assert_int_equal(la_duty_plan(w->duty, &err), 0);
	return la_duty_rows(w->duty, n);
}

static const char *
holder(const struct world *w, const struct la_duty_row *row)
{
	return row->member >= 0 ? w->pool.members[row->member].license_no :
	    "-";
}

/* 2024-02: the Spring Festival holiday is 10-17 February, and the
 * Sundays 4 and 18 February are worked in its place. */
static void
spring_festival_2024(void **state)
{
	struct world *w = *state;
	static const int want[] = { 1, 2, 4, 5, 6, 7, 8, 9, 18, 19, 20, 21,
	    22, 23, 26, 27, 28, 29 };
	const struct la_duty_row *rows;
	size_t n;

	fixture_post(&w->rules, "window", 1, 0, 0);
	fixture_member(&w->pool, "A", NULL);
	rows = plan(w, day_of(2024, 2, 1), day_of(2024, 2, 29), &n);
	assert_int_equal(n, FIXTURE_N(want));
	for (size_t i = 0; i < n; i++)
		assert_int_equal(rows[i].day, day_of(2024, 2, want[i]));
}

static void
post_weekdays_on_worked_sunday(void **state)
{
	struct world *w = *state;
	la_day sun4 = day_of(2024, 2, 4), sun18 = day_of(2024, 2, 18);
	la_day sun25 = day_of(2024, 2, 25), mon5 = day_of(2024, 2, 5);
	int mon_wed, sunday;

	mon_wed = fixture_post(&w->rules, "monday and wednesday", 1, 0, 0);
	w->rules.posts[mon_wed].weekdays = 1u << 1 | 1u << 3;
	sunday = fixture_post(&w->rules, "sundays", 1, 0, 0);
	w->rules.posts[sunday].weekdays = 1u << 7;
	assert_false(la_duty_post_runs(&w->rules, mon_wed, sun4));
	assert_true(la_duty_post_runs(&w->rules, mon_wed, mon5));
	assert_true(la_duty_post_runs(&w->rules, sunday, sun4));
	assert_true(la_duty_post_runs(&w->rules, sunday, sun18));
	/* An ordinary Sunday is no working day. */
	assert_false(la_duty_post_runs(&w->rules, sunday, sun25));
	/* Friday 16 February lies in the holiday. */
	assert_false(la_duty_post_runs(&w->rules, mon_wed,
	    day_of(2024, 2, 14)));
}

static void
rotation_order_by_licence(void **state)
{
	struct world *w = *state;
	static const char *want[] = { "A", "B", "C", "A", "B" };
	const struct la_duty_row *rows;
	size_t n;

	fixture_post(&w->rules, "window", 1, 0, 0);
	fixture_member(&w->pool, "A", NULL);
	fixture_member(&w->pool, "B", NULL);
	fixture_member(&w->pool, "C", NULL);
	/* Monday 4 to Friday 8 March 2024. */
	rows = plan(w, day_of(2024, 3, 4), day_of(2024, 3, 8), &n);
	assert_int_equal(n, 5);
	for (size_t i = 0; i < n; i++)
		assert_string_equal(holder(w, &rows[i]), want[i]);
}

/* A served in February, so B and C go first in March, then A again. */
static void
history_carries_over(void **state)
{
	struct world *w = *state;
	static const char *want[] = { "B", "C", "A", "B", "C" };
	const struct la_duty_row *rows;
	struct la_error err;
	size_t n;

	fixture_post(&w->rules, "window", 1, 0, 0);
	fixture_member(&w->pool, "A", NULL);
	fixture_member(&w->pool, "B", NULL);
	fixture_member(&w->pool, "C", NULL);
	la_error_clear(&err);
	w->duty = la_duty_new(&w->pool, &w->rules, day_of(2024, 3, 4),
	    day_of(2024, 3, 8), &err);
	assert_int_equal(la_duty_history(w->duty, day_of(2024, 2, 29), 0, 0,
	    0), 0);
	/* A row of the period itself is no history. */
	assert_int_equal(la_duty_history(w->duty, day_of(2024, 3, 4), 0, 1,
	    0), 1);
	rows = plan(w, 0, 0, &n);
	for (size_t i = 0; i < n; i++)
		assert_string_equal(holder(w, &rows[i]), want[i]);
	assert_int_equal(la_duty_count(w->duty, 0, 0), 1);
	assert_int_equal(la_duty_history_count(w->duty, 0, 0), 1);
}

/*
 * Two seats a day, units X (A1, A2) and Y (B1, B2): by licence alone the
 * first day would seat A1 and A2; the unit rule seats A1 and B1.
 */
static void
unit_spread_over_seats(void **state)
{
	struct world *w = *state;
	static const char *want[] = { "A1", "B1", "A2", "B2", "A1", "B1" };
	const struct la_duty_row *rows;
	size_t n;

	fixture_post(&w->rules, "detention centre", 2, 0, 0);
	fixture_member(&w->pool, "A1", "X");
	fixture_member(&w->pool, "A2", "X");
	fixture_member(&w->pool, "B1", "Y");
	fixture_member(&w->pool, "B2", "Y");
	rows = plan(w, day_of(2024, 3, 4), day_of(2024, 3, 6), &n);
	assert_int_equal(n, 6);
	for (size_t i = 0; i < n; i++)
		assert_string_equal(holder(w, &rows[i]), want[i]);
}

/*
 * The detention centre needs criminal work: only A offers it, so A sits
 * there every day and B takes the window, though both posts run daily.
 */
static void
qualification_per_post(void **state)
{
	struct world *w = *state;
	const struct la_duty_row *rows;
	size_t n;

	fixture_post(&w->rules, "window", 1, 0, 0);
	fixture_post(&w->rules, "detention centre", 1, LA_SVC_CRIMINAL, 0);
	fixture_member(&w->pool, "A", NULL);
	fixture_member(&w->pool, "B", NULL)->services = LA_SVC_CIVIL;
	fixture_member(&w->pool, "C", NULL)->duty = 0;
	rows = plan(w, day_of(2024, 3, 4), day_of(2024, 3, 5), &n);
	assert_int_equal(n, 4);
	assert_string_equal(holder(w, &rows[0]), "B");
	assert_string_equal(holder(w, &rows[1]), "A");
	assert_string_equal(holder(w, &rows[2]), "B");
	assert_string_equal(holder(w, &rows[3]), "A");
	assert_int_equal(la_duty_unfilled(w->duty), 0);
}

/*
 * Both posts have one seat and two qualified members, so P, first in the
 * rules, is filled first. A qualifies for both, B for P only, C for Q only
 * and C is away. P gets A by licence order, which leaves Q empty; the
 * augmenting path moves A to Q and gives P to B.
 */
static void
augmenting_path_fills_day(void **state)
{
	struct world *w = *state;
	const struct la_duty_row *rows;
	struct la_error err;
	size_t n;

	fixture_post(&w->rules, "P", 1, LA_SVC_CRIMINAL, 0);
	fixture_post(&w->rules, "Q", 1, LA_SVC_CIVIL, 0);
	fixture_member(&w->pool, "A", NULL);
	fixture_member(&w->pool, "B", NULL)->services = LA_SVC_CRIMINAL;
	fixture_member(&w->pool, "C", NULL)->services = LA_SVC_CIVIL;
	la_error_clear(&err);
	w->duty = la_duty_new(&w->pool, &w->rules, day_of(2024, 3, 4),
	    day_of(2024, 3, 4), &err);
	la_duty_unavailable(w->duty, 2, day_of(2024, 3, 4),
	    day_of(2024, 3, 4), NULL, &err);
	rows = plan(w, 0, 0, &n);
	assert_int_equal(n, 2);
	assert_string_equal(holder(w, &rows[0]), "B");
	assert_string_equal(holder(w, &rows[1]), "A");
	assert_int_equal(la_duty_unfilled(w->duty), 0);
}

static void
suspension_ends(void **state)
{
	struct world *w = *state;
	const struct la_duty_row *rows;
	struct la_member *b;
	size_t n;

	fixture_post(&w->rules, "window", 1, 0, 0);
	fixture_member(&w->pool, "A", NULL);
	b = fixture_member(&w->pool, "B", NULL);
	b->status = LA_MEMBER_SUSPENDED;
	b->suspended_until = day_of(2024, 3, 5);
	/*
	 * B is back on Wednesday 6 March. The fill gives B Wednesday and
	 * Thursday to catch up, and Friday to A, who served longest ago
	 * (A, A, B, B, A). B's two duties are one day apart; trading
	 * Thursday and Friday puts them two days apart and A's last duty two
	 * days after its second: A, A, B, A, B.
	 */
	rows = plan(w, day_of(2024, 3, 4), day_of(2024, 3, 8), &n);
	assert_string_equal(holder(w, &rows[0]), "A");
	assert_string_equal(holder(w, &rows[1]), "A");
	assert_string_equal(holder(w, &rows[2]), "B");
	assert_string_equal(holder(w, &rows[3]), "A");
	assert_string_equal(holder(w, &rows[4]), "B");
}

static void
unfilled_seat_has_reason(void **state)
{
	struct world *w = *state;
	const struct la_duty_row *rows;
	struct la_error err;
	size_t n;

	fixture_post(&w->rules, "window", 2, 0, 0);
	fixture_post(&w->rules, "detention centre", 1, LA_SVC_CRIMINAL, 0);
	fixture_member(&w->pool, "A", NULL)->services = LA_SVC_CIVIL;
	fixture_member(&w->pool, "B", NULL)->services = LA_SVC_CIVIL;
	la_error_clear(&err);
	w->duty = la_duty_new(&w->pool, &w->rules, day_of(2024, 3, 4),
	    day_of(2024, 3, 4), &err);
	assert_int_equal(la_duty_unavailable(w->duty, 1, day_of(2024, 3, 1),
	    day_of(2024, 3, 4), "leave", &err), 0);
	rows = plan(w, 0, 0, &n);
	assert_int_equal(n, 3);
	assert_string_equal(holder(w, &rows[0]), "A");
	assert_int_equal(rows[1].member, -1);
	assert_string_equal(rows[1].reason,
	    "all 2 qualified members are taken: 1 unavailable, "
	    "1 already on duty that day");
	assert_int_equal(rows[2].member, -1);
	assert_string_equal(rows[2].reason,
	    "no member qualifies: the post needs criminal and agreement to "
	    "duty");
	assert_int_equal(la_duty_unfilled(w->duty), 2);
}

/*
 * B is away for the second week, so the fill gives it nothing then; the
 * balance step must give B its share in the first week.
 */
static void
absence_balanced_ahead(void **state)
{
	struct world *w = *state;
	struct la_error err;
	size_t n;
	int a, b;

	fixture_post(&w->rules, "window", 1, 0, 0);
	fixture_member(&w->pool, "A", NULL);
	fixture_member(&w->pool, "B", NULL);
	la_error_clear(&err);
	w->duty = la_duty_new(&w->pool, &w->rules, day_of(2024, 3, 4),
	    day_of(2024, 3, 15), &err);
	la_duty_unavailable(w->duty, 1, day_of(2024, 3, 11),
	    day_of(2024, 3, 15), NULL, &err);
	plan(w, 0, 0, &n);
	a = la_duty_count(w->duty, 0, 0);
	b = la_duty_count(w->duty, 1, 0);
	/* 10 days; B can serve only in the first 5: B 5, A 5. */
	assert_int_equal(n, 10);
	assert_int_equal(a, 5);
	assert_int_equal(b, 5);
}

static void
alternates_named(void **state)
{
	struct world *w = *state;
	const struct la_duty_row *rows;
	size_t n;

	fixture_post(&w->rules, "window", 1, 0, 1);
	fixture_member(&w->pool, "A", "X");
	fixture_member(&w->pool, "B", "X");
	fixture_member(&w->pool, "C", "Y");
	rows = plan(w, day_of(2024, 3, 4), day_of(2024, 3, 4), &n);
	assert_int_equal(n, 1);
	assert_string_equal(holder(w, &rows[0]), "A");
	/* B and C have no alternate places; C is of another unit. */
	assert_int_equal(rows[0].alternate, 2);
}

static void
keep_rows_before_date(void **state)
{
	struct world *w = *state;
	const struct la_duty_row *rows;
	struct la_duty_row saved[10], keep;
	struct la_error err;
	size_t n;

	fixture_post(&w->rules, "window", 1, 0, 0);
	fixture_member(&w->pool, "A", NULL);
	fixture_member(&w->pool, "B", NULL);
	fixture_member(&w->pool, "C", NULL);
	rows = plan(w, day_of(2024, 3, 4), day_of(2024, 3, 15), &n);
	assert_int_equal(n, 10);
	memcpy(saved, rows, sizeof(saved));
	la_duty_free(w->duty);
	w->duty = NULL;

	/* B is suspended from 11 March; the first week stays. */
	w->pool.members[1].status = LA_MEMBER_SUSPENDED;
	la_error_clear(&err);
	w->duty = la_duty_new(&w->pool, &w->rules, day_of(2024, 3, 4),
	    day_of(2024, 3, 15), &err);
	for (size_t i = 0; i < 10; i++) {
		keep = saved[i];
		keep.license_no = w->pool.members[keep.member].license_no;
		keep.name = keep.license_no;
		assert_int_equal(la_duty_keep(w->duty, &keep, &err), 0);
	}
	la_duty_keep_before(w->duty, day_of(2024, 3, 11));
	rows = plan(w, 0, 0, &n);
	assert_int_equal(n, 10);
	for (size_t i = 0; i < 5; i++) {
		assert_true(rows[i].kept);
		assert_int_equal(rows[i].member, saved[i].member);
	}
	for (size_t i = 5; i < 10; i++) {
		assert_false(rows[i].kept);
		assert_int_not_equal(rows[i].member, 1);
	}
}

/* Writes the rota with fn into a string; the caller frees it. */
static char *
capture(struct world *w, int ics)
{
	struct la_error err;
	char *text = NULL;
	size_t size = 0;
	FILE *fp = open_memstream(&text, &size);

	la_error_clear(&err);
	if (ics)
		assert_int_equal(la_duty_write_ics(w->duty, fp, 0, NULL, &err),
		    0);
	else
		assert_int_equal(la_duty_write_grid(w->duty, fp, 0, NULL, &err),
		    0);
	fclose(fp);
	return text;
}

/*
 * A name with TEXT's special characters is escaped (RFC 5545, 3.3.11),
 * and a line over 75 octets is folded before a whole UTF-8 character.
 */
static void
ics_escapes_and_folds(void **state)
{
	struct world *w = *state;
	char *text;

	fixture_post(&w->rules, "window", 1, 0, 0);
	free(fixture_member(&w->pool, "A", "律师事务所律师事务所律师事务所")->name);
	w->pool.members[0].name = strdup("王,芳;\\x");
	plan(w, day_of(2024, 3, 4), day_of(2024, 3, 4), &(size_t){ 0 });
	text = capture(w, 1);
	assert_non_null(strstr(text, "\r\nSUMMARY:window 王\\,芳\\;\\\\x\r\n"));
	assert_non_null(strstr(text, "\r\nDTSTAMP:19700101T000000Z\r\n"));
	/* 12 + 11 + 2 + 15 bytes, then 11 characters of 3 bytes: the 12th
	 * would end at octet 76, so the line breaks after 73 octets. */
	assert_non_null(strstr(text, "DESCRIPTION:seat 1 of 1\\npractice "
	    "unit: 律师事务所律师事务所律\r\n 师事务所\\nlicence: A\r\n"));
	free(text);
}

static void
grid_escapes_markdown(void **state)
{
	struct world *w = *state;
	char *text;

	fixture_post(&w->rules, "a|b", 1, 0, 0);
	fixture_member(&w->pool, "A", NULL);
	plan(w, day_of(2024, 3, 4), day_of(2024, 3, 4), &(size_t){ 0 });
	text = capture(w, 0);
	/* Monday 4 March is the first cell of the second week. */
	assert_non_null(strstr(text, "\n| **4**<br>a\\|b：A |"));
	free(text);
}

static void
period_outside_calendar(void **state)
{
	struct world *w = *state;
	struct la_error err;

	la_error_clear(&err);
	assert_null(la_duty_new(&w->pool, &w->rules, day_of(2024, 3, 4),
	    day_of(2024, 3, 4), &err));
	assert_string_equal(err.text,
	    "the rules define no duty posts: list them in duty.posts");
	fixture_post(&w->rules, "window", 1, 0, 0);
	la_error_clear(&err);
	assert_null(la_duty_new(&w->pool, &w->rules, day_of(2024, 12, 30),
	    day_of(2025, 1, 2), &err));
	assert_string_equal(err.text, "2025-01-01 is outside the rules' "
	    "holiday calendar: add that year's holidays and worked days to "
	    "the rules");
	la_error_clear(&err);
	assert_null(la_duty_new(&w->pool, &w->rules, day_of(2024, 3, 2),
	    day_of(2024, 3, 1), &err));
}

/* --- Properties on random instances. --- */

static uint64_t rng_state;

static unsigned
rnd(unsigned n)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return (unsigned)(rng_state % n);
}

struct absence {
	long member;
	la_day from;
	la_day to;
};

struct past {
	la_day day;
	int post;
	long member;
	int alternate;
};

struct instance {
	la_day from;
	la_day to;
	struct absence absences[40];
	size_t nabsences;
	struct past history[60];
	size_t nhistory;
	int clean;		/* no absences, no history, all active */
};

static void
add_inputs(struct la_duty *d, const struct instance *in)
{
	struct la_error err;

	la_error_clear(&err);
	for (size_t i = 0; i < in->nabsences; i++)
		assert_int_equal(la_duty_unavailable(d, in->absences[i].member,
		    in->absences[i].from, in->absences[i].to, "leave", &err),
		    0);
	for (size_t i = 0; i < in->nhistory; i++)
		assert_int_equal(la_duty_history(d, in->history[i].day,
		    in->history[i].post, in->history[i].member,
		    in->history[i].alternate), 0);
}

static void
random_members(struct world *w, struct instance *in)
{
	unsigned n = 2 + rnd(24), nunits = 1 + rnd(6);

	for (unsigned i = 0; i < n; i++) {
		char license[16], unit[16];
		struct la_member *m;

		snprintf(license, sizeof(license), "L%03u", i);
		snprintf(unit, sizeof(unit), "U%u", rnd(nunits));
		m = fixture_member(&w->pool, license,
		    rnd(5) == 0 ? NULL : unit);
		if (rnd(3) == 0)
			m->services = rnd(2) ? LA_SVC_CIVIL : LA_SVC_CRIMINAL;
		if (in->clean)
			continue;
		if (rnd(8) == 0)
			m->duty = 0;
		if (rnd(10) == 0) {
			m->status = LA_MEMBER_SUSPENDED;
			m->suspended_until = in->from + rnd(40);
		}
		if (rnd(25) == 0)
			m->status = LA_MEMBER_REMOVED;
		if (rnd(12) == 0)
			m->term_end = in->from + rnd(60);
	}
}

static void
random_posts(struct world *w)
{
	unsigned n = 1 + rnd(4);

	for (unsigned i = 0; i < n; i++) {
		char name[16];
		int p;

		snprintf(name, sizeof(name), "P%u", i);
		p = fixture_post(&w->rules, name, 1 + (int)rnd(3),
		    (unsigned[]){ 0, LA_SVC_CRIMINAL, LA_SVC_CIVIL }[rnd(3)],
		    (int)rnd(2));
		if (rnd(4) == 0)
			w->rules.posts[p].weekdays = 1u << (1 + rnd(7)) |
			    1u << (1 + rnd(5));
	}
}

static void
random_instance(struct world *w, struct instance *in, int clean)
{
	struct la_error err;

	memset(in, 0, sizeof(*in));
	in->clean = clean;
	in->from = day_of(2024, 1, 1) + rnd(250);
	in->to = in->from + 5 + rnd(110);
	random_members(w, in);
	random_posts(w);
	la_error_clear(&err);
	w->duty = la_duty_new(&w->pool, &w->rules, in->from, in->to, &err);
	assert_non_null(w->duty);
	if (clean)
		return;
	in->nabsences = rnd(FIXTURE_N(in->absences));
	for (size_t i = 0; i < in->nabsences; i++) {
		struct absence *a = &in->absences[i];

		a->member = (long)rnd((unsigned)w->pool.n);
		a->from = in->from + rnd(120) - 10;
		a->to = a->from + rnd(30);
	}
	in->nhistory = rnd(FIXTURE_N(in->history));
	for (size_t i = 0; i < in->nhistory; i++) {
		struct past *h = &in->history[i];

		h->day = in->from - 1 - rnd(300);
		h->post = (int)rnd((unsigned)w->rules.nposts);
		h->member = (long)rnd((unsigned)w->pool.n);
		h->alternate = rnd(4) == 0;
	}
	add_inputs(w->duty, in);
}

/* The checker's own view of the rules, written apart from the planner. */
static int
qualifies(const struct world *w, long m, int post)
{
	const struct la_member *mb = &w->pool.members[m];
	unsigned need = w->rules.posts[post].requires;

	return mb->duty && (mb->services & need) == need &&
	    mb->status != LA_MEMBER_REMOVED;
}

static int
can_serve(const struct world *w, const struct instance *in, long m,
    int post, la_day day)
{
	const struct la_member *mb = &w->pool.members[m];

	if (!qualifies(w, m, post))
		return 0;
	if (mb->status == LA_MEMBER_SUSPENDED && mb->suspended_until >= day)
		return 0;
	if (mb->term_end != LA_SCHED_NO_DAY && day > mb->term_end)
		return 0;
	for (size_t i = 0; i < in->nabsences; i++)
		if (in->absences[i].member == m &&
		    in->absences[i].from <= day && day <= in->absences[i].to)
			return 0;
	return 1;
}

static int
has_seat(const struct la_duty_row *rows, size_t n, la_day day, long m)
{
	for (size_t i = 0; i < n; i++)
		if (rows[i].day == day && rows[i].member == m)
			return 1;
	return 0;
}

static int
runs(const struct world *w, int p, la_day day)
{
	unsigned wd = (unsigned)la_weekday(day);
	unsigned mask = w->rules.posts[p].weekdays;
	int working = la_is_working_day(&w->rules.calendar, day);

	return working && ((mask & (1u << wd)) ||
	    (wd >= 6 && (mask & 0x3e) == 0x3e));
}

/* Every seat of every running post and day, once, in order. */
static void
check_seats(const struct world *w, const struct instance *in,
    const struct la_duty_row *rows, size_t n)
{
	size_t i = 0;

	for (la_day day = in->from; day <= in->to; day++)
		for (int p = 0; p < w->rules.nposts; p++) {
			if (!runs(w, p, day))
				continue;
			for (int s = 1; s <= w->rules.posts[p].seats; s++) {
				assert_true(i < n);
				assert_int_equal(rows[i].day, day);
				assert_int_equal(rows[i].post, p);
				assert_int_equal(rows[i].seat, s);
				i++;
			}
		}
	assert_int_equal(i, n);
}

static void
check_hard(const struct world *w, const struct instance *in,
    const struct la_duty_row *rows, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const struct la_duty_row *r = &rows[i];

		if (r->member >= 0)
			assert_true(can_serve(w, in, r->member, r->post,
			    r->day));
		if (r->alternate >= 0) {
			assert_true(w->rules.posts[r->post].alternates);
			assert_true(can_serve(w, in, r->alternate, r->post,
			    r->day));
		}
		for (size_t k = i + 1; k < n && rows[k].day == r->day; k++) {
			const struct la_duty_row *o = &rows[k];

			/* Nobody twice a day, in a seat or as alternate. */
			if (r->member >= 0)
				assert_true(r->member != o->member &&
				    r->member != o->alternate);
			if (r->alternate >= 0)
				assert_true(r->alternate != o->member &&
				    r->alternate != o->alternate);
		}
		if (r->alternate >= 0)
			assert_int_not_equal(r->alternate, r->member);
	}
}

/* Kuhn's augmenting path for row r; owner[m] is the row m holds. */
static int
match_row(const struct world *w, const struct instance *in,
    const struct la_duty_row *rows, size_t r, long *owner,
    unsigned char *seen)
{
	for (long m = 0; m < (long)w->pool.n; m++) {
		if (seen[m] || !can_serve(w, in, m, rows[r].post, rows[r].day))
			continue;
		seen[m] = 1;
		if (owner[m] < 0 || match_row(w, in, rows, (size_t)owner[m],
		    owner, seen)) {
			owner[m] = (long)r;
			return 1;
		}
	}
	return 0;
}

/* The maximum number of seats of rows [first, end), one day, filled. */
static size_t
max_filled(const struct world *w, const struct instance *in,
    const struct la_duty_row *rows, size_t first, size_t end)
{
	long owner[64];
	unsigned char seen[64];
	size_t filled = 0;

	for (size_t m = 0; m < w->pool.n; m++)
		owner[m] = -1;
	for (size_t r = first; r < end; r++) {
		memset(seen, 0, sizeof(seen));
		filled += (size_t)match_row(w, in, rows, r, owner, seen);
	}
	return filled;
}

/*
 * An empty seat had nobody free who could take it, and each day fills as
 * many seats as a maximum matching of members to seats.
 */
static void
check_unfilled(const struct world *w, const struct instance *in,
    const struct la_duty_row *rows, size_t n)
{
	size_t first = 0;

	for (size_t i = 0; i < n; i++) {
		if (rows[i].member >= 0)
			continue;
		assert_non_null(rows[i].reason);
		for (long m = 0; m < (long)w->pool.n; m++)
			assert_false(can_serve(w, in, m, rows[i].post,
			    rows[i].day) && !has_seat(rows, n, rows[i].day, m));
	}
	while (first < n) {
		size_t end = first, filled = 0;

		while (end < n && rows[end].day == rows[first].day)
			filled += rows[end++].member >= 0;
		assert_int_equal(filled, max_filled(w, in, rows, first, end));
		first = end;
	}
}

/*
 * Duty counts at a post, history included, differ by two or more only
 * where no single duty can move: the member with fewer could not serve or
 * held a seat on each day that the other served there.
 */
static void
check_fair(const struct world *w, const struct instance *in,
    const struct la_duty_row *rows, size_t n)
{
	for (int p = 0; p < w->rules.nposts; p++)
		for (long a = 0; a < (long)w->pool.n; a++)
			for (long b = 0; b < (long)w->pool.n; b++) {
				int ca = la_duty_count(w->duty, a, p) +
				    la_duty_history_count(w->duty, a, p);
				int cb = la_duty_count(w->duty, b, p) +
				    la_duty_history_count(w->duty, b, p);

				if (ca < cb + 2 || !qualifies(w, b, p))
					continue;
				for (size_t i = 0; i < n; i++)
					if (rows[i].post == p &&
					    rows[i].member == a)
						assert_false(can_serve(w, in,
						    b, p, rows[i].day) &&
						    !has_seat(rows, n,
						    rows[i].day, b));
			}
	if (!in->clean)
		return;
	for (int p = 0; p < w->rules.nposts; p++) {
		int lo = 1 << 30, hi = -1;

		for (long m = 0; m < (long)w->pool.n; m++) {
			int c = la_duty_count(w->duty, m, p);

			if (!qualifies(w, m, p))
				continue;
			lo = c < lo ? c : lo;
			hi = c > hi ? c : hi;
		}
		if (w->rules.nposts == 1)
			assert_true(hi - lo <= 1);
	}
}

static int
unit_of(const struct world *w, long m)
{
	return m < 0 ? -1 : w->pool.members[m].unit_id;
}

static int
unit_at(const struct world *w, const struct la_duty_row *rows, size_t n,
    size_t skip, int unit)
{
	if (unit < 0)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (i != skip && rows[i].day == rows[skip].day &&
		    rows[i].post == rows[skip].post &&
		    unit_of(w, rows[i].member) == unit)
			return 1;
	return 0;
}

/*
 * Two members of one unit share a post on a day only where no trade of
 * days with another member of the post would part them.
 */
static void
check_units(const struct world *w, const struct instance *in,
    const struct la_duty_row *rows, size_t n)
{
	for (size_t r = 0; r < n; r++) {
		long y = rows[r].member;

		if (y < 0 || !unit_at(w, rows, n, r, unit_of(w, y)))
			continue;
		for (size_t s = 0; s < n; s++) {
			long z = rows[s].member;

			if (z < 0 || rows[s].post != rows[r].post ||
			    rows[s].day == rows[r].day)
				continue;
			assert_false(!has_seat(rows, n, rows[r].day, z) &&
			    !has_seat(rows, n, rows[s].day, y) &&
			    !unit_at(w, rows, n, r, unit_of(w, z)) &&
			    !unit_at(w, rows, n, s, unit_of(w, y)) &&
			    can_serve(w, in, z, rows[r].post, rows[r].day) &&
			    can_serve(w, in, y, rows[s].post, rows[s].day));
		}
	}
}

static void
same_rota_twice(struct world *w, const struct instance *in,
    const struct la_duty_row *rows, size_t n)
{
	struct la_duty *again;
	const struct la_duty_row *other;
	struct la_error err;
	size_t m;

	la_error_clear(&err);
	again = la_duty_new(&w->pool, &w->rules, in->from, in->to, &err);
	add_inputs(again, in);
	assert_int_equal(la_duty_plan(again, &err), 0);
	other = la_duty_rows(again, &m);
	assert_int_equal(m, n);
	for (size_t i = 0; i < n; i++) {
		assert_int_equal(other[i].member, rows[i].member);
		assert_int_equal(other[i].alternate, rows[i].alternate);
	}
	la_duty_free(again);
}

static void
reset(struct world *w)
{
	la_duty_free(w->duty);
	w->duty = NULL;
	la_pool_free(&w->pool);
	fixture_rules_free(&w->rules);
	fixture_rules(&w->rules);
}

static void
random_properties(void **state)
{
	struct world *w = *state;
	struct instance in;

	rng_state = 0x9e3779b97f4a7c15ULL;
	for (int round = 0; round < 400; round++) {
		const struct la_duty_row *rows;
		size_t n;

		reset(w);
		random_instance(w, &in, round % 4 == 0);
		assert_int_equal(la_duty_plan(w->duty, NULL), 0);
		rows = la_duty_rows(w->duty, &n);
		check_seats(w, &in, rows, n);
		check_hard(w, &in, rows, n);
		check_unfilled(w, &in, rows, n);
		check_fair(w, &in, rows, n);
		check_units(w, &in, rows, n);
		same_rota_twice(w, &in, rows, n);
	}
}

/*
 * With one post, everyone always available and members of distinct units,
 * consecutive duties of a member lie at least floor(qualified / seats)
 * running days apart, the most any rota can give everyone. rows contains two
 * consecutive rotas, the second planned with the first as history.
 */
static void
check_spread(const struct world *w, const struct la_duty_row *rows,
    size_t n)
{
	long q = (long)w->pool.n / w->rules.posts[0].seats;

	for (long m = 0; m < (long)w->pool.n; m++) {
		long index = -1, prev = -1;
		la_day day = LA_SCHED_NO_DAY;

		for (size_t i = 0; i < n; i++) {
			if (rows[i].day != day) {
				day = rows[i].day;
				index++;
			}
			if (rows[i].member != m)
				continue;
			if (prev >= 0)
				assert_true(index - prev >= q);
			prev = index;
		}
	}
}

static size_t
plan_spread_period(struct world *w, la_day from, la_day to,
    const struct la_duty_row *history, size_t nhistory,
    struct la_duty_row *out)
{
	const struct la_duty_row *rows;
	struct la_error err;
	size_t n;

	la_error_clear(&err);
	w->duty = la_duty_new(&w->pool, &w->rules, from, to, &err);
	assert_non_null(w->duty);
	for (size_t i = 0; i < nhistory; i++)
		la_duty_history(w->duty, history[i].day, history[i].post,
		    history[i].member, 0);
	assert_int_equal(la_duty_plan(w->duty, &err), 0);
	rows = la_duty_rows(w->duty, &n);
	memcpy(out, rows, n * sizeof(*rows));
	la_duty_free(w->duty);
	w->duty = NULL;
	return n;
}

/*
 * An earlier rota that cycles through the members in a random order, as a
 * rota of last year with other licence numbers would: the next rota must
 * follow that order, not the licence order, to keep duties apart.
 */
static size_t
cycle_in_random_order(const struct world *w, la_day from, la_day to,
    struct la_duty_row *out)
{
	long order[32];
	size_t n = 0, k = 0;

	for (long m = 0; m < (long)w->pool.n; m++) {
		long j = (long)rnd((unsigned)m + 1);

		order[m] = order[j];
		order[j] = m;
	}
	for (la_day day = from; day <= to; day++) {
		if (!la_duty_post_runs(&w->rules, 0, day))
			continue;
		for (int s = 1; s <= w->rules.posts[0].seats; s++) {
			memset(&out[n], 0, sizeof(out[n]));
			out[n].day = day;
			out[n].seat = s;
			out[n].member = order[k++ % w->pool.n];
			n++;
		}
	}
	return n;
}

static void
random_spread(void **state)
{
	static struct la_duty_row rows[3 * 366];
	struct world *w = *state;

	rng_state = 0x2545f4914f6cdd1dULL;
	for (int round = 0; round < 200; round++) {
		unsigned members = 1 + rnd(20);
		la_day from = day_of(2024, 1, 1) + rnd(200);
		la_day split = from + rnd(60);
		size_t n;

		reset(w);
		fixture_post(&w->rules, "P", 1 + (int)rnd(3), 0, 0);
		for (unsigned i = 0; i < members; i++) {
			char license[16];

			snprintf(license, sizeof(license), "L%03u", i);
			fixture_member(&w->pool, license, license);
		}
		if (round % 2 == 0)
			n = plan_spread_period(w, from, split, NULL, 0, rows);
		else
			n = cycle_in_random_order(w, from, split, rows);
		n += plan_spread_period(w, split + 1, day_of(2024, 9, 30),
		    rows, n, rows + n);
		check_spread(w, rows, n);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(spring_festival_2024, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(post_weekdays_on_worked_sunday,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(rotation_order_by_licence,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(history_carries_over, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(unit_spread_over_seats, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(qualification_per_post, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(augmenting_path_fills_day,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(suspension_ends, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(unfilled_seat_has_reason,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(absence_balanced_ahead, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(alternates_named, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(keep_rows_before_date, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(ics_escapes_and_folds, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(grid_escapes_markdown, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(period_outside_calendar, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(random_properties, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(random_spread, setup,
		    teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
