/* SPDX-License-Identifier: MIT */
#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "i18n.h"
#include "validate_run.h"

struct run {
	struct la_cli cli;
	struct la_validate_run out;
};

static void
usage(FILE *fp)
{
	fputs(_("usage: la-validate [-hmV] [-c columns] [-E encoding] "
	    "[-I format] [-j threads]\n"
	    "                   [-O format] [-o status] [-R rules] "
	    "[-T datetime] [file ...]\n"), fp);
}

static void
help(void)
{
	usage(stdout);
	fputs(_("\nChecks legal aid pool applications against the eligibility "
	    "rules and adds\nstatus, eligible_services and findings to each "
	    "record.\n\n"
	    "  -o, --only STATUS         write only records with this status:\n"
	    "                            eligible, ineligible or late\n"
	    "  -j, --threads N           check records in N threads, 1 to 64\n"
	    "                            (default: the processors, at most 8)\n"),
	    stdout);
	la_cli_help_common(stdout);
	fputs(_("\nExit status: 0 all eligible, 1 some ineligible or late, "
	    "2 error.\n"), stdout);
}

static int
parse_threads(struct run *run, const char *arg)
{
	char *end;
	long n = strtol(arg, &end, 10);

	if (end == arg || *end != '\0' || n < 1 ||
	    n > LA_VALIDATE_MAX_THREADS) {
		la_cli_fail(&run->cli, _("invalid value for --threads: \"%s\" "
		    "(expected a whole number from 1 to %d)"), arg,
		    LA_VALIDATE_MAX_THREADS);
		return -1;
	}
	run->out.threads = (int)n;
	return 0;
}

static int
parse_options(struct run *run, int argc, char **argv)
{
	static const char *const values[] = {
		LA_STATUS_ELIGIBLE, LA_STATUS_INELIGIBLE, LA_STATUS_LATE, NULL
	};
	static const struct option longopts[] = {
		{ "only", required_argument, NULL, 'o' },
		{ "threads", required_argument, NULL, 'j' },
		LA_CLI_LONG,
		{ NULL, 0, NULL, 0 }
	};
	int c, rc;

	/* getopt names the program by argv[0], which may be a long path. */
	argv[0] = (char *)(uintptr_t)run->cli.prog;
	while ((c = getopt_long(argc, argv, LA_CLI_SHORT "j:o:", longopts,
	    NULL)) != -1) {
		if ((rc = la_cli_option(&run->cli, c, optarg)) == -1)
			return -1;
		if (rc == 1)
			continue;
		if (c == 'o') {
			if (la_cli_check_only(&run->cli, optarg, values) != 0)
				return -1;
			run->out.only = optarg;
		} else if (c == 'j') {
			if (parse_threads(run, optarg) != 0)
				return -1;
		} else {
			usage(stderr);
			return -1;
		}
	}
	return 0;
}

int
main(int argc, char **argv)
{
	static char *stdin_name[] = { "-" };
	struct run run;
	int rc;

	memset(&run, 0, sizeof(run));
	la_cli_init(&run.cli, "la-validate");
	run.out.threads = la_validate_default_threads();
	if (parse_options(&run, argc, argv) != 0)
		return LA_EXIT_FAIL;
	if (run.cli.help) {
		help();
		return la_cli_finish(&run.cli, LA_EXIT_OK);
	}
	if ((rc = la_cli_start(&run.cli)) != 0) {
		la_cli_free(&run.cli);
		return la_cli_finish(&run.cli, rc == 1 ? LA_EXIT_OK :
		    LA_EXIT_FAIL);
	}
	argc -= optind;
	argv += optind;
	run.out.cli = &run.cli;
	rc = argc > 0 ? la_validate_files(&run.out, argc, argv,
	    LA_VALIDATE_PART_BYTES) : la_validate_files(&run.out, 1,
	    stdin_name, LA_VALIDATE_PART_BYTES);
	la_cli_free(&run.cli);
	return la_cli_finish(&run.cli, rc != 0 ? LA_EXIT_FAIL :
	    run.out.found ? LA_EXIT_FOUND : LA_EXIT_OK);
}
