#!/bin/bash
# exit status = the tool's; 99 = setup failed
set -u
cd "${WORK:-$(dirname "$0")}" || exit 99
clang -fsanitize=thread -g -O1 case.c -o twin && TSAN_OPTIONS=verbosity=2 ./twin 2>&1 | grep -E "WARNING|#0|reported"; true
