/* SPDX-License-Identifier: MIT */
#include <jansson.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "catalogue.h"
#include "roster_journal.h"

void
la_txn_init(struct la_txn *t, const char *command, const char *user,
    la_time time)
{
	memset(t, 0, sizeof(*t));
	snprintf(t->command, sizeof(t->command), "%s", command);
	snprintf(t->user, sizeof(t->user), "%s", user);
	t->time = time;
}

void
la_txn_free(struct la_txn *t)
{
	for (size_t i = 0; i < t->nchanges; i++) {
		la_record_free(&t->changes[i].before);
		la_record_free(&t->changes[i].after);
		free(t->changes[i].reason);
	}
	free(t->changes);
	t->changes = NULL;
	t->nchanges = t->cap = 0;
}

static int
nomem(struct la_error *err)
{
	return la_error_set(err, LA_ERR_NOMEM, NULL, 0, NULL, "out of memory");
}

/* Appends an empty change to t; NULL on no memory. */
static struct la_change *
new_change(struct la_txn *t)
{
	struct la_change *c;

	if (t->nchanges == t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 8;

		if ((c = realloc(t->changes, cap * sizeof(*c))) == NULL)
			return NULL;
		t->changes = c;
		t->cap = cap;
	}
	c = &t->changes[t->nchanges++];
	memset(c, 0, sizeof(*c));
	la_record_init(&c->before);
	la_record_init(&c->after);
	return c;
}

int
la_txn_add(struct la_txn *t, const struct la_record *before,
    const struct la_record *after, const char *reason,
    struct la_error *err)
{
	struct la_change *c = new_change(t);

	if (c == NULL)
		return nomem(err);
	c->has_before = before != NULL;
	c->has_after = after != NULL;
	if ((c->reason = strdup(reason != NULL ? reason : "")) == NULL ||
	    (before != NULL && la_record_copy(&c->before, before) == -1) ||
	    (after != NULL && la_record_copy(&c->after, after) == -1))
		return nomem(err);
	return 0;
}

const char *
la_change_license(const struct la_change *c)
{
	return la_member_license(c->has_after ? &c->after : &c->before);
}

/* Splits a ';' list into a JSON array of strings. */
static json_t *
list_to_json(const char *v)
{
	json_t *a = json_array();

	while (a != NULL && *v != '\0') {
		size_t n = strcspn(v, ";");

		json_array_append_new(a, json_stringn(v, n));
		v += n;
		if (*v == ';')
			v++;
	}
	return a;
}

static json_t *
field_to_json(const struct la_field *f)
{
	switch (f->kind) {
	case LA_KIND_LIST:
		return list_to_json(f->value);
	case LA_KIND_BOOL:
		return json_boolean(strcmp(f->value, "true") == 0);
	case LA_KIND_NULL:
		return json_null();
	default:
		return json_stringn(f->value, f->len);
	}
}

static json_t *
record_to_json(const struct la_record *r, int present)
{
	json_t *o;

	if (!present)
		return json_null();
	if ((o = json_object()) == NULL)
		return NULL;
	for (size_t i = 0; i < r->nfields; i++)
		if (json_object_set_new(o, r->fields[i].name,
		    field_to_json(&r->fields[i])) == -1) {
			json_decref(o);
			return NULL;
		}
	return o;
}

/* Formats t as local ISO 8601 time with the zone's offset. */
static void
format_time(const struct la_tz *tz, la_time t, char *buf, size_t size)
{
	struct la_date d;
	int h, m, s;
	long off;

	la_tz_from_time(tz, t, &d, &h, &m, &s);
	off = (long)((la_time)la_day_from_date(d) * 86400 + h * 3600 +
	    m * 60 + s - t);
	snprintf(buf, size, "%04d-%02d-%02dT%02d:%02d:%02d%c%02ld:%02ld",
	    d.year, d.month, d.day, h, m, s, off < 0 ? '-' : '+',
	    labs(off) / 3600, labs(off) / 60 % 60);
}

static json_t *
change_to_json(const struct la_txn *t, const struct la_change *c, long txn,
    const char *when)
{
	const struct la_record *m = c->has_after ? &c->after : &c->before;
	json_t *o = json_pack("{s:I,s:I,s:s,s:s,s:s,s:s,s:s}",
	    "txn", (json_int_t)txn, "count", (json_int_t)t->nchanges,
	    "time", when, "user", t->user, "command", t->command,
	    "member", la_change_license(c),
	    "name", la_member_get(m, LA_F_NAME));

	if (o == NULL ||
	    json_object_set_new(o, "before",
	    record_to_json(&c->before, c->has_before)) == -1 ||
	    json_object_set_new(o, "after",
	    record_to_json(&c->after, c->has_after)) == -1 ||
	    json_object_set_new(o, "reason", json_string(c->reason)) == -1) {
		json_decref(o);
		return NULL;
	}
	return o;
}

