/* SPDX-License-Identifier: MIT */
/*
 * The input source: the UTF-8 check, byte order marks, the choice of
 * encoding, decoding by iconv, and pipes.
 */
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>

#include <dirent.h>
#include <errno.h>
#include <iconv.h>
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

/*
 * Reference UTF-8 check, written from the code point ranges of RFC 3629
 * and independent of lib/io_utf8.c: decodes each sequence and rejects
 * overlong forms, surrogates and values above U+10FFFF.
 */
static size_t
reference_check(const unsigned char *s, size_t n, enum la_utf8_status *st)
{
	size_t i = 0;

	while (i < n) {
		unsigned c = s[i], cp, min, lo, hi;
		size_t need, k;

		if (c < 0x80) {
			i++;
			continue;
		}
		if (c >= 0xC0 && c < 0xE0) {
			need = 2;
			cp = c & 0x1F;
			min = 0x80;
		} else if (c >= 0xE0 && c < 0xF0) {
			need = 3;
			cp = c & 0x0F;
			min = 0x800;
		} else if (c >= 0xF0 && c < 0xF8) {
			need = 4;
			cp = c & 0x07;
			min = 0x10000;
		} else {
			*st = LA_UTF8_INVALID;
			return i;
		}
		for (k = 1; k < need && i + k < n; k++) {
			if ((s[i + k] & 0xC0) != 0x80)
				break;
			cp = cp << 6 | (s[i + k] & 0x3F);
		}
		if (k < need && i + k == n) {
			/* Cut off: valid if some ending makes a valid one. */
			lo = cp;
			hi = cp;
			for (size_t m = k; m < need; m++) {
				lo <<= 6;
				hi = hi << 6 | 0x3F;
			}
			*st = LA_UTF8_INVALID;
			for (unsigned x = lo; x <= hi; x++)
				if (x >= min && x <= 0x10FFFF &&
				    !(x >= 0xD800 && x <= 0xDFFF))
					*st = LA_UTF8_INCOMPLETE;
			return i;
		}
		if (k < need || cp < min || cp > 0x10FFFF ||
		    (cp >= 0xD800 && cp <= 0xDFFF)) {
			*st = LA_UTF8_INVALID;
			return i;
		}
		i += need;
	}
	*st = LA_UTF8_VALID;
	return i;
}

/* The check and each of its levels stop where the reference does. */
static void
expect_same(const unsigned char *s, size_t n)
{
	enum la_utf8_status want, got;
	size_t a = reference_check(s, n, &want);
	size_t b = la_utf8_check(s, n, &got);

	assert_int_equal(b, a);
	assert_int_equal(got, want);
	for (int level = LA_UTF8_SCALAR; level <= LA_UTF8_AVX2; level++) {
		b = la_utf8_check_level(s, n, &got, level);
		assert_int_equal(b, a);
		assert_int_equal(got, want);
	}
}

static void
test_utf8_known(void **state)
{
	enum la_utf8_status st;

	(void)state;
	assert_int_equal(la_utf8_check((const unsigned char *)"姓名", 6, &st),
	    6);
	assert_int_equal(st, LA_UTF8_VALID);
	/* Overlong '/', a surrogate, above U+10FFFF, a lone continuation. */
	assert_int_equal(la_utf8_check((const unsigned char *)"a\xC0\xAF", 3,
	    &st), 1);
	assert_int_equal(st, LA_UTF8_INVALID);
	assert_int_equal(la_utf8_check((const unsigned char *)"\xED\xA0\x80",
	    3, &st), 0);
	assert_int_equal(st, LA_UTF8_INVALID);
	assert_int_equal(la_utf8_check((const unsigned char *)
	    "\xF4\x90\x80\x80", 4, &st), 0);
	assert_int_equal(st, LA_UTF8_INVALID);
	assert_int_equal(la_utf8_check((const unsigned char *)"ab\x80", 3,
	    &st), 2);
	assert_int_equal(st, LA_UTF8_INVALID);
	/* "姓" cut after two of its three bytes may go on. */
	assert_int_equal(la_utf8_check((const unsigned char *)"a\xE5\xA7", 3,
	    &st), 1);
	assert_int_equal(st, LA_UTF8_INCOMPLETE);
	/* 𬌗 (U+2C317), four bytes. */
	assert_int_equal(la_utf8_check((const unsigned char *)
	    "\xF0\xAC\x8C\x97", 4, &st), 4);
	assert_int_equal(st, LA_UTF8_VALID);
}

