#!/bin/bash
# exit status = the tool's; 99 = setup failed
set -u
cd "${WORK:-$(dirname "$0")}" || exit 99
clang -fsanitize=thread -g -O1 race.c lib/race.c -o twin || exit 99
./twin 2>&1 | grep -E "#0|SUMMARY"; echo "--- with the fake symbolizer:"; chmod +x bin/llvm-symbolizer; CASE=$PWD/race.c TSAN_SYMBOLIZER_PATH=$PWD/bin/llvm-symbolizer ./twin 2>&1 | grep -E "#0|SUMMARY"; true
