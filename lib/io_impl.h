/* SPDX-License-Identifier: MIT */
#ifndef LA_IO_IMPL_H
#define LA_IO_IMPL_H

/*
 * Declarations shared by the lib/io_*.c files only. Programs use io.h.
 */

#include <iconv.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "io.h"

/* Bytes read from the input at once. The fuzz build makes it small, so that
 * short inputs cross block boundaries too. */
#ifndef LA_IO_CHUNK
#define LA_IO_CHUNK	(256 * 1024)
#endif
#define LA_IO_OUT_FLUSH	(64 * 1024)	/* output is written in such blocks */

/* Growable byte buffer. data stays NUL-terminated once anything is added. */
struct la_buf {
	char *data;
	size_t len;
	size_t cap;
};

int la_buf_reserve(struct la_buf *b, size_t extra);

/*
 * la_buf_reserve with the test for room inline, for writers that append
 * small pieces straight into data. Returns 0, or -1 on no memory.
 */
static inline int
la_buf_room(struct la_buf *b, size_t extra)
{
	return b->cap - b->len > extra ? 0 : la_buf_reserve(b, extra);
}

/* Appends one byte; inline, as writers add many. */
static inline int
la_buf_addc(struct la_buf *b, char c)
{
	if (la_buf_room(b, 1) == -1)
		return -1;
	b->data[b->len++] = c;
	b->data[b->len] = '\0';
	return 0;
}

int la_buf_add(struct la_buf *b, const void *p, size_t n);
int la_buf_adds(struct la_buf *b, const char *s);
void la_buf_free(struct la_buf *b);

/*
 * Tests on 8 bytes at once, for scanning text a word at a time. The
 * subtraction borrows into the high bit of each byte below n. ~w drops
 * the bytes whose high bit was set already, so the result is nonzero
 * exactly when some byte is below n (for n up to 0x80).
 */
#define LA_ONES		0x0101010101010101ULL
#define LA_HIGH_BITS	0x8080808080808080ULL

static inline uint64_t
la_has_less(uint64_t w, unsigned char n)
{
	return (w - LA_ONES * n) & ~w & LA_HIGH_BITS;
}

/* Nonzero when one of the 8 bytes of w is b: a byte of w ^ b is 0. */
static inline uint64_t
la_has_byte(uint64_t w, unsigned char b)
{
	return la_has_less(w ^ (LA_ONES * b), 1);
}

static inline uint64_t
la_load8(const unsigned char *s)
{
	uint64_t w;

	memcpy(&w, s, 8);
	return w;
}

/* 4 bytes in the low half of the word. */
static inline uint64_t
la_load4(const unsigned char *s)
{
	uint32_t w;

	memcpy(&w, s, 4);
	return w;
}

enum la_utf8_status {
	LA_UTF8_VALID,		/* every byte belongs to a valid sequence */
	LA_UTF8_INCOMPLETE,	/* ends inside a sequence that may go on */
	LA_UTF8_INVALID		/* an invalid sequence at the returned offset */
};

/*
 * Returns the length of the longest prefix of s made of complete, valid
 * UTF-8 sequences (RFC 3629: no overlong forms, surrogates or code points
 * above U+10FFFF) and in *status why it stopped there.
 */
size_t la_utf8_check(const unsigned char *s, size_t n,
    enum la_utf8_status *status);

/*
 * la_utf8_check() with the instructions of level at most, for tests that
 * compare the levels: byte by byte, 16 bytes at a time with SSSE3, or 32
 * with AVX2. A level the processor lacks is lowered to one it has.
 */
enum { LA_UTF8_SCALAR, LA_UTF8_SSSE3, LA_UTF8_AVX2 };

size_t la_utf8_check_level(const unsigned char *s, size_t n,
    enum la_utf8_status *status, int level);

/* Number of characters in n bytes of UTF-8 (continuation bytes skipped). */
size_t la_utf8_chars(const char *s, size_t n);

/* Byte length of the first n characters of s (at most len). */
size_t la_utf8_prefix(const char *s, size_t len, size_t n);

enum la_src_mode {
	LA_SRC_TRUSTED,		/* UTF-8 already checked by a first pass */
	LA_SRC_CHECKED,		/* UTF-8 checked while it is read */
	LA_SRC_ICONV		/* another encoding, converted by iconv */
};

