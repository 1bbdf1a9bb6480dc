/* SPDX-License-Identifier: MIT */
#ifndef LA_VALIDATE_IMPL_H
#define LA_VALIDATE_IMPL_H

#include "catalogue.h"
#include "validate.h"

/*
 * An ID or licence number as la_clean_digits() left it. The identity,
 * licence and duplicate rules all read it, so it is cleaned once.
 */
struct clean_number {
	int done;		/* nonzero once cleaned */
	int rc;			/* result of la_clean_digits() */
	unsigned flags;		/* enum la_norm_flag */
	char text[256];
	char why[256];		/* the reason when rc is not LA_NORM_OK */
};

/* A date field as one rule read it, for the next rule that reads it. */
struct date_read {
	int done;		/* nonzero once read */
	int rc;			/* 0, or -1 with an "input" finding */
	int present;
	la_day day;
};

/*
 * State of the checks on one record; private to validate*.c.
 * la_validate_record() zeroes the members before id_number and marks the
 * two numbers as not yet cleaned, which spares a memset of their buffers
 * on every record.
 */
struct check {
	struct la_validate *v;
	const struct la_rules *rules;
	struct la_record *r;
	enum la_category category;
	unsigned requested;	/* services asked for */
	unsigned removed;	/* services the person does not qualify for */
	int blocking;		/* findings that make the record ineligible */
	int late;
	int failed;		/* no memory */
	/* Findings the record had before the checks, as read. */
	size_t read_findings;
	/* Bit (1 << id) for each field the checks gave an "input" finding. */
	unsigned long long input_fields;
	struct date_read licensed_since;	/* both experience rules */
	struct clean_number id_number;
	struct clean_number license_no;
};

/*
 * Adds a finding on the field id (or -1 for none). A blocking finding
 * makes the record ineligible. fmt is translated here, with
 * check_gettext(), so callers pass it untranslated.
 */
void check_finding(struct check *c, const char *rule, int id, int blocking,
    const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/*
 * The two steps of check_finding(): formats the message into text, of
 * LA_FINDING_MAX + 1 bytes, then adds a finding with that message. A
 * caller that keeps the text can add the same finding again without
 * formatting it. Mark fmt with N_() for the message catalogue.
 */
void check_finding_text(struct check *c, char *text, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void check_add_finding(struct check *c, const char *rule, int id,
    int blocking, const char *text);

/*
 * Translates msgid as _() does, but looks each message up only once per
 * run. Under callgrind, dgettext() costs about 1,600 instructions a call
 * (glibc 2.36), and the findings of a run repeat a few dozen messages.
 * The cache keys on the address of msgid, so msgid must be a string
 * literal or point to one. The locale must not change during the run.
 */
const char *check_gettext(struct check *c, const char *msgid)
    __attribute__((format_arg(2)));

/* Formats into buf as snprintf() does, with fmt translated first. */
int check_format(struct check *c, char *buf, size_t size, const char *fmt,
    ...) __attribute__((format(printf, 4, 5)));

/* check_flagged() for the findings the reader left on the record. */
int check_flagged_on_read(struct check *c, int id);

/* Nonzero if the field already has an "input" finding on this record. */
static inline int
check_flagged(struct check *c, int id)
{
	if (c->input_fields & 1ULL << id)
		return 1;
	return c->read_findings > 0 && check_flagged_on_read(c, id);
}


/*
 * Returns value as a message may show it. With --mask, ID and phone
 * numbers keep only their ends, as in the field itself.
 */
const char *check_shown(struct check *c, int id, const char *value);

/* check_value_len() for a field that is not text. */
const char *check_value_other(struct check *c, const struct la_field *f,
    size_t *len);

/*
 * The field's value trimmed, or NULL if absent or empty, and its length in
 * *len. Text fields are taken as they are, so la_validate_record() trims
 * them before any check. Inline because the rules read some 40 values of
 * every record.
 */
static inline const char *
check_value_len(struct check *c, int id, size_t *len)
{
	/* As la_record_find_id() does, for the catalogue ids the rules use. */
	size_t position = c->r->by_id[id];
	const struct la_field *f;

	if (position == 0)
		return NULL;
	f = &c->r->fields[position - 1];
	/*
	 * trim_known_fields() has trimmed every text field of the catalogue
	 * and cut it at a NUL inside, so len is its strlen().
	 */
	if (f->kind != LA_KIND_TEXT)
		return check_value_other(c, f, len);
	*len = f->len;
	return f->len > 0 ? f->value : NULL;
}

/* The same without the length. */
static inline const char *
check_value(struct check *c, int id)
{
	size_t len;

	return check_value_len(c, id, &len);
}

/* The date years before day, with the fraction rounded to whole months. */
la_day check_years_before(la_day day, double years);

/* Each adds its findings to c. */
void check_window(struct check *c);
void check_documents(struct check *c);
void check_required(struct check *c);
void check_identity(struct check *c);
void check_license(struct check *c);
void check_phone(struct check *c);
void check_district(struct check *c);
void check_services(struct check *c);
void check_experience(struct check *c);
void check_discipline(struct check *c);
void check_assessment(struct check *c);
void check_prior_cases(struct check *c);
void check_flags(struct check *c);
void check_numbers(struct check *c);
void check_duplicate(struct check *c);

/*
 * The value of id_number or license_no, which must be present, cleaned
 * without the +86 rule. A value of 256 bytes or more does not fit and
 * gets rc LA_NORM_INVALID.
 */
const struct clean_number *check_clean(struct check *c, int id);

/*
 * The place of a record, as the duplicate index keeps it: the number of
 * its input above bit CHECK_FILE_SHIFT, its line below. Lines past 2^40 of
 * one input would run into the next input's.
 */
#define CHECK_FILE_SHIFT 40
#define CHECK_LINE_MASK ((1L << CHECK_FILE_SHIFT) - 1)

static inline long
check_where(const struct la_validate *v, long line)
{
	return v->file << CHECK_FILE_SHIFT | (line & CHECK_LINE_MASK);
}

/*
 * Adds the keys that wait in v->pending to the duplicate index. Returns
 * 0, or -1 on no memory.
 */
int check_index_flush(struct la_validate *v);

/*
 * Makes every key indexed so far visible to look-ups: flushes v->pending
 * and ends the index's bulk mode if la_validate_index_end() has not.
 * Returns 0, or -1 on no memory.
 */
int check_index_ready(struct la_validate *v);

/*
 * Writes the ID or licence number value, of len bytes, cleaned into buf as
 * a duplicate key. Returns the key's length, or 0 when value gives none.
 */
size_t check_dup_key(const char *value, size_t len, char *buf, size_t size);

/* Turns a cleaned number in buf into a duplicate key, in place. */
void check_key_from_clean(char *buf);

#endif
