/* SPDX-License-Identifier: MIT */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "io_impl.h"

/*
 * CSV output (RFC 4180, but lines end in LF). A field is quoted when it
 * contains a comma, a quote, CR or LF, or when it starts or ends with a
 * space or tab, because CSV readers such as libcsv trim those from
 * unquoted fields. Quotes inside are doubled. The columns are those the
 * options give, or else the first record's field names.
 */

/* Bytes that force quotes: 1 anywhere, 2 at either end only. */
static const unsigned char quote_class[256] = {
	['"'] = 1, [','] = 1, ['\r'] = 1, ['\n'] = 1, [' '] = 2, ['\t'] = 2,
};

/*
 * Nonzero when a byte of w is below 0x2D. All six bytes of quote_class
 * are, and most text has none, so one test clears a word of text.
 */
static inline uint64_t
has_low_byte(uint64_t w)
{
	return la_has_less(w, 0x2D);
}

/* Nonzero when a byte of w forces quotes wherever it is. */
static int
word_needs_quotes(uint64_t w)
{
	return (la_has_byte(w, '"') | la_has_byte(w, ',') |
	    la_has_byte(w, '\r') | la_has_byte(w, '\n')) != 0;
}

static int
needs_quotes(const unsigned char *s, size_t len)
{
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
		if (word_needs_quotes(la_load8(s + i)))
			return 1;
	/* The last word may overlap the one before. */
	return word_needs_quotes(la_load8(s + len - 8));
}

/* Copies a cell that has a byte below 0x2D, unless it needs quotes. */
static int
copy_checked(char *out, const unsigned char *s, size_t len)
{
	if (needs_quotes(s, len))
		return 0;
	memcpy(out, s, len);
	return 1;
}

/*
 * Nonzero when w, a word with a byte below 0x2D of the cell of len bytes
 * at s, lets the cell go unquoted. The word must have no byte that forces
 * quotes anywhere. The cell's first and last bytes are tested once, on its
 * first such word.
 */
static int
low_word_allowed(uint64_t w, const unsigned char *s, size_t len,
    int *ends_checked)
{
	if (!*ends_checked) {
		if (quote_class[s[0]] | quote_class[s[len - 1]])
			return 0;
		*ends_checked = 1;
	}
	return !word_needs_quotes(w);
}

/*
 * Copies a cell of len bytes to out unless it needs quotes, and then
 * returns 0 with out partly written. Text without bytes below 0x2D needs
 * none, so it is copied 8 bytes at a time with one test per word, and
 * only a word with such a byte, as a space, is tested further. The
 * words of a short or ragged cell overlap, so no byte outside s or
 * out[0..len) is touched. The fixed-size memcpy calls compile to moves.
 */
static inline __attribute__((always_inline)) int
copy_unquoted(char *out, const unsigned char *s, size_t len)
{
	uint64_t w;
	size_t i;
	int ends_checked = 0;

	if (len < 4) {
		/* s[0], s[len / 2] and s[len - 1] are all its bytes. */
		if (len == 0)
			return 1;
		if (s[0] < 0x2D || s[len / 2] < 0x2D || s[len - 1] < 0x2D)
			return copy_checked(out, s, len);
		out[0] = (char)s[0];
		out[len / 2] = (char)s[len / 2];
		out[len - 1] = (char)s[len - 1];
		return 1;
	}
	if (len < 8) {
		if (has_low_byte(la_load4(s) | la_load4(s + len - 4) << 32))
			return copy_checked(out, s, len);
		memcpy(out, s, 4);
		memcpy(out + len - 4, s + len - 4, 4);
		return 1;
	}
	for (i = 0; len - i > 8; i += 8) {
		if (has_low_byte(w = la_load8(s + i)) &&
		    !low_word_allowed(w, s, len, &ends_checked))
			return 0;
		memcpy(out + i, &w, 8);
	}
	if (has_low_byte(w = la_load8(s + len - 8)) &&
	    !low_word_allowed(w, s, len, &ends_checked))
		return 0;
	memcpy(out + len - 8, &w, 8);
	return 1;
}

