/* SPDX-License-Identifier: MIT */
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "roster_store.h"

#define TEMP_SUFFIX ".XXXXXX"

static int
nomem(struct la_error *err)
{
	return la_error_set(err, LA_ERR_NOMEM, NULL, 0, NULL, "out of memory");
}

static int
io_error(struct la_error *err, const char *file, const char *what)
{
	return la_error_set(err, LA_ERR_IO, file, 0, NULL, "%s: %s", what,
	    strerror(errno));
}

static char *
concat(const char *a, const char *b)
{
	size_t n = strlen(a) + strlen(b) + 1;
	char *s = malloc(n);

	if (s != NULL)
		snprintf(s, n, "%s%s", a, b);
	return s;
}

/* Folder of path ("." for a bare name), allocated. */
static char *
folder_of(const char *path)
{
	const char *slash = strrchr(path, '/');

	if (slash == NULL)
		return strdup(".");
	if (slash == path)
		return strdup("/");
	return strndup(path, (size_t)(slash - path));
}

/* Name of the temporary files of path: ".BASE.XXXXXX" in its folder. */
static char *
temp_template(const char *path)
{
	const char *slash = strrchr(path, '/');
	const char *base = slash != NULL ? slash + 1 : path;
	char *dir = folder_of(path), *t;
	size_t n;

	if (dir == NULL)
		return NULL;
	n = strlen(dir) + strlen(base) + sizeof(TEMP_SUFFIX) + 3;
	if ((t = malloc(n)) != NULL)
		snprintf(t, n, "%s/.%s%s", dir, base, TEMP_SUFFIX);
	free(dir);
	return t;
}

void
la_store_user(char *buf, size_t size)
{
	struct passwd *pw = getpwuid(geteuid());

	if (pw != NULL && pw->pw_name != NULL)
		snprintf(buf, size, "%s", pw->pw_name);
	else
		snprintf(buf, size, "%ld", (long)geteuid());
}

static int
take_lock(struct la_store *s, struct la_error *err)
{
	struct flock fl = { .l_whence = SEEK_SET };
	int exclusive = s->mode != LA_STORE_READ;
	int flags = (exclusive ? O_RDWR | O_CREAT : O_RDONLY) | O_CLOEXEC |
	    O_NOFOLLOW;

	if ((s->lock_fd = open(s->lock_path, flags, 0600)) == -1) {
		if (!exclusive)
			return 0;	/* a reader without write access */
		return io_error(err, s->lock_path,
		    "cannot open the lock file");
	}
	fl.l_type = exclusive ? F_WRLCK : F_RDLCK;
	while (fcntl(s->lock_fd, F_SETLKW, &fl) == -1)
		if (errno != EINTR)
			return io_error(err, s->lock_path,
			    "cannot lock the roster");
	return 0;
}

/* Opens path for reading without following a symbolic link. */
static FILE *
open_plain(const char *path, int *missing, struct la_error *err)
{
	int fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	FILE *fp;

	*missing = fd == -1 && errno == ENOENT;
	if (fd == -1) {
		if (!*missing)
			io_error(err, path, errno == ELOOP ?
			    "refusing a symbolic link" : "cannot open");
		return NULL;
	}
	if ((fp = fdopen(fd, "r")) == NULL) {
		io_error(err, path, "cannot open");
		close(fd);
	}
	return fp;
}

static int
read_journal(struct la_store *s, struct la_error *err)
{
	int missing;
	FILE *fp = open_plain(s->journal_path, &missing, err);
	int rc;

	if (fp == NULL)
		return missing ? 0 : -1;
	rc = la_journal_read(&s->journal, fp, s->journal_path, err);
	fclose(fp);
	return rc;
}

static int
read_roster(struct la_store *s, struct la_error *err)
{
	int missing;
	FILE *fp = open_plain(s->path, &missing, err);
	int rc;

	if (fp == NULL)
		return missing ? 0 : -1;
	s->exists = 1;
	rc = la_roster_read(&s->roster, fp, s->path, &s->opts.read, err);
	fclose(fp);
	return rc;
}

