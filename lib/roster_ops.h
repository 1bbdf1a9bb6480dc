/* SPDX-License-Identifier: MIT */
#ifndef LA_ROSTER_OPS_H
#define LA_ROSTER_OPS_H

#include <stdio.h>

#include "datetime.h"
#include "error.h"
#include "io.h"
#include "roster.h"
#include "roster_journal.h"
#include "rules.h"

/*
 * What la-roster's commands do to a roster in memory. Each operation
 * records its changes in a transaction for the journal, and on failure
 * leaves the roster as it was. "today" is the local date of --as-of in
 * the rules' zone.
 */

/* Field holding the date of a member's last change of status. */
#define LA_ROSTER_STATUS_SINCE "status_since"

enum la_roster_action {
	LA_ROSTER_NOTHING = 0,	/* "" or "none": a finding without action */
	LA_ROSTER_SUSPEND,
	LA_ROSTER_REINSTATE,
	LA_ROSTER_REMOVE,
	LA_ROSTER_WARNING	/* journaled; the roster does not change */
};

/* Parses suspend, reinstate, remove, warning, none or ""; -1 if unknown. */
int la_roster_action_parse(const char *s);

/* One requested change, from `set` or from a record of `apply`. */
struct la_roster_request {
	const char *license;
	enum la_roster_action action;
	const char *reason;
	const char *until;	/* suspend: last day suspended, or NULL */
	const char *file;	/* for messages */
	long line;
};

/*
 * Applies one change. suspend needs an active or suspended member (a
 * second suspension replaces the end date); without until it lasts the
 * rules' suspend_months from today. reinstate needs a suspended member,
 * remove one who is not removed yet, warning one who is not removed. Each
 * needs a reason. An invalid transition fills err naming the file, the
 * line and the member.
 */
int la_roster_apply(struct la_roster *r, struct la_txn *t,
    const struct la_roster_request *q, const struct la_rules *rules,
    la_day today, struct la_error *err);

/*
 * Applies every change record of rd (columns license_no, action, reason,
 * until). Each invalid record is reported through diag and skipped.
 * Returns the number of invalid records, or -1 when rd cannot be read.
 */
long la_roster_apply_stream(struct la_roster *r, struct la_txn *t,
    struct la_reader *rd, const char *file, const struct la_rules *rules,
    la_day today, const struct la_diag *diag, struct la_error *err);

/*
 * Ends every suspension whose last day is before today. t may be NULL to
 * change only the roster in memory (a view at a date). Returns the number
 * of members reinstated, or -1.
 */
long la_roster_expire(struct la_roster *r, struct la_txn *t, la_day today,
    struct la_error *err);

/* Term of a new roster: rules.term_start for rules.term_months. */
void la_roster_default_term(const struct la_rules *rules,
    struct la_date *from, struct la_date *to);

/* Parses "FROM:TO", two dates with FROM <= TO. Returns 0 or -1. */
int la_roster_parse_term(const char *s, struct la_date *from,
    struct la_date *to, char *why, size_t size);

/*
 * Reads la-rank output into out. It needs the columns license_no,
 * category, rank and selection. Every selected or waitlisted record needs
 * a license_no that no other such record has, and a known category; the
 * other records are kept unchecked. Returns 0 or -1.
 */
int la_ranking_read(struct la_roster *out, FILE *fp, const char *name,
    const struct la_read_opts *opts, struct la_error *err);

/*
 * Appends a member built from a ranking row to r, active for the term,
 * and journals it with reason. The row's fields come first, with
 * la-validate's status replaced by the roster status, and the roster
 * fields follow. replaces, if not NULL, names the member whose place the
 * newcomer takes.
 */
int la_roster_join(struct la_roster *r, struct la_txn *t,
    const struct la_record *row, struct la_date from, struct la_date to,
    const char *reason, const char *replaces, struct la_error *err);

/*
 * Adds the ranking's selected people to the empty roster r as active
 * members for the term.
 */
int la_roster_create(struct la_roster *r, struct la_txn *t,
    const struct la_roster *ranking, struct la_date from, struct la_date to,
    struct la_error *err);

/*
 * Fills the places of members who left (status removed and not yet
 * replaced): all of them, or those whose license numbers are listed. Each
 * place goes to the best-ranked person of the same category on the
 * ranking's waitlist who has never been in the roster; the newcomer gets
 * a "replaces" field and serves to the end of the leaver's term. A place
 * that nobody can fill is reported through diag. Returns the number of
 * places left empty, or -1.
 */
long la_roster_fill(struct la_roster *r, struct la_txn *t,
    const struct la_roster *ranking, char *const *licenses, size_t n,
    la_day today, const struct la_diag *diag, const char *file,
    struct la_error *err);

/*
 * Builds next term's roster out from the old roster and the new ranking.
 * The selected keep their places, except members removed during the old
 * term unless rules.allow_return_after_removal; such a place goes down the
 * waitlist. report receives one record per person concerned with the
 * fields license_no, name, category, change (retained, joined, left,
 * excluded) and reason.
 */
int la_roster_renew(const struct la_roster *old,
    const struct la_roster *ranking, struct la_roster *out,
    struct la_txn *t, struct la_roster *report, struct la_date from,
    struct la_date to, const struct la_rules *rules, struct la_error *err);

/*
 * Reports through diag each category whose members (not removed) fall
 * short of the rules' quota. Returns the number of such categories.
 */
int la_roster_quota_report(const struct la_roster *r,
    const struct la_rules *rules, const char *file,
    const struct la_diag *diag);

/* Filters of `list`; zero values match everything. */
struct la_roster_filter {
	enum la_member_status status;
	enum la_category category;
	unsigned services;	/* enum la_service bits, all needed */
	int duty;		/* only members who take duty days */
	const char *unit;	/* text contained in practice_unit */
	int all;		/* also members outside their term */
	la_day day;
};

/* Nonzero when member m passes the filter. */
int la_roster_matches(const struct la_record *m,
    const struct la_roster_filter *f);

/* Services a member offers: eligible_services, or else services. */
unsigned la_member_services(const struct la_record *m);

#endif
