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
 * 0.10000000000000001). Keys, strings, lists and findings are written
 * here too, because building jansson values for them made writing several
 * times slower than reading. jansson still encodes numbers and nested
 * JSON.
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

static int
dump_cb(const char *buffer, size_t size, void *data)
{
	return la_buf_add(data, buffer, size);
}

/* Appends the compact text of v to b and drops v. */
static int
dump(struct la_buf *b, json_t *v, int precision)
{
	int rc;

	if (v == NULL)
		return -1;
	rc = json_dump_callback(v, dump_cb, b, DUMP_FLAGS |
	    JSON_REAL_PRECISION(precision));
	json_decref(v);
	return rc;
}

/*
 * Hex digits of \u escapes. Text values have always been escaped here in
 * lower case. The strings that jansson used to write (lists, findings,
 * values of other kinds) had its upper case, and both stay as they were.
 */
static const char lower_hex[] = "0123456789abcdef";
static const char upper_hex[] = "0123456789ABCDEF";

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

/* Nonzero when a byte of w needs escaping in a JSON string. */
static inline uint64_t
word_needs_escape(uint64_t w)
{
	return la_has_less(w, 0x20) | la_has_byte(w, '"') |
	    la_has_byte(w, '\\');
}

/*
 * Copies len bytes of s to out, 8 at a time, unless one needs escaping,
 * and then returns 0 with out partly written. Sets *high to nonzero if a
 * byte is above 0x7F. The words of a short or ragged string overlap, so
 * no byte outside s or out[0..len) is touched.
 */
static inline __attribute__((always_inline)) int
copy_unescaped(char *out, const unsigned char *s, size_t len,
    uint64_t *high)
{
	uint64_t w, any = 0;
	size_t i;

	if (len < 4) {
		/* s[0], s[len / 2] and s[len - 1] are all its bytes. */
		*high = 0;
		if (len == 0)
			return 1;
		if (escapes[s[0]] | escapes[s[len / 2]] | escapes[s[len - 1]])
			return 0;
		out[0] = (char)s[0];
		out[len / 2] = (char)s[len / 2];
		out[len - 1] = (char)s[len - 1];
		*high = (s[0] | s[len / 2] | s[len - 1]) & 0x80;
		return 1;
	}
	if (len < 8) {
		w = la_load4(s) | la_load4(s + len - 4) << 32;
		if (word_needs_escape(w))
			return 0;
		memcpy(out, s, 4);
		memcpy(out + len - 4, s + len - 4, 4);
		*high = w & LA_HIGH_BITS;
		return 1;
	}
	for (i = 0; len - i > 8; i += 8) {
		if (word_needs_escape(w = la_load8(s + i)))
			return 0;
		memcpy(out + i, &w, 8);
		any |= w;
	}
	if (word_needs_escape(w = la_load8(s + len - 8)))
		return 0;
	memcpy(out + len - 8, &w, 8);
	*high = (any | w) & LA_HIGH_BITS;
	return 1;
}

/* Appends s with each byte that needs it escaped. */
static int
put_escaped(struct la_buf *b, const char *s, size_t len, const char *hex)
{
	size_t run = 0;
	char esc[6] = { '\\', 'u', '0', '0' };
	int rc = 0;

	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (escapes[c] == 0)
			continue;
		rc |= la_buf_add(b, s + run, i - run);
		if (escapes[c] == 'u') {
			esc[1] = 'u';
			esc[4] = hex[c >> 4];
			esc[5] = hex[c & 0x0F];
			rc |= la_buf_add(b, esc, 6);
		} else {
			esc[1] = escapes[c];
			rc |= la_buf_add(b, esc, 2);
		}
		run = i + 1;
	}
	return rc | la_buf_add(b, s + run, len - run);
}

static int
is_utf8(const char *s, size_t len)
{
	enum la_utf8_status st;

	return la_utf8_check((const unsigned char *)s, len, &st) == len;
}