/* Appends s and a newline to the growing buffer *buf. */
static int
append_line(char **buf, size_t *len, const char *s)
{
	size_t n = strlen(s);
	char *grown = realloc(*buf, *len + n + 2);

	if (grown == NULL)
		return -1;
	memcpy(grown + *len, s, n);
	grown[*len + n] = '\n';
	grown[*len + n + 1] = '\0';
	*buf = grown;
	*len += n + 1;
	return 0;
}

int
la_txn_format(const struct la_txn *t, long txn, const struct la_tz *tz,
    char **text, size_t *len, struct la_error *err)
{
	char when[40];

	*text = NULL;
	*len = 0;
	format_time(tz, t->time, when, sizeof(when));
	for (size_t i = 0; i < t->nchanges; i++) {
		json_t *o = change_to_json(t, &t->changes[i], txn, when);
		char *line = o != NULL ? json_dumps(o, JSON_COMPACT |
		    JSON_PRESERVE_ORDER) : NULL;
		int rc = line != NULL ? append_line(text, len, line) : -1;

		free(line);
		json_decref(o);
		if (rc == -1) {
			free(*text);
			*text = NULL;
			return nomem(err);
		}
	}
	return 0;
}

int
la_journal_parse_time(const char *s, la_time *t)
{
	struct la_date d;
	int h, m, sec, oh, om, n = 0;
	char sign;

	if (sscanf(s, "%4d-%2d-%2dT%2d:%2d:%2d%c%2d:%2d%n", &d.year,
	    &d.month, &d.day, &h, &m, &sec, &sign, &oh, &om, &n) != 9 ||
	    s[n] != '\0' || (sign != '+' && sign != '-') ||
	    !la_date_valid(d.year, d.month, d.day))
		return -1;
	*t = (la_time)la_day_from_date(d) * 86400 + h * 3600 + m * 60 + sec;
	*t -= (sign == '+' ? 1 : -1) * (la_time)(oh * 3600 + om * 60);
	return 0;
}

void
la_journal_init(struct la_journal *j)
{
	memset(j, 0, sizeof(*j));
	la_roster_init(&j->names);
}

void
la_journal_free(struct la_journal *j)
{
	for (size_t i = 0; i < j->ntxns; i++)
		la_txn_free(&j->txns[i]);
	free(j->txns);
	la_roster_free(&j->names);
	memset(j, 0, sizeof(*j));
}

long
la_journal_last(const struct la_journal *j)
{
	return j->ntxns > 0 ? j->txns[j->ntxns - 1].number : 0;
}

/* Joins a JSON array of strings with ';'; allocated, NULL on no memory. */
static char *
join_array(json_t *a)
{
	size_t i, len = 0;
	json_t *e;
	char *text;

	json_array_foreach(a, i, e)
		len += strlen(json_is_string(e) ? json_string_value(e) : "") + 1;
	if ((text = malloc(len + 1)) == NULL)
		return NULL;
	text[0] = '\0';
	json_array_foreach(a, i, e) {
		if (i > 0)
			strcat(text, ";");
		strcat(text, json_is_string(e) ? json_string_value(e) : "");
	}
	return text;
}

/* The text and kind of a journal value; the text is allocated. */
static char *
json_to_text(json_t *v, enum la_kind *kind)
{
	*kind = LA_KIND_TEXT;
	if (json_is_array(v)) {
		*kind = LA_KIND_LIST;
		return join_array(v);
	}
	if (json_is_boolean(v)) {
		*kind = LA_KIND_BOOL;
		return strdup(json_is_true(v) ? "true" : "false");
	}
	if (json_is_null(v)) {
		*kind = LA_KIND_NULL;
		return strdup("");
	}
	return strdup(json_is_string(v) ? json_string_value(v) : "");
}

/* Turns a journal object back into a record with interned names. */
static int
json_to_record(struct la_journal *j, json_t *o, struct la_record *r)
{
	const char *key;
	json_t *v;

	json_object_foreach(o, key, v) {
		const char *name = la_roster_intern(&j->names, key);
		enum la_kind kind;
		char *text = json_to_text(v, &kind);
		int rc = -1;

		if (name != NULL && text != NULL && la_record_append(r, name,
		    la_field_lookup(key, strlen(key)), text, strlen(text),
		    kind) != NULL)
			rc = 0;
		free(text);
		if (rc == -1)
			return -1;
	}
	return 0;
}

