#!/bin/bash
clang -fsanitize=thread -g -O1 spin.c -o spin || exit 99
TSAN_OPTIONS=verbosity=1 ./spin > ci.log 2>&1
"$TSAN_VERIFY" parse ci.log
