#!/bin/sh
# t830-pg-roles.sh: least privilege on PostgreSQL, set up as docs/postgresql.md
# says: a schema owned by the ingesting role, whose tables the read-only
# role may SELECT. The reader runs summary, trend, chart, export and
# report --no-record with the same outputs as the writer; ingest as the
# reader, and reading as a role without SELECT or without USAGE on the
# schema, fail with exit 4 and a message naming the privilege, nothing
# half-done. A password in the URI is never printed: not in messages,
# outputs, nor report pages.
. "${0%/*}/lib.sh"
. "${0%/*}/pg.sh"

PG=$(pg_db t830)
for r in t830_writer t830_reader t830_nobody t830_outsider; do
	pg_sql "$PG" "DROP ROLE IF EXISTS $r" >/dev/null
	pg_sql "$PG" "CREATE ROLE $r LOGIN PASSWORD 'sekrit-pw-42'" >/dev/null
done
pg_sql "$PG" "CREATE SCHEMA pemetrics AUTHORIZATION t830_writer;
    GRANT USAGE ON SCHEMA pemetrics TO t830_reader, t830_nobody;
    ALTER DEFAULT PRIVILEGES FOR ROLE t830_writer IN SCHEMA pemetrics
    GRANT SELECT ON TABLES TO t830_reader" >/dev/null
W=$(pg_uri t830 t830_writer)
R=$(pg_uri t830 t830_reader)

cp "$SAMPLE/yearly.csv" "$SAMPLE/monthly-ytd.csv" .
run_expect 0 "$PM" --db "$W" ingest yearly.csv monthly-ytd.csv
expect_stdout_has "1580 rows: 1580 inserted"

for c in "summary" "summary --format json" "trend net_txn_volume --freq Q" \
    "export"; do
	# shellcheck disable=SC2086 # words of c
	run_expect 0 "$PM" --db "$W" $c
	mv stdout want
	# shellcheck disable=SC2086
	run_expect 0 "$PM" --db "$R" $c
	expect_cmp want stdout
done
run_expect 0 "$PM" --db "$R" chart --indicator platform_rd_expenditure \
    --renderer native --out ch
ls ch/*.png >/dev/null 2>&1 || fail "no chart"
run_expect 0 "$PM" --db "$R" report --no-record --out rep
[ -s rep/report.md ] || fail "no report"

# Writing as the reader: refused, by name, nothing stored.
cp "$SAMPLE/errors.csv" .
run_expect 4 "$PM" --db "$R" ingest errors.csv
expect_stderr_has "permission denied for table file"
expect_stderr_has "the role 't830_reader' lacks the INSERT privilege"
[ "$(pg_sql "$PG" 'SELECT count(*) FROM pemetrics.file')" = 2 ] ||
	fail "a file was recorded"
# Recording a report as the reader: refused the same way.
run_expect 4 "$PM" --db "$R" report --out rep2
expect_stderr_has "lacks the INSERT privilege"

# A role that may use the schema but read no table; one that may not
# even use the schema.
run_expect 4 "$PM" --db "$(pg_uri t830 t830_nobody)" summary
expect_stderr_has "permission denied for table schema_version"
expect_stderr_has "the role 't830_nobody' lacks the SELECT privilege"
run_expect 4 "$PM" --db "$(pg_uri t830 t830_outsider)" export
expect_stderr_has "permission denied for schema pemetrics"
expect_stderr_has "lacks the USAGE privilege"

# The password: given in the URI both ways, shown as ***, never printed.
P1="postgresql://t830_writer:sekrit-pw-42@/t830?$(echo "$PG_QUERY" |
    sed 's/&*user=[^&]*//')"
P2="$R&password=sekrit-pw-42"
run_expect 0 "$PM" --db "$P1" summary
run_expect 0 "$PM" -v --db "$P2" report --no-record --out rep3
run_expect 1 "$PM" -v --db "$P1" ingest errors.csv
expect_stderr_has "errors.csv:"
grep -r -l 'sekrit' stdout stderr rep3 errors.csv.rejects.csv &&
	fail "the password was written out"
run_expect 4 "$PM" --db "$(echo "$P1" | sed 's|/t830?|/nodb?|')" summary
expect_stderr_has "postgresql://t830_writer:***@/nodb?"
expect_stderr_has "cannot connect"
expect_stderr_lacks "sekrit"
run_expect 4 "$PM" --db "$(echo "$P2" | sed 's|user=t830_reader|user=t830_nobody|')" summary
expect_stderr_has "password=***"
expect_stderr_lacks "sekrit"
