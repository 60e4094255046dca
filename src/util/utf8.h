/* util/utf8.h - strict UTF-8 validation, streaming (a sequence may be
 * split across calls). Rejects overlong forms, surrogates and code points
 * above U+10FFFF, as RFC 3629 says. */
#ifndef PM_UTIL_UTF8_H
#define PM_UTIL_UTF8_H

#include <stdbool.h>
#include <stddef.h>

struct utf8_check {
	unsigned need;          /* continuation bytes still expected */
	unsigned char lo, hi;   /* allowed range of the next continuation */
	bool bad;               /* an invalid sequence was seen */
	size_t bad_offset;      /* offset of the first bad byte */
	size_t offset;          /* bytes seen so far */
};

void utf8_check_init(struct utf8_check *u);
/* Feed bytes; returns false once any invalid sequence has been seen. */
bool utf8_check_feed(struct utf8_check *u, const void *p, size_t n);
/* True when everything fed was valid and no sequence is left open. */
bool utf8_check_done(const struct utf8_check *u);
/* Whole-string check. */
bool utf8_valid(const void *p, size_t n);

#endif /* PM_UTIL_UTF8_H */
