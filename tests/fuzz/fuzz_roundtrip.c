/* SPDX-License-Identifier: MIT */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "reader.h"

/*
 * Reads the input, writes its records in the same format, reads that
 * output again and checks that the same records come back: the same
 * field names and values in the same order, and in JSON the same kinds.
 * Only inputs that read without any finding are compared, because a
 * malformed record is written with its finding, not as it was read.
 */

struct records {
	struct la_record *r;
	size_t n;
	size_t cap;
	int findings;		/* some record had a finding */
	int failed;		/* out of memory */
};

static void
keep_record(const struct la_record *r, void *ctx)
{
	struct records *all = ctx;
	struct la_record *grown;

	if (r->nfindings > 0)
		all->findings = 1;
	if (all->failed)
		return;
	if (all->n == all->cap) {
		all->cap = all->cap == 0 ? 16 : all->cap * 2;
		grown = realloc(all->r, all->cap * sizeof(*grown));
		if (grown == NULL) {
			all->failed = 1;
			return;
		}
		all->r = grown;
	}
	la_record_init(&all->r[all->n]);
	if (la_record_copy(&all->r[all->n], r) != 0) {
		la_record_free(&all->r[all->n]);
		all->failed = 1;
		return;
	}
	all->n++;
}

static void
free_records(struct records *all)
{
	size_t i;

	for (i = 0; i < all->n; i++)
		la_record_free(&all->r[i]);
	free(all->r);
	memset(all, 0, sizeof(*all));
}

/*
 * Writes the records in format f into a heap buffer. Returns 0, or -1
 * when the writer reported an error.
 */
static int
write_records(const struct records *all, enum la_format f, char **text,
    size_t *len)
{
	struct la_write_opts wo;
	struct la_writer *w;
	struct la_error err;
	FILE *fp;
	size_t i;
	int rc = 0;

	*text = NULL;
	if ((fp = open_memstream(text, len)) == NULL)
		return -1;
	memset(&wo, 0, sizeof(wo));
	wo.format = f;
	la_error_clear(&err);
	if ((w = la_writer_open(fp, "fuzz-out", &wo, &err)) == NULL)
		rc = -1;
	for (i = 0; rc == 0 && i < all->n; i++)
		rc = la_writer_put(w, &all->r[i], &err);
	if (w != NULL && la_writer_close(w, &err) != 0)
		rc = -1;
	if (fclose(fp) != 0)
		rc = -1;
	return rc;
}

static void
compare_field(const struct la_field *a, const struct la_field *b, int json)
{
	FUZZ_CHECK(strcmp(a->name, b->name) == 0);
	if (json)
		FUZZ_CHECK(a->kind == b->kind);
	if (json && a->kind == LA_KIND_NUMBER) {
		FUZZ_CHECK(strtod(a->value, NULL) == strtod(b->value, NULL));
		return;
	}
	FUZZ_CHECK(a->len == b->len);
	FUZZ_CHECK(memcmp(a->value, b->value, a->len) == 0);
}

static void
compare_records(const struct records *a, const struct records *b, int json)
{
	size_t i, j;

	FUZZ_CHECK(a->n == b->n);
	for (i = 0; i < a->n; i++) {
		FUZZ_CHECK(a->r[i].nfields == b->r[i].nfields);
		for (j = 0; j < a->r[i].nfields; j++)
			compare_field(&a->r[i].fields[j], &b->r[i].fields[j],
			    json);
	}
}

/*
 * Reads the bytes at data with opts into all, returning the detected
 * format through *f. The reader is left open in *rd because the records'
 * field names point into it. Returns 0, or -1 when the input failed.
 */
static int
read_records(const uint8_t *data, size_t size, const struct la_read_opts *o,
    struct records *all, struct la_reader **rd, FILE **fp, enum la_format *f)
{
	struct la_record r;
	struct la_error err;
	long last_line = 0;
	int rc;

	*rd = NULL;
	if ((*fp = fuzz_open_bytes(data, size)) == NULL)
		return -1;
	la_error_clear(&err);
	if ((*rd = la_reader_open(*fp, "fuzz", o, &err)) == NULL)
		return -1;
	*f = la_reader_format(*rd);
	la_record_init(&r);
	while ((rc = la_reader_next(*rd, &r, &err)) == 1) {
		fuzz_check_record(&r, &last_line);
		keep_record(&r, all);
	}
	la_record_free(&r);
	return rc == 0 && !all->failed ? 0 : -1;
}

static void
close_reader(struct la_reader *rd, FILE *fp)
{
	if (rd != NULL)
		la_reader_close(rd);
	if (fp != NULL)
		fclose(fp);
}

int
fuzz_roundtrip(const uint8_t *data, size_t size)
{
	struct records first = { 0 }, second = { 0 };
	struct la_reader *rd1, *rd2 = NULL;
	struct la_read_opts opts;
	enum la_format f, f2;
	FILE *fp1, *fp2 = NULL;
	char *text = NULL;
	size_t len = 0;
	int ok;

	memset(&opts, 0, sizeof(opts));
	ok = read_records(data, size, &opts, &first, &rd1, &fp1, &f) == 0;
	if (ok && first.n > 0) {
		ok = write_records(&first, f, &text, &len) == 0;
		/* A clean input must write without error. */
		FUZZ_CHECK(ok || first.findings);
	}
	if (ok && first.n > 0 && !first.findings) {
		opts.format = f;
		opts.encoding = "utf-8";
		FUZZ_CHECK(read_records((const uint8_t *)text, len, &opts,
		    &second, &rd2, &fp2, &f2) == 0);
		compare_records(&first, &second, f != LA_FORMAT_CSV);
	}
	free_records(&second);
	close_reader(rd2, fp2);
	free_records(&first);
	close_reader(rd1, fp1);
	free(text);
	return 0;
}

FUZZ_ENTRY(fuzz_roundtrip)
