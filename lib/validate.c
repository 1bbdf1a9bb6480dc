/* SPDX-License-Identifier: MIT */
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bytes.h"
#include "dupindex.h"
#include "ident.h"
#include "i18n.h"
#include "normalize.h"
#include "validate_impl.h"

/*
 * Writes the names of the services in mask into text, joined with ';'.
 * The four names and three separators take 47 bytes.
 */
static void
list_services(unsigned mask, char *text)
{
	size_t used = 0;

	for (unsigned bit = 1; bit <= LA_SVC_ALL; bit <<= 1) {
		const char *name;
		size_t n;

		if (!(mask & bit))
			continue;
		name = la_service_name(bit);
		n = strlen(name);
		if (used > 0)
			text[used++] = ';';
		memcpy(text + used, name, n);
		used += n;
	}
	text[used] = '\0';
}

int
la_validate_init(struct la_validate *v, const struct la_rules *rules,
    la_time now, struct la_error *err)
{
	memset(v, 0, sizeof(*v));
	v->rules = rules;
	v->now = now;
	/* These hold for the whole run, so no record computes them again. */
	v->today = la_tz_day(&rules->tz, now);
	v->this_year = la_date_from_day(v->today).year;
	v->deadline_day = la_tz_day(&rules->tz, rules->window_close);
	v->criminal_limit = check_years_before(v->deadline_day,
	    rules->criminal_min_years);
	v->general_limit = check_years_before(v->deadline_day,
	    rules->general_min_years);
	for (unsigned mask = 0; mask <= LA_SVC_ALL; mask++) {
		list_services(mask, v->services_text[mask]);
		v->services_len[mask] =
		    (unsigned char)strlen(v->services_text[mask]);
	}
	la_time_format(&rules->tz, rules->window_open, v->window_open_text,
	    sizeof(v->window_open_text));
	la_time_format(&rules->tz, rules->window_close, v->window_close_text,
	    sizeof(v->window_close_text));
	if ((v->dups = la_dup_new()) == NULL)
		return la_error_set(err, LA_ERR_NOMEM, NULL, 0, NULL,
		    "%s", _("out of memory"));
	/* Every key goes in before la_validate_index_end() prunes. */
	la_dup_bulk(v->dups);
	return 0;
}

void
la_validate_free(struct la_validate *v)
{
	la_dup_free(v->dups);
	v->dups = NULL;
	free(v->pending);
	v->pending = NULL;
}

void
check_key_from_clean(char *buf)
{
	/* The ID check character X may be typed in lower case. */
	for (char *p = buf; (p = strchr(p, 'x')) != NULL; p++)
		*p = 'X';
}

size_t
check_dup_key(const char *value, size_t len, char *buf, size_t size)
{
	char why[128];
	unsigned flags = 0;
	char last;

	if (value == NULL)
		return 0;
	/*
	 * Most ID and licence numbers are digits, except an ID number's
	 * last character, which may be x or X. Cleaning keeps such values.
	 */
	if (len > 8 && len < size && la_bytes_digits(value, len - 1) &&
	    (((last = value[len - 1]) >= '0' && last <= '9') ||
	    last == 'X' || last == 'x')) {
		memcpy(buf, value, len + 1);
		if (last == 'x')
			buf[len - 1] = 'X';
		return len;
	}
	if (la_clean_digits(value, 0, buf, size, &flags, why,
	    sizeof(why)) != LA_NORM_OK || buf[0] == '\0')
		return 0;
	check_key_from_clean(buf);
	return strlen(buf);
}

const struct clean_number *
check_clean(struct check *c, int id)
{
	struct clean_number *n = id == LA_F_ID_NUMBER ? &c->id_number :
	    &c->license_no;

	if (!n->done) {
		size_t len = 0;
		const char *s = check_value_len(c, id, &len);

		n->rc = la_clean_trimmed_digits(s, len, 0, n->text,
		    sizeof(n->text), &n->flags, n->why, sizeof(n->why));
		n->done = 1;
	}
	return n;
}

/*
 * Cuts text to at most max bytes at a character boundary, ending it with
 * "…", so that a huge value quoted in a message stays valid UTF-8.
 */
