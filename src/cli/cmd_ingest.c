/* cli/cmd_ingest.c - "pemetrics ingest": load CSV files into the store. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli/commands.h"
#include "cli/ingestio.h"
#include "cli/opts.h"
#include "core/ingest.h"
#include "core/inbox.h"
#include "core/reader.h"
#include "render/escape.h"
#include "render/ingestout.h"
#include "util/buf.h"
#include "util/xalloc.h"
#include "util/banned.h"

struct ingest_args {
	int format;                     /* OUT_TEXT or OUT_JSON */
	const char *rejects, *encoding, *region, *indicator;
	const char *inbox, *archive, *quarantine;
	bool dry_run, force, strict, syslog, skip_unknown;
	unsigned long long max_field, max_input, wait, min_age, year;
	int layout;                     /* enum layout */
};

static const struct opt_choice formats[] = {
	{ "text", OUT_TEXT }, { "json", OUT_JSON }, { NULL, 0 },
};

static const struct opt_choice layouts[] = {
	{ "long", LAYOUT_LONG }, { "wide", LAYOUT_WIDE }, { NULL, 0 },
};

#define OFF(f) offsetof(struct ingest_args, f)
#define FILES 1u                /* the form with FILE... */
#define INBOX 2u                /* the form with --inbox DIR */

static const struct optdef options[] = {
	{ .name = "format", .letter = 'f', .type = OPT_CHOICE, .off = OFF(format),
	  .arg = "F", .choices = formats,
	  .help = "results as text (default) or json" },
	{ .name = "rejects", .letter = 'r', .type = OPT_STR, .off = OFF(rejects),
	  .arg = "PATH", .forms = FILES,
	  .help = "where rejected rows go (default FILE.rejects.csv);\n"
	      "a directory for several files" },
	{ .name = "dry-run", .letter = 'n', .type = OPT_FLAG, .off = OFF(dry_run),
	  .forms = FILES,
	  .help = "check every row against the catalogue, store nothing" },
	{ .name = "encoding", .letter = 'e', .type = OPT_STR, .off = OFF(encoding),
	  .arg = "ENC", .forms = FILES,
	  .help = "the input's encoding (default: UTF-8, else GB18030)" },
	{ .name = "force", .letter = 'F', .type = OPT_FLAG, .off = OFF(force), .forms = FILES,
	  .help = "ingest a file even if its content was ingested before" },
	{ .name = "strict", .type = OPT_FLAG, .off = OFF(strict),
	  .help = "a file with any rejected row stores nothing" },
	{ .name = "skip-unknown", .type = OPT_FLAG, .off = OFF(skip_unknown),
	  .help = "rows of indicators the catalogue does not have are\n"
	      "counted as skipped, not rejected (a release table of\n"
	      "which the plan tracks a few rows)" },
	{ .name = "max-field", .letter = 'm', .type = OPT_SIZE, .off = OFF(max_field),
	  .arg = "BYTES", .min = 16, .max = 1ULL << 30, .forms = FILES,
	  .help = "longest field accepted (default 1048576)" },
	{ .name = "max-input", .type = OPT_SIZE, .off = OFF(max_input),
	  .arg = "BYTES", .min = 1, .max = 1ULL << 50, .forms = FILES,
	  .help = "most bytes read from standard input or a pipe (they\n"
	      "are kept in a file in TMPDIR; default 1073741824)" },
	{ .name = "layout", .type = OPT_CHOICE, .off = OFF(layout),
	  .arg = "L", .choices = layouts, .forms = FILES,
	  .help = "long (a row per value) or wide (periods as columns);\n"
	      "default: from the header" },
	{ .name = "region", .type = OPT_STR, .off = OFF(region),
	  .arg = "CODE", .forms = FILES,
	  .help = "the region of a wide file with no region column and\n"
	      "no '地区：' line" },
	{ .name = "indicator", .type = OPT_STR, .off = OFF(indicator),
	  .arg = "CODE", .forms = FILES,
	  .help = "the indicator of a wide file with no indicator column\n"
	      "and no '指标：' line" },
	{ .name = "year", .type = OPT_SIZE, .off = OFF(year), .arg = "YEAR",
	  .min = 1900, .max = 2199, .forms = FILES,
	  .help = "the year of a release table's period labels that have\n"
	      "none (\"10月\", \"1-10月\"), when no title or '时间：'\n"
	      "line names it" },
	{ .name = "inbox", .type = OPT_STR, .off = OFF(inbox), .arg = "DIR",
	  .forms = INBOX, .lead = INBOX,
	  .help = "ingest the ready *.csv files of DIR, in name order,\n"
	      "then move them: to --archive (default\n"
	      "DIR/../archive/YYYY/MM) when stored, to --quarantine\n"
	      "(default DIR/../quarantine) when refused; rejects\n"
	      "files go to the quarantine" },
	{ .name = "archive", .type = OPT_STR, .off = OFF(archive),
	  .arg = "DIR", .forms = INBOX, .help = "where stored files go" },
	{ .name = "quarantine", .type = OPT_STR, .off = OFF(quarantine),
	  .arg = "DIR", .forms = INBOX,
	  .help = "where refused files and rejects files go" },
	{ .name = "wait", .type = OPT_SIZE, .off = OFF(wait), .arg = "SECONDS",
	  .max = 86400, .forms = INBOX,
	  .help = "wait so long for another run's lock (default 0)" },
	{ .name = "min-age", .type = OPT_SIZE, .off = OFF(min_age),
	  .arg = "SECONDS", .max = 86400, .forms = INBOX,
	  .help = "files modified more recently are still being\n"
	      "written: left for the next run (default 5)" },
	{ .name = "log-syslog", .type = OPT_FLAG, .off = OFF(syslog),
	  .forms = INBOX, .help = "also send the log lines to syslog" },
	{ .name = NULL },
};

