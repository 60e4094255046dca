#!/bin/sh
# demo.sh - the main job on the sample data, as "make demo" runs it:
# a fresh store, the sample files ingested (one of them with deliberate
# errors), what was stored, the progress summary, a trend, the charts
# and the report.
#
# usage: scripts/demo.sh PEMETRICS_BINARY OUTPUT_DIR
set -eu

pm=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
out=$2
# Paths in the output are relative to the repository, as in the README.
cd "$(dirname "$0")/.."
samples=datasets/sample

rm -rf "$out"
mkdir -p "$out"
db=$out/pemetrics.db

step() { printf '\n== %s\n' "$*"; }

step "pemetrics --db $db ingest yearly.csv monthly-ytd.csv"
"$pm" --db "$db" ingest "$samples/yearly.csv" "$samples/monthly-ytd.csv"

step "pemetrics --db $db ingest portal-export.csv (a wide table, as the statistics portal exports it)"
"$pm" --db "$db" ingest "$samples/portal-export.csv"

step "pemetrics --db $db ingest errors.csv (deliberate mistakes: exit 1)"
rc=0
"$pm" --db "$db" ingest --rejects "$out/errors.rejects.csv" \
	"$samples/errors.csv" || rc=$?
[ "$rc" = 1 ] || { echo "demo: expected exit 1, got $rc" >&2; exit 1; }

step "the same file again: recognised by its content"
"$pm" --db "$db" ingest --rejects "$out/errors.rejects.csv" \
	"$samples/errors.csv"

step "what was stored (pemetrics export, first lines)"
"$pm" --db "$db" export >"$out/export.csv"
head -n 6 "$out/export.csv"
echo "..."
echo "$(($(wc -l <"$out/export.csv") - 1)) observations in $db"
echo "rejected rows and their reasons: $out/errors.rejects.csv"

step "pemetrics --db $db summary (progress of every indicator, measure, system)"
"$pm" --db "$db" summary | tee "$out/summary.txt"

step "pemetrics --db $db trend net_txn_volume --freq Q (year-to-date releases differenced)"
"$pm" --db "$db" trend net_txn_volume --freq Q

step "pemetrics --db $db chart --all --out $out/charts"
"$pm" --db "$db" chart --all --out "$out/charts" >"$out/charts.txt"
echo "$(wc -l <"$out/charts.txt") charts in $out/charts/, for example:"
grep -E '/(policy.scores|net_txn_volume.330000.Y|M05.multiples).png$' \
	"$out/charts.txt" | sed "s|^$(pwd)/||"

step "pemetrics --db $db report --out $out/report (HTML, Markdown and JSON to send on)"
"$pm" --db "$db" report --out "$out/report" >"$out/report.txt"
echo "the report: $(tail -n 1 "$out/report.txt")"
