#!/bin/bash
clang -fsanitize=thread -g -O1 partial.c -o partial || exit 99
TSAN_OPTIONS=verbosity=1 ./partial > ci.log 2>&1
"$TSAN_VERIFY" parse ci.log
