#!/bin/bash
# exit status = the tool's; 99 = setup failed
set -u
cd "${WORK:-$(dirname "$0")}" || exit 99
cp case.c twin.c; clang -fsanitize=thread -g -O1 twin.c -o twin -pthread  || exit 99
./twin 2>&1 | grep -E "WARNING|#0|SUMMARY|reported"; true
grep -n "expect-tsan" case.c; echo "(all inside string literals: no marker comment)"
