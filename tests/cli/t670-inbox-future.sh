#!/bin/sh
# t670-inbox-future.sh: a file modified in the future. Up to a minute
# ahead it is still being written (left for the next run); further ahead
# the sender's clock is wrong: the file is taken, with a warning that -q
# shows too.
. "${0%/*}/lib.sh"

mkdir -p data/inbox
in=data/inbox
printf 'indicator,region,period,value\nnet_txn_volume,330100,2003,90\n' >$in/future.csv
printf 'indicator,region,period,value\nnet_txn_volume,330100,2004,90\n' >$in/soon.csv
touch -d 'tomorrow' $in/future.csv
touch -d '30 seconds' $in/soon.csv
run_expect 0 "$PM" --db t.db -q ingest --inbox $in
[ ! -s stdout ] || fail "-q printed on stdout"
grep -Eq '^[0-9T:-]+Z data/inbox/future\.csv: warning: modified at [0-9T:-]+Z, [0-9]+ s in the future \(the sender.s clock is ahead\?\): taken all the same$' stderr ||
	fail "warning: $(cat stderr)"
expect_stderr_lacks "soon.csv"
ls data/archive/*/*/future.csv >/dev/null 2>&1 || fail "future.csv not archived"
[ -f $in/soon.csv ] || fail "soon.csv (30 s ahead) should wait"
expect_eq 1 "$(sqlite3 t.db 'SELECT count(*) FROM obs')" "future.csv stored"
