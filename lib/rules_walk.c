/* SPDX-License-Identifier: MIT */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "rules_private.h"

/*
 * The walk of a rules file along the key tables of rules_keys.c, with the
 * readers of each kind of value except the calendar's.
 */

/* Most bytes of a value quoted in a message. */
#define QUOTE_SIZE 80

/* Writes v as compact JSON into buf, cut at a character boundary. */
static void
quote_value(const json_t *v, char *buf, size_t size)
{
	char *s = json_dumps(v, JSON_ENCODE_ANY | JSON_COMPACT);
	size_t n;

	if (s == NULL) {
		snprintf(buf, size, "(value)");
		return;
	}
	n = strlen(s);
	if (n < size) {
		memcpy(buf, s, n + 1);
	} else {
		n = size - 4;
		while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
			n--;
		memcpy(buf, s, n);
		memcpy(buf + n, "...", 4);
	}
	free(s);
}

int
la_rules_fail(struct rules_loader *ld, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	la_error_vset(ld->err, LA_ERR_RULES, ld->file, 0, ld->path, fmt, ap);
	va_end(ap);
	return -1;
}

int
la_rules_fail_type(struct rules_loader *ld, const json_t *v,
    const char *expected)
{
	char q[QUOTE_SIZE];

	quote_value(v, q, sizeof(q));
	return la_rules_fail(ld, "invalid type in %s: %s (expected %s)",
	    ld->path, q, expected);
}

int
la_rules_fail_value(struct rules_loader *ld, const json_t *v,
    const char *why)
{
	char q[QUOTE_SIZE];

	quote_value(v, q, sizeof(q));
	return la_rules_fail(ld, "invalid value in %s: %s (%s)", ld->path, q,
	    why);
}

int
la_rules_fail_key(struct rules_loader *ld, const char *key,
    const char *fmt, ...)
{
	char text[512];
	va_list ap;

	snprintf(ld->path, sizeof(ld->path), "%s", key);
	va_start(ap, fmt);
	vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	return la_rules_fail(ld, "invalid value in %s: %s", key, text);
}

/* Appends ".name" (or "name" at the top) to the key path. */
static size_t
push_key(struct rules_loader *ld, const char *name)
{
	size_t len = strlen(ld->path);

	snprintf(ld->path + len, sizeof(ld->path) - len, "%s%s",
	    len > 0 ? "." : "", name);
	return len;
}

size_t
la_rules_path_index(struct rules_loader *ld, size_t i)
{
	size_t len = strlen(ld->path);

	snprintf(ld->path + len, sizeof(ld->path) - len, "[%zu]", i);
	return len;
}

void
la_rules_path_restore(struct rules_loader *ld, size_t len)
{
	ld->path[len] = '\0';
}

static const struct rules_key *
find_key(const struct rules_key *keys, const char *name)
{
	for (; keys->name != NULL; keys++)
		if (strcmp(keys->name, name) == 0)
			return keys;
	return NULL;
}

static int
fail_unknown_key(struct rules_loader *ld, const struct rules_key *keys,
    const char *name)
{
	char known[256] = "";
	size_t len = push_key(ld, name);
	int rc;

	for (const struct rules_key *k = keys; k->name != NULL; k++) {
		size_t n = strlen(known);

		snprintf(known + n, sizeof(known) - n, "%s%s",
		    n > 0 ? ", " : "", k->name);
	}
	rc = la_rules_fail(ld, "unknown key %s (known keys here: %s)",
	    ld->path, known);
	la_rules_path_restore(ld, len);
	return rc;
}

static int load_value(struct rules_loader *, const struct rules_key *,
    const json_t *, void *);
static int load_posts(struct rules_loader *, const json_t *);

/*
 * Applies the keys of obj that the table lists, in table order. A key that
 * the table lacks is an error, so that a misspelt key never goes unseen.
 */
