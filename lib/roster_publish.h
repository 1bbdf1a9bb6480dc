/* SPDX-License-Identifier: MIT */
#ifndef LA_ROSTER_PUBLISH_H
#define LA_ROSTER_PUBLISH_H

#include <stdio.h>

#include "datetime.h"
#include "error.h"
#include "io.h"
#include "roster.h"

/*
 * The list announced to the public (公示名单): every member not removed,
 * lawyers first, with 序号, 姓名, 性别, 人员类别, 执业单位, 服务范围,
 * 是否值班, 身份证号 and 联系电话, the last two masked
 * unless the caller turns masking off.
 */

enum la_publish_format {
	LA_PUBLISH_CSV,
	LA_PUBLISH_MARKDOWN,
	LA_PUBLISH_HTML		/* a standalone page that prints on A4 */
};

/* Parses "csv", "markdown" (or "md") and "html"; -1 for anything else. */
int la_publish_format_parse(const char *s);

struct la_publish_opts {
	enum la_publish_format format;
	const char *title;		/* heading of Markdown and HTML */
	la_day day;			/* date of publication */
	int mask;			/* hide the middle of IDs and phones */
	struct la_write_opts csv;	/* CSV output: encoding, BOM */
};

/* Default title: "<district>法律援助人员资源库入库人员名单". */
void la_publish_title(const char *district, char *buf, size_t size);

/* Writes the list to fp. Returns 0, or -1 on a write error. */
int la_roster_publish(const struct la_roster *r, FILE *fp,
    const struct la_publish_opts *o, struct la_error *err);

#endif
