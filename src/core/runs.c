/* runs.c - sorted runs in one unlinked temporary file, merged with a heap.
 * A record is a fixed header (memset first: no stray padding bytes reach
 * the file) and the row's raw fields. */
#include "core/runs.h"

#include <errno.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

#include "util/buf.h"
#include "util/xalloc.h"
#include "util/banned.h"

#define WBUF (1 << 20)          /* write buffer */
#define RBUF_ALL (8 << 20)      /* read buffers of all runs together, */
#define RBUF_MIN (4 << 10)      /* but between these two for each one */
#define RBUF_MAX (64 << 10)     /* (a record longer gets what it needs) */
#define MBLOCK (512 << 10)      /* merged records handed over at a time */

struct rec {
	struct store_obs o;
	unsigned long line;
	size_t nfields, rawlen;
};

struct cursor {
	off_t pos, end;         /* what is left of the run in the file */
	char *b;                /* read buffer: b[at..len) not yet used */
	size_t len, at, cap;
	struct run_row row;     /* the run's current row, into b */
};

/* Records in the merged order, as the merging thread hands them over. */
struct mblock {
	char *b;
	size_t len, cap;
	bool full;              /* the merger's turn ends, the reader's begins */
	bool last;              /* nothing after it: 'rc' says why */
	int rc;
	struct pm_err err;
};

struct runs {
	int fd;
	char *path;             /* for messages (unlinked) */
	char *w;                /* write buffer */
	size_t wlen;
	off_t written, run_start;
	off_t *start;           /* run i is [start[i], start[i + 1]) */
	size_t nruns;
	unsigned long count;
	bool merging;
	struct cursor *c;
	size_t *heap, nheap;    /* cursor indexes, a binary min-heap */
	bool advance;           /* heap[0]'s row was handed out */

	/* The sorting thread and the batch in its hands. The caller and
	 * the thread take turns: the thread touches the file and the write
	 * buffer only while it holds a batch. */
	pthread_t th;
	bool th_started, th_quit, busy;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	struct run_batch job;
	int job_rc;
	struct pm_err job_err;

	/* The merge, on a thread of its own while the caller stores what
	 * it merged: two blocks, filled and read in turn. 'at' is where
	 * runs_next() is in blk[cur]. Without the thread (it could not be
	 * started), runs_next() merges itself. */
	pthread_t mth;
	bool mth_started, m_quit, m_done;
	struct mblock blk[2];
	size_t cur, at;
};

static int runs_put(struct runs *r, const struct run_row *row,
    struct pm_err *err);
static int runs_end_run(struct runs *r, struct pm_err *err);

static int
write_all(struct runs *r, const char *p, size_t n, struct pm_err *err)
{
	while (n > 0) {
		ssize_t k = write(r->fd, p, n);

		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0)
			return pm_fail_errno(err, PM_EIO, errno, r->path,
			    "write temporary file");
		p += k;
		n -= (size_t)k;
		r->written += k;
	}
	return 0;
}

static int
flush(struct runs *r, struct pm_err *err)
{
	int rc = write_all(r, r->w, r->wlen, err);

	r->wlen = 0;
	return rc;
}

int
runs_create(const char *tmpdir, struct runs **out, struct pm_err *err)
{
	struct runs *r = xcalloc(1, sizeof(*r));
	struct buf path = BUF_INIT;

	*out = NULL;
	buf_addf(&path, "%s/pemetrics-sort.XXXXXX",
	    tmpdir && *tmpdir ? tmpdir : "/tmp");
	if ((r->fd = mkstemp(path.data)) < 0) {
		int rc = pm_fail_errno(err, PM_EIO, errno, path.data,
		    "create a temporary file to sort a large input");

		buf_release(&path);
		free(r);
		return rc;
	}
	unlink(path.data);
	r->path = xstrdup(path.data);
	buf_release(&path);
	r->w = xmalloc(WBUF);
	pthread_mutex_init(&r->mu, NULL);
	pthread_cond_init(&r->cv, NULL);
	*out = r;
	return 0;
}

