#include "util/numfmt.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/banned.h"

char *
num_format(double v, char out[NUMFMT_MAX])
{
	char e[NUMFMT_MAX], digits[24];
	int prec, exp10, nd, i, pos;
	char *p, *q;

	if (v == 0) {                   /* also -0 */
		snprintf(out, NUMFMT_MAX, "0");
		return out;
	}
	/* The shortest %.*e that round-trips gives the significant digits. */
	for (prec = 0; prec < 17; prec++) {
		snprintf(e, sizeof(e), "%.*e", prec, v);
		if (strtod(e, NULL) == v)
			break;
	}
	if (fabs(v) < 1e-6 || fabs(v) >= 1e17) {
		snprintf(out, NUMFMT_MAX, "%.*g", prec + 1, v);
		return out;
	}
	/* e = "[-]d.ddde[+-]xx": rebuild it in plain notation. */
	p = e;
	nd = 0;
	if (*p == '-')
		p++;
	for (; *p && *p != 'e'; p++)
		if (*p != '.')
			digits[nd++] = *p;
	exp10 = (int)strtol(p + 1, NULL, 10);
	while (nd > 1 && digits[nd - 1] == '0')
		nd--;
	q = out;
	if (v < 0)
		*q++ = '-';
	pos = exp10 + 1;                /* digits before the point */
	if (pos <= 0) {
		*q++ = '0';
		*q++ = '.';
		for (i = 0; i < -pos; i++)
			*q++ = '0';
		for (i = 0; i < nd; i++)
			*q++ = digits[i];
	} else {
		for (i = 0; i < pos; i++)
			*q++ = i < nd ? digits[i] : '0';
		if (nd > pos) {
			*q++ = '.';
			for (i = pos; i < nd; i++)
				*q++ = digits[i];
		}
	}
	*q = '\0';
	return out;
}

char *
num_format_computed(double v, char out[NUMFMT_MAX])
{
	char t[NUMFMT_MAX];

	snprintf(t, sizeof(t), "%.12g", v);
	return num_format(strtod(t, NULL), out);
}

int
num_decimals(double v, int cap)
{
	char t[NUMFMT_MAX];
	const char *dot;
	double scale = 1;
	int n, k;

	if (!isfinite(v))
		return 0;
	/* The common case without formatting: v is exactly the decimal
	 * N / 10^k for the fewest k <= cap, N of at most 12 digits. Then
	 * %.12g prints those digits, they read back as v, and the shortest
	 * form of v has k decimals: what the formatting below finds. N and
	 * 10^k are exact doubles and the division is correctly rounded, as
	 * strtod() is. */
	if (v == 0)
		return 0;
	if (fabs(v) >= 1e-6)
		for (k = 0; k <= cap; k++, scale *= 10) {
			double m = fabs(v) * scale, r;

			if (m >= 1e12)
				break;
			r = nearbyint(m);
			if (r / scale == fabs(v))
				return k;
		}
	num_format_computed(v, t);
	if (strchr(t, 'e') || (dot = strchr(t, '.')) == NULL)
		return 0;
	n = (int)strlen(dot + 1);
	return n < cap ? n : cap;
}
