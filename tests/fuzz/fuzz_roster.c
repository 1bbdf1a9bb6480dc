/* SPDX-License-Identifier: MIT */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "reader.h"
#include "roster.h"

/*
 * Reads the input as a roster file. A roster that reads without error
 * passes la_roster_check(), and writing it as CSV and as JSON Lines and
 * reading that back gives an equal roster.
 */

static void
check_rewrite(const struct la_roster *ro, enum la_format format)
{
	struct la_write_opts wo;
	struct la_read_opts opts;
	struct la_roster again;
	struct la_error err;
	char *text = NULL;
	size_t len = 0;
	FILE *fp;
	int rc;

	memset(&wo, 0, sizeof(wo));
	wo.format = format;
	if ((fp = open_memstream(&text, &len)) == NULL)
		return;
	la_error_clear(&err);
	rc = la_roster_write(ro, fp, "fuzz-out", &wo, &err);
	FUZZ_CHECK(fclose(fp) == 0);
	FUZZ_CHECK(rc == 0);
	la_roster_init(&again);
	memset(&opts, 0, sizeof(opts));
	opts.format = format;
	opts.encoding = "utf-8";
	FUZZ_CHECK((fp = fuzz_open_bytes((const uint8_t *)text, len)) != NULL);
	rc = la_roster_read(&again, fp, "fuzz-out", &opts, &err);
	if (rc != 0)
		fprintf(stderr, "reread failed: %ld: %s\n", err.line, err.text);
	FUZZ_CHECK(rc == 0);
	FUZZ_CHECK(la_roster_equal(ro, &again));
	fclose(fp);
	la_roster_free(&again);
	free(text);
}

int
fuzz_roster(const uint8_t *data, size_t size)
{
	struct la_read_opts opts;
	struct la_roster ro;
	struct la_error err;
	FILE *fp;

	if ((fp = fuzz_open_bytes(data, size)) == NULL)
		return 0;
	memset(&opts, 0, sizeof(opts));
	la_roster_init(&ro);
	la_error_clear(&err);
	if (la_roster_read(&ro, fp, "fuzz", &opts, &err) == 0) {
		FUZZ_CHECK(la_roster_check(&ro, "fuzz", &err) == 0);
		/*
		 * NOTE: "[]" reads as a roster without members, but such a
		 * roster is written as an empty file, which has no columns
		 * and is rejected, so only rosters with members are
		 * written back.
		 */
		if (ro.nmembers > 0) {
			check_rewrite(&ro, LA_FORMAT_CSV);
			check_rewrite(&ro, LA_FORMAT_JSONL);
		}
	} else {
		FUZZ_CHECK(err.code != LA_ERR_NONE);
	}
	la_roster_free(&ro);
	fclose(fp);
	return 0;
}

FUZZ_ENTRY(fuzz_roster)
