#!/bin/bash
# exit status = the tool's; 99 = setup failed
set -u
cd "${WORK:-$(dirname "$0")}" || exit 99
sed -i "s/__attribute__((no_sanitize_thread)) //" src/counter.c; gcc -fsanitize=thread -g -O1 -Iinclude src/counter.c tests/t.c -o twin -pthread && ./twin 2>&1 | grep -E "WARNING|SUMMARY|reported"; true
