/* SPDX-License-Identifier: MIT */
#define _DEFAULT_SOURCE		/* madvise */
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/types.h>

#include <ctype.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "i18n.h"
#include "io_impl.h"

/*
 * Opening the input: the byte order mark, the choice of encoding and, when
 * the encoding must be guessed, the first pass that checks the whole input
 * for UTF-8.
 */

enum bom {
	BOM_NONE,
	BOM_UTF8,
	BOM_UTF16LE,
	BOM_UTF16BE
};

enum encoding_class {
	ENC_UTF8,
	ENC_UTF16,
	ENC_OTHER
};

int
la_src_fill_raw(struct la_source *s, struct la_error *err)
{
	size_t left = s->raw_len - s->raw_pos;
	size_t room, got;

	if (s->map != NULL || s->borrowed)
		return 0;
	if (s->raw_pos > 0) {
		memmove(s->raw, s->raw + s->raw_pos, left);
		s->raw_pos = 0;
		s->raw_len = left;
	}
	if (s->raw_eof)
		return 0;
	room = LA_IO_CHUNK - left;
	got = fread(s->raw + left, 1, room, s->fp);
	s->raw_len += got;
	if (got < room) {
		if (ferror(s->fp))
			return la_error_set(err, LA_ERR_IO, s->name, 0, NULL,
			    "read failed: %s", strerror(errno));
		s->raw_eof = 1;
	}
	return got > 0;
}

size_t
la_src_slice(const struct la_source *s)
{
	size_t n = s->raw_len - s->raw_pos;
	size_t room = LA_IO_CHUNK;

	if (s->map == NULL && !s->borrowed)
		return n;
	if (s->aligned)
		room -= (s->raw_pos - s->slice_from) % LA_IO_CHUNK;
	return n > room ? room : n;
}

void
la_src_release_before(struct la_source *s, size_t off)
{
	size_t page = (size_t)sysconf(_SC_PAGESIZE);
	size_t upto;

	if (s->map == NULL)
		return;
	upto = (size_t)(s->raw - s->map) + off;
	upto -= upto % page;
	if (upto <= s->released)
		return;
#ifdef MADV_DONTNEED
	madvise(s->map + s->released, upto - s->released, MADV_DONTNEED);
#endif
	s->released = upto;
}

void
la_src_prefault(const unsigned char *p, size_t n)
{
#ifdef MADV_POPULATE_READ
	size_t page = (size_t)sysconf(_SC_PAGESIZE);
	uintptr_t from = (uintptr_t)p & ~(uintptr_t)(page - 1);

	/* On a kernel without it, the page faults do the same work. */
	if (n > 0)
		(void)madvise((void *)from, (uintptr_t)(p + n) - from,
		    MADV_POPULATE_READ);
#else
	(void)p;
	(void)n;
#endif
}

/*
 * Drops the mapped pages before raw_pos from the process, so that memory
 * use stays flat; the page cache keeps them.
 */
void
la_src_release(struct la_source *s)
{
	la_src_release_before(s, s->raw_pos);
}

void
la_src_borrow(struct la_source *s, const struct la_source *whole,
    size_t off, size_t end)
{
	memset(s, 0, sizeof(*s));
	s->name = whole->name;
	s->cd = (iconv_t)-1;
	s->borrowed = 1;
	s->raw = whole->raw;
	s->raw_pos = off;
	s->raw_len = end;
	s->raw_eof = 1;
	s->slice_from = whole->slice_from;
	s->aligned = 1;
	s->mode = LA_SRC_TRUSTED;
	snprintf(s->encoding, sizeof(s->encoding), "%s", whole->encoding);
}

void
la_src_seek(struct la_source *s, size_t off)
{
	s->raw_pos = off;
	s->need_more = 0;
	s->aligned = 1;
}

/*
 * Maps a regular file whole, which spares a copy of every byte. A file
 * truncated by another process while it is read raises SIGBUS, which the
 * watch turns into an error that names the file.
 */
