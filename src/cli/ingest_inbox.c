/* cli/ingest_inbox.c - "pemetrics ingest --inbox DIR": what a cron job
 * runs every few minutes, unattended for years. One run at a time (a
 * lock beside the store); every ready file is ingested in name order and
 * then moved, only after the store committed: stored files to the archive,
 * refused ones and rejects files to the quarantine. A file already
 * ingested is archived as skipped, so a crash between commit and move
 * costs nothing. Nothing is ever overwritten. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <time.h>
#include <unistd.h>

#include "cli/ingestio.h"
#include "core/inbox.h"
#include "render/ingestout.h"
#include "util/buf.h"
#include "util/dirs.h"
#include "util/xalloc.h"
#include "util/banned.h"

struct run {
	struct pm_ctx *ctx;
	const struct inbox_opts *o;
	const struct ingest_opts *io;
	const struct catalog *cat;
	struct store *st;
	struct buf archive, quarantine;         /* resolved directories */
	struct buf json;
	size_t nfiles;
	int code;
};

/* One log line per file: ISO 8601 time, then what happened. To stdout,
 * or with -q to stderr when it needs a person; to syslog on request. */
static void
log_line(struct run *r, bool needs_person, const char *text)
{
	char when[32];
	time_t now = time(NULL);
	struct tm tm;

	gmtime_r(&now, &tm);
	strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%SZ", &tm);
	if (r->o->syslog)
		syslog(needs_person ? LOG_WARNING : LOG_INFO, "%s", text);
	if (r->o->json)
		return;
	if (r->ctx->verbosity >= 1) {
		printf("%s %s\n", when, text);
		fflush(stdout);
	} else if (needs_person) {
		fprintf(stderr, "%s %s\n", when, text);
	}
}

/* The directory that holds 'dir', as text: "data/inbox/" -> "data",
 * "inbox" -> ".", "/inbox" -> "/". */
static void
parent_of(struct buf *b, const char *dir)
{
	size_t n = strlen(dir);

	while (n > 1 && dir[n - 1] == '/')
		n--;
	while (n > 0 && dir[n - 1] != '/')
		n--;
	while (n > 1 && dir[n - 1] == '/')
		n--;
	if (n == 0)
		buf_adds(b, ".");
	else
		buf_add(b, dir, n);
}

/* DIR/../archive/YYYY/MM and DIR/../quarantine unless given. */
static void
resolve_dirs(struct run *r)
{
	struct buf up = BUF_INIT;
	char ym[16];
	time_t now = time(NULL);
	struct tm tm;

	localtime_r(&now, &tm);
	strftime(ym, sizeof(ym), "%Y/%m", &tm);
	parent_of(&up, r->o->inbox);
	if (strcmp(up.data, "/") == 0)
		buf_reset(&up);         /* "/archive", not "//archive" */
	if (r->o->archive)
		buf_addf(&r->archive, "%s/%s", r->o->archive, ym);
	else if (strcmp(buf_str(&up), ".") == 0)
		buf_addf(&r->archive, "archive/%s", ym);
	else
		buf_addf(&r->archive, "%s/archive/%s", buf_str(&up), ym);
	if (r->o->quarantine)
		buf_adds(&r->quarantine, r->o->quarantine);
	else if (strcmp(buf_str(&up), ".") == 0)
		buf_adds(&r->quarantine, "quarantine");
	else
		buf_addf(&r->quarantine, "%s/quarantine", buf_str(&up));
	buf_release(&up);
}

