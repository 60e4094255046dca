/* cli/cmd_report.c - "pemetrics report": the month's or quarter's report,
 * as one HTML page, Markdown and the summary JSON, with its charts. */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/commands.h"
#include "cli/opts.h"
#include "core/report.h"
#include "core/summary.h"
#include "render/charts.h"
#include "render/font.h"
#include "render/html.h"
#include "render/json.h"
#include "render/reportlang.h"
#include "render/reportmd.h"
#include "util/buf.h"
#include "util/dirs.h"
#include "util/outfile.h"
#include "util/strmap.h"
#include "util/xalloc.h"
#include "util/banned.h"

struct report_args {
	struct opt_period period;
	const char *region, *out;
	int lang;               /* enum chart_lang */
	unsigned formats;       /* FMT_* bits */
	int renderer;           /* enum renderer */
	bool no_record;
};

enum renderer { R_AUTO, R_GNUPLOT, R_NATIVE };
enum { FMT_HTML = 1 << 0, FMT_MD = 1 << 1, FMT_JSON = 1 << 2 };

static bool parse_formats(const char *s, void *field);

static const struct opt_choice renderers[] = {
	{ "auto", R_AUTO }, { "gnuplot", R_GNUPLOT }, { "native", R_NATIVE },
	{ NULL, 0 },
};
static const struct opt_choice langs[] = {
	{ "en", LANG_EN }, { "zh", LANG_ZH }, { NULL, 0 },
};

#define OFF(f) offsetof(struct report_args, f)

static const struct optdef options[] = {
	{ .name = "period", .type = OPT_PERIOD, .off = OFF(period),
	  .arg = "PERIOD",
	  .help = "the as-of: nothing after it is used (default:\n"
	      "the latest period with data), e.g. 2024,\n2024Q2, 2024-06" },
	{ .name = "region", .type = OPT_STR, .off = OFF(region), .arg = "R",
	  .help = "a region code or alias (default: the\n"
	      "catalogue's first top-level region, 330000)" },
	{ .name = "out", .type = OPT_STR, .off = OFF(out), .arg = "DIR",
	  .help = "where the files go (default reports/PERIOD,\ncreated)" },
	{ .name = "lang", .type = OPT_CHOICE, .off = OFF(lang), .arg = "L",
	  .choices = langs,
	  .help = "the whole report in English (en, default)\nor Chinese (zh)" },
	{ .name = "format", .type = OPT_FN, .off = OFF(formats),
	  .arg = "html,md,json", .parse = parse_formats,
	  .expect = "html, md, json, comma-separated",
	  .help = "which of html (index.html), md (report.md)\n"
	      "and json (summary.json) to write, comma-\n"
	      "separated (default all three); charts go to\n"
	      "DIR/charts for html and md" },
	{ .name = "renderer", .type = OPT_CHOICE, .off = OFF(renderer),
	  .arg = "R", .choices = renderers,
	  .help = "trend charts with gnuplot, native, or auto:\n"
	      "gnuplot when it is on PATH (default);\n"
	      "sparklines are always native" },
	{ .name = "no-record", .type = OPT_FLAG, .off = OFF(no_record),
	  .help = "do not record this report in the store (a\n"
	      "preview: the next report does not compare\nwith it)" },
	{ .name = NULL },
};

static const struct cmddef def = {
	.name = "report", .opts = options, .max_operands = 0,
};

/* How long recording waits for an ingest's write lock: a report is never
 * held up by an ingest; when the store stays busy it is written and not
 * recorded. */
#define REPORT_RECORD_WAIT_MS 500

/* Which chart files were written, per indicator (RDOC_* bits). */
struct drawn {
	const struct catalog *cat;
	const char *dir;        /* absolute chart directory */
	const char *region;     /* region code */
	unsigned char *have;
	int ind;                /* the indicator being drawn */
	const struct pm_ctx *ctx;
};

