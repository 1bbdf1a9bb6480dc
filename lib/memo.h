/* SPDX-License-Identifier: MIT */
#ifndef LA_MEMO_H
#define LA_MEMO_H

#include <stddef.h>

/*
 * A memo keeps the last few values a check has read and a result it
 * derived from each, so that a value that recurs from record to record
 * (the same services list, "是" or "否") is parsed once. A value is matched
 * on all of its bytes. The memo has no pointers, so a copy made by struct
 * assignment is a second, independent memo. A memo of zero bytes is empty.
 */

/* Values remembered at once, and the longest value remembered, in bytes. */
#define LA_MEMO_SLOTS 8
#define LA_MEMO_TEXT_MAX 95

struct la_memo {
	/*
	 * The length and three bytes of each value, so that a look-up
	 * compares the whole text only where these match. 0 for an empty
	 * slot.
	 */
	unsigned tag[LA_MEMO_SLOTS];
	int result[LA_MEMO_SLOTS];
	char text[LA_MEMO_SLOTS][LA_MEMO_TEXT_MAX];
	unsigned char next;			/* slot la_memo_put() fills */
};

/*
 * Finds the len bytes at text. Returns 1 and sets *result when the memo
 * has them, else 0. An empty value is never found.
 */
int la_memo_find(const struct la_memo *m, const char *text, size_t len,
    int *result);

/*
 * Remembers result for the len bytes at text, in place of the value
 * remembered longest ago. A value that is empty or longer than
 * LA_MEMO_TEXT_MAX is not remembered.
 */
void la_memo_put(struct la_memo *m, const char *text, size_t len,
    int result);

#endif
