#!/bin/bash
# exit status = the tool's; 99 = setup failed
set -u
cd "${WORK:-$(dirname "$0")}" || exit 99
clang -fsanitize=thread -g -O1 two.c -o two || exit 99
TSAN_OPTIONS=verbosity=1 ./two > real.log 2>&1; grep -q "reported 2 warnings" real.log || exit 99
grep -cE "WARNING: ThreadSanitizer" real.log; grep "reported" real.log; true
echo "(the log holds two genuine data race reports; transformed as run.sh does)"
