/* SPDX-License-Identifier: MIT */
/*
 * Random records with every character that CSV and JSON treat specially,
 * written by la_writer and read back by la_reader from a mapped file, a
 * stream without a descriptor and a pipe, in UTF-8 and in GB18030. The
 * output spans several read chunks, so records, quotes and characters
 * are cut at chunk boundaries.
 */
#include <sys/wait.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "io_impl.h"
#include "io_test.h"

#define ROWS 30000

static const char *names[] = { "姓名", "通讯地址", "备注", "x" };

static const char *pieces[] = { "陈", "思远", ",", "\"", "\n", "\r\n", " ",
    "\t", "a", "𬌗", "=", "；", "\\", "{", "}", "[", "]", "'", "\xC2\xA0",
    "\xE3\x80\x80", "12", "-", "\0" };

#define NPIECES (sizeof(pieces) / sizeof(*pieces))

/* A random value; the first column is never empty, so no row is blank. */
static size_t
random_value(unsigned *seed, char *out, int first)
{
	size_t n = (size_t)(rand_r(seed) % 8) + (first ? 1 : 0), len = 0;

	for (size_t i = 0; i < n; i++) {
		size_t k = (size_t)rand_r(seed) % NPIECES, plen;

		/* A NUL or space first in column 1 could look blank. */
		if (first && i == 0)
			k = 0;
		/* The last piece is a NUL byte. */
		plen = k == NPIECES - 1 ? 1 : strlen(pieces[k]);
		memcpy(out + len, pieces[k], plen);
		len += plen;
	}
	return len;
}

static void
make_records(struct la_record *rows)
{
	unsigned seed = 2024;
	char value[128];

	for (size_t i = 0; i < ROWS; i++) {
		la_record_init(&rows[i]);
		for (size_t c = 0; c < 4; c++) {
			size_t len = random_value(&seed, value, c == 0);

			assert_non_null(la_record_append(&rows[i], names[c],
			    -1, value, len, LA_KIND_TEXT));
		}
	}
}

/* Writes rows in format and encoding to a new temporary file. */
static void
write_rows(const struct la_record *rows, enum la_format format,
    const char *encoding, char *path)
{
	struct la_write_opts w;
	struct la_writer *wr;
	struct la_error err;
	FILE *fp;
	int fd;

	memset(&w, 0, sizeof(w));
	w.format = format;
	w.encoding = encoding;
	assert_true((fd = mkstemp(path)) != -1);
	assert_non_null(fp = fdopen(fd, "wb"));
	la_error_clear(&err);
	assert_non_null(wr = la_writer_open(fp, path, &w, &err));
	for (size_t i = 0; i < ROWS; i++)
		if (la_writer_put(wr, &rows[i], &err) != 0)
			fail_msg("record %zu: %s", i, err.text);
	assert_int_equal(la_writer_close(wr, &err), 0);
	fclose(fp);
}

static void
compare(const struct la_record *rows, FILE *fp, const char *encoding)
{
	struct la_read_opts o;
	struct la_reader *rd;
	struct la_record r;
	struct la_error err;
	size_t i = 0;

	memset(&o, 0, sizeof(o));
	la_error_clear(&err);
	la_record_init(&r);
	assert_non_null(rd = la_reader_open(fp, "rows", &o, &err));
	assert_string_equal(la_reader_encoding(rd), encoding);
	while (la_reader_next(rd, &r, &err) == 1) {
		assert_true(i < ROWS);
		assert_int_equal(r.nfields, 4);
		assert_int_equal(r.nfindings, 0);
		for (size_t c = 0; c < 4; c++) {
			const struct la_field *want = &rows[i].fields[c];

			assert_string_equal(r.fields[c].name, names[c]);
			assert_int_equal(r.fields[c].len, want->len);
			assert_memory_equal(r.fields[c].value, want->value,
			    want->len);
		}
		i++;
	}
	if (err.code != LA_ERR_NONE)
		fail_msg("%ld: %s", err.line, err.text);
	assert_int_equal(i, ROWS);
	la_record_free(&r);
	la_reader_close(rd);
}

/* Reads path through the mapping, through fread and through a pipe. */
static void
read_three_ways(const struct la_record *rows, const char *path,
    const char *encoding)
{
	size_t len;
	char *data = io_slurp(path, &len);
	FILE *fp = fopen(path, "rb");
	int fds[2];
	pid_t pid;

	compare(rows, fp, encoding);
	fclose(fp);
	fp = fmemopen(data, len, "rb");
	compare(rows, fp, encoding);
	fclose(fp);
	assert_int_equal(pipe(fds), 0);
	if ((pid = fork()) == 0) {
		close(fds[0]);
		_exit(write(fds[1], data, len) == (ssize_t)len ? 0 : 1);
	}
	close(fds[1]);
	fp = fdopen(fds[0], "rb");
	compare(rows, fp, encoding);
	fclose(fp);
	waitpid(pid, NULL, 0);
	free(data);
}

static void
round_trip(enum la_format format, const char *out_encoding,
    const char *read_as)
{
	struct la_record *rows = calloc(ROWS, sizeof(*rows));
	char path[] = "/tmp/la-test-rowsXXXXXX";
	size_t len;

	make_records(rows);
	write_rows(rows, format, out_encoding, path);
	free(io_slurp(path, &len));
	assert_true(len > 3 * LA_IO_CHUNK);
	read_three_ways(rows, path, read_as);
	unlink(path);
	for (size_t i = 0; i < ROWS; i++)
		la_record_free(&rows[i]);
	free(rows);
}

static void
test_random_csv_utf8(void **state)
{
	(void)state;
	round_trip(LA_FORMAT_CSV, NULL, "utf-8");
}

static void
test_random_csv_gb18030(void **state)
{
	(void)state;
	round_trip(LA_FORMAT_CSV, "gb18030", "gb18030");
}

static void
test_random_jsonl(void **state)
{
	(void)state;
	round_trip(LA_FORMAT_JSONL, NULL, "utf-8");
}

static void
test_random_json_array(void **state)
{
	(void)state;
	round_trip(LA_FORMAT_JSON, NULL, "utf-8");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_random_csv_utf8),
		cmocka_unit_test(test_random_csv_gb18030),
		cmocka_unit_test(test_random_jsonl),
		cmocka_unit_test(test_random_json_array),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
