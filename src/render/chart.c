#include "render/chart.h"

#include "util/banned.h"

/* grey, red, orange, yellow, green, blue: the usual SDG-progress palette,
 * checked for contrast on white. */
const unsigned chart_status_rgb[6] = {
	0x9e9e9e, 0xc62828, 0xef6c00, 0xf9a825, 0x2e7d32, 0x1565c0,
};

const struct chart_words chart_words_en = {
	"value", "partial period", "target", "at current pace", "YoY %",
	"YoY %", "score", "no data",
};

const struct chart_words chart_words_zh = {
	"数值", "不完整时期", "目标", "按当前速度", "同比 %", "同比 %",
	"得分", "无数据",
};

double
chart_x(const struct period *p)
{
	int per = period_per_year(p->freq);

	if (p->freq == FREQ_Y)
		return p->year;
	return p->year + (p->sub - 0.5) / per;
}
