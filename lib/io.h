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
 *
 * Encoding: a UTF-8 BOM is skipped. A UTF-16 BOM (FF FE or FE FF) makes
 * the input UTF-16, which is transcoded to UTF-8 in every format, so Excel
 * "Unicode Text" and JSON saved by PowerShell 5 read alike. Without a BOM
 * or an encoding, the whole input is first checked for UTF-8. A regular
 * file is mapped and checked. A pipe is copied to an unlinked temporary
 * file in $TMPDIR (mode 0600) while it is checked, so memory use does not
 * grow with the input.
 * Input that is not valid UTF-8 throughout is decoded as GB18030 (a
 * superset of GBK) and a warning names the encoding used. If that decoding
 * yields a Private Use Area character (U+E000..U+F8FF), which GB18030 gives
 * for many Big5 byte pairs, the input stops with an error that suggests
 * --encoding big5. Bytes invalid in the given or detected encoding stop
 * the input with LA_ERR_ENCODING at their line.
 *
 * Positions: lines count from 1 and are physical lines, ended by LF (in
 * CSV, by CR alone when the first line ends so). err->column, set for JSON
 * errors, counts characters, not bytes, as jansson does. Findings write
 * positions as FILE:LINE:COLUMN in the same units.
 *
 * A regular file is read through mmap. If another process truncates it
 * meanwhile, the reading process gets SIGBUS, and a handler ends it with
 * status 2 and "PROGRAM: FILE: the input changed size while it was
 * read; ..." on standard error. It has no other way out, because the
 * reading thread cannot go on from the fault.
 */

/*
 * Sets the program name that the SIGBUS message starts with; la_cli_init()
 * calls it.
 */
void la_io_set_program(const char *prog);

/*
 * Writes into buf, of size bytes, the message on an input that changed
 * size while it was read: on input name, or on some input for NULL.
 * Returns its length. Safe to call in a signal handler.
 */
size_t la_io_changed_message(char *buf, size_t size, const char *prog,
    const char *name);

/*
 * Limits. Each of these stops the input with an LA_ERR_LIMIT error: a CSV
 * field or a JSON value (a JSON Lines record, an array element) longer
 * than LA_IO_MAX_FIELD bytes; a header or row of more than
 * LA_IO_MAX_COLUMNS fields, the column limit of Excel and WPS; JSON nested
 * deeper than LA_IO_MAX_DEPTH; more than LA_IO_MAX_KEYS distinct object
 * keys in one input. A JSON Lines record nested too deep is only a
 * finding on that record.
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

/* "csv", "jsonl", "json", or "auto" for LA_FORMAT_AUTO. */
const char *la_format_name(enum la_format f);

struct la_read_opts {
	enum la_format format;	/* LA_FORMAT_AUTO to detect */
	const char *encoding;	/* NULL or "auto" to detect; else an iconv
				   name such as "utf-8", "gb18030", "big5" */
	int pad;		/* CSV: fill missing trailing fields with "" */
	int checked;		/* with encoding "utf-8": an earlier reading
				   found the whole input valid, so it is not
				   checked again */
	int threads;		/* threads that may check a long mapped
				   input for UTF-8 at once; 0 means 1 */
	struct la_diag diag;	/* warnings */
};

struct la_reader;

/*
 * Opens a reader on fp, which the caller keeps and closes; the reader may
 * leave fp at any position. name is used in messages ("-" reads as
 * "<stdin>"). Detection reads ahead, so errors that make the whole input
 * unreadable fail here. They are an unknown encoding, a BOM that
 * contradicts the encoding given, and a probable Big5 file whose header
 * row shows it (later rows fail in la_reader_next). For CSV they are also
 * a header with duplicate names (naming both columns), a header of one
 * column that contains '，' (U+FF0C), and too many columns. An empty input
 * is not an error: it has no records, and a warning says so. Returns NULL
 * and fills err on failure.
 */
struct la_reader *la_reader_open(FILE *fp, const char *name,
    const struct la_read_opts *opts, struct la_error *err);

