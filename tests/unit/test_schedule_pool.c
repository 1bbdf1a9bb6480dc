/* SPDX-License-Identifier: MIT */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "schedule.h"
#include "schedule_fixture.h"

struct world {
	struct la_pool pool;
	struct la_rules rules;
	struct la_record rec;
	struct la_error err;
	int warnings;
	char last_warning[1024];
};

static int
setup(void **state)
{
	struct world *w = calloc(1, sizeof(*w));

	la_pool_init(&w->pool);
	fixture_rules(&w->rules);
	la_record_init(&w->rec);
	*state = w;
	return 0;
}

static int
teardown(void **state)
{
	struct world *w = *state;

	la_pool_free(&w->pool);
	la_record_free(&w->rec);
	fixture_rules_free(&w->rules);
	free(w);
	return 0;
}

static void
warn(void *ctx, const struct la_error *e)
{
	struct world *w = ctx;

	w->warnings++;
	snprintf(w->last_warning, sizeof(w->last_warning), "%ld: %s", e->line,
	    e->text);
}

/* Builds a roster record from pairs of field id and value, ending in -1. */
static int
add(struct world *w, ...)
{
	va_list ap;
	int id;

	la_record_reset(&w->rec);
	w->rec.line = 7;
	va_start(ap, w);
	while ((id = va_arg(ap, int)) >= 0) {
		const char *value = va_arg(ap, const char *);

		la_record_append(&w->rec, la_field_name(id), id, value,
		    strlen(value), LA_KIND_TEXT);
	}
	va_end(ap);
	la_error_clear(&w->err);
	return la_pool_add(&w->pool, &w->rec, "roster.csv", &w->rules,
	    &w->err);
}

static const struct la_member *
last(const struct world *w)
{
	assert_true(w->pool.n > 0);
	return &w->pool.members[w->pool.n - 1];
}

static void
eligible_services_win(void **state)
{
	struct world *w = *state;

	assert_int_equal(add(w, LA_F_LICENSE_NO, " L1 ", LA_F_CATEGORY, "律师",
	    LA_F_SERVICES, "刑事辩护;民事代理", LA_F_ELIGIBLE_SERVICES, "civil",
	    -1), 0);
	assert_string_equal(last(w)->license_no, "L1");
	assert_int_equal(last(w)->services, LA_SVC_CIVIL);
	/* An empty eligible_services column falls back to services. */
	assert_int_equal(add(w, LA_F_LICENSE_NO, "L2", LA_F_CATEGORY, "律师",
	    LA_F_SERVICES, "刑事辩护", LA_F_ELIGIBLE_SERVICES, "", -1), 0);
	assert_int_equal(last(w)->services, LA_SVC_CRIMINAL);
}

static void
worker_never_criminal(void **state)
{
	struct world *w = *state;

	assert_int_equal(add(w, LA_F_LICENSE_NO, "W1", LA_F_CATEGORY,
	    "基层法律服务工作者", LA_F_ELIGIBLE_SERVICES, "criminal;civil", -1),
	    0);
	assert_int_equal(last(w)->category, LA_CAT_LEGAL_WORKER);
	assert_int_equal(last(w)->services, LA_SVC_CIVIL);
	/* Unless the rules allow it. */
	w->rules.worker_may_take_criminal = 1;
	assert_int_equal(add(w, LA_F_LICENSE_NO, "W2", LA_F_CATEGORY,
	    "法律工作者", LA_F_ELIGIBLE_SERVICES, "criminal", -1), 0);
	assert_int_equal(last(w)->services, LA_SVC_CRIMINAL);
	/* A member of unknown category cannot be shown to be a lawyer. */
	assert_int_equal(add(w, LA_F_LICENSE_NO, "X1", LA_F_ELIGIBLE_SERVICES,
	    "criminal", -1), 0);
	assert_int_equal(last(w)->services, 0);
}

/* Without la-validate's verdict, 1.5 years is below the rules' 2. */
static void
criminal_years_checked_without_verdict(void **state)
{
	struct world *w = *state;

	assert_int_equal(add(w, LA_F_LICENSE_NO, "L1", LA_F_CATEGORY, "律师",
	    LA_F_SERVICES, "刑事辩护,民事代理", LA_F_CRIMINAL_PRACTICE_YEARS,
	    "1.5", -1), 0);
	assert_int_equal(last(w)->services, LA_SVC_CIVIL);
	assert_int_equal(add(w, LA_F_LICENSE_NO, "L2", LA_F_CATEGORY, "律师",
	    LA_F_SERVICES, "刑事辩护", LA_F_CRIMINAL_PRACTICE_YEARS, "2", -1),
	    0);
	assert_int_equal(last(w)->services, LA_SVC_CRIMINAL);
}

