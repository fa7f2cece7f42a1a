#!/bin/bash
# exit status = the tool's; 99 = setup failed
set -u
cd "${WORK:-$(dirname "$0")}" || exit 99
clang -fsanitize=thread -g -O0 case.c -o twin || exit 99
./twin 2>&1 | grep -E "#0|SUMMARY"; TSAN_OPTIONS='stack_trace_format="    #%n %p in %f %s:%c"' ./twin 2>&1 | grep -E "#0"; true
