#!/bin/sh
# once: reads the source, runs no binary
# t062-source-rules.sh: the rules the headers state about the source tree
# hold: (a) every .c file includes util/banned.h after all its other
# headers, and each function it bans is a compile error that names it; (b)
# the core (src/core/) never prints and never exits: no stdio output, no
# exit or abort, no standard streams.
. "${0%/*}/lib.sh"

# --- (a) banned.h, last -----------------------------------------------------
bad=
for f in $(cd "$REPO" && find src -name '*.c' | sort); do
	last=$(grep '^[ \t]*#[ \t]*include' "$REPO/$f" | tail -n 1)
	case $last in
	*'"util/banned.h"'*) ;;
	*) bad="$bad $f" ;;
	esac
done
[ -z "$bad" ] || fail "util/banned.h is not the last include of:$bad"

# Each ban bites: a call of the function after the header does not compile,
# and the compiler's message names it.
CC=${CC:-cc}
command -v "$CC" >/dev/null 2>&1 || { echo "skip: no C compiler"; exit 0; }
n=0
while IFS='|' read -r name call; do
	cat >ban.c <<EOC
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "util/banned.h"
int f(char *d, const char *s, char **p);
int f(char *d, const char *s, char **p)
{
	(void)d; (void)s; (void)p;
	$call;
	return 0;
}
EOC
	if "$CC" -std=c11 -I"$REPO/src" -c -o ban.o ban.c 2>ban.err; then
		fail "$name compiled after util/banned.h"
	fi
	grep -q "sorry_${name}_is_banned" ban.err ||
	    fail "the error for $name does not name it: $(head -n 3 ban.err)"
	n=$((n + 1))
done <<'EOF2'
strcpy|strcpy(d, s)
strcat|strcat(d, s)
strncpy|strncpy(d, s, 3)
sprintf|sprintf(d, "%s", s)
vsprintf|vsprintf(d, s, *(va_list *)p)
strtok|(void)strtok(d, s)
atoi|(void)atoi(s)
atof|(void)atof(s)
gets|(void)gets(d)
system|(void)system(s)
popen|(void)popen(s, "r")
EOF2
expect_eq 11 "$n" "banned functions tried"
# ... and the same file without the call compiles: the harness is sound.
sed -i '/^\t[a-z(].*;$/{/return 0/!d}' ban.c
"$CC" -std=c11 -I"$REPO/src" -c -o ban.o ban.c 2>ban.err ||
    fail "the harness does not compile without a banned call: $(cat ban.err)"

# --- (b) the core never prints and never exits ------------------------------
# core_check DIR: the calls and streams of DIR/*.c that print or exit.
# Comments and string literals are blanked first, so that words in them
# do not count.
core_check() {
	for _f in "$1"/*.c; do
		sed -e 's|/\*.*\*/||g' -e 's|"[^"]*"|""|g' "$_f" |
		    awk '/\/\*/ { c = 1 } c { if (/\*\//) c = 0; next } { print }' |
		    grep -nE '(^|[^A-Za-z0-9_])(printf|fprintf|vfprintf|puts|fputs|putchar|perror|exit|_exit|abort)[ \t]*\(|(^|[^A-Za-z0-9_])(stdout|stderr)([^A-Za-z0-9_]|$)' |
		    sed "s|^|${_f##*/}:|"
	done
}
core_check "$REPO/src/core" >core.out
[ ! -s core.out ] || fail "the core prints or exits: $(cat core.out)"

# The check finds what it is for, and not in comments or strings.
mkdir -p plant
printf '/* fprintf(stderr) */\nstatic const char *s = "exit(1)";\n' >plant/a.c
core_check plant >core.out
[ ! -s core.out ] || fail "the core check counts comments: $(cat core.out)"
for call in 'fprintf(stderr, "x");' 'exit(1);' 'abort ();' 'puts("x");' \
    'FILE *f = stdout;'; do
	printf 'static void p(void)\n{\n\t%s\n}\n' "$call" >plant/a.c
	core_check plant >core.out
	grep -q '^a.c:3:' core.out || fail "the core check misses: $call"
done
