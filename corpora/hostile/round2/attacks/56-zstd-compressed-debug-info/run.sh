#!/usr/bin/env bash
cd "$WORK"
clang-16 -fsanitize=thread -g -gz=zstd -O1 -pthread r2.c -o r2 || exit 3
"$TSAN_VERIFY" --binary ./r2 r2.c
