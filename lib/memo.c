/* SPDX-License-Identifier: MIT */
#include <string.h>

#include "memo.h"

_Static_assert(LA_MEMO_TEXT_MAX <= 255, "a length must fit in a tag");

/* The tag of a value of 1 to LA_MEMO_TEXT_MAX bytes, which is never 0. */
static unsigned
tag_of(const char *text, size_t len)
{
	const unsigned char *u = (const unsigned char *)text;

	return (unsigned)len | (unsigned)u[0] << 8 | (unsigned)u[len / 2] << 16 |
	    (unsigned)u[len - 1] << 24;
}

int
la_memo_find(const struct la_memo *m, const char *text, size_t len,
    int *result)
{
	unsigned tag;

	if (len == 0 || len > LA_MEMO_TEXT_MAX)
		return 0;
	tag = tag_of(text, len);
	for (size_t i = 0; i < LA_MEMO_SLOTS; i++) {
		if (m->tag[i] == tag && memcmp(m->text[i], text, len) == 0) {
			*result = m->result[i];
			return 1;
		}
	}
	return 0;
}

void
la_memo_put(struct la_memo *m, const char *text, size_t len, int result)
{
	size_t i = m->next;

	if (len == 0 || len > LA_MEMO_TEXT_MAX)
		return;
	memcpy(m->text[i], text, len);
	m->tag[i] = tag_of(text, len);
	m->result[i] = result;
	m->next = (unsigned char)((i + 1) % LA_MEMO_SLOTS);
}
