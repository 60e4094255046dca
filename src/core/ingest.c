#include "core/ingest.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/cons.h"
#include "core/period.h"
#include "core/runs.h"
#include "core/value.h"
#include "util/buf.h"
#include "util/xalloc.h"
#include "util/banned.h"

enum col {
	C_INDICATOR, C_REGION, C_PERIOD, C_VALUE,      /* required */
	C_UNIT, C_BASIS, C_YOY, C_STATUS, C_SOURCE, C_NOTE,    /* optional */
	C_N
};
#define C_REQUIRED 4

static const char *const col_name[C_N] = {
	"indicator", "region", "period", "value", "unit", "basis", "yoy",
	"status", "source", "note",
};

/* Other names a column goes by in Chinese releases, NULL-terminated. */
static const char *const col_alias[C_N][5] = {
	[C_INDICATOR] = { "指标", "指标名称", NULL },
	[C_REGION] = { "地区", "地区代码", NULL },
	[C_PERIOD] = { "时间", "时期", "期间", "统计时间", NULL },
	[C_VALUE] = { "数值", "值", "本期值", NULL },
	[C_UNIT] = { "单位", "计量单位", NULL },
	[C_BASIS] = { "口径", NULL },
	[C_YOY] = { "同比", "同比增长", "增速", NULL },
	[C_STATUS] = { "状态", "数据状态", NULL },
	[C_SOURCE] = { "来源", "数据来源", NULL },
	[C_NOTE] = { "备注", "注", NULL },
};

/* An observation status: the SDMX codes, or the words releases use. */
static char
status_word(const char *s, size_t n)
{
	static const struct {
		const char *word;
		char code;
	} words[] = {
		{ "初步", 'P' }, { "初步核算", 'P' }, { "初步数", 'P' },
		{ "预计", 'E' }, { "估计", 'E' }, { "预测", 'F' },
		{ "正常", 'A' }, { "最终核实", 'A' },
	};
	size_t k;

	if (n == 1 && strchr("APEBFapebf", s[0]))
		return (char)(s[0] & ~0x20);
	for (k = 0; k < sizeof(words) / sizeof(words[0]); k++)
		if (strlen(words[k].word) == n &&
		    memcmp(s, words[k].word, n) == 0)
			return words[k].code;
	return 0;
}

/* The column a header cell names, or C_N. */
static enum col
column_named(const char *s, size_t n)
{
	int c, k;

	for (c = 0; c < C_N; c++) {
		if (strlen(col_name[c]) == n &&
		    strncasecmp(s, col_name[c], n) == 0)
			return (enum col)c;
		for (k = 0; col_alias[c][k]; k++)
			if (strlen(col_alias[c][k]) == n &&
			    memcmp(s, col_alias[c][k], n) == 0)
				return (enum col)c;
	}
	return C_N;
}

/* "'period' (or 时间, 时期, 期间, 统计时间)" */
static void
add_col_names(struct buf *b, enum col c)
{
	int k;

	buf_addf(b, "'%s'", col_name[c]);
	for (k = 0; col_alias[c][k]; k++)
		buf_addf(b, "%s%s", k ? ", " : " (or ", col_alias[c][k]);
	if (k)
		buf_addc(b, ')');
}

/* A value cell that says "not published": skipped and counted, never
 * stored as zero. */
static bool
not_published(const char *s, size_t n)
{
	static const char *const marks[] = { "—", "–", "-", "…", "...", "..",
		"/", "——", "--", "……", NULL };
	int k;

	if (n == 0 || (s[0] >= '0' && s[0] <= '9'))
		return false;           /* a number, as most cells are */
	for (k = 0; marks[k]; k++)
		if (strlen(marks[k]) == n && memcmp(s, marks[k], n) == 0)
			return true;
	return false;
}

/* Rows are stored in the store's key order: a statistics file lists a
 * period's regions and indicators together, the store keeps a series
 * together. A file of one batch is sorted in memory and stored. A larger
 * one is sorted a batch at a time into runs in a temporary file, and the
 * runs are merged into the store: the b-tree is then written front to
 * back once (10^6 rows: 5.7 s unsorted, 2.3 s sorted by batch, see the
 * README for the merged figure). The batch is bounded in rows and in
 * bytes. */
#define BATCH_BYTES (8 * 1024 * 1024)

/* Rows of a batch: the caller's setting (a power of two; the fuzz targets
 * make it small to reach the runs and the merge), else 65536. The key
 * hash of a batch has twice as many slots, so it is at most half full. */
static size_t
batch_rows(const struct ingest_opts *o)
{
	size_t n = o->batch_rows;

	return n >= 2 && (n & (n - 1)) == 0 ? n : INGEST_BATCH_ROWS;
}

/* A slot of the batch's key hash: the row's full hash beside its index,
 * so that a probe reads the batch's row (a cache miss: the batch is
 * megabytes) only when the hashes are equal, not for every neighbour. */
struct slot {
	unsigned ix;            /* index + 1, 0 empty */
	unsigned hash;
};

struct pending {
	struct store_put_row put;       /* first: store_put_batch() */
	size_t raw;             /* the row's fields in batch_raw */
	size_t rawlen;
	size_t nfields;
};

/* Everything one file's rows need; lives on ingest_file()'s stack. */
struct job {
	struct store *st;
	struct reader *rd;      /* the input, for progress */
	const struct catalog *cat;
	const struct ingest_opts *o;
	const struct ingest_sink *sink;
	struct ingest_result *res;
	struct pm_err *err;
	const char *name;
	long long file_id;

	bool header_done;
	struct buf header_text; /* copy of the header record */
	size_t *header_len;
	const char **header_field;
	struct reader_row header;
	int ix[C_N];            /* column of each known name, or -1 */
	size_t ncols;           /* fields in the header */
	size_t need;            /* fields a row needs to reach every column */
	char header_problem[128];       /* why every row is rejected, or "" */
	bool no_header;                 /* line 1 looks like data */

	/* Catalogue index -> store id, interned once per file. */
	int *ind_id, *reg_id;
	/* Cells looked up in the catalogue: files repeat them. */
	struct lookup_cache *ind_cache, *reg_cache, *unit_cache;

	struct buf reason;
	int rc;                 /* first system error, stops the run */
	struct store_obs prev;  /* the last row stored, in key order */
	bool have_prev;
	unsigned char *kind_of; /* store indicator id -> enum ind_kind */
	size_t nkind_of;
	struct cons_touched touched;    /* series and years stored */
	struct buf last_source, last_note;      /* the last pair interned */
	long long last_prov;
	bool have_prov;

	/* The table's shape, found by a first pass (layout_pass()). */
	struct layout_meta meta;        /* lines before and after the table */
	unsigned long header_line;      /* 0: no header found */
	bool pre_header_seen;
	bool wide;                      /* periods as columns */
	size_t *pcol;                   /* a wide header's period columns */
	size_t npcol;
	int w_ind, w_reg, w_unit, w_basis;      /* its other columns, or -1 */
	int w_extra[3];                 /* its status, source and note
					 * columns, or -1: they apply to every
					 * value of their row */
	size_t nlong;                   /* fields of the long row a cell
					 * makes: NLONG and the extra ones
					 * the header has */
	const char *long_hdr[10];       /* their names */
	size_t long_hdr_len[10];
	int year;                       /* the year a title or '时间：' line
					 * names, for period labels without
					 * one ("10月"), 0 when none */
	bool grouped;                   /* a release table: a second header
					 * row says which column of a
					 * period's group is its level and
					 * which its growth */
	unsigned long subheader_line;
	bool has_ycol;                  /* some period has a growth column:
					 * the long rows carry a yoy */
	bool after_header;              /* the first pass is past the
					 * header row's line */
	int *ycol;                      /* pcol[k]'s growth column, or -1 */
	struct buf punit;               /* pcol[k]'s unit from a release
					 * table's second row ("绝对量（亿
					 * 元）"), NUL-separated; "" none */
	size_t *punit_off;
	struct buf growth;              /* a growth cell made a number */
	struct buf wide_hdr;            /* its cells, NUL-separated */
	size_t *wide_hdr_off;
	size_t wide_ncols;
	struct buf cell_prefix;         /* "column '2023年': " while a wide
					 * cell is checked */
	struct buf full_reason;
	struct buf wide_text;           /* the long row made of a cell */

	struct pending *batch;  /* validated rows waiting to be stored */
	size_t nbatch;
	struct slot *slot;      /* 2 * batch_rows(): index + 1 of a batch row by
				 * key, 0 empty; finds a key repeated inside
				 * the batch as it is read, so its message
				 * comes in line order */
	struct buf batch_raw;   /* their fields, NUL-separated, for rejects */
	struct runs *runs;      /* sorted batches of a large file */
	struct pending *spare;  /* the batch being sorted and written by */
	struct buf spare_raw;   /* the runs' thread while 'batch' fills */
	const char **dup_field; /* a duplicate's row rebuilt for its reject */
	size_t *dup_len;
	size_t dup_cap;
};