static enum la_format
format_from_name(const char *path)
{
	const char *dot = strrchr(path, '.');

	if (dot != NULL && strcmp(dot, ".json") == 0)
		return LA_FORMAT_JSON;
	if (dot != NULL && strcmp(dot, ".jsonl") == 0)
		return LA_FORMAT_JSONL;
	return LA_FORMAT_CSV;
}

/* Removes temporary files that a killed writer left in the folder. */
static void
remove_stale_temps(const char *path)
{
	char *tmpl = temp_template(path), *dir = folder_of(path);
	const char *base;
	size_t baselen;
	struct dirent *de;
	DIR *d;

	if (tmpl == NULL || dir == NULL || (d = opendir(dir)) == NULL)
		goto done;
	base = strrchr(tmpl, '/') + 1;
	baselen = strlen(base) - strlen(TEMP_SUFFIX) + 1;
	while ((de = readdir(d)) != NULL) {
		if (strncmp(de->d_name, base, baselen) != 0 ||
		    strlen(de->d_name) != strlen(base))
			continue;
		if (unlinkat(dirfd(d), de->d_name, 0) == -1 && errno != ENOENT)
			break;
	}
	closedir(d);
done:
	free(tmpl);
	free(dir);
}

/* Cuts an unfinished transaction off the end of the journal. */
static int
cut_torn_tail(struct la_store *s, struct la_error *err)
{
	int fd;

	if (s->journal.size == s->journal.total)
		return 0;
	fd = open(s->journal_path, O_WRONLY | O_NOFOLLOW | O_CLOEXEC);
	if (fd == -1 || ftruncate(fd, s->journal.size) == -1 ||
	    fsync(fd) == -1) {
		io_error(err, s->journal_path,
		    "cannot cut an unfinished entry off the journal");
		if (fd != -1)
			close(fd);
		return -1;
	}
	close(fd);
	s->journal.total = s->journal.size;
	return 0;
}

/*
 * Keeps the permission bits of the roster being replaced, less any access
 * for others; a new roster is readable by its owner only.
 */
static mode_t
roster_mode(const char *path)
{
	struct stat st;

	if (lstat(path, &st) == 0 && S_ISREG(st.st_mode))
		return st.st_mode & 0770;
	return 0600;
}

/* Says why the new roster could not be written: errno, or the writer. */
static void
write_failed(struct la_error *err, const char *path,
    const struct la_error *werr)
{
	la_error_set(err, LA_ERR_IO, path, 0, NULL, "cannot write the new "
	    "roster: %s; the roster was left unchanged", errno != 0 ?
	    strerror(errno) : werr->text);
}

/* Writes r to a new temporary file; *tmp receives its allocated name. */
static int
write_temp(struct la_store *s, const struct la_roster *r, char **tmp,
    struct la_error *err)
{
	struct la_write_opts wo = { .format = r->format };
	struct la_error werr;
	FILE *fp = NULL;
	int fd;

	wo.bom = wo.format == LA_FORMAT_CSV;
	if ((*tmp = temp_template(s->path)) == NULL)
		return nomem(err);
	if ((fd = mkstemp(*tmp)) == -1) {
		io_error(err, s->path, "cannot create a temporary file");
		goto fail;
	}
	if (fchmod(fd, roster_mode(s->path)) == -1 ||
	    (fp = fdopen(fd, "w")) == NULL) {
		io_error(err, *tmp, "cannot write the new roster");
		close(fd);
		goto fail;
	}
	la_error_clear(&werr);
	errno = 0;
	if (la_roster_write(r, fp, s->path, &wo, &werr) == -1 ||
	    fflush(fp) != 0 || fsync(fileno(fp)) == -1) {
		write_failed(err, s->path, &werr);
		fclose(fp);
		goto fail;
	}
	if (fclose(fp) != 0) {
		write_failed(err, s->path, &werr);
		goto fail;
	}
	return 0;
fail:
	if (fd != -1)
		unlink(*tmp);
	free(*tmp);
	*tmp = NULL;
	return -1;
}

static int
write_all(int fd, const char *buf, size_t len)
{
	while (len > 0) {
		ssize_t n = write(fd, buf, len);

		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1)
			return -1;
		buf += n;
		len -= (size_t)n;
	}
	return 0;
}

/*
 * Appends t to the journal as transaction number txn and fsyncs it. On
 * failure the journal is cut back to its old size.
 */