/*
 * Every lead byte with every second byte, and every 3-byte lead with
 * every second and a third byte, at the positions where the SIMD paths
 * cut the buffer into 16-byte and 32-byte blocks.
 */
static void
test_utf8_exhaustive(void **state)
{
	/* Around the halves of 32-byte blocks, and the blocks' ends. */
	static const size_t at[] = {
		13, 14, 15, 16, 17, 29, 30, 31, 32, 33, 34, 45, 46, 47, 48,
		49, 61, 62, 63, 64, 65
	};
	unsigned char buf[96];

	(void)state;
	for (size_t i = 0; i < sizeof(at) / sizeof(at[0]); i++) {
		size_t pos = at[i];

		for (unsigned a = 0x80; a < 0x100; a++) {
			for (unsigned b = 0; b < 0x100; b++) {
				memset(buf, 'x', sizeof(buf));
				buf[pos] = (unsigned char)a;
				buf[pos + 1] = (unsigned char)b;
				expect_same(buf, sizeof(buf));
				buf[pos + 2] = 0x80;
				expect_same(buf, sizeof(buf));
				buf[pos + 3] = 0xBF;
				expect_same(buf, sizeof(buf));
				expect_same(buf, pos + 2);
			}
		}
	}
}

/*
 * Three-byte leads with second and third bytes in and out of range, at
 * position pos of n bytes of ASCII, or of CJK characters if cjk is set.
 */
static void
check_three_byte_leads(size_t n, size_t pos, int cjk)
{
	static const unsigned char seconds[] = { 0x00, 'x', 0x7F, 0x80, 0x9F,
	    0xA0, 0xBF, 0xC0, 0xFF };
	static const unsigned char thirds[] = { 0x00, 'x', 0x7F, 0x80, 0xBF,
	    0xC0 };
	static const unsigned char xing[] = "\xE5\xA7\x93";	/* 姓 */
	unsigned char buf[20];

	for (unsigned a = 0xE0; a <= 0xEF; a++) {
		for (size_t b = 0; b < sizeof(seconds); b++) {
			for (size_t c = 0; c < sizeof(thirds); c++) {
				for (size_t i = 0; i < n; i++)
					buf[i] = cjk ? xing[i % 3] : 'x';
				buf[pos] = (unsigned char)a;
				if (pos + 1 < n)
					buf[pos + 1] = seconds[b];
				if (pos + 2 < n)
					buf[pos + 2] = thirds[c];
				expect_same(buf, n);
			}
		}
	}
}

/* Buffers of 1 to 20 bytes: the scalar path, then a block and a tail. */
static void
test_utf8_short(void **state)
{
	(void)state;
	for (size_t n = 1; n <= 20; n++) {
		for (size_t pos = 0; pos < n; pos++) {
			check_three_byte_leads(n, pos, 0);
			check_three_byte_leads(n, pos, 1);
		}
	}
}

static unsigned char
continuation(unsigned *seed)
{
	return (unsigned char)(0x80 + rand_r(seed) % 64);
}

/*
 * Mostly valid CJK text with random faults, checked against reference.
 * Lengths from 1 byte up cover the scalar path and the SIMD one.
 */
static void
test_utf8_random(void **state)
{
	static const unsigned char odd[] = { 0x80, 0x8F, 0x90, 0x9F, 0xA0,
	    0xBF, 0xC0, 0xC1, 0xC2, 0xDF, 0xE0, 0xED, 0xEF, 0xF0, 0xF4, 0xF5,
	    0xFF, '\n', ',' };
	unsigned char buf[300];
	unsigned seed = 12345;

	(void)state;
	for (int t = 0; t < 200000; t++) {
		size_t n = 1 + (size_t)(rand_r(&seed) % 263), i = 0;

		while (i < n) {
			int r = rand_r(&seed) % 10;

			if (r < 4) {
				buf[i++] = (unsigned char)('a' + r);
			} else if (r < 8 && i + 3 <= n) {
				buf[i++] = (unsigned char)(0xE4 + r % 5);
				buf[i++] = continuation(&seed);
				buf[i++] = continuation(&seed);
			} else if (r == 8 && t % 3 == 0) {
				buf[i++] = odd[rand_r(&seed) % sizeof(odd)];
			} else {
				buf[i++] = '0';
			}
		}
		expect_same(buf, n);
	}
}

