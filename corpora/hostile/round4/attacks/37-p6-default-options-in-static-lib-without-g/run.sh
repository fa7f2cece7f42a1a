#!/bin/bash
# exit status = the tool's; 99 = setup failed
set -u
cd "$WORK" || exit 99
clang -O1 -c opts.c -o opts.o && ar rcs libopts.a opts.o && clang -fsanitize=thread -g -O1 case.c -L. -lopts -Wl,--undefined=__tsan_default_options -o prog || exit 99
nice "$TSAN_VERIFY" ./prog
