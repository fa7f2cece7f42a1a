#!/usr/bin/env bash
cd "$WORK"
"$TSAN_VERIFY" --cc gcc --cflags "-fsanitize=thread -g -pthread --param=tsan-instrument-func-entry-exit=0" racy.c