static void
test_gbk_detected(void **state)
{
	struct io_run run;

	(void)state;
	io_read_file(INPUTS "03-gbk-excel-export.csv", NULL, &run);
	assert_int_equal(run.failed, 0);
	assert_string_equal(run.encoding, "gb18030");
	assert_true(io_has_text(run.warnings, "decoding it as GB18030"));
	assert_int_equal(json_array_size(run.records), 5);
	/* One field, its comma kept. */
	assert_string_equal(io_value(&run, 0, "服务意向"), "刑事辩护,民事代理");
	io_run_free(&run);
}

static void
test_utf8_not_warned(void **state)
{
	struct io_run run;

	(void)state;
	io_read_file(INPUTS "10-no-final-newline.csv", NULL, &run);
	assert_string_equal(run.encoding, "utf-8");
	assert_int_equal(json_array_size(run.warnings), 0);
	io_run_free(&run);
}

static void
test_big5_rejected(void **state)
{
	struct io_run run;

	(void)state;
	io_read_file(INPUTS "07-big5-traditional.csv", NULL, &run);
	assert_int_equal(run.failed, 1);
	assert_int_equal(run.err.code, LA_ERR_ENCODING);
	assert_int_equal(run.err.line, 1);
	assert_non_null(strstr(run.err.text, "private-use"));
	/* "陳" is A9 6D in Big5, and 0xA9 cannot start UTF-8. */
	assert_non_null(strstr(run.err.text, "line 1 has the invalid UTF-8 "
	    "byte 0xA9: pass --encoding with the file's real encoding (big5 "
	    "for Traditional Chinese)"));
	io_run_free(&run);
}

static void
test_big5_given(void **state)
{
	struct la_read_opts o;
	struct io_run run;

	(void)state;
	memset(&o, 0, sizeof(o));
	o.encoding = "big5";
	io_read_file(INPUTS "07-big5-traditional.csv", &o, &run);
	assert_int_equal(run.failed, 0);
	assert_string_equal(run.encoding, "big5");
	assert_string_equal(io_value(&run, 0, "姓名"), "陳思遠");
	io_run_free(&run);
}

static void
test_invalid_utf8_given(void **state)
{
	static const char text[] = "姓名,是否值班\n陈思远,是\n林\xFF,否\n";
	struct la_read_opts o;
	struct io_run run;

	(void)state;
	memset(&o, 0, sizeof(o));
	o.encoding = "UTF-8";
	io_read_text(text, sizeof(text) - 1, &o, &run);
	assert_int_equal(run.failed, 2);
	assert_int_equal(run.err.code, LA_ERR_ENCODING);
	assert_int_equal(run.err.line, 3);
	assert_non_null(strstr(run.err.text, "0xFF"));
	assert_int_equal(json_array_size(run.records), 1);
	io_run_free(&run);
}

static void
test_invalid_gb18030(void **state)
{
	/* 0x81 needs a second byte of 0x30..0x39 or 0x40..0xFE. */
	static const char text[] = "a,b\n1,2\n3,\x81\x20\n";
	struct la_read_opts o;
	struct io_run run;

	(void)state;
	memset(&o, 0, sizeof(o));
	o.encoding = "gb18030";
	io_read_text(text, sizeof(text) - 1, &o, &run);
	assert_int_equal(run.failed, 2);
	assert_int_equal(run.err.code, LA_ERR_ENCODING);
	assert_int_equal(run.err.line, 3);
	assert_non_null(strstr(run.err.text, "gb18030"));
	io_run_free(&run);
}

static void
test_truncated_at_end(void **state)
{
	static const char text[] = "a,b\n1,\xE5\xA7";
	struct la_read_opts o;
	struct io_run run;

	(void)state;
	memset(&o, 0, sizeof(o));
	o.encoding = "utf-8";
	io_read_text(text, sizeof(text) - 1, &o, &run);
	assert_int_equal(run.failed, 2);
	assert_int_equal(run.err.code, LA_ERR_ENCODING);
	assert_int_equal(run.err.line, 2);
	io_run_free(&run);
}

