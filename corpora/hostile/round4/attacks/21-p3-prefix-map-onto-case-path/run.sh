#!/bin/bash
# exit status = the tool's; 99 = setup failed
set -u
cd "$WORK" || exit 99
clang -fsanitize=thread -g -O1 -ffile-prefix-map=$WORK/lib=$WORK/tests -c $WORK/lib/race.c -o lib/race.o && clang -fsanitize=thread -g -O1 $WORK/tests/race.c lib/race.o -o prog || exit 99
nice "$TSAN_VERIFY" --binary ./prog tests/race.c