static int
runs_put(struct runs *r, const struct run_row *row, struct pm_err *err)
{
	struct rec h;
	int rc;

	/* Field by field: a struct copy would carry the caller's padding,
	 * which nobody set, into the file. */
	memset(&h, 0, sizeof(h));
	h.o.ind = row->o.ind;
	h.o.reg = row->o.reg;
	h.o.period = row->o.period;
	h.o.basis = row->o.basis;
	h.o.value = row->o.value;
	h.o.has_yoy = row->o.has_yoy;
	h.o.yoy = row->o.yoy;
	h.line = row->line;
	h.nfields = row->nfields;
	h.rawlen = row->rawlen;
	if (r->wlen + sizeof(h) + row->rawlen > WBUF &&
	    (rc = flush(r, err)) != 0)
		return rc;
	if (sizeof(h) + row->rawlen > WBUF) {   /* a huge row: straight out */
		if ((rc = write_all(r, (const char *)&h, sizeof(h), err)) != 0)
			return rc;
		if ((rc = write_all(r, row->raw, row->rawlen, err)) != 0)
			return rc;
	} else {
		memcpy(r->w + r->wlen, &h, sizeof(h));
		memcpy(r->w + r->wlen + sizeof(h), row->raw, row->rawlen);
		r->wlen += sizeof(h) + row->rawlen;
	}
	r->count++;
	return 0;
}

static int
runs_end_run(struct runs *r, struct pm_err *err)
{
	off_t end = r->written + (off_t)r->wlen;

	(void)err;
	if (end == r->run_start)
		return 0;               /* an empty run is no run */
	r->start = xreallocarray(r->start, r->nruns + 2, sizeof(*r->start));
	r->start[r->nruns++] = r->run_start;
	r->start[r->nruns] = end;
	r->run_start = end;
	return 0;
}

/* Sort a batch and write it as one run (on the sorting thread). */
static int
write_batch(struct runs *r, const struct run_batch *b, struct pm_err *err)
{
	struct run_row row;
	size_t i;
	int rc = 0;

	if (b->n > 1)
		qsort(b->elems, b->n, b->size, b->cmp);
	for (i = 0; i < b->n && rc == 0; i++) {
		b->to_row((const char *)b->elems + i * b->size, b->ctx, &row);
		rc = runs_put(r, &row, err);
	}
	return rc ? rc : runs_end_run(r, err);
}

static void *
sorter(void *arg)
{
	struct runs *r = arg;

	pthread_mutex_lock(&r->mu);
	for (;;) {
		while (!r->busy && !r->th_quit)
			pthread_cond_wait(&r->cv, &r->mu);
		if (!r->busy)
			break;                  /* quit, nothing in hand */
		pthread_mutex_unlock(&r->mu);
		r->job_rc = r->job_rc ? r->job_rc
		    : write_batch(r, &r->job, &r->job_err);
		pthread_mutex_lock(&r->mu);
		r->busy = false;
		pthread_cond_broadcast(&r->cv);
	}
	pthread_mutex_unlock(&r->mu);
	return NULL;
}

int
runs_wait(struct runs *r, struct pm_err *err)
{
	int rc;

	if (!r->th_started)
		return 0;
	pthread_mutex_lock(&r->mu);
	while (r->busy)
		pthread_cond_wait(&r->cv, &r->mu);
	rc = r->job_rc;
	pthread_mutex_unlock(&r->mu);
	if (rc && err)
		*err = r->job_err;
	return rc;
}

int
runs_submit(struct runs *r, const struct run_batch *b, struct pm_err *err)
{
	int rc;

	if (r->merging)
		return pm_fail(err, PM_EUSAGE, r->path, 0,
		    "runs_submit after runs_next");
	if ((rc = runs_wait(r, err)) != 0)
		return rc;
	if (!r->th_started) {
		if ((rc = pthread_create(&r->th, NULL, sorter, r)) != 0) {
			/* No thread: do it here. */
			return write_batch(r, b, err);
		}
		r->th_started = true;
	}
	pthread_mutex_lock(&r->mu);
	r->job = *b;
	r->busy = true;
	pthread_cond_broadcast(&r->cv);
	pthread_mutex_unlock(&r->mu);
	return 0;
}

static void
stop_sorter(struct runs *r)
{
	if (!r->th_started)
		return;
	pthread_mutex_lock(&r->mu);
	r->th_quit = true;
	pthread_cond_broadcast(&r->cv);
	pthread_mutex_unlock(&r->mu);
	pthread_join(r->th, NULL);
	r->th_started = false;
}

unsigned long
runs_count(const struct runs *r)
{
	return r->count;
}

/* At least n bytes of the run at c->b + c->at, reading more as needed.
 * 1 when there are, 0 at the end of the run, or an error. */
