/* SPDX-License-Identifier: MIT */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "io_impl.h"

/* Buffers of up to this many bytes are kept by la_writer_reset(). */
#define LA_WRITER_KEEP (4 * 1024 * 1024)

/*
 * Writers: output buffering, the output encoding, write errors and the
 * masking of ID and phone numbers. io_wcsv.c and io_wjson.c format.
 */

static int
is_utf8_name(const char *name)
{
	char folded[16];
	size_t n = 0;

	for (; *name != '\0' && n + 1 < sizeof(folded); name++)
		if (isalnum((unsigned char)*name))
			folded[n++] = (char)tolower((unsigned char)*name);
	folded[n] = '\0';
	return strcmp(folded, "utf8") == 0;
}

static void
writer_free(struct la_writer *w)
{
	if (w->cd != (iconv_t)-1)
		iconv_close(w->cd);
	la_csv_writer_free(w);
	la_json_writer_free(w);
	la_buf_free(&w->rec);
	la_buf_free(&w->out);
	la_buf_free(&w->tmp);
	free(w->name);
	free(w);
}

static int
open_encoding(struct la_writer *w, struct la_error *err)
{
	const char *enc = w->opts.encoding;

	if (enc == NULL || is_utf8_name(enc)) {
		/* A BOM starts the output, not a text kept in memory. */
		if (w->opts.bom && w->opts.format == LA_FORMAT_CSV &&
		    w->fp != NULL &&
		    la_buf_add(&w->out, "\xEF\xBB\xBF", 3) == -1)
			return la_error_set(err, LA_ERR_NOMEM, w->name, 0,
			    NULL, "out of memory");
		return 0;
	}
	if ((w->cd = iconv_open(enc, "UTF-8")) == (iconv_t)-1)
		return la_error_set(err, LA_ERR_USAGE, w->name, 0, NULL,
		    "unknown output encoding \"%s\"; iconv -l lists the names "
		    "this system knows", enc);
	return 0;
}

struct la_writer *
la_writer_open(FILE *fp, const char *name, const struct la_write_opts *opts,
    struct la_error *err)
{
	struct la_writer *w;

	if (name == NULL || strcmp(name, "-") == 0)
		name = "<stdout>";
	if ((w = calloc(1, sizeof(*w))) == NULL ||
	    (w->name = strdup(name)) == NULL) {
		free(w);
		la_error_set(err, LA_ERR_NOMEM, name, 0, NULL, "out of memory");
		return NULL;
	}
	w->fp = fp;
	w->opts = *opts;
	w->cd = (iconv_t)-1;
	if (opts->format == LA_FORMAT_AUTO) {
		la_error_set(err, LA_ERR_USAGE, name, 0, NULL,
		    "no output format chosen");
		writer_free(w);
		return NULL;
	}
	if (open_encoding(w, err) == -1) {
		writer_free(w);
		return NULL;
	}
	return w;
}

/*
 * Fills err for a failed write. The first failure's errno stays, so every
 * later write fails with it too: no text goes out after a gap.
 */
static int
write_failed(struct la_writer *w, struct la_error *err)
{
	if (w->write_errno == 0)
		w->write_errno = errno != 0 ? errno : EIO;
	return la_error_set(err, LA_ERR_IO, w->name, 0, NULL,
	    "write failed: %s", strerror(w->write_errno));
}

static int
flush_out(struct la_writer *w, struct la_error *err)
{
	size_t n = w->out.len;

	if (w->fp == NULL)
		return 0;
	w->out.len = 0;
	if (w->write_errno != 0)
		return write_failed(w, err);
	errno = 0;
	if (n > 0 && fwrite(w->out.data, 1, n, w->fp) != n)
		return write_failed(w, err);
	return 0;
}

/* Converts the record text in rec to the output encoding, into out. */
static int
encode(struct la_writer *w, long line, struct la_error *err)
{
	char *in = w->rec.data, *out;
	size_t inleft = w->rec.len, outleft, start = w->out.len;

	w->rec.len = 0;
	while (inleft > 0) {
		if (la_buf_reserve(&w->out, 2 * inleft + 16) == -1)
			return la_error_set(err, LA_ERR_NOMEM, w->name, line,
			    NULL, "out of memory");
		out = w->out.data + w->out.len;
		outleft = w->out.cap - w->out.len - 1;
		if (iconv(w->cd, &in, &inleft, &out, &outleft) ==
		    (size_t)-1 && errno != E2BIG) {
			/* Write nothing of a record that cannot be encoded. */
			w->out.len = start;
			return la_error_set(err, LA_ERR_ENCODING, w->name,
			    line, NULL, "record cannot be written in %s: %s",
			    w->opts.encoding, strerror(errno));
		}
		w->out.len = (size_t)(out - w->out.data);
	}
	return 0;
}

int
la_writer_end_record(struct la_writer *w, long line, struct la_error *err)
{
	if (w->cd != (iconv_t)-1 && encode(w, line, err) == -1)
		return -1;
	if (w->out.len >= LA_IO_OUT_FLUSH)
		return flush_out(w, err);
	return 0;
}

int
la_writer_put(struct la_writer *w, const struct la_record *r,
    struct la_error *err)
{
	if (w->opts.format == LA_FORMAT_CSV)
		return la_csv_put(w, r, err);
	return la_json_put(w, r, err);
}

