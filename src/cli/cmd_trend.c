/* cli/cmd_trend.c - "pemetrics trend": one indicator's series. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/args.h"
#include "cli/commands.h"
#include "core/summary.h"
#include "render/csvout.h"
#include "render/escape.h"
#include "render/json.h"
#include "render/md.h"
#include "render/text.h"
#include "util/buf.h"
#include "util/banned.h"

static const char usage[] =
	"usage: pemetrics trend INDICATOR [--region R] [--freq Y|H|Q|M]\n"
	"                       [--as-of PERIOD] [--format text|csv|json|md]\n"
	"\n"
	"  INDICATOR       an indicator code (pemetrics catalog list)\n"
	"  --region R      a region code or alias (default: the catalogue's\n"
	"                  first top-level region)\n"
	"  --freq F        Y yearly (default), H, Q or M\n"
	"  --as-of PERIOD  use nothing after this period\n"
	"  --format F      text (default), csv, json or md\n";

int
cmd_trend(int argc, char **argv, struct pm_ctx *ctx)
{
	static const struct option opts[] = {
		{ "region", required_argument, NULL, 'r' },
		{ "freq", required_argument, NULL, 'F' },
		{ "as-of", required_argument, NULL, 'a' },
		{ "format", required_argument, NULL, 'f' },
		ARGS_COMMON_OPTIONS,
	};
	static const char *const formats[] = { "text", "csv", "json", "md",
		NULL };
	const char *region_arg = NULL, *as_of_arg = NULL, *code_arg;
	enum period_freq freq = FREQ_Y;
	struct agg_series s = AGG_SERIES_INIT;
	struct summary_check *checks = NULL;
	size_t nchecks = 0;
	struct period as_of;
	bool has_as_of = false;
	struct pm_err err = PM_ERR_INIT;
	struct buf b = BUF_INIT, src = BUF_INIT;
	const struct catalog *cat;
	struct store *st;
	struct args a;
	int c, fmt = 0, code = 0, region, ind, rc;

	args_init(&a, argc, argv, "trend", usage, "r:F:a:f:hqv", opts);
	while ((c = args_next(&a, ctx)) != ARGS_DONE) {
		switch (c) {
		case ARGS_HELP:
			return 0;
		case ARGS_USAGE:
			return 2;
		case 'r':
			region_arg = args_optarg();
			break;
		case 'F':
			if ((freq = period_freq_parse(args_optarg())) == 0)
				return args_usage_error(&a, "bad value '%s' "
				    "for --freq (Y, H, Q or M)", args_optarg());
			break;
		case 'a':
			as_of_arg = args_optarg();
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
	if (argc - args_optind() != 1)
		return args_usage_error(&a, "give one indicator code");
	code_arg = argv[args_optind()];
	if (!args_period(&a, "as-of", as_of_arg, &as_of, &has_as_of))
		return 2;
	if ((cat = ctx_catalog(ctx)) == NULL)
		return ctx->cat_exit;
	if ((ind = catalog_indicator(cat, code_arg, strlen(code_arg))) < 0) {
		pm_msg(NULL, 0, "unknown indicator '%s' (pemetrics catalog "
		    "list)", code_arg);
		return 2;
	}
	if ((region = ctx_region(ctx, region_arg)) < 0)
		return -region;
	if ((st = ctx_store(ctx, STORE_READONLY, &code)) == NULL)
		return code;
	rc = summary_series(st, cat, ind, region, freq,
	    has_as_of ? &as_of : NULL, &s, &checks, &nchecks, &err);
	if (rc != 0) {
		pm_print_err(&err);
		code = pm_exit_code(rc);
		goto out;
	}
	if (s.n == 0) {
		pm_msg(NULL, 0, "no data for '%s' in %s", cat->indicators[ind].code,
		    cat->regions[region].code);
		code = 1;
		goto out;
	}
	switch (fmt) {
	case 1:
		csv_trend(&b, &s);
		break;
	case 2:
		json_trend(&b, cat, ind, region, &s);
		break;
	case 3:
		md_trend(&b, cat, ind, region, &s);
		break;
	default:
		text_trend(&b, cat, ind, region, &s);
		/* Where the figures come from, when the store knows. */
		buf_reset(&src);
		if (store_sources(st, cat->indicators[ind].code,
		    cat->regions[region].code, &src, &err) == 0 && src.len) {
			buf_adds(&b, "source: ");
			esc_plain(&b, src.data);
			buf_addc(&b, '\n');
		}
		break;
	}
	fputs(buf_str(&b), stdout);
out:
	buf_release(&b);
	buf_release(&src);
	agg_series_release(&s);
	free(checks);
	return code;
}
