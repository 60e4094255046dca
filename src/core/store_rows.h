/* store_rows.h - the store's private view of a batch of rows as SQL.
 *
 * An array of struct store_put_row (each the start of an element of
 * 'size' bytes, as with qsort) becomes the table-valued function
 *
 *     pm_rows(?1) -> (ind, reg, period, basis, value, yoy, line)
 *
 * when ?1 is bound with store_rows_bind(). One INSERT ... SELECT then
 * stores a whole batch: SQLite's loop runs once per row instead of a
 * prepare-bind-step-reset per row from C. Used by store.c only. */
#ifndef PM_CORE_STORE_ROWS_H
#define PM_CORE_STORE_ROWS_H

#include <stddef.h>
#include <sqlite3.h>

#include "core/store.h"

struct store_rows {
	const void *base;       /* first element */
	size_t n;               /* elements */
	size_t size;            /* bytes per element */
};

static inline const struct store_put_row *
store_rows_at(const struct store_rows *r, size_t i)
{
	return (const struct store_put_row *)(const void *)
	    ((const char *)r->base + i * r->size);
}

/* Make pm_rows() known to db. SQLITE_OK or an SQLite error code. */
int store_rows_register(sqlite3 *db);

/* Bind parameter i of s to r, which must live until s is reset. */
int store_rows_bind(sqlite3_stmt *s, int i, const struct store_rows *r);

#endif