static void
chart_done(void *arg, const char *path, const struct pm_err *err)
{
	struct drawn *w = arg;
	const char *code = w->cat->indicators[w->ind].code;
	struct buf t = BUF_INIT, r = BUF_INIT;

	if (err) {
		pm_print_err(err);
		return;
	}
	buf_addf(&t, "%s/%s.%s.Y.png", w->dir, code, w->region);
	buf_addf(&r, "%s/%s.%s.regions.png", w->dir, code, w->region);
	if (strcmp(path, t.data) == 0)
		w->have[w->ind] |= RDOC_TREND;
	else if (strcmp(path, r.data) == 0)
		w->have[w->ind] |= RDOC_REGIONS;
	if (w->ctx->verbosity >= 2)
		pm_msg(NULL, 0, "report: wrote %s", path);
	buf_release(&t);
	buf_release(&r);
}

/* Write 'b' to dir/name through a temporary name and a rename, so that a
 * reader sees the old file or the new one, never half of one. */
static int
write_file(const char *dir, const char *name, const struct buf *b)
{
	struct outfile o = OUTFILE_INIT;
	struct pm_err err = PM_ERR_INIT;
	struct buf path = BUF_INIT;
	int rc;

	buf_addf(&path, "%s/%s", dir, name);
	if ((rc = outfile_open(&o, path.data, 0, &err)) == 0 &&
	    (rc = outfile_write(&o, b->data ? b->data : "", b->len,
	    &err)) == 0)
		rc = outfile_commit(&o, &err);
	outfile_abort(&o);
	if (rc != 0)
		pm_msg(err.file, 0, "%s", err.msg);
	buf_release(&path);
	return rc != 0 ? -1 : 0;
}

static bool
parse_formats(const char *s, void *field)
{
	unsigned *out = field;
	const char *p = s;
	size_t n;

	*out = 0;
	while (*p) {
		n = strcspn(p, ",");
		if (n == 4 && strncmp(p, "html", 4) == 0)
			*out |= FMT_HTML;
		else if (n == 2 && strncmp(p, "md", 2) == 0)
			*out |= FMT_MD;
		else if (n == 4 && strncmp(p, "json", 4) == 0)
			*out |= FMT_JSON;
		else
			return false;
		p += n;
		if (*p == ',' && *++p == '\0')
			return false;
	}
	return *out != 0;
}

/* The trend charts (gnuplot or native) and the native sparklines of every
 * indicator with data. Returns the exit code of the worst failure. */
static int
draw_charts(struct pm_ctx *ctx, struct store *st, const struct summary *s,
    int renderer, enum chart_lang lang, const char *dir, unsigned char *have)
{
	const struct catalog *cat = s->cat;
	struct pm_err err = PM_ERR_INIT;
	struct charts ch;
	struct drawn w;
	struct buf path = BUF_INIT;
	const char *base = store_is_uri(ctx->db_path) ? NULL :
	    strrchr(ctx->db_path, '/');
	size_t i;
	int rc, code = 0;

	memset(&ch, 0, sizeof(ch));
	ch.st = st;
	ch.sum = s;
	ch.fmt = CHART_PNG;
	ch.lang = lang;
	ch.freq = FREQ_Y;
	ch.width = 900;
	ch.height = 540;
	ch.dir = dir;
	ch.source = base ? base + 1 : ctx->db_shown;
	w.cat = cat;
	w.dir = dir;
	w.region = cat->regions[s->region].code;
	w.have = have;
	w.ctx = ctx;
	ch.done = chart_done;
	ch.ctx = &w;
	if (renderer != R_NATIVE) {
		rc = gnuplot_open("gnuplot", ctx_data_dir(ctx, "charts",
		    "trend.gp"), &ch.gp, &err);
		if (rc != 0 && renderer == R_GNUPLOT) {
			pm_print_err(&err);
			return rc == PM_ENOTFOUND ? 1 : pm_exit_code(rc);
		}
		if (rc != 0 && ctx->verbosity >= 1)
			pm_msg(NULL, 0, "report: gnuplot not found, using the "
			    "native renderer");
		ch.native_fallback = renderer == R_AUTO;
	}
	for (i = 0; i < cat->nindicators; i++) {
		if (!s->indicators[i].has_data)
			continue;
		w.ind = (int)i;
		if ((rc = charts_indicator(&ch, (int)i)) != 0) {
			code = pm_exit_code(rc);
			break;
		}
		if (!s->indicators[i].has_latest)
			continue;
		buf_reset(&path);
		buf_addf(&path, "%s/%s.%s.spark.png", dir,
		    cat->indicators[i].code, w.region);
		rc = charts_sparkline(s, (int)i, path.data, RDOC_SPARK_W,
		    RDOC_SPARK_H, &err);
		if (rc == 0) {
			have[i] |= RDOC_SPARK;
		} else {
			pm_print_err(&err);
			if (code == 0)
				code = pm_exit_code(rc);
		}
	}
	if (code == 0 && ch.nfailed)
		code = pm_exit_code(ch.worst);
	if (ch.font != NULL && !font_is_preferred(ch.font) &&
	    ctx->verbosity >= 1)
		pm_msg(NULL, 0, "report: font '%s' not found, native charts "
		    "drawn in '%s' (install fonts-noto-cjk)", FONT_FAMILY,
		    font_family(ch.font));
	if (ch.fell_back)
		pm_msg(NULL, 0, "report: gnuplot stopped for good; the %u "
		    "chart%s after it drawn with the native renderer",
		    ch.nnative, ch.nnative == 1 ? "" : "s");
	if (ctx->verbosity >= 2)
		pm_msg(NULL, 0, "report: %u charts written with %s, %u failed",
		    ch.nwritten, ch.gp ? "gnuplot" : "the native renderer",
		    ch.nfailed);
	if (ch.gp)
		gnuplot_close(ch.gp);
	font_close(ch.font);
	buf_release(&path);
	return code;
}

