/* SPDX-License-Identifier: MIT */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "io_impl.h"

/*
 * CSV output (RFC 4180, but lines end in LF). A field is quoted when it
 * contains a comma, a quote, CR or LF, or when it starts or ends with a
 * space or tab, because CSV readers such as libcsv trim those from
 * unquoted fields. Quotes inside are doubled. The columns are the first
 * record's field names.
 */

#define ONES 0x0101010101010101ULL
#define HIGH_BITS 0x8080808080808080ULL

/*
 * Nonzero when one of the 8 bytes of w is b. A zero byte of w ^ b borrows
 * into its high bit in the subtraction, and ~v drops the high bits of the
 * bytes that had one, so the result is nonzero only if some byte was 0.
 */
static uint64_t
has_byte(uint64_t w, unsigned char b)
{
	uint64_t v = w ^ (ONES * b);

	return (v - ONES) & ~v & HIGH_BITS;
}

/* Bytes that force quotes: 1 anywhere, 2 at either end only. */
static const unsigned char quote_class[256] = {
	['"'] = 1, [','] = 1, ['\r'] = 1, ['\n'] = 1, [' '] = 2, ['\t'] = 2,
};

/*
 * Nonzero when a byte of w is below 0x2D, where all four bytes that force
 * quotes lie: most text has none, so one test clears a word of it.
 */
static uint64_t
has_low_byte(uint64_t w)
{
	return (w - ONES * 0x2D) & ~w & HIGH_BITS;
}

static int
word_needs_quotes(const unsigned char *s)
{
	uint64_t w;

	memcpy(&w, s, 8);
	return has_low_byte(w) && (has_byte(w, '"') | has_byte(w, ',') |
	    has_byte(w, '\r') | has_byte(w, '\n'));
}

static int
needs_quotes(const char *p, size_t len)
{
	const unsigned char *s = (const unsigned char *)p;
	size_t i;

	if (len == 0)
		return 0;
	if (quote_class[s[0]] | quote_class[s[len - 1]])
		return 1;
	if (len < 8) {
		for (i = 1; i + 1 < len; i++)
			if (quote_class[s[i]] == 1)
				return 1;
		return 0;
	}
	for (i = 0; len - i > 8; i += 8)
		if (word_needs_quotes(s + i))
			return 1;
	/* The last word may overlap the one before. */
	return word_needs_quotes(s + len - 8);
}

/* Spreadsheets run a cell that starts with one of these as a formula. */
static int
formula_start(const char *p, size_t len)
{
	return len > 0 && memchr("=+-@\t\r", p[0], 6) != NULL;
}

/* Most bytes a cell can take: all quotes doubled, quotes and guard. */
static size_t
cell_room(size_t len)
{
	return 2 * len + 3;
}

/* Writes a cell at out, which has cell_room(len) bytes; returns the end. */
static char *
put_cell(char *out, const char *p, size_t len, int guard)
{
	const char *q;
	int quote = needs_quotes(p, len);

	if (quote)
		*out++ = '"';
	if (guard)
		*out++ = '\'';
	if (!quote) {
		/* An empty rendered cell may point into a buffer never made. */
		if (len > 0)
			memcpy(out, p, len);
		return out + len;
	}
	while ((q = memchr(p, '"', len)) != NULL) {
		memcpy(out, p, (size_t)(q - p) + 1);
		out += (q - p) + 1;
		*out++ = '"';
		len -= (size_t)(q - p) + 1;
		p = q + 1;
	}
	memcpy(out, p, len);
	out += len;
	*out++ = '"';
	return out;
}

/*
 * Appends a message with each ';' written as the full-width '；', so that
 * the findings of a CSV cell split back apart at their ASCII ';'.
 */
static int
add_message(struct la_buf *b, const char *s)
{
	const char *semi;
	int rc = 0;

	while ((semi = strchr(s, ';')) != NULL) {
		rc |= la_buf_add(b, s, (size_t)(semi - s));
		rc |= la_buf_adds(b, "；");
		s = semi + 1;
		if (*s == ' ')
			s++;
	}
	return rc | la_buf_adds(b, s);
}

/* Findings as "rule: message", joined with "; ", appended to b. */
static int
findings_text(struct la_buf *b, const struct la_record *r)
{
	int rc = 0;

	for (size_t i = 0; i < r->nfindings; i++) {
		if (i > 0)
			rc |= la_buf_adds(b, "; ");
		rc |= la_buf_adds(b, r->findings[i].rule);
		rc |= la_buf_adds(b, ": ");
		rc |= add_message(b, r->findings[i].message);
	}
	return rc;
}

