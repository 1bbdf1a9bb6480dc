/* SPDX-License-Identifier: MIT */
#ifndef LA_SCHEDULE_ASSIGN_H
#define LA_SCHEDULE_ASSIGN_H

#include "io.h"
#include "schedule.h"

/*
 * Case rotation. Each case goes to a member who is active and not absent
 * on the day of assignment, offers every service the case needs (criminal
 * work never to a legal worker unless the rules allow it), is named in
 * none of the case's conflicts (a licence number or a practice unit), has
 * the rules' years of criminal defence when the defendant may face life
 * imprisonment or death, and has fewer open cases than
 * rules->max_open_cases. Of those,
 * the one with the fewest open cases wins, and among equals the first in
 * licence order after the member who took the previous case, wrapping
 * around: a rotation that continues across runs through the state file.
 */

/* A case the rotation has assigned. */
struct la_rotation_case {
	char *case_id;
	char *license_no;
	char *name;
	la_time assigned_at;
	int open;			/* not yet reported closed */
	la_time closed_at;		/* when !open */
};

/*
 * The state kept between runs: the licence number of the member who took
 * the last case, and every case assigned so far, so that a case seen again
 * keeps its member. Owns all its strings.
 */
struct la_rotation {
	char *last;			/* NULL before the first case */
	struct la_rotation_case *cases;
	size_t n;
	size_t cap;
	size_t *slots;			/* hash of case_id: index + 1, or 0 */
	size_t nslots;
};

void la_rotation_init(struct la_rotation *rot);
void la_rotation_free(struct la_rotation *rot);

/*
 * Reads the state file at path; a file that does not exist yet gives an
 * empty state. A file that is not a rotation state is an LA_ERR_STATE
 * error naming the file and the key. Returns 0 or -1.
 */
int la_rotation_load(struct la_rotation *rot, const char *path,
    struct la_error *err);

/*
 * Replaces the state file at path atomically. The state is written to a
 * temporary file in the same directory (".NAME.tmp-XXXXXX", mode 0600),
 * flushed to disk and renamed over path, so a crash leaves the old or the
 * new state, never a mix. Temporary files that a killed run left are
 * removed first, so call it while holding la_rotation_lock(). Returns 0,
 * or -1 with err filled and path unchanged.
 */
int la_rotation_save(const struct la_rotation *rot, const char *path,
    struct la_error *err);

/*
 * Takes an exclusive lock on "path.lock" (created with mode 0600), waiting
 * while another run holds it, so that two runs never assign from the same
 * state. Returns the descriptor to pass to la_rotation_unlock(), or -1 with
 * err filled.
 */
int la_rotation_lock(const char *path, struct la_error *err);
void la_rotation_unlock(int fd);

/* Index of the case with this id, or -1. */
long la_rotation_find(const struct la_rotation *rot, const char *case_id);

/*
 * Records a case assignment. Returns its index, or -1 on no memory. The
 * strings are copied.
 */
long la_rotation_add(struct la_rotation *rot, const char *case_id,
    const char *license_no, const char *name, la_time assigned_at);

/*
 * Reads closed cases (case_id, closed_at; closed_at defaults to now) and
 * marks them closed, so they no longer count toward the open-case cap. A
 * case_id the state does not know is reported through diag. Returns 0, or
 * -1 with err filled when a record does not parse or input is unreadable.
 */
int la_rotation_read_closed(struct la_rotation *rot, struct la_reader *rd,
    const char *file, const struct la_tz *tz, la_time now,
    const struct la_diag *diag, struct la_error *err);

struct la_assigner;

/*
 * Starts assigning at time now with the pool, the rules and the absences
 * (indexed with la_absences_index(), or NULL), which must outlive the
 * assigner, and the state rot, which it updates. Returns NULL with err
 * filled on no memory.
 */
struct la_assigner *la_assigner_new(const struct la_pool *pool,
    const struct la_rules *rules, const struct la_absences *absences,
    struct la_rotation *rot, la_time now, struct la_error *err);
void la_assigner_free(struct la_assigner *a);

/*
 * Assigns the case that rec describes and appends to it license_no, name,
 * practice_unit, assigned_at, due (the first of the member's deadlines),
 * assign_due (the centre's deadline to assign, from received_at),
 * accept_due, entrustment_due, reason and findings. A case the state
 * already holds keeps its member and assignment time. A malformed case
 * (no case_id, an unknown case_type or service, a received_at or serious
 * value that does not parse) gets a finding of rule "case" naming the
 * field and value, is reported through diag and is left unassigned.
 * Returns 0 when the case has a member, 1 when not (reason says why), or
 * -1 with err filled when out of memory.
 */
int la_assign_record(struct la_assigner *a, struct la_record *rec,
    const char *file, const struct la_diag *diag, struct la_error *err);

#endif