static void
note(struct job *j, unsigned long line, bool is_error, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void
note(struct job *j, unsigned long line, bool is_error, const char *fmt, ...)
{
	struct buf b = BUF_INIT;
	va_list ap;

	if (j->sink == NULL || j->sink->note == NULL)
		return;
	va_start(ap, fmt);
	buf_vaddf(&b, fmt, ap);
	va_end(ap);
	j->sink->note(j->sink->ctx, line, is_error, buf_str(&b));
	buf_release(&b);
}

/* A cell quoted in a message: control characters shown as '?', cut at 40
 * bytes (on a UTF-8 boundary), so that a reason stays one short line. */
static void
quote_cell(struct buf *b, const char *s, size_t n)
{
	size_t i, max = 40;

	buf_addc(b, '\'');
	if (n > max) {
		while (max > 0 && ((unsigned char)s[max] & 0xc0) == 0x80)
			max--;
	}
	for (i = 0; i < n && i < max; i++)
		buf_addc(b, (unsigned char)s[i] < 0x20 || s[i] == 0x7f ? '?'
		    : s[i]);
	if (n > max)
		buf_adds(b, "...");
	buf_addc(b, '\'');
}

static void
set_header(struct job *j, const struct reader_row *r)
{
	size_t i, k, unknown = 0;
	int c;
	struct buf problems = BUF_INIT;

	j->header_done = true;
	j->ncols = r->n;
	/* Keep a copy: the reader's fields die with this callback. */
	j->header_len = xreallocarray(NULL, r->n ? r->n : 1, sizeof(size_t));
	j->header_field = xreallocarray(NULL, r->n ? r->n : 1,
	    sizeof(char *));
	for (i = 0; i < r->n; i++) {
		j->header_len[i] = r->len[i];
		buf_add(&j->header_text, r->field[i], r->len[i] + 1);
	}
	for (i = 0, k = 0; i < r->n; i++) {
		j->header_field[i] = j->header_text.data + k;
		k += r->len[i] + 1;
	}
	j->header.n = r->n;
	j->header.field = j->header_field;
	j->header.len = j->header_len;
	j->header.line = r->line;
	j->header.nlines = r->nlines;

	for (c = 0; c < C_N; c++)
		j->ix[c] = -1;
	/* Report every header problem, not only the first. */
	for (i = 0; i < r->n; i++) {
		size_t n = r->len[i];
		const char *s = reader_trim(r->field[i], &n);
		struct buf q = BUF_INIT;

		c = (int)column_named(s, n);
		quote_cell(&q, s, n);
		if (c == C_N) {
			/* Ten are enough to see what the file is. */
			if (n && ++unknown <= 10)
				note(j, r->line, false,
				    "unknown column %s ignored", q.data);
		} else if (j->ix[c] >= 0) {
			note(j, r->line, true, "duplicate column %s", q.data);
			buf_addf(&problems, "%sduplicate column %s",
			    problems.len ? ", " : "", q.data);
		} else {
			j->ix[c] = (int)i;
		}
		buf_release(&q);
	}
	if (unknown > 10)
		note(j, r->line, false, "%zu more unknown columns ignored",
		    unknown - 10);
	for (c = 0; c < C_REQUIRED; c++) {
		struct buf names = BUF_INIT;

		if (j->ix[c] >= 0)
			continue;
		add_col_names(&names, (enum col)c);
		note(j, r->line, true, "missing column %s", names.data);
		buf_addf(&problems, "%smissing column '%s'",
		    problems.len ? ", " : "", col_name[c]);
		buf_release(&names);
	}
	if (problems.len) {
		snprintf(j->header_problem, sizeof(j->header_problem),
		    "bad header on line %lu", r->line);
		/* Not one column name known: most likely the file has no
		 * header and this line is data, to be rejected like the rest
		 * rather than lost. */
		j->no_header = j->ix[C_INDICATOR] < 0 && j->ix[C_REGION] < 0 &&
		    j->ix[C_PERIOD] < 0 && j->ix[C_VALUE] < 0;
		if (j->no_header) {
			struct buf names = BUF_INIT;

			for (c = 0; c < C_REQUIRED; c++) {
				buf_adds(&names, c ? ", " : "");
				add_col_names(&names, (enum col)c);
			}
			note(j, r->line, true, "no header row? expected "
			    "columns indicator,region,period,value; names "
			    "accepted: %s", names.data);
			buf_release(&names);
		}
	}
	buf_release(&problems);
	j->need = 0;
	for (c = 0; c < C_N; c++)
		if (j->ix[c] >= 0 && (size_t)j->ix[c] + 1 > j->need)
			j->need = (size_t)j->ix[c] + 1;
}

/* Trimmed cell of column c; an absent column reads as "". */
static bool
is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r';
}

static const char *
cell(const struct job *j, const struct reader_row *r, enum col c, size_t *n)
{
	const char *s;

	if (j->ix[c] < 0 || (size_t)j->ix[c] >= r->n) {
		*n = 0;
		return "";
	}
	*n = r->len[j->ix[c]];
	s = r->field[j->ix[c]];
	if (*n == 0 || (!is_blank(s[0]) && !is_blank(s[*n - 1])))
		return s;               /* most cells: nothing to trim */
	return reader_trim(s, n);
}

enum basis_word { BW_NONE, BW_YTD, BW_PERIOD, BW_BAD };

/* A basis cell: "" none; "ytd", "累计", "1-N月" (*months = N) year to
 * date; "当月", "当季", "本期" the period itself. */
static enum basis_word
basis_word(const char *s, size_t n, int *months)
{
	static const char *const ytd[] = { "累计", NULL };
	static const char *const itself[] = { "当月", "当季", "本期", NULL };
	static const char *const dash[] = { "-", "~", "—", "–", "～", "至",
		NULL };
	size_t i, k;
	int m = 0;

	*months = 0;
	if (n == 0)
		return BW_NONE;
	if (n == 3 && strncasecmp(s, "ytd", 3) == 0)
		return BW_YTD;
	for (k = 0; ytd[k]; k++)
		if (strlen(ytd[k]) == n && memcmp(s, ytd[k], n) == 0)
			return BW_YTD;
	for (k = 0; itself[k]; k++)
		if (strlen(itself[k]) == n && memcmp(s, itself[k], n) == 0)
			return BW_PERIOD;
	if (s[0] != '1')
		return BW_BAD;
	for (k = 0; dash[k]; k++)
		if (n > 1 + strlen(dash[k]) &&
		    memcmp(s + 1, dash[k], strlen(dash[k])) == 0)
			break;
	if (dash[k] == NULL)
		return BW_BAD;
	for (i = 1 + strlen(dash[k]); i < n && s[i] >= '0' && s[i] <= '9' &&
	    m < 100; i++)
		m = m * 10 + (s[i] - '0');
	if (m < 1 || m > 12 || n - i != strlen("月") ||
	    memcmp(s + i, "月", n - i) != 0)
		return BW_BAD;
	*months = m;
	return BW_YTD;
}

static int
reject(struct job *j, const struct reader_row *r, const char *reason)
{
	struct ingest_reject rj = { r->line, reason, r, &j->header };
	const char *per = NULL;
	size_t nper = 0;
	int rc;

	if (j->cell_prefix.len) {
		/* A wide file's cell: say which column it is in. */
		buf_reset(&j->full_reason);
		buf_add(&j->full_reason, j->cell_prefix.data,
		    j->cell_prefix.len);
		buf_adds(&j->full_reason, reason);
		rj.reason = reason = j->full_reason.data;
	}
	j->res->n.rejected++;
	if (j->sink && j->sink->reject &&
	    (rc = j->sink->reject(j->sink->ctx, &rj, j->err)) != 0)
		return j->rc = rc;
	if (j->ix[C_PERIOD] >= 0 && (size_t)j->ix[C_PERIOD] < r->n)
		per = cell(j, r, C_PERIOD, &nper);
	if (j->st && !j->o->dry_run &&
	    (rc = store_reject_add(j->st, j->file_id, r->line, reason, per,
	    nper, j->err)) != 0)
		return j->rc = rc;
	return 0;
}

/* reject() with a reason built like printf, quoting cell 'c' first. */
static int
reject_cell(struct job *j, const struct reader_row *r, const char *what,
    const char *s, size_t n, const char *why)
{
	buf_reset(&j->reason);
	buf_addf(&j->reason, "%s ", what);
	quote_cell(&j->reason, s, n);
	if (why)
		buf_addf(&j->reason, ": %s", why);
	return reject(j, r, j->reason.data);
}

/* The catalogue's answer for a cell, kept for the next cell with the
 * same bytes: a direct-mapped table of short cells. */
#define LOOKUP_SLOTS 256
#define LOOKUP_KEY 30
struct lookup_cache {
	struct {
		unsigned char len;      /* 0: empty */
		char key[LOOKUP_KEY];
		int ix;
	} e[LOOKUP_SLOTS];
};

