/* Unit tests for util/sha256: the FIPS 180-4 example vectors, the padding
 * boundaries, streaming in odd-sized pieces, a large input, and the state
 * freed whether a digest is finished or dropped. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "util/sha256.h"

static void
digest(const void *p, size_t n, char out[65])
{
	struct sha256 s;

	sha256_init(&s);
	sha256_update(&s, p, n);
	sha256_hex(&s, out);
}

static void
known_vectors(void **state)
{
	static const struct {
		const char *in, *hex;
	} v[] = {
		{ "", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855" },
		{ "abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad" },
		{ "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
		  "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1" },
		{ "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmn"
		  "hijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
		  "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1" },
	};
	char out[65];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		memset(out, 'x', sizeof(out));
		digest(v[i].in, strlen(v[i].in), out);
		assert_string_equal(out, v[i].hex);
	}
}

static void
padding_boundaries(void **state)
{
	/* Lengths around the 55/56 and 63/64 byte padding edges. */
	static const struct {
		size_t n;
		const char *hex;
	} v[] = {
		{ 55, "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318" },
		{ 56, "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a" },
		{ 63, "7d3e74a05d7db15bce4ad9ec0658ea98e3f06eeecf16b4c6fff2da457ddc2f34" },
		{ 64, "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb" },
		{ 65, "635361c48bb9eab14198e76ea8ab7f1a41685d6ad62aa9146d301d4f17eb0ae0" },
		{ 119, "31eba51c313a5c08226adf18d4a359cfdfd8d2e816b13f4af952f7ea6584dcfb" },
		{ 120, "2f3d335432c70b580af0e8e1b3674a7c020d683aa5f73aaaedfdc55af904c21c" },
		{ 128, "6836cf13bac400e9105071cd6af47084dfacad4e5e302c94bfed24e013afb73e" },
	};
	char a[128], out[65];
	size_t i, k;

	(void)state;
	memset(a, 'a', sizeof(a));
	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		struct sha256 s;

		digest(a, v[i].n, out);
		assert_string_equal(out, v[i].hex);
		/* Byte at a time gives the same. */
		sha256_init(&s);
		for (k = 0; k < v[i].n; k++)
			sha256_update(&s, a + k, 1);
		sha256_hex(&s, out);
		assert_string_equal(out, v[i].hex);
	}
}

static void
all_byte_values(void **state)
{
	unsigned char b[768];
	char out[65];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(b); i++)
		b[i] = (unsigned char)(i % 256);
	digest(b, sizeof(b), out);
	assert_string_equal(out,
	    "f3a25aa93aa2fbba28d79260535bbd6a5eb0fc1c24a8b0f04e12b484c1dfe363");
}

static void
million_a_in_odd_chunks(void **state)
{
	static const size_t sizes[] = { 1, 3, 7, 13, 63, 64, 65, 127, 1000,
		4099 };
	const size_t total = 1000000;
	char *a = malloc(total);
	char out[65];
	struct sha256 s;
	size_t done = 0, k = 0;

	(void)state;
	assert_non_null(a);
	memset(a, 'a', total);
	sha256_init(&s);
	while (done < total) {
		size_t n = sizes[k++ % (sizeof(sizes) / sizeof(sizes[0]))];

		if (n > total - done)
			n = total - done;
		sha256_update(&s, a + done, n);
		done += n;
	}
	sha256_hex(&s, out);
	free(a);
	assert_string_equal(out,
	    "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

/* A digest dropped half-way (a read error in the reader) frees its state:
 * valgrind's leak check on this binary is the test that it does. Freeing
 * twice, or a zeroed struct, is harmless. */
static void
unfinished_digest_is_freed(void **state)
{
	struct sha256 s = { 0 };
	char out[65];

	(void)state;
	sha256_free(&s);
	sha256_free(NULL);
	sha256_init(&s);
	sha256_update(&s, "abc", 3);
	sha256_free(&s);
	assert_null(s.ctx);
	sha256_free(&s);
	/* Finishing frees too; a free after it changes nothing. */
	sha256_init(&s);
	sha256_update(&s, "abc", 3);
	sha256_hex(&s, out);
	assert_null(s.ctx);
	sha256_free(&s);
	assert_string_equal(out,
	    "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

static void
zero_length_updates_change_nothing(void **state)
{
	struct sha256 s;
	char out[65];

	(void)state;
	sha256_init(&s);
	sha256_update(&s, "", 0);
	sha256_update(&s, "ab", 2);
	sha256_update(&s, "", 0);
	sha256_update(&s, "c", 1);
	sha256_hex(&s, out);
	assert_string_equal(out,
	    "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	/* Init again: a fresh digest, nothing left from before. */
	sha256_init(&s);
	sha256_hex(&s, out);
	assert_string_equal(out,
	    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(known_vectors),
		cmocka_unit_test(padding_boundaries),
		cmocka_unit_test(all_byte_values),
		cmocka_unit_test(million_a_in_odd_chunks),
		cmocka_unit_test(unfinished_digest_is_freed),
		cmocka_unit_test(zero_length_updates_change_nothing),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
