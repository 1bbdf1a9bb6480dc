/* SPDX-License-Identifier: MIT */
/*
 * csv-count: the baseline for the reader's speed. A bare libcsv pass in
 * the reader's strict mode that only counts fields and rows, reading in
 * the same 256 KiB blocks.
 */
#include <stdio.h>
#include <stdlib.h>

#include <csv.h>

struct counts {
	long fields;
	long rows;
};

static void
on_field(void *s, size_t len, void *data)
{
	struct counts *c = data;

	(void)s;
	(void)len;
	c->fields++;
}

static void
on_row(int term, void *data)
{
	struct counts *c = data;

	(void)term;
	c->rows++;
}

int
main(int argc, char **argv)
{
	static char buf[256 * 1024];
	struct csv_parser p;
	struct counts c = { 0, 0 };
	FILE *fp = stdin;
	size_t n;

	if (argc > 1 && (fp = fopen(argv[1], "rb")) == NULL) {
		perror(argv[1]);
		return 2;
	}
	csv_init(&p, CSV_STRICT | CSV_STRICT_FINI);
	while ((n = fread(buf, 1, sizeof(buf), fp)) > 0) {
		if (csv_parse(&p, buf, n, on_field, on_row, &c) != n) {
			fprintf(stderr, "csv-count: %s\n",
			    csv_strerror(csv_error(&p)));
			return 2;
		}
	}
	if (csv_fini(&p, on_field, on_row, &c) != 0) {
		fprintf(stderr, "csv-count: %s\n", csv_strerror(csv_error(&p)));
		return 2;
	}
	csv_free(&p);
	printf("%ld fields, %ld rows\n", c.fields, c.rows);
	return 0;
}
