#!/bin/bash
# exit status = the tool's; 99 = setup failed
set -u
cd "$WORK" || exit 99
clang -fsanitize=thread -g -O1 case.c lib.c -o prog || exit 99
nice "$TSAN_VERIFY" --binary ./prog case.c
