#!/bin/bash
# exit status = the tool's; 99 = setup failed
set -u
cd "$WORK" || exit 99
clang -fsanitize=thread -g -O1 two.c -o two || exit 99
TSAN_OPTIONS=verbosity=1 ./two > real.log 2>&1; grep -q "reported 2 warnings" real.log || exit 99
TSAN_OPTIONS=verbosity=1 ./two > real2.log 2>&1
python3 - <<'E' || exit 99
a=open('real.log').read().splitlines(); b=open('real2.log').read().splitlines()
out=[]
for i in range(max(len(a),len(b))):
    if i<len(a): out.append(a[i])
    if i<len(b): out.append(b[i])
open('ci.log','w').write('\n'.join(out)+'\n')
E
nice "$TSAN_VERIFY" parse ci.log