static void
status_and_suspension(void **state)
{
	struct world *w = *state;
	const struct la_member *m;
	const char *why;

	assert_int_equal(add(w, LA_F_LICENSE_NO, "L1", LA_F_STATUS, "暂停指派",
	    LA_F_SUSPENDED_UNTIL, "2024年3月5日", LA_F_TERM_END, "2025-03-31",
	    -1), 0);
	m = last(w);
	assert_int_equal(m->status, LA_MEMBER_SUSPENDED);
	assert_false(la_member_active(m, day_of(2024, 3, 5), &why));
	assert_string_equal(why, "suspended");
	assert_true(la_member_active(m, day_of(2024, 3, 6), &why));
	assert_null(why);
	assert_false(la_member_active(m, day_of(2025, 4, 1), &why));
	assert_string_equal(why, "term ended");
	assert_int_equal(add(w, LA_F_LICENSE_NO, "L2", LA_F_STATUS, "removed",
	    -1), 0);
	assert_false(la_member_active(last(w), day_of(2024, 3, 6), &why));
	assert_string_equal(why, "removed");
	/* No status column: a plain list of members is active. */
	assert_int_equal(add(w, LA_F_LICENSE_NO, "L3", -1), 0);
	assert_true(la_member_active(last(w), day_of(2024, 3, 6), NULL));
	assert_int_equal(last(w)->duty, 0);
}

static void
bad_values_rejected(void **state)
{
	struct world *w = *state;

	assert_int_equal(add(w, LA_F_LICENSE_NO, "L1", LA_F_DUTY, "也许", -1),
	    1);
	assert_int_equal(w->err.line, 7);
	assert_string_equal(w->err.field, "duty");
	assert_string_equal(w->err.text,
	    "invalid yes/no value in duty: \"也许\"");
	assert_int_equal(add(w, LA_F_LICENSE_NO, "L2", LA_F_STATUS, "eligible",
	    -1), 1);
	assert_string_equal(w->err.text, "invalid status (expected active, "
	    "suspended or removed) in status: \"eligible\"");
	assert_int_equal(add(w, LA_F_LICENSE_NO, "L3", LA_F_SERVICES,
	    "刑事辩护;离婚", -1), 1);
	assert_int_equal(add(w, LA_F_LICENSE_NO, "L4", LA_F_TERM_START,
	    "2024-02-30", -1), 1);
	assert_int_equal(add(w, LA_F_NAME, "张伟", -1), 1);
	assert_string_equal(w->err.text,
	    "missing license_no: the member cannot be scheduled");
	assert_int_equal(w->pool.n, 0);
}

static void
duplicate_license_left_out(void **state)
{
	struct world *w = *state;
	struct la_diag diag = { warn, w };

	assert_int_equal(add(w, LA_F_LICENSE_NO, "L2", LA_F_NAME, "第一", -1),
	    0);
	w->pool.members[0].line = 3;
	assert_int_equal(add(w, LA_F_LICENSE_NO, "L1", -1), 0);
	assert_int_equal(add(w, LA_F_LICENSE_NO, "L2", LA_F_NAME, "第二", -1),
	    0);
	assert_int_equal(la_pool_finish(&w->pool, "roster.csv", &diag, NULL),
	    0);
	assert_int_equal(w->pool.n, 2);
	assert_int_equal(w->pool.nrejected, 1);
	assert_string_equal(w->pool.members[0].license_no, "L1");
	assert_string_equal(w->pool.members[1].name, "第一");
	assert_string_equal(w->last_warning, "7: duplicate license_no \"L2\" "
	    "(first on line 3): this record is left out");
	assert_int_equal(la_pool_find(&w->pool, "L2"), 1);
	assert_int_equal(la_pool_find(&w->pool, "L3"), -1);
}

/* Three years from 2021-03-01 end on 2024-03-01, as the Civil Code counts. */
static void
criminal_years_by_anniversary(void **state)
{
	struct world *w = *state;
	const struct la_member *m;

	assert_int_equal(add(w, LA_F_LICENSE_NO, "L1", LA_F_CRIMINAL_SINCE,
	    "2021-03-01", LA_F_CRIMINAL_PRACTICE_YEARS, "9", -1), 0);
	m = last(w);
	assert_true(la_member_criminal_years(m, day_of(2024, 2, 29)) < 3);
	assert_true(la_member_criminal_years(m, day_of(2024, 2, 29)) > 2.99);
	assert_true(la_member_criminal_years(m, day_of(2024, 3, 1)) == 3);
	assert_true(la_member_criminal_years(m, day_of(2021, 1, 1)) == 0);
	assert_int_equal(add(w, LA_F_LICENSE_NO, "L2",
	    LA_F_CRIMINAL_PRACTICE_YEARS, "4.5", -1), 0);
	assert_true(la_member_criminal_years(last(w), day_of(2024, 3, 1)) ==
	    4.5);
	assert_int_equal(add(w, LA_F_LICENSE_NO, "L3", -1), 0);
	assert_true(la_member_criminal_years(last(w), day_of(2024, 3, 1)) <
	    0);
}

