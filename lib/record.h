/* SPDX-License-Identifier: MIT */
#ifndef LA_RECORD_H
#define LA_RECORD_H

#include <stddef.h>

#include "catalogue.h"

/*
 * A record is an ordered list of (name, value) fields plus the findings that
 * readers and rules attach to it. Values are UTF-8 and NUL-terminated; len
 * also counts any NUL bytes inside the value.
 *
 * Memory: a record owns an arena from which every value and finding text is
 * allocated. Field names are borrowed: they point into the reader's header
 * or at string literals and must outlive the record's use. la_record_reset()
 * empties the record and keeps its memory for the next one, so a stream of
 * records costs no allocation per field.
 */

enum la_kind {
	LA_KIND_TEXT = 0,	/* a string */
	LA_KIND_NUMBER,		/* a JSON number, written bare in JSON */
	LA_KIND_BOOL,		/* "true" or "false", written bare in JSON */
	LA_KIND_NULL,		/* JSON null; the value is "" */
	LA_KIND_LIST,		/* items joined with ';', or a JSON array */
	LA_KIND_JSON,		/* compact JSON text of an array or object */
	LA_KIND_FINDINGS	/* writers put the record's findings here */
};

struct la_field {
	const char *name;	/* borrowed */
	char *value;		/* in the record's arena */
	size_t len;
	enum la_kind kind;
	int id;			/* enum la_field_id, or -1 if unknown */
};

/* One rule outcome on a record. rule is a stable lower-case id. */
struct la_finding {
	const char *rule;	/* borrowed; a literal such as "window" */
	const char *field;	/* canonical field name or NULL; borrowed */
	char *message;		/* in the record's arena */
};

struct la_arena_block;

struct la_record {
	struct la_field *fields;
	size_t nfields;
	size_t fields_cap;
	struct la_finding *findings;
	size_t nfindings;
	size_t findings_cap;
	long line;		/* physical line where the record starts */
	struct la_arena_block *arena;
	/*
	 * Position + 1 in fields of the first field with each catalogue id,
	 * or 0 when there is none. The rules look fields up by id dozens of
	 * times per record, so this replaces a scan with an array access.
	 */
	size_t by_id[LA_F_COUNT];
};

void la_record_init(struct la_record *r);
void la_record_reset(struct la_record *r);
void la_record_free(struct la_record *r);

/* Copies len bytes of s into the arena, NUL-terminated. NULL on no memory. */
char *la_record_strndup(struct la_record *r, const char *s, size_t len);
char *la_record_printf(struct la_record *r, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/*
 * Appends a field; value is copied. Returns the field, or NULL on no memory.
 * The pointer stays valid until the next append or reset.
 */
struct la_field *la_record_append(struct la_record *r, const char *name,
    int id, const char *value, size_t len, enum la_kind kind);

/*
 * The same for a field of kind LA_KIND_TEXT, quicker when the record has
 * room for it, as when a reader fills a record it has reset.
 */
struct la_field *la_record_append_text(struct la_record *r, const char *name,
    int id, const char *value, size_t len);

/*
 * Sets the field with this name, appending it if absent. Returns the field
 * or NULL on no memory.
 */
struct la_field *la_record_set(struct la_record *r, const char *name,
    const char *value, enum la_kind kind);

/*
 * Sets the field with this catalogue id, appending it under its canonical
 * name if absent. A field the input has under an alias keeps the user's
 * header. Returns the field or NULL on no memory.
 */
struct la_field *la_record_set_id(struct la_record *r, int id,
    const char *value, enum la_kind kind);

/* la_record_set_id() for a value of len bytes, which may contain NUL. */
struct la_field *la_record_set_id_len(struct la_record *r, int id,
    const char *value, size_t len, enum la_kind kind);

/* First field with this catalogue id or name; NULL if none. */
struct la_field *la_record_find_id(const struct la_record *r, int id);
struct la_field *la_record_find(const struct la_record *r, const char *name);

/*
 * Value of the field with this catalogue id, as read, or NULL when the
 * field is absent.
 */
const char *la_record_get(const struct la_record *r, int id);

/*
 * Adds a finding; message is formatted into the arena. Returns 0, or -1 on
 * no memory.
 */
int la_record_add_finding(struct la_record *r, const char *rule,
    const char *field, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/*
 * Adds a finding with a message that is already formatted and translated,
 * copied into the arena. Returns 0, or -1 on no memory.
 */
int la_record_add_finding_text(struct la_record *r, const char *rule,
    const char *field, const char *message);

/* Nonzero if some finding carries this rule id. */
int la_record_has_finding(const struct la_record *r, const char *rule);

/* Copies src into dst (dst must be initialised), values and findings too. */
int la_record_copy(struct la_record *dst, const struct la_record *src);

#endif
