/* SPDX-License-Identifier: MIT */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "audit.h"
#include "fuzz.h"
#include "reader.h"
#include "rules.h"

/*
 * Reads the input as la-audit's events and runs them through the audit
 * engine with the built-in rules: every event record is parsed, fed,
 * and turned into findings, roster changes, a summary and a sample. Every
 * finding must have a known kind and turn into a row.
 */

struct audit_run {
	struct la_audit *engine;
	struct la_rules *rules;
	struct la_event_columns cols;
	struct la_record row;
	long findings;
};

static int
take_finding(void *ctx, const struct la_audit_finding *f,
    struct la_error *err)
{
	struct audit_run *run = ctx;

	(void)err;
	FUZZ_CHECK((int)f->kind >= 0 && f->kind < LA_AK_NKINDS);
	FUZZ_CHECK(f->nevents >= 0 && f->nevents <= LA_AUDIT_MAX_EVENTS);
	FUZZ_CHECK(la_audit_finding_record(run->engine, f, &run->row) == 0);
	FUZZ_CHECK(la_audit_change_record(run->engine, f, &run->row) >= 0);
	run->findings++;
	return 0;
}

static int
take_row(void *ctx, const struct la_record *r, struct la_error *err)
{
	(void)ctx;
	(void)err;
	FUZZ_CHECK(r->nfields > 0);
	fuzz_check_fields(r);
	return 0;
}

static void
feed_event(const struct la_record *r, void *ctx)
{
	struct audit_run *run = ctx;
	struct la_audit_event ev;
	struct la_record copy;
	struct la_error err;
	char why[64];
	int has_time = 0;

	/* Parsing trims values in place, so it works on a copy. */
	la_record_init(&copy);
	if (la_record_copy(&copy, r) == 0 &&
	    la_audit_event_parse(&copy, run->rules, &run->cols, &ev,
	    &has_time, why, sizeof(why)) != 0)
		FUZZ_CHECK(fuzz_terminated(why, sizeof(why)));
	la_record_free(&copy);
	la_error_clear(&err);
	FUZZ_CHECK(la_audit_feed(run->engine, r, "fuzz", &err) == 0);
}

int
fuzz_audit(const uint8_t *data, size_t size)
{
	static struct la_rules rules;
	static int ready;
	struct audit_run run;
	struct la_audit_opts o;
	struct la_read_opts ro;
	struct la_error err;

	if (!ready) {
		FUZZ_CHECK(la_rules_default(&rules, NULL) == 0);
		ready = 1;
	}
	memset(&run, 0, sizeof(run));
	run.rules = &rules;
	la_record_init(&run.row);
	memset(&o, 0, sizeof(o));
	o.rules = &rules;
	o.as_of = 1735660800;		/* 2025-01-01T00:00:00+08:00 */
	o.window = 3600;
	o.sample = 3;
	o.seed = 42;
	o.emit = take_finding;
	o.ctx = &run;
	la_error_clear(&err);
	FUZZ_CHECK((run.engine = la_audit_new(&o, &err)) != NULL);
	memset(&ro, 0, sizeof(ro));
	fuzz_read_all(data, size, &ro, feed_event, &run);
	FUZZ_CHECK(la_audit_finish(run.engine, &err) == 0);
	FUZZ_CHECK(la_audit_summary(run.engine, take_row, &run, &err) == 0);
	FUZZ_CHECK(la_audit_sample(run.engine, take_row, &run, &err) == 0);
	la_audit_free(run.engine);
	la_record_free(&run.row);
	return 0;
}

FUZZ_ENTRY(fuzz_audit)
