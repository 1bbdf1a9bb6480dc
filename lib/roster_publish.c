/* SPDX-License-Identifier: MIT */
#include <stdlib.h>
#include <string.h>

#include "catalogue.h"
#include "ident.h"
#include "normalize.h"
#include "roster_ops.h"
#include "roster_publish.h"

enum column {
	COL_SERIAL, COL_NAME, COL_GENDER, COL_CATEGORY, COL_UNIT,
	COL_SERVICES, COL_DUTY, COL_ID, COL_PHONE, NCOLS
};

static const char *const headings[NCOLS] = {
	"序号", "姓名", "性别", "人员类别", "执业单位", "服务范围", "是否值班",
	"身份证号", "联系电话",
};

/* One published row; every cell is allocated. */
struct row {
	char *cell[NCOLS];
};

struct table {
	struct row *rows;
	size_t nrows;
	int count[3];		/* members by enum la_category */
};

int
la_publish_format_parse(const char *s)
{
	if (strcmp(s, "csv") == 0)
		return LA_PUBLISH_CSV;
	if (strcmp(s, "markdown") == 0 || strcmp(s, "md") == 0)
		return LA_PUBLISH_MARKDOWN;
	if (strcmp(s, "html") == 0)
		return LA_PUBLISH_HTML;
	return -1;
}

void
la_publish_title(const char *district, char *buf, size_t size)
{
	snprintf(buf, size, "%s法律援助人员资源库入库人员名单", district);
}

static const char *
gender_text(const char *v)
{
	size_t len;
	const char *t = la_trim(v, &len);

	if ((len == 1 && (*t == 'M' || *t == 'm')) ||
	    (len == 4 && strncmp(t, "male", 4) == 0))
		return "男";
	if ((len == 1 && (*t == 'F' || *t == 'f')) ||
	    (len == 6 && strncmp(t, "female", 6) == 0))
		return "女";
	return v;
}

static char *
services_text(const struct la_record *m)
{
	unsigned bits = la_member_services(m);
	char buf[256] = "";

	for (unsigned bit = 1; bit & LA_SVC_ALL; bit <<= 1) {
		if (!(bits & bit))
			continue;
		if (buf[0] != '\0')
			strncat(buf, "、", sizeof(buf) - strlen(buf) - 1);
		strncat(buf, la_service_label(bit), sizeof(buf) -
		    strlen(buf) - 1);
	}
	return strdup(buf);
}

static const char *
duty_text(const char *v)
{
	char why[64];
	int yes;

	if (la_parse_bool(v, &yes, why, sizeof(why)) != LA_NORM_OK)
		return v;
	return yes ? "是" : "否";
}

static char *
masked(const char *v, int id, int mask)
{
	size_t size = strlen(v) + 1;
	char *out;

	if (!mask)
		return strdup(v);
	if ((out = malloc(size)) == NULL)
		return NULL;
	if (id == LA_F_ID_NUMBER)
		la_mask_id(v, out, size);
	else
		la_mask_phone(v, out, size);
	return out;
}

static int
fill_row(struct row *row, const struct la_record *m, size_t serial,
    int mask)
{
	const char *cat = la_category_label(la_member_category(m));
	char num[32];

	snprintf(num, sizeof(num), "%zu", serial);
	row->cell[COL_SERIAL] = strdup(num);
	row->cell[COL_NAME] = strdup(la_member_get(m, LA_F_NAME));
	row->cell[COL_GENDER] = strdup(gender_text(la_member_get(m,
	    LA_F_GENDER)));
	row->cell[COL_CATEGORY] = strdup(cat != NULL ? cat :
	    la_member_get(m, LA_F_CATEGORY));
	row->cell[COL_UNIT] = strdup(la_member_get(m, LA_F_PRACTICE_UNIT));
	row->cell[COL_SERVICES] = services_text(m);
	row->cell[COL_DUTY] = strdup(duty_text(la_member_get(m, LA_F_DUTY)));
	row->cell[COL_ID] = masked(la_member_get(m, LA_F_ID_NUMBER),
	    LA_F_ID_NUMBER, mask);
	row->cell[COL_PHONE] = masked(la_member_get(m, LA_F_PHONE),
	    LA_F_PHONE, mask);
	for (int c = 0; c < NCOLS; c++)
		if (row->cell[c] == NULL)
			return -1;
	return 0;
}

