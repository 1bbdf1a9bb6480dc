/* SPDX-License-Identifier: MIT */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "i18n.h"
#include "normalize.h"
#include "schedule_assign_private.h"

static const char *const case_id_names[] = { "case_id", "案件编号", "案号",
    NULL };
static const char *const type_names[] = { "case_type", "案件类型", NULL };
static const char *const received_names[] = { "received_at", "收案时间",
    "受理时间", "接收时间", NULL };
static const char *const needs_names[] = { "services", "所需服务", NULL };
static const char *const conflict_names[] = { "conflicts", "利益冲突",
    "回避", NULL };
static const char *const serious_names[] = { "serious",
    "可能判处无期徒刑死刑", "无期徒刑死刑案件", NULL };

struct type_word {
	const char *text;
	enum la_case_type type;
};

static const struct type_word type_words[] = {
	{ "criminal", LA_CASE_CRIMINAL },
	{ "刑事", LA_CASE_CRIMINAL },
	{ "刑事案件", LA_CASE_CRIMINAL },
	{ "civil", LA_CASE_CIVIL },
	{ "民事", LA_CASE_CIVIL },
	{ "民事案件", LA_CASE_CIVIL },
	{ "administrative", LA_CASE_ADMINISTRATIVE },
	{ "行政", LA_CASE_ADMINISTRATIVE },
	{ "行政案件", LA_CASE_ADMINISTRATIVE },
	{ "labor_arbitration", LA_CASE_LABOR_ARBITRATION },
	{ "劳动仲裁", LA_CASE_LABOR_ARBITRATION },
	{ "劳动争议", LA_CASE_LABOR_ARBITRATION },
	{ "non_litigation", LA_CASE_NON_LITIGATION },
	{ "非诉", LA_CASE_NON_LITIGATION },
	{ "非诉讼", LA_CASE_NON_LITIGATION },
	{ "非诉讼事务", LA_CASE_NON_LITIGATION },
};

/*
 * The service a case type needs when the case names none. Non-litigation
 * matters (documents, mediation) need none of the four: anyone may take
 * them, grassroots legal workers included.
 */
static const unsigned type_services[LA_CASE_NTYPES] = {
	[LA_CASE_CRIMINAL] = LA_SVC_CRIMINAL,
	[LA_CASE_CIVIL] = LA_SVC_CIVIL,
	[LA_CASE_ADMINISTRATIVE] = LA_SVC_ADMINISTRATIVE,
	[LA_CASE_LABOR_ARBITRATION] = LA_SVC_LABOR_ARBITRATION,
	[LA_CASE_NON_LITIGATION] = 0,
};

/* Records a finding on rec and reports it. */
static void malformed(struct case_in *c, struct la_record *rec,
    const char *file, const struct la_diag *diag, const char *field,
    const char *fmt, ...) __attribute__((format(printf, 6, 7)));

