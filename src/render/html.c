/* render/html.c - the report's document (render/rdoc.h) as an HTML page:
 * each part, block and span as its element, class and badge. */
#include "render/html.h"

#include <math.h>
#include <string.h>

#include "render/chart.h"
#include "render/escape.h"
#include "render/palette.h"
#include "render/rdoc.h"
#include "util/banned.h"

/* Layout and print rules. Status colours are added by css() from
 * pal_status, so the page and the charts agree. No '<' or '&' in
 * here: the page must stay well-formed XML. */
static const char css_base[] =
	":root{--ink:#1c2431;--muted:#5a6475;--rule:#d8dce3;"
	"--accent:#1f4e79;--paper:#fff}\n"
	"*{box-sizing:border-box}\n"
	"html{font-size:15px}\n"
	"body{margin:0;background:#e9ecf0;color:var(--ink);"
	"font-family:\"Noto Sans\",\"Noto Sans CJK SC\",\"Source Han Sans SC\","
	"\"PingFang SC\",\"Microsoft YaHei\",\"Helvetica Neue\",Arial,"
	"sans-serif;line-height:1.45}\n"
	"main{max-width:1120px;margin:24px auto;background:var(--paper);"
	"padding:36px 48px 28px;box-shadow:0 1px 6px rgba(0,0,0,.15)}\n"
	"header.cover{border-bottom:3px solid var(--accent);"
	"padding-bottom:14px;margin-bottom:6px}\n"
	".kicker{color:var(--accent);font-size:.8rem;font-weight:700;"
	"letter-spacing:.08em;text-transform:uppercase}\n"
	"h1{font-size:1.95rem;line-height:1.2;margin:.25rem 0 .35rem}\n"
	".meta{color:var(--muted)}\n"
	"h2{font-size:1.3rem;color:var(--accent);margin:30px 0 10px;"
	"padding-bottom:4px;border-bottom:1px solid var(--rule)}\n"
	"h3{font-size:1rem;margin:18px 0 6px}\n"
	"p{margin:.4rem 0 .7rem}\n"
	"a{color:var(--accent)}\n"
	".overall{display:flex;flex-wrap:wrap;align-items:center;gap:10px 18px;"
	"margin:18px 0 6px;padding:14px 18px;background:#f7f8fa;"
	"border:1px solid var(--rule);border-left:8px solid #999}\n"
	".overall .label{font-weight:700;font-size:1.05rem}\n"
	".overall .badge{font-size:1rem;padding:3px 12px}\n"
	".overall .score{font-size:1.05rem}\n"
	".overall .note{color:var(--muted);font-size:.85rem}\n"
	".headline{font-size:1.02rem;margin:8px 0 0}\n"
	".warning{margin:10px 0 0;padding:8px 12px;background:#fdf0e6;"
	"border-left:6px solid #c2410c;font-weight:600}\n"
	"table{border-collapse:collapse;width:100%;font-size:.88rem;"
	"margin:4px 0 10px}\n"
	"th,td{border-bottom:1px solid var(--rule);padding:5px 7px;"
	"text-align:left;vertical-align:top}\n"
	"th{background:#f1f3f6;color:var(--muted);font-size:.76rem;"
	"font-weight:700}\n"
	".num{text-align:right;white-space:nowrap;"
	"font-variant-numeric:tabular-nums}\n"
	"th.num,.num .sub{white-space:normal}\n"
	".sub{color:var(--muted);font-size:.76rem;margin-top:1px}\n"
	".badge{display:inline-block;padding:1px 9px;border-radius:7px;"
	"font-size:.76rem;font-weight:700;line-height:1.5;max-width:100%}\n"
	".dist{display:flex;height:12px;border-radius:3px;overflow:hidden;"
	"min-width:60px;background:#eee}\n"
	".dist span{display:block;height:100%}\n"
	"table.glance td.n{text-align:center;font-variant-numeric:"
	"tabular-nums}\n"
	"table.glance th.n{text-align:center}\n"
	".cols{display:flex;gap:28px;flex-wrap:wrap}\n"
	".cols>div{flex:1 1 380px;min-width:0}\n"
	"ul{margin:.3rem 0 .8rem;padding-left:1.3rem}\n"
	"li{margin:.15rem 0}\n"
	".syshead{display:flex;align-items:baseline;gap:14px;"
	"flex-wrap:wrap;border-bottom:1px solid var(--rule);"
	"margin:30px 0 4px}\n"
	".syshead h2{border:0;margin:0;padding-bottom:4px}\n"
	".measure{margin:14px 0 18px}\n"
	".mhead{display:flex;align-items:baseline;gap:10px;"
	"background:#f4f6f9;border-left:4px solid var(--accent);"
	"padding:6px 10px}\n"
	".mhead .mid{font-weight:700;color:var(--accent)}\n"
	".mhead .mname{flex:1;font-weight:600}\n"
	".mhead .score{white-space:nowrap}\n"
	/* One column grid for every measure's table. */
	"table.ind{table-layout:fixed}\n"
	"table.ind th:nth-child(1){width:27%}\n"
	"table.ind th:nth-child(2){width:13%}\n"
	"table.ind th:nth-child(3){width:8%}\n"
	"table.ind th:nth-child(4),table.ind th:nth-child(5){width:10%}\n"
	"table.ind th:nth-child(6){width:14%}\n"
	"table.ind th:nth-child(7){width:12%}\n"
	"table.ind th:nth-child(8){width:6%}\n"
	"table.ind td.trend{white-space:nowrap}\n"
	"table.ind td.trend img{display:block;border:1px solid #eceff3}\n"
	"td.nodata{color:var(--muted);font-style:italic}\n"
	".was{font-style:italic}\n"
	".method{font-size:.9rem}\n"
	"footer{margin-top:26px;padding-top:8px;"
	"border-top:1px solid var(--rule);"
	"color:var(--muted);font-size:.78rem}\n"
	"@page{size:A4;margin:14mm 12mm 15mm}\n"
	"@media print{\n"
	"html{font-size:9.5pt}\n"
	"body{background:#fff}\n"
	"main{max-width:none;margin:0;padding:0;box-shadow:none}\n"
	"section.system,section.gaps{break-before:page;"
	"page-break-before:always}\n"
	".measure,.overall,tr,li{break-inside:avoid;page-break-inside:avoid}\n"
	".mhead,h2,h3,.syshead{break-after:avoid;page-break-after:avoid}\n"
	"thead{display:table-header-group}\n"
	"table.ind td.trend img{width:96px;height:24px}\n"
	"a{color:inherit;text-decoration:none}\n"
	"*{-webkit-print-color-adjust:exact;print-color-adjust:exact}\n"
	"}\n";

