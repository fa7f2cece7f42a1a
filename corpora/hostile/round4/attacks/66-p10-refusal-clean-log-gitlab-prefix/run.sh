#!/bin/bash
# exit status = the tool's; 99 = setup failed
set -u
cd "$WORK" || exit 99
clang -fsanitize=thread -g -O1 two.c -o two || exit 99
TSAN_OPTIONS=verbosity=1 ./two > real.log 2>&1; grep -q "reported 2 warnings" real.log || exit 99
sed 's/a = 2;/;/; s/b = 2;/;/' two.c > clean.c; clang -fsanitize=thread -g -O1 clean.c -o clean || exit 99
TSAN_OPTIONS=verbosity=1 ./clean > c.log 2>&1; grep -q WARNING c.log && exit 99
awk '{printf "2024-05-01T10:00:00.123456Z 00O %s\n", $0}' c.log > ci.log
nice "$TSAN_VERIFY" parse ci.log
