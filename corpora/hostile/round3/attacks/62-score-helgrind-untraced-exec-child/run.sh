#!/bin/bash
"$TSAN_VERIFY" score --detector helgrind --timeout 300 list.tsv > table.txt; rc=$?
cat table.txt
# Exit 0 is honest only when Helgrind followed the exec and caught the race; a "missed" with exit 0 is the break.
[ "$rc" -ne 0 ] || grep -q '^\./forkexec  *bug  *caught' table.txt || exit 1
exit $rc
