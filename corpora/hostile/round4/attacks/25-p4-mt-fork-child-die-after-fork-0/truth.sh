#!/bin/bash
# exit status = the tool's; 99 = setup failed
set -u
cd "${WORK:-$(dirname "$0")}" || exit 99
clang -fsanitize=thread -g -O1 case.c -o twin || exit 99
TSAN_OPTIONS=die_after_fork=0 ./twin 2>&1 | grep -E "WARNING|Dying|own|reported|SUMMARY"; echo rc=$?; true
