/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "rules_private.h"

/*
 * Writing the rules: the key tables of rules_keys.c are walked into a
 * jansson tree, which is then written with two-space indentation and with
 * arrays of plain values packed onto lines of at most 78 columns.
 */

#define LINE_WIDTH 78

static json_t *dump_object(const struct rules_key *, const void *,
    const struct la_rules *);

/* A whole number prints without a fraction; others round-trip exactly. */
static json_t *
dump_number(double x)
{
	if (x == floor(x) && fabs(x) < 1e15)
		return json_integer((json_int_t)x);
	return json_real(x);
}

static json_t *
dump_bits(unsigned bits, const char *(*name)(unsigned), int nbits)
{
	json_t *a = json_array();

	for (int b = 0; a != NULL && b < nbits; b++)
		if ((bits & 1u << b) != 0 &&
		    json_array_append_new(a, json_string(name(1u << b))) != 0) {
			json_decref(a);
			return NULL;
		}
	return a;
}

static json_t *
dump_weekdays(unsigned bits)
{
	json_t *a = json_array();

	for (int d = 1; a != NULL && d <= 7; d++)
		if ((bits & 1u << d) != 0 &&
		    json_array_append_new(a, json_integer(d)) != 0) {
			json_decref(a);
			return NULL;
		}
	return a;
}

static json_t *
dump_aliases(const struct la_rules *r)
{
	json_t *a = json_array();

	for (int i = 0; a != NULL && i < r->ndistrict_aliases; i++)
		if (json_array_append_new(a,
		    json_string(r->district_aliases[i])) != 0) {
			json_decref(a);
			return NULL;
		}
	return a;
}

static json_t *
dump_ladder(const struct la_rules *r)
{
	json_t *a = json_array();

	for (int i = 0; a != NULL && i < r->nladder; i++)
		if (json_array_append_new(a,
		    json_string(la_action_name(r->ladder[i]))) != 0) {
			json_decref(a);
			return NULL;
		}
	return a;
}

static json_t *
dump_time(const struct la_rules *r, la_time t)
{
	char buf[32];

	la_time_format(&r->tz, t, buf, sizeof(buf));
	return json_string(buf);
}

static json_t *
dump_date(struct la_date d)
{
	char buf[16];

	la_date_format(d, buf, sizeof(buf));
	return json_string(buf);
}

/* Writes sorted days as "YYYY-MM-DD", or "first..last" for a run. */
static json_t *
dump_days(const la_day *days, size_t n)
{
	json_t *a = json_array();
	char first[16], last[16], run[40];

	for (size_t i = 0; a != NULL && i < n; i++) {
		size_t j = i;

		while (j + 1 < n && days[j + 1] == days[j] + 1)
			j++;
		la_date_format(la_date_from_day(days[i]), first,
		    sizeof(first));
		la_date_format(la_date_from_day(days[j]), last, sizeof(last));
		if (j > i)
			snprintf(run, sizeof(run), "%s..%s", first, last);
		else
			snprintf(run, sizeof(run), "%s", first);
		if (json_array_append_new(a, json_string(run)) != 0) {
			json_decref(a);
			return NULL;
		}
		i = j;
	}
	return a;
}

/*
 * The printed calendar sets "replace", so that loading the output on top
 * of any rules gives exactly these days.
 */
static json_t *
dump_calendar(const struct la_calendar *cal)
{
	json_t *o = json_object();

	if (o == NULL || json_object_set_new(o, "first",
	    dump_date(la_date_from_day(cal->first))) != 0 ||
	    json_object_set_new(o, "last",
	    dump_date(la_date_from_day(cal->last))) != 0 ||
	    json_object_set_new(o, "replace", json_true()) != 0 ||
	    json_object_set_new(o, "holidays",
	    dump_days(cal->holidays, cal->nholidays)) != 0 ||
	    json_object_set_new(o, "workdays",
	    dump_days(cal->workdays, cal->nworkdays)) != 0) {
		json_decref(o);
		return NULL;
	}
	return o;
}

static json_t *
dump_posts(const struct la_rules *r)
{
	json_t *a = json_array();

	for (int i = 0; a != NULL && i < r->nposts; i++)
		if (json_array_append_new(a, dump_object(la_rules_post_keys,
		    &r->posts[i], r)) != 0) {
			json_decref(a);
			return NULL;
		}
	return a;
}

