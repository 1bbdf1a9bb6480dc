/* SPDX-License-Identifier: MIT */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "schedule_duty_private.h"

/*
 * The month grid for the notice board: one calendar table per month,
 * Monday first, each day listing the posts and who sits there. Its labels
 * are Chinese because the board is read in Chinese: 休 marks a statutory
 * holiday, 班 a weekend day worked in its place, 备 the alternates and
 * 空缺 an empty seat.
 */

static const char *const weekday_labels[] = { "一", "二", "三", "四", "五",
    "六", "日" };

/* Writes s with the characters that Markdown or HTML would read escaped. */
static void
put_escaped(FILE *fp, const char *s, int html)
{
	for (; *s != '\0'; s++) {
		if (html && *s == '&')
			fputs("&amp;", fp);
		else if (html && *s == '<')
			fputs("&lt;", fp);
		else if (html && *s == '>')
			fputs("&gt;", fp);
		else if (html && *s == '"')
			fputs("&quot;", fp);
		else if (!html && strchr("|\\*_<>[]`", *s) != NULL)
			fprintf(fp, "\\%c", *s);
		else if (*s == '\n' || *s == '\r')
			fputc(' ', fp);
		else
			fputc(*s, fp);
	}
}

static int
listed_day(const la_day *days, size_t n, la_day day)
{
	for (size_t i = 0; i < n; i++)
		if (days[i] == day)
			return 1;
	return 0;
}

static void
put_day_number(FILE *fp, const struct la_duty *d, la_day day, int html)
{
	const struct la_calendar *cal = &d->rules->calendar;
	const char *mark = "";

	if (listed_day(cal->holidays, cal->nholidays, day))
		mark = " 休";
	else if (listed_day(cal->workdays, cal->nworkdays, day))
		mark = " 班";
	if (html)
		fprintf(fp, "<div class=\"day\">%d%s</div>",
		    la_date_from_day(day).day, mark);
	else
		fprintf(fp, "**%d**%s", la_date_from_day(day).day, mark);
}

/* Names of the rows [first, end) of one post, holders or alternates. */
static void
put_names(FILE *fp, const struct la_duty *d, size_t first, size_t end,
    int alternates, const char *only, int html)
{
	int any = 0;

	for (size_t r = first; r < end; r++) {
		const struct la_duty_row *row = &d->rows[r];
		struct la_duty_people who;
		const char *name;

		if (!la_duty_row_shown(d, row, only))
			continue;
		la_duty_row_people(d, row, &who);
		name = alternates ? who.alternate_name : who.name;
		if (alternates && who.alternate_license_no[0] == '\0')
			continue;
		fputs(any ? "、" : "", fp);
		if (!alternates && who.license_no[0] == '\0')
			name = "（空缺）";
		put_escaped(fp, name, html);
		any = 1;
	}
}

static int
post_shown(const struct la_duty *d, size_t first, size_t end,
    const char *only, int alternates)
{
	for (size_t r = first; r < end; r++) {
		struct la_duty_people who;

		if (!la_duty_row_shown(d, &d->rows[r], only))
			continue;
		la_duty_row_people(d, &d->rows[r], &who);
		if (!alternates || who.alternate_license_no[0] != '\0')
			return 1;
	}
	return 0;
}

static void
put_post(FILE *fp, const struct la_duty *d, size_t first, size_t end,
    const char *only, int html)
{
	const char *name = d->rules->posts[d->rows[first].post].name;

	for (int alternates = 0; alternates <= 1; alternates++) {
		if (!post_shown(d, first, end, only, alternates))
			continue;
		fputs(html ? "<div>" : "<br>", fp);
		put_escaped(fp, name, html);
		fputs(alternates ? " 备：" : "：", fp);
		put_names(fp, d, first, end, alternates, only, html);
		fputs(html ? "</div>" : "", fp);
	}
}

static void
put_cell(FILE *fp, const struct la_duty *d, la_day day, const char *only,
    int html)
{
	size_t r, end;

	fputs(html ? "<td>" : " ", fp);
	put_day_number(fp, d, day, html);
	if (day >= d->from && day <= d->to) {
		r = d->day_first[day - d->from];
		end = d->day_first[day - d->from + 1];
		while (r < end) {
			size_t first = r;

			while (r < end &&
			    d->rows[r].post == d->rows[first].post)
				r++;
			put_post(fp, d, first, r, only, html);
		}
	}
	fputs(html ? "</td>" : " |", fp);
}

