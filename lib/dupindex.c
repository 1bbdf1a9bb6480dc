/* SPDX-License-Identifier: MIT */
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "dupindex.h"

/*
 * Open addressing with linear probing over 16-byte slots. The table
 * doubles before it gets more than 3/4 full. A key's home slot is the top
 * bits of its 64-bit hash, so keys that share their low bits still spread.
 *
 * A slot's key word is 0 when the slot is empty. Otherwise its top 4 bits
 * give the kind of key, and the other 60 bits are
 * - for "id:" or "lic:", at most PACK_DIGITS digits and an optional final
 *   X: the digits in bijective base 10, where digit d counts as d + 1, so
 *   that "0123" and "123" differ. Eighteen nines give
 *   1,111,111,111,111,111,110, which is below 2^60.
 * - for any other key (KIND_TEXT): 20 bits of its hash, which spare most
 *   byte compares, over the 40-bit offset of its copy in the text arena.
 *
 * A slot's line word is the line of a key seen once while bit 63 is clear.
 * Otherwise the low 63 bits index the key's entry in the repeats array.
 * A key first seen on a negative line gets an entry at once, so every long
 * line number is kept whole.
 */
enum kind { KIND_EMPTY, KIND_TEXT, KIND_ID, KIND_ID_X, KIND_LIC, KIND_LIC_X };

#define KIND_SHIFT 60
#define PACK_DIGITS 18
#define FINGERPRINT_SHIFT 40
#define FINGERPRINT_MASK UINT64_C(0xfffff)
#define OFFSET_MASK ((UINT64_C(1) << FINGERPRINT_SHIFT) - 1)
#define REPEATED (UINT64_C(1) << 63)
#define FIRST_BITS 10		/* 1,024 slots */
#define FIRST_TEXT 4096
#define FIRST_REPEATS 64
#define EVERY_BYTE(b) (UINT64_C(0x0101010101010101) * (b))
#define FILTER_LOG 15		/* bits in the filter: 32,768 */
#define FILTER_WORDS ((1 << FILTER_LOG) / 64)

_Static_assert(sizeof(long) <= sizeof(uint64_t), "a line fits 64 bits");

struct slot {
	uint64_t key;
	uint64_t line;
};

/* Number of 64-bit words in the filter of moved keys (65,536 bits). */
#define MOVED_FILTER_WORDS 1024

/* The lists of bulk mode, by the top bits of the keys' hashes. */
#define BULK_BUCKET_BITS 8
#define BULK_BUCKETS (1 << BULK_BUCKET_BITS)

/* A packed key of bulk mode and the line it was seen on. */
struct bulk_pair {
	uint64_t key;
	uint64_t value;
};

struct bulk_bucket {
	struct bulk_pair *v;
	size_t n;
	size_t cap;
	size_t group_at;	/* group when full with this many or more */
};

struct group_slot;

struct la_dup_index {
	struct slot *slots;
	unsigned bits;		/* the table has 2^bits slots */
	size_t used;
	char *text;		/* each key that does not pack: size_t, bytes */
	size_t text_len;
	size_t text_cap;
	struct la_dup_entry *repeats;
	size_t nrepeats;
	size_t repeats_cap;
	/* Bulk mode (la_dup_bulk): keys that pack, as words and lines. */
	int bulk_on;
	struct bulk_bucket buckets[BULK_BUCKETS];
	size_t bulk_moved;	/* keys moved from the lists into the table */
	/* Filter of moved keys, one bit per hash, so most adds skip find(). */
	uint64_t moved_bits[MOVED_FILTER_WORDS];
	struct group_slot *group;	/* for grouping a list by key */
	size_t group_size;
	/*
	 * Once la_dup_prune() has run, a set bit for the filter_hash() of
	 * every key in the table. A key whose bit is clear is not in it, which
	 * la_dup_get() finds without packing the key.
	 */
	int filtered;
	uint64_t filter[FILTER_WORDS];
};

/* A key to look up: its key word (without the offset for text) and hash. */
struct query {
	const char *key;
	size_t len;
	int packed;
	uint64_t word;
	uint64_t hash;
};

static int add_bulk(struct la_dup_index *, const struct query *, long);
static void free_bulk(struct la_dup_index *);

