/* cli/cmd_summary.c - "pemetrics summary": the progress scorecard. */
#include <stdio.h>
#include <string.h>

#include "cli/args.h"
#include "cli/commands.h"
#include "core/summary.h"
#include "render/csvout.h"
#include "render/json.h"
#include "render/md.h"
#include "render/text.h"
#include "util/buf.h"
#include "util/banned.h"

static const char usage[] =
	"usage: pemetrics summary [--as-of PERIOD] [--region R]\n"
	"                         [--format text|md|json|csv]\n"
	"\n"
	"  --as-of PERIOD  use nothing after this period (default: the latest\n"
	"                  period with data), e.g. 2024, 2024Q2, 2024-06\n"
	"  --region R      a region code or alias (default: the catalogue's\n"
	"                  first top-level region, e.g. 330000)\n"
	"  --format F      text (default), md, json or csv\n";

int
cmd_summary(int argc, char **argv, struct pm_ctx *ctx)
{
	static const struct option opts[] = {
		{ "as-of", required_argument, NULL, 'a' },
		{ "region", required_argument, NULL, 'r' },
		{ "format", required_argument, NULL, 'f' },
		ARGS_COMMON_OPTIONS,
	};
	static const char *const formats[] = { "text", "md", "json", "csv",
		NULL };
	const char *region_arg = NULL, *as_of_arg = NULL;
	struct period as_of;
	bool has_as_of = false;
	struct summary s;
	struct progress_config cfg;
	struct pm_err err = PM_ERR_INIT;
	struct buf b = BUF_INIT;
	const struct catalog *cat;
	struct store *st;
	struct args a;
	int c, fmt = 0, code = 0, region, rc;

	args_init(&a, argc, argv, "summary", usage, "a:r:f:hqv", opts);
	while ((c = args_next(&a, ctx)) != ARGS_DONE) {
		switch (c) {
		case ARGS_HELP:
			return 0;
		case ARGS_USAGE:
			return 2;
		case 'a':
			as_of_arg = args_optarg();
			break;
		case 'r':
			region_arg = args_optarg();
			break;
		case 'f':
			if (!args_choice(&a, "format", args_optarg(), formats,
			    &fmt))
				return 2;
			break;
		default:
			return args_usage_error(&a, "unexpected option");
		}
	}
	if (!args_no_operands(&a))
		return 2;
	if (!args_period(&a, "as-of", as_of_arg, &as_of, &has_as_of))
		return 2;
	if ((cat = ctx_catalog(ctx)) == NULL)
		return ctx->cat_exit;
	if ((region = ctx_region(ctx, region_arg)) < 0)
		return -region;
	if ((st = ctx_store(ctx, STORE_READONLY, &code)) == NULL)
		return code;
	progress_config_default(&cfg);
	rc = summary_build(st, cat, region, has_as_of ? &as_of : NULL, &cfg,
	    &s, &err);
	if ((code = ctx_summary_failed(ctx, rc, &err)) != 0)
		return code;
	switch (fmt) {
	case 1:
		md_summary(&b, &s);
		break;
	case 2:
		json_summary(&b, &s);
		break;
	case 3:
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
