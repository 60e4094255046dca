/* cli/opts.h - a command's options declared once, as data.
 *
 * Each command describes its options in a table of struct optdef (long
 * name, short letter, kind of value, where the value goes in the command's
 * own options struct, help line) and its synopsis forms. From that one
 * table opts_parse() builds getopt_long()'s tables, checks and converts
 * every value (a choice becomes the enum value its name maps to, a period
 * is parsed, a size is bounded), and prints "--help" and usage errors: the
 * usage lines are generated, so the help cannot drift from the parser.
 * -h/--help, -q/--quiet and -v/--verbose are every command's and are not
 * listed in the tables.
 */
#ifndef PM_CLI_OPTS_H
#define PM_CLI_OPTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "cli/ctx.h"
#include "core/period.h"

/* The output formats of the commands' --format choices. */
enum out_format {
	OUT_TEXT,
	OUT_MD,
	OUT_JSON,
	OUT_CSV,
	OUT_HTML,
	OUT_PNG,
	OUT_SVG,
};

enum opt_type {
	OPT_FLAG,               /* bool, set to true */
	OPT_STR,                /* const char *, NULL when not given */
	OPT_CHOICE,             /* int: the value of the name given */
	OPT_PERIOD,             /* struct opt_period */
	OPT_SIZE,               /* unsigned long long in [min, max] */
	OPT_FN,                 /* parsed by 'parse' */
};

struct opt_choice {
	const char *name;       /* as typed; NULL ends the list */
	int value;              /* an enum value, never a position */
};

struct opt_period {
	bool given;
	struct period p;
};

struct optdef {
	const char *name;       /* long name without "--"; NULL ends the
				 * table */
	char letter;            /* short option, or 0 */
	enum opt_type type;
	size_t off;             /* offsetof() the field in the options
				 * struct */
	const char *arg;        /* the value's name in the help: "PERIOD" */
	const char *help;       /* lines separated by '\n', no final one */
	const struct opt_choice *choices;       /* OPT_CHOICE */
	unsigned long long min, max;            /* OPT_SIZE */
	/* OPT_FN: false when 'val' is not a good value; 'expect' then says
	 * what is ("WxH, 200x150 to 8000x8000"). */
	bool (*parse)(const char *val, void *field);
	const char *expect;
	int group;              /* options of one non-zero group are
				 * alternatives: [--a X | --b Y] */
	unsigned forms;         /* bit i: shown in form i; 0: in all */
	unsigned lead;          /* bit i: required in form i (shown first,
				 * without brackets) */
};

/* One line of the synopsis: operands before the options (trend's
 * INDICATOR, catalog's "show ID") and after them (ingest's FILE...). */
struct opt_form {
	const char *before;
	const char *after;
};

struct cmddef {
	const char *name;               /* "summary" */
	const struct optdef *opts;      /* ends with a NULL name */
	const struct opt_form *forms;   /* NULL: one form without operands */
	size_t nforms;
	const char *operands;           /* help lines for operands, or NULL */
	int min_operands, max_operands; /* how many; max -1: no limit */
	const char *bad_operands;       /* the usage error when the count is
					 * wrong; NULL: "unexpected argument" */
};

#define OPTS_GO (-1)

/* Parse argv (argv[0] is the command name) into 'out', the command's
 * options struct, which the caller has initialised with its defaults.
 * Options may come before or after operands; "--" ends them. Operands
 * are then argv[*first .. argc), their count checked against the
 * definition. -q and -v are applied to ctx. Returns OPTS_GO to go on, or
 * the exit code to return at once: 0 after --help (usage on stdout), 2
 * after a usage error (said on stderr with the usage). */
int opts_parse(const struct cmddef *def, int argc, char **argv,
    struct pm_ctx *ctx, void *out, int *first);

/* The usage text: synopsis, operands, options (what --help prints). */
void opts_usage(const struct cmddef *def, FILE *f);

/* "pemetrics CMD: message" and the usage on stderr; returns 2. */
int opts_usage_error(const struct cmddef *def, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* The name of a choice's value, e.g. for messages; "?" when none. */
const char *opts_choice_name(const struct opt_choice *c, int value);

#endif /* PM_CLI_OPTS_H */
