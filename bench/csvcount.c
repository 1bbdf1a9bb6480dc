/* SPDX-License-Identifier: MIT */
/*
 * Counts the rows and fields of a CSV file with libcsv and nothing else:
 * the floor that a CSV program built on libcsv can approach.
 *
 * Usage: csvcount [FILE]    (standard input when FILE is absent)
 * Prints "ROWS FIELDS" with the header counted as a row.
 */

#include <csv.h>
#include <stdio.h>
#include <string.h>

struct counts {
	unsigned long long rows;
	unsigned long long fields;
};

static void
count_field(void *data, size_t len, void *ctx)
{
	(void)data;
	(void)len;
	((struct counts *)ctx)->fields++;
}

static void
count_row(int c, void *ctx)
{
	(void)c;
	((struct counts *)ctx)->rows++;
}

static int
count_stream(FILE *fp, const char *name, struct counts *n)
{
	static char buf[1 << 16];
	struct csv_parser p;
	size_t len;
	int ok = 1;

	if (csv_init(&p, 0) != 0) {
		fprintf(stderr, "csvcount: out of memory\n");
		return -1;
	}
	while ((len = fread(buf, 1, sizeof(buf), fp)) > 0) {
		if (csv_parse(&p, buf, len, count_field, count_row, n) != len) {
			fprintf(stderr, "csvcount: %s: %s\n", name,
			    csv_strerror(csv_error(&p)));
			ok = 0;
			break;
		}
	}
	if (ok && ferror(fp)) {
		fprintf(stderr, "csvcount: %s: read failed\n", name);
		ok = 0;
	}
	if (ok)
		csv_fini(&p, count_field, count_row, n);
	csv_free(&p);
	return ok ? 0 : -1;
}

int
main(int argc, char **argv)
{
	struct counts n = { 0, 0 };
	const char *name = argc > 1 ? argv[1] : "-";
	FILE *fp = stdin;
	int rc;

	if (argc > 2) {
		fprintf(stderr, "usage: csvcount [FILE]\n");
		return 2;
	}
	if (strcmp(name, "-") != 0 && (fp = fopen(name, "rb")) == NULL) {
		perror(name);
		return 2;
	}
	rc = count_stream(fp, name, &n);
	if (fp != stdin)
		fclose(fp);
	if (rc != 0)
		return 2;
	printf("%llu %llu\n", n.rows, n.fields);
	return 0;
}
