#!/bin/bash
# exit status = the tool's; 99 = setup failed
set -u
cd "$WORK" || exit 99
chmod +x bin/llvm-symbolizer; clang -fsanitize=thread -g -O1 race.c lib/race.c -o prog || exit 99
CASE=$WORK/race.c TSAN_SYMBOLIZER_PATH=$WORK/bin/llvm-symbolizer nice "$TSAN_VERIFY" ./prog
