#!/bin/bash
# exit status = the tool's; 99 = setup failed
set -u
cd "${WORK:-$(dirname "$0")}" || exit 99
clang-13 -fsanitize=thread -g -O2 case.c -o prog && ./prog 2>&1 | grep -E "WARNING|#0|reported"; true