int
la_rules_load_object(struct rules_loader *ld, const struct rules_key *keys,
    const json_t *obj, void *base)
{
	const char *name;
	json_t *v;

	if (!json_is_object(obj))
		return la_rules_fail_type(ld, obj, "an object");
	json_object_foreach((json_t *)obj, name, v) {
		if (find_key(keys, name) == NULL)
			return fail_unknown_key(ld, keys, name);
	}
	for (const struct rules_key *k = keys; k->name != NULL; k++) {
		size_t len = push_key(ld, k->name);
		int rc = 0;

		v = json_object_get(obj, k->name);
		if (v != NULL)
			rc = load_value(ld, k, v, base);
		else if (k->required)
			rc = la_rules_fail(ld, "missing key %s", ld->path);
		la_rules_path_restore(ld, len);
		if (rc != 0)
			return -1;
	}
	return 0;
}

static int
fail_range(struct rules_loader *ld, const json_t *v,
    const struct rules_key *k)
{
	char why[64];

	if (k->positive)
		snprintf(why, sizeof(why),
		    "allowed: more than 0, at most %.15g", k->max);
	else
		snprintf(why, sizeof(why), "allowed: %.15g to %.15g", k->min,
		    k->max);
	return la_rules_fail_value(ld, v, why);
}

static int
load_int(struct rules_loader *ld, const struct rules_key *k, const json_t *v,
    int *dst)
{
	json_int_t n;

	if (!json_is_integer(v))
		return la_rules_fail_type(ld, v, "a whole number");
	n = json_integer_value(v);
	if (n < k->min || n > k->max)
		return fail_range(ld, v, k);
	*dst = (int)n;
	return 0;
}

static int
load_number(struct rules_loader *ld, const struct rules_key *k, const json_t *v,
    double *dst)
{
	double x;

	if (!json_is_number(v))
		return la_rules_fail_type(ld, v, "a number");
	x = json_number_value(v);
	if (x < k->min || x > k->max || (k->positive && x <= 0))
		return fail_range(ld, v, k);
	*dst = x;
	return 0;
}

static int
load_bool(struct rules_loader *ld, const json_t *v, int *dst)
{
	if (!json_is_boolean(v))
		return la_rules_fail_type(ld, v, "true or false");
	*dst = json_is_true(v);
	return 0;
}

static int
load_text(struct rules_loader *ld, const json_t *v, char *dst)
{
	const char *s;
	char why[64];

	if (!json_is_string(v))
		return la_rules_fail_type(ld, v, "a string");
	s = json_string_value(v);
	if (*s == '\0')
		return la_rules_fail_value(ld, v, "must not be empty");
	if (json_string_length(v) >= LA_RULES_NAME_SIZE) {
		snprintf(why, sizeof(why), "%zu bytes long, at most %d",
		    json_string_length(v), LA_RULES_NAME_SIZE - 1);
		return la_rules_fail_value(ld, v, why);
	}
	memcpy(dst, s, json_string_length(v) + 1);
	return 0;
}

static int
load_aliases(struct rules_loader *ld, const json_t *v)
{
	char aliases[LA_RULES_MAX_ALIASES][LA_RULES_NAME_SIZE];
	size_t n = json_array_size(v);

	if (!json_is_array(v))
		return la_rules_fail_type(ld, v, "an array of strings");
	if (n > LA_RULES_MAX_ALIASES)
		return la_rules_fail_value(ld, v, "more than 8 aliases");
	for (size_t i = 0; i < n; i++) {
		size_t len = la_rules_path_index(ld, i);
		int rc = load_text(ld, json_array_get(v, i), aliases[i]);

		la_rules_path_restore(ld, len);
		if (rc != 0)
			return -1;
	}
	memcpy(ld->r->district_aliases, aliases, n * sizeof(aliases[0]));
	ld->r->ndistrict_aliases = (int)n;
	return 0;
}

static int
load_timezone(struct rules_loader *ld, const json_t *v, struct la_tz *dst)
{
	struct la_error tzerr;
	struct la_tz tz;

	if (!json_is_string(v))
		return la_rules_fail_type(ld, v, "a time zone name such as "
		    "\"Asia/Shanghai\"");
	la_error_clear(&tzerr);
	if (la_tz_init(&tz, json_string_value(v), &tzerr) != 0)
		return la_rules_fail_value(ld, v, tzerr.text);
	*dst = tz;
	return 0;
}

