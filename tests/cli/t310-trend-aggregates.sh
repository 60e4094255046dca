#!/bin/sh
# t310-trend-aggregates.sh: the frequency roll-ups of "pemetrics trend"
# agree with an independent computation (sqlite3's GROUP BY and window
# functions on the raw generated rows): flows summed, year-to-date series
# differenced (January released with February), stocks at period end,
# rates averaged, incomplete periods marked.
. "${0%/*}/lib.sh"

# Deterministic generated data: four series, one per rule.
awk 'BEGIN {
	srand(310)
	print "indicator,region,period,value,unit,basis"
	for (y = 2021; y <= 2023; y++) for (m = 1; m <= 12; m++) {
		# A: monthly flow, July 2022 missing.
		if (!(y == 2022 && m == 7))
			printf "net_txn_volume,330100,%d-%02d,%.1f,亿元,\n", y, m, 100 + int(rand() * 9000) / 10
		# B: year-to-date flow, no January row.
		if (m == 1) cum = 0
		cum += 50 + int(rand() * 5000) / 10
		if (m >= 2)
			printf "online_retail_sales,330200,%d-%02d,%.1f,亿元,ytd\n", y, m, cum
		# C: stock, December 2023 missing.
		if (!(y == 2023 && m == 12))
			printf "online_operators,330300,%d-%02d,%d,户,\n", y, m, 10000 + int(rand() * 5000)
		# D: rate, two full years.
		if (y <= 2022)
			printf "digital_economy_core_share,330400,%d-%02d,%.1f,%%,\n", y, m, 10 + int(rand() * 50) / 10
	}
}' >gen.csv
run_expect 0 "$PM" --db t.db -q ingest gen.csv

trend() {       # trend CODE REGION FREQ -> t_CODE_FREQ table in check.db
	run_expect 0 "$PM" --db t.db trend "$1" --region "$2" --freq "$3" \
		--format csv
	head -n 1 stdout | grep -qx 'period,value,yoy,complete,derived,pop,yoy_published,months,change,yoy_levels,yoy_source' ||
		fail "trend CSV header"
	cp stdout "t_$1_$3.csv"
	sqlite3 check.db ".import --csv t_$1_$3.csv t_$1_$3"
}

sqlite3 check.db ".import --csv gen.csv raw" \
	"CREATE VIEW g AS SELECT indicator, CAST(substr(period,1,4) AS INT) y,
	 CAST(substr(period,6,2) AS INT) m, CAST(value AS REAL) v FROM raw"

for f in Y Q; do
	trend net_txn_volume 330100 $f
	trend online_operators 330300 $f
done
for f in Y Q M; do
	trend online_retail_sales 330200 $f
done
trend digital_economy_core_share 330400 Y

# compare TABLE EXPECTED_SQL: rows (period, value, complete) must match
# exactly in number and to 1e-6 in value.
compare() {
	sqlite3 check.db "CREATE TABLE e_$1 AS $2"
	got=$(sqlite3 check.db "SELECT count(*) FROM $1")
	want=$(sqlite3 check.db "SELECT count(*) FROM e_$1")
	bad=$(sqlite3 check.db "SELECT group_concat(e.period || ':' || e.value
	    || '/' || ifnull(t.value, 'none'), ' ') FROM e_$1 e
	    LEFT JOIN $1 t ON t.period = e.period
	    WHERE t.period IS NULL OR abs(CAST(t.value AS REAL) - e.value) > 1e-6
	    OR CAST(t.complete AS INT) != e.complete")
	[ "$got" = "$want" ] || fail "$1: $got periods, expected $want"
	[ -z "$bad" ] || fail "$1 differs (period:expected/got): $bad"
}

# A, flows summed; 2022 lacks July: incomplete, the other eleven months
# summed; its Q3 incomplete with August and September.
compare t_net_txn_volume_Y "SELECT CAST(y AS TEXT) period, sum(v) value,
    count(*) = 12 complete FROM g WHERE indicator = 'net_txn_volume'
    GROUP BY y"
