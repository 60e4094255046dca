/* Unit tests for util/utf8: strict RFC 3629 validation, whole and
 * streaming. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "util/utf8.h"

struct bytes {
	const char *p;
	size_t n;
};

#define B(s) { s, sizeof(s) - 1 }

static void
valid_texts(void **state)
{
	static const struct bytes ok[] = {
		B(""), B("hello, world"), B("杭州市"), B("a\0b"),
		B("\xc2\x80"),                  /* U+0080 */
		B("\xdf\xbf"),                  /* U+07FF */
		B("\xe0\xa0\x80"),              /* U+0800 */
		B("\xed\x9f\xbf"),              /* U+D7FF */
		B("\xee\x80\x80"),              /* U+E000 */
		B("\xef\xbf\xbf"),              /* U+FFFF */
		B("\xf0\x90\x80\x80"),          /* U+10000 */
		B("\xf0\x9f\x98\x80"),          /* U+1F600 */
		B("\xf4\x8f\xbf\xbf"),          /* U+10FFFF */
		B("\xef\xbb\xbfindicator"),     /* BOM */
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(ok) / sizeof(ok[0]); i++)
		if (!utf8_valid(ok[i].p, ok[i].n))
			fail_msg("case %zu rejected", i);
}

static void
invalid_texts(void **state)
{
	static const struct {
		struct bytes b;
		size_t bad_at;
	} bad[] = {
		{ B("\x80"), 0 },
		{ B("a\x80z"), 1 },
		{ B("\xbf"), 0 },
		{ B("\xc0\x80"), 0 },           /* overlong NUL */
		{ B("\xc1\xbf"), 0 },           /* overlong */
		{ B("\xe0\x80\x80"), 1 },       /* overlong */
		{ B("\xe0\x9f\xbf"), 1 },       /* overlong */
		{ B("\xed\xa0\x80"), 1 },       /* surrogate U+D800 */
		{ B("\xed\xbf\xbf"), 1 },       /* surrogate U+DFFF */
		{ B("\xf0\x80\x80\x80"), 1 },   /* overlong */
		{ B("\xf0\x8f\xbf\xbf"), 1 },   /* overlong */
		{ B("\xf4\x90\x80\x80"), 1 },   /* above U+10FFFF */
		{ B("\xf5\x80\x80\x80"), 0 },
		{ B("\xf8\x88\x80\x80\x80"), 0 },
		{ B("\xfe"), 0 },
		{ B("\xff"), 0 },
		{ B("\xc2\x41"), 1 },           /* missing continuation */
		{ B("\xe6\x9d\x41"), 2 },
		{ B("ab\xe6\x9d\xad\xe5"), 6 }, /* truncated at the end */
		{ B("\xe6"), 1 },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct utf8_check u;
		bool fed;

		if (utf8_valid(bad[i].b.p, bad[i].b.n))
			fail_msg("case %zu accepted", i);
		utf8_check_init(&u);
		fed = utf8_check_feed(&u, bad[i].b.p, bad[i].b.n);
		assert_false(utf8_check_done(&u));
		if (bad[i].bad_at < bad[i].b.n) {
			/* An invalid byte: feed fails and says where. */
			assert_false(fed);
			assert_true(u.bad);
			if (u.bad_offset != bad[i].bad_at)
				fail_msg("case %zu: bad at %zu, want %zu", i,
				    u.bad_offset, bad[i].bad_at);
		} else {
			/* Only truncated: nothing wrong yet. */
			assert_true(fed);
			assert_false(u.bad);
		}
	}
}

static void
split_sequences_across_feeds(void **state)
{
	const char *s = "x杭州\xf0\x9f\x98\x80y";  /* 1 + 3 + 3 + 4 + 1 */
	size_t n = strlen(s), cut, i;

	(void)state;
	/* Every way of cutting the text in two, then byte at a time. */
	for (cut = 0; cut <= n; cut++) {
		struct utf8_check u;

		utf8_check_init(&u);
		assert_true(utf8_check_feed(&u, s, cut));
		assert_true(utf8_check_feed(&u, s + cut, n - cut));
		assert_true(utf8_check_done(&u));
		assert_int_equal(u.offset, n);
	}
	{
		struct utf8_check u;

		utf8_check_init(&u);
		for (i = 0; i < n; i++) {
			assert_true(utf8_check_feed(&u, s + i, 1));
			/* Open exactly while inside a sequence. */
			assert_int_equal(utf8_check_done(&u),
			    i == 0 || i == 3 || i == 6 || i >= 10);
		}
	}
}

static void
truncated_then_completed(void **state)
{
	struct utf8_check u;

	(void)state;
	utf8_check_init(&u);
	assert_true(utf8_check_feed(&u, "ok\xe6\x9d", 4));
	assert_false(utf8_check_done(&u));      /* open at the end */
	assert_true(utf8_check_feed(&u, "\xad", 1));
	assert_true(utf8_check_done(&u));
}

static void
bad_offset_counts_earlier_feeds(void **state)
{
	struct utf8_check u;

	(void)state;
	utf8_check_init(&u);
	assert_true(utf8_check_feed(&u, "abc", 3));
	assert_true(utf8_check_feed(&u, "\xe6", 1));
	/* Second byte of the sequence is bad: offset 4 overall. */
	assert_false(utf8_check_feed(&u, "d\xff", 2));
	assert_int_equal(u.bad_offset, 4);
	/* Once bad, always bad, whatever comes next. */
	assert_false(utf8_check_feed(&u, "fine", 4));
	assert_false(utf8_check_done(&u));
	assert_int_equal(u.bad_offset, 4);
}

static void
surrogate_split_across_feeds(void **state)
{
	struct utf8_check u;

	(void)state;
	utf8_check_init(&u);
	assert_true(utf8_check_feed(&u, "\xed", 1));
	assert_false(utf8_check_feed(&u, "\xa0\x80", 2));
	assert_int_equal(u.bad_offset, 1);
	utf8_check_init(&u);
	assert_true(utf8_check_feed(&u, "\xf4", 1));
	assert_false(utf8_check_feed(&u, "\x90", 1));
	utf8_check_init(&u);
	assert_true(utf8_check_feed(&u, "\xe0", 1));
	assert_false(utf8_check_feed(&u, "\x80", 1));
}

/* Long ASCII runs are skipped a word at a time: a bad byte or a
 * sequence at any position after them is still found, at its offset. */
static void
bad_byte_after_ascii_runs(void **state)
{
	char text[64];
	size_t at;

	(void)state;
	for (at = 0; at < 40; at++) {
		struct utf8_check u;

		memset(text, 'a', sizeof(text));
		text[at] = '\xff';
		utf8_check_init(&u);
		assert_false(utf8_check_feed(&u, text, sizeof(text)));
		assert_int_equal(u.bad_offset, at);
		/* A good 3-byte character there instead, cut short. */
		memcpy(text + at, "\xe4\xb8\xad", 3);
		utf8_check_init(&u);
		assert_true(utf8_check_feed(&u, text, sizeof(text)));
		assert_true(utf8_check_done(&u));
		utf8_check_init(&u);
		assert_true(utf8_check_feed(&u, text, at + 2));
		assert_false(utf8_check_done(&u));
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(valid_texts),
		cmocka_unit_test(invalid_texts),
		cmocka_unit_test(split_sequences_across_feeds),
		cmocka_unit_test(truncated_then_completed),
		cmocka_unit_test(bad_offset_counts_earlier_feeds),
		cmocka_unit_test(surrogate_split_across_feeds),
		cmocka_unit_test(bad_byte_after_ascii_runs),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
