#!/bin/bash
# exit status = the tool's; 99 = setup failed
set -u
cd "$WORK" || exit 99
clang -fsanitize=thread -g -O1 case.c -o prog || exit 99
TSAN_OPTIONS="include_if_exists=$WORK/%b.opts" nice "$TSAN_VERIFY" ./prog
