/* SPDX-License-Identifier: MIT */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "audit.h"
#include "catalogue.h"
#include "normalize.h"

/* Event fields, in the order of the names table below. */
enum event_field {
	EF_EVENT_ID,
	EF_TIME,
	EF_EVENT,
	EF_LICENSE_NO,
	EF_NAME,
	EF_CASE_ID,
	EF_STAGE,
	EF_CASE_TYPE,
	EF_SCORE,
	EF_GRADE,
	EF_REASON,
	EF_REASON_ACCEPTED,
	EF_AUTHORISED,
	EF_AUTHORITY,
	EF_DUTY,
	EF_COUNT
};

#define MAX_WORDS 6

/* A canonical name or value followed by the aliases accepted for it. */
struct words {
	const char *w[MAX_WORDS];
};

/* license_no and name are matched through the catalogue as well. */
static const struct words field_names[EF_COUNT] = {
	[EF_EVENT_ID] = { { LA_AUDIT_F_EVENT_ID, "事件编号", "id" } },
	[EF_TIME] = { { LA_AUDIT_F_TIME, "时间", "发生时间", "事件时间" } },
	[EF_EVENT] = { { LA_AUDIT_F_EVENT, "事件", "事件类型", "type" } },
	[EF_LICENSE_NO] = { { "license_no", "执业证号" } },
	[EF_NAME] = { { "name", "姓名" } },
	[EF_CASE_ID] = { { LA_AUDIT_F_CASE_ID, "案件编号", "案号" } },
	[EF_STAGE] = { { LA_AUDIT_F_STAGE, "阶段", "诉讼阶段", "办案阶段" } },
	[EF_CASE_TYPE] = { { LA_AUDIT_F_CASE_TYPE, "案件类型", "案件类别" } },
	[EF_SCORE] = { { LA_AUDIT_F_SCORE, "评分", "质量评分", "得分" } },
	[EF_GRADE] = { { LA_AUDIT_F_GRADE, "等级", "质量等级", "评定等级" } },
	[EF_REASON] = { { LA_AUDIT_F_REASON, "理由", "原因" } },
	[EF_REASON_ACCEPTED] = { { LA_AUDIT_F_REASON_ACCEPTED, "理由成立",
	    "理由是否成立" } },
	[EF_AUTHORISED] = { { LA_AUDIT_F_AUTHORISED, "authorized", "经批准",
	    "是否批准" } },
	[EF_AUTHORITY] = { { LA_AUDIT_F_AUTHORITY, "评定机关", "评定单位" } },
	[EF_DUTY] = { { LA_AUDIT_F_DUTY, "值班案件", "值班" } },
};

static const struct words event_types[LA_EV_NTYPES] = {
	[LA_EV_ASSIGNED] = { { "assigned", "指派" } },
	[LA_EV_ACCEPTED] = { { "accepted", "接受", "接受指派" } },
	[LA_EV_REFUSED] = { { "refused", "拒绝", "拒绝指派" } },
	[LA_EV_HANDLER_CHANGED] = { { "handler_changed", "更换承办人",
	    "变更承办人" } },
	[LA_EV_DUTY_ATTENDED] = { { "duty_attended", "值班到岗", "到岗" } },
	[LA_EV_DUTY_ABSENT] = { { "duty_absent", "值班缺勤", "缺勤" } },
	[LA_EV_CASE_CLOSED] = { { "case_closed", "结案" } },
	[LA_EV_CASE_REVIEWED] = { { "case_reviewed", "审查", "已审查" } },
	[LA_EV_CASE_FILED] = { { "case_filed", "结案归档", "归档" } },
	[LA_EV_RATED_UNQUALIFIED] = { { "rated_unqualified", "评为不合格" } },
	[LA_EV_COMPLAINT_UPHELD] = { { "complaint_upheld", "投诉成立",
	    "有效投诉" } },
};

