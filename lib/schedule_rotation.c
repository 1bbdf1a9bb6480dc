/* SPDX-License-Identifier: MIT */
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "i18n.h"
#include "normalize.h"
#include "schedule_assign.h"

/*
 * The state file is a JSON object:
 *
 *   { "format": "la-schedule rotation", "version": 1,
 *     "last": "<licence number>" or null,
 *     "cases": [ { "case_id": ..., "license_no": ..., "name": ...,
 *                  "assigned_at": "2024-05-06T01:00:00Z",
 *                  "closed_at": null or a time } ] }
 *
 * Times are UTC, so the file means the same whatever the rules' zone.
 */

#define STATE_FORMAT "la-schedule rotation"
#define STATE_VERSION 1

void
la_rotation_init(struct la_rotation *rot)
{
	memset(rot, 0, sizeof(*rot));
}

void
la_rotation_free(struct la_rotation *rot)
{
	for (size_t i = 0; i < rot->n; i++) {
		free(rot->cases[i].case_id);
		free(rot->cases[i].license_no);
		free(rot->cases[i].name);
	}
	free(rot->cases);
	free(rot->slots);
	free(rot->last);
	la_rotation_init(rot);
}

static size_t
hash_text(const char *s)
{
	size_t h = 14695981039346656037ULL & SIZE_MAX;

	for (; *s != '\0'; s++) {
		h ^= (unsigned char)*s;
		h *= 1099511628211ULL & SIZE_MAX;
	}
	return h;
}

/* Open addressing with linear probing; slots hold index + 1. */
static void
slot_insert(size_t *slots, size_t nslots, const char *key, size_t index)
{
	size_t i = hash_text(key) & (nslots - 1);

	while (slots[i] != 0)
		i = (i + 1) & (nslots - 1);
	slots[i] = index + 1;
}

static int
grow_slots(struct la_rotation *rot)
{
	size_t nslots = rot->nslots ? rot->nslots * 2 : 64;
	size_t *slots;

	if (rot->nslots > 0 && (rot->n + 1) * 2 < rot->nslots)
		return 0;
	if ((slots = calloc(nslots, sizeof(*slots))) == NULL)
		return -1;
	for (size_t i = 0; i < rot->n; i++)
		slot_insert(slots, nslots, rot->cases[i].case_id, i);
	free(rot->slots);
	rot->slots = slots;
	rot->nslots = nslots;
	return 0;
}

long
la_rotation_find(const struct la_rotation *rot, const char *case_id)
{
	size_t i;

	if (rot->nslots == 0)
		return -1;
	i = hash_text(case_id) & (rot->nslots - 1);
	while (rot->slots[i] != 0) {
		size_t k = rot->slots[i] - 1;

		if (strcmp(rot->cases[k].case_id, case_id) == 0)
			return (long)k;
		i = (i + 1) & (rot->nslots - 1);
	}
	return -1;
}

long
la_rotation_add(struct la_rotation *rot, const char *case_id,
    const char *license_no, const char *name, la_time assigned_at)
{
	struct la_rotation_case *c;

	if (grow_slots(rot) != 0)
		return -1;
	if (rot->n == rot->cap) {
		size_t cap = rot->cap ? rot->cap * 2 : 64;

		if ((c = realloc(rot->cases, cap * sizeof(*c))) == NULL)
			return -1;
		rot->cases = c;
		rot->cap = cap;
	}
	c = &rot->cases[rot->n];
	memset(c, 0, sizeof(*c));
	c->case_id = strdup(case_id);
	c->license_no = strdup(license_no);
	c->name = strdup(name);
	c->assigned_at = assigned_at;
	c->open = 1;
	if (c->case_id == NULL || c->license_no == NULL || c->name == NULL) {
		free(c->case_id);
		free(c->license_no);
		free(c->name);
		return -1;
	}
	slot_insert(rot->slots, rot->nslots, case_id, rot->n);
	return (long)rot->n++;
}

static void
format_utc(la_time t, char *buf, size_t size)
{
	la_day day = (la_day)(t / 86400 - (t % 86400 < 0));
	long secs = (long)(t - (la_time)day * 86400);
	struct la_date d = la_date_from_day(day);

	snprintf(buf, size, "%04d-%02d-%02dT%02ld:%02ld:%02ldZ", d.year,
	    d.month, d.day, secs / 3600, secs / 60 % 60, secs % 60);
}

