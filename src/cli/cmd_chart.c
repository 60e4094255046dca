/* cli/cmd_chart.c - "pemetrics chart": trend charts and scorecards as
 * files, through gnuplot or the native renderer. */
#include <errno.h>
#include <limits.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "cli/commands.h"
#include "cli/opts.h"
#include "core/summary.h"
#include "render/charts.h"
#include "render/font.h"
#include "util/buf.h"
#include "util/dirs.h"
#include "util/outfile.h"
#include "util/xalloc.h"
#include "util/banned.h"

struct size {
	int w, h;
};

struct chart_args {
	const char *indicator, *measure, *system, *region, *out;
	bool all;
	enum period_freq freq;
	struct opt_period as_of;
	int format;             /* OUT_PNG or OUT_SVG */
	int renderer;           /* enum renderer */
	int lang;               /* enum chart_lang */
	struct size size;
};

enum renderer { R_AUTO, R_GNUPLOT, R_NATIVE };

static bool
parse_freq(const char *val, void *field)
{
	enum period_freq f = period_freq_parse(val);

	if (f == 0 || f == FREQ_H)
		return false;
	*(enum period_freq *)field = f;
	return true;
}

static bool
parse_size(const char *s, void *field)
{
	struct size *sz = field;
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
	sz->w = (int)a;
	sz->h = (int)b;
	return true;
}

static const struct opt_choice formats[] = {
	{ "png", OUT_PNG }, { "svg", OUT_SVG }, { NULL, 0 },
};
static const struct opt_choice renderers[] = {
	{ "auto", R_AUTO }, { "gnuplot", R_GNUPLOT }, { "native", R_NATIVE },
	{ NULL, 0 },
};
static const struct opt_choice langs[] = {
	{ "en", LANG_EN }, { "zh", LANG_ZH }, { NULL, 0 },
};

#define OFF(f) offsetof(struct chart_args, f)

static const struct optdef options[] = {
	{ .name = "indicator", .type = OPT_STR, .off = OFF(indicator),
	  .arg = "CODE", .group = 1,
	  .help = "the indicator's trend and its regions compared" },
	{ .name = "measure", .type = OPT_STR, .off = OFF(measure),
	  .arg = "ID", .group = 1,
	  .help = "the measure's scorecard, small multiples and trends" },
	{ .name = "system", .type = OPT_STR, .off = OFF(system),
	  .arg = "ID", .group = 1,
	  .help = "the system's scorecard and all of its measures" },
	{ .name = "all", .type = OPT_FLAG, .off = OFF(all), .group = 1,
	  .help = "every chart of the catalogue (the default)" },
	{ .name = "region", .type = OPT_STR, .off = OFF(region), .arg = "R",
	  .help = "a region code or alias (default: the catalogue's\n"
	      "first top-level region)" },
	{ .name = "freq", .type = OPT_FN, .off = OFF(freq), .arg = "Y|Q|M",
	  .parse = parse_freq, .expect = "Y, Q or M",
	  .help = "of the trend charts: yearly (default), quarterly,\n"
	      "monthly" },
	{ .name = "as-of", .type = OPT_PERIOD, .off = OFF(as_of),
	  .arg = "PERIOD", .help = "use nothing after this period" },
	{ .name = "out", .type = OPT_STR, .off = OFF(out), .arg = "DIR",
	  .help = "where the files go (default charts/out, created)" },
	{ .name = "format", .type = OPT_CHOICE, .off = OFF(format),
	  .arg = "F", .choices = formats, .help = "png (default) or svg" },
	{ .name = "renderer", .type = OPT_CHOICE, .off = OFF(renderer),
	  .arg = "R", .choices = renderers,
	  .help = "gnuplot, native (PNG only), or auto:\n"
	      "gnuplot when it is on PATH (default)" },
	{ .name = "lang", .type = OPT_CHOICE, .off = OFF(lang), .arg = "L",
	  .choices = langs,
	  .help = "titles in English (en) or Chinese (zh)" },
	{ .name = "size", .type = OPT_FN, .off = OFF(size), .arg = "WxH",
	  .parse = parse_size, .expect = "WxH, 200x150 to 8000x8000",
	  .help = "of a trend chart in pixels (default 900x540)" },
	{ .name = NULL },
};

static const struct cmddef def = {
	.name = "chart", .opts = options, .max_operands = 0,
};

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

/* The catalogue index of the one selection (-1 with --all); a usage
 * error (2) when there are several, or a name the catalogue lacks. */
