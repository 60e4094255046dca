/* store_pg_int.h - what the PostgreSQL backend's files share: the handle,
 * parameters as text, and the helpers that run a statement and map the
 * server's errors to ours. */
#ifndef PM_CORE_STORE_PG_INT_H
#define PM_CORE_STORE_PG_INT_H

#include <libpq-fe.h>
#include <stdbool.h>
#include <stddef.h>

#include "core/store_pg.h"
#include "util/err.h"

/* What store_pg_prev_value() answers for a row of the last batch: the
 * latest stored value of its series and basis before its period, in its
 * frequency. */
struct store_pg_prev {
	int ind, reg, period, basis;
	bool found;
	int at;                 /* the period of the value found */
	double value;
};

struct store_pg {
	PGconn *conn;
	PGconn *side;           /* codes interned during a file: autocommit */
	char *uri;              /* as given: to open 'side' */
	char *shown;            /* the URI without its password: messages */
	char *schema;           /* where the tables are */
	bool ro;                /* reading in one snapshot */
	bool in_txn;            /* store_pg_begin()'s */
	bool snap;              /* a writable handle's reading snapshot */
	/* Statements prepared on this connection, by their text's address:
	 * the ones run once per row or per series. */
	const char *prepared[16];
	int nprepared;
	int nfast;              /* batches put_fresh() stored in this
				 * transaction */
	struct store_pg_prev *prev;     /* prev_fill()'s, in key order */
	size_t nprev, prev_at;
};

/* Up to 16 parameters of one statement, in text form; a NULL value is
 * SQL NULL. Numbers are formatted into buf. */
struct store_pg_params {
	int n;
	const char *v[16];
	char buf[16][32];
};

void store_pg_param_int(struct store_pg_params *p, long long v);
void store_pg_param_double(struct store_pg_params *p, double v);
void store_pg_param_text(struct store_pg_params *p, const char *s);

/* Fill err for a failed result r (NULL: none came) of sql while doing
 * 'what'; returns our code: PM_EIO for a lost connection or a missing
 * privilege (named), PM_EBUSY for a lock wait past the timeout or a
 * deadlock, PM_EDATA for a broken constraint. */
int store_pg_fail(struct store_pg *pg, const PGresult *r, const char *what,
    const char *sql, struct pm_err *err);
/* Run sql: its result (PQclear() it), or NULL with *rc set. */
PGresult *store_pg_exec(struct store_pg *pg, const char *sql,
    const struct store_pg_params *p, const char *what, int *rc,
    struct pm_err *err);
/* The same, the statement prepared on first use and run prepared after:
 * for a static SQL text run many times (its address names it). */
/* The rows of a "SELECT period, basis, value, yoy, status FROM obs"
 * as observations in *out (new, free(); NULL when none); clears 'r'. */
void store_pg_obs_of(PGresult *r, struct obs **out, size_t *n);

PGresult *store_pg_cached(struct store_pg *pg, const char *sql,
    const struct store_pg_params *p, const char *what, int *rc,
    struct pm_err *err);
int store_pg_run(struct store_pg *pg, const char *sql,
    const struct store_pg_params *p, const char *what, struct pm_err *err);
/* Run sql calling fn with each row (row 0 of r) as it comes. */
typedef int (*store_pg_row_fn)(void *ctx, const PGresult *r);
int store_pg_each(struct store_pg *pg, const char *sql,
    const struct store_pg_params *p, const char *what, store_pg_row_fn fn,
    void *ctx, struct pm_err *err);

/* Before a read: a writable handle outside a transaction reads in one
 * snapshot (REPEATABLE READ) from then to its next write, so that a
 * report sees every file whole or not at all across its queries. Before
 * a write outside a transaction: that snapshot ends. */
int store_pg_read(struct store_pg *pg, struct pm_err *err);
void store_pg_write(struct store_pg *pg);

/* COPY rows of a batch of struct store_put_row (each 'size' bytes) in
 * binary format with sql ("COPY table(columns) FROM STDIN (FORMAT
 * binary)"): rows ix[0..n) (ix NULL: rows 0..n), each as its index when
 * ix is given, then ind, reg, period, basis, value, yoy, line, status,
 * prov, then the file when file >= 0. */
int store_pg_copy_obs(struct store_pg *pg, const char *sql, void *rows,
    size_t size, const size_t *ix, size_t n, long long file,
    const char *what, struct pm_err *err);

long long store_pg_ll(const PGresult *r, int row, int col);
double store_pg_double(const PGresult *r, int row, int col);
bool store_pg_null(const PGresult *r, int row, int col);
/* Now, ISO 8601 UTC, as the SQLite store writes it. */
void store_pg_now(char *when, size_t n);

#endif /* PM_CORE_STORE_PG_INT_H */