/*
 * The input as a stream of UTF-8 chunks: byte order mark removed, encoding
 * detected and converted. Errors it returns have line 0, and the caller
 * fills in the line it has reached. That is the faulty line, because the
 * chunk before a bad byte is always returned first.
 */
struct la_source {
	FILE *fp;		/* the caller's stream or the spool file */
	FILE *spool;		/* owned copy of a pipe, or NULL */
	const char *name;	/* borrowed from the reader */
	unsigned char *map;	/* a regular file mapped whole, or NULL */
	size_t map_len;
	size_t released;	/* map bytes handed back to the kernel */
	unsigned char *raw;	/* bytes as read, or the mapped input */
	size_t raw_len;
	size_t raw_pos;
	int raw_eof;
	int need_more;		/* the bytes left end inside a sequence */
	enum la_src_mode mode;
	iconv_t cd;
	char *out;		/* converted bytes (LA_SRC_ICONV) */
	int guessed;		/* GB18030 was guessed: reject private use */
	/*
	 * The first invalid UTF-8 sequence of a guessed input: its line,
	 * from 1, and its bytes. Set when guessed is.
	 */
	long utf8_fault_line;
	unsigned char utf8_fault[4];
	size_t utf8_fault_len;
	int private_use;	/* pending is a private-use character */
	int borrowed;		/* raw is part of another source's map */
	/*
	 * A trusted map is read in whole slices from slice_from on. After a
	 * seek, and in a borrowed part, aligned makes the slices end where
	 * they would have without it.
	 */
	size_t slice_from;
	int aligned;
	char encoding[64];	/* the encoding used, for la_reader_encoding */
	struct la_error pending;	/* the error for the next read */
};

int la_src_open(struct la_source *s, FILE *fp, const char *name,
    const struct la_read_opts *opts, struct la_error *err);
int la_src_fill_raw(struct la_source *s, struct la_error *err);

/*
 * Bytes of raw to take next. A mapped file is taken in LA_IO_CHUNK slices
 * so that the pages behind can be handed back (la_src_release). A reader
 * that starts at a mark (la_reader_seek, la_reader_part) cuts the input
 * where a reader from the start does, so that it feeds the parser the
 * same pieces.
 */
size_t la_src_slice(const struct la_source *s);
void la_src_release(struct la_source *s);

/*
 * Makes s read the bytes from off up to end of whole's mapped input,
 * as UTF-8 that needs no check, without a copy. s must not outlive whole.
 */
void la_src_borrow(struct la_source *s, const struct la_source *whole,
    size_t off, size_t end);

/*
 * Returns 1 when the mapped input of s, from raw_pos on, is valid UTF-8
 * throughout, else 0 with the offset in raw of the first byte that is not
 * UTF-8 in *fault (which may be NULL). Checks a long input in up to
 * threads threads, and hands the pages checked back to the kernel.
 */
int la_src_prescan_map(struct la_source *s, int threads, size_t *fault);

/*
 * Adds to err, an encoding error of s at line err->line, why s was read
 * as GB18030 and what to do, when the encoding was guessed.
 */
void la_src_explain(const struct la_source *s, struct la_error *err);

/*
 * Moves a trusted mapped source to offset off; the bytes before it are
 * skipped.
 */
void la_src_seek(struct la_source *s, size_t off);

/* Hands the mapped pages before offset off back to the kernel. */
void la_src_release_before(struct la_source *s, size_t off);

/*
 * Maps the n bytes of a mapped input at p into the process at once, in
 * one call, where touching them would fault page by page.
 */
void la_src_prefault(const unsigned char *p, size_t n);
int la_src_read(struct la_source *s, const char **p, size_t *n,
    struct la_error *err);
void la_src_close(struct la_source *s);

/*
 * Counts the readers closed so far. A reader lends its header names and
 * JSON keys to the records it returns, and frees them when it closes, so
 * the memory of a name may then be reused for another name. A name's
 * address identifies it only while this count stays the same.
 */
unsigned long la_io_readers_closed(void);

