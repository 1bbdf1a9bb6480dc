/* SPDX-License-Identifier: MIT */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "fixture.h"
#include "normalize.h"
#include "validate_impl.h"
#include "rules.h"
#include "validate.h"
#include "validate_impl.h"

/*
 * Each test starts from an applicant who meets every rule of the reference
 * notice (window 2024-03-15 00:00 to 2024-03-20 17:00 Asia/Shanghai,
 * 2 years of criminal practice, 1 year since licensing, 3 years without
 * penalty) and changes one value.
 */

static const char *const base[] = {
	"姓名", "张建华",
	"性别", "男",
	"出生日期", "1985-03-15",
	"身份证号", "500110198503151234",
	"人员类别", "律师",
	"执业年限", "10",
	"取得执业资格日期", "2014-06-01",
	"刑事执业年限", "5",
	"执业单位", "重庆示例律师事务所",
	"联系电话", "13900000001",
	"执业证号", "15002201410000001",
	"注册地", "綦江区",
	"提供援助服务意向", "刑事辩护、民事代理",
	"最近处罚日期", "",
	"有效投诉次数", "0",
	"准入考核", "通过",
	"准入考核成绩", "85",
	"办案数量", "60",
	"已办法律援助案件数", "10",
	"不合格案件数", "0",
	"公益活动次数", "4",
	"熟练使用法律援助管理系统", "是",
	"推荐意见", "同意",
	"提交材料", "申请表、执业证复印件、身份证复印件",
	"申报时间", "2024-03-18 10:00",
	NULL
};

struct state {
	struct la_rules rules;
	struct la_validate v;
	struct la_record r;
};

static int
setup(void **ctx)
{
	struct state *s = calloc(1, sizeof(*s));
	struct la_error err;
	int has_time;
	la_time now;
	char why[128];

	la_error_clear(&err);
	if (s == NULL || la_rules_default(&s->rules, &err) != 0)
		return -1;
	if (la_parse_time("2024-04-01 09:00", &s->rules.tz, &now, &has_time,
	    why, sizeof(why)) != 0)
		return -1;
	if (la_validate_init(&s->v, &s->rules, now, &err) != 0)
		return -1;
	la_record_init(&s->r);
	fixture_fill(&s->r, base);
	s->r.line = 2;
	*ctx = s;
	return 0;
}

static int
teardown(void **ctx)
{
	struct state *s = *ctx;

	la_record_free(&s->r);
	la_validate_free(&s->v);
	la_rules_free(&s->rules);
	free(s);
	return 0;
}

/* Sets one field of the base applicant and validates it. */
static struct la_record *
check_with(void **ctx, const char *header, const char *value)
{
	struct state *s = *ctx;
	struct la_error err;

	la_error_clear(&err);
	if (header != NULL)
		fixture_set(&s->r, header, value);
	assert_int_equal(la_validate_index(&s->v, &s->r, &err), 0);
	assert_int_equal(la_validate_record(&s->v, &s->r, &err), 0);
	return &s->r;
}

static void
assert_status(const struct la_record *r, const char *status)
{
	assert_string_equal(fixture_get(r, "status"), status);
}

static void
base_is_eligible(void **ctx)
{
	struct la_record *r = check_with(ctx, NULL, NULL);

	assert_status(r, "eligible");
	assert_string_equal(fixture_get(r, "eligible_services"),
	    "criminal;civil");
	assert_int_equal(r->nfindings, 0);
}

static la_day
day_of(int year, int month, int day)
{
	struct la_date d = { year, month, day };

	return la_day_from_date(d);
}

/* Without a catalogue, gettext returns each message as it is. */
static void
gettext_caches_messages(void **ctx)
{
	static const char first[] = "first message";
	static const char second[] = "second message";
	struct state *s = *ctx;
	struct check c = { .v = &s->v };

	assert_int_equal(s->v.nmessages, 0);
	assert_ptr_equal(check_gettext(&c, first), first);
	assert_ptr_equal(check_gettext(&c, second), second);
	assert_ptr_equal(check_gettext(&c, first), first);
	assert_int_equal(s->v.nmessages, 2);
	assert_ptr_equal(s->v.messages[0].msgid, first);
	assert_ptr_equal(s->v.messages[1].msgid, second);
}

static void
gettext_full_cache(void **ctx)
{
	static char text[LA_VALIDATE_MESSAGES + 1][16];
	struct state *s = *ctx;
	struct check c = { .v = &s->v };

	for (size_t i = 0; i <= LA_VALIDATE_MESSAGES; i++) {
		snprintf(text[i], sizeof(text[i]), "message %zu", i);
		assert_ptr_equal(check_gettext(&c, text[i]), text[i]);
	}
	assert_int_equal(s->v.nmessages, LA_VALIDATE_MESSAGES);
	assert_ptr_equal(check_gettext(&c, text[LA_VALIDATE_MESSAGES]),
	    text[LA_VALIDATE_MESSAGES]);
}

/*
 * A message passed whole through "%s" is cut as vsnprintf() and
 * shorten() cut any message: 600 bytes, then 581 and "…" to stay
 * within 584.
 */
static void
finding_whole_message_cut(void **ctx)
{
	static char text[701];
	struct state *s = *ctx;
	struct check c = { .v = &s->v, .r = &s->r };
	const char *message;

	memset(text, 'a', 700);
	check_finding(&c, "review", LA_F_NAME, 1, "%s", "plain words");
	check_finding(&c, "review", LA_F_NAME, 0, "%s", text);
	assert_int_equal(s->r.nfindings, 2);
	assert_string_equal(s->r.findings[0].message, "plain words");
	assert_string_equal(s->r.findings[0].field, "name");
	message = s->r.findings[1].message;
	assert_int_equal(strlen(message), 584);
	assert_int_equal(strspn(message, "a"), 581);
	assert_string_equal(message + 581, "…");
	assert_int_equal(c.blocking, 1);
}

