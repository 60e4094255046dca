/* util/sha256.h - SHA-256 (FIPS 180-4), streaming, computed by libcrypto
 * (OpenSSL's EVP interface, which picks the CPU's SHA instructions
 * itself). Used to recognise a file whose content was already ingested.
 * No I/O. Out of memory, or a libcrypto without SHA-256, prints one line
 * and exits 4, as util/xalloc does: no caller could go on without it. */
#ifndef PM_UTIL_SHA256_H
#define PM_UTIL_SHA256_H

#include <stddef.h>

struct evp_md_ctx_st;           /* libcrypto's EVP_MD_CTX */

struct sha256 {
	struct evp_md_ctx_st *ctx;      /* owned; NULL once finished */
};

/* Start a digest. The state holds memory from here until sha256_hex() or
 * sha256_free(): a caller that may stop before the end (a read error)
 * calls sha256_free() on its way out. */
void sha256_init(struct sha256 *s);
void sha256_update(struct sha256 *s, const void *p, size_t n);
/* Finish and write the digest as 64 lowercase hex digits plus NUL; frees
 * the state (init again for another digest). */
void sha256_hex(struct sha256 *s, char out[65]);
/* Drop an unfinished digest. NULL, a finished one or a zeroed struct
 * is a no-op, so an 'out:' label may call it whatever happened before. */
void sha256_free(struct sha256 *s);

#endif /* PM_UTIL_SHA256_H */
