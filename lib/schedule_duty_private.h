/* SPDX-License-Identifier: MIT */
#ifndef LA_SCHEDULE_DUTY_PRIVATE_H
#define LA_SCHEDULE_DUTY_PRIVATE_H

#include "schedule_duty.h"

/* What a member does on a day, in struct la_duty's on[] table. */
enum {
	ON_NOTHING = 0,
	ON_SEAT,
	ON_ALTERNATE
};

/* The members who qualify for a post, in licence order. */
struct post_members {
	long *members;
	size_t n;
};

/* Day indices of a member's seats, sorted. */
struct day_list {
	size_t *days;
	size_t n;
	size_t cap;
};

struct la_duty {
	const struct la_pool *pool;
	const struct la_rules *rules;
	la_day from;
	la_day to;
	la_day keep_before;
	size_t ndays;
	size_t npool;
	int nposts;

	struct la_absences absences;

	/* Duties before the period, per post and member. */
	int *hist_count;		/* [post * npool + member] */
	int *hist_total;		/* [member] */
	int *hist_alt;			/* [member] */
	la_day *hist_last;		/* [member] */

	struct la_duty_row *kept;
	size_t nkept;
	size_t kept_cap;
	char **strings;
	size_t nstrings;
	size_t strings_cap;

	/* The plan. Counts include the history and the kept rows. */
	struct la_duty_row *rows;
	size_t nrows;
	size_t *day_first;		/* [day - from]: first row of the day */
	int *count;			/* [post * npool + member] */
	int *total;			/* [member], history in */
	int *alt;			/* [member], history in */
	la_day *last;			/* [member]: latest duty so far */
	unsigned char *on;		/* [(day - from) * npool + member] */
	unsigned char *ok;		/* [member]: can serve on the day */
	struct post_members *qualified;	/* [post] */
	int *post_order;		/* scarcest post first */
	long *work_index;		/* [day - from]: working days before */
	long *hist_work;		/* [member]: work_index of hist_last */
	struct day_list *lists;		/* [member], kept from the balance on */
	int failed;			/* out of memory while balancing */
};

const char *la_duty_strdup(struct la_duty *d, const char *s, int *failed);
int la_duty_member_ok(const struct la_duty *d, long m, la_day day);

/* The steps of la_duty_plan(), in schedule_duty_fill.c and _balance.c. */
int la_duty_fill(struct la_duty *d, struct la_error *err);
int la_duty_refill(struct la_duty *d, size_t r);
void la_duty_take_seat(struct la_duty *d, struct la_duty_row *row, long m);
void la_duty_post_rows(const struct la_duty *d, size_t di, int p,
    size_t *first, size_t *end);
int la_duty_balance(struct la_duty *d);
void la_duty_name_alternates(struct la_duty *d);

/* Planned rows of one post, for the local moves. */
struct post_index {
	size_t *rows;
	size_t n;
};

void la_duty_set_holder(struct la_duty *d, size_t r, long m);
int la_duty_can_trade(const struct la_duty *d, size_t r, size_t s);
int la_duty_spread_prepare(struct la_duty *d);
int la_duty_lists_build(struct la_duty *d);
int la_duty_lists_add(struct la_duty *d, long m, size_t di);
void la_duty_lists_remove(struct la_duty *d, long m, size_t di);
int la_duty_spread_one(struct la_duty *d, const struct post_index *idx);

/* Who holds a row's seat and who is its alternate; "" for nobody. */
struct la_duty_people {
	const char *license_no;
	const char *name;
	const char *unit;
	const char *alternate_license_no;
	const char *alternate_name;
};

void la_duty_row_people(const struct la_duty *d,
    const struct la_duty_row *row, struct la_duty_people *out);

/* Unit of a member, or -1; and whether rows [first, end) seat unit. */
int la_duty_unit(const struct la_duty *d, long m);
int la_duty_unit_seated(const struct la_duty *d, size_t first, size_t end,
    size_t skip, int unit);

#endif