static void
h(struct buf *b, const char *s)
{
	esc_html(b, s, strlen(s));
}

static double
lin(unsigned c)
{
	double v = c / 255.0;

	return v <= 0.03928 ? v / 12.92 : pow((v + 0.055) / 1.055, 2.4);
}

/* Black or white text on a status colour, whichever contrasts more
 * (WCAG relative luminance). */
static const char *
ink_on(unsigned rgb)
{
	double l = 0.2126 * lin(rgb >> 16 & 0xff) +
	    0.7152 * lin(rgb >> 8 & 0xff) + 0.0722 * lin(rgb & 0xff);

	return (l + 0.05) / 0.05 > 1.05 / (l + 0.05) ? "#111" : "#fff";
}

static void
css(struct buf *b)
{
	int s;

	buf_adds(b, css_base);
	for (s = 0; s <= PROGRESS_TARGET_ACHIEVED; s++)
		buf_addf(b, ".s%d{background:#%06x;color:%s}"
		    ".b%d{border-left-color:#%06x}\n", s, pal_status[s],
		    ink_on(pal_status[s]), s, pal_status[s]);
}

/* A status badge; 'word' (NULL: the status's own) says it. A word of
 * two parts ("On track") is kept on one line; a longer one ("Progress
 * made but acceleration needed") wraps inside its cell. */
