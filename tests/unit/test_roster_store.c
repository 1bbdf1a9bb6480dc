/* SPDX-License-Identifier: MIT */
/*
 * Journal and store tests: round trips through the journal, the repair of
 * torn and damaged journals, several processes committing at once, a
 * commit cut short before the rename, hand edits and a file size limit.
 * Each test works in its own folder under /tmp.
 */
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <limits.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "catalogue.h"
#include "roster_journal.h"
#include "roster_ops.h"
#include "roster_store.h"

#define HEADER "name,category,license_no,status,term_start,term_end," \
	"status_since,status_reason,suspended_until\n"

static const char fixture[] = HEADER
    "甲,lawyer,L1,active,2024-04-01,2025-03-31,2024-04-01,selected,\n"
    "乙,lawyer,L2,active,2024-04-01,2025-03-31,2024-04-01,selected,\n"
    "丙,legal_worker,W1,active,2024-04-01,2025-03-31,2024-04-01,selected,\n";

struct fix {
	char dir[64];
	char path[128];
	char journal[160];
	struct la_rules rules;
	struct la_store_opts opts;
	struct la_error err;
};

static void
write_file(const char *path, const char *text)
{
	FILE *fp = fopen(path, "w");

	assert_non_null(fp);
	fputs(text, fp);
	assert_int_equal(fclose(fp), 0);
}

static char *
read_file(const char *path)
{
	FILE *fp = fopen(path, "r");
	char *buf = calloc(1, 1 << 16);

	assert_non_null(fp);
	assert_non_null(buf);
	fread(buf, 1, (1 << 16) - 1, fp);
	fclose(fp);
	return buf;
}

static int
setup(void **state)
{
	struct fix *f = calloc(1, sizeof(*f));

	assert_non_null(f);
	snprintf(f->dir, sizeof(f->dir), "/tmp/test_roster_store.XXXXXX");
	assert_non_null(mkdtemp(f->dir));
	snprintf(f->path, sizeof(f->path), "%s/roster.csv", f->dir);
	snprintf(f->journal, sizeof(f->journal), "%s.journal", f->path);
	umask(022);
	write_file(f->path, fixture);
	assert_int_equal(la_rules_default(&f->rules, &f->err), 0);
	f->opts.tz = &f->rules.tz;
	f->opts.user = "tester";
	f->opts.now = la_tz_to_time(&f->rules.tz,
	    (struct la_date){ 2024, 7, 10 }, 9, 30, 0);
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fix *f = *state;
	char cmd[128];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", f->dir);
	assert_int_equal(system(cmd), 0);
	la_rules_free(&f->rules);
	free(f);
	return 0;
}

static int
open_store(struct fix *f, struct la_store *s, enum la_store_mode mode)
{
	la_error_clear(&f->err);
	return la_store_open(s, f->path, mode, &f->opts, &f->err);
}

/* Opens the roster, applies one change to license and commits it. */
static int
change(struct fix *f, const char *license, enum la_roster_action action,
    const char *reason)
{
	struct la_roster_request q = {
		.license = license, .action = action, .reason = reason,
		.until = "2024-12-31", .file = f->path,
	};
	la_day today = la_tz_day(&f->rules.tz, f->opts.now);
	struct la_store s;
	struct la_txn t;
	int rc;

	if (open_store(f, &s, LA_STORE_UPDATE) == -1)
		return -1;
	la_txn_init(&t, "set", f->opts.user, f->opts.now);
	rc = la_roster_apply(&s.roster, &t, &q, &f->rules, today, &f->err);
	if (rc == 0)
		rc = la_store_commit(&s, &t, &f->err);
	la_txn_free(&t);
	la_store_close(&s);
	return rc;
}

static const char *
status_of(const struct la_roster *r, const char *license)
{
	long i = la_roster_find(r, license);

	return i >= 0 ? la_member_get(&r->members[i], LA_F_STATUS) : NULL;
}

static long
count_lines(const char *text)
{
	long n = 0;

	for (; *text != '\0'; text++)
		n += *text == '\n';
	return n;
}

