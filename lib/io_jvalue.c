/* SPDX-License-Identifier: MIT */
#include <ctype.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "io_impl.h"

/*
 * Parsed JSON values to record fields, object keys interned per reader,
 * and jansson's error messages with hints.
 */

/* Numbers with this many significant digits or more get a finding. */
#define LONG_NUMBER 16

static unsigned
hash_key(const char *s, size_t len)
{
	unsigned h = 2166136261u;	/* FNV-1a */

	for (size_t i = 0; i < len; i++) {
		h ^= (unsigned char)s[i];
		h *= 16777619u;
	}
	return h;
}

static int
grow_keys(struct la_keys *t)
{
	size_t cap = t->cap ? 2 * t->cap : 64;
	struct la_key *slots = calloc(cap, sizeof(*slots));

	if (slots == NULL)
		return -1;
	for (size_t i = 0; i < t->cap; i++) {
		size_t j;

		if (t->slots[i].name == NULL)
			continue;
		for (j = t->slots[i].hash & (cap - 1); slots[j].name != NULL;
		    j = (j + 1) & (cap - 1))
			;
		slots[j] = t->slots[i];
	}
	free(t->slots);
	t->slots = slots;
	t->cap = cap;
	return 0;
}

static struct la_key *
add_key(struct la_keys *t, struct la_key *k, const char *key, size_t len,
    unsigned h)
{
	const char *trimmed = key;
	size_t tlen = len;

	if ((k->name = strndup(key, len)) == NULL)
		return NULL;
	k->len = len;
	k->hash = h;
	trimmed = la_io_trim(key, &tlen);
	k->id = la_field_lookup(trimmed, tlen);
	t->count++;
	return k;
}

const struct la_key *
la_keys_intern(struct la_keys *t, const char *key, size_t len)
{
	unsigned h = hash_key(key, len);
	struct la_key *k;

	if (2 * t->count >= t->cap && grow_keys(t) == -1)
		return NULL;
	for (size_t i = h & (t->cap - 1);; i = (i + 1) & (t->cap - 1)) {
		k = &t->slots[i];
		if (k->name == NULL)
			break;
		if (k->hash == h && k->len == len &&
		    memcmp(k->name, key, len) == 0)
			return k;
	}
	if (t->count >= LA_IO_MAX_KEYS)
		return NULL;
	return add_key(t, k, key, len, h);
}

void
la_keys_free(struct la_keys *t)
{
	for (size_t i = 0; i < t->cap; i++)
		free(t->slots[i].name);
	free(t->slots);
	memset(t, 0, sizeof(*t));
}

/* Replaces the locale's decimal point, if it is not '.', with '.'. */
static void
c_decimal_point(char *s)
{
	const char *point = localeconv()->decimal_point;
	size_t n = strlen(point);
	char *p;

	if (strcmp(point, ".") == 0 || n == 0 || (p = strstr(s, point)) == NULL)
		return;
	*p = '.';
	memmove(p + 1, p + n, strlen(p + n) + 1);
}

int
la_real_text(char *out, size_t size, double d)
{
	int n = 0;

	for (int prec = 15; prec <= 17; prec++) {
		n = snprintf(out, size, "%.*g", prec, d);
		if (strtod(out, NULL) == d)
			break;
	}
	c_decimal_point(out);
	if (strpbrk(out, ".eEni") == NULL && (size_t)n + 2 < size) {
		strcat(out, ".0");
		n += 2;
	}
	return n;
}

int
la_number_digits(const char *s)
{
	int digits = 0;

	for (; *s != '\0' && *s != 'e' && *s != 'E'; s++) {
		if (!isdigit((unsigned char)*s))
			continue;
		if (*s == '0' && digits == 0)
			continue;
		digits++;
	}
	return digits;
}

struct conv {
	struct la_keys *keys;
	struct la_buf *dump;
	struct la_record *r;
	long line;
};

