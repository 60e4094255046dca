/* cli/cmd_catalog.c - "pemetrics catalog": list, show or check it. */
#include <stdio.h>
#include <string.h>

#include "cli/opts.h"
#include "cli/commands.h"
#include "render/catalogout.h"
#include "util/buf.h"
#include "util/banned.h"

static const struct optdef options[] = { { .name = NULL } };

static const struct opt_form forms[] = {
	{ "list", NULL }, { "show ID", NULL }, { "check", NULL },
};

static const struct cmddef def = {
	.name = "catalog", .opts = options, .forms = forms, .nforms = 3,
	.operands =
	    "  list    one line per system (with its measures) and per indicator\n"
	    "  show    one system, measure, indicator, region or unit in full\n"
	    "  check   every problem in the catalogue files, as FILE:LINE: reason\n",
	.min_operands = 1, .max_operands = 2,
	.bad_operands = "say list, show ID or check",
};

static int
check(struct pm_ctx *ctx)
{
	struct catalog *cat;
	struct pm_err err = PM_ERR_INIT;
	const char *dir = ctx_catalog_dir(ctx);
	size_t i;
	int code;

	if (catalog_load(dir, &cat, &err) != 0) {
		pm_print_err(&err);
		return pm_exit_code(err.code);
	}
	for (i = 0; i < cat->nproblems; i++) {
		const struct cat_problem *p = &cat->problems[i];
		struct buf f = BUF_INIT;

		buf_addf(&f, "%s/%s", dir, p->file);
		pm_msg(f.data, p->line, "%s", p->msg);
		buf_release(&f);
	}
	if (cat->nproblems == 0)
		printf("catalog ok: %zu systems, %zu measures, %zu indicators, "
		    "%zu regions, %zu units\n", cat->nsystems, cat->nmeasures,
		    cat->nindicators, cat->nregions, cat->nunits);
	code = cat->nproblems ? 1 : 0;
	catalog_free(cat);
	return code;
}

static int
show(const struct catalog *cat, const char *id, struct buf *b)
{
	size_t n = strlen(id);
	int i;

	if ((i = catalog_measure(cat, id, n)) >= 0)
		catalogout_measure(b, cat, i);
	else if ((i = catalog_system(cat, id, n)) >= 0)
		catalogout_system(b, cat, i);
	else if ((i = catalog_indicator(cat, id, n)) >= 0)
		catalogout_indicator(b, cat, i);
	else if ((i = catalog_region(cat, id, n)) >= 0)
		catalogout_region(b, cat, i);
	else if ((i = catalog_unit(cat, id, n)) >= 0)
		catalogout_unit(b, cat, i);
	else
		return -1;
	return 0;
}

int
cmd_catalog(int argc, char **argv, struct pm_ctx *ctx)
{
	const struct catalog *cat;
	struct buf b = BUF_INIT;
	const char *sub;
	int nargs, first, code;

	if ((code = opts_parse(&def, argc, argv, ctx, NULL, &first)) != OPTS_GO)
		return code;
	nargs = argc - first;
	sub = argv[first];
	if (strcmp(sub, "check") == 0 && nargs == 1)
		return check(ctx);
	if (strcmp(sub, "list") == 0 && nargs == 1) {
		if ((cat = ctx_catalog(ctx)) == NULL)
			return ctx->cat_exit;
		catalogout_list(&b, cat);
	} else if (strcmp(sub, "show") == 0 && nargs == 2) {
		if ((cat = ctx_catalog(ctx)) == NULL)
			return ctx->cat_exit;
		if (show(cat, argv[first + 1], &b) != 0) {
			pm_msg(NULL, 0, "'%s' is not in the catalogue (a "
			    "system, measure, indicator, region or unit)",
			    argv[first + 1]);
			buf_release(&b);
			return 1;
		}
	} else {
		return opts_usage_error(&def, "say list, show ID or check");
	}
	fputs(buf_str(&b), stdout);
	buf_release(&b);
	return 0;
}
