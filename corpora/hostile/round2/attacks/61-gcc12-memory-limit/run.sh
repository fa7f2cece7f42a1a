#!/usr/bin/env bash
cd "$WORK"
gcc -fsanitize=thread -g -O1 -pthread flush.c -o f12 || exit 3
TSAN_OPTIONS=memory_limit_mb=1 "$TSAN_VERIFY" ./f12
