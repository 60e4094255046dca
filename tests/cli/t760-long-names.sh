#!/bin/sh
# t760-long-names.sh: an inbox file whose name is as long as a name can
# be (255 bytes, 83 Chinese characters) leaves the inbox like any other:
# names made from it (its rejects file, "stem.1.csv" when the name is
# taken) are cut and tagged with a hash so that they fit.
. "${0%/*}/lib.sh"

mkdir -p data/inbox
in=data/inbox
stem=$(awk 'BEGIN { for (i = 0; i < 83; i++) printf "\346\265\231"; printf "ab" }')
name=$stem.csv
expect_eq 255 "$(printf '%s' "$name" | wc -c | tr -d ' ')" "bytes of the name"
printf 'indicator,region,period,value\nnet_txn_volume,330000,2030,1\nnet_txn_volume,Atlantis,2030,1\n' >"$in/$name"
touch -d '1 minute ago' "$in/$name"
run_expect 1 "$PM" --db t.db ingest --inbox $in
# (A store on a server has its lock in the inbox: .pemetrics.lock.)
[ -z "$(ls -A $in | grep -vx .pemetrics.lock)" ] ||
	fail "the file stayed in the inbox"
ls data/archive/*/*/"$name" >/dev/null || fail "not archived under its name"
r=$(ls data/quarantine)
expect_eq 1 "$(echo "$r" | wc -l | tr -d ' ')" "files in the quarantine"
case $r in
*-[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f].rejects.csv) ;;
*) fail "rejects file name: $r" ;;
esac
[ "$(printf '%s' "$r" | wc -c)" -le 255 ] || fail "rejects name too long"
# The same name again: the archive's name is taken, a cut .1 is used.
printf 'indicator,region,period,value\nnet_txn_volume,330000,2031,1\n' >"$in/$name"
touch -d '1 minute ago' "$in/$name"
run_expect 0 "$PM" --db t.db ingest --inbox $in
[ -z "$(ls -A $in | grep -vx .pemetrics.lock)" ] ||
	fail "the second file stayed in the inbox"
expect_eq 2 "$(ls data/archive/*/* | wc -l | tr -d ' ')" "archived files"
ls data/archive/*/* | grep -q '\.1\.csv$' || fail "no .1 name: $(ls data/archive/*/*)"
# The plain ingest's rejects file beside the input fits too.
cp data/archive/*/*/"$name" .
printf 'net_txn_volume,Atlantis,2032,1\n' >>"$name"
run_expect 1 "$PM" --db t.db ingest "$name"
ls | grep -q -- '-[0-9a-f]\{8\}\.rejects\.csv$' || fail "no rejects file beside"
exit 0
