/* SPDX-License-Identifier: MIT */
#ifndef LA_SCHEDULE_DUTY_H
#define LA_SCHEDULE_DUTY_H

#include <stdio.h>

#include "io.h"
#include "schedule.h"

/*
 * The duty rota: seats at the rules' posts on every duty day of a period,
 * filled from the pool.
 *
 * A post runs on a working day of the rules' calendar whose weekday is in
 * its weekdays. A post that runs Monday to Friday also runs on the weekend
 * days worked in place of holidays (调休). A member can fill a seat when
 * it is active that day (la_member_active), agreed to duty, has every
 * service the post requires, is not unavailable, and holds no other seat
 * or alternate place that day.
 *
 * The planner fills seats day by day, scarcest post first, giving each
 * seat to the candidate with, in this order: the fewest duties at the post
 * (history and kept rows included); no other member of the same practice
 * unit at the post that day; the fewest duties at all posts; the longest
 * time since the last duty; the lowest licence number. Local moves then
 * repeat until none applies (schedule_duty_balance.c): an empty seat is
 * filled along an augmenting path, so each day fills as many seats as any
 * rota could; a duty moves from a member to one with at least two fewer at
 * the same post who can serve that day, so counts at a post differ by more
 * than one only where availability, status or duties elsewhere prevent
 * it; two members trade days to part two members of one unit, or to move
 * duties that lie close together further apart. Alternates are named last.
 * Nothing is random: the same input gives the same rota.
 *
 * Memory: a struct la_duty borrows the pool and the rules, which must
 * outlive it, and owns its rows and every string they point to.
 */

struct la_duty_row {
	la_day day;
	int post;			/* index into rules->posts */
	int seat;			/* 1-based */
	long member;			/* pool index, or -1 */
	long alternate;			/* pool index, or -1 */
	int kept;			/* copied from the kept rota */
	/* Set for kept rows, whose holder may have left the pool. */
	const char *license_no;
	const char *name;
	const char *unit;
	const char *alternate_license_no;
	const char *alternate_name;
	const char *reason;		/* why the seat is empty, or NULL */
};

struct la_duty;

/*
 * Starts a rota for the days from and to (both included). Returns NULL
 * with err filled when the rules have no posts, from is after to, a day
 * lies outside the rules' calendar, or memory runs out.
 */
struct la_duty *la_duty_new(const struct la_pool *pool,
    const struct la_rules *rules, la_day from, la_day to,
    struct la_error *err);

void la_duty_free(struct la_duty *d);

/* Nonzero when post runs on day (see above). */
int la_duty_post_runs(const struct la_rules *rules, int post, la_day day);

/*
 * Marks member (a pool index) unavailable from day from to day to, both
 * included, for reason (copied; may be NULL). Returns 0 or -1 on no memory.
 */
int la_duty_unavailable(struct la_duty *d, long member, la_day from,
    la_day to, const char *reason, struct la_error *err);

/*
 * Adds a duty from an earlier rota so that fairness and spread carry over.
 * post is an index into rules->posts, or -1 for a post the rules no longer
 * have (counted in the member's total only). alternate is nonzero for an
 * alternate's place. Days on or after the period's first day are ignored
 * and return 1; otherwise returns 0.
 */
int la_duty_history(struct la_duty *d, la_day day, int post, long member,
    int alternate);

/*
 * Adds a row of the rota being re-planned. Rows dated before the keep
 * date (la_duty_keep_before) are kept as they are and count toward
 * fairness and spread; later rows are planned afresh. member and
 * alternate are pool indices or -1; the strings are copied and give the
 * row's holder when the member has left the pool. Rows outside the period
 * return 1 and are ignored. Returns 0, 1, or -1 with err filled when out
 * of memory. la_duty_plan() fails when two kept rows name one seat.
 */
int la_duty_keep(struct la_duty *d, const struct la_duty_row *row,
    struct la_error *err);

/* Rows dated before day are kept; by default none are. */
void la_duty_keep_before(struct la_duty *d, la_day day);

/*
 * Plans the rota. Returns 0, or -1 with err filled when out of memory.
 * Empty seats are not an error: each has a reason (la_duty_unfilled).
 */
int la_duty_plan(struct la_duty *d, struct la_error *err);

/* The rows, by date, post (in the rules' order) and seat. */
const struct la_duty_row *la_duty_rows(const struct la_duty *d,
    size_t *nrows);

/* Number of seats left empty. */
size_t la_duty_unfilled(const struct la_duty *d);

/*
 * Counts for the summary. For member m: duties at post p in the period
 * (p = -1: at all posts), duties before the period (p = -1: all), and
 * alternate places in the period.
 */
int la_duty_count(const struct la_duty *d, long m, int p);
int la_duty_history_count(const struct la_duty *d, long m, int p);
int la_duty_alternate_count(const struct la_duty *d, long m);

/* Nonzero when m can fill a seat of post p in some way (see above). */
int la_duty_qualifies(const struct la_duty *d, long m, int p);

/*
 * Readers of earlier rotas: la-schedule duty's own output rows (date,
 * post, seat, license_no, name, practice_unit, alternate_license_no,
 * alternate_name, reason). Each reads every record of rd; a record that
 * does not parse is an error naming file, line, field and value (returns
 * -1 with err filled), because planning around a misread rota is worse
 * than stopping. History rows of members no longer in the pool are
 * skipped, and of posts the rules no longer have count only toward the
 * member's total; a kept row must name a post of the rules.
 */
int la_duty_read_history(struct la_duty *d, struct la_reader *rd,
    const char *file, const struct la_diag *diag, struct la_error *err);
int la_duty_read_keep(struct la_duty *d, struct la_reader *rd,
    const char *file, const struct la_diag *diag, struct la_error *err);

/*
 * Nonzero when the row is shown in output limited to one member: only is
 * NULL, or the licence number of the row's holder or alternate.
 */
int la_duty_row_shown(const struct la_duty *d, const struct la_duty_row *row,
    const char *only);

/*
 * Fills rec (reset first) with row i: date, post, seat, license_no, name,
 * practice_unit, then alternate_license_no and alternate_name when a post
 * names alternates, then reason. Returns 0, or -1 when out of memory.
 */
int la_duty_row_record(const struct la_duty *d, size_t i,
    struct la_record *rec);

/*
 * Fills rec (reset first) with the summary of member m: license_no, name,
 * practice_unit, duties, history_duties, total_duties, alternates, posts
 * (a list of "post=count"), first_duty, last_duty, min_gap_days and
 * mean_gap_days (calendar days between consecutive duties in the period;
 * empty with fewer than two duties). Returns 1, or 0 without touching rec
 * when m neither qualifies for a post nor holds a seat, or -1 when out of
 * memory.
 */
int la_duty_summary_record(const struct la_duty *d, long m,
    struct la_record *rec);

/*
 * Writers of files. only limits them as la_duty_row_shown() does.
 *
 * An iCalendar (RFC 5545) file with one all-day VEVENT per seat. stamp is
 * the DTSTAMP of every event. The UID names the date, post and seat, so
 * an imported event is replaced when a later rota changes the seat.
 */
int la_duty_write_ics(const struct la_duty *d, FILE *fp, la_time stamp,
    const char *only, struct la_error *err);

/* A month grid per month of the period, in Markdown or (html) HTML. */
int la_duty_write_grid(const struct la_duty *d, FILE *fp, int html,
    const char *only, struct la_error *err);

#endif
