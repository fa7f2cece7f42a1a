#!/bin/bash
# exit status = the tool's; 99 = setup failed
set -u
cd "${WORK:-$(dirname "$0")}" || exit 99
clang -fsanitize=thread -g -O1 -Iinclude src/counter.c tests/t.c -o twin -pthread || exit 99
./twin 2>&1 | grep -E "WARNING|SUMMARY|reported"; echo "--- with the ignorelist:"; clang -fsanitize=thread -fsanitize-ignorelist=$PWD/ign.txt -g -O1 -Iinclude src/counter.c tests/t.c -o twin2 -pthread && ./twin2 2>&1 | grep -cE "WARNING"; true