static int
load_time(struct rules_loader *ld, const json_t *v, la_time *dst)
{
	char why[128];
	int has_time;
	la_time t;

	if (!json_is_string(v))
		return la_rules_fail_type(ld, v, "a date and time such as "
		    "\"2024-03-20 17:00\"");
	if (la_parse_time(json_string_value(v), &ld->r->tz, &t, &has_time,
	    why, sizeof(why)) != 0)
		return la_rules_fail_value(ld, v, why);
	if (!has_time)
		return la_rules_fail_value(ld, v,
		    "add the time of day, such as \"2024-03-20 17:00\"");
	*dst = t;
	return 0;
}

int
la_rules_parse_date(struct rules_loader *ld, const json_t *v, const char *s,
    struct la_date *d)
{
	char why[128];

	if (la_parse_date(s, d, why, sizeof(why)) != 0)
		return la_rules_fail_value(ld, v, why);
	return 0;
}

static int
load_date(struct rules_loader *ld, const json_t *v, struct la_date *dst)
{
	if (!json_is_string(v))
		return la_rules_fail_type(ld, v,
		    "a date such as \"2024-04-01\"");
	return la_rules_parse_date(ld, v, json_string_value(v), dst);
}

/*
 * Reads an array of names into bits: name(1 << i) is the name of bit i,
 * for the nbits bits that have one. allowed lists the names for messages.
 */
static int
load_names(struct rules_loader *ld, const json_t *v, unsigned *dst,
    const char *(*name)(unsigned), int nbits, const char *allowed)
{
	unsigned bits = 0;
	size_t i;
	json_t *item;

	if (!json_is_array(v))
		return la_rules_fail_type(ld, v, "an array of names");
	json_array_foreach(v, i, item) {
		size_t len = la_rules_path_index(ld, i);
		unsigned bit = 0;

		for (int b = 0; b < nbits && bit == 0; b++)
			if (json_is_string(item) && strcmp(name(1u << b),
			    json_string_value(item)) == 0)
				bit = 1u << b;
		if (bit == 0) {
			la_rules_fail_value(ld, item, allowed);
			la_rules_path_restore(ld, len);
			return -1;
		}
		bits |= bit;
		la_rules_path_restore(ld, len);
	}
	*dst = bits;
	return 0;
}

static int
load_weekdays(struct rules_loader *ld, const json_t *v, unsigned *dst)
{
	unsigned bits = 0;
	size_t i;
	json_t *item;

	if (!json_is_array(v))
		return la_rules_fail_type(ld, v, "an array of weekday numbers");
	if (json_array_size(v) == 0)
		return la_rules_fail_value(ld, v, "list at least one weekday");
	json_array_foreach(v, i, item) {
		size_t len = la_rules_path_index(ld, i);
		int rc = 0;

		if (!json_is_integer(item))
			rc = la_rules_fail_type(ld, item,
			    "a weekday number, 1 to 7");
		else if (json_integer_value(item) < 1 ||
		    json_integer_value(item) > 7)
			rc = la_rules_fail_value(ld, item,
			    "allowed: 1 to 7, Monday is 1 and Sunday 7");
		else
			bits |= 1u << json_integer_value(item);
		la_rules_path_restore(ld, len);
		if (rc != 0)
			return -1;
	}
	*dst = bits;
	return 0;
}

static int
load_day_unit(struct rules_loader *ld, const json_t *v, enum la_day_unit *dst)
{
	const char *s = json_string_value(v);

	if (s != NULL && strcmp(s, "calendar") == 0)
		*dst = LA_DAYS_CALENDAR;
	else if (s != NULL && strcmp(s, "working") == 0)
		*dst = LA_DAYS_WORKING;
	else
		return la_rules_fail_value(ld, v, "expected \"calendar\" or "
		    "\"working\"");
	return 0;
}

#define ACTIONS "expected \"none\", \"warning\", \"suspend\" or \"remove\""

static int
load_action(struct rules_loader *ld, const json_t *v, enum la_action *dst)
{
	int a = la_action_parse(json_string_value(v));

	if (a < 0)
		return la_rules_fail_value(ld, v, ACTIONS);
	*dst = (enum la_action)a;
	return 0;
}

