/* SPDX-License-Identifier: MIT */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <csv.h>

#include "io_impl.h"
#include "record_impl.h"

/*
 * CSV through libcsv in strict mode. libcsv reports no positions, so the
 * input is fed one physical line at a time and the line count is ours.
 * A bare quote inside an unquoted field, which strict mode rejects, is fed
 * again in default mode so that it is kept as text.
 */

#define CSV_OPTIONS (CSV_STRICT | CSV_STRICT_FINI)

struct la_csv_in {
	struct csv_parser parser;
	struct la_reader *rd;
	struct la_header header;
	unsigned char *unnamed;		/* the header cell is empty */
	unsigned char *unnamed_data;	/* ... but some row has a value */
	size_t named;			/* columns up to the last named one */
	size_t plain;			/* columns before the first unnamed
					   one; 0 while in the header */
	char **extra;			/* column_N names of extra fields */
	size_t nextra;
	char delim;
	char eol;
	int in_header;
	int part;			/* a part: header borrowed, no warnings
					   at the end */
	int part_to_end;		/* ... that ends where the input does */
	int finished;			/* csv_fini has run */
	long header_line;
	struct la_record row0;		/* the header row as read */
	struct la_record *out;		/* the caller's record */
	struct la_record *target;	/* where fields go; NULL: queue */
	int done;			/* out holds a complete record */
	/*
	 * Records that complete in the same csv_parse call as an earlier
	 * one. Only lines that contain several records need it, which
	 * happens when CR line ends are mixed with LF.
	 */
	struct la_record *queue;
	size_t qlen;
	size_t qhead;
	size_t qcap;
	int tail_open;			/* the last queued record goes on */
	/* The row being read. */
	size_t col;
	int nonempty;
	long rec_start;			/* line where the row starts, or 0 */
	long field_line;		/* line where the current field began */
	int probing;			/* looking for a line's first byte */
	struct la_error fault;		/* raised inside a callback */
	long blank_lines;
	long empty_rows;
	long quote_line;		/* last bare quote warned about */
	size_t quote_col;
};

static void fail(struct la_csv_in *, enum la_err_code, const char *, ...)
    __attribute__((format(printf, 3, 4)));
static long field_start(struct la_csv_in *);

static void
fail(struct la_csv_in *c, enum la_err_code code, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	la_error_vset(&c->fault, code, c->rd->name, c->rd->line, NULL, fmt,
	    ap);
	va_end(ap);
}

/* The record for the next field: a new queue slot once out is complete. */
static struct la_record *
target(struct la_csv_in *c)
{
	struct la_record *q;

	if (c->target != NULL)
		return c->target;
	if (c->qlen == c->qcap) {
		size_t cap = c->qcap ? 2 * c->qcap : 4;

		if ((q = realloc(c->queue, cap * sizeof(*q))) == NULL) {
			fail(c, LA_ERR_NOMEM, "out of memory");
			return NULL;
		}
		for (size_t i = c->qcap; i < cap; i++)
			la_record_init(&q[i]);
		c->queue = q;
		c->qcap = cap;
	}
	c->target = &c->queue[c->qlen++];
	la_record_reset(c->target);
	c->tail_open = 1;
	return c->target;
}

/* Text naming column col in messages: its header name or its number. */
static const char *
column_label(struct la_csv_in *c, size_t col, char *buf, size_t size)
{
	if (!c->in_header && col < c->header.ncols && !c->unnamed[col])
		return c->header.names[col];
	snprintf(buf, size, "column %zu", col + 1);
	return buf;
}

static const char *
canonical(struct la_csv_in *c, size_t col)
{
	if (col < c->header.ncols && c->header.ids[col] >= 0)
		return la_field_name(c->header.ids[col]);
	return NULL;
}

/* Bytes of the values that a finding on a ragged row quotes. */
#define EXTRA_SHOWN 200

/*
 * Appends p[0..len) to buf at *used, as far as it fits in EXTRA_SHOWN
 * bytes, cut at a character's start. Sets *cut when it did not fit.
 */
