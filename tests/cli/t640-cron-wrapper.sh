#!/bin/sh
# t640-cron-wrapper.sh: scripts/cron/pemetrics-ingest, as cron runs it:
# silent when all is well (lines in the log), a word on stderr and exit 1
# when rows were rejected.
. "${0%/*}/lib.sh"

export PEMETRICS_HOME="$(pwd)/home" PEMETRICS_BIN="$PM" PEMETRICS_WAIT=0
mkdir -p home/inbox
cp "$SAMPLE/yearly.csv" home/inbox/y.csv
touch -d '1 minute ago' home/inbox/y.csv
run_expect 0 sh "$REPO/scripts/cron/pemetrics-ingest"
[ ! -s stdout ] && [ ! -s stderr ] || fail "cron would mail on success"
grep -q ' inbox/y.csv: 1580 rows: 1580 inserted' home/ingest.log ||
	fail "log line: $(cat home/ingest.log)"
[ -f home/archive/*/*/y.csv ] || fail "archived"

cp "$SAMPLE/errors.csv" home/inbox/e.csv
touch -d '1 minute ago' home/inbox/e.csv
run_expect 1 sh "$REPO/scripts/cron/pemetrics-ingest"
expect_stderr_has "unknown region 'Atlantis'"
expect_stderr_has "pemetrics-ingest: exit 1"
[ -f home/quarantine/e.csv.rejects.csv ] || fail "rejects quarantined"

# With PEMETRICS_LOG=- the same run is -q: nothing at all when all is well.
cp "$SAMPLE/monthly-ytd.csv" home/inbox/m.csv
touch -d '1 minute ago' home/inbox/m.csv
PEMETRICS_LOG=- run_expect 0 sh "$REPO/scripts/cron/pemetrics-ingest"
[ ! -s stdout ] && [ ! -s stderr ] || fail "-q mode printed"
