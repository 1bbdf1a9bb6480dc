/* SPDX-License-Identifier: MIT */
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "reader.h"
#include "roster.h"
#include "roster_journal.h"

/*
 * Reads the input as a roster journal. A journal that reads without error
 * has its transactions numbered from 1 upwards, a complete part no longer
 * than the input, and replays and lists without a crash. Formatting its
 * transactions again and reading that gives the same transactions.
 */

static void
check_txn_numbers(const struct la_journal *j, size_t size)
{
	size_t i;

	FUZZ_CHECK(j->size >= 0 && j->size <= j->total);
	FUZZ_CHECK((size_t)j->total == size);
	/*
	 * NOTE: the reader accepts gaps (1, then 4), so only the order is
	 * checked.
	 */
	for (i = 0; i < j->ntxns; i++)
		FUZZ_CHECK(j->txns[i].number > (i == 0 ? 0 :
		    j->txns[i - 1].number));
	FUZZ_CHECK(la_journal_last(j) == (j->ntxns == 0 ? 0 :
	    j->txns[j->ntxns - 1].number));
	FUZZ_CHECK(j->ntxns == 0 || j->txns[0].number >= 1);
}

/* Formats every transaction of j again, as la-roster appends them. */
static char *
format_all(const struct la_journal *j, const struct la_tz *tz, size_t *len)
{
	struct la_error err;
	char *all = NULL, *text, *grown;
	size_t n, used = 0;
	size_t i;

	for (i = 0; i < j->ntxns; i++) {
		if (la_txn_format(&j->txns[i], j->txns[i].number, tz, &text,
		    &n, &err) != 0)
			break;
		if ((grown = realloc(all, used + n + 1)) == NULL) {
			free(text);
			break;
		}
		all = grown;
		memcpy(all + used, text, n);
		used += n;
		free(text);
	}
	*len = used;
	return all;
}

static void
check_reformat(const struct la_journal *j, const struct la_tz *tz)
{
	struct la_journal again;
	struct la_error err;
	size_t len = 0, i;
	char *text;
	FILE *fp;

	if (j->ntxns == 0 || (text = format_all(j, tz, &len)) == NULL)
		return;
	la_journal_init(&again);
	FUZZ_CHECK((fp = fuzz_open_bytes((const uint8_t *)text, len)) != NULL);
	la_error_clear(&err);
	if (la_journal_read(&again, fp, "fuzz-out", &err) != 0)
		fprintf(stderr, "reread failed: %ld: %s\n", err.line, err.text);
	FUZZ_CHECK(err.code == LA_ERR_NONE);
	FUZZ_CHECK(again.ntxns == j->ntxns);
	FUZZ_CHECK(again.size == again.total);
	for (i = 0; i < j->ntxns; i++) {
		FUZZ_CHECK(again.txns[i].time == j->txns[i].time);
		FUZZ_CHECK(again.txns[i].nchanges == j->txns[i].nchanges);
		FUZZ_CHECK(strcmp(again.txns[i].user, j->txns[i].user) == 0);
	}
	fclose(fp);
	la_journal_free(&again);
	free(text);
}

int
fuzz_journal(const uint8_t *data, size_t size)
{
	struct la_roster replayed, history;
	struct la_journal j;
	struct la_error err;
	struct la_tz tz;
	FILE *fp;

	FUZZ_CHECK(la_tz_init(&tz, "Asia/Shanghai", NULL) == 0);
	if ((fp = fuzz_open_bytes(data, size)) == NULL)
		return 0;
	la_journal_init(&j);
	la_error_clear(&err);
	if (la_journal_read(&j, fp, "fuzz", &err) == 0) {
		check_txn_numbers(&j, size);
		la_roster_init(&replayed);
		la_roster_init(&history);
		la_journal_replay(&j, -1, LLONG_MAX, &replayed, &err);
		la_journal_history(&j, NULL, LLONG_MAX, &tz, &history, &err);
		la_roster_free(&replayed);
		la_roster_free(&history);
		check_reformat(&j, &tz);
	} else {
		FUZZ_CHECK(err.code != LA_ERR_NONE);
	}
	la_journal_free(&j);
	fclose(fp);
	return 0;
}

FUZZ_ENTRY(fuzz_journal)