static void
append_shown(char *buf, size_t *used, const char *p, size_t len, int *cut)
{
	if (*cut)
		return;
	if (len > EXTRA_SHOWN - *used) {
		len = EXTRA_SHOWN - *used;
		while (len > 0 && ((unsigned char)p[len] & 0xC0) == 0x80)
			len--;
		*cut = 1;
	}
	memcpy(buf + *used, p, len);
	*used += len;
}

/* Appends the value s[0..len) in quotes, after ", " unless it is first. */
static void
quote_shown(char *buf, size_t *used, const char *s, size_t len, int *cut)
{
	if (*used > 0)
		append_shown(buf, used, ", ", 2, cut);
	append_shown(buf, used, "\"", 1, cut);
	append_shown(buf, used, s, strnlen(s, len), cut);
	append_shown(buf, used, "\"", 1, cut);
}

/* Ends the text that quote_shown() wrote, with "…" when it was cut. */
static void
end_shown(char *buf, size_t used, int cut)
{
	if (cut)
		memcpy(buf + used, "…", sizeof("…"));
	else
		buf[used] = '\0';
}

/*
 * Writes the last n fields of r, the values past the header, to buf as
 * "a", "b", cut after EXTRA_SHOWN bytes. The finding quotes them because
 * a CSV writer whose header lacks their column_N names leaves those
 * fields out.
 */
static void
quote_extra(const struct la_record *r, size_t n, char *buf)
{
	size_t used = 0;
	int cut = 0;

	for (size_t i = r->nfields - n; i < r->nfields; i++)
		quote_shown(buf, &used, r->fields[i].value, r->fields[i].len,
		    &cut);
	end_shown(buf, used, cut);
}

/*
 * Notes the value s[0..len) of an unnamed column. The finding quotes it,
 * since la-validate's CSV output has no column for it.
 */
static void
add_unnamed(struct la_csv_in *c, struct la_record *r, size_t col,
    const char *s, size_t len)
{
	char shown[EXTRA_SHOWN + sizeof("…")];
	size_t used = 0;
	int cut = 0;

	c->unnamed_data[col] = 1;
	quote_shown(shown, &used, s, len, &cut);
	end_shown(shown, used, cut);
	if (la_record_add_finding(r, "input", NULL, "line %ld: column %zu "
	    "has no name in the header; its value is %s", c->rec_start,
	    col + 1, shown) == -1)
		fail(c, LA_ERR_NOMEM, "out of memory");
}

static void
add_field(struct la_csv_in *c, struct la_record *r, const char *s,
    size_t len)
{
	size_t col = c->col;
	const char *name;
	int id = -1;

	if (len > 0)
		c->nonempty = 1;
	if (col < c->header.ncols) {
		if (c->unnamed[col]) {
			if (len == 0)
				return;
			add_unnamed(c, r, col, s, len);
		}
		name = c->header.names[col];
		id = c->header.ids[col];
	} else if (col >= LA_IO_MAX_COLUMNS) {
		fail(c, LA_ERR_LIMIT, "row has more than %d fields",
		    LA_IO_MAX_COLUMNS);
		return;
	} else if ((name = la_csv_column_name(&c->extra, &c->nextra,
	    col, &c->header)) == NULL) {
		fail(c, LA_ERR_NOMEM, "out of memory");
		return;
	}
	if (la_record_append(r, name, id, s, len, LA_KIND_TEXT) == NULL)
		fail(c, LA_ERR_NOMEM, "out of memory");
}

/*
 * Takes any field but the usual one (see on_field). It is kept out of
 * line, so that the usual one does not pay for the registers it needs.
 */