/*
 * Reads the next record into r (reset first). Returns 1 with a record, 0 at
 * the end of input, -1 on an error that makes the rest of the input
 * unreadable (err filled). r->line is the physical line where the record
 * starts.
 *
 * A malformed record that can still be delimited is returned with a
 * finding of rule "input" and all of its values:
 * - a CSV row with fewer fields than the header keeps the fields it has
 *   (with opts.pad the missing ones are "" and a warning replaces the
 *   finding); a row with more keeps the extra values as column_N, N the
 *   1-based position, with a hint about unquoted commas;
 * - a value under a header cell that is empty is kept as column_N; such a
 *   column empty in every row is left out, with a warning at the end;
 * - where a header cell is named column_N already, the name given is
 *   column_N_2 (or _3, and so on), so that no two columns share a name;
 * - a JSON Lines record that does not parse is kept as its text in field
 *   "_raw", with FILE:LINE:COLUMN and jansson's message (plus a hint for
 *   NaN and Infinity, trailing commas, duplicate keys and big integers);
 * - a JSON value that is not an object is kept in field "_value";
 * - a JSON number of 16 or more significant digits is kept, with a
 *   finding that a tool that passed it on as a double may have changed it.
 *
 * Errors that stop the input: an unterminated quoted field (its starting
 * line), a quote inside a quoted field that is not doubled, bytes invalid
 * in the encoding, any syntax error in a JSON array (the array cannot be
 * delimited past it), and the limits above.
 *
 * Warnings through opts.diag: the encoding guessed or transcoded, a bare
 * quote in an unquoted CSV field (kept as text), padded rows, and at the
 * end the count of empty rows and blank lines skipped.
 *
 * CSV values are as read, except that unquoted values lose leading and
 * trailing ASCII spaces and tabs (libcsv's default); quoted values are
 * kept whole. A header line with tabs and no commas is read as
 * tab-separated.
 *
 * JSON values: a string as is (U+0000 kept, len counts it); an integer in
 * decimal; a real in its shortest round-trip form, with ".0" when it looks
 * whole; true and false as LA_KIND_BOOL; null as LA_KIND_NULL "";
 * an array of numbers, booleans and non-empty strings without ';' as
 * LA_KIND_LIST joined with ';' (so [] is ""); any other array or object
 * as LA_KIND_JSON compact text. Object keys are matched to catalogue ids
 * after trimming, but kept as written. JSON Lines records may span lines
 * when they are indented as jq prints them: a line continues the record
 * when the record so far ends in { [ , or :, or the line starts with
 * } ] , or :, unless it starts with { or [ in column 1.
 */
int la_reader_next(struct la_reader *rd, struct la_record *r,
    struct la_error *err);

/*
 * The detected or given format and the encoding actually used: "utf-8",
 * "utf-16le", "utf-16be", "gb18030", or the name given.
 */
enum la_format la_reader_format(const struct la_reader *rd);
const char *la_reader_encoding(const struct la_reader *rd);

/*
 * The CSV header, or NULL for JSON input. Borrowed from the reader. A
 * column whose header cell is empty is named column_N.
 */
const struct la_header *la_reader_header(const struct la_reader *rd);

/*
 * Copies into out the columns that a record of rd with every value empty
 * has, in order: the CSV header less its unnamed columns, which a record
 * carries only when it fills them. out is empty for JSON input. The
 * caller frees out with la_header_free(). Returns 0, or -1 on no memory.
 */
int la_reader_columns(const struct la_reader *rd, struct la_header *out);

/*
 * Nonzero when column col of rd's CSV header has a name; 0 for a header
 * cell that is empty, whose values are kept as column_N, and past the
 * header.
 */
int la_reader_named(const struct la_reader *rd, size_t col);

/*
 * Frees the reader. Field names of records it returned (header names and
 * interned JSON keys) stay valid until then, and become invalid here.
 */
void la_reader_close(struct la_reader *rd);

/*
 * Reading one CSV input in parts, in several threads. A mark is the start
 * of a row, as a byte offset into the input (after any BOM is counted,
 * since offsets start at the input's first byte) and the line there. The
 * quick scan (io_scan.h) sets the marks. A part reader reads the rows
 * between two marks as the whole reader would, with the whole reader's
 * header and options, and la_reader_seek() lets the whole reader go on
 * from a mark. Parts need an input that the whole reader maps and reads
 * as UTF-8: a regular file, or a pipe that la_cli_rewindable() copied to
 * one, read with opts.encoding "utf-8".
 */