/* "Now" is 2024-04-01 09:00 and the window closes on 2024-03-20. */
static void
init_sets_run_dates(void **ctx)
{
	struct state *s = *ctx;

	assert_int_equal(s->v.today, day_of(2024, 4, 1));
	assert_int_equal(s->v.this_year, 2024);
	assert_int_equal(s->v.deadline_day, day_of(2024, 3, 20));
	assert_int_equal(s->v.criminal_limit, day_of(2022, 3, 20));
	assert_int_equal(s->v.general_limit, day_of(2023, 3, 20));
}

/* The texts that findings and eligible_services take from the rules. */
static void
init_sets_texts(void **ctx)
{
	struct state *s = *ctx;

	assert_string_equal(s->v.window_open_text, "2024-03-15 00:00");
	assert_string_equal(s->v.window_close_text, "2024-03-20 17:00");
	assert_string_equal(s->v.services_text[0], "");
	assert_string_equal(s->v.services_text[LA_SVC_CRIMINAL], "criminal");
	assert_string_equal(s->v.services_text[LA_SVC_CRIMINAL |
	    LA_SVC_CIVIL], "criminal;civil");
	assert_string_equal(s->v.services_text[LA_SVC_CIVIL |
	    LA_SVC_LABOR_ARBITRATION], "civil;labor_arbitration");
	assert_string_equal(s->v.services_text[LA_SVC_ALL],
	    "criminal;civil;administrative;labor_arbitration");
}

static void
years_before_counts_months(void **ctx)
{
	la_day deadline = day_of(2024, 3, 20);

	(void)ctx;
	assert_int_equal(check_years_before(deadline, 2), day_of(2022, 3, 20));
	assert_int_equal(check_years_before(deadline, 1.5),
	    day_of(2022, 9, 20));
	assert_int_equal(check_years_before(day_of(2024, 2, 29), 1),
	    day_of(2023, 2, 28));
}

static void
window_closes_at_17_00(void **ctx)
{
	assert_status(check_with(ctx, "申报时间", "2024-03-20 17:00"),
	    "eligible");
}

static void
window_16_59_on_time(void **ctx)
{
	assert_status(check_with(ctx, "申报时间", "2024/3/20 16:59"),
	    "eligible");
}

static void
window_17_00_01_late(void **ctx)
{
	struct la_record *r = check_with(ctx, "申报时间",
	    "2024-03-20 17:00:01");

	assert_status(r, "late");
	assert_int_equal(fixture_count(r, "window"), 1);
}

static void
window_17_01_late(void **ctx)
{
	assert_status(check_with(ctx, "申报时间", "2024年3月20日17:01"),
	    "late");
}

/* 09:00Z is 17:00 in Shanghai whatever the machine's zone is. */
static void
window_utc_offset(void **ctx)
{
	setenv("TZ", "UTC", 1);
	assert_status(check_with(ctx, "申报时间", "2024-03-20T09:00:00Z"),
	    "eligible");
	unsetenv("TZ");
}

static void
window_utc_offset_late(void **ctx)
{
	setenv("TZ", "UTC", 1);
	assert_status(check_with(ctx, "申报时间", "2024-03-20T09:01:00Z"),
	    "late");
	unsetenv("TZ");
}

static void
window_before_open(void **ctx)
{
	struct la_record *r = check_with(ctx, "申报时间", "2024-03-14 23:59");

	assert_status(r, "ineligible");
	assert_int_equal(fixture_count(r, "window"), 1);
}

static void
window_missing_time(void **ctx)
{
	struct la_record *r = check_with(ctx, "申报时间", "");

	assert_status(r, "ineligible");
	assert_int_equal(fixture_count(r, "required"), 1);
}

static void
criminal_short_keeps_civil(void **ctx)
{
	struct la_record *r = check_with(ctx, "刑事执业年限", "1.5");

	assert_status(r, "eligible");
	assert_string_equal(fixture_get(r, "eligible_services"), "civil");
	assert_int_equal(fixture_count(r, "criminal_experience"), 1);
}

static void
criminal_two_years_to_day(void **ctx)
{
	struct la_record *r;

	fixture_set(&((struct state *)*ctx)->r, "刑事执业年限", "2");
	r = check_with(ctx, "取得执业资格日期", "2022-03-20");
	assert_status(r, "eligible");
	assert_string_equal(fixture_get(r, "eligible_services"),
	    "criminal;civil");
}

static void
criminal_two_years_less_day(void **ctx)
{
	struct la_record *r;

	fixture_set(&((struct state *)*ctx)->r, "刑事执业年限", "2");
	r = check_with(ctx, "取得执业资格日期", "2022-03-21");
	assert_status(r, "eligible");
	assert_string_equal(fixture_get(r, "eligible_services"), "civil");
	assert_int_equal(fixture_count(r, "criminal_experience"), 1);
}

static void
criminal_since_to_day(void **ctx)
{
	struct la_record *r = check_with(ctx, "刑事执业起始日期",
	    "2022-03-20");

	assert_string_equal(fixture_get(r, "eligible_services"),
	    "criminal;civil");
}

static void
criminal_since_day_short(void **ctx)
{
	struct la_record *r = check_with(ctx, "刑事执业起始日期",
	    "2022-03-21");

	assert_string_equal(fixture_get(r, "eligible_services"), "civil");
}

