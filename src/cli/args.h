/* cli/args.h - option parsing shared by every subcommand: getopt_long with
 * -q/-v/-h handled the same way everywhere, and one shape for usage errors
 * (message and usage on stderr, exit 2) and for --help (usage on stdout,
 * exit 0). Options may come before or after operands; "--" ends them.
 */
#ifndef PM_CLI_ARGS_H
#define PM_CLI_ARGS_H

#include <getopt.h>
#include <stdbool.h>

#include "cli/ctx.h"
#include "core/period.h"

/* The options every subcommand has; ends its option table. */
#define ARGS_COMMON_OPTIONS \
	{ "help", no_argument, NULL, 'h' }, \
	{ "quiet", no_argument, NULL, 'q' }, \
	{ "verbose", no_argument, NULL, 'v' }, \
	{ NULL, 0, NULL, 0 }

enum {
	ARGS_DONE = -1,
	ARGS_HELP = -2,         /* usage printed on stdout: exit 0 */
	ARGS_USAGE = -3,        /* error and usage printed on stderr: exit 2 */
};

struct args {
	int argc;
	char **argv;
	const char *cmd;        /* "ingest" */
	const char *usage;      /* the SYNOPSIS lines, ending in '\n' */
	const char *shortopts;  /* must include "hqv" */
	const struct option *longopts;  /* must include help, quiet, verbose */
};

/* Start parsing argv (argv[0] is the command name). */
void args_init(struct args *a, int argc, char **argv, const char *cmd,
    const char *usage, const char *shortopts, const struct option *longopts);
/* The next option character or long option value, ARGS_DONE after the
 * last option (operands then start at args_optind()), ARGS_HELP or
 * ARGS_USAGE. -q and -v are applied to ctx and not returned. */
int args_next(struct args *a, struct pm_ctx *ctx);
int args_optind(void);
const char *args_optarg(void);

/* Print "pemetrics: CMD: message" and the usage on stderr; returns 2. */
int args_usage_error(const struct args *a, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Strict parsing of option values; false (after a usage error message)
 * when the text is not one of the allowed forms. */
bool args_choice(const struct args *a, const char *opt, const char *val,
    const char *const *choices, int *out);
/* A period option (--as-of, --period); NULL 'val' is "not given" and
 * leaves *given false. */
bool args_period(const struct args *a, const char *opt, const char *val,
    struct period *out, bool *given);
/* A usage error when operands are left after the options. */
bool args_no_operands(const struct args *a);
bool args_size(const struct args *a, const char *opt, const char *val,
    unsigned long long min, unsigned long long max,
    unsigned long long *out);

#endif /* PM_CLI_ARGS_H */
