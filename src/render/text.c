#include "render/text.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "render/escape.h"
#include "render/fmt.h"
#include "render/reportlang.h"
#include "util/banned.h"

#define CHECKS_SHOWN 12 /* consistency lines before "N more" */

const char text_method[] =
	"Status follows the progress measure of Statistics Canada as Open SDG "
	"publishes it (sdg-build, ProgressMeasure): the growth an indicator "
	"has shown since its base year (CAGR) against the growth it needs to "
	"reach its target by the target year. With a target: on track at a "
	"ratio of 0.95 or more, acceleration needed from 0.60, limited "
	"progress from 0, deterioration below. Without a target, the growth "
	"itself: 1.5% a year or more on track, 0.5% acceleration needed, "
	"0 limited. Scores (-5 to 5) are averaged into measures, systems and "
	"the whole policy; context indicators and qualitative measures are "
	"shown, never scored. Where the plan states its base value, asks for "
	"published growth or a series breaks, each status says how its base "
	"and growth were taken.";

/* Words of 'text' after 'lead', broken into lines of at most 'width'
 * bytes (a longer word gets a line of its own). */
static void
wrap(struct buf *b, const char *lead, const char *text, size_t width)
{
	size_t col = strlen(lead);
	const char *p = text;

	buf_adds(b, lead);
	while (*p) {
		size_t n = strcspn(p, " ");

		if (p != text && col + 1 + n > width) {
			buf_addc(b, '\n');
			col = 0;
		} else if (p != text) {
			buf_addc(b, ' ');
			col++;
		}
		buf_add(b, p, n);
		col += n;
		p += n;
		while (*p == ' ')
			p++;
	}
	buf_addc(b, '\n');
}

/* A headline status with what it stands on. */
static void
rollup_line(struct buf *b, const struct progress_rollup *r,
    const struct summary_coverage *c, bool measures)
{
	char t[FMT_NOTE_MAX];

	buf_adds(b, progress_status_label(r->status));
	if (r->has_score)
		buf_addf(b, ", score %.2f", r->score);
	buf_addf(b, " — %s", fmt_coverage(c, measures, t));
}

static void
indicator_line(struct buf *b, const struct summary *s, int i)
{
	const struct catalog *cat = s->cat;
	const struct cat_indicator *d = &cat->indicators[i];
	const struct summary_indicator *si = &s->indicators[i];
	const struct progress_result *p = &si->progress;
	char v[FMT_MAX], g[FMT_MAX], t[FMT_MAX], yy[FMT_YOY_MAX];
	char note[FMT_NOTE_MAX];
	size_t len0 = b->len;
	unsigned w;

	buf_adds(b, "    ");
	esc_plain(b, d->code);
	do
		buf_addc(b, ' ');
	while (b->len - len0 < 38);
	if (!si->has_latest) {
		buf_adds(b, si->has_partial ? "incomplete year only" : "no data");
		if (d->context)
			buf_adds(b, " (context: monitored, not scored)");
		buf_addc(b, '\n');
		return;
	}
	buf_addf(b, "%d  %s ", si->latest.p.year,
	    fmt_value(si->latest.value, fmt_decimals(d, &si->years),
	    v));
	esc_plain(b, cat->units[d->unit].unit);
	if (si->latest.derived)
		buf_adds(b, " (sum of parts)");
	if (fmt_yoy(cat, d, &si->latest, yy))
		buf_addf(b, "  yoy %s", yy);
	if (p->has_actual)
		buf_addf(b, "  growth %s", fmt_rate(p->actual_growth, g));
	if (p->has_required)
		buf_addf(b, " vs needed %s%s", fmt_rate(p->required_growth, t),
		    p->required_is_aim ? " (the policy's aim)" : "");
	else if (!d->has_target && d->has_growth && d->target_growth != 0)
		buf_addf(b, " (the policy's aim %s)",
		    fmt_rate(d->target_growth / 100, t));
	else if (!d->has_target)
		buf_adds(b, " (no target)");
	buf_addf(b, "  %s", progress_status_label(p->status));
	if (p->has_score)
		buf_addf(b, " %.2f", p->score);
	buf_adds(b, fmt_stale(si, t));
	if (d->context)
		buf_adds(b, " (context: monitored, not scored)");
	for (w = 1; w <= p->warnings; w <<= 1)
		if (p->warnings & w)
			buf_addf(b, "  [%s]", fmt_warning(w));
	if (*fmt_basis_note(p, note))
		buf_addf(b, "  [%s]", note);
	buf_addc(b, '\n');
}