/*
 * Watches the mapping of len bytes at start, of the input name, for
 * SIGBUS: a fault inside it ends the program with status 2 and a message
 * naming the input (io_sigbus.c). la_io_unwatch_map() ends the watch
 * before the mapping is removed.
 */
void la_io_watch_map(const void *start, size_t len, const char *name);
void la_io_unwatch_map(const void *start);

struct la_csv_in;
struct la_json_in;

struct la_reader {
	struct la_source src;
	char *name;		/* for messages; "<stdin>" for "-" */
	struct la_read_opts opts;
	enum la_format format;
	const char *cur;	/* decoded bytes not yet consumed */
	const char *end;
	long line;		/* line of *cur, from 1 */
	int eof;		/* the source has no more bytes */
	int ended;		/* la_reader_next has returned 0 */
	struct la_csv_in *csv;
	struct la_json_in *json;
};

/*
 * Makes rd->cur..rd->end the next chunk of input. Returns 1, 0 at the end
 * of the input or -1 with err filled (at rd->line).
 */
int la_io_fill(struct la_reader *rd, struct la_error *err);

int la_csv_open(struct la_reader *rd, struct la_error *err);

/*
 * Sets up rd, a part of whole (la_reader_part), to read rows with the
 * header, delimiter and line ends of whole's CSV reader, which it
 * borrows. to_end is set when the part ends where the input does, so
 * that its last row may end without a line end. Returns 0, or -1 with
 * err filled.
 */
int la_csv_open_part(struct la_reader *rd, const struct la_reader *whole,
    int to_end, struct la_error *err);

/* Adds the counts of the part to whole's (la_reader_add_part). */
void la_csv_add_part(struct la_reader *whole, const struct la_reader *part);

/* Resets the row state of rd for a read from a line start. */
void la_csv_seek(struct la_reader *rd);
int la_csv_next(struct la_reader *rd, struct la_record *r,
    struct la_error *err);
const struct la_header *la_csv_header(const struct la_reader *rd);
int la_csv_columns(const struct la_reader *rd, struct la_header *out);
int la_csv_named(const struct la_reader *rd, size_t col);
void la_csv_close(struct la_reader *rd);

/*
 * Returns nonzero when the CSV reader rd is at the start of a line with
 * nothing buffered and lines end in LF, as la_reader_scan needs. Sets
 * *delim.
 */
int la_csv_scan_start(const struct la_reader *rd, char *delim);

/*
 * CSV header: builds h from the fields of the header row, with names
 * trimmed and unnamed columns marked in unnamed[] and called column_N.
 * Returns 0, or -1 with err filled for a header that cannot be used.
 */
int la_csv_header_build(struct la_header *h, unsigned char **unnamed,
    const struct la_record *row, const char *file, long line,
    struct la_error *err);

/*
 * Trims ASCII white space, U+3000, U+00A0 and U+FEFF at both ends of the
 * len bytes at s; returns the start and sets *len.
 */
const char *la_io_trim(const char *s, size_t *len);

/*
 * "column_N" for 0-based column i, kept in *names until freed, or with
 * _2, _3 and so on added when a column of header h has that name.
 */
const char *la_csv_column_name(char ***names, size_t *n, size_t i,
    const struct la_header *h);
void la_csv_column_names_free(char **names, size_t n);

int la_json_open(struct la_reader *rd, struct la_error *err);
int la_json_next(struct la_reader *rd, struct la_record *r,
    struct la_error *err);
void la_json_close(struct la_reader *rd);

/* Interned object keys with their catalogue ids. */
struct la_key {
	char *name;
	size_t len;
	unsigned hash;
	int id;
};

struct la_keys {
	struct la_key *slots;
	size_t cap;
	size_t count;
};

const struct la_key *la_keys_intern(struct la_keys *t, const char *key,
    size_t len);
void la_keys_free(struct la_keys *t);

struct json_t;

/*
 * Appends the members of a parsed JSON value to r as fields. A value that
 * is not an object is kept as field "_value" with a finding. line is the
 * value's first line, for findings, and dump is a scratch buffer. Returns
 * 0, LA_ERR_NOMEM, or LA_ERR_LIMIT past LA_IO_MAX_KEYS distinct keys.
 */