static void
one_file(struct run *r, const char *name)
{
	struct buf path = BUF_INIT, pending = BUF_INIT, line = BUF_INIT;
	struct sink s = { 0 };
	struct ingest_sink is = sink_of(&s);
	struct ingest_result res;
	struct pm_err err = PM_ERR_INIT;
	char *moved = NULL, *rejects = NULL;
	const char *dest;
	bool person;
	int rc;

	buf_addf(&path, "%s/%s", r->o->inbox, name);
	/* The rejects file waits under a hidden name in the quarantine
	 * until the store has committed, then gets its own unique name. */
	if ((rc = dirs_make(r->quarantine.data, &err)) != 0) {
		pm_print_err(&err);
		r->code = exit_worst(r->code, 4);
		goto out;
	}
	buf_addf(&pending, "%s/.%s.rejects.pending", r->quarantine.data, name);
	s.name = path.data;
	s.path = pending.data;
	s.verbosity = r->ctx->verbosity;
	rc = ingest_file(r->st, r->cat, path.data, path.data, r->io, &is, &res,
	    &err);
	if (rc != 0) {
		/* The store or the file could not be used: the file stays in
		 * the inbox for the next run. */
		pm_print_err(&err);
		buf_addf(&line, "%s: not ingested, left in the inbox: %s",
		    path.data, err.msg);
		log_line(r, true, line.data);
		r->code = exit_worst(r->code, pm_exit_code(rc));
		goto out;
	}
	if (res.status == INGEST_FAILED && err.msg[0])
		pm_print_err(&err);
	dest = res.status == INGEST_FAILED ? r->quarantine.data
	    : r->archive.data;
	rc = inbox_move(path.data, dest, name, &moved, &err);
	if (rc == 0 && sink_written(&s)) {
		buf_reset(&line);
		buf_addf(&line, "%s.rejects.csv", name);
		rc = inbox_move(pending.data, r->quarantine.data, line.data,
		    &rejects, &err);
		buf_reset(&line);
	}
	if (rc != 0) {
		pm_print_err(&err);
		r->code = exit_worst(r->code, 4);
	}
	person = res.status == INGEST_FAILED || res.n.rejected > 0 || rc != 0;
	ingestout_text(&line, path.data, &res, rejects);
	line.len--;             /* its newline */
	line.data[line.len] = '\0';
	if (moved)
		buf_addf(&line, "; %s to %s", res.status == INGEST_FAILED ?
		    "quarantined" : "archived", moved);
	log_line(r, person, line.data);
	if (res.status == INGEST_FAILED || res.n.rejected)
		r->code = exit_worst(r->code, 1);
	if (r->o->json) {
		if (r->nfiles++)
			buf_addc(&r->json, ',');
		ingestout_json(&r->json, path.data, &res, rejects);
	}
out:
	sink_release(&s);
	buf_release(&path);
	buf_release(&pending);
	buf_release(&line);
	free(moved);
	free(rejects);
}

int
ingest_inbox(struct pm_ctx *ctx, const struct inbox_opts *o,
    const struct ingest_opts *io)
{
	struct run r;
	struct inbox_list l;
	struct pm_err err = PM_ERR_INIT;
	struct buf lockpath = BUF_INIT;
	int lockfd = -1, rc, code = 0;
	size_t i;

	memset(&r, 0, sizeof(r));
	r.ctx = ctx;
	r.o = o;
	r.io = io;
	if (o->syslog)
		openlog("pemetrics", LOG_PID, LOG_USER);
	if ((r.cat = ctx_catalog(ctx)) == NULL)
		return ctx->cat_exit;
	/* One run at a time: the lock sits beside the store. */
	buf_addf(&lockpath, "%s.lock", ctx->db_path);
	if ((rc = inbox_lock(lockpath.data, o->wait_s, &lockfd, &err)) != 0) {
		pm_print_err(&err);
		buf_release(&lockpath);
		return pm_exit_code(rc);
	}
	if ((r.st = ctx_store(ctx, 0, &code)) == NULL)
		goto out;
	if ((rc = inbox_scan(o->inbox, o->min_age_s, time(NULL), &l,
	    &err)) != 0) {
		pm_print_err(&err);
		code = pm_exit_code(rc);
		goto out;
	}
	resolve_dirs(&r);
	for (i = 0; i < l.nskipped; i++) {
		bool usual = strcmp(l.skipped[i].why, "still being written")
		    == 0;

		if (!usual || ctx->verbosity >= 2)
			pm_msg(o->inbox, 0, "%s'%s' skipped: %s", usual ? ""
			    : "warning: ", l.skipped[i].name, l.skipped[i].why);
	}
	if (o->json)
		buf_adds(&r.json, "{\"files\":[");
	for (i = 0; i < l.n; i++) {
		if (io->stop && *io->stop) {
			code = exit_worst(code, 4);
			break;
		}
		one_file(&r, l.names[i]);
	}
	if (o->json) {
		buf_adds(&r.json, "]}\n");
		fputs(r.json.data, stdout);
	}
	code = exit_worst(code, r.code);
	inbox_list_release(&l);
out:
	buf_release(&r.archive);
	buf_release(&r.quarantine);
	buf_release(&r.json);
	buf_release(&lockpath);
	if (lockfd >= 0)
		close(lockfd);
	if (o->syslog)
		closelog();
	return code;
}
