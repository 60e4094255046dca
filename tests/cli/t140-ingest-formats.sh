#!/bin/sh
# t140-ingest-formats.sh: the acceptance case of issue 2. A file with a BOM,
# CRLF, reordered columns in mixed case, region aliases, mixed units, a
# quoted "1,234.5", a trailing '%', ytd rows and a yoy column stores exactly
# what an independent reading of it gives; so does its GB18030 copy, and
# the same bytes on standard input.
. "${0%/*}/lib.sh"

# The file, written in UTF-8 with LF here, then given a BOM and CRLF.
cat >src.csv <<'EOF'
Value,UNIT,Period,region,Indicator,basis,yoy
12345,万元,2023,杭州,net_txn_volume,,
"1,234.5",亿元,2024,Hangzhou,net_txn_volume,,9.5
3.1,万亿元,2022,杭州市,net_txn_volume,,
56.78,万户,2023,330100,online_operators,,
1234,户,2023-Q2,杭州,online_operators,,
4.2%,,2023,宁波,platform_rd_intensity,,
3.9%,%,2022,Ningbo,platform_rd_intensity,,
9804.9,亿元,2024-02,宁波,net_txn_volume,ytd,8.9
150000000,万元,2024M03,宁波,net_txn_volume,YTD,8.5
7.5,亿元,2023H1,宁波市,net_txn_volume,,
"1,234,567.89",万元,2021,杭州,net_txn_volume,,
0.07,万户,2022,330100,online_operators,,
EOF
printf '\357\273\277' >in.csv
sed 's/$/\r/' src.csv >>in.csv
# the fixture is what it claims to be
expect_eq "efbbbf" "$(head -c 3 in.csv | od -An -tx1 | tr -d ' \n')" "BOM"
expect_eq 13 "$(grep -c "$(printf '\r')\$" in.csv)" "CRLF lines"

# The independent reading, by hand. Catalogue units: net_txn_volume 亿元,
# online_operators 户, platform_rd_intensity %.
#   12345 万元          = 1.2345 亿元         杭州    -> 330100
#   "1,234.5" 亿元      = 1234.5 亿元 (yoy 9.5) Hangzhou -> 330100
#   3.1 万亿元          = 31000 亿元          杭州市  -> 330100
#   56.78 万户          = 567800 户           330100
#   1234 户, 2023-Q2    = 1234 户, 2023Q2     杭州    -> 330100
#   4.2% (no unit)      = 4.2 %               宁波    -> 330200
#   3.9% %              = 3.9 %               Ningbo  -> 330200
#   9804.9 亿元 ytd     = 9804.9 亿元, ytd (yoy 8.9)  宁波 -> 330200
#   150000000 万元 YTD  = 15000 亿元, ytd, 2024M03 -> 2024-03 (yoy 8.5)
#   7.5 亿元, 2023H1    = 7.5 亿元            宁波市  -> 330200
#   "1,234,567.89" 万元 = 123.456789 亿元    杭州    -> 330100
#                         (the decimal shifted, rounded once: dividing
#                         the double 1234567.89 by 1e4 gives ...99999)
#   0.07 万户           = 700 户 (not 700.0000000000001)
# Export order: indicator, region, then year < half < quarter < month.
cat >expect.csv <<'EOF'
indicator,region,period,value,unit,basis
net_txn_volume,330100,2021,123.456789,亿元,
net_txn_volume,330100,2022,31000,亿元,
net_txn_volume,330100,2023,1.2345,亿元,
net_txn_volume,330100,2024,1234.5,亿元,
net_txn_volume,330200,2023H1,7.5,亿元,
net_txn_volume,330200,2024-02,9804.9,亿元,ytd
net_txn_volume,330200,2024-03,15000,亿元,ytd
online_operators,330100,2022,700,户,
online_operators,330100,2023,567800,户,
online_operators,330100,2023Q2,1234,户,
platform_rd_intensity,330200,2022,3.9,%,
platform_rd_intensity,330200,2023,4.2,%,
EOF
cat >expect-yoy.csv <<'EOF'
indicator,region,period,value,unit,basis,yoy
net_txn_volume,330100,2021,123.456789,亿元,,
net_txn_volume,330100,2022,31000,亿元,,
net_txn_volume,330100,2023,1.2345,亿元,,
net_txn_volume,330100,2024,1234.5,亿元,,9.5
net_txn_volume,330200,2023H1,7.5,亿元,,
net_txn_volume,330200,2024-02,9804.9,亿元,ytd,8.9
net_txn_volume,330200,2024-03,15000,亿元,ytd,8.5
online_operators,330100,2022,700,户,,
online_operators,330100,2023,567800,户,,
online_operators,330100,2023Q2,1234,户,,
platform_rd_intensity,330200,2022,3.9,%,,
platform_rd_intensity,330200,2023,4.2,%,,
EOF

