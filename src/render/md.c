#include "render/md.h"

#include <math.h>
#include <string.h>

#include "render/fmt.h"
#include "render/reportlang.h"
#include "render/text.h"
#include "util/utf8.h"
#include "util/banned.h"

/* Markdown is UTF-8 text: a byte that is not (a file name in GBK bytes)
 * becomes U+FFFD, as in the HTML page. */
void
md_text(struct buf *b, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = strlen(s), i = 0, k;

	while (i < n) {
		unsigned char c = p[i];

		k = c < 0x80 ? 1 : c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : 2;
		if (c >= 0x80) {
			if (i + k > n || !utf8_valid(p + i, k)) {
				buf_adds(b, "\xef\xbf\xbd");
				k = 1;
			} else {
				buf_add(b, p + i, k);
			}
		} else if (c < 0x20 || c == 0x7f) {
			buf_addc(b, ' ');
		} else if (strchr("\\|*_`[]<>#&", c)) {
			buf_addf(b, "\\%c", c);
		} else {
			buf_addc(b, (char)c);
		}
		i += k;
	}
}

static void
status(struct buf *b, const struct progress_rollup *r)
{
	buf_adds(b, progress_status_label(r->status));
	buf_adds(b, " | ");
	if (r->has_score)
		buf_addf(b, "%.2f", r->score);
	else
		buf_adds(b, "–");
}

/* Region totals against their parts, and published growth the levels do
 * not reproduce: every one, as tables. */
static void
md_checks(struct buf *b, const struct summary *s)
{
	const struct catalog *cat = s->cat;
	char t[PERIOD_TEXT_MAX], v[FMT_MAX], w[FMT_MAX], d[FMT_MAX];
	size_t i, k, n = 0;

	for (i = 0; i < s->nchecks; i++) {
		const struct summary_check *c = &s->checks[i];
		const struct cat_indicator *ind = &cat->indicators[c->indicator];

		if (i == 0)
			buf_adds(b, "\n## Region totals that differ from the "
			    "sum of their parts\n\n| indicator | region | "
			    "period | own | parts | difference |\n"
			    "|---|---|---|---:|---:|---:|\n");
		buf_adds(b, "| ");
		md_text(b, ind->code);
		buf_adds(b, " | ");
		md_text(b, cat->regions[c->region].code);
		if (!isfinite(c->c.children)) {
			buf_addf(b, " | %s | %s | out of range | no figure |\n",
			    period_format(&c->c.p, t), isfinite(c->c.own) ?
			    fmt_value(c->c.own, -1, v) : "");
			continue;
		}
		buf_addf(b, " | %s | %s | %s | %s |\n",
		    period_format(&c->c.p, t), fmt_value(c->c.own, -1, v),
		    fmt_value(c->c.children, -1, w), c->c.children != 0 ?
		    fmt_pct((c->c.own - c->c.children) /
		    fabs(c->c.children) * 100, d) : "");
	}
	for (i = 0; i < cat->nindicators; i++) {
		const struct summary_indicator *si = &s->indicators[i];

		for (k = 0; k < si->years.n; k++) {
			const struct agg_point *pt = &si->years.pt[k];

			if (!pt->yoy_mismatch)
				continue;
			if (n++ == 0)
				buf_adds(b, "\n## Published growth the levels "
				    "do not reproduce (comparable basis?)\n\n"
				    "| indicator | year | published | levels |"
				    "\n|---|---|---:|---:|\n");
			buf_adds(b, "| ");
			md_text(b, cat->indicators[i].code);
			buf_addf(b, " | %d | %s | %s |\n", pt->p.year,
			    fmt_pct(pt->yoy_pub, v), fmt_pct(pt->yoy, w));
		}
	}
	for (i = 0, n = 0; i < cat->nindicators; i++) {
		const struct progress_result *p = &s->indicators[i].progress;

		if (!p->base_differs)
			continue;
		if (n++ == 0)
			buf_adds(b, "\n## Stored base-year values that differ "
			    "from the plan's base\n\n| indicator | year | "
			    "stored | plan |\n|---|---|---:|---:|\n");
		buf_adds(b, "| ");
		md_text(b, cat->indicators[i].code);
		buf_addf(b, " | %d | %s | %s |\n", p->base_year_asked,
		    fmt_value(p->stored_base, -1, v),
		    fmt_value(p->base_value, -1, w));
	}
}

