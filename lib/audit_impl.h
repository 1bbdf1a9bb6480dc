/* SPDX-License-Identifier: MIT */
#ifndef LA_AUDIT_IMPL_H
#define LA_AUDIT_IMPL_H

/*
 * Private to lib/audit*.c: the engine's state, shared between the files
 * that build it. Names carry la_audit_ because they cross files.
 */

#include <stddef.h>
#include <stdint.h>

#include "audit.h"

/* Chained hash map from NUL-terminated keys to values. Keys are borrowed:
   each value owns its key. */
struct la_amap_node {
	struct la_amap_node *next;
	uint64_t hash;
	const char *key;
	void *value;
};

struct la_amap {
	struct la_amap_node **buckets;
	size_t nbuckets;
	size_t count;
	struct la_amap_node *spare;	/* removed nodes, for reuse */
};

void *la_amap_get(const struct la_amap *m, const char *key);
/* Adds key, which must be absent. Returns 0, or -1 on no memory. */
int la_amap_put(struct la_amap *m, const char *key, void *value);
/* Removes key and returns its value, or NULL if it was absent. */
void *la_amap_remove(struct la_amap *m, const char *key);
/* Calls fn on every value; the map must not change meanwhile. */
void la_amap_each(const struct la_amap *m, void (*fn)(void *value));
/* Stores every value in a new array of m->count items (NULL if empty or
   out of memory; *ok is 0 only on no memory). */
void **la_amap_values(const struct la_amap *m, int *ok);
void la_amap_free(struct la_amap *m);

/* Binary min-heap ordered by (time, seq); seq keeps ties in input order. */
struct la_aheap_item {
	la_time time;
	uint64_t seq;
	void *ptr;
};

struct la_aheap {
	struct la_aheap_item *v;
	size_t n;
	size_t cap;
};

int la_aheap_push(struct la_aheap *h, la_time time, uint64_t seq, void *ptr);
/* The smallest item, or NULL when empty. */
const struct la_aheap_item *la_aheap_top(const struct la_aheap *h);
void la_aheap_pop(struct la_aheap *h);
void la_aheap_free(struct la_aheap *h);

/* Counts of the run, for its warnings. */
struct la_audit_stats {
	long events_read;
	long events_applied;
	long duplicates;
	long after_as_of;
	long out_of_order;
	long invalid;
	long findings;
	long by_action[LA_ACTION_REMOVE + 1];
};

/* Per-member counters of the summary period. */
struct la_audit_counts {
	long assigned;
	long closed;
	long grades[LA_GRADE_NTYPES];
	long scored;
	double score_sum;
	long duty_attended;
	long duty_missed;
	long findings;
	double subsidy_cases;
	double subsidy_duty;
};

struct la_audit_member {
	char *license_no;
	char *name;
	char *unit;
	int in_roster;
	int status;			/* enum la_roster_status */
	int has_suspended_until;
	la_day suspended_until;
	la_day *recent;			/* ladder findings in the window */
	size_t nrecent;
	size_t recent_cap;
	int has_duty_day;
	la_day duty_day;		/* last day attended */
	char *duty_event;		/* its event id */
	int has_absent_day;
	la_day absent_day;
	int unknown_reported;		/* not in the roster: reported once */
	int removal_written;		/* a remove change row was written */
	struct la_audit_counts c;
};

enum la_obligation_kind {
	LA_OB_ACCEPT,		/* an assignment to accept */
	LA_OB_FILING,		/* a closed case to file */
	LA_OB_REVIEW		/* a duty-day case to review */
};

/*
 * An open obligation with its deadline. Removed from the map when met or
 * when its deadline fires; freed once the deadline heap lets go of it.
 */
struct la_obligation {
	enum la_obligation_kind kind;
	int dead;			/* met: only the heap still holds it */
	char *key;
	struct la_audit_member *member;
	char *event_id;			/* the event that opened it */
	char *duty_event;		/* review: the attendance, or "" */
	char *case_id;
	char *stage;
	la_day start;
	la_day due;			/* last day allowed */
	int case_type;
	enum la_grade grade;
	int in_period;
	double subsidy;			/* counted for the member */
	long sample_slot;		/* -1 if not in the sample */
	uint64_t serial;		/* closing number, for the sample */
	char text[];			/* the strings above */
};

/* An event waiting in the reorder buffer; strings follow the struct. */
struct la_held_event {
	struct la_audit_event ev;
	char data[];
};

/* An event id remembered for duplicate detection. */
struct la_seen_id {
	struct la_seen_id *next_released;
	la_time time;
	const char *file;
	long line;
	char id[];
};

struct la_sample_slot {
	uint64_t serial;
	la_time time;
	char *case_id;
	char *stage;
	char *event_id;
	char *license_no;
	int case_type;
	int has_score;
	double score;
	enum la_grade grade;
};

struct la_audit {
	struct la_audit_opts o;
	const struct la_rules *rules;
	struct la_event_columns columns;
	struct la_amap members;
	int have_roster;
	struct la_amap obligations;
	struct la_aheap deadlines;
	uint64_t seq;

	/* Reorder buffer and the ids seen. */
	struct la_aheap buffer;
	struct la_amap ids;
	struct la_seen_id *released_head;
	struct la_seen_id *released_tail;
	int have_newest;
	la_time newest;
	int have_clock;
	la_time clock;			/* time of the last event applied */
	int have_first_day;
	la_day first_day;		/* of the first event applied */

	/* Sample of closed cases (algorithm R). */
	struct la_rng rng;
	struct la_sample_slot *slots;
	size_t nslots;
	size_t slots_cap;
	uint64_t nclosed;

	int warned_calendar;
	struct la_audit_stats stats;
};

/* audit_case.c */
int la_audit_apply_assigned(struct la_audit *a,
    const struct la_audit_event *ev, struct la_audit_member *m,
    struct la_error *err);
int la_audit_apply_closed(struct la_audit *a, const struct la_audit_event *ev,
    struct la_audit_member *m, struct la_error *err);
/* Marks the obligation of this key met, if it is open. */
void la_audit_close_obligation(struct la_audit *a, char tag, const char *s1,
    const char *s2);
int la_audit_fire_until(struct la_audit *a, la_time t, struct la_error *err);
void la_audit_obligation_free(struct la_obligation *ob);

/* audit.c */
struct la_audit_member *la_audit_member_get(struct la_audit *a,
    const char *license_no, const char *name);
int la_audit_report(struct la_audit *a, struct la_audit_finding *f,
    struct la_audit_member *m, struct la_error *err);
int la_audit_apply(struct la_audit *a, const struct la_audit_event *ev,
    struct la_error *err);

/* audit_order.c */
int la_audit_order_add(struct la_audit *a, const struct la_audit_event *ev,
    struct la_error *err);
int la_audit_order_flush(struct la_audit *a, struct la_error *err);
void la_audit_order_free(struct la_audit *a);

/* audit_ladder.c */
enum la_action la_audit_ladder(const struct la_rules *r,
    struct la_audit_member *m, la_day date, int *nth);

/* audit_sample.c */
int la_audit_sample_add(struct la_audit *a, struct la_obligation *ob,
    const struct la_audit_event *ev);
void la_audit_sample_regrade(struct la_audit *a, struct la_obligation *ob);
void la_audit_sample_free(struct la_audit *a);

/* Local day of t and whether it lies in the period. */
la_day la_audit_day(const struct la_audit *a, la_time t);
int la_audit_in_period(const struct la_audit *a, la_day d);

#endif