/* The fields of one journal line; strings are borrowed from the JSON. */
struct entry {
	long txn;
	long count;
	la_time time;
	const char *user;
	const char *command;
	const char *reason;
	json_t *before;
	json_t *after;
};

static int
parse_entry(json_t *o, struct entry *e)
{
	json_int_t txn, count;
	const char *time;

	if (json_unpack(o, "{s:I,s:I,s:s,s:s,s:s,s:o,s:o,s:s}", "txn", &txn,
	    "count", &count, "time", &time, "user", &e->user,
	    "command", &e->command, "before", &e->before, "after", &e->after,
	    "reason", &e->reason) == -1)
		return -1;
	if (txn < 1 || count < 1 || la_journal_parse_time(time, &e->time) ||
	    (!json_is_object(e->before) && !json_is_null(e->before)) ||
	    (!json_is_object(e->after) && !json_is_null(e->after)) ||
	    (json_is_null(e->before) && json_is_null(e->after)))
		return -1;
	e->txn = (long)txn;
	e->count = (long)count;
	return 0;
}

/* Appends an empty transaction to j for entry e. */
static struct la_txn *
open_txn(struct la_journal *j, const struct entry *e, long line)
{
	struct la_txn *t;

	if (j->ntxns == j->cap) {
		size_t cap = j->cap ? j->cap * 2 : 16;

		if ((t = realloc(j->txns, cap * sizeof(*t))) == NULL)
			return NULL;
		j->txns = t;
		j->cap = cap;
	}
	t = &j->txns[j->ntxns++];
	la_txn_init(t, e->command, e->user, e->time);
	t->number = e->txn;
	t->line = line;
	return t;
}

static int
add_entry(struct la_journal *j, struct la_txn *t, const struct entry *e)
{
	struct la_change *c = new_change(t);

	if (c == NULL || (c->reason = strdup(e->reason)) == NULL)
		return -1;
	c->has_before = json_is_object(e->before);
	c->has_after = json_is_object(e->after);
	if ((c->has_before && json_to_record(j, e->before, &c->before)) ||
	    (c->has_after && json_to_record(j, e->after, &c->after)))
		return -1;
	return 0;
}

/* Drops the last transaction of j, which was left unfinished. */
static void
drop_open_txn(struct la_journal *j)
{
	la_txn_free(&j->txns[--j->ntxns]);
}

/* Reads all of fp into an allocated buffer. */
static char *
read_all(FILE *fp, long *len)
{
	size_t cap = 8192, n = 0, got;
	char *buf = malloc(cap), *grown;

	while (buf != NULL && (got = fread(buf + n, 1, cap - n, fp)) > 0) {
		n += got;
		if (n == cap) {
			if ((grown = realloc(buf, cap * 2)) == NULL) {
				free(buf);
				return NULL;
			}
			buf = grown;
			cap *= 2;
		}
	}
	*len = (long)n;
	return buf;
}

/*
 * Takes one complete line into j. Returns 0, or -1 when the line is not a
 * journal entry or does not continue the open transaction.
 */
static int
take_line(struct la_journal *j, const char *s, size_t n, long line,
    struct la_txn **open, long *expect)
{
	json_t *o = json_loadb(s, n, 0, NULL);
	struct entry e;
	int rc = -1;

	if (o == NULL || parse_entry(o, &e) == -1)
		goto done;
	if (*open == NULL) {
		if (e.txn <= la_journal_last(j) ||
		    (*open = open_txn(j, &e, line)) == NULL)
			goto done;
		*expect = e.count;
	} else if (e.txn != (*open)->number || e.count != *expect) {
		goto done;
	}
	if (add_entry(j, *open, &e) == -1)
		goto done;
	rc = 0;
	if ((long)(*open)->nchanges == e.count)
		*open = NULL;
done:
	json_decref(o);
	return rc;
}

int
la_journal_read(struct la_journal *j, FILE *fp, const char *name,
    struct la_error *err)
{
	struct la_txn *open = NULL;
	long pos = 0, line = 0, bad = 0, expect = 0;
	char *buf;