static void
put_month_head(FILE *fp, int year, int month, int html)
{
	if (html) {
		fprintf(fp, "<h2>%d年%d月</h2>\n<table>\n<tr>", year, month);
		for (int i = 0; i < 7; i++)
			fprintf(fp, "<th>%s</th>", weekday_labels[i]);
		fputs("</tr>\n", fp);
		return;
	}
	fprintf(fp, "## %d年%d月\n\n|", year, month);
	for (int i = 0; i < 7; i++)
		fprintf(fp, " %s |", weekday_labels[i]);
	fputs("\n|", fp);
	for (int i = 0; i < 7; i++)
		fputs(" --- |", fp);
	fputc('\n', fp);
}

static void
put_month(FILE *fp, const struct la_duty *d, int year, int month,
    const char *only, int html)
{
	struct la_date first = { year, month, 1 };
	la_day day = la_day_from_date(first);
	la_day next = la_day_from_date(la_date_add_months(first, 1));
	int column = la_weekday(day) - 1;

	put_month_head(fp, year, month, html);
	fputs(html ? "<tr>" : "|", fp);
	for (int i = 0; i < column; i++)
		fputs(html ? "<td></td>" : "  |", fp);
	for (; day < next; day++) {
		put_cell(fp, d, day, only, html);
		if (++column == 7 && day + 1 < next) {
			fputs(html ? "</tr>\n<tr>" : "\n|", fp);
			column = 0;
		}
	}
	for (; column < 7; column++)
		fputs(html ? "<td></td>" : "  |", fp);
	fputs(html ? "</tr>\n</table>\n" : "\n\n", fp);
}

static int
seats_of(const struct la_duty *d, long m, const char *only)
{
	int n = 0;

	if (only != NULL && strcmp(d->pool->members[m].license_no, only) != 0)
		return 0;
	for (size_t r = 0; r < d->nrows; r++)
		n += d->rows[r].member == m;
	return n;
}

/* The members on the grid with their practice units, for the board. */
static void
put_people(FILE *fp, const struct la_duty *d, const char *only, int html)
{
	if (html)
		fputs("<h2>值班人员</h2>\n<table>\n<tr><th>姓名</th>"
		    "<th>执业单位</th><th>值班次数</th></tr>\n", fp);
	else
		fputs("## 值班人员\n\n| 姓名 | 执业单位 | 值班次数 |\n"
		    "| --- | --- | --- |\n", fp);
	for (long m = 0; m < (long)d->npool; m++) {
		const struct la_member *mb = &d->pool->members[m];
		int n = seats_of(d, m, only);

		if (n == 0)
			continue;
		fputs(html ? "<tr><td>" : "| ", fp);
		put_escaped(fp, mb->name, html);
		fputs(html ? "</td><td>" : " | ", fp);
		put_escaped(fp, mb->unit, html);
		fprintf(fp, html ? "</td><td>%d</td></tr>\n" : " | %d |\n", n);
	}
	fputs(html ? "</table>\n" : "", fp);
}

static void
put_title(FILE *fp, const struct la_duty *d, int html)
{
	char from[16], to[16];

	la_date_format(la_date_from_day(d->from), from, sizeof(from));
	la_date_format(la_date_from_day(d->to), to, sizeof(to));
	if (!html) {
		fputs("# ", fp);
		put_escaped(fp, d->rules->district, 0);
		fprintf(fp, "值班表 %s 至 %s\n\n", from, to);
		return;
	}
	fputs("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n"
	    "<meta charset=\"utf-8\">\n<title>", fp);
	put_escaped(fp, d->rules->district, 1);
	fprintf(fp, "值班表 %s 至 %s</title>\n", from, to);
	fputs("<style>\n"
	    "table { border-collapse: collapse; width: 100%; "
	    "page-break-after: always; }\n"
	    "th, td { border: 1px solid #000; padding: 4px; "
	    "vertical-align: top; width: 14%; }\n"
	    ".day { font-weight: bold; }\n"
	    "</style>\n</head>\n<body>\n<h1>", fp);
	put_escaped(fp, d->rules->district, 1);
	fprintf(fp, "值班表 %s 至 %s</h1>\n", from, to);
}

int
la_duty_write_grid(const struct la_duty *d, FILE *fp, int html,
    const char *only, struct la_error *err)
{
	struct la_date at = la_date_from_day(d->from);
	struct la_date end = la_date_from_day(d->to);

	put_title(fp, d, html);
	at.day = 1;
	while (at.year < end.year ||
	    (at.year == end.year && at.month <= end.month)) {
		put_month(fp, d, at.year, at.month, only, html);
		at = la_date_add_months(at, 1);
	}
	put_people(fp, d, only, html);
	if (html)
		fputs("</body>\n</html>\n", fp);
	if (ferror(fp))
		return la_error_set(err, LA_ERR_IO, NULL, 0, NULL, "%s",
		    _("write error on the output file"));
	return 0;
}