/*
 * The finalizer of MurmurHash3 (public domain, Austin Appleby): each input
 * bit flips each output bit with probability close to 1/2, so digit keys
 * that differ only in a few places spread over the table's top bits.
 */
static uint64_t
mix(uint64_t x)
{
	x ^= x >> 33;
	x *= UINT64_C(0xff51afd7ed558ccd);
	x ^= x >> 33;
	x *= UINT64_C(0xc4ceb9fe1a85ec53);
	x ^= x >> 33;
	return x;
}

static uint64_t
hash_text(const char *key, size_t len)
{
	uint64_t h = UINT64_C(1469598103934665603);	/* FNV-1a */

	for (size_t i = 0; i < len; i++) {
		h ^= (unsigned char)key[i];
		h *= UINT64_C(1099511628211);
	}
	return mix(h);
}

/*
 * Reads the 8 bytes at p as the digits of a number and stores it in *value.
 * Returns 0 if a byte is not an ASCII digit. The 8 digits sit in one 64-bit
 * word, first digit lowest, and three multiplications join them into pairs,
 * fours and eights. simdjson's parse_eight_digits_unrolled does the same and
 * credits Johnny Lee's "Fast numeric string to int".
 */
static int
eight_digits(const char *p, uint64_t *value)
{
	const unsigned char *u = (const unsigned char *)p;
	uint64_t x = (uint64_t)u[0] | (uint64_t)u[1] << 8 |
	    (uint64_t)u[2] << 16 | (uint64_t)u[3] << 24 |
	    (uint64_t)u[4] << 32 | (uint64_t)u[5] << 40 |
	    (uint64_t)u[6] << 48 | (uint64_t)u[7] << 56;

	/*
	 * A byte is a digit, 0x30 to 0x39, if its high nibble is 3 before and
	 * after adding 6. No addition carries into the next byte once every
	 * high nibble is 3.
	 */
	if ((x & EVERY_BYTE(0xf0)) != EVERY_BYTE(0x30) ||
	    ((x + EVERY_BYTE(0x06)) & EVERY_BYTE(0xf0)) != EVERY_BYTE(0x30))
		return 0;
	x = (x & EVERY_BYTE(0x0f)) * (10 << 8 | 1) >> 8;
	x = (x & UINT64_C(0x00ff00ff00ff00ff)) * (100 << 16 | 1) >> 16;
	*value = (x & UINT64_C(0x0000ffff0000ffff)) *
	    (UINT64_C(10000) << 32 | 1) >> 32;
	return 1;
}

/*
 * Packs key into *word if it has a packed kind's shape, and returns 1 if
 * so. The bijective value of a string ab is that of a times 10^length(b),
 * plus that of b. Eight digits have their number plus 11,111,111 as value.
 */
static int
pack_key(const char *key, size_t len, uint64_t *word)
{
	uint64_t kind, digits = 0, eight;
	size_t i;

	if (len >= 3 && memcmp(key, "id:", 3) == 0) {
		kind = KIND_ID;
		i = 3;
	} else if (len >= 4 && memcmp(key, "lic:", 4) == 0) {
		kind = KIND_LIC;
		i = 4;
	} else {
		return 0;
	}
	if (len > i && key[len - 1] == 'X') {
		kind++;		/* KIND_ID_X or KIND_LIC_X */
		len--;
	}
	if (len - i > PACK_DIGITS)
		return 0;
	for (; len - i >= 8; i += 8) {
		if (!eight_digits(key + i, &eight))
			return 0;
		digits = digits * 100000000 + eight + 11111111;
	}
	for (; i < len; i++) {
		unsigned digit = (unsigned char)key[i] - (unsigned)'0';

		if (digit > 9)
			return 0;
		digits = digits * 10 + digit + 1;
	}
	*word = kind << KIND_SHIFT | digits;
	return 1;
}

static void
make_query(struct query *q, const char *key, size_t len)
{
	q->key = key;
	q->len = len;
	q->packed = pack_key(key, len, &q->word);
	if (q->packed) {
		q->hash = mix(q->word);
	} else {
		q->hash = hash_text(key, len);
		q->word = (uint64_t)KIND_TEXT << KIND_SHIFT |
		    (q->hash & FINGERPRINT_MASK) << FINGERPRINT_SHIFT;
	}
}