static void
shorten(char *text, size_t max)
{
	size_t n = strlen(text);

	if (n <= max)
		return;
	n = max - strlen("…");
	while (n > 0 && ((unsigned char)text[n] & 0xC0) == 0x80)
		n--;
	strcpy(text + n, "…");
}

const char *
check_gettext(struct check *c, const char *msgid)
{
	struct la_validate *v = c->v;
	size_t i;

	for (i = 0; i < v->nmessages; i++)
		if (v->messages[i].msgid == msgid)
			return v->messages[i].text;
	if (i == LA_VALIDATE_MESSAGES)
		return _(msgid);
	v->messages[i].msgid = msgid;
	v->messages[i].text = _(msgid);
	v->nmessages++;
	return v->messages[i].text;
}

int
check_format(struct check *c, char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, size, check_gettext(c, fmt), ap);
	va_end(ap);
	return n;
}

/* Formats a message as check_finding_text() does, from ap. */
static void
vformat_finding(struct check *c, char *text, const char *fmt, va_list ap)
{
	const char *format = check_gettext(c, fmt);
	const char *whole = NULL;
	va_list first;

	if (strcmp(format, "%s") == 0) {
		va_copy(first, ap);
		whole = va_arg(first, const char *);
		va_end(first);
	}
	/* A message passed whole is copied as vsnprintf() would copy it. */
	if (whole != NULL) {
		size_t n = strnlen(whole, LA_FINDING_MAX);

		memcpy(text, whole, n);
		text[n] = '\0';
	} else
		vsnprintf(text, LA_FINDING_MAX + 1, format, ap);
	/* vsnprintf may have cut a character; shorten() ends it cleanly. */
	shorten(text, LA_FINDING_MAX - 16);
}

void
check_finding_text(struct check *c, char *text, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vformat_finding(c, text, fmt, ap);
	va_end(ap);
}

void
check_add_finding(struct check *c, const char *rule, int id, int blocking,
    const char *text)
{
	/* The text is translated already, so it goes in as it is. */
	if (la_record_add_finding_text(c->r, rule, id >= 0 ?
	    la_field_name(id) : NULL, text) != 0)
		c->failed = 1;
	else if (id >= 0 && strcmp(rule, "input") == 0)
		c->input_fields |= 1ULL << id;
	if (blocking)
		c->blocking++;
}

void
check_finding(struct check *c, const char *rule, int id, int blocking,
    const char *fmt, ...)
{
	char text[LA_FINDING_MAX + 1];
	va_list ap;

	va_start(ap, fmt);
	vformat_finding(c, text, fmt, ap);
	va_end(ap);
	check_add_finding(c, rule, id, blocking, text);
}

const char *
check_shown(struct check *c, int id, const char *value)
{
	char *out;
	size_t n;

	if (!c->v->mask || value == NULL ||
	    (id != LA_F_ID_NUMBER && id != LA_F_PHONE))
		return value;
	n = strlen(value) + 1;
	if ((out = la_record_strndup(c->r, value, n - 1)) == NULL) {
		c->failed = 1;
		return "";
	}
	if (id == LA_F_ID_NUMBER)
		la_mask_id(value, out, n);
	else
		la_mask_phone(value, out, n);
	return out;
}

/* check_finding() keeps one bit per field in input_fields. */
_Static_assert(LA_F_COUNT <= 64, "a field id must fit in input_fields");

int
check_flagged_on_read(struct check *c, int id)
{
	const char *name = la_field_name(id);

	for (size_t i = 0; i < c->read_findings; i++) {
		const struct la_finding *f = &c->r->findings[i];

		if (f->field != NULL && strcmp(f->field, name) == 0 &&
		    strcmp(f->rule, "input") == 0)
			return 1;
	}
	return 0;
}

const char *
check_value_other(struct check *c, const struct la_field *f, size_t *len)
{
	const char *s = la_trim(f->value, len);

	if (*len == 0)
		return NULL;
	if (s[*len] != '\0') {
		char *copy = la_record_strndup(c->r, s, *len);

		if (copy == NULL)
			c->failed = 1;
		return copy;
	}
	return s;
}

static int
write_services(struct check *c)
{
	unsigned mask = c->requested & ~c->removed;

	return la_record_set_id_len(c->r, LA_F_ELIGIBLE_SERVICES,
	    c->v->services_text[mask], c->v->services_len[mask],
	    LA_KIND_LIST) != NULL ? 0 : -1;
}

