#!/bin/bash
# exit status = the tool's; 99 = setup failed
set -u
cd "$WORK" || exit 99
clang -fsanitize=thread -g -O1 two.c -o two || exit 99
TSAN_OPTIONS=verbosity=1 ./two > real.log 2>&1; grep -q "reported 2 warnings" real.log || exit 99
python3 -c "open('ci.log','wb').write(open('real.log').read().encode('utf-16'))" || exit 99
nice "$TSAN_VERIFY" parse ci.log