static const struct words authorities[LA_AUTH_NTYPES] = {
	[LA_AUTH_MINISTRY] = { { "ministry", "司法部" } },
	[LA_AUTH_CITY_BUREAU] = { { "city_bureau", "市司法局",
	    "重庆市司法局" } },
	[LA_AUTH_DISTRICT_COMMITTEE] = { { "district_committee",
	    "区委政法委", "政法委" } },
	[LA_AUTH_DISTRICT_BUREAU] = { { "district_bureau", "区司法局",
	    "綦江区司法局" } },
};

static const struct words grades[LA_GRADE_NTYPES] = {
	[LA_GRADE_EXCELLENT] = { { "excellent", "优良", "优秀", "良好" } },
	[LA_GRADE_PASS] = { { "pass", "合格" } },
	[LA_GRADE_UNQUALIFIED] = { { "unqualified", "不合格", "fail" } },
};

/* Chinese names of case types, for la_case_type_parse()'s misses. */
static const struct words case_types[LA_CASE_NTYPES] = {
	[LA_CASE_CRIMINAL] = { { "criminal", "刑事", "刑事案件" } },
	[LA_CASE_CIVIL] = { { "civil", "民事", "民事案件" } },
	[LA_CASE_ADMINISTRATIVE] = { { "administrative", "行政",
	    "行政案件" } },
	[LA_CASE_LABOR_ARBITRATION] = { { "labor_arbitration", "劳动仲裁",
	    "劳动争议仲裁" } },
	[LA_CASE_NON_LITIGATION] = { { "non_litigation", "非诉讼",
	    "非诉讼事项" } },
};

/* Index of the entry of table whose words contain s (trimmed). */
static int
lookup(const struct words *table, int n, const char *s)
{
	size_t len;
	const char *t = la_trim(s, &len);

	for (int i = 0; i < n; i++)
		for (int k = 0; k < MAX_WORDS && table[i].w[k] != NULL; k++)
			if (strlen(table[i].w[k]) == len &&
			    strncasecmp(table[i].w[k], t, len) == 0)
				return i;
	return -1;
}

const char *
la_event_type_name(enum la_event_type t)
{
	return event_types[t].w[0];
}

int
la_event_type_parse(const char *s)
{
	return lookup(event_types, LA_EV_NTYPES, s);
}

const char *
la_authority_name(enum la_authority a)
{
	return authorities[a].w[0];
}

int
la_authority_parse(const char *s)
{
	return lookup(authorities, LA_AUTH_NTYPES, s);
}

const char *
la_grade_name(enum la_grade g)
{
	return g == LA_GRADE_NONE ? "" : grades[g].w[0];
}

int
la_grade_parse(const char *s)
{
	return lookup(grades, LA_GRADE_NTYPES, s);
}

enum la_grade
la_grade_of_score(const struct la_rules *r, double score)
{
	if (score >= r->grade_excellent_min)
		return LA_GRADE_EXCELLENT;
	if (score >= r->grade_pass_min)
		return LA_GRADE_PASS;
	return LA_GRADE_UNQUALIFIED;
}

static int
column_id(const struct la_field *f)
{
	if (f->id == LA_F_LICENSE_NO)
		return EF_LICENSE_NO;
	if (f->id == LA_F_NAME)
		return EF_NAME;
	return lookup(field_names, EF_COUNT, f->name);
}

/* Values of the record by event field; NULL for an absent field. */
static void
collect(const struct la_record *r, struct la_event_columns *cols,
    const char *val[EF_COUNT])
{
	for (int k = 0; k < EF_COUNT; k++)
		val[k] = NULL;
	for (size_t i = 0; i < r->nfields; i++) {
		const struct la_field *f = &r->fields[i];
		int id;

		if (cols != NULL && i < LA_AUDIT_MAX_COLUMNS &&
		    cols->names[i] == f->name) {
			id = cols->ids[i];
		} else {
			id = column_id(f);
			if (cols != NULL && i < LA_AUDIT_MAX_COLUMNS) {
				cols->names[i] = f->name;
				cols->ids[i] = id;
			}
		}
		if (id >= 0 && val[id] == NULL)
			val[id] = f->value;
	}
}