static int
parse_utc(const char *s, la_time *t)
{
	struct la_date d;
	int h, m, sec, n = 0;

	if (sscanf(s, "%4d-%2d-%2dT%2d:%2d:%2dZ%n", &d.year, &d.month, &d.day,
	    &h, &m, &sec, &n) != 6 || s[n] != '\0' ||
	    !la_date_valid(d.year, d.month, d.day) || h > 23 || m > 59 ||
	    sec > 59 || h < 0 || m < 0 || sec < 0)
		return -1;
	*t = (la_time)la_day_from_date(d) * 86400 + h * 3600 + m * 60 + sec;
	return 0;
}

static int
bad_state(struct la_error *err, const char *path, const char *key,
    const char *what)
{
	return la_error_set(err, LA_ERR_STATE, path, 0, key,
	    _("invalid rotation state in %s: %s"), key, what);
}

static const char *
text_of(const json_t *o, const char *key)
{
	const json_t *v = json_object_get(o, key);

	return json_is_string(v) ? json_string_value(v) : NULL;
}

static int
load_case(struct la_rotation *rot, const json_t *o, const char *path,
    struct la_error *err)
{
	const char *id = text_of(o, "case_id"), *lic = text_of(o, "license_no");
	const char *name = text_of(o, "name"), *at = text_of(o, "assigned_at");
	const json_t *closed = json_object_get(o, "closed_at");
	la_time t, c = 0;
	long k;

	if (id == NULL || lic == NULL || at == NULL || parse_utc(at, &t) != 0)
		return bad_state(err, path, "cases",
		    _("a case needs case_id, license_no and assigned_at "
		    "(YYYY-MM-DDTHH:MM:SSZ)"));
	if (closed != NULL && !json_is_null(closed) &&
	    (!json_is_string(closed) ||
	    parse_utc(json_string_value(closed), &c) != 0))
		return bad_state(err, path, "closed_at",
		    _("expected null or YYYY-MM-DDTHH:MM:SSZ"));
	if (la_rotation_find(rot, id) >= 0)
		return bad_state(err, path, "case_id",
		    _("a case_id is listed twice"));
	if ((k = la_rotation_add(rot, id, lic, name != NULL ? name : "",
	    t)) < 0)
		return la_error_set(err, LA_ERR_NOMEM, path, 0, NULL,
		    _("out of memory"));
	if (closed != NULL && !json_is_null(closed)) {
		rot->cases[k].open = 0;
		rot->cases[k].closed_at = c;
	}
	return 0;
}

static int
load_object(struct la_rotation *rot, const json_t *root, const char *path,
    struct la_error *err)
{
	const char *format = text_of(root, "format");
	const json_t *version = json_object_get(root, "version");
	const json_t *last = json_object_get(root, "last");
	const json_t *cases = json_object_get(root, "cases");
	size_t i;
	json_t *c;

	if (format == NULL || strcmp(format, STATE_FORMAT) != 0)
		return bad_state(err, path, "format",
		    _("not a la-schedule rotation state"));
	if (!json_is_integer(version) ||
	    json_integer_value(version) != STATE_VERSION)
		return bad_state(err, path, "version", _("expected 1"));
	if (last != NULL && !json_is_null(last) && !json_is_string(last))
		return bad_state(err, path, "last",
		    _("expected a licence number or null"));
	if (!json_is_array(cases))
		return bad_state(err, path, "cases", _("expected an array"));
	if (json_is_string(last) &&
	    (rot->last = strdup(json_string_value(last))) == NULL)
		return la_error_set(err, LA_ERR_NOMEM, path, 0, NULL,
		    _("out of memory"));
	json_array_foreach(cases, i, c) {
		if (!json_is_object(c) || load_case(rot, c, path, err) != 0)
			return bad_state(err, path, "cases",
			    _("expected an array of objects"));
	}
	return 0;
}

int
la_rotation_load(struct la_rotation *rot, const char *path,
    struct la_error *err)
{
	json_error_t jerr;
	json_t *root;
	int rc;

	if (access(path, F_OK) != 0 && errno == ENOENT)
		return 0;
	if ((root = json_load_file(path, JSON_REJECT_DUPLICATES,
	    &jerr)) == NULL) {
		la_error_set(err, LA_ERR_STATE, path, jerr.line, NULL,
		    _("cannot read the rotation state: %s"), jerr.text);
		return -1;
	}
	if (!json_is_object(root))
		rc = bad_state(err, path, "(top)", _("expected an object"));
	else
		rc = load_object(rot, root, path, err);
	json_decref(root);
	return rc;
}

