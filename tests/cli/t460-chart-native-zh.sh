#!/bin/sh
# t460-chart-native-zh.sh: the native renderer draws Chinese. With --lang
# zh its trend shows the catalogue's Chinese title, checked in the PNG's
# pixels: the title line differs from the English chart's and its ink is
# as wide as seven ideographs, not as the English name; the legend line
# differs too; the same run gives the same file. Without any font the run
# stops with one clear error (exit 4); with another face than Noto Sans
# CJK SC it says which it used.
. "${0%/*}/lib.sh"

# pngink FILE Y0 Y1: "N XMIN XMAX" of the dark pixels (text, not the grey
# of grid lines) in rows Y0..Y1. pngdiff A B Y0 Y1: pixels that differ
# there.
cat >pngt.c <<'EOC'
#include <png.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
static unsigned char *
load(const char *path, png_image *im)
{
	unsigned char *px;

	memset(im, 0, sizeof(*im));
	im->version = PNG_IMAGE_VERSION;
	if (!png_image_begin_read_from_file(im, path))
		exit(1);
	im->format = PNG_FORMAT_RGB;
	px = malloc(PNG_IMAGE_SIZE(*im));
	if (!px || !png_image_finish_read(im, NULL, px, 0, NULL))
		exit(1);
	return px;
}
int
main(int argc, char **argv)
{
	png_image a, b;
	unsigned char *p, *q;
	long n = 0, x, y, y0, y1, xmin = -1, xmax = -1;

	if (argc == 5 && strcmp(argv[1], "ink") == 0) {
		p = load(argv[2], &a);
		y0 = atol(argv[3]), y1 = atol(argv[4]);
		for (y = y0; y <= y1 && y < (long)a.height; y++)
			for (x = 0; x < (long)a.width; x++) {
				unsigned char *c = p + 3 * (y * a.width + x);

				if (c[0] < 0x90 && c[1] < 0x90 && c[2] < 0x90) {
					n++;
					xmin = xmin < 0 || x < xmin ? x : xmin;
					xmax = x > xmax ? x : xmax;
				}
			}
		printf("%ld %ld %ld\n", n, xmin, xmax);
		return 0;
	}
	if (argc != 6 || strcmp(argv[1], "diff") != 0)
		return 2;
	p = load(argv[2], &a);
	q = load(argv[3], &b);
	if (a.width != b.width || a.height != b.height)
		return 1;
	y0 = atol(argv[4]), y1 = atol(argv[5]);
	for (y = y0; y <= y1 && y < (long)a.height; y++)
		for (x = 0; x < (long)a.width; x++)
			n += memcmp(p + 3 * (y * a.width + x),
			    q + 3 * (y * a.width + x), 3) != 0;
	printf("%ld\n", n);
	return 0;
}
EOC
${CC:-cc} -o pngt pngt.c $(pkg-config --cflags --libs libpng) ||
	fail "cannot build the PNG reader"

run_expect 0 "$PM" --db t.db -q ingest "$SAMPLE/yearly.csv"
f=net_txn_volume.330000.Y.png
for l in en zh; do
	run_expect 0 "$PM" --db t.db chart --indicator net_txn_volume \
		--renderer native --lang $l --out $l
	expect_stderr_lacks "font"
done
run_expect 0 "$PM" --db t.db -q chart --indicator net_txn_volume \
	--renderer native --lang zh --out zh2
cmp -s zh/$f zh2/$f || fail "two runs drew different pixels"

# 900x540: the title's line is rows 12..43 (a margin of 12, 32 px of
# text at scale 2), the legend's rows 71..86, on the right.
[ "$(./pngt diff en/$f zh/$f 12 43)" -gt 500 ] ||
	fail "the title is the same in English and Chinese"
[ "$(./pngt diff en/$f zh/$f 71 86)" -gt 100 ] ||
	fail "the legend is the same in English and Chinese"
# 平台网络交易额, the catalogue's name_zh: seven ideographs of 24 px
# from column 12, so ink up to about column 12 + 168; the English name
# ("Platform network transaction volume") runs much further.
set -- $(./pngt ink zh/$f 12 43)
[ "$1" -gt 500 ] || fail "no Chinese title drawn: $*"
[ "$2" -ge 12 ] && [ "$2" -le 18 ] && [ "$3" -ge 168 ] && [ "$3" -le 181 ] ||
	fail "the Chinese title is not seven ideographs wide: $*"
set -- $(./pngt ink en/$f 12 43)
[ "$3" -gt 300 ] || fail "the English title is too short: $*"

# No font at all (a fontconfig configuration without font directories):
# one error, exit 4 (the machine's problem), no chart.
cat >none.conf <<EOF
<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig><cachedir>$(pwd)/fc-cache</cachedir></fontconfig>
EOF
run_expect 4 env FONTCONFIG_FILE="$(pwd)/none.conf" "$PM" --db t.db chart \
	--indicator net_txn_volume --renderer native --out none
expect_stderr_has "pemetrics: no font for the native charts: fontconfig finds none (install fonts-noto-cjk)"
expect_eq 1 "$(grep -c 'no font' stderr)" "the error, once"
[ ! -e none/$f ] || fail "a chart without a font"

# Only DejaVu (where it is installed): drawn in it, and said.
dv=/usr/share/fonts/truetype/dejavu
if [ -f $dv/DejaVuSans.ttf ]; then
	cat >dv.conf <<EOF
<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig><dir>$dv</dir><cachedir>$(pwd)/fc-cache</cachedir></fontconfig>
EOF
	run_expect 0 env FONTCONFIG_FILE="$(pwd)/dv.conf" "$PM" --db t.db \
		chart --indicator net_txn_volume --renderer native --out dv
	expect_stderr_has "chart: font 'Noto Sans CJK SC' not found, native charts drawn in 'DejaVu"
	[ -s dv/$f ] || fail "no chart in the stand-in face"
fi
