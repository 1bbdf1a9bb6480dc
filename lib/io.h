/* SPDX-License-Identifier: MIT */
#ifndef LA_IO_H
#define LA_IO_H

#include <stdio.h>

#include "catalogue.h"
#include "error.h"
#include "record.h"

/*
 * Streaming readers and writers for the three record formats.
 *
 * Input format is detected from the first non-blank byte after any BOM:
 * '{' is JSON Lines, '[' a JSON array, anything else CSV with a header row.
 * Encoding: a UTF-8 BOM is skipped; a UTF-16 BOM (FF FE or FE FF) makes the
 * input UTF-16, transcoded to UTF-8 (Excel "Unicode Text" is then read as
 * tab-separated); input that is not valid UTF-8 throughout is decoded as
 * GB18030 (a superset of GBK) and a warning names the encoding used. A
 * decoding that yields Private Use Area characters is reported as probably
 * Big5 (or another encoding) with a hint to pass the right --encoding.
 */

/*
 * Limits. A field (CSV) or a value (a JSON Lines record, a JSON array
 * element) longer than LA_IO_MAX_FIELD bytes, a header or row of more than
 * LA_IO_MAX_COLUMNS fields (the column limit of Excel and WPS), JSON nested
 * deeper than LA_IO_MAX_DEPTH or more than LA_IO_MAX_KEYS distinct object
 * keys in one input stop the input with an LA_ERR_LIMIT error, except that
 * too deep a JSON Lines record is only a finding on that record.
 */
#define LA_IO_MAX_FIELD		(100L * 1024 * 1024)
#define LA_IO_MAX_COLUMNS	16384
#define LA_IO_MAX_DEPTH		512
#define LA_IO_MAX_KEYS		65536

enum la_format {
	LA_FORMAT_AUTO = 0,
	LA_FORMAT_CSV,
	LA_FORMAT_JSONL,
	LA_FORMAT_JSON
};

/* Parses "csv", "jsonl" or "json"; -1 for anything else. */
int la_format_parse(const char *s);
const char *la_format_name(enum la_format f);

struct la_read_opts {
	enum la_format format;	/* LA_FORMAT_AUTO to detect */
	const char *encoding;	/* NULL or "auto" to detect; else an iconv
				   name such as "utf-8", "gb18030", "big5" */
	int pad;		/* CSV: fill missing trailing fields with "" */
	struct la_diag diag;	/* warnings */
};

struct la_reader;

/*
 * Opens a reader on fp, which the caller keeps and closes. name is used in
 * messages ("-" reads as "<stdin>"). Detection may read ahead; input that
 * cannot be read at all (unknown encoding, UTF-16 JSON, a CSV header that
 * is invalid) fails here. Returns NULL and fills err on failure.
 */
struct la_reader *la_reader_open(FILE *fp, const char *name,
    const struct la_read_opts *opts, struct la_error *err);

/*
 * Reads the next record into r (reset first). Returns 1 with a record, 0 at
 * the end of input, -1 on an error that makes the rest of the input
 * unreadable (err filled). A malformed record that can still be delimited
 * (a ragged CSV row, a JSON line that does not parse) is returned with a
 * finding of rule "input" naming the line, the field and the value, so that
 * nothing is lost. r->line is the physical line where the record starts.
 */
int la_reader_next(struct la_reader *rd, struct la_record *r,
    struct la_error *err);

/* The detected or given format and the encoding actually used. */
enum la_format la_reader_format(const struct la_reader *rd);
const char *la_reader_encoding(const struct la_reader *rd);

/* The CSV header, or NULL for JSON input. Borrowed from the reader. */
const struct la_header *la_reader_header(const struct la_reader *rd);

/* Frees the reader. Field names of records it returned become invalid. */
void la_reader_close(struct la_reader *rd);

struct la_write_opts {
	enum la_format format;	/* never AUTO: the caller decides */
	const char *encoding;	/* NULL or "utf-8"; else e.g. "gb18030" */
	int bom;		/* write a UTF-8 BOM (ignored for GB18030) */
	int formula_guard;	/* CSV: prefix cells starting with = + - @ TAB
				   CR with ' so spreadsheets show them as text */
	int mask;		/* hide the middle of ID and phone numbers */
};

struct la_writer;

/* Opens a writer on fp, which the caller keeps and closes. */
struct la_writer *la_writer_open(FILE *fp, const char *name,
    const struct la_write_opts *opts, struct la_error *err);

/*
 * Writes one record. CSV takes its header from the first record; a later
 * record with a field the header lacks is an error (never dropped). Lists
 * are joined with ';' in CSV and are arrays in JSON; findings are objects
 * {rule, field, message} in JSON and "rule: message" joined with "; " in
 * CSV. Returns 0 or -1 with err filled.
 */
int la_writer_put(struct la_writer *w, const struct la_record *r,
    struct la_error *err);

/*
 * Finishes the output (the closing ']' of a JSON array, even with no
 * records), flushes it and frees w. Returns 0 or -1 on a write error.
 */
int la_writer_close(struct la_writer *w, struct la_error *err);

#endif