int
la_writer_header(struct la_writer *w, const struct la_record *r,
    struct la_error *err)
{
	if (w->opts.format != LA_FORMAT_CSV)
		return 0;
	return la_csv_header_only(w, r, err);
}

int
la_writer_close(struct la_writer *w, struct la_error *err)
{
	int rc = 0;

	if (w == NULL)
		return 0;
	if (w->opts.format == LA_FORMAT_JSON)
		rc = la_json_finish(w, err);
	if (rc == 0)
		rc = la_writer_flush(w, err);
	writer_free(w);
	return rc;
}

int
la_writer_flush(struct la_writer *w, struct la_error *err)
{
	if (w->fp != NULL && la_json_end_line(w, err) != 0)
		return -1;
	if (flush_out(w, err) != 0)
		return -1;
	errno = 0;
	if (w->fp != NULL && fflush(w->fp) == EOF)
		return write_failed(w, err);
	return 0;
}

int
la_writer_follow(struct la_writer *w, const struct la_writer *prev,
    struct la_error *err)
{
	if (w->opts.format == LA_FORMAT_CSV && la_csv_follow(w, prev) == -1)
		return la_error_set(err, LA_ERR_NOMEM, w->name, 0, NULL,
		    "out of memory");
	if (w->count == 0)
		w->count = prev->count;
	return 0;
}

int
la_writer_started(const struct la_writer *w)
{
	return w->count > 0;
}

const char *
la_writer_text(const struct la_writer *w, size_t *len)
{
	*len = w->out.len;
	return w->out.data;
}

void
la_writer_clear(struct la_writer *w)
{
	w->out.len = 0;
}

int
la_writer_put_text(struct la_writer *w, const char *p, size_t len,
    struct la_error *err)
{
	/* The text of a JSON array ends with a record, as w's own would. */
	if (w->opts.format == LA_FORMAT_JSON && len > 0)
		w->json_line = LA_JSON_LINE_OPEN;
	/* A long text goes out as it is, after what waits before it. */
	if (w->fp != NULL && len >= LA_IO_OUT_FLUSH) {
		if (flush_out(w, err) != 0)
			return -1;
		errno = 0;
		if (fwrite(p, 1, len, w->fp) != len)
			return write_failed(w, err);
		return 0;
	}
	if (la_buf_add(&w->out, p, len) == -1)
		return la_error_set(err, LA_ERR_NOMEM, w->name, 0, NULL,
		    "out of memory");
	if (w->out.len >= LA_IO_OUT_FLUSH)
		return flush_out(w, err);
	return 0;
}

/* Empties b, giving its memory back when it grew large. */
static void
reset_buf(struct la_buf *b)
{
	if (b->cap > LA_WRITER_KEEP)
		la_buf_free(b);
	b->len = 0;
}

void
la_writer_reset(struct la_writer *w)
{
	la_csv_writer_free(w);
	w->cols = NULL;
	w->col_ids = NULL;
	w->col_ptrs = NULL;
	w->cells = NULL;
	w->ncols = 0;
	w->dropped = 0;
	w->json_line = LA_JSON_LINE_NONE;
	la_json_forget_names(w);
	w->count = 0;
	reset_buf(&w->out);
	reset_buf(&w->rec);
	reset_buf(&w->tmp);
	if (w->cd != (iconv_t)-1)
		iconv(w->cd, NULL, NULL, NULL, NULL);
}

void
la_writer_forget_names(struct la_writer *w)
{
	if (w->opts.format == LA_FORMAT_CSV)
		la_csv_forget_names(w);
	else
		la_json_forget_names(w);
}

/* Characters kept at each end by --mask; 0 when the field is not masked. */
static int
mask_rule(int id, size_t *head, size_t *tail)
{
	switch (id) {
	case LA_F_ID_NUMBER:
		*head = 6;
		*tail = 4;
		return 1;
	case LA_F_PHONE:
	case LA_F_OFFICE_PHONE:
		*head = 3;
		*tail = 4;
		return 1;
	default:
		return 0;
	}
}

int
la_writer_masks(const struct la_writer *w, const struct la_field *f)
{
	size_t head, tail;

	return w->opts.mask && mask_rule(f->id, &head, &tail) &&
	    (f->kind == LA_KIND_TEXT || f->kind == LA_KIND_NUMBER);
}

/*
 * Keeps the first and last characters that mask_rule names and writes '*'
 * for each character between them. A value too short for that becomes all
 * '*'.
 */
int
la_writer_mask(struct la_buf *b, const struct la_field *f)
{
	const char *s = f->value;
	size_t len = f->len, chars = la_utf8_chars(s, len);
	size_t head = 0, tail = 0, front, back;
	int rc = 0;

	mask_rule(f->id, &head, &tail);
	if (chars <= head + tail) {
		head = 0;
		tail = 0;
	}
	front = la_utf8_prefix(s, len, head);
	back = la_utf8_prefix(s, len, chars - tail);
	rc |= la_buf_add(b, s, front);
	for (size_t i = head; i < chars - tail; i++)
		rc |= la_buf_addc(b, '*');
	rc |= la_buf_add(b, s + back, len - back);
	return rc;
}
