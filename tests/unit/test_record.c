/* SPDX-License-Identifier: MIT */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "catalogue.h"
#include "record.h"

/* Appends a text field and fails the test when memory runs out. */
static void
add(struct la_record *r, const char *name, int id, const char *value)
{
	assert_non_null(la_record_append(r, name, id, value, strlen(value),
	    LA_KIND_TEXT));
}

static void
find_id_after_append(void **state)
{
	struct la_record r;

	(void)state;
	la_record_init(&r);
	add(&r, "备注", -1, "note");
	add(&r, "姓名", LA_F_NAME, "张三");
	add(&r, "联系电话", LA_F_PHONE, "13900000001");
	assert_ptr_equal(la_record_find_id(&r, LA_F_NAME), &r.fields[1]);
	assert_ptr_equal(la_record_find_id(&r, LA_F_PHONE), &r.fields[2]);
	assert_string_equal(la_record_get(&r, LA_F_PHONE), "13900000001");
	assert_null(la_record_find_id(&r, LA_F_GENDER));
	assert_null(la_record_get(&r, LA_F_GENDER));
	la_record_free(&r);
}

static void
find_id_first_of_two(void **state)
{
	struct la_record r;

	(void)state;
	la_record_init(&r);
	add(&r, "name", LA_F_NAME, "first");
	add(&r, "姓名", LA_F_NAME, "second");
	assert_string_equal(la_record_get(&r, LA_F_NAME), "first");
	la_record_free(&r);
}

static void
find_id_unknown_scans(void **state)
{
	struct la_record r;

	(void)state;
	la_record_init(&r);
	add(&r, "姓名", LA_F_NAME, "张三");
	add(&r, "备注", -1, "note");
	assert_ptr_equal(la_record_find_id(&r, -1), &r.fields[1]);
	assert_null(la_record_find_id(&r, LA_F_COUNT));
	la_record_free(&r);
}

static void
find_id_after_reset(void **state)
{
	struct la_record r;

	(void)state;
	la_record_init(&r);
	add(&r, "姓名", LA_F_NAME, "张三");
	add(&r, "性别", LA_F_GENDER, "男");
	la_record_reset(&r);
	assert_null(la_record_find_id(&r, LA_F_NAME));
	assert_null(la_record_find_id(&r, LA_F_GENDER));
	add(&r, "性别", LA_F_GENDER, "女");
	assert_ptr_equal(la_record_find_id(&r, LA_F_GENDER), &r.fields[0]);
	assert_string_equal(la_record_get(&r, LA_F_GENDER), "女");
	la_record_free(&r);
}

static void
set_id_appends_then_replaces(void **state)
{
	struct la_record r;

	(void)state;
	la_record_init(&r);
	add(&r, "姓名", LA_F_NAME, "张三");
	assert_non_null(la_record_set_id(&r, LA_F_STATUS, "eligible",
	    LA_KIND_TEXT));
	assert_int_equal(r.nfields, 2);
	assert_string_equal(r.fields[1].name, "status");
	assert_non_null(la_record_set_id(&r, LA_F_STATUS, "late",
	    LA_KIND_TEXT));
	assert_int_equal(r.nfields, 2);
	assert_string_equal(la_record_get(&r, LA_F_STATUS), "late");
	assert_int_equal(r.fields[1].len, 4);
	la_record_free(&r);
}

static void
copy_keeps_index(void **state)
{
	struct la_record a, b;

	(void)state;
	la_record_init(&a);
	la_record_init(&b);
	add(&b, "学历", LA_F_EDUCATION, "本科");
	add(&a, "备注", -1, "note");
	add(&a, "姓名", LA_F_NAME, "张三");
	assert_int_equal(la_record_copy(&b, &a), 0);
	assert_null(la_record_find_id(&b, LA_F_EDUCATION));
	assert_ptr_equal(la_record_find_id(&b, LA_F_NAME), &b.fields[1]);
	assert_string_equal(la_record_get(&b, LA_F_NAME), "张三");
	la_record_free(&a);
	la_record_free(&b);
}

static void
finding_text_kept_as_is(void **state)
{
	struct la_record r;
	char message[] = "100% of %s";

	(void)state;
	la_record_init(&r);
	assert_int_equal(la_record_add_finding_text(&r, "review", "name",
	    message), 0);
	message[0] = '9';
	assert_int_equal(r.nfindings, 1);
	assert_string_equal(r.findings[0].rule, "review");
	assert_string_equal(r.findings[0].field, "name");
	assert_string_equal(r.findings[0].message, "100% of %s");
	la_record_free(&r);
}

