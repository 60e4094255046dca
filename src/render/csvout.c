#include "render/csvout.h"

#include <string.h>

#include "render/escape.h"
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

void
csv_summary(struct buf *b, const struct summary *s)
{
	const struct catalog *cat = s->cat;
	size_t i, k;

	buf_adds(b, "system,measure,indicator,region,status,score,"
	    "progress_value,base_year,base_value,current_year,current_value,"
	    "target,target_year,yoy,unit\n");
	for (i = 0; i < cat->nindicators; i++) {
		const struct cat_indicator *d = &cat->indicators[i];
		const struct summary_indicator *si = &s->indicators[i];
		const struct progress_result *p = &si->progress;

		for (k = 0; k < d->nmeasures; k++) {
			const struct cat_measure *m =
			    &cat->measures[d->measures[k]];

			cell(b, cat->systems[m->system].id);
			cell(b, m->id);
			cell(b, d->code);
			cell(b, cat->regions[s->region].code);
			cell(b, progress_status_code(p->status));
			num(b, p->has_score, p->score, ',');
			num(b, p->has_value, p->value, ',');
			num(b, p->has_points, p->base_year, ',');
			num(b, p->has_points, p->base_value, ',');
			num(b, p->has_current, p->current_year, ',');
			num(b, p->has_current, p->current_value, ',');
			num(b, d->has_target, d->target_value, ',');
			num(b, d->target_year != 0, d->target_year, ',');
			num(b, si->has_latest && si->latest.has_yoy,
			    si->latest.yoy, ',');
			esc_csv(b, cat->units[d->unit].unit,
			    strlen(cat->units[d->unit].unit), true);
			buf_addc(b, '\n');
		}
	}
}

void
csv_trend(struct buf *b, const struct agg_series *s)
{
	char t[PERIOD_TEXT_MAX];
	size_t i;

	buf_adds(b, "period,value,yoy,complete,derived,pop,yoy_published,"
	    "months\n");
	for (i = 0; i < s->n; i++) {
		const struct agg_point *pt = &s->pt[i];

		buf_addf(b, "%s,", period_format(&pt->p, t));
		num(b, true, pt->value, ',');
		num(b, pt->has_yoy, pt->yoy, ',');
		buf_addf(b, "%d,%d,", pt->complete, pt->derived);
		num(b, pt->has_pop, pt->pop, ',');
		num(b, pt->has_yoy_pub, pt->yoy_pub, ',');
		buf_addf(b, "%d\n", pt->months);
	}
}
