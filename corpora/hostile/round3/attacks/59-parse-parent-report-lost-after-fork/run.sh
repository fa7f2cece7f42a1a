#!/bin/bash
clang -fsanitize=thread -g -O1 fl.c -o fl || exit 99
TSAN_OPTIONS=verbosity=1 ./fl > ci.log 2>&1
"$TSAN_VERIFY" parse ci.log
