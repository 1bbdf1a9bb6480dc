/* SPDX-License-Identifier: MIT */
/*
 * STUB for the roster branch only: defaults and a loader for the roster
 * keys. Delete once main has lib/rules.c.
 */
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "rules.h"

int
la_rules_default(struct la_rules *r, struct la_error *err)
{
	memset(r, 0, sizeof(*r));
	snprintf(r->district, sizeof(r->district), "綦江区");
	la_tz_init(&r->tz, "Asia/Shanghai", err);
	r->quota[LA_CAT_LAWYER] = 40;
	r->quota[LA_CAT_LEGAL_WORKER] = 20;
	r->waitlist = 10;
	r->term_months = 12;
	r->term_start = (struct la_date){ 2024, 4, 1 };
	r->allow_return_after_removal = 0;
	r->suspend_months = 3;
	return 0;
}

int
la_rules_load(struct la_rules *r, const char *path, struct la_error *err)
{
	json_error_t je;
	json_t *root = json_load_file(path, 0, &je), *v;
	char why[64];

	if (root == NULL)
		return la_error_set(err, LA_ERR_RULES, path, je.line, NULL,
		    "%s", je.text);
	if ((v = json_object_get(root, "district")) != NULL)
		snprintf(r->district, sizeof(r->district), "%s",
		    json_string_value(v));
	if ((v = json_object_get(root, "roster")) != NULL) {
		json_t *x;

		if ((x = json_object_get(v, "term_months")) != NULL)
			r->term_months = (int)json_integer_value(x);
		if ((x = json_object_get(v, "term_start")) != NULL)
			la_parse_date(json_string_value(x), &r->term_start,
			    why, sizeof(why));
		if ((x = json_object_get(v, "allow_return_after_removal")))
			r->allow_return_after_removal = json_is_true(x);
	}
	if ((v = json_object_get(root, "selection")) != NULL) {
		json_t *q = json_object_get(v, "quotas"), *x;

		if (q && (x = json_object_get(q, "lawyer")))
			r->quota[LA_CAT_LAWYER] = (int)json_integer_value(x);
		if (q && (x = json_object_get(q, "legal_worker")))
			r->quota[LA_CAT_LEGAL_WORKER] =
			    (int)json_integer_value(x);
	}
	json_decref(root);
	return 0;
}

int
la_rules_print(const struct la_rules *r, FILE *fp, struct la_error *err)
{
	(void)err;
	fprintf(fp, "{\"district\": \"%s\"}\n", r->district);
	return 0;
}

void
la_rules_free(struct la_rules *r)
{
	(void)r;
}