static void
test_unknown_encoding(void **state)
{
	struct la_read_opts o;
	struct io_run run;

	(void)state;
	memset(&o, 0, sizeof(o));
	o.encoding = "no-such-encoding";
	io_read_text("a\n1\n", 4, &o, &run);
	assert_int_equal(run.failed, 1);
	assert_int_equal(run.err.code, LA_ERR_ENCODING);
	assert_non_null(strstr(run.err.text, "no-such-encoding"));
	io_run_free(&run);
}

static void
test_bom_contradicts_encoding(void **state)
{
	struct la_read_opts o;
	struct io_run run;

	(void)state;
	memset(&o, 0, sizeof(o));
	o.encoding = "gb18030";
	io_read_file(INPUTS "01-bom-crlf-roster.csv", &o, &run);
	assert_int_equal(run.failed, 1);
	assert_non_null(strstr(run.err.text, "byte order mark"));
	io_run_free(&run);
}

static void
test_utf16_csv(void **state)
{
	struct io_run run;

	(void)state;
	io_read_file(INPUTS "08-excel-unicode-text-utf16.csv", NULL, &run);
	assert_int_equal(run.failed, 0);
	assert_string_equal(run.encoding, "utf-16le");
	assert_int_equal(json_array_size(run.records), 3);
	assert_string_equal(io_value(&run, 2, "执业证号"), "13199200510000003");
	io_run_free(&run);
}

/* Converts UTF-8 text to GB18030 with iconv; the caller frees it. */
static char *
to_gb18030(const char *text, size_t len, size_t *out_len)
{
	iconv_t cd = iconv_open("GB18030", "UTF-8");
	char *out = malloc(2 * len + 16), *in = (char *)text, *o = out;
	size_t inleft = len, outleft = 2 * len + 16;

	assert_true(cd != (iconv_t)-1);
	assert_true(iconv(cd, &in, &inleft, &o, &outleft) != (size_t)-1);
	iconv_close(cd);
	*out_len = (size_t)(o - out);
	return out;
}

/* GB18030 of more than one chunk, so that characters cross chunks. */
static char *
big_gb18030(size_t rows, size_t *len)
{
	size_t n = 0;
	char *text = malloc(rows * 80 + 64), *gb;

	n += (size_t)sprintf(text, "姓名,通讯地址\n");
	for (size_t i = 0; i < rows; i++)
		n += (size_t)sprintf(text + n, "钟䶮%zu,示例市幸福路%zu号𬌗\n",
		    i, i);
	gb = to_gb18030(text, n, len);
	free(text);
	return gb;
}

static void
check_big_rows(const struct io_run *run, size_t rows)
{
	char want[64];

	assert_int_equal(run->failed, 0);
	assert_string_equal(run->encoding, "gb18030");
	assert_int_equal(json_array_size(run->records), rows);
	for (size_t i = 0; i < rows; i += 997) {
		snprintf(want, sizeof(want), "示例市幸福路%zu号𬌗", i);
		assert_string_equal(io_value(run, i, "通讯地址"), want);
	}
}

static void
test_gb18030_across_chunks(void **state)
{
	size_t rows = 20000, len;
	char *gb = big_gb18030(rows, &len);
	char path[] = "/tmp/la-test-gbXXXXXX";
	struct io_run run;
	int fd;

	(void)state;
	assert_true(len > 2 * LA_IO_CHUNK);
	/* A regular file, read through the mapping. */
	assert_true((fd = mkstemp(path)) != -1);
	assert_int_equal(write(fd, gb, len), (ssize_t)len);
	close(fd);
	io_read_file(path, NULL, &run);
	check_big_rows(&run, rows);
	io_run_free(&run);
	unlink(path);
	/* A stream without a descriptor, read by fread. */
	io_read_text(gb, len, NULL, &run);
	check_big_rows(&run, rows);
	io_run_free(&run);
	free(gb);
}

/* Writes len bytes of text to a new temporary file named in path. */
static void
write_temp(char *path, const char *text, size_t len)
{
	int fd;

	assert_true((fd = mkstemp(path)) != -1);
	assert_int_equal(write(fd, text, len), (ssize_t)len);
	close(fd);
}