/* Every headline indicator below on track, stale or without data. */
static void
attention(struct buf *b, const struct summary *s)
{
	const struct catalog *cat = s->cat;
	char t[FMT_MAX];
	size_t i, n = 0;

	buf_adds(b, "\nNeeds attention\n");
	for (i = 0; i < cat->nindicators; i++) {
		const struct summary_indicator *si = &s->indicators[i];
		unsigned w = summary_attention(s, (int)i);

		if (w == 0)
			continue;
		buf_adds(b, "  ");
		esc_plain(b, cat->indicators[i].code);
		buf_adds(b, "  ");
		if (w & SUMMARY_ATTN_NODATA)
			buf_adds(b, si->has_latest ? "too little data to judge" :
			    "no data");
		else
			buf_adds(b, progress_status_label(si->progress.status));
		if (w & SUMMARY_ATTN_STALE)
			buf_adds(b, fmt_stale(si, t));
		buf_addc(b, '\n');
		n++;
	}
	if (n == 0)
		buf_adds(b, "  nothing: every headline indicator is on track "
		    "or achieved, with recent data\n");
}

static void
gaps(struct buf *b, const struct summary *s)
{
	const struct catalog *cat = s->cat;
	char v[FMT_MAX], w[FMT_MAX], t[FMT_MAX];
	size_t i, shown = 0, n = 0;
	int last = -1;

	attention(b, s);
	buf_adds(b, "\nData gaps\n");
	for (i = 0; i < cat->nmeasures; i++)
		if (s->measures[i].data_gap) {
			buf_adds(b, "  ");
			esc_plain(b, cat->measures[i].id);
			buf_adds(b, summary_measure_has_data(s, (int)i) ?
			    "  too little data to score any of its indicators "
			    "(two years needed): " :
			    "  no data for any of its indicators: ");
			esc_plain(b, cat->measures[i].name_en);
			buf_addc(b, '\n');
			n++;
		}
	/* Every incomplete year, not only the latest: each is left out. */
	for (i = 0; i < cat->nindicators; i++) {
		const struct summary_indicator *si = &s->indicators[i];
		size_t k;

		for (k = 0; k < si->years.n; k++) {
			if (si->years.pt[k].complete)
				continue;
			buf_adds(b, "  ");
			esc_plain(b, cat->indicators[i].code);
			buf_adds(b, "  ");
			rl_partial(b, LANG_EN, &si->years.pt[k]);
			buf_adds(b, " is incomplete, left out of progress\n");
			n++;
		}
	}
	if (n == 0)
		buf_adds(b, "  none\n");

	for (i = 0; i < s->nchecks; i++)
		if (s->checks[i].c.p.year > last)
			last = s->checks[i].c.p.year;
	if (s->nchecks) {
		buf_addf(b, "\nRegion totals that differ from the sum of their "
		    "parts (%d)\n", last);
		for (i = 0; i < s->nchecks; i++) {
			const struct summary_check *c = &s->checks[i];
			const struct cat_indicator *d =
			    &cat->indicators[c->indicator];
			double diff = c->c.own - c->c.children;

			if (c->c.p.year != last)
				continue;
			if (shown++ == CHECKS_SHOWN)
				continue;
			buf_adds(b, "  ");
			esc_plain(b, d->code);
			buf_addc(b, ' ');
			esc_plain(b, cat->regions[c->region].code);
			if (!isfinite(c->c.children)) {
				buf_adds(b, "  the sum of its parts is out of "
				    "range: no figure\n");
				continue;
			}
			buf_addf(b, "  own %s, parts %s",
			    fmt_value(c->c.own, -1, v),
			    fmt_value(c->c.children, -1, w));
			if (c->c.children != 0)
				buf_addf(b, " (%s)", fmt_pct(diff /
				    fabs(c->c.children) * 100, t));
			buf_addc(b, '\n');
		}
		if (shown > CHECKS_SHOWN)
			buf_addf(b, "  ... %zu more (--format json lists all)\n",
			    shown - CHECKS_SHOWN);
		if (s->nchecks > shown)
			buf_addf(b, "  %zu more in earlier years\n",
			    s->nchecks - shown);
	}
	if (s->nplaus) {
		buf_adds(b, "\nValues that look like slips (stored as "
		    "published)\n");
		for (i = 0; i < s->nplaus; i++) {
			const struct summary_plaus *pl = &s->plaus[i];
			const struct cat_indicator *d =
			    &cat->indicators[pl->indicator];
			char pt[PERIOD_TEXT_MAX], pp[PERIOD_TEXT_MAX];

			buf_adds(b, "  ");
			esc_plain(b, d->code);
			buf_addf(b, " %s  %s", period_format(&pl->p, pt),
			    fmt_value(pl->value, -1, v));
			if (pl->growth)
				buf_addf(b, ": published growth %s beyond "
				    "+/-500%%\n", fmt_pct(pl->yoy_pub, t));
			else
				buf_addf(b, ": %s the %s of %s (a unit "
				    "slip?)\n", fabs(pl->value / pl->prev_value)
				    > 1 ? "over 1000 times" : "under 1/1000 of",
				    fmt_value(pl->prev_value, -1, w), period_format(&pl->prev, pp));
		}
	}
	n = 0;
	for (i = 0; i < cat->nindicators; i++) {
		const struct summary_indicator *si = &s->indicators[i];
		size_t k;

		for (k = 0; k < si->years.n; k++) {
			const struct agg_point *pt = &si->years.pt[k];

			if (!pt->yoy_mismatch)
				continue;
			if (n++ == 0)
				buf_adds(b, "\nPublished growth the levels do "
				    "not reproduce (comparable basis?)\n");
			buf_adds(b, "  ");
			esc_plain(b, cat->indicators[i].code);
			buf_addf(b, " %d  published %s, levels give %s\n",
			    pt->p.year, fmt_pct(pt->yoy_pub, v),
			    fmt_pct(pt->yoy, w));
		}
	}
	n = 0;
	for (i = 0; i < cat->nindicators; i++) {
		const struct progress_result *p = &s->indicators[i].progress;

		if (!p->base_differs)
			continue;
		if (n++ == 0)
			buf_adds(b, "\nStored base-year values that differ from "
			    "the plan's base\n");
		buf_adds(b, "  ");
		esc_plain(b, cat->indicators[i].code);
		buf_addf(b, " %d  stored %s, plan %s\n", p->base_year_asked,
		    fmt_value(p->stored_base, -1, v),
		    fmt_value(p->base_value, -1, w));
	}
}