static void
free_table(struct table *t)
{
	for (size_t i = 0; i < t->nrows; i++)
		for (int c = 0; c < NCOLS; c++)
			free(t->rows[i].cell[c]);
	free(t->rows);
}

/* Members not removed: lawyers, then legal workers, then the rest. */
static int
build_table(struct table *t, const struct la_roster *r, int mask)
{
	static const enum la_category order[] = {
		LA_CAT_LAWYER, LA_CAT_LEGAL_WORKER, LA_CAT_UNKNOWN
	};

	memset(t, 0, sizeof(*t));
	if ((t->rows = calloc(r->nmembers + 1, sizeof(*t->rows))) == NULL)
		return -1;
	for (size_t o = 0; o < 3; o++) {
		for (size_t i = 0; i < r->nmembers; i++) {
			const struct la_record *m = &r->members[i];

			if (la_member_category(m) != order[o] ||
			    la_member_status(m) == LA_MEMBER_REMOVED)
				continue;
			t->count[order[o]]++;
			t->nrows++;
			if (fill_row(&t->rows[t->nrows - 1], m, t->nrows,
			    mask) == -1)
				return -1;
		}
	}
	return 0;
}

static int
write_csv(const struct table *t, FILE *fp, const struct la_publish_opts *o,
    struct la_error *err)
{
	struct la_write_opts wo = o->csv;
	struct la_writer *w;
	struct la_record rec;
	int rc = 0;

	wo.format = LA_FORMAT_CSV;
	wo.mask = 0;
	if ((w = la_writer_open(fp, "<stdout>", &wo, err)) == NULL)
		return -1;
	la_record_init(&rec);
	for (size_t i = 0; i < t->nrows && rc == 0; i++) {
		la_record_reset(&rec);
		for (int c = 0; c < NCOLS && rc == 0; c++)
			if (la_record_append(&rec, headings[c], -1,
			    t->rows[i].cell[c], strlen(t->rows[i].cell[c]),
			    LA_KIND_TEXT) == NULL)
				rc = la_error_set(err, LA_ERR_NOMEM, NULL, 0,
				    NULL, "out of memory");
		if (rc == 0)
			rc = la_writer_put(w, &rec, err);
	}
	la_record_free(&rec);
	if (la_writer_close(w, err) == -1)
		rc = -1;
	return rc;
}

/* The line under the title: date and head count. */
static void
summary(const struct table *t, la_day day, char *buf, size_t size)
{
	struct la_date d = la_date_from_day(day);

	snprintf(buf, size, "公示日期：%d年%d月%d日。共 %zu 人，其中律师 %d 人、"
	    "法律工作者 %d 人。", d.year, d.month, d.day, t->nrows,
	    t->count[LA_CAT_LAWYER], t->count[LA_CAT_LEGAL_WORKER]);
}

/*
 * Writes s as one Markdown table cell: pipes escaped, lines joined, and
 * HTML's special characters as entities, because Markdown passes raw HTML
 * through to the page.
 */
static void
md_cell(FILE *fp, const char *s)
{
	fputs(" ", fp);
	for (; *s != '\0'; s++) {
		if (*s == '|')
			fputs("\\|", fp);
		else if (*s == '<')
			fputs("&lt;", fp);
		else if (*s == '>')
			fputs("&gt;", fp);
		else if (*s == '&')
			fputs("&amp;", fp);
		else if (*s == '\n' || *s == '\r')
			fputc(' ', fp);
		else
			fputc(*s, fp);
	}
	fputs(" |", fp);
}

static void
write_markdown(const struct table *t, FILE *fp,
    const struct la_publish_opts *o)
{
	char line[512];

	summary(t, o->day, line, sizeof(line));
	fprintf(fp, "# %s\n\n%s\n\n|", o->title, line);
	for (int c = 0; c < NCOLS; c++)
		md_cell(fp, headings[c]);
	fputs("\n|", fp);
	for (int c = 0; c < NCOLS; c++)
		fputs(" --- |", fp);
	fputc('\n', fp);
	for (size_t i = 0; i < t->nrows; i++) {
		fputc('|', fp);
		for (int c = 0; c < NCOLS; c++)
			md_cell(fp, t->rows[i].cell[c]);
		fputc('\n', fp);
	}
}

