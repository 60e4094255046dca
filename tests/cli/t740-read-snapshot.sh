#!/bin/sh
# t740-read-snapshot.sh: a command reads one snapshot of the store from
# start to end. An ingest that commits while a chart batch is drawn (made
# deterministic: a gnuplot wrapper runs the ingest while the first chart
# is drawn) is not in the charts after it; the next command sees it.
. "${0%/*}/lib.sh"

command -v gnuplot >/dev/null || fail "gnuplot is not installed (make deps)"
real=$(command -v gnuplot)
run_expect 0 "$PM" --db t.db -q ingest "$SAMPLE/yearly.csv"
printf 'indicator,region,period,value,unit\nnet_txn_volume,330100,2025,987654.5,亿元\n' >rev.csv
mkdir tmp wrap
TMPDIR=$TMPD/tmp
export TMPDIR
cat >wrap/gnuplot <<EOG
#!/bin/sh
n=0
while IFS= read -r line; do
	case \$line in
	"set output '"*)
		n=\$((n + 1))
		[ \$n = 1 ] && "$PM" --db "$TMPD/t.db" -q ingest "$TMPD/rev.csv" \
			>"$TMPD/ingest.out" 2>&1
		;;
	esac
	printf '%s\\n' "\$line"
done | "$real" "\$@"
cat "$TMPD"/tmp/pemetrics-gp-*/*.dat >>"$TMPD/data.log" 2>/dev/null
EOG
chmod +x wrap/gnuplot
PATH=$TMPD/wrap:$PATH run_expect 0 "$PM" --db t.db chart \
	--indicator net_txn_volume --out o --renderer gnuplot
[ -s ingest.out ] && fail "the ingest in the middle failed: $(cat ingest.out)"
"$PM" --db t.db export --format csv | grep -q 987654.5 ||
	fail "the ingest in the middle did not commit"
[ -s data.log ] || fail "no chart data seen"
grep -q 987654 data.log && fail "a chart drawn after the ingest shows its value"
# The next command sees it.
: >data.log
rm -f rev.csv
PATH=$TMPD/wrap:$PATH run_expect 0 "$PM" --db t.db chart \
	--indicator net_txn_volume --out o --renderer gnuplot
grep -q 987654 data.log || fail "the next command does not see the ingest"

exit 0
