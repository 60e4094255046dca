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
	int n;

	if (!isfinite(v))
		return 0;
	num_format_computed(v, t);
	if (strchr(t, 'e') || (dot = strchr(t, '.')) == NULL)
		return 0;
	n = (int)strlen(dot + 1);
	return n < cap ? n : cap;
}
