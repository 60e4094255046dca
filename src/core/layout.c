#include "core/layout.h"

#include <string.h>

#include "util/banned.h"

void
layout_meta_release(struct layout_meta *m)
{
	buf_release(&m->region);
	buf_release(&m->indicator);
	buf_release(&m->unit);
	buf_release(&m->note);
	buf_release(&m->source);
	buf_release(&m->time);
}

static bool
is(const char *s, size_t n, const char *lit)
{
	return strlen(lit) == n && memcmp(s, lit, n) == 0;
}

/* Blanks as spreadsheets leave them, the ideographic space included. */
static const char *
trim(const char *s, size_t *n)
{
	for (;;) {
		s = reader_trim(s, n);
		if (*n >= 3 && memcmp(s, "\u3000", 3) == 0) {
			s += 3;
			*n -= 3;
		} else if (*n >= 3 && memcmp(s + *n - 3, "\u3000", 3) == 0) {
			*n -= 3;
		} else {
			return s;
		}
	}
}

static void
take(struct buf *b, const char *v, size_t n, bool append)
{
	if (!append)
		buf_reset(b);
	else if (b->len && n)
		buf_addc(b, ' ');
	buf_add(b, v, n);
}

/* A note or source line split by the commas of its own text ("注：1.…，
 * 2.…" written without quotes) is one line still: its key says so. */
static bool
is_note_key(const char *s, size_t k)
{
	return is(s, k, "注") || is(s, k, "备注") || is(s, k, "说明") ||
	    is(s, k, "数据来源") || is(s, k, "来源") || is(s, k, "资料来源");
}

bool
layout_meta_line(const struct reader_row *r, struct layout_meta *m)
{
	const char *s, *colon, *v;
	size_t n, i, k, vn, clen = 3, last = 0;
	struct buf whole = BUF_INIT;

	if (r->n == 0)
		return false;
	for (i = 1; i < r->n; i++) {
		n = r->len[i];
		reader_trim(r->field[i], &n);
		if (n)
			last = i;
	}
	n = r->len[0];
	s = trim(r->field[0], &n);
	colon = NULL;
	for (i = 0; i + 3 <= n && i < 40; i++) {
		if (memcmp(s + i, "：", 3) == 0) {
			colon = s + i;
			break;
		}
		if (s[i] == ':') {
			colon = s + i;
			clen = 1;
			break;
		}
	}
	if (colon == NULL && n && n <= 40 && s[n - 1] == ':')
		colon = s + n - 1, clen = 1;
	if (colon == NULL || colon == s || (s[0] >= '0' && s[0] <= '9'))
		return false;
	k = (size_t)(colon - s);
	k = (size_t)(trim(s, &k) - s) + k;
	if (last && !is_note_key(s, k))
		return false;
	if (m == NULL)
		return true;
	vn = n - (size_t)(colon - s) - clen;
	v = trim(colon + clen, &vn);
	buf_add(&whole, v, vn);
	for (i = 1; i <= last; i++) {
		buf_addc(&whole, ',');
		buf_add(&whole, r->field[i], r->len[i]);
	}
	v = whole.data ? whole.data : "";
	vn = whole.len;
	if (is(s, k, "地区"))
		take(&m->region, v, vn, false);
	else if (is(s, k, "指标"))
		take(&m->indicator, v, vn, false);
	else if (is(s, k, "单位") || is(s, k, "计量单位"))
		take(&m->unit, v, vn, false);
	else if (is(s, k, "注") || is(s, k, "备注") || is(s, k, "说明"))
		take(&m->note, v, vn, true);
	else if (is(s, k, "数据来源") || is(s, k, "来源") ||
	    is(s, k, "资料来源"))
		take(&m->source, v, vn, true);
	else if (is(s, k, "时间") || is(s, k, "统计时间") || is(s, k, "时期"))
		take(&m->time, v, vn, false);
	buf_release(&whole);
	return true;
}

bool
layout_split_unit(const char *s, size_t n, size_t *name_len,
    const char **unit, size_t *unit_len)
{
	size_t close, open = 0, i;

	s = reader_trim(s, &n);
	if (n >= 1 && s[n - 1] == ')')
		close = n - 1;
	else if (n >= 3 && memcmp(s + n - 3, "）", 3) == 0)
		close = n - 3;
	else
		return false;
	for (i = close; i > 0; i--) {
		if (s[i - 1] == '(') {
			open = i - 1;
			break;
		}
		if (i >= 3 && memcmp(s + i - 3, "（", 3) == 0) {
			open = i - 3;
			break;
		}
	}
	if (i == 0 || open == 0 || close == i)
		return false;
	*unit = s + i;
	*unit_len = close - i;
	*unit = reader_trim(*unit, unit_len);
	*name_len = open;
	reader_trim(s, name_len);
	return *unit_len > 0 && *name_len > 0;
}

int
layout_year(const char *s, size_t n)
{
	size_t i, k;

	for (i = 0; i + 4 + 3 <= n; i++) {
		int y = 0;

		if (i > 0 && s[i - 1] >= '0' && s[i - 1] <= '9')
			continue;
		for (k = 0; k < 4 && s[i + k] >= '0' && s[i + k] <= '9'; k++)
			y = y * 10 + (s[i + k] - '0');
		if (k == 4 && memcmp(s + i + 4, "年", 3) == 0 && y >= 1900 &&
		    y <= 2199)
			return y;
	}
	return 0;
}

const char *
layout_item_name(const char *s, size_t *n)
{
	static const char *const lead[] = { "其中：", "其中:", "#" };
	size_t k, m;

	s = trim(s, n);
	for (k = 0; k < sizeof(lead) / sizeof(lead[0]); k++) {
		m = strlen(lead[k]);
		if (*n > m && memcmp(s, lead[k], m) == 0) {
			*n -= m;
			return trim(s + m, n);
		}
	}
	return s;
}

/* s[0..n) contains the UTF-8 text w. */
static bool
has(const char *s, size_t n, const char *w)
{
	size_t m = strlen(w), i;

	for (i = 0; i + m <= n; i++)
		if (memcmp(s + i, w, m) == 0)
			return true;
	return false;
}

enum layout_measure
layout_measure_of(const char *s, size_t n)
{
	s = trim(s, &n);
	if (n == 0)
		return LAYOUT_M_NONE;
	if (has(s, n, "同比") || has(s, n, "增长") || has(s, n, "增速") ||
	    has(s, n, "增幅"))
		return LAYOUT_M_GROWTH;
	return LAYOUT_M_LEVEL;
}
