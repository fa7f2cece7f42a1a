#!/bin/bash
# exit status = the tool's; 99 = setup failed
set -u
cd "${WORK:-$(dirname "$0")}" || exit 99
clang -fsanitize=thread -g -O1 case.c -o prog || exit 99
./prog 2>&1 | grep -cE "WARNING"; echo "--- with include_if_exists=%b.opts:"; TSAN_OPTIONS="include_if_exists=$PWD/%b.opts" ./prog 2>&1 | grep -cE "WARNING"; true