void
md_summary(struct buf *b, const struct summary *s)
{
	const struct catalog *cat = s->cat;
	const struct cat_region *g = &cat->regions[s->region];
	char t[PERIOD_TEXT_MAX], v[FMT_MAX], y[FMT_YOY_MAX], a[FMT_MAX],
	    r[FMT_MAX], note[FMT_NOTE_MAX];
	size_t i, j, k, x;
	unsigned w;

	buf_adds(b, "# Progress summary: ");
	md_text(b, g->name_en);
	buf_addc(b, ' ');
	md_text(b, g->name_zh);
	buf_addf(b, "\n\nAs of **%s**, region ", period_format(&s->as_of, t));
	md_text(b, g->code);
	buf_adds(b, ". Overall: **");
	buf_adds(b, progress_status_label(s->overall.status));
	buf_adds(b, "**");
	if (s->overall.has_score)
		buf_addf(b, ", score %.2f", s->overall.score);
	buf_addf(b, " — %s.\n\n| system | status | score | coverage |\n"
	    "|---|---|---:|---|\n", fmt_coverage(&s->cov, true, note));
	for (i = 0; i < cat->nsystems; i++) {
		buf_adds(b, "| ");
		md_text(b, cat->systems[i].name_en);
		buf_adds(b, " | ");
		status(b, &s->systems[i].r);
		buf_addf(b, " | %s |\n", fmt_coverage(&s->systems[i].cov,
		    true, note));
	}
	for (i = 0; i < cat->nsystems; i++) {
		buf_adds(b, "\n## ");
		md_text(b, cat->systems[i].name_en);
		buf_adds(b, " ");
		md_text(b, cat->systems[i].name_zh);
		buf_adds(b, "\n\n| measure | indicator | latest | yoy | "
		    "growth | needed | status | score |\n"
		    "|---|---|---:|---:|---:|---:|---|---:|\n");
		for (j = 0; j < cat->nmeasures; j++) {
			const struct cat_measure *m = &cat->measures[j];

			if (m->system != (int)i)
				continue;
			buf_adds(b, "| **");
			md_text(b, m->id);
			buf_adds(b, "** ");
			md_text(b, m->name_en);
			buf_adds(b, " | | | | | | ");
			if (m->qualitative)
				buf_adds(b, "Qualitative, not measured | –");
			else if (s->measures[j].context_only)
				buf_adds(b, "Context indicators only, monitored "
				    "not scored | –");
			else
				status(b, &s->measures[j].r);
			buf_adds(b, " |\n");
			if (!m->qualitative && !s->measures[j].context_only)
				buf_addf(b, "| | *%s* | | | | | | |\n",
				    fmt_coverage(&s->measures[j].cov, false,
				    note));
			for (k = 0; k < cat->nindicators; k++) {
				const struct cat_indicator *d =
				    &cat->indicators[k];
				const struct summary_indicator *si =
				    &s->indicators[k];
				const struct progress_result *p =
				    &si->progress;

				for (x = 0; x < d->nmeasures; x++)
					if (d->measures[x] == (int)j)
						break;
				if (x == d->nmeasures)
					continue;
				buf_adds(b, "| | ");
				md_text(b, d->name_en);
				buf_adds(b, " | ");
				if (si->has_latest) {
					buf_addf(b, "%s ", fmt_value(
					    si->latest.value,
					    fmt_decimals(d, &si->years), v));
					md_text(b, cat->units[d->unit].unit);
					buf_addf(b, " (%d)", si->latest.p.year);
				} else {
					buf_adds(b, "no data");
				}
				buf_addf(b, " | %s | %s | %s | %s",
				    si->has_latest && fmt_yoy(cat, d,
				    &si->latest, y) ? y : "",
				    p->has_actual ? fmt_rate(p->actual_growth,
				    a) : "",
				    p->has_required ? fmt_rate(
				    p->required_growth, r) : "",
				    progress_status_label(p->status));
				buf_adds(b, fmt_stale(si, v));
				if (d->context)
					buf_adds(b, " (context: monitored, not "
					    "scored)");
				if (*fmt_basis_note(p, note))
					buf_addf(b, " (%s)", note);
				buf_adds(b, " | ");
				if (p->has_score)
					buf_addf(b, "%.2f", p->score);
				buf_adds(b, " |\n");
			}
		}
	}
	for (i = 0, k = 0; i < cat->nindicators; i++)
		for (w = 1; w <= s->indicators[i].progress.warnings; w <<= 1)
			if (s->indicators[i].progress.warnings & w) {
				if (k++ == 0)
					buf_adds(b, "\n## Notes\n\n");
				buf_adds(b, "- ");
				md_text(b, cat->indicators[i].name_en);
				buf_addf(b, ": %s\n", fmt_warning(w));
			}
	buf_adds(b, "\n## Needs attention\n\n");
	for (i = 0, k = 0; i < cat->nindicators; i++) {
		unsigned at = summary_attention(s, (int)i);
		const struct summary_indicator *si = &s->indicators[i];

		if (at == 0)
			continue;
		buf_adds(b, "- ");
		md_text(b, cat->indicators[i].name_en);
		buf_addf(b, ": %s%s\n", at & SUMMARY_ATTN_NODATA ?
		    (si->has_latest ? "too little data to judge" : "no data") :
		    progress_status_label(si->progress.status),
		    fmt_stale(si, v));
		k++;
	}
	if (k == 0)
		buf_adds(b, "Nothing: every headline indicator is on track or "
		    "achieved, with recent data.\n");
	buf_adds(b, "\n## Data gaps\n\n");
	for (i = 0, k = 0; i < cat->nmeasures; i++)
		if (s->measures[i].data_gap) {
			buf_adds(b, "- ");
			md_text(b, cat->measures[i].id);
			buf_adds(b, " ");
			md_text(b, cat->measures[i].name_en);
			buf_adds(b, summary_measure_has_data(s, (int)i) ?
			    ": too little data to score (two years needed)\n" :
			    ": no data\n");
			k++;
		}
	for (i = 0; i < cat->nindicators; i++)
		for (x = 0; x < s->indicators[i].years.n; x++) {
			const struct agg_point *pt = &s->indicators[i].years.pt[x];

			if (pt->complete)
				continue;
			buf_adds(b, "- ");
			md_text(b, cat->indicators[i].name_en);
			buf_adds(b, ": ");
			rl_partial(b, LANG_EN, pt);
			buf_adds(b, " is incomplete\n");
			k++;
		}
	if (k == 0)
		buf_adds(b, "None.\n");
	md_checks(b, s);
	buf_adds(b, "\n## Method\n\n");
	buf_adds(b, text_method);
	buf_addc(b, '\n');
}