	if ((buf = read_all(fp, &j->total)) == NULL)
		return nomem(err);
	if (ferror(fp)) {
		free(buf);
		return la_error_set(err, LA_ERR_IO, name, 0, NULL,
		    "cannot read the journal");
	}
	while (pos < j->total) {
		char *nl = memchr(buf + pos, '\n', (size_t)(j->total - pos));

		if (nl == NULL)
			break;
		line++;
		if (bad == 0 && take_line(j, buf + pos, (size_t)(nl - buf -
		    pos), line, &open, &expect) == -1)
			bad = line;
		else if (bad != 0 && nl > buf + pos) {
			free(buf);
			return la_error_set(err, LA_ERR_STATE, name, bad,
			    NULL, "damaged journal entry followed by "
			    "others; restore the journal from a backup");
		}
		pos = nl - buf + 1;
		if (bad == 0 && open == NULL)
			j->size = pos;
	}
	if (open != NULL)
		drop_open_txn(j);
	free(buf);
	return 0;
}

static int
replay_change(struct la_roster *out, const struct la_change *c,
    struct la_error *err)
{
	long i = la_roster_find(out, la_change_license(c));

	if (!c->has_after) {
		if (i >= 0)
			la_roster_remove(out, (size_t)i);
		return 0;
	}
	if (i >= 0)
		return la_roster_replace(out, (size_t)i, &c->after, err);
	return la_roster_append(out, &c->after, err) == -1 ? -1 : 0;
}

int
la_journal_replay(const struct la_journal *j, long upto, la_time until,
    struct la_roster *out, struct la_error *err)
{
	la_roster_clear(out);
	for (size_t t = 0; t < j->ntxns; t++) {
		const struct la_txn *txn = &j->txns[t];

		if ((upto >= 0 && txn->number > upto) || txn->time > until)
			continue;
		for (size_t c = 0; c < txn->nchanges; c++)
			if (replay_change(out, &txn->changes[c], err) == -1)
				return -1;
	}
	return 0;
}

/* An empty value in a description of changes, which must not end in a space. */
static const char *
shown(const char *value)
{
	return value[0] != '\0' ? value : "(empty)";
}

/* Appends "name: old -> new" to buf for every field that differs. */
static void
describe_changes(const struct la_change *c, char *buf, size_t size)
{
	const struct la_record *a = &c->before, *b = &c->after;

	buf[0] = '\0';
	if (!c->has_before || !c->has_after)
		return;
	for (size_t i = 0; i < b->nfields; i++) {
		const struct la_field *f = la_record_find(a, b->fields[i].name);
		const char *old = f != NULL ? f->value : "";
		size_t n = strlen(buf);

		if (strcmp(old, b->fields[i].value) == 0)
			continue;
		snprintf(buf + n, size - n, "%s%s: %s -> %s", n > 0 ? "; " :
		    "", b->fields[i].name, shown(old),
		    shown(b->fields[i].value));
	}
}

static int
history_row(struct la_roster *out, const struct la_txn *t,
    const struct la_change *c, const struct la_tz *tz, struct la_error *err)
{
	const struct la_record *m = c->has_after ? &c->after : &c->before;
	char when[40], changes[2048];
	const char *values[9];
	static const char *const names[9] = {
		"time", "user", "command", "license_no", "name", "before",
		"after", "reason", "changes",
	};
	struct la_record rec;
	int rc = 0;

	format_time(tz, t->time, when, sizeof(when));
	describe_changes(c, changes, sizeof(changes));
	values[0] = when;
	values[1] = t->user;
	values[2] = t->command;
	values[3] = la_change_license(c);
	values[4] = la_member_get(m, LA_F_NAME);
	values[5] = c->has_before ? la_member_get(&c->before, LA_F_STATUS) : "";
	values[6] = c->has_after ? la_member_get(&c->after, LA_F_STATUS) : "";
	values[7] = c->reason;
	values[8] = changes;
	la_record_init(&rec);
	for (size_t i = 0; i < 9 && rc == 0; i++)
		if (la_record_append(&rec, names[i], la_field_lookup(names[i],
		    strlen(names[i])), values[i], strlen(values[i]),
		    LA_KIND_TEXT) == NULL)
			rc = nomem(err);
	if (rc == 0 && la_roster_append(out, &rec, err) == -1)
		rc = -1;
	la_record_free(&rec);
	return rc;
}

int
la_journal_history(const struct la_journal *j, const char *license,
    la_time until, const struct la_tz *tz, struct la_roster *out,
    struct la_error *err)
{
	for (size_t i = 0; i < j->ntxns; i++) {
		const struct la_txn *t = &j->txns[i];

		if (t->time > until)
			continue;
		for (size_t c = 0; c < t->nchanges; c++) {
			const struct la_change *ch = &t->changes[c];

			if (license != NULL &&
			    strcmp(la_change_license(ch), license) != 0)
				continue;
			if (history_row(out, t, ch, tz, err) == -1)
				return -1;
		}
	}
	return 0;
}
