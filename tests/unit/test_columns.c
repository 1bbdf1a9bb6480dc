/* SPDX-License-Identifier: MIT */
/* The union of the columns of several inputs (struct la_column_union). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "catalogue.h"
#include "columns.h"
#include "record.h"

static void
assert_columns(const struct la_column_union *u, const char *const *names,
    size_t n)
{
	assert_int_equal(u->n, n);
	for (size_t i = 0; i < n; i++)
		assert_string_equal(u->names[i], names[i]);
}

static void
add_header(struct la_column_union *u, const char *const *names, size_t n)
{
	int ids[16];

	assert_true(n <= 16);
	for (size_t i = 0; i < n; i++)
		ids[i] = la_field_lookup(names[i], strlen(names[i]));
	assert_int_equal(la_column_union_add(u, names, ids, n), 0);
}

/* The first input's order, then new columns where they first appear. */
static void
union_order_of_first_sight(void **state)
{
	static const char *const a[] = { "姓名", "联系电话" };
	static const char *const b[] = { "姓名", "执业单位", "联系电话", "备注" };
	static const char *const c[] = { "籍贯", "备注" };
	static const char *const want[] = {
		"姓名", "联系电话", "执业单位", "备注", "籍贯"
	};
	struct la_column_union u = { 0 };

	(void)state;
	add_header(&u, a, 2);
	add_header(&u, b, 4);
	add_header(&u, c, 2);
	assert_columns(&u, want, 5);
	la_column_union_free(&u);
}

/* Two aliases of one field in two inputs share the first one's column. */
static void
union_aliases_share(void **state)
{
	static const char *const a[] = { "姓名", "公民身份号码" };
	static const char *const b[] = { "身份证号", "姓名" };
	static const char *const want[] = { "姓名", "公民身份号码" };
	struct la_column_union u = { 0 };

	(void)state;
	add_header(&u, a, 2);
	add_header(&u, b, 2);
	assert_columns(&u, want, 2);
	assert_int_equal(u.ids[1], LA_F_ID_NUMBER);
	la_column_union_free(&u);
}

/*
 * Within one record, a field named as a column keeps it, so another
 * alias of the same field, as in a JSON record with both keys, gets a
 * column of its own, and so do both of a later record.
 */
static void
union_alias_in_same_record(void **state)
{
	static const char *const a[] = { "身份证号" };
	static const char *const b[] = { "公民身份号码", "身份证号" };
	static const char *const want[] = { "身份证号", "公民身份号码" };
	struct la_column_union u = { 0 };

	(void)state;
	add_header(&u, a, 1);
	add_header(&u, b, 2);
	assert_columns(&u, want, 2);
	add_header(&u, b, 2);
	assert_columns(&u, want, 2);
	la_column_union_free(&u);
}

/* Records: keys in another order add nothing; a new key is appended. */
static void
union_records(void **state)
{
	static const char *const want[] = { "姓名", "联系电话", "备注" };
	struct la_column_union u = { 0 };
	struct la_record r;

	(void)state;
	la_record_init(&r);
	assert_non_null(la_record_append(&r, "姓名", LA_F_NAME, "a", 1,
	    LA_KIND_TEXT));
	assert_non_null(la_record_append(&r, "联系电话", LA_F_PHONE, "1", 1,
	    LA_KIND_TEXT));
	assert_int_equal(la_column_union_add_record(&u, &r), 0);
	la_record_reset(&r);
	assert_non_null(la_record_append(&r, "姓名", LA_F_NAME, "b", 1,
	    LA_KIND_TEXT));
	assert_non_null(la_record_append(&r, "备注", -1, "x", 1,
	    LA_KIND_TEXT));
	assert_non_null(la_record_append(&r, "联系电话", LA_F_PHONE, "2", 1,
	    LA_KIND_TEXT));
	assert_int_equal(la_column_union_add_record(&u, &r), 0);
	assert_int_equal(la_column_union_add_record(&u, &r), 0);
	la_record_reset(&r);
	assert_non_null(la_record_append(&r, "联系电话", LA_F_PHONE, "3", 1,
	    LA_KIND_TEXT));
	assert_non_null(la_record_append(&r, "姓名", LA_F_NAME, "c", 1,
	    LA_KIND_TEXT));
	assert_int_equal(la_column_union_add_record(&u, &r), 0);
	assert_columns(&u, want, 3);
	la_record_free(&r);
	la_column_union_free(&u);
}

/*
 * A record with the names of the one before, at the same addresses, is
 * skipped. After la_column_union_forget() the names are compared again,
 * as they must be when another reader lends other text at those
 * addresses.
 */
static void
union_forget_names(void **state)
{
	static const char *const want[] = { "a", "b" };
	char name[2] = "a";
	struct la_column_union u = { 0 };
	struct la_record r;

	(void)state;
	la_record_init(&r);
	assert_non_null(la_record_append(&r, name, -1, "1", 1,
	    LA_KIND_TEXT));
	assert_int_equal(la_column_union_add_record(&u, &r), 0);
	name[0] = 'b';
	la_column_union_forget(&u);
	assert_int_equal(la_column_union_add_record(&u, &r), 0);
	assert_columns(&u, want, 2);
	la_record_free(&r);
	la_column_union_free(&u);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(union_order_of_first_sight),
		cmocka_unit_test(union_aliases_share),
		cmocka_unit_test(union_alias_in_same_record),
		cmocka_unit_test(union_records),
		cmocka_unit_test(union_forget_names),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
