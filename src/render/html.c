#include "render/html.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "render/chart.h"
#include "render/escape.h"
#include "render/fmt.h"
#include "util/xalloc.h"
#include "util/banned.h"

#define ATTENTION_SHOWN 8       /* indicators in "needs attention" */
#define REVISIONS_SHOWN 25      /* rows of the revisions table */
#define CHECKS_SHOWN 12         /* rows of the region totals table */

/* Layout and print rules. Status colours are added by css() from
 * chart_status_rgb, so the page and the charts agree. No '<' or '&' in
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
	"table{border-collapse:collapse;width:100%;font-size:.88rem;"
	"margin:4px 0 10px}\n"
	"th,td{border-bottom:1px solid var(--rule);padding:5px 7px;"
	"text-align:left;vertical-align:top}\n"
	"th{background:#f1f3f6;color:var(--muted);font-size:.76rem;"
	"font-weight:700}\n"
	".num{text-align:right;white-space:nowrap;"
	"font-variant-numeric:tabular-nums}\n"
	"th.num,th .badge,td .badge{white-space:normal}\n"
	".sub{color:var(--muted);font-size:.76rem;margin-top:1px}\n"
	".badge{display:inline-block;padding:1px 9px;border-radius:7px;"
	"font-size:.76rem;font-weight:700;line-height:1.5;"
	"white-space:nowrap}\n"
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

/* Escape a plain-text buffer's content and empty it. */
static void
hb(struct buf *b, struct buf *t)
{
	esc_html(b, buf_str(t), t->len);
	buf_reset(t);
}

/* A table's opening and header row: one word per column, 'align' one
 * letter per column (l left, r right-aligned numbers). */
static void
thead(struct buf *b, const struct report_doc *d, const char *cls,
    const enum rl_word *w, const char *align)
{
	size_t i;

	if (cls)
		buf_addf(b, "<table class=\"%s\">\n<thead><tr>", cls);
	else
		buf_adds(b, "<table>\n<thead><tr>");
	for (i = 0; align[i]; i++) {
		buf_adds(b, align[i] == 'r' ? "<th class=\"num\">" : "<th>");
		h(b, rl_word(d->lang, w[i]));
		buf_adds(b, "</th>");
	}
	buf_adds(b, "</tr></thead>\n<tbody>\n");
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
		    ".b%d{border-left-color:#%06x}\n", s, chart_status_rgb[s],
		    ink_on(chart_status_rgb[s]), s, chart_status_rgb[s]);
}

static void
badge(struct buf *b, const struct report_doc *d, enum progress_status s)
{
	buf_addf(b, "<span class=\"badge s%d\">", (int)s);
	h(b, rl_status(d->lang, s));
	buf_adds(b, "</span>");
}

static void
score(struct buf *b, bool has, double v)
{
	struct buf t = BUF_INIT;

	rl_score(&t, has, v);
	hb(b, &t);
	buf_release(&t);
}

/* "was: Limited progress" under a status that changed. */
static void
was(struct buf *b, const struct report_doc *d, enum report_level lv,
    int index)
{
	const struct report_change *c = rl_change_of(d, lv, index);

	if (c == NULL)
		return;
	buf_adds(b, "<div class=\"sub was\">");
	h(b, d->lang == LANG_ZH ? "上期：" : "was: ");
	h(b, rl_status(d->lang, c->before));
	buf_adds(b, "</div>");
}