static void
own_fields_by_name(void **state)
{
	struct world *w = *state;
	static const char *const names[] = { "case_id", "案件编号", NULL };

	la_record_reset(&w->rec);
	la_record_append(&w->rec, " Case_ID ", -1, "2024-1", 6,
	    LA_KIND_TEXT);
	assert_string_equal(la_schedule_field(&w->rec, names), "2024-1");
	la_record_reset(&w->rec);
	la_record_append(&w->rec, "案件编号", -1, "2024-2", 6, LA_KIND_TEXT);
	assert_string_equal(la_schedule_field(&w->rec, names), "2024-2");
	la_record_reset(&w->rec);
	la_record_append(&w->rec, "case", -1, "2024-3", 6, LA_KIND_TEXT);
	assert_null(la_schedule_field(&w->rec, names));
}

/* Reads absences from text through the project's CSV reader. */
static int
read_absences(struct world *w, struct la_absences *a, const char *text)
{
	struct la_diag diag = { warn, w };
	struct la_read_opts opts;
	struct la_reader *rd;
	FILE *fp = fmemopen((void *)text, strlen(text), "r");
	int rc;

	memset(&opts, 0, sizeof(opts));
	la_error_clear(&w->err);
	rd = la_reader_open(fp, "absences.csv", &opts, &w->err);
	assert_non_null(rd);
	rc = la_absences_read(a, &w->pool, rd, "absences.csv", &diag,
	    &w->err);
	la_reader_close(rd);
	fclose(fp);
	return rc;
}

static void
absences_read_and_cover(void **state)
{
	struct world *w = *state;
	struct la_absences a;

	add(w, LA_F_LICENSE_NO, "L1", -1);
	add(w, LA_F_LICENSE_NO, "L2", -1);
	la_pool_finish(&w->pool, "roster.csv", NULL, NULL);
	la_absences_init(&a);
	assert_int_equal(read_absences(w, &a, "license_no,开始日期,结束日期,原因\n"
	    "L2,2024-03-04,2024-03-06,年假\n"
	    "L1,2024/3/8,,出差\n"
	    "L9,2024-03-04,2024-03-05,\n"), 0);
	assert_int_equal(a.n, 2);
	assert_int_equal(w->warnings, 1);
	assert_string_equal(w->last_warning, "4: license_no \"L9\" is not in "
	    "the roster: absence ignored");
	assert_int_equal(la_absences_index(&a, w->pool.n), 0);
	assert_false(la_absences_cover(&a, 1, day_of(2024, 3, 3)));
	assert_true(la_absences_cover(&a, 1, day_of(2024, 3, 4)));
	assert_true(la_absences_cover(&a, 1, day_of(2024, 3, 6)));
	assert_false(la_absences_cover(&a, 1, day_of(2024, 3, 7)));
	/* An empty end means the one day. */
	assert_true(la_absences_cover(&a, 0, day_of(2024, 3, 8)));
	assert_false(la_absences_cover(&a, 0, day_of(2024, 3, 9)));
	assert_string_equal(a.items[1].reason, "年假");
	la_absences_free(&a);
}

static void
absence_end_before_start(void **state)
{
	struct world *w = *state;
	struct la_absences a;

	add(w, LA_F_LICENSE_NO, "L1", -1);
	la_pool_finish(&w->pool, "roster.csv", NULL, NULL);
	la_absences_init(&a);
	assert_int_equal(read_absences(w, &a, "license_no,from,to\n"
	    "L1,2024-03-06,2024-03-04\n"), -1);
	assert_int_equal(w->err.line, 2);
	assert_string_equal(w->err.text, "invalid period: to is before from");
	la_absences_free(&a);
	la_absences_init(&a);
	assert_int_equal(read_absences(w, &a, "license_no,to\n"
	    "L1,2024-03-04\n"), -1);
	assert_string_equal(w->err.text, "missing from");
	la_absences_free(&a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(eligible_services_win, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(worker_never_criminal, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(
		    criminal_years_checked_without_verdict, setup, teardown),
		cmocka_unit_test_setup_teardown(status_and_suspension, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(bad_values_rejected, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(duplicate_license_left_out,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(criminal_years_by_anniversary,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(own_fields_by_name, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(absences_read_and_cover, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(absence_end_before_start, setup,
		    teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