/* put_string for a string with a byte to escape. */
static int
put_escaped_string(struct la_buf *b, const char *s, size_t len,
    const char *hex, int check)
{
	if ((check && !is_utf8(s, len)) || la_buf_addc(b, '"') == -1 ||
	    put_escaped(b, s, len, hex) == -1)
		return -1;
	return la_buf_addc(b, '"');
}

/*
 * Appends s as a JSON string; NUL bytes become \u0000. hex is lower_hex
 * or upper_hex. With check set, s must be UTF-8. Returns -1 when it is
 * not, or on no memory.
 */
static inline __attribute__((always_inline)) int
put_string(struct la_buf *b, const char *s, size_t len, const char *hex,
    int check)
{
	uint64_t high;
	char *out;

	if (la_buf_room(b, len + 2) == -1)
		return -1;
	out = b->data + b->len;
	if (!copy_unescaped(out + 1, (const unsigned char *)s, len, &high))
		return put_escaped_string(b, s, len, hex, check);
	/* Without a byte above 0x7F, s is ASCII and so UTF-8. */
	if (check && high != 0 && !is_utf8(s, len))
		return -1;
	out[0] = '"';
	out[len + 1] = '"';
	b->len += len + 2;
	b->data[b->len] = '\0';
	return 0;
}

/* Appends text as a JSON string, or returns -1 if it is not UTF-8. */
static int
put_text(struct la_buf *b, const char *s, size_t len, const char *hex)
{
	return put_string(b, s, len, hex, 1);
}

/* Items of a list joined with ';' as an array of strings. */
static int
put_list(struct la_buf *b, const char *s, size_t len)
{
	const char *end = s + len, *semi;

	if (len == 0)
		return la_buf_adds(b, "[]");
	if (la_buf_addc(b, '[') == -1)
		return -1;
	for (;;) {
		semi = memchr(s, ';', (size_t)(end - s));
		if (put_text(b, s, (size_t)((semi ? semi : end) - s),
		    upper_hex) == -1)
			return -1;
		if (semi == NULL)
			return la_buf_addc(b, ']');
		if (la_buf_addc(b, ',') == -1)
			return -1;
		s = semi + 1;
	}
}

/* A C string as jansson's json_string would write it. */
static int
put_c_string(struct la_buf *b, const char *s)
{
	return put_text(b, s, strlen(s), upper_hex);
}

/* The record's findings as [{"rule", "field", "message"}]. */
static int
put_findings(struct la_buf *b, const struct la_record *r)
{
	int rc = la_buf_addc(b, '[');

	for (size_t i = 0; i < r->nfindings && rc == 0; i++) {
		const struct la_finding *f = &r->findings[i];

		if (i > 0)
			rc |= la_buf_addc(b, ',');
		rc |= la_buf_adds(b, "{\"rule\":");
		rc |= put_c_string(b, f->rule);
		rc |= la_buf_adds(b, ",\"field\":");
		rc |= f->field != NULL ? put_c_string(b, f->field) :
		    la_buf_adds(b, "null");
		rc |= la_buf_adds(b, ",\"message\":");
		rc |= put_c_string(b, f->message);
		rc |= la_buf_addc(b, '}');
	}
	return rc != 0 ? -1 : la_buf_addc(b, ']');
}

/* A text value, or a masked number, as a JSON string. */
static int
put_text_field(struct la_writer *w, struct la_buf *b,
    const struct la_field *f)
{
	if (!w->opts.mask || !la_writer_masks(w, f))
		return put_text(b, f->value, f->len, lower_hex);
	w->tmp.len = 0;
	if (la_writer_mask(&w->tmp, f) == -1)
		return -1;
	return put_text(b, w->tmp.data, w->tmp.len, lower_hex);
}

