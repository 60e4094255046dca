#!/bin/sh
# t000-basics.sh: --version, --help, and usage errors (exit 2, on stderr).
. "${0%/*}/lib.sh"

# --version: one line on stdout, exit 0
run_expect 0 "$PM" --version
grep -Eq '^pemetrics [0-9]+\.[0-9]+' stdout || fail "--version: no version"
expect_eq 1 "$(wc -l <stdout)" "--version lines"
[ ! -s stderr ] || fail "--version wrote to stderr"

# --help: usage and every command on stdout, exit 0
run_expect 0 "$PM" --help
expect_stdout_has "usage: pemetrics"
for c in catalog export ingest; do
	grep -Eq "^  $c " stdout || fail "--help does not list '$c'"
done
[ ! -s stderr ] || fail "--help wrote to stderr"

# no command at all: usage error
run_expect 2 "$PM"
[ -s stderr ] || fail "no command: nothing on stderr"
[ ! -s stdout ] || fail "no command: wrote to stdout"

# unknown command: exit 2, named on stderr, nothing on stdout
run_expect 2 "$PM" frobnicate
expect_stderr_has "pemetrics: unknown command 'frobnicate'"
[ ! -s stdout ] || fail "unknown command: wrote to stdout"

# unknown global option
run_expect 2 "$PM" --bogus ingest x.csv
expect_stderr_has "--bogus"
[ ! -s stdout ] || fail "unknown option: wrote to stdout"

# unknown option of a command
run_expect 2 "$PM" ingest --bogus x.csv
expect_stderr_has "--bogus"
expect_stderr_has "usage: pemetrics ingest"
[ ! -s stdout ] || fail "ingest --bogus: wrote to stdout"

# ingest without a file: usage error, and nothing created
run_expect 2 "$PM" --db t.db ingest
expect_stderr_has "usage: pemetrics ingest"
[ ! -s stdout ] || fail "ingest without file: wrote to stdout"
! store_exists t.db || fail "ingest without file created the store"

# ingest --help: usage on stdout, exit 0, before and after the command's
# other options
run_expect 0 "$PM" ingest --help
expect_stdout_has "usage: pemetrics ingest"
expect_stdout_has "--rejects"
expect_stdout_has "--format"
[ ! -s stderr ] || fail "ingest --help wrote to stderr"

# every command has --help
for c in catalog export; do
	run_expect 0 "$PM" "$c" --help
	expect_stdout_has "usage: pemetrics $c"
done

# bad values for --format
run_expect 2 "$PM" --db t.db export --format xml
expect_stderr_has "xml"
[ ! -s stdout ] || fail "export --format xml: wrote to stdout"
run_expect 2 "$PM" --db t.db ingest --format yaml x.csv
expect_stderr_has "yaml"

# an option that needs a value and has none
run_expect 2 "$PM" --db t.db ingest --rejects
[ -s stderr ] || fail "ingest --rejects without value: nothing on stderr"

# --rejects names a file, several inputs need a directory
printf 'indicator,region,period,value\n' >a.csv
cp a.csv b.csv
run_expect 2 "$PM" --db t.db ingest --rejects r.csv a.csv b.csv
expect_stderr_has "--rejects"

# catalog without a subcommand
run_expect 2 "$PM" catalog
expect_stderr_has "usage: pemetrics catalog"
