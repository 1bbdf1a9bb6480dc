/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "io_impl.h"

/*
 * Reading the input as UTF-8 chunks. A fault is kept in s->pending and
 * returned by the next read, after the bytes before it, so that the
 * caller's line count is at the faulty line when it gets the error.
 */

#define OUT_SIZE (2 * LA_IO_CHUNK)

static int
take_pending(struct la_source *s, struct la_error *err)
{
	if (err != NULL && err->code == LA_ERR_NONE)
		*err = s->pending;
	return -1;
}

/* Records bytes at p that are invalid in the input's encoding. */
static void
set_bad_bytes(struct la_source *s, const unsigned char *p, size_t n)
{
	char hex[32] = "";
	size_t used = 0;

	for (size_t i = 0; i < n && i < 4; i++)
		used += (size_t)snprintf(hex + used, sizeof(hex) - used,
		    "%s0x%02X", i > 0 ? " " : "", p[i]);
	/* A guessed encoding gets its hint from la_src_explain(). */
	if (s->guessed)
		la_error_set(&s->pending, LA_ERR_ENCODING, s->name, 0, NULL,
		    "invalid %s byte sequence %s", s->encoding, hex);
	else if (s->mode == LA_SRC_ICONV)
		la_error_set(&s->pending, LA_ERR_ENCODING, s->name, 0, NULL,
		    "invalid %s byte sequence %s; pass --encoding with the "
		    "file's real encoding", s->encoding, hex);
	else
		la_error_set(&s->pending, LA_ERR_ENCODING, s->name, 0, NULL,
		    "invalid UTF-8 byte sequence %s; pass --encoding with the "
		    "file's real encoding (gb18030 for Excel on Chinese "
		    "Windows)", hex);
}

static int
truncated(struct la_source *s, struct la_error *err)
{
	return la_error_set(err, LA_ERR_ENCODING, s->name, 0, NULL,
	    "input ends inside a %s character", s->encoding);
}

/* Refills raw after the bytes left; 0 when there is nothing more. */
static int
refill(struct la_source *s, struct la_error *err)
{
	if (s->raw_eof)
		return s->raw_len > s->raw_pos ? truncated(s, err) : 0;
	if (la_src_fill_raw(s, err) == -1)
		return -1;
	s->need_more = 0;
	return 1;
}

static int
read_trusted(struct la_source *s, const char **p, size_t *n,
    struct la_error *err)
{
	int rc;

	if (s->raw_pos == s->raw_len) {
		if ((rc = la_src_fill_raw(s, err)) <= 0)
			return rc;
	}
	*p = (const char *)s->raw + s->raw_pos;
	*n = la_src_slice(s);
	la_src_prefault(s->raw + s->raw_pos, *n);
	s->raw_pos += *n;
	return 1;
}

static int
read_checked(struct la_source *s, const char **p, size_t *n,
    struct la_error *err)
{
	enum la_utf8_status st;
	size_t avail, ok;
	int rc;

	for (;;) {
		if (s->pending.code != LA_ERR_NONE)
			return take_pending(s, err);
		avail = la_src_slice(s);
		if (avail == 0 || s->need_more) {
			if ((rc = refill(s, err)) <= 0)
				return rc;
			continue;
		}
		ok = la_utf8_check(s->raw + s->raw_pos, avail, &st);
		/* A slice of a mapped file may cut a character: go on. */
		if (st == LA_UTF8_INCOMPLETE &&
		    s->raw_pos + avail == s->raw_len)
			s->need_more = 1;
		else if (st == LA_UTF8_INVALID)
			set_bad_bytes(s, s->raw + s->raw_pos + ok, avail - ok);
		if (ok == 0)
			continue;
		*p = (const char *)s->raw + s->raw_pos;
		*n = ok;
		s->raw_pos += ok;
		return 1;
	}
}

/*
 * Cuts the converted bytes before the first character of the Private Use
 * Area (U+E000..U+F8FF). GB18030 decodes many Big5 byte pairs to such
 * characters, and names and addresses rarely contain them. That character
 * comes before any fault that iconv met in the same bytes, so its error
 * replaces the pending one.
 */
static size_t
cut_private_use(struct la_source *s, size_t n)
{
	const unsigned char *o = (const unsigned char *)s->out;
	unsigned cp;

	for (size_t i = 0; i + 2 < n; i++) {
		if (o[i] != 0xEE && !(o[i] == 0xEF && o[i + 1] <= 0xA3))
			continue;
		cp = (o[i] & 0x0Fu) << 12 | (o[i + 1] & 0x3Fu) << 6 |
		    (o[i + 2] & 0x3Fu);
		la_error_clear(&s->pending);
		la_error_set(&s->pending, LA_ERR_ENCODING, s->name, 0, NULL,
		    "decoding as GB18030 gives the private-use character "
		    "U+%04X", cp);
		s->private_use = 1;
		return i;
	}
	return n;
}

/* Converts as much of raw as fits; returns the bytes written to out. */
static size_t
convert(struct la_source *s)
{
	char *in = (char *)s->raw + s->raw_pos;
	size_t inleft = la_src_slice(s);
	int whole = s->raw_pos + inleft == s->raw_len;
	char *out = s->out;
	size_t outleft = OUT_SIZE;

	if (iconv(s->cd, &in, &inleft, &out, &outleft) == (size_t)-1) {
		/* A slice of a mapped file may cut a character: go on. */
		if (errno == EINVAL)
			s->need_more = whole;
		else if (errno == EILSEQ)
			set_bad_bytes(s, (unsigned char *)in, inleft);
		else if (errno != E2BIG)
			la_error_set(&s->pending, LA_ERR_ENCODING, s->name, 0,
			    NULL, "cannot convert from %s: %s", s->encoding,
			    strerror(errno));
	}
	s->raw_pos = (size_t)((unsigned char *)in - s->raw);
	return (size_t)(out - s->out);
}

static int
read_iconv(struct la_source *s, const char **p, size_t *n,
    struct la_error *err)
{
	size_t made;
	int rc;

	for (;;) {
		if (s->pending.code != LA_ERR_NONE)
			return take_pending(s, err);
		if (s->raw_len == s->raw_pos || s->need_more) {
			if ((rc = refill(s, err)) <= 0)
				return rc;
			continue;
		}
		made = convert(s);
		if (s->guessed)
			made = cut_private_use(s, made);
		if (made == 0)
			continue;
		*p = s->out;
		*n = made;
		return 1;
	}
}

int
la_src_read(struct la_source *s, const char **p, size_t *n,
    struct la_error *err)
{
	/* The caller has consumed the chunk it had. */
	la_src_release(s);
	switch (s->mode) {
	case LA_SRC_TRUSTED:
		return read_trusted(s, p, n, err);
	case LA_SRC_CHECKED:
		return read_checked(s, p, n, err);
	case LA_SRC_ICONV:
		return read_iconv(s, p, n, err);
	}
	return 0;
}
