/* SPDX-License-Identifier: MIT */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "i18n.h"

/*
 * The CSV columns of a program's output, fixed before the first row is
 * written: the union of the inputs' columns, then the fields the program
 * adds, or the --columns selection of those.
 */

/* Index of the column that name or else id selects, or -1. */
static long
find_column(const struct la_cli_columns *c, const char *name, int id)
{
	for (size_t i = 0; i < c->n; i++)
		if (strcmp(c->names[i], name) == 0)
			return (long)i;
	for (size_t i = 0; id >= 0 && i < c->n; i++)
		if (c->ids[i] == id)
			return (long)i;
	return -1;
}

static void
add_column(struct la_cli_columns *c, const char *name, int id)
{
	c->names[c->n] = name;
	c->ids[c->n++] = id;
}

/*
 * The columns of the union, then each added field that none of them is:
 * by catalogue id for a field that has one, else by name.
 */
static int
all_columns(struct la_cli_columns *c, const struct la_column_union *u,
    const struct la_cli_added *added, size_t nadded)
{
	size_t n = u->n + nadded;

	c->names = calloc(n ? n : 1, sizeof(*c->names));
	c->ids = calloc(n ? n : 1, sizeof(*c->ids));
	if (c->names == NULL || c->ids == NULL)
		return -1;
	for (size_t i = 0; i < u->n; i++)
		add_column(c, u->names[i], u->ids[i]);
	for (size_t i = 0; i < nadded; i++) {
		size_t k = 0;

		while (k < u->n && (added[i].id >= 0 ?
		    u->ids[k] != added[i].id :
		    strcmp(u->names[k], added[i].name) != 0))
			k++;
		if (k == u->n)
			add_column(c, added[i].name, added[i].id);
	}
	return 0;
}

/*
 * Narrows c to the --columns selection, each item as the column of the
 * inputs that it selects, or else as given, with a warning that no input
 * has it.
 */
static int
select_columns(struct la_cli_columns *c, struct la_cli *cli)
{
	const struct la_columns *sel = &cli->columns;
	const char **names = calloc(sel->n, sizeof(*names));
	int *ids = calloc(sel->n, sizeof(*ids));
	long col;

	if (names == NULL || ids == NULL) {
		free(names);
		free(ids);
		return -1;
	}
	for (size_t i = 0; i < sel->n; i++) {
		ids[i] = sel->ids[i];
		if ((col = find_column(c, sel->names[i], sel->ids[i])) >= 0) {
			names[i] = c->names[col];
			continue;
		}
		names[i] = sel->names[i];
		la_cli_fail(cli, _("warning: column \"%s\" of --columns is in "
		    "none of the inputs; it is written empty"),
		    sel->names[i]);
	}
	free(c->names);
	free(c->ids);
	c->names = names;
	c->ids = ids;
	c->n = sel->n;
	return 0;
}

int
la_cli_columns_set(struct la_cli_columns *c, const struct la_column_union *u,
    const struct la_cli_added *added, size_t nadded, struct la_cli *cli)
{
	memset(c, 0, sizeof(*c));
	if (all_columns(c, u, added, nadded) != 0 ||
	    (cli->columns.n > 0 && select_columns(c, cli) != 0)) {
		la_cli_fail(cli, "%s", _("out of memory"));
		return -1;
	}
	/* The items are checked against every input, not the first record. */
	cli->columns_checked = 1;
	cli->write.columns = c->names;
	cli->write.column_ids = c->ids;
	cli->write.ncolumns = c->n;
	return 0;
}

void
la_cli_columns_free(struct la_cli_columns *c, struct la_cli *cli)
{
	if (cli->write.columns == c->names) {
		cli->write.columns = NULL;
		cli->write.column_ids = NULL;
		cli->write.ncolumns = 0;
	}
	free(c->names);
	free(c->ids);
	memset(c, 0, sizeof(*c));
}