/*
 * Renders the cells whose text is not the field value as is (masked
 * values, findings) into w->tmp. Returns 0, or -1 on no memory.
 */
static int
render_cells(struct la_writer *w, const struct la_record *r)
{
	int rc = 0;

	w->tmp.len = 0;
	for (size_t i = 0; i < w->ncols + w->nextra; i++) {
		struct la_cell *c = &w->cells[i];

		if (!c->in_tmp)
			continue;
		c->off = w->tmp.len;
		if (c->field->kind == LA_KIND_FINDINGS)
			rc |= findings_text(&w->tmp, r);
		else
			rc |= la_writer_mask(&w->tmp, c->field);
		c->len = w->tmp.len - c->off;
	}
	for (size_t i = 0; i < w->ncols + w->nextra; i++)
		if (w->cells[i].in_tmp)
			w->cells[i].p = w->tmp.data + w->cells[i].off;
	return rc;
}

static int
put_row(struct la_writer *w, const struct la_record *r, size_t room,
    int rendered)
{
	struct la_buf *b = la_writer_dst(w);
	char *out, *start;

	if (rendered) {
		if (render_cells(w, r) == -1)
			return -1;
		for (size_t i = 0; i < w->ncols + w->nextra; i++)
			if (w->cells[i].in_tmp)
				room += cell_room(w->cells[i].len);
	}
	if (la_buf_reserve(b, room) == -1)
		return -1;
	start = out = b->data + b->len;
	for (size_t i = 0; i < w->ncols + w->nextra; i++) {
		const struct la_cell *c = &w->cells[i];

		if (i > 0)
			*out++ = ',';
		out = put_cell(out, c->p, c->len, w->opts.formula_guard &&
		    formula_start(c->p, c->len));
	}
	/* A lone empty field would be a blank line, which readers skip. */
	if (out == start && w->ncols == 1) {
		*out++ = '"';
		*out++ = '"';
	}
	*out++ = '\n';
	b->len = (size_t)(out - b->data);
	b->data[b->len] = '\0';
	return 0;
}

/* The header row, through the same path as records. */
static int
write_header(struct la_writer *w, struct la_error *err)
{
	struct la_record names;
	size_t room = w->ncols + 4;
	int rc = 0;

	la_record_init(&names);
	for (size_t i = 0; i < w->ncols && rc == 0; i++)
		if (la_record_append(&names, "", -1, w->cols[i],
		    strlen(w->cols[i]), LA_KIND_TEXT) == NULL)
			rc = -1;
	for (size_t i = 0; i < w->ncols && rc == 0; i++) {
		w->cells[i].field = &names.fields[i];
		w->cells[i].p = names.fields[i].value;
		w->cells[i].len = names.fields[i].len;
		w->cells[i].in_tmp = 0;
		room += cell_room(names.fields[i].len);
	}
	if (rc == 0)
		rc = put_row(w, &names, room, 0);
	la_record_free(&names);
	if (rc != 0)
		return la_error_set(err, LA_ERR_NOMEM, w->name, 0, NULL,
		    "out of memory");
	return la_writer_end_record(w, 0, err);
}

static int
set_columns(struct la_writer *w, const struct la_record *r,
    struct la_error *err)
{
	size_t n = r->nfields;

	w->cols = calloc(n ? n : 1, sizeof(*w->cols));
	w->col_ptrs = calloc(n ? n : 1, sizeof(*w->col_ptrs));
	w->cells = calloc(n ? n : 1, sizeof(*w->cells));
	w->cells_cap = n ? n : 1;
	if (w->cols == NULL || w->col_ptrs == NULL || w->cells == NULL)
		return la_error_set(err, LA_ERR_NOMEM, w->name, r->line, NULL,
		    "out of memory");
	for (size_t i = 0; i < n; i++) {
		if ((w->cols[i] = strdup(r->fields[i].name)) == NULL)
			return la_error_set(err, LA_ERR_NOMEM, w->name,
			    r->line, NULL, "out of memory");
		w->col_ptrs[i] = r->fields[i].name;
		w->ncols = i + 1;
	}
	return write_header(w, err);
}

/* Column of field f, trying first position hint (the usual case). */
static long
find_column(const struct la_writer *w, const struct la_field *f,
    size_t hint)
{
	if (hint < w->ncols && (w->col_ptrs[hint] == f->name ||
	    strcmp(w->cols[hint], f->name) == 0))
		return (long)hint;
	for (size_t i = 0; i < w->ncols; i++)
		if (strcmp(w->cols[i], f->name) == 0)
			return (long)i;
	return -1;
}

/*
 * A field that no column of the header names is written after the last
 * column, as the input had it, so that nothing is lost; the row is then
 * longer than the header, and the reader's finding on the record explains it.
 * Returns the new cell's index, or -1 on no memory.
 */
