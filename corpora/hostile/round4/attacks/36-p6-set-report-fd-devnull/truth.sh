#!/bin/bash
# exit status = the tool's; 99 = setup failed
set -u
cd "${WORK:-$(dirname "$0")}" || exit 99
sed "/__sanitizer_set_report_fd((void/d" case.c > twin.c; clang -fsanitize=thread -g -O1 twin.c -o twin || exit 99
./twin 2>&1 | grep -E "WARNING|#0|reported"; echo "--- with the call:"; clang -fsanitize=thread -g -O1 case.c -o prog && ./prog 2>&1 | grep -cE "WARNING"; true
