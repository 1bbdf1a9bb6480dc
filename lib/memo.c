/* SPDX-License-Identifier: MIT */
#include <string.h>

#include "memo.h"

_Static_assert(LA_MEMO_TEXT_MAX <= 255, "a length must fit in a tag");

void
la_memo_put(struct la_memo *m, const char *text, size_t len, int result)
{
	size_t i = m->next;

	if (len == 0 || len > LA_MEMO_TEXT_MAX)
		return;
	memcpy(m->text[i], text, len);
	m->tag[i] = la_memo_tag(text, len);
	m->result[i] = result;
	m->next = (unsigned char)((i + 1) % LA_MEMO_SLOTS);
}
