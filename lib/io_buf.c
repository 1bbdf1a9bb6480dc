/* SPDX-License-Identifier: MIT */
#include <stdlib.h>
#include <string.h>

#include "io_impl.h"

/* Makes room for extra more bytes and a NUL. Capacity doubles. */
int
la_buf_reserve(struct la_buf *b, size_t extra)
{
	size_t need = b->len + extra + 1;
	size_t cap = b->cap ? b->cap : 256;
	char *p;

	if (extra > (size_t)-1 / 2 - b->len)
		return -1;
	if (need <= b->cap)
		return 0;
	while (cap < need)
		cap *= 2;
	if ((p = realloc(b->data, cap)) == NULL)
		return -1;
	b->data = p;
	b->cap = cap;
	return 0;
}

int
la_buf_add(struct la_buf *b, const void *p, size_t n)
{
	if (la_buf_reserve(b, n) == -1)
		return -1;
	if (n > 0)
		memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
	return 0;
}

int
la_buf_adds(struct la_buf *b, const char *s)
{
	return la_buf_add(b, s, strlen(s));
}

void
la_buf_free(struct la_buf *b)
{
	free(b->data);
	memset(b, 0, sizeof(*b));
}
