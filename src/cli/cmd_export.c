/* cli/cmd_export.c - "pemetrics export": every stored observation. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "cli/args.h"
#include "cli/commands.h"
#include "render/obsout.h"
#include "util/buf.h"
#include "util/banned.h"

static const char usage[] =
	"usage: pemetrics export [--format csv|json] [--yoy] [--raw]\n"
	"\n"
	"  --format F   csv (default: indicator,region,period,value,unit,basis,\n"
	"               then status,source,note when the store holds any)\n"
	"               or json\n"
	"  --yoy        csv: add the published growth rate column 'yoy'\n"
	"  --raw        csv: write cells as stored, without the guard against\n"
	"               spreadsheet formulas (cells starting = + - @)\n";

struct export {
	struct buf b;
	struct obsout_opts o;
	bool json, first;
	int write_errno;        /* why the output failed, 0 if it did not */
};

static int
row(void *ctx, const struct store_row *r)
{
	struct export *e = ctx;

	if (e->json)
		obsout_json_row(&e->b, r, e->first);
	else
		obsout_csv_row(&e->b, r, &e->o);
	e->first = false;
	/* Stream: memory stays flat however large the store is. */
	if (e->b.len > 1 << 16) {
		if (fwrite(e->b.data, 1, e->b.len, stdout) != e->b.len) {
			e->write_errno = errno ? errno : EIO;
			return PM_EIO;
		}
		buf_reset(&e->b);
	}
	return 0;
}

int
cmd_export(int argc, char **argv, struct pm_ctx *ctx)
{
	static const struct option opts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "yoy", no_argument, NULL, 'y' },
		{ "raw", no_argument, NULL, 'r' },
		ARGS_COMMON_OPTIONS,
	};
	static const char *const formats[] = { "csv", "json", NULL };
	struct export e = { BUF_INIT, { false, false, false }, false, true, 0 };
	struct pm_err err = PM_ERR_INIT;
	struct store *st;
	struct args a;
	int c, fmt = 0, code = 0, rc;

	args_init(&a, argc, argv, "export", usage, "f:hqv", opts);
	while ((c = args_next(&a, ctx)) != ARGS_DONE) {
		switch (c) {
		case ARGS_HELP:
			return 0;
		case ARGS_USAGE:
			return 2;
		case 'f':
			if (!args_choice(&a, "format", args_optarg(), formats,
			    &fmt))
				return 2;
			break;
		case 'y':
			e.o.yoy = true;
			break;
		case 'r':
			e.o.raw = true;
			break;
		default:
			return args_usage_error(&a, "unexpected option");
		}
	}
	if (!args_no_operands(&a))
		return 2;
	if ((st = ctx_store(ctx, STORE_READONLY, &code)) == NULL)
		return code;
	e.json = fmt == 1;
	if (!e.json && (rc = store_has_provenance(st, &e.o.provenance,
	    &err)) != 0) {
		pm_print_err(&err);
		return pm_exit_code(rc);
	}
	if (e.json)
		obsout_json_begin(&e.b);
	else
		obsout_csv_header(&e.b, &e.o);
	rc = store_scan(st, row, &e, &err);
	if (rc == 0) {
		if (e.json)
			obsout_json_end(&e.b);
		fwrite(e.b.data, 1, e.b.len, stdout);
	} else if (e.write_errno) {
		pm_msg(NULL, 0, "write error: %s", strerror(e.write_errno));
	} else {
		pm_print_err(&err);
	}
	buf_release(&e.b);
	return pm_exit_code(rc);
}
