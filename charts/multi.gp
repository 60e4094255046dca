# multi.gp - look of small multiples (all indicators of one measure).
set grid ytics ls 20
set border 3
set xtics nomirror out font pm_font.',7'
set ytics nomirror font pm_font.',7'
set title font pm_font.',9'