/* Spreadsheets run a cell that starts with one of these as a formula. */
static int
formula_start(const char *p, size_t len)
{
	return len > 0 && memchr("=+-@\t\r", p[0], 6) != NULL;
}

/*
 * Bytes a row needs besides its cells and a comma after each: "" for a
 * lone empty cell, and the line end.
 */
#define ROW_END 3

/* Most bytes a cell can take: all quotes doubled, quotes and guard. */
static size_t
cell_room(size_t len)
{
	return 2 * len + 3;
}

/* Writes a cell in quotes, with quotes inside doubled, and returns the end. */
static char *
put_quoted(char *out, const char *p, size_t len, int guard)
{
	const char *q;

	*out++ = '"';
	if (guard)
		*out++ = '\'';
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

/* put_cell for --safe-csv, whose guard may go before the cell. */
static char *
put_guarded_cell(char *out, const char *p, size_t len)
{
	int guard = formula_start(p, len);

	/* The guard goes before an unquoted cell, and inside the quotes. */
	if (copy_unquoted(out + guard, (const unsigned char *)p, len)) {
		if (guard)
			*out = '\'';
		return out + guard + len;
	}
	return put_quoted(out, p, len, guard);
}

/*
 * Writes a cell at out, which has cell_room(len) bytes, and returns the
 * end. With guard set, a cell that starts like a formula gets the guard.
 */
static inline __attribute__((always_inline)) char *
put_cell(char *out, const char *p, size_t len, int guard)
{
	if (guard)
		return put_guarded_cell(out, p, len);
	if (copy_unquoted(out, (const unsigned char *)p, len))
		return out + len;
	return put_quoted(out, p, len, 0);
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

/* Nonzero when the cell of f shows other text than its value. */
static int
is_rendered(const struct la_writer *w, const struct la_field *f)
{
	return f->kind == LA_KIND_FINDINGS ||
	    (w->opts.mask && la_writer_masks(w, f));
}

/* Appends the masked value of f, or r's findings, to b. */
static int
render(struct la_buf *b, const struct la_field *f, const struct la_record *r)
{
	if (f->kind == LA_KIND_FINDINGS)
		return findings_text(b, r);
	return la_writer_mask(b, f);
}

/*
 * Points cell c at the text of field f: its value, or the text rendered
 * at the end of w->tmp. Adds the bytes the cell may take to *room.
 * Returns 0, or -1 on no memory.
 */
static int
set_cell(struct la_writer *w, struct la_cell *c, const struct la_field *f,
    const struct la_record *r, size_t *room)
{
	c->field = f;
	c->in_tmp = is_rendered(w, f);
	if (!c->in_tmp) {
		c->p = f->value;
		c->len = f->len;
	} else {
		c->off = w->tmp.len;
		if (render(&w->tmp, f, r) == -1)
			return -1;
		c->len = w->tmp.len - c->off;
	}
	*room += cell_room(c->len);
	return 0;
}

/*
 * Ends the row that starts at start, with out after the comma of its last
 * cell, if any. Returns the end of the row.
 */
static char *
end_row(char *start, char *out, size_t ncells, size_t ncols)
{
	if (ncells > 0)
		out--;		/* the comma after the last cell */
	/* A lone empty field would be a blank line, which readers skip. */
	if (out == start && ncols == 1) {
		*out++ = '"';
		*out++ = '"';
	}
	*out++ = '\n';
	return out;
}

/*
 * Writes the cells as one row into the record buffer, which is grown to
 * room bytes first. Returns 0, or -1 on no memory.
 */
static int
put_row(struct la_writer *w, size_t room)
{
	struct la_buf *b = la_writer_dst(w);
	size_t n = w->ncols;
	char *out, *start;

	if (la_buf_reserve(b, room) == -1)
		return -1;
	start = out = b->data + b->len;
	for (size_t i = 0; i < n; i++) {
		const struct la_cell *c = &w->cells[i];
		/* Rendered text is found by offset: w->tmp may have moved. */
		const char *p = c->in_tmp ? w->tmp.data + c->off : c->p;

		out = put_cell(out, p, c->len, w->opts.formula_guard);
		*out++ = ',';
	}
	out = end_row(start, out, n, w->ncols);
	b->len = (size_t)(out - b->data);
	b->data[b->len] = '\0';
	return 0;
}

/* The header row, through the same path as records. */
static int
write_header(struct la_writer *w, struct la_error *err)
{
	struct la_record names;
	size_t room = w->ncols + ROW_END;
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
		rc = put_row(w, room);
	la_record_free(&names);
	if (rc != 0)
		return la_error_set(err, LA_ERR_NOMEM, w->name, 0, NULL,
		    "out of memory");
	return la_writer_end_record(w, 0, err);
}

/*
 * Makes the n names, of catalogue ids ids, the columns of w. When addr
 * is not NULL, addr[i] is the address of name i in the records. Returns
 * 0, or -1 on no memory.
 */
static int
copy_columns(struct la_writer *w, const char *const *names,
    const int *ids, const char *const *addr, size_t n)
{
	w->cols = calloc(n ? n : 1, sizeof(*w->cols));
	w->col_ids = calloc(n ? n : 1, sizeof(*w->col_ids));
	w->col_ptrs = calloc(n ? n : 1, sizeof(*w->col_ptrs));
	w->cells = calloc(n ? n : 1, sizeof(*w->cells));
	if (w->cols == NULL || w->col_ids == NULL || w->col_ptrs == NULL ||
	    w->cells == NULL)
		return -1;
	for (size_t i = 0; i < n; i++) {
		if ((w->cols[i] = strdup(names[i])) == NULL)
			return -1;
		w->col_ids[i] = ids[i];
		w->col_ptrs[i] = addr != NULL ? addr[i] : NULL;
		w->ncols = i + 1;
	}
	w->readers_closed = la_io_readers_closed();
	return 0;
}

/* Takes the columns of the options, or else the names of r's fields. */
static int
set_columns(struct la_writer *w, const struct la_record *r,
    struct la_error *err)
{
	size_t n = r->nfields;
	const char **names;
	int *ids;
	int rc = -1;

	if (w->opts.columns != NULL) {
		if (copy_columns(w, w->opts.columns, w->opts.column_ids, NULL,
		    w->opts.ncolumns) == -1)
			return la_error_set(err, LA_ERR_NOMEM, w->name,
			    r->line, NULL, "out of memory");
		return write_header(w, err);
	}
	names = calloc(n ? n : 1, sizeof(*names));
	ids = calloc(n ? n : 1, sizeof(*ids));
	if (names != NULL && ids != NULL) {
		for (size_t i = 0; i < n; i++) {
			names[i] = r->fields[i].name;
			ids[i] = r->fields[i].id;
		}
		rc = copy_columns(w, names, ids, names, n);
	}
	free(names);
	free(ids);
	if (rc == -1)
		return la_error_set(err, LA_ERR_NOMEM, w->name, r->line, NULL,
		    "out of memory");
	return write_header(w, err);
}

int
la_csv_header_only(struct la_writer *w, const struct la_record *r,
    struct la_error *err)
{
	if (w->cols != NULL)
		return 0;
	return set_columns(w, r, err);
}

int
la_csv_follow(struct la_writer *w, const struct la_writer *prev)
{
	if (w->cols != NULL || prev->cols == NULL)
		return 0;
	return copy_columns(w, (const char *const *)prev->cols, prev->col_ids,
	    NULL, prev->ncols);
}

/*
 * Nonzero when name is the name of column i. The address of the name last
 * matched is kept, so that the usual record costs no string comparison.
 */
static int
is_column(struct la_writer *w, size_t i, const char *name)
{
	if (w->col_ptrs[i] == name)
		return 1;
	if (strcmp(w->cols[i], name) != 0)
		return 0;
	w->col_ptrs[i] = name;
	return 1;
}

void
la_csv_forget_names(struct la_writer *w)
{
	for (size_t i = 0; i < w->ncols; i++)
		w->col_ptrs[i] = NULL;
}

/*
 * Forgets the addresses of the names matched before a reader closed: the
 * memory of a name it lent may since hold another name.
 */
static void
check_name_addresses(struct la_writer *w)
{
	unsigned long closed = la_io_readers_closed();

	if (w->readers_closed == closed)
		return;
	la_csv_forget_names(w);
	w->readers_closed = closed;
}

/* Column of field f, trying first position hint (the usual case). */
static long
find_column(struct la_writer *w, const struct la_field *f, size_t hint)
{
	if (hint < w->ncols && is_column(w, hint, f->name))
		return (long)hint;
	for (size_t i = 0; i < w->ncols; i++)
		if (is_column(w, i, f->name))
			return (long)i;
	return -1;
}

/*
 * Leaves out field f of r, which has no column: a cell after the last
 * column would make the row longer than the header, which breaks the
 * programs that read the file. The first such field of w is named in a
 * warning.
 */
static void
drop_field(struct la_writer *w, const struct la_record *r,
    const struct la_field *f)
{
	if (w->dropped)
		return;
	w->dropped = 1;
	la_warn(&w->opts.diag, NULL, r->line, NULL, "field \"%s\" has no "
	    "column in the CSV header, so it is not written; further fields "
	    "without a column are left out without a warning", f->name);
}

/*
 * The column of catalogue id id that no field of the row being placed has
 * taken, or -1.
 */
static long
free_column_of_id(const struct la_writer *w, int id)
{
	if (id < 0)
		return -1;
	for (size_t i = 0; i < w->ncols; i++)
		if (w->col_ids[i] == id && w->cells[i].field == NULL)
			return (long)i;
	return -1;
}

/* Puts field f of r in cell col. Returns 0 or -1 with err filled. */
static int
place_one(struct la_writer *w, const struct la_record *r,
    const struct la_field *f, long col, size_t *room, struct la_error *err)
{
	struct la_cell *c = &w->cells[col];

	if (c->field != NULL)
		return la_error_set(err, LA_ERR_HEADER, w->name, r->line,
		    f->name, "record of line %ld has field \"%s\" twice",
		    r->line, f->name);
	if (set_cell(w, c, f, r, room) == -1)
		return la_error_set(err, LA_ERR_NOMEM, w->name, r->line, NULL,
		    "out of memory");
	return 0;
}

/*
 * Puts each field of r in its column: the column of its name, else a
 * free column of its catalogue id, as when another input calls a field
 * by another alias, else nowhere (drop_field). Fields named as a column
 * go first, so that no alias takes their column. Adds the bytes the row
 * needs to *room. Returns 0 or -1 with err filled.
 */
static int
place_fields(struct la_writer *w, const struct la_record *r, size_t *room,
    struct la_error *err)
{
	long col;

	for (size_t i = 0; i < w->ncols; i++) {
		w->cells[i].field = NULL;
		w->cells[i].p = "";
		w->cells[i].len = 0;
		w->cells[i].in_tmp = 0;
	}
	for (size_t i = 0; i < r->nfields; i++)
		if ((col = find_column(w, &r->fields[i], i)) >= 0 &&
		    place_one(w, r, &r->fields[i], col, room, err) != 0)
			return -1;
	for (size_t i = 0; i < r->nfields; i++) {
		const struct la_field *f = &r->fields[i];

		if (find_column(w, f, i) >= 0)
			continue;
		if ((col = free_column_of_id(w, f->id)) < 0)
			drop_field(w, r, f);
		else if (place_one(w, r, f, col, room, err) != 0)
			return -1;
	}
	return 0;
}

/*
 * Grows b so that need more bytes fit at *out, in the row begun at
 * b->len, and moves *out and *end (the end of b's memory) with it.
 * Returns 0, or -1 on no memory.
 */
static int
grow_row(struct la_buf *b, char **out, char **end, size_t need)
{
	size_t used = (size_t)(*out - (b->data + b->len));

	if (la_buf_reserve(b, used + need) == -1)
		return -1;
	*out = b->data + b->len + used;
	*end = b->data + b->cap;
	return 0;
}

/*
 * Writes the usual record, whose fields are the columns in their order,
 * straight from its fields in one pass. Returns 1 when r is one, 0 for any
 * other record (nothing written), or -1 on no memory. guard and mask are
 * w's options, passed in so that put_in_order() can make a copy of the
 * loop without either.
 */
static inline __attribute__((always_inline)) int
put_in_order_with(struct la_writer *w, const struct la_record *r,
    const int guard, const int mask)
{
	struct la_buf *b = la_writer_dst(w);
	const struct la_field *f = r->fields;
	/*
	 * The compiler must assume that a store through out changes *w, so
	 * what the loop reads of w is read once here.
	 */
	const size_t ncols = w->ncols;
	const char *const *col_ptrs = w->col_ptrs;
	char *out, *end;
	size_t need;
	int rc = -1;

	if (r->nfields != ncols)
		return 0;
	if (la_buf_reserve(b, ROW_END) == -1)
		return -1;
	out = b->data + b->len;
	end = b->data + b->cap;
	for (size_t i = 0; i < ncols; i++, f++) {
		const char *p = f->value;
		size_t len = f->len;

		if (col_ptrs[i] != f->name && !is_column(w, i, f->name)) {
			rc = 0;
			goto drop;
		}
		/* is_rendered(), with the options read once. */
		if (f->kind == LA_KIND_FINDINGS ||
		    (mask && la_writer_masks(w, f))) {
			w->tmp.len = 0;
			if (render(&w->tmp, f, r) == -1)
				goto drop;
			p = w->tmp.data;
			len = w->tmp.len;
		}
		/* The cell, its comma, the end of the row and a NUL. */
		need = cell_room(len) + 1 + ROW_END;
		if ((size_t)(end - out) <= need &&
		    grow_row(b, &out, &end, need) == -1)
			goto drop;
		out = put_cell(out, p, len, guard);
		*out++ = ',';
	}
	out = end_row(b->data + b->len, out, ncols, ncols);
	b->len = (size_t)(out - b->data);
	b->data[b->len] = '\0';
	return 1;
drop:
	b->data[b->len] = '\0';	/* the cells written are not kept */
	return rc;
}

static int
put_in_order(struct la_writer *w, const struct la_record *r)
{
	/* Most runs have neither option, and their cells need no test. */
	if (!w->opts.formula_guard && !w->opts.mask)
		return put_in_order_with(w, r, 0, 0);
	return put_in_order_with(w, r, w->opts.formula_guard, w->opts.mask);
}

/* Writes the row of r, or returns -1 with err filled. */
static int
put_record(struct la_writer *w, const struct la_record *r,
    struct la_error *err)
{
	size_t room = w->ncols + ROW_END;
	int rc;

	if ((rc = put_in_order(w, r)) == 0) {
		/* Any other record: find each field's column. */
		w->tmp.len = 0;
		if (place_fields(w, r, &room, err) == -1)
			return -1;
		rc = put_row(w, room);
	}
	if (rc == -1)
		return la_error_set(err, LA_ERR_NOMEM, w->name, r->line, NULL,
		    "out of memory");
	return 0;
}

int
la_csv_put(struct la_writer *w, const struct la_record *r,
    struct la_error *err)
{
	if (w->cols == NULL && set_columns(w, r, err) == -1)
		return -1;
	check_name_addresses(w);
	if (put_record(w, r, err) == -1 ||
	    la_writer_end_record(w, r->line, err) == -1)
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
	free(w->col_ids);
	free(w->col_ptrs);
	free(w->cells);
}