static int
selection(const struct catalog *cat, const struct chart_args *a, int *idx)
{
	int n = (a->indicator != NULL) + (a->measure != NULL) +
	    (a->system != NULL) + a->all;

	*idx = -1;
	if (n > 1)
		return opts_usage_error(&def, "give one of --indicator, "
		    "--measure, --system, --all");
	if (a->indicator && (*idx = catalog_indicator(cat, a->indicator,
	    strlen(a->indicator))) < 0) {
		pm_msg(NULL, 0, "unknown indicator '%s'", a->indicator);
		return 2;
	}
	if (a->measure && (*idx = catalog_measure(cat, a->measure,
	    strlen(a->measure))) < 0) {
		pm_msg(NULL, 0, "unknown measure '%s'", a->measure);
		return 2;
	}
	if (a->system && (*idx = catalog_system(cat, a->system,
	    strlen(a->system))) < 0) {
		pm_msg(NULL, 0, "unknown system '%s'", a->system);
		return 2;
	}
	return 0;
}

/* The output folder, made and writable, as an absolute path in abs_out;
 * temporary files of a run killed while writing a chart are removed. */
static int
out_dir(const char *out, char abs_out[PATH_MAX])
{
	struct pm_err err = PM_ERR_INIT;
	size_t nstale;

	if (dirs_make(out, &err) != 0 || dirs_writable(out, &err) != 0) {
		pm_print_err(&err);
		return 4;
	}
	if (realpath(out, abs_out) == NULL) {
		pm_msg(out, 0, "cannot resolve the output directory: %s",
		    strerror(errno));
		return 4;
	}
	(void)outfile_clean(abs_out, time(NULL) - OUTFILE_STALE_S, &nstale,
	    NULL);
	return 0;
}

/* gnuplot for the batch unless --renderer native; 0 or the exit code. */
static int
open_gnuplot(struct pm_ctx *ctx, const struct chart_args *a,
    struct charts *ch)
{
	struct pm_err err = PM_ERR_INIT;
	int rc;

	if (a->renderer == R_NATIVE)
		return 0;
	rc = gnuplot_open("gnuplot", ctx_data_dir(ctx, "charts", "trend.gp"),
	    &ch->gp, &err);
	/* A missing program is the machine's problem (exit 4), not the
	 * data's. */
	if (rc != 0 && (a->renderer == R_GNUPLOT || a->format == OUT_SVG)) {
		if (a->format == OUT_SVG && rc == PM_ENOTFOUND)
			pm_msg(NULL, 0, "chart: SVG needs gnuplot, which is "
			    "not on PATH");
		else
			pm_print_err(&err);
		return rc == PM_ENOTFOUND ? 4 : pm_exit_code(rc);
	}
	if (rc != 0 && ctx->verbosity >= 1)
		pm_msg(NULL, 0, "chart: gnuplot not found, using the native "
		    "renderer");
	/* auto: if gnuplot goes for good, native for the rest. */
	ch->native_fallback = a->renderer == R_AUTO;
	return 0;
}

/* Draw the selection; 1 with a message when it had nothing to draw. */
static int
draw(struct charts *ch, const struct chart_args *a, int idx, int *code)
{
	const struct summary *sum = ch->sum;
	const struct catalog *cat = sum->cat;
	const char *reg = cat->regions[sum->region].code;
	int rc;

	if (a->indicator)
		rc = charts_indicator(ch, idx);
	else if (a->measure)
		rc = charts_measure(ch, idx);
	else if (a->system)
		rc = charts_system(ch, idx);
	else
		rc = charts_all(ch);
	if (rc != 0 || ch->nwritten + ch->nfailed != 0 ||
	    (!a->indicator && !a->measure && !a->system))
		return rc;
	*code = 1;
	if (a->indicator && a->freq != FREQ_Y &&
	    sum->indicators[idx].years.n > 0)
		pm_msg(NULL, 0, "no %s data for '%s' in %s: no chart",
		    a->freq == FREQ_Q ? "quarterly" : "monthly",
		    cat->indicators[idx].code, reg);
	else if (a->indicator)
		pm_msg(NULL, 0, "no data for '%s' in %s: no chart",
		    cat->indicators[idx].code, reg);
	else if (a->measure)
		pm_msg(NULL, 0, "no data for measure '%s' in %s: no chart",
		    cat->measures[idx].id, reg);
	else
		pm_msg(NULL, 0, "no data for system '%s' in %s: no chart",
		    cat->systems[idx].id, reg);
	return 0;
}

