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
#include "core/ingest.h"
#include "render/ingestout.h"
#include "util/buf.h"
#include "util/xalloc.h"
#include "util/banned.h"

static const char usage[] =
	"usage: pemetrics ingest [--format text|json] [--rejects PATH] [--dry-run]\n"
	"                        [--encoding ENC] [--force] [--max-field BYTES]\n"
	"                        [-q] [-v] FILE...\n"
	"\n"
	"  FILE             a CSV file in long format; '-' reads standard input\n"
	"  --format F       results as text (default) or json\n"
	"  --rejects PATH   where rejected rows go (default FILE.rejects.csv);\n"
	"                   a directory for several files\n"
	"  --dry-run        check every row against the catalogue, store nothing\n"
	"  --encoding ENC   the input's encoding (default: UTF-8, else GB18030)\n"
	"  --force          ingest a file even if its content was ingested before\n"
	"  --max-field N    longest field accepted, in bytes (default 1048576)\n";

#define SHOW_REJECTS 10         /* rejected rows printed per file without -v */

/* Set by SIGINT/SIGTERM; the ingest polls it between rows and rolls the
 * current file back. The one mutable global the project allows. */
static volatile sig_atomic_t stop_requested;

static void
on_signal(int sig)
{
	(void)sig;
	stop_requested = 1;
}

/* The sink of one input: rejected rows to stderr and the rejects file. */
struct sink {
	const char *name;       /* of the input, for messages */
	const char *path;       /* final rejects path, NULL: no file */
	char *tmp;              /* written here, renamed at finish */
	FILE *f;
	int verbosity;
	unsigned long nrejects, shown;
	struct buf line;
};

static int
sink_open(struct sink *s, const struct reader_row *hdr, struct pm_err *err)
{
	struct buf t = BUF_INIT;
	int fd;

	buf_addf(&t, "%s.tmp-XXXXXX", s->path);
	if ((fd = mkstemp(t.data)) < 0) {
		int e = errno;

		buf_release(&t);
		return pm_fail_errno(err, PM_EIO, e, s->path,
		    "cannot write rejects file (--rejects chooses another "
		    "place)");
	}
	(void)fchmod(fd, 0644);
	s->tmp = t.data;
	s->f = fdopen(fd, "w");
	if (s->f == NULL) {
		close(fd);
		return pm_fail_errno(err, PM_EIO, errno, s->path, "fdopen");
	}
	buf_reset(&s->line);
	ingestout_rejects_header(&s->line, hdr);
	fwrite(s->line.data, 1, s->line.len, s->f);
	return 0;
}

static int
sink_reject(void *ctx, const struct ingest_reject *r, struct pm_err *err)
{
	struct sink *s = ctx;
	int rc;

	s->nrejects++;
	if (s->verbosity >= 2 || s->shown < SHOW_REJECTS) {
		pm_msg(s->name, r->line, "%s", r->reason);
		s->shown++;
	}
	if (s->path == NULL)
		return 0;
	if (s->f == NULL && (rc = sink_open(s, r->header, err)) != 0)
		return rc;
	buf_reset(&s->line);
	ingestout_rejects_row(&s->line, r);
	if (fwrite(s->line.data, 1, s->line.len, s->f) != s->line.len)
		return pm_fail_errno(err, PM_EIO, errno, s->tmp, "write");
	return 0;
}

static void
sink_note(void *ctx, unsigned long line, bool is_error, const char *msg)
{
	struct sink *s = ctx;

	if (is_error)
		pm_msg(s->name, line, "%s", msg);
	else if (s->verbosity >= 1)
		pm_msg(s->name, line, "warning: %s", msg);
}