int la_json_to_record(struct la_keys *keys, struct la_buf *dump,
    struct la_record *r, struct json_t *v, long line);

/*
 * Writes into out the message for a jansson error on text, with a hint
 * for NaN and Infinity, trailing commas, duplicate keys and big integers.
 */
void la_json_message(char *out, size_t size, const void *jerror,
    const char *text, size_t len);

/* Shortest "%.*g" text that reads back as d, with ".0" if it looks whole. */
int la_real_text(char *out, size_t size, double d);

/* Significant digits of a decimal number text (sign, point, exponent
 * and leading zeros left out). */
int la_number_digits(const char *s);

/* Writers. */

/*
 * One CSV column of the row being written: its field and the text to
 * write, which lies in the field or, masked or rendered, at offset off
 * of w->tmp.
 */
struct la_cell {
	const struct la_field *field;
	const char *p;
	size_t len;
	size_t off;
	int in_tmp;
};

/*
 * The text of one JSON key as written: the name in quotes and a colon,
 * after a comma for all but a record's first field.
 */
struct la_json_key {
	const char *name;	/* address of the name it was made from */
	char *text;
	size_t len;
};

/*
 * The end of a JSON array's text. The separator after a record is held
 * back until the next record shows that one follows.
 */
enum la_json_line {
	LA_JSON_LINE_NONE,	/* no record line waits */
	LA_JSON_LINE_OPEN,	/* a record's line waits for its separator */
	LA_JSON_LINE_ENDED	/* a flush ended that line with "\n" */
};

struct la_writer {
	FILE *fp;
	char *name;
	struct la_write_opts opts;
	iconv_t cd;		/* (iconv_t)-1 for UTF-8 output */
	struct la_buf rec;	/* the record being built, if converted */
	struct la_buf out;	/* bytes waiting for fwrite */
	struct la_buf tmp;	/* masked values, findings text */
	size_t count;		/* records written */
	int write_errno;	/* of the first failed write; 0 if none */
	/* CSV columns, from the options or the first record. */
	char **cols;
	int *col_ids;		/* the catalogue id of each column, or -1 */
	const char **col_ptrs;	/* addresses of the names last matched */
	/* JSON: the key text of each field position, escaped once. */
	struct la_json_key *keys;
	size_t nkeys;
	/* la_io_readers_closed() when the name addresses above were taken. */
	unsigned long readers_closed;
	size_t ncols;
	struct la_cell *cells;
	int dropped;		/* a field with no CSV column was left out */
	enum la_json_line json_line;
};

/* The buffer for a record's text: rec when it is converted, else out. */
static inline struct la_buf *
la_writer_dst(struct la_writer *w)
{
	return w->cd == (iconv_t)-1 ? &w->out : &w->rec;
}

/* Ends a record: converts it, then writes out if it is big enough. */
int la_writer_end_record(struct la_writer *w, long line,
    struct la_error *err);

/* Nonzero when --mask hides part of field f. */
int la_writer_masks(const struct la_writer *w, const struct la_field *f);

/*
 * Appends the masked value of f to b. Returns 0, or -1 on no memory.
 */
int la_writer_mask(struct la_buf *b, const struct la_field *f);

int la_csv_put(struct la_writer *w, const struct la_record *r,
    struct la_error *err);

/* Takes the columns of prev unless w has its own. Returns 0 or -1. */
int la_csv_follow(struct la_writer *w, const struct la_writer *prev);

/* Writes the header of r's columns, unless w has columns already. */
int la_csv_header_only(struct la_writer *w, const struct la_record *r,
    struct la_error *err);

/* Forget the name addresses that the writers matched (io.h). */
void la_csv_forget_names(struct la_writer *w);
void la_json_forget_names(struct la_writer *w);
void la_csv_writer_free(struct la_writer *w);
int la_json_put(struct la_writer *w, const struct la_record *r,
    struct la_error *err);
int la_json_finish(struct la_writer *w, struct la_error *err);

/*
 * Ends the line of a JSON array's last record before a flush, so that a
 * message on another stream starts a line of its own. Returns 0 or -1.
 */
int la_json_end_line(struct la_writer *w, struct la_error *err);
void la_json_writer_free(struct la_writer *w);

#endif
