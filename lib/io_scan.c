/* SPDX-License-Identifier: MIT */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "io_impl.h"
#include "io_scan.h"
#include "io_scan_impl.h"

/*
 * Rows are split here as libcsv splits them in its default mode: a field
 * that starts with a quote runs to the next quote not doubled, and an
 * unquoted field loses its outer spaces and tabs. Whatever would take
 * libcsv off that path makes the scan give up rather than guess.
 */

/* Line ends in the n bytes at p. */
static long
count_lf(const char *p, size_t n)
{
	const char *end = p + n;
	long k = 0;

	while ((p = memchr(p, '\n', (size_t)(end - p))) != NULL) {
		k++;
		p++;
	}
	return k;
}

/* Ends wanted value i, built in its buffer, with a NUL. */
static int
end_value(struct scan *s, size_t i)
{
	struct la_buf *b = &s->value[i];
	size_t n = b->len;

	if (la_buf_addc(b, '\0') != 0)
		return -1;
	s->values[i] = b->data;
	s->any |= n > 0;
	return 0;
}

/* Keeps the n bytes at p as wanted value i. */
static int
keep(struct scan *s, size_t i, const char *p, size_t n)
{
	s->value[i].len = 0;
	if (la_buf_add(&s->value[i], p, n) != 0)
		return -1;
	return end_value(s, i);
}

/*
 * A quoted field from *pp, its opening quote, to just after its closing
 * quote. Doubled quotes stand for one; want is the index of the value to
 * keep, or -1.
 */
static enum row_rc
quoted(struct scan *s, struct cursor *c, const char **pp, int want)
{
	const char *p = *pp + 1, *q;
	struct la_buf *b = want >= 0 ? &s->value[want] : NULL;

	if (b != NULL)
		b->len = 0;
	for (;;) {
		q = memchr(p, '"', (size_t)(c->end - p));
		if (q == NULL)
			return c->eof ? ROW_GIVE_UP : ROW_MORE;
		if (q + 1 == c->end && !c->eof)
			return ROW_MORE;
		s->lines += count_lf(p, (size_t)(q - p));
		if (b != NULL && la_buf_add(b, p, (size_t)(q - p)) != 0)
			return ROW_GIVE_UP;
		if (q + 1 < c->end && q[1] == '"') {
			if (b != NULL && la_buf_addc(b, '"') != 0)
				return ROW_GIVE_UP;
			p = q + 2;
			continue;
		}
		*pp = q + 1;
		break;
	}
	if (b != NULL && end_value(s, (size_t)want) != 0)
		return ROW_GIVE_UP;
	return ROW_DONE;
}

/*
 * The first byte from p on that ends an unquoted field (the delimiter, a
 * quote, CR or LF), or end. SSE2, which every x86-64 processor has, tests
 * 16 bytes at once, and most fields end inside their first 16.
 */
static const char *
field_stop(const struct scan *s, const char *p, const char *end)
{
#ifdef __SSE2__
	const __m128i delim = _mm_set1_epi8(s->delim);
	const __m128i quote = _mm_set1_epi8('"');
	const __m128i lf = _mm_set1_epi8('\n');
	const __m128i cr = _mm_set1_epi8('\r');

	for (; end - p >= 16; p += 16) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)p);
		__m128i hit = _mm_or_si128(
		    _mm_or_si128(_mm_cmpeq_epi8(v, delim),
		    _mm_cmpeq_epi8(v, quote)),
		    _mm_or_si128(_mm_cmpeq_epi8(v, lf), _mm_cmpeq_epi8(v, cr)));
		int bits = _mm_movemask_epi8(hit);

		if (bits != 0)
			return p + __builtin_ctz((unsigned)bits);
	}
#endif
	while (p < end && !s->stop[(unsigned char)*p])
		p++;
	return p;
}

/* Keeps the field from p to q, without its outer spaces and tabs. */
static int
keep_trimmed(struct scan *s, int want, const char *p, const char *q)
{
	while (p < q && (*p == ' ' || *p == '\t'))
		p++;
	while (q > p && (q[-1] == ' ' || q[-1] == '\t'))
		q--;
	return keep(s, (size_t)want, p, (size_t)(q - p));
}

