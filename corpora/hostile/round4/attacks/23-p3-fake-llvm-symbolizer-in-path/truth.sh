#!/bin/bash
# exit status = the tool's; 99 = setup failed
set -u
cd "${WORK:-$(dirname "$0")}" || exit 99
clang -fsanitize=thread -g -O1 race.c lib/race.c -o twin || exit 99
./twin 2>&1 | grep -E "#0|SUMMARY"; chmod +x bin/llvm-symbolizer; echo "--- with the fake:"; CASE=$PWD/race.c PATH=$PWD/bin:$PATH ./twin 2>&1 | grep -E "#0|SUMMARY"; true
