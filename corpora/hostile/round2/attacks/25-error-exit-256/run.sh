#!/usr/bin/env bash
cd "$WORK"
gcc -g -pthread flush.c -o plain || exit 3
"$TSAN_VERIFY" --error-exit 256 --binary ./plain flush.c