static int
fill(struct runs *r, struct cursor *c, size_t n, struct pm_err *err)
{
	while (c->len - c->at < n) {
		size_t want;
		ssize_t k;

		if (c->pos == c->end)
			return c->len == c->at ? 0 : pm_fail(err, PM_EIO,
			    r->path, 0, "temporary file: a record is cut");
		if (c->at > 0) {        /* keep the unread part only */
			memmove(c->b, c->b + c->at, c->len - c->at);
			c->len -= c->at;
			c->at = 0;
		}
		if (n > c->cap) {
			c->cap = n > 2 * c->cap ? n : 2 * c->cap;
			c->b = xreallocarray(c->b, c->cap, 1);
		}
		want = c->cap - c->len;
		if ((off_t)want > c->end - c->pos)
			want = (size_t)(c->end - c->pos);
		k = pread(r->fd, c->b + c->len, want, c->pos);
		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0)
			return pm_fail_errno(err, PM_EIO, errno, r->path,
			    "read temporary file");
		if (k == 0)
			return pm_fail(err, PM_EIO, r->path, 0,
			    "temporary file: shorter than written");
		c->len += (size_t)k;
		c->pos += k;
	}
	return 1;
}

/* The run's next row into c->row: 1, 0 at its end, or an error. */
static int
advance(struct runs *r, struct cursor *c, struct pm_err *err)
{
	struct rec h;
	int rc;

	if ((rc = fill(r, c, sizeof(h), err)) <= 0)
		return rc;
	memcpy(&h, c->b + c->at, sizeof(h));
	if ((rc = fill(r, c, sizeof(h) + h.rawlen, err)) <= 0)
		return rc < 0 ? rc : pm_fail(err, PM_EIO, r->path, 0,
		    "temporary file: a record is cut");
	c->row.o = h.o;
	c->row.line = h.line;
	c->row.nfields = h.nfields;
	c->row.rawlen = h.rawlen;
	c->row.raw = c->b + c->at + sizeof(h);
	c->at += sizeof(h) + h.rawlen;
	return 1;
}

static int
cmp_row(const struct run_row *a, const struct run_row *b)
{
	int c = store_key_cmp(&a->o, &b->o);

	return c ? c : (a->line > b->line) - (a->line < b->line);
}

static bool
less(const struct runs *r, size_t i, size_t j)
{
	return cmp_row(&r->c[r->heap[i]].row, &r->c[r->heap[j]].row) < 0;
}

static void
sift_down(struct runs *r, size_t i)
{
	for (;;) {
		size_t l = 2 * i + 1, m = i, t;

		if (l < r->nheap && less(r, l, m))
			m = l;
		if (l + 1 < r->nheap && less(r, l + 1, m))
			m = l + 1;
		if (m == i)
			return;
		t = r->heap[i];
		r->heap[i] = r->heap[m];
		r->heap[m] = t;
		i = m;
	}
}

static int
start_merge(struct runs *r, struct pm_err *err)
{
	size_t i, cap;
	int rc;

	rc = runs_wait(r, err);
	stop_sorter(r);
	if (rc != 0 || (rc = flush(r, err)) != 0)
		return rc;
	r->merging = true;
	free(r->w);
	r->w = NULL;
	r->c = xcalloc(r->nruns ? r->nruns : 1, sizeof(*r->c));
	r->heap = xreallocarray(NULL, r->nruns ? r->nruns : 1,
	    sizeof(*r->heap));
	/* Memory flat in the file's size: more runs, smaller buffers. */
	cap = r->nruns ? RBUF_ALL / r->nruns : RBUF_MAX;
	cap = cap < RBUF_MIN ? RBUF_MIN : cap > RBUF_MAX ? RBUF_MAX : cap;
	for (i = 0; i < r->nruns; i++) {
		struct cursor *c = &r->c[i];

		c->pos = r->start[i];
		c->end = r->start[i + 1];
		c->cap = cap;
		c->b = xmalloc(c->cap);
		if ((rc = advance(r, c, err)) < 0)
			return rc;
		if (rc > 0)
			r->heap[r->nheap++] = i;
	}
	for (i = r->nheap / 2; i-- > 0;)
		sift_down(r, i);
	return 0;
}

/* Fill 'b' with the next records in merged order, as they are in a run. */
static void
merge_block(struct runs *r, struct mblock *b)
{
	b->len = 0;
	while (r->nheap > 0) {
		struct cursor *c = &r->c[r->heap[0]];
		struct rec h;
		size_t need = sizeof(h) + c->row.rawlen;
		int rc;

		if (b->len + need > b->cap) {
			if (b->len > 0)
				return;         /* full: the row opens the next */
			b->cap = need;          /* a huge row: a block of its own */
			b->b = xreallocarray(b->b, b->cap, 1);
		}
		memset(&h, 0, sizeof(h));
		h.o = c->row.o;
		h.line = c->row.line;
		h.nfields = c->row.nfields;
		h.rawlen = c->row.rawlen;
		memcpy(b->b + b->len, &h, sizeof(h));
		memcpy(b->b + b->len + sizeof(h), c->row.raw, c->row.rawlen);
		b->len += need;
		if ((rc = advance(r, c, &b->err)) < 0) {
			b->rc = rc;
			b->last = true;
			return;
		}
		if (rc == 0)
			r->heap[0] = r->heap[--r->nheap];
		sift_down(r, 0);
	}
	b->last = true;
}

