/* SPDX-License-Identifier: MIT */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "schedule_duty_private.h"

/*
 * iCalendar output (RFC 5545). Content lines end in CRLF and are folded
 * at 75 octets (section 3.1), never inside a UTF-8 sequence. TEXT values
 * escape backslash, semicolon, comma and newline (section 3.3.11).
 */

#define ICS_LINE_OCTETS 75

static int
write_failed(struct la_error *err)
{
	return la_error_set(err, LA_ERR_IO, NULL, 0, NULL, "%s",
	    _("write error on the output file"));
}

static void
ics_line(FILE *fp, const char *line)
{
	size_t len = strlen(line), limit = ICS_LINE_OCTETS;

	while (len > limit) {
		size_t cut = limit;

		/* Back up to the first byte of a UTF-8 sequence. */
		while (cut > 0 && ((unsigned char)line[cut] & 0xc0) == 0x80)
			cut--;
		fwrite(line, 1, cut, fp);
		fputs("\r\n ", fp);
		line += cut;
		len -= cut;
		limit = ICS_LINE_OCTETS - 1;
	}
	fputs(line, fp);
	fputs("\r\n", fp);
}

/* Writes "NAME:value" with value escaped as TEXT. */
static int
ics_text(FILE *fp, const char *name, const char *value)
{
	size_t n = strlen(name) + 2 * strlen(value) + 2, len;
	char *line = malloc(n);

	if (line == NULL)
		return -1;
	len = (size_t)snprintf(line, n, "%s:", name);
	for (const char *s = value; *s != '\0'; s++) {
		if (*s == '\\' || *s == ';' || *s == ',' || *s == '\n')
			line[len++] = '\\';
		line[len++] = *s == '\n' ? 'n' : *s;
	}
	line[len] = '\0';
	ics_line(fp, line);
	free(line);
	return 0;
}

/* FNV-1a of a post's name: UIDs survive a reordering of the posts. */
static uint32_t
name_hash(const char *s)
{
	uint32_t h = 2166136261u;

	for (; *s != '\0'; s++) {
		h ^= (unsigned char)*s;
		h *= 16777619u;
	}
	return h;
}

static void
ics_date(la_day day, char *buf, size_t size)
{
	struct la_date d = la_date_from_day(day);

	snprintf(buf, size, "%04d%02d%02d", d.year, d.month, d.day);
}

static void
ics_stamp(la_time t, char *buf, size_t size)
{
	la_day day = (la_day)(t / 86400 - (t % 86400 < 0));
	long secs = (long)(t - (la_time)day * 86400);
	struct la_date d = la_date_from_day(day);

	snprintf(buf, size, "%04d%02d%02dT%02ld%02ld%02ldZ", d.year, d.month,
	    d.day, secs / 3600, secs / 60 % 60, secs % 60);
}

/* Appends a line to the description in buf. */
static void add_line(char *buf, size_t size, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
add_line(char *buf, size_t size, const char *fmt, ...)
{
	size_t len = strlen(buf);
	va_list ap;

	if (len > 0 && len + 1 < size)
		buf[len++] = '\n';
	va_start(ap, fmt);
	vsnprintf(buf + len, size - len, fmt, ap);
	va_end(ap);
}

static void
ics_describe(const struct la_duty *d, const struct la_duty_row *row,
    const struct la_duty_people *who, char *buf, size_t size)
{
	buf[0] = '\0';
	add_line(buf, size, _("seat %d of %d"), row->seat,
	    d->rules->posts[row->post].seats);
	if (who->license_no[0] != '\0') {
		add_line(buf, size, _("practice unit: %s"), who->unit);
		add_line(buf, size, _("licence: %s"), who->license_no);
	}
	if (who->alternate_license_no[0] != '\0')
		add_line(buf, size, _("alternate: %s (%s)"),
		    who->alternate_name, who->alternate_license_no);
	if (row->reason != NULL)
		add_line(buf, size, _("unfilled: %s"), row->reason);
}

static int
ics_event(FILE *fp, const struct la_duty *d, const struct la_duty_row *row,
    const char *stamp)
{
	const char *post = d->rules->posts[row->post].name;
	struct la_duty_people who;
	char line[256], start[16], end[16], summary[512], text[2048];

	la_duty_row_people(d, row, &who);
	ics_date(row->day, start, sizeof(start));
	ics_date(row->day + 1, end, sizeof(end));
	ics_line(fp, "BEGIN:VEVENT");
	snprintf(line, sizeof(line), "UID:%s-%08x-%d@la-schedule", start,
	    (unsigned)name_hash(post), row->seat);
	ics_line(fp, line);
	snprintf(line, sizeof(line), "DTSTAMP:%s", stamp);
	ics_line(fp, line);
	snprintf(line, sizeof(line), "DTSTART;VALUE=DATE:%s", start);
	ics_line(fp, line);
	snprintf(line, sizeof(line), "DTEND;VALUE=DATE:%s", end);
	ics_line(fp, line);
	if (who.license_no[0] != '\0')
		snprintf(summary, sizeof(summary), "%s %s", post, who.name);
	else
		snprintf(summary, sizeof(summary), _("%s (seat %d unfilled)"),
		    post, row->seat);
	ics_describe(d, row, &who, text, sizeof(text));
	if (ics_text(fp, "SUMMARY", summary) != 0 ||
	    ics_text(fp, "LOCATION", post) != 0 ||
	    ics_text(fp, "DESCRIPTION", text) != 0)
		return -1;
	ics_line(fp, "END:VEVENT");
	return 0;
}

int
la_duty_write_ics(const struct la_duty *d, FILE *fp, la_time stamp,
    const char *only, struct la_error *err)
{
	char when[64], name[LA_RULES_NAME_SIZE + 64];

	ics_stamp(stamp, when, sizeof(when));
	ics_line(fp, "BEGIN:VCALENDAR");
	ics_line(fp, "VERSION:2.0");
	ics_line(fp, "PRODID:-//la-tools//la-schedule " LA_VERSION "//ZH");
	ics_line(fp, "CALSCALE:GREGORIAN");
	ics_line(fp, "METHOD:PUBLISH");
	snprintf(name, sizeof(name), _("%s legal aid duty"),
	    d->rules->district);
	if (ics_text(fp, "X-WR-CALNAME", name) != 0)
		return la_error_set(err, LA_ERR_NOMEM, NULL, 0, NULL,
		    _("out of memory"));
	for (size_t r = 0; r < d->nrows; r++) {
		if (!la_duty_row_shown(d, &d->rows[r], only))
			continue;
		if (ics_event(fp, d, &d->rows[r], when) != 0)
			return la_error_set(err, LA_ERR_NOMEM, NULL, 0, NULL,
			    _("out of memory"));
	}
	ics_line(fp, "END:VCALENDAR");
	return ferror(fp) ? write_failed(err) : 0;
}