/*
 * A UTF-8 file between one and two chunks long whose first chunk ends
 * inside a character: the check of the mapped file must go on past the
 * cut, not call the file invalid. With a BOM the file is checked while it
 * is read, which must go on past the cut too.
 */
static void
test_utf8_file_cut_by_chunk(void **state)
{
	size_t chars = 133000, len = 0;
	char *text = malloc(3 * chars + 16);
	char plain[] = "/tmp/la-test-utf8XXXXXX";
	char bom[] = "/tmp/la-test-bomXXXXXX";
	struct io_run run;

	(void)state;
	len += (size_t)sprintf(text, "\xEF\xBB\xBF" "a\n");
	for (size_t i = 0; i < chars; i++)
		len += (size_t)sprintf(text + len, "中");
	text[len++] = '\n';
	assert_true(len > LA_IO_CHUNK && len < 2 * LA_IO_CHUNK);
	/* Characters start at byte 2 (5 with the BOM): chunk 1 cuts one. */
	assert_int_not_equal((LA_IO_CHUNK - 2) % 3, 0);
	assert_int_not_equal((LA_IO_CHUNK - 5) % 3, 0);
	write_temp(plain, text + 3, len - 3);
	write_temp(bom, text, len);
	io_read_file(plain, NULL, &run);
	assert_int_equal(run.failed, 0);
	assert_string_equal(run.encoding, "utf-8");
	assert_int_equal(json_array_size(run.warnings), 0);
	assert_int_equal(strlen(io_value(&run, 0, "a")), 3 * chars);
	io_run_free(&run);
	io_read_file(bom, NULL, &run);
	assert_int_equal(run.failed, 0);
	assert_int_equal(strlen(io_value(&run, 0, "a")), 3 * chars);
	io_run_free(&run);
	unlink(plain);
	unlink(bom);
	free(text);
}

static int
dir_is_empty(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int empty = 1;

	assert_non_null(d);
	while ((e = readdir(d)) != NULL)
		if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
			empty = 0;
	closedir(d);
	return empty;
}

/*
 * A pipe is copied to a temporary file in $TMPDIR while it is checked.
 * The file is unlinked at once, so the folder stays empty.
 */
static void
test_pipe_spooled(void **state)
{
	size_t rows = 20000, len;
	char *gb = big_gb18030(rows, &len);
	char dir[] = "/tmp/la-test-spoolXXXXXX";
	struct la_read_opts o;
	struct la_reader *rd;
	struct io_run run;
	int fds[2];
	pid_t pid;
	FILE *fp;

	(void)state;
	assert_non_null(mkdtemp(dir));
	setenv("TMPDIR", dir, 1);
	assert_int_equal(pipe(fds), 0);
	if ((pid = fork()) == 0) {
		close(fds[0]);
		_exit(write(fds[1], gb, len) == (ssize_t)len ? 0 : 1);
	}
	close(fds[1]);
	fp = fdopen(fds[0], "rb");
	io_run_init(&run);
	memset(&o, 0, sizeof(o));
	rd = la_reader_open(fp, "-", &o, &run.err);
	assert_non_null(rd);
	assert_true(dir_is_empty(dir));
	snprintf(run.encoding, sizeof(run.encoding), "%s",
	    la_reader_encoding(rd));
	io_read_records(rd, &run);
	la_reader_close(rd);
	check_big_rows(&run, rows);
	io_run_free(&run);
	fclose(fp);
	waitpid(pid, NULL, 0);
	unsetenv("TMPDIR");
	rmdir(dir);
	free(gb);
}

static void
test_stdin_name(void **state)
{
	static const char text[] = "a\n\xFF\n";
	struct la_read_opts o;
	struct io_run run;
	FILE *fp = fmemopen((void *)text, sizeof(text) - 1, "rb");

	(void)state;
	memset(&o, 0, sizeof(o));
	o.encoding = "utf-8";
	io_read_fp(fp, "-", &o, &run);
	assert_string_equal(run.err.file, "<stdin>");
	io_run_free(&run);
	fclose(fp);
}

