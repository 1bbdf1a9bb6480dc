/* SPDX-License-Identifier: MIT */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "dupindex.h"

/*
 * Open addressing with linear probing; the table doubles at half full.
 * Keys are copied into the slot's own allocation.
 */
struct slot {
	uint64_t hash;
	char *key;		/* NULL: empty */
	size_t len;
	struct la_dup_entry entry;
};

struct la_dup_index {
	struct slot *slots;
	size_t cap;		/* a power of two */
	size_t used;
};

static uint64_t
hash_key(const char *key, size_t len)
{
	uint64_t h = 1469598103934665603ULL;	/* FNV-1a */

	for (size_t i = 0; i < len; i++) {
		h ^= (unsigned char)key[i];
		h *= 1099511628211ULL;
	}
	return h;
}

struct la_dup_index *
la_dup_new(void)
{
	struct la_dup_index *d = calloc(1, sizeof(*d));

	if (d == NULL)
		return NULL;
	d->cap = 1024;
	if ((d->slots = calloc(d->cap, sizeof(*d->slots))) == NULL) {
		free(d);
		return NULL;
	}
	return d;
}

void
la_dup_free(struct la_dup_index *d)
{
	if (d == NULL)
		return;
	for (size_t i = 0; i < d->cap; i++)
		free(d->slots[i].key);
	free(d->slots);
	free(d);
}

static struct slot *
find_slot(struct slot *slots, size_t cap, uint64_t h, const char *key,
    size_t len)
{
	size_t i = (size_t)h & (cap - 1);

	while (slots[i].key != NULL) {
		if (slots[i].hash == h && slots[i].len == len &&
		    memcmp(slots[i].key, key, len) == 0)
			break;
		i = (i + 1) & (cap - 1);
	}
	return &slots[i];
}

static int
grow(struct la_dup_index *d)
{
	size_t cap = d->cap * 2;
	struct slot *slots = calloc(cap, sizeof(*slots));

	if (slots == NULL)
		return -1;
	for (size_t i = 0; i < d->cap; i++) {
		struct slot *s = &d->slots[i];

		if (s->key != NULL)
			*find_slot(slots, cap, s->hash, s->key, s->len) = *s;
	}
	free(d->slots);
	d->slots = slots;
	d->cap = cap;
	return 0;
}

int
la_dup_add(struct la_dup_index *d, const char *key, size_t len, long line)
{
	uint64_t h = hash_key(key, len);
	struct slot *s;

	if (2 * (d->used + 1) > d->cap && grow(d) == -1)
		return -1;
	s = find_slot(d->slots, d->cap, h, key, len);
	if (s->key == NULL) {
		if ((s->key = malloc(len + 1)) == NULL)
			return -1;
		memcpy(s->key, key, len);
		s->key[len] = '\0';
		s->len = len;
		s->hash = h;
		d->used++;
	}
	if (s->entry.count < LA_DUP_MAX_LINES)
		s->entry.lines[s->entry.count] = line;
	s->entry.count++;
	return 0;
}

const struct la_dup_entry *
la_dup_get(const struct la_dup_index *d, const char *key, size_t len)
{
	struct slot *s = find_slot(d->slots, d->cap, hash_key(key, len), key,
	    len);

	return s->key != NULL ? &s->entry : NULL;
}