/* Whether 'name' is named like a chart pemetrics writes:
 * CODE.REGION.KIND.EXT, CODE of [a-z0-9_], REGION of [A-Za-z0-9_-], KIND
 * Y, Q, M, regions or spark, EXT png or svg. Other files are not ours. */
static bool
chart_named(const char *name)
{
	static const char *const kinds[] = { "Y", "Q", "M", "regions",
		"spark" };
	const char *p = name, *q;
	size_t n, i;

	n = strspn(p, "abcdefghijklmnopqrstuvwxyz0123456789_");
	if (n == 0 || p[n] != '.')
		return false;
	p += n + 1;
	n = strspn(p, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	    "0123456789_-");
	if (n == 0 || p[n] != '.')
		return false;
	p += n + 1;
	if ((q = strchr(p, '.')) == NULL)
		return false;
	for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (strlen(kinds[i]) == (size_t)(q - p) &&
		    strncmp(p, kinds[i], (size_t)(q - p)) == 0)
			break;
	if (i == sizeof(kinds) / sizeof(kinds[0]))
		return false;
	return strcmp(q, ".png") == 0 || strcmp(q, ".svg") == 0;
}

/* charts/ holds the charts the report uses: remove the files named like
 * our charts that this run did not write (left by an earlier report of
 * another region or period in a reused --out). Other files stay. */
static void
prune_charts(const struct pm_ctx *ctx, const struct summary *s,
    const char *dir, const unsigned char *have)
{
	static const unsigned bits[] = { RDOC_TREND, RDOC_REGIONS,
		RDOC_SPARK };
	const struct catalog *cat = s->cat;
	const char *region = cat->regions[s->region].code;
	struct buf name = BUF_INIT, path = BUF_INIT;
	struct strmap mine = STRMAP_INIT;
	struct dirent *e;
	DIR *dp;
	size_t i, k;

	if ((dp = opendir(dir)) == NULL)
		return;
	/* The names this run wrote, once: a look-up per file, not a pass
	 * over the catalogue per file (20,000 indicators). */
	for (i = 0; i < cat->nindicators; i++)
		for (k = 0; k < 3; k++) {
			if (!(have[i] & bits[k]))
				continue;
			buf_reset(&name);
			buf_addf(&name, "%s.%s.%s.png", cat->indicators[i].code,
			    region, bits[k] == RDOC_SPARK ? "spark" :
			    bits[k] == RDOC_REGIONS ? "regions" : "Y");
			(void)strmap_put(&mine, name.data, name.len, 0, NULL);
		}
	while ((e = readdir(dp)) != NULL) {
		bool ours;

		if (!chart_named(e->d_name))
			continue;
		ours = strmap_get(&mine, e->d_name, strlen(e->d_name)) >= 0;
		if (ours)
			continue;
		buf_reset(&path);
		buf_addf(&path, "%s/%s", dir, e->d_name);
		if (unlink(path.data) != 0)
			pm_msg(path.data, 0, "cannot remove an old chart: %s",
			    strerror(errno));
		else if (ctx->verbosity >= 2)
			pm_msg(NULL, 0, "report: removed %s", path.data);
	}
	closedir(dp);
	strmap_release(&mine);
	buf_release(&name);
	buf_release(&path);
}

