/* store_pg.h - the store's PostgreSQL backend (libpq), private to the
 * store's files. store.c opens it when the store is named by a URI
 * (postgresql:// or postgres://) and then hands each public function of
 * core/store.h to the store_pg_ function of the same name, with the same
 * meaning; see store_pg.c for how PostgreSQL keeps it. No libpq type
 * shows here, so store.c needs no libpq header. */
#ifndef PM_CORE_STORE_PG_H
#define PM_CORE_STORE_PG_H

#include <stdbool.h>
#include <stddef.h>

#include "core/store.h"
#include "util/err.h"

struct store_pg;

int store_pg_open(const char *uri, unsigned flags, struct store_pg **out,
    struct pm_err *err);
void store_pg_close(struct store_pg *pg);
int store_pg_begin(struct store_pg *pg, struct pm_err *err);
int store_pg_commit(struct store_pg *pg, struct pm_err *err);
void store_pg_rollback(struct store_pg *pg);
int store_pg_indicator_id(struct store_pg *pg, const char *code,
    const char *unit, int *id, struct pm_err *err);
int store_pg_region_id(struct store_pg *pg, const char *code, int *id,
    struct pm_err *err);
int store_pg_file_find(struct store_pg *pg, const char *sha256,
    long long *id, struct pm_err *err);
int store_pg_file_add(struct store_pg *pg, const struct store_file *f,
    long long *id, struct pm_err *err);
int store_pg_file_done(struct store_pg *pg, long long id,
    const struct store_counts *n, struct pm_err *err);
int store_pg_put(struct store_pg *pg, const struct store_obs *o,
    long long file, unsigned long line, enum store_put *res,
    unsigned long *dup_line, struct pm_err *err);
int store_pg_put_batch(struct store_pg *pg, void *rows, size_t n,
    size_t size, long long file, struct pm_err *err);
int store_pg_prov_id(struct store_pg *pg, const char *source,
    const char *note, long long *id, struct pm_err *err);
int store_pg_prev_value(struct store_pg *pg, const struct store_obs *o,
    bool same_year, bool *found, double *value, int *period,
    struct pm_err *err);
int store_pg_sources(struct store_pg *pg, const char *indicator,
    const char *region, struct buf *out, struct pm_err *err);
int store_pg_prov_scan(struct store_pg *pg, const char *region,
    store_prov_fn fn, void *ctx, struct pm_err *err);
int store_pg_has_provenance(struct store_pg *pg, bool *any,
    struct pm_err *err);
int store_pg_reject_add(struct store_pg *pg, long long file,
    unsigned long line, const char *reason, const char *period,
    size_t period_len, struct pm_err *err);
int store_pg_scan(struct store_pg *pg, store_row_fn fn, void *ctx,
    struct pm_err *err);
int store_pg_series(struct store_pg *pg, const char *indicator,
    const char *region, struct obs **out, size_t *n, struct pm_err *err);
int store_pg_obs_years(struct store_pg *pg, int ind, int reg, int y0,
    int y1, struct obs **out, size_t *n, struct pm_err *err);
int store_pg_obs_regions(struct store_pg *pg, int ind, int **out, size_t *n,
    struct pm_err *err);
int store_pg_cons_put(struct store_pg *pg, int ind, int reg, int y0, int y1,
    const struct cons_row *rows, size_t n, struct pm_err *err);
int store_pg_cons_reset(struct store_pg *pg, int ind, int kind,
    struct pm_err *err);
int store_pg_cons_lock(struct store_pg *pg, int ind, struct pm_err *err);
int store_pg_cons_indicators(struct store_pg *pg,
    struct store_cons_ind **out, size_t *n, struct pm_err *err);
int store_pg_cons_regions(struct store_pg *pg, int ind,
    struct store_cons_reg **out, size_t *n, struct pm_err *err);
int store_pg_cons_rows(struct store_pg *pg, int ind, int reg,
    struct cons_row **out, size_t *n, struct pm_err *err);
int store_pg_cons_get(struct store_pg *pg, const char *indicator,
    const char *region, int freq, int *kind, struct cons_row **out,
    size_t *n, struct pm_err *err);
int store_pg_latest_period(struct store_pg *pg, int *period,
    struct pm_err *err);
int store_pg_stats(struct store_pg *pg, struct store_stats *s,
    struct pm_err *err);
void store_pg_busy_wait(struct store_pg *pg, int ms);
int store_pg_file_last(struct store_pg *pg, long long *id,
    struct pm_err *err);
int store_pg_report_add(struct store_pg *pg, const char *region, int period,
    long long last_file, const struct store_report_status *v, size_t n,
    long long *id, struct pm_err *err);
int store_pg_report_prev(struct store_pg *pg, const char *region,
    int period, struct store_report *out, struct pm_err *err);
int store_pg_report_statuses(struct store_pg *pg, long long id,
    store_status_fn fn, void *ctx, struct pm_err *err);
int store_pg_revisions(struct store_pg *pg, long long after_file,
    store_revision_fn fn, void *ctx, struct pm_err *err);
int store_pg_rejects(struct store_pg *pg, long long last_file,
    const struct store_key_range *win, size_t nwin, store_reject_fn fn,
    void *ctx, struct pm_err *err);

/* Copying (store_copy.c): the rows of table t in key order, each as text
 * (NULL: SQL NULL; numbers as printf's %lld and %.17g) given to fn; and
 * rows loaded into table t (COPY), ended by store_pg_load_end(), after
 * which the id sequences follow the ids loaded. */
typedef int (*store_pg_values_fn)(void *ctx, const char *const *v, int n);
int store_pg_dump(struct store_pg *pg, enum store_table t,
    store_pg_values_fn fn, void *ctx, struct pm_err *err);
int store_pg_load_begin(struct store_pg *pg, enum store_table t,
    struct pm_err *err);
int store_pg_load_row(struct store_pg *pg, const char *const *v, int n,
    struct pm_err *err);
int store_pg_load_end(struct store_pg *pg, struct pm_err *err);
int store_pg_load_done(struct store_pg *pg, struct pm_err *err);
int store_pg_totals(struct store_pg *pg, struct store_totals *t,
    struct pm_err *err);

#endif /* PM_CORE_STORE_PG_H */
