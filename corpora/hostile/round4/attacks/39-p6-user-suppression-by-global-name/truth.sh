#!/bin/bash
# exit status = the tool's; 99 = setup failed
set -u
cd "${WORK:-$(dirname "$0")}" || exit 99
clang -fsanitize=thread -g -O1 case.c -o twin || exit 99
./twin 2>&1 | grep -E "WARNING|#0|reported"; echo "--- with the rule:"; TSAN_OPTIONS="suppressions=$PWD/my.supp" ./twin 2>&1 | grep -cE "WARNING"; true
