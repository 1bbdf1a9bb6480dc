/* SPDX-License-Identifier: MIT */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io_impl.h"

/*
 * The CSV header row: names trimmed of ASCII white space, U+3000, U+00A0
 * and U+FEFF; unnamed columns called column_N; a header typed with
 * full-width commas rejected.
 */

/* Byte length of the white space character that starts p, or 0. */
static size_t
space_at(const unsigned char *p, size_t n)
{
	if (n >= 1 && (p[0] == ' ' || (p[0] >= '\t' && p[0] <= '\r')))
		return 1;
	if (n >= 2 && p[0] == 0xC2 && p[1] == 0xA0)
		return 2;
	if (n >= 3 && p[0] == 0xE3 && p[1] == 0x80 && p[2] == 0x80)
		return 3;
	if (n >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF)
		return 3;
	return 0;
}

/* Byte length of the white space character that ends p[0..n), or 0. */
static size_t
space_before(const unsigned char *p, size_t n)
{
	for (size_t k = 1; k <= 3 && k <= n; k++)
		if (space_at(p + n - k, k) == k)
			return k;
	return 0;
}

const char *
la_io_trim(const char *s, size_t *len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = *len, k;

	while ((k = space_at(p, n)) > 0) {
		p += k;
		n -= k;
	}
	while ((k = space_before(p, n)) > 0)
		n -= k;
	*len = n;
	return (const char *)p;
}

static int
contains(const char *s, size_t len, const char *what)
{
	size_t n = strlen(what);

	for (size_t i = 0; i + n <= len; i++)
		if (memcmp(s + i, what, n) == 0)
			return 1;
	return 0;
}

/* Nonzero when one of the n names (NULL ones left out) is text. */
static int
name_taken(char *const *names, size_t n, const char *text)
{
	for (size_t i = 0; i < n; i++)
		if (names[i] != NULL && strcmp(names[i], text) == 0)
			return 1;
	return 0;
}

/*
 * "column_N" for 0-based column i, or "column_N_2", "column_N_3" and so
 * on when a column of the n names is called that already.
 */
static char *
unique_column_text(size_t i, char *const *names, size_t n)
{
	char text[48];

	snprintf(text, sizeof(text), "column_%zu", i + 1);
	for (unsigned k = 2; name_taken(names, n, text); k++)
		snprintf(text, sizeof(text), "column_%zu_%u", i + 1, k);
	return strdup(text);
}

static int
fill_names(struct la_header *h, unsigned char *unnamed,
    const struct la_record *row)
{
	for (size_t i = 0; i < h->ncols; i++) {
		size_t len = row->fields[i].len;
		const char *name = la_io_trim(row->fields[i].value, &len);

		if (len == 0) {
			unnamed[i] = 1;
			continue;
		}
		if ((h->names[i] = strndup(name, len)) == NULL)
			return -1;
	}
	/* Unnamed columns get names that no named column has. */
	for (size_t i = 0; i < h->ncols; i++)
		if (unnamed[i] && (h->names[i] = unique_column_text(i,
		    h->names, h->ncols)) == NULL)
			return -1;
	return 0;
}

int
la_csv_header_build(struct la_header *h, unsigned char **unnamed,
    const struct la_record *row, const char *file, long line,
    struct la_error *err)
{
	size_t n = row->nfields;

	if (n > LA_IO_MAX_COLUMNS)
		return la_error_set(err, LA_ERR_LIMIT, file, line, NULL,
		    "header has %zu columns; at most %d are supported", n,
		    LA_IO_MAX_COLUMNS);
	if (n == 1 && contains(row->fields[0].value, row->fields[0].len,
	    "\xEF\xBC\x8C"))
		return la_error_set(err, LA_ERR_HEADER, file, line, NULL,
		    "header has 1 column and contains '，' (U+FF0C); use ASCII "
		    "commas");
	/* Names are C strings: a NUL would cut one short, even to "". */
	for (size_t i = 0; i < n; i++)
		if (memchr(row->fields[i].value, '\0', row->fields[i].len))
			return la_error_set(err, LA_ERR_HEADER, file, line,
			    NULL, "the name of column %zu contains a NUL byte, "
			    "so the input is probably not a text file", i + 1);
	h->names = calloc(n, sizeof(*h->names));
	h->ids = calloc(n, sizeof(*h->ids));
	*unnamed = calloc(n, 1);
	if (h->names != NULL)
		h->ncols = n;
	if (h->names == NULL || h->ids == NULL || *unnamed == NULL ||
	    fill_names(h, *unnamed, row) == -1)
		return la_error_set(err, LA_ERR_NOMEM, file, line, NULL,
		    "out of memory");
	if (la_header_resolve(h, file, err) == -1) {
		err->line = line;
		return -1;
	}
	return 0;
}

const char *
la_csv_column_name(char ***names, size_t *n, size_t i,
    const struct la_header *h)
{
	if (i >= *n) {
		size_t cap = *n ? *n : 16;
		char **p;

		while (cap <= i)
			cap *= 2;
		if ((p = realloc(*names, cap * sizeof(*p))) == NULL)
			return NULL;
		memset(p + *n, 0, (cap - *n) * sizeof(*p));
		*names = p;
		*n = cap;
	}
	if ((*names)[i] == NULL)
		(*names)[i] = unique_column_text(i, h->names, h->ncols);
	return (*names)[i];
}

void
la_csv_column_names_free(char **names, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
}
