/* SPDX-License-Identifier: MIT */
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "dupindex.h"

static int
setup(void **state)
{
	*state = la_dup_new();
	return *state == NULL ? -1 : 0;
}

static int
teardown(void **state)
{
	la_dup_free(*state);
	return 0;
}

static void
add(struct la_dup_index *d, const char *key, long line)
{
	assert_int_equal(la_dup_add(d, key, strlen(key), line), 0);
}

/* The entry of a key seen once is built here; tests read it at once. */
static struct la_dup_entry once;

static const struct la_dup_entry *
get(const struct la_dup_index *d, const char *key)
{
	return la_dup_get(d, key, strlen(key), &once);
}

/* Asserts that key was seen count times, first on line first. */
static void
assert_seen(const struct la_dup_index *d, const char *key, long count,
    long first)
{
	const struct la_dup_entry *e = get(d, key);

	if (e == NULL)
		fail_msg("\"%s\" not found", key);
	assert_int_equal(e->count, count);
	assert_int_equal(e->lines[0], first);
}

static void
dup_key_never_added(void **state)
{
	struct la_dup_index *d = *state;

	assert_null(get(d, "id:110101199003071234"));
	add(d, "id:123", 1);
	add(d, "unit:示例律师事务所", 2);
	assert_null(get(d, "id:12"));
	assert_null(get(d, "id:1234"));
	assert_null(get(d, "id:123X"));
	assert_null(get(d, "lic:123"));
	assert_null(get(d, "unit:示例律师事务"));
	assert_null(get(d, ""));
}

static void
dup_key_seen_once(void **state)
{
	struct la_dup_index *d = *state;

	add(d, "id:110101199003071234", 7);
	assert_seen(d, "id:110101199003071234", 1, 7);
}

static void
dup_key_seen_twice(void **state)
{
	struct la_dup_index *d = *state;
	const struct la_dup_entry *e;

	add(d, "lic:15002201410000001", 3);
	add(d, "lic:15002201410000001", 9);
	e = get(d, "lic:15002201410000001");
	assert_non_null(e);
	assert_int_equal(e->count, 2);
	assert_int_equal(e->lines[0], 3);
	assert_int_equal(e->lines[1], 9);
}

/* Lines 10, 20, ..., 70: the count stays exact, the first four are kept. */
static void
dup_key_past_max_lines(void **state)
{
	struct la_dup_index *d = *state;
	const struct la_dup_entry *e;

	assert_int_equal(LA_DUP_MAX_LINES, 4);
	for (long line = 10; line <= 70; line += 10)
		add(d, "id:11010119900307123X", line);
	e = get(d, "id:11010119900307123X");
	assert_non_null(e);
	assert_int_equal(e->count, 7);
	assert_int_equal(e->lines[0], 10);
	assert_int_equal(e->lines[1], 20);
	assert_int_equal(e->lines[2], 30);
	assert_int_equal(e->lines[3], 40);
}

/*
 * Adds key number i (from 0) i + 1 times, first on line 100 * (i + 1), so
 * that two keys wrongly taken as one show a wrong count.
 */
static void
add_distinct(struct la_dup_index *d, const char *const *keys)
{
	for (long i = 0; keys[i] != NULL; i++)
		for (long n = 0; n <= i; n++)
			add(d, keys[i], 100 * (i + 1) + n);
}

static void
assert_distinct(const struct la_dup_index *d, const char *const *keys)
{
	for (long i = 0; keys[i] != NULL; i++)
		assert_seen(d, keys[i], i + 1, 100 * (i + 1));
}

static void
dup_prefix_and_zeros(void **state)
{
	static const char *const keys[] = {
		"id:123", "lic:123", "id:0123", "id:00123", "lic:0123",
		"id:0", "id:00", "id:", "lic:", "lic:0", "123", "id123",
		"ID:123", "id:123 ", "id:12345678", "id:87654321",
		"id:012345678", "id:1234567887654321", "id:8765432112345678",
		"id:0000000012345678", "id:1234567800000000", NULL
	};

	add_distinct(*state, keys);
	assert_distinct(*state, keys);
}

/*
 * Eighteen digits are the most that pack into one 64-bit word, so 19 and 20
 * digits are stored as text. Neither form may match the other.
 */
static void
dup_long_digit_keys(void **state)
{
	static const char *const keys[] = {
		"id:123456789012345678", "id:1234567890123456789",
		"id:12345678901234567890", "id:999999999999999999",
		"id:9999999999999999999", "id:99999999999999999999",
		"id:000000000000000000", "id:0000000000000000000",
		"lic:123456789012345678", "lic:1234567890123456789",
		"lic:12345678901234567890", NULL
	};

	add_distinct(*state, keys);
	assert_distinct(*state, keys);
}

