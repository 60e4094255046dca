#!/bin/sh
# slow: a browser renders the report (run under ASan, not valgrind)
# t520-report-chromium.sh: index.html opens from disk in a real browser
# (headless Chromium) and renders: the screenshot is a PNG of the window's
# size and far from blank, in English and in Chinese. Skipped only when
# Chromium cannot be found (scripts/bootstrap-deps.sh installs it).
. "${0%/*}/lib.sh"

chrome=
for c in chromium chromium-browser; do
	if command -v "$c" >/dev/null 2>&1; then
		chrome=$(command -v "$c")
		break
	fi
done
if [ -z "$chrome" ]; then
	echo "skip: chromium not installed"
	exit 0
fi

# png_size FILE: "WIDTHxHEIGHT" from the IHDR chunk.
png_size() {
	sig=$(od -An -tx1 -N8 "$1" | tr -d ' \n')
	[ "$sig" = 89504e470d0a1a0a ] || fail "$1 is not a PNG ($sig)"
	set -- $(od -An -tu1 -j16 -N8 "$1")
	echo "$(($1 * 16777216 + $2 * 65536 + $3 * 256 + $4))x$(($5 * 16777216 + $6 * 65536 + $7 * 256 + $8))"
}

# shot URL PNG: a 1200x1600 screenshot, no network, a throw-away profile.
shot() {
	mkdir -p "$TMPD/home"
	rm -rf "$TMPD/profile"
	HOME=$TMPD/home timeout 60 "$chrome" --headless --no-sandbox \
		--disable-gpu --disable-quic --no-first-run \
		--disable-background-networking --disable-component-update \
		--disable-sync --user-data-dir="$TMPD/profile" \
		--screenshot="$2" --window-size=1200,1600 "$1" \
		>chrome.out 2>&1 || { cat chrome.out >&2; fail "chromium failed"; }
	[ -s "$2" ] || { cat chrome.out >&2; fail "no screenshot $2"; }
	expect_eq 1200x1600 "$(png_size "$2")" "screenshot size"
}

run_expect 0 "$PM" --db t.db -q ingest "$SAMPLE/yearly.csv" "$SAMPLE/monthly-ytd.csv"
run_expect 0 "$PM" --db t.db -q report --out en --lang en --format html
run_expect 0 "$PM" --db t.db -q report --out zh --lang zh --format html

# What a blank page of that size weighs as a PNG: the yardstick.
printf '<!DOCTYPE html>\n<html><head><title>x</title></head><body></body></html>\n' \
	>blank.html
shot "file://$TMPD/blank.html" blank.png
blank=$(wc -c <blank.png)
for lang in en zh; do
	shot "file://$TMPD/$lang/index.html" $lang.png
	n=$(wc -c <$lang.png)
	# Text, badges, tables and sparklines: many times a blank page.
	[ "$n" -gt $((blank * 8)) ] && [ "$n" -gt 60000 ] ||
		fail "$lang screenshot looks blank: $n bytes (blank $blank)"
done