static void
badge(struct buf *b, const struct rdoc *r, enum progress_status s,
    const char *word)
{
	const char *w = word ? word : rl_status(r->lang, s);
	const char *sp = strchr(w, ' ');

	buf_addf(b, "<span class=\"badge s%d\">", (int)s);
	if (sp && strchr(sp + 1, ' ') == NULL) {
		struct buf t = BUF_INIT;

		buf_add(&t, w, (size_t)(sp - w));
		h(b, t.data);
		buf_adds(b, "&#160;");
		h(b, sp + 1);
		buf_release(&t);
	} else {
		h(b, w);
	}
	buf_adds(b, "</span>");
}

static void
div_sub(struct buf *b, const char *cls, const char *text)
{
	buf_addf(b, "<div class=\"%s\">", cls);
	h(b, text);
	buf_adds(b, "</div>");
}

static void
spans(struct buf *b, const struct rdoc *r, const struct rdoc_line *l)
{
	size_t i;

	for (i = 0; i < l->n; i++) {
		const struct rdoc_span *s = &l->v[i];

		switch (s->kind) {
		case RDOC_S_TEXT:
			h(b, s->text);
			break;
		case RDOC_S_LINK:
			buf_adds(b, "<a href=\"");
			h(b, s->href);
			buf_adds(b, "\">");
			h(b, s->text);
			buf_adds(b, "</a>");
			break;
		case RDOC_S_IMAGE:
			if (s->href) {
				buf_adds(b, "<a href=\"");
				h(b, s->href);
				buf_adds(b, "\">");
			}
			buf_adds(b, "<img src=\"");
			h(b, s->src);
			buf_addf(b, "\" width=\"%d\" height=\"%d\" alt=\"",
			    RDOC_SPARK_W, RDOC_SPARK_H);
			h(b, s->text);
			buf_adds(b, "\"/>");
			if (s->href)
				buf_adds(b, "</a>");
			break;
		case RDOC_S_STATUS_OF:
			buf_addc(b, ' ');
			/* FALLTHROUGH */
		case RDOC_S_STATUS:
			badge(b, r, s->status, s->text);
			break;
		case RDOC_S_DETAIL:
			buf_adds(b, " <span class=\"sub\">");
			h(b, s->text);
			buf_adds(b, "</span>");
			break;
		case RDOC_S_WAS:
			div_sub(b, "sub was", s->text);
			break;
		case RDOC_S_ASIDE:
		case RDOC_S_SUB:
		case RDOC_S_SUB_EM:
			div_sub(b, "sub", s->text);
			break;
		case RDOC_S_LINE_BEGIN:
			buf_adds(b, "<div class=\"sub\">");
			break;
		case RDOC_S_LINE_END:
			buf_adds(b, "</div>");
			break;
		}
	}
}

/* The element and class of each part; COLUMN has no class. */
static const struct {
	const char *tag, *cls;
} parts[] = {
	[RDOC_P_GLANCE] = { "section", "glance" },
	[RDOC_P_CHANGES] = { "section", "changes" },
	[RDOC_P_SYSTEM] = { "section", "system" },
	[RDOC_P_MEASURE] = { "div", "measure" },
	[RDOC_P_GAPS] = { "section", "gaps" },
	[RDOC_P_METHOD] = { "section", "method" },
	[RDOC_P_COLUMNS] = { "div", "cols" },
	[RDOC_P_COLUMN] = { "div", NULL },
};

static void
part_open(struct buf *b, const struct rdoc_block *k)
{
	buf_addf(b, "<%s", parts[k->part].tag);
	if (parts[k->part].cls)
		buf_addf(b, " class=\"%s\"", parts[k->part].cls);
	if (k->anchor) {
		buf_adds(b, " id=\"");
		h(b, k->anchor);
		buf_adds(b, "\"");
	}
	buf_adds(b, ">\n");
}

