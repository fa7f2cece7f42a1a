#!/bin/bash
# exit status = the tool's; 99 = setup failed
set -u
cd "${WORK:-$(dirname "$0")}" || exit 99
clang -fsanitize=thread -g -O1 case.c -o twin || exit 99
./twin 2>&1 | grep -E "WARNING|#0|reported"; echo "--- linked with libopts.a:"; clang -O1 -c opts.c -o opts.o && ar rcs libopts.a opts.o && clang -fsanitize=thread -g -O1 case.c -L. -lopts -Wl,--undefined=__tsan_default_options -o prog && ./prog 2>&1 | grep -c WARNING; true
