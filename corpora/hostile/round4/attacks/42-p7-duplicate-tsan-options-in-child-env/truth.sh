#!/bin/bash
# exit status = the tool's; 99 = setup failed
set -u
cd "${WORK:-$(dirname "$0")}" || exit 99
clang -fsanitize=thread -g -O1 case.c -o prog || exit 99
TSAN_OPTIONS=verbosity=0 ./prog 2>&1 | grep -cE "WARNING"; sed "s/env\[0\] = \"TSAN_OPTIONS=report_bugs=0\";/env[0] = \"X=1\";/" case.c > twin.c; clang -fsanitize=thread -g -O1 twin.c -o twin && echo "--- twin:" && ./twin 2>&1 | grep -E "WARNING|reported"; true
