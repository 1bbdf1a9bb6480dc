/* SPDX-License-Identifier: MIT */
#ifndef LA_VALIDATE_H
#define LA_VALIDATE_H

#include <stdio.h>
#include <sys/types.h>

#include "columns.h"
#include "datetime.h"
#include "error.h"
#include "io.h"
#include "memo.h"
#include "record.h"
#include "rules.h"

/*
 * Eligibility checks of la-validate. A run has two passes over the input.
 * The first indexes the ID and licence numbers of every record, so that a
 * person who applied twice is flagged on both rows:
 * la_validate_index_input() does it for a whole input, with a quick scan
 * of the two columns where it can. Then la_validate_record() checks each
 * record.
 *
 * la_validate_record() adds three fields: status ("eligible", "ineligible"
 * or "late"), eligible_services (the requested services the person
 * qualifies for) and findings. There is one finding per failed rule, named
 * by its rule id ("window", "discipline", ...). Rule "input" marks a value
 * that cannot be read. Rule "review" marks a value that was changed or
 * looks damaged, for the clerk to check, and does not change the status.
 */

struct la_dup_index;
struct la_dup_pending;

/* Maximum length of a finding message in bytes; a longer one is cut. */
#define LA_FINDING_MAX 600

/* Number of distinct finding messages that check_gettext() keeps. */
#define LA_VALIDATE_MESSAGES 64

/* Numbers of years for which struct la_short_years keeps the finding. */
#define LA_VALIDATE_SHORT_YEARS 4

/*
 * Findings that remove criminal defence for too few years of criminal
 * practice, by the years stated and needed. The rest of the message is
 * the same in every record, and formatting the two numbers with %g cost
 * some 2,700 instructions a finding under callgrind (glibc 2.36).
 */
struct la_short_years {
	double years[LA_VALIDATE_SHORT_YEARS];
	double needed[LA_VALIDATE_SHORT_YEARS];	/* criminal_min_years */
	char message[LA_VALIDATE_SHORT_YEARS][LA_FINDING_MAX + 1];
	unsigned char used[LA_VALIDATE_SHORT_YEARS];	/* 0 for free */
	unsigned char next;		/* slot to fill next */
};

/* A message as given to gettext and its translation. */
struct la_message {
	const char *msgid;
	const char *text;
};

struct la_validate {
	const struct la_rules *rules;
	la_time now;			/* for birth dates in the future */
	la_day today;			/* local date of now */
	int this_year;			/* year of today, for licence numbers */
	la_day deadline_day;		/* local date of the window's close */
	/* Latest start of criminal practice that gives the years needed. */
	la_day criminal_limit;
	/* Latest licence date that gives the years of general practice. */
	la_day general_limit;
	int mask;			/* --mask: in messages too */
	struct la_dup_index *dups;
	struct la_dup_pending *pending;	/* keys not yet in dups */
	long file;			/* the input being read, from 0 */
	char *const *files;		/* input names for messages, or NULL
					   when there is one input */
	/* When not NULL, the first pass adds each input's columns here. */
	struct la_column_union *columns;
	struct la_message messages[LA_VALIDATE_MESSAGES];
	size_t nmessages;
	/*
	 * Values that recur in most records, with what the checks read from
	 * them, which depends on the value alone.
	 */
	struct la_memo documents;	/* enum la_document bits */
	struct la_memo services;	/* enum la_service bits */
	struct la_memo categories;	/* enum la_category */
	struct la_memo yes_no;		/* 1 or 0, of every yes/no field */
	struct la_short_years short_criminal;
	/* The eligible_services text of each set of enum la_service bits. */
	char services_text[LA_SVC_ALL + 1][64];
	unsigned char services_len[LA_SVC_ALL + 1];	/* their strlen() */
	/* The window's bounds as findings show them, in the rules' zone. */
	char window_open_text[64];
	char window_close_text[64];
	long checked;			/* records checked so far */
	long eligible;
	long ineligible;
	long late;
};

int la_validate_init(struct la_validate *v, const struct la_rules *rules,
    la_time now, struct la_error *err);

/* Adds the record's ID and licence numbers to the duplicate index. */
int la_validate_index(struct la_validate *v, const struct la_record *r,
    struct la_error *err);

/*
 * Ends the indexing: keys seen once are dropped, so that the look-ups of
 * la_validate_record() stay in the processor's caches. Records indexed
 * afterwards are still found. Returns 0, or -1 on no memory.
 */
int la_validate_index_end(struct la_validate *v, struct la_error *err);

/* The same for the two values (either may be NULL) of a record on line. */
int la_validate_index_values(struct la_validate *v, const char *id,
    const char *licence, long line, struct la_error *err);

/*
 * Moves fp back to offset start, where its input starts, as ftello()
 * gave it: an input need not start at offset 0, as when a shell script
 * reads a line of standard input before. With start -1, to offset 0.
 */
void la_validate_seek(FILE *fp, off_t start);

/*
 * Indexes every record of the input fp, read from its position when
 * called, which la_validate_seek() returns to. name is for
 * messages, and opts are as for la_reader_open, but its warnings are left
 * to the pass that reads the records. Sets *utf8 to 1 when the whole input
 * was read as valid UTF-8, so that the second pass need not check it
 * again (la_read_opts.checked), else to 0. When marks is not NULL, the
 * quick scan marks the input every marks->every bytes where it can, for
 * a second pass in parts (io.h). When v->columns is not NULL, adds the
 * input's columns to it: a CSV header's names, or the field names of
 * every JSON record, since the pass reads JSON in full. Returns 0, or -1
 * with err filled when
 * the input cannot be read (the same error the second pass would meet)
 * or memory runs out.
 */
int la_validate_index_input(struct la_validate *v, FILE *fp,
    const char *name, const struct la_read_opts *opts, int *utf8,
    struct la_marks *marks, struct la_error *err);

/*
 * Checks r against every rule and adds status, eligible_services and
 * findings. Returns 0, or -1 on no memory.
 */
int la_validate_record(struct la_validate *v, struct la_record *r,
    struct la_error *err);

void la_validate_free(struct la_validate *v);

/* Status names written in the status field. */
#define LA_STATUS_ELIGIBLE "eligible"
#define LA_STATUS_INELIGIBLE "ineligible"
#define LA_STATUS_LATE "late"

#endif
