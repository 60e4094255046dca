/* main.c - global options, the table of subcommands, dispatch, and the
 * final check that everything written to stdout reached it. */
#include <errno.h>
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/commands.h"
#include "cli/ctx.h"
#include "util/banned.h"

#ifndef PM_VERSION
#define PM_VERSION "0.1.0"
#endif

static const struct command {
	const char *name;
	int (*run)(int argc, char **argv, struct pm_ctx *ctx);
	const char *summary;    /* one line for "pemetrics --help" */
} commands[] = {                /* keep sorted */
	{ "catalog", cmd_catalog, "list, show or check the catalogue" },
	{ "chart",   cmd_chart,   "trend charts and scorecards as PNG or SVG" },
	{ "export",  cmd_export,  "write every stored observation" },
	{ "ingest",  cmd_ingest,  "load CSV files into the store" },
	{ "report",  cmd_report,  "the month's or quarter's report, HTML and Markdown" },
	{ "store",   cmd_store,   "copy a whole store between SQLite and PostgreSQL" },
	{ "summary", cmd_summary, "progress of every indicator, measure, system" },
	{ "trend",   cmd_trend,   "one indicator's series at a frequency" },
};

static const char usage[] =
	"usage: pemetrics [--db PATH] [--catalog DIR] [-q] [-v] COMMAND [ARGS]\n"
	"       pemetrics --help | --version\n";

static void
print_help(FILE *f)
{
	size_t i;

	fputs(usage, f);
	fputs("\ncommands:\n", f);
	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		fprintf(f, "  %-9s %s\n", commands[i].name, commands[i].summary);
	fputs("\noptions:\n"
	    "  --db PATH      the store (default $PEMETRICS_DB, else ./pemetrics.db):\n"
	    "                 a SQLite file, or postgresql://... for a server\n"
	    "  --catalog DIR  the catalogue (default $PEMETRICS_CATALOG, else the one\n"
	    "                 shipped with pemetrics)\n"
	    "  -q, --quiet    nothing but errors (for cron)\n"
	    "  -v, --verbose  more detail (every rejected row)\n"
	    "\n'pemetrics COMMAND --help' shows a command's options. "
	    "Exit status: 0 ok,\n1 data rejected, 2 usage, 3 store busy, "
	    "4 I/O error.\n", f);
}

/* Written output that never reached its destination is an I/O error
 * (a full disk), not a success: git's and sbase's last check. A command
 * that saw the failure itself already said why and returned non-zero. */
static int
close_stdout(int code)
{
	bool failed = ferror(stdout) != 0;

	if (fflush(stdout) != 0) {
		if (code == 0)
			fprintf(stderr, "pemetrics: write error: %s\n",
			    strerror(errno));
		failed = true;
	} else if (failed && code == 0) {
		fputs("pemetrics: write error on standard output\n", stderr);
	}
	if (fclose(stdout) != 0 && !failed) {
		fprintf(stderr, "pemetrics: write error: %s\n", strerror(errno));
		failed = true;
	}
	return failed && code == 0 ? 4 : code;
}

int
main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "catalog", required_argument, NULL, 'c' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	struct pm_ctx ctx = { 0 };
	const char *env = getenv("PEMETRICS_DB");
	size_t i;
	int c, code;

	ctx.db_path = env && *env ? env : "pemetrics.db";
	ctx.verbosity = 1;
	opterr = 0;
	/* '+': stop at the command name; its options are its own. */
	while ((c = getopt_long(argc, argv, "+qvhV", opts, NULL)) != -1) {
		switch (c) {
		case 'd':
			ctx.db_path = optarg;
			break;
		case 'c':
			ctx.catalog_dir = optarg;
			break;
		case 'q':
			ctx.verbosity = 0;
			break;
		case 'v':
			ctx.verbosity++;
			break;
		case 'h':
			print_help(stdout);
			return close_stdout(0);
		case 'V':
			printf("pemetrics %s\n", PM_VERSION);
			return close_stdout(0);
		default:
			if (optopt == 0 || optopt == 'd' || optopt == 'c')
				fprintf(stderr, "pemetrics: bad option '%s'\n",
				    argv[optind - 1]);
			else
				fprintf(stderr, "pemetrics: unknown option "
				    "'-%c'\n", optopt);
			fputs(usage, stderr);
			return 2;
		}
	}
	if (optind >= argc) {
		fputs("pemetrics: no command given\n", stderr);
		print_help(stderr);
		return 2;
	}
	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (strcmp(argv[optind], commands[i].name) == 0)
			break;
	if (i == sizeof(commands) / sizeof(commands[0])) {
		fprintf(stderr, "pemetrics: unknown command '%s'\n",
		    argv[optind]);
		print_help(stderr);
		return 2;
	}
	if (ctx.db_path[0] == '\0') {
		fputs("pemetrics: --db needs a path\n", stderr);
		return 2;
	}
	store_shown(ctx.db_path, ctx.db_shown, sizeof(ctx.db_shown));
	code = commands[i].run(argc - optind, argv + optind, &ctx);
	ctx_release(&ctx);
	return close_stdout(code);
}
