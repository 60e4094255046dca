#!/bin/sh
# t450-chart-messages.sh: what "chart" says: charts without data listed
# with -v; a measure, or a frequency, without data said plainly (exit 1);
# paths as the user wrote --out; two ids with one file name fail rather
# than overwrite; the native renderer draws any text without a notice.
. "${0%/*}/lib.sh"

run_expect 0 "$PM" --db t.db -q ingest "$SAMPLE/yearly.csv" "$SAMPLE/monthly-ytd.csv"

# A measure without data: one clear line, exit 1; -v names each chart.
run_expect 1 "$PM" --db t.db -v chart --measure M19 --out m19
expect_stderr_has "no data for measure 'M19' in 330000: no chart"
expect_stderr_has "chart: no data, not drawn: m19/M19.scores."
expect_stderr_has "chart: no data, not drawn: m19/M19.multiples."
[ -z "$(ls m19)" ] || fail "a chart was written for no data"
run_expect 0 "$PM" --db t.db chart --measure M08 --out m08 --renderer native
expect_stderr_lacks "not drawn"

# Yearly data but no monthly data.
run_expect 1 "$PM" --db t.db chart --indicator net_txn_volume \
	--region Lishui --freq M --out lm --renderer native
expect_stderr_has "no monthly data for 'net_txn_volume' in 331100: no chart"

# --out with a trailing slash: paths print once-slashed.
run_expect 0 "$PM" --db t.db chart --indicator net_txn_volume \
	--out slash/ --renderer native
expect_eq "slash/net_txn_volume.330000.Y.png
slash/net_txn_volume.330000.regions.png" "$(cat stdout)" "paths printed"

# A system whose id is "policy" would overwrite the policy scorecard:
# the catalogue is refused before any chart is drawn.
cp -r "$REPO/datasets/catalog" cat
sed 's/^rules,/policy,/' "$REPO/datasets/catalog/systems.csv" >cat/systems.csv
sed 's/^\(M[0-9]*\),rules,/\1,policy,/' "$REPO/datasets/catalog/measures.csv" \
	>cat/measures.csv
run_expect 1 "$PM" --catalog cat catalog check
expect_stderr_has "cat/systems.csv:5: system id 'policy' is reserved"
run_expect 1 "$PM" --catalog cat --db t.db chart --all --out pol \
	--renderer native
expect_stderr_has "cannot be used"
[ ! -e pol ] || [ -z "$(ls pol)" ] || fail "charts drawn with a refused catalogue"
cp "$REPO/datasets/catalog/systems.csv" "$REPO/datasets/catalog/measures.csv" cat/

# Native: text outside ASCII is drawn (FreeType, the CJK face), so there
# is nothing to excuse: no notice, in English or with --lang zh.
awk -F, -v OFS=, '$1 == "net_txn_volume" || $1 == "online_operators" {
	$2 = "Platform GMV café" } { print }' \
	"$REPO/datasets/catalog/indicators.csv" >cat/indicators.csv
run_expect 0 "$PM" --catalog cat --db t.db chart --measure M05 --out nat \
	--renderer native
expect_stderr_lacks "left out"
expect_stderr_lacks "font"
run_expect 0 "$PM" --db t.db chart --indicator net_txn_volume --out natzh \
	--renderer native --lang zh
expect_stderr_lacks "English"
expect_stderr_lacks "font"
run_expect 0 "$PM" --db t.db -q chart --indicator net_txn_volume --out q \
	--renderer native --lang zh
[ ! -s stderr ] || fail "-q printed something"
