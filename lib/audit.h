/* SPDX-License-Identifier: MIT */
#ifndef LA_AUDIT_H
#define LA_AUDIT_H

#include <stddef.h>
#include <stdint.h>

#include "datetime.h"
#include "error.h"
#include "record.h"
#include "rules.h"

/*
 * Conduct, quality and deadline audit of the pool's members from a stream
 * of events. The engine applies events in time order, within a reorder
 * window. It keeps one entry per member and per open obligation: an
 * assignment to accept, a closed case to file or a duty-day case to
 * review. Each finding goes to a callback as soon as it is certain.
 */

/* Event fields that the catalogue lacks; license_no and name come from it. */
#define LA_AUDIT_F_EVENT_ID "event_id"
#define LA_AUDIT_F_TIME "time"
#define LA_AUDIT_F_EVENT "event"
#define LA_AUDIT_F_CASE_ID "case_id"
#define LA_AUDIT_F_STAGE "stage"
#define LA_AUDIT_F_CASE_TYPE "case_type"
#define LA_AUDIT_F_SCORE "score"
#define LA_AUDIT_F_GRADE "grade"
#define LA_AUDIT_F_REASON "reason"
#define LA_AUDIT_F_REASON_ACCEPTED "reason_accepted"
#define LA_AUDIT_F_AUTHORISED "authorised"
#define LA_AUDIT_F_AUTHORITY "authority"
#define LA_AUDIT_F_DUTY "duty"

enum la_event_type {
	LA_EV_ASSIGNED,
	LA_EV_ACCEPTED,
	LA_EV_REFUSED,
	LA_EV_HANDLER_CHANGED,
	LA_EV_DUTY_ATTENDED,
	LA_EV_DUTY_ABSENT,
	LA_EV_CASE_CLOSED,
	LA_EV_CASE_REVIEWED,
	LA_EV_CASE_FILED,
	LA_EV_RATED_UNQUALIFIED,
	LA_EV_COMPLAINT_UPHELD,
	LA_EV_NTYPES
};

/* Authorities whose 不合格 rating counts. */
enum la_authority {
	LA_AUTH_MINISTRY,		/* 司法部 */
	LA_AUTH_CITY_BUREAU,		/* 市司法局 */
	LA_AUTH_DISTRICT_COMMITTEE,	/* 区委政法委 */
	LA_AUTH_DISTRICT_BUREAU,	/* 区司法局 */
	LA_AUTH_NTYPES
};

/* Quality grade of a closed case. */
enum la_grade {
	LA_GRADE_NONE = -1,
	LA_GRADE_EXCELLENT,		/* 优良 */
	LA_GRADE_PASS,			/* 合格 */
	LA_GRADE_UNQUALIFIED,		/* 不合格 */
	LA_GRADE_NTYPES
};

/*
 * One parsed event. String members point into the record it was parsed
 * from (or into the engine's copy of it) and are "" when absent.
 */
struct la_audit_event {
	enum la_event_type type;
	la_time time;
	const char *file;
	long line;
	const char *id;
	const char *license_no;
	const char *name;
	const char *case_id;
	const char *stage;
	const char *reason;
	int case_type;			/* enum la_case_type, or -1 */
	enum la_grade grade;		/* of a closed case: given or scored */
	int has_score;
	double score;
	int reason_accepted;		/* refused: the centre accepted it */
	int authorised;			/* handler_changed */
	int duty;			/* case_closed: 1, 0, or -1 unknown */
	int authority;			/* enum la_authority, or -1 */
};

/* Stable names ("assigned", "case_closed"...) and back; -1 if unknown. */
const char *la_event_type_name(enum la_event_type t);
int la_event_type_parse(const char *s);
const char *la_authority_name(enum la_authority a);
int la_authority_parse(const char *s);
const char *la_grade_name(enum la_grade g);
int la_grade_parse(const char *s);

/* The grade of a score by the rules' bands. */
enum la_grade la_grade_of_score(const struct la_rules *r, double score);

/*
 * Cache of which event field each column of a table is. Columns are
 * recognised by the name pointer, so a CSV header is matched once; a
 * column seen under a new pointer is matched again. Zero it before use.
 */
#define LA_AUDIT_MAX_COLUMNS 64

struct la_event_columns {
	const char *names[LA_AUDIT_MAX_COLUMNS];
	int ids[LA_AUDIT_MAX_COLUMNS];
};

/*
 * Parses one event record. Fields are matched by canonical name or alias
 * (la-audit(1) lists them); cols may be NULL. Returns 0, or -1 with the
 * fault in why, naming the field and the value. Values of r are trimmed in
 * place and ev points into them. On failure ev is filled as
 * far as it could be read: id and license_no ("" if absent), and the time
 * when *has_time is set.
 */
int la_audit_event_parse(const struct la_record *r, const struct la_rules *rl,
    struct la_event_columns *cols, struct la_audit_event *ev, int *has_time,
    char *why, size_t size);

enum la_audit_kind {
	LA_AK_REFUSED_ASSIGNMENT,
	LA_AK_UNAUTHORISED_HANDLER_CHANGE,
	LA_AK_DUTY_ABSENT,
	LA_AK_QUALITY_UNQUALIFIED,
	LA_AK_AUTHORITY_UNQUALIFIED,
	LA_AK_COMPLAINT_UPHELD,
	LA_AK_ACCEPT_OVERDUE,
	LA_AK_FILING_OVERDUE,
	LA_AK_REVIEW_OVERDUE,
	LA_AK_UNKNOWN_MEMBER,
	LA_AK_INVALID_EVENT,
	LA_AK_OUT_OF_ORDER,
	LA_AK_NKINDS
};

