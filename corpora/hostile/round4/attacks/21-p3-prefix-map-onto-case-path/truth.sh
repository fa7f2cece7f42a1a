#!/bin/bash
# exit status = the tool's; 99 = setup failed
set -u
cd "${WORK:-$(dirname "$0")}" || exit 99
clang -fsanitize=thread -g -O1 tests/race.c lib/race.c -o twin || exit 99
./twin 2>&1 | grep -E "#0|SUMMARY"; echo "the race is at lib/race.c:6; tests/race.c:6 (the marker) is single-threaded code"; true
