/* SPDX-License-Identifier: MIT */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fuzz.h"
#include "schedule_assign.h"

/*
 * Reads the input as la-schedule's rotation state file. A state that
 * loads is saved and loaded again: the same cases must come back, with
 * the same member, times and open flag, and the same last member.
 */

/* A folder of this process's own, so that the save's clean-up is quick. */
static const char *
state_dir(void)
{
	static char dir[64];
	const char *tmp = getenv("TMPDIR");

	if (dir[0] == '\0') {
		if (tmp == NULL || *tmp == '\0' || strlen(tmp) > 40)
			tmp = "/tmp";
		snprintf(dir, sizeof(dir), "%s/la-fuzz-XXXXXX", tmp);
		if (mkdtemp(dir) == NULL) {
			dir[0] = '\0';
			return NULL;
		}
	}
	return dir;
}

static int
same_text(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return a == b;
	return strcmp(a, b) == 0;
}

static void
compare_states(const struct la_rotation *a, const struct la_rotation *b)
{
	size_t i;

	FUZZ_CHECK(a->n == b->n);
	FUZZ_CHECK(same_text(a->last, b->last));
	for (i = 0; i < a->n; i++) {
		FUZZ_CHECK(strcmp(a->cases[i].case_id, b->cases[i].case_id) ==
		    0);
		FUZZ_CHECK(same_text(a->cases[i].license_no,
		    b->cases[i].license_no));
		FUZZ_CHECK(same_text(a->cases[i].name, b->cases[i].name));
		FUZZ_CHECK(a->cases[i].assigned_at == b->cases[i].assigned_at);
		FUZZ_CHECK(a->cases[i].open == b->cases[i].open);
		if (!a->cases[i].open)
			FUZZ_CHECK(a->cases[i].closed_at ==
			    b->cases[i].closed_at);
		FUZZ_CHECK(la_rotation_find(b, a->cases[i].case_id) >= 0);
	}
}

int
fuzz_state(const uint8_t *data, size_t size)
{
	struct la_rotation rot, again;
	struct la_error err;
	char in[96], out[96];
	const char *dir;
	FILE *fp;
	size_t done;

	if ((dir = state_dir()) == NULL)
		return 0;
	snprintf(in, sizeof(in), "%s/in.json", dir);
	snprintf(out, sizeof(out), "%s/out.json", dir);
	if ((fp = fopen(in, "wb")) == NULL)
		return 0;
	done = fwrite(data, 1, size, fp);
	if (fclose(fp) != 0 || done != size)
		return 0;
	la_rotation_init(&rot);
	la_rotation_init(&again);
	la_error_clear(&err);
	if (la_rotation_load(&rot, in, &err) == 0) {
		FUZZ_CHECK(la_rotation_save(&rot, out, &err) == 0);
		FUZZ_CHECK(la_rotation_load(&again, out, &err) == 0);
		compare_states(&rot, &again);
	} else {
		FUZZ_CHECK(err.code != LA_ERR_NONE);
	}
	la_rotation_free(&rot);
	la_rotation_free(&again);
	return 0;
}

FUZZ_ENTRY(fuzz_state)
