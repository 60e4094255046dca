#include "render/chart.h"

#include "util/banned.h"

/* grey, red, orange, yellow, green, blue: the usual SDG-progress palette,
 * checked for contrast on white. */
const unsigned chart_status_rgb[6] = {
	0x9e9e9e, 0xc62828, 0xef6c00, 0xf9a825, 0x2e7d32, 0x1565c0,
};

double
chart_x(const struct period *p)
{
	int per = period_per_year(p->freq);

	if (p->freq == FREQ_Y)
		return p->year;
	return p->year + (p->sub - 0.5) / per;
}