/* An unquoted field from *pp, without its outer spaces and tabs. */
static enum row_rc
unquoted(struct scan *s, struct cursor *c, const char **pp, int want)
{
	const char *p = *pp, *q = field_stop(s, p, c->end);
	if (q == c->end && !c->eof)
		return ROW_MORE;
	*pp = q;
	if (want < 0)
		return ROW_DONE;
	return keep_trimmed(s, want, p, q) == 0 ? ROW_DONE : ROW_GIVE_UP;
}

/*
 * After a field: *pp is at its end. Returns ROW_DONE at a delimiter
 * (stepping over it, *ended 0) or at the end of the row (stepping over
 * LF or CRLF, *ended 1).
 */
static enum row_rc
field_end(struct scan *s, struct cursor *c, const char **pp, int *ended)
{
	const char *p = *pp;

	*ended = 1;
	if (p == c->end)
		return c->eof ? ROW_DONE : ROW_MORE;
	if (*p == s->delim) {
		*ended = 0;
		*pp = p + 1;
		return ROW_DONE;
	}
	if (*p == '\r') {
		if (p + 1 == c->end)
			return c->eof ? ROW_GIVE_UP : ROW_MORE;
		if (p[1] != '\n')
			return ROW_GIVE_UP;
		p++;
	}
	if (*p != '\n')
		return ROW_GIVE_UP;	/* a quote, or text after one */
	s->lines++;
	*pp = p + 1;
	return ROW_DONE;
}

/*
 * Skips the rest of a row past the last wanted column. When the rest
 * contains no quote, the row ends at the next LF. Returns ROW_GIVE_UP when
 * it contains one, for the caller to go on field by field.
 */
static enum row_rc
tail(struct scan *s, struct cursor *c, const char **pp)
{
	const char *p = *pp, *nl, *cr;

	nl = memchr(p, '\n', (size_t)(c->end - p));
	if (nl == NULL && !c->eof)
		return ROW_MORE;
	if (nl == NULL)
		nl = c->end;
	if (memchr(p, '"', (size_t)(nl - p)) != NULL)
		return ROW_GIVE_UP;
	cr = memchr(p, '\r', (size_t)(nl - p));
	if (cr != NULL && (cr + 1 != nl || nl == c->end))
		return ROW_GIVE_UP;
	if (nl < c->end) {
		s->lines++;
		nl++;
	}
	*pp = nl;
	return ROW_DONE;
}

#ifdef __SSE2__
/*
 * Moves *pp past the first s->last fields of the row at *pp and keeps the
 * wanted values, unless one of those fields contains a quote, CR or LF.
 * The delimiters are found 16 bytes at a time. Returns 1 when done, 0 when
 * the row needs the field-by-field path, or -1 when memory runs out.
 */
static int
skip_columns(struct scan *s, const struct cursor *c, const char **pp)
{
	const __m128i delim = _mm_set1_epi8(s->delim);
	const __m128i quote = _mm_set1_epi8('"');
	const __m128i lf = _mm_set1_epi8('\n');
	const __m128i cr = _mm_set1_epi8('\r');
	const char *p = *pp, *start = p;
	size_t col = 0;

	for (; c->end - p >= 16; p += 16) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)p);
		unsigned ends = (unsigned)_mm_movemask_epi8(
		    _mm_cmpeq_epi8(v, delim));
		unsigned other = (unsigned)_mm_movemask_epi8(_mm_or_si128(
		    _mm_cmpeq_epi8(v, quote), _mm_or_si128(
		    _mm_cmpeq_epi8(v, lf), _mm_cmpeq_epi8(v, cr))));

		/* Only delimiters before the first quote, CR or LF count. */
		if (other != 0)
			ends &= (other & -other) - 1;
		for (; ends != 0; ends &= ends - 1) {
			const char *q = p + __builtin_ctz(ends);
			int want = s->want[col];

			if (want >= 0 && keep_trimmed(s, want, start, q) != 0)
				return -1;
			start = q + 1;
			if (++col == s->last) {
				*pp = start;
				return 1;
			}
		}
		if (other != 0)
			return 0;
	}
	return 0;
}
#endif

/*
 * Moves *pp to the start of column s->last of the row at *pp through the
 * quick path. Returns s->last, or 0 when the row must be read from its start.
 */
static size_t
first_columns(struct scan *s, const struct cursor *c, const char **pp,
    enum row_rc *rc)
{
#ifdef __SSE2__
	int done;

