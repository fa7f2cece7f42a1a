#!/bin/bash
# tsan-verify EXE (no flags, no compiler reading): a second marker inside #if 0, which no run can hit.
cd "$WORK"; clang -fsanitize=thread -g -O1 case.c -o prog || exit 99
"$TSAN_VERIFY" ./prog
