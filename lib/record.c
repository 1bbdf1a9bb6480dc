/* SPDX-License-Identifier: MIT */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalogue.h"
#include "i18n.h"
#include "record.h"
#include "record_impl.h"

/* Bytes of an arena block, or of one value that is larger. */
#define BLOCK_SIZE 16384

void
la_record_init(struct la_record *r)
{
	memset(r, 0, sizeof(*r));
}

static void
free_blocks(struct la_arena_block *b)
{
	while (b != NULL) {
		struct la_arena_block *next = b->next;

		free(b);
		b = next;
	}
}

void
la_record_reset(struct la_record *r)
{
	r->nfields = 0;
	r->nfindings = 0;
	r->line = 0;
	memset(r->by_id, 0, sizeof(r->by_id));
	if (r->arena != NULL) {
		free_blocks(r->arena->next);
		r->arena->next = NULL;
		r->arena->used = 0;
	}
}

void
la_record_free(struct la_record *r)
{
	free(r->fields);
	free(r->findings);
	free_blocks(r->arena);
	la_record_init(r);
}

static void *
arena_alloc(struct la_record *r, size_t n)
{
	struct la_arena_block *b = r->arena;
	size_t size;

	if (b != NULL && b->size - b->used >= n) {
		void *p = b->data + b->used;

		b->used += n;
		return p;
	}
	size = n > BLOCK_SIZE ? n : BLOCK_SIZE;
	if ((b = malloc(sizeof(*b) + size)) == NULL)
		return NULL;
	b->size = size;
	b->used = n;
	/*
	 * The newest block goes first so that small allocations keep filling
	 * it. A block made for one large value is full at once; putting it
	 * second keeps the current block in front.
	 */
	if (r->arena != NULL && n > BLOCK_SIZE) {
		b->next = r->arena->next;
		r->arena->next = b;
	} else {
		b->next = r->arena;
		r->arena = b;
	}
	return b->data;
}

