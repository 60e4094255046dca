#!/bin/sh
# t690-inbox-usage.sh: usage errors of the inbox options name the option
# as the user wrote it: a long option without its value "needs a value",
# one that takes none given one "takes no value"; never the table's
# internal letter.
. "${0%/*}/lib.sh"

for o in inbox archive quarantine wait min-age format rejects encoding max-field; do
	run_expect 2 "$PM" --db t.db ingest --$o
	expect_eq "pemetrics: ingest: option '--$o' needs a value" \
		"$(head -n 1 stderr)" "ingest --$o"
	expect_stderr_has "usage: pemetrics ingest"
done
for o in strict log-syslog; do
	run_expect 2 "$PM" --db t.db ingest --$o=1 --inbox in
	expect_eq "pemetrics: ingest: option '--$o' takes no value" \
		"$(head -n 1 stderr)" "ingest --$o=1"
done
run_expect 2 "$PM" --db t.db ingest -f
expect_eq "pemetrics: ingest: option '-f' needs a value" "$(head -n 1 stderr)" "-f"
run_expect 2 "$PM" --db t.db ingest -I x
expect_eq "pemetrics: ingest: unknown option '-I'" "$(head -n 1 stderr)" "-I"
! store_exists t.db || fail "a usage error created the store"