static __attribute__((noinline)) void
other_field(struct la_csv_in *c, void *s, size_t len)
{
	struct la_record *r;

	if (c->fault.code != LA_ERR_NONE)
		return;
	if (c->rec_start == 0)
		c->rec_start = c->rd->line;
	/*
	 * feed() checks the field in progress only between the blocks it
	 * passes to libcsv, so a field that ends in the block that takes it
	 * past the limit arrives here whole.
	 */
	if (len > LA_IO_MAX_FIELD) {
		la_error_set(&c->fault, LA_ERR_LIMIT, c->rd->name,
		    field_start(c), NULL, "field too long at line %ld (the "
		    "limit is %ld bytes)", field_start(c),
		    (long)LA_IO_MAX_FIELD);
		return;
	}
	if ((r = target(c)) == NULL)
		return;
	if (c->in_header) {
		if (len > 0)
			c->nonempty = 1;
		if (c->col >= LA_IO_MAX_COLUMNS)
			fail(c, LA_ERR_LIMIT, "header has more than %d columns",
			    LA_IO_MAX_COLUMNS);
		else if (la_record_append(r, "", -1, s, len,
		    LA_KIND_TEXT) == NULL)
			fail(c, LA_ERR_NOMEM, "out of memory");
	} else {
		add_field(c, r, s, len);
	}
	c->col++;
	c->field_line = c->rd->line;
}

/*
 * Takes a field from libcsv. The usual field is in a named column of a
 * data row that has begun, and is appended here at once. Any other takes
 * the checks of other_field.
 */
static void
on_field(void *s, size_t len, void *data)
{
	struct la_csv_in *c = data;
	size_t col = c->col;

	if (col >= c->plain || c->target == NULL || c->rec_start == 0 ||
	    len > LA_IO_MAX_FIELD || c->fault.code != LA_ERR_NONE) {
		other_field(c, s, len);
		return;
	}
	c->nonempty |= len > 0;
	/* libcsv hands over its own field buffer, of entry_size bytes. */
	if (la_record_append_cell(c->target, c->header.names[col],
	    c->header.ids[col], s, len, s == (void *)c->parser.entry_buf ?
	    c->parser.entry_size : len) == NULL)
		fail(c, LA_ERR_NOMEM, "out of memory");
	c->col = col + 1;
	c->field_line = c->rd->line;
}

static void
pad_row(struct la_csv_in *c, struct la_record *r)
{
	for (size_t col = c->col; col < c->named; col++) {
		if (c->unnamed[col])
			continue;
		if (la_record_append(r, c->header.names[col],
		    c->header.ids[col], "", 0, LA_KIND_TEXT) == NULL) {
			fail(c, LA_ERR_NOMEM, "out of memory");
			return;
		}
	}
	la_warn(&c->rd->opts.diag, c->rd->name, c->rec_start, NULL,
	    "row has %zu fields, but the header has %zu; the missing "
	    "values were left empty", c->col, c->header.ncols);
}

/* A ragged row keeps all its values and gets a finding. */
static void
check_count(struct la_csv_in *c, struct la_record *r)
{
	size_t n = c->col;
	char label[32];
	char extra[EXTRA_SHOWN + sizeof("…")];
	int rc = 0;

	if (n < c->named && c->rd->opts.pad) {
		pad_row(c, r);
	} else if (n < c->named) {
		rc = la_record_add_finding(r, "input", canonical(c, n),
		    "line %ld has %zu fields, but the header has %zu; the "
		    "values from %s on are missing", c->rec_start, n,
		    c->header.ncols, column_label(c, n, label, sizeof(label)));
	} else if (n > c->header.ncols) {
		quote_extra(r, n - c->header.ncols, extra);
		rc = la_record_add_finding(r, "input", NULL,
		    "line %ld has %zu fields, but the header has %zu; an "
		    "unquoted %s inside a value splits it, so quote that value "
		    "(the values from column %zu on are %s)",
		    c->rec_start, n, c->header.ncols,
		    c->delim == '\t' ? "tab" : "comma", c->header.ncols + 1,
		    extra);
	}
	if (rc == -1)
		fail(c, LA_ERR_NOMEM, "out of memory");
}

static void
data_row(struct la_csv_in *c, struct la_record *r)
{
	if (!c->nonempty) {
		c->empty_rows++;
		la_record_reset(r);
		if (r != c->out) {
			c->qlen--;
			c->tail_open = 0;
			c->target = NULL;
		}
		return;
	}
	check_count(c, r);
	r->line = c->rec_start;
	if (r == c->out)
		c->done = 1;
	else
		c->tail_open = 0;
	c->target = NULL;
}

