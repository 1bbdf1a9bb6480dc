/* SPDX-License-Identifier: MIT */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalogue.h"

#define MAX_ALIASES 8

struct field_def {
	const char *name;
	const char *label;
	const char *aliases[MAX_ALIASES];
};

/*
 * Indexed by enum la_field_id. Aliases include the traditional-character
 * headers of forms saved in Big5, so that such a sheet reads the same once
 * decoded.
 */
static const struct field_def fields[LA_F_COUNT] = {
	[LA_F_NAME] = { "name", "姓名", { "姓名" } },
	[LA_F_GENDER] = { "gender", "性别", { "性别", "性別" } },
	[LA_F_BIRTH_DATE] = { "birth_date", "出生日期", { "出生日期" } },
	[LA_F_ID_NUMBER] = { "id_number", "身份证号",
	    { "身份证号", "公民身份号码", "身份证号码", "身分證號",
	    "身份證號", "身分證字號" } },
	[LA_F_POLITICAL_STATUS] = { "political_status", "政治面貌",
	    { "政治面貌" } },
	[LA_F_EDUCATION] = { "education", "学历", { "学历", "學歷" } },
	[LA_F_CATEGORY] = { "category", "人员类别",
	    { "人员类别", "类别", "人員類別" } },
	[LA_F_PRACTICE_YEARS] = { "practice_years", "执业年限",
	    { "执业年限", "執業年限" } },
	[LA_F_LICENSED_SINCE] = { "licensed_since", "取得执业资格日期",
	    { "取得执业资格日期", "执业资格取得日期", "首次执业日期" } },
	[LA_F_CRIMINAL_PRACTICE_YEARS] = { "criminal_practice_years",
	    "刑事执业年限", { "刑事执业年限", "刑事办案年限" } },
	[LA_F_CRIMINAL_SINCE] = { "criminal_since", "刑事执业起始日期",
	    { "刑事执业起始日期", "首次刑事执业日期" } },
	[LA_F_PRACTICE_UNIT] = { "practice_unit", "执业单位",
	    { "执业单位", "执业机构", "執業單位", "執業機構" } },
	[LA_F_PHONE] = { "phone", "联系电话",
	    { "联系电话", "手机号码", "聯絡電話", "聯繫電話", "手機號碼" } },
	[LA_F_OFFICE_PHONE] = { "office_phone", "办公电话",
	    { "办公电话", "辦公電話" } },
	[LA_F_LICENSE_NO] = { "license_no", "执业证号",
	    { "执业证号", "執業證號" } },
	[LA_F_ADDRESS] = { "address", "通讯地址",
	    { "通讯地址", "通訊地址" } },
	[LA_F_REGISTERED_DISTRICT] = { "registered_district", "注册地",
	    { "注册地", "执业注册地" } },
	[LA_F_SERVICES] = { "services", "服务意向",
	    { "提供援助服务意向", "服务意向", "服務意向" } },
	[LA_F_DUTY] = { "duty", "是否值班", { "是否值班" } },
	[LA_F_EXPERIENCE] = { "experience", "执业经历",
	    { "申请人执业经历", "执业经历" } },
	[LA_F_REWARDS_PENALTIES] = { "rewards_penalties", "奖惩情况",
	    { "奖惩情况" } },
	[LA_F_LAST_PENALTY_DATE] = { "last_penalty_date", "最近处罚日期",
	    { "最近处罚日期", "处罚日期" } },
	[LA_F_UPHELD_COMPLAINTS] = { "upheld_complaints", "有效投诉次数",
	    { "有效投诉次数", "有效投诉" } },
	[LA_F_ASSESSMENT_PASSED] = { "assessment_passed", "准入考核",
	    { "准入考核", "准入考核结果" } },
	[LA_F_ASSESSMENT_SCORE] = { "assessment_score", "准入考核成绩",
	    { "准入考核成绩", "考核成绩" } },
	[LA_F_CASE_COUNT] = { "case_count", "办案数量", { "办案数量" } },
	[LA_F_PRIOR_AID_CASES] = { "prior_aid_cases", "已办法律援助案件数",
	    { "已办法律援助案件数" } },
	[LA_F_PRIOR_AID_UNQUALIFIED] = { "prior_aid_unqualified",
	    "不合格案件数", { "不合格案件数" } },
	[LA_F_AID_ACTIVITY] = { "aid_activity", "公益活动次数",
	    { "公益活动次数", "志愿服务次数" } },
	[LA_F_SYSTEM_PROFICIENT] = { "system_proficient",
	    "熟练使用法律援助管理系统", { "熟练使用法律援助管理系统" } },
	[LA_F_RECOMMENDED_BY_UNIT] = { "recommended_by_unit", "推荐意见",
	    { "推荐意见", "所在单位推荐" } },
	[LA_F_DOCUMENTS] = { "documents", "提交材料", { "提交材料" } },
	[LA_F_SUBMITTED_AT] = { "submitted_at", "申报时间",
	    { "申报时间", "提交时间" } },
	[LA_F_STATUS] = { "status", "状态", { "状态" } },
	[LA_F_ELIGIBLE_SERVICES] = { "eligible_services", "可承办服务",
	    { "可承办服务" } },
	[LA_F_FINDINGS] = { "findings", "审查意见", { "审查意见" } },
	[LA_F_SCORE] = { "score", "得分", { "得分" } },
	[LA_F_RANK] = { "rank", "排名", { "排名" } },
	[LA_F_SELECTION] = { "selection", "遴选结果", { "遴选结果" } },
	[LA_F_SELECTION_REASON] = { "selection_reason", "遴选说明",
	    { "遴选说明" } },
	[LA_F_TERM_START] = { "term_start", "任期开始", { "任期开始" } },
	[LA_F_TERM_END] = { "term_end", "任期结束", { "任期结束" } },
	[LA_F_STATUS_REASON] = { "status_reason", "状态原因",
	    { "状态原因" } },
	[LA_F_SUSPENDED_UNTIL] = { "suspended_until", "暂停至",
	    { "暂停至" } },
};