static void
html_text(FILE *fp, const char *s)
{
	for (; *s != '\0'; s++) {
		switch (*s) {
		case '&':
			fputs("&amp;", fp);
			break;
		case '<':
			fputs("&lt;", fp);
			break;
		case '>':
			fputs("&gt;", fp);
			break;
		case '"':
			fputs("&quot;", fp);
			break;
		default:
			fputc(*s, fp);
		}
	}
}

/*
 * Print layout: A4 portrait with 15 mm side margins leaves 180 mm for the
 * nine columns. The heading row repeats on every page, no row is split
 * across pages, and only the unit and services columns wrap.
 */
static const char html_style[] =
    "@page { size: A4 portrait; margin: 18mm 15mm; }\n"
    "body { font-family: \"SimSun\", \"Songti SC\", \"Noto Serif CJK SC\", "
    "serif; font-size: 10.5pt; color: #000; margin: 0; }\n"
    "h1 { font-size: 18pt; text-align: center; margin: 0 0 3mm; }\n"
    "p.summary { text-align: center; margin: 0 0 4mm; }\n"
    "table { width: 100%; border-collapse: collapse; }\n"
    "th, td { border: 0.5pt solid #000; padding: 1.2mm 1mm; "
    "text-align: center; vertical-align: middle; white-space: nowrap; }\n"
    "td.text { white-space: normal; }\n"
    "th { font-weight: bold; background: #eee; }\n"
    "thead { display: table-header-group; }\n"
    "tr { break-inside: avoid; page-break-inside: avoid; }\n"
    "@media screen { body { max-width: 180mm; margin: 10mm auto; } }\n";

static void
write_html(const struct table *t, FILE *fp, const struct la_publish_opts *o)
{
	char line[512];

	summary(t, o->day, line, sizeof(line));
	fputs("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n"
	    "<meta charset=\"utf-8\">\n<title>", fp);
	html_text(fp, o->title);
	fprintf(fp, "</title>\n<style>\n%s</style>\n</head>\n<body>\n<h1>",
	    html_style);
	html_text(fp, o->title);
	fputs("</h1>\n<p class=\"summary\">", fp);
	html_text(fp, line);
	fputs("</p>\n<table>\n<thead>\n<tr>", fp);
	for (int c = 0; c < NCOLS; c++)
		fprintf(fp, "<th>%s</th>", headings[c]);
	fputs("</tr>\n</thead>\n<tbody>\n", fp);
	for (size_t i = 0; i < t->nrows; i++) {
		fputs("<tr>", fp);
		for (int c = 0; c < NCOLS; c++) {
			/* Only the unit and the services may wrap. */
			fputs(c == COL_UNIT || c == COL_SERVICES ?
			    "<td class=\"text\">" : "<td>", fp);
			html_text(fp, t->rows[i].cell[c]);
			fputs("</td>", fp);
		}
		fputs("</tr>\n", fp);
	}
	fputs("</tbody>\n</table>\n</body>\n</html>\n", fp);
}

int
la_roster_publish(const struct la_roster *r, FILE *fp,
    const struct la_publish_opts *o, struct la_error *err)
{
	struct table t;
	int rc = 0;

	if (build_table(&t, r, o->mask) == -1) {
		free_table(&t);
		return la_error_set(err, LA_ERR_NOMEM, NULL, 0, NULL,
		    "out of memory");
	}
	if (o->format == LA_PUBLISH_CSV)
		rc = write_csv(&t, fp, o, err);
	else if (o->format == LA_PUBLISH_MARKDOWN)
		write_markdown(&t, fp, o);
	else
		write_html(&t, fp, o);
	free_table(&t);
	if (rc == 0 && (fflush(fp) != 0 || ferror(fp)))
		rc = la_error_set(err, LA_ERR_IO, "<stdout>", 0, NULL,
		    "write error");
	return rc;
}
