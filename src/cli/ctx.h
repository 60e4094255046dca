/* cli/ctx.h - what every subcommand is handed: the global options, and the
 * catalogue and store opened on first use. Built by main(), passed down;
 * there is no global state.
 */
#ifndef PM_CLI_CTX_H
#define PM_CLI_CTX_H

#include <stdbool.h>

#include "core/catalog.h"
#include "core/store.h"
#include "util/err.h"

struct pm_ctx {
	const char *db_path;            /* --db, $PEMETRICS_DB, ./pemetrics.db */
	char db_shown[512];             /* db_path as messages show it: a
					 * URI without its password */
	const char *catalog_dir;        /* --catalog, or NULL: search */
	int verbosity;                  /* 0 with -q, 1 normal, 2+ with -v */
	struct catalog *cat;            /* loaded by ctx_catalog() */
	int cat_exit;                   /* exit code when it failed */
	struct store *st;               /* opened by ctx_store() */
	char *found_catalog;            /* the directory searched out */
	char *found_data;               /* the last ctx_data_dir() answer */
};

/* The catalogue, loaded on first call. On problems that make it unusable
 * they are printed and NULL returned; ctx->cat_exit is then the exit code
 * (4 when it cannot be read, 1 when its content is wrong). */
const struct catalog *ctx_catalog(struct pm_ctx *ctx);
/* Where the catalogue is (searched on first call; see ctx.c). */
const char *ctx_catalog_dir(struct pm_ctx *ctx);

/* A directory of files shipped with pemetrics ('name' is "charts"): the
 * one beside the binary (the source tree), else the installed copy
 * relative to the binary, else the compiled-in one. 'probe' is a file
 * that must be in it. The string lives until the next call. */
const char *ctx_data_dir(struct pm_ctx *ctx, const char *name,
    const char *probe);

/* The store, opened on first call (flags as store_open()). On failure the
 * error is printed and the exit code returned in *exit_code; NULL then. */
struct store *ctx_store(struct pm_ctx *ctx, unsigned flags, int *exit_code);

/* A region named on the command line (code or alias), or with NULL the
 * catalogue's first region without a parent. Loads the catalogue. When
 * there is none, prints why and returns minus the exit code: -2 for a
 * name the catalogue does not know, -1 for a catalogue without regions,
 * -4 or -1 when the catalogue cannot be used. */
int ctx_region(struct pm_ctx *ctx, const char *arg);

/* The exit code of a failed summary_build() with its message printed,
 * an empty store said plainly; 0 when rc is 0. */
int ctx_summary_failed(const struct pm_ctx *ctx, int rc,
    const struct pm_err *err);

void ctx_release(struct pm_ctx *ctx);

/* Print "pemetrics: FILE:LINE: message" for an error record. */
void pm_print_err(const struct pm_err *err);
/* Print "pemetrics: FILE:LINE: message" (file may be NULL, line 0). */
void pm_msg(const char *file, unsigned long line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#endif /* PM_CLI_CTX_H */
