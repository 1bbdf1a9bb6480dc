/* SPDX-License-Identifier: MIT */
#ifndef LA_FUZZ_READER_H
#define LA_FUZZ_READER_H

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "fuzz.h"
#include "io.h"
#include "record.h"

/*
 * Helpers of the reader targets: open bytes as a stream, read every record
 * and check what io.h and record.h promise of each.
 */

/*
 * Opens size bytes as a read-only stream with no file descriptor, as a
 * pipe would give. fmemopen() rejects an empty buffer, so empty input
 * reads /dev/null.
 */
static inline FILE *
fuzz_open_bytes(const uint8_t *data, size_t size)
{
	if (size == 0)
		return fopen("/dev/null", "rb");
	return fmemopen((void *)(uintptr_t)data, size, "rb");
}

/*
 * Continuation bytes after lead byte c of a UTF-8 sequence, or -1 for a
 * byte that cannot start one.
 */
static inline int
fuzz_utf8_tail(unsigned char c)
{
	if (c < 0x80)
		return 0;
	if (c >= 0xc2 && c <= 0xdf)
		return 1;
	if (c >= 0xe0 && c <= 0xef)
		return 2;
	if (c >= 0xf0 && c <= 0xf4)
		return 3;
	return -1;
}

/* Nonzero when the n bytes at s are valid UTF-8 (RFC 3629). */
static inline int
fuzz_utf8_valid(const unsigned char *s, size_t n)
{
	static const unsigned char lead_mask[] = { 0x7f, 0x1f, 0x0f, 0x07 };
	static const unsigned long min_cp[] = { 0, 0x80, 0x800, 0x10000 };
	unsigned long cp;
	size_t i = 0;
	int k, j;

	while (i < n) {
		if ((k = fuzz_utf8_tail(s[i])) < 0 || i + (size_t)k >= n)
			return 0;
		cp = s[i] & lead_mask[k];
		for (j = 1; j <= k; j++) {
			if ((s[i + j] & 0xc0) != 0x80)
				return 0;
			cp = cp << 6 | (s[i + j] & 0x3f);
		}
		if (cp < min_cp[k] || (cp >= 0xd800 && cp <= 0xdfff) ||
		    cp > 0x10ffff)
			return 0;
		i += (size_t)k + 1;
	}
	return 1;
}

/* Checks that every field of r has a name and a NUL-terminated UTF-8 value. */
static inline void
fuzz_check_fields(const struct la_record *r)
{
	size_t i;

	for (i = 0; i < r->nfields; i++) {
		FUZZ_CHECK(r->fields[i].name != NULL);
		FUZZ_CHECK(r->fields[i].value != NULL);
		FUZZ_CHECK(r->fields[i].value[r->fields[i].len] == '\0');
		FUZZ_CHECK(fuzz_utf8_valid((const unsigned char *)
		    r->fields[i].value, r->fields[i].len));
		FUZZ_CHECK(fuzz_utf8_valid((const unsigned char *)
		    r->fields[i].name, strlen(r->fields[i].name)));
	}
	for (i = 0; i < r->nfindings; i++) {
		FUZZ_CHECK(r->findings[i].rule != NULL);
		FUZZ_CHECK(r->findings[i].message != NULL);
	}
}

/*
 * Checks one record as la_reader_next() returned it: its fields, and a
 * line number from 1 that never goes back.
 */
static inline void
fuzz_check_record(const struct la_record *r, long *last_line)
{
	FUZZ_CHECK(r->line >= 1 && r->line >= *last_line);
	*last_line = r->line;
	fuzz_check_fields(r);
}

/*
 * Reads every record of fp with opts, checking each, and passes it to fn
 * (may be NULL). size is the input's length in bytes. Returns the number
 * of records, or -1 when the input failed to open or stopped with an
 * error.
 */
static inline long
fuzz_read_stream(FILE *fp, size_t size, const struct la_read_opts *opts,
    void (*fn)(const struct la_record *r, void *ctx), void *ctx)
{
	struct la_reader *rd;
	struct la_record r;
	struct la_error err;
	long n = 0, last_line = 0;
	int rc;

	la_error_clear(&err);
	if ((rd = la_reader_open(fp, "fuzz", opts, &err)) == NULL) {
		FUZZ_CHECK(err.code != LA_ERR_NONE);
		return -1;
	}
	la_record_init(&r);
	while ((rc = la_reader_next(rd, &r, &err)) == 1) {
		fuzz_check_record(&r, &last_line);
		/* Every record takes at least one byte of input. */
		FUZZ_CHECK((size_t)n < size);
		if (fn != NULL)
			fn(&r, ctx);
		n++;
	}
	FUZZ_CHECK(rc == 0 || rc == -1);
	if (rc == -1) {
		FUZZ_CHECK(err.code != LA_ERR_NONE);
		FUZZ_CHECK(fuzz_terminated(err.text, sizeof(err.text)));
		n = -1;
	}
	la_record_free(&r);
	la_reader_close(rd);
	return n;
}

/* Reads the size bytes at data as fuzz_read_stream() does. */
static inline long
fuzz_read_all(const uint8_t *data, size_t size,
    const struct la_read_opts *opts,
    void (*fn)(const struct la_record *r, void *ctx), void *ctx)
{
	FILE *fp;
	long n;

	if ((fp = fuzz_open_bytes(data, size)) == NULL)
		return -1;
	n = fuzz_read_stream(fp, size, opts, fn, ctx);
	fclose(fp);
	return n;
}

#endif