static int
put_value(struct la_writer *w, const struct la_record *r,
    const struct la_field *f)
{
	struct la_buf *b = la_writer_dst(w);
	int precision = 0;
	json_t *v;

	switch (f->kind) {
	case LA_KIND_TEXT:
		return put_text_field(w, b, f);
	case LA_KIND_NUMBER:
		if (la_writer_masks(w, f))
			return put_text_field(w, b, f);
		v = number_json(f->value, f->len, &precision);
		return dump(b, v, precision);
	case LA_KIND_BOOL:
		if (strcmp(f->value, "true") == 0 ||
		    strcmp(f->value, "false") == 0)
			return la_buf_adds(b, f->value[0] == 't' ? "true" :
			    "false");
		break;
	case LA_KIND_NULL:
		return la_buf_adds(b, "null");
	case LA_KIND_LIST:
		return put_list(b, f->value, f->len);
	case LA_KIND_JSON:
		v = json_loadb(f->value, f->len, JSON_DECODE_ANY |
		    JSON_ALLOW_NUL, NULL);
		if (v != NULL)
			return dump(b, v, 0);
		break;
	case LA_KIND_FINDINGS:
		return put_findings(b, r);
	}
	return put_text(b, f->value, f->len, upper_hex);
}

/*
 * Key texts are copied KEY_PAD bytes at a time, which takes one step for
 * most keys, so they have that many bytes to spare.
 */
#define KEY_PAD 32

/*
 * Makes the key text of field position i from name. Returns it, or NULL
 * on no memory.
 */
static const struct la_json_key *
make_key(struct la_writer *w, size_t i, const char *name)
{
	struct la_buf text = { NULL, 0, 0 };
	struct la_json_key *k;

	if (i >= w->nkeys) {
		size_t n = 2 * i + 8;

		if ((k = realloc(w->keys, n * sizeof(*k))) == NULL)
			return NULL;
		memset(k + w->nkeys, 0, (n - w->nkeys) * sizeof(*k));
		w->keys = k;
		w->nkeys = n;
	}
	/* Names are UTF-8: header text, interned keys or literals. */
	if ((i > 0 && la_buf_addc(&text, ',') == -1) ||
	    put_string(&text, name, strlen(name), lower_hex, 0) == -1 ||
	    la_buf_addc(&text, ':') == -1 ||
	    la_buf_reserve(&text, KEY_PAD) == -1) {
		la_buf_free(&text);
		return NULL;
	}
	memset(text.data + text.len, 0, KEY_PAD);
	k = &w->keys[i];
	free(k->text);
	k->name = name;
	k->text = text.data;
	k->len = text.len;
	return k;
}

/*
 * Appends the key of field position i. The key text made for the same
 * name address last time is reused, unless a reader has closed since,
 * because the memory of a name it lent may now hold another name.
 */
static inline __attribute__((always_inline)) int
put_key(struct la_writer *w, struct la_buf *b, size_t i, const char *name)
{
	const struct la_json_key *k = i < w->nkeys ? &w->keys[i] : NULL;
	char *out;

	if ((k == NULL || k->name != name) &&
	    (k = make_key(w, i, name)) == NULL)
		return -1;
	if (la_buf_room(b, k->len + KEY_PAD) == -1)
		return -1;
	out = b->data + b->len;
	for (size_t j = 0; j < k->len; j += KEY_PAD)
		memcpy(out + j, k->text + j, KEY_PAD);
	b->len += k->len;
	return 0;
}

void
la_json_forget_names(struct la_writer *w)
{
	for (size_t i = 0; i < w->nkeys; i++)
		w->keys[i].name = NULL;
}

/* Forgets the key texts' name addresses if a reader has closed since. */
static void
check_name_addresses(struct la_writer *w)
{
	unsigned long closed = la_io_readers_closed();

	if (w->readers_closed == closed)
		return;
	la_json_forget_names(w);
	w->readers_closed = closed;
}

/* Reports the field of r that put_field() could not write. */
static int
field_error(struct la_writer *w, const struct la_record *r,
    const struct la_field *f, struct la_error *err)
{
	return la_error_set(err, LA_ERR_VALUE, w->name, r->line, f->name,
	    "record of line %ld: field \"%s\" is not valid UTF-8, or memory "
	    "ran out", r->line, f->name);
}

/*
 * Writes the key text k and the text value of f as put_key() and
 * put_string() would, with one test for room in b. Returns 0 or -1.
 */