static int
map_file(struct la_source *s, off_t start)
{
	struct stat st;
	void *p;
	int fd = fileno(s->fp);

	if (fd < 0 || fstat(fd, &st) == -1 || !S_ISREG(st.st_mode) ||
	    st.st_size <= start || (uintmax_t)st.st_size > SIZE_MAX)
		return 0;
	p = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
	if (p == MAP_FAILED)
		return 0;
#ifdef MADV_SEQUENTIAL
	madvise(p, (size_t)st.st_size, MADV_SEQUENTIAL);
#endif
	la_io_watch_map(p, (size_t)st.st_size, s->name);
	s->map = p;
	s->map_len = (size_t)st.st_size;
	s->raw = s->map + start;
	s->raw_len = s->map_len - (size_t)start;
	s->raw_eof = 1;
	return 1;
}

/* Lower-case letters and digits of name, so "UTF_8" matches "utf8". */
static void
fold_name(const char *name, char *out, size_t size)
{
	size_t n = 0;

	for (; *name != '\0' && n + 1 < size; name++)
		if (isalnum((unsigned char)*name))
			out[n++] = (char)tolower((unsigned char)*name);
	out[n] = '\0';
}

static enum encoding_class
classify(const char *name)
{
	char folded[32];

	fold_name(name, folded, sizeof(folded));
	if (strcmp(folded, "utf8") == 0)
		return ENC_UTF8;
	if (strncmp(folded, "utf16", 5) == 0 || strncmp(folded, "ucs2", 4) == 0)
		return ENC_UTF16;
	return ENC_OTHER;
}

static enum bom
skip_bom(struct la_source *s)
{
	const unsigned char *b = s->raw;

	if (s->raw_len >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF) {
		s->raw_pos = 3;
		return BOM_UTF8;
	}
	if (s->raw_len >= 2 && b[0] == 0xFF && b[1] == 0xFE) {
		s->raw_pos = 2;
		return BOM_UTF16LE;
	}
	if (s->raw_len >= 2 && b[0] == 0xFE && b[1] == 0xFF) {
		s->raw_pos = 2;
		return BOM_UTF16BE;
	}
	return BOM_NONE;
}

static void
set_encoding(struct la_source *s, enum la_src_mode mode, const char *name)
{
	s->mode = mode;
	snprintf(s->encoding, sizeof(s->encoding), "%s", name);
}

static int
open_iconv(struct la_source *s, const char *from, const char *shown,
    struct la_error *err)
{
	s->cd = iconv_open("UTF-8", from);
	if (s->cd == (iconv_t)-1)
		return la_error_set(err, LA_ERR_ENCODING, s->name, 0, NULL,
		    "unknown encoding \"%s\"; iconv -l lists the names "
		    "this system knows", shown);
	/*
	 * UTF-16 and GB18030 grow by half at most in UTF-8. Encodings that
	 * grow more are converted in several steps.
	 */
	if ((s->out = malloc(2 * LA_IO_CHUNK)) == NULL)
		return la_error_set(err, LA_ERR_NOMEM, s->name, 0, NULL,
		    "out of memory");
	set_encoding(s, LA_SRC_ICONV, shown);
	return 0;
}

static int
open_bom_utf16(struct la_source *s, enum bom bom, struct la_error *err)
{
	const char *name = bom == BOM_UTF16LE ? "utf-16le" : "utf-16be";

	return open_iconv(s, bom == BOM_UTF16LE ? "UTF-16LE" : "UTF-16BE",
	    name, err);
}

/* An encoding the caller named; a byte order mark must agree with it. */
static int
open_explicit(struct la_source *s, const char *encoding, int checked,
    enum bom bom, struct la_error *err)
{
	enum encoding_class class = classify(encoding);

	if (bom == BOM_UTF8 && class != ENC_UTF8)
		return la_error_set(err, LA_ERR_ENCODING, s->name, 1, NULL,
		    "input starts with a UTF-8 byte order mark, but the "
		    "encoding given is %s", encoding);
	if ((bom == BOM_UTF16LE || bom == BOM_UTF16BE) && class != ENC_UTF16)
		return la_error_set(err, LA_ERR_ENCODING, s->name, 1, NULL,
		    "input starts with a UTF-16 byte order mark, but the "
		    "encoding given is %s", encoding);
	if (class == ENC_UTF8) {
		set_encoding(s, checked ? LA_SRC_TRUSTED : LA_SRC_CHECKED,
		    "utf-8");
		return 0;
	}
	if (bom != BOM_NONE)
		return open_bom_utf16(s, bom, err);
	return open_iconv(s, encoding, encoding, err);
}