/* Month in which a period ends, as year * 12 + month. */
static int
period_end(const struct period *p)
{
	int per = period_per_year(p->freq);

	return p->year * 12 + (p->freq == FREQ_Y ? 12 : p->sub * (12 / per));
}

struct prov_read {
	struct rl_prov *p;
	int as_of_end;
};

static bool
has_str(char **v, char **w, size_t n, const char *a, const char *b)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(v[i], a) == 0 && (w == NULL || strcmp(w[i], b) == 0))
			return true;
	return false;
}

#define REPORT_MARKS_MAX 40     /* provisional values listed */

static int
on_prov(void *ctx, const char *ind, int period, char status,
    const char *source, const char *note)
{
	struct prov_read *pr = ctx;
	struct rl_prov *p = pr->p;
	struct period per;
	const char *q;

	if (period_from_key(period, &per) != 0 ||
	    period_end(&per) > pr->as_of_end)
		return 0;
	/* Each source once; a source is itself "A；B" at times. */
	if (*source) {
		size_t n = strlen(source);

		for (q = p->sources.data; q && (q = strstr(q, source)) != NULL;
		    q++)
			if ((q == p->sources.data || q[-1] == ' ') &&
			    (q[n] == '\0' || q[n] == ';'))
				break;
		if (q == NULL) {
			if (p->sources.len)
				buf_adds(&p->sources, "; ");
			buf_adds(&p->sources, source);
		}
	}
	if (*note && !has_str(p->note_ind, p->note, p->nnotes, ind, note)) {
		p->note_ind = xreallocarray(p->note_ind, p->nnotes + 1,
		    sizeof(char *));
		p->note = xreallocarray(p->note, p->nnotes + 1,
		    sizeof(char *));
		p->note_ind[p->nnotes] = xstrdup(ind);
		p->note[p->nnotes++] = xstrdup(note);
	}
	if ((status == 'P' || status == 'E') &&
	    p->nmarks < REPORT_MARKS_MAX) {
		p->mark_ind = xreallocarray(p->mark_ind, p->nmarks + 1,
		    sizeof(char *));
		p->mark_period = xreallocarray(p->mark_period, p->nmarks + 1,
		    sizeof(int));
		p->mark_status = xreallocarray(p->mark_status, p->nmarks + 1,
		    1);
		p->mark_ind[p->nmarks] = xstrdup(ind);
		p->mark_period[p->nmarks] = period;
		p->mark_status[p->nmarks++] = status;
	}
	return 0;
}

/* The sources, notes and provisional values of the report's region. */
static int
read_prov(struct store *st, const struct summary *sum, struct rl_prov *p,
    struct pm_err *err)
{
	struct prov_read pr = { p, period_end(&sum->as_of) };

	return store_prov_scan(st, sum->cat->regions[sum->region].code,
	    on_prov, &pr, err);
}

/* One run of the command: what it read and where it writes. */
struct report_run {
	struct pm_ctx *ctx;
	const struct report_args *a;
	struct store *st;
	struct summary sum;
	struct report rep;
	struct rl_prov prov;
	struct buf dir, charts_dir;
	char abs_charts[PATH_MAX];
	unsigned char *have;    /* RDOC_* bits of the charts drawn */
	bool charts;            /* html or md: charts are drawn */
	bool built;             /* sum and rep are there to release */
	bool recording;         /* a record waits for its commit */
};

/* Everything the report shows, from one snapshot of the store; 0 or the
 * exit code. */
