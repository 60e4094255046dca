/* cli/cmd_store.c - "pemetrics store copy --from SRC --to DST": a whole
 * store moved between backends (a SQLite file, a PostgreSQL URI), either
 * way, then counted on both sides; "pemetrics store check": the
 * consolidated points recomputed from the observations and compared. */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "cli/commands.h"
#include "cli/opts.h"
#include "core/cons.h"
#include "core/period.h"
#include "core/store.h"
#include "util/banned.h"

struct store_args {
	const char *from, *to;
};

static const struct optdef options[] = {
	{ .name = "from", .type = OPT_STR,
	  .off = offsetof(struct store_args, from), .arg = "SRC",
	  .help = "the store to copy: a SQLite file or a PostgreSQL URI",
	  .lead = 1, .forms = 1 },
	{ .name = "to", .type = OPT_STR,
	  .off = offsetof(struct store_args, to), .arg = "DST",
	  .help = "the new store: created, or existing and empty",
	  .lead = 1, .forms = 1 },
	{ .name = NULL },
};

static const struct opt_form forms[] = { { "copy", NULL },
	{ "check", NULL } };

static const struct cmddef def = { .name = "store", .opts = options,
	.forms = forms, .nforms = 2, .min_operands = 1, .max_operands = 1,
	.bad_operands = "say copy --from SRC --to DST, or check" };

/* One difference: a line on stdout. */
static int
print_problem(void *arg, const struct cons_problem *p)
{
	unsigned long *n = arg;
	struct period per;
	char text[PERIOD_TEXT_MAX] = "?";

	if (period_from_key(p->period, &per) == 0)
		period_format(&per, text);
	if (strcmp(p->field, "value") == 0)
		printf("%s %s %s: value stored %.17g, computed %.17g\n",
		    p->indicator, p->region, text, p->stored, p->computed);
	else if (strcmp(p->field, "missing") == 0 ||
	    strcmp(p->field, "extra") == 0)
		printf("%s %s %s: %s row\n", p->indicator, p->region, text,
		    p->field);
	else
		printf("%s %s %s: %s differs\n", p->indicator, p->region,
		    text, p->field);
	(*n)++;
	return 0;
}

static int
check(struct pm_ctx *ctx)
{
	struct pm_err err = PM_ERR_INIT;
	unsigned long nseries, nrows, uncons, nbad = 0;
	struct store *st;
	int code = 0, rc;

	if ((st = ctx_store(ctx, STORE_READONLY, &code)) == NULL)
		return code;
	if ((rc = cons_check(st, print_problem, &nbad, &nseries, &nrows,
	    &uncons, &err)) != 0) {
		pm_print_err(&err);
		return pm_exit_code(rc);
	}
	if (nbad)
		pm_msg(ctx->db_shown, 0, "%lu consolidated row%s differ%s from "
		    "the observations they are computed from", nbad,
		    nbad == 1 ? "" : "s", nbad == 1 ? "s" : "");
	if (ctx->verbosity > 0)
		printf("checked %lu series, %lu consolidated rows: %lu "
		    "difference%s", nseries, nrows, nbad, nbad == 1 ? "" : "s");
	if (ctx->verbosity > 0 && uncons)
		printf("; %lu indicator%s not consolidated yet (the next "
		    "ingest builds them)", uncons, uncons == 1 ? "" : "s");
	if (ctx->verbosity > 0)
		printf("\n");
	return nbad ? 1 : 0;
}

static int
copy(struct pm_ctx *ctx, const struct store_args *a)
{
	struct pm_err err = PM_ERR_INIT;
	struct store *from = NULL, *to = NULL;
	struct store_totals t;
	char shown[2][512];
	int rc, i;

	store_shown(a->from, shown[0], sizeof(shown[0]));
	store_shown(a->to, shown[1], sizeof(shown[1]));
	if (strcmp(a->from, a->to) == 0)
		return opts_usage_error(&def, "--from and --to name the same "
		    "store");
	if ((rc = store_open(a->from, STORE_READONLY, &from, &err)) != 0 ||
	    (rc = store_open(a->to, 0, &to, &err)) != 0 ||
	    (rc = store_copy(from, to, &t, &err)) != 0) {
		pm_print_err(&err);
		store_close(from);
		store_close(to);
		return pm_exit_code(rc);
	}
	store_close(from);
	store_close(to);
	if (ctx->verbosity > 0) {
		printf("copied %s to %s:", shown[0], shown[1]);
		for (i = 0; i < STORE_NTABLES; i++)
			printf(" %llu %s%s", t.rows[i],
			    store_table_name((enum store_table)i),
			    i + 1 < STORE_NTABLES ? "," : "");
		printf("; counts checked\n");
	}
	return 0;
}

int
cmd_store(int argc, char **argv, struct pm_ctx *ctx)
{
	struct store_args a = { NULL, NULL };
	int first, code;

	if ((code = opts_parse(&def, argc, argv, ctx, &a, &first)) != OPTS_GO)
		return code;
	if (strcmp(argv[first], "check") == 0) {
		if (a.from || a.to)
			return opts_usage_error(&def, "check reads the store "
			    "of --db; --from and --to are for copy");
		return check(ctx);
	}
	if (strcmp(argv[first], "copy") != 0)
		return opts_usage_error(&def, "say copy --from SRC --to DST, "
		    "or check");
	if (a.from == NULL || a.to == NULL || !*a.from || !*a.to)
		return opts_usage_error(&def, "copy needs --from SRC and "
		    "--to DST");
	return copy(ctx, &a);
}