	if (s->last == 0)
		return 0;
	done = skip_columns(s, c, pp);
	if (done == 1)
		return s->last;
	if (done == -1)
		*rc = ROW_GIVE_UP;
	/* The field-by-field path keeps the wanted values again. */
	s->any = 0;
	for (size_t i = 0; i < s->nids; i++)
		s->values[i] = NULL;
#else
	(void)s;
	(void)c;
	(void)pp;
	(void)rc;
#endif
	return 0;
}

enum row_rc
la_scan_row(struct scan *s, struct cursor *c)
{
	const char *p = c->p;
	int ended = 0, fast = 1, want;
	enum row_rc rc = ROW_DONE;
	size_t col;

	s->lines = 0;
	s->any = 0;
	for (size_t i = 0; i < s->nids; i++)
		s->values[i] = NULL;
	col = first_columns(s, c, &p, &rc);
	if (rc != ROW_DONE)
		return rc;
	for (; !ended; col++) {
		if (col >= s->last && fast) {
			if ((rc = tail(s, c, &p)) != ROW_GIVE_UP)
				break;
			fast = 0;
		}
		want = col < s->last ? s->want[col] : -1;
		if (p < c->end && *p == '"')
			rc = quoted(s, c, &p, want);
		else
			rc = unquoted(s, c, &p, want);
		if (rc == ROW_DONE)
			rc = field_end(s, c, &p, &ended);
		if (rc != ROW_DONE)
			return rc;
	}
	if (rc == ROW_DONE && (size_t)(p - c->p) >= SCAN_MAX_ROW)
		return ROW_GIVE_UP;
	if (rc == ROW_DONE)
		c->p = p;
	return rc;
}

/*
 * Marks the row that starts at p once it is far enough from the last
 * mark. Without memory for it, no mark is kept at all, and the caller
 * reads the input in one piece.
 */
static void
mark_row(struct scan *s, const char *p)
{
	size_t off = (size_t)(p - s->base);

	if (off < s->next_mark)
		return;
	if (la_marks_add(s->marks, off, s->line) != 0) {
		s->marks->n = 0;
		s->marks = NULL;
		return;
	}
	s->next_mark = off + s->every;
}

/*
 * Reads the rows of c, handing each with a wanted value to fn, until the
 * bytes end (ROW_DONE) or end inside a row (ROW_MORE, c->p at its start).
 * Sets *failed when fn fails.
 */
static enum row_rc
scan_rows(struct scan *s, struct cursor *c, la_scan_fn *fn, void *ctx,
    struct la_error *err, int *failed)
{
	enum row_rc rc;

	while (c->p < c->end) {
		if (s->marks != NULL && c->in_input)
			mark_row(s, c->p);
		if ((rc = la_scan_row(s, c)) != ROW_DONE)
			return rc;
		if (s->any && fn(ctx, s->values, s->line, err) != 0) {
			*failed = 1;
			return ROW_GIVE_UP;
		}
		s->line += s->lines;
	}
	return ROW_DONE;
}

/* 1 when rd has bytes at rd->cur, 0 at the end, -1 on a read error. */
static int
next_chunk(struct la_reader *rd)
{
	struct la_error ignored;

	if (rd->cur < rd->end)
		return 1;
	la_error_clear(&ignored);
	return la_io_fill(rd, &ignored);
}

/*
 * Finishes the row whose start the last chunk cut off into the carry. Adds
 * the next chunk's bytes to the carry one line at a time until that row is
 * whole, then reads it.
 */
static enum row_rc
scan_carry(struct scan *s, la_scan_fn *fn, void *ctx, struct la_error *err,
    int *failed)
{
	struct la_reader *rd = s->rd;
	struct cursor c;
	enum row_rc rc;
	int more;

	do {
		if (s->carry.len >= SCAN_MAX_ROW || (more = next_chunk(rd)) < 0)
			return ROW_GIVE_UP;
		if (more) {
			const char *nl = memchr(rd->cur, '\n',
			    (size_t)(rd->end - rd->cur));
			const char *upto = nl != NULL ? nl + 1 : rd->end;

			if (la_buf_add(&s->carry, rd->cur,
			    (size_t)(upto - rd->cur)) != 0)
				return ROW_GIVE_UP;
			rd->cur = upto;
		}
		c.p = s->carry.data;
		c.end = c.p + s->carry.len;
		c.eof = !more;
		c.in_input = 0;
		rc = scan_rows(s, &c, fn, ctx, err, failed);
		/* Rows before the cut one are done: keep only that one. */
		s->carry.len = (size_t)(c.end - c.p);
		memmove(s->carry.data, c.p, s->carry.len);
	} while (rc == ROW_MORE);
	return rc;
}