/* Returns the status of the record, and its length in *len. */
static const char *
decide_status(struct check *c, size_t *len)
{
	if (c->late) {
		*len = strlen(LA_STATUS_LATE);
		return LA_STATUS_LATE;
	}
	if (c->blocking > 0) {
		*len = strlen(LA_STATUS_INELIGIBLE);
		return LA_STATUS_INELIGIBLE;
	}
	*len = strlen(LA_STATUS_ELIGIBLE);
	return LA_STATUS_ELIGIBLE;
}

/*
 * Trims the white space that spreadsheets leave around values (ASCII,
 * U+3000, U+00A0) from every field of the catalogue, as the rules read
 * them. The user's own columns stay as they were.
 */
static void
trim_known_fields(struct check *c)
{
	struct la_field *f = c->r->fields;
	struct la_field *end = f + c->r->nfields;

	for (; f < end; f++) {
		const char *s;
		size_t len;

		if (f->id < 0 || f->kind != LA_KIND_TEXT || f->len == 0)
			continue;
		/*
		 * Most values need no trimming. A value that ends in a byte
		 * of a space, such as the 0x80 that ends 所, is tested in
		 * full. A NUL inside the value is where la_trim() would cut
		 * it.
		 */
		if ((!la_ends_may_be_space((unsigned char)f->value[0],
		    (unsigned char)f->value[f->len - 1]) ||
		    !la_has_outer_space(f->value, f->len)) &&
		    !la_has_nul(f->value, f->len))
			continue;
		s = la_trim(f->value, &len);
		if (len == f->len)
			continue;
		f->value = (char *)s;
		f->value[len] = '\0';
		f->len = len;
	}
}

static void
run_checks(struct check *c)
{
	check_window(c);
	check_required(c);
	check_documents(c);
	check_identity(c);
	check_license(c);
	check_phone(c);
	check_district(c);
	check_services(c);
	check_experience(c);
	check_discipline(c);
	check_assessment(c);
	check_prior_cases(c);
	check_flags(c);
	check_numbers(c);
	check_duplicate(c);
}

/*
 * Adds status, eligible_services and findings to r, in this order. With c
 * NULL, eligible_services is empty.
 */
static int
add_results(struct la_record *r, const char *status, size_t status_len,
    struct check *c)
{
	if (la_record_set_id_len(r, LA_F_STATUS, status, status_len,
	    LA_KIND_TEXT) == NULL)
		return -1;
	if (c != NULL ? write_services(c) != 0 :
	    la_record_set_id_len(r, LA_F_ELIGIBLE_SERVICES, "", 0,
	    LA_KIND_LIST) == NULL)
		return -1;
	if (la_record_set_id_len(r, LA_F_FINDINGS, "", 0,
	    LA_KIND_FINDINGS) == NULL)
		return -1;
	return 0;
}

int
la_validate_record(struct la_validate *v, struct la_record *r,
    struct la_error *err)
{
	struct check c;
	const char *status;
	size_t status_len;

	/* Keys still waiting must be in the index before any look-up. */
	if (check_index_ready(v) != 0)
		return la_error_set(err, LA_ERR_NOMEM, NULL, r->line, NULL,
		    "%s", _("out of memory"));
	memset(&c, 0, offsetof(struct check, id_number));
	c.id_number.done = 0;
	c.license_no.done = 0;
	c.v = v;
	c.rules = v->rules;
	c.r = r;
	c.read_findings = r->nfindings;
	/* A record the reader could not read whole is not fit to select. */
	c.blocking = la_record_has_finding(r, "input");
	trim_known_fields(&c);
	run_checks(&c);
	/* Someone who qualifies for none of the services asked for is out. */
	if (c.requested != 0 && (c.requested & ~c.removed) == 0)
		c.blocking++;
	status = decide_status(&c, &status_len);
	if (c.failed || add_results(r, status, status_len, &c) != 0)
		return la_error_set(err, LA_ERR_NOMEM, NULL, r->line, NULL,
		    "%s", _("out of memory"));
	v->checked++;
	/* As decide_status() chose. */
	if (c.late)
		v->late++;
	else if (c.blocking > 0)
		v->ineligible++;
	else
		v->eligible++;
	return 0;
}
