# bars.gp - look of bar charts (region comparison, scorecards).
set grid xtics ls 20
set border 3
set xtics nomirror out
set ytics nomirror scale 0 font pm_font.',9'
set style fill solid 0.85 noborder
set tmargin 5
set bmargin 4
set yzeroaxis lt -1 lw 1
