/* Unit tests for util/buf: appends, growth, formatting, reset. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"

static int
setup(void **state)
{
	static const struct buf init = BUF_INIT;
	struct buf *b = malloc(sizeof(*b));

	if (b == NULL)
		return -1;
	*b = init;
	*state = b;
	return 0;
}

static int
teardown(void **state)
{
	struct buf *b = *state;

	buf_release(b);
	free(b);
	return 0;
}

/* Length, terminator and room of a buffer. */
static void
check_invariants(const struct buf *b)
{
	if (b->data == NULL) {
		assert_int_equal(b->len, 0);
		return;
	}
	assert_true(b->len < b->cap);
	assert_int_equal(b->data[b->len], '\0');
	assert_ptr_equal(buf_str(b), b->data);
}

static void
empty_is_empty_string(void **state)
{
	struct buf *b = *state;

	assert_string_equal(buf_str(b), "");
	assert_int_equal(b->len, 0);
	buf_add(b, "", 0);
	check_invariants(b);
	assert_string_equal(buf_str(b), "");
	buf_release(b);
	assert_null(b->data);
	assert_string_equal(buf_str(b), "");
	buf_release(b);                 /* twice is fine */
}

static void
add_grows(void **state)
{
	struct buf *b = *state;
	char want[5000];
	size_t i, cap = 0, ngrow = 0;

	for (i = 0; i < sizeof(want) - 1; i++) {
		char c = (char)('a' + i % 26);

		want[i] = c;
		if (i % 3 == 0)
			buf_addc(b, c);
		else
			buf_add(b, &c, 1);
		check_invariants(b);
		ngrow += b->cap != cap;
		cap = b->cap;
	}
	/* Geometric growth: a handful of reallocations, not one per byte. */
	assert_true(ngrow <= 10);
	want[sizeof(want) - 1] = '\0';
	assert_int_equal(b->len, sizeof(want) - 1);
	assert_string_equal(buf_str(b), want);
	buf_adds(b, "-end");
	assert_int_equal(b->len, sizeof(want) - 1 + 4);
	assert_memory_equal(b->data + sizeof(want) - 1, "-end", 5);
}

static void
add_binary_keeps_nul(void **state)
{
	struct buf *b = *state;

	buf_add(b, "a\0b", 3);
	buf_add(b, "\0", 1);
	check_invariants(b);
	assert_int_equal(b->len, 4);
	assert_memory_equal(b->data, "a\0b\0", 5);
}

static void
addf_formats_and_grows(void **state)
{
	struct buf *b = *state;
	char big[600];
	int i;

	buf_addf(b, "%s:%d", "line", 42);
	assert_string_equal(buf_str(b), "line:42");
	/* Longer than the first allocation. */
	buf_addf(b, " %0500d|", 7);
	check_invariants(b);
	assert_int_equal(b->len, 7 + 1 + 500 + 1);
	snprintf(big, sizeof(big), "line:42 %0500d|", 7);
	assert_string_equal(buf_str(b), big);
	buf_reset(b);
	for (i = 0; i < 1000; i++)
		buf_addf(b, "%d,", i % 10);
	assert_int_equal(b->len, 2000);
	for (i = 0; i < 1000; i++) {
		assert_int_equal(b->data[2 * i], '0' + i % 10);
		assert_int_equal(b->data[2 * i + 1], ',');
	}
	buf_addf(b, "%s", "");
	assert_int_equal(b->len, 2000);
	check_invariants(b);
}

static void
vaddf_helper(struct buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
vaddf_helper(struct buf *b, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	buf_vaddf(b, fmt, ap);
	va_end(ap);
}

static void
vaddf_appends(void **state)
{
	struct buf *b = *state;

	buf_adds(b, "x=");
	vaddf_helper(b, "%d/%s", 3, "y");
	assert_string_equal(buf_str(b), "x=3/y");
}

static void
reset_keeps_memory(void **state)
{
	struct buf *b = *state;
	const char *data;
	size_t cap;

	buf_adds(b, "some text that is here");
	data = b->data;
	cap = b->cap;
	buf_reset(b);
	assert_int_equal(b->len, 0);
	assert_string_equal(buf_str(b), "");
	assert_ptr_equal(b->data, data);
	assert_int_equal(b->cap, cap);
	buf_adds(b, "new");
	assert_string_equal(buf_str(b), "new");
	assert_int_equal(b->len, 3);
}

/* Room made in an empty buffer holds "": what is added next follows
 * nothing (a binary COPY buffer starts so). */
static void
grow_from_empty(void **state)
{
	struct buf *b = *state;

	buf_grow(b, 1 << 18);
	assert_non_null(b->data);
	assert_string_equal(buf_str(b), "");
	buf_add(b, "\xff\xff", 2);
	assert_int_equal(b->len, 2);
	check_invariants(b);
}

static void
grow_makes_room(void **state)
{
	struct buf *b = *state;
	const char *data;

	buf_adds(b, "abc");
	buf_grow(b, 1000);
	assert_true(b->cap >= 3 + 1000 + 1);
	assert_string_equal(buf_str(b), "abc");
	data = b->data;
	/* The room is there: appending it does not move the data. */
	{
		char fill[1000];

		memset(fill, 'z', sizeof(fill));
		buf_add(b, fill, sizeof(fill));
	}
	assert_ptr_equal(b->data, data);
	assert_int_equal(b->len, 1003);
	check_invariants(b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(empty_is_empty_string, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(add_grows, setup, teardown),
		cmocka_unit_test_setup_teardown(add_binary_keeps_nul, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(addf_formats_and_grows, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(vaddf_appends, setup, teardown),
		cmocka_unit_test_setup_teardown(reset_keeps_memory, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(grow_from_empty, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(grow_makes_room, setup,
		    teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
