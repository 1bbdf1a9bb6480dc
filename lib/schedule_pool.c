/* SPDX-License-Identifier: MIT */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "i18n.h"
#include "normalize.h"
#include "schedule.h"

void
la_pool_init(struct la_pool *pool)
{
	memset(pool, 0, sizeof(*pool));
}

static void
free_member(struct la_member *m)
{
	free(m->license_no);
	free(m->name);
	free(m->unit);
}

void
la_pool_free(struct la_pool *pool)
{
	for (size_t i = 0; i < pool->n; i++)
		free_member(&pool->members[i]);
	for (size_t i = 0; i < pool->nunits; i++)
		free(pool->units[i]);
	free(pool->members);
	free(pool->units);
	la_pool_init(pool);
}

const char *
la_schedule_field(const struct la_record *rec, const char *const *names)
{
	for (size_t i = 0; i < rec->nfields; i++) {
		size_t len;
		const char *s = la_trim(rec->fields[i].name, &len);

		for (size_t k = 0; names[k] != NULL; k++)
			if (strlen(names[k]) == len &&
			    strncasecmp(s, names[k], len) == 0)
				return rec->fields[i].value;
	}
	return NULL;
}

const char *
la_schedule_trim(const char *value, char *buf, size_t size)
{
	size_t len;

	if (value == NULL)
		return NULL;
	value = la_trim(value, &len);
	if (len == 0)
		return NULL;
	if (len >= size)
		len = size - 1;
	memcpy(buf, value, len);
	buf[len] = '\0';
	return buf;
}

/* The value of a catalogue field, trimmed; NULL when absent or empty. */
static const char *
value_of(const struct la_record *rec, int id, char *buf, size_t size)
{
	return la_schedule_trim(la_record_get(rec, id), buf, size);
}

static char *
copy_trimmed(const char *s)
{
	size_t len;

	if (s == NULL)
		s = "";
	s = la_trim(s, &len);
	return strndup(s, len);
}

static int
reject(struct la_error *err, const char *file, const struct la_record *rec,
    int id, const char *what, const char *value)
{
	la_error_set(err, LA_ERR_VALUE, file, rec->line, la_field_name(id),
	    _("invalid %s in %s: \"%s\""), what, la_field_name(id), value);
	return 1;
}

struct status_word {
	const char *text;
	enum la_member_status status;
};

static const struct status_word status_words[] = {
	{ "active", LA_MEMBER_ACTIVE },
	{ "在库", LA_MEMBER_ACTIVE },
	{ "在册", LA_MEMBER_ACTIVE },
	{ "正常", LA_MEMBER_ACTIVE },
	{ "suspended", LA_MEMBER_SUSPENDED },
	{ "暂停", LA_MEMBER_SUSPENDED },
	{ "暂停指派", LA_MEMBER_SUSPENDED },
	{ "removed", LA_MEMBER_REMOVED },
	{ "出库", LA_MEMBER_REMOVED },
	{ "清退", LA_MEMBER_REMOVED },
	{ "除名", LA_MEMBER_REMOVED },
};

/* An absent or empty status is active: a plain member list has none. */
static int
parse_status(const struct la_record *rec, struct la_member *m,
    const char *file, struct la_error *err)
{
	char buf[64];
	const char *v = value_of(rec, LA_F_STATUS, buf, sizeof(buf));

	m->status = LA_MEMBER_ACTIVE;
	if (v == NULL)
		return 0;
	for (size_t i = 0; i < sizeof(status_words) / sizeof(status_words[0]);
	    i++) {
		if (strcasecmp(v, status_words[i].text) == 0) {
			m->status = status_words[i].status;
			return 0;
		}
	}
	return reject(err, file, rec, LA_F_STATUS,
	    _("status (expected active, suspended or removed)"), v);
}

static int
parse_day(const struct la_record *rec, int id, la_day *out,
    const char *file, struct la_error *err)
{
	char buf[128], why[128];
	const char *v = value_of(rec, id, buf, sizeof(buf));
	struct la_date d;

	*out = LA_SCHED_NO_DAY;
	if (v == NULL)
		return 0;
	if (la_parse_date(v, &d, why, sizeof(why)) != 0)
		return reject(err, file, rec, id, _("date"), v);
	*out = la_day_from_date(d);
	return 0;
}

static int
add_service(const char *item, size_t len, void *ctx)
{
	unsigned *bits = ctx;
	unsigned bit = la_service_lookup(item, len);

	if (bit == 0)
		return 1;
	*bits |= bit;
	return 0;
}

/*
 * la-validate's eligible_services is what the member qualifies for, so it
 * wins over the services the member asked for.
 */
static int
parse_services(const struct la_record *rec, struct la_member *m,
    const char *file, struct la_error *err)
{
	int id = LA_F_ELIGIBLE_SERVICES;
	const char *v = la_record_get(rec, id);
	size_t len = 0;

	if (v != NULL)
		la_trim(v, &len);
	if (len == 0) {
		id = LA_F_SERVICES;
		v = la_record_get(rec, id);
	}
	m->services = 0;
	if (v == NULL)
		return 0;
	if (la_split_list(v, add_service, &m->services) != 0)
		return reject(err, file, rec, id,
		    _("service (expected criminal, civil, administrative or "
		    "labor_arbitration)"), v);
	return 0;
}