static void
worker_never_criminal(void **ctx)
{
	struct la_record *r = check_with(ctx, "人员类别",
	    "基层法律服务工作者");

	assert_status(r, "eligible");
	assert_string_equal(fixture_get(r, "eligible_services"), "civil");
	assert_int_equal(fixture_count(r, "criminal_experience"), 1);
}

static void
general_one_year_to_day(void **ctx)
{
	struct la_record *r;

	fixture_set(&((struct state *)*ctx)->r, "提供援助服务意向", "民事代理");
	r = check_with(ctx, "取得执业资格日期", "2023-03-20");
	assert_status(r, "eligible");
	assert_string_equal(fixture_get(r, "eligible_services"), "civil");
}

static void
general_one_year_less_day(void **ctx)
{
	struct la_record *r;

	fixture_set(&((struct state *)*ctx)->r, "提供援助服务意向", "民事代理");
	r = check_with(ctx, "取得执业资格日期", "2023-03-21");
	assert_status(r, "ineligible");
	assert_string_equal(fixture_get(r, "eligible_services"), "");
	assert_int_equal(fixture_count(r, "general_experience"), 1);
}

static void
penalty_three_years_to_day(void **ctx)
{
	assert_status(check_with(ctx, "最近处罚日期", "2021-03-20"),
	    "eligible");
}

static void
penalty_inside_look_back(void **ctx)
{
	struct la_record *r = check_with(ctx, "最近处罚日期", "2021-03-21");

	assert_status(r, "ineligible");
	assert_int_equal(fixture_count(r, "discipline"), 1);
}

static void
upheld_complaint(void **ctx)
{
	struct la_record *r = check_with(ctx, "有效投诉次数", "1");

	assert_status(r, "ineligible");
	assert_int_equal(fixture_count(r, "discipline"), 1);
}

static void
assessment_failed(void **ctx)
{
	struct la_record *r = check_with(ctx, "准入考核", "未通过");

	assert_status(r, "ineligible");
	assert_int_equal(fixture_count(r, "assessment"), 1);
}

static void
assessment_score_59(void **ctx)
{
	struct la_record *r;

	fixture_set(&((struct state *)*ctx)->r, "准入考核", "");
	r = check_with(ctx, "准入考核成绩", "59");
	assert_status(r, "ineligible");
	assert_int_equal(fixture_count(r, "assessment"), 1);
}

static void
assessment_score_60(void **ctx)
{
	fixture_set(&((struct state *)*ctx)->r, "准入考核", "");
	assert_status(check_with(ctx, "准入考核成绩", "60"), "eligible");
}

static void
prior_case_unqualified(void **ctx)
{
	struct la_record *r = check_with(ctx, "不合格案件数", "1");

	assert_status(r, "ineligible");
	assert_int_equal(fixture_count(r, "prior_cases"), 1);
}

static void
system_not_proficient(void **ctx)
{
	struct la_record *r = check_with(ctx, "熟练使用法律援助管理系统", "否");

	assert_status(r, "ineligible");
	assert_int_equal(fixture_count(r, "system"), 1);
}

static void
recommendation_missing(void **ctx)
{
	struct la_record *r = check_with(ctx, "推荐意见", "");

	assert_status(r, "ineligible");
	assert_int_equal(fixture_count(r, "recommendation"), 1);
}

static void
document_missing(void **ctx)
{
	struct la_record *r = check_with(ctx, "提交材料", "申请表;执业证复印件");

	assert_status(r, "ineligible");
	assert_int_equal(fixture_count(r, "documents"), 1);
}

static void
district_other(void **ctx)
{
	struct la_record *r = check_with(ctx, "注册地", "江津区");

	assert_status(r, "ineligible");
	assert_int_equal(fixture_count(r, "district"), 1);
}

static void
district_long_name(void **ctx)
{
	assert_status(check_with(ctx, "注册地", "重庆市綦江区"), "eligible");
}

static void
id_check_digit_wrong(void **ctx)
{
	struct la_record *r = check_with(ctx, "身份证号",
	    "500110198503151235");

	assert_status(r, "ineligible");
	assert_int_equal(fixture_count(r, "id_number"), 1);
}

static void
id_gender_mismatch(void **ctx)
{
	struct la_record *r = check_with(ctx, "性别", "女");

	assert_status(r, "ineligible");
	assert_int_equal(fixture_count(r, "id_number"), 1);
}

static void
id_birth_mismatch(void **ctx)
{
	struct la_record *r = check_with(ctx, "出生日期", "1985/3/16");

	assert_status(r, "ineligible");
	assert_int_equal(fixture_count(r, "id_number"), 1);
}

static void
license_excel_notation(void **ctx)
{
	struct la_record *r = check_with(ctx, "执业证号", "1.50022E+16");

	assert_status(r, "ineligible");
	assert_int_equal(fixture_count(r, "license_no"), 1);
}

/* The message of the one finding of rule on field, or NULL. */
static const char *
finding_on(const struct la_record *r, const char *rule, const char *field)
{
	const char *message = NULL;

	for (size_t i = 0; i < r->nfindings; i++) {
		if (strcmp(r->findings[i].rule, rule) != 0 ||
		    r->findings[i].field == NULL ||
		    strcmp(r->findings[i].field, field) != 0)
			continue;
		assert_null(message);
		message = r->findings[i].message;
	}
	return message;
}

static void
phone_full_width(void **ctx)
{
	struct la_record *r = check_with(ctx, "联系电话", "１３９００００００01");

	assert_status(r, "eligible");
	assert_int_equal(fixture_count(r, "review"), 1);
	assert_string_equal(finding_on(r, "review", "phone"), "phone "
	    "\"１３９００００００01\" had full-width characters, read as "
	    "13900000001");
}