void
text_summary(struct buf *b, const struct summary *s)
{
	const struct catalog *cat = s->cat;
	const struct cat_region *g = &cat->regions[s->region];
	char t[PERIOD_TEXT_MAX];
	size_t i, j, k;

	buf_adds(b, "Progress summary: ");
	esc_plain(b, g->name_en);
	buf_addc(b, ' ');
	esc_plain(b, g->name_zh);
	buf_adds(b, " (");
	esc_plain(b, g->code);
	buf_addf(b, "), as of %s\n", period_format(&s->as_of, t));
	buf_adds(b, "Overall: ");
	rollup_line(b, &s->overall, &s->cov, true);
	buf_addc(b, '\n');
	for (i = 0; i < cat->nsystems; i++) {
		buf_addc(b, '\n');
		esc_plain(b, cat->systems[i].id);
		buf_adds(b, "  ");
		esc_plain(b, cat->systems[i].name_en);
		buf_adds(b, "  ");
		esc_plain(b, cat->systems[i].name_zh);
		buf_adds(b, ": ");
		rollup_line(b, &s->systems[i].r, &s->systems[i].cov, true);
		buf_addc(b, '\n');
		for (j = 0; j < cat->nmeasures; j++) {
			const struct cat_measure *m = &cat->measures[j];

			if (m->system != (int)i)
				continue;
			buf_adds(b, "  ");
			esc_plain(b, m->id);
			buf_adds(b, "  ");
			esc_plain(b, m->name_en);
			buf_adds(b, "\n       ");
			if (m->qualitative)
				buf_adds(b, "Qualitative, not measured");
			else if (s->measures[j].context_only)
				buf_adds(b, "Context indicators only, monitored "
				    "not scored");
			else
				rollup_line(b, &s->measures[j].r,
				    &s->measures[j].cov, false);
			buf_addc(b, '\n');
			for (k = 0; k < cat->nindicators; k++) {
				const struct cat_indicator *d =
				    &cat->indicators[k];
				size_t x;

				for (x = 0; x < d->nmeasures; x++)
					if (d->measures[x] == (int)j)
						indicator_line(b, s, (int)k);
			}
		}
	}
	gaps(b, s);
	buf_addc(b, '\n');
	wrap(b, "Method: ", text_method, 78);
}

