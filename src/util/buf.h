/* util/buf.h - a growable byte buffer, always NUL-terminated.
 *
 * Owns its memory; grows geometrically with overflow-checked sizes. Any
 * call that appends may move the data: pointers from buf_str() taken
 * before are dead afterwards. A zeroed struct (BUF_INIT) is an empty
 * buffer; buf_release() accepts it.
 */
#ifndef PM_UTIL_BUF_H
#define PM_UTIL_BUF_H

#include <stdarg.h>
#include <stddef.h>

struct buf {
	char *data;             /* NULL until the first append */
	size_t len;             /* bytes used, not counting the final NUL */
	size_t cap;             /* bytes allocated */
};

#define BUF_INIT { NULL, 0, 0 }

void buf_release(struct buf *b);
void buf_reset(struct buf *b);                  /* len = 0, keeps memory */
void buf_grow(struct buf *b, size_t extra);     /* room for extra bytes */
void buf_add(struct buf *b, const void *p, size_t n);
void buf_addc(struct buf *b, char c);
void buf_adds(struct buf *b, const char *s);
void buf_addf(struct buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void buf_vaddf(struct buf *b, const char *fmt, va_list ap);
const char *buf_str(const struct buf *b);       /* "" when empty */

/* Append n bytes and a NUL that counts as content (len grows by n + 1):
 * NUL-separated strings one after the other. Inline: a reader calls it
 * for every field. */
static inline void
buf_add_nul(struct buf *b, const void *p, size_t n)
{
	if (b->cap - b->len <= n + 1)   /* room for n, the NUL, the end */
		buf_grow(b, n + 1);
	if (n)
		__builtin_memcpy(b->data + b->len, p, n);
	b->data[b->len + n] = '\0';
	b->len += n + 1;
	b->data[b->len] = '\0';
}

#endif /* PM_UTIL_BUF_H */