static int
load_ladder(struct rules_loader *ld, const json_t *v)
{
	enum la_action ladder[LA_RULES_MAX_LADDER];
	size_t n = json_array_size(v);

	if (!json_is_array(v))
		return la_rules_fail_type(ld, v, "an array of actions");
	if (n < 1 || n > LA_RULES_MAX_LADDER)
		return la_rules_fail_value(ld, v, "list 1 to 8 actions");
	for (size_t i = 0; i < n; i++) {
		size_t len = la_rules_path_index(ld, i);
		int rc = load_action(ld, json_array_get(v, i), &ladder[i]);

		la_rules_path_restore(ld, len);
		if (rc != 0)
			return -1;
	}
	memcpy(ld->r->ladder, ladder, n * sizeof(ladder[0]));
	ld->r->nladder = (int)n;
	return 0;
}

/* Reads v into the field that k locates from base. */
static int
load_value(struct rules_loader *ld, const struct rules_key *k, const json_t *v,
    void *base)
{
	void *dst = (char *)base + k->offset;

	switch (k->type) {
	case KEY_INT:
		return load_int(ld, k, v, dst);
	case KEY_NUMBER:
		return load_number(ld, k, v, dst);
	case KEY_BOOL:
		return load_bool(ld, v, dst);
	case KEY_OBJECT:
		/* Nested keys are offsets from the same base. */
		return la_rules_load_object(ld, k->keys, v, base);
	case KEY_TEXT:
		return load_text(ld, v, dst);
	case KEY_ALIASES:
		return load_aliases(ld, v);
	case KEY_TIMEZONE:
		return load_timezone(ld, v, dst);
	case KEY_TIME:
		return load_time(ld, v, dst);
	case KEY_DATE:
		return load_date(ld, v, dst);
	case KEY_DOCUMENTS:
		return load_names(ld, v, dst, la_document_name, 3,
		    "expected application_form, license_copy or id_copy");
	case KEY_SERVICES:
		return load_names(ld, v, dst, la_service_name, 4,
		    "expected criminal, civil, administrative or "
		    "labor_arbitration");
	case KEY_WEEKDAYS:
		return load_weekdays(ld, v, dst);
	case KEY_DAY_UNIT:
		return load_day_unit(ld, v, dst);
	case KEY_ACTION:
		return load_action(ld, v, dst);
	case KEY_LADDER:
		return load_ladder(ld, v);
	case KEY_CALENDAR:
		return la_rules_load_calendar(ld, v);
	case KEY_POSTS:
		return load_posts(ld, v);
	case KEY_DAY_LIST:
		return la_rules_load_day_list(ld, v, dst);
	}
	return la_rules_fail(ld, "internal error: no loader for %s", ld->path);
}

static int
load_post(struct rules_loader *ld, const json_t *v, struct la_post *post)
{
	memset(post, 0, sizeof(*post));
	post->weekdays = RULES_MONDAY_TO_FRIDAY;
	post->seats = 1;
	if (la_rules_load_object(ld, la_rules_post_keys, v, post) != 0)
		return -1;
	for (int i = 0; i < ld->r->nposts; i++) {
		if (strcmp(ld->r->posts[i].name, post->name) != 0)
			continue;
		push_key(ld, "name");
		return la_rules_fail_value(ld, json_object_get(v, "name"),
		    "another post has this name");
	}
	return 0;
}

/* The file's list of posts replaces the current list as a whole. */
static int
load_posts(struct rules_loader *ld, const json_t *v)
{
	size_t n = json_array_size(v);

	if (!json_is_array(v))
		return la_rules_fail_type(ld, v, "an array of posts");
	if (n > LA_RULES_MAX_POSTS)
		return la_rules_fail(ld,
		    "invalid value in %s: %zu posts (at most %d)", ld->path, n,
		    LA_RULES_MAX_POSTS);
	ld->r->nposts = 0;
	for (size_t i = 0; i < n; i++) {
		size_t len = la_rules_path_index(ld, i);
		int rc = load_post(ld, json_array_get(v, i),
		    &ld->r->posts[i]);

		la_rules_path_restore(ld, len);
		if (rc != 0)
			return -1;
		ld->r->nposts++;
	}
	return 0;
}
