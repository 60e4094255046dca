#include "cli/opts.h"

#include <assert.h>
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/xalloc.h"
#include "util/banned.h"

#define WIDTH 79                /* of a usage line */
#define HELP_COL 19             /* where option help starts */
#define VAL_BASE 256            /* getopt values of options without a
				 * letter: VAL_BASE + index in the table */

static size_t
count(const struct optdef *o)
{
	size_t n = 0;

	while (o[n].name)
		n++;
	return n;
}

static bool
in_form(const struct optdef *o, size_t form)
{
	return o->forms == 0 || (o->forms >> form & 1u);
}

/* "--name ARG": the choices joined with '|' in the synopsis, 'arg' in
 * the list of options when it is given. */
static void
opt_text(struct buf *b, const struct optdef *o, bool synopsis)
{
	size_t i;

	buf_addf(b, "--%s", o->name);
	if (o->type == OPT_FLAG)
		return;
	buf_addc(b, ' ');
	if (o->type == OPT_CHOICE && (synopsis || o->arg == NULL)) {
		for (i = 0; o->choices[i].name; i++)
			buf_addf(b, "%s%s", i ? "|" : "", o->choices[i].name);
		return;
	}
	buf_adds(b, o->arg ? o->arg : "VALUE");
}

/* Append 'tok' to the line in 'line', breaking it before WIDTH; 'out'
 * collects the finished lines. Tokens start at column 'indent'; a line
 * holds indent - 1 characters before its first token. */
static void
wrap_add(struct buf *out, struct buf *line, size_t indent, const char *tok)
{
	if (line->len >= indent && line->len + 1 + strlen(tok) > WIDTH) {
		buf_add(out, line->data, line->len);
		buf_addc(out, '\n');
		buf_reset(line);
		buf_addf(line, "%*s", (int)indent - 1, "");
	}
	buf_addc(line, ' ');
	buf_adds(line, tok);
}

static void
synopsis_form(struct buf *out, const struct cmddef *def, size_t form)
{
	const struct optdef *o = def->opts;
	const struct opt_form *f = def->nforms ? &def->forms[form] : NULL;
	struct buf line = BUF_INIT, tok = BUF_INIT;
	size_t i, j, n = count(o), indent;

	buf_addf(&line, "%s pemetrics %s", form ? "      " : "usage:",
	    def->name);
	indent = line.len + 1;
	if (f && f->before)
		wrap_add(out, &line, indent, f->before);
	for (i = 0; i < n; i++)
		if (in_form(&o[i], form) && (o[i].lead >> form & 1u)) {
			buf_reset(&tok);
			opt_text(&tok, &o[i], true);
			wrap_add(out, &line, indent, buf_str(&tok));
		}
	for (i = 0; i < n; i++) {
		if (!in_form(&o[i], form) || (o[i].lead >> form & 1u))
			continue;
		if (o[i].group) {
			for (j = 0; j < i; j++)
				if (o[j].group == o[i].group &&
				    in_form(&o[j], form))
					break;
			if (j < i)
				continue;       /* shown with the first */
		}
		buf_reset(&tok);
		buf_addc(&tok, '[');
		opt_text(&tok, &o[i], true);
		for (j = i + 1; o[i].group && j < n; j++)
			if (o[j].group == o[i].group && in_form(&o[j], form)) {
				buf_adds(&tok, " | ");
				opt_text(&tok, &o[j], true);
			}
		buf_addc(&tok, ']');
		wrap_add(out, &line, indent, buf_str(&tok));
	}
	if (f && f->after)
		wrap_add(out, &line, indent, f->after);
	buf_add(out, line.data, line.len);
	buf_addc(out, '\n');
	buf_release(&line);
	buf_release(&tok);
}

void
opts_usage(const struct cmddef *def, FILE *f)
{
	struct buf out = BUF_INIT, left = BUF_INIT;
	const struct optdef *o = def->opts;
	const char *h, *nl;
	size_t i, form, nforms = def->nforms ? def->nforms : 1;

	for (form = 0; form < nforms; form++)
		synopsis_form(&out, def, form);
	if (def->operands || o[0].name)
		buf_addc(&out, '\n');
	if (def->operands)
		buf_adds(&out, def->operands);
	for (i = 0; o[i].name; i++) {
		buf_reset(&left);
		buf_adds(&left, "  ");
		if (o[i].letter)
			buf_addf(&left, "-%c, ", o[i].letter);
		opt_text(&left, &o[i], false);
		buf_add(&out, left.data, left.len);
		if (left.len + 2 > HELP_COL)
			buf_addf(&out, "\n%*s", HELP_COL, "");
		else
			buf_addf(&out, "%*s", (int)(HELP_COL - left.len), "");
		for (h = o[i].help; (nl = strchr(h, '\n')); h = nl + 1)
			buf_addf(&out, "%.*s\n%*s", (int)(nl - h), h, HELP_COL,
			    "");
		buf_addf(&out, "%s\n", h);
	}
	fputs(buf_str(&out), f);
	buf_release(&out);
	buf_release(&left);
}

int
opts_usage_error(const struct cmddef *def, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "pemetrics: %s: ", def->name);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	opts_usage(def, stderr);
	return 2;
}

const char *
opts_choice_name(const struct opt_choice *c, int value)
{
	for (; c->name; c++)
		if (c->value == value)
			return c->name;
	return "?";
}

/* "text, md, json or csv" */
static void
choice_list(struct buf *b, const struct opt_choice *c)
{
	size_t i;

	for (i = 0; c[i].name; i++)
		buf_addf(b, "%s%s", i == 0 ? "" : c[i + 1].name ? ", " :
		    " or ", c[i].name);
}

