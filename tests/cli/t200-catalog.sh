#!/bin/sh
# t200-catalog.sh: catalog list, show, check; a broken catalogue is named
# file:line and refused by ingest.
. "${0%/*}/lib.sh"

CAT=$PEMETRICS_CATALOG

# csv_query FILE SQL: SQL over FILE imported as table t (sqlite3's own CSV
# reader, independent of pemetrics')
csv_query() {
	sqlite3 :memory: ".import --csv '$1' t" "$2"
}

# field KEY VALUE: stdout has a line "KEY<blanks>VALUE"
field() {
	awk -v k="$1" -v v="$2" '
	    { line = $0 }
	    index(line, k) == 1 {
		rest = substr(line, length(k) + 1)
		if (rest ~ /^[ \t]+/) {
			sub(/^[ \t]+/, "", rest)
			if (rest == v) found = 1
		}
	    }
	    END { exit !found }' stdout ||
		fail "no line '$1  $2'"
}

# --- list: one line per system, per measure (starting with its id) and
# per indicator
run_expect 0 "$PM" catalog list
expect_eq 25 "$(grep -c '^M[0-9][0-9] ' stdout)" "measure lines"
expect_eq 5 "$(csv_query "$CAT/systems.csv" 'SELECT count(*) FROM t')" \
	"systems in systems.csv"
nsys=0
for s in $(csv_query "$CAT/systems.csv" 'SELECT id FROM t'); do
	grep -q "^$s " stdout || fail "catalog list: no line for system '$s'"
	nsys=$((nsys + 1))
done
expect_eq 5 "$nsys" "system lines"
# every measure line names its system, as measures.csv says
csv_query "$CAT/measures.csv" 'SELECT id || " " || system FROM t' |
while read -r id sys; do
	grep -Eq "^$id +$sys( |\$)" stdout ||
		fail "catalog list: $id is not shown in system $sys"
done
nind=$(csv_query "$CAT/indicators.csv" 'SELECT count(*) FROM t')
[ "$nind" -ge 40 ] || fail "only $nind indicators in the catalogue"
for code in net_txn_volume online_retail_sales rural_online_retail_sales \
    online_operators cross_border_ecommerce platform_rd_expenditure \
    internet_hospitals listed_platform_enterprises; do
	grep -q "^$code " stdout || fail "catalog list: no indicator '$code'"
done
expect_eq $((5 + 25 + nind)) "$(grep -c . stdout)" "non-empty lines of list"

# --- show: a measure, an indicator, a region by its Chinese short name
run_expect 0 "$PM" catalog show M07
field measure M07
field system ecosystem
field name_zh "$(csv_query "$CAT/measures.csv" \
	"SELECT name_zh FROM t WHERE id = 'M07'")"
field name_en "$(csv_query "$CAT/measures.csv" \
	"SELECT name_en FROM t WHERE id = 'M07'")"
# the indicators that track M07 are listed
csv_query "$CAT/indicators.csv" \
    "SELECT code FROM t WHERE ';' || measures || ';' LIKE '%;M07;%'" |
while read -r code; do
	expect_stdout_has "$code"
done

run_expect 0 "$PM" catalog show net_txn_volume
field indicator net_txn_volume
field unit 亿元
field kind flow
field direction increase
field name_zh 平台网络交易额
field measures "$(csv_query "$CAT/indicators.csv" \
	"SELECT measures FROM t WHERE code = 'net_txn_volume'")"

run_expect 0 "$PM" catalog show 杭州
field region 330100
field name_en Hangzhou
field name_zh 杭州市
field parent 330000
run_expect 0 "$PM" catalog show Hangzhou
field region 330100

run_expect 1 "$PM" catalog show nosuch
expect_stderr_has "'nosuch'"
[ ! -s stdout ] || fail "catalog show nosuch: wrote to stdout"

# --- check: the shipped catalogue is clean
run_expect 0 "$PM" catalog check
expect_stdout_has "catalog ok:"
[ ! -s stderr ] || fail "catalog check: something on stderr"

# --- a broken copy: a duplicate indicator and an unknown unit
cp -r "$CAT" cat
n=$(($(wc -l <cat/indicators.csv) + 1))
first=$(grep -n '^net_txn_volume,' cat/indicators.csv | cut -d: -f1)
echo 'net_txn_volume,Again,再次,亿元,flow,increase,M05,2022,,,,' \
	>>cat/indicators.csv
echo 'track_length,Track length,赛道长度,furlong,stock,increase,M05,2022,,,,' \
	>>cat/indicators.csv
run_expect 1 "$PM" --catalog cat catalog check
expect_stderr_has "pemetrics: cat/indicators.csv:$n: duplicate indicator 'net_txn_volume' (first on line $first)"
expect_stderr_has "pemetrics: cat/indicators.csv:$((n + 1)): unit 'furlong' is not in units.csv"
expect_stdout_lacks "catalog ok"