static void
test_first_writer_imports(void **state)
{
	struct fix *f = *state;
	struct la_store s;
	struct stat st;

	/* A roster without a journal is journaled as one edit, then the set. */
	assert_int_equal(change(f, "L1", LA_ROSTER_SUSPEND, "late"), 0);
	assert_int_equal(open_store(f, &s, LA_STORE_READ), 0);
	assert_int_equal(s.journal.ntxns, 2);
	assert_string_equal(s.journal.txns[0].command, "edit");
	assert_int_equal(s.journal.txns[0].nchanges, 3);
	assert_string_equal(s.journal.txns[1].command, "set");
	assert_int_equal(s.journal.txns[1].number, 2);
	assert_string_equal(status_of(&s.roster, "L1"), "suspended");
	la_store_close(&s);
	assert_int_equal(stat(f->journal, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	/* The hand-made roster was 0644: others lose their access. */
	assert_int_equal(stat(f->path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0640);
}

static void
test_journal_round_trip(void **state)
{
	struct fix *f = *state;
	struct la_roster now;
	struct la_store s;
	char *text;

	assert_int_equal(change(f, "L1", LA_ROSTER_SUSPEND, "late"), 0);
	assert_int_equal(change(f, "L2", LA_ROSTER_REMOVE, "left"), 0);
	text = read_file(f->journal);
	assert_int_equal(count_lines(text), 5);
	assert_non_null(strstr(text, "\"time\":\"2024-07-10T09:30:00+08:00\""));
	assert_non_null(strstr(text, "\"txn\":3,\"count\":1,"));
	free(text);
	assert_int_equal(open_store(f, &s, LA_STORE_READ), 0);
	la_roster_init(&now);
	assert_int_equal(la_journal_replay(&s.journal, -1, LLONG_MAX, &now,
	    &f->err), 0);
	assert_true(la_roster_equal(&now, &s.roster));
	/* As it stood after the second transaction. */
	assert_int_equal(la_journal_replay(&s.journal, 2, LLONG_MAX, &now,
	    &f->err), 0);
	assert_string_equal(status_of(&now, "L1"), "suspended");
	assert_string_equal(status_of(&now, "L2"), "active");
	/* Before the first change was journaled there was nothing. */
	assert_int_equal(la_journal_replay(&s.journal, -1, f->opts.now - 1,
	    &now, &f->err), 0);
	assert_int_equal(now.nmembers, 0);
	la_roster_free(&now);
	la_store_close(&s);
}

static void
test_parse_time(void **state)
{
	la_time t;

	(void)state;
	assert_int_equal(la_journal_parse_time("1970-01-01T08:00:00+08:00",
	    &t), 0);
	assert_int_equal(t, 0);
	assert_int_equal(la_journal_parse_time("2024-07-10T01:30:00-05:00",
	    &t), 0);
	assert_int_equal(t, 1720593000);
	assert_int_equal(la_journal_parse_time("2024-07-10 01:30", &t), -1);
	assert_int_equal(la_journal_parse_time("2024-02-30T00:00:00+08:00",
	    &t), -1);
}

static void
test_torn_tail_cut(void **state)
{
	struct fix *f = *state;
	struct la_store s;
	char *text, *nl;
	FILE *fp;

	assert_int_equal(change(f, "L1", LA_ROSTER_SUSPEND, "late"), 0);
	/*
	 * Append the first line of a 2-line transaction 3, made from line 1,
	 * and half of another line: a writer killed in mid-append.
	 */
	text = read_file(f->journal);
	nl = strchr(text, '\n');
	nl[1] = '\0';
	assert_memory_equal(text, "{\"txn\":1,\"count\":3", 18);
	memcpy(text, "{\"txn\":3,\"count\":2", 18);
	fp = fopen(f->journal, "a");
	fputs(text, fp);
	fputs("{\"txn\":3,\"cou", fp);
	fclose(fp);
	free(text);
	assert_int_equal(open_store(f, &s, LA_STORE_READ), 0);
	assert_int_equal(s.journal.ntxns, 2);
	assert_true(s.journal.size < s.journal.total);
	la_store_close(&s);
	/* The next writer cuts the tail and numbers its change 3. */
	assert_int_equal(change(f, "L2", LA_ROSTER_REMOVE, "left"), 0);
	assert_int_equal(open_store(f, &s, LA_STORE_READ), 0);
	assert_int_equal(s.journal.ntxns, 3);
	assert_int_equal(s.journal.txns[2].number, 3);
	assert_int_equal(s.journal.size, s.journal.total);
	assert_string_equal(status_of(&s.roster, "L2"), "removed");
	la_store_close(&s);
}

static void
test_damaged_middle_refused(void **state)
{
	struct fix *f = *state;
	struct la_store s;
	char *text;

	assert_int_equal(change(f, "L1", LA_ROSTER_SUSPEND, "late"), 0);
	text = read_file(f->journal);
	text[0] = '#';
	write_file(f->journal, text);
	free(text);
	assert_int_equal(open_store(f, &s, LA_STORE_UPDATE), -1);
	assert_int_equal(f->err.code, LA_ERR_STATE);
	assert_int_equal(f->err.line, 1);
	assert_string_equal(f->err.text, "damaged journal entry followed by "
	    "others; restore the journal from a backup");
}

static void
test_roll_forward(void **state)
{
	struct fix *f = *state;
	struct la_store s;
	char *old;

	assert_int_equal(change(f, "L1", LA_ROSTER_SUSPEND, "late"), 0);
	old = read_file(f->path);
	assert_int_equal(change(f, "L2", LA_ROSTER_REMOVE, "left"), 0);
	/* As if killed after the journal write and before the rename. */
	write_file(f->path, old);
	free(old);
	assert_int_equal(open_store(f, &s, LA_STORE_UPDATE), 0);
	assert_true(s.recovered);
	assert_string_equal(status_of(&s.roster, "L2"), "removed");
	assert_int_equal(s.journal.ntxns, 3);
	la_store_close(&s);
	assert_int_equal(open_store(f, &s, LA_STORE_READ), 0);
	assert_string_equal(status_of(&s.roster, "L2"), "removed");
	assert_int_equal(s.journal.ntxns, 3);
	la_store_close(&s);
}

static void
test_hand_edit_journaled(void **state)
{
	struct fix *f = *state;
	struct la_store s;
	char *text, *p;

	assert_int_equal(change(f, "L1", LA_ROSTER_SUSPEND, "late"), 0);
	text = read_file(f->path);
	assert_non_null(p = strstr(text, "乙,lawyer"));
	memcpy(p, "丁", strlen("丁"));
	write_file(f->path, text);
	free(text);
	assert_int_equal(open_store(f, &s, LA_STORE_UPDATE), 0);
	assert_true(s.recovered);
	la_store_close(&s);
	assert_int_equal(open_store(f, &s, LA_STORE_READ), 0);
	assert_int_equal(s.journal.ntxns, 3);
	assert_string_equal(s.journal.txns[2].command, "edit");
	assert_int_equal(s.journal.txns[2].nchanges, 1);
	assert_string_equal(la_member_get(&s.journal.txns[2].changes[0].after,
	    LA_F_NAME), "丁");
	la_store_close(&s);
}

static void
test_create_refuses_existing(void **state)
{
	struct fix *f = *state;
	struct la_store s;

	assert_int_equal(open_store(f, &s, LA_STORE_CREATE), -1);
	assert_string_equal(f->err.text, "roster already exists; a new term "
	    "starts a new roster (see renew)");
	unlink(f->path);
	assert_int_equal(open_store(f, &s, LA_STORE_UPDATE), -1);
	assert_string_equal(f->err.text, "roster not found");
}

static void
test_symlink_refused(void **state)
{
	struct fix *f = *state;
	char link[160];
	struct la_store s;

	snprintf(link, sizeof(link), "%s/link.csv", f->dir);
	assert_int_equal(symlink(f->path, link), 0);
	la_error_clear(&f->err);
	assert_int_equal(la_store_open(&s, link, LA_STORE_READ, &f->opts,
	    &f->err), -1);
	assert_int_equal(f->err.code, LA_ERR_IO);
}

/* Each child suspends its own member; all must land. */
static void
test_concurrent_commits(void **state)
{
	struct fix *f = *state;
	enum { N = 6 };
	static const char *const licenses[N] = {
		"L1", "L2", "W1", "L1", "L2", "W1"
	};
	struct la_store s;
	pid_t pids[N];
	int status;

	assert_int_equal(change(f, "L1", LA_ROSTER_WARNING, "start"), 0);
	for (int i = 0; i < N; i++) {
		pids[i] = fork();
		assert_true(pids[i] >= 0);
		if (pids[i] == 0)
			_exit(change(f, licenses[i], LA_ROSTER_WARNING,
			    "concurrent") == 0 ? 0 : 1);
	}
	for (int i = 0; i < N; i++) {
		assert_int_equal(waitpid(pids[i], &status, 0), pids[i]);
		assert_true(WIFEXITED(status));
		assert_int_equal(WEXITSTATUS(status), 0);
	}
	assert_int_equal(open_store(f, &s, LA_STORE_READ), 0);
	/* The import, the first warning and one per child. */
	assert_int_equal(s.journal.ntxns, 2 + N);
	for (int i = 0; i < 2 + N; i++)
		assert_int_equal(s.journal.txns[i].number, i + 1);
	la_store_close(&s);
}

/* A child under a file size limit fails the commit and changes nothing. */
static void
test_size_limit(void **state)
{
	struct fix *f = *state;
	char *before_roster, *before_journal, *after;
	struct rlimit rl = { 256, 256 };
	pid_t pid;
	int status;

	assert_int_equal(change(f, "L1", LA_ROSTER_WARNING, "start"), 0);
	before_roster = read_file(f->path);
	before_journal = read_file(f->journal);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		signal(SIGXFSZ, SIG_IGN);
		setrlimit(RLIMIT_FSIZE, &rl);
		if (change(f, "L2", LA_ROSTER_REMOVE, "left") == 0)
			_exit(1);
		_exit(strstr(f->err.text, "File too large") != NULL ? 0 : 2);
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
	after = read_file(f->path);
	assert_string_equal(after, before_roster);
	free(after);
	after = read_file(f->journal);
	assert_string_equal(after, before_journal);
	free(after);
	free(before_roster);
	free(before_journal);
}

static void
test_history_rows(void **state)
{
	struct fix *f = *state;
	struct la_roster rows;
	struct la_store s;

	assert_int_equal(change(f, "L1", LA_ROSTER_SUSPEND, "late"), 0);
	assert_int_equal(open_store(f, &s, LA_STORE_READ), 0);
	la_roster_init(&rows);
	assert_int_equal(la_journal_history(&s.journal, "L1", LLONG_MAX,
	    &f->rules.tz, &rows, &f->err), 0);
	assert_int_equal(rows.nmembers, 2);
	assert_string_equal(la_record_find(&rows.members[1], "changes")->value,
	    "status: active -> suspended; status_since: 2024-04-01 -> "
	    "2024-07-10; status_reason: selected -> late; suspended_until: "
	    "(empty) -> 2024-12-31");
	assert_string_equal(la_record_find(&rows.members[1], "time")->value,
	    "2024-07-10T09:30:00+08:00");
	la_roster_free(&rows);
	la_store_close(&s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
		T(test_first_writer_imports),
		T(test_journal_round_trip),
		cmocka_unit_test(test_parse_time),
		T(test_torn_tail_cut),
		T(test_damaged_middle_refused),
		T(test_roll_forward),
		T(test_hand_edit_journaled),
		T(test_create_refuses_existing),
		T(test_symlink_refused),
		T(test_concurrent_commits),
		T(test_size_limit),
		T(test_history_rows),
#undef T
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
