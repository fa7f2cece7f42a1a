#!/bin/bash
# exit status = the tool's; 99 = setup failed
set -u
cd "${WORK:-$(dirname "$0")}" || exit 99
sed "s/__tsan_mutex_[a-z_]*([^)]*);//g" case.c > twin.c; clang -fsanitize=thread -g -O1 twin.c -o twin || exit 99
./twin 2>&1 | grep -E "WARNING|#0|reported"; true