static const char *
text_at(const struct la_dup_index *d, uint64_t key, size_t *len)
{
	const char *p = d->text + (key & OFFSET_MASK);

	memcpy(len, p, sizeof(*len));
	return p + sizeof(*len);
}

static uint64_t
load8(const char *p)
{
	uint64_t w;

	memcpy(&w, p, sizeof(w));
	return w;
}

/*
 * The filter's hash of the len bytes at key, made from the key's bytes as
 * given, so that a look-up need not pack the key first. Three words cover
 * every byte of a key of up to 24 bytes, such as "id:" and 18 digits. A
 * longer key shares its bit more often, which only costs a full look-up.
 */
static size_t
filter_hash(const char *key, size_t len)
{
	uint64_t h;

	if (len < 8)
		return (size_t)(hash_text(key, len) >> (64 - FILTER_LOG));
	h = (load8(key) ^ len) * UINT64_C(0x9e3779b97f4a7c15);
	h = (h ^ load8(key + (len - 8) / 2)) * UINT64_C(0xff51afd7ed558ccd);
	h = (h ^ load8(key + len - 8)) * UINT64_C(0xc4ceb9fe1a85ec53);
	return (size_t)(h >> (64 - FILTER_LOG));
}

static void
filter_set(struct la_dup_index *d, const char *key, size_t len)
{
	size_t bit = filter_hash(key, len);

	d->filter[bit / 64] |= UINT64_C(1) << (bit % 64);
}

static int
filter_may_have(const struct la_dup_index *d, const char *key, size_t len)
{
	size_t bit = filter_hash(key, len);

	return (d->filter[bit / 64] >> (bit % 64)) & 1;
}

/* Maximum number of bytes that unpack_key() writes: "lic:", 18 digits, X. */
#define UNPACKED_MAX (4 + PACK_DIGITS + 1)

/*
 * Writes the bytes of the packed key word to buf, which has UNPACKED_MAX
 * bytes, and returns their number. It undoes pack_key(): the value is
 * read in bijective base 10 from its last digit, which is the value less
 * 1, modulo 10.
 */
static size_t
unpack_key(uint64_t word, char *buf)
{
	unsigned kind = (unsigned)(word >> KIND_SHIFT);
	uint64_t value = word & ((UINT64_C(1) << KIND_SHIFT) - 1);
	const char *prefix = kind == KIND_ID || kind == KIND_ID_X ? "id:" :
	    "lic:";
	char digits[PACK_DIGITS];
	size_t n = 0, len = strlen(prefix);

	while (value > 0 && n < PACK_DIGITS) {
		digits[n++] = (char)('0' + (value - 1) % 10);
		value = (value - 1) / 10;
	}
	memcpy(buf, prefix, len);
	while (n > 0)
		buf[len++] = digits[--n];
	if (kind == KIND_ID_X || kind == KIND_LIC_X)
		buf[len++] = 'X';
	return len;
}

/* Sets the filter bit of the key in slot word. */
static void
filter_set_word(struct la_dup_index *d, uint64_t word)
{
	char buf[UNPACKED_MAX];
	const char *text;
	size_t len;

	if (word >> KIND_SHIFT == KIND_TEXT) {
		text = text_at(d, word, &len);
		filter_set(d, text, len);
		return;
	}
	len = unpack_key(word, buf);
	filter_set(d, buf, len);
}

/* Returns the hash of a key in the table, reading text keys from the arena. */
static uint64_t
hash_of(const struct la_dup_index *d, uint64_t key)
{
	const char *text;
	size_t len;

	if (key >> KIND_SHIFT != KIND_TEXT)
		return mix(key);
	text = text_at(d, key, &len);
	return hash_text(text, len);
}

static size_t
home_of(unsigned bits, uint64_t hash)
{
	return (size_t)(hash >> (64 - bits));
}

/* Finds the slot of q, or the empty slot where it would go. */
static struct slot *
find(const struct la_dup_index *d, const struct query *q)
{
	size_t mask = ((size_t)1 << d->bits) - 1;
	size_t i = home_of(d->bits, q->hash);
	struct slot *s;

	if (q->packed) {
		while ((s = &d->slots[i])->key != 0 && s->key != q->word)
			i = (i + 1) & mask;
		return s;
	}
	for (;; i = (i + 1) & mask) {
		const char *text;
		size_t len;

		s = &d->slots[i];
		if (s->key == 0)
			return s;
		if ((s->key & ~OFFSET_MASK) != q->word)
			continue;
		text = text_at(d, s->key, &len);
		if (len == q->len && memcmp(text, q->key, len) == 0)
			return s;
	}
}

