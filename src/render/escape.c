#include "render/escape.h"

#include <string.h>

#include "core/value.h"
#include "util/utf8.h"
#include "util/banned.h"

/* Length of the valid UTF-8 sequence at s (n bytes left), 0 if invalid. */
static size_t
seq_len(const unsigned char *s, size_t n)
{
	size_t k;

	if (s[0] < 0x80)
		return 1;
	k = s[0] >= 0xf0 ? 4 : s[0] >= 0xe0 ? 3 : s[0] >= 0xc2 ? 2 : 0;
	if (k == 0 || k > n || !utf8_valid(s, k))
		return 0;
	return k;
}

void
esc_json(struct buf *b, const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, k;

	buf_addc(b, '"');
	while (i < n) {
		unsigned char c = p[i];

		switch (c) {
		case '"':
			buf_adds(b, "\\\"");
			break;
		case '\\':
			buf_adds(b, "\\\\");
			break;
		case '\n':
			buf_adds(b, "\\n");
			break;
		case '\r':
			buf_adds(b, "\\r");
			break;
		case '\t':
			buf_adds(b, "\\t");
			break;
		default:
			if (c < 0x20 || c == 0x7f) {
				buf_addf(b, "\\u%04x", c);
			} else if ((k = seq_len(p + i, n - i)) == 0) {
				buf_adds(b, "\\ufffd");
			} else {
				/* U+2028/2029 break JavaScript parsers. */
				if (k == 3 && c == 0xe2 && p[i + 1] == 0x80 &&
				    (p[i + 2] == 0xa8 || p[i + 2] == 0xa9))
					buf_addf(b, "\\u%04x",
					    0x2000 + p[i + 2] - 0x80);
				else
					buf_add(b, p + i, k);
				i += k;
				continue;
			}
		}
		i++;
	}
	buf_addc(b, '"');
}

static bool
is_number(const char *s, size_t n)
{
	double v;
	bool pct;

	return value_parse(s, n, &v, &pct, NULL) == VALUE_OK;
}

void
esc_csv(struct buf *b, const char *s, size_t n, bool guard)
{
	bool quote = false, prefix = false;
	size_t i;

	for (i = 0; i < n && !quote; i++)
		quote = s[i] == ',' || s[i] == '"' || s[i] == '\n' ||
		    s[i] == '\r';
	if (guard && n && s[0] != '\0' && strchr("=+-@\t\r", s[0]) && !is_number(s, n))
		prefix = true;
	if (quote || prefix)
		buf_addc(b, '"');
	if (prefix)
		buf_addc(b, '\'');
	for (i = 0; i < n; i++) {
		if (s[i] == '"')
			buf_addc(b, '"');
		buf_addc(b, s[i]);
	}
	if (quote || prefix)
		buf_addc(b, '"');
}

/* Code point of the valid sequence of k bytes at s. */
static unsigned long
code_point(const unsigned char *s, size_t k)
{
	unsigned long c;
	size_t i;

	if (k == 1)
		return s[0];
	c = s[0] & (0xff >> (k + 1));
	for (i = 1; i < k; i++)
		c = c << 6 | (s[i] & 0x3f);
	return c;
}

void
esc_html(struct buf *b, const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, k;
	unsigned long c;

	while (i < n) {
		switch (p[i]) {
		case '&':
			buf_adds(b, "&amp;");
			break;
		case '<':
			buf_adds(b, "&lt;");
			break;
		case '>':
			buf_adds(b, "&gt;");
			break;
		case '"':
			buf_adds(b, "&quot;");
			break;
		case '\'':
			/* &#39;, not &apos;: HTML 4 readers lack &apos;. */
			buf_adds(b, "&#39;");
			break;
		case '\t':
		case '\n':
			buf_addc(b, (char)p[i]);
			break;
		default:
			if (p[i] < 0x20 || p[i] == 0x7f)
				break;
			if ((k = seq_len(p + i, n - i)) == 0) {
				buf_adds(b, "\xef\xbf\xbd");    /* U+FFFD */
				break;
			}
			c = code_point(p + i, k);
			/* C1 controls; noncharacters U+FDD0..FDEF and the
			 * last two of every plane. */
			if (!((c >= 0x80 && c <= 0x9f) ||
			    (c >= 0xfdd0 && c <= 0xfdef) ||
			    (c & 0xfffe) == 0xfffe))
				buf_add(b, p + i, k);
			i += k;
			continue;
		}
		i++;
	}
}

void
esc_plain(struct buf *b, const char *s)
{
	for (; *s; s++)
		buf_addc(b, (unsigned char)*s < 0x20 || *s == 0x7f ? '?' : *s);
}

void
esc_line(struct buf *b, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = strlen(s), i = 0;

	while (i < n) {
		size_t k = p[i] < 0x80 ? 1 : p[i] >= 0xf0 ? 4 :
		    p[i] >= 0xe0 ? 3 : 2;

		if (p[i] < 0x20 || p[i] == 0x7f) {
			buf_addf(b, "\\x%02x", p[i]);
			k = 1;
		} else if (p[i] < 0x80) {
			buf_addc(b, (char)p[i]);
		} else if (i + k > n || !utf8_valid(p + i, k)) {
			buf_addf(b, "\\x%02x", p[i]);
			k = 1;
		} else if (k == 2 && p[i] == 0xc2 && p[i + 1] < 0xa0) {
			buf_addf(b, "\\u%04x", p[i + 1]);     /* C1 control */
		} else {
			buf_add(b, p + i, k);
		}
		i += k;
	}
}
