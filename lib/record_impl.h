/* SPDX-License-Identifier: MIT */
#ifndef LA_RECORD_IMPL_H
#define LA_RECORD_IMPL_H

#include <string.h>

#include "record.h"

/*
 * The record's arena, for readers that append a field for every cell and
 * so want the append inline. Programs use record.h.
 *
 * Arena blocks are chained and never moved, so pointers into them stay
 * valid until reset. Reset keeps the first block and frees the rest.
 */
struct la_arena_block {
	struct la_arena_block *next;
	size_t size;
	size_t used;
	char data[];
};

/*
 * la_record_append_text(), inline, for a value of which readable bytes
 * may be read (at least len). A short value is then copied in one
 * fixed-size move, which the compiler makes without a call.
 */
static inline struct la_field *
la_record_append_cell(struct la_record *r, const char *name, int id,
    const char *value, size_t len, size_t readable)
{
	struct la_arena_block *b = r->arena;
	struct la_field *f;
	char *copy;

	if (r->nfields == r->fields_cap || b == NULL ||
	    b->size - b->used <= (len > 16 ? len : 16))
		return la_record_append(r, name, id, value, len,
		    LA_KIND_TEXT);
	copy = b->data + b->used;
	b->used += len + 1;
	if (len <= 16 && readable >= 16)
		memcpy(copy, value, 16);
	else
		memcpy(copy, value, len);
	copy[len] = '\0';
	f = &r->fields[r->nfields++];
	if (id >= 0 && id < LA_F_COUNT && r->by_id[id] == 0)
		r->by_id[id] = r->nfields;
	f->name = name;
	f->value = copy;
	f->len = len;
	f->kind = LA_KIND_TEXT;
	f->id = id;
	return f;
}

#endif