/* Excel's ="..." form is read as the digits inside, named in a review. */
static void
license_excel_text_review(void **ctx)
{
	struct la_record *r = check_with(ctx, "执业证号",
	    "=\"15002201410000001\"");

	assert_status(r, "eligible");
	assert_int_equal(fixture_count(r, "review"), 1);
	assert_string_equal(finding_on(r, "review", "license_no"),
	    "license_no \"=\"15002201410000001\"\" is in Excel's "
	    "=\"...\" text form, read as 15002201410000001");
	assert_string_equal(fixture_get(r, "执业证号"),
	    "=\"15002201410000001\"");
}

static void
id_number_excel_text_review(void **ctx)
{
	struct la_record *r = check_with(ctx, "身份证号",
	    "=\"500110198503151234\"");

	assert_status(r, "eligible");
	assert_int_equal(fixture_count(r, "review"), 1);
	assert_string_equal(finding_on(r, "review", "id_number"),
	    "id_number \"=\"500110198503151234\"\" is in Excel's "
	    "=\"...\" text form, read as 500110198503151234");
}

/* Every number field read from full-width digits is for review. */
static void
numbers_full_width_review(void **ctx)
{
	static const char *const cases[][4] = {
		{ "执业年限", "１０", "practice_years", "10" },
		{ "刑事执业年限", "５", "criminal_practice_years", "5" },
		{ "有效投诉次数", "０", "upheld_complaints", "0" },
		{ "准入考核成绩", "８５.５", "assessment_score", "85.5" },
		{ "办案数量", "６０", "case_count", "60" },
		{ "已办法律援助案件数", "１０", "prior_aid_cases", "10" },
		{ "不合格案件数", "０", "prior_aid_unqualified", "0" },
		{ "公益活动次数", "４", "aid_activity", "4" },
	};
	const size_t n = sizeof(cases) / sizeof(cases[0]);
	struct state *s = *ctx;
	struct la_record *r;
	char want[128];

	for (size_t i = 0; i < n; i++)
		fixture_set(&s->r, cases[i][0], cases[i][1]);
	r = check_with(ctx, NULL, NULL);
	assert_status(r, "eligible");
	assert_int_equal(fixture_count(r, "review"), n);
	for (size_t i = 0; i < n; i++) {
		const char *message = finding_on(r, "review", cases[i][2]);

		snprintf(want, sizeof(want), "%s \"%s\" had full-width "
		    "characters, read as %s", cases[i][2], cases[i][1],
		    cases[i][3]);
		assert_non_null(message);
		assert_string_equal(message, want);
	}
}

/*
 * Criminal practice years that cannot be read, with no criminal defence
 * requested: a review finding, and the civil service stays eligible.
 */
static void
criminal_years_unused_invalid(void **ctx)
{
	struct la_record *r;

	fixture_set(&((struct state *)*ctx)->r, "提供援助服务意向", "民事代理");
	r = check_with(ctx, "刑事执业年限", "x");
	assert_status(r, "eligible");
	assert_int_equal(fixture_count(r, "input"), 0);
	assert_int_equal(fixture_count(r, "review"), 1);
	assert_string_equal(finding_on(r, "review",
	    "criminal_practice_years"), "invalid criminal_practice_years "
	    "\"x\": not a number; it is not used, since no criminal defence "
	    "is requested");
}

/* A full-width number that cannot be read has its input finding only. */
static void
number_full_width_invalid(void **ctx)
{
	struct la_record *r = check_with(ctx, "执业年限", "８年");

	assert_status(r, "ineligible");
	assert_int_equal(fixture_count(r, "input"), 1);
	assert_int_equal(fixture_count(r, "review"), 0);
}

/* A known field is cut at a NUL inside it, as la_trim() reads it. */
static void
nul_inside_value_cut(void **ctx)
{
	struct state *s = *ctx;
	struct la_field *f;

	assert_non_null(la_record_append(&s->r, "学历", LA_F_EDUCATION,
	    "本科\0 x", 9, LA_KIND_TEXT));
	check_with(ctx, NULL, NULL);
	f = la_record_find_id(&s->r, LA_F_EDUCATION);
	assert_non_null(f);
	assert_int_equal(f->len, 6);
	assert_string_equal(f->value, "本科");
}

/* Short values are cut at a NUL too, wherever it is. */
static void
nul_inside_short_value_cut(void **ctx)
{
	static const struct {
		const char *value;
		size_t len;
		const char *kept;
	} cases[] = {
		{ "\0" "ab", 3, "" }, { "a\0" "b", 3, "a" },
		{ "ab\0", 3, "ab" },
		{ "\0" "1", 2, "" }, { "1\0", 2, "1" }, { "\0", 1, "" },
		{ "a \0" "b", 4, "a" }
	};
	struct state *s = *ctx;
	struct la_field *f;
	struct la_record r;
	struct la_error err;

	la_error_clear(&err);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		la_record_init(&r);
		fixture_fill(&r, base);
		assert_non_null(la_record_append(&r, "学历", LA_F_EDUCATION,
		    cases[i].value, cases[i].len, LA_KIND_TEXT));
		assert_int_equal(la_validate_record(&s->v, &r, &err), 0);
		f = la_record_find_id(&r, LA_F_EDUCATION);
		assert_non_null(f);
		assert_int_equal(f->len, strlen(cases[i].kept));
		assert_string_equal(f->value, cases[i].kept);
		la_record_free(&r);
	}
}

