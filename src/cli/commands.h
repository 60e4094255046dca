/* cli/commands.h - one entry point per subcommand, each in cli/cmd_<name>.c.
 *
 * Adding a subcommand "foo":
 *  1. src/cli/cmd_foo.c: its options as a table of struct optdef and a
 *     struct cmddef (cli/opts.h: --help and usage errors come from it),
 *     int cmd_foo(int argc, char **argv, struct pm_ctx *) that calls
 *     opts_parse() and then runs; call core, hand the result to a
 *     renderer. No SQL, no output formatting in the command.
 *  2. Its prototype below, and one row in commands[] in src/main.c
 *     (alphabetical, with a one-line summary for "pemetrics --help").
 *  3. Tests: tests/cli/tNNN-foo-*.sh (happy path, a usage error, a data
 *     error with its exact message), cmocka tests for new core functions.
 *  4. Docs: pemetrics.1 (SYNOPSIS, options, EXIT STATUS) and the README.
 *
 * Each returns the process exit code: 0 ok, 1 data rejected, 2 usage,
 * 3 store busy, 4 I/O.
 */
#ifndef PM_CLI_COMMANDS_H
#define PM_CLI_COMMANDS_H

#include "cli/ctx.h"

int cmd_catalog(int argc, char **argv, struct pm_ctx *ctx);
int cmd_chart(int argc, char **argv, struct pm_ctx *ctx);
int cmd_export(int argc, char **argv, struct pm_ctx *ctx);
int cmd_ingest(int argc, char **argv, struct pm_ctx *ctx);
int cmd_report(int argc, char **argv, struct pm_ctx *ctx);
int cmd_store(int argc, char **argv, struct pm_ctx *ctx);
int cmd_summary(int argc, char **argv, struct pm_ctx *ctx);
int cmd_trend(int argc, char **argv, struct pm_ctx *ctx);

#endif /* PM_CLI_COMMANDS_H */