static int
read_all(struct report_run *r, int region)
{
	const struct report_args *a = r->a;
	struct progress_config cfg;
	struct pm_err err = PM_ERR_INIT;
	char t[PERIOD_TEXT_MAX], nt[PERIOD_TEXT_MAX];
	long long last_file;
	int rc, code;

	if ((rc = store_read_begin(r->st, &err)) != 0) {
		pm_print_err(&err);
		return pm_exit_code(rc);
	}
	progress_config_default(&cfg);
	/* The newest file first: one ingested while the summary is read
	 * then counts as later than this report. */
	if ((rc = store_file_last(r->st, &last_file, &err)) == 0)
		rc = summary_build(r->st, r->ctx->cat, region,
		    a->period.given ? &a->period.p : NULL, &cfg, &r->sum,
		    &err);
	if ((code = ctx_summary_failed(r->ctx, rc, &err)) != 0)
		return code;
	if ((rc = report_build(r->st, &r->sum, last_file, &r->rep,
	    &err)) != 0) {
		pm_print_err(&err);
		summary_release(&r->sum);
		return pm_exit_code(rc);
	}
	r->built = true;
	/* A period whose data never came is for a person to see, even from
	 * cron (-q): the report says it too. */
	if (!r->rep.current && r->rep.has_newest)
		pm_msg(NULL, 0, "report: no data for %s (latest data: %s); "
		    "the report says so", period_format(&r->sum.as_of, t),
		    period_format(&r->rep.newest.p, nt));
	else if (!r->rep.current)
		pm_msg(NULL, 0, "report: no data for %s or before",
		    period_format(&r->sum.as_of, t));
	if ((rc = read_prov(r->st, &r->sum, &r->prov, &err)) != 0) {
		pm_print_err(&err);
		return pm_exit_code(rc);
	}
	return 0;
}

/* The output folder (and its charts/), made and writable; temporary files
 * of a run killed while writing them removed. 0 or the exit code. */
static int
out_dirs(struct report_run *r)
{
	struct pm_err err = PM_ERR_INIT;
	char t[PERIOD_TEXT_MAX];
	const char *d;
	size_t nstale;

	if (r->a->out)
		buf_adds(&r->dir, r->a->out);
	else
		buf_addf(&r->dir, "reports/%s", period_format(&r->sum.as_of,
		    t));
	while (r->dir.len > 1 && r->dir.data[r->dir.len - 1] == '/')
		r->dir.data[--r->dir.len] = '\0';
	buf_addf(&r->charts_dir, "%s/charts", r->dir.data);
	d = r->charts ? r->charts_dir.data : r->dir.data;
	if (dirs_make(d, &err) != 0 || dirs_writable(d, &err) != 0) {
		pm_print_err(&err);
		return 4;
	}
	if (r->charts && realpath(d, r->abs_charts) == NULL) {
		pm_msg(d, 0, "cannot create the output directory: %s",
		    strerror(errno));
		return 4;
	}
	(void)outfile_clean(r->dir.data, time(NULL) - OUTFILE_STALE_S,
	    &nstale, NULL);
	if (r->charts)
		(void)outfile_clean(r->charts_dir.data, time(NULL) -
		    OUTFILE_STALE_S, &nstale, NULL);
	return 0;
}

/* Everything is read: record now, with a short wait, so that the page can
 * say whether it was; the record is committed once the files are
 * written. Previews, json alone and an as-of without data are not
 * recorded: the next report compares with real ones. */
static int
record_begin(struct report_run *r)
{
	struct pm_err err = PM_ERR_INIT;
	int rc;

	store_read_end(r->st);
	if (r->a->no_record || !r->charts || !r->rep.current)
		return 0;
	store_busy_wait(r->st, REPORT_RECORD_WAIT_MS);
	rc = report_record(r->st, &r->rep, &err);
	if (rc == PM_EBUSY) {
		pm_msg(r->ctx->db_shown, 0, "store is busy (an ingest is "
		    "running?): the report is written but not recorded");
		return 0;
	}
	if (rc != 0) {
		pm_print_err(&err);
		return pm_exit_code(rc);
	}
	r->recording = true;
	return 0;
}

static int
record_end(struct report_run *r)
{
	struct pm_err err = PM_ERR_INIT;
	int rc;

	if (!r->recording)
		return 0;
	r->recording = false;
	if ((rc = store_commit(r->st, &err)) == PM_EBUSY) {
		pm_msg(r->ctx->db_shown, 0, "store is busy: the report is "
		    "written but not recorded");
	} else if (rc != 0) {
		pm_print_err(&err);
		return pm_exit_code(rc);
	}
	return 0;
}

/* summary.json (exactly "pemetrics summary --format json"), report.md,
 * index.html, as asked; 0 or 4. */