/* Convert 'val' into the field of 'o'; false after the usage error. */
static bool
store_value(const struct cmddef *def, const struct optdef *o,
    const char *val, void *out)
{
	char *field = (char *)out + o->off;
	struct buf b = BUF_INIT;
	unsigned long long v;
	char *end;
	size_t i;

	switch (o->type) {
	case OPT_FLAG:
		*(bool *)(void *)field = true;
		return true;
	case OPT_STR:
		*(const char **)(void *)field = val;
		return true;
	case OPT_CHOICE:
		for (i = 0; o->choices[i].name; i++)
			if (strcmp(val, o->choices[i].name) == 0) {
				*(int *)(void *)field = o->choices[i].value;
				return true;
			}
		choice_list(&b, o->choices);
		opts_usage_error(def, "bad value '%s' for --%s (%s)", val,
		    o->name, buf_str(&b));
		buf_release(&b);
		return false;
	case OPT_PERIOD: {
		struct opt_period *p = (struct opt_period *)(void *)field;

		if (period_parse(val, strlen(val), &p->p, NULL) == 0) {
			p->given = true;
			return true;
		}
		opts_usage_error(def, "bad period '%s' for --%s (2024, 2024H1, "
		    "2024Q2, 2024-06)", val, o->name);
		return false;
	}
	case OPT_SIZE:
		errno = 0;
		v = strtoull(val, &end, 10);
		if (errno == 0 && end != val && *end == '\0' && val[0] != '-' &&
		    v >= o->min && v <= o->max) {
			*(unsigned long long *)(void *)field = v;
			return true;
		}
		opts_usage_error(def, "bad value '%s' for --%s (%llu to %llu)",
		    val, o->name, o->min, o->max);
		return false;
	case OPT_FN:
		if (o->parse(val, field))
			return true;
		opts_usage_error(def, "bad value '%s' for --%s (%s)", val,
		    o->name, o->expect);
		return false;
	}
	return false;
}

/* What getopt_long() refused, in words. optopt is 0 for an unknown long
 * option; for a known one that lacks its value (or has one it does not
 * take) it is the option's value, which need not be a letter, so the long
 * name is what the user sees. */
static void
refused(const struct cmddef *def, char **argv, const char *shortopts)
{
	const char *arg = argv[optind - 1];
	const char *eq;

	if (optopt == 0)
		opts_usage_error(def, "unknown option '%s'", arg);
	else if (strncmp(arg, "--", 2) == 0 && (eq = strchr(arg, '=')))
		opts_usage_error(def, "option '%.*s' takes no value",
		    (int)(eq - arg), arg);
	else if (strncmp(arg, "--", 2) == 0)
		opts_usage_error(def, "option '%s' needs a value", arg);
	else if (optopt < VAL_BASE && strchr(shortopts, optopt))
		opts_usage_error(def, "option '-%c' needs a value", optopt);
	else
		opts_usage_error(def, "unknown option '-%c'", optopt);
}

int
opts_parse(const struct cmddef *def, int argc, char **argv,
    struct pm_ctx *ctx, void *out, int *first)
{
	const struct optdef *o = def->opts;
	size_t i, n = count(o);
	struct option *lo = xcalloc(n + 4, sizeof(*lo));
	struct buf shortopts = BUF_INIT;
	int c, rc = OPTS_GO, nops;

	buf_adds(&shortopts, ":hqv");
	for (i = 0; i < n; i++) {
		assert(o[i].type != OPT_CHOICE || o[i].choices != NULL);
		assert(o[i].type != OPT_FN || o[i].parse != NULL);
		lo[i].name = o[i].name;
		lo[i].has_arg = o[i].type == OPT_FLAG ? no_argument :
		    required_argument;
		lo[i].val = o[i].letter ? o[i].letter : VAL_BASE + (int)i;
		if (o[i].letter)
			buf_addf(&shortopts, "%c%s", o[i].letter,
			    o[i].type == OPT_FLAG ? "" : ":");
	}
	lo[n] = (struct option){ "help", no_argument, NULL, 'h' };
	lo[n + 1] = (struct option){ "quiet", no_argument, NULL, 'q' };
	lo[n + 2] = (struct option){ "verbose", no_argument, NULL, 'v' };
	optind = 0;             /* GNU: full re-initialisation */
	opterr = 0;             /* our own messages */
	while (rc == OPTS_GO &&
	    (c = getopt_long(argc, argv, buf_str(&shortopts), lo, NULL)) != -1) {
		switch (c) {
		case 'h':
			opts_usage(def, stdout);
			rc = 0;
			continue;
		case 'q':
			ctx->verbosity = 0;
			continue;
		case 'v':
			ctx->verbosity++;
			continue;
		case '?':
		case ':':
			refused(def, argv, buf_str(&shortopts));
			rc = 2;
			continue;
		}
		for (i = 0; i < n; i++)
			if (lo[i].val == c)
				break;
		assert(i < n);
		if (!store_value(def, &o[i], optarg, out))
			rc = 2;
	}
	*first = optind;
	nops = argc - optind;
	if (rc == OPTS_GO && (nops < def->min_operands ||
	    (def->max_operands >= 0 && nops > def->max_operands))) {
		if (def->bad_operands)
			opts_usage_error(def, "%s", def->bad_operands);
		else
			opts_usage_error(def, "unexpected argument '%s'",
			    argv[optind + def->max_operands]);
		rc = 2;
	}
	free(lo);
	buf_release(&shortopts);
	return rc;
}
