#!/bin/sh
# t640-cron-wrapper.sh: scripts/cron/pemetrics-ingest, as cron runs it:
# silent when all is well (lines in the log), a word on stderr and exit 1
# when rows were rejected; it finds pemetrics with cron's short PATH; a
# missing PEMETRICS_HOME or an unwritable log is exit 4; the systemd
# timer is a calendar event.
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

# As cron runs it: PATH=/usr/bin:/bin, no PEMETRICS_BIN. The wrapper finds
# pemetrics beside itself (paths with spaces too) unless one is on PATH or
# in /usr/local/bin, which come first.
mkdir -p "bin dir"
cp "$REPO/scripts/cron/pemetrics-ingest" "bin dir/"
ln -s "$PM" "bin dir/pemetrics"
printf 'indicator,region,period,value\nnet_txn_volume,330100,2019,17000\n' >home/inbox/y2.csv
touch -d '1 minute ago' home/inbox/y2.csv
if [ -x /usr/local/bin/pemetrics ] || PATH=/usr/bin:/bin command -v pemetrics >/dev/null; then
	echo "skip: a pemetrics on cron's PATH or in /usr/local/bin comes first"
else
	run_expect 0 env -i HOME="$HOME" PATH=/usr/bin:/bin \
	    PEMETRICS_HOME="$PEMETRICS_HOME" PEMETRICS_WAIT=0 \
	    PEMETRICS_CATALOG="$PEMETRICS_CATALOG" PM_REAL="${PM_REAL:-}" \
	    PM_VALGRIND="${PM_VALGRIND:-}" "$(pwd)/bin dir/pemetrics-ingest"
	[ ! -s stdout ] && [ ! -s stderr ] || fail "cron PATH: output"
	grep -q ' inbox/y2.csv: 1 rows: ' home/ingest.log ||
		fail "cron PATH: log: $(tail -n 2 home/ingest.log)"
fi

# A PEMETRICS_HOME that does not exist (a typo) is an error, exit 4, and
# nothing is created; PEMETRICS_INIT=1 creates it for a first run. A
# relative one is taken from where the wrapper starts.
PEMETRICS_HOME="$(pwd)/hoem" run_expect 4 sh "$REPO/scripts/cron/pemetrics-ingest"
expect_stderr_has "pemetrics-ingest: PEMETRICS_HOME '$(pwd)/hoem' is not a directory (a first run with PEMETRICS_INIT=1 creates it)"
[ ! -e hoem ] || fail "a mistyped home was created"
PEMETRICS_HOME=new PEMETRICS_INIT=1 run_expect 0 sh "$REPO/scripts/cron/pemetrics-ingest"
[ -d new/inbox ] && store_exists new/pemetrics.db || fail "PEMETRICS_INIT=1: $(ls -R new)"
printf 'indicator,region,period,value\nnet_txn_volume,330100,2018,1\n' >new/inbox/n.csv
touch -d '1 minute ago' new/inbox/n.csv
PEMETRICS_HOME=new run_expect 0 sh "$REPO/scripts/cron/pemetrics-ingest"
grep -q ' inbox/n.csv: 1 rows: 1 inserted' new/ingest.log || fail "relative home"

# A log that cannot be written: exit 4 (an I/O error), said on stderr.
PEMETRICS_LOG=/nonexistent/dir/log run_expect 4 sh "$REPO/scripts/cron/pemetrics-ingest"
expect_eq "pemetrics-ingest: cannot write the log '/nonexistent/dir/log'" \
	"$(cat stderr)" "unwritable log"

# No program to be found: exit 4 with a clear word.
mkdir -p lone
cp "$REPO/scripts/cron/pemetrics-ingest" lone/
if [ ! -x /usr/local/bin/pemetrics ]; then
	run_expect 4 env -i PATH=/usr/bin:/bin PEMETRICS_HOME="$PEMETRICS_HOME" \
	    sh lone/pemetrics-ingest
	expect_stderr_has "pemetrics-ingest: cannot find pemetrics"
fi

# The systemd timer: a calendar event (Persistent= works only with one).
grep -q '^OnCalendar=' "$REPO/scripts/cron/pemetrics-ingest.timer" ||
	fail "the timer has no OnCalendar="
! grep -q '^OnUnitActiveSec=\|^OnBootSec=' "$REPO/scripts/cron/pemetrics-ingest.timer" ||
	fail "the timer mixes monotonic events with Persistent="
if command -v systemd-analyze >/dev/null; then
	systemd-analyze calendar "$(sed -n 's/^OnCalendar=//p' "$REPO/scripts/cron/pemetrics-ingest.timer")" >/dev/null ||
		fail "systemd-analyze refuses the OnCalendar="
fi