struct la_mark {
	size_t off;
	long line;
};

struct la_marks {
	struct la_mark *v;
	size_t n;
	size_t cap;
	size_t every;		/* at least this many bytes between marks */
};

/* Appends a mark. Returns 0, or -1 on no memory. */
int la_marks_add(struct la_marks *m, size_t off, long line);
void la_marks_free(struct la_marks *m);

/*
 * Returns nonzero when rd is a CSV reader that maps its input and reads
 * it as UTF-8, so that the scan can mark it. Sets *off to the offset of
 * rd's next unread byte.
 */
int la_reader_offset(const struct la_reader *rd, size_t *off);

/*
 * Returns nonzero when parts of rd can be read: la_reader_offset() is
 * nonzero and rd trusts its input as UTF-8, because an earlier reading
 * checked it all (opts.encoding "utf-8" with opts.checked).
 */
int la_reader_can_part(const struct la_reader *rd);

/*
 * Opens a reader on the rows from mark from up to mark to of the input of
 * whole, a reader that la_reader_can_part() accepts and that must
 * stay open and unused meanwhile. Warnings go to diag. At its end the
 * part gives none of the warnings of the input's end: la_reader_add_part()
 * hands its counts on to whole. Several parts of one whole may be read at
 * once in different threads. Returns NULL with err filled on no memory.
 */
struct la_reader *la_reader_part(const struct la_reader *whole,
    const struct la_mark *from, const struct la_mark *to,
    const struct la_diag *diag, struct la_error *err);

/*
 * Adds the empty rows, blank lines and values in unnamed columns that
 * part read to the counts of whole, for the warnings at whole's end.
 */
void la_reader_add_part(struct la_reader *whole,
    const struct la_reader *part);

/*
 * Moves whole, a reader that la_reader_can_part() accepts and that has
 * read its header and no record, to mark m: its next record is the first
 * that starts at m. The records before m are left to parts.
 */
void la_reader_seek(struct la_reader *whole, const struct la_mark *m);

/*
 * Hands the mapped pages before offset off back to the kernel, once no
 * part will read them again, so that memory use stays flat.
 */
void la_reader_release(struct la_reader *whole, size_t off);

struct la_write_opts {
	enum la_format format;	/* never AUTO: the caller decides */
	const char *encoding;	/* NULL or "utf-8"; else e.g. "gb18030" */
	int bom;		/* CSV in UTF-8: write a UTF-8 BOM (never in
				   GB18030, nor in JSON: RFC 8259, 8.1) */
	int formula_guard;	/* CSV: prefix cells starting with = + - @
				   TAB CR with ' so spreadsheets show text */
	int mask;		/* hide the middle of ID and phone numbers */
	/*
	 * CSV: the header's names and their catalogue ids (-1 for none),
	 * when the caller knows every column before the first record; NULL
	 * to take the first record's field names.
	 */
	const char *const *columns;
	const int *column_ids;
	size_t ncolumns;
	struct la_diag diag;	/* CSV: a field left out, see la_writer_put */
};

struct la_writer;

/*
 * Opens a writer on fp, which the caller keeps and closes. Fails for
 * LA_FORMAT_AUTO or an output encoding iconv does not know. Returns NULL
 * and fills err on failure.
 *
 * With fp NULL, the writer keeps its text in memory (la_writer_text) and
 * writes no BOM. Threads that each write records into a writer of their
 * own hand the texts in order to the writer of the output
 * (la_writer_put_text).
 */
struct la_writer *la_writer_open(FILE *fp, const char *name,
    const struct la_write_opts *opts, struct la_error *err);