/* Writes s as a JSON string (RFC 8259): quotes, backslash and controls. */
static void
put_string(FILE *fp, const char *s)
{
	fputc('"', fp);
	for (; *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '"' || c == '\\')
			fprintf(fp, "\\%c", c);
		else if (c < 0x20)
			fprintf(fp, "\\u%04x", c);
		else
			fputc(c, fp);
	}
	fputc('"', fp);
}

/*
 * Writes the state one case a line. It is written directly rather than
 * built as a jansson tree, which for 100,000 cases needs about 100 MB.
 */
static void
write_state(const struct la_rotation *rot, FILE *fp)
{
	char at[64];

	fprintf(fp, "{\n \"format\": \"%s\",\n \"version\": %d,\n"
	    " \"last\": ", STATE_FORMAT, STATE_VERSION);
	if (rot->last != NULL)
		put_string(fp, rot->last);
	else
		fputs("null", fp);
	fputs(",\n \"cases\": [", fp);
	for (size_t i = 0; i < rot->n; i++) {
		const struct la_rotation_case *c = &rot->cases[i];

		fputs(i > 0 ? ",\n  {\"case_id\": " : "\n  {\"case_id\": ", fp);
		put_string(fp, c->case_id);
		fputs(", \"license_no\": ", fp);
		put_string(fp, c->license_no);
		fputs(", \"name\": ", fp);
		put_string(fp, c->name);
		format_utc(c->assigned_at, at, sizeof(at));
		fprintf(fp, ", \"assigned_at\": \"%s\", \"closed_at\": ", at);
		if (c->open)
			fputs("null}", fp);
		else {
			format_utc(c->closed_at, at, sizeof(at));
			fprintf(fp, "\"%s\"}", at);
		}
	}
	fputs(rot->n > 0 ? "\n ]\n}\n" : "]\n}\n", fp);
}

static int
io_failed(struct la_error *err, const char *path, const char *what)
{
	return la_error_set(err, LA_ERR_IO, path, 0, NULL, "%s: %s", what,
	    strerror(errno));
}

/* Prefix of the temporary files, after "." and the state file's name. */
#define TEMP_TAG ".tmp-"

/*
 * Splits path into its folder (returned, to be freed; "." when path has
 * none) and its last component (*base, pointing into path).
 */
static char *
split_path(const char *path, const char **base)
{
	const char *slash = strrchr(path, '/');

	if (slash == NULL) {
		*base = path;
		return strdup(".");
	}
	*base = slash + 1;
	if (slash == path)
		return strdup("/");
	return strndup(path, (size_t)(slash - path));
}

/* Nonzero when name is ".BASE.tmp-XXXXXX", as replace_file() makes. */
static int
is_temp_name(const char *name, const char *base)
{
	size_t n = strlen(base), tag = strlen(TEMP_TAG);

	return name[0] == '.' && strncmp(name + 1, base, n) == 0 &&
	    strncmp(name + 1 + n, TEMP_TAG, tag) == 0 &&
	    strlen(name + 1 + n + tag) == 6;
}

/*
 * Removes the temporary files beside path that runs killed while saving
 * left. Only the holder of the state's lock writes such a file, so any
 * that the holder finds is left over.
 */
static void
remove_stale_temps(const char *path)
{
	const char *base;
	char *dir = split_path(path, &base), *file;
	struct dirent *e;
	DIR *d;

	if (dir == NULL || (d = opendir(dir)) == NULL) {
		free(dir);
		return;
	}
	while ((e = readdir(d)) != NULL) {
		if (!is_temp_name(e->d_name, base))
			continue;
		file = malloc(strlen(dir) + strlen(e->d_name) + 2);
		if (file == NULL)
			break;
		sprintf(file, "%s/%s", dir, e->d_name);
		unlink(file);
		free(file);
	}
	closedir(d);
	free(dir);
}

/*
 * Writes rot to a new file beside path, ".BASE.tmp-XXXXXX", and renames
 * it over path.
 */
static int
replace_file(const struct la_rotation *rot, const char *path,
    struct la_error *err)
{
	const char *base;
	char *dir = split_path(path, &base), *tmp = NULL;
	FILE *fp = NULL;
	int fd, rc = -1;

