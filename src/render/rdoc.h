/* render/rdoc.h - the periodic report as a document: what it says, in
 * which order, decided once for both of its formats. render/html.c and
 * render/reportmd.c only write it.
 *
 * rdoc_build() turns a struct report_doc into a list of blocks: parts
 * (sections a page lays out or breaks at), headings, paragraphs, status
 * lines, a count table, tables and bullet lists. Paragraphs, cells and
 * list items are lines of spans: text, links, images, statuses and the
 * small notes that go with them. Every text is plain UTF-8 in the
 * report's language, unescaped; each writer escapes what it writes
 * (esc_html, md_text). Hrefs and image sources are relative paths built
 * from codes, or "#anchor" for a place in the HTML page, which Markdown
 * writes as plain text.
 *
 * The struct rdoc owns its blocks, rows, cells, spans and the strings they
 * point to, except the words of tables and counts (head, names), which
 * are reportlang.c's static strings; rdoc_release() frees what it owns.
 * A block is one struct for all kinds: each kind uses the fields its
 * comment names and leaves the others zero.
 */
#ifndef PM_RENDER_RDOC_H
#define PM_RENDER_RDOC_H

#include <stdbool.h>
#include <stddef.h>

#include "render/reportlang.h"
#include "util/buf.h"

enum rdoc_span_kind {
	RDOC_S_TEXT,            /* text */
	RDOC_S_LINK,            /* text, href */
	RDOC_S_IMAGE,           /* text (alt), src, href (NULL: no link) */
	RDOC_S_STATUS,          /* status: a badge, or the word; text,
				 * when not NULL, is the word to show */
	RDOC_S_STATUS_OF,       /* status of the item named just before */
	RDOC_S_DETAIL,          /* text after a STATUS_OF; may be "" */
	RDOC_S_WAS,             /* text: the status an item had before */
	RDOC_S_ASIDE,           /* text in parentheses, or a line below */
	RDOC_S_SUB,             /* text: a secondary line */
	RDOC_S_SUB_EM,          /* text: a secondary line, emphasised */
	RDOC_S_LINE_BEGIN,      /* the spans up to LINE_END: a secondary
				 * line */
	RDOC_S_LINE_END
};

struct rdoc_span {
	enum rdoc_span_kind kind;
	char *text;                     /* NULL for statuses and LINE_* */
	char *href;                     /* LINK, IMAGE */
	char *src;                      /* IMAGE */
	enum progress_status status;    /* STATUS, STATUS_OF */
};

/* A paragraph, a table cell or a list item. */
struct rdoc_line {
	struct rdoc_span *v;
	size_t n, cap;
};

struct rdoc_cell {
	struct rdoc_line line;
	int span;                       /* columns it covers, >= 1 */
	bool nodata;                    /* says the row has no data */
};

struct rdoc_row {
	char *anchor;                   /* NULL or the row's anchor */
	struct rdoc_cell *v;
	size_t n, cap;
};

enum rdoc_block_kind {
	RDOC_B_PART,            /* part, anchor (may be NULL): a part begins;
				 * parts nest at most 3 deep */
	RDOC_B_END,             /* the innermost open part ends */
	RDOC_B_HEADING,         /* level (2 or 3), text */
	RDOC_B_PARA,            /* style, line */
	RDOC_B_ROLLUP,          /* rollup: the status line of the policy, a
				 * system or a measure */
	RDOC_B_COUNTS,          /* names, counts: statuses counted for
				 * systems, measures and indicators */
	RDOC_B_TABLE,           /* tstyle, align, head, rows */
	RDOC_B_LIST             /* items */
};

enum rdoc_part {
	RDOC_P_GLANCE, RDOC_P_CHANGES, RDOC_P_SYSTEM, RDOC_P_MEASURE,
	RDOC_P_GAPS, RDOC_P_METHOD,
	RDOC_P_COLUMNS,         /* parts side by side on a wide page */
	RDOC_P_COLUMN
};

enum rdoc_para_style {
	RDOC_PLAIN, RDOC_HEADLINE,
	RDOC_WARNING,           /* a warning to see first */
	RDOC_NOTE,              /* a note under a table */
	RDOC_FOOTER             /* the last words, set apart */
};

enum rdoc_table_style {
	RDOC_T_PLAIN,
	RDOC_T_INDICATORS       /* the indicators of a measure */
};

