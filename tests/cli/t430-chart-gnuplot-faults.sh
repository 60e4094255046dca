#!/bin/sh
# t430-chart-gnuplot-faults.sh: gnuplot failing in every way a batch can
# meet: an output directory that is not one, a gnuplot that dies in the
# middle of a batch (the batch goes on with a new one, every chart is
# counted), a gnuplot that stops answering (a time limit, then a new one),
# and no data files left in $TMPDIR whatever happened.
. "${0%/*}/lib.sh"

command -v gnuplot >/dev/null || fail "gnuplot is not installed (make deps)"
real=$(command -v gnuplot)
run_expect 0 "$PM" --db t.db -q ingest "$SAMPLE/yearly.csv" "$SAMPLE/monthly-ytd.csv"
mkdir tmp
TMPDIR=$TMPD/tmp
export TMPDIR

# --out naming a file: an I/O error before anything is drawn (gnuplot
# would write the image to its standard output instead).
: >afile
run_expect 4 "$PM" --db t.db chart --indicator net_txn_volume --out afile
expect_stderr_has "afile: not a directory"

# A gnuplot that dies at the third chart it is given (the wrapper ends
# its input there). M05 has 9 charts: the third of each process fails,
# the others are written, all are counted and the failures named (three
# indicators have no city data: no region comparison).
mkdir dies
cat >dies/gnuplot <<EOG
#!/bin/sh
k=0
while IFS= read -r line; do
	case \$line in
	"set output '"*) k=\$((k + 1)); [ \$k = 3 ] && exit 0 ;;
	esac
	printf '%s\\n' "\$line"
done | "$real" "\$@"
EOG
chmod +x dies/gnuplot
PATH=$TMPD/dies:$PATH run_expect 1 "$PM" --db t.db chart --measure M05 --out m05
expect_stderr_has "chart: 6 written with gnuplot, 3 failed, 3 without data"
expect_eq 3 "$(grep -c '\.png: gnuplot stopped' stderr)" "failed charts named"
expect_eq 6 "$(ls m05 | grep -c '\.png$')" "charts written"
ls m05 | grep -q part && fail "a partial chart was left"

# A gnuplot that reads and never answers: the chart waits for the time
# limit; one that hung is not started again, and with --renderer auto the
# charts after it are drawn natively.
mkdir mute
printf '#!/bin/sh\nexec cat >/dev/null\n' >mute/gnuplot
chmod +x mute/gnuplot
PATH=$TMPD/mute:$PATH PEMETRICS_GNUPLOT_TIMEOUT=1 run_expect 1 "$PM" \
	--db t.db chart --indicator net_txn_volume --out mute-out
expect_stderr_has "net_txn_volume.330000.Y.png: gnuplot did not finish the chart in 1 s"
expect_stderr_has "chart: gnuplot stopped for good; the 1 chart after it drawn with the native renderer"
[ -f mute-out/net_txn_volume.330000.regions.png ] || fail "no native chart after the hang"
# ... and with --renderer gnuplot, the rest fail at once, each named.
PATH=$TMPD/mute:$PATH PEMETRICS_GNUPLOT_TIMEOUT=1 run_expect 1 "$PM" \
	--db t.db chart --indicator net_txn_volume --out mute-gp \
	--renderer gnuplot
expect_stderr_has "net_txn_volume.330000.regions.png: gnuplot stopped answering earlier in this run: not started again"
expect_stderr_has "0 written with gnuplot, 2 failed"

# gnuplot gone for good (it exits at once): three restarts, then the
# native renderer draws the rest of the batch (auto); every chart counted.
mkdir broken
printf '#!/bin/sh\nexit 3\n' >broken/gnuplot
chmod +x broken/gnuplot
PATH=$TMPD/broken:$PATH run_expect 1 "$PM" --db t.db chart --measure M05 \
	--out broken-out
expect_eq 4 "$(grep -c '\.png: gnuplot stopped' stderr)" "the first and three restarts"
expect_stderr_has "chart: gnuplot stopped for good; the 5 charts after it drawn with the native renderer"
expect_stderr_has "chart: 5 written with gnuplot then the native renderer, 4 failed, 3 without data"
expect_eq 5 "$(ls broken-out | grep -c '\.png$')" "the native charts"
# with --renderer gnuplot, no fallback: each chart after the restarts
# fails at once, named.
PATH=$TMPD/broken:$PATH run_expect 1 "$PM" --db t.db chart --measure M05 \
	--out broken-gp --renderer gnuplot
expect_eq 5 "$(grep -c 'gnuplot stopped 3 times in this run: not started again' stderr)" \
	"the charts after the restarts"
expect_stderr_has "chart: 0 written with gnuplot, 9 failed"
# A report with such a gnuplot is still written, charts and all.
PATH=$TMPD/broken:$PATH run_expect 1 "$PM" --db t.db report --out rep \
	--no-record
[ -f rep/index.html ] && [ -f rep/report.md ] && [ -f rep/summary.json ] ||
	fail "report not written with a broken gnuplot"
expect_stderr_has "report: gnuplot stopped for good"

# Whatever happened, no data file stayed behind.
run_expect 0 "$PM" --db t.db -q chart --all --out all
expect_eq "" "$(ls tmp)" "temporary files left in TMPDIR"