/* How a test hands an input to the reader. */
enum way {
	WAY_STREAM,		/* fmemopen: read by fread, checked by chunk */
	WAY_FILE,		/* a regular file: mapped, checked in spans */
	WAY_PIPE,		/* a pipe: spooled while it is checked */
	WAY_COUNT
};

static const char *const way_names[] = { "stream", "file", "pipe" };

static void
read_pipe(const char *text, size_t len, const struct la_read_opts *opts,
    struct io_run *run)
{
	int fds[2];
	pid_t pid;
	FILE *fp;

	assert_int_equal(pipe(fds), 0);
	if ((pid = fork()) == 0) {
		close(fds[0]);
		_exit(write(fds[1], text, len) == (ssize_t)len ? 0 : 1);
	}
	close(fds[1]);
	fp = fdopen(fds[0], "rb");
	assert_non_null(fp);
	io_read_fp(fp, "-", opts, run);
	fclose(fp);
	waitpid(pid, NULL, 0);
}

/* Reads len bytes of text whole, handed over the way named. */
static void
read_way(enum way way, const char *text, size_t len,
    const struct la_read_opts *opts, struct io_run *run)
{
	char path[] = "/tmp/la-test-wayXXXXXX";

	switch (way) {
	case WAY_STREAM:
		io_read_text(text, len, opts, run);
		break;
	case WAY_FILE:
		write_temp(path, text, len);
		io_read_file(path, opts, run);
		unlink(path);
		break;
	case WAY_PIPE:
	case WAY_COUNT:
		read_pipe(text, len, opts, run);
		break;
	}
}

/*
 * Reads text with its encoding guessed, each way, and checks that the
 * error is at line and contains each of the texts in want.
 */
static void
expect_guess_error(const char *text, long line, const char *const *want)
{
	struct io_run run;

	for (int way = 0; way < WAY_COUNT; way++) {
		read_way((enum way)way, text, strlen(text), NULL, &run);
		if (run.err.line != line)
			fail_msg("%s: error at line %ld, expected %ld: %s",
			    way_names[way], run.err.line, line, run.err.text);
		assert_int_equal(run.err.code, LA_ERR_ENCODING);
		for (size_t i = 0; want[i] != NULL; i++)
			if (strstr(run.err.text, want[i]) == NULL)
				fail_msg("%s: \"%s\" not in \"%s\"",
				    way_names[way], want[i], run.err.text);
		io_run_free(&run);
	}
}

/*
 * UTF-8 with one byte that is not: GB18030, tried next, fails sooner, and
 * the message names both places. In GB18030 the pairs of "中" (E4 B8 AD)
 * are E4B8, then AD and the line end 0A, which is no second byte.
 */
static void
test_guess_utf8_mostly(void **state)
{
	static const char text[] = "a,b\n1,x\n2,中\n3,\xFF\n";
	static const char *const want[] = {
		/* The message shows up to four bytes: AD, 0A and "3,". */
		"invalid gb18030 byte sequence 0xAD 0x0A 0x33 0x2C;",
		"because it is UTF-8 only up to line 4, which has the "
		    "invalid UTF-8 byte 0xFF: if the file is UTF-8, correct "
		    "that line or save the file again as UTF-8",
		NULL
	};

	(void)state;
	expect_guess_error(text, 3, want);
}

/*
 * "中中" is E4B8, ADE4, B8AD in GB18030 pairs, and ADE4 lies in the
 * user-defined area AAA1..AFFE, which maps row by row to U+E000 on: row
 * AD is the fourth (3 * 94 = 282), column E4 the 68th (67), so U+E15D.
 * iconv stops later at FF, on line 4, but the private-use character on
 * line 3 comes first and is the one reported.
 */
static void
test_guess_private_use_first(void **state)
{
	static const char text[] = "a,b\n1,x\n2,中中\n3,\xFF\n";
	static const char *const want[] = {
		"decoding as GB18030 gives the private-use character U+E15D;",
		"UTF-8 only up to line 4, which has the invalid UTF-8 byte "
		    "0xFF",
		NULL
	};
	struct io_run run;

	(void)state;
	expect_guess_error(text, 3, want);
	io_read_text(text, sizeof(text) - 1, NULL, &run);
	assert_null(strstr(run.err.text, "0xFF 0x0A"));
	io_run_free(&run);
}