static int
lookup_cached(struct lookup_cache *c, const char *s, size_t n,
    int (*find)(const struct catalog *, const char *, size_t),
    const struct catalog *cat)
{
	unsigned h = 2166136261u;
	size_t i;

	if (n == 0 || n > LOOKUP_KEY)
		return find(cat, s, n);
	for (i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 16777619u;
	h = (h ^ (h >> 16)) & (LOOKUP_SLOTS - 1);
	if (c->e[h].len == n && memcmp(c->e[h].key, s, n) == 0)
		return c->e[h].ix;
	c->e[h].len = (unsigned char)n;
	memcpy(c->e[h].key, s, n);
	c->e[h].ix = find(cat, s, n);
	return c->e[h].ix;
}

static int
intern_ids(struct job *j, int ind, int reg, struct store_obs *o)
{
	const struct catalog *cat = j->cat;
	int rc;

	if (j->ind_id[ind] < 0) {
		int id;

		if ((rc = store_indicator_id(j->st, cat->indicators[ind].code,
		    cat->units[cat->indicators[ind].unit].unit, &id,
		    j->err)) != 0)
			return rc;
		j->ind_id[ind] = id;
		if (id >= 0 && (size_t)id >= j->nkind_of) {
			size_t n = (size_t)id + 16;

			j->kind_of = xreallocarray(j->kind_of, n, 1);
			memset(j->kind_of + j->nkind_of, 0, n - j->nkind_of);
			j->nkind_of = n;
		}
		if (id >= 0)
			j->kind_of[id] = (unsigned char)cat->indicators[ind].kind;
	}
	if (j->reg_id[reg] < 0 && (rc = store_region_id(j->st,
	    cat->regions[reg].code, &j->reg_id[reg], j->err)) != 0)
		return rc;
	o->ind = j->ind_id[ind];
	o->reg = j->reg_id[reg];
	return 0;
}

static bool
row_is_blank(const struct reader_row *r)
{
	size_t i;

	for (i = 0; i < r->n; i++) {
		size_t n = r->len[i];

		reader_trim(r->field[i], &n);
		if (n)
			return false;
	}
	return true;
}

static int
cmp_pending(const void *x, const void *y)
{
	/* No key twice in a batch: batch_add() rejects a repeat. */
	return store_key_cmp(&((const struct pending *)x)->put.o,
	    &((const struct pending *)y)->put.o);
}

/* The reject of a duplicate found when its batch is stored or its runs
 * merged: its row is rebuilt from the fields kept with it. */
static int
reject_fields(struct job *j, unsigned long line, const char *f,
    size_t nfields, const char *reason)
{
	struct reader_row row;
	size_t i;

	if (nfields > j->dup_cap) {
		j->dup_cap = nfields;
		j->dup_field = xreallocarray(j->dup_field, j->dup_cap,
		    sizeof(*j->dup_field));
		j->dup_len = xreallocarray(j->dup_len, j->dup_cap,
		    sizeof(*j->dup_len));
	}
	for (i = 0; i < nfields; i++) {
		j->dup_field[i] = f;
		j->dup_len[i] = strlen(f);
		f += j->dup_len[i] + 1;
	}
	memset(&row, 0, sizeof(row));
	row.n = nfields;
	row.field = j->dup_field;
	row.len = j->dup_len;
	row.line = line;
	row.nlines = 1;
	return reject(j, &row, reason);
}

static bool
same_key(const struct store_obs *a, const struct store_obs *b)
{
	return store_key_cmp(a, b) == 0;
}

static void
batch_reset(struct job *j)
{
	j->nbatch = 0;
	buf_reset(&j->batch_raw);
	if (j->slot)
		memset(j->slot, 0, 2 * batch_rows(j->o) * sizeof(*j->slot));
}

/* Plausibility, never a reject: a value against the one before it in the
 * same series, basis and frequency (of this file or stored). Rows come
 * here in key order, so that is the previous row most of the time. */
static int
plausible(struct job *j, const struct store_obs *o, unsigned long line)
{
	char pt[PERIOD_TEXT_MAX], pp[PERIOD_TEXT_MAX];
	struct period p, q;
	double prev, r;
	int prev_period, rc;
	bool found;

	if (j->have_prev && j->prev.ind == o->ind && j->prev.reg == o->reg &&
	    j->prev.basis == o->basis &&
	    j->prev.period / 1000000 == o->period / 1000000) {
		found = true;
		prev = j->prev.value;
		prev_period = j->prev.period;
	} else if ((rc = store_prev_value(j->st, o, false, &found, &prev,
	    &prev_period, j->err)) != 0) {
		return rc;
	}
	j->prev = *o;
	j->have_prev = true;
	if (!found || period_from_key(o->period, &p) != 0 ||
	    period_from_key(prev_period, &q) != 0)
		return 0;
	/* The periods are formatted for a note only: snprintf on every
	 * row was a sixth of an ingest's instructions. */
	if (o->basis == BASIS_YTD && p.year == q.year &&
	    (size_t)o->ind < j->nkind_of && j->kind_of[o->ind] == KIND_FLOW &&
	    o->value < prev) {
		j->res->warnings++;
		period_format(&p, pt);
		period_format(&q, pp);
		note(j, line, false, "year-to-date value %.15g of %s is below "
		    "the %.15g of %s: a year-to-date flow does not go down",
		    o->value, pt, prev, pp);
	}
	if (prev != 0 && o->value != 0) {
		r = fabs(o->value / prev);
		if (r > 1000 || r < 0.001) {
			j->res->warnings++;
			period_format(&p, pt);
			period_format(&q, pp);
			note(j, line, false, "value %.15g of %s is %s the "
			    "%.15g of %s: a unit slip (万 and 亿)?", o->value,
			    pt, r > 1000 ? "over 1000 times" : "under 1/1000 of",
			    prev, pp);
		}
	}
	return 0;
}

/* Store the batch, which is in key order. */
static int
batch_store(struct job *j)
{
	char buf[64];
	size_t i;
	int rc;

	rc = store_put_batch(j->st, j->batch, j->nbatch, sizeof(*j->batch),
	    j->file_id, j->err);
	for (i = 0; i < j->nbatch && rc == 0; i++) {
		const struct pending *p = &j->batch[i];

		if (p->put.res != PUT_DUPLICATE &&
		    (rc = plausible(j, &p->put.o, p->put.line)) != 0)
			break;
		switch (p->put.res) {
		case PUT_INSERTED:
			j->res->n.inserted++;
			cons_touch(&j->touched, p->put.o.ind, p->put.o.reg,
			    p->put.o.period);
			break;
		case PUT_REVISED:
			j->res->n.revised++;
			cons_touch(&j->touched, p->put.o.ind, p->put.o.reg,
			    p->put.o.period);
			break;
		case PUT_UNCHANGED:
			j->res->n.unchanged++;
			break;
		case PUT_DUPLICATE:
			snprintf(buf, sizeof(buf), "duplicate of line %lu",
			    p->put.dup_line);
			rc = reject_fields(j, p->put.line,
			    j->batch_raw.data + p->raw, p->nfields, buf);
			break;
		}
	}
	batch_reset(j);
	return j->rc = rc;
}

static void
pending_row(const void *elem, const void *raw, struct run_row *out)
{
	const struct pending *p = elem;

	out->o = p->put.o;
	out->line = p->put.line;
	out->nfields = p->nfields;
	out->rawlen = p->rawlen;
	out->raw = (const char *)raw + p->raw;
}

/* A full batch goes to the runs' thread, to be sorted and written as a
 * run, while the next one fills the spare arrays. */
static int
batch_spill(struct job *j)
{
	struct run_batch b;
	struct pending *t;
	struct buf tb;
	int rc;

	if (j->runs == NULL &&
	    (rc = runs_create(j->o->tmpdir, &j->runs, j->err)) != 0)
		return j->rc = rc;
	b.elems = j->batch;
	b.n = j->nbatch;
	b.size = sizeof(*j->batch);
	b.cmp = cmp_pending;
	b.to_row = pending_row;
	b.ctx = j->batch_raw.data;
	/* Returns once the previous batch is written: the spare is free. */
	rc = runs_submit(j->runs, &b, j->err);
	t = j->batch;
	j->batch = j->spare ? j->spare
	    : xreallocarray(NULL, batch_rows(j->o), sizeof(*j->batch));
	j->spare = t;
	tb = j->batch_raw;
	j->batch_raw = j->spare_raw;
	j->spare_raw = tb;
	batch_reset(j);
	return j->rc = rc;
}

/* The runs merged into the store, a batch at a time. Rows of one key in
 * two runs meet here: the first line is kept, the later is a duplicate. */
static int
runs_store(struct job *j)
{
	struct run_row row;
	struct store_obs last;
	unsigned long last_line = 0;
	bool have_last = false;
	char buf[64];
	int rc;

	while ((rc = runs_next(j->runs, &row, j->err)) > 0) {
		struct pending *p;

		if (have_last && same_key(&last, &row.o)) {
			snprintf(buf, sizeof(buf), "duplicate of line %lu",
			    last_line);
			if ((rc = reject_fields(j, row.line, row.raw,
			    row.nfields, buf)) != 0)
				return rc;
			continue;
		}
		last = row.o;
		last_line = row.line;
		have_last = true;
		p = &j->batch[j->nbatch++];
		memset(p, 0, sizeof(*p));
		p->put.o = row.o;
		p->put.line = row.line;
		p->raw = j->batch_raw.len;
		p->rawlen = row.rawlen;
		p->nfields = row.nfields;
		buf_add(&j->batch_raw, row.raw, row.rawlen);
		if (j->nbatch == batch_rows(j->o) || j->batch_raw.len >= BATCH_BYTES) {
			if ((rc = batch_store(j)) != 0)
				return rc;
			if (j->o->stop && *j->o->stop)
				return j->rc = PM_EINTR;
		}
	}
	if (rc < 0)
		return j->rc = rc;
	return batch_store(j);
}

/* After the last row: store what is left. */
static int
batch_finish(struct job *j)
{
	int rc;

	if (j->runs == NULL) {
		if (j->nbatch > 1)
			qsort(j->batch, j->nbatch, sizeof(*j->batch),
			    cmp_pending);
		return batch_store(j);
	}
	if (j->nbatch && (rc = batch_spill(j)) != 0)
		return rc;
	/* The spare arrays are free once the last run is written: they go
	 * before the merge and the store's cache take their memory. */
	if ((rc = runs_wait(j->runs, j->err)) != 0)
		return j->rc = rc;
	free(j->spare);
	j->spare = NULL;
	buf_release(&j->spare_raw);
	return runs_store(j);
}

/* The basis is left out: data_row() knows the rest early enough to
 * fetch the slot before batch_add() looks at it. */
static unsigned
key_hash(int ind, int reg, int period)
{
	unsigned h = 2166136261u;

	h = (h ^ (unsigned)ind) * 16777619u;
	h = (h ^ (unsigned)reg) * 16777619u;
	h = (h ^ (unsigned)period) * 16777619u;
	return h ^ (h >> 15);
}

/* The batch's key hash is a megabyte, each row a random slot of it: ask
 * for the row's slot while the rest of the row is checked. */
static void
prefetch_slot(const struct job *j, int ii, int ri, const struct period *p)
{
	int ind, reg;

	if (j->slot == NULL)
		return;
	ind = j->ind_id[ii];
	reg = j->reg_id[ri];
	__builtin_prefetch(&j->slot[key_hash(ind, reg, period_key(p)) &
	    (2 * batch_rows(j->o) - 1)]);
}


static int
batch_add(struct job *j, const struct store_obs *o,
    const struct reader_row *r)
{
	struct pending *p;
	size_t i, h;
	unsigned kh;
	char buf[64];

	if (j->batch == NULL) {
		j->batch = xreallocarray(NULL, batch_rows(j->o), sizeof(*j->batch));
		j->slot = xcalloc(2 * batch_rows(j->o), sizeof(*j->slot));
	}
	kh = key_hash(o->ind, o->reg, o->period);
	for (h = kh & (2 * batch_rows(j->o) - 1); j->slot[h].ix;
	    h = (h + 1) & (2 * batch_rows(j->o) - 1)) {
		const struct pending *q;

		if (j->slot[h].hash != kh)
			continue;
		q = &j->batch[j->slot[h].ix - 1];
		if (same_key(&q->put.o, o)) {
			snprintf(buf, sizeof(buf), "duplicate of line %lu",
			    q->put.line);
			return reject(j, r, buf);
		}
	}
	j->slot[h].ix = (unsigned)j->nbatch + 1;
	j->slot[h].hash = kh;
	p = &j->batch[j->nbatch++];
	p->put.o = *o;
	p->put.line = r->line;
	p->raw = j->batch_raw.len;
	p->nfields = r->n;
	if (r->text)            /* the reader's fields, one block */
		buf_add(&j->batch_raw, r->text, r->textlen);
	else
		for (i = 0; i < r->n; i++)
			buf_add(&j->batch_raw, r->field[i], r->len[i] + 1);
	p->rawlen = j->batch_raw.len - p->raw;
	if (j->nbatch == batch_rows(j->o) || j->batch_raw.len >= BATCH_BYTES)
		return batch_spill(j);
	return 0;
}

/* The source and note of a row: its own cells, else the file's '数据来源：'
 * and '注：' lines. Interned once per distinct pair in a row. */
static int
row_prov(struct job *j, const struct reader_row *r, long long *prov)
{
	const char *src, *nt;
	size_t ns, nn;
	char *a, *b;
	int rc;

	src = cell(j, r, C_SOURCE, &ns);
	if (ns == 0) {
		src = j->meta.source.data ? j->meta.source.data : "";
		ns = j->meta.source.len;
	}
	nt = cell(j, r, C_NOTE, &nn);
	if (nn == 0) {
		nt = j->meta.note.data ? j->meta.note.data : "";
		nn = j->meta.note.len;
	}
	if (ns == 0 && nn == 0) {
		*prov = 0;
		return 0;
	}
	if (j->have_prov && j->last_source.len == ns &&
	    j->last_note.len == nn &&
	    (ns == 0 || memcmp(j->last_source.data, src, ns) == 0) &&
	    (nn == 0 || memcmp(j->last_note.data, nt, nn) == 0)) {
		*prov = j->last_prov;
		return 0;
	}
	a = xstrndup(src, ns);
	b = xstrndup(nt, nn);
	rc = store_prov_id(j->st, a, b, prov, j->err);
	free(a);
	free(b);
	if (rc != 0)
		return rc;
	buf_reset(&j->last_source);
	buf_add(&j->last_source, src, ns);
	buf_reset(&j->last_note);
	buf_add(&j->last_note, nt, nn);
	j->last_prov = *prov;
	j->have_prov = true;
	return 0;
}

/* An indicator cell as a release table indents an item
 * ("其中：实物商品网上零售额（亿元）"): the catalogue's indicator it names
 * without the lead, or -1; a bracketed unit into *bu. */
static int
item_named(struct job *j, const char *s, size_t n, const char **bu,
    size_t *bun)
{
	const char *t = layout_item_name(s, &n);
	size_t m;
	int ii;

	if (t == s)
		return -1;
	ii = lookup_cached(j->ind_cache, t, n,
	    catalog_indicator_named, j->cat);
	if (ii < 0 && layout_split_unit(t, n, &m, bu, bun))
		ii = lookup_cached(j->ind_cache, t, m,
		    catalog_indicator_named, j->cat);
	return ii;
}

/* The checks, in the order a person fixing the file wants them. Returns
 * 0 with the row stored or rejected, or a system error. */
static int
data_row(struct job *j, const struct reader_row *r)
{
	const struct catalog *cat = j->cat;
	const struct cat_indicator *ind;
	const struct cat_unit *to, *from;
	struct store_obs o;
	struct period p;
	const char *s, *why, *vs, *ps, *bu;
	size_t n, i, vn, pn, bun;
	int ii, ri, ui, e10, months;
	unsigned pflags;
	enum basis_word bw;
	bool pct, ypct;
	double v;
	char buf[96];

	memset(&o, 0, sizeof(o));
	if (j->header_problem[0])
		return reject(j, r, j->header_problem);
	if (r->unterminated)
		return reject(j, r, "unterminated quoted field");
	if (r->nul_field) {
		snprintf(buf, sizeof(buf), "field %zu contains a NUL byte",
		    r->nul_field);
		return reject(j, r, buf);
	}
	if (r->long_field) {
		snprintf(buf, sizeof(buf), "field %zu is longer than %zu bytes",
		    r->long_field, j->o->max_field ? j->o->max_field
		    : (size_t)READER_MAX_FIELD_DEFAULT);
		return reject(j, r, buf);
	}
	if (r->too_many_fields) {
		snprintf(buf, sizeof(buf), "more than %d fields",
		    READER_MAX_FIELDS);
		return reject(j, r, buf);
	}
	if (r->n < j->need) {
		snprintf(buf, sizeof(buf), "too few fields (%zu, expected %zu)",
		    r->n, j->ncols);
		return reject(j, r, buf);
	}
	for (i = j->ncols; i < r->n; i++) {
		n = r->len[i];
		reader_trim(r->field[i], &n);
		if (n) {
			snprintf(buf, sizeof(buf),
			    "too many fields (%zu, expected %zu)", r->n,
			    j->ncols);
			return reject(j, r, buf);
		}
	}

	s = cell(j, r, C_VALUE, &n);
	if (not_published(s, n)) {
		j->res->n.skipped++;
		return 0;
	}

	s = cell(j, r, C_INDICATOR, &n);
	ii = lookup_cached(j->ind_cache, s, n,
	    catalog_indicator_named, cat);
	bu = NULL;
	bun = 0;
	if (ii < 0 && layout_split_unit(s, n, &i, &bu, &bun))
		ii = lookup_cached(j->ind_cache, s, i,
		    catalog_indicator_named, cat);
	if (ii < 0)
		ii = item_named(j, s, n, &bu, &bun);
	if (ii < 0 && j->o->skip_unknown) {
		j->res->n.skipped++;
		j->res->untracked++;
		return 0;
	}
	if (ii < 0)
		return reject_cell(j, r, "unknown indicator", s, n, NULL);
	ind = &cat->indicators[ii];
	to = &cat->units[ind->unit];

	s = cell(j, r, C_REGION, &n);
	ri = lookup_cached(j->reg_cache, s, n,
	    catalog_region, cat);
	if (ri < 0)
		return reject_cell(j, r, "unknown region", s, n, NULL);

	s = cell(j, r, C_PERIOD, &n);
	if (period_parse_cell(s, n, &p, &pflags, &why) != 0)
		return reject_cell(j, r, "bad period", s, n, why);
	ps = s;
	prefetch_slot(j, ii, ri, &p);
	pn = n;

	s = cell(j, r, C_VALUE, &n);
	switch (value_parse(s, n, &v, &pct, &why)) {
	case VALUE_EMPTY:
		return reject(j, r, "missing value");
	case VALUE_BAD:
		return reject_cell(j, r, "bad value", s, n, why);
	default:
		break;
	}

	s = cell(j, r, C_UNIT, &n);
	if (n == 0 && bu)
		s = bu, n = bun;        /* "软件业务收入(亿元)" */
	if (n == 0 && pct)
		s = "%", n = 1;
	if (n == 0) {
		from = to;
	} else {
		if ((ui = lookup_cached(j->unit_cache, s, n, catalog_unit,
		    cat)) < 0)
			return reject_cell(j, r, "unknown unit", s, n, NULL);
		from = &cat->units[ui];
		if (strcmp(from->dimension, to->dimension) != 0) {
			buf_reset(&j->reason);
			buf_adds(&j->reason, "unit ");
			quote_cell(&j->reason, s, n);
			buf_addf(&j->reason, " (%s) does not convert to %s "
			    "(%s) of '%s'", from->dimension, to->unit,
			    to->dimension, ind->code);
			return reject(j, r, j->reason.data);
		}
	}
	/* The value cell again, for messages ('s' and 'n' moved on). */
	vs = cell(j, r, C_VALUE, &vn);
	if (pct && strcmp(from->unit, "%") != 0)
		return reject_cell(j, r, "value", vs, vn,
		    strcmp(from->dimension, "percent") == 0 ?
		    "a percent sign on a value in another unit" :
		    "a percent sign on a value that is not a percentage");
	if (from == to) {
		o.value = v;
	} else if (value_ratio_exp10(from->factor, to->factor, &e10)) {
		/* From the text again, scaled: one rounding, not two. */
		if (value_parse_scaled(vs, vn, e10, &o.value, &pct, &why) !=
		    VALUE_OK)
			return reject_cell(j, r, "value", vs, vn,
			    "out of range after unit conversion");
	} else if (!value_convert(v, from->factor, to->factor, &o.value)) {
		return reject_cell(j, r, "value", vs, vn,
		    "out of range after unit conversion");
	}
	if (o.value < 0 && strcmp(to->dimension, "count") == 0)
		return reject_cell(j, r, "negative count", vs, vn, NULL);

	s = cell(j, r, C_BASIS, &n);
	bw = basis_word(s, n, &months);
	if (bw == BW_BAD)
		return reject_cell(j, r, "bad basis", s, n,
		    "empty or 'ytd' (or 累计, 1-N月; 当月, 当季, 本期)");
	if ((pflags & PERIOD_CELL_YTD) && bw == BW_PERIOD) {
		buf_reset(&j->reason);
		buf_adds(&j->reason, "period ");
		quote_cell(&j->reason, ps, pn);
		buf_adds(&j->reason, " is year to date, basis ");
		quote_cell(&j->reason, s, n);
		buf_adds(&j->reason, " says the period itself");
		return reject(j, r, j->reason.data);
	}
	if (months && !(p.freq == FREQ_M && p.sub == months) &&
	    !(p.freq == FREQ_Y && months == 12)) {
		buf_reset(&j->reason);
		buf_adds(&j->reason, "basis ");
		quote_cell(&j->reason, s, n);
		buf_adds(&j->reason, " does not end in period ");
		quote_cell(&j->reason, ps, pn);
		return reject(j, r, j->reason.data);
	}
	if (bw == BW_YTD || (pflags & PERIOD_CELL_YTD)) {
		/* A rate or share may be published year to date only; a
		 * stock is a level at a date ("2023年6月末"). */
		if (ind->kind == KIND_STOCK)
			return reject(j, r, "basis 'ytd' applies to flows only "
			    "and to rates published year to date, not to a "
			    "stock (a level at a date)");
		/* A whole year to date is the year itself. */
		o.basis = p.freq == FREQ_Y ? BASIS_PERIOD : BASIS_YTD;
	} else {
		o.basis = BASIS_PERIOD;
	}
	if (pflags & PERIOD_CELL_EXCEL) {
		char pt[PERIOD_TEXT_MAX];

		j->res->warnings++;
		buf_reset(&j->reason);
		buf_adds(&j->reason, "period ");
		quote_cell(&j->reason, ps, pn);
		note(j, r->line, false, "%s read as %s", j->reason.data,
		    period_format(&p, pt));
	}

	s = cell(j, r, C_YOY, &n);
	o.has_yoy = false;
	o.yoy = 0;
	if (n) {
		if (value_parse(s, n, &o.yoy, &ypct, &why) != VALUE_OK)
			return reject_cell(j, r, "bad yoy", s, n,
			    why ? why : "not a number");
		o.has_yoy = true;
		if (fabs(o.yoy) > 500) {
			j->res->warnings++;
			note(j, r->line, false, "published growth %.15g%% is "
			    "beyond +/-500%%: a slip?", o.yoy);
		}
	}
	o.period = period_key(&p);

	s = cell(j, r, C_STATUS, &n);
	o.status = 0;
	if (n && (o.status = status_word(s, n)) == 0)
		return reject_cell(j, r, "bad status", s, n, "A, P, E, B or "
		    "F (or 初步, 预计, 估计)");
	o.prov = 0;
	if (!j->o->dry_run && (j->rc = row_prov(j, r, &o.prov)) != 0)
		return j->rc;

	if (j->o->dry_run) {
		j->res->n.inserted++;
		return 0;
	}
	if ((j->rc = intern_ids(j, ii, ri, &o)) != 0)
		return j->rc;
	return batch_add(j, &o, r);
}

/* --- Shapes of table ---------------------------------------------------
 *
 * A first pass reads the lines before the header (metadata such as
 * "地区：浙江省"), the header, and, when the table is wide, the lines after
 * it (notes, sources): those apply to every value of the file, and come
 * after the values. A long file's first pass stops at its header.
 */

#define LAYOUT_PASS_DONE 1      /* layout_pass_row(): the header is read */

static const char *const long_field[] = {
	"indicator", "region", "period", "value", "unit", "basis",
};
#define NLONG (sizeof(long_field) / sizeof(long_field[0]))
/* The columns of a wide row that apply to each of its values, in the
 * order the long row carries them after NLONG. */
static const enum col wide_extra[] = { C_STATUS, C_SOURCE, C_NOTE };
#define NEXTRA (sizeof(wide_extra) / sizeof(wide_extra[0]))
#define LONG_MAX_FIELDS (NLONG + 1 + NEXTRA)      /* yoy, the extras */

/* s[0..*n) ends in the word w: take it off. */
static bool
label_suffix(const char *s, size_t *n, const char *w)
{
	size_t k = strlen(w);

	if (*n <= k || memcmp(s + *n - k, w, k) != 0)
		return false;
	*n -= k;
	return true;
}

/* A wide header's period label as the long row will carry it: the cell
 * itself when it is a period ("2024年1-10月"), else prefixed with 'year'
 * (a title's or a '时间：' line's; 0: none) for "10月", "1-10月份".
 * False when it is no period. 'out' NULL: only say. */
static bool
wide_label(int year, const char *s, size_t n, struct buf *out)
{
	struct buf t = BUF_INIT;
	bool ok = false;
	size_t m = n;
	unsigned want = 0;
	int pass;

	if (n == 0)
		return false;
	/* "1-10月累计": a span from January says so itself; "10月当月" or
	 * "本月": the month. The word goes, the meaning must stay. */
	if (label_suffix(s, &m, "累计值") || label_suffix(s, &m, "累计"))
		want = PERIOD_CELL_YTD;
	else if (label_suffix(s, &m, "当月") || label_suffix(s, &m, "本月"))
		want = 0;
	for (pass = 0; pass < 4 && !ok; pass++) {
		size_t k = m;
		struct period p;
		unsigned fl = 0;

		/* "10月份", "1-10月份": the label without its 份. */
		if (pass & 1) {
			if (k <= 3 || memcmp(s + k - 3, "份", 3) != 0)
				continue;
			k -= 3;
		}
		buf_reset(&t);
		if (pass & 2) {
			if (year == 0)
				continue;
			buf_addf(&t, "%d年", year);
		}
		buf_add(&t, s, k);
		ok = t.len > 0 && period_parse_cell(t.data, t.len, &p, &fl,
		    NULL) == 0 && (m == n || (fl & PERIOD_CELL_YTD) == want);
	}
	if (ok && out)
		buf_add(out, t.data, t.len);
	buf_release(&t);
	return ok;
}

/* Column i named c is the first status, source or note column of a
 * wide header: take it. */
static bool
wide_extra_col(struct job *j, enum col c, int i)
{
	size_t k;

	for (k = 0; k < NEXTRA; k++)
		if (wide_extra[k] == c) {
			if (j->w_extra[k] >= 0)
				return false;
			j->w_extra[k] = i;
			return true;
		}
	return false;
}

/* Each period column's growth column: one right after it named as one
 * ("同比增长(%)", "比上年同期增长(%)", "增速"), as in "指标,1-10月累计,
 * 比上年同期增长(%)". A release table's second header row may say more
 * (grouped_header()). */
static void
period_growth_cols(struct job *j, const struct reader_row *r)
{
	size_t k, i, n;
	const char *s;

	j->ycol = xreallocarray(NULL, j->npcol ? j->npcol : 1,
	    sizeof(*j->ycol));
	j->punit_off = xreallocarray(NULL, j->npcol ? j->npcol : 1,
	    sizeof(size_t));
	buf_reset(&j->punit);
	buf_addc(&j->punit, '\0');     /* offset 0: no unit */
	for (k = 0; k < j->npcol; k++) {
		j->ycol[k] = -1;
		j->punit_off[k] = 0;
		i = j->pcol[k] + 1;
		if (i >= r->n || (k + 1 < j->npcol && j->pcol[k + 1] == i))
			continue;
		n = r->len[i];
		s = reader_trim(r->field[i], &n);
		if (column_named(s, n) == C_YOY ||
		    layout_measure_of(s, n) == LAYOUT_M_GROWTH) {
			j->ycol[k] = (int)i;
			j->has_ycol = true;
		}
	}
}

/* The roles of a wide header's columns, or an error (*rc) that stops
 * the file before any row is read. */
static int
wide_header(struct job *j, const struct reader_row *r, bool forced)
{
	int label = -1;
	size_t i, k;

	j->w_ind = j->w_reg = j->w_unit = j->w_basis = -1;
	for (k = 0; k < NEXTRA; k++)
		j->w_extra[k] = -1;
	j->pcol = xreallocarray(NULL, r->n ? r->n : 1, sizeof(*j->pcol));
	j->wide_hdr_off = xreallocarray(NULL, r->n ? r->n : 1,
	    sizeof(size_t));
	j->npcol = 0;
	j->wide_ncols = r->n;
	for (i = 0; i < r->n; i++) {
		size_t n = r->len[i];
		const char *s = reader_trim(r->field[i], &n);
		enum col c = column_named(s, n);
		bool per = c == C_N && wide_label(j->year, s, n, NULL);

		j->wide_hdr_off[i] = j->wide_hdr.len;
		if (per)
			wide_label(j->year, s, n, &j->wide_hdr);
		else
			buf_add(&j->wide_hdr, s, n);
		buf_addc(&j->wide_hdr, '\0');
		if (c == C_INDICATOR && j->w_ind < 0)
			j->w_ind = (int)i;
		else if (c == C_REGION && j->w_reg < 0)
			j->w_reg = (int)i;
		else if (c == C_UNIT && j->w_unit < 0)
			j->w_unit = (int)i;
		else if (c == C_BASIS && j->w_basis < 0)
			j->w_basis = (int)i;
		else if (wide_extra_col(j, c, (int)i))
			;
		else if (per)
			j->pcol[j->npcol++] = i;
		else if (c == C_N && n && label < 0)
			label = (int)i;
	}
	/* --layout wide on a header whose first column has a name of its
	 * own ("城市"): it holds the indicators, or the regions when the
	 * indicator is given. */
	period_growth_cols(j, r);
	if (forced && j->w_ind < 0 && j->w_reg < 0 && label >= 0) {
		if (j->meta.indicator.len || j->o->indicator)
			j->w_reg = label;
		else
			j->w_ind = label;
	}
	for (i = 0; i < r->n; i++) {
		bool used = (int)i == j->w_ind || (int)i == j->w_reg ||
		    (int)i == j->w_unit || (int)i == j->w_basis;

		for (k = 0; k < NEXTRA && !used; k++)
			used = j->w_extra[k] == (int)i;
		size_t n = r->len[i];
		const char *s = reader_trim(r->field[i], &n);
		struct buf q = BUF_INIT;

		for (k = 0; k < j->npcol && !used; k++)
			used = j->pcol[k] == i || j->ycol[k] == (int)i;
		if (used || n == 0)
			continue;
		quote_cell(&q, s, n);
		note(j, r->line, false, "unknown column %s ignored", q.data);
		buf_release(&q);
	}
	if (j->w_ind < 0 && j->meta.indicator.len == 0 && !j->o->indicator)
		return pm_fail(j->err, PM_EUSAGE, j->name, r->line,
		    "wide table without an indicator: no indicator column "
		    "(indicator, 指标), no '指标：' line; give --indicator "
		    "CODE");
	if (j->w_reg < 0 && j->meta.region.len == 0 && !j->o->region)
		return pm_fail(j->err, PM_EUSAGE, j->name, r->line,
		    "wide table without a region: no region column (region, "
		    "地区), no '地区：' line; give --region CODE");
	return 0;
}

/* A header whose period labels have no year ("10月", "1-10月") and
 * nothing that gives it: a usage error that says where it can come
 * from. 0 when the header has no such label. */
static int
yearless(struct job *j, const struct reader_row *r)
{
	size_t i;

	if (j->o->layout == LAYOUT_LONG)
		return 0;
	for (i = 0; i < r->n; i++) {
		size_t n = r->len[i];
		const char *s = reader_trim(r->field[i], &n);
		struct buf q = BUF_INIT;
		int rc;

		/* Any year makes it a period: it has none of its own. */
		if (column_named(s, n) != C_N || !wide_label(2000, s, n, NULL))
			continue;
		quote_cell(&q, s, n);
		rc = pm_fail(j->err, PM_EUSAGE, j->name, r->line,
		    "period label %s without a year: a title line naming it "
		    "('2024年...'), a '时间：2024年' line, or --year YEAR",
		    q.data);
		buf_release(&q);
		return rc;
	}
	return 0;
}

/* Long or wide, from the header's names: a long header names 'period'
 * and 'value'; a wide one has periods for names ("2023", "2024年") beside
 * an indicator, region or unit column. */
static int
choose_layout(struct job *j, const struct reader_row *r)
{
	bool named[C_N] = { false };
	size_t i, np = 0;
	struct buf per = BUF_INIT;
	int rc = 0;

	for (i = 0; i < r->n; i++) {
		size_t n = r->len[i];
		const char *s = reader_trim(r->field[i], &n);
		enum col c = column_named(s, n);

		if (c < C_N) {
			named[c] = true;
		} else if (wide_label(j->year, s, n, NULL)) {
			if (np++ < 3) {
				buf_adds(&per, np > 1 ? ", " : "");
				quote_cell(&per, s, n);
			}
		}
	}
	if (np == 0 && j->year == 0 && (rc = yearless(j, r)) != 0)
		return rc;
	switch (j->o->layout) {
	case LAYOUT_LONG:
		j->wide = false;
		break;
	case LAYOUT_WIDE:
		if (np == 0) {
			rc = pm_fail(j->err, PM_EDATA, j->name, r->line,
			    "--layout wide: no period among the header's "
			    "names (2023, 2024年, ...)");
			break;
		}
		j->wide = true;
		break;
	default:
		if ((named[C_PERIOD] || named[C_VALUE]) && np) {
			rc = pm_fail(j->err, PM_EDATA, j->name, r->line,
			    "ambiguous header: long (its columns %s%s%s) or "
			    "wide (periods as columns: %s%s)? --layout long "
			    "or --layout wide says which",
			    named[C_PERIOD] ? "'period'" : "",
			    named[C_PERIOD] && named[C_VALUE] ? " and " : "",
			    named[C_VALUE] ? "'value'" : "", per.data,
			    np > 3 ? ", ..." : "");
			break;
		}
		j->wide = np && (named[C_INDICATOR] || named[C_REGION] ||
		    named[C_UNIT]);
		break;
	}
	buf_release(&per);
	if (rc == 0 && j->wide)
		rc = wide_header(j, r, j->o->layout == LAYOUT_WIDE);
	return rc;
}

/* A title above a table ("2024年1-10月份社会消费品零售总额主要数据", or
 * only "2024年1-10月"): one cell, and no column name nor number (a
 * header needs more than one cell). Its year, if any, dates the period
 * labels that have none. */
static bool
title_line(struct job *j, const struct reader_row *r)
{
	const char *s = NULL;
	size_t i, n = 0, k;

	if (j->o->layout == LAYOUT_LONG)
		return false;
	for (i = 0; i < r->n; i++) {
		size_t m = r->len[i];
		const char *t = reader_trim(r->field[i], &m);

		if (m == 0)
			continue;
		if (s != NULL)
			return false;
		s = t;
		n = m;
	}
	if (s == NULL || column_named(s, n) != C_N)
		return false;
	for (k = 0; k < n && ((s[k] >= '0' && s[k] <= '9') || s[k] == '.' ||
	    s[k] == '-'); k++)
		;
	if (k == n)
		return false;   /* a number: data, not a title */
	if (j->year == 0)
		j->year = layout_year(s, n);
	return true;
}

/* A cell that reads as a number (a data row's value, not a header's). */
static bool
numeric_cell(const char *s, size_t n)
{
	if (n && (*s == '-' || *s == '+'))
		s++, n--;
	return n > 0 && *s >= '0' && *s <= '9';
}

/* The second header row of a release table: under each period's label
 * a level column ("绝对量（亿元）") and a growth column ("同比增长（%）"):
 *
 *	指标,10月,,1-10月,
 *	,绝对量（亿元）,同比增长（%）,绝对量（亿元）,同比增长（%）
 *
 * The cells before the first period are empty, none is a number. The
 * period columns become the level ones, each with its growth column and
 * unit. False (nothing changed) when 'r' is not such a row. */
static bool
grouped_header(struct job *j, const struct reader_row *r)
{
	size_t i, k, n, nn, nu, first;
	int *lev, g = -1;
	bool any = false;
	const char *s, *u;

	if (j->npcol == 0)
		return false;
	first = j->pcol[0];
	for (i = 0; i < r->n; i++) {
		n = r->len[i];
		s = reader_trim(r->field[i], &n);
		if (n && (i < first || numeric_cell(s, n)))
			return false;
		any |= n > 0;
	}
	if (!any)
		return false;
	lev = xreallocarray(NULL, j->npcol, sizeof(*lev));
	for (k = 0; k < j->npcol; k++)
		lev[k] = j->ycol[k] = -1;
	/* Cells past the header's last column belong to no period (the
	 * rows' cells there are rejected as such). */
	for (i = first; i < r->n && i < j->wide_ncols; i++) {
		/* A period's group: its column and the empty ones after it. */
		for (k = 0; k < j->npcol; k++)
			if (j->pcol[k] == i)
				g = (int)k;
		if (g < 0 || (j->pcol[g] != i &&
		    j->wide_hdr.data[j->wide_hdr_off[i]] != '\0')) {
			g = -1;
			continue;
		}
		n = r->len[i];
		s = reader_trim(r->field[i], &n);
		switch (layout_measure_of(s, n)) {
		case LAYOUT_M_LEVEL:
			if (lev[g] >= 0)
				break;
			lev[g] = (int)i;
			j->punit_off[g] = j->punit.len;
			if (layout_split_unit(s, n, &nn, &u, &nu))
				buf_add(&j->punit, u, nu);
			buf_addc(&j->punit, '\0');
			break;
		case LAYOUT_M_GROWTH:
			if (j->ycol[g] < 0)
				j->ycol[g] = (int)i;
			j->has_ycol = true;
			break;
		case LAYOUT_M_NONE:
			break;
		}
	}
	/* The level columns carry the values, under their period's label;
	 * a period without one has no value to give. */
	for (k = n = 0; k < j->npcol; k++) {
		if (lev[k] < 0) {
			struct buf q = BUF_INIT;

			quote_cell(&q, j->wide_hdr.data +
			    j->wide_hdr_off[j->pcol[k]],
			    strlen(j->wide_hdr.data +
			    j->wide_hdr_off[j->pcol[k]]));
			note(j, r->line, false, "period %s has no level "
			    "column (绝对量, 累计, ...) under it: ignored",
			    q.data);
			buf_release(&q);
			continue;
		}
		j->wide_hdr_off[lev[k]] = j->wide_hdr_off[j->pcol[k]];
		j->pcol[n] = (size_t)lev[k];
		j->ycol[n] = j->ycol[k];
		j->punit_off[n++] = j->punit_off[k];
	}
	j->npcol = n;
	free(lev);
	j->grouped = true;
	j->subheader_line = r->line;
	return true;
}

static int
layout_pass_row(void *ctx, const struct reader_row *r)
{
	struct job *j = ctx;
	int rc;

	if (row_is_blank(r))
		return 0;
	if (!j->pre_header_seen) {
		if (layout_meta_line(r, &j->meta)) {
			if (j->year == 0 && j->meta.time.len)
				j->year = layout_year(j->meta.time.data,
				    j->meta.time.len);
			return 0;
		}
		if (title_line(j, r))
			return 0;
		j->pre_header_seen = true;
		j->header_line = r->line;
		if ((rc = choose_layout(j, r)) != 0)
			return j->rc = rc;
		return j->wide ? 0 : LAYOUT_PASS_DONE;
	}
	/* A release table's second header row, then notes and sources
	 * after the table. */
	if (!j->after_header) {
		j->after_header = true;
		if (grouped_header(j, r))
			return 0;
	}
	(void)layout_meta_line(r, &j->meta);
	return 0;
}

/* A trimmed cell of a wide row, "" when absent. */
static const char *
wide_cell(const struct reader_row *r, int col, size_t *n)
{
	if (col < 0 || (size_t)col >= r->n) {
		*n = 0;
		return "";
	}
	*n = r->len[col];
	return reader_trim(r->field[col], n);
}

/* A growth cell as a release writes it, into j->growth: "8.8", "增长
 * 8.8%" and "提高8.8" as 8.8, "下降1.2%" and "减少1.2" as -1.2. A change
 * in points ("提高0.8个百分点", a share's) is no growth rate: none, with a
 * warning that says it is not kept. Anything else is left as it is, for
 * the yoy check to reject with its reason. */
static void
growth_text(struct job *j, const struct reader_row *r, const char *label,
    const char *s, size_t n, const char **out, size_t *out_n)
{
	static const char *const up[] = { "增长", "提高", "上升", "增加" };
	static const char *const down[] = { "下降", "减少", "回落", "降低" };
	const char *t = s;
	size_t m = n, k;
	bool neg = false, word = false;

	for (k = 0; k < 4 && !word; k++) {
		size_t w = strlen(up[k]), d = strlen(down[k]);

		if (m > w && memcmp(t, up[k], w) == 0) {
			t += w, m -= w, word = true;
		} else if (m > d && memcmp(t, down[k], d) == 0) {
			t += d, m -= d, word = neg = true;
		}
	}
	if (label_suffix(t, &m, "个百分点") || label_suffix(t, &m, "百分点")) {
		struct buf q = BUF_INIT;

		buf_adds(&q, "column ");
		quote_cell(&q, label, strlen(label));
		buf_adds(&q, ": growth ");
		quote_cell(&q, s, n);
		j->res->warnings++;
		note(j, r->line, false, "%s is a change in points, not a growth "
		    "rate: not kept", q.data);
		buf_release(&q);
		*out = "";
		*out_n = 0;
		return;
	}
	if (!label_suffix(t, &m, "%"))
		(void)label_suffix(t, &m, "％");
	if (!word && m == n) {
		*out = s;
		*out_n = n;
		return;
	}
	buf_reset(&j->growth);
	if (neg)
		buf_addc(&j->growth, '-');
	buf_add(&j->growth, t, m);
	*out = j->growth.data;
	*out_n = j->growth.len;
}

/* Period k's cell of row 'r': its unit (the row's, else its
 * column's "（亿元）") and its growth (the same period's growth cell; a
 * "not published" one is none). */
static void
period_cells(struct job *j, const struct reader_row *r, size_t k,
    const char **f, size_t *len, const char *unit, size_t unit_len)
{
	f[4] = unit;
	len[4] = unit_len;
	if (unit_len == 0) {
		f[4] = j->punit.data + j->punit_off[k];
		len[4] = strlen(f[4]);
	}
	if (!j->has_ycol)
		return;
	f[NLONG] = wide_cell(r, j->ycol[k], &len[NLONG]);
	if (not_published(f[NLONG], len[NLONG])) {
		f[NLONG] = "";
		len[NLONG] = 0;
	} else if (len[NLONG]) {
		growth_text(j, r, f[2], f[NLONG], len[NLONG], &f[NLONG],
		    &len[NLONG]);
	}
}

/* One wide row: each period cell is checked and stored as the long row
 * indicator,region,period,value,unit,basis, which is also what a rejects
 * file holds of it, so that it can be fixed and ingested again. */
static int
wide_row(struct job *j, const struct reader_row *r)
{
	const char *f[LONG_MAX_FIELDS], *wf[LONG_MAX_FIELDS], *unit;
	size_t len[LONG_MAX_FIELDS], off[LONG_MAX_FIELDS], i, k, n, x;
	size_t unit_len;
	struct reader_row row;
	const char *s;
	int rc = 0;

	f[0] = wide_cell(r, j->w_ind, &len[0]);
	if (j->w_ind < 0) {
		f[0] = j->meta.indicator.len ? j->meta.indicator.data
		    : j->o->indicator;
		len[0] = strlen(f[0]);
	}
	f[1] = wide_cell(r, j->w_reg, &len[1]);
	if (j->w_reg < 0) {
		f[1] = j->meta.region.len ? j->meta.region.data
		    : j->o->region;
		len[1] = strlen(f[1]);
	}
	f[4] = wide_cell(r, j->w_unit, &len[4]);
	if (len[4] == 0 && j->meta.unit.len) {
		f[4] = j->meta.unit.data;
		len[4] = j->meta.unit.len;
	}
	unit = f[4];
	unit_len = len[4];
	f[5] = wide_cell(r, j->w_basis, &len[5]);
	f[NLONG] = "";
	len[NLONG] = 0;
	x = NLONG + j->has_ycol;
	for (k = 0; k < NEXTRA; k++)
		if (j->w_extra[k] >= 0) {
			f[x] = wide_cell(r, j->w_extra[k], &len[x]);
			x++;
		}

	memset(&row, 0, sizeof(row));
	row.n = j->nlong;
	row.line = r->line;
	row.nlines = r->nlines;
	row.nul_field = r->nul_field;
	row.long_field = r->long_field;
	row.too_many_fields = r->too_many_fields;
	row.unterminated = r->unterminated;
	for (k = 0; k < j->npcol && rc == 0; k++) {
		size_t col = j->pcol[k];

		if (col >= r->n)
			continue;       /* a short row: no cell, no value */
		s = wide_cell(r, (int)col, &n);
		j->res->n.rows++;
		if (n == 0 || not_published(s, n)) {
			j->res->n.skipped++;
			continue;
		}
		f[2] = j->wide_hdr.data + j->wide_hdr_off[col];
		len[2] = strlen(f[2]);
		f[3] = s;
		len[3] = n;
		if (j->has_ycol || j->grouped)
			period_cells(j, r, k, f, len, unit, unit_len);
		/* NUL-terminated copies: a row's fields are C strings. */
		buf_reset(&j->wide_text);
		for (i = 0; i < j->nlong; i++) {
			off[i] = j->wide_text.len;
			buf_add(&j->wide_text, f[i], len[i]);
			buf_addc(&j->wide_text, '\0');
		}
		for (i = 0; i < j->nlong; i++)
			wf[i] = j->wide_text.data + off[i];
		row.field = wf;
		row.len = len;
		buf_reset(&j->cell_prefix);
		buf_adds(&j->cell_prefix, "column ");
		quote_cell(&j->cell_prefix, f[2], len[2]);
		buf_adds(&j->cell_prefix, ": ");
		rc = data_row(j, &row);
		buf_reset(&j->cell_prefix);
	}
	/* Cells past the header's last column: values without a period. */
	for (i = j->wide_ncols; i < r->n && rc == 0; i++) {
		char why[80];

		wide_cell(r, (int)i, &n);
		if (n == 0)
			continue;
		j->res->n.rows++;
		snprintf(why, sizeof(why), "column %zu: a value past the "
		    "header's last column", i + 1);
		f[2] = "";
		len[2] = 0;
		f[3] = wide_cell(r, (int)i, &len[3]);
		buf_reset(&j->wide_text);
		for (k = 0; k < j->nlong; k++) {
			off[k] = j->wide_text.len;
			buf_add(&j->wide_text, f[k], len[k]);
			buf_addc(&j->wide_text, '\0');
		}
		for (k = 0; k < j->nlong; k++)
			wf[k] = j->wide_text.data + off[k];
		row.field = wf;
		row.len = len;
		rc = reject(j, &row, why);
	}
	return rc;
}

/* The long header a wide file's rows are checked against. */
static void
wide_long_header(struct job *j)
{
	size_t i;

	j->header_done = true;
	for (i = 0; i < C_N; i++)
		j->ix[i] = i < NLONG ? (int)i : -1;
	for (i = 0; i < NLONG; i++)
		j->long_hdr[i] = long_field[i];
	j->nlong = NLONG;
	if (j->has_ycol) {
		j->ix[C_YOY] = (int)j->nlong;
		j->long_hdr[j->nlong++] = col_name[C_YOY];
	}
	for (i = 0; i < NEXTRA; i++)
		if (j->w_extra[i] >= 0) {
			j->ix[wide_extra[i]] = (int)j->nlong;
			j->long_hdr[j->nlong++] = col_name[wide_extra[i]];
		}
	for (i = 0; i < j->nlong; i++)
		j->long_hdr_len[i] = strlen(j->long_hdr[i]);
	j->header.n = j->nlong;
	j->header.field = j->long_hdr;
	j->header.len = j->long_hdr_len;
	j->header.line = j->header_line;
	j->header.nlines = 1;
	j->ncols = j->need = j->nlong;
}

/* Tell the caller where the ingest is. */
static void
progress(const struct job *j, enum ingest_phase phase)
{
	struct ingest_progress p;

	if (j->o->progress == NULL)
		return;
	p.phase = phase;
	p.bytes = reader_consumed(j->rd);
	p.total = reader_size(j->rd);
	p.rows = j->res->n.rows;
	j->o->progress(j->o->progress_ctx, &p);
}

static int
on_row(void *ctx, const struct reader_row *r)
{
	struct job *j = ctx;

	if (j->o->stop && *j->o->stop)
		return j->rc = PM_EINTR;
	if (!j->header_done && r->line < j->header_line)
		return 0;       /* metadata lines, read by the first pass */
	if (j->wide) {
		if (!j->header_done) {
			wide_long_header(j);
			return 0;
		}
		if (row_is_blank(r) || layout_meta_line(r, NULL) ||
		    r->line == j->subheader_line)
			return 0;
		return wide_row(j, r);
	}
	if (!j->header_done) {
		set_header(j, r);
		if (!j->no_header || row_is_blank(r))
			return 0;
		j->res->n.rows++;
		return reject(j, r, "no header row: this line looks like data");
	}
	if (row_is_blank(r) && !r->unterminated)
		return 0;
	if (++j->res->n.rows % INGEST_PROGRESS_ROWS == 0)
		progress(j, INGEST_READING);
	return data_row(j, r);
}

static void
job_release(struct job *j)
{
	buf_release(&j->header_text);
	free(j->header_len);
	free(j->header_field);
	free(j->ind_id);
	free(j->reg_id);
	free(j->ind_cache);
	free(j->reg_cache);
	free(j->unit_cache);
	buf_release(&j->reason);
	runs_close(j->runs);    /* first: its thread may hold a batch */
	free(j->batch);
	free(j->spare);
	free(j->slot);
	buf_release(&j->batch_raw);
	buf_release(&j->spare_raw);
	free(j->dup_field);
	free(j->dup_len);
	layout_meta_release(&j->meta);
	free(j->pcol);
	free(j->ycol);
	free(j->punit_off);
	buf_release(&j->punit);
	buf_release(&j->growth);
	free(j->wide_hdr_off);
	buf_release(&j->wide_hdr);
	buf_release(&j->cell_prefix);
	buf_release(&j->full_reason);
	buf_release(&j->wide_text);
	free(j->kind_of);
	cons_touched_release(&j->touched);
	buf_release(&j->last_source);
	buf_release(&j->last_note);
}

int
ingest_file(struct store *st, const struct catalog *cat, const char *path,
    const char *name, const struct ingest_opts *opts,
    const struct ingest_sink *sink, struct ingest_result *res,
    struct pm_err *err)
{
	struct reader_opts ro = { opts->encoding, opts->max_field,
	    opts->spool_max, opts->expect, opts->stop };
	struct reader *rd = NULL;
	struct job j;
	struct store_file f;
	long long seen;
	size_t i;
	int rc;
	bool txn = false;

	memset(res, 0, sizeof(*res));
	memset(&j, 0, sizeof(j));
	res->status = INGEST_FAILED;
	j.st = st;
	j.cat = cat;
	j.o = opts;
	j.sink = sink;
	j.res = res;
	j.err = err;
	j.name = name;
	j.ind_cache = xcalloc(1, sizeof(*j.ind_cache));
	j.reg_cache = xcalloc(1, sizeof(*j.reg_cache));
	j.unit_cache = xcalloc(1, sizeof(*j.unit_cache));
	j.year = opts->year;

	if ((rc = reader_open(path, name, &ro, &rd, err)) != 0) {
		if (rc == PM_EDATA)
			rc = 0;         /* the file's fault: status failed */
		goto out;
	}
	name = reader_name(rd);
	snprintf(res->encoding, sizeof(res->encoding), "%s",
	    reader_encoding(rd));
	snprintf(res->sha256, sizeof(res->sha256), "%s", reader_sha256(rd));

	if (!opts->dry_run) {
		if ((rc = store_begin(st, err)) != 0)
			goto out;
		txn = true;
		/* Checked inside the write transaction: two runs racing on
		 * one file cannot both take it. */
		rc = store_file_find(st, res->sha256, &seen, err);
		if (rc == 0 && !opts->force) {
			res->status = INGEST_SKIPPED;
			goto out;
		}
		if (rc != 0 && rc != PM_ENOTFOUND)
			goto out;
		f.sha256 = res->sha256;
		f.name = name;
		f.encoding = res->encoding;
		f.bytes = reader_size(rd);
		if ((rc = store_file_add(st, &f, &j.file_id, err)) != 0)
			goto out;
	}
	j.ind_id = xreallocarray(NULL, cat->nindicators + 1, sizeof(int));
	j.reg_id = xreallocarray(NULL, cat->nregions + 1, sizeof(int));
	for (i = 0; i < cat->nindicators; i++)
		j.ind_id[i] = -1;
	for (i = 0; i < cat->nregions; i++)
		j.reg_id[i] = -1;

	j.rd = rd;
	rc = reader_run(rd, layout_pass_row, &j, err);
	if (rc == LAYOUT_PASS_DONE)
		rc = 0;
	if (rc != 0) {
		/* The file's fault, or a wide file that needs --region or
		 * --indicator (err->code PM_EUSAGE): status failed. */
		if (rc == PM_EDATA || rc == PM_EUSAGE)
			rc = 0;
		goto out;
	}
	rc = reader_run(rd, on_row, &j, err);
	if (rc == 0 && !opts->dry_run) {
		progress(&j, INGEST_WRITING);
		rc = batch_finish(&j);
	}
	if (rc != 0)
		goto out;
	if (!j.header_done) {
		pm_fail(err, PM_EDATA, name, 0, "empty file (no header row)");
		goto out;
	}
	if (j.header_problem[0]) {
		pm_fail(err, PM_EDATA, name, j.header.line,
		    "bad header: every row rejected, nothing stored");
		if (sink && sink->finish &&
		    (rc = sink->finish(sink->ctx, res, err)) != 0)
			goto out;
		goto out;               /* failed: roll back */
	}
	if (opts->strict && res->n.rejected) {
		/* The rejects file still goes where the caller wants it: it
		 * says why the whole file was refused. */
		if (sink && sink->finish &&
		    (rc = sink->finish(sink->ctx, res, err)) != 0)
			goto out;
		pm_fail(err, PM_EDATA, name, 0, "strict: %lu of %lu rows "
		    "rejected, nothing stored", res->n.rejected, res->n.rows);
		res->n.inserted = res->n.revised = res->n.unchanged = 0;
		res->n.rejected = res->n.rows - res->n.skipped;
		goto out;               /* failed: roll back */
	}
	if (res->n.rows == 0)
		note(&j, j.header.line, false, "no data rows");
	res->status = opts->dry_run ? INGEST_CHECKED : INGEST_INGESTED;
	/* The consolidated points, in the same transaction. */
	if (!opts->dry_run &&
	    ((rc = cons_update(st, cat, &j.touched, err)) != 0 ||
	    (rc = store_file_done(st, j.file_id, &res->n, err)) != 0))
		goto out;
	if (sink && sink->finish &&
	    (rc = sink->finish(sink->ctx, res, err)) != 0)
		goto out;
	if (txn) {
		txn = false;
		rc = store_commit(st, err);
	}
out:
	if (rc != 0 && res->status != INGEST_SKIPPED)
		res->status = INGEST_FAILED;
	if (txn)
		store_rollback(st);
	if (rc != 0)            /* stopped part-way: nothing was stored */
		memset(&res->n, 0, sizeof(res->n));
	reader_close(rd);
	job_release(&j);
	return rc;
}
