/* tests/cli/pngcols.c - pngcols FILE RRGGBB Y0 Y1: the runs of columns
 * ("a-b", one a line) holding a pixel of that colour between rows Y0 and
 * Y1 of a PNG. Built by the CLI tests that look at native charts
 * (build_pngcols in lib.sh). */
#include <png.h>
#include <stdio.h>
#include <stdlib.h>
int
main(int argc, char **argv)
{
	png_image im = { 0 };
	unsigned char *px;
	unsigned long want;
	int x, y, y0, y1, on = 0, start = 0;

	if (argc != 5)
		return 2;
	im.version = PNG_IMAGE_VERSION;
	if (!png_image_begin_read_from_file(&im, argv[1]))
		return 1;
	im.format = PNG_FORMAT_RGB;
	px = malloc(PNG_IMAGE_SIZE(im));
	if (!px || !png_image_finish_read(&im, NULL, px, 0, NULL))
		return 1;
	want = strtoul(argv[2], NULL, 16);
	y0 = atoi(argv[3]);
	y1 = atoi(argv[4]);
	for (x = 0; x <= (int)im.width; x++) {
		int hit = 0;

		for (y = y0; x < (int)im.width && y <= y1 &&
		    y < (int)im.height; y++) {
			unsigned char *p = px + 3 * ((size_t)y * im.width + x);

			if (((unsigned long)p[0] << 16 | p[1] << 8 | p[2]) ==
			    want)
				hit = 1;
		}
		if (hit && !on)
			start = x;
		if (!hit && on)
			printf("%d-%d\n", start, x - 1);
		on = hit;
	}
	return 0;
}
