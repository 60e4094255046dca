#include "util/utf8.h"

#include <stdint.h>
#include <string.h>

#include "util/banned.h"

void
utf8_check_init(struct utf8_check *u)
{
	u->need = 0;
	u->lo = 0x80;
	u->hi = 0xbf;
	u->bad = false;
	u->bad_offset = 0;
	u->offset = 0;
}

static bool
mark_bad(struct utf8_check *u, size_t at)
{
	u->bad = true;
	u->bad_offset = at;
	return false;
}

bool
utf8_check_feed(struct utf8_check *u, const void *data, size_t n)
{
	const unsigned char *p = data;
	size_t i;

	if (u->bad)
		return false;
	for (i = 0; i < n; i++) {
		unsigned char c;

		/* ASCII, eight bytes at a time, between characters. */
		while (!u->need && n - i >= 8) {
			uint64_t w;

			memcpy(&w, p + i, 8);
			if (w & 0x8080808080808080ull)
				break;
			i += 8;
		}
		if (i == n)
			break;
		c = p[i];
		if (u->need) {
			if (c < u->lo || c > u->hi)
				return mark_bad(u, u->offset + i);
			u->lo = 0x80;
			u->hi = 0xbf;
			u->need--;
			continue;
		}
		if (c < 0x80)
			continue;
		/* The first continuation byte's range excludes overlong
		 * forms (E0, F0), surrogates (ED) and > U+10FFFF (F4). */
		if (c >= 0xc2 && c <= 0xdf) {
			u->need = 1;
		} else if (c >= 0xe0 && c <= 0xef) {
			u->need = 2;
			if (c == 0xe0)
				u->lo = 0xa0;
			else if (c == 0xed)
				u->hi = 0x9f;
		} else if (c >= 0xf0 && c <= 0xf4) {
			u->need = 3;
			if (c == 0xf0)
				u->lo = 0x90;
			else if (c == 0xf4)
				u->hi = 0x8f;
		} else {
			return mark_bad(u, u->offset + i);
		}
	}
	u->offset += n;
	return true;
}

bool
utf8_check_done(const struct utf8_check *u)
{
	return !u->bad && u->need == 0;
}

bool
utf8_valid(const void *p, size_t n)
{
	struct utf8_check u;

	utf8_check_init(&u);
	utf8_check_feed(&u, p, n);
	return utf8_check_done(&u);
}
