/* cli/cmd_trend.c - "pemetrics trend": one indicator's series. */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/commands.h"
#include "cli/opts.h"
#include "core/summary.h"
#include "render/csvout.h"
#include "render/escape.h"
#include "render/json.h"
#include "render/md.h"
#include "render/text.h"
#include "util/buf.h"
#include "util/banned.h"

struct trend_args {
	const char *region;
	enum period_freq freq;
	struct opt_period as_of;
	int format;             /* enum out_format */
};

static bool
parse_freq(const char *val, void *field)
{
	enum period_freq f = period_freq_parse(val);

	if (f == 0)
		return false;
	*(enum period_freq *)field = f;
	return true;
}

static const struct opt_choice formats[] = {
	{ "text", OUT_TEXT }, { "csv", OUT_CSV }, { "json", OUT_JSON },
	{ "md", OUT_MD }, { NULL, 0 },
};

static const struct optdef options[] = {
	{ .name = "region", .type = OPT_STR,
	  .off = offsetof(struct trend_args, region), .arg = "R",
	  .help = "a region code or alias (default: the catalogue's\n"
	      "first top-level region)" },
	{ .name = "freq", .type = OPT_FN,
	  .off = offsetof(struct trend_args, freq), .arg = "Y|H|Q|M",
	  .parse = parse_freq, .expect = "Y, H, Q or M",
	  .help = "yearly (default), half-yearly, quarterly or monthly" },
	{ .name = "as-of", .type = OPT_PERIOD,
	  .off = offsetof(struct trend_args, as_of), .arg = "PERIOD",
	  .help = "use nothing after this period" },
	{ .name = "format", .type = OPT_CHOICE,
	  .off = offsetof(struct trend_args, format), .arg = "F",
	  .choices = formats, .help = "text (default), csv, json or md" },
	{ .name = NULL },
};

static const struct opt_form forms[] = { { "INDICATOR", NULL } };

static const struct cmddef def = {
	.name = "trend", .opts = options, .forms = forms, .nforms = 1,
	.operands = "  INDICATOR        an indicator code (pemetrics catalog "
	    "list)\n",
	.min_operands = 1, .max_operands = 1,
	.bad_operands = "give one indicator code",
};

static int run(struct pm_ctx *ctx, const char *code_arg,
    const struct trend_args *a);

int
cmd_trend(int argc, char **argv, struct pm_ctx *ctx)
{
	struct trend_args a = { .freq = FREQ_Y, .format = OUT_TEXT };
	int first, code;

	if ((code = opts_parse(&def, argc, argv, ctx, &a, &first)) != OPTS_GO)
		return code;
	return run(ctx, argv[first], &a);
}

static int
run(struct pm_ctx *ctx, const char *code_arg, const struct trend_args *a)
{
	struct agg_series s = AGG_SERIES_INIT;
	struct summary_check *checks = NULL;
	size_t nchecks = 0;
	struct pm_err err = PM_ERR_INIT;
	struct buf b = BUF_INIT, src = BUF_INIT;
	const struct catalog *cat;
	struct store *st;
	int code = 0, region, ind, rc;

	if ((cat = ctx_catalog(ctx)) == NULL)
		return ctx->cat_exit;
	if ((ind = catalog_indicator(cat, code_arg, strlen(code_arg))) < 0) {
		pm_msg(NULL, 0, "unknown indicator '%s' (pemetrics catalog "
		    "list)", code_arg);
		return 2;
	}
	if ((region = ctx_region(ctx, a->region)) < 0)
		return -region;
	if ((st = ctx_store(ctx, STORE_READONLY, &code)) == NULL)
		return code;
	rc = summary_series(st, cat, ind, region, a->freq,
	    a->as_of.given ? &a->as_of.p : NULL, &s, &checks, &nchecks, &err);
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
	switch (a->format) {
	case OUT_CSV:
		csv_trend(&b, &s);
		break;
	case OUT_JSON:
		json_trend(&b, cat, ind, region, &s);
		break;
	case OUT_MD:
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