static void
cover(struct buf *b, const struct report_doc *d)
{
	const struct summary *s = d->sum;
	struct buf t = BUF_INIT;

	buf_adds(b, "<header class=\"cover\">\n<div class=\"kicker\">");
	h(b, rl_word(d->lang, RL_TITLE));
	buf_adds(b, "</div>\n<h1>");
	rl_title(&t, d);
	hb(b, &t);
	buf_adds(b, "</h1>\n<div class=\"meta\">");
	rl_meta(&t, d);
	hb(b, &t);
	buf_adds(b, "</div>\n</header>\n");
	buf_addf(b, "<div class=\"overall b%d\"><span class=\"label\">",
	    (int)s->overall.status);
	h(b, rl_word(d->lang, RL_OVERALL));
	buf_adds(b, "</span>");
	badge(b, d, s->overall.status);
	buf_adds(b, "<span class=\"score\">");
	h(b, rl_word(d->lang, RL_SCORE));
	buf_adds(b, " <b>");
	score(b, s->overall.has_score, s->overall.score);
	buf_adds(b, "</b></span><span class=\"note\">");
	h(b, d->lang == LANG_ZH ? "（" : "(");
	h(b, rl_word(d->lang, RL_SCORE_RANGE));
	h(b, d->lang == LANG_ZH ? "）" : ")");
	buf_adds(b, "</span>");
	was(b, d, REPORT_POLICY, -1);
	buf_adds(b, "</div>\n<p class=\"headline\">");
	rl_headline(&t, d);
	hb(b, &t);
	buf_adds(b, "</p>\n");
	buf_release(&t);
}

/* Counts by status of systems, measures and indicators, best first, with
 * a bar per row whose segments the table's numbers explain. */