static long
add_extra_cell(struct la_writer *w)
{
	size_t need = w->ncols + w->nextra + 1;
	struct la_cell *c;

	if (need > w->cells_cap) {
		if ((c = realloc(w->cells, need * 2 * sizeof(*c))) == NULL)
			return -1;
		w->cells = c;
		w->cells_cap = need * 2;
	}
	c = &w->cells[need - 1];
	c->field = NULL;
	c->p = "";
	c->len = 0;
	c->in_tmp = 0;
	w->nextra++;
	return (long)(need - 1);
}

/*
 * Puts each field of r in its column. Sets *room to the bytes the row
 * needs, not counting rendered cells, and *rendered when some cell needs
 * rendering. Returns 0 or -1 with err filled.
 */
static int
place_fields(struct la_writer *w, const struct la_record *r, size_t *room,
    int *rendered, struct la_error *err)
{
	long col;

	*room = w->ncols + 4;
	*rendered = 0;
	w->nextra = 0;
	for (size_t i = 0; i < w->ncols; i++) {
		w->cells[i].field = NULL;
		w->cells[i].p = "";
		w->cells[i].len = 0;
		w->cells[i].in_tmp = 0;
	}
	for (size_t i = 0; i < r->nfields; i++) {
		const struct la_field *f = &r->fields[i];
		struct la_cell *c;

		if ((col = find_column(w, f, i)) < 0 &&
		    (col = add_extra_cell(w)) < 0)
			return la_error_set(err, LA_ERR_NOMEM, w->name,
			    r->line, NULL, "out of memory");
		c = &w->cells[col];
		if (c->field != NULL)
			return la_error_set(err, LA_ERR_HEADER, w->name,
			    r->line, f->name, "record of line %ld has field "
			    "\"%s\" twice", r->line, f->name);
		c->field = f;
		c->in_tmp = f->kind == LA_KIND_FINDINGS ||
		    la_writer_masks(w, f);
		*rendered |= c->in_tmp;
		if (!c->in_tmp) {
			c->p = f->value;
			c->len = f->len;
			*room += cell_room(f->len);
		}
	}
	*room += w->nextra;	/* a comma before each extra cell */
	return 0;
}

/*
 * The usual record: the columns' fields in their order, none rendered.
 * Returns the room its row needs, or 0 for any other record.
 */
static size_t
plain_room(const struct la_writer *w, const struct la_record *r)
{
	size_t room = w->ncols + 4;

	if (r->nfields != w->ncols || w->opts.mask || w->ncols == 1)
		return 0;
	for (size_t i = 0; i < r->nfields; i++) {
		const struct la_field *f = &r->fields[i];

		if (f->kind == LA_KIND_FINDINGS || (f->name != w->col_ptrs[i] &&
		    strcmp(f->name, w->cols[i]) != 0))
			return 0;
		room += cell_room(f->len);
	}
	return room;
}

/* Writes a plain record straight from its fields. */
static int
put_plain(struct la_writer *w, const struct la_record *r, size_t room)
{
	struct la_buf *b = la_writer_dst(w);
	char *out;

	if (la_buf_reserve(b, room) == -1)
		return -1;
	out = b->data + b->len;
	for (size_t i = 0; i < r->nfields; i++) {
		const struct la_field *f = &r->fields[i];

		if (i > 0)
			*out++ = ',';
		out = put_cell(out, f->value, f->len, w->opts.formula_guard &&
		    formula_start(f->value, f->len));
	}
	*out++ = '\n';
	b->len = (size_t)(out - b->data);
	b->data[b->len] = '\0';
	return 0;
}

int
la_csv_put(struct la_writer *w, const struct la_record *r,
    struct la_error *err)
{
	size_t room;
	int rendered, rc;

	if (w->cols == NULL && set_columns(w, r, err) == -1)
		return -1;
	if ((room = plain_room(w, r)) > 0) {
		rc = put_plain(w, r, room);
	} else {
		if (place_fields(w, r, &room, &rendered, err) == -1)
			return -1;
		rc = put_row(w, r, room, rendered);
	}
	if (rc == -1)
		return la_error_set(err, LA_ERR_NOMEM, w->name, r->line, NULL,
		    "out of memory");
	if (la_writer_end_record(w, r->line, err) == -1)
		return -1;
	w->count++;
	return 0;
}

void
la_csv_writer_free(struct la_writer *w)
{
	for (size_t i = 0; i < w->ncols; i++)
		free(w->cols[i]);
	free(w->cols);
	free(w->col_ptrs);
	free(w->cells);
}
