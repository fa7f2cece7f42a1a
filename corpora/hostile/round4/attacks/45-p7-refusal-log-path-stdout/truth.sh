#!/bin/bash
# exit status = the tool's; 99 = setup failed
set -u
cd "${WORK:-$(dirname "$0")}" || exit 99
clang -fsanitize=thread -g -O1 case.c -o twin && TSAN_OPTIONS=log_path=stdout ./twin 2>/dev/null | grep -E "WARNING|#0|reported"; true