struct la_dup_index *
la_dup_new(void)
{
	struct la_dup_index *d = calloc(1, sizeof(*d));

	if (d == NULL)
		return NULL;
	d->bits = FIRST_BITS;
	d->slots = calloc((size_t)1 << d->bits, sizeof(*d->slots));
	if (d->slots == NULL) {
		la_dup_free(d);
		return NULL;
	}
	return d;
}

void
la_dup_free(struct la_dup_index *d)
{
	if (d == NULL)
		return;
	free(d->slots);
	free(d->text);
	free(d->repeats);
	free_bulk(d);
	free(d);
}

static int
grow(struct la_dup_index *d)
{
	unsigned bits = d->bits + 1;
	size_t old = (size_t)1 << d->bits, mask;
	struct slot *slots;

	if (bits >= sizeof(size_t) * CHAR_BIT - 4 ||
	    (slots = calloc((size_t)1 << bits, sizeof(*slots))) == NULL)
		return -1;
	mask = ((size_t)1 << bits) - 1;
	for (size_t i = 0; i < old; i++) {
		struct slot *s = &d->slots[i];
		size_t j;

		if (s->key == 0)
			continue;
		j = home_of(bits, hash_of(d, s->key));
		while (slots[j].key != 0)
			j = (j + 1) & mask;
		slots[j] = *s;
	}
	free(d->slots);
	d->slots = slots;
	d->bits = bits;
	return 0;
}

/* Copies key to the end of the text arena and stores its offset in *off. */
static int
store_text(struct la_dup_index *d, const char *key, size_t len,
    uint64_t *off)
{
	size_t need = sizeof(len) + len;

	if (d->text_len > OFFSET_MASK || len > SIZE_MAX / 2 - sizeof(len) ||
	    d->text_len > SIZE_MAX / 2 - need)
		return -1;
	if (d->text_len + need > d->text_cap) {
		size_t cap = d->text_cap > 0 ? d->text_cap : FIRST_TEXT;
		char *text;

		while (cap < d->text_len + need)
			cap *= 2;
		if ((text = realloc(d->text, cap)) == NULL)
			return -1;
		d->text = text;
		d->text_cap = cap;
	}
	memcpy(d->text + d->text_len, &len, sizeof(len));
	memcpy(d->text + d->text_len + sizeof(len), key, len);
	*off = d->text_len;
	d->text_len += need;
	return 0;
}

/* Appends a zeroed entry to the repeats array and stores its index in *i. */
static int
new_repeat(struct la_dup_index *d, size_t *i)
{
	if (d->nrepeats == d->repeats_cap) {
		size_t cap = d->repeats_cap > 0 ? 2 * d->repeats_cap :
		    FIRST_REPEATS;
		struct la_dup_entry *r;

		if (cap > SIZE_MAX / sizeof(*r) ||
		    (r = realloc(d->repeats, cap * sizeof(*r))) == NULL)
			return -1;
		d->repeats = r;
		d->repeats_cap = cap;
	}
	memset(&d->repeats[d->nrepeats], 0, sizeof(*d->repeats));
	*i = d->nrepeats++;
	return 0;
}

static void
append_line(struct la_dup_entry *e, long line)
{
	if (e->count < LA_DUP_MAX_LINES)
		e->lines[e->count] = line;
	e->count++;
}

/* Makes the line word of a key first seen on line. */
static int
first_line(struct la_dup_index *d, long line, uint64_t *word)
{
	size_t i;

	if (line >= 0) {
		*word = (uint64_t)line;
		return 0;
	}
	if (new_repeat(d, &i) == -1)
		return -1;
	append_line(&d->repeats[i], line);
	*word = REPEATED | i;
	return 0;
}

/* Records line for the key of s, which was seen before. */
static int
next_line(struct la_dup_index *d, struct slot *s, long line)
{
	size_t i;

	if (s->line & REPEATED) {
		append_line(&d->repeats[s->line & ~REPEATED], line);
		return 0;
	}
	if (new_repeat(d, &i) == -1)
		return -1;
	append_line(&d->repeats[i], (long)s->line);
	append_line(&d->repeats[i], line);
	s->line = REPEATED | i;
	return 0;
}


