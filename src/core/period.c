#include "core/period.h"

#include <stdio.h>
#include <string.h>

#include "util/banned.h"

/* Read 1..max digits at s[*i]; returns -1 when there are none or more. */
static int
digits(const char *s, size_t len, size_t *i, int max, int *ndig)
{
	int v = 0, n = 0;

	while (*i < len && s[*i] >= '0' && s[*i] <= '9') {
		if (++n > max) {
			*ndig = n;
			return -1;
		}
		v = v * 10 + (s[*i] - '0');
		(*i)++;
	}
	*ndig = n;
	return n ? v : -1;
}

static int
fail(const char **why, const char *reason)
{
	if (why)
		*why = reason;
	return -1;
}

int
period_parse(const char *s, size_t len, struct period *p, const char **why)
{
	size_t i = 0;
	int year, sub, nd, max;
	char c;

	while (len && (*s == ' ' || *s == '\t')) {
		s++;
		len--;
	}
	while (len && (s[len - 1] == ' ' || s[len - 1] == '\t' ||
	    s[len - 1] == '\r'))
		len--;
	if (len == 0)
		return fail(why, "missing period");
	year = digits(s, len, &i, 5, &nd);
	if (year < 0 || nd != 4) {
		if (nd == 5)
			return fail(why, "year out of range (1000-9999)");
		return fail(why, "not a period (2023, 2023H1, 2023Q2, 2023-05)");
	}
	if (year < PERIOD_YEAR_MIN)
		return fail(why, "year out of range (1000-9999)");
	if (i == len) {
		p->freq = FREQ_Y;
		p->year = year;
		p->sub = 0;
		return 0;
	}
	c = s[i];
	if (c == '-' && i + 1 < len && s[i + 1] >= '0' && s[i + 1] <= '9') {
		c = 'M';                /* 2023-05 */
		i++;
	} else {
		if (c == '-')
			i++;
		if (i == len)
			return fail(why, "not a period (2023, 2023H1, 2023Q2, 2023-05)");
		c = s[i++];
		if (c >= 'a' && c <= 'z')
			c = (char)(c - 'a' + 'A');
	}
	switch (c) {
	case 'H':
		p->freq = FREQ_H;
		max = 2;
		break;
	case 'Q':
		p->freq = FREQ_Q;
		max = 4;
		break;
	case 'M':
		p->freq = FREQ_M;
		max = 12;
		break;
	default:
		return fail(why, "not a period (2023, 2023H1, 2023Q2, 2023-05)");
	}
	sub = digits(s, len, &i, 2, &nd);
	if (sub < 0 || i != len)
		return fail(why, "not a period (2023, 2023H1, 2023Q2, 2023-05)");
	if (sub < 1 || sub > max) {
		switch (p->freq) {
		case FREQ_H:
			return fail(why, "half-year out of range (1-2)");
		case FREQ_Q:
			return fail(why, "quarter out of range (1-4)");
		default:
			return fail(why, "month out of range (1-12)");
		}
	}
	p->year = year;
	p->sub = sub;
	return 0;
}

char *
period_format(const struct period *p, char out[PERIOD_TEXT_MAX])
{
	switch (p->freq) {
	case FREQ_H:
		snprintf(out, PERIOD_TEXT_MAX, "%dH%d", p->year, p->sub);
		break;
	case FREQ_Q:
		snprintf(out, PERIOD_TEXT_MAX, "%dQ%d", p->year, p->sub);
		break;
	case FREQ_M:
		snprintf(out, PERIOD_TEXT_MAX, "%d-%02d", p->year, p->sub);
		break;
	default:
		snprintf(out, PERIOD_TEXT_MAX, "%d", p->year);
		break;
	}
	return out;
}

int
period_key(const struct period *p)
{
	return (int)p->freq * 1000000 + p->year * 100 + p->sub;
}

int
period_from_key(int key, struct period *p)
{
	int f = key / 1000000, rest = key % 1000000;

	if (f < FREQ_Y || f > FREQ_M || key < 0)
		return -1;
	p->freq = (enum period_freq)f;
	p->year = rest / 100;
	p->sub = rest % 100;
	if (p->year < PERIOD_YEAR_MIN || p->sub > period_per_year(p->freq) ||
	    (p->freq == FREQ_Y) != (p->sub == 0))
		return -1;
	return 0;
}

bool
period_equal(const struct period *a, const struct period *b)
{
	return a->freq == b->freq && a->year == b->year && a->sub == b->sub;
}

int
period_per_year(enum period_freq f)
{
	static const int n[] = { 0, 1, 2, 4, 12 };

	return f >= FREQ_Y && f <= FREQ_M ? n[f] : 0;
}

char
period_freq_letter(enum period_freq f)
{
	return f >= FREQ_Y && f <= FREQ_M ? "?YHQM"[f] : '?';
}

enum period_freq
period_freq_parse(const char *s)
{
	const char *l = "YHQM", *q;

	if (s == NULL || s[0] == '\0' || s[1] != '\0')
		return 0;
	q = strchr(l, s[0] >= 'a' && s[0] <= 'z' ? s[0] - 'a' + 'A' : s[0]);
	return q ? (enum period_freq)(q - l + 1) : 0;
}
