/* util/xalloc.h - checked allocation. On failure these print one line and
 * exit with code 4 (a system error): the one exit allowed below cli/, since
 * no caller could do anything sensible without memory. */
#ifndef PM_UTIL_XALLOC_H
#define PM_UTIL_XALLOC_H

#include <stddef.h>

void *xmalloc(size_t n);
void *xcalloc(size_t nmemb, size_t size);
/* Resize to nmemb * size bytes, checking the product for overflow. */
void *xreallocarray(void *p, size_t nmemb, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

#endif /* PM_UTIL_XALLOC_H */