run_expect 0 "$PM" --db t.db ingest in.csv
# (Hangzhou's 2023 value, 1.2345 亿元, is under 1/1000 of 2022's 31000:
# stored, with the warning a unit slip deserves.)
expect_eq "in.csv: 12 rows: 12 inserted, 0 revised, 0 unchanged, 0 rejected; 1 warning" \
	"$(cat stdout)" "result line (UTF-8: no 'read as')"
expect_eq "pemetrics: in.csv:2: warning: value 1.2345 of 2023 is under 1/1000 of the 31000 of 2022: a unit slip (万 and 亿)?" \
	"$(cat stderr)" "clean file: only the plausibility warning on stderr"
run_expect 0 "$PM" --db t.db export
expect_cmp expect.csv stdout
run_expect 0 "$PM" --db t.db export --yoy
expect_cmp expect-yoy.csv stdout

# GB18030, as Excel writes it: detected because it is not valid UTF-8
iconv -f UTF-8 -t GB18030 in.csv >gb.csv
! cmp -s in.csv gb.csv || fail "iconv did not change the file"
run_expect 0 "$PM" --db gb.db ingest gb.csv
expect_eq "gb.csv: 12 rows: 12 inserted, 0 revised, 0 unchanged, 0 rejected; 1 warning; read as GB18030" \
	"$(cat stdout)" "GB18030 result line"
run_expect 0 "$PM" --db gb.db export
expect_cmp expect.csv stdout

# the same without the BOM and with LF, named by --encoding
iconv -f UTF-8 -t GB18030 src.csv >gb2.csv
run_expect 0 "$PM" --db gb2.db ingest --encoding gb18030 gb2.csv
expect_stdout_has "gb2.csv: 12 rows: 12 inserted"
run_expect 0 "$PM" --db gb2.db export
expect_cmp expect.csv stdout

# an encoding iconv does not know is a usage error, before anything is read
run_expect 2 "$PM" --db enc.db ingest --encoding NO-SUCH-CODE in.csv
expect_stderr_has "pemetrics: ingest: unknown encoding 'NO-SUCH-CODE'"
! store_exists enc.db || fail "unknown encoding: a store was made"

# '-' reads standard input; its name in messages is stdin
run_expect 0 "$PM" --db in.db ingest - <in.csv
expect_eq "stdin: 12 rows: 12 inserted, 0 revised, 0 unchanged, 0 rejected; 1 warning" \
	"$(cat stdout)" "stdin result line"
run_expect 0 "$PM" --db in.db export
expect_cmp expect.csv stdout

# standard input in GB18030, with a bad row: its line number and the
# default rejects file ./stdin.rejects.csv
{
	cat gb2.csv
	printf '1,亿元,2023,杭州,no_such_thing,,\n' |
		iconv -f UTF-8 -t GB18030
} >gb3.csv
run_expect 1 "$PM" --db in3.db ingest - <gb3.csv
expect_stderr_has "pemetrics: stdin:14: unknown indicator 'no_such_thing'"
expect_stdout_has "read as GB18030"
[ -f stdin.rejects.csv ] || fail "no ./stdin.rejects.csv"
# the rejects file is UTF-8 like everything pemetrics writes
grep -q '^14,.*,杭州,no_such_thing' stdin.rejects.csv ||
	fail "stdin.rejects.csv lacks line 14 in UTF-8"
