#!/bin/sh
# bench.sh - what "make bench" runs: pemetrics' speed and memory against
# floors and yardsticks measured in the same run, on deterministic data
# (gen-bench-data.sh). Timings are medians of RUNS runs (default 3),
# alternating the contenders; compare figures within one run only.
#
# usage: scripts/bench/bench.sh PEMETRICS_BINARY WORKDIR
#   ROWS="1000000 5000000" RUNS=3 to change the sizes or the repeats.
#   With PEMETRICS_TEST_PG (a server's URI, as tests/pg/cluster.sh run
#   gives: make bench does), the PostgreSQL store too, in a database
#   "pmbench": ingest against psql's \copy into a keyless table, and the
#   summary against the same summary on SQLite.
set -eu

pm=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
work=$2
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
rows_list=${ROWS:-1000000 5000000}
runs=${RUNS:-3}

mkdir -p "$work"
work=$(cd "$work" && pwd)
need=
for r in $rows_list; do
	[ -s "$work/data-$r.csv" ] || need="$need $r"
done
[ -z "$need" ] || sh "$here/gen-bench-data.sh" "$work" $need
cat="$work/catalog"
results=$work/results.txt

# DuckDB, the column store the summary is compared with: the npm package,
# installed into the work folder (Debian has none); skipped with a note
# when node, npm or the registry are not there.
duck=
if command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1; then
	if [ -d "$work/node/node_modules/@duckdb/node-api" ] ||
	    npm install --no-audit --no-fund --silent --prefix "$work/node" \
	    @duckdb/node-api >"$work/npm.out" 2>&1; then
		duck="node $here/duckdb.cjs"
		NODE_PATH=$work/node/node_modules
		export NODE_PATH
	else
		echo "bench: DuckDB skipped: npm install @duckdb/node-api failed:" >&2
		tail -3 "$work/npm.out" >&2
	fi
else
	echo "bench: DuckDB skipped: no node and npm (apt-get install nodejs npm)" >&2
fi
pg=
if [ -n "${PEMETRICS_TEST_PG:-}" ]; then
	psql "$PEMETRICS_TEST_PG" -X -q -c 'SET client_min_messages = warning' \
	    -c 'DROP DATABASE IF EXISTS pmbench' \
	    -c 'CREATE DATABASE pmbench' >/dev/null
	pg=$(echo "$PEMETRICS_TEST_PG" | sed 's|:///postgres?|:///pmbench?|')
fi
pgq() { psql "$pg" -X -q -v ON_ERROR_STOP=1 -c 'SET client_min_messages = warning' -c "$1" >/dev/null; }
: >"$results"

# measure NAME ROWS BYTES CMD...: run CMD once, record "NAME seconds rss_kb"
# (sh has no local variables: these names are measure's own)
measure() {
	m_name=$1 m_rows=$2 m_bytes=$3
	shift 3
	/usr/bin/time -f '%e %M' -o "$work/time.out" "$@" >/dev/null 2>"$work/err.out" || {
		echo "bench: '$m_name' failed:" >&2
		tail -5 "$work/err.out" >&2
		exit 1
	}
	echo "$m_name $m_rows $m_bytes $(cat "$work/time.out")" >>"$results"
}

