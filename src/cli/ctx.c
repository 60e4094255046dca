#include "cli/ctx.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "render/escape.h"
#include "util/buf.h"
#include "util/xalloc.h"
#include "util/banned.h"

#ifndef PM_DATADIR
#define PM_DATADIR "/usr/local/share/pemetrics"
#endif

/* Every message is one line, escaped (esc_line): file names and cells
 * reach cron mail and terminals. */
void
pm_msg(const char *file, unsigned long line, const char *fmt, ...)
{
	struct buf raw = BUF_INIT, out = BUF_INIT;
	va_list ap;

	if (file && *file) {
		if (line)
			buf_addf(&raw, "%s:%lu: ", file, line);
		else
			buf_addf(&raw, "%s: ", file);
	}
	va_start(ap, fmt);
	buf_vaddf(&raw, fmt, ap);
	va_end(ap);
	buf_adds(&out, "pemetrics: ");
	esc_line(&out, buf_str(&raw));
	buf_addc(&out, '\n');
	fwrite(out.data, 1, out.len, stderr);
	buf_release(&raw);
	buf_release(&out);
}

void
pm_print_err(const struct pm_err *err)
{
	pm_msg(err->file, err->line, "%s", err->msg[0] ? err->msg : "failed");
}

static bool
has_file(const char *dir, const char *probe)
{
	struct buf p = BUF_INIT;
	struct stat st;
	bool ok;

	buf_addf(&p, "%s/%s", dir, probe);
	ok = stat(p.data, &st) == 0 && S_ISREG(st.st_mode);
	buf_release(&p);
	return ok;
}

/* Where a shipped directory ('rel' holding 'probe') is, for the running
 * binary: beside it or up to two levels above it (the source tree, also
 * for build/asan/pemetrics), else in PREFIX/share/pemetrics/ when it is
 * installed in PREFIX/bin. NULL when neither; else a new string. */
static char *
search_up(const char *rel, const char *probe)
{
	char exe[PATH_MAX], *slash;
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	const char *base = strrchr(rel, '/') ? strrchr(rel, '/') + 1 : rel;
	struct buf p = BUF_INIT;
	int up;

	if (n <= 0)
		return NULL;
	exe[n] = '\0';
	for (up = 0; up < 3 && (slash = strrchr(exe, '/')) != NULL; up++) {
		*slash = '\0';
		buf_reset(&p);
		buf_addf(&p, "%s/%s", exe, rel);
		if (has_file(p.data, probe))
			return p.data;
		if (up == 0) {
			buf_reset(&p);
			buf_addf(&p, "%s/../share/pemetrics/%s", exe, base);
			if (has_file(p.data, probe))
				return p.data;
		}
	}
	buf_release(&p);
	return NULL;
}

/* The catalogue is found without --catalog: $PEMETRICS_CATALOG, then
 * beside the binary (the source tree: ./datasets/catalog), then the
 * installed copy relative to the binary (bin/../share/pemetrics/catalog),
 * then the directory compiled in at build time. */
const char *
ctx_catalog_dir(struct pm_ctx *ctx)
{
	struct buf p = BUF_INIT;
	const char *env = getenv("PEMETRICS_CATALOG");

	if (ctx->catalog_dir)
		return ctx->catalog_dir;
	if (ctx->found_catalog)
		return ctx->found_catalog;
	if (env && *env) {
		ctx->found_catalog = xstrdup(env);
		return ctx->found_catalog;
	}
	if ((ctx->found_catalog = search_up("datasets/catalog",
	    "indicators.csv")) != NULL)
		return ctx->found_catalog;
	buf_adds(&p, PM_DATADIR "/catalog");
	return ctx->found_catalog = p.data;
}

const char *
ctx_data_dir(struct pm_ctx *ctx, const char *name, const char *probe)
{
	struct buf p = BUF_INIT;

	free(ctx->found_data);
	if ((ctx->found_data = search_up(name, probe)) != NULL)
		return ctx->found_data;
	buf_addf(&p, "%s/%s", PM_DATADIR, name);
	return ctx->found_data = p.data;
}

