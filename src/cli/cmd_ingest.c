/* cli/cmd_ingest.c - "pemetrics ingest": load CSV files into the store. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/args.h"
#include "cli/commands.h"
#include "cli/ingestio.h"
#include "core/ingest.h"
#include "core/reader.h"
#include "render/ingestout.h"
#include "util/buf.h"
#include "util/xalloc.h"
#include "util/banned.h"

static const char usage[] =
	"usage: pemetrics ingest [--format text|json] [--rejects PATH] [--dry-run]\n"
	"                        [--encoding ENC] [--force] [--strict]\n"
	"                        [--max-field BYTES] [--layout long|wide]\n"
	"                        [--region CODE] [--indicator CODE] [-q] [-v]\n"
	"                        FILE...\n"
	"       pemetrics ingest --inbox DIR [--archive DIR] [--quarantine DIR]\n"
	"                        [--strict] [--wait SECONDS] [--min-age SECONDS]\n"
	"                        [--log-syslog] [--format text|json] [-q] [-v]\n"
	"\n"
	"  FILE             a CSV file, long or wide; '-' reads standard input\n"
	"  --format F       results as text (default) or json\n"
	"  --rejects PATH   where rejected rows go (default FILE.rejects.csv);\n"
	"                   a directory for several files\n"
	"  --dry-run        check every row against the catalogue, store nothing\n"
	"  --encoding ENC   the input's encoding (default: UTF-8, else GB18030)\n"
	"  --force          ingest a file even if its content was ingested before\n"
	"  --max-field N    longest field accepted, in bytes (default 1048576)\n"
	"  --strict         a file with any rejected row stores nothing\n"
	"  --layout L       long (a row per value) or wide (periods as columns);\n"
	"                   default: from the header\n"
	"  --region CODE    the region of a wide file with no region column and\n"
	"                   no '地区：' line\n"
	"  --indicator CODE the indicator of a wide file with no indicator column\n"
	"                   and no '指标：' line\n"
	"  --inbox DIR      ingest the ready *.csv files of DIR, in name order,\n"
	"                   then move them: to --archive (default\n"
	"                   DIR/../archive/YYYY/MM) when stored, to --quarantine\n"
	"                   (default DIR/../quarantine) when refused; rejects\n"
	"                   files go to the quarantine\n"
	"  --wait S         wait up to S seconds for another run's lock (default 0)\n"
	"  --min-age S      files modified less than S seconds ago are still being\n"
	"                   written: left for the next run (default 5)\n"
	"  --log-syslog     also send the log lines to syslog\n";

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
	if (opt && is_dir(opt))
		buf_addf(out, "%s/%s.rejects.csv", opt, base);
	else if (opt)
		buf_adds(out, opt);
	else
		buf_addf(out, "%s.rejects.csv", file);
}

int
cmd_ingest(int argc, char **argv, struct pm_ctx *ctx)
{
	static const struct option opts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "rejects", required_argument, NULL, 'r' },
		{ "dry-run", no_argument, NULL, 'n' },
		{ "encoding", required_argument, NULL, 'e' },
		{ "force", no_argument, NULL, 'F' },
		{ "max-field", required_argument, NULL, 'm' },
		{ "strict", no_argument, NULL, 'S' },
		{ "inbox", required_argument, NULL, 'I' },
		{ "archive", required_argument, NULL, 'A' },
		{ "quarantine", required_argument, NULL, 'Q' },
		{ "wait", required_argument, NULL, 'W' },
		{ "min-age", required_argument, NULL, 'M' },
		{ "log-syslog", no_argument, NULL, 'L' },
		{ "layout", required_argument, NULL, 'l' },
		{ "region", required_argument, NULL, 'R' },
		{ "indicator", required_argument, NULL, 'i' },
		ARGS_COMMON_OPTIONS,
	};
	static const char *const formats[] = { "text", "json", NULL };
	static const char *const layouts[] = { "long", "wide", NULL };
	struct ingest_opts io = { 0 };
	struct inbox_opts ib = { NULL, NULL, NULL, 0, 5, false, false };
	unsigned long long secs;
	struct args a;
	const char *rejects_opt = NULL;
	const struct catalog *cat;
	struct store *st = NULL;
	struct buf out = BUF_INIT, rp = BUF_INIT;
	unsigned long long maxf;
	int c, json = 0, code = 0, i, nfiles, lay;

	io.tmpdir = getenv("TMPDIR");   /* large files are sorted there */
	args_init(&a, argc, argv, "ingest", usage, "f:r:ne:Fm:hqv", opts);
	while ((c = args_next(&a, ctx)) != ARGS_DONE) {
		switch (c) {
		case ARGS_HELP:
			return 0;
		case ARGS_USAGE:
			return 2;
		case 'f':
			if (!args_choice(&a, "format", args_optarg(), formats,
			    &json))
				return 2;
			break;
		case 'r':
			rejects_opt = args_optarg();
			break;
		case 'n':
			io.dry_run = true;
			break;
		case 'e':
			io.encoding = args_optarg();
			break;
		case 'F':
			io.force = true;
			break;
		case 'm':
			if (!args_size(&a, "max-field", args_optarg(), 16,
			    1ULL << 30, &maxf))
				return 2;
			io.max_field = (size_t)maxf;
			break;
		case 'S':
			io.strict = true;
			break;
		case 'I':
			ib.inbox = args_optarg();
			break;
		case 'A':
			ib.archive = args_optarg();
			break;
		case 'Q':
			ib.quarantine = args_optarg();
			break;
		case 'W':
			if (!args_size(&a, "wait", args_optarg(), 0, 86400,
			    &secs))
				return 2;
			ib.wait_s = (unsigned)secs;
			break;
		case 'M':
			if (!args_size(&a, "min-age", args_optarg(), 0, 86400,
			    &secs))
				return 2;
			ib.min_age_s = (unsigned)secs;
			break;
		case 'L':
			ib.syslog = true;
			break;
		case 'l':
			if (!args_choice(&a, "layout", args_optarg(), layouts,
			    &lay))
				return 2;
			io.layout = lay == 0 ? LAYOUT_LONG : LAYOUT_WIDE;
			break;
		case 'R':
			io.region = args_optarg();
			break;
		case 'i':
			io.indicator = args_optarg();
			break;
		default:
			return args_usage_error(&a, "unexpected option");
		}
	}
	nfiles = argc - args_optind();
	if (!reader_encoding_known(io.encoding))
		return args_usage_error(&a, "unknown encoding '%s' "
		    "(iconv -l lists the known ones)", io.encoding);
	if (ib.inbox) {
		if (nfiles)
			return args_usage_error(&a, "--inbox takes no FILE");
		if (io.dry_run || rejects_opt)
			return args_usage_error(&a, "--inbox does not go with "
			    "--dry-run or --rejects");
		ib.json = json;
		install_signals(&io);
		return ingest_inbox(ctx, &ib, &io);
	}
	if (ib.archive || ib.quarantine || ib.syslog)
		return args_usage_error(&a, "--archive, --quarantine and "
		    "--log-syslog go with --inbox");
	if (nfiles == 0)
		return args_usage_error(&a, "no input file");
	if (rejects_opt && nfiles > 1 && !is_dir(rejects_opt))
		return args_usage_error(&a, "--rejects names one file; give "
		    "a directory for several inputs");
	if ((cat = ctx_catalog(ctx)) == NULL)
		return ctx->cat_exit;
	if (!io.dry_run && (st = ctx_store(ctx, 0, &code)) == NULL)
		return code;

	install_signals(&io);

	if (json)
		buf_adds(&out, "{\"files\":[");
	for (i = args_optind(); i < argc; i++) {
		const char *file = argv[i];
		struct sink s = { 0 };
		struct ingest_sink is = sink_of(&s);
		struct ingest_result res;
		struct pm_err err = PM_ERR_INIT;
		int rc;

		s.name = strcmp(file, "-") == 0 ? "stdin" : file;
		s.verbosity = ctx->verbosity;
		buf_reset(&rp);
		if (!io.dry_run || rejects_opt) {
			rejects_path(&rp, file, rejects_opt);
			s.path = rp.data;
		}
		rc = ingest_file(st, cat, file, s.name, &io, &is, &res, &err);
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
			if (i > args_optind())
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
	buf_release(&rp);
	return code;
}