static void
header_row(struct la_csv_in *c)
{
	if (!c->nonempty) {
		c->empty_rows++;
		la_record_reset(&c->row0);
		return;
	}
	if (la_csv_header_build(&c->header, &c->unnamed, &c->row0,
	    c->rd->name, c->rec_start, &c->fault) == -1)
		return;
	for (size_t i = 0; i < c->header.ncols; i++)
		if (!c->unnamed[i])
			c->named = i + 1;
	while (c->plain < c->header.ncols && !c->unnamed[c->plain])
		c->plain++;
	if ((c->unnamed_data = calloc(c->header.ncols + 1, 1)) == NULL) {
		fail(c, LA_ERR_NOMEM, "out of memory");
		return;
	}
	c->header_line = c->rec_start;
	c->in_header = 0;
	c->done = 1;
	c->target = NULL;
}

static void
on_row(int term, void *data)
{
	struct la_csv_in *c = data;
	struct la_record *r;

	(void)term;
	if (c->fault.code != LA_ERR_NONE || (r = target(c)) == NULL)
		return;
	if (c->in_header)
		header_row(c);
	else
		data_row(c, r);
	c->col = 0;
	c->nonempty = 0;
	c->rec_start = 0;
	c->field_line = 0;
}

/*
 * Looks at the start of a line with no row open. libcsv skips a line of
 * spaces as blank, and any other byte starts a row on this line.
 */
static void
probe(struct la_csv_in *c)
{
	const char *p = c->rd->cur, *end = c->rd->end;

	while (p < end && (*p == ' ' || (*p == '\t' && c->delim != '\t') ||
	    (*p == '\r' && c->eol != '\r')))
		p++;
	if (p == end)
		return;
	c->probing = 0;
	if (*p == '\n' || *p == c->eol)
		c->blank_lines++;
	else
		c->rec_start = c->rd->line;
}

static long
field_start(struct la_csv_in *c)
{
	return c->field_line ? c->field_line : c->rec_start;
}

static void
warn_bare_quote(struct la_csv_in *c)
{
	char label[32];
	const char *col = column_label(c, c->col, label, sizeof(label));

	if (c->quote_line == c->rd->line && c->quote_col == c->col)
		return;
	c->quote_line = c->rd->line;
	c->quote_col = c->col;
	la_warn(&c->rd->opts.diag, c->rd->name, c->rd->line, col,
	    "quote character inside unquoted field %s kept as text", col);
}

/*
 * Reports a quote not doubled in the quoted value of column col. A value
 * that took in line ends before that quote most likely lacks its closing
 * quote, so the line where it opened is the one to fix.
 */
static int
quoted_error(struct la_csv_in *c, const char *col, struct la_error *err)
{
	long open_line = field_start(c);

	if (open_line > 0 && open_line < c->rd->line)
		return la_error_set(err, LA_ERR_SYNTAX, c->rd->name, open_line,
		    col, "unterminated quoted field starting at line %ld: the "
		    "value of %s runs on to line %ld, where a quote inside it "
		    "is not doubled; close the value's quote, or write \"\" "
		    "for a quote inside quotes", open_line, col, c->rd->line);
	return la_error_set(err, LA_ERR_SYNTAX, c->rd->name, c->rd->line, col,
	    "quote inside the quoted value of %s is not doubled; write \"\" "
	    "for a quote inside quotes", col);
}

/*
 * Handles the byte that strict mode stopped at. In an unquoted field it is
 * a bare quote: unambiguous, so it is fed again in default mode and kept.
 * After a closing quote it is not: "a"b could be a value or a quote that
 * was not doubled, and guessing could merge rows, so it stops the input.
 */
