/* cli/cmd_chart.c - "pemetrics chart": trend charts and scorecards as
 * files, through gnuplot or the native renderer. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "cli/args.h"
#include "cli/commands.h"
#include "core/summary.h"
#include "render/charts.h"
#include "render/font.h"
#include "util/buf.h"
#include "util/dirs.h"
#include "util/outfile.h"
#include "util/xalloc.h"
#include "util/banned.h"

static const char usage[] =
	"usage: pemetrics chart [--indicator CODE | --measure ID | --system ID | --all]\n"
	"                       [--region R] [--freq Y|Q|M] [--as-of PERIOD]\n"
	"                       [--out DIR] [--format png|svg]\n"
	"                       [--renderer auto|gnuplot|native] [--lang en|zh]\n"
	"                       [--size WxH]\n"
	"\n"
	"  --indicator CODE  the indicator's trend and its regions compared\n"
	"  --measure ID      the measure's scorecard, small multiples and trends\n"
	"  --system ID       the system's scorecard and all of its measures\n"
	"  --all             every chart of the catalogue (the default)\n"
	"  --region R        a region code or alias (default: the catalogue's\n"
	"                    first top-level region)\n"
	"  --freq F          of the trend charts: Y (default), Q or M\n"
	"  --as-of PERIOD    use nothing after this period\n"
	"  --out DIR         where the files go (default charts/out, created)\n"
	"  --format F        png (default) or svg\n"
	"  --renderer R      gnuplot, native (PNG only), or auto:\n"
	"                    gnuplot when it is on PATH (default)\n"
	"  --lang L          titles in English (en) or Chinese (zh)\n"
	"  --size WxH        of a trend chart in pixels (default 900x540)\n";

struct shown {
	const struct pm_ctx *ctx;
	const char *abs_dir;    /* where the files are written */
	const char *dir;        /* the same as the user wrote it, without
				 * trailing slashes */
	size_t dirlen;
};

/* 'path' as the user wrote the directory. */
static void
shown_path(struct buf *b, const struct shown *sh, const char *path)
{
	size_t n = strlen(sh->abs_dir);

	buf_reset(b);
	if (strncmp(path, sh->abs_dir, n) == 0 && path[n] == '/') {
		buf_add(b, sh->dir, sh->dirlen);
		buf_adds(b, path + n);
	} else {
		buf_adds(b, path);
	}
}

/* Each chart's path on stdout, as the user wrote the directory (nothing
 * with -q), each failure on stderr. */
static void
done(void *arg, const char *path, const struct pm_err *err)
{
	const struct shown *sh = arg;

	struct buf b = BUF_INIT;

	if (err) {
		pm_print_err(err);
	} else if (sh->ctx->verbosity >= 1) {
		shown_path(&b, sh, path);
		printf("%s\n", b.data);
	}
	buf_release(&b);
}

/* With -v, each chart not made for want of data. */
static void
nodata(void *arg, const char *path)
{
	const struct shown *sh = arg;
	struct buf b = BUF_INIT;

	if (sh->ctx->verbosity < 2)
		return;
	shown_path(&b, sh, path);
	fflush(stdout);
	pm_msg(NULL, 0, "chart: no data, not drawn: %s", b.data);
	buf_release(&b);
}

static bool
parse_size(const char *s, int *w, int *h)
{
	char *end;
	long a, b;

	errno = 0;
	a = strtol(s, &end, 10);
	if (errno || end == s || (*end != 'x' && *end != 'X'))
		return false;
	s = end + 1;
	b = strtol(s, &end, 10);
	if (errno || end == s || *end || a < 200 || b < 150 || a > 8000 ||
	    b > 8000)
		return false;
	*w = (int)a;
	*h = (int)b;
	return true;
}