compare t_net_txn_volume_Q "SELECT y || 'Q' || ((m + 2) / 3) period, sum(v)
    value, count(*) = 3 complete FROM g WHERE indicator = 'net_txn_volume'
    GROUP BY y, (m + 2) / 3"

# B, year-to-date differenced within the year; February carries January.
sqlite3 check.db "CREATE VIEW b AS SELECT y, m, v - ifnull(lag(v) OVER
    (PARTITION BY y ORDER BY m), 0) single FROM g
    WHERE indicator = 'online_retail_sales'"
compare t_online_retail_sales_M "SELECT y || '-' || printf('%02d', m) period,
    single value, 1 complete FROM b"
compare t_online_retail_sales_Q "SELECT y || 'Q' || ((m + 2) / 3) period,
    sum(single) value, 1 complete FROM b GROUP BY y, (m + 2) / 3"
compare t_online_retail_sales_Y "SELECT CAST(y AS TEXT) period, sum(single)
    value, 1 complete FROM b GROUP BY y"
got=$(sqlite3 check.db "SELECT months FROM t_online_retail_sales_M
    WHERE period = '2022-02'")
[ "$got" = 2 ] || fail "2022-02 should cover two months, says '$got'"

# C, stocks at period end; 2023 has no December: incomplete, value of
# November; every quarter but 2023Q4 complete.
compare t_online_operators_Y "SELECT CAST(y AS TEXT) period, v value,
    m = 12 complete FROM g WHERE indicator = 'online_operators'
    AND m = (SELECT max(m) FROM g g2 WHERE g2.indicator = g.indicator
    AND g2.y = g.y)"
compare t_online_operators_Q "SELECT y || 'Q' || ((m + 2) / 3) period, v
    value, m % 3 = 0 complete FROM g WHERE indicator = 'online_operators'
    AND m = (SELECT max(m) FROM g g2 WHERE g2.indicator = g.indicator
    AND g2.y = g.y AND (g2.m + 2) / 3 = (g.m + 2) / 3)"

# D, rates averaged.
compare t_digital_economy_core_share_Y "SELECT CAST(y AS TEXT) period,
    avg(v) value, 1 complete FROM g
    WHERE indicator = 'digital_economy_core_share' GROUP BY y"

# Year-on-year growth of complete years, against the levels.
bad=$(sqlite3 check.db "SELECT group_concat(a.period, ' ') FROM
    t_online_retail_sales_Y a JOIN t_online_retail_sales_Y p
    ON CAST(p.period AS INT) = CAST(a.period AS INT) - 1
    WHERE abs(CAST(a.yoy AS REAL) - (CAST(a.value AS REAL) /
    CAST(p.value AS REAL) - 1) * 100) > 1e-6")
[ -z "$bad" ] || fail "yoy differs from the levels in $bad"

# E, the first month of a period missing: the period is there, incomplete
# (it does not vanish), with the months present; a rate published by
# quarter then by month weighs each month once.
cat >e.csv <<'EOC'
indicator,region,period,value
net_txn_volume,330500,2024-02,2
net_txn_volume,330500,2024-03,3
net_txn_volume,330500,2024-04,4
digital_economy_core_share,330500,2023Q1,4
digital_economy_core_share,330500,2023-04,1
digital_economy_core_share,330500,2023-05,2
digital_economy_core_share,330500,2023-06,3
EOC
run_expect 0 "$PM" --db e.db ingest e.csv
run_expect 0 "$PM" --db e.db trend net_txn_volume --region 330500 --freq Q \
	--format csv
cat >want <<'EOC'
period,value,yoy,complete,derived,pop,yoy_published,months,change,yoy_levels,yoy_source
2024Q1,5,,0,0,,,2,,,
EOC
expect_eq "$(cat want)" "$(head -2 stdout)" "2024Q1 without January"
run_expect 0 "$PM" --db e.db trend digital_economy_core_share \
	--region 330500 --freq H --format csv
expect_stdout_has "2023H1,3,,1,0,,,6,"