/* Stable lower-case id of a kind ("refused_assignment"). */
const char *la_audit_kind_name(enum la_audit_kind k);

/* Nonzero for the kinds that count on the sanctions ladder. */
int la_audit_kind_on_ladder(enum la_audit_kind k);

#define LA_AUDIT_MAX_EVENTS 2

/* One finding; every pointer is borrowed for the callback's duration. */
struct la_audit_finding {
	enum la_audit_kind kind;
	const char *license_no;
	const char *name;
	const char *events[LA_AUDIT_MAX_EVENTS];
	int nevents;
	int has_date;
	la_day date;
	enum la_action action;
	const char *case_id;
	const char *detail;
	int nth;		/* nth ladder finding in the window; 0 if off */
	la_day until;		/* last day of a suspension */
	int in_roster;		/* the member is in the roster given */
	int roster_status;	/* enum la_roster_status of that member */
	int has_suspended_until;
	la_day suspended_until;
};

/* Member status as the roster states it. */
enum la_roster_status {
	LA_RS_ACTIVE,
	LA_RS_SUSPENDED,
	LA_RS_REMOVED
};

/*
 * Callback for each finding. A nonzero return stops the run: the engine
 * returns -1 from the call that produced the finding, with err filled by
 * the callback or else with a generic message.
 */
typedef int (*la_audit_emit_fn)(void *ctx, const struct la_audit_finding *f,
    struct la_error *err);

struct la_audit_opts {
	const struct la_rules *rules;
	la_time as_of;			/* events after it are not applied */
	la_time window;			/* reorder window in seconds */
	int has_from;			/* period of findings and summary */
	la_day from;
	int has_to;
	la_day to;
	size_t sample;			/* closed cases to draw; 0 for none */
	uint64_t seed;
	la_audit_emit_fn emit;
	void *ctx;
	struct la_diag diag;		/* duplicates, late events... */
};

struct la_audit;

/* Creates an engine. NULL with err filled on no memory. */
struct la_audit *la_audit_new(const struct la_audit_opts *o,
    struct la_error *err);

/*
 * Adds one roster record (license_no, name, practice_unit, status,
 * suspended_until). Once a roster is given, events of members not in it
 * are reported as unknown_member findings and still applied. A record
 * without license_no, or with an invalid status or date, is an error.
 */
int la_audit_add_member(struct la_audit *a, const struct la_record *r,
    const char *file, struct la_error *err);

/*
 * Feeds one event record read from file, whose name is kept for warnings
 * until la_audit_free(). An invalid event is reported through a warning
 * and an invalid_event finding and is not applied. Returns 0, or -1 when
 * the callback failed or memory ran out.
 */
int la_audit_feed(struct la_audit *a, const struct la_record *r,
    const char *file, struct la_error *err);

/*
 * Applies every buffered event and fires every deadline that has passed
 * by the as-of time. Call once, after the last la_audit_feed().
 */
int la_audit_finish(struct la_audit *a, struct la_error *err);

void la_audit_free(struct la_audit *a);

/* Output rows. Each fills out (reset first) and returns 0, or -1 on no
   memory. */

/*
 * A finding row: license_no, name, kind, events, date, action, case_id,
 * detail.
 */
int la_audit_finding_record(const struct la_audit *a,
    const struct la_audit_finding *f, struct la_record *out);

/*
 * The columns of a finding row and of a change row, every value empty:
 * the CSV header of an output with no row. They must match
 * la_audit_finding_record() and la_audit_change_record().
 */
int la_audit_finding_shape(struct la_record *out);
int la_audit_change_shape(struct la_record *out);

/*
 * A roster change row for la-roster apply: license_no, action, reason,
 * until. Returns 1 with a row, 0 when the finding needs no change: a
 * warning or no action, a member not in the roster, a change the roster
 * already shows, a member an earlier row of this run removed (la-roster
 * rejects a batch that changes a removed member), or a suspension already
 * over at the as-of time. Returns -1 on no memory.
 */
int la_audit_change_record(struct la_audit *a,
    const struct la_audit_finding *f, struct la_record *out);

/* Callback that writes one output row; nonzero stops. */
typedef int (*la_audit_put_fn)(void *ctx, const struct la_record *r,
    struct la_error *err);

/*
 * Writes the summary: one row per member (sorted by license_no), then one
 * per practice unit (sorted by name), then a total row. Call after
 * la_audit_finish(). Returns 0 or -1.
 */
int la_audit_summary(struct la_audit *a, la_audit_put_fn put, void *ctx,
    struct la_error *err);

/*
 * Writes the sample of closed cases drawn with the seed, in the order the
 * cases were closed. Returns 0 or -1.
 */
int la_audit_sample(struct la_audit *a, la_audit_put_fn put, void *ctx,
    struct la_error *err);

/*
 * SplitMix64, the generator behind --seed: the same seed gives the same
 * sequence on every machine. la_rng_below() returns a uniform value in
 * [0, n) by rejection, n > 0.
 */
struct la_rng {
	uint64_t state;
};

void la_rng_seed(struct la_rng *g, uint64_t seed);
uint64_t la_rng_next(struct la_rng *g);
uint64_t la_rng_below(struct la_rng *g, uint64_t n);

/* Formats a number with at most two decimals and no trailing zeros. */
void la_audit_format_number(double v, char *buf, size_t size);

#endif