/*
 * Writes one record. Lines end in LF in every format.
 *
 * CSV (RFC 4180 but for LF): the header is opts.columns, or else the
 * first record's field names, and every row has one cell per column. A
 * field goes in the column of its name, else in a column of its catalogue
 * id that no other field of the record took. A field with no column is
 * left out, and a warning through opts.diag names the first such field
 * of the writer. A caller that can meet such a field must keep its value
 * elsewhere, as la-validate's finding on a ragged row quotes it. A field
 * that a record lacks is written empty. A value is quoted when it
 * contains a comma, a quote, CR or LF, or starts or ends with a space or
 * tab, and quotes inside are doubled. Lists are joined with ';', findings
 * are "rule: message" joined with "; ", and a ';' inside a message is
 * written as the full-width '；' so that the cell splits back at each
 * ASCII ';'. The formula guard protects the
 * file as written, but Excel and WPS may drop the protection once the
 * file is saved again from the spreadsheet.
 *
 * JSON: LA_KIND_NUMBER is written bare when its text is a JSON number
 * (reals in their shortest form), null for NaN and infinities, and a
 * string otherwise, also for an integer past 64 bits, so no digit is
 * lost. Booleans and null are bare, lists are arrays of strings, nested
 * JSON is embedded, and a field of kind LA_KIND_FINDINGS becomes the
 * record's findings as [{"rule", "field", "message"}].
 *
 * Masking keeps the first 6 and last 4 characters of LA_F_ID_NUMBER and
 * the first 3 and last 4 of LA_F_PHONE and LA_F_OFFICE_PHONE, writing '*'
 * for each character between; a value too short for that is all '*'.
 *
 * Returns 0, or -1 with err filled: on a write error (EPIPE, ENOSPC, with
 * errno's text), a record with two fields for one CSV column, a JSON
 * value that is not UTF-8, or a character the output encoding lacks. A
 * record refused for its content leaves nothing in the output.
 *
 * Field names come from a reader or are literals, as record.h requires.
 * The writer recognises a name by its address until a reader closes. So
 * while the writer is open, the memory of a name may hold another name
 * only after a reader has closed.
 */
int la_writer_put(struct la_writer *w, const struct la_record *r,
    struct la_error *err);

/*
 * Finishes the output (the closing ']' of a JSON array, even with no
 * records), flushes it and frees w. Returns 0 or -1 on a write error.
 */
int la_writer_close(struct la_writer *w, struct la_error *err);

/*
 * Writes out the buffered text of w and flushes its stream, so that a
 * message written to another stream next comes after that text when both
 * streams go to one file. In a JSON array, whose separator after a record
 * waits for the next record, it first ends the record's line with "\n",
 * and the ',' then starts the next line. Returns 0, or -1 with err filled
 * on a write error, which every later write and la_writer_close() report
 * again.
 */
int la_writer_flush(struct la_writer *w, struct la_error *err);

/*
 * Writes the CSV header that r would start, but not r, for an output that
 * has no record to write, so that the next program of a pipeline still
 * reads a header. Does nothing in JSON and JSON Lines, where an empty
 * output is well-formed as it is, nor once w has its columns. Returns 0,
 * or -1 with err filled.
 */
int la_writer_header(struct la_writer *w, const struct la_record *r,
    struct la_error *err);

/* Nonzero once w has written a record. */
int la_writer_started(const struct la_writer *w);

/*
 * Makes w go on from the text that prev began: w takes the CSV columns of
 * prev, so that it writes no header, and in a JSON array it writes the
 * separator before its first record. prev must have written a record.
 * Returns 0, or -1 with err filled on no memory.
 */
int la_writer_follow(struct la_writer *w, const struct la_writer *prev,
    struct la_error *err);

/*
 * The text that a writer opened on no stream has kept, *len bytes, valid
 * until it writes again; la_writer_clear() empties it.
 */
const char *la_writer_text(const struct la_writer *w, size_t *len);
void la_writer_clear(struct la_writer *w);

/*
 * Appends text that another writer made, already in the output encoding,
 * to the output of w. In a JSON array the text must end with a record,
 * as the text of a writer that follows w does. Returns 0, or -1 with err
 * filled.
 */
int la_writer_put_text(struct la_writer *w, const char *p, size_t len,
    struct la_error *err);

/*
 * Makes a writer opened on no stream as it was when opened, with no text,
 * columns or records, but keeps its memory for the next text unless it
 * grew past a few megabytes.
 */
void la_writer_reset(struct la_writer *w);

/*
 * Forgets the addresses of the field names w has matched. Call it before
 * writing records of another part reader (la_reader_part), whose extra
 * column names may reuse the memory of a closed part's.
 */
void la_writer_forget_names(struct la_writer *w);

#endif
