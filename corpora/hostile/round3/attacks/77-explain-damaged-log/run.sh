#!/bin/bash
clang -fsanitize=thread -g -O1 partial.c -o partial || exit 99
TSAN_OPTIONS=verbosity=1 ./partial > full.log 2>&1
# the log as pasted into an issue: cut right after the first access's stack
n=$(grep -n 'Previous write' full.log | head -1 | cut -d: -f1)
head -n "$((n - 1))" full.log > pasted.log
"$TSAN_VERIFY" explain pasted.log
