/* SPDX-License-Identifier: MIT */
/*
 * STUB for the roster branch only: the masks of ident.h, ASCII only.
 * Delete once main has lib/ident.c.
 */
#include <stdio.h>
#include <string.h>

#include "ident.h"

static void
keep(const char *s, size_t head, size_t tail, char *out, size_t size)
{
	size_t n = strlen(s);

	snprintf(out, size, "%s", s);
	if (n <= head + tail)
		return;
	for (size_t i = head; i < n - tail && i < size - 1; i++)
		out[i] = '*';
}

void
la_mask_id(const char *s, char *out, size_t size)
{
	keep(s, 6, 4, out, size);
}

void
la_mask_phone(const char *s, char *out, size_t size)
{
	keep(s, 3, 4, out, size);
}