/* Both experience rules read licensed_since, but it is flagged once. */
static void
licensed_since_invalid_once(void **ctx)
{
	struct la_record *r = check_with(ctx, "取得执业资格日期", "2014-13-01");

	assert_status(r, "ineligible");
	assert_int_equal(fixture_count(r, "input"), 1);
	assert_int_equal(fixture_count(r, "criminal_experience"), 0);
	assert_int_equal(fixture_count(r, "general_experience"), 1);
	assert_string_equal(fixture_get(r, "eligible_services"), "");
}

static void
spaces_around_values_trimmed(void **ctx)
{
	struct state *s = *ctx;
	struct la_record *r;

	fixture_set(&s->r, "联系电话", "\u3000 13900000001 ");
	r = check_with(ctx, "人员类别", " 律师\u00a0");
	assert_status(r, "eligible");
	assert_int_equal(r->nfindings, 0);
	assert_string_equal(fixture_get(r, "联系电话"), "13900000001");
	assert_string_equal(fixture_get(r, "人员类别"), "律师");
}

static void
phone_invalid(void **ctx)
{
	struct la_record *r = check_with(ctx, "联系电话", "12345");

	assert_status(r, "ineligible");
	assert_int_equal(fixture_count(r, "phone"), 1);
}

static void
impossible_birth_date(void **ctx)
{
	struct la_record *r = check_with(ctx, "出生日期", "2023-02-29");

	assert_status(r, "ineligible");
	assert_int_equal(fixture_count(r, "input"), 1);
}

static void
practice_years_not_number(void **ctx)
{
	struct la_record *r = check_with(ctx, "执业年限", "8年");

	assert_status(r, "ineligible");
	assert_int_equal(fixture_count(r, "input"), 1);
}

static void
tick_notation_services(void **ctx)
{
	struct la_record *r = check_with(ctx, "提供援助服务意向",
	    "刑事辩护□;民事代理∨");

	assert_string_equal(fixture_get(r, "eligible_services"), "civil");
	assert_int_equal(r->nfindings, 0);
}

static void
duplicate_flags_both(void **ctx)
{
	struct state *s = *ctx;
	struct la_record twin;
	struct la_error err;

	la_error_clear(&err);
	la_record_init(&twin);
	fixture_fill(&twin, base);
	twin.line = 9;
	assert_int_equal(la_validate_index(&s->v, &s->r, &err), 0);
	assert_int_equal(la_validate_index(&s->v, &twin, &err), 0);
	assert_int_equal(la_validate_record(&s->v, &s->r, &err), 0);
	assert_int_equal(la_validate_record(&s->v, &twin, &err), 0);
	assert_status(&s->r, "ineligible");
	assert_status(&twin, "ineligible");
	/* One finding for the ID number and one for the licence number. */
	assert_int_equal(fixture_count(&s->r, "duplicate"), 2);
	assert_int_equal(fixture_count(&twin, "duplicate"), 2);
	assert_non_null(strstr(s->r.findings[0].message, "line 9"));
	assert_non_null(strstr(twin.findings[0].message, "line 2"));
	la_record_free(&twin);
}

/* Ending the index drops single keys but keeps both rows of a pair. */
static void
duplicate_after_index_end(void **ctx)
{
	static const char *const other[] = {
		"身份证号", "110105194912310021",
		"执业证号", "15002201410000009",
		NULL
	};
	struct state *s = *ctx;
	struct la_record twin, single;
	struct la_error err;

	la_error_clear(&err);
	la_record_init(&twin);
	la_record_init(&single);
	fixture_fill(&twin, base);
	fixture_fill(&single, base);
	fixture_fill(&single, other);
	twin.line = 9;
	single.line = 12;
	assert_int_equal(la_validate_index(&s->v, &s->r, &err), 0);
	assert_int_equal(la_validate_index(&s->v, &single, &err), 0);
	assert_int_equal(la_validate_index(&s->v, &twin, &err), 0);
	assert_int_equal(la_validate_index_end(&s->v, &err), 0);
	assert_int_equal(la_validate_record(&s->v, &s->r, &err), 0);
	assert_int_equal(la_validate_record(&s->v, &single, &err), 0);
	assert_int_equal(la_validate_record(&s->v, &twin, &err), 0);
	assert_int_equal(fixture_count(&s->r, "duplicate"), 2);
	assert_int_equal(fixture_count(&twin, "duplicate"), 2);
	assert_int_equal(fixture_count(&single, "duplicate"), 0);
	assert_non_null(strstr(twin.findings[0].message, "line 2"));
	la_record_free(&twin);
	la_record_free(&single);
}

/* Asserts that value gives the duplicate key want. */
static void
assert_dup_key(const char *value, const char *want)
{
	char key[64];

	assert_int_equal(check_dup_key(value, strlen(value), key, sizeof(key)),
	    strlen(want));
	assert_string_equal(key, want);
}

/* Plain numbers come back as they are, and the others are cleaned. */
static void
duplicate_keys_cleaned(void **ctx)
{
	char key[8];

	(void)ctx;
	assert_dup_key("11010519491231002x", "11010519491231002X");
	assert_dup_key("0123", "0123");
	assert_dup_key(" 0123 ", "0123");
	assert_dup_key("１５００２２０１４１", "1500220141");
	assert_dup_key("150-0220-141", "1500220141");
	assert_int_equal(check_dup_key("", 0, key, sizeof(key)), 0);
	assert_int_equal(check_dup_key("1.5E+16", 7, key, sizeof(key)), 0);
	/* A number too long for the buffer is no key. */
	assert_int_equal(check_dup_key("12345678", 8, key, sizeof(key)), 0);
}

