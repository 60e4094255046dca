/* cli/ingest_inbox.c - "pemetrics ingest --inbox DIR": what a cron job
 * runs every few minutes, unattended for years. One run at a time (a
 * lock beside the store); every ready file is ingested in name order and
 * then moved, only after the store committed: stored files to the archive,
 * refused ones and rejects files to the quarantine. A file already
 * ingested is archived as skipped, and rejects left pending by a run
 * stopped after its commit are found by the content's hash and moved
 * then, so a crash between commit and move costs nothing. Nothing is
 * ever overwritten. */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli/ingestio.h"
#include "core/inbox.h"
#include "render/escape.h"
#include "render/ingestout.h"
#include "util/buf.h"
#include "util/dirs.h"
#include "util/outfile.h"
#include "util/xalloc.h"
#include "util/banned.h"

struct run {
	struct pm_ctx *ctx;
	const struct inbox_opts *o;
	const struct ingest_opts *io;
	const struct catalog *cat;
	struct store *st;
	struct buf inbox;               /* o->inbox without trailing '/' */
	struct buf archive, quarantine;         /* resolved directories */
	struct buf archive_prev;        /* the archive of the month before */
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

	struct buf one = BUF_INIT;

	/* One line, whatever the file name holds: a newline in a name
	 * must not forge a log line of its own. */
	esc_line(&one, text);
	text = buf_str(&one);
	gmtime_r(&now, &tm);
	strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%SZ", &tm);
	if (r->o->syslog)
		syslog(needs_person ? LOG_WARNING : LOG_INFO, "%s", text);
	if (!r->o->json) {
		if (r->ctx->verbosity >= 1) {
			printf("%s %s\n", when, text);
			fflush(stdout);
		} else if (needs_person) {
			fprintf(stderr, "%s %s\n", when, text);
		}
	}
	buf_release(&one);
}

/* An error of the run as a whole (the lock, the inbox, the store): on
 * stderr even with -q, and to syslog on request, as the per-file lines. */
