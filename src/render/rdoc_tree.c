/* render/rdoc_tree.c - the report's document tree: blocks, rows, cells
 * and spans added at the end, and freed. What the report says, and in
 * which order, is render/rdoc.c's. */
#include "render/rdoc.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"
#include "util/banned.h"

/* Grow an array of 'size'-byte elements so that one more fits. */
static void *
grow(void *v, size_t n, size_t *cap, size_t size)
{
	if (n < *cap)
		return v;
	*cap = *cap ? *cap * 2 : 8;
	return xreallocarray(v, *cap, size);
}

/* A copy of the text in 't', which is emptied. */
char *
rdoc_take(struct buf *t)
{
	char *s = xstrdup(buf_str(t));

	buf_reset(t);
	return s;
}

char *
rdoc_dupf(const char *fmt, ...)
{
	struct buf t = BUF_INIT;
	va_list ap;
	char *s;

	va_start(ap, fmt);
	buf_vaddf(&t, fmt, ap);
	va_end(ap);
	s = rdoc_take(&t);
	buf_release(&t);
	return s;
}

struct rdoc_span *
rdoc_span(struct rdoc_line *l, enum rdoc_span_kind kind, const char *text)
{
	struct rdoc_span *s;

	l->v = grow(l->v, l->n, &l->cap, sizeof(*l->v));
	s = &l->v[l->n++];
	memset(s, 0, sizeof(*s));
	s->kind = kind;
	s->text = text ? xstrdup(text) : NULL;
	return s;
}

/* A span of the text in 't', which is emptied. */
void
rdoc_spanb(struct rdoc_line *l, enum rdoc_span_kind kind, struct buf *t)
{
	rdoc_span(l, kind, buf_str(t));
	buf_reset(t);
}

void
rdoc_status(struct rdoc_line *l, enum rdoc_span_kind kind,
    enum progress_status s)
{
	rdoc_span(l, kind, NULL)->status = s;
}

void
rdoc_link(struct rdoc_line *l, const char *text, char *href)
{
	rdoc_span(l, RDOC_S_LINK, text)->href = href;
}

/* A new block at the end. The pointer is good until the next block is
 * added: fill a block (its rows, items) before adding another. */
struct rdoc_block *
rdoc_block(struct rdoc *r, enum rdoc_block_kind kind)
{
	struct rdoc_block *b;

	r->v = grow(r->v, r->n, &r->cap, sizeof(*r->v));
	b = &r->v[r->n++];
	memset(b, 0, sizeof(*b));
	b->kind = kind;
	return b;
}

void
rdoc_part(struct rdoc *r, enum rdoc_part p, char *anchor)
{
	struct rdoc_block *b = rdoc_block(r, RDOC_B_PART);

	b->part = p;
	b->anchor = anchor;
}

void
rdoc_end(struct rdoc *r)
{
	rdoc_block(r, RDOC_B_END);
}

void
rdoc_heading(struct rdoc *r, int level, const char *text)
{
	struct rdoc_block *b = rdoc_block(r, RDOC_B_HEADING);

	b->level = level;
	b->text = xstrdup(text);
}

struct rdoc_line *
rdoc_para(struct rdoc *r, enum rdoc_para_style style)
{
	struct rdoc_block *b = rdoc_block(r, RDOC_B_PARA);

	b->style = style;
	return &b->line;
}

/* A paragraph of one text. */
void
rdoc_say(struct rdoc *r, enum rdoc_para_style style, const char *text)
{
	rdoc_span(rdoc_para(r, style), RDOC_S_TEXT, text);
}

void
rdoc_sayb(struct rdoc *r, enum rdoc_para_style style, struct buf *t)
{
	rdoc_say(r, style, buf_str(t));
	buf_reset(t);
}

/* A table with one word of the language a column. */
struct rdoc_block *
rdoc_table(struct rdoc *r, const struct report_doc *d,
    enum rdoc_table_style style, const enum rl_word *w, const char *align)
{
	struct rdoc_block *b = rdoc_block(r, RDOC_B_TABLE);
	size_t i, n = strlen(align);

	b->tstyle = style;
	b->align = xstrdup(align);
	b->head = xreallocarray(NULL, n, sizeof(*b->head));
	for (i = 0; i < n; i++)
		b->head[i] = rl_word(d->lang, w[i]);
	return b;
}

struct rdoc_row *
rdoc_row(struct rdoc_block *t)
{
	struct rdoc_row *w;

	t->rows = grow(t->rows, t->nrows, &t->caprows, sizeof(*t->rows));
	w = &t->rows[t->nrows++];
	memset(w, 0, sizeof(*w));
	return w;
}

struct rdoc_line *
rdoc_cell(struct rdoc_row *w)
{
	struct rdoc_cell *c;

	w->v = grow(w->v, w->n, &w->cap, sizeof(*w->v));
	c = &w->v[w->n++];
	memset(c, 0, sizeof(*c));
	c->span = 1;
	return &c->line;
}

/* A cell of one text; NULL or "" is an empty cell. */
void
rdoc_celltext(struct rdoc_row *w, const char *text)
{
	struct rdoc_line *l = rdoc_cell(w);

	if (text && *text)
		rdoc_span(l, RDOC_S_TEXT, text);
}

/* A cell of the text 's', which the cell takes. */
void
rdoc_celltake(struct rdoc_row *w, char *s)
{
	rdoc_span(rdoc_cell(w), RDOC_S_TEXT, NULL)->text = s;
}

void
rdoc_cellb(struct rdoc_row *w, struct buf *t)
{
	rdoc_celltext(w, buf_str(t));
	buf_reset(t);
}

struct rdoc_line *
rdoc_item(struct rdoc_block *list)
{
	struct rdoc_line *l;

	list->items = grow(list->items, list->nitems, &list->capitems,
	    sizeof(*list->items));
	l = &list->items[list->nitems++];
	memset(l, 0, sizeof(*l));
	return l;
}

static void
line_release(struct rdoc_line *l)
{
	size_t i;

	for (i = 0; i < l->n; i++) {
		free(l->v[i].text);
		free(l->v[i].href);
		free(l->v[i].src);
	}
	free(l->v);
}

static void
block_release(struct rdoc_block *b)
{
	size_t i, j;

	free(b->anchor);
	free(b->text);
	line_release(&b->line);
	free(b->rollup.id);
	free(b->rollup.name);
	free(b->rollup.was);
	free(b->rollup.label);
	free(b->rollup.score);
	free(b->rollup.note);
	free(b->align);
	free(b->head);
	for (i = 0; i < b->nrows; i++) {
		for (j = 0; j < b->rows[i].n; j++)
			line_release(&b->rows[i].v[j].line);
		free(b->rows[i].v);
		free(b->rows[i].anchor);
	}
	free(b->rows);
	for (i = 0; i < b->nitems; i++)
		line_release(&b->items[i]);
	free(b->items);
}

void
rdoc_release(struct rdoc *r)
{
	size_t i;

	for (i = 0; i < r->n; i++)
		block_release(&r->v[i]);
	free(r->v);
	free(r->kicker);
	free(r->title);
	free(r->meta);
	memset(r, 0, sizeof(*r));
}