static void
distribution(struct buf *b, const struct report_doc *d)
{
	static const enum report_level lv[] = { REPORT_SYSTEM, REPORT_MEASURE,
		REPORT_INDICATOR };
	static const enum rl_word name[] = { RL_SYSTEMS, RL_MEASURES,
		RL_INDICATORS };
	size_t n[PROGRESS_TARGET_ACHIEVED + 1], total, i;
	int s;

	buf_adds(b, "<table class=\"glance\">\n<thead><tr><th></th>");
	for (s = PROGRESS_TARGET_ACHIEVED; s >= 0; s--) {
		buf_adds(b, "<th class=\"n\">");
		badge(b, d, (enum progress_status)s);
		buf_adds(b, "</th>");
	}
	buf_adds(b, "<th></th></tr></thead>\n<tbody>\n");
	for (i = 0; i < 3; i++) {
		rl_count(d, lv[i], n);
		buf_adds(b, "<tr><th>");
		h(b, rl_word(d->lang, name[i]));
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

static void
glance(struct buf *b, const struct report_doc *d)
{
	static const enum rl_word sys_head[] = { RL_SYSTEM, RL_STATUS,
		RL_SCORE, RL_MEASURES };
	const struct summary *s = d->sum;
	const struct catalog *cat = s->cat;
	int idx[ATTENTION_SHOWN];
	size_t i, j, n, nm;
	struct buf t = BUF_INIT;

	buf_adds(b, "<section class=\"glance\">\n<h2>");
	h(b, rl_word(d->lang, RL_GLANCE));
	buf_adds(b, "</h2>\n");
	distribution(b, d);
	buf_adds(b, "<div class=\"cols\">\n<div>\n");
	thead(b, d, NULL, sys_head, "llrr");
	for (i = 0; i < cat->nsystems; i++) {
		for (j = 0, nm = 0; j < cat->nmeasures; j++)
			nm += cat->measures[j].system == (int)i;
		buf_addf(b, "<tr><td><a href=\"#sys-%zu\">", i + 1);
		h(b, rl_name(d->lang, cat->systems[i].name_en,
		    cat->systems[i].name_zh));
		buf_adds(b, "</a></td><td>");
		badge(b, d, s->systems[i].r.status);
		was(b, d, REPORT_SYSTEM, (int)i);
		buf_adds(b, "</td><td class=\"num\">");
		score(b, s->systems[i].r.has_score, s->systems[i].r.score);
		buf_addf(b, "</td><td class=\"num\">%zu</td></tr>\n", nm);
	}
	buf_adds(b, "</tbody>\n</table>\n</div>\n<div>\n<h3>");
	h(b, rl_word(d->lang, RL_ATTENTION));
	buf_adds(b, "</h3>\n");
	n = rl_attention(d, idx, ATTENTION_SHOWN);
	if (n == 0) {
		buf_adds(b, "<p>");
		h(b, rl_word(d->lang, RL_ATTENTION_NONE));
		buf_adds(b, "</p>\n");
	} else {
		buf_adds(b, "<ul>\n");
	}
	for (i = 0; i < n; i++) {
		const struct cat_indicator *ci = &cat->indicators[idx[i]];
		const struct progress_result *p =
		    &s->indicators[idx[i]].progress;

		buf_addf(b, "<li><a href=\"#ind-%d\">", idx[i] + 1);
		h(b, rl_name(d->lang, ci->name_en, ci->name_zh));
		buf_adds(b, "</a> ");
		badge(b, d, p->status);
		buf_adds(b, " <span class=\"sub\">");
		if (p->has_actual) {
			char g[FMT_MAX];

			buf_adds(&t, d->lang == LANG_ZH ? "年均" : "");
			buf_adds(&t, fmt_pct(p->actual_growth * 100, g));
			buf_adds(&t, d->lang == LANG_ZH ? "" : " a year");
			if (p->has_required) {
				buf_adds(&t, d->lang == LANG_ZH ? "，需" :
				    ", needs ");
				buf_adds(&t, fmt_pct(p->required_growth * 100,
				    g));
			}
			hb(b, &t);
		}
		buf_adds(b, "</span></li>\n");
	}
	if (n)
		buf_adds(b, "</ul>\n");
	buf_adds(b, "</div>\n</div>\n</section>\n");
	buf_release(&t);
}

static void
changes(struct buf *b, const struct report_doc *d)
{
	static const enum rl_word ch_head[] = { RL_LEVEL, RL_ITEM, RL_BEFORE,
		RL_NOW, RL_CHANGE, RL_SCORE };
	static const enum rl_word rev_head[] = { RL_INDICATOR, RL_REGION,
		RL_PERIOD, RL_BEFORE, RL_NOW, RL_CHANGE, RL_FILE };
	const struct report *r = d->rep;
	const struct catalog *cat = d->sum->cat;
	struct buf t = BUF_INIT;
	char v[FMT_MAX];
	size_t i;

	buf_adds(b, "<section class=\"changes\" id=\"changes\">\n<h2>");
	h(b, rl_word(d->lang, RL_CHANGES));
	buf_adds(b, "</h2>\n<p>");
	rl_changes_intro(&t, d);
	hb(b, &t);
	buf_adds(b, "</p>\n");
	if (!r->has_prev)
		goto out;
	buf_adds(b, "<h3>");
	h(b, rl_word(d->lang, RL_STATUS_CHANGES));
	buf_adds(b, "</h3>\n");
	if (r->nchanges == 0) {
		buf_adds(b, "<p>");
		h(b, rl_word(d->lang, RL_NO_STATUS_CHANGE));
		buf_adds(b, "</p>\n");
	} else {
		thead(b, d, NULL, ch_head, "lllllr");
	}
	for (i = 0; i < r->nchanges; i++) {
		const struct report_change *c = &r->changes[i];

		buf_adds(b, "<tr><td>");
		h(b, rl_change_level(d->lang, c->level));
		buf_adds(b, "</td><td>");
		rl_change_item(&t, d, c);
		hb(b, &t);
		buf_adds(b, "</td><td>");
		badge(b, d, c->before);
		buf_adds(b, "</td><td>");
		badge(b, d, c->after);
		buf_adds(b, "</td><td>");
		h(b, rl_change_way(d->lang, c));
		buf_adds(b, "</td><td class=\"num\">");
		score(b, c->has_before_score, c->before_score);
		buf_adds(b, " → ");
		score(b, c->has_after_score, c->after_score);
		buf_adds(b, "</td></tr>\n");
	}
	if (r->nchanges)
		buf_adds(b, "</tbody>\n</table>\n");
	buf_adds(b, "<h3>");
	h(b, rl_word(d->lang, RL_REVISIONS));
	buf_adds(b, "</h3>\n<p>");
	if (r->nrevisions == 0) {
		h(b, rl_word(d->lang, RL_NO_REVISION));
		buf_adds(b, "</p>\n");
		goto out;
	}
	rl_revisions_intro(&t, d);
	hb(b, &t);
	buf_adds(b, "</p>\n");
	thead(b, d, NULL, rev_head, "lllrrrl");
	for (i = 0; i < r->nrevisions && i < REVISIONS_SHOWN; i++) {
		const struct report_revision *e = &r->revisions[i];
		const struct cat_indicator *ci = &cat->indicators[e->indicator];
		const struct cat_region *g = &cat->regions[e->region];

		buf_adds(b, "<tr><td>");
		h(b, rl_name(d->lang, ci->name_en, ci->name_zh));
		buf_adds(b, "</td><td>");
		h(b, rl_name(d->lang, g->name_en, g->name_zh));
		buf_adds(b, "</td><td>");
		rl_period(&t, d->lang, &e->p);
		if (e->ytd)
			buf_addf(&t, " (%s)", rl_word(d->lang, RL_YTD));
		hb(b, &t);
		buf_adds(b, "</td><td class=\"num\">");
		rl_value(&t, d, e->indicator, e->before);
		hb(b, &t);
		buf_adds(b, "</td><td class=\"num\">");
		if (e->has_after)
			rl_value(&t, d, e->indicator, e->after);
		else
			buf_adds(&t, "–");
		hb(b, &t);
		buf_adds(b, "</td><td class=\"num\">");
		if (e->has_after && e->before != 0)
			h(b, fmt_pct((e->after - e->before) / fabs(e->before) *
			    100, v));
		buf_adds(b, "</td><td>");
		h(b, e->file);
		buf_adds(b, "</td></tr>\n");
	}
	buf_adds(b, "</tbody>\n</table>\n");
	if (r->nrevisions > REVISIONS_SHOWN) {
		buf_adds(b, "<p class=\"sub\">");
		rl_more(&t, d->lang, r->nrevisions - REVISIONS_SHOWN);
		hb(b, &t);
		buf_adds(b, "</p>\n");
	}
out:
	buf_adds(b, "</section>\n");
	buf_release(&t);
}

static bool
in_measure(const struct cat_indicator *ci, int m)
{
	size_t x;

	for (x = 0; x < ci->nmeasures; x++)
		if (ci->measures[x] == m)
			return true;
	return false;
}

static void
chart_link(struct buf *b, const struct report_doc *d, int k, unsigned which,
    const char *text)
{
	struct buf t = BUF_INIT;

	rl_chart_path(&t, d, k, which);
	buf_adds(b, "<a href=\"");
	hb(b, &t);
	buf_adds(b, "\">");
	h(b, text);
	buf_adds(b, "</a>");
	buf_release(&t);
}

static void
indicator_row(struct buf *b, const struct report_doc *d, int k, bool first)
{
	const struct summary *s = d->sum;
	const struct cat_indicator *ci = &s->cat->indicators[k];
	const struct summary_indicator *si = &s->indicators[k];
	const struct progress_result *p = &si->progress;
	unsigned have = d->have ? d->have[k] : 0;
	struct buf t = BUF_INIT;
	char g[FMT_MAX];

	/* The anchor goes to the indicator's first appearance only. */
	if (first)
		buf_addf(b, "<tr id=\"ind-%d\"><td class=\"name\">", k + 1);
	else
		buf_adds(b, "<tr><td class=\"name\">");
	h(b, rl_name(d->lang, ci->name_en, ci->name_zh));
	buf_adds(b, "<div class=\"sub\">");
	rl_target(&t, d, k);
	hb(b, &t);
	buf_adds(b, "</div></td>");
	if (!si->has_latest && !si->has_partial) {
		buf_adds(b, "<td class=\"nodata\" colspan=\"5\">");
		h(b, rl_word(d->lang, RL_NO_DATA));
		buf_adds(b, "</td>");
		goto status;
	}
	buf_adds(b, "<td class=\"num\">");
	if (si->has_latest) {
		rl_value(&t, d, k, si->latest.value);
		hb(b, &t);
		buf_adds(b, "<div class=\"sub\">");
		rl_period(&t, d->lang, &si->latest.p);
		if (si->latest.derived)
			buf_addf(&t, d->lang == LANG_ZH ? "，%s" : ", %s",
			    rl_word(d->lang, RL_SUM_OF_PARTS));
		hb(b, &t);
		buf_adds(b, "</div>");
	}
	if (si->has_partial) {
		buf_adds(b, "<div class=\"sub\">");
		rl_partial(&t, d->lang, &si->partial);
		buf_adds(&t, d->lang == LANG_ZH ? "：" : ": ");
		rl_value(&t, d, k, si->partial.value);
		if (si->partial.has_yoy)
			buf_addf(&t, d->lang == LANG_ZH ? "，同比%s" :
			    ", %s YoY", fmt_pct(si->partial.yoy, g));
		hb(b, &t);
		buf_adds(b, "</div>");
	}
	buf_adds(b, "</td><td class=\"num\">");
	if (si->has_latest && si->latest.has_yoy)
		h(b, fmt_pct(si->latest.yoy, g));
	buf_adds(b, "</td><td class=\"num\">");
	if (p->has_actual)
		h(b, fmt_pct(p->actual_growth * 100, g));
	buf_adds(b, "</td><td class=\"num\">");
	if (p->has_required)
		h(b, fmt_pct(p->required_growth * 100, g));
	else
		h(b, "–");
	buf_adds(b, "</td><td class=\"trend\">");
	if (have & RDOC_SPARK) {
		if (have & RDOC_TREND) {
			rl_chart_path(&t, d, k, RDOC_TREND);
			buf_adds(b, "<a href=\"");
			hb(b, &t);
			buf_adds(b, "\">");
		}
		rl_chart_path(&t, d, k, RDOC_SPARK);
		buf_adds(b, "<img src=\"");
		hb(b, &t);
		buf_addf(b, "\" width=\"%d\" height=\"%d\" alt=\"",
		    RDOC_SPARK_W, RDOC_SPARK_H);
		h(b, rl_word(d->lang, RL_TREND));
		buf_adds(b, "\"/>");
		if (have & RDOC_TREND)
			buf_adds(b, "</a>");
	}
	if (have & (RDOC_TREND | RDOC_REGIONS)) {
		buf_adds(b, "<div class=\"sub\">");
		if (have & RDOC_TREND)
			chart_link(b, d, k, RDOC_TREND,
			    rl_word(d->lang, RL_CHART));
		if ((have & RDOC_TREND) && (have & RDOC_REGIONS))
			buf_adds(b, " · ");
		if (have & RDOC_REGIONS)
			chart_link(b, d, k, RDOC_REGIONS,
			    rl_word(d->lang, RL_REGIONS_CHART));
		buf_adds(b, "</div>");
	}
	buf_adds(b, "</td>");
status:
	buf_adds(b, "<td>");
	badge(b, d, p->status);
	was(b, d, REPORT_INDICATOR, k);
	buf_adds(b, "</td><td class=\"num\">");
	score(b, p->has_score, p->score);
	buf_adds(b, "</td></tr>\n");
	buf_release(&t);
}

static void
measure_block(struct buf *b, const struct report_doc *d, int m,
    bool *seen)
{
	static const enum rl_word ind_head[] = { RL_INDICATOR, RL_LATEST,
		RL_YOY, RL_GROWTH, RL_NEEDED, RL_TREND, RL_STATUS, RL_SCORE };
	const struct summary *s = d->sum;
	const struct catalog *cat = s->cat;
	const struct cat_measure *cm = &cat->measures[m];
	const struct progress_rollup *r = &s->measures[m].r;
	size_t k;

	buf_addf(b, "<div class=\"measure\" id=\"m-%d\">\n<div class=\"mhead\">"
	    "<span class=\"mid\">", m + 1);
	h(b, cm->id);
	buf_adds(b, "</span><span class=\"mname\">");
	h(b, rl_name(d->lang, cm->name_en, cm->name_zh));
	buf_adds(b, "</span>");
	badge(b, d, r->status);
	buf_adds(b, "<span class=\"score\">");
	score(b, r->has_score, r->score);
	buf_adds(b, "</span></div>\n");
	was(b, d, REPORT_MEASURE, m);
	thead(b, d, "ind", ind_head, "lrrrrllr");
	for (k = 0; k < cat->nindicators; k++) {
		if (!in_measure(&cat->indicators[k], m))
			continue;
		indicator_row(b, d, (int)k, !seen[k]);
		seen[k] = true;
	}
	buf_adds(b, "</tbody>\n</table>\n</div>\n");
}

static void
system_section(struct buf *b, const struct report_doc *d, int sys,
    bool *seen)
{
	const struct summary *s = d->sum;
	const struct catalog *cat = s->cat;
	const struct progress_rollup *r = &s->systems[sys].r;
	size_t j;

	buf_addf(b, "<section class=\"system\" id=\"sys-%d\">\n"
	    "<div class=\"syshead\"><h2>", sys + 1);
	h(b, rl_name(d->lang, cat->systems[sys].name_en,
	    cat->systems[sys].name_zh));
	buf_adds(b, "</h2>");
	badge(b, d, r->status);
	buf_adds(b, "<span class=\"score\">");
	h(b, rl_word(d->lang, RL_SCORE));
	buf_adds(b, " <b>");
	score(b, r->has_score, r->score);
	buf_adds(b, "</b></span>");
	was(b, d, REPORT_SYSTEM, sys);
	buf_adds(b, "</div>\n");
	for (j = 0; j < cat->nmeasures; j++)
		if (cat->measures[j].system == sys)
			measure_block(b, d, (int)j, seen);
	buf_adds(b, "</section>\n");
}

static void
checks(struct buf *b, const struct report_doc *d)
{
	static const enum rl_word ck_head[] = { RL_INDICATOR, RL_REGION,
		RL_YEAR, RL_OWN, RL_PARTS, RL_DIFF };
	const struct summary *s = d->sum;
	const struct catalog *cat = s->cat;
	int year = rl_checks_year(s);
	size_t i, shown = 0, inyear = 0;
	struct buf t = BUF_INIT;
	char v[FMT_MAX];

	buf_adds(b, "<h3>");
	h(b, rl_word(d->lang, RL_TOTALS));
	buf_adds(b, "</h3>\n");
	if (year < 0) {
		buf_adds(b, "<p>");
		h(b, rl_word(d->lang, RL_NONE));
		buf_adds(b, "</p>\n");
		return;
	}
	thead(b, d, NULL, ck_head, "lllrrr");
	for (i = 0; i < s->nchecks; i++) {
		const struct summary_check *c = &s->checks[i];
		const struct cat_indicator *ci = &cat->indicators[c->indicator];
		const struct cat_region *g = &cat->regions[c->region];

		if (c->c.p.year != year)
			continue;
		inyear++;
		if (shown == CHECKS_SHOWN)
			continue;
		shown++;
		buf_adds(b, "<tr><td>");
		h(b, rl_name(d->lang, ci->name_en, ci->name_zh));
		buf_adds(b, "</td><td>");
		h(b, rl_name(d->lang, g->name_en, g->name_zh));
		buf_adds(b, "</td><td>");
		rl_period(&t, d->lang, &c->c.p);
		hb(b, &t);
		buf_adds(b, "</td><td class=\"num\">");
		rl_value(&t, d, c->indicator, c->c.own);
		hb(b, &t);
		buf_adds(b, "</td><td class=\"num\">");
		rl_value(&t, d, c->indicator, c->c.children);
		hb(b, &t);
		buf_adds(b, "</td><td class=\"num\">");
		if (c->c.children != 0)
			h(b, fmt_pct((c->c.own - c->c.children) /
			    fabs(c->c.children) * 100, v));
		buf_adds(b, "</td></tr>\n");
	}
	buf_adds(b, "</tbody>\n</table>\n");
	if (inyear > shown || s->nchecks > inyear) {
		buf_adds(b, "<p class=\"sub\">");
		if (inyear > shown)
			rl_more(&t, d->lang, inyear - shown);
		if (s->nchecks > inyear) {
			if (t.len)
				buf_addc(&t, ' ');
			if (d->lang == LANG_ZH)
				buf_addf(&t, "更早年份另有%zu处不一致。",
				    s->nchecks - inyear);
			else
				buf_addf(&t, "%zu more in earlier years.",
				    s->nchecks - inyear);
		}
		if (d->lang == LANG_ZH)
			buf_adds(&t, "summary.json列出全部。");
		else
			buf_adds(&t, " summary.json lists all of them.");
		hb(b, &t);
		buf_adds(b, "</p>\n");
	}
	buf_release(&t);
}

static void
mismatches(struct buf *b, const struct report_doc *d)
{
	static const enum rl_word mm_head[] = { RL_INDICATOR, RL_YEAR,
		RL_PUBLISHED, RL_FROM_LEVELS };
	const struct summary *s = d->sum;
	const struct catalog *cat = s->cat;
	struct buf t = BUF_INIT;
	size_t i, k, n = 0;
	char v[FMT_MAX];

	for (i = 0; i < cat->nindicators; i++)
		for (k = 0; k < s->indicators[i].years.n; k++) {
			const struct agg_point *pt =
			    &s->indicators[i].years.pt[k];

			if (!pt->yoy_mismatch)
				continue;
			if (n++ == 0) {
				buf_adds(b, "<h3>");
				h(b, rl_word(d->lang, RL_MISMATCH));
				buf_adds(b, "</h3>\n");
				thead(b, d, NULL, mm_head, "llrr");
			}
			buf_adds(b, "<tr><td>");
			h(b, rl_name(d->lang, cat->indicators[i].name_en,
			    cat->indicators[i].name_zh));
			buf_adds(b, "</td><td>");
			rl_period(&t, d->lang, &pt->p);
			hb(b, &t);
			buf_adds(b, "</td><td class=\"num\">");
			h(b, fmt_pct(pt->yoy_pub, v));
			buf_adds(b, "</td><td class=\"num\">");
			h(b, fmt_pct(pt->yoy, v));
			buf_adds(b, "</td></tr>\n");
		}
	if (n)
		buf_adds(b, "</tbody>\n</table>\n");
	buf_release(&t);
}

static void
gaps(struct buf *b, const struct report_doc *d)
{
	const struct summary *s = d->sum;
	const struct catalog *cat = s->cat;
	const struct report *r = d->rep;
	struct buf t = BUF_INIT;
	size_t i, n;

	buf_adds(b, "<section class=\"gaps\" id=\"gaps\">\n<h2>");
	h(b, rl_word(d->lang, RL_GAPS));
	buf_adds(b, "</h2>\n<h3>");
	h(b, rl_word(d->lang, RL_GAP_MEASURES));
	buf_adds(b, "</h3>\n");
	for (i = 0, n = 0; i < cat->nmeasures; i++) {
		if (!s->measures[i].data_gap)
			continue;
		buf_adds(b, n++ ? "" : "<ul>\n");
		buf_addf(b, "<li><a href=\"#m-%zu\">", i + 1);
		h(b, cat->measures[i].id);
		buf_adds(b, "</a> ");
		h(b, rl_name(d->lang, cat->measures[i].name_en,
		    cat->measures[i].name_zh));
		buf_adds(b, "</li>\n");
	}
	buf_adds(b, n ? "</ul>\n" : "<p>");
	if (n == 0) {
		h(b, rl_word(d->lang, RL_NONE));
		buf_adds(b, "</p>\n");
	}
	buf_adds(b, "<h3>");
	h(b, rl_word(d->lang, RL_GAP_INDICATORS));
	buf_adds(b, "</h3>\n<p>");
	for (i = 0, n = 0; i < cat->nindicators; i++) {
		if (s->indicators[i].has_data)
			continue;
		if (n++)
			buf_adds(&t, d->lang == LANG_ZH ? "、" : "; ");
		buf_adds(&t, rl_name(d->lang, cat->indicators[i].name_en,
		    cat->indicators[i].name_zh));
	}
	if (n == 0)
		buf_adds(&t, rl_word(d->lang, RL_NONE));
	else
		buf_adds(&t, d->lang == LANG_ZH ? "。" : ".");
	hb(b, &t);
	buf_adds(b, "</p>\n<h3>");
	h(b, rl_word(d->lang, RL_INCOMPLETE));
	buf_adds(b, "</h3>\n");
	for (i = 0, n = 0; i < cat->nindicators; i++) {
		if (!s->indicators[i].has_partial)
			continue;
		buf_adds(b, n++ ? "<li>" : "<ul>\n<li>");
		rl_incomplete_line(&t, d, (int)i);
		hb(b, &t);
		buf_adds(b, "</li>\n");
	}
	buf_adds(b, n ? "</ul>\n" : "<p>");
	if (n == 0) {
		h(b, rl_word(d->lang, RL_NONE));
		buf_adds(b, "</p>\n");
	}
	buf_adds(b, "<h3>");
	h(b, rl_word(d->lang, RL_REJECTED));
	buf_adds(b, "</h3>\n<p>");
	if (r->nrejects == 0) {
		h(b, rl_word(d->lang, RL_NO_REJECTED));
		buf_adds(b, "</p>\n");
	} else {
		rl_rejects_intro(&t, d);
		hb(b, &t);
		buf_adds(b, "</p>\n<ul>\n");
		for (i = 0; i < r->nrejects; i++) {
			buf_adds(b, "<li>");
			rl_rejects_line(&t, d, i);
			hb(b, &t);
			buf_adds(b, "</li>\n");
		}
		buf_adds(b, "</ul>\n");
	}
	checks(b, d);
	mismatches(b, d);
	buf_adds(b, "</section>\n");
	buf_release(&t);
}

void
html_report(struct buf *b, const struct report_doc *d)
{
	const struct catalog *cat = d->sum->cat;
	bool *seen = xcalloc(cat->nindicators + 1, sizeof(bool));
	struct buf t = BUF_INIT;
	size_t i;

	buf_addf(b, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n"
	    "<meta charset=\"utf-8\"/>\n"
	    "<meta name=\"viewport\" content=\"width=device-width, "
	    "initial-scale=1\"/>\n<title>", rl_tag(d->lang));
	buf_addf(&t, "%s · ", rl_word(d->lang, RL_TITLE));
	rl_title(&t, d);
	hb(b, &t);
	buf_adds(b, "</title>\n<style>\n");
	css(b);
	buf_adds(b, "</style>\n</head>\n<body>\n<main>\n");
	cover(b, d);
	glance(b, d);
	changes(b, d);
	for (i = 0; i < cat->nsystems; i++)
		system_section(b, d, (int)i, seen);
	gaps(b, d);
	buf_adds(b, "<section class=\"method\" id=\"method\">\n<h2>");
	h(b, rl_word(d->lang, RL_METHOD));
	buf_adds(b, "</h2>\n<p>");
	rl_method(&t, d);
	hb(b, &t);
	buf_adds(b, "</p>\n<p>");
	rl_source(&t, d);
	hb(b, &t);
	buf_adds(b, "</p>\n</section>\n<footer>");
	rl_footer(&t, d);
	hb(b, &t);
	buf_adds(b, "</footer>\n</main>\n</body>\n</html>\n");
	buf_release(&t);
	free(seen);
}