# rows cut short or without a name are errors, not silent gaps
cp -r "$CAT" cut
echo 'M99,regulatory' >>cut/measures.csv
echo '339999,Nowhere' >>cut/regions.csv
echo 'nameless,,,亿元,flow,increase,M05,,,,,' >>cut/indicators.csv
echo 'half_named,Half named,,亿元,flow,increase,M05,,,,,' >>cut/indicators.csv
run_expect 1 "$PM" --catalog cut catalog check
expect_stderr_has "cut/measures.csv:$(wc -l <cut/measures.csv): too few fields (2, expected 5)"
expect_stderr_has "cut/regions.csv:$(wc -l <cut/regions.csv): too few fields (2, expected 6)"
expect_stderr_has "cut/indicators.csv:$(($(wc -l <cut/indicators.csv) - 1)): indicator 'nameless' has no name (name_en and name_zh are empty)"
expect_stderr_has "cut/indicators.csv:$(wc -l <cut/indicators.csv): indicator 'half_named' has an empty name_zh (output falls back to name_en)"

# ids name chart files: a measure may not share a system's id, and no
# system may be called 'policy' (the whole policy's charts)
cp -r "$REPO/datasets/catalog" clash
echo 'ecosystem,innovation,Same id,同名,excerpt' >>clash/measures.csv
printf 'Policy,Policy,政策\n' >>clash/systems.csv
run_expect 1 "$PM" --catalog clash catalog check
expect_stderr_has "clash/measures.csv:$(wc -l <clash/measures.csv): measure id 'ecosystem' is already a system id (or 'policy'): ids name chart files"
expect_stderr_has "clash/systems.csv:$(wc -l <clash/systems.csv): system id 'Policy' is reserved"

# a growth aim the method would not use, or against the direction:
# warnings (exit 1 from check; the catalogue stays usable)
cp -r "$REPO/datasets/catalog" aim
echo 'aim_and_level,Both,两者,亿元,flow,increase,M05,2022,100,2027,8,' >>aim/indicators.csv
echo 'aim_zero,Zero,零,亿元,flow,increase,M05,2022,,,0,' >>aim/indicators.csv
echo 'aim_wrong_way,Wrong way,反向,亿元,flow,decrease,M05,2022,,,5,' >>aim/indicators.csv
an=$(wc -l <aim/indicators.csv)
run_expect 1 "$PM" --catalog aim catalog check
expect_stderr_has "aim/indicators.csv:$((an - 2)): target_growth of 'aim_and_level' is not used: its target level sets the growth needed"
expect_stderr_has "aim/indicators.csv:$((an - 1)): target_growth of 'aim_zero' is 0: no growth asked for, judged as without a target"
expect_stderr_has "aim/indicators.csv:$an: target_growth of 'aim_wrong_way' (5% a year) goes against its direction (decrease)"
run_expect 0 "$PM" --catalog aim catalog show aim_zero

# PEMETRICS_CATALOG finds it too
PEMETRICS_CATALOG=$TMPD/cat run_expect 1 "$PM" catalog check
expect_stderr_has "indicators.csv:$((n + 1)): unit 'furlong' is not in units.csv"

# ingest refuses a catalogue with problems, and says so
printf 'indicator,region,period,value\nnet_txn_volume,330000,2023,1\n' >in.csv
run_expect 1 "$PM" --catalog cat --db t.db ingest in.csv
expect_stderr_has "cannot be used"
expect_stderr_has "cat/indicators.csv:$((n + 1)): unit 'furlong' is not in units.csv"
expect_stdout_lacks "inserted"
! store_exists t.db || {
	run_expect 0 "$PM" --db t.db export
	expect_eq 1 "$(wc -l <stdout)" "stored with a broken catalogue"
}

# --- a catalogue directory that does not exist
run_expect 4 "$PM" --catalog nowhere catalog list
expect_stderr_has "nowhere"

# A name (or alias) two indicators share names neither: said by the check.
cp -r "$REPO/datasets/catalog" dupname
sed 's/^online_retail_sales,\(.*\),网上零售额,/online_retail_sales,\1,网上零售额;平台网络交易额,/' \
	"$REPO/datasets/catalog/indicators.csv" >dupname/indicators.csv
grep -q '网上零售额;平台网络交易额' dupname/indicators.csv || fail "no alias planted"
run_expect 1 "$PM" --catalog dupname catalog check
expect_stderr_has "indicators.csv:3: '平台网络交易额' names both 'net_txn_volume' and 'online_retail_sales': a data file that uses it is rejected as naming an unknown indicator"