static void
copy_keeps_findings(void **state)
{
	struct la_record a, b;

	(void)state;
	la_record_init(&a);
	la_record_init(&b);
	assert_int_equal(la_record_add_finding(&a, "input", NULL, "%d%% %s",
	    50, "read"), 0);
	assert_int_equal(la_record_copy(&b, &a), 0);
	assert_int_equal(b.nfindings, 1);
	assert_string_equal(b.findings[0].rule, "input");
	assert_null(b.findings[0].field);
	assert_string_equal(b.findings[0].message, "50% read");
	la_record_free(&a);
	la_record_free(&b);
}

/*
 * la_record_append_text takes the quick way once the record has room
 * (after a reset) and the slow way before; both give the same fields.
 */
static void
append_text_with_and_without_room(void **state)
{
	struct la_record r;
	char big[20000];

	(void)state;
	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	la_record_init(&r);
	for (int round = 0; round < 2; round++) {
		la_record_reset(&r);
		assert_non_null(la_record_append_text(&r, "姓名", LA_F_NAME,
		    "张三", strlen("张三")));
		assert_non_null(la_record_append_text(&r, "备注", -1, "a\0b",
		    3));
		/* Larger than an arena block: the slow way, either round. */
		assert_non_null(la_record_append_text(&r, "x", -1, big,
		    strlen(big)));
		assert_int_equal(r.nfields, 3);
		assert_string_equal(la_record_get(&r, LA_F_NAME), "张三");
		assert_int_equal(r.fields[0].kind, LA_KIND_TEXT);
		assert_int_equal(r.fields[0].id, LA_F_NAME);
		assert_int_equal(r.fields[1].len, 3);
		assert_memory_equal(r.fields[1].value, "a\0b", 4);
		assert_int_equal(r.fields[1].id, -1);
		assert_int_equal(r.fields[2].len, sizeof(big) - 1);
		assert_string_equal(r.fields[2].value, big);
	}
	la_record_free(&r);
}

/*
 * la_record_set_id_len() appends in place when the record has room (the
 * second round, after a reset) and through la_record_append() when it has
 * none (the first). Either way the field is indexed, named by the
 * catalogue, and a second call replaces its value.
 */
static void
set_id_len_with_and_without_room(void **state)
{
	struct la_record r;
	const struct la_field *f;

	(void)state;
	la_record_init(&r);
	for (int round = 0; round < 2; round++) {
		la_record_reset(&r);
		add(&r, "姓名", LA_F_NAME, "张三");
		f = la_record_set_id_len(&r, LA_F_ELIGIBLE_SERVICES, "a\0b", 3,
		    LA_KIND_LIST);
		assert_non_null(f);
		assert_int_equal(r.nfields, 2);
		assert_ptr_equal(la_record_find_id(&r, LA_F_ELIGIBLE_SERVICES),
		    &r.fields[1]);
		assert_string_equal(f->name, "eligible_services");
		assert_int_equal(f->id, LA_F_ELIGIBLE_SERVICES);
		assert_int_equal(f->kind, LA_KIND_LIST);
		assert_int_equal(f->len, 3);
		assert_memory_equal(f->value, "a\0b", 4);
		f = la_record_set_id_len(&r, LA_F_FINDINGS, "", 0,
		    LA_KIND_FINDINGS);
		assert_non_null(f);
		assert_int_equal(r.nfields, 3);
		assert_string_equal(f->value, "");
		assert_int_equal(f->len, 0);
		f = la_record_set_id_len(&r, LA_F_ELIGIBLE_SERVICES, "late", 2,
		    LA_KIND_TEXT);
		assert_non_null(f);
		assert_int_equal(r.nfields, 3);
		assert_string_equal(r.fields[1].value, "la");
		assert_int_equal(r.fields[1].kind, LA_KIND_TEXT);
	}
	la_record_free(&r);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(find_id_after_append),
		cmocka_unit_test(find_id_first_of_two),
		cmocka_unit_test(find_id_unknown_scans),
		cmocka_unit_test(find_id_after_reset),
		cmocka_unit_test(set_id_appends_then_replaces),
		cmocka_unit_test(copy_keeps_index),
		cmocka_unit_test(finding_text_kept_as_is),
		cmocka_unit_test(copy_keeps_findings),
		cmocka_unit_test(append_text_with_and_without_room),
		cmocka_unit_test(set_id_len_with_and_without_room),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
