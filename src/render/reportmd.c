/* render/reportmd.c - the report's document (render/rdoc.h) as Markdown:
 * blocks apart by blank lines, tables as pipe tables, statuses as words,
 * links inside the page as plain text, charts as image links. */
#include "render/reportmd.h"

#include <stdbool.h>
#include <string.h>

#include "render/md.h"
#include "render/rdoc.h"
#include "util/banned.h"

/* A status; 'word' (NULL: the status's own) says it. */
static void
status(struct buf *b, const struct rdoc *r, enum progress_status s,
    const char *word)
{
	md_text(b, word ? word : rl_status(r->lang, s));
}

/* " (text)", or "（text）" in Chinese. */
static void
aside(struct buf *b, const struct rdoc *r, const char *text)
{
	buf_adds(b, r->lang == LANG_ZH ? "（" : " (");
	md_text(b, text);
	buf_adds(b, r->lang == LANG_ZH ? "）" : ")");
}

static void
spans(struct buf *b, const struct rdoc *r, const struct rdoc_line *l)
{
	bool zh = r->lang == LANG_ZH;
	size_t i;

	for (i = 0; i < l->n; i++) {
		const struct rdoc_span *s = &l->v[i];

		switch (s->kind) {
		case RDOC_S_TEXT:
			md_text(b, s->text);
			break;
		case RDOC_S_LINK:
			/* A place in the HTML page: Markdown has none. */
			if (s->href[0] == '#') {
				md_text(b, s->text);
				break;
			}
			/* Paths are built from codes: nothing to escape. */
			buf_addc(b, '[');
			md_text(b, s->text);
			buf_addf(b, "](%s)", s->href);
			break;
		case RDOC_S_IMAGE:
			buf_adds(b, "![");
			md_text(b, s->text);
			buf_addf(b, "](%s) ", s->src);
			break;
		case RDOC_S_STATUS:
			status(b, r, s->status, s->text);
			break;
		case RDOC_S_STATUS_OF:
			buf_adds(b, zh ? "：**" : ": **");
			status(b, r, s->status, s->text);
			buf_adds(b, "**");
			break;
		case RDOC_S_DETAIL:
			if (*s->text == '\0')
				break;
			buf_adds(b, zh ? "，" : ", ");
			md_text(b, s->text);
			break;
		case RDOC_S_WAS:
		case RDOC_S_ASIDE:
			aside(b, r, s->text);
			break;
		case RDOC_S_SUB:
		case RDOC_S_SUB_EM:
			if (i)
				buf_adds(b, " · ");
			if (s->kind == RDOC_S_SUB_EM)
				buf_addc(b, '*');
			md_text(b, s->text);
			if (s->kind == RDOC_S_SUB_EM)
				buf_addc(b, '*');
			break;
		case RDOC_S_LINE_BEGIN:
		case RDOC_S_LINE_END:
			break;
		}
	}
}

static void
rollup(struct buf *b, const struct rdoc *r, const struct rdoc_rollup *u)
{
	bool zh = r->lang == LANG_ZH;

	/* A system or a measure: its heading, then its status line. */
	if (u->level != REPORT_POLICY) {
		buf_adds(b, u->level == REPORT_SYSTEM ? "## " : "### ");
		if (u->id) {
			md_text(b, u->id);
			buf_addc(b, ' ');
		}
		md_text(b, u->name);
		buf_adds(b, "\n\n");
	}
	buf_adds(b, "**");
	if (u->level == REPORT_POLICY) {
		md_text(b, u->name);
		buf_adds(b, zh ? "：" : ": ");
	}
	status(b, r, u->status, u->word);
	buf_adds(b, "**");
	if (u->was)
		aside(b, r, u->was);
	buf_adds(b, zh ? "，得分 " : ", score ");
	md_text(b, u->score);
	if (u->note)
		aside(b, r, u->note);
	buf_addc(b, '\n');
}

static void
counts(struct buf *b, const struct rdoc *r, const struct rdoc_block *k)
{
	size_t i;
	int s;

	buf_adds(b, "| |");
	for (s = PROGRESS_TARGET_ACHIEVED; s >= 0; s--) {
		buf_adds(b, " ");
		status(b, r, (enum progress_status)s, NULL);
		buf_adds(b, " |");
	}
	buf_adds(b, "\n|---");
	for (s = PROGRESS_TARGET_ACHIEVED; s >= 0; s--)
		buf_adds(b, "|---:");
	buf_adds(b, "|\n");
	for (i = 0; i < 3; i++) {
		buf_adds(b, "| ");
		md_text(b, k->names[i]);
		for (s = PROGRESS_TARGET_ACHIEVED; s >= 0; s--)
			buf_addf(b, " | %zu", k->counts[i][s]);
		buf_adds(b, " |\n");
	}
}

static void
table(struct buf *b, const struct rdoc *r, const struct rdoc_block *k)
{
	size_t i, j, n = strlen(k->align);
	int x;

	for (i = 0; i < n; i++) {
		buf_adds(b, "| ");
		md_text(b, k->head[i]);
		buf_addc(b, ' ');
	}
	buf_adds(b, "|\n");
	for (i = 0; i < n; i++)
		buf_adds(b, k->align[i] == 'r' ? "|---:" : "|---");
	buf_adds(b, "|\n");
	for (i = 0; i < k->nrows; i++) {
		const struct rdoc_row *w = &k->rows[i];

		buf_adds(b, "| ");
		for (j = 0; j < w->n; j++) {
			if (j)
				buf_adds(b, " | ");
			spans(b, r, &w->v[j].line);
			/* The columns a cell covers stay empty. */
			for (x = 1; x < w->v[j].span; x++)
				buf_adds(b, " |");
		}
		buf_adds(b, " |\n");
	}
}

void
md_report(struct buf *b, const struct report_doc *d)
{
	struct rdoc r = { 0 };
	size_t i, j;

	rdoc_build(&r, d);
	buf_adds(b, "# ");
	md_text(b, r.title);
	buf_adds(b, "\n\n");
	md_text(b, r.kicker);
	buf_adds(b, " · ");
	md_text(b, r.meta);
	buf_addc(b, '\n');
	for (i = 0; i < r.n; i++) {
		const struct rdoc_block *k = &r.v[i];

		/* Parts are the HTML page's: nothing to write. */
		if (k->kind == RDOC_B_PART || k->kind == RDOC_B_END)
			continue;
		buf_addc(b, '\n');
		switch (k->kind) {
		case RDOC_B_HEADING:
			buf_addf(b, "%.*s ", k->level, "######");
			md_text(b, k->text);
			buf_addc(b, '\n');
			break;
		case RDOC_B_PARA:
			if (k->style == RDOC_FOOTER)
				buf_adds(b, "---\n\n");
			if (k->style == RDOC_WARNING)
				buf_adds(b, "> ");
			spans(b, &r, &k->line);
			buf_addc(b, '\n');
			break;
		case RDOC_B_ROLLUP:
			rollup(b, &r, &k->rollup);
			break;
		case RDOC_B_COUNTS:
			counts(b, &r, k);
			break;
		case RDOC_B_TABLE:
			table(b, &r, k);
			break;
		case RDOC_B_LIST:
			for (j = 0; j < k->nitems; j++) {
				buf_adds(b, "- ");
				spans(b, &r, &k->items[j]);
				buf_addc(b, '\n');
			}
			break;
		default:
			break;
		}
	}
	rdoc_release(&r);
}
