#include "render/chart.h"

#include <math.h>

#include "util/banned.h"

const struct chart_words chart_words_en = {
	"value", "partial period", "target", "at current pace", "YoY %",
	"YoY %", "score", "no data", "break in series",
};

const struct chart_words chart_words_zh = {
	"数值", "不完整时期", "目标", "按当前速度", "同比 %", "同比 %",
	"得分", "无数据", "统计口径变化",
};

double
chart_x(const struct period *p)
{
	int per = period_per_year(p->freq);

	if (p->freq == FREQ_Y)
		return p->year;
	return p->year + (p->sub - 0.5) / per;
}

bool
chart_range_pad(double *lo, double *hi, double *span_out)
{
	double a = *lo, b = *hi, span, d;
	bool zlo = false, zhi = false;

	if (a >= 0 && a <= b / 2) {
		a = 0;
		zlo = true;
	} else if (b <= 0 && b >= a / 2) {
		b = 0;
		zhi = true;
	}
	if (!isfinite(b - a))
		return false;
	if (b - a == 0) {
		d = a != 0 ? fabs(a) * 0.1 : 1;
		a -= zlo ? 0 : d / 2;
		b += zhi ? 0 : (zlo ? d : d / 2);
	}
	span = b - a;
	if (span_out)
		*span_out = span;
	*lo = zlo ? a : a - span * 0.05;
	*hi = zhi ? b : b + span * 0.05;
	return true;
}

bool
chart_cut(const struct chart_trend *c, size_t j, size_t i, double per)
{
	size_t k;

	if (j >= i || i >= c->n)
		return false;
	for (k = j + 1; c->brk != NULL && k <= i; k++)
		if (c->brk[k])
			return true;
	return c->x[i] - c->x[j] > per * 1.5;
}

double
chart_period(const struct chart_trend *c)
{
	double d = HUGE_VAL;
	size_t i;

	for (i = 1; i < c->n; i++)
		if (c->x[i] - c->x[i - 1] > 1e-9 && c->x[i] - c->x[i - 1] < d)
			d = c->x[i] - c->x[i - 1];
	return isfinite(d) && d <= 1 ? d : 1;
}