static int
parse_error(struct la_csv_in *c, char ch, struct la_error *err)
{
	char label[32];
	const char *col;

	if (csv_error(&c->parser) == CSV_ENOMEM)
		return la_error_set(err, LA_ERR_NOMEM, c->rd->name,
		    c->rd->line, NULL, "out of memory");
	if (csv_error(&c->parser) != CSV_EPARSE)
		return la_error_set(err, LA_ERR_LIMIT, c->rd->name,
		    field_start(c), NULL, "field too long at line %ld",
		    field_start(c));
	col = column_label(c, c->col, label, sizeof(label));
	if (c->parser.quoted)
		return quoted_error(c, col, err);
	warn_bare_quote(c);
	csv_set_opts(&c->parser, CSV_OPTIONS & ~CSV_STRICT);
	csv_parse(&c->parser, &ch, 1, on_field, on_row, c);
	csv_set_opts(&c->parser, CSV_OPTIONS);
	c->parser.status = CSV_SUCCESS;
	return 0;
}

/*
 * Makes libcsv's field buffer grow geometrically, not by a fixed block.
 * It runs for each chunk of input, because within one chunk a field grows
 * by at most LA_IO_CHUNK bytes, a few blocks.
 */
static void
grow_block(struct la_csv_in *c)
{
	size_t size = csv_get_buffer_size(&c->parser);

	if (size < 65536)
		size = 65536;
	if (size > 16 * 1024 * 1024)
		size = 16 * 1024 * 1024;
	csv_set_blk_size(&c->parser, size);
}

static int
take_fault(struct la_csv_in *c, struct la_error *err)
{
	if (err != NULL && err->code == LA_ERR_NONE)
		*err = c->fault;
	return -1;
}

static int
feed(struct la_csv_in *c, const char *s, size_t n, struct la_error *err)
{
	size_t k;

	while (n > 0) {
		k = csv_parse(&c->parser, s, n, on_field, on_row, c);
		if (c->fault.code != LA_ERR_NONE)
			return take_fault(c, err);
		if (k == n)
			break;
		if (parse_error(c, s[k], err) == -1)
			return -1;
		if (c->fault.code != LA_ERR_NONE)
			return take_fault(c, err);
		s += k + 1;
		n -= k + 1;
	}
	if (c->parser.entry_pos > LA_IO_MAX_FIELD)
		return la_error_set(err, LA_ERR_LIMIT, c->rd->name,
		    field_start(c), NULL, "field too long at line %ld (the "
		    "limit is %ld bytes)", field_start(c),
		    (long)LA_IO_MAX_FIELD);
	return 0;
}

static int
finish(struct la_csv_in *c, struct la_error *err)
{
	char label[32];
	long line = field_start(c);

	if (c->finished)
		return 0;
	c->finished = 1;
	/*
	 * Marks are row starts, so a part that ends inside a row before the
	 * end of the input is a bug.
	 */
	if (c->part && !c->part_to_end && (c->parser.pstate != 0 ||
	    c->parser.entry_pos != 0 || c->rec_start != 0))
		return la_error_set(err, LA_ERR_SYNTAX, c->rd->name, line,
		    NULL, "internal error: a part of the input ends inside "
		    "the row of line %ld", line);
	if (csv_fini(&c->parser, on_field, on_row, c) != 0)
		return la_error_set(err, LA_ERR_SYNTAX, c->rd->name, line,
		    column_label(c, c->col, label, sizeof(label)),
		    "unterminated quoted field starting at line %ld", line);
	if (c->fault.code != LA_ERR_NONE)
		return take_fault(c, err);
	return c->done;
}

/* Feeds lines to libcsv until a record is complete or the input ends. */
static int
pump(struct la_csv_in *c, struct la_error *err)
{
	struct la_reader *rd = c->rd;
	const char *nl;
	size_t n;
	int rc;

	while (!c->done) {
		if (rd->cur == rd->end) {
			if ((rc = la_io_fill(rd, err)) == -1)
				return -1;
			if (rc == 0)
				return finish(c, err);
			grow_block(c);
		}
		if (c->probing)
			probe(c);
		nl = memchr(rd->cur, c->eol, (size_t)(rd->end - rd->cur));
		n = nl != NULL ? (size_t)(nl - rd->cur) + 1 :
		    (size_t)(rd->end - rd->cur);
		if (feed(c, rd->cur, n, err) == -1)
			return -1;
		rd->cur += n;
		if (nl != NULL) {
			rd->line++;
			c->probing = c->rec_start == 0;
		}
	}
	return 1;
}

