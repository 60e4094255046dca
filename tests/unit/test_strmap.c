/* Unit tests for util/strmap: put/get, duplicates, growth. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/strmap.h"

static int
setup(void **state)
{
	static struct strmap init = STRMAP_INIT;
	struct strmap *m = malloc(sizeof(*m));

	if (m == NULL)
		return -1;
	*m = init;
	*state = m;
	return 0;
}

static int
teardown(void **state)
{
	struct strmap *m = *state;

	strmap_release(m);
	free(m);
	return 0;
}

static void
empty_map(void **state)
{
	struct strmap *m = *state;

	assert_int_equal(strmap_get(m, "a", 1), -1);
	assert_int_equal(strmap_get(m, "", 0), -1);
	strmap_release(m);              /* a zeroed map releases fine */
	assert_int_equal(m->n, 0);
	assert_int_equal(strmap_get(m, "a", 1), -1);
}

static void
put_and_get(void **state)
{
	struct strmap *m = *state;

	assert_true(strmap_put(m, "330100", 6, 1, NULL));
	assert_true(strmap_put(m, "杭州", strlen("杭州"), 2, NULL));
	assert_true(strmap_put(m, "hangzhou", 8, 0, NULL));
	assert_int_equal(m->n, 3);
	assert_int_equal(strmap_get(m, "330100", 6), 1);
	assert_int_equal(strmap_get(m, "杭州", strlen("杭州")), 2);
	assert_int_equal(strmap_get(m, "hangzhou", 8), 0);
	/* Keys are exact bytes: length and case matter. */
	assert_int_equal(strmap_get(m, "Hangzhou", 8), -1);
	assert_int_equal(strmap_get(m, "hangzho", 7), -1);
	assert_int_equal(strmap_get(m, "330100x", 7), -1);
	assert_int_equal(strmap_get(m, "absent", 6), -1);
	/* The length is honoured: a prefix of a longer buffer is the key. */
	assert_int_equal(strmap_get(m, "330100,330000", 6), 1);
}

static void
duplicate_put_keeps_old(void **state)
{
	struct strmap *m = *state;
	int old = -7;

	assert_true(strmap_put(m, "k", 1, 5, &old));
	assert_int_equal(old, -7);      /* untouched when the key is new */
	assert_false(strmap_put(m, "k", 1, 9, &old));
	assert_int_equal(old, 5);
	assert_false(strmap_put(m, "k", 1, 11, NULL));
	assert_int_equal(strmap_get(m, "k", 1), 5);
	assert_int_equal(m->n, 1);
}

static void
keys_are_copied(void **state)
{
	struct strmap *m = *state;
	char key[8] = "abc";

	assert_true(strmap_put(m, key, 3, 4, NULL));
	key[0] = 'z';
	assert_int_equal(strmap_get(m, "abc", 3), 4);
	assert_int_equal(strmap_get(m, key, 3), -1);
	/* Bytes past the length are not part of the key. */
	assert_true(strmap_put(m, "xyz-ignored", 3, 6, NULL));
	assert_int_equal(strmap_get(m, "xyz", 3), 6);
	assert_int_equal(strmap_get(m, "xyz-ignored", 11), -1);
}

static void
many_keys_force_growth(void **state)
{
	struct strmap *m = *state;
	char k[32];
	int i, old;

	for (i = 0; i < 10000; i++) {
		int n = snprintf(k, sizeof(k), "key-%d", i);

		assert_true(strmap_put(m, k, (size_t)n, i, NULL));
		/* At most half full, and a power of two. */
		assert_true(m->n * 2 <= m->cap);
		assert_int_equal(m->cap & (m->cap - 1), 0);
	}
	assert_int_equal(m->n, 10000);
	for (i = 0; i < 10000; i++) {
		int n = snprintf(k, sizeof(k), "key-%d", i);

		if (strmap_get(m, k, (size_t)n) != i)
			fail_msg("%s lost after growth", k);
	}
	for (i = 0; i < 10000; i += 97) {
		int n = snprintf(k, sizeof(k), "key-%d", i);

		assert_false(strmap_put(m, k, (size_t)n, -1, &old));
		assert_int_equal(old, i);
	}
	for (i = 10000; i < 10100; i++) {
		int n = snprintf(k, sizeof(k), "key-%d", i);

		assert_int_equal(strmap_get(m, k, (size_t)n), -1);
	}
	assert_int_equal(m->n, 10000);
}

static void
colliding_hashes(void **state)
{
	/* Both hash to 0xaa0aede4 under FNV-1a: told apart by their bytes. */
	static const char a[] = "key-901258", b[] = "key-1540052";
	struct strmap *m = *state;
	int old = -1;

	assert_true(strmap_put(m, a, strlen(a), 1, NULL));
	assert_int_equal(strmap_get(m, b, strlen(b)), -1);
	assert_true(strmap_put(m, b, strlen(b), 2, NULL));
	assert_int_equal(strmap_get(m, a, strlen(a)), 1);
	assert_int_equal(strmap_get(m, b, strlen(b)), 2);
	assert_false(strmap_put(m, b, strlen(b), 3, &old));
	assert_int_equal(old, 2);
}

static void
empty_key(void **state)
{
	struct strmap *m = *state;

	assert_true(strmap_put(m, "", 0, 3, NULL));
	assert_int_equal(strmap_get(m, "", 0), 3);
	assert_int_equal(strmap_get(m, "a", 1), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(empty_map, setup, teardown),
		cmocka_unit_test_setup_teardown(put_and_get, setup, teardown),
		cmocka_unit_test_setup_teardown(duplicate_put_keeps_old, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(keys_are_copied, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(many_keys_force_growth, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(colliding_hashes, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(empty_key, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
