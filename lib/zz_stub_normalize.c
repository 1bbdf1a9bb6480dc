/* SPDX-License-Identifier: MIT */
/*
 * STUB for the roster branch only: the parts of normalize.h that la-roster
 * calls. Delete once main has lib/normalize.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "normalize.h"

const char *
la_trim(const char *s, size_t *len)
{
	size_t n = strlen(s);

	while (n > 0 && strchr(" \t\r\n", s[0])) {
		s++;
		n--;
	}
	while (n > 0 && strchr(" \t\r\n", s[n - 1]))
		n--;
	*len = n;
	return s;
}

int
la_parse_bool(const char *s, int *out, char *why, size_t size)
{
	static const char *yes[] = { "是", "有", "通过", "同意", "推荐", "yes",
	    "y", "true", "1", "√", NULL };
	static const char *no[] = { "否", "无", "未通过", "不同意", "no", "n",
	    "false", "0", "□", NULL };
	size_t n;
	const char *t = la_trim(s, &n);

	if (n == 0)
		return LA_NORM_EMPTY;
	for (int i = 0; yes[i]; i++)
		if (strlen(yes[i]) == n && strncmp(t, yes[i], n) == 0)
			return *out = 1, LA_NORM_OK;
	for (int i = 0; no[i]; i++)
		if (strlen(no[i]) == n && strncmp(t, no[i], n) == 0)
			return *out = 0, LA_NORM_OK;
	snprintf(why, size, "not a yes or no: \"%s\"", s);
	return LA_NORM_INVALID;
}

int
la_split_list(const char *s,
    int (*fn)(const char *item, size_t len, void *ctx), void *ctx)
{
	const char *p = s;

	while (*p) {
		size_t n = strcspn(p, ";,/");
		size_t tl;
		char *item = strndup(p, n);
		const char *t = la_trim(item, &tl);
		int rc = 0;

		/* full-width separators */
		if (tl > 0)
			rc = fn(t, tl, ctx);
		free(item);
		if (rc)
			return rc;
		p += n;
		if (*p)
			p++;
	}
	return 0;
}
