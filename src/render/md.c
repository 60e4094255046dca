#include "render/md.h"

#include <string.h>

#include "render/fmt.h"
#include "render/text.h"
#include "util/banned.h"

void
md_text(struct buf *b, const char *s)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c < 0x20 || c == 0x7f)
			buf_addc(b, ' ');
		else if (strchr("\\|*_`[]<>#", c))
			buf_addf(b, "\\%c", c);
		else
			buf_addc(b, (char)c);
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

void
md_summary(struct buf *b, const struct summary *s)
{
	const struct catalog *cat = s->cat;
	const struct cat_region *g = &cat->regions[s->region];
	char t[PERIOD_TEXT_MAX], v[FMT_MAX], y[FMT_MAX], a[FMT_MAX],
	    r[FMT_MAX];
	size_t i, j, k, x;

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
	buf_adds(b, ".\n\n| system | status | score |\n|---|---|---:|\n");
	for (i = 0; i < cat->nsystems; i++) {
		buf_adds(b, "| ");
		md_text(b, cat->systems[i].name_en);
		buf_adds(b, " | ");
		status(b, &s->systems[i].r);
		buf_adds(b, " |\n");
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
			status(b, &s->measures[j].r);
			buf_adds(b, " |\n");
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
					    fmt_is_count(cat, d), v));
					md_text(b, cat->units[d->unit].unit);
					buf_addf(b, " (%d)", si->latest.p.year);
				} else {
					buf_adds(b, "no data");
				}
				buf_addf(b, " | %s | %s | %s | %s | ",
				    si->has_latest && si->latest.has_yoy ?
				    fmt_pct(si->latest.yoy, y) : "",
				    p->has_actual ? fmt_rate(p->actual_growth,
				    a) : "",
				    p->has_required ? fmt_rate(
				    p->required_growth, r) : "",
				    progress_status_label(p->status));
				if (p->has_score)
					buf_addf(b, "%.2f", p->score);
				buf_adds(b, " |\n");
			}
		}
	}
	buf_adds(b, "\n## Data gaps\n\n");
	for (i = 0, k = 0; i < cat->nmeasures; i++)
		if (s->measures[i].data_gap) {
			buf_adds(b, "- ");
			md_text(b, cat->measures[i].id);
			buf_adds(b, " ");
			md_text(b, cat->measures[i].name_en);
			buf_adds(b, ": no data\n");
			k++;
		}
	for (i = 0; i < cat->nindicators; i++)
		if (s->indicators[i].has_partial) {
			buf_adds(b, "- ");
			md_text(b, cat->indicators[i].name_en);
			buf_addf(b, ": %s is incomplete\n", fmt_period_partial(
			    &s->indicators[i].partial.p,
			    s->indicators[i].partial.months, false, v));
			k++;
		}
	if (k == 0)
		buf_adds(b, "None.\n");
	buf_adds(b, "\n## Method\n\n");
	buf_adds(b, text_method);
	buf_addc(b, '\n');
}

void
md_trend(struct buf *b, const struct catalog *cat, int ind, int region,
    const struct agg_series *s)
{
	const struct cat_indicator *d = &cat->indicators[ind];
	char t[PERIOD_TEXT_MAX], v[FMT_MAX], y[FMT_MAX];
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

		buf_addf(b, "| %s | %s | %s | %s%s |\n",
		    period_format(&pt->p, t),
		    fmt_value(pt->value, fmt_is_count(cat, d), v),
		    pt->has_yoy ? fmt_pct(pt->yoy, y) : "",
		    pt->complete ? "" : "partial",
		    pt->derived ? " sum of parts" : "");
	}
}