static int
sink_finish(void *ctx, const struct ingest_result *res, struct pm_err *err)
{
	struct sink *s = ctx;
	int rc = 0;

	(void)res;
	if (s->nrejects > s->shown)
		pm_msg(s->name, 0, "%lu more rejected rows%s%s",
		    s->nrejects - s->shown, s->path ? " in " : "",
		    s->path ? s->path : "");
	if (s->f == NULL)
		return 0;
	/* On disk before the store commits: rows are never lost between a
	 * committed store and a missing rejects file. */
	if (fflush(s->f) != 0 || fsync(fileno(s->f)) != 0 ||
	    ferror(s->f))
		rc = pm_fail_errno(err, PM_EIO, errno, s->tmp, "write");
	if (fclose(s->f) != 0 && rc == 0)
		rc = pm_fail_errno(err, PM_EIO, errno, s->tmp, "close");
	s->f = NULL;
	if (rc == 0 && rename(s->tmp, s->path) != 0)
		rc = pm_fail_errno(err, PM_EIO, errno, s->path, "rename");
	if (rc == 0) {
		free(s->tmp);
		s->tmp = NULL;
	}
	return rc;
}

/* After an abort: no half-written rejects file stays behind. */
static void
sink_release(struct sink *s)
{
	if (s->f)
		fclose(s->f);
	if (s->tmp) {
		unlink(s->tmp);
		free(s->tmp);
	}
	buf_release(&s->line);
}

static bool
is_dir(const char *p)
{
	struct stat st;

	return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
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

static int
worst(int a, int b)
{
	/* 4 and 3 (the system's fault) outrank 1 (the data's). */
	static const int rank[] = { 0, 1, 0, 3, 2 };

	return rank[b] > rank[a] ? b : a;
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
		{ "help", no_argument, NULL, 'h' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "verbose", no_argument, NULL, 'v' },
		{ NULL, 0, NULL, 0 },
	};
	static const char *const formats[] = { "text", "json", NULL };
	struct ingest_opts io = { 0 };
	struct args a;
	const char *rejects_opt = NULL;
	const struct catalog *cat;
	struct store *st = NULL;
	struct buf out = BUF_INIT, rp = BUF_INIT;
	struct sigaction sa, old_int, old_term;
	unsigned long long maxf;
	int c, json = 0, code = 0, i, nfiles;

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
		default:
			return args_usage_error(&a, "unexpected option");
		}
	}
	nfiles = argc - args_optind();
	if (nfiles == 0)
		return args_usage_error(&a, "no input file");
	if (rejects_opt && nfiles > 1 && !is_dir(rejects_opt))
		return args_usage_error(&a, "--rejects names one file; give "
		    "a directory for several inputs");
	if ((cat = ctx_catalog(ctx)) == NULL)
		return 1;
	if (!io.dry_run && (st = ctx_store(ctx, 0, &code)) == NULL)
		return code;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, &old_int);
	sigaction(SIGTERM, &sa, &old_term);
	io.stop = &stop_requested;

	if (json)
		buf_adds(&out, "{\"files\":[");
	for (i = args_optind(); i < argc; i++) {
		const char *file = argv[i];
		struct sink s = { 0 };
		struct ingest_sink is = { &s, sink_reject, sink_note,
		    sink_finish };
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
		if (rc != 0 || res.status == INGEST_FAILED) {
			if (err.msg[0])
				pm_print_err(&err);
			code = worst(code, rc ? pm_exit_code(rc) : 1);
		} else if (res.n.rejected) {
			code = worst(code, 1);
		}
		if (json) {
			if (i > args_optind())
				buf_addc(&out, ',');
			ingestout_json(&out, file, &res,
			    s.nrejects && s.path && s.tmp == NULL ? s.path
			    : NULL);
		} else if (ctx->verbosity >= 1) {
			buf_reset(&out);
			ingestout_text(&out, s.name, &res,
			    s.nrejects && s.path && s.tmp == NULL ? s.path
			    : NULL);
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
	sigaction(SIGINT, &old_int, NULL);
	sigaction(SIGTERM, &old_term, NULL);
	buf_release(&out);
	buf_release(&rp);
	return code;
}
