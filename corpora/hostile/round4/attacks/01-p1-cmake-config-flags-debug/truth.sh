#!/bin/bash
# exit status = the tool's; 99 = setup failed
set -u
cd "${WORK:-$(dirname "$0")}" || exit 99
# twin: the same library and test, built by hand with TSan on every file
cc -fsanitize=thread -g -O1 -Iinclude src/counter.c tests/t.c -o twin -pthread || exit 99
./twin 2>&1 | grep -E 'WARNING|SUMMARY|reported' ; true