static int
append_journal(struct la_store *s, const struct la_txn *t, long txn,
    off_t *old_size, struct la_error *err)
{
	int fd = open(s->journal_path, O_WRONLY | O_APPEND | O_CREAT |
	    O_NOFOLLOW | O_CLOEXEC, 0600);
	char *text;
	size_t len;
	struct stat st;
	int saved;

	if (fd == -1)
		return io_error(err, s->journal_path,
		    "cannot open the journal");
	if (la_txn_format(t, txn, s->opts.tz, &text, &len, err) == -1) {
		close(fd);
		return -1;
	}
	st.st_size = 0;
	if (fstat(fd, &st) == -1 || write_all(fd, text, len) == -1 ||
	    fsync(fd) == -1) {
		saved = errno;
		if (ftruncate(fd, st.st_size) == 0)
			fsync(fd);
		errno = saved;
		la_error_set(err, LA_ERR_IO, s->journal_path, 0, NULL,
		    "cannot write the journal: %s; the roster was left "
		    "unchanged", strerror(errno));
		free(text);
		close(fd);
		return -1;
	}
	free(text);
	*old_size = st.st_size;
	return close(fd) == -1 ? io_error(err, s->journal_path,
	    "cannot write the journal") : 0;
}

/* Takes back a journaled transaction whose roster could not be renamed. */
static void
cut_journal(struct la_store *s, off_t size)
{
	int fd = open(s->journal_path, O_WRONLY | O_NOFOLLOW | O_CLOEXEC);

	if (fd == -1)
		return;
	if (ftruncate(fd, size) == 0)
		fsync(fd);
	close(fd);
}

static int
sync_folder(const char *path)
{
	char *dir = folder_of(path);
	int fd = dir != NULL ? open(dir, O_RDONLY | O_DIRECTORY |
	    O_CLOEXEC) : -1;
	int rc = fd != -1 && fsync(fd) == 0 ? 0 : -1;

	if (fd != -1)
		close(fd);
	free(dir);
	return rc;
}

/*
 * Replaces the roster with r, journaling t first unless t is NULL (a roll
 * forward, whose transaction is already in the journal).
 */
static int
replace(struct la_store *s, const struct la_roster *r,
    const struct la_txn *t, struct la_error *err)
{
	off_t old_size = -1;
	char *tmp;

	if (write_temp(s, r, &tmp, err) == -1)
		return -1;
	if (t != NULL && append_journal(s, t, s->last_txn + 1, &old_size,
	    err) == -1) {
		unlink(tmp);
		free(tmp);
		return -1;
	}
	if (rename(tmp, s->path) == -1) {
		io_error(err, s->path, "cannot replace the roster");
		if (old_size >= 0)
			cut_journal(s, old_size);
		unlink(tmp);
		free(tmp);
		return -1;
	}
	free(tmp);
	if (t != NULL)
		s->last_txn++;
	if (sync_folder(s->path) == -1)
		return io_error(err, s->path,
		    "roster replaced, but its folder could not be synced");
	s->exists = 1;
	return 0;
}

/* Records how the roster differs from the journal's state j. */
static int
record_edit(struct la_store *s, const struct la_roster *j,
    struct la_error *err)
{
	const struct la_roster *r = &s->roster;
	const char *why = "changed outside la-roster";
	struct la_txn t;
	off_t old_size;
	int rc = 0;

	la_txn_init(&t, "edit", s->opts.user, s->opts.now);
	for (size_t i = 0; i < r->nmembers && rc == 0; i++) {
		long k = la_roster_find(j, la_member_license(&r->members[i]));

		if (k == -1)
			rc = la_txn_add(&t, NULL, &r->members[i], why, err);
		else if (!la_member_equal(&j->members[k], &r->members[i]))
			rc = la_txn_add(&t, &j->members[k], &r->members[i],
			    why, err);
	}
	for (size_t k = 0; k < j->nmembers && rc == 0; k++)
		if (la_roster_find(r, la_member_license(&j->members[k])) == -1)
			rc = la_txn_add(&t, &j->members[k], NULL, why, err);
	if (rc == 0 && t.nchanges > 0) {
		rc = append_journal(s, &t, s->last_txn + 1, &old_size, err);
		if (rc == 0)
			s->last_txn++;
	}
	la_txn_free(&t);
	return rc;
}

