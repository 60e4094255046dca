/* util/strmap.h - a string -> index map (open addressing, FNV-1a), for
 * catalogue look-ups that must not allocate per query.
 *
 * Keys are copied in and owned by the map. Values are caller-chosen
 * non-negative integers (an index into the caller's array). The map never
 * shrinks; it is built once and then read.
 */
#ifndef PM_UTIL_STRMAP_H
#define PM_UTIL_STRMAP_H

#include <stdbool.h>
#include <stddef.h>

struct strmap_slot {
	char *key;              /* NULL = empty slot */
	size_t keylen;
	unsigned hash;
	int value;
};

struct strmap {
	struct strmap_slot *slot;
	size_t cap;             /* a power of two, or 0 */
	size_t n;               /* keys stored, at most cap / 2 */
};

#define STRMAP_INIT { NULL, 0, 0 }

void strmap_release(struct strmap *m);
/* Add key -> value. Returns false (and changes nothing) when the key is
 * already there; *old then holds its value when old is not NULL. */
bool strmap_put(struct strmap *m, const char *key, size_t len, int value,
    int *old);
/* Value for key, or -1. */
int strmap_get(const struct strmap *m, const char *key, size_t len);

#endif /* PM_UTIL_STRMAP_H */