/*
 * The trimmed value, or "" when absent. The value is trimmed in place: it
 * lives in the record's arena, which the caller gave up to the parse.
 */
static const char *
text(const char *v)
{
	size_t len;
	const char *t;

	if (v == NULL)
		return "";
	t = la_trim(v, &len);
	((char *)t)[len] = '\0';
	return t;
}

static int fail(char *why, size_t size, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int
fail(char *why, size_t size, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, size, fmt, ap);
	va_end(ap);
	return -1;
}

static int
need(const char *v, const char *field, char *why, size_t size)
{
	if (*v != '\0')
		return 0;
	return fail(why, size, "%s is missing", field);
}

static int
parse_bool(const char *v, const char *field, int *out, char *why,
    size_t size)
{
	char reason[96];

	switch (la_parse_bool(v, out, reason, sizeof(reason))) {
	case LA_NORM_OK:
		return 0;
	case LA_NORM_EMPTY:
		return fail(why, size, "%s is missing", field);
	default:
		return fail(why, size, "%s is not yes or no: \"%s\"", field, v);
	}
}

static int
parse_case_type(const char *v, struct la_audit_event *ev, char *why,
    size_t size)
{
	if (need(v, LA_AUDIT_F_CASE_TYPE, why, size) == -1)
		return -1;
	ev->case_type = la_case_type_parse(v);
	if (ev->case_type < 0)
		ev->case_type = lookup(case_types, LA_CASE_NTYPES, v);
	if (ev->case_type < 0)
		return fail(why, size, "%s is not a known case type: \"%s\"",
		    LA_AUDIT_F_CASE_TYPE, v);
	return 0;
}

static int
parse_score(const char *v, struct la_audit_event *ev, char *why,
    size_t size)
{
	char reason[96];
	int rc = la_parse_number(v, &ev->score, reason, sizeof(reason));

	if (rc == LA_NORM_EMPTY)
		return 0;
	if (rc != LA_NORM_OK || ev->score > 100)
		return fail(why, size, "%s is not a score from 0 to 100: \"%s\"",
		    LA_AUDIT_F_SCORE, v);
	ev->has_score = 1;
	return 0;
}

/*
 * A closed case needs its type and a score or a grade. When both are given
 * the score decides, so that the rules' bands apply to every scored case.
 */
static int
parse_closed(const char *val[EF_COUNT], const struct la_rules *rl,
    struct la_audit_event *ev, char *why, size_t size)
{
	const char *grade = text(val[EF_GRADE]);
	const char *duty = text(val[EF_DUTY]);

	if (parse_case_type(text(val[EF_CASE_TYPE]), ev, why, size) == -1 ||
	    parse_score(text(val[EF_SCORE]), ev, why, size) == -1)
		return -1;
	if (*grade != '\0' && (ev->grade = la_grade_parse(grade)) < 0)
		return fail(why, size, "%s is not 优良, 合格 or 不合格: \"%s\"",
		    LA_AUDIT_F_GRADE, grade);
	if (!ev->has_score && *grade == '\0')
		return fail(why, size, "%s and %s are both missing",
		    LA_AUDIT_F_SCORE, LA_AUDIT_F_GRADE);
	if (ev->has_score)
		ev->grade = la_grade_of_score(rl, ev->score);
	if (*duty != '\0' &&
	    parse_bool(duty, LA_AUDIT_F_DUTY, &ev->duty, why, size) == -1)
		return -1;
	return 0;
}

static int
parse_type_fields(const char *val[EF_COUNT], const struct la_rules *rl,
    struct la_audit_event *ev, char *why, size_t size)
{
	const char *auth;

