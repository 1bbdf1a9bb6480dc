/* SPDX-License-Identifier: MIT */
/*
 * STUB for the audit branch only: the few lib/normalize.c functions that
 * la-audit calls. Delete once main has lib/normalize.c.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "normalize.h"

const char *
la_trim(const char *s, size_t *len)
{
	size_t n = strlen(s);

	while (n > 0 && isspace((unsigned char)*s)) {
		s++;
		n--;
	}
	while (n > 0 && isspace((unsigned char)s[n - 1]))
		n--;
	*len = n;
	return s;
}

int
la_parse_bool(const char *s, int *out, char *why, size_t size)
{
	static const char *yes[] = { "是", "有", "通过", "同意", "yes", "y",
	    "true", "1", "√", NULL };
	static const char *no[] = { "否", "无", "未通过", "不同意", "no", "n",
	    "false", "0", "×", NULL };
	size_t n;
	const char *t = la_trim(s, &n);

	if (n == 0)
		return LA_NORM_EMPTY;
	for (int i = 0; yes[i] != NULL; i++)
		if (strlen(yes[i]) == n && strncasecmp(t, yes[i], n) == 0)
			return *out = 1, LA_NORM_OK;
	for (int i = 0; no[i] != NULL; i++)
		if (strlen(no[i]) == n && strncasecmp(t, no[i], n) == 0)
			return *out = 0, LA_NORM_OK;
	snprintf(why, size, "not a yes/no value");
	return LA_NORM_INVALID;
}

int
la_parse_number(const char *s, double *out, char *why, size_t size)
{
	size_t n;
	const char *t = la_trim(s, &n);
	char buf[64], *end;

	if (n == 0)
		return LA_NORM_EMPTY;
	if (n >= sizeof(buf) || !isdigit((unsigned char)*t)) {
		snprintf(why, size, "not a number");
		return LA_NORM_INVALID;
	}
	memcpy(buf, t, n);
	buf[n] = '\0';
	*out = strtod(buf, &end);
	if (*end != '\0') {
		snprintf(why, size, "not a number");
		return LA_NORM_INVALID;
	}
	return LA_NORM_OK;
}