static void
dup_keys_with_x(void **state)
{
	static const char *const keys[] = {
		"id:12345678901234567X", "id:123456789012345678",
		"id:12345678901234567", "id:123456789012345678X",
		"id:1234567890123456789X", "id:X", "id:XX", "id:0X", "id:X0",
		"id:x", "lic:X", "lic:1X", "id:1X", "X", NULL
	};

	add_distinct(*state, keys);
	assert_distinct(*state, keys);
}

/* Keys that are not ID or licence numbers, such as la-rank's units. */
static void
dup_text_keys(void **state)
{
	struct la_dup_index *d = *state;
	char big[501], other[501];

	memset(big, 'a', 500);
	big[500] = '\0';
	memcpy(other, big, sizeof(big));
	other[499] = 'b';
	add(d, "示例律师事务所", 1);
	add(d, "示例律师事务所", 2);
	add(d, big, 3);
	add(d, other, 4);
	add(d, "", 5);
	assert_int_equal(la_dup_add(d, "a\0b", 3, 6), 0);
	assert_int_equal(la_dup_add(d, "a\0c", 3, 7), 0);
	assert_seen(d, "示例律师事务所", 2, 1);
	assert_seen(d, big, 1, 3);
	assert_seen(d, other, 1, 4);
	assert_seen(d, "", 1, 5);
	assert_int_equal(la_dup_get(d, "a\0b", 3, &once)->lines[0], 6);
	assert_int_equal(la_dup_get(d, "a\0c", 3, &once)->lines[0], 7);
	assert_null(la_dup_get(d, "a", 1, &once));
}

/* Line numbers keep all their bits, including past 2^32. */
static void
dup_large_lines(void **state)
{
	struct la_dup_index *d = *state;
	const struct la_dup_entry *e;

#if LONG_MAX > 0xffffffffL
	add(d, "id:1", 4294967296L + 5);
	assert_seen(d, "id:1", 1, 4294967301L);
#endif
	add(d, "id:2", LONG_MAX);
	assert_seen(d, "id:2", 1, LONG_MAX);
	add(d, "id:2", LONG_MAX - 1);
	e = get(d, "id:2");
	assert_non_null(e);
	assert_int_equal(e->count, 2);
	assert_int_equal(e->lines[1], LONG_MAX - 1);
	add(d, "id:3", 0);
	assert_seen(d, "id:3", 1, 0);
	add(d, "id:4", -1);
	assert_seen(d, "id:4", 1, -1);
	add(d, "id:5", LONG_MIN);
	assert_seen(d, "id:5", 1, LONG_MIN);
}

/*
 * Writes key number i: an ID number, a licence number or a text key in
 * turn, all different.
 */
static void
key_of(char *buf, size_t size, long i)
{
	switch (i % 3) {
	case 0:
		snprintf(buf, size, "id:500110%09ld", i);
		break;
	case 1:
		snprintf(buf, size, "lic:15002%012ld", i);
		break;
	default:
		snprintf(buf, size, "unit:%ld", i);
		break;
	}
}

/*
 * Adds 100,000 keys, which takes many resizes, and the first 1,000 of them
 * again. Then every key must be found with its lines, and none that was
 * never added.
 */
static void
dup_growth(void **state)
{
	struct la_dup_index *d = *state;
	char key[64];

	for (long i = 0; i < 100000; i++) {
		key_of(key, sizeof(key), i);
		add(d, key, i + 1);
	}
	for (long i = 0; i < 1000; i++) {
		key_of(key, sizeof(key), i);
		add(d, key, i + 200001);
	}
	for (long i = 0; i < 100000; i++) {
		const struct la_dup_entry *e;

		key_of(key, sizeof(key), i);
		e = get(d, key);
		if (e == NULL)
			fail_msg("\"%s\" not found", key);
		assert_int_equal(e->count, i < 1000 ? 2 : 1);
		assert_int_equal(e->lines[0], i + 1);
		if (i < 1000)
			assert_int_equal(e->lines[1], i + 200001);
	}
	for (long i = 100000; i < 100300; i++) {
		key_of(key, sizeof(key), i);
		assert_null(get(d, key));
	}
}

static size_t
text_bytes_after(struct la_dup_index *d, const char *key)
{
	struct la_dup_stats st;

	add(d, key, 1);
	la_dup_stats(d, &st);
	return st.text_bytes;
}

