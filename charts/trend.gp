# trend.gp - look of an indicator's trend chart.
set grid ytics ls 20
set border 3
set xtics nomirror out
set ytics nomirror
set key at screen 0.5, screen 0.875 center top horizontal font pm_font.',9' samplen 2
set style fill solid 0.45 noborder
set boxwidth 0.45 relative
set tmargin 7
set bmargin 4
