/* SPDX-License-Identifier: MIT */
#ifndef LA_ERROR_H
#define LA_ERROR_H

#include <stdarg.h>

/*
 * Exit statuses shared by every program: 0 the run worked and found
 * nothing; 1 the run worked and found what it checks for (ineligible
 * records, findings, unfilled seats); 2 usage, input, rules or system error.
 */
enum la_exit {
	LA_EXIT_OK = 0,
	LA_EXIT_FOUND = 1,
	LA_EXIT_FAIL = 2
};

enum la_err_code {
	LA_ERR_NONE = 0,
	LA_ERR_IO,		/* open, read or write failed */
	LA_ERR_NOMEM,
	LA_ERR_ENCODING,	/* bytes that are not in the input's encoding */
	LA_ERR_SYNTAX,		/* malformed CSV or JSON */
	LA_ERR_HEADER,		/* missing, duplicate or unnamed column */
	LA_ERR_LIMIT,		/* a documented size or depth limit */
	LA_ERR_VALUE,		/* a value that cannot be normalised */
	LA_ERR_RULES,		/* invalid rules file */
	LA_ERR_USAGE,		/* invalid option or argument */
	LA_ERR_STATE		/* a roster or state file is inconsistent */
};

/*
 * Position and text of one error or warning. lib/ never prints: it fills
 * this struct and the program reports it. line and column count from 1;
 * 0 means unknown. column counts characters, not bytes.
 */
struct la_error {
	enum la_err_code code;
	char file[256];
	long line;
	long column;
	char field[128];
	char text[768];
};

/* Empties e, so that the next la_error_set() fills it. */
void la_error_clear(struct la_error *e);

/*
 * Fills e unless it already contains an error, so the first error wins.
 * file and field may be NULL. Returns -1 so that callers can write
 * "return la_error_set(...)".
 */
int la_error_set(struct la_error *e, enum la_err_code code, const char *file,
    long line, const char *field, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));

int la_error_vset(struct la_error *e, enum la_err_code code, const char *file,
    long line, const char *field, const char *fmt, va_list ap)
    __attribute__((format(printf, 6, 0)));

/*
 * Receiver of warnings that do not stop a run (an encoding guessed, empty
 * rows skipped). A NULL function drops them.
 */
struct la_diag {
	void (*warn)(void *ctx, const struct la_error *w);
	void *ctx;
};

/* Builds a warning like la_error_set() and passes it to diag. */
void la_warn(const struct la_diag *diag, const char *file, long line,
    const char *field, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

#endif
