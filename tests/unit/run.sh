#!/bin/sh
# tests/unit/run.sh - run cmocka test binaries and sum up.
#
#   sh tests/unit/run.sh build/default/tests/test_period ...
#
# Each binary runs with the repository root as its working directory (the
# tests read datasets/catalog from there), whatever directory this script
# is started from; relative binary paths are taken from the caller's
# directory. cmocka's own output is shown as it comes. The last line is
# "N passed, M failed" (N, M counting binaries); the exit status is 1 when
# any binary failed.

root=$(cd "$(dirname "$0")/../.." && pwd) || exit 1
here=$(pwd) || exit 1
npass=0
nfail=0
failed=

for t in "$@"; do
	case $t in
	/*) bin=$t ;;
	*) bin=$here/$t ;;
	esac
	if (cd "$root" && exec "$bin"); then
		npass=$((npass + 1))
	else
		nfail=$((nfail + 1))
		failed="$failed$t
"
	fi
done

if [ "$nfail" -gt 0 ]; then
	echo "failing test binaries:"
	printf '%s' "$failed" | while IFS= read -r t; do
		echo "  FAIL $t"
	done
fi
echo "$npass passed, $nfail failed"
[ "$nfail" -eq 0 ]
