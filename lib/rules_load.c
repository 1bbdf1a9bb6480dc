/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "rules_private.h"

/*
 * Reading a rules file: the JSON text is parsed whole, then walked along
 * the key tables of rules_keys.c into a copy of the caller's rules. The
 * copy replaces the caller's rules only when the whole file is valid.
 */

static int
check_weights(struct rules_loader *ld)
{
	double sum = 0;

	for (int i = 0; i < LA_SCORE_NFACTORS; i++)
		sum += ld->r->weights[i].points;
	if (fabs(sum - RULES_WEIGHT_SUM) > RULES_WEIGHT_TOLERANCE) {
		return la_rules_fail_key(ld, "selection.weights",
		    "the points add up to %.10g (they must add up to 100)",
		    sum);
	}
	return 0;
}

/* Checks the rules that tie two keys together, once the file is applied. */
static int
check_consistency(struct rules_loader *ld)
{
	const struct la_rules *r = ld->r;
	char open[32], close[32];

	if (check_weights(ld) != 0)
		return -1;
	if (r->window_close <= r->window_open) {
		la_time_format(&r->tz, r->window_open, open, sizeof(open));
		la_time_format(&r->tz, r->window_close, close, sizeof(close));
		return la_rules_fail_key(ld, "application.window_close",
		    "%s is not after application.window_open %s", close,
		    open);
	}
	if (r->grade_pass_min > r->grade_excellent_min) {
		return la_rules_fail_key(ld, "grades.pass_min",
		    "%g is above grades.excellent_min %g", r->grade_pass_min,
		    r->grade_excellent_min);
	}
	if (r->min_criminal_lawyers > r->quota[LA_CAT_LAWYER]) {
		return la_rules_fail_key(ld, "selection.min_criminal_lawyers",
		    "%d is above selection.quotas.lawyer %d",
		    r->min_criminal_lawyers, r->quota[LA_CAT_LAWYER]);
	}
	return 0;
}

/*
 * Reads the whole file into a NUL-terminated buffer. A rules file is a
 * few kilobytes, so anything over RULES_MAX_FILE_SIZE is an error.
 */
static int
read_file(const char *path, char **buf, size_t *len, struct la_error *err)
{
	FILE *fp = fopen(path, "rb");
	char *data;
	size_t n;

	if (fp == NULL)
		return la_error_set(err, LA_ERR_IO, path, 0, NULL,
		    "cannot open rules file: %s", strerror(errno));
	if ((data = malloc(RULES_MAX_FILE_SIZE + 2)) == NULL) {
		fclose(fp);
		return la_error_set(err, LA_ERR_NOMEM, path, 0, NULL,
		    "out of memory");
	}
	n = fread(data, 1, RULES_MAX_FILE_SIZE + 1, fp);
	if (ferror(fp)) {
		int e = errno;

		fclose(fp);
		free(data);
		return la_error_set(err, LA_ERR_IO, path, 0, NULL,
		    "cannot read rules file: %s", strerror(e));
	}
	fclose(fp);
	if (n > RULES_MAX_FILE_SIZE) {
		free(data);
		return la_error_set(err, LA_ERR_LIMIT, path, 0, NULL,
		    "rules file larger than %ld bytes", RULES_MAX_FILE_SIZE);
	}
	data[n] = '\0';
	*buf = data;
	*len = n;
	return 0;
}

static void
set_position(struct la_error *err, long line, long column)
{
	if (err != NULL) {
		err->line = line;
		err->column = column;
	}
}

/*
 * Nonzero when the token that jansson rejected is ']' or '}' right after
 * a comma, which JSON does not allow but hand-edited files often contain.
 */
static int
is_trailing_comma(const char *buf, const json_error_t *je)
{
	long i = (long)je->position - 1;

	if (i < 1 || (buf[i] != ']' && buf[i] != '}'))
		return 0;
	for (i--; i >= 0 && strchr(" \t\r\n", buf[i]) != NULL; i--)
		continue;
	return i >= 0 && buf[i] == ',';
}

static int
fail_syntax(const char *path, const char *buf, const json_error_t *je,
    struct la_error *err)
{
	int first = err == NULL || err->code == LA_ERR_NONE;
	const char *near = strstr(je->text, "near '");

	if (json_error_code(je) == json_error_duplicate_key && near != NULL)
		la_error_set(err, LA_ERR_SYNTAX, path, je->line, NULL,
		    "duplicate key %.*s", (int)strlen(near + 6) - 1,
		    near + 6);
	else if (json_error_code(je) == json_error_invalid_utf8)
		la_error_set(err, LA_ERR_ENCODING, path, je->line, NULL,
		    "%s (save the rules file as UTF-8)", je->text);
	else if (is_trailing_comma(buf, je))
		la_error_set(err, LA_ERR_SYNTAX, path, je->line, NULL,
		    "trailing comma before '%c'", buf[je->position - 1]);
	else
		la_error_set(err, LA_ERR_SYNTAX, path, je->line, NULL, "%s",
		    je->text);
	if (first)
		set_position(err, je->line, je->column);
	return -1;
}

/*
 * Parses the file's text. A UTF-8 byte order mark, as Windows Notepad
 * writes, is skipped. UTF-16 is reported by name, because jansson reports
 * only that it cannot decode byte 0xff.
 */
static json_t *
parse_rules(const char *path, const char *buf, size_t len,
    struct la_error *err)
{
	const unsigned char *u = (const unsigned char *)buf;
	json_error_t je;
	json_t *root;

	if (len >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF) {
		buf += 3;
		len -= 3;
	} else if (len >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) ||
	    (u[0] == 0xFE && u[1] == 0xFF))) {
		la_error_set(err, LA_ERR_ENCODING, path, 1, NULL,
		    "rules file is in UTF-16 (save it as UTF-8)");
		return NULL;
	}
	root = json_loadb(buf, len, JSON_REJECT_DUPLICATES, &je);
	if (root == NULL) {
		fail_syntax(path, buf, &je, err);
		return NULL;
	}
	if (!json_is_object(root)) {
		json_decref(root);
		la_error_set(err, LA_ERR_RULES, path, 1, NULL,
		    "rules file must contain a JSON object { ... }");
		return NULL;
	}
	return root;
}

static int
apply_file(struct la_rules *copy, const char *path, const json_t *root,
    struct la_error *err)
{
	struct rules_loader ld;

	ld.r = copy;
	ld.file = path;
	ld.err = err;
	ld.path[0] = '\0';
	if (la_rules_load_object(&ld, la_rules_keys, root, copy) != 0)
		return -1;
	return check_consistency(&ld);
}

int
la_rules_load(struct la_rules *r, const char *path, struct la_error *err)
{
	struct la_rules *copy;
	json_t *root;
	char *buf = NULL;
	size_t len = 0;
	int rc;

	if (read_file(path, &buf, &len, err) != 0)
		return -1;
	root = parse_rules(path, buf, len, err);
	free(buf);
	if (root == NULL)
		return -1;
	if ((copy = malloc(sizeof(*copy))) == NULL ||
	    la_rules_copy(copy, r, err) != 0) {
		free(copy);
		json_decref(root);
		return la_error_set(err, LA_ERR_NOMEM, path, 0, NULL,
		    "out of memory");
	}
	rc = apply_file(copy, path, root, err);
	json_decref(root);
	if (rc == 0) {
		la_rules_free(r);
		memcpy(r, copy, sizeof(*r));
	} else {
		la_rules_free(copy);
	}
	free(copy);
	return rc;
}
