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

static bool
isdig(char c)
{
	return c >= '0' && c <= '9';
}

static bool
isdig4(const char *s)
{
	return isdig(s[0]) && isdig(s[1]) && isdig(s[2]) && isdig(s[3]);
}

static int
fail(const char **why, const char *reason)
{
	if (why)
		*why = reason;
	return -1;
}

/* Blanks (and a CR) taken off both ends of s[0..len); the new length. */
static size_t
trim(const char **s, size_t len)
{
	while (len && (**s == ' ' || **s == '\t')) {
		(*s)++;
		len--;
	}
	while (len && ((*s)[len - 1] == ' ' || (*s)[len - 1] == '\t' ||
	    (*s)[len - 1] == '\r'))
		len--;
	return len;
}

int
period_parse(const char *s, size_t len, struct period *p, const char **why)
{
	size_t i = 0;
	int year, sub, nd, max;
	char c;

	if ((len = trim(&s, len)) == 0)
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

/* Period cells as Chinese releases and spreadsheets write them. */

#define CELL_FORMS "not a period (2024, 2024Q1, 2024-03, 2024年3月, " \
	"2024年一季度, 2024年1-3月, ...)"

/* If s[*i..len) starts with the UTF-8 text 'lit', step over it. */
static bool
eat(const char *s, size_t len, size_t *i, const char *lit)
{
	size_t n = strlen(lit);

	if (len - *i < n || memcmp(s + *i, lit, n) != 0)
		return false;
	*i += n;
	return true;
}

/* A digit 1-4 as written in a quarter: "1", "一", "二", "两", "三", "四". */
static int
small_number(const char *s, size_t len, size_t *i)
{
	static const char *const zh[] = { "一", "二", "三", "四" };
	int k;

	if (*i < len && s[*i] >= '1' && s[*i] <= '4')
		return s[(*i)++] - '0';
	for (k = 0; k < 4; k++)
		if (eat(s, len, i, zh[k]))
			return k + 1;
	if (eat(s, len, i, "两"))
		return 2;
	return -1;
}

/* A dash between two months of a span: '-', '~', '—', '–', '～', '至'. */
static bool
span_dash(const char *s, size_t len, size_t *i)
{
	if (*i < len && (s[*i] == '-' || s[*i] == '~')) {
		(*i)++;
		return true;
	}
	return eat(s, len, i, "—") || eat(s, len, i, "–") ||
	    eat(s, len, i, "～") || eat(s, len, i, "至");
}

static int
set(struct period *p, enum period_freq f, int year, int sub)
{
	p->freq = f;
	p->year = year;
	p->sub = sub;
	return 0;
}

/* After "2024年": the rest of a Chinese period. */
static int
parse_zh(const char *s, size_t len, size_t i, int year, struct period *p,
    unsigned *flags, const char **why)
{
	int a, b, nd, q;

	if (i == len)
		return set(p, FREQ_Y, year, 0);
	if ((eat(s, len, &i, "末") || eat(s, len, &i, "底")) && i == len) {
		*flags |= PERIOD_CELL_END;
		return set(p, FREQ_Y, year, 0);
	}
	if (eat(s, len, &i, "上半年") && i == len)
		return set(p, FREQ_H, year, 1);
	if (eat(s, len, &i, "下半年") && i == len)
		return set(p, FREQ_H, year, 2);
	if (eat(s, len, &i, "前")) {
		q = small_number(s, len, &i);
		if (q < 1 || q > 3 || !(eat(s, len, &i, "季度") ||
		    eat(s, len, &i, "季")) || i != len)
			return fail(why, CELL_FORMS);
		*flags |= PERIOD_CELL_YTD;
		return set(p, FREQ_M, year, 3 * q);
	}
	(void)eat(s, len, &i, "第");
	{
		size_t k = i;

		q = small_number(s, len, &k);
		if (q > 0 && (eat(s, len, &k, "季度") || eat(s, len, &k, "季"))) {
			if (k != len)
				return fail(why, CELL_FORMS);
			return set(p, FREQ_Q, year, q);
		}
	}
	a = digits(s, len, &i, 2, &nd);
	if (a < 0)
		return fail(why, CELL_FORMS);
	b = a;
	if (span_dash(s, len, &i)) {
		b = digits(s, len, &i, 2, &nd);
		if (b < 0)
			return fail(why, CELL_FORMS);
		if (a != 1)
			return fail(why, "a span of months that does not start "
			    "in January");
		*flags |= PERIOD_CELL_YTD;
	}
	if (!eat(s, len, &i, "月"))
		return fail(why, CELL_FORMS);
	(void)eat(s, len, &i, "份");
	if (eat(s, len, &i, "末") || eat(s, len, &i, "底")) {
		if (*flags & PERIOD_CELL_YTD)
			return fail(why, CELL_FORMS);
		*flags |= PERIOD_CELL_END;
	}
	if (i != len)
		return fail(why, CELL_FORMS);
	if (b < 1 || b > 12 || a < 1)
		return fail(why, "month out of range (1-12)");
	if (b < a)
		return fail(why, "a span of months that ends before it starts");
	return set(p, FREQ_M, year, b);
}

/* "Mar-24", "Mar 2024", "March 2024": Excel's rendering of a month. */
static int
parse_month_name(const char *s, size_t len, struct period *p,
    const char **why)
{
	static const char *const mon[] = { "jan", "feb", "mar", "apr", "may",
		"jun", "jul", "aug", "sep", "oct", "nov", "dec" };
	size_t i = 0, w;
	int m, y, nd;

	for (w = 0; w < len && ((s[w] | 0x20) >= 'a' && (s[w] | 0x20) <= 'z');
	    w++)
		;
	if (w < 3)
		return fail(why, CELL_FORMS);
	for (m = 0; m < 12; m++) {
		size_t k;

		for (k = 0; k < 3; k++)
			if ((s[k] | 0x20) != mon[m][k])
				break;
		if (k == 3)
			break;
	}
	if (m == 12)
		return fail(why, CELL_FORMS);
	i = w;
	if (i < len && (s[i] == '-' || s[i] == ' ' || s[i] == '.'))
		i++;
	y = digits(s, len, &i, 4, &nd);
	if (y < 0 || i != len || (nd != 2 && nd != 4))
		return fail(why, CELL_FORMS);
	if (nd == 2)
		y += 2000;      /* Excel's "Mar-24" is 2024 */
	if (y < PERIOD_YEAR_MIN)
		return fail(why, "year out of range (1000-9999)");
	return set(p, FREQ_M, y, m + 1);
}

int
period_parse_cell(const char *s, size_t len, struct period *p,
    unsigned *flags, const char **why)
{
	size_t i = 0;
	int year, m, d, nd;
	char sep;

	*flags = 0;
	if ((len = trim(&s, len)) == 0)
		return fail(why, "missing period");
	/* The form of nearly every row first: 2023-05. */
	if (len == 7 && s[4] == '-' && isdig4(s) && isdig(s[5]) &&
	    isdig(s[6])) {
		year = (s[0] - '0') * 1000 + (s[1] - '0') * 100 +
		    (s[2] - '0') * 10 + (s[3] - '0');
		m = (s[5] - '0') * 10 + (s[6] - '0');
		if (year >= PERIOD_YEAR_MIN && m >= 1 && m <= 12)
			return set(p, FREQ_M, year, m);
	}
	if ((s[0] | 0x20) >= 'a' && (s[0] | 0x20) <= 'z') {
		*flags |= PERIOD_CELL_EXCEL;
		return parse_month_name(s, len, p, why);
	}
	year = digits(s, len, &i, 5, &nd);
	if (year < 0 || nd != 4) {
		if (period_parse(s, len, p, why) == 0)
			return 0;
		if (why && strncmp(*why, "not a period", 12) == 0)
			*why = CELL_FORMS;
		return -1;
	}
	if (year < PERIOD_YEAR_MIN)
		return fail(why, "year out of range (1000-9999)");
	if (eat(s, len, &i, "年"))
		return parse_zh(s, len, i, year, p, flags, why);
	if (i < len && (s[i] == '.' || s[i] == '/')) {
		sep = s[i++];
		m = digits(s, len, &i, 2, &nd);
		if (m < 0)
			return fail(why, CELL_FORMS);
		if (m < 1 || m > 12)
			return fail(why, "month out of range (1-12)");
		if (i < len && sep == '/' && s[i] == '/') {
			i++;
			d = digits(s, len, &i, 2, &nd);
			if (d < 0 || i != len)
				return fail(why, CELL_FORMS);
			if (d != 1)
				return fail(why, "a date, not a month (a month "
				    "written as a date has day 1)");
			*flags |= PERIOD_CELL_EXCEL;
		}
		if (i != len)
			return fail(why, CELL_FORMS);
		return set(p, FREQ_M, year, m);
	}
	if (period_parse(s, len, p, why) == 0)
		return 0;
	if (why && strncmp(*why, "not a period", 12) == 0)
		*why = CELL_FORMS;
	return -1;
}
