#include "core/value.h"

#include <errno.h>
#include <math.h>
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
	char clean[VALUE_TEXT_MAX + 1];
	size_t i = 0, n = 0, run = 0, intdig = 0, fracdig = 0;
	unsigned long long m = 0;       /* the digits, while they fit */
	bool grouped = false, neg = false, has_exp = false;
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
		return bad(why, "not a number");
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
	if (i < len && (s[i] == 'e' || s[i] == 'E')) {
		size_t expdig = 0;

		has_exp = true;
		i++;
		if (i < len && (s[i] == '+' || s[i] == '-'))
			i++;
		for (; i < len && isdig(s[i]); i++)
			expdig++;
		if (expdig == 0)
			return bad(why, "not a number");
	}
	if (i != len)
		return bad(why, "not a number");
	if (!has_exp && intdig + fracdig <= 15) {
		/* Exact: m < 10^15 < 2^53 and 10^fracdig are doubles without
		 * error, so one division rounds correctly, as strtod would. */
		static const double p10[] = { 1, 1e1, 1e2, 1e3, 1e4, 1e5,
			1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14,
			1e15 };

		v = (double)m / p10[fracdig];
		*out = v == 0 ? 0.0 : neg ? -v : v;
		return VALUE_OK;
	}
	/* The rest go to strtod, thousands separators dropped. */
	for (i = 0; i < len; i++)
		if (s[i] != ',')
			clean[n++] = s[i];
	clean[n] = '\0';
	errno = 0;
	v = strtod(clean, &end);
	if (errno == ERANGE || !isfinite(v))
		return bad(why, "number out of range");
	*out = v == 0 ? 0.0 : v;        /* no -0 */
	return VALUE_OK;
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