static int
parse_duty(const struct la_record *rec, struct la_member *m,
    const char *file, struct la_error *err)
{
	char buf[64], why[128];
	const char *v = value_of(rec, LA_F_DUTY, buf, sizeof(buf));
	int yes;

	m->duty = 0;
	if (v == NULL)
		return 0;
	if (la_parse_bool(v, &yes, why, sizeof(why)) != LA_NORM_OK)
		return reject(err, file, rec, LA_F_DUTY,
		    _("yes/no value"), v);
	m->duty = yes;
	return 0;
}

static int
parse_category(const struct la_record *rec, struct la_member *m,
    const char *file, struct la_error *err)
{
	char buf[128];
	const char *v = value_of(rec, LA_F_CATEGORY, buf, sizeof(buf));

	m->category = LA_CAT_UNKNOWN;
	if (v == NULL)
		return 0;
	m->category = la_category_lookup(v, strlen(v));
	if (m->category == LA_CAT_UNKNOWN)
		return reject(err, file, rec, LA_F_CATEGORY,
		    _("category (expected lawyer or legal_worker)"), v);
	return 0;
}

static int
parse_criminal(const struct la_record *rec, struct la_member *m,
    const char *file, struct la_error *err)
{
	char buf[64], why[128];
	const char *v;
	double years;

	m->criminal_years = -1;
	if (parse_day(rec, LA_F_CRIMINAL_SINCE, &m->criminal_since, file,
	    err) != 0)
		return 1;
	v = value_of(rec, LA_F_CRIMINAL_PRACTICE_YEARS, buf, sizeof(buf));
	if (v == NULL)
		return 0;
	if (la_parse_number(v, &years, why, sizeof(why)) != LA_NORM_OK)
		return reject(err, file, rec, LA_F_CRIMINAL_PRACTICE_YEARS,
		    _("number of years"), v);
	m->criminal_years = years;
	return 0;
}

/*
 * Criminal work is for lawyers only unless the rules allow legal workers,
 * and for a member whose category is not given it cannot be shown to be
 * allowed. A member listing services without eligible_services must also
 * have the rules' years of criminal practice when the roster states them.
 */
static void
restrict_criminal(struct la_member *m, const struct la_record *rec,
    const struct la_rules *rules)
{
	if (!(m->services & LA_SVC_CRIMINAL))
		return;
	if (m->category != LA_CAT_LAWYER &&
	    !(m->category == LA_CAT_LEGAL_WORKER &&
	    rules->worker_may_take_criminal))
		m->services &= ~(unsigned)LA_SVC_CRIMINAL;
	if (la_record_get(rec, LA_F_ELIGIBLE_SERVICES) == NULL &&
	    m->criminal_since == LA_SCHED_NO_DAY &&
	    m->criminal_years >= 0 &&
	    m->criminal_years < rules->criminal_min_years)
		m->services &= ~(unsigned)LA_SVC_CRIMINAL;
}

static int
parse_member(const struct la_record *rec, struct la_member *m,
    const char *file, const struct la_rules *rules, struct la_error *err)
{
	if (parse_status(rec, m, file, err) != 0 ||
	    parse_day(rec, LA_F_SUSPENDED_UNTIL, &m->suspended_until, file,
	    err) != 0 ||
	    parse_day(rec, LA_F_TERM_START, &m->term_start, file, err) != 0 ||
	    parse_day(rec, LA_F_TERM_END, &m->term_end, file, err) != 0 ||
	    parse_category(rec, m, file, err) != 0 ||
	    parse_services(rec, m, file, err) != 0 ||
	    parse_duty(rec, m, file, err) != 0 ||
	    parse_criminal(rec, m, file, err) != 0)
		return 1;
	restrict_criminal(m, rec, rules);
	return 0;
}

static int
intern_unit(struct la_pool *pool, struct la_member *m)
{
	char **units;

	m->unit_id = -1;
	if (m->unit[0] == '\0')
		return 0;
	for (size_t i = 0; i < pool->nunits; i++) {
		if (strcmp(pool->units[i], m->unit) == 0) {
			m->unit_id = (int)i;
			return 0;
		}
	}
	units = realloc(pool->units, (pool->nunits + 1) * sizeof(*units));
	if (units == NULL)
		return -1;
	pool->units = units;
	if ((units[pool->nunits] = strdup(m->unit)) == NULL)
		return -1;
	m->unit_id = (int)pool->nunits++;
	return 0;
}

static int
grow_pool(struct la_pool *pool)
{
	size_t cap = pool->cap ? pool->cap * 2 : 64;
	struct la_member *p;

	if (pool->n < pool->cap)
		return 0;
	if ((p = realloc(pool->members, cap * sizeof(*p))) == NULL)
		return -1;
	pool->members = p;
	pool->cap = cap;
	return 0;
}

static int
nomem(struct la_error *err, const char *file)
{
	return la_error_set(err, LA_ERR_NOMEM, file, 0, NULL,
	    _("out of memory"));
}

