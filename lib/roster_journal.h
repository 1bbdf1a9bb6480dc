/* SPDX-License-Identifier: MIT */
#ifndef LA_ROSTER_JOURNAL_H
#define LA_ROSTER_JOURNAL_H

#include <stdio.h>

#include "datetime.h"
#include "error.h"
#include "record.h"
#include "roster.h"

/*
 * The journal beside a roster: JSON Lines, one line per member change,
 *
 *	{"txn":3,"count":1,"time":"2024-06-10T09:00:00+08:00",
 *	 "user":"clerk","command":"set","member":"13101...","name":"张三",
 *	 "before":{...},"after":{...},"reason":"..."}
 *
 * before and after are the member's whole record (null when the member
 * did not or does not exist). The lines of one command form a transaction:
 * they share txn, numbered from 1, and count is the number of its lines,
 * so that a transaction cut short by a crash is recognised and dropped.
 * Values are strings, lists are arrays of strings, booleans and null are
 * kept; numbers and nested JSON are stored as their text.
 */

/* One member's change inside a transaction. */
struct la_change {
	struct la_record before;
	struct la_record after;
	int has_before;
	int has_after;
	char *reason;
};

/* The changes one command makes, journaled together. */
struct la_txn {
	long number;		/* set when appended or read */
	la_time time;
	char command[32];
	char user[64];
	struct la_change *changes;
	size_t nchanges;
	size_t cap;
	long line;		/* journal line of the first change, if read */
};

void la_txn_init(struct la_txn *t, const char *command, const char *user,
    la_time time);
void la_txn_free(struct la_txn *t);

/*
 * Records a change. before is NULL for a member who joins, after for one
 * deleted from the roster by hand. Both records are copied, but their
 * field names are borrowed and must outlive t. Returns 0 or -1 (no
 * memory).
 */
int la_txn_add(struct la_txn *t, const struct la_record *before,
    const struct la_record *after, const char *reason,
    struct la_error *err);

/* The license_no a change is about. */
const char *la_change_license(const struct la_change *c);

/*
 * Formats t as journal lines numbered txn in the local time of tz. *text
 * is allocated and must be freed. Returns 0 or -1.
 */
int la_txn_format(const struct la_txn *t, long txn, const struct la_tz *tz,
    char **text, size_t *len, struct la_error *err);

struct la_journal {
	struct la_txn *txns;	/* complete transactions, in file order */
	size_t ntxns;
	size_t cap;
	struct la_roster names;	/* owns the field names of every record */
	long size;		/* bytes up to the end of the last complete
				   transaction */
	long total;		/* bytes in the file */
};

void la_journal_init(struct la_journal *j);
void la_journal_free(struct la_journal *j);

/*
 * Reads a journal. A torn tail (an unfinished line or transaction after
 * the last complete one, left by a crash) is not read, and j->size <
 * j->total marks it for the caller to cut off. Damage followed by complete
 * transactions is an error naming the line, because it is not a crash.
 */
int la_journal_read(struct la_journal *j, FILE *fp, const char *name,
    struct la_error *err);

/* Number of the last complete transaction, 0 for an empty journal. */
long la_journal_last(const struct la_journal *j);

/*
 * Rebuilds the roster as it stood after transaction upto (all of them
 * for -1), taking only transactions timed at or before until (pass
 * LLONG_MAX for all). Members come in the order they joined.
 */
int la_journal_replay(const struct la_journal *j, long upto, la_time until,
    struct la_roster *out, struct la_error *err);

/*
 * Lists the journal as records with the fields time, user, command,
 * license_no, name, before and after (the statuses), reason and changes
 * ("field: old -> new" for each field that changed, with an empty value
 * shown as "(empty)"), for one member or
 * all (license NULL), up to the time until.
 */
int la_journal_history(const struct la_journal *j, const char *license,
    la_time until, const struct la_tz *tz, struct la_roster *out,
    struct la_error *err);

/* Parses a journal time "2024-06-10T09:00:00+08:00". Returns 0 or -1. */
int la_journal_parse_time(const char *s, la_time *t);

#endif