/*
 * Tab-separated when the first line has tabs and no commas (Excel "Unicode
 * Text"); lines end at CR alone when the first line does ("CSV (Macintosh)").
 */
static void
sniff(struct la_csv_in *c)
{
	const char *p = c->rd->cur, *end = c->rd->end;
	int tabs = 0, commas = 0;

	c->delim = ',';
	c->eol = '\n';
	for (; p < end && *p != '\n' && *p != '\r'; p++) {
		tabs += *p == '\t';
		commas += *p == ',';
	}
	if (tabs > 0 && commas == 0)
		c->delim = '\t';
	/* On empty input p and end are both NULL: test p < end first. */
	if (p < end && p + 1 < end && p[0] == '\r' && p[1] != '\n')
		c->eol = '\r';
}

static void
warn_at_end(struct la_csv_in *c)
{
	const struct la_diag *diag = &c->rd->opts.diag;

	if (c->empty_rows > 0 || c->blank_lines > 0)
		la_warn(diag, c->rd->name, 0, NULL, "skipped rows with every "
		    "field empty: %ld, blank lines: %ld", c->empty_rows,
		    c->blank_lines);
	for (size_t i = 0; i < c->header.ncols; i++)
		if (c->unnamed[i] && !c->unnamed_data[i])
			la_warn(diag, c->rd->name, c->header_line, NULL,
			    "column %zu has no name and no values; it was "
			    "left out", i + 1);
}

int
la_csv_open(struct la_reader *rd, struct la_error *err)
{
	struct la_csv_in *c;
	int rc;

	if ((c = calloc(1, sizeof(*c))) == NULL)
		return la_error_set(err, LA_ERR_NOMEM, rd->name, 0, NULL,
		    "out of memory");
	rd->csv = c;
	c->rd = rd;
	csv_init(&c->parser, CSV_OPTIONS);
	la_record_init(&c->row0);
	c->in_header = 1;
	c->target = &c->row0;
	c->probing = 1;
	sniff(c);
	csv_set_delim(&c->parser, (unsigned char)c->delim);
	grow_block(c);
	if ((rc = pump(c, err)) == -1)
		return -1;
	if (rc == 0) {
		la_warn(&rd->opts.diag, rd->name, 0, NULL, "input is empty: "
		    "no header row");
		rd->ended = 1;
	}
	c->done = 0;
	return 0;
}

/* Moves the first queued record to r; 1 if it is complete. */
static int
unqueue(struct la_csv_in *c, struct la_record *r, struct la_error *err)
{
	struct la_record *q = &c->queue[c->qhead++];
	int open = c->qhead == c->qlen && c->tail_open;

	if (la_record_copy(r, q) == -1)
		return la_error_set(err, LA_ERR_NOMEM, c->rd->name, 0, NULL,
		    "out of memory");
	if (c->qhead == c->qlen)
		c->qhead = c->qlen = 0;
	if (!open)
		return 1;
	c->tail_open = 0;
	c->target = r;
	return 0;
}

int
la_csv_next(struct la_reader *rd, struct la_record *r, struct la_error *err)
{
	struct la_csv_in *c = rd->csv;
	int rc;

	c->out = r;
	c->done = 0;
	if (c->qhead < c->qlen) {
		if ((rc = unqueue(c, r, err)) != 0)
			return rc;
	} else {
		la_record_reset(r);
		c->target = r;
	}
	rc = pump(c, err);
	if (rc == 0 && !c->part)
		warn_at_end(c);
	c->out = NULL;
	if (c->target == r)
		c->target = NULL;
	return rc;
}

const struct la_header *
la_csv_header(const struct la_reader *rd)
{
	return &rd->csv->header;
}