static const struct opt_form forms[] = {
	{ NULL, "FILE..." }, { NULL, NULL },
};

static const struct cmddef def = {
	.name = "ingest", .opts = options, .forms = forms, .nforms = 2,
	.operands = "  FILE             a CSV file, long or wide; '-' reads "
	    "standard input\n",
	.max_operands = -1,
};

/* Set by SIGINT/SIGTERM; the ingest polls it between rows and rolls the
 * current file back. The one mutable global the project allows. */
static volatile sig_atomic_t stop_requested;

static void
on_signal(int sig)
{
	(void)sig;
	stop_requested = 1;
}

/* SIGINT and SIGTERM roll the current file back and stop the run; the
 * handlers stay until the process ends, which follows the command. */
static void
install_signals(struct ingest_opts *io)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	io->stop = &stop_requested;
}

/* Default FILE.rejects.csv; stdin's go to ./stdin.rejects.csv; with
 * --rejects DIR, DIR/BASENAME.rejects.csv. */
static void
rejects_path(struct buf *out, const char *file, const char *opt)
{
	const char *base = strrchr(file, '/');

	base = base ? base + 1 : file;
	if (strcmp(file, "-") == 0)
		base = file = "stdin";
	/* The name made from the input's fits NAME_MAX, cut if need be. */
	if (opt && is_dir(opt)) {
		buf_addf(out, "%s/", opt);
		inbox_name_fit(out, base, strlen(base), ".rejects.csv");
	} else if (opt) {
		buf_adds(out, opt);
	} else {
		buf_add(out, file, (size_t)(base - file));
		inbox_name_fit(out, base, strlen(base), ".rejects.csv");
	}
}

/* The progress line of a long ingest, on stderr when it is a terminal:
 * drawn at the first report, then at most five times a second, erased
 * when the file is done. */
struct bar {
	struct buf name;        /* the file's name, escaped */
	double start, last;
	bool shown;
};

