/* SPDX-License-Identifier: MIT */
#ifndef LA_ROSTER_STORE_H
#define LA_ROSTER_STORE_H

#include <stddef.h>

#include "datetime.h"
#include "error.h"
#include "io.h"
#include "roster.h"
#include "roster_journal.h"

/*
 * A roster on disk with its journal (ROSTER.journal) and lock file
 * (ROSTER.lock) beside it, opened for one command.
 *
 * Writers hold an exclusive fcntl lock on the lock file from open to
 * close, so read-modify-write cycles of several processes run one after
 * the other. Readers take a shared lock when they can open the lock file
 * and go on without one otherwise: a reader sees the old or the new roster
 * because the roster is only ever replaced by rename(2).
 *
 * A commit takes three steps in this order. (1) It writes the new roster
 * to a temporary file in the roster's folder and fsyncs it. (2) It appends
 * the transaction to the journal and fsyncs it. (3) It renames the
 * temporary file over the roster and fsyncs the folder. The journal entry
 * is the commit point. A failure in (1) or (2), such as a full disk,
 * removes the temporary file, cuts the journal back to its old size and
 * leaves the old roster. A crash between (2) and (3) leaves the old roster
 * and a journal one transaction ahead. The next writer then finds that
 * the roster equals the journal's state before its last transaction and
 * finishes the rename's work (roll forward). A crash inside (2) leaves an
 * unfinished transaction at the end of the journal, which the next writer
 * cuts off. The next writer also removes left-over temporary files.
 *
 * A roster that matches neither state was changed outside la-roster (a
 * clerk edited it in a spreadsheet). The next writer records the
 * difference as an "edit" transaction, so that replaying the journal
 * always gives the roster.
 */

enum la_store_mode {
	LA_STORE_READ,		/* shared lock, no change */
	LA_STORE_UPDATE,	/* exclusive lock; the roster must exist */
	LA_STORE_CREATE		/* exclusive lock; the roster must not exist */
};

struct la_store_opts {
	struct la_read_opts read;	/* for a roster a clerk saved */
	enum la_format format;		/* of a new roster; AUTO: from the
					   file name, .json or .jsonl, else
					   CSV */
	const struct la_tz *tz;		/* journal times */
	const char *user;		/* recorded in the journal */
	la_time now;
};

struct la_store {
	char *path;
	char *journal_path;
	char *lock_path;
	int lock_fd;
	enum la_store_mode mode;
	int exists;		/* the roster file was there at open */
	int recovered;		/* open rolled forward or recorded an edit */
	long last_txn;		/* number of the journal's last transaction */
	struct la_store_opts opts;
	struct la_roster roster;
	struct la_journal journal;
};

/*
 * Locks and reads the roster and its journal, and in the writing modes
 * repairs them as described above. Returns 0, or -1 with err filled and
 * the lock released.
 */
int la_store_open(struct la_store *s, const char *path,
    enum la_store_mode mode, const struct la_store_opts *opts,
    struct la_error *err);

/*
 * Commits t and the roster in s->roster as described above; a transaction
 * without changes writes nothing. On failure the roster and journal on
 * disk are as they were, and err names what failed.
 */
int la_store_commit(struct la_store *s, const struct la_txn *t,
    struct la_error *err);

/* Releases the lock and frees s. */
void la_store_close(struct la_store *s);

/* Login name of the effective user, or the user id as text. */
void la_store_user(char *buf, size_t size);

#endif