/*
 * Keys of the packed shape take no text bytes. Any other key takes its
 * length plus a size_t.
 */
static void
dup_packed_shapes(void **state)
{
	static const char *const packed[] = {
		"id:1", "id:", "id:X", "lic:", "lic:123", "lic:7X",
		"id:123456789012345678", "id:123456789012345678X",
		"lic:000000000000000000", NULL
	};
	static const char *const text[] = {
		"id:1234567890123456789", "id:12a", "unit:1", "id:1x", "ID:1",
		"id:X1", "id:XX", "lic:1 ", "i", "", "id:1234567:",
		"id:/2345678", "id:12345678123456\xef\xbc\x91",
		"id:1234567\xff" "12345678", NULL
	};
	struct la_dup_index *d = *state;
	size_t used = 0;

	for (size_t i = 0; packed[i] != NULL; i++)
		assert_int_equal(text_bytes_after(d, packed[i]), 0);
	for (size_t i = 0; text[i] != NULL; i++) {
		used += sizeof(size_t) + strlen(text[i]);
		assert_int_equal(text_bytes_after(d, text[i]), used);
	}
}

/*
 * Three keys, one of them seen twice and one first seen on a negative
 * line: two keys need an entry of their own. The table starts at 1,024
 * slots and doubles whenever it would pass 3/4 full, so 100,000 keys take
 * 262,144 slots (131,072 hold at most 98,304).
 */
static void
dup_stats_counts(void **state)
{
	struct la_dup_index *d = *state;
	struct la_dup_stats st;
	char key[64];

	add(d, "id:1", 1);
	add(d, "id:1", 2);
	add(d, "lic:2", 3);
	add(d, "unit:3", -4);
	la_dup_stats(d, &st);
	assert_int_equal(st.keys, 3);
	assert_int_equal(st.repeated, 2);
	assert_int_equal(st.slots, 1024);
	assert_int_equal(st.text_bytes, sizeof(size_t) + 6);
	assert_true(st.bytes >= 1024 * 16);
	for (long i = 0; i < 100000 - 3; i++) {
		key_of(key, sizeof(key), i);
		add(d, key, i + 1);
	}
	la_dup_stats(d, &st);
	assert_int_equal(st.keys, 100000);
	assert_int_equal(st.slots, 262144);
	assert_true(st.bytes >= 262144 * 16);
}

/* Adds 65,536 keys: prefix, i * step in width digits, suffix. */
static size_t
max_probe_of(const char *prefix, int width, long long step,
    const char *suffix)
{
	struct la_dup_index *d = la_dup_new();
	struct la_dup_stats st;
	char key[64];

	assert_non_null(d);
	for (long long i = 0; i < 65536; i++) {
		snprintf(key, sizeof(key), "%s%0*lld%s", prefix, width,
		    i * step, suffix);
		add(d, key, 1);
	}
	la_dup_stats(d, &st);
	assert_int_equal(st.keys, 65536);
	la_dup_free(d);
	return st.max_probe;
}

/*
 * Keys whose numbers share their low 20 bits, or differ only in their
 * first digits, still spread over the table. If they all fell into one
 * cluster the longest probe would pass 65,000; a well-mixed hash keeps it
 * to a few dozen slots at this load.
 */
static void
dup_low_bits_collide(void **state)
{
	(void)state;
	assert_true(max_probe_of("id:", 18, 1LL << 20, "") < 100);
	assert_true(max_probe_of("lic:", 17, 1LL << 20, "") < 100);
	assert_true(max_probe_of("id:", 18, 1000000000000LL, "") < 100);
	assert_true(max_probe_of("id:", 17, 1LL << 20, "X") < 100);
	assert_true(max_probe_of("unit:", 0, 1LL << 20, "") < 100);
}

/* Adds 3,000 keys, the ones below 100 on two lines, through add_many. */
static void
add_in_batches(struct la_dup_index *d)
{
	static char text[3100][24];
	struct la_dup_key keys[3100];
	size_t n = 0;

	for (int i = 0; i < 3000; i++) {
		snprintf(text[n], sizeof(text[n]), "id:%018d", i);
		keys[n] = (struct la_dup_key){ text[n], strlen(text[n]),
		    i + 2 };
		n++;
		if (i < 100) {
			snprintf(text[n], sizeof(text[n]), "id:%018d", i);
			keys[n] = (struct la_dup_key){ text[n],
			    strlen(text[n]), 5000 + i };
			n++;
		}
	}
	assert_int_equal(la_dup_add_many(d, keys, n), 0);
}