static void *
merger(void *arg)
{
	struct runs *r = arg;
	size_t i = 0;
	bool last = false;

	while (!last) {
		struct mblock *b = &r->blk[i];
		bool quit;

		pthread_mutex_lock(&r->mu);
		while (b->full && !r->m_quit)
			pthread_cond_wait(&r->cv, &r->mu);
		quit = r->m_quit;
		pthread_mutex_unlock(&r->mu);
		if (quit)
			break;
		merge_block(r, b);
		last = b->last;
		if (last) {
			/* Read to its end: the file's blocks are freed here,
			 * while the caller stores what is left. */
			close(r->fd);
			r->fd = -1;
		}
		pthread_mutex_lock(&r->mu);
		b->full = true;
		pthread_cond_broadcast(&r->cv);
		pthread_mutex_unlock(&r->mu);
		i ^= 1;
	}
	return NULL;
}

static void
stop_merger(struct runs *r)
{
	if (!r->mth_started)
		return;
	pthread_mutex_lock(&r->mu);
	r->m_quit = true;
	pthread_cond_broadcast(&r->cv);
	pthread_mutex_unlock(&r->mu);
	pthread_join(r->mth, NULL);
	r->mth_started = false;
}

/* runs_next() when the merger runs: the next record of its blocks. */
static int
next_merged(struct runs *r, struct run_row *row, struct pm_err *err)
{
	struct mblock *b = &r->blk[r->cur];
	struct rec h;

	if (r->at == b->len) {
		if (r->m_done || b->last) {
			r->m_done = true;
			if (b->rc && err)
				*err = b->err;
			return b->rc;
		}
		/* The block is read: the merger's again, the other one ours
		 * once it is full. */
		pthread_mutex_lock(&r->mu);
		if (b->full) {
			b->full = false;
			pthread_cond_broadcast(&r->cv);
		}
		r->cur ^= 1;
		b = &r->blk[r->cur];
		while (!b->full)
			pthread_cond_wait(&r->cv, &r->mu);
		pthread_mutex_unlock(&r->mu);
		r->at = 0;
		if (b->len == 0)
			return next_merged(r, row, err);        /* last, empty */
	}
	memcpy(&h, b->b + r->at, sizeof(h));
	row->o = h.o;
	row->line = h.line;
	row->nfields = h.nfields;
	row->rawlen = h.rawlen;
	row->raw = b->b + r->at + sizeof(h);
	r->at += sizeof(h) + h.rawlen;
	return 1;
}

/* Hand the merge to a thread of its own; false when none could start. */
static bool
start_merger(struct runs *r)
{
	size_t i;

	for (i = 0; i < 2; i++) {
		r->blk[i].cap = MBLOCK;
		r->blk[i].b = xmalloc(MBLOCK);
	}
	/* The reader begins on blk[1], "read" and empty: its first call
	 * hands it to the merger and waits for blk[0]. */
	r->blk[1].full = true;
	r->cur = 1;
	r->at = 0;
	if (pthread_create(&r->mth, NULL, merger, r) != 0)
		return false;
	r->mth_started = true;
	return true;
}

int
runs_next(struct runs *r, struct run_row *row, struct pm_err *err)
{
	int rc;

	if (!r->merging) {
		if ((rc = start_merge(r, err)) != 0)
			return rc;
		(void)start_merger(r);
	}
	if (r->mth_started || r->m_done)
		return next_merged(r, row, err);
	if (r->advance) {
		r->advance = false;
		if ((rc = advance(r, &r->c[r->heap[0]], err)) < 0)
			return rc;
		if (rc == 0)
			r->heap[0] = r->heap[--r->nheap];
		sift_down(r, 0);
	}
	if (r->nheap == 0)
		return 0;
	*row = r->c[r->heap[0]].row;
	r->advance = true;
	return 1;
}

void
runs_close(struct runs *r)
{
	size_t i;

	if (r == NULL)
		return;
	runs_wait(r, NULL);
	stop_sorter(r);
	stop_merger(r);
	pthread_mutex_destroy(&r->mu);
	pthread_cond_destroy(&r->cv);
	if (r->fd >= 0)
		close(r->fd);
	if (r->c)
		for (i = 0; i < r->nruns; i++)
			free(r->c[i].b);
	free(r->c);
	free(r->blk[0].b);
	free(r->blk[1].b);
	free(r->heap);
	free(r->start);
	free(r->w);
	free(r->path);
	free(r);
}