int
la_pool_add(struct la_pool *pool, const struct la_record *rec,
    const char *file, const struct la_rules *rules, struct la_error *err)
{
	struct la_member m;
	char buf[256];

	memset(&m, 0, sizeof(m));
	m.line = rec->line;
	if (value_of(rec, LA_F_LICENSE_NO, buf, sizeof(buf)) == NULL) {
		la_error_set(err, LA_ERR_VALUE, file, rec->line, "license_no",
		    _("missing license_no: the member cannot be scheduled"));
		return 1;
	}
	if (parse_member(rec, &m, file, rules, err) != 0)
		return 1;
	m.license_no = copy_trimmed(la_record_get(rec, LA_F_LICENSE_NO));
	m.name = copy_trimmed(la_record_get(rec, LA_F_NAME));
	m.unit = copy_trimmed(la_record_get(rec, LA_F_PRACTICE_UNIT));
	if (m.license_no == NULL || m.name == NULL || m.unit == NULL ||
	    intern_unit(pool, &m) != 0 || grow_pool(pool) != 0) {
		free_member(&m);
		return nomem(err, file);
	}
	pool->members[pool->n++] = m;
	return 0;
}

static int
by_license(const void *a, const void *b)
{
	const struct la_member *x = a, *y = b;
	int c = strcmp(x->license_no, y->license_no);

	if (c != 0)
		return c;
	return (x->line > y->line) - (x->line < y->line);
}

int
la_pool_finish(struct la_pool *pool, const char *file,
    const struct la_diag *diag, struct la_error *err)
{
	size_t out = 0;

	(void)err;
	if (pool->n > 0)
		qsort(pool->members, pool->n, sizeof(*pool->members),
		    by_license);
	for (size_t i = 0; i < pool->n; i++) {
		struct la_member *m = &pool->members[i];

		if (out > 0 && strcmp(pool->members[out - 1].license_no,
		    m->license_no) == 0) {
			la_warn(diag, file, m->line, "license_no",
			    _("duplicate license_no \"%s\" (first on line "
			    "%ld): this record is left out"), m->license_no,
			    pool->members[out - 1].line);
			pool->nrejected++;
			free_member(m);
			continue;
		}
		pool->members[out++] = *m;
	}
	pool->n = out;
	return 0;
}

long
la_pool_find(const struct la_pool *pool, const char *license_no)
{
	size_t lo = 0, hi = pool->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(pool->members[mid].license_no, license_no);

		if (c == 0)
			return (long)mid;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

int
la_pool_read(struct la_pool *pool, struct la_reader *rd, const char *file,
    const struct la_rules *rules, const struct la_diag *diag,
    struct la_error *err)
{
	struct la_record rec;
	int rc;

	la_record_init(&rec);
	while ((rc = la_reader_next(rd, &rec, err)) == 1) {
		struct la_error why;

		/* A row the reader could only delimit (a ragged CSV row) may
		 * have its values in the wrong columns. */
		if (rec.nfindings > 0) {
			la_warn(diag, file, rec.line, rec.findings[0].field,
			    _("%s: the member is left out"),
			    rec.findings[0].message);
			pool->nrejected++;
			continue;
		}
		la_error_clear(&why);
		rc = la_pool_add(pool, &rec, file, rules, &why);
		if (rc == -1) {
			*err = why;
			break;
		}
		if (rc == 1) {
			la_warn(diag, why.file, why.line, why.field, "%s",
			    why.text);
			pool->nrejected++;
		}
	}
	la_record_free(&rec);
	if (rc == -1)
		return -1;
	return la_pool_finish(pool, file, diag, err);
}

int
la_member_active(const struct la_member *m, la_day day, const char **why)
{
	const char *cause = NULL;

	if (m->status == LA_MEMBER_REMOVED)
		cause = "removed";
	else if (m->status == LA_MEMBER_SUSPENDED &&
	    (m->suspended_until == LA_SCHED_NO_DAY ||
	    m->suspended_until >= day))
		cause = "suspended";
	else if (m->term_start != LA_SCHED_NO_DAY && day < m->term_start)
		cause = "term not started";
	else if (m->term_end != LA_SCHED_NO_DAY && day > m->term_end)
		cause = "term ended";
	if (why != NULL)
		*why = cause;
	return cause == NULL;
}

/*
 * Whole years are counted by anniversaries, as the Civil Code counts
 * periods, so that 3 years from 2021-03-01 end on 2024-03-01; the part of
 * the current year is added as a fraction.
 */
double
la_member_criminal_years(const struct la_member *m, la_day day)
{
	struct la_date since;
	la_day start, next;
	int years = 0;

	if (m->criminal_since == LA_SCHED_NO_DAY)
		return m->criminal_years;
	if (day <= m->criminal_since)
		return 0;
	since = la_date_from_day(m->criminal_since);
	while (la_day_from_date(la_date_add_years(since, years + 1)) <= day)
		years++;
	start = la_day_from_date(la_date_add_years(since, years));
	next = la_day_from_date(la_date_add_years(since, years + 1));
	return years + (double)(day - start) / (double)(next - start);
}
