#!/bin/bash
# exit status = the tool's; 99 = setup failed
set -u
cd "${WORK:-$(dirname "$0")}" || exit 99
clang -fsanitize=thread -g -O1 case.c lib.c -o twin || exit 99
TSAN_OPTIONS=second_deadlock_stack=1 ./twin 2>&1 | grep -vE "^ *$" | head -40; true