/*
 * Checks that numbers of more than 8 digits, which skip la_clean_digits(),
 * get the key that it and an upper-case X give.
 */
static void
duplicate_keys_digits_match_cleaned(void **ctx)
{
	static const char *const values[] = {
		"500222198001010011", "50022219800101001x",
		"50022219800101001X", "15002199410000000", "123456789",
		"12345678", "1234567x9", "x23456789", "5002221980010100 1",
	};
	char key[64], want[64], why[128];
	unsigned flags;

	(void)ctx;
	for (size_t i = 0; i < sizeof(values) / sizeof(values[0]); i++) {
		const char *v = values[i];

		assert_int_equal(la_clean_digits(v, 0, want, sizeof(want),
		    &flags, why, sizeof(why)), LA_NORM_OK);
		for (char *p = want; *p != '\0'; p++)
			*p = *p == 'x' ? 'X' : *p;
		assert_int_equal(check_dup_key(v, strlen(v), key,
		    sizeof(key)), strlen(want));
		assert_string_equal(key, want);
	}
	/* Nine digits fit in ten bytes, not in nine. */
	assert_int_equal(check_dup_key("123456789", 9, key, 10), 9);
	assert_string_equal(key, "123456789");
	assert_int_equal(check_dup_key("123456789", 9, key, 9), 0);
}

/* Validates s->r and a copy of the base applicant changed by pairs. */
static void
check_pair(void **ctx, struct la_record *twin, const char *const *pairs)
{
	struct state *s = *ctx;
	struct la_error err;

	la_error_clear(&err);
	fixture_fill(twin, base);
	fixture_fill(twin, pairs);
	twin->line = 9;
	assert_int_equal(la_validate_index(&s->v, &s->r, &err), 0);
	assert_int_equal(la_validate_index(&s->v, twin, &err), 0);
	assert_int_equal(la_validate_record(&s->v, &s->r, &err), 0);
	assert_int_equal(la_validate_record(&s->v, twin, &err), 0);
}

/* The check character x is the same as X when numbers are compared. */
static void
duplicate_id_ignores_case(void **ctx)
{
	static const char *const changes[] = {
		"身份证号", "50011019850315139X",
		"执业证号", "15002201410000002",
		NULL
	};
	struct state *s = *ctx;
	struct la_record twin;

	la_record_init(&twin);
	fixture_set(&s->r, "身份证号", "50011019850315139x");
	check_pair(ctx, &twin, changes);
	assert_int_equal(fixture_count(&s->r, "id_number"), 0);
	assert_int_equal(fixture_count(&s->r, "duplicate"), 1);
	assert_int_equal(fixture_count(&twin, "duplicate"), 1);
	assert_string_equal(s->r.findings[0].field, "id_number");
	assert_non_null(strstr(s->r.findings[0].message, "line 9"));
	la_record_free(&twin);
}

/* A licence number too long to check is still compared with others. */
static void
duplicate_long_license(void **ctx)
{
	struct state *s = *ctx;
	struct la_record twin;
	char license[301];
	const char *const changes[] = { "执业证号", license, NULL };

	memset(license, '1', 300);
	license[300] = '\0';
	la_record_init(&twin);
	fixture_set(&s->r, "执业证号", license);
	check_pair(ctx, &twin, changes);
	assert_int_equal(fixture_count(&s->r, "license_no"), 1);
	assert_int_equal(fixture_count(&twin, "license_no"), 1);
	/* One for the ID number, one for the licence number. */
	assert_int_equal(fixture_count(&s->r, "duplicate"), 2);
	assert_int_equal(fixture_count(&twin, "duplicate"), 2);
	la_record_free(&twin);
}

/* Fills r with the base applicant changed by pairs and checks it. */
static void
check_fresh(struct state *s, struct la_record *r, const char *const *pairs)
{
	struct la_error err;

	la_error_clear(&err);
	la_record_init(r);
	fixture_fill(r, base);
	fixture_fill(r, pairs);
	r->line = 3;
	assert_int_equal(la_validate_record(&s->v, r, &err), 0);
}

/* Each record with an unknown service gets its own finding. */
static void
repeat_unknown_service(void **ctx)
{
	static const char *const changes[] = {
		"提供援助服务意向", "刑事辩护、法律咨询", NULL
	};
	struct state *s = *ctx;
	struct la_record r;

	for (int i = 0; i < 3; i++) {
		check_fresh(s, &r, changes);
		assert_status(&r, "eligible");
		assert_string_equal(fixture_get(&r, "eligible_services"),
		    "criminal");
		assert_int_equal(r.nfindings, 1);
		assert_int_equal(fixture_count(&r, "review"), 1);
		la_record_free(&r);
	}
}

static void
repeat_known_services(void **ctx)
{
	static const char *const civil[] = {
		"提供援助服务意向", "民事代理", NULL
	};
	static const char *const ticked[] = {
		"提供援助服务意向", "刑事辩护∨;民事代理□", NULL
	};
	struct state *s = *ctx;
	struct la_record r;

	for (int i = 0; i < 2; i++) {
		check_fresh(s, &r, civil);
		assert_string_equal(fixture_get(&r, "eligible_services"),
		    "civil");
		assert_int_equal(r.nfindings, 0);
		la_record_free(&r);
		check_fresh(s, &r, ticked);
		assert_string_equal(fixture_get(&r, "eligible_services"),
		    "criminal");
		assert_int_equal(r.nfindings, 0);
		la_record_free(&r);
	}
}

