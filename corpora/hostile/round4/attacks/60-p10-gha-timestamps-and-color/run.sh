#!/bin/bash
# exit status = the tool's; 99 = setup failed
set -u
cd "$WORK" || exit 99
clang -fsanitize=thread -g -O1 two.c -o two || exit 99
TSAN_OPTIONS=verbosity=1 ./two > real.log 2>&1; grep -q "reported 2 warnings" real.log || exit 99
python3 - <<'E' || exit 99
import re
out=[]
for i,l in enumerate(open('real.log').read().splitlines()):
    l=l.replace('ThreadSanitizer','\x1b[1m\x1b[31mThread\x1b[0mSanitizer').replace('#0','\x1b[34m#0\x1b[0m')
    out.append('2024-05-01T10:00:%02d.1234567Z %s' % (i%60, l))
open('ci.log','w').write('\n'.join(out)+'\n')
E
nice "$TSAN_VERIFY" parse ci.log