static void
dup_add_many_in_order(void **state)
{
	struct la_dup_index *d = *state;
	const struct la_dup_entry *e;
	struct la_dup_stats st;

	add_in_batches(d);
	la_dup_stats(d, &st);
	assert_int_equal(st.keys, 3000);
	assert_int_equal(st.repeated, 100);
	/* Key 7 came on line 9, then again on line 5007. */
	e = get(d, "id:000000000000000007");
	assert_non_null(e);
	assert_int_equal(e->count, 2);
	assert_int_equal(e->lines[0], 9);
	assert_int_equal(e->lines[1], 5007);
	assert_seen(d, "id:000000000000002999", 1, 3001);
}

static void
dup_prune_keeps_repeats(void **state)
{
	struct la_dup_index *d = *state;
	struct la_dup_stats st;

	add_in_batches(d);
	add(d, "unit:甲", 1);
	add(d, "unit:甲", 2);
	add(d, "unit:乙", 3);
	assert_int_equal(la_dup_prune(d), 0);
	la_dup_stats(d, &st);
	assert_int_equal(st.keys, 101);
	/* 101 keys fit the smallest table, 1,024 slots, under 3/4 full. */
	assert_int_equal(st.slots, 1024);
	assert_seen(d, "id:000000000000000099", 2, 101);
	assert_seen(d, "unit:甲", 2, 1);
	assert_null(get(d, "id:000000000000000100"));
	assert_null(get(d, "unit:乙"));
	/* Keys can be added again afterwards. */
	add(d, "unit:乙", 4);
	assert_seen(d, "unit:乙", 1, 4);
}

/*
 * Pruning fills the filter of la_dup_get() from the keys it keeps, which
 * it must unpack. A key of each shape, seen twice, is still found, among
 * 1,000 keys seen once; so is a key added after pruning.
 */
static void
dup_prune_finds_every_shape(void **state)
{
	static const char *const keys[] = {
		"id:1", "id:", "id:X", "id:0123", "id:123", "lic:", "lic:123",
		"lic:7X", "id:123456789012345678", "id:123456789012345678X",
		"id:100000000000000000", "lic:000000000000000000",
		"id:12a", "unit:甲", "i", "", "unit:a much longer key than 24",
		NULL
	};
	struct la_dup_index *d = *state;
	char key[32];

	for (size_t i = 0; keys[i] != NULL; i++) {
		add(d, keys[i], (long)i + 1);
		add(d, keys[i], (long)i + 100);
	}
	for (int i = 0; i < 1000; i++) {
		snprintf(key, sizeof(key), "id:5001101960%08d", i);
		add(d, key, 1000 + i);
	}
	assert_int_equal(la_dup_prune(d), 0);
	for (size_t i = 0; keys[i] != NULL; i++)
		assert_seen(d, keys[i], 2, (long)i + 1);
	assert_null(get(d, "id:500110196000000007"));
	assert_null(get(d, "id:12"));
	assert_null(get(d, "lic:7"));
	add(d, "id:500110196000000007", 5);
	add(d, "lic:42X", 6);
	add(d, "unit:乙", 7);
	assert_seen(d, "id:500110196000000007", 1, 5);
	assert_seen(d, "lic:42X", 1, 6);
	assert_seen(d, "unit:乙", 1, 7);
}

/* Each caller's storage keeps its own result, as threads need. */
static void
dup_get_fills_caller_storage(void **state)
{
	struct la_dup_index *d = *state;
	struct la_dup_entry first, second;
	const struct la_dup_entry *a, *b;

	add(d, "id:1", 10);
	add(d, "id:2", 20);
	a = la_dup_get(d, "id:1", 4, &first);
	b = la_dup_get(d, "id:2", 4, &second);
	assert_ptr_equal(a, &first);
	assert_ptr_equal(b, &second);
	assert_int_equal(a->count, 1);
	assert_int_equal(a->lines[0], 10);
	assert_int_equal(b->lines[0], 20);
}

/* A key of a random kind, with a number below spread, from seed. */
static void
random_key(unsigned *seed, unsigned spread, char *out, size_t size)
{
	unsigned kind = (unsigned)rand_r(seed) % 6;
	unsigned r = (unsigned)rand_r(seed) % spread;

	switch (kind) {
	case 0:
		snprintf(out, size, "id:%018u", r);
		break;
	case 1:
		snprintf(out, size, "id:%017uX", r);
		break;
	case 2:
		snprintf(out, size, "lic:%017u", r);
		break;
	case 3:
		/* Too many digits to pack: a text key. */
		snprintf(out, size, "id:%025u", r);
		break;
	case 4:
		snprintf(out, size, "unit:甲%u", r);
		break;
	default:
		snprintf(out, size, "lic:%u", r);
		break;
	}
}

