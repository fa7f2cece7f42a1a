#!/bin/bash
# exit status = the tool's; 99 = setup failed
set -u
cd "$WORK" || exit 99
clang -fsanitize=thread -g -O1 two.c -o two || exit 99
TSAN_OPTIONS=verbosity=1 ./two > real.log 2>&1; grep -q "reported 2 warnings" real.log || exit 99
python3 - <<'E' || exit 99
t=open('real.log').read(); sep='==================\n'
parts=t.split(sep)
# parts: pre, r1, between, r2, post
assert len(parts)>=5, len(parts)
open('ci.log','w').write(parts[0]+sep+parts[1]+sep+parts[2]+parts[4])
E
nice "$TSAN_VERIFY" parse ci.log
