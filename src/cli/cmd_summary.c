/* cli/cmd_summary.c - "pemetrics summary": the progress scorecard. */
#include <stddef.h>
#include <stdio.h>

#include "cli/commands.h"
#include "cli/opts.h"
#include "core/summary.h"
#include "render/csvout.h"
#include "render/json.h"
#include "render/md.h"
#include "render/text.h"
#include "util/buf.h"
#include "util/banned.h"

struct summary_args {
	struct opt_period as_of;
	const char *region;
	int format;             /* enum out_format */
};

static const struct opt_choice formats[] = {
	{ "text", OUT_TEXT }, { "md", OUT_MD }, { "json", OUT_JSON },
	{ "csv", OUT_CSV }, { NULL, 0 },
};

static const struct optdef options[] = {
	{ .name = "as-of", .type = OPT_PERIOD,
	  .off = offsetof(struct summary_args, as_of), .arg = "PERIOD",
	  .help = "use nothing after this period (default: the latest\n"
	      "period with data), e.g. 2024, 2024Q2, 2024-06" },
	{ .name = "region", .type = OPT_STR,
	  .off = offsetof(struct summary_args, region), .arg = "R",
	  .help = "a region code or alias (default: the catalogue's\n"
	      "first top-level region, e.g. 330000)" },
	{ .name = "format", .type = OPT_CHOICE,
	  .off = offsetof(struct summary_args, format), .arg = "F",
	  .choices = formats, .help = "text (default), md, json or csv" },
	{ .name = NULL },
};

static const struct cmddef def = {
	.name = "summary", .opts = options, .max_operands = 0,
};

static int
run(struct pm_ctx *ctx, const struct summary_args *a)
{
	struct summary s;
	struct progress_config cfg;
	struct pm_err err = PM_ERR_INIT;
	struct buf b = BUF_INIT;
	const struct catalog *cat;
	struct store *st;
	int code = 0, region, rc;

	if ((cat = ctx_catalog(ctx)) == NULL)
		return ctx->cat_exit;
	if ((region = ctx_region(ctx, a->region)) < 0)
		return -region;
	if ((st = ctx_store(ctx, STORE_READONLY, &code)) == NULL)
		return code;
	progress_config_default(&cfg);
	rc = summary_build(st, cat, region, a->as_of.given ? &a->as_of.p :
	    NULL, &cfg, &s, &err);
	if ((code = ctx_summary_failed(ctx, rc, &err)) != 0)
		return code;
	switch (a->format) {
	case OUT_MD:
		md_summary(&b, &s);
		break;
	case OUT_JSON:
		json_summary(&b, &s);
		break;
	case OUT_CSV:
		csv_summary(&b, &s);
		break;
	default:
		text_summary(&b, &s);
		break;
	}
	fputs(buf_str(&b), stdout);
	buf_release(&b);
	summary_release(&s);
	return 0;
}

int
cmd_summary(int argc, char **argv, struct pm_ctx *ctx)
{
	struct summary_args a = { .format = OUT_TEXT };
	int first, code;

	if ((code = opts_parse(&def, argc, argv, ctx, &a, &first)) != OPTS_GO)
		return code;
	return run(ctx, &a);
}