void
text_trend(struct buf *b, const struct catalog *cat, int ind, int region,
    const struct agg_series *s)
{
	const struct cat_indicator *d = &cat->indicators[ind];
	const struct cat_region *g = &cat->regions[region];
	static const char *const freq[] = { "", "yearly", "half-yearly",
		"quarterly", "monthly" };
	char v[FMT_MAX], y[FMT_MAX], t[PERIOD_TEXT_MAX];
	size_t i;

	esc_plain(b, d->code);
	buf_adds(b, "  ");
	esc_plain(b, d->name_en);
	buf_adds(b, " (");
	esc_plain(b, cat->units[d->unit].unit);
	buf_adds(b, "), ");
	esc_plain(b, g->name_en);
	buf_addf(b, " %s, %s\n", g->code, freq[s->freq]);
	buf_addf(b, "%-9s %14s %9s  %s\n", "period", "value", "yoy", "note");
	for (i = 0; i < s->n; i++) {
		const struct agg_point *pt = &s->pt[i];

		/* The official growth: published, derived from published
		 * ytd growths, else the levels' (a rate's change in
		 * points). */
		buf_addf(b, "%-9s %14s %9s ", period_format(&pt->p, t),
		    fmt_value(pt->value, fmt_decimals(d, s), v),
		    pt->has_yoy_pub ? fmt_pct(pt->yoy_pub, y) :
		    fmt_is_rate(d) && pt->has_chg ?
		    fmt_points(pt->chg, cat->units[d->unit].unit, y) : pt->has_yoy ?
		    fmt_pct(pt->yoy, y) : "");
		if (pt->ytd)
			buf_addf(b, " year to date (Jan-%s)",
			    fmt_month_abbr(pt->months));
		else if (pt->at_end)
			buf_addf(b, " level at end-%s",
			    fmt_month_abbr(pt->months));
		else if (!pt->complete)
			buf_addf(b, " partial (%d month%s)", pt->months,
			    pt->months == 1 ? "" : "s");
		if (pt->status && pt->status != 'A')
			buf_addf(b, " %s", pt->status == 'P' ? "provisional" :
			    pt->status == 'E' ? "estimated" : pt->status == 'B' ?
			    "break in series" : pt->status == 'F' ? "forecast" :
			    "?");
		if (pt->combined)
			buf_addf(b, " covers %d months to here (no value of "
			    "its own for the months before)", pt->months);
		if (pt->derived)
			buf_adds(b, " sum of parts");
		if (pt->has_yoy_pub) {
			buf_adds(b, pt->yoy_pub_derived ? " yoy derived from "
			    "published ytd growth" : " yoy published");
			if (pt->yoy_mismatch)
				buf_addf(b, ", levels %s (differs)",
				    fmt_pct(pt->yoy, y));
		}
		/* No trailing blanks on a line. */
		while (b->len && b->data[b->len - 1] == ' ')
			b->len--;
		b->data[b->len] = '\0';
		buf_addc(b, '\n');
	}
}