const struct catalog *
ctx_catalog(struct pm_ctx *ctx)
{
	struct pm_err err = PM_ERR_INIT;
	const char *dir;
	size_t i;

	if (ctx->cat)
		return ctx->cat->nfatal ? NULL : ctx->cat;
	dir = ctx_catalog_dir(ctx);
	ctx->cat_exit = 1;
	if (catalog_load(dir, &ctx->cat, &err) != 0) {
		pm_print_err(&err);
		ctx->cat_exit = pm_exit_code(err.code);
		return NULL;
	}
	if (ctx->cat->nfatal == 0)
		return ctx->cat;
	for (i = 0; i < ctx->cat->nproblems; i++) {
		const struct cat_problem *p = &ctx->cat->problems[i];
		struct buf f = BUF_INIT;

		if (!p->fatal)
			continue;
		buf_addf(&f, "%s/%s", dir, p->file);
		pm_msg(f.data, p->line, "%s", p->msg);
		buf_release(&f);
	}
	pm_msg(NULL, 0, "the catalogue in '%s' cannot be used "
	    "(see 'pemetrics catalog check')", dir);
	return NULL;
}

/* PEMETRICS_BUSY_TIMEOUT: the seconds a command waits for another
 * writer's lock before it gives up (exit 3); *ms is -1 when it is not set
 * (the store's own default). Returns 2 after a message when the value is
 * not a number of seconds from 0 to 3600. */
static int
busy_timeout_ms(int *ms)
{
	const char *v = getenv("PEMETRICS_BUSY_TIMEOUT");
	char *end;
	double s;

	*ms = -1;
	if (v == NULL || *v == '\0')
		return 0;
	errno = 0;
	s = strtod(v, &end);
	if (errno || end == v || *end || !(s >= 0 && s <= 3600)) {
		pm_msg(NULL, 0, "bad PEMETRICS_BUSY_TIMEOUT '%s' (seconds, 0 to "
		    "3600)", v);
		return 2;
	}
	*ms = (int)(s * 1000 + 0.5);
	return 0;
}

struct store *
ctx_store(struct pm_ctx *ctx, unsigned flags, int *exit_code)
{
	struct pm_err err = PM_ERR_INIT;
	int rc, ms;

	if (ctx->st)
		return ctx->st;
	if ((rc = busy_timeout_ms(&ms)) != 0) {
		*exit_code = rc;
		return NULL;
	}
	rc = store_open(ctx->db_path, flags, &ctx->st, &err);
	/* A command that only reads reads one snapshot, start to end. */
	if (rc == 0 && (flags & STORE_READONLY) &&
	    (rc = store_read_begin(ctx->st, &err)) != 0) {
		store_close(ctx->st);
		ctx->st = NULL;
	}
	if (rc != 0) {
		pm_print_err(&err);
		*exit_code = pm_exit_code(rc);
		return NULL;
	}
	if (ms >= 0)
		store_busy_wait(ctx->st, ms);
	return ctx->st;
}

int
ctx_region(struct pm_ctx *ctx, const char *arg)
{
	const struct catalog *cat = ctx_catalog(ctx);
	size_t i;
	int r;

	if (cat == NULL)
		return -ctx->cat_exit;
	if (arg) {
		if ((r = catalog_region(cat, arg, strlen(arg))) < 0) {
			pm_msg(NULL, 0, "unknown region '%s' (a code or alias "
			    "of regions.csv)", arg);
			return -2;
		}
		return r;
	}
	for (i = 0; i < cat->nregions; i++)
		if (cat->regions[i].parent < 0)
			return (int)i;
	pm_msg(NULL, 0, "the catalogue has no region");
	return -1;
}

int
ctx_summary_failed(const struct pm_ctx *ctx, int rc, const struct pm_err *err)
{
	if (rc == 0)
		return 0;
	if (rc == PM_ENOTFOUND) {
		pm_msg(ctx->db_shown, 0, "the store holds no data yet "
		    "(pemetrics ingest FILE)");
		return 1;
	}
	pm_print_err(err);
	return pm_exit_code(rc);
}

void
ctx_release(struct pm_ctx *ctx)
{
	store_close(ctx->st);
	catalog_free(ctx->cat);
	free(ctx->found_catalog);
	free(ctx->found_data);
	ctx->found_data = NULL;
	ctx->st = NULL;
	ctx->cat = NULL;
	ctx->found_catalog = NULL;
}