	if (dir != NULL)
		tmp = malloc(strlen(dir) + strlen(base) +
		    strlen(TEMP_TAG) + 10);
	if (tmp == NULL) {
		free(dir);
		return la_error_set(err, LA_ERR_NOMEM, path, 0, NULL,
		    _("out of memory"));
	}
	sprintf(tmp, "%s/.%s%sXXXXXX", dir, base, TEMP_TAG);
	free(dir);
	remove_stale_temps(path);
	if ((fd = mkstemp(tmp)) == -1) {
		io_failed(err, path, _("cannot create a temporary file"));
		free(tmp);
		return -1;
	}
	if ((fp = fdopen(fd, "w")) != NULL)
		write_state(rot, fp);
	if (fp == NULL || ferror(fp) || fflush(fp) != 0 || fsync(fd) != 0)
		io_failed(err, path, _("cannot write the rotation state"));
	else
		rc = 0;
	if (fp != NULL ? fclose(fp) != 0 : close(fd) != 0)
		rc = rc == 0 ? io_failed(err, path,
		    _("cannot write the rotation state")) : rc;
	if (rc == 0 && rename(tmp, path) != 0)
		rc = io_failed(err, path,
		    _("cannot replace the rotation state"));
	if (rc != 0)
		unlink(tmp);
	free(tmp);
	return rc;
}

int
la_rotation_save(const struct la_rotation *rot, const char *path,
    struct la_error *err)
{
	return replace_file(rot, path, err);
}

int
la_rotation_lock(const char *path, struct la_error *err)
{
	struct flock fl;
	size_t len = strlen(path) + 6;
	char *lock = malloc(len);
	int fd;

	if (lock == NULL)
		return la_error_set(err, LA_ERR_NOMEM, path, 0, NULL,
		    _("out of memory"));
	snprintf(lock, len, "%s.lock", path);
	if ((fd = open(lock, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC,
	    0600)) == -1) {
		io_failed(err, lock, _("cannot open the lock file"));
		free(lock);
		return -1;
	}
	memset(&fl, 0, sizeof(fl));
	fl.l_type = F_WRLCK;
	fl.l_whence = SEEK_SET;
	while (fcntl(fd, F_SETLKW, &fl) == -1) {
		if (errno == EINTR)
			continue;
		io_failed(err, lock, _("cannot lock the rotation state"));
		close(fd);
		free(lock);
		return -1;
	}
	free(lock);
	return fd;
}

void
la_rotation_unlock(int fd)
{
	if (fd >= 0)
		close(fd);
}

static const char *const case_id_names[] = { "case_id", "案件编号", "案号",
    NULL };
static const char *const closed_names[] = { "closed_at", "结案时间",
    "结案日期", NULL };

static int
close_one(struct la_rotation *rot, const struct la_record *rec,
    const char *file, const struct la_tz *tz, la_time now,
    const struct la_diag *diag, struct la_error *err)
{
	const char *id = la_schedule_field(rec, case_id_names);
	const char *at = la_schedule_field(rec, closed_names);
	char why[128], buf[256];
	size_t len = 0, at_len = 0;
	la_time t = now;
	int has_time;
	long k;

	if (id != NULL)
		id = la_trim(id, &len);
	if (len == 0)
		return la_error_set(err, LA_ERR_VALUE, file, rec->line,
		    "case_id", _("missing case_id"));
	snprintf(buf, sizeof(buf), "%.*s", (int)len, id);
	if (at != NULL)
		la_trim(at, &at_len);
	if (at_len > 0 &&
	    la_parse_time(at, tz, &t, &has_time, why, sizeof(why)) != 0)
		return la_error_set(err, LA_ERR_VALUE, file, rec->line,
		    "closed_at", _("invalid closed_at: \"%s\": %s"), at, why);
	if ((k = la_rotation_find(rot, buf)) < 0) {
		la_warn(diag, file, rec->line, "case_id",
		    _("case_id \"%s\" was never assigned: nothing to close"),
		    buf);
		return 0;
	}
	if (rot->cases[k].open) {
		rot->cases[k].open = 0;
		rot->cases[k].closed_at = t;
	}
	return 0;
}

int
la_rotation_read_closed(struct la_rotation *rot, struct la_reader *rd,
    const char *file, const struct la_tz *tz, la_time now,
    const struct la_diag *diag, struct la_error *err)
{
	struct la_record rec;
	int rc;

	la_record_init(&rec);
	while ((rc = la_reader_next(rd, &rec, err)) == 1)
		if ((rc = close_one(rot, &rec, file, tz, now, diag, err)) != 0)
			break;
	la_record_free(&rec);
	return rc == -1 ? -1 : 0;
}