static int
check_digits(struct conv *cv, const char *name, int id, const char *text)
{
	int digits = la_number_digits(text);

	if (digits < LONG_NUMBER)
		return 0;
	return la_record_add_finding(cv->r, "input",
	    id >= 0 ? la_field_name(id) : NULL, "line %ld: %s: the number %s "
	    "has %d significant digits, more than a double holds exactly; a "
	    "tool that passed it on as a number (such as jq 1.6) may have "
	    "changed it, so write it as a string", cv->line, name, text,
	    digits);
}

/* Text of a scalar number; 0 for any other type. */
static int
number_text(const json_t *v, char *out, size_t size)
{
	if (json_is_integer(v))
		return snprintf(out, size, "%" JSON_INTEGER_FORMAT,
		    json_integer_value(v));
	if (json_is_real(v))
		return la_real_text(out, size, json_real_value(v));
	return 0;
}

static int
dump_cb(const char *buffer, size_t size, void *data)
{
	return la_buf_add(data, buffer, size);
}

static int
dump_json(struct la_buf *b, const json_t *v)
{
	b->len = 0;
	if (la_buf_reserve(b, 0) == -1)
		return -1;
	b->data[0] = '\0';
	return json_dump_callback(v, dump_cb, b, JSON_COMPACT |
	    JSON_ENCODE_ANY | JSON_PRESERVE_ORDER);
}

/*
 * An array becomes a list when ';' can join its items back without loss:
 * numbers, booleans and strings that are not empty and hold no ';'.
 */
static int
listable(const json_t *a)
{
	size_t i;
	json_t *item;

	json_array_foreach(a, i, item) {
		if (json_is_string(item)) {
			const char *s = json_string_value(item);
			size_t len = json_string_length(item);

			if (len == 0 || memchr(s, ';', len) != NULL)
				return 0;
		} else if (!json_is_number(item) && !json_is_boolean(item)) {
			return 0;
		}
	}
	return 1;
}

static int
join_list(struct conv *cv, const char *name, int id, const json_t *a)
{
	char num[64];
	size_t i;
	json_t *item;
	int rc = 0;

	cv->dump->len = 0;
	if (la_buf_reserve(cv->dump, 0) == -1)
		return -1;
	cv->dump->data[0] = '\0';
	json_array_foreach(a, i, item) {
		if (i > 0)
			rc |= la_buf_addc(cv->dump, ';');
		if (json_is_string(item)) {
			rc |= la_buf_add(cv->dump, json_string_value(item),
			    json_string_length(item));
		} else if (json_is_boolean(item)) {
			rc |= la_buf_adds(cv->dump, json_is_true(item) ?
			    "true" : "false");
		} else {
			number_text(item, num, sizeof(num));
			rc |= la_buf_adds(cv->dump, num);
			rc |= check_digits(cv, name, id, num);
		}
	}
	return rc;
}

static int
add_value(struct conv *cv, const char *name, int id, const json_t *v)
{
	char num[64];
	const char *text = "";
	size_t len = 0;
	enum la_kind kind = LA_KIND_TEXT;

	switch (json_typeof(v)) {
	case JSON_STRING:
		text = json_string_value(v);
		len = json_string_length(v);
		break;
	case JSON_INTEGER:
	case JSON_REAL:
		len = (size_t)number_text(v, num, sizeof(num));
		text = num;
		kind = LA_KIND_NUMBER;
		if (check_digits(cv, name, id, num) == -1)
			return -1;
		break;
	case JSON_TRUE:
	case JSON_FALSE:
		text = json_is_true(v) ? "true" : "false";
		len = strlen(text);
		kind = LA_KIND_BOOL;
		break;
	case JSON_NULL:
		kind = LA_KIND_NULL;
		break;
	case JSON_ARRAY:
	case JSON_OBJECT:
		/*
		 * NOTE: only list items get the long-number finding;
		 * numbers deeper in nested JSON are not checked, and reals
		 * there are written with 17 digits (jansson's default).
		 */
		kind = json_is_array(v) && listable(v) ? LA_KIND_LIST :
		    LA_KIND_JSON;
		if ((kind == LA_KIND_LIST ? join_list(cv, name, id, v) :
		    dump_json(cv->dump, v)) == -1)
			return -1;
		text = cv->dump->data;
		len = cv->dump->len;
		break;
	}
	return la_record_append(cv->r, name, id, text, len, kind) == NULL ?
	    -1 : 0;
}