const char *
la_field_name(enum la_field_id id)
{
	return (unsigned)id < LA_F_COUNT ? fields[id].name : NULL;
}

const char *
la_field_label(enum la_field_id id)
{
	return (unsigned)id < LA_F_COUNT ? fields[id].label : NULL;
}

/* Compares len bytes, ignoring the case of ASCII letters. */
static int
same_bytes(const char *a, const char *b, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		unsigned char x = (unsigned char)a[i];
		unsigned char y = (unsigned char)b[i];

		if (x == y)
			continue;
		if (x >= 'A' && x <= 'Z')
			x = (unsigned char)(x - 'A' + 'a');
		if (y >= 'A' && y <= 'Z')
			y = (unsigned char)(y - 'A' + 'a');
		if (x != y)
			return 0;
	}
	return 1;
}

/* Compares a (alen bytes) with the string b, as same_bytes() does. */
static int
same_text(const char *a, size_t alen, const char *b)
{
	return strlen(b) == alen && same_bytes(a, b, alen);
}

int
la_field_lookup(const char *header, size_t len)
{
	for (int id = 0; id < LA_F_COUNT; id++) {
		if (same_text(header, len, fields[id].name))
			return id;
		for (int i = 0; i < MAX_ALIASES; i++) {
			const char *alias = fields[id].aliases[i];

			if (alias != NULL && same_text(header, len, alias))
				return id;
		}
	}
	return -1;
}

int
la_header_resolve(struct la_header *h, const char *file,
    struct la_error *err)
{
	for (size_t i = 0; i < h->ncols; i++)
		h->ids[i] = la_field_lookup(h->names[i], strlen(h->names[i]));
	for (size_t i = 0; i < h->ncols; i++) {
		for (size_t j = i + 1; j < h->ncols; j++) {
			if (strcmp(h->names[i], h->names[j]) == 0)
				return la_error_set(err, LA_ERR_HEADER, file,
				    1, h->names[j],
				    "duplicate column name \"%s\" in columns "
				    "%zu and %zu; rename one of them",
				    h->names[i], i + 1, j + 1);
			if (h->ids[i] >= 0 && h->ids[i] == h->ids[j])
				return la_error_set(err, LA_ERR_HEADER, file,
				    1, h->names[j],
				    "columns %zu (\"%s\") and %zu (\"%s\") "
				    "both map to field %s; keep one of them",
				    i + 1, h->names[i], j + 1, h->names[j],
				    la_field_name(h->ids[i]));
		}
	}
	return 0;
}

void
la_header_free(struct la_header *h)
{
	for (size_t i = 0; i < h->ncols; i++)
		free(h->names[i]);
	free(h->names);
	free(h->ids);
	memset(h, 0, sizeof(*h));
}

struct word {
	unsigned value;
	const char *text;
	size_t len;		/* strlen(text), known before any look-up */
};

#define WORD(value, text) { value, text, sizeof(text) - 1 }

/*
 * Service words seen on application forms. 刑事 covers defence and acting
 * for victims; 劳动争议 is taken as labour arbitration because legal aid in
 * labour disputes starts at the arbitration commission.
 */
