#!/bin/bash
# exit status = the tool's; 99 = setup failed
set -u
cd "${WORK:-$(dirname "$0")}" || exit 99
sed "s/__attribute__((disable_sanitizer_instrumentation)) //" case.c > twin.c; clang -fsanitize=thread -g -O1 twin.c -o twin && ./twin 2>&1 | grep -E "WARNING|SUMMARY|reported"; true