char *
la_record_strndup(struct la_record *r, const char *s, size_t len)
{
	char *p;

	if ((p = arena_alloc(r, len + 1)) == NULL)
		return NULL;
	if (len > 0)
		memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

static char *arena_vprintf(struct la_record *r, const char *fmt, va_list ap)
    __attribute__((format(printf, 2, 0)));

static char *
arena_vprintf(struct la_record *r, const char *fmt, va_list ap)
{
	va_list copy;
	char *p;
	int n;

	va_copy(copy, ap);
	n = vsnprintf(NULL, 0, fmt, copy);
	va_end(copy);
	if (n < 0 || (p = arena_alloc(r, (size_t)n + 1)) == NULL)
		return NULL;
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	return p;
}

char *
la_record_printf(struct la_record *r, const char *fmt, ...)
{
	va_list ap;
	char *p;

	va_start(ap, fmt);
	p = arena_vprintf(r, fmt, ap);
	va_end(ap);
	return p;
}

static int
grow(void **items, size_t *cap, size_t need, size_t item_size)
{
	size_t n = *cap ? *cap : 16;
	void *p;

	if (need <= *cap)
		return 0;
	while (n < need)
		n *= 2;
	if ((p = realloc(*items, n * item_size)) == NULL)
		return -1;
	*items = p;
	*cap = n;
	return 0;
}

struct la_field *
la_record_append(struct la_record *r, const char *name, int id,
    const char *value, size_t len, enum la_kind kind)
{
	struct la_field *f;
	char *copy;

	if (grow((void **)&r->fields, &r->fields_cap, r->nfields + 1,
	    sizeof(*r->fields)) == -1)
		return NULL;
	if ((copy = la_record_strndup(r, value, len)) == NULL)
		return NULL;
	f = &r->fields[r->nfields++];
	/* A second field with one id (two JSON keys) stays out of the index. */
	if (id >= 0 && id < LA_F_COUNT && r->by_id[id] == 0)
		r->by_id[id] = r->nfields;
	f->name = name;
	f->value = copy;
	f->len = len;
	f->kind = kind;
	f->id = id;
	return f;
}

struct la_field *
la_record_append_text(struct la_record *r, const char *name, int id,
    const char *value, size_t len)
{
	return la_record_append_cell(r, name, id, value, len, len);
}

struct la_field *
la_record_set(struct la_record *r, const char *name, const char *value,
    enum la_kind kind)
{
	struct la_field *f = la_record_find(r, name);
	size_t len = strlen(value);

	if (f == NULL)
		return la_record_append(r, name, -1, value, len, kind);
	if ((f->value = la_record_strndup(r, value, len)) == NULL)
		return NULL;
	f->len = len;
	f->kind = kind;
	return f;
}

struct la_field *
la_record_set_id(struct la_record *r, int id, const char *value,
    enum la_kind kind)
{
	return la_record_set_id_len(r, id, value, strlen(value), kind);
}

struct la_field *
la_record_set_id_len(struct la_record *r, int id, const char *value,
    size_t len, enum la_kind kind)
{
	struct la_field *f = la_record_find_id(r, id);
	struct la_arena_block *b = r->arena;
	char *copy;

	/*
	 * The checks add three fields to every record, which has room for
	 * them once the reader has filled it a few times.
	 */
	if (f == NULL && id >= 0 && id < LA_F_COUNT &&
	    r->nfields < r->fields_cap && b != NULL &&
	    b->size - b->used > len) {
		copy = b->data + b->used;
		b->used += len + 1;
		memcpy(copy, value, len);
		copy[len] = '\0';
		f = &r->fields[r->nfields++];
		r->by_id[id] = r->nfields;
		f->name = la_field_name(id);
		f->value = copy;
		f->len = len;
		f->kind = kind;
		f->id = id;
		return f;
	}
	if (f == NULL)
		return la_record_append(r, la_field_name(id), id, value, len,
		    kind);
	if ((f->value = la_record_strndup(r, value, len)) == NULL)
		return NULL;
	f->len = len;
	f->kind = kind;
	return f;
}

struct la_field *
la_record_find_id(const struct la_record *r, int id)
{
	if (id >= 0 && id < LA_F_COUNT) {
		size_t position = r->by_id[id];

		return position > 0 ? &r->fields[position - 1] : NULL;
	}
	for (size_t i = 0; i < r->nfields; i++)
		if (r->fields[i].id == id)
			return &r->fields[i];
	return NULL;
}

struct la_field *
la_record_find(const struct la_record *r, const char *name)
{
	for (size_t i = 0; i < r->nfields; i++)
		if (strcmp(r->fields[i].name, name) == 0)
			return &r->fields[i];
	return NULL;
}

const char *
la_record_get(const struct la_record *r, int id)
{
	struct la_field *f = la_record_find_id(r, id);

	return f != NULL ? f->value : NULL;
}

/* Appends a finding whose message is already in the arena. */
static int
push_finding(struct la_record *r, const char *rule, const char *field,
    char *message)
{
	struct la_finding *f;

	if (message == NULL || grow((void **)&r->findings, &r->findings_cap,
	    r->nfindings + 1, sizeof(*r->findings)) == -1)
		return -1;
	f = &r->findings[r->nfindings++];
	f->rule = rule;
	f->field = field;
	f->message = message;
	return 0;
}

int
la_record_add_finding(struct la_record *r, const char *rule,
    const char *field, const char *fmt, ...)
{
	va_list ap;
	char *msg;

	va_start(ap, fmt);
	msg = arena_vprintf(r, _(fmt), ap);
	va_end(ap);
	return push_finding(r, rule, field, msg);
}

int
la_record_add_finding_text(struct la_record *r, const char *rule,
    const char *field, const char *message)
{
	return push_finding(r, rule, field,
	    la_record_strndup(r, message, strlen(message)));
}

int
la_record_has_finding(const struct la_record *r, const char *rule)
{
	for (size_t i = 0; i < r->nfindings; i++)
		if (strcmp(r->findings[i].rule, rule) == 0)
			return 1;
	return 0;
}

int
la_record_copy(struct la_record *dst, const struct la_record *src)
{
	la_record_reset(dst);
	dst->line = src->line;
	for (size_t i = 0; i < src->nfields; i++) {
		const struct la_field *f = &src->fields[i];

		if (la_record_append(dst, f->name, f->id, f->value, f->len,
		    f->kind) == NULL)
			return -1;
	}
	for (size_t i = 0; i < src->nfindings; i++) {
		const struct la_finding *f = &src->findings[i];

		if (la_record_add_finding_text(dst, f->rule, f->field,
		    f->message) == -1)
			return -1;
	}
	return 0;
}
