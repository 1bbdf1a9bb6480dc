/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <locale.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "io_impl.h"

/*
 * JSON Lines and JSON array output. The object around the fields is
 * assembled here so that each real number is printed with its own
 * shortest precision (one jansson precision per call would print 0.1 as
 * 0.10000000000000001). Keys and strings are escaped here too: building a
 * jansson string for each of them made writing ten times slower than
 * reading. jansson encodes numbers, lists, nested JSON and findings.
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

	if (strcmp(point, ".") == 0 ||
	    strlen(s) + strlen(point) >= sizeof(copy))
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

/* Bytes that a JSON string must escape (RFC 8259, section 7). */
static const char escapes[256] = {
	['"'] = '"', ['\\'] = '\\', ['\b'] = 'b', ['\f'] = 'f',
	['\n'] = 'n', ['\r'] = 'r', ['\t'] = 't',
	[0x00] = 'u', [0x01] = 'u', [0x02] = 'u', [0x03] = 'u', [0x04] = 'u',
	[0x05] = 'u', [0x06] = 'u', [0x07] = 'u', [0x0B] = 'u', [0x0E] = 'u',
	[0x0F] = 'u', [0x10] = 'u', [0x11] = 'u', [0x12] = 'u', [0x13] = 'u',
	[0x14] = 'u', [0x15] = 'u', [0x16] = 'u', [0x17] = 'u', [0x18] = 'u',
	[0x19] = 'u', [0x1A] = 'u', [0x1B] = 'u', [0x1C] = 'u', [0x1D] = 'u',
	[0x1E] = 'u', [0x1F] = 'u',
};

/* Writes the escaped form of s[from..len) after the first escape. */
static int
put_escaped(struct la_buf *b, const char *s, size_t from, size_t len)
{
	size_t run = from;
	char esc[8];
	int rc = 0;

	for (size_t i = from; i < len; i++) {
		char e = escapes[(unsigned char)s[i]];

		if (e == 0)
			continue;
		rc |= la_buf_add(b, s + run, i - run);
		if (e == 'u')
			snprintf(esc, sizeof(esc), "\\u%04x",
			    (unsigned char)s[i]);
		else
			snprintf(esc, sizeof(esc), "\\%c", e);
		rc |= la_buf_adds(b, esc);
		run = i + 1;
	}
	return rc | la_buf_add(b, s + run, len - run);
}

/*
 * Writes s as a JSON string; NUL bytes become \u0000. Returns -1 on no
 * memory. The caller checks that s is UTF-8.
 */
static int
put_string(struct la_buf *b, const char *s, size_t len)
{
	size_t i = 0;
	char *out;

	while (i < len && escapes[(unsigned char)s[i]] == 0)
		i++;
	if (la_buf_reserve(b, len + 2) == -1)
		return -1;
	out = b->data + b->len;
	*out++ = '"';
	memcpy(out, s, i);
	b->len += i + 1;
	if (i < len && put_escaped(b, s, i, len) == -1)
		return -1;
	return la_buf_addc(b, '"');
}

/* A value as a JSON string, if it is UTF-8. */
static int
put_text(struct la_buf *b, const char *s, size_t len)
{
	enum la_utf8_status st;

	if (la_utf8_check((const unsigned char *)s, len, &st) != len)
		return -1;
	return put_string(b, s, len);
}

static int
put_value(struct la_writer *w, const struct la_record *r,
    const struct la_field *f)
{
	struct la_buf *b = la_writer_dst(w);
	int precision = 0;
	json_t *value;

	if (f->kind == LA_KIND_TEXT || (f->kind == LA_KIND_NUMBER &&
	    la_writer_masks(w, f))) {
		if (!la_writer_masks(w, f))
			return put_text(b, f->value, f->len);
		w->tmp.len = 0;
		if (la_writer_mask(&w->tmp, f) == -1)
			return -1;
		return put_text(b, w->tmp.data, w->tmp.len);
	}
	if ((value = field_json(w, r, f, &precision)) == NULL)
		return -1;
	return dump(b, value, precision);
}

static int
put_field(struct la_writer *w, const struct la_record *r,
    const struct la_field *f, struct la_error *err)
{
	struct la_buf *b = la_writer_dst(w);

	/* Names are UTF-8: header text, interned keys or literals. */
	if (put_string(b, f->name, strlen(f->name)) == -1 ||
	    la_buf_addc(b, ':') == -1 || put_value(w, r, f) == -1)
		return la_error_set(err, LA_ERR_VALUE, w->name, r->line,
		    f->name, "record of line %ld: field \"%s\" is not valid "
		    "UTF-8, or memory ran out", r->line, f->name);
	return 0;
}

/* The record's text, without the separator of a JSON array. */
static int
put_object(struct la_writer *w, const struct la_record *r,
    struct la_error *err)
{
	struct la_buf *b = la_writer_dst(w);
	int rc = 0;

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
	return 0;
}

int
la_json_put(struct la_writer *w, const struct la_record *r,
    struct la_error *err)
{
	struct la_buf *b = la_writer_dst(w);
	size_t start = b->len;

	if (w->opts.format == LA_FORMAT_JSON &&
	    la_buf_adds(b, w->count == 0 ? "[\n" : ",\n") == -1)
		return la_error_set(err, LA_ERR_NOMEM, w->name, r->line, NULL,
		    "out of memory");
	if (put_object(w, r, err) == -1) {
		/* Write nothing of a record that fails. */
		b->len = start;
		return -1;
	}
	if (la_writer_end_record(w, r->line, err) == -1)
		return -1;
	w->count++;
	return 0;
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
