#include "cli/args.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/banned.h"

void
args_init(struct args *a, int argc, char **argv, const char *cmd,
    const char *usage, const char *shortopts, const struct option *longopts)
{
	a->argc = argc;
	a->argv = argv;
	a->cmd = cmd;
	a->usage = usage;
	a->shortopts = shortopts;
	a->longopts = longopts;
	optind = 0;             /* GNU: full re-initialisation */
	opterr = 0;             /* our own messages */
}

int
args_usage_error(const struct args *a, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "pemetrics: %s: ", a->cmd);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\n%s", a->usage);
	return 2;
}

/* What getopt_long() refused, in words. optopt is 0 for an unknown
 * long option; for a known one that lacks its value (or has one it does
 * not take) it is the option's value in the table, a letter that need
 * not be a short option, so the long name is what the user sees. */
static void
usage_error(const struct args *a)
{
	const char *arg = a->argv[optind - 1];
	const char *eq;

	if (optopt == 0)
		args_usage_error(a, "unknown option '%s'", arg);
	else if (strncmp(arg, "--", 2) == 0 && (eq = strchr(arg, '=')))
		args_usage_error(a, "option '%.*s' takes no value",
		    (int)(eq - arg), arg);
	else if (strncmp(arg, "--", 2) == 0)
		args_usage_error(a, "option '%s' needs a value", arg);
	else if (optopt < 256 && strchr(a->shortopts, optopt))
		args_usage_error(a, "option '-%c' needs a value", optopt);
	else
		args_usage_error(a, "unknown option '-%c'", optopt);
}

int
args_next(struct args *a, struct pm_ctx *ctx)
{
	int c;

	for (;;) {
		c = getopt_long(a->argc, a->argv, a->shortopts, a->longopts,
		    NULL);
		switch (c) {
		case -1:
			return ARGS_DONE;
		case 'q':
			ctx->verbosity = 0;
			continue;
		case 'v':
			ctx->verbosity++;
			continue;
		case 'h':
			fputs(a->usage, stdout);
			return ARGS_HELP;
		case '?':
			usage_error(a);
			return ARGS_USAGE;
		case ':':
			args_usage_error(a, "option needs a value");
			return ARGS_USAGE;
		default:
			return c;
		}
	}
}

int
args_optind(void)
{
	return optind;
}

const char *
args_optarg(void)
{
	return optarg;
}

bool
args_choice(const struct args *a, const char *opt, const char *val,
    const char *const *choices, int *out)
{
	int i;

	for (i = 0; choices[i]; i++)
		if (strcmp(val, choices[i]) == 0) {
			*out = i;
			return true;
		}
	args_usage_error(a, "bad value '%s' for --%s", val, opt);
	return false;
}

bool
args_size(const struct args *a, const char *opt, const char *val,
    unsigned long long min, unsigned long long max, unsigned long long *out)
{
	char *end;
	unsigned long long v;

	errno = 0;
	v = strtoull(val, &end, 10);
	if (errno || end == val || *end || val[0] == '-' || v < min ||
	    v > max) {
		args_usage_error(a, "bad value '%s' for --%s (%llu to %llu)",
		    val, opt, min, max);
		return false;
	}
	*out = v;
	return true;
}

bool
args_period(const struct args *a, const char *opt, const char *val,
    struct period *out, bool *given)
{
	*given = val != NULL;
	if (val == NULL || period_parse(val, strlen(val), out, NULL) == 0)
		return true;
	args_usage_error(a, "bad period '%s' for --%s (2024, 2024H1, 2024Q2, "
	    "2024-06)", val, opt);
	return false;
}

bool
args_no_operands(const struct args *a)
{
	if (optind >= a->argc)
		return true;
	args_usage_error(a, "unexpected argument '%s'", a->argv[optind]);
	return false;
}