	switch (ev->type) {
	case LA_EV_REFUSED:
		return parse_bool(text(val[EF_REASON_ACCEPTED]),
		    LA_AUDIT_F_REASON_ACCEPTED, &ev->reason_accepted, why,
		    size);
	case LA_EV_HANDLER_CHANGED:
		return parse_bool(text(val[EF_AUTHORISED]),
		    LA_AUDIT_F_AUTHORISED, &ev->authorised, why, size);
	case LA_EV_CASE_CLOSED:
		return parse_closed(val, rl, ev, why, size);
	case LA_EV_RATED_UNQUALIFIED:
		auth = text(val[EF_AUTHORITY]);
		if (need(auth, LA_AUDIT_F_AUTHORITY, why, size) == -1)
			return -1;
		if ((ev->authority = la_authority_parse(auth)) < 0)
			return fail(why, size, "%s is not 司法部, 市司法局, "
			    "区委政法委 or 区司法局: \"%s\"",
			    LA_AUDIT_F_AUTHORITY, auth);
		return 0;
	default:
		return 0;
	}
}

/* Events about one case name it; duty and member-wide events need not. */
static int
needs_case(enum la_event_type t)
{
	return t != LA_EV_DUTY_ATTENDED && t != LA_EV_DUTY_ABSENT &&
	    t != LA_EV_RATED_UNQUALIFIED && t != LA_EV_COMPLAINT_UPHELD;
}

static void
clear_event(struct la_audit_event *ev)
{
	memset(ev, 0, sizeof(*ev));
	ev->id = ev->license_no = ev->name = ev->case_id = ev->stage = "";
	ev->reason = "";
	ev->case_type = -1;
	ev->grade = LA_GRADE_NONE;
	ev->duty = -1;
	ev->authority = -1;
}

static int
parse_time_field(const char *v, const struct la_rules *rl,
    struct la_audit_event *ev, int *has_time, char *why, size_t size)
{
	char reason[128];
	int with_clock;

	if (need(v, LA_AUDIT_F_TIME, why, size) == -1)
		return -1;
	if (la_parse_time(v, &rl->tz, &ev->time, &with_clock, reason,
	    sizeof(reason)) == -1) {
		snprintf(why, size, "%s is not a date and time: \"%s\" (%s)",
		    LA_AUDIT_F_TIME, v, reason);
		return -1;
	}
	*has_time = 1;
	return 0;
}

int
la_audit_event_parse(const struct la_record *r, const struct la_rules *rl,
    struct la_event_columns *cols, struct la_audit_event *ev, int *has_time,
    char *why, size_t size)
{
	const char *val[EF_COUNT];
	const char *type;
	int t;

	clear_event(ev);
	*has_time = 0;
	ev->line = r->line;
	collect(r, cols, val);
	ev->id = text(val[EF_EVENT_ID]);
	ev->license_no = text(val[EF_LICENSE_NO]);
	ev->name = text(val[EF_NAME]);
	ev->case_id = text(val[EF_CASE_ID]);
	ev->stage = text(val[EF_STAGE]);
	ev->reason = text(val[EF_REASON]);
	type = text(val[EF_EVENT]);
	if (r->nfindings > 0) {
		snprintf(why, size, "%s", r->findings[0].message);
		return -1;
	}
	if (need(ev->id, LA_AUDIT_F_EVENT_ID, why, size) == -1 ||
	    parse_time_field(text(val[EF_TIME]), rl, ev, has_time, why,
	    size) == -1 ||
	    need(type, LA_AUDIT_F_EVENT, why, size) == -1)
		return -1;
	if ((t = la_event_type_parse(type)) < 0)
		return fail(why, size, "%s is not a known event: \"%s\"",
		    LA_AUDIT_F_EVENT, type);
	ev->type = t;
	if (need(ev->license_no, "license_no", why, size) == -1)
		return -1;
	if (needs_case(ev->type) &&
	    need(ev->case_id, LA_AUDIT_F_CASE_ID, why, size) == -1)
		return -1;
	return parse_type_fields(val, rl, ev, why, size);
}
