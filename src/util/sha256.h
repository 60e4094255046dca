/* util/sha256.h - SHA-256 (FIPS 180-4), streaming. Used to recognise a
 * file whose content was already ingested. No allocation, no I/O. */
#ifndef PM_UTIL_SHA256_H
#define PM_UTIL_SHA256_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct sha256 {
	uint32_t h[8];
	uint64_t nbytes;        /* message length so far */
	unsigned char block[64];
	size_t nblock;          /* bytes waiting in 'block', < 64 */
	bool fast;              /* the CPU's SHA instructions: set by
				 * sha256_init() when there are any; a test
				 * may clear it to check the portable code */
};

void sha256_init(struct sha256 *s);
void sha256_update(struct sha256 *s, const void *p, size_t n);
/* Finish and write the digest as 64 lowercase hex digits plus NUL. */
void sha256_hex(struct sha256 *s, char out[65]);

#endif /* PM_UTIL_SHA256_H */