/* What the run did, on stderr. */
static void
tell(const struct pm_ctx *ctx, const struct charts *ch)
{
	if (ch->font != NULL && !font_is_preferred(ch->font) &&
	    ctx->verbosity >= 1)
		pm_msg(NULL, 0, "chart: font '%s' not found, native charts "
		    "drawn in '%s' (install fonts-noto-cjk)", FONT_FAMILY,
		    font_family(ch->font));
	if (ch->fell_back)
		pm_msg(NULL, 0, "chart: gnuplot stopped for good; the %u "
		    "chart%s after it drawn with the native renderer",
		    ch->nnative, ch->nnative == 1 ? "" : "s");
	if (ctx->verbosity >= 1)
		pm_msg(NULL, 0, "chart: %u written with %s, %u failed, %u "
		    "without data%s", ch->nwritten, ch->fell_back ? "gnuplot "
		    "then the native renderer" : ch->gp ? "gnuplot" :
		    "the native renderer", ch->nfailed, ch->nskipped,
		    ch->nskipped && ctx->verbosity < 2 ? " (-v lists them)" :
		    "");
}

static int run(struct pm_ctx *ctx, const struct chart_args *a,
    const char *abs_out, int idx, int region);

int
cmd_chart(int argc, char **argv, struct pm_ctx *ctx)
{
	struct chart_args a = { .out = "charts/out", .freq = FREQ_Y,
		.format = OUT_PNG, .renderer = R_AUTO, .lang = LANG_EN,
		.size = { 900, 540 } };
	const struct catalog *cat;
	char abs_out[PATH_MAX];
	int first, code, idx, region;

	if ((code = opts_parse(&def, argc, argv, ctx, &a, &first)) != OPTS_GO)
		return code;
	if (a.renderer == R_NATIVE && a.format == OUT_SVG)
		return opts_usage_error(&def, "the native renderer writes PNG "
		    "only");
	if (strpbrk(a.out, "\n\r\t") != NULL || *a.out == '\0')
		return opts_usage_error(&def, "bad directory for --out");
	if ((cat = ctx_catalog(ctx)) == NULL)
		return ctx->cat_exit;
	if ((code = selection(cat, &a, &idx)) != 0)
		return code;
	if ((region = ctx_region(ctx, a.region)) < 0)
		return -region;
	if ((code = out_dir(a.out, abs_out)) != 0)
		return code;
	return run(ctx, &a, abs_out, idx, region);
}

static int
run(struct pm_ctx *ctx, const struct chart_args *a, const char *abs_out,
    int idx, int region)
{
	struct progress_config cfg;
	struct summary sum;
	struct charts ch;
	struct charts_claims claims = CHARTS_CLAIMS_INIT;
	struct shown shown = { ctx, abs_out, a->out, strlen(a->out) };
	struct pm_err err = PM_ERR_INIT;
	struct store *st;
	const char *base;
	int code = 0, rc;

	if ((st = ctx_store(ctx, STORE_READONLY, &code)) == NULL)
		return code;
	progress_config_default(&cfg);
	rc = summary_build(st, ctx->cat, region, a->as_of.given ?
	    &a->as_of.p : NULL, &cfg, &sum, &err);
	if ((code = ctx_summary_failed(ctx, rc, &err)) != 0)
		return code;
	memset(&ch, 0, sizeof(ch));
	ch.st = st;
	ch.sum = &sum;
	ch.fmt = a->format == OUT_SVG ? CHART_SVG : CHART_PNG;
	ch.lang = (enum chart_lang)a->lang;
	ch.freq = a->freq;
	ch.width = a->size.w;
	ch.height = a->size.h;
	ch.dir = abs_out;
	base = store_is_uri(ctx->db_path) ? NULL :
	    strrchr(ctx->db_path, '/');
	ch.source = base ? base + 1 : ctx->db_shown;
	/* "out/" prints "out/x.png", not "out//x.png". */
	while (shown.dirlen > 1 && a->out[shown.dirlen - 1] == '/')
		shown.dirlen--;
	ch.done = done;
	ch.nodata = nodata;
	ch.ctx = &shown;
	ch.claims = &claims;
	ch.drawn = xcalloc(ctx->cat->nindicators + 1, sizeof(bool));
	if ((code = open_gnuplot(ctx, a, &ch)) == 0) {
		if ((rc = draw(&ch, a, idx, &code)) != 0)
			code = pm_exit_code(rc);
		else if (ch.nfailed)
			code = pm_exit_code(ch.worst);
		tell(ctx, &ch);
	}
	if (ch.gp && gnuplot_close(ch.gp) != 0 && code == 0 &&
	    ctx->verbosity >= 2)
		pm_msg(NULL, 0, "chart: gnuplot exited with an error");
	font_close(ch.font);
	free(ch.drawn);
	charts_claims_release(&claims);
	summary_release(&sum);
	return code;
}