static int
seekable(FILE *fp, off_t *start)
{
	struct stat st;
	int fd = fileno(fp);

	if ((*start = ftello(fp)) == -1)
		return 0;
	/* fmemopen streams have no descriptor but can seek. */
	if (fd >= 0 && fstat(fd, &st) == 0 && !S_ISREG(st.st_mode))
		return 0;
	return 1;
}

/*
 * Line ends in the text checked so far: LF, and CR until the first LF,
 * for input whose lines end in CR alone, as the CSV reader counts them.
 */
struct line_count {
	long lf;
	long cr;
};

static long
count_byte(const unsigned char *p, size_t n, int byte)
{
	const unsigned char *end = p + n;
	long k = 0;

	while (p < end && (p = memchr(p, byte, (size_t)(end - p))) != NULL) {
		k++;
		p++;
	}
	return k;
}

static void
count_lines(struct line_count *lc, const unsigned char *p, size_t n)
{
	lc->lf += count_byte(p, n, '\n');
	if (lc->lf == 0)
		lc->cr += count_byte(p, n, '\r');
}

/*
 * Notes the invalid sequence at raw_pos, where the input stops being
 * UTF-8: a byte that cannot start a sequence, or a lead byte and what
 * follows it up to the first byte that is not a continuation byte.
 */
static void
note_fault(struct la_source *s, const struct line_count *lc)
{
	const unsigned char *p = s->raw + s->raw_pos;
	size_t left = s->raw_len - s->raw_pos, need = 1, n = 0;

	if (p[0] >= 0xC2 && p[0] < 0xE0)
		need = 2;
	else if (p[0] >= 0xE0 && p[0] < 0xF0)
		need = 3;
	else if (p[0] >= 0xF0 && p[0] <= 0xF4)
		need = 4;
	s->utf8_fault[n++] = p[0];
	while (n < need && n < left) {
		s->utf8_fault[n] = p[n];
		if ((p[n++] & 0xC0) != 0x80)
			break;
	}
	s->utf8_fault_len = n;
	s->utf8_fault_line = 1 + (lc->lf > 0 ? lc->lf : lc->cr);
}

/*
 * Checks the bytes from raw_pos on, counting their lines in *lc, and
 * clears *valid at an invalid one.
 */
static void
check_chunk(struct la_source *s, int *valid, enum la_utf8_status *st,
    struct line_count *lc)
{
	size_t ok;

	if (!*valid) {
		s->raw_pos = s->raw_len;
		return;
	}
	ok = la_utf8_check(s->raw + s->raw_pos, s->raw_len - s->raw_pos, st);
	count_lines(lc, s->raw + s->raw_pos, ok);
	s->raw_pos += ok;
	if (*st == LA_UTF8_INVALID) {
		*valid = 0;
		note_fault(s, lc);
		s->raw_pos = s->raw_len;
	}
}

/* Ends the check at the end of the input, which may cut a character. */
static void
check_end(struct la_source *s, int *valid, enum la_utf8_status st,
    const struct line_count *lc)
{
	if (*valid && st != LA_UTF8_VALID) {
		*valid = 0;
		note_fault(s, lc);
	}
}

static int
restart(struct la_source *s, off_t start, struct la_error *err)
{
	if (fseeko(s->fp, start, SEEK_SET) == -1)
		return la_error_set(err, LA_ERR_IO, s->name, 0, NULL,
		    "cannot seek back to the start: %s", strerror(errno));
	clearerr(s->fp);
	s->raw_len = s->raw_pos = 0;
	s->raw_eof = 0;
	return la_src_fill_raw(s, err) == -1 ? -1 : 0;
}

/* First pass over a file that can seek: check it all, then go back. */
static int
prescan_file(struct la_source *s, off_t start, int *valid,
    struct la_error *err)
{
	enum la_utf8_status st = LA_UTF8_VALID;
	struct line_count lc = { 0, 0 };

	*valid = 1;
	for (;;) {
		check_chunk(s, valid, &st, &lc);
		if (!*valid)
			break;
		if (s->raw_eof) {
			check_end(s, valid, st, &lc);
			break;
		}
		if (la_src_fill_raw(s, err) == -1)
			return -1;
	}
	return restart(s, start, err);
}