/* One yes/no value means the same in every field. */
static void
repeat_yes_no_fields(void **ctx)
{
	static const char *const unit_no[] = {
		"熟练使用法律援助管理系统", "是", "推荐意见", "否", NULL
	};
	static const char *const system_no[] = {
		"熟练使用法律援助管理系统", "否", "推荐意见", "是", NULL
	};
	struct state *s = *ctx;
	struct la_record r;

	for (int i = 0; i < 2; i++) {
		check_fresh(s, &r, unit_no);
		assert_status(&r, "ineligible");
		assert_int_equal(r.nfindings, 1);
		assert_int_equal(fixture_count(&r, "recommendation"), 1);
		la_record_free(&r);
		check_fresh(s, &r, system_no);
		assert_status(&r, "ineligible");
		assert_int_equal(r.nfindings, 1);
		assert_int_equal(fixture_count(&r, "system"), 1);
		la_record_free(&r);
	}
}

/* An unreadable value is flagged on every record, not remembered. */
static void
repeat_invalid_yes_no(void **ctx)
{
	static const char *const changes[] = { "是否值班", "maybe", NULL };
	struct state *s = *ctx;
	struct la_record r;

	for (int i = 0; i < 2; i++) {
		check_fresh(s, &r, changes);
		assert_status(&r, "ineligible");
		assert_int_equal(fixture_count(&r, "input"), 1);
		assert_string_equal(r.findings[0].field, "duty");
		la_record_free(&r);
	}
}

/* Grassroots legal workers lose criminal defence, lawyers keep it. */
static void
repeat_categories(void **ctx)
{
	static const char *const worker[] = {
		"人员类别", "基层法律服务工作者", NULL
	};
	static const char *const lawyer[] = { "人员类别", "律师", NULL };
	const char *const *order[] = { worker, lawyer, worker };
	const char *want[] = { "civil", "criminal;civil", "civil" };
	struct state *s = *ctx;
	struct la_record r;

	for (int i = 0; i < 3; i++) {
		check_fresh(s, &r, order[i]);
		assert_status(&r, "eligible");
		assert_string_equal(fixture_get(&r, "eligible_services"),
		    want[i]);
		assert_int_equal(fixture_count(&r, "criminal_experience"),
		    i == 1 ? 0 : 1);
		la_record_free(&r);
	}
}

static void
repeat_documents(void **ctx)
{
	static const char *const short_list[] = {
		"提交材料", "申请表、执业证复印件", NULL
	};
	struct state *s = *ctx;
	struct la_record r;

	for (int i = 0; i < 2; i++) {
		check_fresh(s, &r, short_list);
		assert_status(&r, "ineligible");
		assert_int_equal(r.nfindings, 1);
		assert_int_equal(fixture_count(&r, "documents"), 1);
		assert_non_null(strstr(r.findings[0].message, "id_copy"));
		la_record_free(&r);
	}
	check_fresh(s, &r, (const char *const[]){ NULL });
	assert_status(&r, "eligible");
	assert_int_equal(r.nfindings, 0);
	la_record_free(&r);
}

/* A copy of the checker remembers values apart from the original. */
static void
repeat_copy_independent(void **ctx)
{
	static const char *const civil[] = {
		"提供援助服务意向", "民事代理", NULL
	};
	struct state *s = *ctx;
	struct la_validate copy;
	struct la_error err;
	struct la_record r;
	int bits = 0;

	la_error_clear(&err);
	copy = s->v;
	la_record_init(&r);
	fixture_fill(&r, base);
	fixture_fill(&r, civil);
	assert_int_equal(la_validate_record(&copy, &r, &err), 0);
	assert_string_equal(fixture_get(&r, "eligible_services"), "civil");
	assert_int_equal(la_memo_find(&copy.services, "民事代理",
	    strlen("民事代理"), &bits), 1);
	assert_int_equal(bits, LA_SVC_CIVIL);
	assert_int_equal(la_memo_find(&s->v.services, "民事代理",
	    strlen("民事代理"), &bits), 0);
	assert_int_equal(s->v.checked, 0);
	assert_int_equal(copy.checked, 1);
	la_record_free(&r);
}

/* An "input" finding of the reader keeps the checks from a second one. */
static void
reader_input_finding_kept(void **ctx)
{
	static const char *const changes[] = { "办案数量", "12件", NULL };
	struct state *s = *ctx;
	struct la_error err;
	struct la_record r;

	la_error_clear(&err);
	la_record_init(&r);
	fixture_fill(&r, base);
	fixture_fill(&r, changes);
	assert_int_equal(la_record_add_finding(&r, "input", "case_count",
	    "cut short"), 0);
	assert_int_equal(la_validate_record(&s->v, &r, &err), 0);
	assert_status(&r, "ineligible");
	assert_int_equal(r.nfindings, 1);
	assert_string_equal(r.findings[0].message, "cut short");
	la_record_free(&r);
	/* Without it the checks flag the value themselves. */
	check_fresh(s, &r, changes);
	assert_int_equal(r.nfindings, 1);
	assert_string_equal(r.findings[0].field, "case_count");
	assert_non_null(strstr(r.findings[0].message, "invalid case_count"));
	la_record_free(&r);
}

/* Names with U+3000 or U+00A0 inside are for the clerk to review. */
static void
name_wide_space_review(void **ctx)
{
	static const char *const names[] = {
		"王\u3000建", "李\u00a0四", "张三\u3001", "赵\xe3\x80", "欧阳娜娜"
	};
	static const int reviews[] = { 1, 1, 0, 0, 0 };
	struct state *s = *ctx;
	struct la_record r;

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		const char *const changes[] = { "姓名", names[i], NULL };

		check_fresh(s, &r, changes);
		assert_int_equal(fixture_count(&r, "review"), reviews[i]);
		la_record_free(&r);
	}
}

