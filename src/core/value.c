#include "core/value.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/banned.h"

#define VALUE_TEXT_MAX 64       /* longer cells are not numbers we accept */

static enum value_result
bad(const char **why, const char *reason)
{
	if (why)
		*why = reason;
	return VALUE_BAD;
}

static bool
isdig(char c)
{
	return c >= '0' && c <= '9';
}

enum value_result
value_parse(const char *s, size_t len, double *out, bool *percent,
    const char **why)
{
	return value_parse_scaled(s, len, 0, out, percent, why);
}

enum value_result
value_parse_scaled(const char *s, size_t len, int exp10, double *out,
    bool *percent, const char **why)
{
	static const double p10[] = { 1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7,
		1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17,
		1e18, 1e19, 1e20, 1e21, 1e22 };
	char clean[VALUE_TEXT_MAX + 32];
	size_t i = 0, n = 0, run = 0, intdig = 0, fracdig = 0, mant_end;
	unsigned long long m = 0;       /* the digits, while they fit */
	bool grouped = false, neg = false, has_exp = false;
	long e = 0;                     /* the written exponent, clamped */
	double v;
	char *end;

	*percent = false;
	while (len && (*s == ' ' || *s == '\t'))
		s++, len--;
	while (len && (s[len - 1] == ' ' || s[len - 1] == '\t' ||
	    s[len - 1] == '\r'))
		len--;
	if (len == 0)
		return VALUE_EMPTY;
	if (len > VALUE_TEXT_MAX)
		return bad(why, "not a number (longer than 64 characters)");
	if (s[len - 1] == '%') {
		*percent = true;
		len--;
		while (len && s[len - 1] == ' ')
			len--;
	}
	if (i < len && (s[i] == '+' || s[i] == '-'))
		neg = s[i++] == '-';
	/* Integer part: digits, with ',' only between groups of three. */
	for (; i < len; i++) {
		if (isdig(s[i])) {
			if (intdig < 19)
				m = m * 10 + (unsigned)(s[i] - '0');
			intdig++;
			run++;
		} else if (s[i] == ',') {
			if (run == 0 || run > 3 || (grouped && run != 3) ||
			    (!grouped && intdig > 3))
				return bad(why, "misplaced thousands separator");
			grouped = true;
			run = 0;
		} else {
			break;
		}
	}
	if (grouped && run != 3)
		return bad(why, "misplaced thousands separator");
	if (i < len && s[i] == '.') {
		for (i++; i < len && isdig(s[i]); i++, fracdig++) {
			if (intdig + fracdig < 19)
				m = m * 10 + (unsigned)(s[i] - '0');
		}
	}
	if (intdig + fracdig == 0)
		return bad(why, "not a number");
	mant_end = i;
	if (i < len && (s[i] == 'e' || s[i] == 'E')) {
		size_t expdig = 0;
		bool eneg = false;

		has_exp = true;
		i++;
		if (i < len && (s[i] == '+' || s[i] == '-'))
			eneg = s[i++] == '-';
		for (; i < len && isdig(s[i]); i++, expdig++)
			if (e < 100000)
				e = e * 10 + (s[i] - '0');
		if (expdig == 0)
			return bad(why, "not a number");
		if (eneg)
			e = -e;
	}
	if (i != len)
		return bad(why, "not a number");
	if (!has_exp && intdig + fracdig <= 15) {
		/* Exact: m < 10^15 < 2^53 and 10^k (k <= 22) are doubles
		 * without error, so one multiplication or division rounds
		 * correctly, as strtod would. */
		long k = (long)exp10 - (long)fracdig;

		if (k >= 0 && k <= 22) {
			v = (double)m * p10[k];
			goto done;
		}
		if (k < 0 && k >= -22) {
			v = (double)m / p10[-k];
			goto done;
		}
	}
	/* The rest go to strtod: separators dropped, the scale added to
	 * the exponent, so the decimal is still rounded once. */
	for (i = 0; i < mant_end; i++)
		if (s[i] != ',')
			clean[n++] = s[i];
	snprintf(clean + n, sizeof(clean) - n, "e%ld", e + exp10);
	errno = 0;
	v = strtod(clean, &end);
	if (errno == ERANGE || !isfinite(v))
		return bad(why, "number out of range");
	neg = false;                    /* the sign was in the text */
done:
	*out = v == 0 ? 0.0 : neg ? -v : v;     /* no -0 */
	return VALUE_OK;
}

bool
value_ratio_exp10(double from, double to, int *exp10)
{
	double r, p = 1;
	int n;

	if (!(from > 0) || !(to > 0) || !isfinite(from) || !isfinite(to))
		return false;
	r = from / to;
	n = (int)lround(log10(r));
	if (n < -60 || n > 60)
		return false;
	/* Factors are written as decimals (1e4, 0.0001): a ratio within
	 * 1e-12 of a power of ten is that power of ten. */
	if (n >= 0)
		p = pow(10, n);
	else
		p = 1 / pow(10, -n);
	if (fabs(r - p) > 1e-12 * p)
		return false;
	*exp10 = n;
	return true;
}

bool
value_convert(double v, double from, double to, double *out)
{
	double r;

	if (from == to)
		r = v;
	else if (from > to)
		r = v * (from / to);
	else
		r = v / (to / from);
	if (!isfinite(r))
		return false;
	*out = r == 0 ? 0.0 : r;
	return true;
}
