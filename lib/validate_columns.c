/* SPDX-License-Identifier: MIT */
#include "validate_run.h"

/* Fields that la_validate_record() adds to every record, in order. */
static const int added_ids[] = {
	LA_F_STATUS, LA_F_ELIGIBLE_SERVICES, LA_F_FINDINGS
};

#define NADDED (sizeof(added_ids) / sizeof(added_ids[0]))

int
la_validate_columns_set(struct la_cli_columns *c,
    const struct la_column_union *u, struct la_cli *cli)
{
	struct la_cli_added added[NADDED];

	for (size_t i = 0; i < NADDED; i++) {
		added[i].name = la_field_name(added_ids[i]);
		added[i].id = added_ids[i];
	}
	return la_cli_columns_set(c, u, added, NADDED, cli);
}