int
la_csv_columns(const struct la_reader *rd, struct la_header *out)
{
	const struct la_csv_in *c = rd->csv;
	size_t n = 0;

	memset(out, 0, sizeof(*out));
	out->names = calloc(c->header.ncols + 1, sizeof(*out->names));
	out->ids = calloc(c->header.ncols + 1, sizeof(*out->ids));
	if (out->names == NULL || out->ids == NULL) {
		la_header_free(out);
		return -1;
	}
	for (size_t i = 0; i < c->header.ncols; i++) {
		/* An unnamed column appears only in a row that fills it. */
		if (c->unnamed[i])
			continue;
		if ((out->names[n] = strdup(c->header.names[i])) == NULL) {
			la_header_free(out);
			return -1;
		}
		out->ids[n] = c->header.ids[i];
		out->ncols = ++n;
	}
	return 0;
}

int
la_csv_named(const struct la_reader *rd, size_t col)
{
	const struct la_csv_in *c = rd->csv;

	return col < c->header.ncols && !c->unnamed[col];
}

void
la_csv_close(struct la_reader *rd)
{
	struct la_csv_in *c = rd->csv;

	if (c == NULL)
		return;
	csv_free(&c->parser);
	if (!c->part) {
		la_header_free(&c->header);
		free(c->unnamed);
	}
	free(c->unnamed_data);
	la_csv_column_names_free(c->extra, c->nextra);
	la_record_free(&c->row0);
	for (size_t i = 0; i < c->qcap; i++)
		la_record_free(&c->queue[i]);
	free(c->queue);
	free(c);
	rd->csv = NULL;
}

int
la_csv_open_part(struct la_reader *rd, const struct la_reader *whole,
    int to_end, struct la_error *err)
{
	const struct la_csv_in *w = whole->csv;
	struct la_csv_in *c;

	if ((c = calloc(1, sizeof(*c))) == NULL)
		return la_error_set(err, LA_ERR_NOMEM, rd->name, 0, NULL,
		    "out of memory");
	rd->csv = c;
	c->rd = rd;
	c->part = 1;
	c->part_to_end = to_end;
	/* The header and its flags stay the whole reader's. */
	c->header = w->header;
	c->unnamed = w->unnamed;
	c->named = w->named;
	c->plain = w->plain;
	c->header_line = w->header_line;
	c->delim = w->delim;
	c->eol = w->eol;
	c->probing = 1;
	la_record_init(&c->row0);
	if ((c->unnamed_data = calloc(c->header.ncols + 1, 1)) == NULL ||
	    csv_init(&c->parser, CSV_OPTIONS) != 0)
		return la_error_set(err, LA_ERR_NOMEM, rd->name, 0, NULL,
		    "out of memory");
	csv_set_delim(&c->parser, (unsigned char)c->delim);
	grow_block(c);
	return 0;
}

void
la_csv_add_part(struct la_reader *whole, const struct la_reader *part)
{
	struct la_csv_in *w = whole->csv;
	const struct la_csv_in *p = part->csv;

	w->empty_rows += p->empty_rows;
	w->blank_lines += p->blank_lines;
	for (size_t i = 0; i < w->header.ncols; i++)
		w->unnamed_data[i] |= p->unnamed_data[i];
}

void
la_csv_seek(struct la_reader *rd)
{
	struct la_csv_in *c = rd->csv;

	c->probing = 1;
	c->col = 0;
	c->nonempty = 0;
	c->rec_start = 0;
	c->field_line = 0;
}

int
la_csv_scan_start(const struct la_reader *rd, char *delim)
{
	const struct la_csv_in *c = rd->csv;

	*delim = c->delim;
	/*
	 * libcsv must have no row begun (pstate 0, its first state), and
	 * the reader must be at a line start. A header ended by a CR inside
	 * a line leaves the next row open. At the end of a block, it leaves
	 * the rest of the line unread.
	 */
	return c->eol == '\n' && c->probing && c->parser.pstate == 0 &&
	    c->parser.entry_pos == 0 && c->col == 0 && c->rec_start == 0 &&
	    c->qlen == 0 && !c->tail_open && !c->finished && !rd->ended;
}