static json_t *
dump_value(const struct rules_key *k, const void *base,
    const struct la_rules *r)
{
	const void *p = (const char *)base + k->offset;

	switch (k->type) {
	case KEY_INT:
		return json_integer(*(const int *)p);
	case KEY_NUMBER:
		return dump_number(*(const double *)p);
	case KEY_BOOL:
		return json_boolean(*(const int *)p);
	case KEY_OBJECT:
		return dump_object(k->keys, base, r);
	case KEY_TEXT:
		return json_string(p);
	case KEY_ALIASES:
		return dump_aliases(r);
	case KEY_TIMEZONE:
		return json_string(r->tz.name);
	case KEY_TIME:
		return dump_time(r, *(const la_time *)p);
	case KEY_DATE:
		return dump_date(*(const struct la_date *)p);
	case KEY_DOCUMENTS:
		return dump_bits(*(const unsigned *)p, la_document_name, 3);
	case KEY_SERVICES:
		return dump_bits(*(const unsigned *)p, la_service_name, 4);
	case KEY_WEEKDAYS:
		return dump_weekdays(*(const unsigned *)p);
	case KEY_DAY_UNIT:
		return json_string(*(const enum la_day_unit *)p ==
		    LA_DAYS_WORKING ? "working" : "calendar");
	case KEY_ACTION:
		return json_string(la_action_name(*(const enum la_action *)p));
	case KEY_LADDER:
		return dump_ladder(r);
	case KEY_CALENDAR:
		return dump_calendar(&r->calendar);
	case KEY_POSTS:
		return dump_posts(r);
	case KEY_DAY_LIST:
		break;
	}
	return NULL;
}

static json_t *
dump_object(const struct rules_key *keys, const void *base,
    const struct la_rules *r)
{
	json_t *o = json_object();

	for (const struct rules_key *k = keys; o != NULL && k->name != NULL;
	    k++)
		if (json_object_set_new(o, k->name, dump_value(k, base,
		    r)) != 0) {
			json_decref(o);
			return NULL;
		}
	return o;
}

/*
 * Encodes a plain value. A real gets the fewest digits, 15 to 17, that
 * read back as the same double.
 */
static char *
encode_plain(const json_t *v)
{
	char *s;

	if (!json_is_real(v))
		return json_dumps(v, JSON_ENCODE_ANY);
	for (int digits = 15; digits <= 17; digits++) {
		json_t *back;
		int same;

		s = json_dumps(v, JSON_ENCODE_ANY |
		    JSON_REAL_PRECISION(digits));
		if (s == NULL || digits == 17)
			return s;
		back = json_loads(s, JSON_DECODE_ANY, NULL);
		same = back != NULL && json_real_value(back) ==
		    json_real_value(v);
		json_decref(back);
		if (same)
			return s;
		free(s);
	}
	return NULL;
}

static void
indent(FILE *fp, int depth)
{
	fprintf(fp, "%*s", 2 * depth, "");
}

static int emit(FILE *fp, const json_t *v, int depth, int column);

/* Writes an array of plain values, packed onto lines. */
static int
emit_plain_array(FILE *fp, const json_t *a, int depth, int column)
{
	size_t i, total = 2;
	char **items = calloc(json_array_size(a) + 1, sizeof(*items));
	json_t *v;
	int rc = 0;

	if (items == NULL)
		return -1;
	json_array_foreach(a, i, v) {
		if ((items[i] = encode_plain(v)) == NULL)
			rc = -1;
		else
			total += strlen(items[i]) + 2;
	}
	if (rc == 0 && column + total <= LINE_WIDTH) {
		fputc('[', fp);
		for (i = 0; i < json_array_size(a); i++)
			fprintf(fp, "%s%s", i > 0 ? ", " : "", items[i]);
		fputc(']', fp);
	} else if (rc == 0) {
		column = LINE_WIDTH;
		fputc('[', fp);
		for (i = 0; i < json_array_size(a); i++) {
			size_t width = strlen(items[i]) + 2;

			if (column + width > LINE_WIDTH) {
				fprintf(fp, "%s\n", i > 0 ? "," : "");
				indent(fp, depth + 1);
				column = 2 * (depth + 1);
			} else {
				fputs(", ", fp);
			}
			fputs(items[i], fp);
			column += (int)width;
		}
		fputc('\n', fp);
		indent(fp, depth);
		fputc(']', fp);
	}
	for (i = 0; i < json_array_size(a); i++)
		free(items[i]);
	free(items);
	return rc;
}

