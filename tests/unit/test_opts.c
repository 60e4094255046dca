/* Unit tests for cli/opts: values land in the options struct as their
 * kinds say (choices as the enum values they map to, never positions),
 * operands are counted, and the usage text is generated from the table:
 * groups, forms, lines that fit 79 columns. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/opts.h"

enum colour { RED = 7, GREEN = 3 };

struct t_args {
	bool flag;
	const char *str;
	int choice;
	struct opt_period period;
	unsigned long long size;
	int twice;
};

static bool
parse_twice(const char *val, void *field)
{
	if (strcmp(val, "x") == 0)
		return false;
	*(int *)field = 2 * (int)strlen(val);
	return true;
}

static const struct opt_choice colours[] = {
	{ "red", RED }, { "green", GREEN }, { NULL, 0 },
};

static const struct optdef options[] = {
	{ .name = "flag", .type = OPT_FLAG, .off = offsetof(struct t_args, flag),
	  .help = "a flag", .group = 1 },
	{ .name = "str", .letter = 's', .type = OPT_STR,
	  .off = offsetof(struct t_args, str), .arg = "S", .help = "a string",
	  .group = 1 },
	{ .name = "colour", .type = OPT_CHOICE,
	  .off = offsetof(struct t_args, choice), .choices = colours,
	  .help = "a choice\nof two lines" },
	{ .name = "as-of", .type = OPT_PERIOD,
	  .off = offsetof(struct t_args, period), .arg = "PERIOD",
	  .help = "a period", .forms = 1 },
	{ .name = "size", .type = OPT_SIZE, .off = offsetof(struct t_args, size),
	  .arg = "N", .min = 10, .max = 20, .help = "a size", .forms = 2,
	  .lead = 2 },
	{ .name = "twice", .type = OPT_FN, .off = offsetof(struct t_args, twice),
	  .arg = "T", .parse = parse_twice, .expect = "not x",
	  .help = "a parsed value" },
	{ .name = NULL },
};

static const struct opt_form forms[] = {
	{ NULL, "FILE..." }, { "BEFORE", NULL },
};

static const struct cmddef def = {
	.name = "t", .opts = options, .forms = forms, .nforms = 2,
	.min_operands = 0, .max_operands = 2,
};

/* Parse a NULL-terminated list of arguments after the command name. */
static int
parse(struct t_args *a, int *first, ...)
{
	char *argv[16];
	struct pm_ctx ctx = { 0 };
	va_list ap;
	int argc = 0;
	FILE *saved = stderr, *saved_out = stdout;
	int rc;

	argv[argc++] = (char *)"t";
	va_start(ap, first);
	while ((argv[argc] = va_arg(ap, char *)) != NULL)
		argc++;
	va_end(ap);
	ctx.verbosity = 1;
	/* Usage goes to stdout or stderr: keep the test's output clean. */
	stderr = fopen("/dev/null", "w");
	stdout = fopen("/dev/null", "w");
	rc = opts_parse(&def, argc, argv, &ctx, a, first);
	fclose(stderr);
	fclose(stdout);
	stderr = saved;
	stdout = saved_out;
	return rc;
}

static void
test_values(void **state)
{
	struct t_args a = { .choice = RED };
	int first;

	(void)state;
	assert_int_equal(parse(&a, &first, "--flag", "-s", "hello",
	    "--colour=green", "--as-of", "2024Q2", "--size", "15",
	    "--twice", "abc", "op1", NULL), OPTS_GO);
	assert_true(a.flag);
	assert_string_equal(a.str, "hello");
	assert_int_equal(a.choice, GREEN);      /* the value, not index 1 */
	assert_true(a.period.given);
	assert_int_equal(a.period.p.year, 2024);
	assert_int_equal(a.size, 15);
	assert_int_equal(a.twice, 6);
	assert_int_equal(first, 11);
}

static void
test_defaults_kept(void **state)
{
	struct t_args a = { .choice = RED, .size = 12 };
	int first;

	(void)state;
	assert_int_equal(parse(&a, &first, "op1", "op2", NULL), OPTS_GO);
	assert_int_equal(a.choice, RED);
	assert_int_equal(a.size, 12);
	assert_false(a.period.given);
	assert_null(a.str);
	assert_int_equal(first, 1);
}

static void
test_errors(void **state)
{
	struct t_args a = { 0 };
	int first;

	(void)state;
	assert_int_equal(parse(&a, &first, "--colour", "blue", NULL), 2);
	assert_int_equal(parse(&a, &first, "--as-of", "2024-13", NULL), 2);
	assert_int_equal(parse(&a, &first, "--size", "9", NULL), 2);
	assert_int_equal(parse(&a, &first, "--size", "21", NULL), 2);
	assert_int_equal(parse(&a, &first, "--size", "-1", NULL), 2);
	assert_int_equal(parse(&a, &first, "--twice", "x", NULL), 2);
	assert_int_equal(parse(&a, &first, "--nope", NULL), 2);
	assert_int_equal(parse(&a, &first, "-z", NULL), 2);
	assert_int_equal(parse(&a, &first, "--str", NULL), 2);
	assert_int_equal(parse(&a, &first, "--flag=1", NULL), 2);
	assert_int_equal(parse(&a, &first, "a", "b", "c", NULL), 2);
}

static void
test_help(void **state)
{
	struct t_args a = { 0 };
	int first;

	(void)state;
	/* --help wins and is exit 0 (its text goes to stdout). */
	assert_int_equal(parse(&a, &first, "--help", NULL), 0);
}

static void
test_usage_text(void **state)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	char *line, *save = NULL;

	(void)state;
	assert_non_null(f);
	opts_usage(&def, f);
	fclose(f);
	/* Form 0: the group in one bracket, --as-of (form 0 only), operands
	 * after; form 1: --size leads, without brackets. */
	assert_non_null(strstr(text, "usage: pemetrics t [--flag | --str S] "
	    "[--colour red|green] [--as-of PERIOD]\n"
	    "                   [--twice T] FILE...\n"));
	assert_non_null(strstr(text, "       pemetrics t BEFORE --size N "
	    "[--flag | --str S] [--colour red|green]\n"
	    "                   [--twice T]\n"));
	assert_non_null(strstr(text, "  -s, --str S      a string\n"));
	assert_non_null(strstr(text, "  --colour red|green\n"
	    "                   a choice\n                   of two lines\n"));
	for (line = strtok_r(text, "\n", &save); line;
	    line = strtok_r(NULL, "\n", &save))
		assert_true(strlen(line) <= 79);
	free(text);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_values),
		cmocka_unit_test(test_defaults_kept),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_help),
		cmocka_unit_test(test_usage_text),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