/* First pass over a mapped file, in threads when it is long. */
static void
prescan_map(struct la_source *s, int threads, int *valid)
{
	struct line_count lc = { 0, 0 };
	size_t fault = 0;

	*valid = la_src_prescan_map(s, threads, &fault);
	if (!*valid) {
		count_lines(&lc, s->raw + s->raw_pos, fault - s->raw_pos);
		s->raw_pos = fault;
		note_fault(s, &lc);
	}
	s->raw_pos = 0;
	s->released = 0;
}

static FILE *
open_spool(struct la_source *s, struct la_error *err)
{
	const char *dir = getenv("TMPDIR");
	char path[4096];
	FILE *fp;
	int fd;

	if (dir == NULL || *dir == '\0')
		dir = "/tmp";
	if ((size_t)snprintf(path, sizeof(path), "%s/la-tools.XXXXXX", dir) >=
	    sizeof(path)) {
		la_error_set(err, LA_ERR_IO, s->name, 0, NULL,
		    "TMPDIR is too long: %s", dir);
		return NULL;
	}
	/* mkstemp creates the file with mode 0600. */
	if ((fd = mkstemp(path)) == -1) {
		la_error_set(err, LA_ERR_IO, s->name, 0, NULL,
		    "cannot create a temporary file in %s: %s", dir,
		    strerror(errno));
		return NULL;
	}
	unlink(path);
	if ((fp = fdopen(fd, "w+b")) == NULL) {
		la_error_set(err, LA_ERR_IO, s->name, 0, NULL,
		    "cannot open a temporary file in %s: %s", dir,
		    strerror(errno));
		close(fd);
	}
	return fp;
}

static int
spool_write(struct la_source *s, FILE *spool, size_t from,
    struct la_error *err)
{
	size_t n = s->raw_len - from;

	if (fwrite(s->raw + from, 1, n, spool) != n)
		return la_error_set(err, LA_ERR_IO, s->name, 0, NULL,
		    "cannot copy the input to a temporary file: %s",
		    strerror(errno));
	return 0;
}

/*
 * First pass over a pipe: copy it to an unlinked temporary file while
 * checking it, so that memory use does not grow with the input, then read
 * the copy.
 */
static int
prescan_pipe(struct la_source *s, int *valid, struct la_error *err)
{
	enum la_utf8_status st = LA_UTF8_VALID;
	struct line_count lc = { 0, 0 };
	size_t fresh = 0;

	if ((s->spool = open_spool(s, err)) == NULL)
		return -1;
	*valid = 1;
	for (;;) {
		if (spool_write(s, s->spool, fresh, err) == -1)
			return -1;
		check_chunk(s, valid, &st, &lc);
		if (s->raw_eof) {
			check_end(s, valid, st, &lc);
			break;
		}
		fresh = s->raw_len - s->raw_pos;
		if (la_src_fill_raw(s, err) == -1)
			return -1;
	}
	if (fflush(s->spool) == EOF)
		return la_error_set(err, LA_ERR_IO, s->name, 0, NULL,
		    "cannot copy the input to a temporary file: %s",
		    strerror(errno));
	s->fp = s->spool;
	return restart(s, 0, err);
}

/* "byte 0xFF" or "bytes 0xE6 0xFF": the bytes where UTF-8 fails. */
static void
fault_text(const struct la_source *s, char *out, size_t size)
{
	size_t used;

	used = (size_t)snprintf(out, size, "%s", s->utf8_fault_len > 1 ?
	    _("bytes") : _("byte"));
	for (size_t i = 0; i < s->utf8_fault_len && used < size; i++)
		used += (size_t)snprintf(out + used, size - used, " 0x%02X",
		    s->utf8_fault[i]);
}

