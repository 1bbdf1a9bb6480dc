/* SPDX-License-Identifier: MIT */
#ifndef LA_MEMO_H
#define LA_MEMO_H

#include <stddef.h>
#include <string.h>

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

/* The tag of a value of 1 to LA_MEMO_TEXT_MAX bytes, which is never 0. */
static inline unsigned
la_memo_tag(const char *text, size_t len)
{
	const unsigned char *u = (const unsigned char *)text;

	return (unsigned)len | (unsigned)u[0] << 8 |
	    (unsigned)u[len / 2] << 16 | (unsigned)u[len - 1] << 24;
}

/*
 * Finds the len bytes at text. Returns 1 and sets *result when the memo
 * has them, else 0. An empty value is never found. Inline because the
 * checks look up seven values in every record.
 */
static inline int
la_memo_find(const struct la_memo *m, const char *text, size_t len,
    int *result)
{
	unsigned tag;

	if (len == 0 || len > LA_MEMO_TEXT_MAX)
		return 0;
	tag = la_memo_tag(text, len);
	/*
	 * The tag of a value of 3 bytes or fewer has all of its bytes, so
	 * 是 and 否 need no memcmp().
	 */
	for (size_t i = 0; i < LA_MEMO_SLOTS; i++) {
		if (m->tag[i] == tag &&
		    (len <= 3 || memcmp(m->text[i], text, len) == 0)) {
			*result = m->result[i];
			return 1;
		}
	}
	return 0;
}

/*
 * Remembers result for the len bytes at text, in place of the value
 * remembered longest ago. A value that is empty or longer than
 * LA_MEMO_TEXT_MAX is not remembered.
 */
void la_memo_put(struct la_memo *m, const char *text, size_t len,
    int result);

#endif
