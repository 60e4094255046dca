/* store_rows.c - pm_rows(?1): a batch of rows in memory as a read-only,
 * eponymous table-valued function (SQLite's virtual table interface).
 * The pointer comes in through sqlite3_bind_pointer() with its own type
 * name, so SQL text can never forge one. */
#include "core/store_rows.h"

#include <string.h>

#include "util/banned.h"

enum { COL_IND, COL_REG, COL_PERIOD, COL_BASIS, COL_VALUE, COL_YOY,
	COL_LINE, COL_STATUS, COL_PROV, COL_ROWS /* hidden: the argument */ };

static const char ptr_type[] = "pemetrics-store-rows";

struct cursor {
	sqlite3_vtab_cursor base;       /* first: SQLite casts */
	struct store_rows rows;
	size_t i;
};

static int
rows_connect(sqlite3 *db, void *aux, int argc, const char *const *argv,
    sqlite3_vtab **out, char **errmsg)
{
	sqlite3_vtab *t;
	int rc;

	(void)aux;
	(void)argc;
	(void)argv;
	(void)errmsg;
	rc = sqlite3_declare_vtab(db, "CREATE TABLE x(ind INTEGER, "
	    "reg INTEGER, period INTEGER, basis INTEGER, value REAL, "
	    "yoy REAL, line INTEGER, status TEXT, prov INTEGER, rows HIDDEN)");
	if (rc != SQLITE_OK)
		return rc;
	if ((t = sqlite3_malloc(sizeof(*t))) == NULL)
		return SQLITE_NOMEM;
	memset(t, 0, sizeof(*t));
	*out = t;
	return SQLITE_OK;
}

static int
rows_disconnect(sqlite3_vtab *t)
{
	sqlite3_free(t);
	return SQLITE_OK;
}

/* The only plan: the hidden 'rows' column given with '='. */
static int
rows_best_index(sqlite3_vtab *t, sqlite3_index_info *info)
{
	int i;

	(void)t;
	for (i = 0; i < info->nConstraint; i++) {
		const struct sqlite3_index_constraint *c = &info->aConstraint[i];

		if (c->iColumn == COL_ROWS &&
		    c->op == SQLITE_INDEX_CONSTRAINT_EQ && c->usable) {
			info->aConstraintUsage[i].argvIndex = 1;
			info->aConstraintUsage[i].omit = 1;
			info->estimatedCost = 1;
			info->estimatedRows = 65536;
			return SQLITE_OK;
		}
	}
	return SQLITE_CONSTRAINT;       /* no plan without the argument */
}

static int
rows_open(sqlite3_vtab *t, sqlite3_vtab_cursor **out)
{
	struct cursor *c;

	(void)t;
	if ((c = sqlite3_malloc(sizeof(*c))) == NULL)
		return SQLITE_NOMEM;
	memset(c, 0, sizeof(*c));
	*out = &c->base;
	return SQLITE_OK;
}

static int
rows_close(sqlite3_vtab_cursor *cur)
{
	sqlite3_free(cur);
	return SQLITE_OK;
}

static int
rows_filter(sqlite3_vtab_cursor *cur, int idx, const char *idxstr, int argc,
    sqlite3_value **argv)
{
	struct cursor *c = (struct cursor *)cur;
	const struct store_rows *r = NULL;

	(void)idx;
	(void)idxstr;
	if (argc == 1)
		r = sqlite3_value_pointer(argv[0], ptr_type);
	memset(&c->rows, 0, sizeof(c->rows));
	if (r)
		c->rows = *r;
	c->i = 0;
	return SQLITE_OK;
}

static int
rows_next(sqlite3_vtab_cursor *cur)
{
	((struct cursor *)cur)->i++;
	return SQLITE_OK;
}

static int
rows_eof(sqlite3_vtab_cursor *cur)
{
	const struct cursor *c = (const struct cursor *)cur;

	return c->i >= c->rows.n;
}

static int
rows_column(sqlite3_vtab_cursor *cur, sqlite3_context *ctx, int col)
{
	const struct cursor *c = (const struct cursor *)cur;
	const struct store_put_row *p = store_rows_at(&c->rows, c->i);

	switch (col) {
	case COL_IND:
		sqlite3_result_int(ctx, p->o.ind);
		break;
	case COL_REG:
		sqlite3_result_int(ctx, p->o.reg);
		break;
	case COL_PERIOD:
		sqlite3_result_int(ctx, p->o.period);
		break;
	case COL_BASIS:
		sqlite3_result_int(ctx, (int)p->o.basis);
		break;
	case COL_VALUE:
		sqlite3_result_double(ctx, p->o.value);
		break;
	case COL_YOY:
		if (p->o.has_yoy)
			sqlite3_result_double(ctx, p->o.yoy);
		else
			sqlite3_result_null(ctx);
		break;
	case COL_LINE:
		sqlite3_result_int64(ctx, (sqlite3_int64)p->line);
		break;
	case COL_STATUS:
		if (p->o.status)
			sqlite3_result_text(ctx, &p->o.status, 1,
			    SQLITE_TRANSIENT);
		else
			sqlite3_result_null(ctx);
		break;
	case COL_PROV:
		if (p->o.prov)
			sqlite3_result_int64(ctx, p->o.prov);
		else
			sqlite3_result_null(ctx);
		break;
	default:
		sqlite3_result_null(ctx);
		break;
	}
	return SQLITE_OK;
}

static int
rows_rowid(sqlite3_vtab_cursor *cur, sqlite3_int64 *rowid)
{
	*rowid = (sqlite3_int64)((const struct cursor *)cur)->i;
	return SQLITE_OK;
}

static const sqlite3_module rows_module = {
	.iVersion = 0,
	.xCreate = NULL,                /* eponymous only: no CREATE */
	.xConnect = rows_connect,
	.xBestIndex = rows_best_index,
	.xDisconnect = rows_disconnect,
	.xDestroy = rows_disconnect,
	.xOpen = rows_open,
	.xClose = rows_close,
	.xFilter = rows_filter,
	.xNext = rows_next,
	.xEof = rows_eof,
	.xColumn = rows_column,
	.xRowid = rows_rowid,
};

int
store_rows_register(sqlite3 *db)
{
	return sqlite3_create_module_v2(db, "pm_rows", &rows_module, NULL,
	    NULL);
}

int
store_rows_bind(sqlite3_stmt *s, int i, const struct store_rows *r)
{
	/* const dropped for the API only: the rows are never written. */
	return sqlite3_bind_pointer(s, i, (void *)r, ptr_type, NULL);
}
