/* SPDX-License-Identifier: MIT */
#include <stdlib.h>
#include <string.h>

#include "io_impl.h"

/*
 * Parts of one mapped CSV input, each read by a reader of its own. A part
 * borrows the whole reader's mapped bytes and header, so opening one
 * costs no copy, and parts of one input can be read in several threads.
 */

int
la_marks_add(struct la_marks *m, size_t off, long line)
{
	if (m->n == m->cap) {
		size_t cap = m->cap ? 2 * m->cap : 64;
		struct la_mark *v = realloc(m->v, cap * sizeof(*v));

		if (v == NULL)
			return -1;
		m->v = v;
		m->cap = cap;
	}
	m->v[m->n].off = off;
	m->v[m->n].line = line;
	m->n++;
	return 0;
}

void
la_marks_free(struct la_marks *m)
{
	free(m->v);
	m->v = NULL;
	m->n = m->cap = 0;
}

int
la_reader_offset(const struct la_reader *rd, size_t *off)
{
	const struct la_source *s = &rd->src;
	const char *next;

	if (rd->format != LA_FORMAT_CSV || rd->csv == NULL || s->map == NULL ||
	    s->mode == LA_SRC_ICONV || rd->ended)
		return 0;
	/* Slices of a mapped input follow each other, so cur is in raw. */
	next = rd->cur != NULL ? rd->cur : (const char *)s->raw + s->raw_pos;
	*off = (size_t)(next - (const char *)s->raw);
	return 1;
}

int
la_reader_can_part(const struct la_reader *rd)
{
	size_t off;

	return la_reader_offset(rd, &off) && rd->src.mode == LA_SRC_TRUSTED;
}

struct la_reader *
la_reader_part(const struct la_reader *whole, const struct la_mark *from,
    const struct la_mark *to, const struct la_diag *diag,
    struct la_error *err)
{
	struct la_reader *rd;

	if ((rd = calloc(1, sizeof(*rd))) == NULL ||
	    (rd->name = strdup(whole->name)) == NULL) {
		free(rd);
		la_error_set(err, LA_ERR_NOMEM, whole->name, from->line, NULL,
		    "out of memory");
		return NULL;
	}
	rd->opts = whole->opts;
	rd->opts.diag = *diag;
	rd->format = LA_FORMAT_CSV;
	rd->line = from->line;
	la_src_borrow(&rd->src, &whole->src, from->off, to->off);
	rd->src.name = rd->name;
	if (la_csv_open_part(rd, whole, to->off == whole->src.raw_len,
	    err) == -1) {
		la_reader_close(rd);
		return NULL;
	}
	return rd;
}

void
la_reader_add_part(struct la_reader *whole, const struct la_reader *part)
{
	la_csv_add_part(whole, part);
}

void
la_reader_seek(struct la_reader *whole, const struct la_mark *m)
{
	const char *at = (const char *)whole->src.raw + m->off;

	la_src_seek(&whole->src, m->off);
	/* Nothing is buffered, so the next read starts at the mark. */
	whole->cur = at;
	whole->end = at;
	whole->eof = 0;
	whole->line = m->line;
	la_csv_seek(whole);
}

void
la_reader_release(struct la_reader *whole, size_t off)
{
	la_src_release_before(&whole->src, off);
}
