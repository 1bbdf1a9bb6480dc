/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <locale.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "io_impl.h"

/*
 * JSON Lines and JSON array output. jansson encodes every key and value;
 * the object around them is assembled here so that each real number can
 * be printed with its own shortest precision (jansson's one precision per
 * call would print 0.1 as 0.10000000000000001).
 */

#define DUMP_FLAGS (JSON_COMPACT | JSON_ENCODE_ANY | JSON_PRESERVE_ORDER)

enum number_syntax {
	NOT_NUMBER,
	JSON_INT,
	JSON_FRACTION
};

/* Checks the JSON number grammar of RFC 8259, section 6. */
static enum number_syntax
number_syntax(const char *s)
{
	enum number_syntax kind = JSON_INT;

	if (*s == '-')
		s++;
	if (*s == '0')
		s++;
	else if (*s >= '1' && *s <= '9')
		while (*s >= '0' && *s <= '9')
			s++;
	else
		return NOT_NUMBER;
	if (*s == '.') {
		if (*++s < '0' || *s > '9')
			return NOT_NUMBER;
		while (*s >= '0' && *s <= '9')
			s++;
		kind = JSON_FRACTION;
	}
	if (*s == 'e' || *s == 'E') {
		if (*++s == '+' || *s == '-')
			s++;
		if (*s < '0' || *s > '9')
			return NOT_NUMBER;
		while (*s >= '0' && *s <= '9')
			s++;
		kind = JSON_FRACTION;
	}
	return *s == '\0' ? kind : NOT_NUMBER;
}

/* strtod on JSON number text whatever the locale's decimal point. */
static double
c_strtod(const char *s)
{
	const char *point = localeconv()->decimal_point;
	char copy[128];
	char *dot;

	if (strcmp(point, ".") == 0 || strlen(s) + strlen(point) >= sizeof(copy))
		return strtod(s, NULL);
	snprintf(copy, sizeof(copy), "%s", s);
	if ((dot = strchr(copy, '.')) != NULL) {
		memmove(dot + strlen(point), dot + 1, strlen(dot + 1) + 1);
		memcpy(dot, point, strlen(point));
	}
	return strtod(copy, NULL);
}

static int
non_finite_word(const char *s)
{
	if (*s == '-' || *s == '+')
		s++;
	return strncmp(s, "nan", 3) == 0 || strncmp(s, "NaN", 3) == 0 ||
	    strncmp(s, "inf", 3) == 0 || strncmp(s, "Inf", 3) == 0;
}

/*
 * A number field: bare when its text is a JSON number, null for NaN and
 * infinities, else a string. An integer past 64 bits stays a string so
 * that no digit is lost.
 */
static json_t *
number_json(const char *s, size_t len, int *precision)
{
	enum number_syntax syntax = number_syntax(s);
	char text[64];
	double d;

	if (syntax == JSON_INT) {
		long long v;

		errno = 0;
		v = strtoll(s, NULL, 10);
		if (errno != ERANGE)
			return json_integer(v);
	} else if (syntax == JSON_FRACTION) {
		d = c_strtod(s);
		if (isfinite(d)) {
			la_real_text(text, sizeof(text), d);
			*precision = la_number_digits(text);
			if (*precision < 1)
				*precision = 1;
			return json_real(d);
		}
	} else if (non_finite_word(s)) {
		return json_null();
	}
	return json_stringn(s, len);
}

/* Items of a list joined with ';' as an array of strings. */
static json_t *
list_json(const char *s, size_t len)
{
	json_t *a = json_array();
	const char *end = s + len, *semi;

	if (a == NULL || len == 0)
		return a;
	for (;;) {
		semi = memchr(s, ';', (size_t)(end - s));
		if (json_array_append_new(a, json_stringn(s, (size_t)((semi ?
		    semi : end) - s))) == -1) {
			json_decref(a);
			return NULL;
		}
		if (semi == NULL)
			return a;
		s = semi + 1;
	}
}