static void
rollup(struct buf *b, const struct rdoc *r, const struct rdoc_rollup *u)
{
	bool zh = r->lang == LANG_ZH;

	switch (u->level) {
	case REPORT_POLICY:
		buf_addf(b, "<div class=\"overall b%d\"><span class=\"label\">",
		    (int)u->status);
		h(b, u->name);
		buf_adds(b, "</span>");
		break;
	case REPORT_SYSTEM:
		buf_adds(b, "<div class=\"syshead\"><h2>");
		h(b, u->name);
		buf_adds(b, "</h2>");
		break;
	default:
		buf_adds(b, "<div class=\"mhead\"><span class=\"mid\">");
		h(b, u->id);
		buf_adds(b, "</span><span class=\"mname\">");
		h(b, u->name);
		buf_adds(b, "</span>");
		break;
	}
	badge(b, r, u->status, u->word);
	buf_adds(b, "<span class=\"score\">");
	if (u->level == REPORT_MEASURE) {
		h(b, u->score);
		buf_adds(b, "</span></div>\n");
		if (u->was)
			div_sub(b, "sub was", u->was);
		return;
	}
	h(b, u->label);
	buf_adds(b, " <b>");
	h(b, u->score);
	buf_adds(b, "</b></span>");
	if (u->note) {
		buf_adds(b, "<span class=\"note\">");
		h(b, zh ? "（" : "(");
		h(b, u->note);
		h(b, zh ? "）" : ")");
		buf_adds(b, "</span>");
	}
	if (u->was)
		div_sub(b, "sub was", u->was);
	buf_adds(b, "</div>\n");
}

/* Counts by status of systems, measures and indicators, best first, with
 * a bar per row whose segments the table's numbers explain. */
static void
counts(struct buf *b, const struct rdoc *r, const struct rdoc_block *k)
{
	size_t total, i;
	int s;

	buf_adds(b, "<table class=\"glance\">\n<thead><tr><th></th>");
	for (s = PROGRESS_TARGET_ACHIEVED; s >= 0; s--) {
		buf_adds(b, "<th class=\"n\">");
		badge(b, r, (enum progress_status)s, NULL);
		buf_adds(b, "</th>");
	}
	buf_adds(b, "<th></th></tr></thead>\n<tbody>\n");
	for (i = 0; i < 3; i++) {
		const size_t *n = k->counts[i];

		buf_adds(b, "<tr><th>");
		h(b, k->names[i]);
		buf_adds(b, "</th>");
		for (total = 0, s = PROGRESS_TARGET_ACHIEVED; s >= 0; s--) {
			buf_addf(b, "<td class=\"n\">%zu</td>", n[s]);
			total += n[s];
		}
		buf_adds(b, "<td><div class=\"dist\">");
		for (s = PROGRESS_TARGET_ACHIEVED; total && s >= 0; s--)
			if (n[s])
				buf_addf(b, "<span class=\"s%d\" "
				    "style=\"width:%.2f%%\"></span>", s,
				    100.0 * (double)n[s] / (double)total);
		buf_adds(b, "</div></td></tr>\n");
	}
	buf_adds(b, "</tbody>\n</table>\n");
}

/* The class of a cell in a column of kind 'a' (render/rdoc.h). */
static const char *
cell_class(char a)
{
	switch (a) {
	case 'r':
		return " class=\"num\"";
	case 'n':
		return " class=\"name\"";
	case 't':
		return " class=\"trend\"";
	default:
		return "";
	}
}

