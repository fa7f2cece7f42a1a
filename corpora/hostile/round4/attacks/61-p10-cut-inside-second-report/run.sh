#!/bin/bash
# exit status = the tool's; 99 = setup failed
set -u
cd "$WORK" || exit 99
clang -fsanitize=thread -g -O1 two.c -o two || exit 99
TSAN_OPTIONS=verbosity=1 ./two > real.log 2>&1; grep -q "reported 2 warnings" real.log || exit 99
n=$(grep -n "WARNING: ThreadSanitizer" real.log | sed -n 2p | cut -d: -f1); head -n $((n+3)) real.log > ci.log
nice "$TSAN_VERIFY" parse ci.log