/*
 * Brings roster and journal into agreement under the exclusive lock: rolls
 * an interrupted commit forward, or journals a change made by hand.
 */
static int
reconcile(struct la_store *s, struct la_error *err)
{
	struct la_roster now, before;
	long last = s->last_txn;
	int rc = 0;

	la_roster_init(&now);
	la_roster_init(&before);
	if (la_journal_replay(&s->journal, -1, LLONG_MAX, &now, err) == -1 ||
	    la_journal_replay(&s->journal, last - 1, LLONG_MAX, &before,
	    err) == -1) {
		rc = -1;
	} else if (s->exists && la_roster_equal(&s->roster, &now)) {
		rc = 0;
	} else if (last > 0 && la_roster_equal(&s->roster, &before)) {
		now.format = s->exists ? s->roster.format : s->opts.format;
		rc = replace(s, &now, NULL, err);
		if (rc == 0)
			rc = la_roster_copy(&s->roster, &now, err);
		s->recovered = 1;
	} else if (!s->exists) {
		rc = la_error_set(err, LA_ERR_STATE, s->path, 0, NULL,
		    "roster not found%s", last > 0 ? ", but its journal "
		    "exists; rebuild it with: la-roster history --state" : "");
	} else {
		rc = record_edit(s, &now, err);
		s->recovered = 1;
	}
	la_roster_free(&now);
	la_roster_free(&before);
	return rc;
}

static int
set_paths(struct la_store *s, const char *path)
{
	s->path = strdup(path);
	s->journal_path = concat(path, ".journal");
	s->lock_path = concat(path, ".lock");
	return s->path && s->journal_path && s->lock_path ? 0 : -1;
}

static int
open_files(struct la_store *s, struct la_error *err)
{
	if (take_lock(s, err) == -1 || read_journal(s, err) == -1 ||
	    read_roster(s, err) == -1)
		return -1;
	s->last_txn = la_journal_last(&s->journal);
	if (!s->exists)
		s->roster.format = s->opts.format;
	switch (s->mode) {
	case LA_STORE_READ:
		if (!s->exists && s->last_txn == 0)
			return la_error_set(err, LA_ERR_IO, s->path, 0, NULL,
			    "roster not found");
		return 0;
	case LA_STORE_CREATE:
		if (s->exists || s->journal.total > 0)
			return la_error_set(err, LA_ERR_STATE, s->path, 0,
			    NULL, "%s already exists; a new term starts a "
			    "new roster (see renew)", s->exists ? "roster" :
			    "its journal");
		return 0;
	case LA_STORE_UPDATE:
		break;
	}
	remove_stale_temps(s->path);
	if (cut_torn_tail(s, err) == -1)
		return -1;
	return reconcile(s, err);
}

int
la_store_open(struct la_store *s, const char *path, enum la_store_mode mode,
    const struct la_store_opts *opts, struct la_error *err)
{
	memset(s, 0, sizeof(*s));
	s->lock_fd = -1;
	s->mode = mode;
	s->opts = *opts;
	if (s->opts.format == LA_FORMAT_AUTO)
		s->opts.format = format_from_name(path);
	la_roster_init(&s->roster);
	la_journal_init(&s->journal);
	if (set_paths(s, path) == -1) {
		la_store_close(s);
		return nomem(err);
	}
	if (open_files(s, err) == -1) {
		la_store_close(s);
		return -1;
	}
	return 0;
}

int
la_store_commit(struct la_store *s, const struct la_txn *t,
    struct la_error *err)
{
	if (t->nchanges == 0)
		return 0;
	if (s->mode == LA_STORE_READ)
		return la_error_set(err, LA_ERR_USAGE, s->path, 0, NULL,
		    "roster opened for reading only");
	if (la_roster_check(&s->roster, s->path, err) == -1)
		return -1;
	return replace(s, &s->roster, t, err);
}

void
la_store_close(struct la_store *s)
{
	if (s->lock_fd != -1)
		close(s->lock_fd);
	la_roster_free(&s->roster);
	la_journal_free(&s->journal);
	free(s->path);
	free(s->journal_path);
	free(s->lock_path);
	memset(s, 0, sizeof(*s));
	s->lock_fd = -1;
}