static void
table(struct buf *b, const struct rdoc *r, const struct rdoc_block *k)
{
	size_t i, j, col;

	if (k->tstyle == RDOC_T_INDICATORS)
		buf_adds(b, "<table class=\"ind\">\n<thead><tr>");
	else
		buf_adds(b, "<table>\n<thead><tr>");
	for (i = 0; k->align[i]; i++) {
		buf_adds(b, k->align[i] == 'r' ? "<th class=\"num\">" : "<th>");
		h(b, k->head[i]);
		buf_adds(b, "</th>");
	}
	buf_adds(b, "</tr></thead>\n<tbody>\n");
	for (i = 0; i < k->nrows; i++) {
		const struct rdoc_row *w = &k->rows[i];

		if (w->anchor) {
			buf_adds(b, "<tr id=\"");
			h(b, w->anchor);
			buf_adds(b, "\">");
		} else {
			buf_adds(b, "<tr>");
		}
		for (j = 0, col = 0; j < w->n; col += w->v[j].span, j++) {
			if (w->v[j].nodata)
				buf_addf(b, "<td class=\"nodata\" "
				    "colspan=\"%d\">", w->v[j].span);
			else
				buf_addf(b, "<td%s>", cell_class(k->align[col]));
			spans(b, r, &w->v[j].line);
			buf_adds(b, "</td>");
		}
		buf_adds(b, "</tr>\n");
	}
	buf_adds(b, "</tbody>\n</table>\n");
}

static void
para(struct buf *b, const struct rdoc *r, const struct rdoc_block *k)
{
	static const char *const open[] = {
		[RDOC_PLAIN] = "<p>", [RDOC_HEADLINE] = "<p class=\"headline\">",
		[RDOC_WARNING] = "<p class=\"warning\">",
		[RDOC_NOTE] = "<p class=\"sub\">", [RDOC_FOOTER] = "<footer>",
	};

	buf_adds(b, open[k->style]);
	spans(b, r, &k->line);
	buf_adds(b, k->style == RDOC_FOOTER ? "</footer>\n" : "</p>\n");
}

void
html_report(struct buf *b, const struct report_doc *d)
{
	struct rdoc r = { 0 };
	enum rdoc_part open[8];
	size_t i, j, depth = 0;

	rdoc_build(&r, d);
	buf_addf(b, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n"
	    "<meta charset=\"utf-8\"/>\n"
	    "<meta name=\"viewport\" content=\"width=device-width, "
	    "initial-scale=1\"/>\n<title>", r.tag);
	h(b, r.kicker);
	h(b, " · ");
	h(b, r.title);
	buf_adds(b, "</title>\n<style>\n");
	css(b);
	buf_adds(b, "</style>\n</head>\n<body>\n<main>\n");
	buf_adds(b, "<header class=\"cover\">\n<div class=\"kicker\">");
	h(b, r.kicker);
	buf_adds(b, "</div>\n<h1>");
	h(b, r.title);
	buf_adds(b, "</h1>\n<div class=\"meta\">");
	h(b, r.meta);
	buf_adds(b, "</div>\n</header>\n");
	for (i = 0; i < r.n; i++) {
		const struct rdoc_block *k = &r.v[i];

		switch (k->kind) {
		case RDOC_B_PART:
			if (depth < sizeof(open) / sizeof(open[0]))
				open[depth++] = k->part;
			part_open(b, k);
			break;
		case RDOC_B_END:
			if (depth)
				buf_addf(b, "</%s>\n",
				    parts[open[--depth]].tag);
			break;
		case RDOC_B_HEADING:
			buf_addf(b, "<h%d>", k->level);
			h(b, k->text);
			buf_addf(b, "</h%d>\n", k->level);
			break;
		case RDOC_B_PARA:
			para(b, &r, k);
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
			buf_adds(b, "<ul>\n");
			for (j = 0; j < k->nitems; j++) {
				buf_adds(b, "<li>");
				spans(b, &r, &k->items[j]);
				buf_adds(b, "</li>\n");
			}
			buf_adds(b, "</ul>\n");
			break;
		}
	}
	buf_adds(b, "</main>\n</body>\n</html>\n");
	rdoc_release(&r);
}
