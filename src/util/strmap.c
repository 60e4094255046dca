#include "util/strmap.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"
#include "util/banned.h"

static unsigned
fnv1a(const char *s, size_t n)
{
	unsigned h = 2166136261u;
	size_t i;

	for (i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 16777619u;
	return h;
}

void
strmap_release(struct strmap *m)
{
	size_t i;

	for (i = 0; i < m->cap; i++)
		free(m->slot[i].key);
	free(m->slot);
	m->slot = NULL;
	m->cap = m->n = 0;
}

static struct strmap_slot *
find(const struct strmap *m, const char *key, size_t len, unsigned h)
{
	size_t i = h & (m->cap - 1);

	/* The mask needs a power of two; the probe ends because at least
	 * half the slots are empty. */
	assert(m->cap != 0 && (m->cap & (m->cap - 1)) == 0);
	assert(m->n <= m->cap / 2);
	for (;; i = (i + 1) & (m->cap - 1)) {
		struct strmap_slot *s = &m->slot[i];

		if (s->key == NULL)
			return s;
		if (s->hash == h && s->keylen == len &&
		    memcmp(s->key, key, len) == 0)
			return s;
	}
}

static void
grow(struct strmap *m)
{
	struct strmap old = *m;
	size_t i;

	m->cap = old.cap ? old.cap * 2 : 64;
	m->slot = xcalloc(m->cap, sizeof(*m->slot));
	for (i = 0; i < old.cap; i++)
		if (old.slot[i].key)
			*find(m, old.slot[i].key, old.slot[i].keylen,
			    old.slot[i].hash) = old.slot[i];
	free(old.slot);
}

bool
strmap_put(struct strmap *m, const char *key, size_t len, int value, int *old)
{
	unsigned h = fnv1a(key, len);
	struct strmap_slot *s;

	if (2 * (m->n + 1) > m->cap)
		grow(m);
	s = find(m, key, len, h);
	if (s->key) {
		if (old)
			*old = s->value;
		return false;
	}
	assert(value >= 0);     /* -1 is strmap_get()'s "not there" */
	s->key = xstrndup(key, len);
	s->keylen = len;
	s->hash = h;
	s->value = value;
	m->n++;
	return true;
}

int
strmap_get(const struct strmap *m, const char *key, size_t len)
{
	struct strmap_slot *s;

	if (m->cap == 0)
		return -1;
	s = find(m, key, len, fnv1a(key, len));
	return s->key ? s->value : -1;
}