/*
 * GBK whose UTF-8 check fails first: "中" is D6 D0 in GBK, and 0xD0
 * cannot follow the lead byte 0xD6 in UTF-8. 0xFF starts nothing in
 * GB18030.
 */
static void
test_guess_gbk_damaged(void **state)
{
	static const char text[] = "a,b\n1,\xD6\xD0\n2,\xFF\n";
	static const char *const want[] = {
		"invalid gb18030 byte sequence 0xFF 0x0A;",
		"because line 2 has the invalid UTF-8 bytes 0xD6 0xD0: pass "
		    "--encoding with the file's real encoding",
		NULL
	};

	(void)state;
	expect_guess_error(text, 3, want);
}

/* Lines that end in CR alone are counted as the CSV reader counts them. */
static void
test_guess_cr_lines(void **state)
{
	static const char text[] = "a,b\r1,x\r2,y\r3,\xFF\r";
	static const char *const want[] = {
		"invalid gb18030 byte sequence 0xFF 0x0D;",
		"because line 4 has the invalid UTF-8 byte 0xFF",
		NULL
	};

	(void)state;
	expect_guess_error(text, 4, want);
}

/* The warning names the first bytes that are not UTF-8, each way. */
static void
test_guess_warning_names_bytes(void **state)
{
	static const struct {
		const char *text;
		const char *warning;
	} cases[] = {
		/* "你" in GBK. */
		{ "a\n\xC4\xE3\n", "line 2 has bytes 0xC4 0xE3)" },
		/* A lead byte of three, cut by the line end. */
		{ "a\nb\n\xE4\xB8\n", "line 3 has bytes 0xE4 0xB8 0x0A)" },
		/* A four-byte GB18030 character, and 0x81 starts no UTF-8. */
		{ "a\n\x81\x30\x81\x30\n", "line 2 has byte 0x81)" },
		/* Cut off by the end of the input. */
		{ "a\n\xE4\xB8", "line 2 has bytes 0xE4 0xB8)" },
	};
	struct io_run run;

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		for (int way = 0; way < WAY_COUNT; way++) {
			read_way((enum way)way, cases[i].text,
			    strlen(cases[i].text), NULL, &run);
			assert_int_equal(run.failed, 0);
			assert_string_equal(run.encoding, "gb18030");
			if (!io_has_text(run.warnings, cases[i].warning))
				fail_msg("case %zu, %s: no warning with \"%s\"",
				    i, way_names[way], cases[i].warning);
			io_run_free(&run);
		}
	}
}

/* Opens path with the encoding guessed in threads threads. */
static void
open_guessed_source(struct la_source *src, FILE **fp, const char *path,
    int threads)
{
	struct la_read_opts opts;
	struct la_error err;

	memset(&opts, 0, sizeof(opts));
	opts.threads = threads;
	la_error_clear(&err);
	*fp = fopen(path, "rb");
	assert_non_null(*fp);
	assert_int_equal(la_src_open(src, *fp, "t", &opts, &err), 0);
	assert_int_equal(src->mode, LA_SRC_ICONV);
}

/*
 * A mapped input long enough for threads to check it in spans: the fault
 * is found in whichever span it is, and the first one is named.
 */
static void
test_guess_fault_in_spans(void **state)
{
	/* 10,000 lines of 1,000 bytes: 10 MB, more than two 4 MiB spans. */
	size_t lines = 10000, width = 1000, len = lines * width;
	char *text = malloc(len);
	char path[] = "/tmp/la-test-spanXXXXXX";
	struct la_source src;
	FILE *fp;

	(void)state;
	assert_non_null(text);
	memset(text, 'a', len);
	for (size_t i = 1; i <= lines; i++)
		text[i * width - 1] = '\n';
	/* The first byte of line 9001, in the last span. */
	text[9000 * width] = (char)0xFF;
	write_temp(path, text, len);
	for (int threads = 1; threads <= 3; threads++) {
		open_guessed_source(&src, &fp, path, threads);
		assert_int_equal(src.utf8_fault_line, 9001);
		assert_int_equal(src.utf8_fault_len, 1);
		assert_int_equal(src.utf8_fault[0], 0xFF);
		la_src_close(&src);
		fclose(fp);
	}
	unlink(path);
	/* A second fault, on line 1001 in the first span, comes first. */
	text[1000 * width + 5] = (char)0xC0;
	strcpy(path, "/tmp/la-test-spanXXXXXX");
	write_temp(path, text, len);
	for (int threads = 1; threads <= 3; threads++) {
		open_guessed_source(&src, &fp, path, threads);
		assert_int_equal(src.utf8_fault_line, 1001);
		assert_int_equal(src.utf8_fault[0], 0xC0);
		la_src_close(&src);
		fclose(fp);
	}
	unlink(path);
	free(text);
}