/* Asserts that a and b give the same entry, or both none, for key. */
static void
assert_same_entry(const struct la_dup_index *a, const struct la_dup_index *b,
    const char *key)
{
	struct la_dup_entry once_a, once_b;
	const struct la_dup_entry *ea = la_dup_get(a, key, strlen(key),
	    &once_a);
	const struct la_dup_entry *eb = la_dup_get(b, key, strlen(key),
	    &once_b);

	if (ea == NULL || eb == NULL) {
		if (ea != eb)
			fail_msg("%s: found in one index only", key);
		return;
	}
	assert_int_equal(ea->count, eb->count);
	for (long i = 0; i < ea->count && i < LA_DUP_MAX_LINES; i++)
		assert_int_equal(ea->lines[i], eb->lines[i]);
}

/*
 * Asserts that bulk mode ends, once pruned, with the index that adding
 * one key at a time and pruning gives, for n keys drawn from random_key()
 * with values below spread, on lines that do not rise in order.
 */
static void
assert_bulk_matches(long n, unsigned spread)
{
	struct la_dup_index *table = la_dup_new(), *bulk = la_dup_new();
	struct la_dup_stats st_table, st_bulk;
	unsigned seed = 11;
	char key[64];

	assert_non_null(table);
	assert_non_null(bulk);
	la_dup_bulk(bulk);
	for (long line = 0; line < n; line++) {
		long where = line % 3 == 0 ? 2 * n - line : line;

		random_key(&seed, spread, key, sizeof(key));
		add(table, key, where);
		add(bulk, key, where);
	}
	assert_int_equal(la_dup_prune(table), 0);
	assert_int_equal(la_dup_prune(bulk), 0);
	la_dup_stats(table, &st_table);
	la_dup_stats(bulk, &st_bulk);
	assert_int_equal(st_bulk.keys, st_table.keys);
	seed = 11;
	for (long i = 0; i < n; i++) {
		random_key(&seed, spread, key, sizeof(key));
		assert_same_entry(table, bulk, key);
	}
	assert_same_entry(table, bulk, "id:000000000000000000");
	la_dup_free(table);
	la_dup_free(bulk);
}

/*
 * Adds 20,000 keys of every kind, many seen more than four times. Then it
 * adds 150,000 keys of a few dozen people, so that the lists fill up, are
 * grouped, and the table takes the later lines of the keys that moved.
 */
static void
bulk_matches_table(void **state)
{
	(void)state;
	assert_bulk_matches(20000, 700);
	assert_bulk_matches(150000, 40);
}

/*
 * In bulk mode, packed keys wait for la_dup_prune(); text keys go into
 * the table at once. Keys added after the prune are found again.
 */
static void
bulk_until_prune(void **state)
{
	struct la_dup_index *d = *state;
	const struct la_dup_entry *e;

	la_dup_bulk(d);
	add(d, "id:1", 7);
	add(d, "id:1", 3);
	add(d, "id:2", 9);
	add(d, "unit:甲", 1);
	add(d, "unit:甲", 2);
	assert_null(get(d, "id:1"));
	assert_seen(d, "unit:甲", 2, 1);
	assert_int_equal(la_dup_prune(d), 0);
	/* The lines in the order they came, not sorted. */
	assert_non_null(e = la_dup_get(d, "id:1", 4, &once));
	assert_int_equal(e->count, 2);
	assert_int_equal(e->lines[0], 7);
	assert_int_equal(e->lines[1], 3);
	assert_null(get(d, "id:2"));
	assert_seen(d, "unit:甲", 2, 1);
	add(d, "id:2", 10);
	assert_seen(d, "id:2", 1, 10);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(dup_key_never_added, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(dup_key_seen_once, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(dup_key_seen_twice, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(dup_key_past_max_lines, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(dup_prefix_and_zeros, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(dup_long_digit_keys, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(dup_keys_with_x, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(dup_text_keys, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(dup_large_lines, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(dup_growth, setup, teardown),
		cmocka_unit_test_setup_teardown(dup_packed_shapes, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(dup_stats_counts, setup,
		    teardown),
		cmocka_unit_test(dup_low_bits_collide),
		cmocka_unit_test_setup_teardown(dup_add_many_in_order, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(dup_get_fills_caller_storage,
		    setup, teardown),
		cmocka_unit_test(bulk_matches_table),
		cmocka_unit_test_setup_teardown(bulk_until_prune, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(dup_prune_keeps_repeats, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(dup_prune_finds_every_shape,
		    setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