static inline __attribute__((always_inline)) int
put_text_member(struct la_buf *b, const struct la_json_key *k,
    const struct la_field *f)
{
	const size_t key_len = k->len, len = f->len;
	uint64_t high;
	char *out;

	if (la_buf_room(b, key_len + KEY_PAD + len + 2) == -1)
		return -1;
	out = b->data + b->len;
	memcpy(out, k->text, KEY_PAD);
	for (size_t j = KEY_PAD; j < key_len; j += KEY_PAD)
		memcpy(out + j, k->text + j, KEY_PAD);
	out += key_len;
	if (!copy_unescaped(out + 1, (const unsigned char *)f->value, len,
	    &high)) {
		b->len += key_len;
		return put_escaped_string(b, f->value, len, lower_hex, 1);
	}
	/* Without a byte above 0x7F, the value is ASCII and so UTF-8. */
	if (high != 0 && !is_utf8(f->value, len))
		return -1;
	out[0] = '"';
	out[len + 1] = '"';
	b->len += key_len + len + 2;
	b->data[b->len] = '\0';
	return 0;
}

/*
 * Writes field i of r into b, which is w's record buffer. mask is
 * w->opts.mask, read once by the caller. Returns 0 or -1.
 */
static inline __attribute__((always_inline)) int
put_field(struct la_writer *w, struct la_buf *b, const struct la_record *r,
    size_t i, int mask)
{
	const struct la_field *f = &r->fields[i];

	/* The usual field: a text value, and its key made for this name. */
	if (f->kind == LA_KIND_TEXT && !mask && i < w->nkeys &&
	    w->keys[i].name == f->name)
		return put_text_member(b, &w->keys[i], f);
	if (put_key(w, b, i, f->name) == -1)
		return -1;
	/* Text is by far the most common kind: skip put_value. */
	if (f->kind == LA_KIND_TEXT && !mask)
		return put_string(b, f->value, f->len, lower_hex, 1);
	return put_value(w, r, f);
}

/* The record's text, without the separator of a JSON array. */
static int
put_object(struct la_writer *w, const struct la_record *r,
    struct la_error *err)
{
	struct la_buf *b = la_writer_dst(w);
	const int mask = w->opts.mask;

	if (la_buf_addc(b, '{') == -1)
		return la_error_set(err, LA_ERR_NOMEM, w->name, r->line, NULL,
		    "out of memory");
	for (size_t i = 0; i < r->nfields; i++)
		if (put_field(w, b, r, i, mask) == -1)
			return field_error(w, r, &r->fields[i], err);
	if (la_buf_addc(b, '}') == -1 || (w->opts.format ==
	    LA_FORMAT_JSONL && la_buf_addc(b, '\n') == -1))
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

	check_name_addresses(w);
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
	if (w->opts.format == LA_FORMAT_JSON)
		w->json_line = LA_JSON_LINE_OPEN;
	return 0;
}

int
la_json_finish(struct la_writer *w, struct la_error *err)
{
	const char *end = "\n]\n";

	if (w->count == 0)
		end = "[]\n";
	else if (w->json_line == LA_JSON_LINE_ENDED)
		end = "]\n";
	w->json_line = LA_JSON_LINE_NONE;
	if (la_buf_adds(la_writer_dst(w), end) == -1)
		return la_error_set(err, LA_ERR_NOMEM, w->name, 0, NULL,
		    "out of memory");
	return la_writer_end_record(w, 0, err);
}

/*
 * The next separator, ",\n", then follows the "\n" written here, which
 * puts the ',' on a line of its own but keeps the array valid JSON.
 */
int
la_json_end_line(struct la_writer *w, struct la_error *err)
{
	if (w->json_line != LA_JSON_LINE_OPEN)
		return 0;
	if (la_buf_addc(la_writer_dst(w), '\n') == -1)
		return la_error_set(err, LA_ERR_NOMEM, w->name, 0, NULL,
		    "out of memory");
	w->json_line = LA_JSON_LINE_ENDED;
	return la_writer_end_record(w, 0, err);
}

void
la_json_writer_free(struct la_writer *w)
{
	for (size_t i = 0; i < w->nkeys; i++)
		free(w->keys[i].text);
	free(w->keys);
}
