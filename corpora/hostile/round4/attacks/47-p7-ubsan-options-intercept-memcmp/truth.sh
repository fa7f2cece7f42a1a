#!/bin/bash
# exit status = the tool's; 99 = setup failed
set -u
cd "${WORK:-$(dirname "$0")}" || exit 99
clang -fsanitize=thread -g -O0 case.c -o twin || exit 99
./twin 2>&1 | grep -E "WARNING|#0|#1"; echo "--- UBSAN_OPTIONS=intercept_memcmp=0:"; UBSAN_OPTIONS=intercept_memcmp=0 ./twin 2>&1 | grep -cE "WARNING"; true
