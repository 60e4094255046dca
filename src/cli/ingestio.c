#include "cli/ingestio.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/ctx.h"
#include "core/inbox.h"
#include "render/ingestout.h"
#include "util/outfile.h"
#include "util/xalloc.h"
#include "util/banned.h"

#define SHOW_REJECTS 10         /* rejected rows printed per file without -v */

static int
sink_open(struct sink *s, const struct reader_row *hdr, struct pm_err *err)
{
	int rc;

	if ((rc = outfile_open(&s->out, s->path, 0644, err)) != 0) {
		size_t n = strlen(err->msg);

		snprintf(err->msg + n, sizeof(err->msg) - n, " (--rejects "
		    "chooses another place)");
		return rc;
	}
	if ((s->f = outfile_stream(&s->out, err)) == NULL) {
		outfile_abort(&s->out);
		return PM_EIO;
	}
	buf_reset(&s->line);
	ingestout_rejects_header(&s->line, hdr);
	fwrite(s->line.data, 1, s->line.len, s->f);
	return 0;
}

/* A message goes on a line of its own, not after a progress line. */
static void
bar_off(struct sink *s)
{
	if (s->bar_shown && *s->bar_shown) {
		fputs("\r\033[K", stderr);
		*s->bar_shown = false;
	}
}

static int
sink_reject(void *ctx, const struct ingest_reject *r, struct pm_err *err)
{
	struct sink *s = ctx;
	int rc;

	s->nrejects++;
	if (s->verbosity >= 2 || s->shown < SHOW_REJECTS) {
		bar_off(s);
		pm_msg(s->name, r->line, "%s", r->reason);
		s->shown++;
	}
	if (s->path == NULL)
		return 0;
	if (s->f == NULL && (rc = sink_open(s, r->header, err)) != 0)
		return rc;
	buf_reset(&s->line);
	ingestout_rejects_row(&s->line, r);
	return outfile_write(&s->out, s->line.data, s->line.len, err);
}

static void
sink_note(void *ctx, unsigned long line, bool is_error, const char *msg)
{
	struct sink *s = ctx;

	if (is_error || s->verbosity >= 1)
		bar_off(s);
	if (is_error)
		pm_msg(s->name, line, "%s", msg);
	else if (s->verbosity >= 1)
		pm_msg(s->name, line, "warning: %s", msg);
}

/* Whether the files 'a' and 'b' hold the same bytes. */
static bool
same_bytes(const char *a, const char *b)
{
	FILE *f = fopen(a, "rb"), *g = fopen(b, "rb");
	bool same = f != NULL && g != NULL;
	int c, d;

	while (same) {
		c = getc(f);
		d = getc(g);
		same = c == d;
		if (c == EOF)
			break;
	}
	if (f)
		fclose(f);
	if (g)
		fclose(g);
	return same;
}

/* An earlier rejects file at the path, perhaps edited by someone fixing
 * its rows, is not replaced without a word: it is kept beside, under
 * the first free stem.N.ext name, as the inbox keeps names. */
static int
keep_old(struct sink *s, struct pm_err *err)
{
	struct buf dir = BUF_INIT;
	const char *base = strrchr(s->path, '/');
	char *kept = NULL;
	int rc;

	if (access(s->path, F_OK) != 0 || same_bytes(s->path, s->out.tmp))
		return 0;
	outfile_dir(&dir, s->path);
	rc = inbox_move(s->path, dir.data, base ? base + 1 : s->path, NULL,
	    &kept, err);
	if (rc == 0)
		pm_msg(s->path, 0, "the earlier rejects file differs: kept as "
		    "'%s'", base == NULL && strncmp(kept, "./", 2) == 0 ?
		    kept + 2 : kept);
	free(kept);
	buf_release(&dir);
	return rc;
}

static int
sink_finish(void *ctx, const struct ingest_result *res, struct pm_err *err)
{
	struct sink *s = ctx;
	int rc = 0;

	(void)res;
	if (s->f == NULL)
		return 0;
	/* On disk before the store commits: rows are never lost between a
	 * committed store and a missing rejects file. */
	if (s->keep_old && (rc = outfile_sync(&s->out, err)) == 0)
		rc = keep_old(s, err);
	s->f = NULL;
	if (rc != 0) {
		outfile_abort(&s->out);
		return rc;
	}
	if ((rc = outfile_commit(&s->out, err)) == 0)
		s->written = true;
	return rc;
}

void
sink_release(struct sink *s)
{
	outfile_abort(&s->out);
	s->f = NULL;
	buf_release(&s->line);
}

bool
is_dir(const char *p)
{
	struct stat st;

	return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

int
exit_worst(int a, int b)
{
	/* By exit code: ok < rows rejected < usage < I/O < store busy. */
	static const int rank[] = { 0, 1, 2, 4, 3 };

	return rank[b] > rank[a] ? b : a;
}

struct ingest_sink
sink_of(struct sink *s)
{
	struct ingest_sink is = { s, sink_reject, sink_note, sink_finish };

	return is;
}

void
sink_more(const struct sink *s, const char *where)
{
	if (s->nrejects > s->shown)
		pm_msg(s->name, 0, "%lu more rejected rows%s%s",
		    s->nrejects - s->shown, where ? " in " : "",
		    where ? where : "");
}

const char *
sink_written(const struct sink *s)
{
	return s->written ? s->path : NULL;
}
