#!/bin/sh
# sqlite-only: a version 4 SQLite file made with sqlite3; test_store migrates PostgreSQL's
# t331-cons-migrate.sh: a store of schema version 4 (made here from a
# current one by taking the version 5 additions out again) is migrated
# when a reader opens it; its indicators are not consolidated yet, so
# readers build every series from the observations and print what the
# consolidated store prints, "store check" says so, and the next ingest
# builds the rows of every indicator, after which the check is clean.
. "${0%/*}/lib.sh"

command -v sqlite3 >/dev/null || fail "sqlite3 is not installed (make deps)"

run_expect 0 "$PM" --db s.db -q ingest "$SAMPLE/yearly.csv" "$SAMPLE/monthly-ytd.csv"
sqlite3 s.db "VACUUM INTO 'v4.db'"
sqlite3 v4.db 'DROP TABLE cons; ALTER TABLE indicator DROP COLUMN cons_kind;
PRAGMA user_version = 4'

run_expect 0 "$PM" --db s.db summary --format json
mv stdout want.json
run_expect 0 "$PM" --db v4.db summary --format json
expect_cmp want.json stdout
expect_eq 5 "$(sqlite3 v4.db 'PRAGMA user_version')" "migrated to 5"
expect_eq 0 "$(sqlite3 v4.db 'SELECT count(*) FROM cons')" "no rows yet"
run_expect 0 "$PM" --db v4.db trend online_retail_sales --freq Q
mv stdout want.txt
run_expect 0 "$PM" --db s.db trend online_retail_sales --freq Q
expect_cmp want.txt stdout

run_expect 0 "$PM" --db v4.db store check
expect_stdout_has "checked 0 series"
expect_stdout_has "not consolidated yet"

# Any ingest builds them all, in its transaction.
run_expect 0 "$PM" --db v4.db -q ingest "$SAMPLE/portal-export.csv"
run_expect 0 "$PM" --db s.db -q ingest "$SAMPLE/portal-export.csv"
run_expect 0 "$PM" --db v4.db store check
expect_stdout_has "0 differences"
expect_stdout_lacks "not consolidated"
expect_eq "$(sqlite3 s.db 'SELECT count(*) FROM cons')" \
	"$(sqlite3 v4.db 'SELECT count(*) FROM cons')" "rows built"
expect_eq "$(sqlite3 s.db 'SELECT * FROM cons' | md5sum)" \
	"$(sqlite3 v4.db 'SELECT * FROM cons' | md5sum)" "the same rows"
run_expect 0 "$PM" --db s.db summary --format json
mv stdout want.json
run_expect 0 "$PM" --db v4.db summary --format json
expect_cmp want.json stdout
exit 0
