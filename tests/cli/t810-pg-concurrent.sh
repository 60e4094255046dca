#!/bin/sh
# t810-pg-concurrent.sh: four processes ingesting into one PostgreSQL
# store at once. (a) Four different files with different keys: all
# succeed, every row stored. (b) Four different files with common keys
# (the same 1580 rows and one of their own): all succeed and, summed,
# every key was inserted once and unchanged by the three others; each
# file's counts add up to its rows. (c) The same file four times: stored
# once; the three others say the content was ingested before. Contents
# checked with export against a SQLite store fed the same files. (d)
# Four files bringing the same new sources in different orders: all
# succeed, each source stored once. In (b) and (d) the consolidated points
# of the series they share check clean. Each
# part starts on a new database: the four processes create the schema
# at once, which the migration lock makes one of them do.
. "${0%/*}/lib.sh"
. "${0%/*}/pg.sh"

# start NAME DB ARGS...: run pemetrics in the background, outputs to
# NAME.{out,err}, exit code to NAME.rc.
start() {
	_n=$1 _d=$2
	shift 2
	( rc=0; "$PM" --db "$_d" "$@" >"$_n.out" 2>"$_n.err" || rc=$?
	  echo "$rc" >"$_n.rc" ) &
}
rc_of() { cat "$1.rc"; }

# (a) different files, different keys.
PG=$(pg_db t810a)
head -n 1 "$SAMPLE/yearly.csv" >hdr
tail -n +2 "$SAMPLE/yearly.csv" | split -l 395 - part.
n=0
for p in part.*; do
	n=$((n + 1))
	cat hdr "$p" >"a$n.csv"
done
expect_eq 4 "$n" "parts"
for i in 1 2 3 4; do start "a$i" "$PG" ingest "a$i.csv"; done
wait
for i in 1 2 3 4; do
	expect_eq 0 "$(rc_of a$i)" "exit code of a$i ($(cat a$i.err))"
	grep -q '395 rows: 395 inserted, 0 revised, 0 unchanged, 0 rejected' \
	    "a$i.out" || fail "a$i: $(cat a$i.out)"
done
run_expect 0 "$PM" --db pm-a.db ingest a1.csv a2.csv a3.csv a4.csv
run_expect 0 "$PM" --db pm-a.db export
mv stdout want.csv
run_expect 0 "$PM" --db "$PG" export
expect_cmp want.csv stdout

# (b) common keys: the whole sample and one row of each file's own.
PG=$(pg_db t810b)
for i in 1 2 3 4; do
	cp "$SAMPLE/yearly.csv" "b$i.csv"
	echo "avg_commission_rate,330100,201$i,5.$i,%" >>"b$i.csv"
done
for i in 1 2 3 4; do start "b$i" "$PG" ingest --format json "b$i.csv"; done
wait
ins=0 unch=0 rev=0
for i in 1 2 3 4; do
	expect_eq 0 "$(rc_of b$i)" "exit code of b$i ($(cat b$i.err))"
	r=$(json_get "b$i.out" '$.files[0].rows')
	a=$(json_get "b$i.out" '$.files[0].inserted')
	u=$(json_get "b$i.out" '$.files[0].unchanged')
	v=$(json_get "b$i.out" '$.files[0].revised')
	x=$(json_get "b$i.out" '$.files[0].rejected')
	expect_eq 1581 "$r" "rows of b$i"
	expect_eq "$r" "$((a + u + v + x))" "counts of b$i add up"
	ins=$((ins + a)) unch=$((unch + u)) rev=$((rev + v))
done
expect_eq 1584 "$ins" "keys inserted, summed"
expect_eq 4740 "$unch" "rows unchanged, summed"
expect_eq 0 "$rev" "rows revised, summed"
run_expect 0 "$PM" --db pm-b.db ingest b1.csv b2.csv b3.csv b4.csv
run_expect 0 "$PM" --db pm-b.db export
mv stdout want.csv
run_expect 0 "$PM" --db "$PG" export
expect_cmp want.csv stdout
# The consolidated points of the series all four files wrote.
run_expect 0 "$PM" --db "$PG" store check
expect_stdout_has " 0 differences"

# (c) the same file four times at once.
PG=$(pg_db t810c)
cp "$SAMPLE/monthly-ytd.csv" same.csv
for i in 1 2 3 4; do start "c$i" "$PG" ingest same.csv; done
wait
stored=0 seen=0
for i in 1 2 3 4; do
	expect_eq 0 "$(rc_of c$i)" "exit code of c$i ($(cat c$i.err))"
	if grep -q '60 rows: 60 inserted, 0 revised, 0 unchanged' "c$i.out"; then
		stored=$((stored + 1))
	elif grep -q 'skipped: same content was ingested before' "c$i.out"; then
		seen=$((seen + 1))
	else
		fail "c$i: $(cat c$i.out)"
	fi
done
expect_eq 1 "$stored" "runs that stored the file"
expect_eq 3 "$seen" "runs that saw it ingested before"
expect_eq 1 "$(pg_sql "$PG" 'SELECT count(*) FROM pemetrics.file')" "files"
expect_eq 60 "$(pg_sql "$PG" 'SELECT count(*) FROM pemetrics.obs')" \
    "observations"

# (d) the same new sources, each file in its own order.
PG=$(pg_db t810d)
for i in 1 2 3 4; do
	echo 'indicator,region,period,value,unit,source' >"d$i.csv"
	for k in 1 2 3 4 5 6; do
		echo "net_txn_volume,330000,20$i$k,$i$k,亿元,S$(( (k * i) % 3 ))"
	done >>"d$i.csv"
done
for i in 1 2 3 4; do start "d$i" "$PG" ingest "d$i.csv"; done
wait
for i in 1 2 3 4; do
	expect_eq 0 "$(rc_of d$i)" "exit code of d$i ($(cat d$i.err))"
	grep -q '6 rows: 6 inserted' "d$i.out" || fail "d$i: $(cat d$i.out)"
done
expect_eq "S0 S1 S2" "$(pg_sql "$PG" "SELECT string_agg(source, ' ' ORDER BY
    source) FROM pemetrics.prov")" "sources, each once"
run_expect 0 "$PM" --db pm-d.db ingest d1.csv d2.csv d3.csv d4.csv
run_expect 0 "$PM" --db pm-d.db export
mv stdout want.csv
run_expect 0 "$PM" --db "$PG" export
expect_cmp want.csv stdout
# Four files of one series consolidated at once: each took its turn.
run_expect 0 "$PM" --db "$PG" store check
expect_stdout_has " 0 differences"
