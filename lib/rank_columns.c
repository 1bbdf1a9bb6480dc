/* SPDX-License-Identifier: MIT */
#include "cli.h"
#include "rank_impl.h"

/* score, its parts, rank, selection and selection_reason */
#define NADDED (LA_SCORE_NFACTORS + 4)

int
la_ranking_columns_set(const struct la_ranking *rk, struct la_cli_columns *c,
    struct la_cli *cli)
{
	/* In the order in which la_ranking_get() adds them. */
	static const int after_parts[] = {
		LA_F_RANK, LA_F_SELECTION, LA_F_SELECTION_REASON
	};
	struct la_cli_added added[NADDED];
	size_t n = 0;

	added[n].name = la_field_name(LA_F_SCORE);
	added[n++].id = LA_F_SCORE;
	for (int i = 0; i < LA_SCORE_NFACTORS; i++) {
		added[n].name = rank_part_names[i];
		added[n++].id = -1;
	}
	for (size_t i = 0; i < 3; i++) {
		added[n].name = la_field_name(after_parts[i]);
		added[n++].id = after_parts[i];
	}
	return la_cli_columns_set(c, &rk->columns, added, n, cli);
}
