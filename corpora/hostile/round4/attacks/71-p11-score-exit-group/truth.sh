#!/bin/bash
# exit status = the tool's; 99 = setup failed
set -u
cd "${WORK:-$(dirname "$0")}" || exit 99
clang -fsanitize=thread -g -O1 p.c -o p || exit 99
TSAN_OPTIONS=verbosity=1 ./p 2>&1 | grep -E "WARNING|reported"; true
