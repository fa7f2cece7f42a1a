#!/bin/bash
# exit status = the tool's; 99 = setup failed
set -u
cd "$WORK" || exit 99
clang -g -O1 helper.c -o helper -pthread || exit 99
clang -fsanitize=thread -g -O1 case.c -o prog || exit 99
nice "$TSAN_VERIFY" --binary ./prog case.c
