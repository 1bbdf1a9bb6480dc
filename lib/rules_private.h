/* SPDX-License-Identifier: MIT */
#ifndef LA_RULES_PRIVATE_H
#define LA_RULES_PRIVATE_H

#include <stddef.h>

#include <jansson.h>

#include "rules.h"

/*
 * The rules file's keys, shared by the loader and the printer so that what
 * one writes the other reads. Each object of the file is described by a
 * NULL-terminated array of struct rules_key. A key's offset locates its
 * value from a base, which is a struct la_rules, or a struct la_post for
 * the keys of one duty post.
 */

enum rules_key_type {
	KEY_INT,		/* int in [min, max] */
	KEY_NUMBER,		/* double in [min, max]; (0, max] if positive */
	KEY_BOOL,		/* int, 0 or 1 */
	KEY_OBJECT,		/* nested object: keys, same base */
	KEY_TEXT,		/* char[LA_RULES_NAME_SIZE], not empty */
	KEY_ALIASES,		/* district_aliases and ndistrict_aliases */
	KEY_TIMEZONE,		/* struct la_tz */
	KEY_TIME,		/* la_time, local time in the rules' zone */
	KEY_DATE,		/* struct la_date */
	KEY_DOCUMENTS,		/* unsigned, enum la_document bits */
	KEY_SERVICES,		/* unsigned, enum la_service bits */
	KEY_WEEKDAYS,		/* unsigned, bit (1 << n) for ISO weekday n */
	KEY_DAY_UNIT,		/* enum la_day_unit */
	KEY_ACTION,		/* enum la_action */
	KEY_LADDER,		/* ladder and nladder */
	KEY_CALENDAR,		/* struct la_calendar */
	KEY_POSTS,		/* posts and nposts */
	KEY_DAY_LIST		/* struct rules_day_list, in the loader only */
};

struct rules_key {
	const char *name;
	enum rules_key_type type;
	size_t offset;
	double min;
	double max;
	int positive;			/* KEY_NUMBER: must be above 0 */
	int required;			/* the object must contain the key */
	const struct rules_key *keys;	/* KEY_OBJECT */
};

/* Keys of the top-level object, and of each object of duty.posts. */
extern const struct rules_key la_rules_keys[];
extern const struct rules_key la_rules_post_keys[];

/*
 * Days that one calendar list of the file names, as a bit for each day of
 * the calendar's span, so that repeated or overlapping runs cost nothing.
 */
struct rules_day_list {
	unsigned char *bits;		/* bit i is day base + i */
	la_day base;
	size_t span;			/* number of bits */
	const struct la_date *first;	/* the calendar's span, which the */
	const struct la_date *last;	/* file may change before the list */
	int given;			/* the file contains the list */
};

/*
 * State of one la_rules_load() call. Errors go to err, naming file and
 * the key path of the value being read ("duty.posts[0].seats").
 */
struct rules_loader {
	struct la_rules *r;	/* the copy that the file changes */
	const char *file;
	struct la_error *err;
	char path[256];
};

/*
 * Applies the keys of obj that keys lists, in table order, to the fields
 * at base. A key that the table lacks is an error. Returns 0 or -1.
 */
int la_rules_load_object(struct rules_loader *ld,
    const struct rules_key *keys, const json_t *obj, void *base);
int la_rules_load_calendar(struct rules_loader *ld, const json_t *v);
int la_rules_load_day_list(struct rules_loader *ld, const json_t *v,
    struct rules_day_list *list);
int la_rules_parse_date(struct rules_loader *ld, const json_t *v,
    const char *s, struct la_date *d);

/*
 * Fills ld->err with LA_ERR_RULES for the value at ld->path and return
 * -1. The message names the key path and quotes the value.
 */
int la_rules_fail(struct rules_loader *ld, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
int la_rules_fail_type(struct rules_loader *ld, const json_t *v,
    const char *expected);
int la_rules_fail_value(struct rules_loader *ld, const json_t *v,
    const char *why);

/* Sets the key path to key and fails with "invalid value in KEY: ...". */
int la_rules_fail_key(struct rules_loader *ld, const char *key,
    const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* Appends "[i]" to the key path and returns the length to restore. */
size_t la_rules_path_index(struct rules_loader *ld, size_t i);
void la_rules_path_restore(struct rules_loader *ld, size_t len);

/* Weekdays of a duty post that does not list them. */
#define RULES_MONDAY_TO_FRIDAY 0x3eu	/* bits 1 to 5 */

/* Limits that the loader enforces and la-rules(5) documents. */
#define RULES_MAX_FILE_SIZE (1024L * 1024)
#define RULES_WEIGHT_SUM 100.0
#define RULES_WEIGHT_TOLERANCE 1e-9

#endif