/* Adds the key of q, whose bytes are key, as seen on line. */
static int
add_query(struct la_dup_index *d, const struct query *q, long line)
{
	struct slot *s;
	uint64_t word, off, line_word;

	if (d->bulk_on && q->packed)
		return add_bulk(d, q, line);
	s = find(d, q);
	if (s->key != 0)
		return next_line(d, s, line);
	if (4 * (d->used + 1) > 3 * ((size_t)1 << d->bits)) {
		if (grow(d) == -1)
			return -1;
		s = find(d, q);
	}
	word = q->word;
	if (!q->packed) {
		if (store_text(d, q->key, q->len, &off) == -1)
			return -1;
		word |= off;
	}
	if (first_line(d, line, &line_word) == -1)
		return -1;
	s->key = word;
	s->line = line_word;
	d->used++;
	if (d->filtered)
		filter_set(d, q->key, q->len);
	return 0;
}

int
la_dup_add(struct la_dup_index *d, const char *key, size_t len, long line)
{
	struct query q;

	make_query(&q, key, len);
	return add_query(d, &q, line);
}

void
la_dup_ready(struct la_dup_ready *r, const char *key, size_t len)
{
	struct query q;

	make_query(&q, key, len);
	r->word = q.word;
	r->hash = q.hash;
	r->packed = q.packed;
}

int
la_dup_add_ready(struct la_dup_index *d, const struct la_dup_ready *r,
    const char *key, size_t len, long line)
{
	struct query q;

	q.key = key;
	q.len = len;
	q.word = r->word;
	q.hash = r->hash;
	q.packed = r->packed;
	return add_query(d, &q, line);
}

int
la_dup_add_many(struct la_dup_index *d, const struct la_dup_key *keys,
    size_t n)
{
	struct query q[LA_DUP_BATCH];

	for (size_t from = 0; from < n; from += LA_DUP_BATCH) {
		size_t k = n - from < LA_DUP_BATCH ? n - from : LA_DUP_BATCH;

		for (size_t i = 0; i < k; i++) {
			make_query(&q[i], keys[from + i].key,
			    keys[from + i].len);
			__builtin_prefetch(&d->slots[home_of(d->bits,
			    q[i].hash)], 1);
		}
		for (size_t i = 0; i < k; i++)
			if (add_query(d, &q[i], keys[from + i].line) == -1)
				return -1;
	}
	return 0;
}

void
la_dup_bulk(struct la_dup_index *d)
{
	/* Keys that bulk mode adds have no bytes for the filter. */
	if (!d->filtered)
		d->bulk_on = 1;
}

/*
 * Bulk mode. Keys that pack go into one of BULK_BUCKETS lists by the top
 * bits of their hash, as (word, line) pairs, with no look-up. A list that
 * fills up is grouped by key in the processor's caches: the keys seen
 * twice or more move into the table, which then takes their later lines
 * too, and the keys seen once stay, in order. la_dup_prune() groups every
 * list and keeps only what moved.
 */

/* An entry of the grouping table: a key and where it was first seen. */
struct group_slot {
	uint64_t word;		/* 0: empty */
	size_t first;		/* index of its first pair in the list */
	size_t repeat;		/* its entry in repeats, or SIZE_MAX */
};

/* Makes the table slot of a key seen twice, on lines a and b. */
static int
move_key(struct la_dup_index *d, uint64_t word, long a, long b,
    size_t *repeat)
{
	struct query q;
	struct slot *s;
	size_t i;

	memset(&q, 0, sizeof(q));
	q.packed = 1;
	q.word = word;
	q.hash = mix(word);
	if (4 * (d->used + 1) > 3 * ((size_t)1 << d->bits) && grow(d) == -1)
		return -1;
	if (new_repeat(d, &i) == -1)
		return -1;
	append_line(&d->repeats[i], a);
	append_line(&d->repeats[i], b);
	s = find(d, &q);
	s->key = word;
	s->line = REPEATED | i;
	d->used++;
	d->bulk_moved++;
	d->moved_bits[(q.hash % (64 * MOVED_FILTER_WORDS)) / 64] |=
	    UINT64_C(1) << (q.hash % 64);
	*repeat = i;
	return 0;
}

