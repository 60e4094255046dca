# common.gp - what every pemetrics chart shares. Loaded before the terminal
# is set; holds no data and no text from input files. Edit to restyle.

# A font with Chinese glyphs (Debian: fonts-noto-cjk). Without one,
# fontconfig silently picks a font that draws Chinese as empty boxes.
pm_font = 'Noto Sans CJK SC'

set style line 1 lc rgb '#1565c0' lw 2 pt 7 ps 0.9    # the series
set style line 2 lc rgb '#1565c0' lw 2 pt 6 ps 1.1    # partial period (hollow)
set style line 3 lc rgb '#90a4ae' lw 1                # YoY bars
set style line 4 lc rgb '#c62828' lw 1.5 dt 2 pt 9 ps 1.4  # target
set style line 5 lc rgb '#1565c0' lw 1.5 dt 2         # projection
set style line 10 lw 1                                # bars (colour per bar)
set style line 20 lc rgb '#dddddd' lw 1               # grid