static void
malformed(struct case_in *c, struct la_record *rec, const char *file,
    const struct la_diag *diag, const char *field, const char *fmt, ...)
{
	char text[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	c->malformed = 1;
	la_record_add_finding(rec, "case", field, "%s", text);
	la_warn(diag, file, rec->line, field, "%s", text);
}

/* The trimmed value of the field named one of names, in buf; or NULL. */
static const char *
named(const struct la_record *rec, const char *const *names, char *buf,
    size_t size)
{
	return la_schedule_trim(la_schedule_field(rec, names), buf, size);
}

static int
parse_type(const char *v)
{
	for (size_t i = 0; i < sizeof(type_words) / sizeof(type_words[0]);
	    i++)
		if (strcasecmp(v, type_words[i].text) == 0)
			return (int)type_words[i].type;
	return -1;
}

static int
add_need(const char *item, size_t len, void *ctx)
{
	unsigned *bits = ctx, bit = la_service_lookup(item, len);

	if (bit == 0)
		return 1;
	*bits |= bit;
	return 0;
}

static void
read_services(struct case_in *c, struct la_record *rec, const char *file,
    const struct la_diag *diag)
{
	const char *v = la_schedule_field(rec, needs_names);
	char buf[512];

	c->services = c->type >= 0 ? type_services[c->type] : 0;
	if (la_schedule_trim(v, buf, sizeof(buf)) == NULL)
		return;
	c->services = 0;
	if (la_split_list(v, add_need, &c->services) != 0)
		malformed(c, rec, file, diag, "services",
		    _("invalid service in services: \"%s\" (expected "
		    "criminal, civil, administrative or labor_arbitration)"),
		    buf);
}

static void
read_type(struct case_in *c, struct la_record *rec, const char *file,
    const struct la_diag *diag)
{
	char buf[128];
	const char *v = named(rec, type_names, buf,
	    sizeof(buf));

	c->type = -1;
	if (v == NULL) {
		if (named(rec, needs_names, buf,
		    sizeof(buf)) == NULL)
			malformed(c, rec, file, diag, "case_type",
			    "%s", _("missing case_type (and no services)"));
		return;
	}
	if ((c->type = parse_type(v)) < 0)
		malformed(c, rec, file, diag, "case_type",
		    _("invalid case_type: \"%s\" (expected criminal, civil, "
		    "administrative, labor_arbitration or non_litigation)"), v);
}

static void
read_received(struct case_in *c, struct la_record *rec, const char *file,
    const struct la_tz *tz, const struct la_diag *diag)
{
	char buf[128], why[256];
	const char *v = named(rec, received_names, buf,
	    sizeof(buf));
	int has_time;

	c->has_received = 0;
	if (v == NULL) {
		malformed(c, rec, file, diag, "received_at", "%s",
		    _("missing received_at"));
		return;
	}
	if (la_parse_time(v, tz, &c->received, &has_time, why,
	    sizeof(why)) != 0) {
		malformed(c, rec, file, diag, "received_at",
		    _("invalid received_at: \"%s\": %s"), v, why);
		return;
	}
	c->has_received = 1;
}

static void
read_serious(struct case_in *c, struct la_record *rec, const char *file,
    const struct la_diag *diag)
{
	char buf[64], why[128];
	const char *v = named(rec, serious_names, buf,
	    sizeof(buf));

	c->serious = 0;
	if (v != NULL && la_parse_bool(v, &c->serious, why,
	    sizeof(why)) != LA_NORM_OK)
		malformed(c, rec, file, diag, "serious",
		    _("invalid serious: \"%s\" (expected yes or no)"), v);
}

static int
add_conflict(const char *item, size_t len, void *ctx)
{
	struct case_in *c = ctx;

	if (c->nconflicts == MAX_CONFLICTS ||
	    c->conflict_len + len + 1 > sizeof(c->conflict_text))
		return 1;
	memcpy(c->conflict_text + c->conflict_len, item, len);
	c->conflict_text[c->conflict_len + len] = '\0';
	c->conflicts[c->nconflicts++] = c->conflict_text + c->conflict_len;
	c->conflict_len += len + 1;
	return 0;
}

static void
read_conflicts(struct case_in *c, struct la_record *rec, const char *file,
    const struct la_diag *diag)
{
	const char *v = la_schedule_field(rec, conflict_names);

	if (v != NULL && la_split_list(v, add_conflict, c) != 0)
		malformed(c, rec, file, diag, "conflicts",
		    _("too many conflicts (at most %d names of %d bytes in "
		    "all)"), MAX_CONFLICTS, CONFLICT_TEXT);
}

void
la_case_read(struct case_in *c, struct la_record *rec, const char *file,
    const struct la_tz *tz, const struct la_diag *diag)
{
	memset(c, 0, sizeof(*c));
	if (named(rec, case_id_names, c->id,
	    sizeof(c->id)) == NULL)
		malformed(c, rec, file, diag, "case_id", "%s",
		    _("missing case_id"));
	read_type(c, rec, file, diag);
	read_services(c, rec, file, diag);
	read_received(c, rec, file, tz, diag);
	read_serious(c, rec, file, diag);
	read_conflicts(c, rec, file, diag);
	if (rec->nfindings > 0)
		c->malformed = 1;
}

