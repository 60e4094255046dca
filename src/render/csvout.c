#include "render/csvout.h"

#include <string.h>

#include "render/escape.h"
#include "render/fmt.h"
#include "util/numfmt.h"
#include "util/banned.h"

static void
cell(struct buf *b, const char *s)
{
	esc_csv(b, s, strlen(s), true);
	buf_addc(b, ',');
}

static void
num(struct buf *b, bool has, double v, char sep)
{
	char n[NUMFMT_MAX];

	if (has)
		buf_adds(b, num_format_computed(v, n));
	buf_addc(b, sep);
}

/* The official year-on-year growth of 'pt' (as JSON's "yoy": published,
 * derived from the published ytd growths, else the levels'), its source
 * in *src for yoy_tail(); 'pt' NULL: empty. */
static void
yoy_cells(struct buf *b, const struct agg_point *pt, enum agg_yoy_source *src)
{
	double y = 0;

	*src = pt ? agg_yoy(pt, &y) : AGG_YOY_NONE;
	num(b, *src != AGG_YOY_NONE, y, ',');
}

/* The trailing "yoy_levels,yoy_source" cells, 'last' ending the row. */
static void
yoy_tail(struct buf *b, const struct agg_point *pt, enum agg_yoy_source src,
    char last)
{
	num(b, pt && pt->has_yoy, pt ? pt->yoy : 0, ',');
	if (src != AGG_YOY_NONE)
		buf_adds(b, agg_yoy_source_name(src));
	buf_addc(b, last);
}

/* A roll-up row: level, its ids, status and score, the rest empty. */
static void
rollup_row(struct buf *b, const char *level, const char *sys,
    const char *measure, const char *region, const struct progress_rollup *r,
    const char *notes)
{
	cell(b, level);
	cell(b, sys);
	cell(b, measure);
	cell(b, "");
	cell(b, region);
	cell(b, progress_status_code(r->status));
	num(b, r->has_score, r->score, ',');
	buf_adds(b, ",,,,,,,,,,,");
	esc_csv(b, notes, strlen(notes), true);
	buf_adds(b, ",,\n");
}

void
csv_summary(struct buf *b, const struct summary *s)
{
	const struct catalog *cat = s->cat;
	const char *region = cat->regions[s->region].code;
	char note[FMT_NOTE_MAX];
	size_t i, k;
	unsigned w;

	buf_adds(b, "level,system,measure,indicator,region,status,score,"
	    "progress_value,base_year,base_value,current_year,current_value,"
	    "target,target_year,yoy,unit,yoy_published,yoy_change,notes,"
	    "yoy_levels,yoy_source\n");
	rollup_row(b, "policy", "", "", region, &s->overall,
	    fmt_coverage(&s->cov, true, note));
	for (i = 0; i < cat->nsystems; i++)
		rollup_row(b, "system", cat->systems[i].id, "", region,
		    &s->systems[i].r, fmt_coverage(&s->systems[i].cov, true,
		    note));
	for (i = 0; i < cat->nmeasures; i++)
		rollup_row(b, "measure",
		    cat->systems[cat->measures[i].system].id,
		    cat->measures[i].id, region, &s->measures[i].r,
		    cat->measures[i].qualitative ? "qualitative: not measured" :
		    s->measures[i].context_only ? "context indicators only: "
		    "monitored not scored" :
		    fmt_coverage(&s->measures[i].cov, false, note));
	for (i = 0; i < cat->nindicators; i++) {
		const struct cat_indicator *d = &cat->indicators[i];
		const struct summary_indicator *si = &s->indicators[i];
		const struct progress_result *p = &si->progress;
		const struct agg_point *lt = si->has_latest ? &si->latest :
		    NULL;

		for (k = 0; k < d->nmeasures; k++) {
			const struct cat_measure *m =
			    &cat->measures[d->measures[k]];
			struct buf notes = BUF_INIT;
			enum agg_yoy_source src;

			cell(b, "indicator");
			cell(b, cat->systems[m->system].id);
			cell(b, m->id);
			cell(b, d->code);
			cell(b, region);
			cell(b, progress_status_code(p->status));
			num(b, p->has_score, p->score, ',');
			num(b, p->has_value, p->value, ',');
			num(b, p->has_points, p->base_year, ',');
			num(b, p->has_points, p->base_value, ',');
			num(b, p->has_current, p->current_year, ',');
			num(b, p->has_current, p->current_value, ',');
			num(b, d->has_target, d->target_value, ',');
			if (p->has_target && p->target_year)
				num(b, true, p->target_year, ',');
			else
				num(b, d->target_year != 0, d->target_year, ',');
			yoy_cells(b, lt, &src);
			cell(b, cat->units[d->unit].unit);
			num(b, lt && lt->has_yoy_pub && !lt->yoy_pub_derived,
			    lt ? lt->yoy_pub : 0, ',');
			num(b, lt && lt->has_chg, lt ? lt->chg : 0, ',');
			for (w = 1; w <= p->warnings; w <<= 1)
				if (p->warnings & w) {
					if (notes.len)
						buf_adds(&notes, "; ");
					buf_adds(&notes, fmt_warning(w));
				}
			if (si->stale)
				buf_addf(&notes, "%sstale since %d",
				    notes.len ? "; " : "", si->latest.p.year);
			if (d->context)
				buf_addf(&notes, "%scontext: monitored not "
				    "scored", notes.len ? "; " : "");
			if (*fmt_basis_note(p, note))
				buf_addf(&notes, "%s%s", notes.len ? "; " : "",
				    note);
			if (summary_attention(s, (int)i))
				buf_addf(&notes, "%sneeds attention",
				    notes.len ? "; " : "");
			esc_csv(b, notes.len ? notes.data : "", notes.len, true);
			buf_release(&notes);
			buf_addc(b, ',');
			yoy_tail(b, lt, src, '\n');
		}
	}
}

void
csv_trend(struct buf *b, const struct agg_series *s)
{
	char t[PERIOD_TEXT_MAX];
	size_t i;

	buf_adds(b, "period,value,yoy,complete,derived,pop,yoy_published,"
	    "months,change,yoy_levels,yoy_source\n");
	for (i = 0; i < s->n; i++) {
		const struct agg_point *pt = &s->pt[i];
		enum agg_yoy_source src;

		buf_addf(b, "%s,", period_format(&pt->p, t));
		num(b, true, pt->value, ',');
		yoy_cells(b, pt, &src);
		buf_addf(b, "%d,%d,", pt->complete, pt->derived);
		num(b, pt->has_pop, pt->pop, ',');
		num(b, pt->has_yoy_pub && !pt->yoy_pub_derived, pt->yoy_pub,
		    ',');
		buf_addf(b, "%d,", pt->months);
		num(b, pt->has_chg, pt->chg, ',');
		yoy_tail(b, pt, src, '\n');
	}
}
