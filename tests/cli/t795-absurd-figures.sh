#!/bin/sh
# t795-absurd-figures.sh: targets no policy sets are refused by "catalog
# check", named by file and line: a level of 1e308, a negative count, a
# growth aim of 1e300% a year.
. "${0%/*}/lib.sh"

cp -R "$REPO/datasets/catalog" cat
PEMETRICS_CATALOG=$TMPD/cat
export PEMETRICS_CATALOG
sed 's/^net_txn_volume,\([^,]*\),\([^,]*\),\([^,]*\),\([^,]*\),\([^,]*\),\([^,]*\),\([^,]*\),[^,]*,/net_txn_volume,\1,\2,\3,\4,\5,\6,\7,1e308,/' \
	"$REPO/datasets/catalog/indicators.csv" >cat/indicators.csv
line=$(grep -n '^net_txn_volume,' cat/indicators.csv | cut -d: -f1)
run_expect 1 "$PM" catalog check
expect_stderr_has "indicators.csv:$line: target_value 1e+308 of 'net_txn_volume' is beyond any aim"

sed 's/^online_operators,\([^,]*\),\([^,]*\),\([^,]*\),\([^,]*\),\([^,]*\),\([^,]*\),\([^,]*\),[^,]*,/online_operators,\1,\2,\3,\4,\5,\6,\7,-5,/' \
	"$REPO/datasets/catalog/indicators.csv" >cat/indicators.csv
run_expect 1 "$PM" catalog check
expect_stderr_has "target_value -5 of 'online_operators' is negative"

awk -F, 'BEGIN { OFS = "," } $1 == "net_txn_volume" { $9 = ""; $10 = ""; $11 = "1e300" } { print }' \
	"$REPO/datasets/catalog/indicators.csv" >cat/indicators.csv
run_expect 1 "$PM" catalog check
expect_stderr_has "target_growth 1e+300% of 'net_txn_volume' is beyond any aim"

exit 0
