#!/bin/bash
# exit status = the tool's; 99 = setup failed
set -u
cd "${WORK:-$(dirname "$0")}" || exit 99
clang -fsanitize=thread -g -O1 -flto -fuse-ld=lld case.c -o prog || exit 99
./prog 2>&1 | grep -E "WARNING|#0|reported"; true