for r in $rows_list; do
	f=$work/data-$r.csv
	rv=$work/revise-$r.csv
	bytes=$(wc -c <"$f")
	nrev=$(($(wc -l <"$rv") - 1))
	i=0
	while [ $i -lt "$runs" ]; do
		i=$((i + 1))
		measure "cat-$r" "$r" "$bytes" cat "$f"
		measure "dry-run-$r" "$r" "$bytes" "$pm" --catalog "$cat" \
			--db "$work/none.db" ingest --dry-run "$f"
		rm -f "$work/s.db"
		measure "sqlite3-import-$r" "$r" "$bytes" sqlite3 "$work/s.db" \
			".import --csv $f t"
		measure "sqlite3-groupby-$r" "$r" 0 sqlite3 "$work/s.db" \
			"SELECT indicator, region, substr(period, 1, 4), sum(value), count(*) FROM t GROUP BY 1, 2, 3"
		if [ -n "$duck" ]; then
			rm -f "$work/d.duckdb" "$work/d.duckdb.wal"
			measure "duckdb-ctas-$r" "$r" "$bytes" $duck ctas "$f" \
				"$work/d.duckdb"
			measure "duckdb-groupby-$r" "$r" 0 $duck groupby \
				"$work/d.duckdb"
		fi
		rm -f "$work/b.db" "$work/b.db-wal" "$work/b.db-shm"
		measure "ingest-$r" "$r" "$bytes" "$pm" --catalog "$cat" \
			--db "$work/b.db" ingest "$f"
		measure "reingest-same-$r" "$r" "$bytes" "$pm" --catalog "$cat" \
			--db "$work/b.db" ingest "$f"
		measure "ingest-1pct-revised-$r" "$nrev" "$(wc -c <"$rv")" \
			"$pm" --catalog "$cat" --db "$work/b.db" ingest "$rv"
		measure "summary-$r" "$r" 0 "$pm" --catalog "$cat" \
			--db "$work/b.db" summary --region 900000
		[ -n "$pg" ] || continue
		pgq "DROP TABLE IF EXISTS t; CREATE TABLE t(indicator text,
		    region text, period text, value text, unit text)"
		measure "psql-copy-$r" "$r" "$bytes" psql "$pg" -X -q \
			-c "\\copy t FROM '$f' CSV HEADER"
		pgq "DROP TABLE t; DROP SCHEMA IF EXISTS pemetrics CASCADE"
		measure "ingest-pg-$r" "$r" "$bytes" "$pm" --catalog "$cat" \
			--db "$pg" ingest "$f"
		# The server's floor for these rows with their key: the
		# stored rows, in key order and binary, COPYed by psql into
		# a table like obs (its primary key, no staging, no checks).
		q="SELECT * FROM pemetrics.obs ORDER BY ind, reg, period, basis"
		psql "$pg" -X -q -c "\\copy ($q) TO '$work/obs.bin' (FORMAT binary)" \
			>/dev/null
		pgq "DROP TABLE IF EXISTS tk;
		    CREATE TABLE tk (LIKE pemetrics.obs INCLUDING ALL)"
		measure "psql-copy-keyed-$r" "$r" 0 psql "$pg" -X -q \
			-c "\\copy tk FROM '$work/obs.bin' (FORMAT binary)"
		pgq "DROP TABLE tk"
		rm -f "$work/obs.bin"
		measure "ingest-pg-1pct-revised-$r" "$nrev" "$(wc -c <"$rv")" \
			"$pm" --catalog "$cat" --db "$pg" ingest "$rv"
		measure "summary-pg-$r" "$r" 0 "$pm" --catalog "$cat" \
			--db "$pg" summary --region 900000
	done
	if "$pm" report --help >/dev/null 2>&1; then
		measure "report-$r" "$r" 0 "$pm" --catalog "$cat" --db "$work/b.db" \
			report --region 900000 --out "$work/report-$r" --renderer native
	fi
done

# Charts of the sample catalogue: one gnuplot process for the batch,
# against one pemetrics (and so one gnuplot) per indicator.
sdb=$work/sample.db
rm -f "$sdb" "$sdb-wal" "$sdb-shm"
"$pm" --db "$sdb" -q ingest "$repo/datasets/sample/yearly.csv" \
	"$repo/datasets/sample/monthly-ytd.csv"
i=0
while [ $i -lt "$runs" ]; do
	i=$((i + 1))
	rm -rf "$work/ch"
	measure "chart-all-gnuplot" 0 0 "$pm" --db "$sdb" chart --all \
		--renderer gnuplot --out "$work/ch/g"
	measure "chart-all-native" 0 0 "$pm" --db "$sdb" chart --all \
		--renderer native --out "$work/ch/n"
	measure "chart-per-indicator-gnuplot" 0 0 sh -c '
		for c in $(awk -F, "NR > 1 { print \$1 }" "$1/datasets/catalog/indicators.csv"); do
			"$2" --db "$3" -q chart --indicator "$c" --renderer gnuplot \
			    --out "$4" 2>/dev/null || :
		done' sh "$repo" "$pm" "$sdb" "$work/ch/p"
