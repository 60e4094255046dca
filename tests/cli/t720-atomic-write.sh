#!/bin/sh
# t720-atomic-write.sh: every output file goes through one temporary file
# created exclusively beside it. A link planted at a name gnuplot used to
# write to is never followed; a chart gnuplot leaves empty or cut on a
# full disk fails, named, and the chart that was there stays whole; a
# temporary file left by a killed run is removed by the next run.
. "${0%/*}/lib.sh"

command -v gnuplot >/dev/null || fail "gnuplot is not installed (make deps)"
run_expect 0 "$PM" --db t.db -q ingest "$SAMPLE/yearly.csv" "$SAMPLE/monthly-ytd.csv"
y=net_txn_volume.330000.Y

# A link planted at the old fixed temporary name, pointing at a file
# the run must not touch.
mkdir out
echo "precious" >victim
ln -s "$TMPD/victim" "out/$y.png.part"
ln -s "$TMPD/victim" "out/$y.svg.part"
run_expect 0 "$PM" --db t.db -q chart --indicator net_txn_volume --out out \
	--renderer gnuplot
run_expect 0 "$PM" --db t.db -q chart --indicator net_txn_volume --out out \
	--renderer gnuplot --format svg
[ "$(cat victim)" = precious ] || fail "a planted link was followed"
[ -f "out/$y.png" ] && [ ! -L "out/$y.png" ] || fail "$y.png is not a file"
[ -f "out/$y.svg" ] && [ ! -L "out/$y.svg" ] || fail "$y.svg is not a file"
tail -c 8 "out/$y.png" | od -An -c | grep -q 'I   E   N   D' ||
	fail "$y.png is not a whole PNG"

# gnuplot writes each chart inside a folder of the run's own (mode 0700,
# beside the target), where no one else can rename the file away or
# plant a link in its place before gnuplot opens it; none is left.
cat >log-gp <<'EOG'
#!/bin/sh
while IFS= read -r line; do
	case $line in
	"set output "*)
		f=${line#set output \'}
		f=${f%\'}
		d=${f%/*}
		printf '%s %s\n' "$(stat -c %a "$d")" "$f" >>"$LOG"
		;;
	esac
	printf '%s\n' "$line"
done | "$REAL" "$@"
EOG
mkdir -p gpbin
mv log-gp gpbin/gnuplot
chmod +x gpbin/gnuplot
LOG=$TMPD/outputs REAL=$(command -v gnuplot) PATH=$TMPD/gpbin:$PATH \
	run_expect 0 "$PM" --db t.db -q chart --indicator net_txn_volume \
	--out priv --renderer gnuplot
grep -q "^700 .*/priv/\.$y\.png\.tmp-[A-Za-z0-9]\{6\}/$y\.png\$" outputs ||
	fail "gnuplot did not write in a private folder: $(head -3 outputs)"
[ -z "$(ls -A priv | grep '^\.')" ] || fail "a temporary was left: $(ls -A priv)"
[ -f "priv/$y.png" ] || fail "no $y.png"

# Stale temporary files of killed runs: removed by the next run when
# over an hour old; a fresh one (a run at work) and other names stay.
: >"out/.$y.png.tmp-AbC123"
: >"out/.$y.png.tmp-XyZ789"
: >"out/.notes.tmp-1"
touch -d '2 hours ago' "out/.$y.png.tmp-AbC123" "out/.notes.tmp-1"
run_expect 0 "$PM" --db t.db -q chart --indicator net_txn_volume --out out
[ -e "out/.$y.png.tmp-AbC123" ] && fail "a stale temporary file stayed"
[ -e "out/.$y.png.tmp-XyZ789" ] || fail "a fresh temporary file was removed"
[ -e "out/.notes.tmp-1" ] || fail "a file not of our naming was removed"
rm -f "out/.$y.png.tmp-XyZ789"
mkdir -p rep/charts
: >"rep/.index.html.tmp-Qq1234"
: >"rep/charts/.x.png.tmp-Qq1234"
touch -d '2 hours ago' "rep/.index.html.tmp-Qq1234" "rep/charts/.x.png.tmp-Qq1234"
run_expect 0 "$PM" --db t.db -q report --out rep --renderer native
[ -e "rep/.index.html.tmp-Qq1234" ] && fail "report left a stale temporary file"
[ -e "rep/charts/.x.png.tmp-Qq1234" ] && fail "report left a stale chart temporary"

# A full disk: gnuplot says nothing, the chart must say it.
if [ "$(id -u)" != 0 ] || ! command -v mount >/dev/null; then
	echo "t720: not root: the full-disk part is skipped" >&2
	exit 0
fi
mkdir full
mount -t tmpfs -o size=256k tmpfs full 2>/dev/null || {
	echo "t720: cannot mount a tmpfs: the full-disk part is skipped" >&2
	exit 0
}
trap 'umount "$TMPD/full" 2>/dev/null; cd / && rm -rf "$TMPD"' EXIT
for f in png svg; do
	run_expect 0 "$PM" --db t.db -q chart --indicator net_txn_volume \
		--out full --renderer gnuplot --format $f
done
cp full/*.png full/*.svg .
dd if=/dev/zero of=full/fill bs=1k 2>/dev/null || true
for f in png svg; do
	run_expect 4 "$PM" --db t.db chart --indicator net_txn_volume \
		--out full --renderer gnuplot --format $f
	expect_stderr_has "$y.$f: gnuplot wrote"
	expect_stderr_has "0 written with gnuplot, 1 failed"
	cmp "$y.$f" "full/$y.$f" || fail "the old $y.$f was replaced"
done
# The native renderer and the report the same.
run_expect 4 "$PM" --db t.db chart --indicator net_txn_volume --out full \
	--renderer native
expect_stderr_has "$y.png: cannot write"
cmp "$y.png" "full/$y.png" || fail "the old $y.png was replaced (native)"
ls -A full | grep -q 'tmp-' && fail "a temporary file was left on the full disk"
exit 0