struct rdoc_rollup {
	enum report_level level;        /* POLICY, SYSTEM or MEASURE */
	char *id;                       /* MEASURE: "M05"; else NULL */
	char *name;                     /* POLICY: the label "Overall" */
	enum progress_status status;
	const char *word;               /* NULL: the status's own; else
					 * "Not available" (data, no score) */
	char *was;                      /* NULL or "was: On track" */
	char *label;                    /* "Score" */
	char *score;                    /* "3.73", "–" */
	char *note;                     /* NULL or how scores run */
};

struct rdoc_block {
	enum rdoc_block_kind kind;
	enum rdoc_part part;
	char *anchor;
	int level;
	char *text;
	enum rdoc_para_style style;
	struct rdoc_line line;
	struct rdoc_rollup rollup;
	/* COUNTS: names[i] has counts[i][status], i < 3 */
	const char *names[3];
	size_t counts[3][PROGRESS_TARGET_ACHIEVED + 1];
	/* TABLE: align has one letter a column: l text, r a number (right
	 * aligned), n a name, t pictures; head[i] is column i's word */
	enum rdoc_table_style tstyle;
	char *align;
	const char **head;
	struct rdoc_row *rows;
	size_t nrows, caprows;
	struct rdoc_line *items;        /* LIST */
	size_t nitems, capitems;
};

struct rdoc {
	enum chart_lang lang;
	const char *tag;                /* "en", "zh-CN" */
	char *kicker;                   /* "Policy progress report" */
	char *title;                    /* "Zhejiang: progress as of 2025" */
	char *meta;                     /* region, data as of, how many */
	struct rdoc_block *v;
	size_t n, cap;
};

/* Build the report's document into 'r', which must be zeroed
 * (render/rdoc.c: the report's content). */
void rdoc_build(struct rdoc *r, const struct report_doc *d);
void rdoc_release(struct rdoc *r);

/* The tree, for rdoc_build() (render/rdoc_tree.c). Each adds at the end
 * of 'r', a line, a table or a list, and copies the text it is given,
 * except the 's' of rdoc_celltake, the href of rdoc_link and the anchor
 * of rdoc_part: those are taken, and freed with the tree. A pointer a
 * call returns is good until the next call that adds to the same array:
 * fill a block (its rows, items) before adding another. */

/* A copy of the text in 't', which is emptied; or of a format. */
char *rdoc_take(struct buf *t);
char *rdoc_dupf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Spans of a line; the b forms take the text of 't' and empty it. */
struct rdoc_span *rdoc_span(struct rdoc_line *l, enum rdoc_span_kind kind,
    const char *text);
void rdoc_spanb(struct rdoc_line *l, enum rdoc_span_kind kind,
    struct buf *t);
void rdoc_status(struct rdoc_line *l, enum rdoc_span_kind kind,
    enum progress_status s);
void rdoc_link(struct rdoc_line *l, const char *text, char *href);

/* Blocks. */
struct rdoc_block *rdoc_block(struct rdoc *r, enum rdoc_block_kind kind);
void rdoc_part(struct rdoc *r, enum rdoc_part p, char *anchor);
void rdoc_end(struct rdoc *r);
void rdoc_heading(struct rdoc *r, int level, const char *text);
struct rdoc_line *rdoc_para(struct rdoc *r, enum rdoc_para_style style);
/* A paragraph of one text. */
void rdoc_say(struct rdoc *r, enum rdoc_para_style style, const char *text);
void rdoc_sayb(struct rdoc *r, enum rdoc_para_style style, struct buf *t);

/* A table with one word of the language a column (w[i] for each letter
 * of 'align'), its rows and cells; a list and its items. A cell of NULL
 * or "" text is an empty cell. */
struct rdoc_block *rdoc_table(struct rdoc *r, const struct report_doc *d,
    enum rdoc_table_style style, const enum rl_word *w, const char *align);
struct rdoc_row *rdoc_row(struct rdoc_block *t);
struct rdoc_line *rdoc_cell(struct rdoc_row *w);
void rdoc_celltext(struct rdoc_row *w, const char *text);
void rdoc_celltake(struct rdoc_row *w, char *s);
void rdoc_cellb(struct rdoc_row *w, struct buf *t);
struct rdoc_line *rdoc_item(struct rdoc_block *list);

#endif /* PM_RENDER_RDOC_H */