int
cmd_chart(int argc, char **argv, struct pm_ctx *ctx)
{
	static const struct option opts[] = {
		{ "indicator", required_argument, NULL, 'i' },
		{ "measure", required_argument, NULL, 'm' },
		{ "system", required_argument, NULL, 's' },
		{ "all", no_argument, NULL, 'A' },
		{ "region", required_argument, NULL, 'r' },
		{ "freq", required_argument, NULL, 'F' },
		{ "as-of", required_argument, NULL, 'a' },
		{ "out", required_argument, NULL, 'o' },
		{ "format", required_argument, NULL, 'f' },
		{ "renderer", required_argument, NULL, 'R' },
		{ "lang", required_argument, NULL, 'l' },
		{ "size", required_argument, NULL, 'S' },
		ARGS_COMMON_OPTIONS,
	};
	static const char *const formats[] = { "png", "svg", NULL };
	static const char *const renderers[] = { "auto", "gnuplot", "native",
		NULL };
	static const char *const langs[] = { "en", "zh", NULL };
	const char *sel_ind = NULL, *sel_m = NULL, *sel_s = NULL;
	const char *region_arg = NULL, *as_of_arg = NULL, *out = "charts/out";
	const char *tpl;
	enum period_freq freq = FREQ_Y;
	struct period as_of;
	bool has_as_of = false;
	struct progress_config cfg;
	struct summary sum;
	struct charts ch;
	struct charts_claims claims = CHARTS_CLAIMS_INIT;
	struct shown shown;
	struct pm_err err = PM_ERR_INIT;
	const struct catalog *cat;
	struct store *st;
	struct args a;
	char abs_out[PATH_MAX];
	size_t nstale;
	const char *base;
	int c, fmt = 0, renderer = 0, lang = 0, nsel = 0, code = 0, region;
	int w = 900, h = 540, idx = -1, rc;

	args_init(&a, argc, argv, "chart", usage, "hqv", opts);
	while ((c = args_next(&a, ctx)) != ARGS_DONE) {
		switch (c) {
		case ARGS_HELP:
			return 0;
		case ARGS_USAGE:
			return 2;
		case 'i':
			sel_ind = args_optarg();
			nsel++;
			break;
		case 'm':
			sel_m = args_optarg();
			nsel++;
			break;
		case 's':
			sel_s = args_optarg();
			nsel++;
			break;
		case 'A':
			nsel++;
			break;
		case 'r':
			region_arg = args_optarg();
			break;
		case 'F':
			freq = period_freq_parse(args_optarg());
			if (freq == 0 || freq == FREQ_H)
				return args_usage_error(&a, "bad value '%s' "
				    "for --freq (Y, Q or M)", args_optarg());
			break;
		case 'a':
			as_of_arg = args_optarg();
			break;
		case 'o':
			out = args_optarg();
			break;
		case 'f':
			if (!args_choice(&a, "format", args_optarg(), formats,
			    &fmt))
				return 2;
			break;
		case 'R':
			if (!args_choice(&a, "renderer", args_optarg(),
			    renderers, &renderer))
				return 2;
			break;
		case 'l':
			if (!args_choice(&a, "lang", args_optarg(), langs,
			    &lang))
				return 2;
			break;
		case 'S':
			if (!parse_size(args_optarg(), &w, &h))
				return args_usage_error(&a, "bad value '%s' "
				    "for --size (WxH, 200x150 to 8000x8000)",
				    args_optarg());
			break;
		default:
			return args_usage_error(&a, "unexpected option");
		}
	}
	if (!args_no_operands(&a))
		return 2;
	if (nsel > 1)
		return args_usage_error(&a, "give one of --indicator, "
		    "--measure, --system, --all");
	if (renderer == 2 && fmt == 1)
		return args_usage_error(&a, "the native renderer writes PNG "
		    "only");
	if (!args_period(&a, "as-of", as_of_arg, &as_of, &has_as_of))
		return 2;
	if (strpbrk(out, "\n\r\t") != NULL || *out == '\0')
		return args_usage_error(&a, "bad directory for --out");
	if ((cat = ctx_catalog(ctx)) == NULL)
		return ctx->cat_exit;
	if (sel_ind && (idx = catalog_indicator(cat, sel_ind,
	    strlen(sel_ind))) < 0) {
		pm_msg(NULL, 0, "unknown indicator '%s'", sel_ind);
		return 2;
	}
	if (sel_m && (idx = catalog_measure(cat, sel_m, strlen(sel_m))) < 0) {
		pm_msg(NULL, 0, "unknown measure '%s'", sel_m);
		return 2;
	}
	if (sel_s && (idx = catalog_system(cat, sel_s, strlen(sel_s))) < 0) {
		pm_msg(NULL, 0, "unknown system '%s'", sel_s);
		return 2;
	}
	if ((region = ctx_region(ctx, region_arg)) < 0)
		return -region;
	if ((st = ctx_store(ctx, STORE_READONLY, &code)) == NULL)
		return code;
	if (dirs_make(out, &err) != 0 || dirs_writable(out, &err) != 0) {
		pm_print_err(&err);
		return 4;
	}
	if (realpath(out, abs_out) == NULL) {
		pm_msg(out, 0, "cannot resolve the output directory: %s",
		    strerror(errno));
		return 4;
	}
	/* Temporary files of a run killed while writing a chart. */
	(void)outfile_clean(abs_out, time(NULL) - OUTFILE_STALE_S, &nstale,
	    NULL);
	progress_config_default(&cfg);
	rc = summary_build(st, cat, region, has_as_of ? &as_of : NULL, &cfg,
	    &sum, &err);
	if ((code = ctx_summary_failed(ctx, rc, &err)) != 0)
		return code;

	memset(&ch, 0, sizeof(ch));
	ch.st = st;
	ch.sum = &sum;
	ch.fmt = fmt == 1 ? CHART_SVG : CHART_PNG;
	ch.lang = lang == 1 ? LANG_ZH : LANG_EN;
	ch.freq = freq;
	ch.width = w;
	ch.height = h;
	ch.dir = abs_out;
	base = store_is_uri(ctx->db_path) ? NULL :
	    strrchr(ctx->db_path, '/');
	ch.source = base ? base + 1 : ctx->db_shown;
	shown.ctx = ctx;
	shown.abs_dir = abs_out;
	shown.dir = out;
	/* "out/" prints "out/x.png", not "out//x.png". */
	for (shown.dirlen = strlen(out); shown.dirlen > 1 &&
	    out[shown.dirlen - 1] == '/'; shown.dirlen--)
		;
	ch.done = done;
	ch.nodata = nodata;
	ch.ctx = &shown;
	ch.claims = &claims;
	ch.drawn = xcalloc(cat->nindicators + 1, sizeof(bool));
	if (renderer != 2) {
		tpl = ctx_data_dir(ctx, "charts", "trend.gp");
		rc = gnuplot_open("gnuplot", tpl, &ch.gp, &err);
		/* A missing program is the machine's problem (exit 4), not
		 * the data's. */
		if (rc != 0 && (renderer == 1 || fmt == 1)) {
			if (fmt == 1 && rc == PM_ENOTFOUND)
				pm_msg(NULL, 0, "chart: SVG needs gnuplot, "
				    "which is not on PATH");
			else
				pm_print_err(&err);
			code = rc == PM_ENOTFOUND ? 4 : pm_exit_code(rc);
			goto out;
		}
		if (rc != 0 && ctx->verbosity >= 1)
			pm_msg(NULL, 0, "chart: gnuplot not found, using the "
			    "native renderer");
		/* auto: if gnuplot goes for good, native for the rest. */
		ch.native_fallback = renderer == 0;
	}
	if (sel_ind) {
		rc = charts_indicator(&ch, idx);
		if (rc == 0 && ch.nwritten + ch.nfailed == 0) {
			if (freq != FREQ_Y && sum.indicators[idx].years.n > 0)
				pm_msg(NULL, 0, "no %s data for '%s' in %s: no "
				    "chart", freq == FREQ_Q ? "quarterly" :
				    "monthly", cat->indicators[idx].code,
				    cat->regions[region].code);
			else
				pm_msg(NULL, 0, "no data for '%s' in %s: no "
				    "chart", cat->indicators[idx].code,
				    cat->regions[region].code);
			code = 1;
		}
	} else if (sel_m) {
		rc = charts_measure(&ch, idx);
		if (rc == 0 && ch.nwritten + ch.nfailed == 0) {
			pm_msg(NULL, 0, "no data for measure '%s' in %s: no "
			    "chart", cat->measures[idx].id,
			    cat->regions[region].code);
			code = 1;
		}
	} else if (sel_s) {
		rc = charts_system(&ch, idx);
		if (rc == 0 && ch.nwritten + ch.nfailed == 0) {
			pm_msg(NULL, 0, "no data for system '%s' in %s: no "
			    "chart", cat->systems[idx].id,
			    cat->regions[region].code);
			code = 1;
		}
	} else {
		rc = charts_all(&ch);
	}
	if (rc != 0)
		code = pm_exit_code(rc);
	else if (ch.nfailed)
		code = pm_exit_code(ch.worst);
	if (ch.font != NULL && !font_is_preferred(ch.font) &&
	    ctx->verbosity >= 1)
		pm_msg(NULL, 0, "chart: font '%s' not found, native charts "
		    "drawn in '%s' (install fonts-noto-cjk)", FONT_FAMILY,
		    font_family(ch.font));
	if (ch.fell_back)
		pm_msg(NULL, 0, "chart: gnuplot stopped for good; the %u "
		    "chart%s after it drawn with the native renderer",
		    ch.nnative, ch.nnative == 1 ? "" : "s");
	if (ctx->verbosity >= 1)
		pm_msg(NULL, 0, "chart: %u written with %s, %u failed, %u "
		    "without data%s", ch.nwritten, ch.fell_back ? "gnuplot "
		    "then the native renderer" : ch.gp ? "gnuplot" :
		    "the native renderer", ch.nfailed, ch.nskipped,
		    ch.nskipped && ctx->verbosity < 2 ? " (-v lists them)" :
		    "");
out:
	if (ch.gp && gnuplot_close(ch.gp) != 0 && code == 0 &&
	    ctx->verbosity >= 2)
		pm_msg(NULL, 0, "chart: gnuplot exited with an error");
	font_close(ch.font);
	free(ch.drawn);
	charts_claims_release(&claims);
	summary_release(&sum);
	return code;
}
