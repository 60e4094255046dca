/* store_int.h - what the store's own files share: the handle, the list of
 * statements prepared once, and the helpers that run a statement and map
 * SQLite's result codes to ours. store.c holds the schema and the
 * observations, store_report.c what reports record and read back. The
 * rest of pemetrics sees core/store.h only. */
#ifndef PM_CORE_STORE_INT_H
#define PM_CORE_STORE_INT_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stddef.h>

#include "core/store.h"
#include "core/store_rows.h"
#include "util/err.h"

enum stmt_id {
	S_BEGIN, S_COMMIT, S_ROLLBACK,
	S_IND_GET, S_IND_ADD, S_REG_GET, S_REG_ADD,
	S_FILE_FIND, S_FILE_ADD, S_FILE_DONE,
	S_OBS_INS, S_OBS_BATCH, S_OBS_GET, S_OBS_SET, S_OBS_SEEN, S_HIST_ADD,
	S_REJECT_ADD, S_SERIES, S_PERIODS, S_PROV_GET, S_PROV_ADD, S_PREV,
	S_NSTMT
};

/* The consolidated points' statements (store_cons.c). */
enum cons_stmt_id {
	SC_OBS_YEARS, SC_OBS_REGIONS, SC_DEL, SC_INS, SC_RESET, SC_KIND,
	SC_INDS, SC_REGIONS, SC_ROWS, SC_GET_KIND, SC_GET,
	SC_NSTMT
};

struct store_pg;
struct cons_row;

struct store {
	struct store_pg *pg;    /* PostgreSQL: every call goes there */
	sqlite3 *db;
	char *path;             /* for messages */
	bool in_txn;
	bool in_read;           /* store_read_begin()'s snapshot is held */
	sqlite3_stmt *stmt[S_NSTMT];    /* prepared on first use, reused */
	sqlite3_stmt *cstmt[SC_NSTMT];  /* the same, store_cons.c's */
	/* The batch S_OBS_BATCH is storing, and the indexes of its rows
	 * whose key was there already (in key order). */
	const struct store_rows *batch;
	size_t *conflict, nconflict, conflict_cap;
};

/* Fill err for SQLite result rc while doing 'what'; returns our code. */
int store_fail_db(struct store *st, int rc, const char *what,
    struct pm_err *err);
/* Step s once (its rows, if any, are not wanted) and reset it. */
int store_run(struct store *st, sqlite3_stmt *s, const char *what,
    struct pm_err *err);
/* Bind parameter i to yoy, or NULL when there is none. */
void store_bind_yoy(sqlite3_stmt *s, int i, bool has, double yoy);
/* Month in which period key 'key' ends, as year * 12 + month; -1 when
 * the key is not a period. */
int store_period_end(int key);

/* A consolidated row's booleans as the 'flags' column holds them (the
 * same bits on both backends), and back. */
unsigned store_cons_flags(const struct cons_row *r);
void store_cons_unflag(struct cons_row *r, unsigned flags);

#endif /* PM_CORE_STORE_INT_H */
