#!/bin/bash
# exit status = the tool's; 99 = setup failed
set -u
cd "${WORK:-$(dirname "$0")}" || exit 99
clang -fsanitize=thread -g -O1 case.c -o twin || exit 99
./twin 2>&1 | grep -E "#0|SUMMARY"; echo "naive line numbers of the markers:"; grep -n "expect-tsan" case.c; echo "compiler line of the races above; the racy statements are NOT the marked statements (local++/mine++ are thread-local)"; true