static void
run_error(const struct inbox_opts *o, const struct pm_err *err)
{
	pm_print_err(err);
	if (!o->syslog)
		return;
	if (err->line)
		syslog(LOG_ERR, "%s:%lu: %s", err->file, err->line, err->msg);
	else if (err->file[0])
		syslog(LOG_ERR, "%s: %s", err->file, err->msg);
	else
		syslog(LOG_ERR, "%s", err->msg);
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

/* The inbox as given, less trailing slashes: "inbox/" -> "inbox", so
 * that paths read "inbox/x.csv"; "/" stays. */
static void
set_inbox(struct buf *b, const char *dir)
{
	size_t n = strlen(dir);

	while (n > 1 && dir[n - 1] == '/')
		n--;
	buf_add(b, dir, n);
}

/* Append the path of the inbox file 'name' to 'b'. */
static void
inbox_path(struct buf *b, const struct run *r, const char *name)
{
	buf_addf(b, "%s%s%s", r->inbox.data, strcmp(r->inbox.data, "/") ?
	    "/" : "", name);
}

/* DIR/../archive/YYYY/MM and DIR/../quarantine unless given; the
 * archive of the month before too, for clean_tmp(). */
static void
resolve_dirs(struct run *r)
{
	struct buf up = BUF_INIT, root = BUF_INIT;
	time_t now = time(NULL);
	struct tm tm;
	int y, m;

	localtime_r(&now, &tm);
	parent_of(&up, r->inbox.data);
	if (strcmp(up.data, "/") == 0)
		buf_reset(&up);         /* "/archive", not "//archive" */
	if (r->o->archive)
		buf_adds(&root, r->o->archive);
	else if (strcmp(buf_str(&up), ".") == 0)
		buf_adds(&root, "archive");
	else
		buf_addf(&root, "%s/archive", buf_str(&up));
	y = tm.tm_year + 1900;
	m = tm.tm_mon + 1;
	buf_addf(&r->archive, "%s/%04d/%02d", root.data, y, m);
	buf_addf(&r->archive_prev, "%s/%04d/%02d", root.data,
	    m == 1 ? y - 1 : y, m == 1 ? 12 : m - 1);
	if (r->o->quarantine)
		buf_adds(&r->quarantine, r->o->quarantine);
	else if (strcmp(buf_str(&up), ".") == 0)
		buf_adds(&r->quarantine, "quarantine");
	else
		buf_addf(&r->quarantine, "%s/quarantine", buf_str(&up));
	buf_release(&up);
	buf_release(&root);
}

/* The temporary files of runs killed while writing them, more than an
 * hour old (no run lasts that long between writing one and renaming it):
 * in the quarantine and in the archive of this month and the last. */
static void
clean_tmp(struct run *r, time_t now)
{
	const char *dirs[3];
	struct pm_err err = PM_ERR_INIT;
	struct buf line = BUF_INIT;
	size_t i, n;

	dirs[0] = r->quarantine.data;
	dirs[1] = r->archive.data;
	dirs[2] = r->archive_prev.data;
	for (i = 0; i < 3; i++) {
		if (outfile_clean(dirs[i], now - OUTFILE_STALE_S, &n, &err) != 0)
			run_error(r->o, &err);  /* tidying: no exit code */
		if (n == 0)
			continue;
		buf_reset(&line);
		buf_addf(&line, "%s: removed %zu stale temporary file%s of "
		    "killed runs", dirs[i], n, n == 1 ? "" : "s");
		log_line(r, false, line.data);
	}
	buf_release(&line);
}

/* True when 'path' no longer exists: another program took the file. */
static bool
gone(const char *path)
{
	struct stat st;

	return lstat(path, &st) != 0 && errno == ENOENT;
}

/* The sink of an inbox file: the one of plain ingest (cli/ingestio.c),
 * with the rejects file named after the content's SHA-256 while it waits
 * in the quarantine for the commit: quarantine/.HASH.rejects.pending. A
 * run killed between the commit and the move leaves it there; the next
 * run finds the same content already stored ("skipped") and, by the
 * hash, the rejects that belong to it, and completes their move. A name
 * taken from the file's name could not tell one sender's r.csv from
 * the next one's. */
struct inbox_sink {
	struct sink s;
	struct ingest_sink base;        /* s's callbacks */
	const struct ingest_result *res;        /* sha256 set before rows */
	const char *qdir;               /* the quarantine */
	struct buf pending;             /* qdir/.HASH.rejects.pending */
};

static void
pending_path(struct buf *b, const char *qdir, const char *sha256)
{
	buf_reset(b);
	buf_addf(b, "%s/.%s.rejects.pending", qdir, sha256);
}

static int
isink_reject(void *ctx, const struct ingest_reject *rj, struct pm_err *err)
{
	struct inbox_sink *k = ctx;

	/* The hash is known once the file is open, before its first row. */
	if (k->s.path == NULL) {
		pending_path(&k->pending, k->qdir, k->res->sha256);
		k->s.path = k->pending.data;
	}
	return k->base.reject(k->base.ctx, rj, err);
}

static void
isink_note(void *ctx, unsigned long line, bool is_error, const char *msg)
{
	struct inbox_sink *k = ctx;

	k->base.note(k->base.ctx, line, is_error, msg);
}

static int
isink_finish(void *ctx, const struct ingest_result *res, struct pm_err *err)
{
	struct inbox_sink *k = ctx;
	int rc;

	rc = k->base.finish(k->base.ctx, res, err);
	/* Its name on disk before the commit, as its content already is. */
	if (rc == 0 && sink_written(&k->s))
		rc = outfile_sync_dir(k->qdir, err);
	return rc;
}

/* Move the rejects file 'from' (a pending name) to the quarantine as
 * NAME.rejects.csv, or a free variant of it; *final is where it went. */
static int
move_rejects(struct run *r, const char *from, const char *name,
    char **final, struct pm_err *err)
{
	struct buf to = BUF_INIT;
	int rc;

	inbox_name_fit(&to, name, strlen(name), ".rejects.csv");
	rc = inbox_move(from, r->quarantine.data, to.data, NULL, final, err);
	buf_release(&to);
	return rc;
}

/* One inbox file on its way: what the steps of one_file() share. */
struct one {
	const char *name;               /* in the inbox */
	const struct inbox_id *id;      /* the file the scan saw there */
	struct buf path;                /* inbox/NAME */
	struct inbox_sink k;
	struct ingest_sink is;          /* k's callbacks, for ingest_file() */
	struct ingest_result res;
	struct pm_err err;
	char *moved, *rejects;          /* where it and its rejects went */
	bool recovered;                 /* rejects left by a stopped run */
	int rc;                         /* of the moves */
};

/* Ingest the file through the inbox sink. Non-zero when the store or the
 * file could not be used: said and logged, the file stays in the inbox
 * for the next run, unless it is gone. */
static int
one_ingest(struct run *r, struct one *f, const struct inbox_id *id)
{
	struct buf line = BUF_INIT;
	struct ingest_opts io;
	int rc;

	f->k.base = sink_of(&f->k.s);
	f->k.res = &f->res;
	f->k.qdir = r->quarantine.data;
	f->is.ctx = &f->k;
	f->is.reject = isink_reject;
	f->is.note = isink_note;
	f->is.finish = isink_finish;
	inbox_path(&f->path, r, f->name);
	/* The rejects file waits under a hidden name in the quarantine
	 * until the store has committed, then gets its own unique name. */
	if ((rc = dirs_make(r->quarantine.data, &f->err)) != 0) {
		run_error(r->o, &f->err);
		r->code = exit_worst(r->code, 4);
		return rc;
	}
	f->k.s.name = f->path.data;
	f->k.s.verbosity = r->ctx->verbosity;
	io = *r->io;
	io.expect.regular_only = true;  /* as the scan saw it, or nothing */
	io.expect.same_file = true;
	io.expect.dev = id->dev;
	io.expect.ino = id->ino;
	rc = ingest_file(r->st, r->cat, f->path.data, f->path.data, &io,
	    &f->is, &f->res, &f->err);
	if (rc == 0)
		return 0;
	pm_print_err(&f->err);
	if (gone(f->path.data))
		buf_addf(&line, "%s: vanished from the inbox before it "
		    "was read (moved or removed by another program): "
		    "nothing stored", f->path.data);
	else
		buf_addf(&line, "%s: not ingested, left in the inbox: "
		    "%s", f->path.data, f->err.msg);
	log_line(r, true, line.data);
	r->code = exit_worst(r->code, pm_exit_code(rc));
	buf_release(&line);
	return rc;
}

/* Rejects this run did not write, pending in the quarantine: left by one
 * that stopped after its commit (the content is then "skipped": they are
 * its rejects, recovered), or stale (removed). */
static void
one_recover(struct one *f)
{
	if (sink_written(&f->k.s) || !f->res.sha256[0])
		return;
	pending_path(&f->k.pending, f->k.qdir, f->res.sha256);
	if (access(f->k.pending.data, F_OK) == 0) {
		if (f->res.status == INGEST_SKIPPED)
			f->recovered = true;
		else
			unlink(f->k.pending.data);
	}
}

/* Move the file to the archive (stored) or the quarantine (refused), and
 * its rejects to the quarantine; f->rc says how that went. */
static void
one_move(struct run *r, struct one *f)
{
	bool failed = f->res.status == INGEST_FAILED;
	const char *dest = failed ? r->quarantine.data : r->archive.data;
	bool has_rejects = sink_written(&f->k.s) || f->recovered;
	int rc;

	if (failed) {
		/* Nothing stored: a stop before the end repeats it all. */
		rc = inbox_move(f->path.data, dest, f->name, f->id,
		    &f->moved, &f->err);
		if (rc == 0 && has_rejects)
			rc = move_rejects(r, f->k.pending.data, f->name,
			    &f->rejects, &f->err);
	} else {
		/* Stored: the rejects move first, for once the file has left
		 * the inbox no run would look for them again. */
		rc = has_rejects ? move_rejects(r, f->k.pending.data, f->name,
		    &f->rejects, &f->err) : 0;
		if (rc == 0)
			rc = inbox_move(f->path.data, dest, f->name, f->id,
			    &f->moved, &f->err);
	}
	if (rc != 0) {
		pm_print_err(&f->err);
		r->code = exit_worst(r->code, 4);
	}
	f->rc = rc;
}

/* The file's log line, its part of the exit code and of the JSON. */
static void
one_report(struct run *r, struct one *f)
{
	const struct ingest_result *res = &f->res;
	const char *path = f->path.data;
	struct buf line = BUF_INIT;
	bool person;

	/* The rows not shown, counted in the rejects file's final name
	 * (the pending one is gone by the end of the run). */
	sink_more(&f->k.s, f->rejects ? f->rejects : f->k.pending.data);
	person = res->status == INGEST_FAILED || res->n.rejected > 0 ||
	    f->recovered || f->rc != 0;
	if (r->io->strict && res->status == INGEST_FAILED &&
	    f->k.s.nrejects < res->n.rows) {
		/* Refused for some of its rows: the result counts every row
		 * rejected (none was stored), the rejects file holds the rows
		 * that were: the line says both, as the file does. */
		buf_addf(&line, "%s: failed: nothing stored (--strict): %lu "
		    "rows read, %lu rejected", path, res->n.rows,
		    f->k.s.nrejects);
		if (res->encoding[0] && strcmp(res->encoding, "UTF-8") != 0)
			buf_addf(&line, "; read as %s", res->encoding);
		if (f->rejects)
			buf_addf(&line, "; rejects in %s", f->rejects);
	} else {
		ingestout_text(&line, path, res, f->rejects);
		line.len--;     /* its newline */
		line.data[line.len] = '\0';
	}
	if (f->recovered && f->rejects)
		buf_addf(&line, "; its rejects, from a run stopped before it "
		    "could move them, in %s", f->rejects);
	else if (f->recovered)
		buf_addf(&line, "; its rejects, from a run stopped before it "
		    "could move them, are in %s", f->k.pending.data);
	if (f->moved)
		buf_addf(&line, "; %s to %s", res->status == INGEST_FAILED ?
		    "quarantined" : "archived", f->moved);
	else if (f->rc != 0 && gone(path))
		buf_adds(&line, "; then it vanished from the inbox before it "
		    "could be moved");
	else if (f->rc != 0)
		buf_addf(&line, "; not moved, left in the inbox: %s",
		    f->err.msg);
	log_line(r, person, line.data);
	if (res->status == INGEST_FAILED || res->n.rejected || f->recovered)
		r->code = exit_worst(r->code, 1);
	if (r->o->json) {
		if (r->nfiles++)
			buf_addc(&r->json, ',');
		ingestout_json(&r->json, path, res, f->rejects);
	}
	buf_release(&line);
}

static void
one_file(struct run *r, const char *name, const struct inbox_id *id)
{
	struct one f;

	memset(&f, 0, sizeof(f));
	f.name = name;
	f.id = id;
	f.err = (struct pm_err)PM_ERR_INIT;
	if (one_ingest(r, &f, id) == 0) {
		if (f.res.status == INGEST_FAILED && f.err.msg[0])
			pm_print_err(&f.err);
		one_recover(&f);
		one_move(r, &f);
		one_report(r, &f);
	}
	sink_release(&f.k.s);
	buf_release(&f.k.pending);
	buf_release(&f.path);
	free(f.moved);
	free(f.rejects);
}

/* What the scan left for later runs (said when unusual, or with -v -v),
 * and the files taken although modified in the future. */
static void
scan_notes(struct run *r, const struct inbox_list *l, time_t now)
{
	size_t i;

	for (i = 0; i < l->nskipped; i++) {
		bool usual = strcmp(l->skipped[i].why, "still being written")
		    == 0;

		if (!usual || r->ctx->verbosity >= 2)
			pm_msg(r->inbox.data, 0, "%s'%s' skipped: %s",
			    usual ? "" : "warning: ", l->skipped[i].name,
			    l->skipped[i].why);
	}
	for (i = 0; i < l->nfuture; i++) {
		/* A person should know that the sender's clock is wrong:
		 * a warning even with -q. */
		char when[32];
		struct tm tm;
		struct buf w = BUF_INIT;

		gmtime_r(&l->future[i].mtime, &tm);
		strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%SZ", &tm);
		inbox_path(&w, r, l->future[i].name);
		buf_addf(&w, ": warning: modified at %s, %lld s in the "
		    "future (the sender's clock is ahead?): taken all the same",
		    when, (long long)(l->future[i].mtime - now));
		log_line(r, true, w.data);
		buf_release(&w);
	}
}

/* Every ready file in name order, until a signal asks to stop (exit 4);
 * the JSON of all of them. The run's exit code. */
static int
all_files(struct run *r, const struct inbox_list *l)
{
	int code = 0;
	size_t i;

	if (r->o->json)
		buf_adds(&r->json, "{\"files\":[");
	for (i = 0; i < l->n; i++) {
		if (r->io->stop && *r->io->stop) {
			code = exit_worst(code, 4);
			break;
		}
		one_file(r, l->names[i], &l->ids[i]);
	}
	if (r->o->json) {
		buf_adds(&r->json, "]}\n");
		fputs(r->json.data, stdout);
	}
	return exit_worst(code, r->code);
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
	time_t now;

	memset(&r, 0, sizeof(r));
	r.ctx = ctx;
	r.o = o;
	r.io = io;
	set_inbox(&r.inbox, o->inbox);
	if (o->syslog)
		openlog("pemetrics", LOG_PID, LOG_USER);
	if ((r.cat = ctx_catalog(ctx)) == NULL) {
		code = ctx->cat_exit;
		goto out;
	}
	/* One run at a time: the lock sits beside the store; a store on a
	 * server has no "beside", and the lock is the inbox's own (hidden:
	 * the scan skips it). An inbox that cannot be read says so then,
	 * as the scan would, not that its lock file cannot be made. */
	if (store_is_uri(ctx->db_path)) {
		DIR *d = opendir(r.inbox.data);

		if (d == NULL) {
			rc = pm_fail_errno(&err, PM_EIO, errno, r.inbox.data,
			    "cannot read the inbox");
			run_error(o, &err);
			code = pm_exit_code(rc);
			goto out;
		}
		closedir(d);
		buf_addf(&lockpath, "%s/.pemetrics.lock", r.inbox.data);
	} else {
		buf_addf(&lockpath, "%s.lock", ctx->db_path);
	}
	if ((rc = inbox_lock(lockpath.data, o->wait_s, &lockfd, &err)) != 0) {
		run_error(o, &err);
		code = pm_exit_code(rc);
		goto out;
	}
	if ((r.st = ctx_store(ctx, 0, &code)) == NULL) {
		/* Its reason is on stderr already. */
		pm_fail(&err, PM_EIO, ctx->db_shown, 0, "cannot use the store: "
		    "nothing ingested (exit %d)", code);
		if (o->syslog)
			syslog(LOG_ERR, "%s: %s", err.file, err.msg);
		goto out;
	}
	now = time(NULL);
	if ((rc = inbox_scan(r.inbox.data, o->min_age_s, now, &l,
	    &err)) != 0) {
		run_error(o, &err);
		code = pm_exit_code(rc);
		goto out;
	}
	resolve_dirs(&r);
	clean_tmp(&r, now);
	scan_notes(&r, &l, now);
	code = exit_worst(code, all_files(&r, &l));
	inbox_list_release(&l);
out:
	buf_release(&r.inbox);
	buf_release(&r.archive);
	buf_release(&r.archive_prev);
	buf_release(&r.quarantine);
	buf_release(&r.json);
	buf_release(&lockpath);
	if (lockfd >= 0)
		close(lockfd);
	if (o->syslog)
		closelog();
	return code;
}
