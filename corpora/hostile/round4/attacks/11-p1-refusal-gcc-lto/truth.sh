#!/bin/bash
# exit status = the tool's; 99 = setup failed
set -u
cd "${WORK:-$(dirname "$0")}" || exit 99
gcc -fsanitize=thread -g -O2 -flto case.c -o prog -pthread || exit 99
./prog 2>&1 | grep -E "WARNING|#0|reported"; true
