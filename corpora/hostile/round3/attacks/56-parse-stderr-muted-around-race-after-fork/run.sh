#!/bin/bash
clang -fsanitize=thread -g -O1 p.c -o p || exit 99
TSAN_OPTIONS=verbosity=1 ./p > ci.log 2>&1
"$TSAN_VERIFY" parse ci.log