/* Puts a key seen once, on line, into the table. */
static int
add_single(struct la_dup_index *d, uint64_t word, long line)
{
	struct query q;

	memset(&q, 0, sizeof(q));
	q.packed = 1;
	q.word = word;
	q.hash = mix(word);
	return add_query(d, &q, line);
}

/* Makes d->group big enough for the grouping of n pairs, and empty. */
static int
group_room(struct la_dup_index *d, size_t n)
{
	size_t size = 64;
	struct group_slot *g;

	while (size < 2 * n)
		size *= 2;
	if (size > d->group_size) {
		if ((g = malloc(size * sizeof(*g))) == NULL)
			return -1;
		free(d->group);
		d->group = g;
		d->group_size = size;
	}
	memset(d->group, 0, size * sizeof(*d->group));
	return 0;
}

/*
 * Groups list b by key: the keys seen twice or more move into the table,
 * with their lines in order. The keys seen once stay in b, in order, or
 * go into the table too when singles is set, or are dropped when drop
 * is set. Returns 0, or -1 on no memory.
 */
static int
group_bucket(struct la_dup_index *d, struct bulk_bucket *b, int singles,
    int drop)
{
	size_t mask, kept = 0;

	if (b->n == 0)
		return 0;
	if (group_room(d, b->n) != 0)
		return -1;
	mask = d->group_size - 1;
	for (size_t i = 0; i < b->n; i++) {
		const struct bulk_pair *p = &b->v[i];
		size_t h = (size_t)(mix(p->key) & mask);
		struct group_slot *g;

		while ((g = &d->group[h])->word != 0 && g->word != p->key)
			h = (h + 1) & mask;
		if (g->word == 0) {
			g->word = p->key;
			g->first = i;
			g->repeat = SIZE_MAX;
		} else if (g->repeat == SIZE_MAX) {
			if (move_key(d, p->key, (long)b->v[g->first].value,
			    (long)p->value, &g->repeat) != 0)
				return -1;
		} else {
			append_line(&d->repeats[g->repeat], (long)p->value);
		}
	}
	/* Pruning drops the keys seen once, so the list ends empty. */
	if (drop) {
		b->n = 0;
		return 0;
	}
	for (size_t i = 0; i < b->n; i++) {
		const struct bulk_pair *p = &b->v[i];
		size_t h = (size_t)(mix(p->key) & mask);

		while (d->group[h].word != p->key)
			h = (h + 1) & mask;
		if (d->group[h].repeat != SIZE_MAX)
			continue;
		if (singles) {
			if (add_single(d, p->key, (long)p->value) != 0)
				return -1;
		} else {
			b->v[kept++] = *p;
		}
	}
	b->n = kept;
	return 0;
}

/*
 * Makes room in list b. A full list is grouped first, and it doubles only
 * when that leaves it more than half full, so that a key that comes again
 * and again takes one entry, not one a line.
 */
static int
bucket_room(struct la_dup_index *d, struct bulk_bucket *b)
{
	size_t cap = b->cap > 0 ? 2 * b->cap : 256;
	struct bulk_pair *v;

	if (b->n < b->cap)
		return 0;
	if (b->n > 0 && b->n >= b->group_at) {
		if (group_bucket(d, b, 0, 0) != 0)
			return -1;
		if (b->n <= b->cap / 2)
			return 0;
		/*
		 * Grouping found few repeats, so the next grouping is skipped.
		 * A key that recurs is still grouped at the one after.
		 */
		b->group_at = 4 * b->cap;
	}
	if (cap > SIZE_MAX / sizeof(*v) ||
	    (v = realloc(b->v, cap * sizeof(*v))) == NULL)
		return -1;
	b->v = v;
	b->cap = cap;
	return 0;
}

/* Keeps a packed key of bulk mode in its list. */
static int
add_bulk(struct la_dup_index *d, const struct query *q, long line)
{
	struct bulk_bucket *b = &d->buckets[q->hash >> (64 - BULK_BUCKET_BITS)];
	struct slot *s;

	/* Making room may move this very key into the table. */
	if (bucket_room(d, b) != 0)
		return -1;
	/* A key moved into the table takes its next lines there. */
	if (d->bulk_moved > 0 && (d->moved_bits[(q->hash % (64 *
	    MOVED_FILTER_WORDS)) / 64] >> (q->hash % 64) & 1) &&
	    (s = find(d, q))->key != 0)
		return next_line(d, s, line);
	b->v[b->n].key = q->word;
	b->v[b->n].value = (uint64_t)line;
	b->n++;
	return 0;
}