static const char *
type_name(const json_t *v)
{
	switch (json_typeof(v)) {
	case JSON_ARRAY:
		return "an array";
	case JSON_STRING:
		return "a string";
	case JSON_INTEGER:
	case JSON_REAL:
		return "a number";
	case JSON_TRUE:
	case JSON_FALSE:
		return "a boolean";
	case JSON_NULL:
		return "null";
	case JSON_OBJECT:
		break;
	}
	return "an object";
}

int
la_json_to_record(struct la_keys *keys, struct la_buf *dump,
    struct la_record *r, struct json_t *v, long line)
{
	struct conv cv = { keys, dump, r, line };
	const struct la_key *k;
	const char *key;
	json_t *value;

	if (!json_is_object(v)) {
		if (add_value(&cv, "_value", -1, v) == -1 ||
		    la_record_add_finding(r, "input", NULL, "line %ld: the "
		    "value is %s, not an object; it is kept as _value", line,
		    type_name(v)) == -1)
			return LA_ERR_NOMEM;
		return 0;
	}
	json_object_foreach(v, key, value) {
		if ((k = la_keys_intern(keys, key, strlen(key))) == NULL)
			return keys->count >= LA_IO_MAX_KEYS ? LA_ERR_LIMIT :
			    LA_ERR_NOMEM;
		if (add_value(&cv, k->name, k->id, value) == -1)
			return LA_ERR_NOMEM;
	}
	return 0;
}

/* The token that ends at pos is NaN or Infinity, maybe with a sign. */
static int
non_finite(const char *text, size_t len, size_t pos)
{
	size_t start = pos < len ? pos : len;
	const char *t;

	while (start > 0 && (isalpha((unsigned char)text[start - 1]) ||
	    text[start - 1] == '-' || text[start - 1] == '+'))
		start--;
	t = text + start;
	if (*t == '-' || *t == '+')
		t++;
	return (size_t)(t - text) + 3 <= len && (strncmp(t, "NaN", 3) == 0 ||
	    strncmp(t, "Inf", 3) == 0 || strncmp(t, "nan", 3) == 0 ||
	    strncmp(t, "inf", 3) == 0);
}

/* The token that ends at pos is a closing bracket right after a comma. */
static char
after_comma(const char *text, size_t len, size_t pos)
{
	size_t k;

	if (pos == 0 || pos > len)
		return 0;
	if (text[pos - 1] != ']' && text[pos - 1] != '}')
		return 0;
	for (k = pos - 1; k > 0; k--)
		if (!isspace((unsigned char)text[k - 1]))
			break;
	return k > 0 && text[k - 1] == ',' ? text[pos - 1] : 0;
}

/* jansson's "... near 'TOKEN'" gives TOKEN, or NULL. */
static const char *
near_token(const char *msg, size_t *len)
{
	const char *start = strstr(msg, "near '");
	const char *end;

	if (start == NULL)
		return NULL;
	start += 6;
	if ((end = strrchr(start, '\'')) == NULL)
		return NULL;
	*len = (size_t)(end - start);
	return start;
}

void
la_json_message(char *out, size_t size, const void *jerror,
    const char *text, size_t len)
{
	const json_error_t *je = jerror;
	size_t pos = je->position > 0 ? (size_t)je->position : 0;
	const char *token;
	size_t tlen;
	char closer;

	if (json_error_code(je) == json_error_duplicate_key &&
	    (token = near_token(je->text, &tlen)) != NULL)
		snprintf(out, size, "duplicate key %.*s", (int)tlen, token);
	else if (json_error_code(je) == json_error_invalid_syntax &&
	    non_finite(text, len, pos))
		snprintf(out, size, "%s: NaN/Infinity are not JSON; write null",
		    je->text);
	else if ((closer = after_comma(text, len, pos)) != 0)
		snprintf(out, size, "trailing comma before '%c'", closer);
	else if (json_error_code(je) == json_error_numeric_overflow)
		snprintf(out, size, "%s: write the number as a string to keep "
		    "every digit", je->text);
	else
		snprintf(out, size, "%s", je->text);
}