/*
 * The base ID number has 3 as its 17th digit, so it is a man's: 男, M and
 * m match it, 女, F and f do not, and other values cannot be read.
 */
static void
gender_forms(void **ctx)
{
	static const struct {
		const char *gender;
		int mismatch;
		int invalid;
	} cases[] = {
		{ "男", 0, 0 }, { "M", 0, 0 }, { "m", 0, 0 },
		{ "女", 1, 0 }, { "F", 1, 0 }, { "f", 1, 0 },
		{ "男性", 0, 1 }, { "X", 0, 1 }, { "MM", 0, 1 }
	};
	struct state *s = *ctx;
	struct la_record r;

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const char *const changes[] = {
			"性别", cases[i].gender, NULL
		};

		check_fresh(s, &r, changes);
		assert_int_equal(fixture_count(&r, "id_number"),
		    cases[i].mismatch);
		assert_int_equal(fixture_count(&r, "input"), cases[i].invalid);
		la_record_free(&r);
	}
}

/*
 * The finding for too few years of criminal practice is kept for four
 * numbers of years. Six in turn, then the first two again, must each read
 * as if made anew: 2 years are needed.
 */
static void
repeat_short_criminal(void **ctx)
{
	static const char *const years[] = {
		"1", "0", "1.5", "0.5", "1.25", "1.75", "1", "0", "001"
	};
	struct state *s = *ctx;
	struct la_record r;
	char want[160];

	for (size_t i = 0; i < sizeof(years) / sizeof(years[0]); i++) {
		const char *const changes[] = {
			"刑事执业年限", years[i], NULL
		};

		check_fresh(s, &r, changes);
		/* %g writes 001 as 1. */
		snprintf(want, sizeof(want), "criminal (刑事辩护) removed: %s "
		    "years of criminal practice, 2 needed",
		    i == 8 ? "1" : years[i]);
		assert_status(&r, "eligible");
		assert_string_equal(fixture_get(&r, "eligible_services"),
		    "civil");
		assert_int_equal(r.nfindings, 1);
		assert_string_equal(r.findings[0].rule, "criminal_experience");
		assert_string_equal(r.findings[0].field,
		    "criminal_practice_years");
		assert_string_equal(r.findings[0].message, want);
		la_record_free(&r);
	}
}

/* The window's bounds are written in the rules' zone, Asia/Shanghai. */
static void
window_messages(void **ctx)
{
	static const char *const late[] = {
		"申报时间", "2024-03-20T09:01:00Z", NULL
	};
	static const char *const early[] = {
		"申报时间", "2024-03-14 23:59", NULL
	};
	struct state *s = *ctx;
	struct la_record r;

	check_fresh(s, &r, late);
	assert_int_equal(r.nfindings, 1);
	assert_string_equal(r.findings[0].message, "submitted 2024-03-20 "
	    "17:01, after the window closed at 2024-03-20 17:00; a late "
	    "application counts as withdrawn");
	la_record_free(&r);
	check_fresh(s, &r, early);
	assert_int_equal(r.nfindings, 1);
	assert_string_equal(r.findings[0].message, "submitted 2024-03-14 "
	    "23:59, before the window opened at 2024-03-15 00:00");
	la_record_free(&r);
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		T(base_is_eligible),
		T(init_sets_run_dates),
		T(init_sets_texts),
		T(years_before_counts_months),
		T(gettext_caches_messages),
		T(gettext_full_cache),
		T(finding_whole_message_cut),
		T(name_wide_space_review),
		T(window_closes_at_17_00),
		T(window_16_59_on_time),
		T(window_17_00_01_late),
		T(window_17_01_late),
		T(window_utc_offset),
		T(window_utc_offset_late),
		T(window_before_open),
		T(window_missing_time),
		T(criminal_short_keeps_civil),
		T(criminal_two_years_to_day),
		T(criminal_two_years_less_day),
		T(criminal_since_to_day),
		T(criminal_since_day_short),
		T(worker_never_criminal),
		T(general_one_year_to_day),
		T(general_one_year_less_day),
		T(penalty_three_years_to_day),
		T(penalty_inside_look_back),
		T(upheld_complaint),
		T(assessment_failed),
		T(assessment_score_59),
		T(assessment_score_60),
		T(prior_case_unqualified),
		T(system_not_proficient),
		T(recommendation_missing),
		T(document_missing),
		T(district_other),
		T(district_long_name),
		T(id_check_digit_wrong),
		T(id_gender_mismatch),
		T(id_birth_mismatch),
		T(license_excel_notation),
		T(phone_full_width),
		T(numbers_full_width_review),
		T(license_excel_text_review),
		T(id_number_excel_text_review),
		T(criminal_years_unused_invalid),
		T(number_full_width_invalid),
		T(spaces_around_values_trimmed),
		T(licensed_since_invalid_once),
		T(nul_inside_value_cut),
		T(nul_inside_short_value_cut),
		T(phone_invalid),
		T(impossible_birth_date),
		T(practice_years_not_number),
		T(tick_notation_services),
		T(duplicate_flags_both),
		T(duplicate_after_index_end),
		T(duplicate_keys_cleaned),
		T(duplicate_keys_digits_match_cleaned),
		T(duplicate_id_ignores_case),
		T(duplicate_long_license),
		T(repeat_unknown_service),
		T(repeat_known_services),
		T(repeat_yes_no_fields),
		T(repeat_invalid_yes_no),
		T(repeat_categories),
		T(repeat_documents),
		T(repeat_copy_independent),
		T(reader_input_finding_kept),
		T(gender_forms),
		T(repeat_short_criminal),
		T(window_messages),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