static int
is_plain_array(const json_t *a)
{
	size_t i;
	json_t *v;

	json_array_foreach(a, i, v)
		if (json_is_object(v) || json_is_array(v))
			return 0;
	return 1;
}

static int
emit_array(FILE *fp, const json_t *a, int depth, int column)
{
	size_t i;
	json_t *v;

	if (is_plain_array(a))
		return emit_plain_array(fp, a, depth, column);
	fputs("[\n", fp);
	json_array_foreach(a, i, v) {
		indent(fp, depth + 1);
		if (emit(fp, v, depth + 1, 2 * (depth + 1)) != 0)
			return -1;
		fputs(i + 1 < json_array_size(a) ? ",\n" : "\n", fp);
	}
	indent(fp, depth);
	fputc(']', fp);
	return 0;
}

/*
 * Writes a small object of plain values on one line when it fits and
 * sits below a top-level section, as in {"points": 25, "cap": 10}.
 * Returns 1 when it did, 0 when the object needs lines of its own.
 */
static int
emit_inline_object(FILE *fp, const json_t *o, int depth, int column)
{
	const char *key;
	size_t width = 2, i = 0;
	char *items[4];
	json_t *v;

	if (depth < 2 || json_object_size(o) > 4)
		return 0;
	json_object_foreach((json_t *)o, key, v) {
		if (json_is_object(v) || json_is_array(v) ||
		    (items[i] = encode_plain(v)) == NULL)
			break;
		width += strlen(key) + 4 + strlen(items[i]) + 2;
		i++;
	}
	if (i == json_object_size(o) && column + width <= LINE_WIDTH) {
		size_t k = 0;

		fputc('{', fp);
		json_object_foreach((json_t *)o, key, v) {
			fprintf(fp, "%s\"%s\": %s", k > 0 ? ", " : "", key,
			    items[k]);
			k++;
		}
		fputc('}', fp);
	} else {
		width = 0;
	}
	while (i > 0)
		free(items[--i]);
	return width > 0;
}

static int
emit_object(FILE *fp, const json_t *o, int depth, int column)
{
	const char *key;
	size_t left = json_object_size(o);
	json_t *v;

	if (emit_inline_object(fp, o, depth, column))
		return 0;
	fputs("{\n", fp);
	json_object_foreach((json_t *)o, key, v) {
		indent(fp, depth + 1);
		fprintf(fp, "\"%s\": ", key);
		if (emit(fp, v, depth + 1,
		    2 * (depth + 1) + (int)strlen(key) + 4) != 0)
			return -1;
		fputs(--left > 0 ? ",\n" : "\n", fp);
	}
	indent(fp, depth);
	fputc('}', fp);
	return 0;
}

/* Writes v at the given nesting depth; column is where v starts. */
static int
emit(FILE *fp, const json_t *v, int depth, int column)
{
	char *s;

	if (json_is_object(v))
		return emit_object(fp, v, depth, column);
	if (json_is_array(v))
		return emit_array(fp, v, depth, column);
	if ((s = encode_plain(v)) == NULL)
		return -1;
	fputs(s, fp);
	free(s);
	return 0;
}

int
la_rules_print(const struct la_rules *r, FILE *fp, struct la_error *err)
{
	json_t *root = dump_object(la_rules_keys, r, r);
	int rc;

	if (root == NULL)
		return la_error_set(err, LA_ERR_NOMEM, NULL, 0, NULL,
		    "cannot encode the rules as JSON (out of memory or "
		    "invalid UTF-8 in a name)");
	rc = emit(fp, root, 0, 0);
	json_decref(root);
	if (rc != 0)
		return la_error_set(err, LA_ERR_NOMEM, NULL, 0, NULL,
		    "out of memory writing the rules");
	fputc('\n', fp);
	if (fflush(fp) != 0 || ferror(fp))
		return la_error_set(err, LA_ERR_IO, NULL, 0, NULL,
		    "cannot write the rules: %s", strerror(errno));
	return 0;
}