static int
write_files(struct report_run *r, const struct report_doc *doc)
{
	struct buf b = BUF_INIT;
	int code = 0;

	if (r->a->formats & FMT_JSON) {
		json_summary(&b, &r->sum);
		if (write_file(r->dir.data, "summary.json", &b) != 0)
			code = 4;
		buf_reset(&b);
	}
	if (code == 0 && (r->a->formats & FMT_MD)) {
		md_report(&b, doc);
		if (write_file(r->dir.data, "report.md", &b) != 0)
			code = 4;
		buf_reset(&b);
	}
	if (code == 0 && (r->a->formats & FMT_HTML)) {
		html_report(&b, doc);
		if (write_file(r->dir.data, "index.html", &b) != 0)
			code = 4;
	}
	buf_release(&b);
	return code;
}

/* The paths written, index.html last: "make demo" shows the last line. */
static void
tell_paths(const struct report_run *r)
{
	if (r->ctx->verbosity < 1)
		return;
	if (r->charts)
		printf("%s/\n", r->charts_dir.data);
	if (r->a->formats & FMT_JSON)
		printf("%s/summary.json\n", r->dir.data);
	if (r->a->formats & FMT_MD)
		printf("%s/report.md\n", r->dir.data);
	if (r->a->formats & FMT_HTML)
		printf("%s/index.html\n", r->dir.data);
}

/* The report document over what was read. */
static void
doc_of(const struct report_run *r, struct report_doc *doc)
{
	const char *db = r->ctx->db_path;
	const char *base = store_is_uri(db) ? NULL : strrchr(db, '/');

	memset(doc, 0, sizeof(*doc));
	doc->prov = &r->prov;
	doc->sum = &r->sum;
	doc->rep = &r->rep;
	doc->lang = (enum chart_lang)r->a->lang;
	doc->charts = "charts";
	doc->have = r->have;
	doc->source = base ? base + 1 : r->ctx->db_shown;
	doc->recorded = r->recording;
}

static int
run(struct report_run *r, int region)
{
	struct report_doc doc;
	int code, drawn = 0;    /* 1: some charts failed, the report is
				 * written all the same */

	if ((code = read_all(r, region)) != 0 || (code = out_dirs(r)) != 0)
		return code;
	r->have = xcalloc(r->ctx->cat->nindicators + 1, 1);
	if (r->charts)
		drawn = draw_charts(r->ctx, r->st, &r->sum, r->a->renderer,
		    (enum chart_lang)r->a->lang, r->abs_charts, r->have);
	if (drawn == 2 || drawn == 3 || drawn == 4)
		return drawn;
	if (r->charts && drawn == 0)
		prune_charts(r->ctx, &r->sum, r->abs_charts, r->have);
	if ((code = record_begin(r)) != 0)
		return code;
	doc_of(r, &doc);
	if ((code = write_files(r, &doc)) != 0 || (code = record_end(r)) != 0)
		return code;
	tell_paths(r);
	return drawn;
}

int
cmd_report(int argc, char **argv, struct pm_ctx *ctx)
{
	struct report_args a = { .lang = LANG_EN, .renderer = R_AUTO,
		.formats = FMT_HTML | FMT_MD | FMT_JSON };
	struct report_run r;
	int first, code, region;

	if ((code = opts_parse(&def, argc, argv, ctx, &a, &first)) != OPTS_GO)
		return code;
	if (a.out && (*a.out == '\0' || strpbrk(a.out, "\n\r\t") != NULL))
		return opts_usage_error(&def, "bad directory for --out");
	if (ctx_catalog(ctx) == NULL)
		return ctx->cat_exit;
	if ((region = ctx_region(ctx, a.region)) < 0)
		return -region;
	/* The report records itself, so the store is opened for writing;
	 * it must exist already (an empty new store says nothing), on a
	 * server too. */
	memset(&r, 0, sizeof(r));
	r.ctx = ctx;
	r.a = &a;
	r.charts = (a.formats & (FMT_HTML | FMT_MD)) != 0;
	if ((r.st = ctx_store(ctx, STORE_EXISTING, &code)) == NULL)
		return code;
	code = run(&r, region);
	if (r.recording)
		store_rollback(r.st);   /* a file could not be written */
	free(r.have);
	buf_release(&r.dir);
	buf_release(&r.charts_dir);
	if (r.built) {
		report_release(&r.rep);
		summary_release(&r.sum);
	}
	rl_prov_release(&r.prov);
	return code;
}
