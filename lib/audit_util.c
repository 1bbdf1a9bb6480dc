/* SPDX-License-Identifier: MIT */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit_impl.h"

/* FNV-1a, 64 bits. */
static uint64_t
hash_key(const char *s)
{
	uint64_t h = 0xcbf29ce484222325ULL;

	for (; *s != '\0'; s++) {
		h ^= (unsigned char)*s;
		h *= 0x100000001b3ULL;
	}
	return h;
}

static struct la_amap_node **
slot_of(const struct la_amap *m, const char *key, uint64_t h)
{
	struct la_amap_node **p = &m->buckets[h & (m->nbuckets - 1)];

	while (*p != NULL && ((*p)->hash != h || strcmp((*p)->key, key) != 0))
		p = &(*p)->next;
	return p;
}

void *
la_amap_get(const struct la_amap *m, const char *key)
{
	struct la_amap_node *n;

	if (m->nbuckets == 0)
		return NULL;
	n = *slot_of(m, key, hash_key(key));
	return n != NULL ? n->value : NULL;
}

static int
rehash(struct la_amap *m)
{
	size_t size = m->nbuckets ? m->nbuckets * 2 : 64;
	struct la_amap_node **b = calloc(size, sizeof(*b));

	if (b == NULL)
		return -1;
	for (size_t i = 0; i < m->nbuckets; i++) {
		struct la_amap_node *n = m->buckets[i], *next;

		for (; n != NULL; n = next) {
			next = n->next;
			n->next = b[n->hash & (size - 1)];
			b[n->hash & (size - 1)] = n;
		}
	}
	free(m->buckets);
	m->buckets = b;
	m->nbuckets = size;
	return 0;
}

int
la_amap_put(struct la_amap *m, const char *key, void *value)
{
	struct la_amap_node *n;
	size_t i;

	if (m->count >= m->nbuckets && rehash(m) == -1)
		return -1;
	/* Keys come and go with every event, so nodes are reused. */
	if ((n = m->spare) != NULL)
		m->spare = n->next;
	else if ((n = malloc(sizeof(*n))) == NULL)
		return -1;
	n->hash = hash_key(key);
	n->key = key;
	n->value = value;
	i = n->hash & (m->nbuckets - 1);
	n->next = m->buckets[i];
	m->buckets[i] = n;
	m->count++;
	return 0;
}

void *
la_amap_remove(struct la_amap *m, const char *key)
{
	struct la_amap_node **p, *n;
	void *value;

	if (m->nbuckets == 0)
		return NULL;
	p = slot_of(m, key, hash_key(key));
	if ((n = *p) == NULL)
		return NULL;
	*p = n->next;
	value = n->value;
	n->next = m->spare;
	m->spare = n;
	m->count--;
	return value;
}

void
la_amap_each(const struct la_amap *m, void (*fn)(void *value))
{
	for (size_t i = 0; i < m->nbuckets; i++)
		for (struct la_amap_node *n = m->buckets[i]; n != NULL;
		    n = n->next)
			fn(n->value);
}

void **
la_amap_values(const struct la_amap *m, int *ok)
{
	void **v;
	size_t k = 0;

	*ok = 1;
	if (m->count == 0)
		return NULL;
	if ((v = malloc(m->count * sizeof(*v))) == NULL) {
		*ok = 0;
		return NULL;
	}
	for (size_t i = 0; i < m->nbuckets; i++)
		for (struct la_amap_node *n = m->buckets[i]; n != NULL;
		    n = n->next)
			v[k++] = n->value;
	return v;
}

void
la_amap_free(struct la_amap *m)
{
	for (size_t i = 0; i < m->nbuckets; i++) {
		struct la_amap_node *n = m->buckets[i], *next;

		for (; n != NULL; n = next) {
			next = n->next;
			free(n);
		}
	}
	while (m->spare != NULL) {
		struct la_amap_node *next = m->spare->next;

		free(m->spare);
		m->spare = next;
	}
	free(m->buckets);
	memset(m, 0, sizeof(*m));
}

static int
item_less(const struct la_aheap_item *x, const struct la_aheap_item *y)
{
	return x->time < y->time || (x->time == y->time && x->seq < y->seq);
}

static void
swap_items(struct la_aheap_item *x, struct la_aheap_item *y)
{
	struct la_aheap_item t = *x;

	*x = *y;
	*y = t;
}

int
la_aheap_push(struct la_aheap *h, la_time time, uint64_t seq, void *ptr)
{
	size_t i;

	if (h->n == h->cap) {
		size_t cap = h->cap ? h->cap * 2 : 64;
		struct la_aheap_item *v = realloc(h->v, cap * sizeof(*v));

		if (v == NULL)
			return -1;
		h->v = v;
		h->cap = cap;
	}
	i = h->n++;
	h->v[i] = (struct la_aheap_item){ time, seq, ptr };
	while (i > 0 && item_less(&h->v[i], &h->v[(i - 1) / 2])) {
		swap_items(&h->v[i], &h->v[(i - 1) / 2]);
		i = (i - 1) / 2;
	}
	return 0;
}

const struct la_aheap_item *
la_aheap_top(const struct la_aheap *h)
{
	return h->n > 0 ? &h->v[0] : NULL;
}

void
la_aheap_pop(struct la_aheap *h)
{
	size_t i = 0;

	if (h->n == 0)
		return;
	h->v[0] = h->v[--h->n];
	for (;;) {
		size_t l = 2 * i + 1, r = l + 1, m = i;

		if (l < h->n && item_less(&h->v[l], &h->v[m]))
			m = l;
		if (r < h->n && item_less(&h->v[r], &h->v[m]))
			m = r;
		if (m == i)
			break;
		swap_items(&h->v[i], &h->v[m]);
		i = m;
	}
}

void
la_aheap_free(struct la_aheap *h)
{
	free(h->v);
	memset(h, 0, sizeof(*h));
}

void
la_rng_seed(struct la_rng *g, uint64_t seed)
{
	g->state = seed;
}

/* SplitMix64 (Steele, Lea and Flood, 2014), constants as published. */
uint64_t
la_rng_next(struct la_rng *g)
{
	uint64_t z = (g->state += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/*
 * Draws below the largest multiple of n that fits in 64 bits, so that
 * every remainder is equally likely.
 */
uint64_t
la_rng_below(struct la_rng *g, uint64_t n)
{
	uint64_t limit = UINT64_MAX - UINT64_MAX % n;
	uint64_t x;

	do
		x = la_rng_next(g);
	while (x >= limit);
	return x % n;
}

void
la_audit_format_number(double v, char *buf, size_t size)
{
	size_t n;

	snprintf(buf, size, "%.2f", round(v * 100) / 100);
	n = strlen(buf);
	while (n > 0 && buf[n - 1] == '0')
		buf[--n] = '\0';
	if (n > 0 && buf[n - 1] == '.')
		buf[--n] = '\0';
	if (strcmp(buf, "-0") == 0)
		snprintf(buf, size, "0");
}