static json_t *
findings_json(const struct la_record *r)
{
	json_t *a = json_array(), *o;

	for (size_t i = 0; a != NULL && i < r->nfindings; i++) {
		const struct la_finding *f = &r->findings[i];

		o = json_object();
		if (o == NULL || json_array_append_new(a, o) == -1 ||
		    json_object_set_new(o, "rule", json_string(f->rule)) ||
		    json_object_set_new(o, "field", f->field != NULL ?
		    json_string(f->field) : json_null()) ||
		    json_object_set_new(o, "message",
		    json_string(f->message))) {
			json_decref(a);
			return NULL;
		}
	}
	return a;
}

static json_t *
field_json(struct la_writer *w, const struct la_record *r,
    const struct la_field *f, int *precision)
{
	json_t *v;

	switch (f->kind) {
	case LA_KIND_NUMBER:
		if (!la_writer_masks(w, f))
			return number_json(f->value, f->len, precision);
		break;
	case LA_KIND_BOOL:
		if (strcmp(f->value, "true") == 0 ||
		    strcmp(f->value, "false") == 0)
			return json_boolean(f->value[0] == 't');
		break;
	case LA_KIND_NULL:
		return json_null();
	case LA_KIND_LIST:
		return list_json(f->value, f->len);
	case LA_KIND_JSON:
		v = json_loadb(f->value, f->len, JSON_DECODE_ANY |
		    JSON_ALLOW_NUL, NULL);
		if (v != NULL)
			return v;
		break;
	case LA_KIND_FINDINGS:
		return findings_json(r);
	case LA_KIND_TEXT:
		break;
	}
	if (!la_writer_masks(w, f))
		return json_stringn(f->value, f->len);
	w->tmp.len = 0;
	if (la_writer_mask(&w->tmp, f) == -1)
		return NULL;
	return json_stringn(w->tmp.data, w->tmp.len);
}

static int
dump_cb(const char *buffer, size_t size, void *data)
{
	return la_buf_add(data, buffer, size);
}

static int
dump(struct la_buf *b, json_t *v, int precision)
{
	int rc;

	rc = json_dump_callback(v, dump_cb, b, DUMP_FLAGS |
	    JSON_REAL_PRECISION(precision));
	json_decref(v);
	return rc;
}

static int
put_field(struct la_writer *w, const struct la_record *r,
    const struct la_field *f, struct la_error *err)
{
	struct la_buf *b = la_writer_dst(w);
	json_t *key, *value;
	int precision = 0;

	key = json_stringn(f->name, strlen(f->name));
	value = field_json(w, r, f, &precision);
	if (key == NULL || value == NULL) {
		json_decref(key);
		json_decref(value);
		return la_error_set(err, LA_ERR_VALUE, w->name, r->line,
		    f->name, "record of line %ld: field \"%s\" is not valid "
		    "UTF-8 or memory ran out", r->line, f->name);
	}
	if (dump(b, key, 0) == -1 || la_buf_addc(b, ':') == -1 ||
	    dump(b, value, precision) == -1)
		return la_error_set(err, LA_ERR_NOMEM, w->name, r->line, NULL,
		    "out of memory");
	return 0;
}

int
la_json_put(struct la_writer *w, const struct la_record *r,
    struct la_error *err)
{
	struct la_buf *b = la_writer_dst(w);
	int rc = 0;

	if (w->opts.format == LA_FORMAT_JSON)
		rc |= la_buf_adds(b, w->count == 0 ? "[\n" : ",\n");
	rc |= la_buf_addc(b, '{');
	for (size_t i = 0; i < r->nfields && rc == 0; i++) {
		if (i > 0)
			rc |= la_buf_addc(b, ',');
		if (put_field(w, r, &r->fields[i], err) == -1)
			return -1;
	}
	rc |= la_buf_addc(b, '}');
	if (w->opts.format == LA_FORMAT_JSONL)
		rc |= la_buf_addc(b, '\n');
	if (rc != 0)
		return la_error_set(err, LA_ERR_NOMEM, w->name, r->line, NULL,
		    "out of memory");
	w->count++;
	return la_writer_end_record(w, r->line, err);
}

int
la_json_finish(struct la_writer *w, struct la_error *err)
{
	if (la_buf_adds(la_writer_dst(w), w->count == 0 ? "[]\n" :
	    "\n]\n") == -1)
		return la_error_set(err, LA_ERR_NOMEM, w->name, 0, NULL,
		    "out of memory");
	return la_writer_end_record(w, 0, err);
}