/* Frees the lists of bulk mode and ends it. */
static void
free_bulk(struct la_dup_index *d)
{
	for (size_t i = 0; i < BULK_BUCKETS; i++) {
		free(d->buckets[i].v);
		d->buckets[i].v = NULL;
		d->buckets[i].n = d->buckets[i].cap = 0;
	}
	free(d->group);
	d->group = NULL;
	d->group_size = 0;
	d->bulk_on = 0;
}

/*
 * Ends bulk mode: groups every list, and puts the keys seen once into the
 * table when singles is set, else drops them.
 */
static int
end_bulk(struct la_dup_index *d, int singles)
{
	/* The keys seen once go into the table, not back into a list. */
	d->bulk_on = 0;
	for (size_t i = 0; i < BULK_BUCKETS; i++)
		if (group_bucket(d, &d->buckets[i], singles, !singles) != 0)
			return -1;
	free_bulk(d);
	return 0;
}

int
la_dup_end_bulk(struct la_dup_index *d)
{
	return d->bulk_on ? end_bulk(d, 1) : 0;
}

int
la_dup_prune(struct la_dup_index *d)
{
	unsigned bits = FIRST_BITS;
	size_t old, mask, kept = 0;
	struct slot *slots;

	if (d->bulk_on && end_bulk(d, 0) != 0)
		return -1;
	old = (size_t)1 << d->bits;

	/* Keys seen twice or more all have entries in repeats. */
	while (4 * d->nrepeats > 3 * ((size_t)1 << bits))
		bits++;
	if ((slots = calloc((size_t)1 << bits, sizeof(*slots))) == NULL)
		return -1;
	mask = ((size_t)1 << bits) - 1;
	for (size_t i = 0; i < old; i++) {
		struct slot *s = &d->slots[i];
		size_t j;

		if (s->key == 0 || !(s->line & REPEATED) ||
		    d->repeats[s->line & ~REPEATED].count < 2)
			continue;
		j = home_of(bits, hash_of(d, s->key));
		while (slots[j].key != 0)
			j = (j + 1) & mask;
		slots[j] = *s;
		kept++;
	}
	free(d->slots);
	d->slots = slots;
	d->bits = bits;
	d->used = kept;
	memset(d->filter, 0, sizeof(d->filter));
	for (size_t i = 0; i < ((size_t)1 << bits); i++)
		if (slots[i].key != 0)
			filter_set_word(d, slots[i].key);
	d->filtered = 1;
	return 0;
}

const struct la_dup_entry *
la_dup_get(const struct la_dup_index *d, const char *key, size_t len,
    struct la_dup_entry *once)
{
	struct query q;
	const struct slot *s;

	/* After pruning, most keys are not in the table. */
	if (d->filtered && !filter_may_have(d, key, len))
		return NULL;
	make_query(&q, key, len);
	s = find(d, &q);
	if (s->key == 0)
		return NULL;
	if (s->line & REPEATED)
		return &d->repeats[s->line & ~REPEATED];
	memset(once, 0, sizeof(*once));
	once->count = 1;
	once->lines[0] = (long)s->line;
	return once;
}

void
la_dup_stats(const struct la_dup_index *d, struct la_dup_stats *st)
{
	size_t slots = (size_t)1 << d->bits;

	memset(st, 0, sizeof(*st));
	st->keys = d->used;
	st->slots = slots;
	st->repeated = d->nrepeats;
	st->text_bytes = d->text_len;
	st->bytes = sizeof(*d) + slots * sizeof(*d->slots) + d->text_cap +
	    d->repeats_cap * sizeof(*d->repeats);
	for (size_t i = 0; i < slots; i++) {
		size_t probe;

		if (d->slots[i].key == 0)
			continue;
		probe = (i - home_of(d->bits, hash_of(d, d->slots[i].key))) &
		    (slots - 1);
		if (probe > st->max_probe)
			st->max_probe = probe;
	}
}