/* The mode la_src_open picks for text with this encoding and checked. */
static enum la_src_mode
open_mode(const char *text, const char *encoding, int checked)
{
	struct la_read_opts opts;
	struct la_source src;
	struct la_error err;
	enum la_src_mode mode;
	FILE *fp = fmemopen((void *)(uintptr_t)text, strlen(text), "rb");

	assert_non_null(fp);
	memset(&opts, 0, sizeof(opts));
	opts.encoding = encoding;
	opts.checked = checked;
	la_error_clear(&err);
	assert_int_equal(la_src_open(&src, fp, "t", &opts, &err), 0);
	mode = src.mode;
	la_src_close(&src);
	fclose(fp);
	return mode;
}

static void
test_checked_skips_utf8_check(void **state)
{
	(void)state;
	/* Named UTF-8 is checked while read unless already checked. */
	assert_int_equal(open_mode("姓名\n甲\n", "utf-8", 0), LA_SRC_CHECKED);
	assert_int_equal(open_mode("姓名\n甲\n", "utf-8", 1), LA_SRC_TRUSTED);
	/* checked means nothing without the encoding named. */
	assert_int_equal(open_mode("\xef\xbb\xbf姓名\n", NULL, 1),
	    LA_SRC_CHECKED);
	assert_int_equal(open_mode("姓名\n", "gb18030", 1), LA_SRC_ICONV);
}

/* The SIGBUS message names the input, or "an input" when none is known. */
static void
test_changed_message(void **state)
{
	char buf[200], small[12];
	size_t n;

	(void)state;
	n = la_io_changed_message(buf, sizeof(buf), "la-validate", "a.csv");
	assert_string_equal(buf, "la-validate: a.csv: the input changed size "
	    "while it was read; read it again once nothing writes to it\n");
	assert_int_equal(n, strlen(buf));
	la_io_changed_message(buf, sizeof(buf), "la-rank", NULL);
	assert_string_equal(buf, "la-rank: an input changed size while it "
	    "was read; read it again once nothing writes to it\n");
	n = la_io_changed_message(small, sizeof(small), "la-validate",
	    "a.csv");
	assert_string_equal(small, "la-validate");
	assert_int_equal(n, 11);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_checked_skips_utf8_check),
		cmocka_unit_test(test_utf8_known),
		cmocka_unit_test(test_utf8_exhaustive),
		cmocka_unit_test(test_utf8_short),
		cmocka_unit_test(test_utf8_random),
		cmocka_unit_test(test_gbk_detected),
		cmocka_unit_test(test_utf8_not_warned),
		cmocka_unit_test(test_big5_rejected),
		cmocka_unit_test(test_big5_given),
		cmocka_unit_test(test_invalid_utf8_given),
		cmocka_unit_test(test_invalid_gb18030),
		cmocka_unit_test(test_truncated_at_end),
		cmocka_unit_test(test_unknown_encoding),
		cmocka_unit_test(test_bom_contradicts_encoding),
		cmocka_unit_test(test_utf16_csv),
		cmocka_unit_test(test_gb18030_across_chunks),
		cmocka_unit_test(test_utf8_file_cut_by_chunk),
		cmocka_unit_test(test_pipe_spooled),
		cmocka_unit_test(test_stdin_name),
		cmocka_unit_test(test_changed_message),
		cmocka_unit_test(test_guess_utf8_mostly),
		cmocka_unit_test(test_guess_private_use_first),
		cmocka_unit_test(test_guess_gbk_damaged),
		cmocka_unit_test(test_guess_cr_lines),
		cmocka_unit_test(test_guess_warning_names_bytes),
		cmocka_unit_test(test_guess_fault_in_spans),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