static const struct word service_words[] = {
	WORD(LA_SVC_CRIMINAL, "criminal"),
	WORD(LA_SVC_CRIMINAL, "刑事辩护"),
	WORD(LA_SVC_CRIMINAL, "刑事"),
	WORD(LA_SVC_CRIMINAL, "刑事代理"),
	WORD(LA_SVC_CRIMINAL, "刑事案件"),
	WORD(LA_SVC_CIVIL, "civil"),
	WORD(LA_SVC_CIVIL, "民事代理"),
	WORD(LA_SVC_CIVIL, "民事"),
	WORD(LA_SVC_CIVIL, "民事案件"),
	WORD(LA_SVC_CIVIL, "民事诉讼代理"),
	WORD(LA_SVC_ADMINISTRATIVE, "administrative"),
	WORD(LA_SVC_ADMINISTRATIVE, "行政代理"),
	WORD(LA_SVC_ADMINISTRATIVE, "行政"),
	WORD(LA_SVC_ADMINISTRATIVE, "行政案件"),
	WORD(LA_SVC_ADMINISTRATIVE, "行政诉讼代理"),
	WORD(LA_SVC_LABOR_ARBITRATION, "labor_arbitration"),
	WORD(LA_SVC_LABOR_ARBITRATION, "劳动仲裁"),
	WORD(LA_SVC_LABOR_ARBITRATION, "劳动争议"),
	WORD(LA_SVC_LABOR_ARBITRATION, "劳动争议仲裁"),
};

static const struct word document_words[] = {
	WORD(LA_DOC_APPLICATION_FORM, "application_form"),
	WORD(LA_DOC_APPLICATION_FORM, "申请表"),
	WORD(LA_DOC_APPLICATION_FORM, "报名表"),
	WORD(LA_DOC_LICENSE_COPY, "license_copy"),
	WORD(LA_DOC_LICENSE_COPY, "执业证复印件"),
	WORD(LA_DOC_LICENSE_COPY, "执业证"),
	WORD(LA_DOC_ID_COPY, "id_copy"),
	WORD(LA_DOC_ID_COPY, "身份证复印件"),
	WORD(LA_DOC_ID_COPY, "身份证"),
};

/* Any kind of lawyer (full-time, part-time, public, company) is a lawyer. */
static const struct word category_words[] = {
	WORD(LA_CAT_LAWYER, "lawyer"),
	WORD(LA_CAT_LAWYER, "律师"),
	WORD(LA_CAT_LAWYER, "社会律师"),
	WORD(LA_CAT_LAWYER, "专职律师"),
	WORD(LA_CAT_LAWYER, "兼职律师"),
	WORD(LA_CAT_LAWYER, "公职律师"),
	WORD(LA_CAT_LAWYER, "公司律师"),
	WORD(LA_CAT_LAWYER, "法律援助律师"),
	WORD(LA_CAT_LEGAL_WORKER, "legal_worker"),
	WORD(LA_CAT_LEGAL_WORKER, "法律工作者"),
	WORD(LA_CAT_LEGAL_WORKER, "基层法律服务工作者"),
	WORD(LA_CAT_LEGAL_WORKER, "法律服务工作者"),
};

static unsigned
lookup_word(const struct word *words, size_t n, const char *item,
    size_t len)
{
	for (size_t i = 0; i < n; i++)
		if (words[i].len == len && same_bytes(item, words[i].text, len))
			return words[i].value;
	return 0;
}

#define NWORDS(a) (sizeof(a) / sizeof((a)[0]))

unsigned
la_service_lookup(const char *item, size_t len)
{
	return lookup_word(service_words, NWORDS(service_words), item, len);
}

unsigned
la_document_lookup(const char *item, size_t len)
{
	return lookup_word(document_words, NWORDS(document_words), item, len);
}

enum la_category
la_category_lookup(const char *item, size_t len)
{
	return (enum la_category)lookup_word(category_words,
	    NWORDS(category_words), item, len);
}

const char *
la_service_name(unsigned bit)
{
	switch (bit) {
	case LA_SVC_CRIMINAL:
		return "criminal";
	case LA_SVC_CIVIL:
		return "civil";
	case LA_SVC_ADMINISTRATIVE:
		return "administrative";
	case LA_SVC_LABOR_ARBITRATION:
		return "labor_arbitration";
	}
	return NULL;
}

const char *
la_service_label(unsigned bit)
{
	switch (bit) {
	case LA_SVC_CRIMINAL:
		return "刑事辩护";
	case LA_SVC_CIVIL:
		return "民事代理";
	case LA_SVC_ADMINISTRATIVE:
		return "行政代理";
	case LA_SVC_LABOR_ARBITRATION:
		return "劳动仲裁";
	}
	return NULL;
}

const char *
la_document_name(unsigned bit)
{
	switch (bit) {
	case LA_DOC_APPLICATION_FORM:
		return "application_form";
	case LA_DOC_LICENSE_COPY:
		return "license_copy";
	case LA_DOC_ID_COPY:
		return "id_copy";
	}
	return NULL;
}

const char *
la_category_name(enum la_category c)
{
	switch (c) {
	case LA_CAT_LAWYER:
		return "lawyer";
	case LA_CAT_LEGAL_WORKER:
		return "legal_worker";
	case LA_CAT_UNKNOWN:
		break;
	}
	return NULL;
}

const char *
la_category_label(enum la_category c)
{
	switch (c) {
	case LA_CAT_LAWYER:
		return "律师";
	case LA_CAT_LEGAL_WORKER:
		return "法律工作者";
	case LA_CAT_UNKNOWN:
		break;
	}
	return NULL;
}
