#include "util/sha256.h"

#include <stdio.h>
#include <stdlib.h>

#include <openssl/evp.h>

#include "util/banned.h"

static void
fail(const char *what)
{
	fprintf(stderr, "pemetrics: libcrypto: %s\n", what);
	exit(4);
}

void
sha256_init(struct sha256 *s)
{
	s->ctx = EVP_MD_CTX_new();
	if (s->ctx == NULL)
		fail("out of memory");
	if (EVP_DigestInit_ex(s->ctx, EVP_sha256(), NULL) != 1)
		fail("SHA-256 is not available");
}

void
sha256_update(struct sha256 *s, const void *p, size_t n)
{
	/* Fails only on a context never initialised: a programmer error. */
	if (n > 0 && EVP_DigestUpdate(s->ctx, p, n) != 1)
		fail("SHA-256 update failed");
}

void
sha256_hex(struct sha256 *s, char out[65])
{
	static const char hex[] = "0123456789abcdef";
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int n = 0;

	if (EVP_DigestFinal_ex(s->ctx, md, &n) != 1 || n != 32)
		fail("SHA-256 final failed");
	sha256_free(s);
	for (unsigned int i = 0; i < 32; i++) {
		out[2 * i] = hex[md[i] >> 4];
		out[2 * i + 1] = hex[md[i] & 15];
	}
	out[64] = '\0';
}

void
sha256_free(struct sha256 *s)
{
	if (s == NULL)
		return;
	EVP_MD_CTX_free(s->ctx);        /* NULL is a no-op */
	s->ctx = NULL;
}