done
ncharts_all=$(ls "$work/ch/g" | wc -l)
ncharts_per=$(ls "$work/ch/p" | wc -l)

# The table: medians.
awk -v nall="$ncharts_all" -v nper="$ncharts_per" '
function median(name,    n, i, j, t, a) {
	n = cnt[name]
	for (i = 1; i <= n; i++) a[i] = v[name, i]
	for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++)
		if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
	return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
}
{
	cnt[$1]++; v[$1, cnt[$1]] = $4; rows[$1] = $2; bytes[$1] = $3
	if ($5 > rss[$1]) rss[$1] = $5
	if (!($1 in seen)) { seen[$1] = 1; order[++k] = $1 }
}
END {
	printf "%-30s %9s %12s %9s %9s\n", "step", "seconds", "rows/s", "MB/s", "peak MB"
	for (i = 1; i <= k; i++) {
		s = order[i]; m = median(s); med[s] = m
		rs = "-"; mb = "-"
		if (rows[s] > 0 && m > 0) rs = sprintf("%.0f", rows[s] / m)
		if (bytes[s] > 0 && m > 0) mb = sprintf("%.1f", bytes[s] / m / 1e6)
		printf "%-30s %9.3f %12s %9s %9.1f\n", s, m, rs, mb, rss[s] / 1024
	}
	print ""
	for (i = 1; i <= k; i++) {
		s = order[i]
		if (s !~ /^ingest-[0-9]+$/) continue
		r = substr(s, 8)
		c = med["cat-" r]
		if (c < 0.001) c = 0.001
		printf "rows %s: ingest / sqlite3 .import = %.2f; ingest / dry-run = %.2f; dry-run / cat = %.1f\n", r, med[s] / med["sqlite3-import-" r], med[s] / med["dry-run-" r], med["dry-run-" r] / c
		if (("ingest-pg-" r) in med && med["psql-copy-" r] > 0 && med["summary-" r] > 0)
			printf "rows %s: PostgreSQL ingest / psql \\copy = %.2f (goal 1.5); summary on PostgreSQL / on SQLite = %.2f (goal 2); psql \\copy into a table keyed as obs / into a keyless one = %.2f\n", r, med["ingest-pg-" r] / med["psql-copy-" r], med["summary-pg-" r] / med["summary-" r], med["psql-copy-keyed-" r] / med["psql-copy-" r]
		if (("duckdb-ctas-" r) in med)
			printf "rows %s: ingest / duckdb CTAS = %.2f; summary / duckdb GROUP BY = %.2f; summary / sqlite3 GROUP BY = %.2f\n", r, med[s] / med["duckdb-ctas-" r], med["summary-" r] / med["duckdb-groupby-" r], med["summary-" r] / med["sqlite3-groupby-" r]
		nr[++nsz] = r
	}
	# Growth with the store: the largest size against the smallest.
	if (nsz >= 2) {
		lo = nr[1]; hi = nr[nsz]
		printf "rows %s vs %s (%.1fx the rows): ingest %.2fx, summary %.2fx\n", hi, lo, hi / lo, med["ingest-" hi] / med["ingest-" lo], med["summary-" hi] / med["summary-" lo]
	}
	if (nall && nper)
		printf "charts: %.1f ms per chart with one gnuplot for %d charts; %.1f ms per chart with one process per indicator (%d charts): %.1fx\n",
		    med["chart-all-gnuplot"] * 1000 / nall, nall,
		    med["chart-per-indicator-gnuplot"] * 1000 / nper, nper,
		    (med["chart-per-indicator-gnuplot"] / nper) / (med["chart-all-gnuplot"] / nall)
}' "$results"