static int
scan_input(struct scan *s, la_scan_fn *fn, void *ctx, struct la_error *err)
{
	struct la_reader *rd = s->rd;
	struct cursor c;
	enum row_rc rc;
	int failed = 0, more;

	while ((more = next_chunk(rd)) > 0) {
		c.p = rd->cur;
		c.end = rd->end;
		c.eof = 0;
		c.in_input = 1;
		rc = scan_rows(s, &c, fn, ctx, err, &failed);
		rd->cur = rd->end;
		if (rc == ROW_MORE) {
			if (la_buf_add(&s->carry, c.p,
			    (size_t)(c.end - c.p)) != 0)
				return 0;
			rc = scan_carry(s, fn, ctx, err, &failed);
		}
		if (failed)
			return -1;
		if (rc == ROW_GIVE_UP)
			return 0;
	}
	return more == 0 ? 1 : 0;
}

int
la_scan_columns(struct scan *s, const int *ids, size_t nids)
{
	const struct la_header *h = la_reader_header(s->rd);

	s->nids = nids;
	for (size_t i = 0; i < nids; i++) {
		s->pos[i] = SIZE_MAX;
		for (size_t col = 0; col < h->ncols; col++)
			if (h->ids[col] == ids[i] && s->pos[i] == SIZE_MAX)
				s->pos[i] = col;
		if (s->pos[i] != SIZE_MAX && s->pos[i] + 1 > s->last)
			s->last = s->pos[i] + 1;
	}
	if (s->last > 0 && (s->want = malloc(s->last *
	    sizeof(*s->want))) == NULL)
		return 0;
	for (size_t col = 0; col < s->last; col++)
		s->want[col] = -1;
	for (size_t i = 0; i < nids; i++)
		if (s->pos[i] != SIZE_MAX)
			s->want[s->pos[i]] = (int)i;
	return 1;
}

/*
 * Marks the start of the scan, so that the first part begins where the
 * header ends, and keeps marks from then on if the input allows parts.
 */
static void
start_marks(struct scan *s, struct la_marks *marks)
{
	size_t off;

	if (marks == NULL || !la_reader_offset(s->rd, &off))
		return;
	marks->n = 0;
	if (la_marks_add(marks, off, s->line) != 0)
		return;
	s->marks = marks;
	s->base = (const char *)s->rd->src.raw;
	s->every = marks->every > 0 ? marks->every : 1;
	s->next_mark = off + s->every;
}

/* Marks the end of an input whose rows were all scanned. */
static void
end_marks(struct scan *s)
{
	size_t end = s->rd->src.raw_len;
	struct la_marks *m = s->marks;

	if (m == NULL || m->v[m->n - 1].off == end)
		return;
	if (la_marks_add(m, end, s->line) != 0)
		m->n = 0;
}

int
la_scan_start(struct scan *s, struct la_reader *rd, size_t nids)
{
	memset(s, 0, sizeof(*s));
	s->rd = rd;
	s->line = rd->line;
	if (rd->format != LA_FORMAT_CSV || rd->csv == NULL ||
	    nids > LA_SCAN_MAX_IDS || !la_csv_scan_start(rd, &s->delim) ||
	    s->delim != ',')
		return 0;
	s->stop[(unsigned char)s->delim] = 1;
	s->stop['\n'] = s->stop['\r'] = s->stop['"'] = 1;
	return 1;
}

void
la_scan_free(struct scan *s)
{
	free(s->want);
	la_buf_free(&s->carry);
	for (size_t i = 0; i < LA_SCAN_MAX_IDS; i++)
		la_buf_free(&s->value[i]);
}

int
la_reader_scan(struct la_reader *rd, const int *ids, size_t nids,
    la_scan_fn *fn, void *ctx, struct la_marks *marks, long *reached,
    struct la_error *err)
{
	struct scan s;
	int rc = 0;

	*reached = 0;
	if (marks != NULL)
		marks->n = 0;
	if (!la_scan_start(&s, rd, nids))
		return 0;
	start_marks(&s, marks);
	if (la_scan_columns(&s, ids, nids))
		rc = scan_input(&s, fn, ctx, err);
	if (rc == 1)
		end_marks(&s);
	*reached = s.line;
	la_scan_free(&s);
	return rc;
}