static double
now_s(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static void
bar_show(void *ctx, const struct ingest_progress *p)
{
	struct bar *b = ctx;
	double t = now_s(), pct;

	if (b->shown && p->phase == INGEST_READING && t - b->last < 0.2)
		return;
	pct = p->total ? 100.0 * (double)p->bytes / (double)p->total : 0;
	fprintf(stderr, "\r\033[K%s: %s %3.0f%% (%.1f of %.1f MB), %lu rows, "
	    "%.0f rows/s", buf_str(&b->name), p->phase == INGEST_READING ?
	    "reading" : "writing", pct > 100 ? 100 : pct,
	    (double)p->bytes / 1e6, (double)p->total / 1e6, p->rows,
	    t > b->start ? (double)p->rows / (t - b->start) : 0);
	fflush(stderr);
	b->shown = true;
	b->last = t;
}

/* Progress for one file when a person watches: stderr a terminal, not
 * -q, not JSON. */
static void
bar_start(struct bar *b, const struct pm_ctx *ctx, bool json,
    const char *name, struct ingest_opts *io)
{
	buf_reset(&b->name);
	b->shown = false;
	io->progress = NULL;
	if (json || ctx->verbosity < 1 || !isatty(STDERR_FILENO))
		return;
	esc_line(&b->name, name);
	b->start = b->last = now_s();
	io->progress = bar_show;
	io->progress_ctx = b;
}

static void
bar_end(struct bar *b)
{
	if (b->shown)
		fputs("\r\033[K", stderr);
	b->shown = false;
}

/* The options of the FILE... form, checked; 0 or the exit code. */
static int
check_files(const struct ingest_args *a, int nfiles)
{
	if (a->archive || a->quarantine || a->syslog)
		return opts_usage_error(&def, "--archive, --quarantine and "
		    "--log-syslog go with --inbox");
	if (nfiles == 0)
		return opts_usage_error(&def, "no input file");
	if (a->rejects && nfiles > 1 && !is_dir(a->rejects))
		return opts_usage_error(&def, "--rejects names one file; give "
		    "a directory for several inputs");
	return 0;
}

static int run_files(struct pm_ctx *ctx, const struct ingest_args *a,
    struct ingest_opts *io, char **files, int nfiles);

int
cmd_ingest(int argc, char **argv, struct pm_ctx *ctx)
{
	struct ingest_args a = { .format = OUT_TEXT, .layout = LAYOUT_AUTO,
		.min_age = 5 };
	struct ingest_opts io = { 0 };
	int first, code, nfiles;

	if ((code = opts_parse(&def, argc, argv, ctx, &a, &first)) != OPTS_GO)
		return code;
	nfiles = argc - first;
	io.tmpdir = getenv("TMPDIR");   /* large files are sorted there */
	io.encoding = a.encoding;
	io.dry_run = a.dry_run;
	io.force = a.force;
	io.strict = a.strict;
	io.skip_unknown = a.skip_unknown;
	io.max_field = (size_t)a.max_field;
	io.spool_max = a.max_input;
	io.layout = (enum layout)a.layout;
	io.region = a.region;
	io.indicator = a.indicator;
	io.year = (int)a.year;
	if (!reader_encoding_known(io.encoding))
		return opts_usage_error(&def, "unknown encoding '%s' "
		    "(iconv -l lists the known ones)", io.encoding);
	if (a.inbox) {
		struct inbox_opts ib = { a.inbox, a.archive, a.quarantine,
			(unsigned)a.wait, (unsigned)a.min_age, a.syslog,
			a.format == OUT_JSON };

		if (nfiles)
			return opts_usage_error(&def, "--inbox takes no FILE");
		if (a.dry_run || a.rejects)
			return opts_usage_error(&def, "--inbox does not go with "
			    "--dry-run or --rejects");
		install_signals(&io);
		return ingest_inbox(ctx, &ib, &io);
	}
	if ((code = check_files(&a, nfiles)) != 0)
		return code;
	return run_files(ctx, &a, &io, argv + first, nfiles);
}

static int
run_files(struct pm_ctx *ctx, const struct ingest_args *a,
    struct ingest_opts *io, char **files, int nfiles)
{
	const struct catalog *cat;
	struct store *st = NULL;
	struct buf out = BUF_INIT, rp = BUF_INIT;
	bool json = a->format == OUT_JSON;
	struct bar bar = { BUF_INIT, 0, 0, false };
	int code = 0, i;

	if ((cat = ctx_catalog(ctx)) == NULL)
		return ctx->cat_exit;
	if (!io->dry_run && (st = ctx_store(ctx, 0, &code)) == NULL)
		return code;

	install_signals(io);

	if (json)
		buf_adds(&out, "{\"files\":[");
	for (i = 0; i < nfiles; i++) {
		const char *file = files[i];
		struct sink s = { 0 };
		struct ingest_sink is = sink_of(&s);
		struct ingest_result res;
		struct pm_err err = PM_ERR_INIT;
		int rc;

		s.name = strcmp(file, "-") == 0 ? "stdin" : file;
		s.verbosity = ctx->verbosity;
		buf_reset(&rp);
		if (!io->dry_run || a->rejects) {
			rejects_path(&rp, file, a->rejects);
			s.path = rp.data;
			s.keep_old = true;
		}
		bar_start(&bar, ctx, json, s.name, io);
		s.bar_shown = &bar.shown;
		rc = ingest_file(st, cat, file, s.name, io, &is, &res, &err);
		bar_end(&bar);
		sink_more(&s, sink_written(&s));
		if (rc != 0 || res.status == INGEST_FAILED) {
			if (err.msg[0])
				pm_print_err(&err);
			/* A wide file that needs --region or --indicator is
			 * a usage error. */
			code = exit_worst(code, rc ? pm_exit_code(rc) :
			    err.code == PM_EUSAGE ? 2 : 1);
		} else if (res.n.rejected) {
			code = exit_worst(code, 1);
		}
		if (json) {
			if (i > 0)
				buf_addc(&out, ',');
			ingestout_json(&out, file, &res, sink_written(&s));
		} else if (ctx->verbosity >= 1) {
			buf_reset(&out);
			ingestout_text(&out, s.name, &res, sink_written(&s));
			fputs(out.data, stdout);
			fflush(stdout);
		}
		sink_release(&s);
		if (rc == PM_EINTR || rc == PM_EBUSY)
			break;  /* the store is not ours now: stop */
	}
	if (json) {
		buf_adds(&out, "]}\n");
		fputs(out.data, stdout);
	}
	buf_release(&out);
	buf_release(&bar.name);
	buf_release(&rp);
	return code;
}
