/* SPDX-License-Identifier: MIT */
/*
 * truncate_read: opens a reader on FILE, which maps it, truncates FILE to
 * 0 bytes and then reads every record, as if another process had cut the
 * file while a program read it. The reader's next access to the mapping
 * raises SIGBUS. The program must then end with status 2 and the message
 * of la_io_changed_message(). Status 0 means the fault was never raised.
 */
#include <unistd.h>

#include <stdio.h>
#include <stdlib.h>

#include "error.h"
#include "io.h"
#include "record.h"

int
main(int argc, char **argv)
{
	struct la_read_opts opts = { 0 };
	struct la_reader *rd;
	struct la_record r;
	struct la_error err;
	FILE *fp;
	long n = 0;
	int rc;

	if (argc != 2) {
		fprintf(stderr, "usage: truncate_read FILE\n");
		return LA_EXIT_FAIL;
	}
	la_io_set_program("truncate_read");
	la_error_clear(&err);
	if ((fp = fopen(argv[1], "rb")) == NULL ||
	    (rd = la_reader_open(fp, argv[1], &opts, &err)) == NULL) {
		fprintf(stderr, "truncate_read: %s: cannot open: %s\n", argv[1],
		    err.text);
		return LA_EXIT_FAIL;
	}
	if (truncate(argv[1], 0) != 0) {
		perror("truncate_read: truncate");
		return LA_EXIT_FAIL;
	}
	la_record_init(&r);
	while ((rc = la_reader_next(rd, &r, &err)) == 1)
		n++;
	printf("%ld records, status %d\n", n, rc);
	la_record_free(&r);
	la_reader_close(rd);
	fclose(fp);
	return 0;
}