void
la_src_explain(const struct la_source *s, struct la_error *err)
{
	size_t used = strlen(err->text);
	long line = s->utf8_fault_line;
	char fault[32];

	if (!s->guessed || err->code != LA_ERR_ENCODING || line == 0)
		return;
	fault_text(s, fault, sizeof(fault));
	/*
	 * Text that is UTF-8 past the line where GB18030 fails is most
	 * likely UTF-8 with a damaged byte.
	 */
	if (line > err->line)
		snprintf(err->text + used, sizeof(err->text) - used,
		    _("; the input was decoded as GB18030 because it is UTF-8 "
		    "only up to line %ld, which has the invalid UTF-8 %s: if "
		    "the file is UTF-8, correct that line or save the file "
		    "again as UTF-8, else pass --encoding with its real "
		    "encoding"), line, fault);
	else
		snprintf(err->text + used, sizeof(err->text) - used,
		    _("; the input was decoded as GB18030 because line %ld "
		    "has the invalid UTF-8 %s: pass --encoding with the "
		    "file's real encoding%s"), line, fault, s->private_use ?
		    _(" (big5 for Traditional Chinese)") : "");
}

/* Without a BOM or an encoding: UTF-8 if the input all is, else GB18030. */
static int
open_guessed(struct la_source *s, int can_seek, off_t start,
    const struct la_read_opts *opts, struct la_error *err)
{
	const struct la_diag *diag = &opts->diag;
	char fault[32];
	int valid;
	int rc = 0;

	if (s->map != NULL)
		prescan_map(s, opts->threads, &valid);
	else if (can_seek)
		rc = prescan_file(s, start, &valid, err);
	else
		rc = prescan_pipe(s, &valid, err);
	if (rc == -1)
		return -1;
	if (valid) {
		set_encoding(s, LA_SRC_TRUSTED, "utf-8");
		return 0;
	}
	if (open_iconv(s, "GB18030", "gb18030", err) == -1)
		return -1;
	s->guessed = 1;
	fault_text(s, fault, sizeof(fault));
	la_warn(diag, s->name, 0, NULL, "input is not valid UTF-8 (line %ld "
	    "has %s); decoding it as GB18030 (pass --encoding to choose "
	    "another)", s->utf8_fault_line, fault);
	return 0;
}

int
la_src_open(struct la_source *s, FILE *fp, const char *name,
    const struct la_read_opts *opts, struct la_error *err)
{
	const char *encoding = opts->encoding;
	const struct la_diag *diag = &opts->diag;
	enum bom bom;
	off_t start;
	int can_seek;

	memset(s, 0, sizeof(*s));
	s->fp = fp;
	s->name = name;
	s->cd = (iconv_t)-1;
	can_seek = seekable(fp, &start);
	if (!can_seek || !map_file(s, start)) {
		if ((s->raw = malloc(LA_IO_CHUNK)) == NULL)
			return la_error_set(err, LA_ERR_NOMEM, name, 0, NULL,
			    "out of memory");
		if (la_src_fill_raw(s, err) == -1)
			return -1;
	}
	bom = skip_bom(s);
	s->slice_from = s->raw_pos;
	if (encoding != NULL && strcmp(encoding, "auto") != 0)
		return open_explicit(s, encoding, opts->checked, bom, err);
	if (bom == BOM_UTF8) {
		set_encoding(s, LA_SRC_CHECKED, "utf-8");
		return 0;
	}
	if (bom != BOM_NONE) {
		if (open_bom_utf16(s, bom, err) == -1)
			return -1;
		la_warn(diag, name, 0, NULL, "input is %s (it starts with a "
		    "byte order mark); converting it to UTF-8",
		    bom == BOM_UTF16LE ? "UTF-16LE" : "UTF-16BE");
		return 0;
	}
	return open_guessed(s, can_seek, start, opts, err);
}

/* Readers closed in this process; see la_io_readers_closed. */
static unsigned long readers_closed;

unsigned long
la_io_readers_closed(void)
{
	return readers_closed;
}

void
la_src_close(struct la_source *s)
{
	/*
	 * Closing a part is not counted, because its header names are the
	 * whole reader's, which stay. A writer drops the names of extra
	 * columns that a part made with la_writer_forget_names().
	 */
	if (s->borrowed) {
		memset(s, 0, sizeof(*s));
		s->cd = (iconv_t)-1;
		return;
	}
	readers_closed++;
	if (s->cd != (iconv_t)-1)
		iconv_close(s->cd);
	if (s->spool != NULL)
		fclose(s->spool);
	if (s->map != NULL) {
		la_io_unwatch_map(s->map);
		munmap(s->map, s->map_len);
	} else
		free(s->raw);
	free(s->out);
	memset(s, 0, sizeof(*s));
	s->cd = (iconv_t)-1;
}