void
md_trend(struct buf *b, const struct catalog *cat, int ind, int region,
    const struct agg_series *s)
{
	const struct cat_indicator *d = &cat->indicators[ind];
	char t[PERIOD_TEXT_MAX], v[FMT_MAX], y[FMT_MAX], w[FMT_MAX];
	size_t i;

	buf_adds(b, "# ");
	md_text(b, d->name_en);
	buf_adds(b, ", ");
	md_text(b, cat->regions[region].name_en);
	buf_adds(b, "\n\n| period | value (");
	md_text(b, cat->units[d->unit].unit);
	buf_adds(b, ") | yoy | note |\n|---|---:|---:|---|\n");
	for (i = 0; i < s->n; i++) {
		const struct agg_point *pt = &s->pt[i];

		buf_addf(b, "| %s | %s | %s | %s%s%s%s%s |\n",
		    period_format(&pt->p, t),
		    fmt_value(pt->value, fmt_decimals(d, s), v),
		    pt->has_yoy_pub ? fmt_pct(pt->yoy_pub, y) :
		    fmt_is_rate(d) && pt->has_chg ?
		    fmt_points(pt->chg, cat->units[d->unit].unit, y) : pt->has_yoy ?
		    fmt_pct(pt->yoy, y) : "",
		    pt->complete ? "" : "partial",
		    pt->derived ? " sum of parts" : "",
		    !pt->has_yoy_pub ? "" : pt->yoy_pub_derived ?
		    " yoy derived from published ytd growth" : " yoy published",
		    pt->yoy_mismatch ? ", levels " : "",
		    pt->yoy_mismatch ? fmt_pct(pt->yoy, w) : "");
	}
}
